"""Device status panel: is every device talking to us, and how is its battery?

One row per device: serial, type, holder, last contact (as an age that keeps
counting), battery, status, link. The link column shows, for a device on a
serial port, its port, state and error rate over the last minutes (from the
throttled ``SerialPortStatus`` messages of ``serial_drivers.manager`` through
the Qt bridge, windowed by ``serial_drivers.link_health``), so a home unit whose
cable is failing is seen before it goes silent; network devices show their
protocol and last contact. A device that has missed its heartbeats is
*stale* (:mod:`arm.device_health`: exactly when the rules engine raises
"No communication"; low battery uses the rules' threshold too): that is its own state, shown with a word, a symbol and an italic
font, not only a colour, so an operator who cannot tell colours apart still
sees it. Live updates come from ``DeviceStateChanged`` through the Qt bridge;
the whole table is reloaded from the database worker when a device appears.
"""

from __future__ import annotations

import logging
import os
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

from arm.device_health import DEFAULT_THRESHOLDS, ContactState, battery_is_low, contact_state, heartbeat_or_default
from arm.events import ConnectionLimits, DeviceStateChanged
from db.models import Assignment, Device, Person
from serial_drivers import link_health
from serial_drivers.link_health import CONNECTED, LOST, RECONNECTING, LinkHealth, LinkSummary
from serial_drivers.status import SerialPortStatus
from widgets.context import AppContext

log = logging.getLogger("arm.gui.devices")

#: the rules engine's low-battery threshold (arm.device_health), marked with ▼ in the table
LOW_BATTERY = DEFAULT_THRESHOLDS.low_battery_pct
AGE_REFRESH_MS = 5_000
SUMMARY_THROTTLE_MS = 500

ONLINE, STALE, NEVER = ContactState.ONLINE, ContactState.STALE, ContactState.NEVER
#: Inventory states that matter more than the contact state (an unregistered device talks too).
_INACTIVE = {"unregistered", "rejected", "written_off", "in_stock", "repair"}
#: network device families and the protocol they talk (arm.protocols.mapping.DEVICE_TYPES)
NETWORK_PROTOCOLS = {"GT06": "GT06 / TCP", "WATCH": "Watch / TCP", "PHONE": "OsmAnd / HTTP"}
#: listener protocol code -> its name in the connection-limit line
NETWORK_NAMES = {"gt06": "GT06", "watch": "Watch", "osmand": "OsmAnd"}
#: the warning style of the panel (stale rows), reused for a degraded link
WARN_BACKGROUND, WARN_FOREGROUND, FAULT_FOREGROUND = "#fff4d6", "#8a5a00", "#b3261e"


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
    paired_with: str = ""  # a bracelet's home or mobile unit


def load_device_rows(session: Session) -> list[DeviceRow]:
    """Every device with its current holder (runs on the database worker)."""
    return load_visible_device_rows(session, ())[0]


