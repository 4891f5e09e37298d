"""Transfer and deregistration of supervised persons: the supervisor's dialogs over the lifecycle services.

A transfer moves one person, or the whole caseload of an officer or a
district, to another district and officer picked from the reference lists
(``arm.caseload.lifecycle.transfer`` / ``transfer_caseload``). Deregistration
(``lifecycle.deregister``) ends every running restriction and returns every
issued device, so the person leaves the live map; the record stays. The
dialog says so and asks for an explicit confirmation before anything is sent.
Both services check rights, write the audit rows and bump the caseload
revision (the rules engine reloads on its next tick); refusals come back
field by field and are shown beside the field.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from widgets.caseload_errors import failure_text
from widgets.context import AppContext
from widgets.field_errors import error_label, show_error
from widgets.fit import FitTitle
from widgets.i18n import current_language
from widgets.reference_choices import ReferenceChoices, load_reference_choices

log = logging.getLogger("arm.gui.lifecycle")


def lifecycle_error_text(field: str, message: str) -> str:
    """The lifecycle's English field messages as the reader reads them (the common ones translated)."""
    from PySide6.QtCore import QCoreApplication

    if field == "deregistered_on" and "before the registration" in message:
        return QCoreApplication.translate("Lifecycle", "The deregistration date is before the registration date.")
    if field == "deregistered_on":
        return QCoreApplication.translate("Lifecycle", "The person is already deregistered.")
    if field == "district":
        return QCoreApplication.translate("Lifecycle", "Choose a district from the list.")
    if field == "officer":
        return QCoreApplication.translate("Lifecycle", "Choose an officer of that district.")
    if field in ("from_officer", "from_district"):
        return QCoreApplication.translate("Lifecycle", "Choose whose caseload moves.")
    return message


class TransferDialog(FitTitle, QDialog):
    """Move one person, or an officer's or a district's whole caseload, to another district and officer."""

    transferred = Signal(object)  # arm.caseload.lifecycle.TransferResult

    def __init__(self, ctx: AppContext, person_ids: list[int] | None = None, parent: QWidget | None = None,
                 *, person_name: str = "") -> None:
        super().__init__(parent)
        self.setObjectName("TransferDialog")
        self.ctx = ctx
        self.person_ids = list(person_ids or [])
        self.person_name = person_name
        self.choices: ReferenceChoices | None = None
        self.one = QRadioButton(self)
        self.one.setObjectName("modePersons")
        self.by_officer = QRadioButton(self)
        self.by_officer.setObjectName("modeOfficer")
        self.by_district = QRadioButton(self)
        self.by_district.setObjectName("modeDistrict")
        self.from_officer = QComboBox(self)
        self.from_officer.setObjectName("fromOfficer")
        self.from_district = QComboBox(self)
        self.from_district.setObjectName("fromDistrict")
        self.district = QComboBox(self)
        self.district.setObjectName("toDistrict")
        self.officer = QComboBox(self)
        self.officer.setObjectName("toOfficer")
        self.note = QLineEdit(self)
        self.note.setObjectName("note")
        self.errors = {k: error_label(k) for k in ("from", "district", "officer", "form")}
        self.form = QFormLayout()
        self.labels = [QLabel(self) for _ in range(5)]
        self.form.addRow(self.one)
        self.form.addRow(self.by_officer, self.from_officer)
        self.form.addRow(self.by_district, self.from_district)
        self.form.addRow("", self.errors["from"])
        self.form.addRow(self.labels[0], self.district)
        self.form.addRow("", self.errors["district"])
        self.form.addRow(self.labels[1], self.officer)
        self.form.addRow("", self.errors["officer"])
        self.form.addRow(self.labels[2], self.note)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.errors["form"])
        layout.addWidget(self.buttons)
        self.one.setVisible(bool(self.person_ids))
        (self.one if self.person_ids else self.by_officer).setChecked(True)
        self.district.currentIndexChanged.connect(self._district_changed)
        self.resize(620, 360)
        self.retranslateUi()
        ctx.read(load_reference_choices, current_language(), on_done=self._loaded,
                 on_error=lambda e: show_error(self.errors["form"], failure_text(e)))

    def retranslateUi(self) -> None:
        self.setWindowTitle(self.tr("Transfer"))
        self.one.setText(self.tr("This person: {name}").format(name=self.person_name) if self.person_name
                         else self.tr("The chosen persons ({n})").format(n=len(self.person_ids)))
        self.by_officer.setText(self.tr("The whole caseload of the officer"))
        self.by_district.setText(self.tr("The whole caseload of the district"))
        for label, text in zip(self.labels, (self.tr("To district:"), self.tr("To officer:"), self.tr("Note:")),
                               strict=False):
            label.setText(text)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Transfer"))

    def _loaded(self, choices: ReferenceChoices) -> None:
        self.choices = choices
        regions = dict(choices.regions)
        self.district.clear()
        self.from_district.clear()
        for combo in (self.district, self.from_district):
            combo.addItem(self.tr("— choose —"), "")
            for code, region, name in sorted(choices.districts, key=lambda d: (regions.get(d[1], ""), d[2])):
                combo.addItem(f"{regions.get(region, region)} — {name}", code)
        self.from_officer.clear()
        self.from_officer.addItem(self.tr("— choose —"), "")
        for code, _district, name in choices.officers:
            self.from_officer.addItem(name, code)
        self._district_changed()

    def _district_changed(self) -> None:
        district = self.district.currentData() or ""
        self.officer.clear()
        self.officer.addItem(self.tr("— no officer yet —"), "")
        for code, d, name in (self.choices.officers if self.choices else []):
            if d == district:
                self.officer.addItem(name, code)

    def submit(self) -> None:
        for label in self.errors.values():
            show_error(label, "")
        to_district, to_officer = self.district.currentData() or "", self.officer.currentData() or ""
        if not to_district:
            show_error(self.errors["district"], self.tr("Choose the district the persons move to."))
            return
        user, note = self.ctx.user, self.note.text().strip()
        if self.one.isChecked():
            ids = list(self.person_ids)

            def job(session: Any) -> Any:
                from arm.caseload import lifecycle

                return lifecycle.transfer(session, user, ids, to_district, to_officer, note)
        else:
            officer = self.from_officer.currentData() or "" if self.by_officer.isChecked() else ""
            district = self.from_district.currentData() or "" if self.by_district.isChecked() else ""
            if not officer and not district:
                show_error(self.errors["from"], self.tr("Choose whose caseload moves."))
                return

            def job(session: Any) -> Any:
                from arm.caseload import lifecycle

                return lifecycle.transfer_caseload(session, user, to_district=to_district, to_officer=to_officer,
                                                   from_officer=officer, from_district=district, note=note)
        self.buttons.setEnabled(False)
        self.ctx.write(job, on_done=self._done, on_error=self._failed)

    def _done(self, result: Any) -> None:
        self.buttons.setEnabled(True)
        self.result_value = result
        self.transferred.emit(result)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.buttons.setEnabled(True)
        errors = getattr(error, "errors", None)
        if isinstance(errors, dict):
            for field, message in errors.items():
                key = {"from_officer": "from", "from_district": "from"}.get(field, field)
                show_error(self.errors.get(key, self.errors["form"]), lifecycle_error_text(field, message))
            return
        show_error(self.errors["form"], failure_text(error))


