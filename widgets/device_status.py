"""Device status panel: is every device talking to us, and how is its battery?

One row per device: serial, type, holder, last contact (as an age that keeps
counting), battery, status. A device that has missed its heartbeats is
*stale*: that is its own state, shown with a word, a symbol and an italic
font, not only a colour, so an operator who cannot tell colours apart still
sees it. Live updates come from ``DeviceStateChanged`` through the Qt bridge;
the whole table is reloaded from the database worker when a device appears.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import (
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
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QHeaderView, QLabel, QLineEdit, QTableView, QVBoxLayout, QWidget
from sqlalchemy import select
from sqlalchemy.orm import Session

from arm.events import DeviceStateChanged
from db.models import Assignment, Device, Person
from widgets.context import AppContext

log = logging.getLogger("arm.gui.devices")

#: A device is stale after this many missed heartbeats (plus a grace period).
MISSED_HEARTBEATS = 2
GRACE_S = 30
LOW_BATTERY = 20
AGE_REFRESH_MS = 5_000
SUMMARY_THROTTLE_MS = 500

ONLINE, STALE, NEVER = "online", "stale", "never"
#: Inventory states that matter more than the contact state (an unregistered device talks too).
_INACTIVE = {"unregistered", "rejected", "written_off", "in_stock", "repair"}


@dataclass(frozen=True)
class DeviceRow:
    """What the table shows of one device (a snapshot; no Session attached)."""

    id: int
    serial: str
    type: str
    holder: str
    holder_id: int | None
    last_contact: datetime | None
    battery: int | None
    status: str  # inventory status: issued, in_stock, unregistered...
    heartbeat_s: int = 300


def contact_state(last_contact: datetime | None, heartbeat_s: int, now: datetime) -> str:
    """online / stale / never, from the age of the last contact."""
    if last_contact is None:
        return NEVER
    limit = MISSED_HEARTBEATS * max(heartbeat_s, 1) + GRACE_S
    return ONLINE if (now - last_contact).total_seconds() <= limit else STALE


def load_device_rows(session: Session) -> list[DeviceRow]:
    """Every device with its current holder (runs on the database worker)."""
    holders = {
        device_id: person
        for device_id, person in session.execute(
            select(Assignment.device_id, Person)
            .join(Person, Person.id == Assignment.person_id)
            .where(Assignment.returned_at.is_(None))
        )
    }
    rows = []
    for device in session.scalars(select(Device).order_by(Device.serial)):
        person = holders.get(device.id)
        rows.append(
            DeviceRow(
                id=device.id,
                serial=device.serial,
                type=str(device.type),
                holder=person.full_name if person else "",
                holder_id=person.id if person else None,
                last_contact=device.last_contact,
                battery=device.battery,
                status=str(device.status),
                heartbeat_s=device.heartbeat_s or 300,
            )
        )
    return rows


def count_online(rows: list[DeviceRow], now: datetime) -> int:
    return sum(1 for r in rows if contact_state(r.last_contact, r.heartbeat_s, now) == ONLINE)


def format_age(seconds: float) -> str:
    """'12 s ago', '5 min ago', '3 h 04 min ago', '2 d ago' - short, for a table cell."""
    s = max(0, int(seconds))
    if s < 60:
        return QCoreApplication.translate("DeviceAge", "{n} s ago").format(n=s)
    if s < 3600:
        return QCoreApplication.translate("DeviceAge", "{n} min ago").format(n=s // 60)
    if s < 86400:
        return QCoreApplication.translate("DeviceAge", "{h} h {m:02d} min ago").format(h=s // 3600, m=(s % 3600) // 60)
    return QCoreApplication.translate("DeviceAge", "{n} d ago").format(n=s // 86400)


class DeviceStatusModel(QAbstractTableModel):
    """Rows of :class:`DeviceRow`; the age column is recomputed on a timer."""

    SERIAL, TYPE, HOLDER, CONTACT, BATTERY, STATUS = range(6)
    StateRole = Qt.ItemDataRole.UserRole + 1
    SortRole = Qt.ItemDataRole.UserRole + 2

    def __init__(self, ctx: AppContext, parent: Any = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._rows: list[DeviceRow] = []
        self._index: dict[int, int] = {}
        self.now = lambda: datetime.now(UTC)

    # -------------------------------------------------------------- data in
    def set_rows(self, rows: list[DeviceRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._index = {r.id: i for i, r in enumerate(self._rows)}
        self.endResetModel()

    def apply(self, msg: DeviceStateChanged) -> bool:
        """Update one row in place; False if the device is not in the table."""
        i = self._index.get(msg.device_id)
        if i is None:
            return False
        self._rows[i] = replace(
            self._rows[i], last_contact=msg.last_contact, battery=msg.battery, status=msg.status
        )
        self.dataChanged.emit(self.index(i, 0), self.index(i, self.columnCount() - 1))
        return True

    def refresh_ages(self) -> None:
        if self._rows:
            self.dataChanged.emit(
                self.index(0, self.CONTACT), self.index(len(self._rows) - 1, self.STATUS)
            )

    def rows(self) -> list[DeviceRow]:
        return list(self._rows)

    def row_state(self, row: int) -> str:
        r = self._rows[row]
        if r.status in _INACTIVE:
            return r.status
        return contact_state(r.last_contact, r.heartbeat_s, self.now())

    # -------------------------------------------------------------- Qt model
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 6

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (
            self.tr("Serial"), self.tr("Type"), self.tr("Holder"),
            self.tr("Last contact"), self.tr("Battery"), self.tr("Status"),
        )[section]

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        r = self._rows[index.row()]
        col = index.column()
        state = self.row_state(index.row())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(r, col, state)
        if role == self.StateRole:
            return state
        if role == self.SortRole:
            return self._sort_key(r, col, state)
        if role == Qt.ItemDataRole.ToolTipRole and col == self.CONTACT:
            return self._ctx.format_time(r.last_contact)
        if role == Qt.ItemDataRole.FontRole and state in (STALE, NEVER):
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._foreground(r, col, state)
        if role == Qt.ItemDataRole.BackgroundRole and state == STALE:
            return QBrush(QColor("#fff4d6"))
        if role == Qt.ItemDataRole.TextAlignmentRole and col == self.BATTERY:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _display(self, r: DeviceRow, col: int, state: str) -> str:
        if col == self.SERIAL:
            return r.serial
        if col == self.TYPE:
            return r.type
        if col == self.HOLDER:
            return r.holder or self.tr("— not issued —")
        if col == self.CONTACT:
            if r.last_contact is None:
                return self.tr("never")
            return format_age((self.now() - r.last_contact).total_seconds())
        if col == self.BATTERY:
            if r.battery is None:
                return "—"
            low = " ▼" if r.battery <= LOW_BATTERY else ""
            return f"{r.battery} %{low}"
        return self.state_text(state)

    def state_text(self, state: str) -> str:
        return {
            ONLINE: self.tr("● Online"),
            STALE: self.tr("◌ Stale: no contact"),
            NEVER: self.tr("○ Never heard"),
            "unregistered": self.tr("? Unregistered"),
            "in_stock": self.tr("In stock"),
            "repair": self.tr("In repair"),
            "rejected": self.tr("Rejected"),
            "written_off": self.tr("Written off"),
        }.get(state, state)

    def _sort_key(self, r: DeviceRow, col: int, state: str) -> Any:
        if col == self.CONTACT:
            return r.last_contact.timestamp() if r.last_contact else 0.0
        if col == self.BATTERY:
            return -1 if r.battery is None else r.battery
        if col == self.STATUS:
            return {STALE: 0, NEVER: 1, "unregistered": 2, ONLINE: 3}.get(state, 4)
        return self._display(r, col, state).lower()

    def _foreground(self, r: DeviceRow, col: int, state: str) -> Any:
        if col == self.STATUS and state == ONLINE:
            return QBrush(QColor("#1b7a3a"))
        if col == self.STATUS and state == STALE:
            return QBrush(QColor("#8a5a00"))
        if col == self.BATTERY and r.battery is not None and r.battery <= LOW_BATTERY:
            return QBrush(QColor("#b3261e"))
        if state in (NEVER, "in_stock", "written_off", "rejected"):
            return QBrush(QColor("#6b7280"))
        return None


class DeviceStatusPanel(QWidget):
    """The dock: a filter, the table, and a one-line summary."""

    countsChanged = Signal(int, int)  # online, total
    personActivated = Signal(int)  # double-click on a device: its holder's card

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("DeviceStatusPanel")
        self._ctx = ctx
        self.model = DeviceStatusModel(ctx, self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(DeviceStatusModel.SortRole)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setFilterKeyColumn(-1)
        self._build()
        self._loading = False
        self._error = ""
        ctx.bridge.deviceStateChanged.connect(self._on_state)
        # The summary counts every row: under a flood of updates it is redrawn
        # at most twice a second, not once per message.
        self._summary_timer = QTimer(self)
        self._summary_timer.setSingleShot(True)
        self._summary_timer.setInterval(SUMMARY_THROTTLE_MS)
        self._summary_timer.timeout.connect(self._update_summary)
        self._timer = QTimer(self)
        self._timer.setInterval(AGE_REFRESH_MS)
        self._timer.timeout.connect(self._tick)
        self._timer.start()
        self.retranslateUi()
        self.reload()

    def _build(self) -> None:
        self.filter = QLineEdit(self)
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self.proxy.setFilterFixedString)
        self.table = QTableView(self)
        self.table.setObjectName("deviceTable")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(DeviceStatusModel.STATUS, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.table.activated.connect(self._activated)
        self.summary = QLabel(self)
        self.summary.setObjectName("deviceSummary")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.filter)
        layout.addWidget(self.table)
        layout.addWidget(self.summary)

    def retranslateUi(self) -> None:
        self.filter.setPlaceholderText(self.tr("Filter by serial, type, holder or status…"))
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.model.columnCount() - 1)
        self.model.refresh_ages()
        self._update_summary()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)

    # -------------------------------------------------------------- data
    def reload(self) -> None:
        if self._loading:
            return
        self._loading = True
        self._ctx.read(load_device_rows, on_done=self._loaded, on_error=self._failed)

    def _loaded(self, rows: list[DeviceRow]) -> None:
        self._loading = False
        self._error = ""
        self.model.set_rows(rows)
        for col in range(DeviceStatusModel.BATTERY + 1):
            self.table.resizeColumnToContents(col)
        self._update_summary()

    def _failed(self, error: BaseException) -> None:
        self._loading = False
        self._error = str(error)
        self._update_summary()

    def _on_state(self, msg: DeviceStateChanged) -> None:
        if not self.model.apply(msg):
            self.reload()  # a new device (e.g. an unregistered one heard on the wire)
        if not self._summary_timer.isActive():
            self._summary_timer.start()

    def _activated(self, index: QModelIndex) -> None:
        row = self.model.rows()[self.proxy.mapToSource(index).row()]
        if row.holder_id is not None:
            self.personActivated.emit(row.holder_id)

    def _tick(self) -> None:
        self.model.refresh_ages()
        self._update_summary()

    def _update_summary(self) -> None:
        if self._error:
            self.summary.setText(self.tr("Could not load devices: {error}").format(error=self._error))
            return
        rows = self.model.rows()
        now = self.model.now()
        online = count_online(rows, now)
        stale = sum(1 for i in range(len(rows)) if self.model.row_state(i) == STALE)
        self.summary.setText(
            self.tr("{online} online, {stale} stale, {total} devices").format(
                online=online, stale=stale, total=len(rows)
            )
        )
        self.countsChanged.emit(online, len(rows))