def load_visible_device_rows(session: Session, districts: tuple[str, ...]) -> tuple[list[DeviceRow], frozenset[int]]:
    """The devices a desk user with ``districts`` may see, and the ids of those left out.

    A device issued to a person of another district is left out (its holder's
    name is personal data of that district); devices in stock stay. No
    districts: every device. The left-out ids let the panel ignore their state
    changes instead of taking them for new devices.
    """
    holders = {
        device_id: person
        for device_id, person in session.execute(
            select(Assignment.device_id, Person)
            .join(Person, Person.id == Assignment.person_id)
            .where(Assignment.returned_at.is_(None))
        )
    }
    rows = []
    hidden: set[int] = set()
    for device in session.scalars(select(Device).order_by(Device.serial)):
        person = holders.get(device.id)
        if districts and person is not None and person.district and person.district not in districts:
            hidden.add(device.id)
            continue
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
                heartbeat_s=heartbeat_or_default(device.heartbeat_s),
                paired_with=device.paired_with or "",
            )
        )
    return rows, frozenset(hidden)


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

    SERIAL, TYPE, HOLDER, CONTACT, BATTERY, STATUS, LINK = range(7)
    StateRole = Qt.ItemDataRole.UserRole + 1
    SortRole = Qt.ItemDataRole.UserRole + 2

    def __init__(self, ctx: AppContext, parent: Any = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._rows: list[DeviceRow] = []
        self._index: dict[int, int] = {}
        self._by_serial: dict[str, int] = {}
        self.now = lambda: datetime.now(UTC)
        #: the link window; tests shorten it (set_link_window)
        self.link_window_s = link_health.WINDOW_S
        self._links: dict[str, LinkHealth] = {}
        self._link_summaries: dict[str, LinkSummary | None] = {}

    # -------------------------------------------------------------- data in
    def set_rows(self, rows: list[DeviceRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._index = {r.id: i for i, r in enumerate(self._rows)}
        self._by_serial = {r.serial: i for i, r in enumerate(self._rows)}
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

    def apply_link(self, status: SerialPortStatus) -> bool:
        """Take a port's status (state and counters); False if its device has no row yet."""
        if not status.serial:
            return False  # a port nobody answered on: the technician's inventory shows it
        health = self._links.get(status.serial)
        if health is None:
            health = self._links[status.serial] = LinkHealth(self.link_window_s)
        health.update(status)
        self._link_summaries[status.serial] = health.summary()
        i = self._by_serial.get(status.serial)
        if i is None:
            return False
        cell = self.index(i, self.LINK)
        self.dataChanged.emit(cell, cell)
        return True

    def set_link_window(self, seconds: float) -> None:
        self.link_window_s = seconds
        for health in self._links.values():
            health.window_s = seconds
        self.refresh_ages()

    def link_summary(self, serial: str) -> LinkSummary | None:
        return self._link_summaries.get(serial)

    def degraded_links(self) -> int:
        return sum(1 for serial, s in self._link_summaries.items() if s and s.degraded and serial in self._by_serial)

    def refresh_ages(self) -> None:
        # the link window slides with time too: an old error burst drops out of it
        self._link_summaries = {serial: h.summary() for serial, h in self._links.items()}
        if self._rows:
            self.dataChanged.emit(
                self.index(0, self.CONTACT), self.index(len(self._rows) - 1, self.LINK)
            )

    def rows(self) -> list[DeviceRow]:
        return list(self._rows)

    def row_state(self, row: int) -> str:
        r = self._rows[row]
        if r.status in _INACTIVE:
            return r.status
        return contact_state(r.last_contact, r.heartbeat_s, self.now()).value

    # -------------------------------------------------------------- Qt model
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 7

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (
            self.tr("Serial"), self.tr("Type"), self.tr("Holder"),
            self.tr("Last contact"), self.tr("Battery"), self.tr("Status"), self.tr("Link"),
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
        if col == self.LINK and role in (
            Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.BackgroundRole
        ):
            return self._link_data(r, role)
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
            low = " ▼" if battery_is_low(r.battery) else ""
            return f"{r.battery} %{low}"
        if col == self.LINK:
            return self.link_text(r)
        return self.state_text(state)

    # -------------------------------------------------------------- link column
    def link_text(self, r: DeviceRow) -> str:
        """Compact: a word for health, port, state, error rate, last error; or the network protocol."""
        protocol = NETWORK_PROTOCOLS.get(r.type)
        if protocol is not None:
            if r.last_contact is None:
                return self.tr("{protocol} · never heard").format(protocol=protocol)
            age = format_age((self.now() - r.last_contact).total_seconds())
            return self.tr("{protocol} · {age}").format(protocol=protocol, age=age)
        link = self._link_summaries.get(r.serial)
        if link is None:
            if r.type == "BRC":
                if r.paired_with:
                    return self.tr("Radio via {unit}").format(unit=r.paired_with)
                return self.tr("Radio, not paired")
            return self.tr("No serial port at this desk")
        parts = [
            self.tr("▲ Degraded") if link.degraded else self.tr("● OK"),
            short_port(link.port),
            self.link_state_text(link.state),
            self.tr("{rate} % errors / {window}").format(
                rate=f"{link.error_pct:.1f}", window=self.window_text(link.window_s)
            ),
        ]
        if link.last_error and link.degraded:
            parts.append(self.tr("last: {error} {time}").format(
                error=self.link_error_text(link.last_error), time=self._clock(link.last_error_at)
            ))
        return " · ".join(parts)

    def window_text(self, seconds: float) -> str:
        if seconds >= 60 and seconds % 60 == 0:
            return self.tr("{n} min").format(n=int(seconds // 60))
        return self.tr("{n} s").format(n=f"{seconds:g}")

    def link_state_text(self, state: str) -> str:
        return {
            CONNECTED: self.tr("connected"),
            RECONNECTING: self.tr("reconnecting"),
            LOST: self.tr("lost"),
        }.get(state, state)

    def link_error_text(self, code: str) -> str:
        return {
            "bad_checksum": self.tr("checksum (CRC) error"),
            "cut": self.tr("line cut off"),
            "too_long": self.tr("line too long"),
            "no_checksum": self.tr("line without checksum"),
            "bad_char": self.tr("bad character"),
            "malformed": self.tr("malformed line"),
            "unparsed": self.tr("unreadable sentence"),
            "retries": self.tr("command resent"),
            "not_answering": self.tr("device not answering"),
            "lost": self.tr("port lost"),
        }.get(code, code)

    def _link_reason_text(self, reason: str) -> str:
        return {
            "errors": self.tr("line errors above {pct} % of frames").format(pct=f"{link_health.ERROR_PCT:g}"),
            "resends": self.tr("resends above {pct} % of commands").format(pct=f"{link_health.RESEND_PCT:g}"),
            "timeouts": self.tr("commands went unanswered"),
            "outage": self.tr("port lost or reconnected"),
            "not_connected": self.tr("not connected now"),
        }.get(reason, reason)

    def _clock(self, when: datetime | None) -> str:
        """Time of day in the desk zone (the date is in the tooltip)."""
        return "" if when is None else self._ctx.local(when).strftime("%H:%M:%S")

    def link_tooltip(self, r: DeviceRow) -> str:
        protocol = NETWORK_PROTOCOLS.get(r.type)
        if protocol is not None:
            return self.tr("Network device ({protocol}); last contact {time}").format(
                protocol=protocol, time=self._ctx.format_time(r.last_contact)
            )
        link = self._link_summaries.get(r.serial)
        if link is None:
            if r.type == "BRC":
                return self.tr("A bracelet talks by radio to its home or mobile unit, not to a port.")
            return self.tr("This device is not on a serial port of this desk.")
        lines = [
            self.tr("Port {port} ({protocol}): {state}").format(
                port=link.port, protocol=link.protocol.upper() or "?", state=self.link_state_text(link.state)
            ),
            self.tr(
                "Last {window}: {frames} frames, {errors} line errors ({crc} checksum), "
                "{resends} resends of {commands} commands, {timeouts} timeouts, "
                "{gaps} gaps fetched with LOG, {outages} outages"
            ).format(
                window=self.window_text(link.window_s), frames=link.frames, errors=link.errors, crc=link.crc_errors,
                resends=link.resends, commands=link.commands, timeouts=link.timeouts, gaps=link.gaps,
                outages=link.outages,
            ),
        ]
        if link.degraded:
            lines.append(self.tr("Degraded: {reasons}").format(
                reasons="; ".join(self._link_reason_text(x) for x in link.reasons)
            ))
        if link.last_error:
            error = self.link_error_text(link.last_error)
            if link.last_error_detail:
                error += f" ({link.last_error_detail})"
            lines.append(self.tr("Last error: {error}, {time}").format(
                error=error, time=self._ctx.format_time(link.last_error_at)
            ))
        totals = ", ".join(f"{k} {v}" for k, v in sorted(link.totals.items()) if v)
        if totals:
            lines.append(self.tr("Counters since the port opened: {counters}").format(counters=totals))
        return "\n".join(lines)

    def _link_data(self, r: DeviceRow, role: int) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.link_tooltip(r)
        link = None if r.type in NETWORK_PROTOCOLS else self._link_summaries.get(r.serial)
        if link is None or not link.degraded:
            return QBrush(QColor("#1b7a3a")) if link and role == Qt.ItemDataRole.ForegroundRole else None
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(QColor(WARN_BACKGROUND))
        return QBrush(QColor(FAULT_FOREGROUND if link.state == LOST else WARN_FOREGROUND))

    def _link_rank(self, r: DeviceRow) -> int:
        """Degraded links first, then healthy serial links, network devices, the rest."""
        if r.type in NETWORK_PROTOCOLS:
            return 2
        link = self._link_summaries.get(r.serial)
        if link is None:
            return 3
        return 0 if link.degraded else 1

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
        if col == self.LINK:
            return f"{self._link_rank(r)} {self.link_text(r).lower()}"
        return self._display(r, col, state).lower()

    def _foreground(self, r: DeviceRow, col: int, state: str) -> Any:
        if col == self.STATUS and state == ONLINE:
            return QBrush(QColor("#1b7a3a"))
        if col == self.STATUS and state == STALE:
            return QBrush(QColor("#8a5a00"))
        if col == self.BATTERY and battery_is_low(r.battery):
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
        #: devices of other districts than the user's (``load_visible_device_rows``)
        self._hidden: frozenset[int] = frozenset()
        self._error = ""
        ctx.bridge.deviceStateChanged.connect(self._on_state)
        ctx.bridge.serialPortStatus.connect(self._on_link)
        #: (protocol, limit code, count) of the device listeners (arm.protocols.limits), shown in the summary
        self._limits: tuple[tuple[str, str, int], ...] = ()
        last_limits = getattr(ctx.bridge, "last_connection_limits", None)
        if last_limits is not None:
            self._limits = last_limits.hits
        if hasattr(ctx.bridge, "connectionLimits"):
            ctx.bridge.connectionLimits.connect(self._on_limits)
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
        self._seed_links()
        self.retranslateUi()
        self.reload()

    def _seed_links(self) -> None:
        """Ports already open when the panel is built (an in-memory query, no I/O)."""
        manager = getattr(getattr(self._ctx, "service", None), "extensions", {}).get("serial")
        if manager is None:
            return
        for status in manager.statuses():
            self.model.apply_link(status)

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
        # one line per device: a long link text is elided, its tooltip has it all
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
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
        self.filter.setPlaceholderText(self.tr("Filter by serial, type, holder, status or link…"))
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
        districts = tuple(getattr(self._ctx.user, "districts", None) or ())
        self._ctx.read(lambda s: load_visible_device_rows(s, districts), on_done=self._loaded, on_error=self._failed)

    def _loaded(self, result: tuple[list[DeviceRow], frozenset[int]]) -> None:
        rows, self._hidden = result
        self._loading = False
        self._error = ""
        self.model.set_rows(rows)
        for col in range(DeviceStatusModel.STATUS + 1):
            self.table.resizeColumnToContents(col)
        self._update_summary()

    def _failed(self, error: BaseException) -> None:
        self._loading = False
        self._error = str(error)
        self._update_summary()

    def _on_state(self, msg: DeviceStateChanged) -> None:
        if msg.device_id in self._hidden:
            return  # another district's device: not shown on this desk
        if not self.model.apply(msg):
            self.reload()  # a new device (e.g. an unregistered one heard on the wire)
        if not self._summary_timer.isActive():
            self._summary_timer.start()

    def _on_link(self, status: SerialPortStatus) -> None:
        self.model.apply_link(status)
        if not self._summary_timer.isActive():
            self._summary_timer.start()

    def _on_limits(self, message: ConnectionLimits) -> None:
        self._limits = message.hits
        self._update_summary()

    def limit_text(self, code: str) -> str:
        return {
            "total": self.tr("refused at the connection limit"),
            "per_peer": self.tr("refused at the per-address limit"),
            "evicted": self.tr("unidentified connections closed near the limit"),
            "identify_timeout": self.tr("closed without identifying a device"),
            "idle_timeout": self.tr("closed after silence"),
        }.get(code, code)

    def limits_summary(self) -> str:
        """The connection-limit counts as one sentence (empty when no limit was hit)."""
        shown = [(p, c, n) for p, c, n in self._limits if c != "idle_timeout"]  # silence is routine, not a limit
        if not shown:
            return ""
        by_protocol: dict[str, list[str]] = {}
        for protocol, code, n in shown:
            by_protocol.setdefault(protocol, []).append(f"{self.limit_text(code)}: {n}")
        parts = [f"{NETWORK_NAMES.get(p, p)} — {', '.join(texts)}" for p, texts in by_protocol.items()]
        return self.tr("Connection limits: {hits}").format(hits="; ".join(parts))

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
        text = self.tr("{online} online, {stale} stale, {total} devices").format(
            online=online, stale=stale, total=len(rows)
        )
        degraded = self.model.degraded_links()
        if degraded:
            text += self.tr("; serial links degraded: {n}").format(n=degraded)
        limits = self.limits_summary()
        if limits:
            text += "\n" + limits
        self.summary.setText(text)
        self.countsChanged.emit(online, len(rows))



def short_port(port: str) -> str:
    """'ttyUSB0', 'pts/3', or the last part of a /dev/serial/by-id name: short enough for a cell."""
    if port.startswith("/dev/serial/"):
        return os.path.basename(port)
    if port.startswith("/dev/"):
        return port[len("/dev/"):]
    return os.path.basename(port) or port
