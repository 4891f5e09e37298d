"""Persons panel: everyone under supervision, searchable, one click to the card.

The list shows only what is needed to find a person (name, category, district,
device, end of supervision); the card shows the rest and records the view in
the audit journal. Technicians see holders' names only. Opening the list is
itself recorded once per session, because names are personal data.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from arm import audit
from arm.caseload import reference
from arm.caseload.rights import Area, may_write
from db.models import Alarm, AlarmState, Assignment, Device, Person
from widgets.context import AppContext
from widgets.i18n import current_language

log = logging.getLogger("arm.gui.persons")

RELOAD_DEBOUNCE_MS = 1000
#: Persons registered at another desk appear within this time.
REFRESH_MS = 60_000
EDITOR_ROLES = frozenset({"operator", "supervisor", "administrator"})


@dataclass(frozen=True)
class PersonRow:
    id: int
    name: str
    category: str
    district: str
    devices: str  # serials, for the tooltip and the search
    device_types: str  # "BRC · TRK": what the person wears, at a glance
    supervision_end: date | None
    active: bool
    is_demo: bool
    open_alarms: int = 0
    district_name: str = ""  # the reference list's name of ``district`` (a code) in the reader's language


def load_person_rows(session: Session, districts: tuple[str, ...] = ()) -> list[PersonRow]:
    """Every person (of ``districts``, if given) with the serials of the devices they hold now."""
    query = select(Person).order_by(Person.last_name, Person.first_name)
    if districts:
        query = query.where(Person.district.in_(districts))
    serials: dict[int, list[str]] = {}
    types: dict[int, set[str]] = {}
    for person_id, serial, dtype in session.execute(
        select(Assignment.person_id, Device.serial, Device.type)
        .join(Device, Device.id == Assignment.device_id)
        .where(Assignment.returned_at.is_(None))
    ):
        serials.setdefault(person_id, []).append(serial)
        types.setdefault(person_id, set()).add(str(dtype))
    alarms = dict(
        session.execute(
            select(Alarm.person_id, func.count(Alarm.id))
            .where(Alarm.person_id.is_not(None), Alarm.state != AlarmState.CLOSED)
            .group_by(Alarm.person_id)
        ).all()
    )
    names = reference.labels(session, current_language())  # districts are stored as codes
    return [
        PersonRow(
            id=p.id,
            name=p.full_name,
            category=str(p.category),
            district=p.district,
            district_name=names.get(p.district, p.district),
            devices=", ".join(sorted(serials.get(p.id, []))),
            device_types=" · ".join(sorted(types.get(p.id, ()))),
            supervision_end=p.supervision_end,
            active=p.deregistered_on is None,
            is_demo=p.is_demo,
            open_alarms=int(alarms.get(p.id, 0)),
        )
        for p in session.scalars(query)
    ]


def category_text(category: str) -> str:
    """The translated name of a supervision category."""
    names = {
        "conditional": QT_TRANSLATE_NOOP("Category", "Conditional sentence"),
        "restricted_freedom": QT_TRANSLATE_NOOP("Category", "Restricted freedom"),
        "parole": QT_TRANSLATE_NOOP("Category", "Parole"),
        "admin_supervision": QT_TRANSLATE_NOOP("Category", "Administrative supervision"),
    }
    return QCoreApplication.translate("Category", names.get(category, category))


class PersonListModel(QAbstractTableModel):
    NAME, ALARMS, DEVICES, DISTRICT, CATEGORY, END = range(6)
    #: Everything a search may match (name, serials, and what the role may see).
    SearchRole = Qt.ItemDataRole.UserRole + 1
    SortRole = Qt.ItemDataRole.UserRole + 2

    def __init__(self, full: bool, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[PersonRow] = []
        self._full = full  # False: technicians see names and devices only

    def set_rows(self, rows: list[PersonRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row(self, i: int) -> PersonRow:
        return self._rows[i]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 6

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (
            self.tr("Name"), self.tr("Alarms"), self.tr("Devices"), self.tr("District"),
            self.tr("Category"), self.tr("Supervision ends"),
        )[section]

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        r = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(r, index.column())
        if role == Qt.ItemDataRole.UserRole:
            return r.id
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == self.ALARMS and r.open_alarms:
            return QBrush(QColor("#b3261e"))
        if role == self.SortRole:
            return r.open_alarms if index.column() == self.ALARMS else self._display(r, index.column()).lower()
        if role == self.SearchRole:
            visible = (r.district_name or r.district, category_text(r.category)) if self._full else ()
            return " ".join((r.name, r.devices, *visible))
        if role == Qt.ItemDataRole.ToolTipRole:
            if index.column() == self.DEVICES and r.devices:
                return r.devices
            if r.is_demo:
                return self.tr("Demo data: a fictitious person")
        return None

    def _display(self, r: PersonRow, col: int) -> str:
        if col == self.NAME:
            suffix = "" if r.active else " " + self.tr("(deregistered)")
            return r.name + suffix
        if col == self.ALARMS:
            return f"⚠ {r.open_alarms}" if r.open_alarms else ""
        if col == self.DEVICES:
            return r.device_types or "—"
        if not self._full:
            return "•••"
        if col == self.CATEGORY:
            return category_text(r.category)
        if col == self.DISTRICT:
            return r.district_name or r.district
        return r.supervision_end.strftime("%d.%m.%Y") if r.supervision_end else "—"


class PersonListPanel(QWidget):
    """The persons dock; ``personActivated(id)`` asks the window to open a card."""

    personActivated = Signal(int)
    personSelected = Signal(int)  # the current row changed (the map follows it)
    editRequested = Signal(object)  # person id, or None for a new person
    countChanged = Signal(int)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("PersonListPanel")
        self._ctx = ctx
        self._full = ctx.may_see_personal_data()
        self._audited = False
        self._restoring = False
        self.model = PersonListModel(self._full, self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setFilterKeyColumn(PersonListModel.NAME)
        self.proxy.setFilterRole(PersonListModel.SearchRole)
        self.proxy.setSortRole(PersonListModel.SortRole)
        self._build()
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(RELOAD_DEBOUNCE_MS)
        self._debounce.timeout.connect(self.reload)
        ctx.bridge.alarmChanged.connect(lambda _msg: self._debounce.start())
        self._refresh = QTimer(self)
        self._refresh.setInterval(REFRESH_MS)
        self._refresh.timeout.connect(self.reload)
        self._refresh.start()
        self.retranslateUi()
        self.reload()

    def _build(self) -> None:
        self.search = QLineEdit(self)
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.proxy.setFilterFixedString)
        self.table = QTableView(self)
        self.table.setObjectName("personTable")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(PersonListModel.NAME, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.activated.connect(self._activated)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.open_button = QPushButton(self)
        self.open_button.clicked.connect(self.open_selected)
        self.new_button = QPushButton(self)
        self.new_button.clicked.connect(lambda: self.editRequested.emit(None))
        self.edit_button = QPushButton(self)
        self.edit_button.clicked.connect(self._edit_selected)
        self.transfer_button = QPushButton(self)
        self.transfer_button.setObjectName("transferCaseload")
        self.transfer_button.clicked.connect(self.open_transfer)
        self.transfer_button.setVisible(may_write(self._ctx.user, Area.LIFECYCLE))
        self.import_button = QPushButton(self)
        self.import_button.setObjectName("importCaseload")
        self.import_button.clicked.connect(self.open_import)
        self.import_button.setVisible(may_write(self._ctx.user, Area.PERSONS) and self._full)
        editor = self._ctx.role in EDITOR_ROLES and self._full
        self.new_button.setVisible(editor)
        self.edit_button.setVisible(editor)
        self.status = QLabel(self)
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.transfer_button)
        buttons.addWidget(self.import_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.search)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        layout.addWidget(self.status)

    def retranslateUi(self) -> None:
        self.search.setPlaceholderText(self.tr("Search by name, district or device…"))
        self.open_button.setText(self.tr("Open card"))
        self.new_button.setText(self.tr("New person…"))
        self.edit_button.setText(self.tr("Edit…"))
        self.transfer_button.setText(self.tr("Transfer a caseload…"))
        self.import_button.setText(self.tr("Import…"))
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.model.columnCount() - 1)
        self._update_status()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)

    # -------------------------------------------------------------- data
    def reload(self) -> None:
        first = not self._audited
        self._audited = True
        ctx = self._ctx

        def job(session: Session) -> list[PersonRow]:
            rows = load_person_rows(session, tuple(getattr(ctx.user, "districts", ()) or ()))
            if first:
                audit.record(session, ctx.user, "person_list_view", "person", "", count=len(rows))
            return rows

        ctx.write(job, on_done=self._loaded, on_error=self._failed)

    def _loaded(self, rows: list[PersonRow]) -> None:
        selected = self.selected_id()
        first_load = self.model.rowCount() == 0
        self.model.set_rows(rows)
        if first_load:
            self.table.resizeColumnsToContents()
        if selected is not None:
            self._restoring = True  # keeping the selection is not a new choice: the map stays put
            self.select_person(selected)
            self._restoring = False
        self._update_status()
        self.countChanged.emit(sum(1 for r in rows if r.active))

    def _failed(self, error: BaseException) -> None:
        self.status.setText(self.tr("Could not load persons: {error}").format(error=error))

    def _update_status(self) -> None:
        self.status.setText(self.tr("{n} persons").format(n=self.model.rowCount()))

    # -------------------------------------------------------------- actions
    def selected_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return int(self.proxy.data(rows[0], Qt.ItemDataRole.UserRole)) if rows else None

    def select_person(self, person_id: int) -> bool:
        for row in range(self.proxy.rowCount()):
            ix = self.proxy.index(row, 0)
            if self.proxy.data(ix, Qt.ItemDataRole.UserRole) == person_id:
                self.table.selectRow(row)
                return True
        return False

    def open_selected(self) -> None:
        person_id = self.selected_id()
        if person_id is not None:
            self.personActivated.emit(person_id)

    def open_transfer(self) -> Any:
        """Move an officer's or a district's whole caseload (or the selected person) elsewhere."""
        from widgets.person_lifecycle import TransferDialog

        selected = self.selected_id()
        name = self.model.row(self.proxy.mapToSource(self.table.selectionModel().selectedRows()[0]).row()).name \
            if selected is not None else ""
        dialog = TransferDialog(self._ctx, [selected] if selected is not None else None, self, person_name=name)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.transferred.connect(lambda _r: self.reload())
        dialog.open()
        self.transfer_dialog = dialog
        return dialog

    def open_import(self) -> Any:
        """A caseload file: checked and previewed before anything is written."""
        from widgets.caseload_import import CaseloadImportDialog

        dialog = CaseloadImportDialog(self._ctx, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.imported.connect(lambda _s: self.reload())
        dialog.open()
        self.import_dialog = dialog
        return dialog

    def _edit_selected(self) -> None:
        person_id = self.selected_id()
        if person_id is not None:
            self.editRequested.emit(person_id)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid() and not self._restoring:
            self.personSelected.emit(int(self.proxy.data(current, Qt.ItemDataRole.UserRole)))

    def _activated(self, index: QModelIndex) -> None:
        self.personActivated.emit(int(self.proxy.data(index, Qt.ItemDataRole.UserRole)))
