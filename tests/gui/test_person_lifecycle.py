"""Transfer and deregistration from the card and the list (issue 12), over arm.caseload.lifecycle."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from db.models import Assignment, AuditEntry, Person, Restriction
from tests.gui.conftest import wait_worker
from widgets.person_card import PersonCard
from widgets.person_list import PersonListPanel


def _person(db: Any, n: int = 0) -> Person:
    with db.session() as s:
        return list(s.scalars(select(Person).order_by(Person.id)))[n]


def _card(qtbot: Any, ctx: Any, person_id: int) -> PersonCard:
    card = PersonCard(ctx, person_id)
    qtbot.addWidget(card)
    card.show()
    qtbot.waitUntil(lambda: card.data is not None, timeout=5000)
    return card


def test_one_person_is_transferred_to_another_district_and_officer(
    qtbot: Any, demo_db: Any, users: dict, make_ctx: Any
) -> None:
    ctx = make_ctx(demo_db, users["supervisor"])
    person = _person(demo_db)
    card = _card(qtbot, ctx, person.id)
    assert card.transfer_button.isVisible() and card.deregister_button.isVisible()
    dialog = card.open_transfer()
    qtbot.waitUntil(lambda: dialog.choices is not None, timeout=5000)
    assert dialog.one.isChecked() and person.full_name in dialog.one.text()
    dialog.submit()
    assert "Choose the district" in dialog.errors["district"].text()
    target = next(d for d in (dialog.district.itemData(i) for i in range(1, dialog.district.count()))
                  if d != person.district and any(o[1] == d for o in dialog.choices.officers))
    dialog.district.setCurrentIndex(dialog.district.findData(target))
    assert dialog.officer.count() > 1
    dialog.officer.setCurrentIndex(1)
    officer = dialog.officer.currentData()
    with qtbot.waitSignal(dialog.transferred, timeout=5000):
        dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    moved = _person(demo_db)
    assert (moved.district, moved.officer) == (target, officer)
    with demo_db.session() as s:
        row = s.scalars(select(AuditEntry).where(AuditEntry.action == "person.transfer")).one()
        assert row.detail["district_before"] == person.district and row.user == "supervisor1"


def test_a_district_caseload_moves_from_the_list(qtbot: Any, demo_db: Any, users: dict, make_ctx: Any) -> None:
    ctx = make_ctx(demo_db, users["supervisor"])
    source = _person(demo_db).district
    with demo_db.session() as s:
        before = set(s.scalars(select(Person.id).where(Person.district == source)))
    panel = PersonListPanel(ctx)
    qtbot.addWidget(panel)
    qtbot.waitUntil(lambda: panel.model.rowCount() > 0, timeout=5000)
    assert panel.transfer_button.isVisibleTo(panel)
    dialog = panel.open_transfer()
    qtbot.waitUntil(lambda: dialog.choices is not None, timeout=5000)
    assert not dialog.one.isVisibleTo(dialog) and dialog.by_officer.isChecked()
    dialog.district.setCurrentIndex(dialog.district.findData("KZ-71-esil"))
    dialog.submit()
    assert "whose caseload" in dialog.errors["from"].text()
    dialog.by_district.setChecked(True)
    dialog.from_district.setCurrentIndex(dialog.from_district.findData(source))
    with qtbot.waitSignal(dialog.transferred, timeout=5000):
        dialog.submit()
    with demo_db.session() as s:
        assert set(s.scalars(select(Person.id).where(Person.district == "KZ-71-esil"))) >= before
        assert s.scalars(select(Person.id).where(Person.district == source)).all() == []


def test_deregistration_asks_for_confirmation_then_ends_everything(
    qtbot: Any, demo_db: Any, users: dict, make_ctx: Any
) -> None:
    ctx = make_ctx(demo_db, users["supervisor"])
    person = _person(demo_db)
    card = _card(qtbot, ctx, person.id)
    dialog = card.open_deregister()
    assert "leaves the live map" in dialog.explain.text()
    assert not dialog.ok.isEnabled()  # nothing happens before the confirmation
    dialog.confirm.setChecked(True)
    dialog.submit()
    assert "reason" in dialog.errors["reason"].text()
    dialog.reason.setText("срок надзора истёк")
    with qtbot.waitSignal(dialog.deregistered, timeout=5000):
        dialog.submit()
    with demo_db.session() as s:
        gone = s.get(Person, person.id)
        assert gone is not None and gone.deregistered_on is not None  # the record stays
        assert s.scalars(select(Assignment).where(Assignment.person_id == person.id,
                                                  Assignment.returned_at.is_(None))).all() == []
        open_rows = [r for r in s.scalars(select(Restriction).where(Restriction.person_id == person.id))
                     if r.valid_until is None]
        assert open_rows == []
    wait_worker(qtbot, ctx)
    qtbot.waitUntil(lambda: "deregistered" in card.subtitle.text(), timeout=5000)
    assert not card.deregister_button.isEnabled() and not card.add_restriction.isEnabled()


def test_operator_sees_no_lifecycle_buttons(qtbot: Any, demo_db: Any, users: dict, make_ctx: Any) -> None:
    card = _card(qtbot, make_ctx(demo_db, users["operator"]), _person(demo_db).id)
    assert not card.transfer_button.isVisible() and not card.deregister_button.isVisible()
