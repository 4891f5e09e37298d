"""The administrator's reference lists: regions, districts, probation offices and officers.

Until this panel the lists could be changed only with ``arm reference ...``.
Every action here is one call of :mod:`arm.caseload.reference` (the same
services as the CLI) as the logged-in user, on the database worker: the core
checks that the user is an administrator and writes the audit row, and its
refusals (``ReferenceInvalid``, ``UnknownReference``: a stable ``code`` and the
``field`` they concern; ``AccessDenied``) are shown beside that field in the
reader's language. Rows are never deleted: a deactivated row is greyed here,
offered in no form, and still named wherever it is used. After each change the
screens' name cache (``reference.load_names``) is read again, so tables show
the new names at once; forms read their lists when opened
(``widgets.reference_choices``), so they offer the new rows.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtGui import QBrush, QColor
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
    QPushButton,
    QTabBar,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from arm.access import AccessDenied
from arm.caseload import reference
from arm.caseload.reference import Names, ReferenceProblem, RefKind
from widgets.caseload_errors import failure_text
from widgets.context import AppContext
from widgets.field_errors import error_label, show_error
from widgets.fit import FitTitle
from widgets.i18n import current_language

log = logging.getLogger("arm.gui.reference")

KINDS = (RefKind.REGION, RefKind.DISTRICT, RefKind.OFFICE, RefKind.OFFICER)
#: the parent each kind is added under (regions have none)
PARENT = {RefKind.DISTRICT: "region", RefKind.OFFICE: "district", RefKind.OFFICER: "office"}
INACTIVE = QColor("#8a8a8a")
MAX_COLUMN_PX = 340


# ---------------------------------------------------------------- data (read on the worker)
@dataclass(frozen=True)
class Snapshot:
    """Every row of the four lists, inactive ones too (a few hundred rows: read whole)."""

    regions: list[reference.Region]
    districts: list[reference.District]
    offices: list[reference.Office]
    officers: list[reference.Officer]

    def names(self) -> dict[str, Names]:
        out: dict[str, Names] = {}
        for row in (*self.regions, *self.districts, *self.offices):
            out[row.code] = row.names
        for o in self.officers:
            out[o.code] = Names(o.full_name, o.full_name, o.full_name)
        return out


def load_snapshot(session: Session) -> Snapshot:
    """The four lists, and the screens' name cache read again (renames, new rows: tables name them at once)."""
    reference.load_names(session)
    return Snapshot(reference.regions(session, include_inactive=True),
                    reference.districts(session, include_inactive=True),
                    reference.offices(session, include_inactive=True),
                    reference.officers(session, include_inactive=True))


# ---------------------------------------------------------------- texts
def kind_text(kind: str, plural: bool = False) -> str:
    singular = {
        "region": QCoreApplication.translate("Reference", "Region"),
        "district": QCoreApplication.translate("Reference", "District"),
        "office": QCoreApplication.translate("Reference", "Probation office"),
        "officer": QCoreApplication.translate("Reference", "Probation officer"),
    }
    several = {
        "region": QCoreApplication.translate("Reference", "Regions"),
        "district": QCoreApplication.translate("Reference", "Districts and cities"),
        "office": QCoreApplication.translate("Reference", "Probation offices"),
        "officer": QCoreApplication.translate("Reference", "Officers"),
    }
    return (several if plural else singular).get(kind, kind)


def unit_kind_text(kind: RefKind | str, unit_kind: str) -> str:
    """A region's or district's ``kind`` column: region / city of republican significance, district / city."""
    if str(kind) == "region":
        return (QCoreApplication.translate("Reference", "City of republican significance") if unit_kind == "city"
                else QCoreApplication.translate("Reference", "Region"))
    return (QCoreApplication.translate("Reference", "City of regional significance") if unit_kind == "city"
            else QCoreApplication.translate("Reference", "District"))


