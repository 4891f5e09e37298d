"""``TableDoc`` to PDF (reportlab), A4 landscape, with the DejaVu font embedded.

Rows are laid out in tables of ``CHUNK`` rows so a long journal does not make
reportlab measure one enormous table; every page repeats the column heads and
carries "page N" and the time the document was produced.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from itertools import chain, islice
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import LongTable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from arm.reports import fonts
from arm.reports.document import TableDoc, display

CHUNK = 300
MARGIN = 12 * mm


def styles() -> dict[str, ParagraphStyle]:
    """The forms' paragraph styles; none ever splits a word, a number or an IIN (``splitLongWords=0``)."""
    regular, bold = fonts.register()
    made = {
        "title": ParagraphStyle("title", fontName=bold, fontSize=12, leading=15, alignment=1, spaceAfter=4),
        "line": ParagraphStyle("line", fontName=regular, fontSize=9, leading=12, alignment=1),
        "left": ParagraphStyle("left", fontName=regular, fontSize=9, leading=12),
        "head": ParagraphStyle("head", fontName=bold, fontSize=7, leading=8.5, alignment=1),
        "cell": ParagraphStyle("cell", fontName=regular, fontSize=7, leading=8.5),
        "section": ParagraphStyle("section", fontName=bold, fontSize=9, leading=12, spaceBefore=6, spaceAfter=3),
        "sign": ParagraphStyle("sign", fontName=regular, fontSize=9, leading=14, spaceBefore=8),
        "demo": ParagraphStyle("demo", fontName=bold, fontSize=11, leading=14, alignment=1,
                               textColor=colors.HexColor("#b71c1c"), spaceAfter=4),
    }
    for style in made.values():
        style.splitLongWords = 0
    return made


def para(text: Any, style: ParagraphStyle) -> Paragraph:
    """Escaped text as a wrapping paragraph (line breaks kept)."""
    return Paragraph(escape("" if text is None else str(text)).replace("\n", "<br/>"), style)


def _table_style(head_rows: int, cell: ParagraphStyle | None = None) -> TableStyle:
    regular, _ = fonts.register()
    size, leading = (cell.fontSize, cell.leading) if cell is not None else (7, 8.5)
    return TableStyle([
        ("FONT", (0, head_rows), (-1, -1), regular, size, leading),
        ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("BACKGROUND", (0, 0), (-1, head_rows - 1), colors.HexColor("#eeeeee")),
        ("LEFTPADDING", (0, 0), (-1, -1), 2),
        ("RIGHTPADDING", (0, 0), (-1, -1), 2),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
    ])


def col_widths(widths: list[int], available: float) -> list[float]:
    total = sum(widths) or 1
    return [available * w / total for w in widths]


PADDING = 4.0  # LEFTPADDING + RIGHTPADDING of a cell
MIN_FONT = 4.0  # the smallest type a cell is set in; a still wider word overflows its cell whole


def longest_word(text: Any, font: str, size: float) -> float:
    """The width of the widest unbreakable piece (word, number, IIN) of ``text``."""
    words = str("" if text is None else text).split()
    return max((stringWidth(w, font, size) for w in words), default=0.0)


def type_scale(headers: list[str], rows: list[list[Any]], available: float, st: dict[str, ParagraphStyle]) -> float:
    """How much smaller the table's type must be for every column's longest word to fit the page (1 = none)."""
    head, cell = st["head"], st["cell"]
    need = 0.0
    for i, h in enumerate(headers):
        widest = longest_word(h, head.fontName, head.fontSize)
        for row in rows:
            widest = max(widest, longest_word(row[i], cell.fontName, cell.fontSize))
        need += widest + PADDING + 0.5
    if need <= available:
        return 1.0
    words = need - len(headers) * (PADDING + 0.5)
    return max(0.6, (available - len(headers) * (PADDING + 0.5)) / words - 0.005)


def scaled(st: dict[str, ParagraphStyle], scale: float) -> dict[str, ParagraphStyle]:
    """The head and cell styles ``scale`` times smaller (the rest as they are)."""
    if scale >= 1.0:
        return st
    out = dict(st)
    for key in ("head", "cell"):
        base = st[key]
        out[key] = ParagraphStyle(f"{key}-scaled", parent=base, fontSize=base.fontSize * scale,
                                  leading=base.leading * scale)
        out[key].splitLongWords = 0
    return out


