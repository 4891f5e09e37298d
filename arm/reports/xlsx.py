"""``TableDoc`` to an Excel workbook, streamed (write-only) so 100,000 rows fit in memory."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from arm.reports.document import TableDoc

_THIN = Side(style="thin", color="808080")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_WRAP = Alignment(wrap_text=True, vertical="top")
_CENTER = Alignment(wrap_text=True, horizontal="center", vertical="center")


def _cell(ws: Worksheet, value: object, *, bold: bool = False, box: bool = False, center: bool = False,
          size: int | None = None) -> WriteOnlyCell:
    cell = WriteOnlyCell(ws, value=value)
    if bold or size:
        cell.font = Font(bold=bold, size=size or 11)
    if box:
        cell.border = _BOX
    cell.alignment = _CENTER if center else _WRAP
    return cell


def write_xlsx(doc: TableDoc, path: Path, sheet_title: str = "Journal") -> int:
    """Write ``doc``; returns the number of data rows written."""
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(sheet_title[:31])
    for i, width in enumerate(doc.widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.freeze_panes = f"A{len(doc.header_lines) + 5}" if doc.numbered_heads else None
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
            # Plain values: a styled cell costs several times a plain one, and
            # 100,000-row journals must export in seconds, not minutes.
            ws.append(row)
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