def reference_error_text(error: BaseException) -> str:
    """A refusal of ``arm.caseload.reference`` (or of the rights check) in the reader's language."""
    if isinstance(error, AccessDenied):
        return failure_text(error)
    if not isinstance(error, ReferenceProblem):
        return str(error)
    code, field = error.code, error.field
    if code == "reference.bad_code":
        return QCoreApplication.translate(
            "Reference", "A code is 2 to 64 of A-Z, a-z, 0-9, dot, dash, underscore, starting with a letter or digit.")
    if code == "reference.code_taken":
        return QCoreApplication.translate("Reference", "This code is already taken.")
    if code == "reference.name_required":
        return (QCoreApplication.translate("Reference", "Enter the full name.") if field == "full_name"
                else QCoreApplication.translate("Reference", "Enter the Russian and the Kazakh name."))
    if code == "reference.bad_kind":
        return QCoreApplication.translate("Reference", "Choose the kind.")
    if code == "reference.no_parent" or field in PARENT.values():
        return {
            "region": QCoreApplication.translate("Reference", "Choose a region from the list."),
            "district": QCoreApplication.translate("Reference", "Choose a district from the list."),
            "office": QCoreApplication.translate("Reference", "Choose a probation office from the list."),
        }.get(field, QCoreApplication.translate("Reference", "Choose from the list."))
    if code == "reference.not_found":
        return QCoreApplication.translate("Reference", "This row is no longer in the list; reload it.")
    if code == "reference.ambiguous":
        return QCoreApplication.translate("Reference", "Several rows have this name; choose from the list.")
    if code == "reference.unknown":
        return QCoreApplication.translate("Reference", "Not in the reference list.")
    return str(error)