def content_widths(headers: list[str], rows: list[list[Any]], weights: list[int], available: float,
                   st: dict[str, ParagraphStyle]) -> list[float]:
    """Column widths from the content: each column at least as wide as its longest word, the rest by weight.

    A column never gets narrower than the widest word of its head and of its
    cells (so "Категория" or an IIN stays whole); the room left is shared in
    proportion to the declared weights. When even the words do not fit the
    page, the minimums shrink together and :func:`_fit` sets such a cell in a
    smaller type rather than splitting it.
    """
    head, cell = st["head"], st["cell"]
    mins = []
    for i, h in enumerate(headers):
        widest = longest_word(h, head.fontName, head.fontSize)
        for row in rows:
            widest = max(widest, longest_word(row[i], cell.fontName, cell.fontSize))
        mins.append(widest + PADDING + 0.5)
    if sum(mins) >= available:  # the caller sets the table in a smaller type (see :func:`type_scale`)
        return [available * m / sum(mins) for m in mins]
    target = col_widths(weights, available)
    want = [max(m, t) for m, t in zip(mins, target, strict=True)]
    excess = sum(want) - available
    if excess > 0:  # take it from the columns above their minimum, in proportion to their slack
        slack = [w - m for w, m in zip(want, mins, strict=True)]
        total = sum(slack)
        want = [w - excess * sl / total for w, sl in zip(want, slack, strict=True)]
    return want


def footer(produced: str, page_label: str) -> Any:
    """Page decoration: when the document was produced, and the page number."""
    def draw(canvas: Canvas, doc: Any) -> None:
        regular, _ = fonts.register()
        canvas.saveState()
        canvas.setFont(regular, 7)
        canvas.drawString(MARGIN, 7 * mm, produced)
        canvas.drawRightString(doc.pagesize[0] - MARGIN, 7 * mm, f"{page_label} {doc.page}")
        canvas.restoreState()

    return draw


def new_document(path: Path, title: str, *, wide: bool = True) -> SimpleDocTemplate:
    path.parent.mkdir(parents=True, exist_ok=True)
    return SimpleDocTemplate(
        str(path), pagesize=landscape(A4) if wide else A4, title=title, author="ARM",
        leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN, bottomMargin=14 * mm,
    )


def write_pdf(doc: TableDoc, path: Path, produced: str, page_label: str = "Page") -> int:
    """Write ``doc``; returns the number of data rows written."""
    st = styles()
    pdf = new_document(path, doc.title)
    # the first rows of each section decide the column widths (streamed journals are read once)
    sections = [(sec, list(islice(iter(sec.rows), CHUNK))) for sec in doc.sections]
    sample = [[display(v) for v in row] for _, first in sections for row in first]
    st = scaled(st, type_scale(doc.headers, sample, pdf.width, st))
    widths = content_widths(doc.headers, sample, doc.widths, pdf.width, st)
    story: list[Any] = []
    if doc.marker:
        story.append(para(doc.marker, st["demo"]))
    story.append(para(doc.title, st["title"]))
    story += [para(line, st["line"]) for line in doc.header_lines]
    story.append(Spacer(1, 4 * mm))
    head = [[_fit_para(h, w, st["head"]) for h, w in zip(doc.headers, widths, strict=True)]]
    if doc.numbered_heads:
        head.append([para(i, st["head"]) for i in range(1, len(doc.headers) + 1)])
    total = 0
    for section, first in sections:
        if section.heading:
            story.append(para(section.heading, st["section"]))
        chunk: list[list[Any]] = []
        wrote_any = False
        rest = section.rows if isinstance(section.rows, Iterator) else iter(list(section.rows)[len(first):])
        for row in chain(first, rest):
            chunk.append([_fit(display(v), w, st["cell"]) for v, w in zip(row, widths, strict=True)])
            total += 1
            if len(chunk) == CHUNK:
                story.append(_chunk_table(head, chunk, widths, st["cell"]))
                chunk, wrote_any = [], True
        if chunk or not wrote_any:
            story.append(_chunk_table(head, chunk, widths, st["cell"]))
    doc.counted.append(total)
    if doc.total_label:
        story.append(Spacer(1, 3 * mm))
        story.append(para(f"{doc.total_label}: {total}", st["left"]))
    for line in doc.signatures:
        story.append(para(line, st["sign"]))
    pdf.build(story, onFirstPage=footer(produced, page_label), onLaterPages=footer(produced, page_label))
    return total


