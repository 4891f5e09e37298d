"""PDF cells are broken into lines exactly where a reportlab Paragraph would break them, never inside a word.

The PDF writer draws journal cells as plain table text broken by
``pdf._fit`` (several times cheaper than a Paragraph per cell); the lines
must be the ones the Paragraph layout produces. A word wider than its column
is never cut: the cell is set in a smaller type in which the word fits.
"""

from __future__ import annotations

import pytest
from reportlab.lib.pagesizes import A4, landscape

from arm.reports import exporter, pdf
from arm.reports.document import display
from db.queries.filters import JournalFilter


def _paragraph_lines(text: str, width: float, style=None) -> list[str]:
    p = pdf.para(text, style or pdf.styles()["cell"])
    p.wrap(width - 4, 10_000)
    if p.blPara.kind == 0:  # one fragment: (unused width, words) per line
        return [" ".join(words) for _, words in p.blPara.lines]
    return ["".join(frag.text for frag in line.words) for line in p.blPara.lines]  # entities split fragments


AWKWARD = [
    "Шәріпов Һадис Іңкәрұлы",
    "нарушение подтверждено",
    "Әбілқасымов  Нұрлан\tӨмірұлы  ",
    "первая строка\nвторая   строка, подлиннее прочих",
    "BRC-1029384756102938475610293847561029384756",
    "a & b < c > d",
    "оченьдлинноесловобезпробеловкотороенепомещаетсявстолбец и хвост",
]


@pytest.mark.parametrize("width", [20.0, 35.0, 60.0, 120.0])
@pytest.mark.parametrize("text", AWKWARD)
def test_awkward_texts_break_like_a_paragraph(text, width):
    style = pdf.styles()["cell"]
    fitted = pdf._fit(text, width, style)
    if pdf.longest_word(text, style.fontName, style.fontSize) > width - pdf.PADDING:
        assert not isinstance(fitted, str)  # a smaller type, the word whole
        small = fitted.style
        fits = pdf.longest_word(text, small.fontName, small.fontSize) <= width - pdf.PADDING
        assert fits or small.fontSize == pdf.MIN_FONT
        assert small.splitLongWords == 0  # whole words, none cut
        return
    want = [line for part in text.split("\n") for line in _paragraph_lines(part, width)]
    assert fitted.split("\n") == want


def test_every_cell_of_a_journal_breaks_like_a_paragraph(journal_db, supervisor):
    style = pdf.styles()["cell"]
    with journal_db.db.begin() as s:
        doc = exporter.build_doc(s, supervisor, "violations", JournalFilter(), lang="kk")
        rows = [[display(v) for v in row] for row in doc.sections[0].rows]
        page = landscape(A4)[0] - 2 * pdf.MARGIN
        st = pdf.scaled(pdf.styles(), pdf.type_scale(doc.headers, rows, page, pdf.styles()))
        style = st["cell"]
        widths = pdf.content_widths(doc.headers, rows, doc.widths, page, st)
        cells = [(str(v), w) for row in rows for v, w in zip(row, widths, strict=True) if v != ""]
    assert len(cells) > 100
    wrapped = 0
    for text, width in cells:
        fitted = pdf._fit(text, width, style)
        assert isinstance(fitted, str), text  # the widths come from the content: every word fits
        lines = fitted.split("\n")
        assert lines == _paragraph_lines(text, width, style), text
        wrapped += len(lines) > 1
    assert wrapped > 10  # the narrow columns really wrap
