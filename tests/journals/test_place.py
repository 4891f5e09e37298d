"""Where a violation happened, in the violation journal and its exports (issue 15).

The place comes from the alarm's explanation (``params.lat/lon``), else from
the fix of the event that raised it; with an imported OSM extract it reads as
an address with the coordinates beside it, without one as coordinates only.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from openpyxl import load_workbook
from sqlalchemy import select

from arm.geo.importer import run_import
from arm.reports import data, exporter
from db.models import Alarm, DeviceEventRow, Position
from db.queries.filters import JournalFilter
from tests.geo.osm_city import HOUSE_40, HOUSE_45, write_city
from tests.journals.conftest import T0


def _place_alarms(journal_db) -> tuple[int, int]:
    """The first alarm explained at house 40; the second without coordinates but raised by a fix at house 45."""
    first, second = journal_db.alarm_ids[0], journal_db.alarm_ids[1]
    with journal_db.db.begin() as s:
        a = s.get(Alarm, first)
        a.details = {"explanation": {"code": "exclusion_zone",
                                     "params": {"lat": HOUSE_40[0], "lon": HOUSE_40[1], "home_m": 500}}}
        b = s.get(Alarm, second)
        ev = DeviceEventRow(device_id=b.device_id, evseq=1, time=T0, received=T0, kind="POS", source="test",
                         fields={})
        s.add(ev)
        s.flush()
        s.add(Position(device_id=b.device_id, event_id=ev.id, time=T0, lat=HOUSE_45[0], lon=HOUSE_45[1], fix=3))
        b.event_id = ev.id
    return first, second


def _place_by_violation(journal_db, supervisor) -> dict[int, object]:
    with journal_db.db.begin() as s:
        page = data.page(s, supervisor, "violations", JournalFilter(), limit=50)
        keys = [c.key for c in page.columns]
        alarm_of = {v: a for v, a in zip(journal_db.violation_ids, journal_db.alarm_ids, strict=True)}
        return {alarm_of[r[keys.index("id")]]: r[keys.index("place")] for r in page.rows}


def test_place_comes_from_the_explanation_or_the_event_fix(journal_db, supervisor) -> None:
    first, second = _place_alarms(journal_db)
    places = _place_by_violation(journal_db, supervisor)
    assert places[first] == (HOUSE_40[0], HOUSE_40[1])
    assert places[second] == (HOUSE_45[0], HOUSE_45[1])
    assert places[journal_db.alarm_ids[2]] is None  # neither: no place
    with journal_db.db.begin() as s:
        v = next(v for v, a in zip(journal_db.violation_ids, journal_db.alarm_ids, strict=True) if a == first)
        assert data.detail(s, supervisor, "violations", v)["place"] == (HOUSE_40[0], HOUSE_40[1])


def test_exports_show_coordinates_without_an_imported_map(journal_db, supervisor, tmp_data_dir, tmp_path) -> None:
    _place_alarms(journal_db)
    out = tmp_path / "v.xlsx"
    with journal_db.db.begin() as s:
        exporter.export_journal(s, supervisor, "violations", JournalFilter(), "xlsx", out, lang="ru")
    cells = {c for row in load_workbook(out).active.iter_rows(values_only=True) for c in row if isinstance(c, str)}
    assert f"{HOUSE_40[0]:.5f}, {HOUSE_40[1]:.5f}" in cells
    assert "Место (адрес, координаты)" in cells


def test_exports_show_the_address_from_an_imported_extract(journal_db, supervisor, tmp_data_dir,
                                                          tmp_path: Path) -> None:
    run_import(write_city(tmp_path / "astana.osm.pbf"))
    first, _second = _place_alarms(journal_db)
    xlsx_out, pdf_out = tmp_path / "v.xlsx", tmp_path / "v.pdf"
    with journal_db.db.begin() as s:
        exporter.export_journal(s, supervisor, "violations", JournalFilter(), "xlsx", xlsx_out, lang="ru")
        exporter.export_journal(s, supervisor, "violations", JournalFilter(), "pdf", pdf_out, lang="kk")
    cells = {c for row in load_workbook(xlsx_out).active.iter_rows(values_only=True) for c in row
             if isinstance(c, str)}
    assert f"улица Кенесары 40, Астана ({HOUSE_40[0]:.5f}, {HOUSE_40[1]:.5f})" in cells
    assert f"проспект Абая 45, Астана ({HOUSE_45[0]:.5f}, {HOUSE_45[1]:.5f})" in cells
    text = " ".join(subprocess.run(["pdftotext", str(pdf_out), "-"], capture_output=True, text=True,
                                   check=True).stdout.split())
    assert "Кенесары көшесі 40" in text and "Абай даңғылы 45" in text
    with journal_db.db.session() as s:
        assert s.scalar(select(Alarm.details).where(Alarm.id == first))["explanation"]["params"]["home_m"] == 500