# ---------------------------------------------------------------- the add / rename form
class ChoiceBox(QWidget):
    """A parent row picked by its name in the reader's language; a line above the list narrows it."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.filter = QLineEdit(self)
        self.filter.setObjectName(f"{name}Filter")
        self.filter.setClearButtonEnabled(True)
        self.combo = QComboBox(self)
        self.combo.setObjectName(name)
        self.combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.combo.setMinimumContentsLength(30)
        self.items: list[tuple[str, str]] = []
        self.filter.textChanged.connect(self._refill)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.filter)
        layout.addWidget(self.combo)
        self.setFocusProxy(self.filter)

    def set_items(self, items: list[tuple[str, str]], chosen: str = "") -> None:
        """``items``: (code, text) in the order shown."""
        self.items = items
        self._refill(self.filter.text(), keep=chosen)

    def _refill(self, text: str, keep: str | None = None) -> None:
        keep = self.code() if keep is None else keep
        needle = text.strip().casefold()
        self.combo.clear()
        self.combo.addItem(QCoreApplication.translate("Reference", "— choose —"), "")
        for code, label in self.items:
            if not needle or needle in label.casefold() or needle in code.casefold():
                self.combo.addItem(label, code)
        index = self.combo.findData(keep) if keep else -1
        if index < 0 and needle and self.combo.count() == 2:
            index = 1  # one match: chosen
        self.combo.setCurrentIndex(max(0, index))

    def choose(self, code: str) -> None:
        self.filter.clear()
        self.combo.setCurrentIndex(max(0, self.combo.findData(code)))

    def code(self) -> str:
        return str(self.combo.currentData() or "")


class ReferenceDialog(FitTitle, QDialog):
    """A new row of one list (with the fields its ``add_*`` service needs), or new names of a row."""

    saved = Signal(object)  # (kind, code, name in the reader's language)

    def __init__(self, ctx: AppContext, kind: RefKind | str = RefKind.DISTRICT, row: Any = None,
                 parent: QWidget | None = None, parent_code: str = "") -> None:
        super().__init__(parent)
        self.setObjectName("ReferenceDialog")
        self.ctx = ctx
        self.kind = RefKind(str(kind))
        self.row = row  # None: a new row; else the reference.Region/District/Office/Officer renamed
        self.parent_code = parent_code
        self.snapshot: Snapshot | None = None
        officer = self.kind == RefKind.OFFICER
        self.code = QLineEdit(getattr(row, "code", ""), self)
        self.code.setObjectName("code")
        self.code.setReadOnly(row is not None)
        self.unit_kind = QComboBox(self)
        self.unit_kind.setObjectName("unitKind")
        self.parent_box = ChoiceBox(PARENT.get(self.kind, "parent"), self)
        names = getattr(row, "names", None)
        self.name_ru = QLineEdit(names.ru if names else "", self)
        self.name_ru.setObjectName("nameRu")
        self.name_kk = QLineEdit(names.kk if names else "", self)
        self.name_kk.setObjectName("nameKk")
        self.name_en = QLineEdit(names.en if names else "", self)
        self.name_en.setObjectName("nameEn")
        self.full_name = QLineEdit(getattr(row, "full_name", ""), self)
        self.full_name.setObjectName("fullName")
        self.position = QLineEdit(self)
        self.position.setObjectName("position")
        self.login = QLineEdit(self)
        self.login.setObjectName("login")
        self.address = QLineEdit(self)
        self.address.setObjectName("address")
        keys = ("code", "kind", "region", "district", "office", "name_ru", "name_kk", "full_name", "form")
        self.errors = {k: error_label(k) for k in keys}
        self.labels: dict[str, QLabel] = {}
        rows: list[tuple[str, QWidget, str]] = []  # (label key, widget, error key)
        if row is None and self.kind in PARENT:
            rows.append((PARENT[self.kind], self.parent_box, PARENT[self.kind]))
        if officer:
            rows.append(("full_name", self.full_name, "full_name"))
        rows.append(("code", self.code, "code"))
        if row is None and self.kind in (RefKind.REGION, RefKind.DISTRICT):
            rows.append(("kind", self.unit_kind, "kind"))
        if not officer:
            rows += [("name_ru", self.name_ru, "name_ru"), ("name_kk", self.name_kk, "name_kk"),
                     ("name_en", self.name_en, "")]
        if row is None and self.kind == RefKind.OFFICE:
            rows.append(("address", self.address, ""))
        if row is None and officer:
            rows += [("position", self.position, ""), ("login", self.login, "")]
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        for key, widget, error in rows:
            label = QLabel(self)
            label.setBuddy(widget)
            self.labels[key] = label
            cell = QWidget(self)
            box = QVBoxLayout(cell)
            box.setContentsMargins(0, 0, 0, 0)
            box.setSpacing(2)
            box.addWidget(widget)
            if error:
                box.addWidget(self.errors[error])
            form.addRow(label, cell)
        self.fields = [w for _k, w, _e in rows]
        for widget in (self.code, self.unit_kind, self.parent_box, self.name_ru, self.name_kk, self.name_en,
                       self.full_name, self.position, self.login, self.address):
            if widget not in self.fields:
                widget.hide()  # not a field of this kind's form
        self.hint = QLabel(self)
        self.hint.setObjectName("hint")
        self.hint.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.hint)
        layout.addWidget(self.errors["form"])
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.resize(640, 360)
        self.retranslateUi()
        first = next((w for w in self.fields if not (isinstance(w, QLineEdit) and w.isReadOnly())), None)
        if first is not None:
            first.setFocus()
        if row is None and self.kind in PARENT:
            ctx.read(load_snapshot, on_done=self._choices_loaded,
                     on_error=lambda e: show_error(self.errors["form"], reference_error_text(e)))

    # ------------------------------------------------------------ text
    def retranslateUi(self) -> None:
        lang = current_language()
        if self.row is None:
            titles = {"region": self.tr("New region"), "district": self.tr("New district or city"),
                      "office": self.tr("New probation office"), "officer": self.tr("New probation officer")}
            self.setWindowTitle(titles[str(self.kind)])
        else:
            name = self.row.full_name if self.kind == RefKind.OFFICER else self.row.names.get(lang)
            self.setWindowTitle(self.tr("Rename: {name}").format(name=name))
        texts = {"region": self.tr("Region:"), "district": self.tr("District:"), "office": self.tr("Probation office:"),
                 "full_name": self.tr("Full name:"), "code": self.tr("Code:"), "kind": self.tr("Kind:"),
                 "name_ru": self.tr("Name in Russian:"), "name_kk": self.tr("Name in Kazakh:"),
                 "name_en": self.tr("Name in English:"), "address": self.tr("Address:"),
                 "position": self.tr("Job title:"), "login": self.tr("ARM login:")}
        for key, label in self.labels.items():
            label.setText(texts[key])
        current = self.unit_kind.currentData()
        self.unit_kind.clear()
        for unit in ("region", "city") if self.kind == RefKind.REGION else ("district", "city"):
            self.unit_kind.addItem(unit_kind_text(self.kind, unit), unit)
        self.unit_kind.setCurrentIndex(max(0, self.unit_kind.findData(current)))
        self.parent_box.filter.setPlaceholderText(self.tr("Find by name or code…"))
        if self.kind == RefKind.OFFICER and self.row is None:
            self.code.setPlaceholderText(self.tr("empty: the next free number"))
            self.login.setPlaceholderText(self.tr("if the officer has an account"))
        hints = {
            "district": self.tr("The district gets its probation office at once; it is offered in the forms "
                                "as soon as it is saved."),
            "officer": self.tr("The officer belongs to the district of the office."),
        }
        self.hint.setText(hints.get(str(self.kind), "") if self.row is None else
                          self.tr("The code stays; every screen shows the new name."))
        self.hint.setVisible(bool(self.hint.text()))
        if self.snapshot is not None:
            self._choices_loaded(self.snapshot)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)

    def _choices_loaded(self, snapshot: Snapshot) -> None:
        """Active parents only (a deactivated row is offered nowhere), named in the reader's language."""
        self.snapshot = snapshot
        lang, names = current_language(), snapshot.names()

        def named(code: str) -> str:
            return names[code].get(lang) if code in names else code

        items: list[tuple[str, str]]
        if self.kind == RefKind.DISTRICT:
            items = sorted(((r.code, r.names.get(lang)) for r in snapshot.regions if r.active), key=lambda i: i[1])
        elif self.kind == RefKind.OFFICE:
            items = sorted(((d.code, f"{named(d.region_code)} — {d.names.get(lang)}")
                            for d in snapshot.districts if d.active), key=lambda i: i[1])
        else:
            district_of = {d.code: d.region_code for d in snapshot.districts}
            items = sorted(((o.code, f"{named(district_of.get(o.district_code, ''))} — {o.names.get(lang)}")
                            for o in snapshot.offices if o.active), key=lambda i: i[1])
        self.parent_box.set_items(items, self.parent_box.code() or self.parent_code)

    # ------------------------------------------------------------ saving
    def submit(self) -> None:
        for label in self.errors.values():
            show_error(label, "")
        user, kind, row = self.ctx.user, self.kind, self.row
        code = self.code.text().strip()
        names = Names(self.name_ru.text(), self.name_kk.text(), self.name_en.text())
        full_name, parent = self.full_name.text(), self.parent_box.code()
        unit_kind = str(self.unit_kind.currentData() or "")
        address, position, login = self.address.text(), self.position.text(), self.login.text()

        def save(session: Session) -> tuple[RefKind, str]:
            if row is not None:
                reference.rename(session, user, kind, row.code, full_name if kind == RefKind.OFFICER else names)
                return kind, row.code
            if kind == RefKind.REGION:
                return kind, reference.add_region(session, user, code, unit_kind, names).code
            if kind == RefKind.DISTRICT:
                return kind, reference.add_district(session, user, code, parent, unit_kind, names).code
            if kind == RefKind.OFFICE:
                return kind, reference.add_office(session, user, code, parent, names, address).code
            return kind, reference.add_officer(session, user, full_name, parent, code=code, position=position,
                                               login=login).code

        self.buttons.setEnabled(False)
        self.ctx.write(save, on_done=self._saved, on_error=self._failed)

    def _saved(self, result: tuple[RefKind, str]) -> None:
        self.buttons.setEnabled(True)
        kind, code = result
        shown = (self.full_name.text().strip() if kind == RefKind.OFFICER
                 else Names(self.name_ru.text().strip(), self.name_kk.text().strip(),
                            self.name_en.text().strip()).get(current_language()))
        self.saved.emit((kind, code, " ".join(shown.split())))
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.buttons.setEnabled(True)
        text = reference_error_text(error)
        field = getattr(error, "field", "") if isinstance(error, ReferenceProblem) else ""
        if field == "names":  # beside the name that is missing (both when both are)
            empty = [k for k, edit in (("name_ru", self.name_ru), ("name_kk", self.name_kk))
                     if not edit.text().strip()] or ["name_ru"]
            for key in empty:
                show_error(self.errors[key], text)
            return
        label = self.errors.get(field)
        show_error(label if label is not None and label.parent() is not None else self.errors["form"], text)


