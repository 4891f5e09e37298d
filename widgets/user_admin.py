"""User administration for the administrator: accounts, roles, districts, passwords, lock-out.

Every action is a call of ``arm.caseload.users`` (the same services as
``arm user ...``), which checks that the acting user is an administrator and
writes the audit row. A new account and a reset get a *temporary* password by
default, generated here and shown once to hand over; the user must choose
their own at the first log-in (``widgets.change_password``). Unlocking takes
effect at once in every running process (the lock-out is kept in the
account), so monitoring is never restarted for it. The screen shows accounts
only: no personal data of supervised persons.
"""

from __future__ import annotations

import logging
import secrets
import string
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from arm.caseload import users
from widgets.caseload_errors import failure_text
from widgets.context import AppContext
from widgets.field_errors import error_label, show_error
from widgets.fit import FitTitle
from widgets.i18n import current_language
from widgets.reference_choices import ReferenceChoices, load_reference_choices

log = logging.getLogger("arm.gui.users")

ROLES = ("operator", "supervisor", "technician", "administrator")
COLUMNS = ("login", "full_name", "role", "state", "districts")
TEMPORARY_LENGTH = 12


def role_text(role: str) -> str:
    names = {
        "operator": QCoreApplication.translate("Roles", "Operator"),
        "supervisor": QCoreApplication.translate("Roles", "Supervisor"),
        "technician": QCoreApplication.translate("Roles", "Technician"),
        "administrator": QCoreApplication.translate("Roles", "Administrator"),
    }
    return names.get(role, role)


def user_error_text(field: str, message: str) -> str:
    """The users service's English field messages in the reader's language (the policy's sentences)."""
    texts = {
        "A password needs letters and digits.": QCoreApplication.translate("Users", "A password needs letters and digits."),
        "This password is too easy to guess (a common password, or it contains the login).":
            QCoreApplication.translate("Users", "This password is too easy to guess (a common password, or it contains "
                                                "the login)."),
        "A password may not begin or end with a space.": QCoreApplication.translate(
            "Users", "A password may not begin or end with a space."),
    }
    for english, text in texts.items():
        message = message.replace(english, text)
    if message.startswith("A password needs at least"):
        return QCoreApplication.translate("Users", "A password needs at least {n} characters.").format(
            n=users.MIN_LENGTH)
    if field == "login" and ("taken" in message.lower() or "already" in message.lower()):
        return QCoreApplication.translate("Users", "This login is already taken.")
    if field == "login":
        return QCoreApplication.translate("Users", "A login is 2 to 64 of a-z, 0-9, dot, dash, underscore.")
    if field == "full_name":
        return QCoreApplication.translate("Users", "Enter the full name.")
    if field == "role":
        return QCoreApplication.translate("Users", "Choose a role.")
    if field.startswith("districts"):
        return QCoreApplication.translate("Users", "Choose districts from the list.")
    return message


def temporary_password() -> str:
    """A random password that meets the policy (letters and digits), easy to read out: no 0/O, 1/l/I."""
    letters = "".join(c for c in string.ascii_letters if c not in "OlI")
    digits = "23456789"
    while True:
        text = "".join(secrets.choice(letters + digits) for _ in range(TEMPORARY_LENGTH))
        if any(c in digits for c in text) and any(c in letters for c in text) and not users.password_problems(text):
            return text


