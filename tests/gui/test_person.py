"""Person card (audited, role-dependent) and person form (errors beside fields)."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import func, select

from db.models import AuditEntry, Person
from db.validation import make_iin
from tests.gui.conftest import wait_worker
from widgets.main_window import MainWindow
from widgets.person_card import PersonCard
from widgets.person_edit import PersonEditForm


def _first_person(db: Any) -> Person:
    with db.session() as s:
        return s.scalars(select(Person).order_by(Person.id)).first()


def _views(db: Any, person_id: int) -> list[AuditEntry]:
    with db.session() as s:
        return list(s.scalars(select(AuditEntry).where(
            AuditEntry.action == "person_view", AuditEntry.object_id == str(person_id))))


def test_card_shows_details_and_records_the_view(qtbot: Any, demo_db: Any, users: dict, make_ctx: Any) -> None:
    ctx = make_ctx(demo_db, users["operator"])
    window = MainWindow(ctx, only=frozenset({"persons"}))
    qtbot.addWidget(window)
    person = _first_person(demo_db)
    assert _views(demo_db, person.id) == []
    with qtbot.waitSignal(window.personCardOpened) as opened:
        window.panels["persons"].personActivated.emit(person.id)
    card: PersonCard = opened.args[0]
    qtbot.waitUntil(lambda: card.data is not None, timeout=5000)
    assert card.title.text() == person.full_name
    assert card.findChild(type(card.title), "detail_iin").text() == person.iin
    assert card.restrictions.rowCount() >= 3  # curfew, inclusion and exclusion zone
    assert card.devices.rowCount() >= 1
    assert "DEMO DATA" in card.subtitle.text()
    views = _views(demo_db, person.id)
    assert len(views) == 1 and views[0].user == "operator1" and views[0].detail["scope"] == "full"
    card.close()


def test_technician_sees_the_holder_name_only(qtbot: Any, demo_db: Any, users: dict, make_ctx: Any) -> None:
    ctx = make_ctx(demo_db, users["technician"])
    person = _first_person(demo_db)
    card = PersonCard(ctx, person.id)
    qtbot.addWidget(card)
    qtbot.waitUntil(lambda: card.data is not None, timeout=5000)
    assert card.title.text() == person.full_name
    assert card.data.details == {} and card.data.restrictions == [] and card.data.events == []
    assert not card.tabs.isTabVisible(0) and card.tabs.isTabVisible(2)
    assert card.findChild(type(card.title), "detail_iin") is None
    assert not card.edit_button.isVisible()
    assert _views(demo_db, person.id)[0].detail["scope"] == "name"


def test_person_list_hides_personal_data_from_technicians(
    qtbot: Any, demo_db: Any, users: dict, make_ctx: Any
) -> None:
    from widgets.person_list import PersonListPanel

    panel = PersonListPanel(make_ctx(demo_db, users["technician"]))
    qtbot.addWidget(panel)
    qtbot.waitUntil(lambda: panel.model.rowCount() == 8, timeout=5000)
    assert panel.model.index(0, panel.model.CATEGORY).data() == "•••"
    assert panel.model.index(0, panel.model.DISTRICT).data() == "•••"
    assert not panel.new_button.isVisibleTo(panel)


def _fill_valid(form: PersonEditForm, iin: str, qtbot: Any = None) -> None:
    if form.choices is None and qtbot is not None:
        qtbot.waitUntil(lambda: form.choices is not None, timeout=5000)  # the reference lists
    form.set_values({
        "last_name": "Тестов", "first_name": "Тест", "iin": iin, "birth_date": date(1990, 5, 17),
        "category": "parole", "supervision_start": date(2026, 1, 10), "supervision_end": date(2027, 1, 10),
        "registered_on": date(2026, 1, 10), "district": "KZ-71-esil",
        "court_decision_no": "2-1234/2025", "court_decision_date": date(2025, 12, 20),
    })


def _count(db: Any) -> int:
    with db.session() as s:
        return s.scalar(select(func.count(Person.id)))


def test_bad_fields_are_shown_beside_them_and_nothing_is_written(
    qtbot: Any, db: Any, users: dict, make_ctx: Any
) -> None:
    form = PersonEditForm(make_ctx(db, users["operator"]))
    qtbot.addWidget(form)
    form.show()
    good = make_iin(date(1990, 5, 17), 1234)
    bad = good[:11] + str((int(good[11]) + 1) % 10)  # wrong check digit
    _fill_valid(form, bad, qtbot)
    form.set_values({"supervision_end": date(2025, 12, 31), "home_lat": "51,1x"})
    form.submit()
    assert form.errors["iin"].isVisible() and "check digit" in form.errors["iin"].text()
    assert form.errors["supervision_end"].isVisible() and "before" in form.errors["supervision_end"].text()
    assert form.errors["home_lat"].isVisible()
    assert not form.errors["last_name"].isVisible()
    assert form.inputs["iin"].property("invalid") is True
    assert form.summary.text().startswith("3 fields")
    assert _count(db) == 0
    # Corrected, the same form saves and the errors go away.
    _fill_valid(form, good)
    form.set_values({"home_lat": "51.128"})
    with qtbot.waitSignal(form.saved, timeout=5000):
        form.submit()
    assert _count(db) == 1
    assert not form.errors["iin"].isVisible()


def test_duplicate_iin_is_refused_beside_the_field(qtbot: Any, db: Any, users: dict, make_ctx: Any) -> None:
    ctx = make_ctx(db, users["supervisor"])
    iin = make_iin(date(1985, 2, 3), 77)
    first = PersonEditForm(ctx)
    qtbot.addWidget(first)
    _fill_valid(first, iin, qtbot)
    first.set_values({"birth_date": date(1985, 2, 3)})
    with qtbot.waitSignal(first.saved, timeout=5000):
        first.submit()
    second = PersonEditForm(ctx)
    qtbot.addWidget(second)
    second.show()
    _fill_valid(second, iin, qtbot)
    second.set_values({"birth_date": date(1985, 2, 3)})
    second.submit()
    wait_worker(qtbot, ctx)
    qtbot.waitUntil(lambda: second.errors["iin"].isVisible(), timeout=5000)
    assert "Another person" in second.errors["iin"].text()
    assert _count(db) == 1
    with db.session() as s:
        assert s.scalar(select(func.count()).where(AuditEntry.action == "person_create")) == 1


def test_edit_loads_and_updates(qtbot: Any, demo_db: Any, users: dict, make_ctx: Any) -> None:
    ctx = make_ctx(demo_db, users["operator"])
    person = _first_person(demo_db)
    form = PersonEditForm(ctx, person.id)
    qtbot.addWidget(form)
    qtbot.waitUntil(form.isEnabled, timeout=5000)
    assert form.inputs["iin"].text() == person.iin
    officer = form.inputs["officer"]
    qtbot.waitUntil(lambda: officer.currentData() == person.officer, timeout=5000)  # picked from the list
    assert form.inputs["district"].currentData() == person.district
    other = next(officer.itemData(i) for i in range(1, officer.count()) if officer.itemData(i) != person.officer)
    officer.setCurrentIndex(officer.findData(other))
    with qtbot.waitSignal(form.saved, timeout=5000):
        form.submit()
    with demo_db.session() as s:
        assert s.get(Person, person.id).officer == other
        update = s.scalars(select(AuditEntry).where(AuditEntry.action == "person_update")).one()
    assert update.detail["fields"] == ["officer"]


def test_search_finds_by_device_serial(qtbot: Any, demo_db: Any, users: dict, make_ctx: Any) -> None:
    from widgets.person_list import PersonListPanel

    panel = PersonListPanel(make_ctx(demo_db, users["operator"]))
    qtbot.addWidget(panel)
    qtbot.waitUntil(lambda: panel.model.rowCount() == 8, timeout=5000)
    row = panel.model.row(3)
    serial = row.devices.split(", ")[0]
    panel.search.setText(serial.lower())
    assert panel.proxy.rowCount() == 1
    assert panel.proxy.index(0, 0).data().startswith(row.name)
    assert "·" in row.device_types or row.device_types.isalpha()
    panel.search.setText("")
    assert panel.proxy.rowCount() == 8


def test_iin_is_checked_as_typed_and_lists_cascade(qtbot: Any, db: Any, users: dict, make_ctx: Any) -> None:
    """Issue 12: the IIN's problems appear beside it while typing; region -> district -> officer from the lists."""
    form = PersonEditForm(make_ctx(db, users["supervisor"]))
    qtbot.addWidget(form)
    form.show()
    qtbot.waitUntil(lambda: form.choices is not None, timeout=5000)
    good = make_iin(date(1990, 5, 17), 1234)
    iin = form.inputs["iin"]
    iin.setText(good[:11] + str((int(good[11]) + 1) % 10))
    assert form.errors["iin"].isVisible() and "check digit" in form.errors["iin"].text()
    iin.setText(good)
    assert not form.errors["iin"].isVisible()
    assert form.inputs["birth_date"].date().toPython() == date(1990, 5, 17)  # taken from the IIN
    form.inputs["birth_date"].setDate(form.inputs["birth_date"].date().addDays(1))
    assert "does not match the birth date" in form.errors["iin"].text()

    region, district, officer = form.inputs["region"], form.inputs["district"], form.inputs["officer"]
    all_districts = district.count()
    region.setCurrentIndex(region.findData("KZ-71"))
    assert 1 < district.count() < all_districts
    assert all(district.itemData(i).startswith("KZ-71") for i in range(1, district.count()))
    district.setCurrentIndex(district.findData("KZ-71-esil"))
    assert officer.itemData(0) == "" and region.currentData() == "KZ-71"


def test_home_point_is_picked_on_the_map(qtbot: Any, db: Any, users: dict, make_ctx: Any) -> None:
    form = PersonEditForm(make_ctx(db, users["supervisor"]))
    qtbot.addWidget(form)
    form.show()
    dialog = form.pick_home_on_map()
    dialog.map_view.zoneGeometry.emit({"circle": {"center": [71.4304, 51.1282], "radius_m": 30.0}})
    dialog.accept()
    assert (form.inputs["home_lat"].text(), form.inputs["home_lon"].text()) == ("51.128200", "71.430400")
