"""Person edit form: every bad field is named and shown beside itself.

The checks are the core's (``db.validation.validate_person``), run once on the
GUI thread for immediate feedback and again by the caseload service
(``arm.caseload.persons.save_person``) in the saving transaction, where the
database's own rules (a unique IIN) and the user's rights are checked too.
Nothing is written unless every field is valid; the save and its audit row
commit together.
"""

from __future__ import annotations

import logging
from datetime import date
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDate, QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from arm import audit
from arm.caseload import lifecycle
from arm.caseload.persons import PersonDraft, PersonInvalid, PersonSaved, save_person
from db.models import Category, Person
from db.validation import iin_birth_date, iin_error, validate_person
from widgets.address_field import AddressField
from widgets.caseload_errors import failure_text
from widgets.context import AppContext
from widgets.fit import FitTitle
from widgets.i18n import current_language
from widgets.person_list import category_text
from widgets.reference_choices import ReferenceChoices, load_reference_choices

log = logging.getLogger("arm.gui.person_edit")

TEXT_FIELDS = (
    "last_name", "first_name", "middle_name", "iin", "court_decision_no", "court_name", "address", "phone",
)
#: Picked from the reference lists (``arm.caseload.reference``): the stored value is the code.
REFERENCE_FIELDS = ("region", "district", "officer")
REQUIRED_DATES = ("birth_date", "supervision_start", "registered_on")
OPTIONAL_DATES = ("court_decision_date", "supervision_end", "deregistered_on")
FLOAT_FIELDS = ("home_lat", "home_lon")
ORDER = (
    "last_name", "first_name", "middle_name", "iin", "birth_date", "category",
    "court_decision_no", "court_decision_date", "court_name", "supervision_start", "supervision_end",
    "address", "home_lat", "home_lon", "region", "district", "officer", "phone",
    "registered_on", "deregistered_on", "notes",
)
#: db.validation's messages (English source), marked so lupdate collects them
#: in the "Validation" context; show_errors() translates them by that context.
CORE_MESSAGES = (
    QT_TRANSLATE_NOOP("Validation", "The IIN must be exactly 12 digits."),
    QT_TRANSLATE_NOOP("Validation", "The IIN does not start with a valid birth date and century digit."),
    QT_TRANSLATE_NOOP("Validation", "The IIN check digit is wrong; check the number for a typing error."),
    QT_TRANSLATE_NOOP("Validation", "The IIN does not match the birth date."),
    QT_TRANSLATE_NOOP("Validation", "The supervision end date is before its start date."),
    QT_TRANSLATE_NOOP("Validation", "The registration end date is before its start date."),
    QT_TRANSLATE_NOOP("Validation", "This field is required."),
    QT_TRANSLATE_NOOP("Validation", "Enter the birth date."),
    QT_TRANSLATE_NOOP("Validation", "Choose one of the supervision categories."),
    QT_TRANSLATE_NOOP("Validation", "Enter the supervision start date."),
    QT_TRANSLATE_NOOP("Validation", "Enter the registration date."),
    QT_TRANSLATE_NOOP("Validation", "Latitude must be between -90 and 90."),
    QT_TRANSLATE_NOOP("Validation", "Longitude must be between -180 and 180."),
)
#: Extra messages of this form (the core's come from db.validation).
NOT_A_NUMBER = QT_TRANSLATE_NOOP("Validation", "Enter a number such as 51.12845.")
IIN_TAKEN = QT_TRANSLATE_NOOP("Validation", "Another person already has this IIN.")  # arm.caseload.persons
LIFECYCLE_MESSAGES = (  # arm.caseload.lifecycle.register
    QT_TRANSLATE_NOOP("Validation", "Enter the number of the court decision."),
    QT_TRANSLATE_NOOP("Validation", "Enter the date of the court decision."),
    QT_TRANSLATE_NOOP("Validation", "The court decision is dated after the supervision start."),
    QT_TRANSLATE_NOOP("Validation", "A new registration cannot be deregistered already."),
)


