"""Log-in against a real user in a tmp database (argon2id via arm.auth)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QDialog
from sqlalchemy import select

from arm import auth
from db.models import AuditEntry
from tests.gui.conftest import PASSWORD
from widgets.login_dialog import LoginDialog


def _submit(qtbot: Any, dialog: LoginDialog, login: str, password: str) -> None:
    dialog.login_edit.setText(login)
    dialog.password_edit.setText(password)
    with qtbot.waitSignal(dialog._relay.done, timeout=10_000):
        dialog.submit()
    qtbot.wait(10)


def test_good_password_logs_in(qtbot: Any, db: Any, users: dict[str, Any]) -> None:
    dialog = LoginDialog(db)
    qtbot.addWidget(dialog)
    dialog.open()
    _submit(qtbot, dialog, "operator1", PASSWORD)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.user is not None and dialog.user.role == "operator"
    with db.session() as s:
        actions = s.scalars(select(AuditEntry.action).where(AuditEntry.user == "operator1")).all()
    assert "login" in actions


def test_wrong_password_is_shown_beside_the_field(qtbot: Any, db: Any, users: dict[str, Any]) -> None:
    dialog = LoginDialog(db)
    qtbot.addWidget(dialog)
    dialog.show()
    _submit(qtbot, dialog, "operator1", "not the password")
    assert dialog.isVisible() and dialog.user is None
    assert dialog.password_error.isVisible()
    assert "Wrong password" in dialog.password_error.text()
    assert not dialog.login_error.isVisible()
    assert dialog.password_edit.property("invalid") is True
    # The dialog grows for the message; the field keeps its height.
    qtbot.waitUntil(lambda: dialog.password_edit.height() >= dialog.password_edit.sizeHint().height(), timeout=2000)
    dialog.close()


def test_unknown_login_is_shown_beside_the_login(qtbot: Any, db: Any, users: dict[str, Any]) -> None:
    dialog = LoginDialog(db)
    qtbot.addWidget(dialog)
    dialog.show()
    _submit(qtbot, dialog, "nobody", "whatever123")
    assert dialog.login_error.isVisible() and not dialog.password_error.isVisible()
    dialog.close()


def test_lockout_after_repeated_failures(qtbot: Any, db: Any, users: dict[str, Any]) -> None:
    dialog = LoginDialog(db)
    qtbot.addWidget(dialog)
    dialog.show()
    for _ in range(auth.MAX_FAILED_ATTEMPTS):
        _submit(qtbot, dialog, "operator1", "bad password")
    _submit(qtbot, dialog, "operator1", PASSWORD)  # even the right one is refused now
    assert dialog.user is None
    assert "locked" in dialog.login_error.text()
    with db.session() as s:
        failed = s.scalars(select(AuditEntry.action).where(AuditEntry.action == "login_failed")).all()
    assert len(failed) == auth.MAX_FAILED_ATTEMPTS
    dialog.close()
    auth.reset_failures()
