"""The administrator's Reference lists panel: real widgets offscreen on a real SQLite file (session 6)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from arm.access import AccessDenied
from arm.caseload import lifecycle, reference
from arm.caseload.persons import PersonDraft
from db.models import AuditEntry
from db.models_caseload import RefDistrict
from db.validation import make_iin
from tests.gui.conftest import wait_worker
from widgets import i18n, panels
from widgets.main_window import MainWindow
from widgets.person_edit import PersonEditForm
from widgets.person_list import load_person_rows
from widgets.reference_admin import ReferenceAdminPanel, ReferenceDialog

CODE = "KZ-75-alatau-new"
NAMES = ("Новоалатауский район", "Жаңаалатау ауданы", "Zhanaalatau District")


def _panel(qtbot: Any, ctx: Any) -> ReferenceAdminPanel:
    panel = ReferenceAdminPanel(ctx)
    qtbot.addWidget(panel)
    panel.show()
    qtbot.waitUntil(lambda: panel.snapshot is not None, timeout=5000)
    return panel


def _dialog_ready(qtbot: Any, dialog: ReferenceDialog) -> ReferenceDialog:
    qtbot.waitUntil(lambda: dialog.parent_box.combo.count() > 1, timeout=5000)
    return dialog


def _save(qtbot: Any, ctx: Any, dialog: ReferenceDialog) -> None:
    dialog.submit()
    wait_worker(qtbot, ctx)
    wait_worker(qtbot, ctx)  # the lists read again after the commit


def _actions(db: Any) -> list[tuple[str, str]]:
    with db.session() as s:
        return [(a, str(o)) for a, o in s.execute(select(AuditEntry.action, AuditEntry.object_id)
                                                  .order_by(AuditEntry.id))]


def _add_district(qtbot: Any, ctx: Any, panel: ReferenceAdminPanel) -> None:
    panel.set_kind("district")
    dialog = _dialog_ready(qtbot, panel.add_dialog())
    dialog.parent_box.filter.setText("KZ-75")  # narrows the regions to the one: chosen
    assert dialog.parent_box.code() == "KZ-75"
    dialog.code.setText(CODE)
    for edit, text in zip((dialog.name_ru, dialog.name_kk, dialog.name_en), NAMES, strict=True):
        edit.setText(text)
    _save(qtbot, ctx, dialog)
    assert not dialog.isVisible(), [e.text() for e in dialog.errors.values()]


def _person_form_districts(qtbot: Any, ctx: Any, person_id: int | None = None) -> PersonEditForm:
    form = PersonEditForm(ctx, person_id)
    qtbot.addWidget(form)
    qtbot.waitUntil(lambda: form.choices is not None and form.isEnabled(), timeout=5000)
    return form


def _combo_items(form: PersonEditForm, name: str) -> dict[str, str]:
    combo = form._combo(name)
    return {combo.itemData(i): combo.itemText(i) for i in range(combo.count())}


def test_a_new_district_is_offered_in_the_person_form_in_kazakh(
    qtbot: Any, db: Any, users: dict, make_ctx: Any
) -> None:
    admin = make_ctx(db, users["administrator"])
    panel = _panel(qtbot, admin)
    with qtbot.waitSignal(panel.changed, timeout=5000):
        _add_district(qtbot, admin, panel)
    assert ("reference.add", CODE) in _actions(db)
    assert panel.select_code(CODE)
    cells = [panel.table.item(panel.table.currentRow(), c).text() for c in range(panel.table.columnCount())]
    assert cells[:5] == [CODE, "Almaty", *NAMES] and cells[-1] == "in force"  # parents in the reader's language
    with db.session() as s:  # with its probation office, which the office tab lists by the district's name
        assert s.get(RefDistrict, CODE) is not None
    panel.set_kind("office")
    assert panel.select_code(f"PO-{CODE}")
    assert panel.table.item(panel.table.currentRow(), 1).text() == NAMES[2]

    i18n.set_language("kk")
    assert reference.name(CODE, "kk") == NAMES[1]  # the screens' cache was read again
    qtbot.wait(20)  # the LanguageChange events are delivered
    panel.set_kind("district")  # the panel follows the language switch: words and parents' names
    assert panel.tabs.tabText(1) == "Аудандар мен қалалар" and panel.buttons["rename"].text() == "Атауын өзгерту…"
    assert panel.select_code(CODE) and panel.table.item(panel.table.currentRow(), 1).text() == "Алматы қаласы"
    form = _person_form_districts(qtbot, make_ctx(db, users["supervisor"]))
    assert _combo_items(form, "district").get(CODE) == NAMES[1]


def test_rename_then_deactivate_and_reactivate(qtbot: Any, db: Any, users: dict, make_ctx: Any) -> None:
    admin, supervisor = make_ctx(db, users["administrator"]), make_ctx(db, users["supervisor"])
    panel = _panel(qtbot, admin)
    _add_district(qtbot, admin, panel)
    with db.begin() as s:  # a person of the new district
        person_id = lifecycle.register(s, users["supervisor"], PersonDraft(
            last_name="Омаров", first_name="Бауыржан", iin=make_iin(date(1991, 3, 14), 4411),
            birth_date=date(1991, 3, 14), category="parole", court_decision_no="2-1187/2026",
            court_decision_date=date(2026, 11, 20), supervision_start=date(2026, 12, 1),
            region="KZ-75", district=CODE, registered_on=date(2026, 12, 7))).person_id

    assert panel.select_code(CODE)
    panel.table.setFocus()
    qtbot.keyClick(panel.table, Qt.Key.Key_Return)  # Enter on a row: its rename form
    dialog = panel.dialog
    assert dialog is not None and dialog.row is not None and dialog.row.code == CODE
    assert dialog.code.isReadOnly() and dialog.name_kk.text() == NAMES[1]
    dialog.name_ru.setText("Алатауский район (новый)")
    dialog.name_kk.setText("Алатау ауданы (жаңа)")
    dialog.name_en.setText("Alatau District (new)")
    with qtbot.waitSignal(panel.changed, timeout=5000):
        _save(qtbot, admin, dialog)
    assert ("reference.rename", CODE) in _actions(db)
    assert panel.select_code(CODE) and panel.table.item(panel.table.currentRow(), 2).text() == \
        "Алатауский район (новый)"
    assert CODE in panel.message.text() and "Alatau District (new)" in panel.message.text()  # reader's language
    with db.session() as s:
        assert [r.district_name for r in load_person_rows(s) if r.id == person_id] == ["Alatau District (new)"]

    assert panel.buttons["active"].text() == "Deactivate"
    with qtbot.waitSignal(panel.changed, timeout=5000):
        panel.buttons["active"].click()
    assert ("reference.deactivate", CODE) in _actions(db)
    assert not panel.select_code(CODE)  # hidden...
    panel.show_inactive.setChecked(True)
    assert panel.select_code(CODE)  # ...until asked for, then greyed and said
    row = panel.table.currentRow()
    assert panel.table.item(row, panel.table.columnCount() - 1).text() == "not in force"
    assert panel.table.item(row, 0).foreground().color().name() == "#8a8a8a"
    assert panel.buttons["active"].text() == "Reactivate"

    assert CODE not in _combo_items(_person_form_districts(qtbot, supervisor), "district")  # offered nowhere
    held = _person_form_districts(qtbot, supervisor, person_id)  # ...but still shown where used
    assert held._combo("district").currentData() == CODE
    assert held._combo("district").currentText() == "Alatau District (new) (not in force)"
    with db.session() as s:
        assert [r.district_name for r in load_person_rows(s) if r.id == person_id] == ["Alatau District (new)"]
        assert reference.label(CODE, "kk", s) == "Алатау ауданы (жаңа)"

    with qtbot.waitSignal(panel.changed, timeout=5000):
        panel.buttons["active"].click()
    assert ("reference.activate", CODE) in _actions(db)
    assert CODE in _combo_items(_person_form_districts(qtbot, supervisor), "district")


@pytest.mark.parametrize(("code", "expected"), [
    ("bad code!", "A code is 2 to 64 of A-Z"),
    ("KZ-75-medeu", "This code is already taken."),
])
def test_a_bad_or_taken_code_is_shown_beside_the_code(
    qtbot: Any, db: Any, users: dict, make_ctx: Any, code: str, expected: str
) -> None:
    admin = make_ctx(db, users["administrator"])
    panel = _panel(qtbot, admin)
    panel.set_kind("district")
    dialog = _dialog_ready(qtbot, panel.add_dialog())
    dialog.parent_box.choose("KZ-75")
    dialog.code.setText(code)
    dialog.name_ru.setText("Район")
    dialog.name_kk.setText("Аудан")
    _save(qtbot, admin, dialog)
    assert dialog.isVisible()
    assert dialog.errors["code"].isVisible() and expected in dialog.errors["code"].text()
    assert not dialog.errors["form"].isVisible()
    with db.session() as s:
        assert s.scalar(select(RefDistrict.name_ru).where(RefDistrict.name_ru == "Район")) is None

    dialog.code.setText("KZ-75-fresh")  # the Kazakh name left out: said beside it, in Kazakh when read so
    dialog.name_kk.setText("")
    i18n.set_language("kk")
    _save(qtbot, admin, dialog)
    assert not dialog.errors["code"].isVisible() and dialog.errors["name_kk"].isVisible()
    assert "Kazakh" not in dialog.errors["name_kk"].text() and not dialog.errors["name_ru"].isVisible()
    dialog.parent_box.choose("")
    dialog.name_kk.setText("Аудан")
    _save(qtbot, admin, dialog)
    assert dialog.errors["region"].isVisible()
    assert ("reference.add", "KZ-75-fresh") not in _actions(db)


def test_an_officer_is_added_to_an_office_chosen_by_its_name(qtbot: Any, db: Any, users: dict, make_ctx: Any) -> None:
    admin = make_ctx(db, users["administrator"])
    panel = _panel(qtbot, admin)
    panel.set_kind("officer")
    dialog = _dialog_ready(qtbot, panel.add_dialog())
    dialog.submit()
    wait_worker(qtbot, admin)
    assert dialog.errors["full_name"].isVisible()
    assert all(code.startswith("PO-") and code not in text for code, text in dialog.parent_box.items)
    dialog.parent_box.choose("PO-KZ-75-medeu")
    dialog.full_name.setText("Сейткали  Асхат Нурланович")
    _save(qtbot, admin, dialog)
    assert not dialog.isVisible()
    officer = next(o for o in panel.snapshot.officers if o.full_name == "Сейткали Асхат Нурланович")
    assert (officer.code, officer.district_code) == ("OF-0001", "KZ-75-medeu")
    assert panel.select_code("OF-0001")
    assert panel.table.item(panel.table.currentRow(), 3).text() == reference.label("KZ-75-medeu", "en")


def test_only_the_administrator_has_the_panel_and_the_core_refuses_others(
    qtbot: Any, db: Any, users: dict, make_ctx: Any
) -> None:
    operator = make_ctx(db, users["operator"])
    window = MainWindow(operator, only=frozenset(s.id for s in panels.PANELS if s.area != "center"))
    qtbot.addWidget(window)
    wait_worker(qtbot, operator)
    assert "reference" not in window.panels and "persons" in window.panels
    admin_window = MainWindow(make_ctx(db, users["administrator"]), only=frozenset({"reference", "persons"}))
    qtbot.addWidget(admin_window)
    assert isinstance(admin_window.panels["reference"], ReferenceAdminPanel)

    for role in ("operator", "supervisor", "technician"):
        with db.begin() as s, pytest.raises(AccessDenied) as refused:
            reference.add_district(s, users[role], "KZ-75-x", "KZ-75", "district", reference.Names("Х", "Х", "X"))
        assert refused.value.code == "denied.reference"
    with db.begin() as s, pytest.raises(AccessDenied):
        reference.set_active(s, users["supervisor"], "district", "KZ-75-medeu", False)
    with db.session() as s:
        assert s.get(RefDistrict, "KZ-75-medeu").active and s.get(RefDistrict, "KZ-75-x") is None

    forced = ReferenceDialog(make_ctx(db, users["supervisor"]), "region")  # a panel left open after a role change
    qtbot.addWidget(forced)
    forced.show()
    forced.code.setText("KZ-99")
    forced.name_ru.setText("Область")
    forced.name_kk.setText("Облыс")
    forced.submit()
    qtbot.waitUntil(lambda: forced.errors["form"].isVisible(), timeout=5000)
    assert "Only an administrator" in forced.errors["form"].text()