class DistrictPicker(QWidget):
    """Districts from the reference list, ticked; a filter line finds one among two hundred."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.filter = QLineEdit(self)
        self.filter.setObjectName("districtFilter")
        self.list = QListWidget(self)
        self.list.setObjectName("districts")
        self.list.setMinimumHeight(160)
        self.filter.textChanged.connect(self._filter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.filter)
        layout.addWidget(self.list)

    def set_choices(self, choices: ReferenceChoices, chosen: tuple[str, ...]) -> None:
        regions = dict(choices.regions)
        self.list.clear()
        for code, region, name in sorted(choices.districts, key=lambda d: (regions.get(d[1], ""), d[2])):
            item = QListWidgetItem(f"{regions.get(region, region)} — {name}")
            item.setData(Qt.ItemDataRole.UserRole, code)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if code in chosen else Qt.CheckState.Unchecked)
            self.list.addItem(item)

    def set_checked(self, code: str, checked: bool = True) -> None:
        for i in range(self.list.count()):
            if self.list.item(i).data(Qt.ItemDataRole.UserRole) == code:
                self.list.item(i).setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def chosen(self) -> tuple[str, ...]:
        return tuple(self.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.list.count())
                     if self.list.item(i).checkState() == Qt.CheckState.Checked)

    def _filter(self, text: str) -> None:
        needle = text.strip().casefold()
        for i in range(self.list.count()):
            item = self.list.item(i)
            code = str(item.data(Qt.ItemDataRole.UserRole)).casefold()
            item.setHidden(bool(needle) and needle not in item.text().casefold() and needle not in code)


class UserDialog(FitTitle, QDialog):
    """A new account, or an account's role and districts."""

    saved = Signal(object)  # (users.Account, temporary password or "")

    def __init__(self, ctx: AppContext, account: users.Account | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("UserDialog")
        self.ctx = ctx
        self.account = account
        self.login = QLineEdit(account.login if account else "", self)
        self.login.setObjectName("login")
        self.login.setReadOnly(account is not None)
        self.full_name = QLineEdit(account.full_name if account else "", self)
        self.full_name.setObjectName("fullName")
        self.full_name.setReadOnly(account is not None)
        self.role = QComboBox(self)
        self.role.setObjectName("role")
        for role in ROLES:
            self.role.addItem(role_text(role), role)
        if account is not None:
            self.role.setCurrentIndex(max(0, self.role.findData(account.role)))
        self.districts = DistrictPicker(self)
        self.temporary = QCheckBox(self)
        self.temporary.setObjectName("temporary")
        self.temporary.setChecked(True)
        self.password = QLineEdit(self)
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setEnabled(False)
        self.temporary.toggled.connect(lambda on: self.password.setEnabled(not on))
        self.errors = {k: error_label(k) for k in ("login", "full_name", "role", "districts", "password", "form")}
        self.labels = [QLabel(self) for _ in range(6)]
        form = QFormLayout()
        rows: list[tuple[QWidget, str]] = [(self.login, "login"), (self.full_name, "full_name"), (self.role, "role"),
                                           (self.districts, "districts")]
        if account is None:
            rows += [(self.temporary, ""), (self.password, "password")]
        for label, (widget, key) in zip(self.labels, rows, strict=False):
            form.addRow(label, widget)
            if key:
                form.addRow("", self.errors[key])
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.hint)
        layout.addWidget(self.errors["form"])
        layout.addWidget(self.buttons)
        self.resize(620, 600)
        self.retranslateUi()
        ctx.read(load_reference_choices, current_language(),
                 on_done=lambda c: self.districts.set_choices(c, account.districts if account else ()),
                 on_error=lambda e: show_error(self.errors["form"], failure_text(e)))

    def retranslateUi(self) -> None:
        self.setWindowTitle(self.tr("New account") if self.account is None
                            else self.tr("Account {login}").format(login=self.account.login))
        texts = (self.tr("Login:"), self.tr("Full name:"), self.tr("Role:"), self.tr("Districts:"), "",
                 self.tr("Password:"))
        for label, text in zip(self.labels, texts, strict=False):
            label.setText(text)
        self.temporary.setText(self.tr("Temporary password (generated; changed at the first log-in)"))
        self.districts.filter.setPlaceholderText(self.tr("Find a district…"))
        self.hint.setText(self.tr("No district ticked: the account sees every district (a central desk)."))

    def submit(self) -> None:
        for label in self.errors.values():
            show_error(label, "")
        user, role, districts = self.ctx.user, str(self.role.currentData()), self.districts.chosen()
        if self.account is not None:
            login = self.account.login

            def change(session: Any) -> Any:
                users.set_role(session, user, login, role)
                return users.set_districts(session, user, login, districts), ""

            job = change
        else:
            temporary = self.temporary.isChecked()
            password = temporary_password() if temporary else self.password.text()
            if not temporary and users.password_problems(password, self.login.text().strip()):
                show_error(self.errors["password"], "\n".join(
                    user_error_text("password", p) for p in users.password_problems(password, self.login.text())))
                return
            draft = users.UserDraft(login=self.login.text().strip(), full_name=self.full_name.text().strip(),
                                    role=role, password=password, districts=districts, temporary=temporary)

            def create(session: Any) -> Any:
                return users.add_user(session, user, draft), password if temporary else ""

            job = create
        self.buttons.setEnabled(False)
        self.ctx.write(job, on_done=self._saved, on_error=self._failed)

    def _saved(self, result: Any) -> None:
        self.buttons.setEnabled(True)
        self.saved.emit(result)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.buttons.setEnabled(True)
        errors = getattr(error, "errors", None)
        if isinstance(errors, dict):
            for field, message in errors.items():
                key = "districts" if field.startswith("districts") else field
                show_error(self.errors.get(key, self.errors["form"]), user_error_text(field, message))
            return
        show_error(self.errors["form"], failure_text(error))


