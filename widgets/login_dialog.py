"""Log-in: who is at the desk decides what they may see.

The password check (argon2id, deliberately slow) runs on a worker thread so
the dialog stays responsive. A refusal is shown beside the field it concerns
(``AuthError.field``); after repeated failures ``arm.auth`` locks the login and
its message says so. The language can be chosen here, before anything else.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, QObject, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from arm.auth import AuthError, CurrentUser, authenticate
from widgets import i18n
from widgets.fit import FitTitle

log = logging.getLogger("arm.gui.login")

#: arm.auth's messages (English source), marked here so lupdate collects them
#: in the "Auth" context; the dialog translates them when it shows them.
AUTH_MESSAGES = (
    QT_TRANSLATE_NOOP("Auth", "Enter your login."),
    QT_TRANSLATE_NOOP("Auth", "Unknown login or the account is disabled."),
    QT_TRANSLATE_NOOP("Auth", "Wrong password."),
    QT_TRANSLATE_NOOP(
        "Auth",
        "Too many failed attempts: this login is locked until an administrator unlocks it "
        "(User administration, or the command arm user unlock).",
    ),
)


class _Relay(QObject):
    done = Signal(object, object)  # user, error


#: checks a login and password on a worker thread: the user, or AuthError
Authenticator = Callable[[str, str], CurrentUser]


class LoginDialog(FitTitle, QDialog):
    """Modal log-in; after ``exec()`` returns Accepted, ``user`` is set.

    By default the password is checked against ``db`` (the embedded service's
    database); a desk on a remote service passes ``authenticator``, which asks
    the service (``RemoteService.login``), so the remote service's lock-out
    and audit apply.
    """

    languageChanged = Signal(str)

    def __init__(self, db: Any, parent: QWidget | None = None, login: str = "", demo: bool = False,
                 authenticator: Authenticator | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("LoginDialog")
        self._db = db
        self._authenticator = authenticator
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="arm-login")
        self._relay = _Relay()
        self._relay.done.connect(self._finished, Qt.ConnectionType.QueuedConnection)
        self.user: CurrentUser | None = None
        self._demo = demo
        self._error_code: dict[str, str] = {}
        self._build()
        self.login_edit.setText(login)
        self.retranslateUi()
        (self.password_edit if login else self.login_edit).setFocus()

    def _build(self) -> None:
        self.heading = QLabel(self)
        self.heading.setObjectName("loginHeading")
        self.login_edit = QLineEdit(self)
        self.login_edit.setObjectName("login")
        self.password_edit = QLineEdit(self)
        self.password_edit.setObjectName("password")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.login_error = self._error_label("loginError")
        self.password_error = self._error_label("passwordError")
        self.language = QComboBox(self)
        for code, name in i18n.LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(i18n.current_language())))
        self.language.currentIndexChanged.connect(self._language_chosen)
        self.form = QFormLayout()
        self.login_label, self.password_label, self.language_label = QLabel(), QLabel(), QLabel()
        self.form.addRow(self.login_label, self._with_error(self.login_edit, self.login_error))
        self.form.addRow(self.password_label, self._with_error(self.password_edit, self.password_error))
        self.form.addRow(self.language_label, self.language)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.hint = QLabel(self)
        self.hint.setObjectName("loginHint")
        self.hint.setWordWrap(True)
        self.hint.setVisible(self._demo)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(self.form)
        layout.addWidget(self.hint)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        # Grow when a message appears instead of squeezing the fields.
        layout.setSizeConstraint(QLayout.SizeConstraint.SetFixedSize)
        self.login_edit.setMinimumWidth(300)

    def _error_label(self, name: str) -> QLabel:
        label = QLabel(self)
        label.setObjectName(name)
        label.setProperty("role", "fieldError")
        label.setWordWrap(True)
        label.hide()
        return label

    def _with_error(self, edit: QLineEdit, error: QLabel) -> QWidget:
        cell = QWidget(self)
        box = QVBoxLayout(cell)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        box.addWidget(edit)
        box.addWidget(error)
        return cell

    def retranslateUi(self) -> None:
        self.setWindowTitle(self.tr("ARM: log in"))
        self.heading.setText(self.tr("Operator workstation of electronic monitoring"))
        self.login_label.setText(self.tr("Login:"))
        self.password_label.setText(self.tr("Password:"))
        self.language_label.setText(self.tr("Language:"))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Log in"))
        self.hint.setText(self.tr(
            "Demo data: log in as operator, supervisor, technician or admin with the password demo1234."
        ))
        for field, code in self._error_code.items():
            self._label_for(field).setText("⚠ " + QCoreApplication.translate("Auth", code))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)

    def _language_chosen(self) -> None:
        code = self.language.currentData()
        i18n.set_language(code)
        self.languageChanged.emit(code)

    # -------------------------------------------------------------- log-in
    def submit(self) -> None:
        self._show_error(None, "")
        login, password = self.login_edit.text(), self.password_edit.text()
        self.buttons.setEnabled(False)
        self.status.setText(self.tr("Checking…"))
        future = self._pool.submit(self._check, login, password)
        future.add_done_callback(
            lambda f: self._relay.done.emit(None if f.exception() else f.result(), f.exception())
        )

    def _check(self, login: str, password: str) -> CurrentUser:
        if self._authenticator is not None:
            return self._authenticator(login, password)
        # The audit rows of failed attempts must be kept, so commit them too.
        session = self._db.session()
        try:
            user = authenticate(session, login, password)
            session.commit()
            return user
        except AuthError:
            session.commit()
            raise
        finally:
            session.close()

    @Slot(object, object)
    def _finished(self, user: CurrentUser | None, error: BaseException | None) -> None:
        self.buttons.setEnabled(True)
        self.status.setText("")
        if isinstance(error, AuthError):
            self._show_error(error.field, str(error))
            self.password_edit.selectAll()
            return
        if error is not None:
            log.error("log-in failed", exc_info=error)
            self._show_error("password", "")
            self.status.setText(self.tr("The database is not available: {error}").format(error=error))
            return
        if getattr(user, "must_change_password", False):
            self._ask_new_password(user)  # a temporary password: the user's own comes first (here or remote)
            return
        self.user = user
        self.accept()

    def _ask_new_password(self, user: CurrentUser) -> None:
        from dataclasses import replace

        from widgets.change_password import ChangePasswordDialog

        # a remote desk changes it on the service (session.change_password), an embedded one in its database
        changer = getattr(self._authenticator, "change_password", None)
        dialog = ChangePasswordDialog(self._db, user, self, forced=True, old_password=self.password_edit.text(),
                                      changer=changer)

        def changed() -> None:
            self.user = replace(user, must_change_password=False)
            self.accept()

        dialog.accepted.connect(changed)
        dialog.rejected.connect(lambda: self.status.setText(self.tr("Choose a new password to log in.")))
        dialog.open()
        self.password_dialog = dialog

    def _label_for(self, field: str) -> QLabel:
        return self.login_error if field == "login" else self.password_error

    def _show_error(self, field: str | None, code: str) -> None:
        self._error_code = {field: code} if field and code else {}
        for name in ("login", "password"):
            label = self._label_for(name)
            text = self._error_code.get(name)
            label.setText("⚠ " + QCoreApplication.translate("Auth", text) if text else "")
            label.setVisible(bool(text))
            edit = self.login_edit if name == "login" else self.password_edit
            edit.setProperty("invalid", bool(text))
            edit.style().unpolish(edit)
            edit.style().polish(edit)
            edit.updateGeometry()  # the invalid border changes its size hint
        if field:
            (self.login_edit if field == "login" else self.password_edit).setFocus()

    def done(self, result: int) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)
        super().done(result)