def _fit(value: Any, width: float, style: ParagraphStyle) -> str | Paragraph:
    """A cell's text, broken into lines that fit the column (as a Paragraph would break it).

    A Paragraph per cell costs an HTML parse and is measured three times
    (table height, page split, drawing); a journal cell is plain text in one
    font, so breaking it here and letting the table draw the lines is several
    times cheaper and looks the same. Lines break only between words: a word
    wider than the column (rare: the widths come from the content) is set in
    a smaller type so it stays whole.
    """
    text = "" if value is None else str(value)
    avail = width - PADDING
    font, size = style.fontName, style.fontSize
    if "\n" not in text and stringWidth(text, font, size) <= avail:
        return text
    if longest_word(text, font, size) > avail:
        return _fit_para(text, width, style)
    shrink = style.spaceShrinkage
    return "\n".join(line for part in text.split("\n") for line in _wrap(part, font, size, avail, shrink))


def _fit_para(text: Any, width: float, style: ParagraphStyle) -> Paragraph:
    """``text`` as a Paragraph whose type is small enough for its longest word to fit ``width``."""
    widest = longest_word(text, style.fontName, style.fontSize)
    avail = width - PADDING
    if widest <= avail:
        return para(text, style)
    size = max(MIN_FONT, style.fontSize * avail / widest - 0.05)
    smaller = ParagraphStyle(f"{style.name}-small", parent=style, fontSize=size, leading=size * 1.2)
    smaller.splitLongWords = 0
    return para(text, smaller)


def _wrap(text: str, font: str, size: float, avail: float, shrink: float = 0.0) -> list[str]:
    """Greedy word wrap as reportlab's Paragraph does it (whitespace collapsed).

    Like Paragraph, a line may take a word more if its spaces shrink by
    ``shrink`` (style.spaceShrinkage) of a space each. A word too long for a
    whole line is cut by characters, its first piece filling what is left of
    the current line, as Paragraph's splitLongWords does.
    """
    lines: list[str] = []
    space = stringWidth(" ", font, size)
    line, used, words = "", 0.0, 0
    for word in text.split():
        w = stringWidth(word, font, size)
        if line and used + space + w <= avail + shrink * space * words:
            line, used, words = f"{line} {word}", used + space + w, words + 1
            continue
        if w > avail:
            cut = _prefix(word, avail - used - space if line else avail, font, size)
            if cut:
                line = f"{line} {word[:cut]}" if line else word[:cut]
                word = word[cut:]
            lines.append(line)
            while stringWidth(word, font, size) > avail:
                cut = _prefix(word, avail, font, size) or 1
                lines.append(word[:cut])
                word = word[cut:]
            line, used, words = word, stringWidth(word, font, size), 1
            continue
        if line:
            lines.append(line)
        line, used, words = word, w, 1
    if line or not lines:
        lines.append(line)
    return lines


def _prefix(word: str, room: float, font: str, size: float) -> int:
    """How many leading characters of ``word`` fit in ``room`` points."""
    n = 0
    while n < len(word) and stringWidth(word[: n + 1], font, size) <= room:
        n += 1
    return n


def _chunk_table(head: list[list[Any]], rows: list[list[Any]], widths: list[float],
                 cell: ParagraphStyle | None = None) -> Table:
    # LongTable splits page by page without re-measuring the whole remainder each time.
    table = LongTable(head + rows, colWidths=widths, repeatRows=len(head))
    table.setStyle(_table_style(len(head), cell))
    return table


def produced_line(label: str, when: datetime, tz_name: str) -> str:
    return f"{label}: {when.strftime('%d.%m.%Y %H:%M')} ({tz_name})"
