"""Choose a new password: forced after a log-in with a temporary password, or asked for by the user.

The account's old (temporary) password is checked again and the new one must
meet the policy (``arm.caseload.users.password_problems``); both are the
core's (``arm.caseload.users.change_own_password``, audited as
``user.password_changed``). Each problem is shown beside its field.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from PySide6.QtCore import QEvent, QObject, Signal, Slot
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from arm.caseload import users
from widgets.caseload_errors import failure_text
from widgets.fit import FitTitle
from widgets.user_admin import user_error_text


class _Relay(QObject):
    """Brings the remote change's outcome back to the GUI thread."""

    done = Signal(object)


class ChangePasswordDialog(FitTitle, QDialog):
    """Old password, new password twice; accepted once the core has stored the new one.

    ``changer(old, new)`` (a remote desk: the service changes it, see
    ``widgets.app.RemoteAuthenticator``) runs on a worker thread, so a slow
    link never freezes the window; without it the local database is written.
    """

    def __init__(self, db: Any, user: Any, parent: QWidget | None = None, *, forced: bool = False,
                 old_password: str = "", changer: Callable[[str, str], Any] | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ChangePasswordDialog")
        self._db = db
        self._changer = changer
        self._pool: ThreadPoolExecutor | None = None
        self._relay = _Relay(self)
        self._relay.done.connect(self._remote_done)
        self.user = user
        self.forced = forced
        self.explain = QLabel(self)
        self.explain.setWordWrap(True)
        self.old = QLineEdit(old_password, self)
        self.old.setObjectName("oldPassword")
        self.new = QLineEdit(self)
        self.new.setObjectName("newPassword")
        self.again = QLineEdit(self)
        self.again.setObjectName("againPassword")
        for edit in (self.old, self.new, self.again):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
            edit.setMinimumWidth(260)
        self.errors = {k: QLabel(self) for k in ("old", "new", "again", "form")}
        for name, label in self.errors.items():
            label.setObjectName(f"error_{name}")
            label.setProperty("role", "fieldError")
            label.setStyleSheet("color: #b00020;")
            label.setWordWrap(True)
            label.hide()
        self.labels = [QLabel(self) for _ in range(3)]
        form = QFormLayout()
        for label, edit, key in zip(self.labels, (self.old, self.new, self.again), ("old", "new", "again"),
                                    strict=True):
            form.addRow(label, edit)
            form.addRow("", self.errors[key])
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.explain)
        layout.addLayout(form)
        layout.addWidget(self.errors["form"])
        layout.addWidget(self.buttons)
        self.retranslateUi()
        (self.new if old_password else self.old).setFocus()

    def retranslateUi(self) -> None:
        self.setWindowTitle(self.tr("Choose a new password"))
        self.explain.setText(
            self.tr("{name}, your account was given a temporary password. Choose your own to continue: at least "
                    "{n} characters, letters and digits, not the login.").format(
                name=getattr(self.user, "full_name", "") or getattr(self.user, "login", ""), n=users.MIN_LENGTH)
            if self.forced else
            self.tr("At least {n} characters, letters and digits, not the login.").format(n=users.MIN_LENGTH)
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Set the password"))
        for label, text in zip(self.labels, (self.tr("Current password:"), self.tr("New password:"),
                                             self.tr("New password again:")), strict=True):
            label.setText(text)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)

    def _show(self, key: str, text: str) -> None:
        self.errors[key].setText(("⚠ " + text) if text else "")
        self.errors[key].setVisible(bool(text))

    def submit(self) -> None:
        for key in self.errors:
            self._show(key, "")
        login = str(getattr(self.user, "login", ""))
        problems = users.password_problems(self.new.text(), login)
        if problems:
            self._show("new", "\n".join(user_error_text("password", p) for p in problems))
            return
        if self.new.text() != self.again.text():
            self._show("again", self.tr("The two new passwords differ."))
            return
        if self.new.text() == self.old.text():
            self._show("new", self.tr("The new password must differ from the temporary one."))
            return
        if self._changer is not None:
            self.buttons.setEnabled(False)
            if self._pool is None:
                self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="arm-password")
            future = self._pool.submit(self._changer, self.old.text(), self.new.text())
            future.add_done_callback(self._relay_outcome)
            return
        try:
            with self._db.begin() as session:  # a short write; the log-in dialog does the same on its thread
                users.change_own_password(session, self.user, self.old.text(), self.new.text())
        except Exception as exc:  # noqa: BLE001 - refusals beside their fields, the database away said
            self._refused(exc)
            return
        self.accept()

    def _relay_outcome(self, future: Future[Any]) -> None:
        self._relay.done.emit(future.exception())

    @Slot(object)
    def _remote_done(self, error: BaseException | None) -> None:
        self.buttons.setEnabled(True)
        if error is None:
            self.accept()
        else:
            self._refused(error)

    def _refused(self, exc: BaseException) -> None:
        if isinstance(exc, users.UserInvalid):
            for field, message in exc.errors.items():
                key = {"old_password": "old", "password": "new", "new_password": "new"}.get(field, "form")
                if key == "old":
                    self._show(key, self.tr("The current password is wrong."))
                else:
                    self._show(key, user_error_text("password", message))
            return
        self._show("form", failure_text(exc))

    def done(self, result: int) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
        super().done(result)
