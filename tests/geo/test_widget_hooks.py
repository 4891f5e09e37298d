"""The person card's positions and the alarm detail show the address once an extract is imported."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from arm.geo.importer import run_import
from tests.geo.osm_city import HOUSE_40, write_city


def test_person_card_position_gets_the_address(tmp_data_dir: Path, tmp_path: Path, qapp) -> None:
    from widgets.person_card import event_summary

    fields = {"lat": HOUSE_40[0], "lon": HOUSE_40[1]}
    assert event_summary("POS", fields) == "51.12820, 71.43220"  # no import: coordinates only
    run_import(write_city(tmp_path / "astana.osm.pbf"))
    assert event_summary("POS", fields) == "51.12820, 71.43220 — Кенесары көшесі 40, Астана"


def test_alarm_detail_last_position_gets_the_address(tmp_data_dir: Path, tmp_path: Path, qtbot) -> None:
    from arm.alarms.views import AlarmDetail
    from widgets.alarm_detail import AlarmDetailPane

    run_import(write_city(tmp_path / "astana.osm.pbf"))
    pane = AlarmDetailPane(lambda t: t.strftime("%H:%M") if t else "")
    qtbot.addWidget(pane)
    detail = AlarmDetail(alarm=None,  # type: ignore[arg-type]  # the devices part does not read it
                         devices=[{"serial": "TRK-1", "type": "TRK", "status": "issued", "battery": 80,
                                   "last_contact": datetime.now(UTC)}],
                         last_position=(HOUSE_40[0], HOUSE_40[1], datetime.now(UTC)))
    html = pane._devices(detail)
    assert "51.12820, 71.43220" in html and "Кенесары көшесі 40, Астана" in html
