"""``TableDoc`` to an Excel workbook, streamed (write-only) so 100,000 rows fit in memory.

The title block, heads and totals go through openpyxl as styled cells. The
entries (plain, unstyled values: text and numbers) are most of the file, and
openpyxl's pure-Python XML writer spends about 25 µs on each such cell, so a
quarter's journal took 40 s. ``_FastSheet`` writes those rows' XML itself,
byte for byte what openpyxl would write (``tests/journals/test_xlsx_fast.py``
compares the two), and hands any value it does not handle the same way
(formulas, error codes, dates, odd characters, very long text) to openpyxl.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable, Iterator
from datetime import date, datetime
from math import isfinite
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ERROR_CODES, ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import to_excel
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from arm.reports.document import TableDoc

_THIN = Side(style="thin", color="808080")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_WRAP = Alignment(wrap_text=True, vertical="top")
_CENTER = Alignment(wrap_text=True, horizontal="center", vertical="center")
_FONTS: dict[tuple[bool, int], Font] = {}
_MAX_TEXT = 32_767  # openpyxl truncates longer text; leave that to it


def _font(bold: bool, size: int) -> Font:
    """One Font object per (bold, size): the head cells share them."""
    key = (bold, size)
    if key not in _FONTS:
        _FONTS[key] = Font(bold=bold, size=size)
    return _FONTS[key]


def _cell(ws: WriteOnlyWorksheet, value: object, *, bold: bool = False, box: bool = False, center: bool = False,
          size: int | None = None) -> WriteOnlyCell:
    cell = WriteOnlyCell(ws, value=value)
    if bold or size:
        cell.font = _font(bold, size or 11)
    if box:
        cell.border = _BOX
    cell.alignment = _CENTER if center else _WRAP
    return cell


class _PlainRow(list[Any]):
    """A row of unstyled values for the fast path (still a list for openpyxl's checks)."""


def _text_xml(ref: str, text: str) -> str | None:
    """``<c>`` of a string as openpyxl's etree writer makes it; None when openpyxl must decide."""
    if text == "":
        return f'<c r="{ref}" t="inlineStr" />'
    if (len(text) > 1 and text[0] == "=") or text in ERROR_CODES or len(text) > _MAX_TEXT \
            or ILLEGAL_CHARACTERS_RE.search(text):
        return None
    esc = text
    if "&" in esc:
        esc = esc.replace("&", "&amp;")
    if "<" in esc:
        esc = esc.replace("<", "&lt;")
    if ">" in esc:
        esc = esc.replace(">", "&gt;")
    stripped = text.strip()
    if stripped and stripped != text:
        return f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">{esc}</t></is></c>'
    return f'<c r="{ref}" t="inlineStr"><is><t>{esc}</t></is></c>'


#: how dates are shown in the workbook: typed cells (Excel sorts and filters them), read as on the forms
DATETIME_FORMAT = "DD.MM.YYYY HH:MM:SS"
DATE_FORMAT = "DD.MM.YYYY"


def typed_cell(ws: WriteOnlyWorksheet, value: date | datetime) -> WriteOnlyCell:
    """A date or (naive, desk-zone) time as a typed Excel cell in the forms' format."""
    cell = WriteOnlyCell(ws, value=value)
    cell.number_format = DATETIME_FORMAT if isinstance(value, datetime) else DATE_FORMAT
    return cell


def _naive_date(value: object) -> bool:
    return isinstance(value, date) and getattr(value, "tzinfo", None) is None


def _row_xml(values: Iterable[Any], row_idx: int, letters: list[str],
             date_style: Callable[[bool], int] | None = None) -> str | None:
    """A whole ``<row>`` of plain values, or None if one value needs openpyxl.

    Naive dates and times (the desk zone's wall clock) are written as typed
    cells with :data:`DATETIME_FORMAT` / :data:`DATE_FORMAT` when ``date_style``
    gives their style index, exactly as openpyxl writes :func:`typed_cell`.
    """
    parts = [f'<row r="{row_idx}">']
    for col, value in enumerate(values):
        if value is None:
            continue
        while len(letters) <= col:
            letters.append(get_column_letter(len(letters) + 1))
        ref = f"{letters[col]}{row_idx}"
        kind = type(value)
        if kind is str:
            cell = _text_xml(ref, value)
            if cell is None:
                return None
            parts.append(cell)
        elif (kind is int or kind is float) and isfinite(value):
            parts.append(f'<c r="{ref}" t="n"><v>{"%.16g" % value}</v></c>')  # noqa: UP031 (openpyxl's format)
        elif date_style is not None and (kind is datetime or kind is date) and getattr(value, "tzinfo", None) is None:
            serial = to_excel(value)
            parts.append(f'<c r="{ref}" s="{date_style(kind is datetime)}" t="n"><v>{"%.16g" % serial}</v></c>')  # noqa: UP031
        else:
            return None
    parts.append("</row>")
    return "".join(parts)


class _FastSheet(WriteOnlyWorksheet):
    """A write-only sheet that serialises ``_PlainRow`` rows directly (see the module docstring)."""

    _letters: list[str]
    _date_styles: dict[bool, int]

    def _date_style(self, with_time: bool) -> int:
        """The style index of a typed date (time) cell, registered at first use as openpyxl would."""
        if with_time not in self._date_styles:
            sample = datetime(2000, 1, 1) if with_time else date(2000, 1, 1)
            self._date_styles[with_time] = typed_cell(self, sample).style_id
        return self._date_styles[with_time]

    def _write_rows(self) -> Iterator[None]:
        # Same as WriteOnlyWorksheet._write_rows, with the plain-row branch added.
        self._letters = []
        self._date_styles = {}
        xf = self._writer.xf.send(True)
        raw = getattr(xf, "_file", None)  # et_xmlfile's writer; with lxml installed, always openpyxl's path
        with xf.element("sheetData"):
            row_idx = 1
            try:
                while True:
                    row = yield
                    text = _row_xml(row, row_idx, self._letters, self._date_style) \
                        if raw is not None and isinstance(row, _PlainRow) else None
                    if text is not None:
                        raw(text)
                    else:
                        if isinstance(row, _PlainRow):
                            row = [typed_cell(self, v) if _naive_date(v) else v for v in row]
                        self._writer.write_row(xf, self._values_to_row(row, row_idx), row_idx)
                    row_idx += 1
            except GeneratorExit:
                pass
        self._writer.xf.send(None)


def _new_sheet(wb: Workbook, title: str) -> _FastSheet:
    ws = _FastSheet(parent=wb, title=title)
    wb._add_sheet(ws)
    return ws


def _discard(ws: _FastSheet) -> None:
    """Close openpyxl's half-written sheet stream and remove its temporary file (cancel, bad value)."""
    writer = ws._writer
    if writer is None:
        return
    with contextlib.suppress(Exception):
        if ws._rows is not None:
            ws._rows.close()
        writer.xf.close()
    Path(writer.out).unlink(missing_ok=True)


def write_xlsx(doc: TableDoc, path: Path, sheet_title: str = "Journal") -> int:
    """Write ``doc``; returns the number of data rows written."""
    wb = Workbook(write_only=True)
    ws = _new_sheet(wb, sheet_title[:31])
    try:
        return _write(wb, ws, doc, path)
    except BaseException:
        _discard(ws)
        raise


def _write(wb: Workbook, ws: _FastSheet, doc: TableDoc, path: Path) -> int:
    for i, width in enumerate(doc.widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.freeze_panes = f"A{len(doc.header_lines) + 5 + bool(doc.marker)}" if doc.numbered_heads else None
    if doc.marker:
        ws.append([_cell(ws, doc.marker, bold=True, size=13)])
    ws.append([_cell(ws, doc.title, bold=True, size=13)])
    for line in doc.header_lines:
        ws.append([_cell(ws, line)])
    ws.append([])
    ws.append([_cell(ws, h, bold=True, box=True, center=True) for h in doc.headers])
    if doc.numbered_heads:
        ws.append([_cell(ws, i, box=True, center=True) for i in range(1, len(doc.headers) + 1)])
    total = 0
    for section in doc.sections:
        if section.heading:
            ws.append([_cell(ws, section.heading, bold=True)])
        for row in section.rows:
            ws.append(_PlainRow(row))
            total += 1
    doc.counted.append(total)
    if doc.total_label:
        ws.append([])
        ws.append([_cell(ws, doc.total_label, bold=True), _cell(ws, total, bold=True)])
    if doc.signatures:
        ws.append([])
        for line in doc.signatures:
            ws.append([_cell(ws, line)])
            ws.append([])
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return total