# ---------------------------------------------------------------- the panel
class ReferenceAdminPanel(QWidget):
    """The four lists, one tab each; add, rename, deactivate and reactivate rows."""

    changed = Signal()  # a row was added, renamed, deactivated or reactivated (committed)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ReferenceAdminPanel")
        self.ctx = ctx
        self.snapshot: Snapshot | None = None
        self.shown: list[Any] = []  # the rows of the table, in its order
        self.dialog: ReferenceDialog | None = None
        self._names: dict[str, Names] = {}
        self.tabs = QTabBar(self)
        self.tabs.setObjectName("referenceKinds")
        for _kind in KINDS:
            self.tabs.addTab("")
        self.tabs.currentChanged.connect(lambda _i: self._fill())
        self.search = QLineEdit(self)
        self.search.setObjectName("referenceSearch")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda _t: self._fill())
        self.show_inactive = QCheckBox(self)
        self.show_inactive.setObjectName("showInactive")
        self.show_inactive.toggled.connect(lambda _on: self._fill())
        self.table = QTableWidget(0, 0, self)
        self.table.setObjectName("referenceRows")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        # widths fitted once per fill (ResizeToContents would measure every row at each item set)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.activated.connect(lambda _i: self.rename_dialog())  # Enter or a double click: rename
        self.buttons = {k: QPushButton(self) for k in ("add", "rename", "active")}
        for key, button in self.buttons.items():
            button.setObjectName(f"reference_{key}")
        self.buttons["add"].clicked.connect(self.add_dialog)
        self.buttons["rename"].clicked.connect(self.rename_dialog)
        self.buttons["active"].clicked.connect(self.toggle_active)
        self.message = QLabel(self)
        self.message.setObjectName("referenceMessage")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        top = QHBoxLayout()
        top.addWidget(self.tabs)
        top.addStretch(1)
        filters = QHBoxLayout()
        filters.addWidget(self.search, 1)
        filters.addWidget(self.show_inactive)
        row = QHBoxLayout()
        for button in self.buttons.values():
            row.addWidget(button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        layout.addWidget(self.message)
        self.setTabOrder(self.search, self.show_inactive)
        self.setTabOrder(self.show_inactive, self.table)
        self.retranslateUi()
        self.reload()

    @property
    def kind(self) -> RefKind:
        return KINDS[max(0, self.tabs.currentIndex())]

    def set_kind(self, kind: RefKind | str) -> None:
        self.tabs.setCurrentIndex(KINDS.index(RefKind(str(kind))))

    def retranslateUi(self) -> None:
        for i, kind in enumerate(KINDS):
            self.tabs.setTabText(i, kind_text(kind, plural=True))
        self.search.setPlaceholderText(self.tr("Find by name or code…"))
        self.show_inactive.setText(self.tr("Show inactive"))
        self.buttons["rename"].setText(self.tr("Rename…"))
        self._fill()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)

    # ------------------------------------------------------------ data
    def reload(self) -> None:
        self.ctx.read(load_snapshot, on_done=self._loaded,
                      on_error=lambda e: self._say(reference_error_text(e), False))

    def _loaded(self, snapshot: Snapshot) -> None:
        self.snapshot = snapshot
        self._fill()

    def headers(self) -> list[str]:
        name_columns = [self.tr("Name (Russian)"), self.tr("Name (Kazakh)"), self.tr("Name (English)")]
        state = self.tr("State")
        if self.kind == RefKind.REGION:
            return [self.tr("Code"), *name_columns, self.tr("Kind"), state]
        if self.kind == RefKind.DISTRICT:
            return [self.tr("Code"), self.tr("Region"), *name_columns, self.tr("Kind"), state]
        if self.kind == RefKind.OFFICE:
            return [self.tr("Code"), self.tr("District"), *name_columns, state]
        return [self.tr("Code"), self.tr("Officer's full name"), self.tr("Probation office"), self.tr("District"),
                self.tr("Job title"), state]

    def cells(self, row: Any) -> list[str]:
        """One row's columns, parents by their names in the reader's language (never a bare code)."""
        assert self.snapshot is not None
        lang, names = current_language(), self._names
        state = self.tr("in force") if row.active else self.tr("not in force")

        def named(code: str) -> str:
            return names[code].get(lang) if code in names else code

        if self.kind == RefKind.OFFICER:
            return [row.code, row.full_name, named(row.office_code), named(row.district_code), row.position, state]
        own = [row.names.ru, row.names.kk, row.names.en]
        if self.kind == RefKind.REGION:
            return [row.code, *own, unit_kind_text(self.kind, row.kind), state]
        if self.kind == RefKind.DISTRICT:
            return [row.code, named(row.region_code), *own, unit_kind_text(self.kind, row.kind), state]
        return [row.code, named(row.district_code), *own, state]

    def rows_of_kind(self) -> list[Any]:
        if self.snapshot is None:
            return []
        return {RefKind.REGION: self.snapshot.regions, RefKind.DISTRICT: self.snapshot.districts,
                RefKind.OFFICE: self.snapshot.offices, RefKind.OFFICER: self.snapshot.officers}[self.kind]

    def _fill(self) -> None:
        selected = self.selected()
        headers = self.headers()
        self.table.setColumnCount(len(headers))
        self.table.setHorizontalHeaderLabels(headers)
        self.buttons["add"].setText({
            RefKind.REGION: self.tr("New region…"), RefKind.DISTRICT: self.tr("New district or city…"),
            RefKind.OFFICE: self.tr("New probation office…"), RefKind.OFFICER: self.tr("New officer…"),
        }[self.kind])
        if self.snapshot is None:
            self.table.setRowCount(0)
            self._update_buttons()
            return
        self._names = self.snapshot.names()
        needle = self.search.text().strip().casefold()
        shown: list[tuple[Any, list[str]]] = []
        for row in self.rows_of_kind():
            if not row.active and not self.show_inactive.isChecked():
                continue
            cells = self.cells(row)
            if needle and not any(needle in c.casefold() for c in cells):
                continue
            shown.append((row, cells))
        self.shown = [r for r, _c in shown]
        self.table.setUpdatesEnabled(False)
        self.table.setRowCount(len(shown))
        grey = QBrush(INACTIVE)
        for r, (row, cells) in enumerate(shown):
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                if not row.active:
                    item.setForeground(grey)
                    font = item.font()
                    font.setItalic(True)
                    item.setFont(font)
                self.table.setItem(r, c, item)
            if selected is not None and row.code == selected.code:
                self.table.selectRow(r)
        self.table.resizeColumnsToContents()
        for c in range(self.table.columnCount() - 1):  # a long name is read in full in its tooltip
            self.table.setColumnWidth(c, min(self.table.columnWidth(c), MAX_COLUMN_PX))
        self.table.setUpdatesEnabled(True)
        self._update_buttons()

    def selected(self) -> Any:
        model = self.table.selectionModel()
        rows = model.selectedRows() if model is not None else []
        if not rows or rows[0].row() >= len(self.shown):
            return None
        return self.shown[rows[0].row()]

    def select_code(self, code: str) -> bool:
        for r, row in enumerate(self.shown):
            if row.code == code:
                self.table.selectRow(r)
                self.table.setCurrentCell(r, 0)
                self.table.scrollToItem(self.table.item(r, 0))
                return True
        return False

    def _update_buttons(self) -> None:
        row = self.selected()
        self.buttons["rename"].setEnabled(row is not None)
        self.buttons["active"].setEnabled(row is not None)
        self.buttons["active"].setText(self.tr("Reactivate") if row is not None and not row.active
                                       else self.tr("Deactivate"))

    def _say(self, text: str, ok: bool | None = None) -> None:
        self.message.setText(text)
        self.message.setStyleSheet({True: "color: #1b6e20;", False: "color: #b00020;", None: ""}[ok])

    # ------------------------------------------------------------ actions
    def _open(self, dialog: ReferenceDialog, done: Callable[[Any], None]) -> ReferenceDialog:
        dialog.saved.connect(done)
        dialog.open()
        self.dialog = dialog
        return dialog

    def add_dialog(self) -> ReferenceDialog:
        """A new row of the list shown; a new officer's office defaults to the office selected before."""
        row = self.selected()
        parent_code = ""
        if row is not None and self.kind == RefKind.OFFICER:
            parent_code = row.office_code
        dialog = ReferenceDialog(self.ctx, self.kind, None, self, parent_code=parent_code)
        return self._open(dialog, lambda r: self._changed(
            r, self.tr("{kind} “{name}” added ({code}).").format(kind=kind_text(r[0]), name=r[2], code=r[1])))

    def rename_dialog(self) -> ReferenceDialog | None:
        row = self.selected()
        if row is None:
            return None
        dialog = ReferenceDialog(self.ctx, self.kind, row, self)
        return self._open(dialog, lambda r: self._changed(
            r, self.tr("{kind} {code} is now named “{name}”.").format(kind=kind_text(r[0]), name=r[2], code=r[1])))

    def toggle_active(self) -> None:
        row = self.selected()
        if row is None:
            return
        user, kind, code, active = self.ctx.user, self.kind, row.code, not row.active
        name = row.full_name if kind == RefKind.OFFICER else row.names.get(current_language())
        text = (self.tr("“{name}” is active again and offered in the forms.") if active else
                self.tr("“{name}” is deactivated: offered in no form, still shown where it is used.")).format(
            name=name)

        def job(session: Session) -> tuple[RefKind, str, str]:
            reference.set_active(session, user, kind, code, active)
            return kind, code, name

        self.ctx.write(job, on_done=lambda r: self._changed(r, text),
                       on_error=lambda e: self._say(reference_error_text(e), False))

    def _changed(self, result: tuple[RefKind, str, str], text: str) -> None:
        """Committed: say so, read the lists (and the name cache) again, tell the window."""
        kind, code, _name = result
        self._say(text, True)

        def loaded(snapshot: Snapshot) -> None:
            self._loaded(snapshot)
            if self.kind == kind:
                self.select_code(code)  # a row just deactivated is hidden until "show inactive" is ticked
            self.changed.emit()

        self.ctx.read(load_snapshot, on_done=loaded, on_error=lambda e: self._say(reference_error_text(e), False))