def load_person_values(session: Session, person_id: int, user: Any) -> dict[str, Any]:
    person = session.get(Person, person_id)
    if person is None:
        raise LookupError(person_id)
    audit.record(session, user, "person_view", "person", person_id, scope="edit")
    return {name: getattr(person, name) for name in ORDER}


class OptionalDate(QWidget):
    """A date that may be absent: a check box switches the date field on."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.check = QCheckBox(self)
        self.edit = _date_edit(self)
        self.edit.setEnabled(False)
        self.check.toggled.connect(self.edit.setEnabled)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.check)
        layout.addWidget(self.edit, 1)

    def value(self) -> date | None:
        return self.edit.date().toPython() if self.check.isChecked() else None  # type: ignore[return-value]

    def set_value(self, value: date | None) -> None:
        self.check.setChecked(value is not None)
        if value is not None:
            self.edit.setDate(QDate(value.year, value.month, value.day))


def _date_edit(parent: QWidget) -> QDateEdit:
    edit = QDateEdit(parent)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("dd.MM.yyyy")
    edit.setDate(QDate.currentDate())
    return edit


class PersonEditForm(FitTitle, QDialog):
    """Create or edit a person; ``saved(id)`` after a successful commit."""

    saved = Signal(int)
    validated = Signal(dict)  # the errors shown (empty when all fields are valid)

    def __init__(self, ctx: AppContext, person_id: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("PersonEditForm")
        self._ctx = ctx
        self.person_id = person_id
        self.inputs: dict[str, QWidget] = {}
        self.errors: dict[str, QLabel] = {}
        self.labels: dict[str, QLabel] = {}
        self.choices: ReferenceChoices | None = None
        self._pending: dict[str, Any] | None = None
        self._build()
        self.retranslateUi()
        self._wire()
        ctx.read(load_reference_choices, current_language(), on_done=self._choices_loaded,
                 on_error=self._load_failed)
        if person_id is not None:
            self.setEnabled(False)
            ctx.write(load_person_values, person_id, ctx.user, on_done=self._loaded, on_error=self._load_failed)

    # -------------------------------------------------------------- layout
    def _build(self) -> None:
        form_widget = QWidget()
        self.form = QFormLayout(form_widget)
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        for name in ORDER:
            widget = self._make_input(name)
            widget.setObjectName(f"field_{name}")
            self.inputs[name] = widget
            error = QLabel()
            error.setObjectName(f"error_{name}")
            error.setProperty("role", "fieldError")
            error.setWordWrap(True)
            error.hide()
            self.errors[name] = error
            cell = QWidget()
            box = QVBoxLayout(cell)
            box.setContentsMargins(0, 0, 0, 0)
            box.setSpacing(2)
            if name == "address":
                # the home point from the address index of the imported OSM extract
                self.find_home = AddressField(self)
                self.find_home.setObjectName("findHome")
                self.find_home.picked.connect(self._home_address_picked)
                box.addWidget(widget)
                box.addWidget(self.find_home)
            elif name == "home_lon":
                self.pick_home = QPushButton(self)
                self.pick_home.setObjectName("pickHome")
                line = QHBoxLayout()
                line.setContentsMargins(0, 0, 0, 0)
                line.addWidget(widget, 1)
                line.addWidget(self.pick_home)
                box.addLayout(line)
            else:
                box.addWidget(widget)
            box.addWidget(error)
            label = QLabel()
            label.setBuddy(widget)
            self.labels[name] = label
            self.form.addRow(label, cell)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(form_widget)
        self.summary = QLabel(self)
        self.summary.setObjectName("formSummary")
        self.summary.setProperty("role", "fieldError")
        self.summary.setWordWrap(True)
        self.summary.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.summary)
        layout.addWidget(self.buttons)
        self.resize(620, 720)

    def _wire(self) -> None:
        """IIN checked as it is typed (and the birth date taken from it); the lists cascade."""
        iin = self.inputs["iin"]
        assert isinstance(iin, QLineEdit)
        iin.textChanged.connect(self._iin_typed)
        self.birth_touched = False
        birth = self.inputs["birth_date"]
        assert isinstance(birth, QDateEdit)
        birth.dateChanged.connect(self._birth_changed)
        for name, slot in (("region", self._region_changed), ("district", self._district_changed)):
            combo = self.inputs[name]
            assert isinstance(combo, QComboBox)
            combo.currentIndexChanged.connect(slot)
        self.pick_home.clicked.connect(self.pick_home_on_map)

    def _combo(self, name: str) -> QComboBox:
        combo = self.inputs[name]
        assert isinstance(combo, QComboBox)
        return combo

    def _iin_typed(self, text: str) -> None:
        text = text.strip()
        if len(text) < 12:
            self._field_error("iin", "")
            return
        born = iin_birth_date(text) if text.isdigit() else None
        birth = self.inputs["birth_date"]
        assert isinstance(birth, QDateEdit)
        if born is not None and not self.birth_touched:
            birth.blockSignals(True)
            birth.setDate(QDate(born.year, born.month, born.day))
            birth.blockSignals(False)
        self._field_error("iin", iin_error(text, birth.date().toPython()) or "")  # type: ignore[arg-type]

    def _birth_changed(self) -> None:
        self.birth_touched = True
        iin = self.inputs["iin"]
        assert isinstance(iin, QLineEdit)
        if len(iin.text().strip()) == 12:
            birth = self.inputs["birth_date"]
            assert isinstance(birth, QDateEdit)
            self._field_error("iin", iin_error(iin.text().strip(), birth.date().toPython()) or "")  # type: ignore[arg-type]

    def _field_error(self, name: str, code: str) -> None:
        label = self.errors[name]
        label.setProperty("code", code)
        label.setText("⚠ " + QCoreApplication.translate("Validation", code) if code else "")
        label.setVisible(bool(code))

    def _choices_loaded(self, choices: ReferenceChoices) -> None:
        self.choices = choices
        region = self._combo("region")
        region.blockSignals(True)
        region.clear()
        region.addItem(self.tr("— choose —"), "")
        for code, name in choices.regions:
            region.addItem(name, code)
        region.blockSignals(False)
        self._region_changed()
        if self._pending is not None:
            values, self._pending = self._pending, None
            self.set_values(values)

    def _fill(self, name: str, items: list[tuple[str, str]], keep: str) -> None:
        combo = self._combo(name)
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(self.tr("— choose —"), "")
        for code, text in items:
            combo.addItem(text, code)
        combo.setCurrentIndex(max(0, combo.findData(keep)))
        combo.blockSignals(False)

    def _region_changed(self) -> None:
        if self.choices is None:
            return
        region = self._combo("region").currentData() or ""
        self._fill("district", [(c, n) for c, r, n in self.choices.districts if not region or r == region],
                   self._combo("district").currentData() or "")
        self._district_changed()

    def _district_changed(self) -> None:
        if self.choices is None:
            return
        district = self._combo("district").currentData() or ""
        if district and not self._combo("region").currentData():
            region = next((r for c, r, _n in self.choices.districts if c == district), "")
            self._combo("region").blockSignals(True)
            self._combo("region").setCurrentIndex(max(0, self._combo("region").findData(region)))
            self._combo("region").blockSignals(False)
        self._fill("officer", [(c, n) for c, d, n in self.choices.officers if d == district],
                   self._combo("officer").currentData() or "")

    def pick_home_on_map(self) -> Any:
        """The home point by a click on the map (the address stays as typed)."""
        from widgets.map_pick import MapPickDialog

        values, _ = self.values()
        center = (values["home_lat"], values["home_lon"]) if values.get("home_lat") is not None else None
        dialog = MapPickDialog(self._ctx, self, center=center)
        dialog.picked.connect(self.set_home)
        dialog.open()
        self.pick_dialog = dialog
        return dialog

    def _home_address_picked(self, lat: float, lon: float, text: str) -> None:
        """An address found in the index: the home point, and the address line if it was empty."""
        address = self.inputs["address"]
        if isinstance(address, QLineEdit) and not address.text().strip():
            address.setText(text)
        self.set_home(lat, lon)

    def set_home(self, lat: float, lon: float, _radius: float = 0.0) -> None:
        for name, value in (("home_lat", lat), ("home_lon", lon)):
            edit = self.inputs[name]
            assert isinstance(edit, QLineEdit)
            edit.setText(f"{value:.6f}")

    def _make_input(self, name: str) -> QWidget:
        if name in REFERENCE_FIELDS:
            combo = QComboBox(self)
            combo.addItem("", "")
            return combo
        if name == "category":
            combo = QComboBox(self)
            for c in Category:
                combo.addItem("", c.value)
            return combo
        if name in REQUIRED_DATES:
            return _date_edit(self)
        if name in OPTIONAL_DATES:
            return OptionalDate(self)
        if name == "notes":
            notes = QPlainTextEdit(self)
            notes.setFixedHeight(70)
            return notes
        edit = QLineEdit(self)
        if name == "iin":
            edit.setMaxLength(12)
            edit.setInputMask("")
        return edit

    def retranslateUi(self) -> None:
        self.setWindowTitle(self.tr("New person") if self.person_id is None else self.tr("Edit person"))
        texts = {
            "last_name": self.tr("Last name"), "first_name": self.tr("First name"),
            "middle_name": self.tr("Patronymic"), "iin": self.tr("IIN"), "birth_date": self.tr("Birth date"),
            "category": self.tr("Category"), "court_decision_no": self.tr("Court decision no."),
            "court_decision_date": self.tr("Court decision date"), "court_name": self.tr("Court"),
            "supervision_start": self.tr("Supervision start"), "supervision_end": self.tr("Supervision end"),
            "address": self.tr("Address"), "home_lat": self.tr("Home latitude"),
            "home_lon": self.tr("Home longitude"), "region": self.tr("Region"), "district": self.tr("District"),
            "officer": self.tr("Responsible officer"), "phone": self.tr("Phone"),
            "registered_on": self.tr("Registered"), "deregistered_on": self.tr("Deregistered"),
            "notes": self.tr("Notes"),
        }
        required = {"last_name", "first_name", "iin", "birth_date", "category", "district", *REQUIRED_DATES}
        if self.person_id is None:
            required |= {"court_decision_no", "court_decision_date"}
        for name, label in self.labels.items():
            label.setText(texts[name] + (" *" if name in required else "") + ":")
        combo = self.inputs["category"]
        assert isinstance(combo, QComboBox)
        for i in range(combo.count()):
            combo.setItemText(i, category_text(combo.itemData(i)))
        for name in OPTIONAL_DATES:
            widget = self.inputs[name]
            assert isinstance(widget, OptionalDate)
            widget.check.setText(self.tr("set"))
        iin = self.inputs["iin"]
        assert isinstance(iin, QLineEdit)
        iin.setPlaceholderText(self.tr("12 digits"))
        self.pick_home.setText(self.tr("Pick on the map…"))
        self.find_home.retranslateUi()
        for name in REFERENCE_FIELDS:
            combo = self._combo(name)
            if combo.count() and not combo.itemData(0):
                combo.setItemText(0, self.tr("— choose —"))
        for label in self.errors.values():
            code = label.property("code")
            if code:
                label.setText("⚠ " + QCoreApplication.translate("Validation", code))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)

    # -------------------------------------------------------------- values
    def values(self) -> tuple[dict[str, Any], dict[str, str]]:
        """The form's values, and the errors of fields that cannot even be parsed."""
        out: dict[str, Any] = {}
        errors: dict[str, str] = {}
        for name, widget in self.inputs.items():
            if isinstance(widget, QLineEdit):
                text = widget.text().strip()
                if name in FLOAT_FIELDS:
                    out[name] = None
                    if text:
                        try:
                            out[name] = float(text.replace(",", "."))
                        except ValueError:
                            errors[name] = NOT_A_NUMBER
                elif name in ("middle_name", "court_decision_no", "court_name", "phone"):
                    out[name] = text or None
                else:
                    out[name] = text
            elif isinstance(widget, QComboBox):
                out[name] = widget.currentData()
            elif isinstance(widget, OptionalDate):
                out[name] = widget.value()
            elif isinstance(widget, QDateEdit):
                out[name] = widget.date().toPython()
            elif isinstance(widget, QPlainTextEdit):
                out[name] = widget.toPlainText()
        return out, errors

    def set_values(self, values: dict[str, Any]) -> None:
        if self.choices is None and any(values.get(n) for n in REFERENCE_FIELDS):
            self._pending = dict(values)  # the lists are still loading: set them once they are in
        for name in ORDER:  # region before district before officer: each narrows the next list
            if name not in values:
                continue
            value = values[name]
            widget = self.inputs.get(name)
            if isinstance(widget, QLineEdit):
                widget.setText("" if value is None else str(value))
            elif isinstance(widget, QComboBox):
                index = widget.findData("" if value is None else str(value))
                if index < 0 and value and name in REFERENCE_FIELDS and self.choices is not None:
                    # a deactivated district or officer is offered nowhere, but this record holds it
                    widget.addItem(self.tr("{name} (not in force)").format(
                        name=self.choices.names.get(str(value), str(value))), str(value))
                    index = widget.count() - 1
                widget.setCurrentIndex(max(0, index))
            elif isinstance(widget, OptionalDate):
                widget.set_value(value)
            elif isinstance(widget, QDateEdit) and isinstance(value, date):
                widget.setDate(QDate(value.year, value.month, value.day))
            elif isinstance(widget, QPlainTextEdit):
                widget.setPlainText(value or "")

    def show_errors(self, errors: dict[str, str]) -> None:
        """Put each message beside its field and mark the field invalid."""
        for name, label in self.errors.items():
            code = errors.get(name)
            label.setProperty("code", code or "")
            label.setText("⚠ " + QCoreApplication.translate("Validation", code) if code else "")
            label.setVisible(bool(code))
            widget = self.inputs[name]
            widget.setProperty("invalid", bool(code))
            widget.style().unpolish(widget)
            widget.style().polish(widget)
            widget.updateGeometry()
        unknown = [f"{k}: {v}" for k, v in errors.items() if k not in self.errors]
        if errors:
            self.summary.setText(
                self.tr("{n} fields need correcting.").format(n=len(errors))
                + ("\n" + "\n".join(unknown) if unknown else "")
            )
        self.summary.setVisible(bool(errors))
        first = next((n for n in ORDER if n in errors), None)
        if first is not None:
            self.inputs[first].setFocus()
        self.validated.emit(dict(errors))

    def validate(self) -> dict[str, str]:
        values, errors = self.values()
        for key, message in validate_person(values).items():
            errors.setdefault(key, message)
        self.show_errors(errors)
        return errors

    # -------------------------------------------------------------- actions
    def submit(self) -> None:
        if self.validate():
            return
        values, _ = self.values()
        self.buttons.setEnabled(False)
        draft, user, person_id = PersonDraft.from_values(values), self._ctx.user, self.person_id

        def job(session: Session) -> PersonSaved:
            if person_id is None:  # a registration: the court decision is required too
                return lifecycle.register(session, user, draft)
            return save_person(session, user, draft, person_id)

        self._ctx.write(job, on_done=self._saved, on_error=self._save_failed)

    def _saved(self, result: PersonSaved) -> None:
        self.buttons.setEnabled(True)
        self.person_id = result.person_id
        self.saved.emit(result.person_id)
        self.accept()

    def _save_failed(self, error: BaseException) -> None:
        self.buttons.setEnabled(True)
        if isinstance(error, PersonInvalid):
            self.show_errors(error.errors)
            return
        self.summary.setText(self.tr("Could not save: {error}").format(error=failure_text(error)))
        self.summary.show()

    def _loaded(self, values: dict[str, Any]) -> None:
        self.set_values(values)
        self.setEnabled(True)

    def _load_failed(self, error: BaseException) -> None:
        self.setEnabled(True)
        self.summary.setText(self.tr("Could not load the person: {error}").format(error=error))
        self.summary.show()
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(False)