class UserAdminPanel(QWidget):
    """The administrator's list of accounts and what can be done to them."""

    changed = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("UserAdminPanel")
        self.ctx = ctx
        self.accounts: list[users.Account] = []
        self.district_names: dict[str, str] = {}
        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setObjectName("accounts")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.buttons = {k: QPushButton(self) for k in ("add", "edit", "reset", "unlock", "disable")}
        for key, button in self.buttons.items():
            button.setObjectName(f"user_{key}")
        self.buttons["add"].clicked.connect(self.add_dialog)
        self.buttons["edit"].clicked.connect(self.edit_dialog)
        self.buttons["reset"].clicked.connect(self.reset_password)
        self.buttons["unlock"].clicked.connect(self.unlock)
        self.buttons["disable"].clicked.connect(self.toggle_active)
        self.message = QLabel(self)
        self.message.setObjectName("userMessage")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        row = QHBoxLayout()
        for button in self.buttons.values():
            row.addWidget(button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        layout.addWidget(self.message)
        self.retranslateUi()
        self.reload()

    def retranslateUi(self) -> None:
        self.table.setHorizontalHeaderLabels([self.tr("Login"), self.tr("Full name"), self.tr("Role"),
                                              self.tr("State"), self.tr("Districts")])
        texts = {"add": self.tr("New account…"), "edit": self.tr("Role and districts…"),
                 "reset": self.tr("Reset the password"), "unlock": self.tr("Unlock"),
                 "disable": self.tr("Disable")}
        for key, text in texts.items():
            self.buttons[key].setText(text)
        if self.accounts:
            self._fill()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)

    # ------------------------------------------------------------ data
    def reload(self) -> None:
        user, lang = self.ctx.user, current_language()

        def job(session: Any) -> Any:
            from arm.caseload import reference

            return users.list_accounts(session, user), reference.labels(session, lang)

        self.ctx.read(job, on_done=self._loaded, on_error=lambda e: self._say(failure_text(e), False))

    def _loaded(self, result: tuple[list[users.Account], dict[str, str]]) -> None:
        self.accounts, self.district_names = result
        self._fill()

    def state_text(self, a: users.Account) -> str:
        parts = [self.tr("active") if a.active else self.tr("disabled")]
        if a.locked:
            parts.append(self.tr("locked after {n} failed log-ins").format(n=a.failed_logins))
        if a.must_change_password:
            parts.append(self.tr("must change the password"))
        return ", ".join(parts)

    def _fill(self) -> None:
        selected = self.selected()
        self.table.setRowCount(len(self.accounts))
        for r, a in enumerate(self.accounts):
            names = [self.district_names.get(d, d) for d in a.districts]
            districts = ", ".join(names) or self.tr("all districts")
            shown = districts if len(names) <= 3 else self.tr("{names} and {n} more").format(
                names=", ".join(names[:3]), n=len(names) - 3)
            for c, text in enumerate((a.login, a.full_name, role_text(a.role), self.state_text(a), shown)):
                item = QTableWidgetItem(text)
                item.setToolTip(districts if c == 4 else text)
                self.table.setItem(r, c, item)
            if selected is not None and a.login == selected.login:
                self.table.selectRow(r)
        self._update_buttons()

    def selected(self) -> users.Account | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not rows or rows[0].row() >= len(self.accounts):
            return None
        return self.accounts[rows[0].row()]

    def select_login(self, login: str) -> None:
        for r, a in enumerate(self.accounts):
            if a.login == login:
                self.table.selectRow(r)

    def _update_buttons(self) -> None:
        a = self.selected()
        own = a is not None and a.login == self.ctx.login
        for key in ("edit", "reset"):
            self.buttons[key].setEnabled(a is not None)
        self.buttons["unlock"].setEnabled(a is not None and (a.locked or a.failed_logins > 0))
        self.buttons["disable"].setEnabled(a is not None and not own)  # an administrator cannot lock themselves out
        self.buttons["disable"].setText(self.tr("Enable") if a is not None and not a.active else self.tr("Disable"))

    def _say(self, text: str, ok: bool | None = None) -> None:
        self.message.setText(text)
        self.message.setStyleSheet({True: "color: #1b6e20;", False: "color: #b00020;", None: ""}[ok])

    # ------------------------------------------------------------ actions
    def add_dialog(self) -> UserDialog:
        dialog = UserDialog(self.ctx, None, self)
        dialog.saved.connect(self._created)
        dialog.open()
        self.dialog = dialog
        return dialog

    def edit_dialog(self) -> UserDialog | None:
        a = self.selected()
        if a is None:
            return None
        dialog = UserDialog(self.ctx, a, self)
        dialog.saved.connect(lambda _r: (self._say(self.tr("Account {login} saved.").format(login=a.login), True),
                                         self.reload()))
        dialog.open()
        self.dialog = dialog
        return dialog

    def _created(self, result: tuple[users.Account, str]) -> None:
        account, password = result
        if password:
            self._say(self.tr("Account {login} created. Temporary password: {password} — hand it over; "
                              "{login} chooses their own at the first log-in.").format(login=account.login,
                                                                                      password=password), True)
        else:
            self._say(self.tr("Account {login} created.").format(login=account.login), True)
        self.last_password = password
        self.reload()
        self.changed.emit()

    def _run(self, job: Any, done_text: str) -> None:
        def ok(_result: Any) -> None:
            self._say(done_text, True)
            self.reload()
            self.changed.emit()

        self.ctx.write(job, on_done=ok, on_error=lambda e: self._say(
            user_error_text("password", str(getattr(e, "errors", {}).get("password", "")))
            if getattr(e, "errors", None) else failure_text(e), False))

    def reset_password(self) -> None:
        a = self.selected()
        if a is None:
            return
        user, login, password = self.ctx.user, a.login, temporary_password()
        self.last_password = password
        self._run(lambda s: users.set_password(s, user, login, password, temporary=True),
                  self.tr("New temporary password of {login}: {password} — {login} chooses their own at the next "
                          "log-in.").format(login=login, password=password))

    def unlock(self) -> None:
        a = self.selected()
        if a is None:
            return
        user, login = self.ctx.user, a.login
        self._run(lambda s: users.unlock(s, user, login),
                  self.tr("{login} is unlocked and may log in again.").format(login=login))

    def toggle_active(self) -> None:
        a = self.selected()
        if a is None or a.login == self.ctx.login:
            return
        user, login, active = self.ctx.user, a.login, not a.active
        self._run(lambda s: users.set_active(s, user, login, active),
                  (self.tr("{login} is enabled.") if active else self.tr("{login} is disabled: it can no longer "
                                                                         "log in.")).format(login=login))
