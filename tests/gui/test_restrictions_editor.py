"""The restrictions editor on the person card (issue 12): real widgets, real SQLite, real services."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from PySide6.QtCore import QDate
from sqlalchemy import select

from arm.rules.snapshot import zones_fingerprint
from db.models import AuditEntry, Person, Restriction, Zone
from db.validation import make_iin
from tests.gui.conftest import wait_worker
from widgets.person_card import PersonCard
from widgets.restrictions_editor import RestrictionEditor


@pytest.fixture
def person(db: Any) -> int:
    with db.begin() as s:
        p = Person(last_name="Ахметов", first_name="Серик", iin=make_iin(date(1985, 1, 1), 123),
                   birth_date=date(1985, 1, 1), category="parole", supervision_start=date(2026, 1, 10),
                   registered_on=date(2026, 1, 10), district="KZ-71-esil", address="ул. Абая, 10",
                   home_lat=43.2380, home_lon=76.9450)
        s.add(p)
        s.flush()
        return p.id


def _rows(db: Any) -> list[Restriction]:
    with db.session() as s:
        return list(s.scalars(select(Restriction).order_by(Restriction.id)))


def _editor(qtbot: Any, ctx: Any, person: int, kind: str = "curfew") -> RestrictionEditor:
    editor = RestrictionEditor(ctx, person, kind=kind)
    qtbot.addWidget(editor)
    editor.show()
    wait_worker(qtbot, ctx)
    qtbot.waitUntil(lambda: editor.home is not None, timeout=5000)
    return editor


def test_curfew_with_weekly_windows_and_an_exception_is_saved_audited_and_shown(
    qtbot: Any, db: Any, users: dict, make_ctx: Any, person: int
) -> None:
    ctx = make_ctx(db, users["supervisor"])
    card = PersonCard(ctx, person)
    qtbot.addWidget(card)
    qtbot.waitUntil(lambda: card.data is not None, timeout=5000)
    before = _fingerprint(db)
    card.add_restriction.click()
    editor: RestrictionEditor = card.restriction_editor
    qtbot.waitUntil(lambda: editor.home is not None, timeout=5000)
    assert [(r.start.text(), r.end.text()) for r in editor.curfew.rows] == [("22:00", "06:00"), ("00:00", "24:00")]
    editor.curfew.add_date(QDate(2026, 12, 31))
    with qtbot.waitSignal(editor.saved, timeout=5000):
        editor.buttons.button(editor.buttons.StandardButton.Save).click()
    (row,) = _rows(db)
    assert str(row.kind) == "curfew" and row.schedule == [
        {"days": [0, 1, 2, 3, 4], "start": "22:00", "end": "06:00"},
        {"days": [6], "start": "00:00", "end": "24:00"},
        {"except": "2026-12-31"},
    ]
    with db.session() as s:
        audit = s.scalars(select(AuditEntry).where(AuditEntry.action == "restriction.create")).one()
        assert audit.user == "supervisor1"
    assert _fingerprint(db) != before  # the rules runtime reloads on its next tick, no restart
    qtbot.waitUntil(lambda: card.restrictions.rowCount() == 1, timeout=5000)
    assert "31.12.2026" in card.restrictions.item(0, 2).text()

    card.restrictions.selectRow(0)
    mid = _fingerprint(db)
    card.end_selected_restriction(confirm=False)
    wait_worker(qtbot, ctx)
    qtbot.waitUntil(lambda: _rows(db)[0].valid_until is not None, timeout=5000)
    assert _fingerprint(db) != mid  # ending is picked up as well


def test_core_refusals_land_beside_their_fields(qtbot: Any, db: Any, users: dict, make_ctx: Any,
                                               person: int) -> None:
    """An overlapping second curfew is refused by the core and named at the validity."""
    ctx = make_ctx(db, users["supervisor"])
    first = _editor(qtbot, ctx, person)
    with qtbot.waitSignal(first.saved, timeout=5000):
        first.save()
    second = _editor(qtbot, ctx, person)
    second.save()
    wait_worker(qtbot, ctx)
    qtbot.waitUntil(lambda: second.errors["valid_from"].isVisible(), timeout=5000)
    assert "already applies" in second.errors["valid_from"].text()
    assert len(_rows(db)) == 1


def _fingerprint(db: Any) -> Any:
    with db.session() as s:
        return zones_fingerprint(s)


def test_bad_window_and_missing_end_are_named_beside_their_fields(
    qtbot: Any, db: Any, users: dict, make_ctx: Any, person: int
) -> None:
    ctx = make_ctx(db, users["supervisor"])
    editor = _editor(qtbot, ctx, person)
    editor.curfew.rows[0].start.setText("25:00")
    editor.curfew.rows[1].days[6].setChecked(False)
    editor.save()
    assert "HH:MM" in editor.curfew.rows[0].error.text() and editor.curfew.rows[0].error.isVisible()
    assert "at least one day" in editor.curfew.rows[1].error.text()
    editor.kind.setCurrentIndex(editor.kind.findData("travel_permission"))
    editor.until_set.setChecked(False)
    editor.save()
    assert "needs its end" in editor.errors["valid_until"].text()
    assert "where the person travels" in editor.errors["note"].text()
    editor.until_set.setChecked(True)
    editor.valid_until.setDateTime(editor.valid_from.dateTime().addSecs(-3600))
    editor.save()
    assert "not after the start" in editor.errors["valid_until"].text()
    wait_worker(qtbot, ctx)
    assert _rows(db) == []


def test_exclusion_circle_around_the_home_makes_its_zone_and_restriction_together(
    qtbot: Any, db: Any, users: dict, make_ctx: Any, person: int
) -> None:
    ctx = make_ctx(db, users["supervisor"])
    editor = _editor(qtbot, ctx, person, kind="exclusion_zone")
    editor.source.setCurrentIndex(editor.source.findData("home"))
    assert "ул. Абая, 10" in editor.point_label.text()
    editor.zone_name.setText("")
    editor.save()
    assert "name" in editor.errors["zone"].text()
    editor.zone_name.setText("Бар у дома")
    editor.radius.setValue(250)
    with qtbot.waitSignal(editor.saved, timeout=5000):
        editor.save()
    (row,) = _rows(db)
    with db.session() as s:
        zone = s.get(Zone, row.zone_id)
        assert (zone.name, str(zone.kind), zone.geometry["circle"]["radius_m"]) == ("Бар у дома", "exclusion", 250.0)
        assert zone.geometry["circle"]["center"] == [76.945, 43.238]
        actions = [a.action for a in s.scalars(select(AuditEntry))]
    assert "zone.create" in actions and "restriction.create" in actions


def test_a_refused_restriction_leaves_no_zone_behind(qtbot: Any, db: Any, users: dict, make_ctx: Any,
                                                     person: int) -> None:
    ctx = make_ctx(db, users["technician"])  # may not write restrictions
    editor = _editor(qtbot, ctx, person, kind="inclusion_zone")
    editor.source.setCurrentIndex(editor.source.findData("home"))
    editor.zone_name.setText("Дом")
    editor.save()
    wait_worker(qtbot, ctx)
    qtbot.waitUntil(lambda: editor.errors["form"].isVisible(), timeout=5000)
    with db.session() as s:
        assert s.scalars(select(Zone)).all() == [] and _rows(db) == []


def test_library_zone_and_point_picked_on_the_map(qtbot: Any, db: Any, users: dict, make_ctx: Any,
                                                  person: int) -> None:
    from arm.caseload.zones import ZoneDraft, save_zone

    ctx = make_ctx(db, users["supervisor"])
    with db.begin() as s:
        zone_id = save_zone(s, users["supervisor"], None, ZoneDraft(
            "Школа №5", "exclusion", {"circle": {"center": [76.95, 43.24], "radius_m": 150}}, 0.0, ""))
    editor = _editor(qtbot, ctx, person, kind="exclusion_zone")
    assert editor.library.findData(zone_id) >= 0
    editor.source.setCurrentIndex(editor.source.findData("map"))
    editor.save()
    assert "Pick the centre" in editor.errors["zone"].text()
    editor.pick_on_map()
    dialog = editor.pick_dialog
    dialog.map_view.zoneGeometry.emit({"circle": {"center": [76.91, 43.25], "radius_m": 420.0}})
    assert "43.250000" in dialog.result_label.text()
    dialog.accept()
    assert editor.point == (43.25, 76.91) and editor.radius.value() == 420
    editor.zone_name.setText("Рынок")
    with qtbot.waitSignal(editor.saved, timeout=5000):
        editor.save()
    editor2 = _editor(qtbot, ctx, person, kind="exclusion_zone")
    qtbot.waitUntil(lambda: editor2.library.findData(zone_id) >= 0, timeout=5000)
    editor2.library.setCurrentIndex(editor2.library.findData(zone_id))
    draft = editor2.build_draft()  # the what-if seam: nothing written
    assert draft.errors == {} and draft.restriction is not None and draft.restriction.zone_id == zone_id
    assert len(_rows(db)) == 1


def test_restrictions_are_shown_on_the_map(qtbot: Any, db: Any, users: dict, make_ctx: Any, person: int) -> None:
    """The card's map shows the person's running zone restrictions and centres on the home."""
    ctx = make_ctx(db, users["supervisor"])
    editor = _editor(qtbot, ctx, person, kind="exclusion_zone")
    editor.source.setCurrentIndex(editor.source.findData("home"))
    editor.zone_name.setText("Бар у дома")
    with qtbot.waitSignal(editor.saved, timeout=5000):
        editor.save()
    card = PersonCard(ctx, person)
    qtbot.addWidget(card)
    qtbot.waitUntil(lambda: card.data is not None and card.restrictions.rowCount() == 1, timeout=5000)
    calls: list[tuple[str, tuple[Any, ...]]] = []
    from widgets import map_pick

    real = map_pick.make_map_view

    def spy(ctx_: Any, parent: Any) -> Any:
        view = real(ctx_, parent)
        original = view.bridge.call
        view.bridge.call = lambda name, *args: (calls.append((name, args)), original(name, *args))[1]
        return view

    map_pick.make_map_view = spy
    try:
        dialog = card.show_restrictions_on_map()
    finally:
        map_pick.make_map_view = real
    qtbot.addWidget(dialog)
    (shown,) = [args[0] for name, args in calls if name == "ARM.zones.show"]
    assert [(z["name"], z["kind"]) for z in shown] == [("Бар у дома", "exclusion")]
    assert shown[0]["geometry"]["circle"]["radius_m"] == 300.0
    dialog.reject()
