"""The administrator's user accounts screen and the forced password change at log-in (issue 12)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QDialog
from sqlalchemy import select

from arm import auth
from db.models import AuditEntry, User
from tests.gui.conftest import PASSWORD, wait_worker
from widgets.login_dialog import LoginDialog
from widgets.user_admin import UserAdminPanel, temporary_password


def _panel(qtbot: Any, ctx: Any) -> UserAdminPanel:
    panel = UserAdminPanel(ctx)
    qtbot.addWidget(panel)
    panel.show()
    qtbot.waitUntil(lambda: len(panel.accounts) >= 4, timeout=5000)
    return panel


def _log_in(qtbot: Any, db: Any, login: str, password: str) -> LoginDialog:
    dialog = LoginDialog(db)
    qtbot.addWidget(dialog)
    dialog.open()
    dialog.login_edit.setText(login)
    dialog.password_edit.setText(password)
    with qtbot.waitSignal(dialog._relay.done, timeout=10_000):
        dialog.submit()
    qtbot.wait(10)
    return dialog


def _actions(db: Any) -> list[str]:
    with db.session() as s:
        return list(s.scalars(select(AuditEntry.action).order_by(AuditEntry.id)))


def test_add_an_account_with_a_temporary_password_then_the_first_log_in_changes_it(
    qtbot: Any, db: Any, users: dict, make_ctx: Any
) -> None:
    ctx = make_ctx(db, users["administrator"])
    panel = _panel(qtbot, ctx)
    dialog = panel.add_dialog()
    qtbot.waitUntil(lambda: dialog.districts.list.count() > 100, timeout=5000)  # the reference list
    dialog.login.setText("Bad Login")
    dialog.submit()
    wait_worker(qtbot, ctx)
    qtbot.waitUntil(lambda: dialog.errors["login"].isVisible(), timeout=5000)
    dialog.login.setText("sup.esil")
    dialog.full_name.setText("Серикова Айгуль")
    dialog.role.setCurrentIndex(dialog.role.findData("supervisor"))
    dialog.districts.filter.setText("esil")
    shown = [i for i in range(dialog.districts.list.count()) if not dialog.districts.list.item(i).isHidden()]
    assert 0 < len(shown) < 5
    dialog.districts.set_checked("KZ-71-esil")
    assert dialog.temporary.isChecked()  # the GUI's default
    with qtbot.waitSignal(dialog.saved, timeout=5000):
        dialog.submit()
    password = panel.last_password
    assert password and password in panel.message.text()
    qtbot.waitUntil(lambda: any(a.login == "sup.esil" for a in panel.accounts), timeout=5000)
    account = next(a for a in panel.accounts if a.login == "sup.esil")
    assert (account.role, account.districts, account.must_change_password) == ("supervisor", ("KZ-71-esil",), True)
    assert "must change the password" in panel.table.item(panel.accounts.index(account), 3).text()

    login = _log_in(qtbot, db, "sup.esil", password)
    assert login.result() != QDialog.DialogCode.Accepted and login.user is None
    change = login.password_dialog
    assert change.isVisible() and change.forced
    change.new.setText("short1")
    change.submit()
    assert "at least 8 characters" in change.errors["new"].text()
    change.new.setText("Nurly-Zhol 2027")
    change.again.setText("Nurly-Zhol 2028")
    change.submit()
    assert "differ" in change.errors["again"].text()
    change.again.setText("Nurly-Zhol 2027")
    change.submit()
    assert login.result() == QDialog.DialogCode.Accepted
    assert login.user is not None and login.user.login == "sup.esil" and not login.user.must_change_password
    assert "user.create" in _actions(db) and "user.password_changed" in _actions(db)
    again = _log_in(qtbot, db, "sup.esil", "Nurly-Zhol 2027")
    assert again.result() == QDialog.DialogCode.Accepted  # no second change asked for


def test_unlock_reset_and_disable(qtbot: Any, db: Any, users: dict, make_ctx: Any) -> None:
    ctx = make_ctx(db, users["administrator"])
    for _ in range(auth.MAX_FAILED_ATTEMPTS):
        _log_in(qtbot, db, "operator1", "bad password")
    locked = _log_in(qtbot, db, "operator1", PASSWORD)
    assert locked.user is None and "locked" in locked.login_error.text()

    panel = _panel(qtbot, ctx)
    panel.select_login("operator1")
    assert "locked" in panel.table.item(panel.table.currentRow(), 3).text()
    assert panel.buttons["unlock"].isEnabled()
    panel.buttons["unlock"].click()
    wait_worker(qtbot, ctx)
    qtbot.waitUntil(lambda: "unlocked" in panel.message.text(), timeout=5000)
    assert _log_in(qtbot, db, "operator1", PASSWORD).user is not None  # no restart needed

    panel.select_login("operator1")
    panel.buttons["reset"].click()
    wait_worker(qtbot, ctx)
    qtbot.waitUntil(lambda: "temporary password" in panel.message.text(), timeout=5000)
    temporary = panel.last_password
    assert _log_in(qtbot, db, "operator1", PASSWORD).user is None
    assert _log_in(qtbot, db, "operator1", temporary).password_dialog.forced

    panel.select_login("operator1")
    qtbot.waitUntil(lambda: panel.selected() is not None and panel.selected().login == "operator1", timeout=5000)
    panel.buttons["disable"].click()
    wait_worker(qtbot, ctx)
    qtbot.waitUntil(lambda: "disabled" in panel.message.text(), timeout=5000)
    with db.session() as s:
        assert not s.scalars(select(User).where(User.login == "operator1")).one().active
    panel.select_login("administrator1")
    assert not panel.buttons["disable"].isEnabled()  # not one's own account
    auth.reset_failures()


def test_role_and_districts_are_changed_and_other_roles_are_refused(
    qtbot: Any, db: Any, users: dict, make_ctx: Any
) -> None:
    ctx = make_ctx(db, users["administrator"])
    panel = _panel(qtbot, ctx)
    panel.select_login("operator1")
    dialog = panel.edit_dialog()
    qtbot.waitUntil(lambda: dialog.districts.list.count() > 100, timeout=5000)
    assert dialog.login.isReadOnly()
    dialog.role.setCurrentIndex(dialog.role.findData("supervisor"))
    dialog.districts.set_checked("KZ-71-almaty")
    with qtbot.waitSignal(dialog.saved, timeout=5000):
        dialog.submit()
    qtbot.waitUntil(lambda: any(a.login == "operator1" and a.role == "supervisor" for a in panel.accounts),
                    timeout=5000)
    assert "user.role" in _actions(db) and "user.districts" in _actions(db)

    refused = UserAdminPanel(make_ctx(db, users["supervisor"]))
    qtbot.addWidget(refused)
    qtbot.waitUntil(lambda: bool(refused.message.text()), timeout=5000)
    assert refused.accounts == [] and "administrator" in refused.message.text()


def test_temporary_passwords_meet_the_policy() -> None:
    from arm.caseload.users import password_problems

    seen = {temporary_password() for _ in range(50)}
    assert len(seen) == 50 and all(not password_problems(p) for p in seen)
    assert not any(c in "".join(seen) for c in "0O1lI")
