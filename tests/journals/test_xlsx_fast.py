"""The fast XLSX writer produces the same workbook as openpyxl's own cell-by-cell path.

``_reference_write_xlsx`` is the writer as it was before the fast path (every
entry appended as plain values through openpyxl's write-only sheet). Both
write the same journal; the zip members must be byte-identical (except the
creation time in docProps/core.xml), and, read back with openpyxl, the
values, fonts, borders, alignment, number formats, merged ranges, column
widths and frozen panes must match.
"""

from __future__ import annotations

import zipfile
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import IllegalCharacterError

from arm.reports import exporter, xlsx
from arm.reports.document import Section, TableDoc
from db.queries.filters import JournalFilter
from tests.journals.conftest import KAZAKH_NAME


def _reference_write_xlsx(doc: TableDoc, path: Path, sheet_title: str = "Journal") -> int:
    """The writer before the fast path, kept here as the yardstick."""
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(sheet_title[:31])

    def cell(value: object, *, bold: bool = False, box: bool = False, center: bool = False,
             size: int | None = None) -> WriteOnlyCell:
        c = WriteOnlyCell(ws, value=value)
        if bold or size:
            c.font = xlsx.Font(bold=bold, size=size or 11)
        if box:
            c.border = xlsx._BOX
        c.alignment = xlsx._CENTER if center else xlsx._WRAP
        return c

    for i, width in enumerate(doc.widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.freeze_panes = f"A{len(doc.header_lines) + 5}" if doc.numbered_heads else None
    ws.append([cell(doc.title, bold=True, size=13)])
    for line in doc.header_lines:
        ws.append([cell(line)])
    ws.append([])
    ws.append([cell(h, bold=True, box=True, center=True) for h in doc.headers])
    if doc.numbered_heads:
        ws.append([cell(i, box=True, center=True) for i in range(1, len(doc.headers) + 1)])
    total = 0
    for section in doc.sections:
        if section.heading:
            ws.append([cell(section.heading, bold=True)])
        for row in section.rows:
            ws.append([xlsx.typed_cell(ws, v) if isinstance(v, date) else v for v in row])  # dates typed
            total += 1
    if doc.total_label:
        ws.append([])
        ws.append([cell(doc.total_label, bold=True), cell(total, bold=True)])
    if doc.signatures:
        ws.append([])
        for line in doc.signatures:
            ws.append([cell(line)])
            ws.append([])
    wb.save(path)
    return total


def _members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist() if n != "docProps/core.xml"}


def _layout(path: Path) -> dict[str, object]:
    wb = load_workbook(path)
    ws = wb.active
    cells = [
        (c.coordinate, c.value, c.data_type, c.font.b, c.font.sz, c.border.left.style, c.alignment.horizontal,
         c.alignment.wrap_text, c.number_format)
        for row in ws.iter_rows() for c in row if c.value is not None or c.has_style
    ]
    return {
        "cells": cells,
        "merged": sorted(str(r) for r in ws.merged_cells.ranges),
        "widths": {k: d.width for k, d in ws.column_dimensions.items()},
        "freeze": ws.freeze_panes,
        "title": ws.title,
    }


def _assert_same(new: Path, old: Path) -> None:
    a, b = _members(new), _members(old)
    assert a.keys() == b.keys()
    for name in a:
        assert a[name] == b[name], name
    assert _layout(new) == _layout(old)


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_journal_export_is_identical_to_the_openpyxl_path(journal_db, supervisor, tmp_path, lang):
    f = JournalFilter()
    new, old = tmp_path / "new.xlsx", tmp_path / "old.xlsx"
    with journal_db.db.begin() as s:
        res = exporter.export_journal(s, supervisor, "violations", f, "xlsx", new, lang=lang, organ="Алматы ҚАЖД")
        doc = exporter.build_doc(s, supervisor, "violations", f, lang=lang, organ="Алматы ҚАЖД")
        assert _reference_write_xlsx(doc, old) == res.rows == 12
    _assert_same(new, old)
    layout = _layout(new)
    assert any(v == KAZAKH_NAME for _, v, *_ in layout["cells"])  # type: ignore[misc]
    bold_heads = [c for c in layout["cells"] if c[3] and c[5] == "thin"]  # type: ignore[union-attr,index]
    assert len(bold_heads) == len(doc.headers) and layout["freeze"] == "A8"


def test_awkward_values_take_the_same_path_as_openpyxl(tmp_path):
    """Escaping, padding, formulas, error codes, numbers and dates come out as openpyxl writes them."""
    plain = [  # rows the fast path writes itself
        [1, "", None, " padded ", "a & b < c > d", "   ", "=", "Шәріпов\nҺадис", 3.5, 10**17],
        [2, 0.1 + 0.2, -0.0, 'quote " and \' apostrophe', "tab\there", "\r\n", None, None, None, "ok"],
    ]
    handed_over = [  # rows with a value only openpyxl decides (formula, error code, nan, bool, dates, long text)
        [3, "=1+2", "#N/A", float("nan"), True, date(2026, 11, 2), datetime(2026, 11, 2, 6), "x" * 40_000, 1, 2],
    ]
    assert all(xlsx._row_xml(r, 9, []) is not None for r in plain)
    assert all(xlsx._row_xml([v], 9, []) is None for v in handed_over[0][1:8])
    assert xlsx._row_xml([datetime(2026, 11, 2, 6)], 9, [], lambda with_time: 7) is not None  # typed dates: fast
    rows = plain + handed_over

    def doc() -> TableDoc:
        return TableDoc(title="Т", headers=[f"h{i}" for i in range(10)], widths=[8] * 10,
                        sections=[Section("Бөлім", iter([list(r) for r in rows])), Section("", iter([]))],
                        header_lines=["line"], signatures=["sign"], total_label="Барлық жазба")

    new, old = tmp_path / "new.xlsx", tmp_path / "old.xlsx"
    assert xlsx.write_xlsx(doc(), new) == _reference_write_xlsx(doc(), old) == 3
    _assert_same(new, old)


def test_a_forbidden_control_character_is_refused_as_before(tmp_path):
    doc = TableDoc(title="T", headers=["a"], widths=[5], sections=[Section("", iter([["bad\x01"]]))])
    with pytest.raises(IllegalCharacterError):
        xlsx.write_xlsx(doc, tmp_path / "bad.xlsx")


def test_a_cancelled_export_leaves_no_half_written_sheet_behind(tmp_path):
    """Cancel mid-way: the error reaches the caller and openpyxl's temporary sheet file is removed."""
    import gc
    import tempfile

    def rows():
        for i in range(5):
            yield [i, "строка"]
        raise exporter.ExportCancelled("stopped after 5 rows")

    before = {p.name for p in Path(tempfile.gettempdir()).glob("openpyxl.*")}
    doc = TableDoc(title="T", headers=["a", "b"], widths=[5, 5], sections=[Section("", rows())])
    with pytest.raises(exporter.ExportCancelled):
        xlsx.write_xlsx(doc, tmp_path / "cancelled.xlsx")
    gc.collect()
    assert {p.name for p in Path(tempfile.gettempdir()).glob("openpyxl.*")} <= before
    assert not (tmp_path / "cancelled.xlsx").exists()