class DeregisterDialog(FitTitle, QDialog):
    """Take a person off supervision after an explicit confirmation; restrictions end, devices come back."""

    deregistered = Signal(object)  # arm.caseload.lifecycle.Deregistered

    def __init__(self, ctx: AppContext, person_id: int, person_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("DeregisterDialog")
        self.ctx = ctx
        self.person_id = person_id
        self.person_name = person_name
        self.explain = QLabel(self)
        self.explain.setWordWrap(True)
        self.on = QDateEdit(QDate.currentDate(), self)
        self.on.setObjectName("deregisterOn")
        self.on.setCalendarPopup(True)
        self.on.setDisplayFormat("dd.MM.yyyy")
        self.reason = QLineEdit(self)
        self.reason.setObjectName("reason")
        self.confirm = QCheckBox(self)
        self.confirm.setObjectName("confirm")
        self.errors = {k: error_label(k) for k in ("deregistered_on", "reason", "form")}
        self.labels = [QLabel(self) for _ in range(2)]
        form = QFormLayout()
        form.addRow(self.labels[0], self.on)
        form.addRow("", self.errors["deregistered_on"])
        form.addRow(self.labels[1], self.reason)
        form.addRow("", self.errors["reason"])
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setEnabled(False)
        self.confirm.toggled.connect(self.ok.setEnabled)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.explain)
        layout.addLayout(form)
        layout.addWidget(self.confirm)
        layout.addWidget(self.errors["form"])
        layout.addWidget(self.buttons)
        self.resize(560, 320)
        self.retranslateUi()

    def retranslateUi(self) -> None:
        self.setWindowTitle(self.tr("Deregister"))
        self.explain.setText(self.tr(
            "{name} is taken off supervision: every running restriction ends, every issued device is "
            "returned to stock and the person leaves the live map. The record and its history stay."
        ).format(name=self.person_name))
        self.labels[0].setText(self.tr("Deregistered on:"))
        self.labels[1].setText(self.tr("Reason:"))
        self.reason.setPlaceholderText(self.tr("for example: supervision term served"))
        self.confirm.setText(self.tr("I confirm the deregistration of {name}").format(name=self.person_name))
        self.ok.setText(self.tr("Deregister"))

    def submit(self) -> None:
        for label in self.errors.values():
            show_error(label, "")
        if not self.confirm.isChecked():
            return
        if not self.reason.text().strip():
            show_error(self.errors["reason"], self.tr("Give the reason (it goes to the journal)."))
            return
        user, pid, day, reason = self.ctx.user, self.person_id, self.on.date().toPython(), self.reason.text().strip()

        def job(session: Any) -> Any:
            from arm.caseload import lifecycle

            return lifecycle.deregister(session, user, pid, day, reason)  # type: ignore[arg-type]

        self.buttons.setEnabled(False)
        self.ctx.write(job, on_done=self._done, on_error=self._failed)

    def _done(self, result: Any) -> None:
        self.buttons.setEnabled(True)
        self.result_value = result
        self.deregistered.emit(result)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.buttons.setEnabled(True)
        errors = getattr(error, "errors", None)
        if isinstance(errors, dict):
            for field, message in errors.items():
                show_error(self.errors.get(field, self.errors["form"]), lifecycle_error_text(field, message))
            return
        show_error(self.errors["form"], failure_text(error))
