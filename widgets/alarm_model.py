"""The alarm table model: one row per open alarm, updated row by row.

Rows are :class:`arm.alarms.views.AlarmView` snapshots. A change updates one
row (``dataChanged``), a new alarm inserts one row, a closed alarm removes
one: never a full reset per event, so selection and scroll position survive a
busy shift. Sorting (most severe and oldest unacknowledged first) and the
filters are done by :class:`AlarmFilterProxy` on top.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPointF,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont, QIcon, QPainter, QPixmap, QPolygonF

from arm.alarm_view import AlarmView
from arm.alarms.views import sort_key
from arm.caseload import reference
from widgets.alarm_text import incident_text, kind_text, priority_text, state_text, view_explanation
from widgets.i18n import current_language

ViewRole = Qt.ItemDataRole.UserRole + 1
SortRole = Qt.ItemDataRole.UserRole + 2

#: Priority colours (with a distinct icon shape each, so colour is never the only cue).
COLOURS = {
    "critical": QColor("#c62828"),
    "high": QColor("#ef6c00"),
    "medium": QColor("#f9a825"),
    "low": QColor("#1565c0"),
}
TINTS = {
    "critical": QColor(198, 40, 40, 60),
    "high": QColor(239, 108, 0, 45),
    "medium": QColor(249, 168, 37, 40),
    "low": QColor(21, 101, 192, 30),
}

_icons: dict[str, QIcon] = {}


def priority_icon(priority: str, size: int = 16) -> QIcon:
    """Octagon (critical), triangle (high), diamond (medium), circle (low), drawn in code."""
    key = f"{priority}:{size}"
    if key in _icons:
        return _icons[key]
    pix = QPixmap(size, size)
    pix.fill(Qt.GlobalColor.transparent)
    p = QPainter(pix)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setBrush(COLOURS.get(priority, QColor("gray")))
    p.setPen(QColor("#202020"))
    s = size - 2
    if priority == "critical":
        k = s * 0.29
        pts = [(k, 0), (s - k, 0), (s, k), (s, s - k), (s - k, s), (k, s), (0, s - k), (0, k)]
        p.drawPolygon(QPolygonF([QPointF(x + 1, y + 1) for x, y in pts]))
        p.setPen(QColor("white"))
        f = p.font()
        f.setBold(True)
        f.setPixelSize(int(size * 0.7))
        p.setFont(f)
        p.drawText(pix.rect(), Qt.AlignmentFlag.AlignCenter, "!")
    elif priority == "high":
        p.drawPolygon(QPolygonF([QPointF(size / 2, 1), QPointF(s + 1, s + 1), QPointF(1, s + 1)]))
    elif priority == "medium":
        c = size / 2
        p.drawPolygon(QPolygonF([QPointF(c, 1), QPointF(s + 1, c), QPointF(c, s + 1), QPointF(1, c)]))
    else:
        p.drawEllipse(2, 2, s - 2, s - 2)
    p.end()
    icon = QIcon(pix)
    _icons[key] = icon
    return icon


class AlarmTableModel(QAbstractTableModel):
    """Open alarms as rows; ``upsert``/``remove`` change one row at a time."""

    #: most important first, so a narrow dock still shows what matters
    COLUMNS = ("priority", "alarm", "person", "state", "raised", "district", "device", "incident")

    def __init__(self, format_time: Any, parent: QObject | None = None, *,
                 timezone: Callable[[], ZoneInfo] | None = None) -> None:
        super().__init__(parent)
        #: the desk time zone for times inside explanations (asked each time: settings may change it)
        self._timezone = timezone
        self._rows: list[AlarmView] = []
        self._row_of: dict[int, int] = {}
        #: alarm id -> priority of every unacknowledged row, kept incrementally
        self.unacked: dict[int, str] = {}
        self.escalated: set[int] = set()
        self._format_time = format_time
        self._headers: dict[str, str] = {}
        self.retranslate()

    def retranslate(self) -> None:
        """Column names in the current language (the panel calls this on a language switch)."""
        self._headers = {
            "priority": self.tr("Priority"), "raised": self.tr("Raised"), "person": self.tr("Person"),
            "district": self.tr("District"), "alarm": self.tr("Alarm"), "state": self.tr("State"),
            "device": self.tr("Device"), "incident": self.tr("Incident"),
        }
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.COLUMNS) - 1)
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, len(self.COLUMNS) - 1))

    # ------------------------------------------------------------ updates
    def reset_to(self, views: list[AlarmView]) -> None:
        """Initial fill (once, at start)."""
        self.beginResetModel()
        self._rows = [v for v in views if v.is_open]
        self._row_of = {v.id: i for i, v in enumerate(self._rows)}
        self.unacked.clear()
        self.escalated.clear()
        for v in self._rows:
            self._count(v)
        self.endResetModel()

    def _count(self, v: AlarmView) -> None:
        if v.needs_ack:
            self.unacked[v.id] = v.priority
        else:
            self.unacked.pop(v.id, None)
        if v.needs_ack and v.escalated_at is not None:
            self.escalated.add(v.id)
        else:
            self.escalated.discard(v.id)

    def upsert(self, view: AlarmView) -> None:
        if not view.is_open:
            self.remove(view.id)
            return
        row = self._row_of.get(view.id)
        if row is None:
            row = len(self._rows)
            self.beginInsertRows(QModelIndex(), row, row)
            self._rows.append(view)
            self._row_of[view.id] = row
            self._count(view)
            self.endInsertRows()
            return
        self._rows[row] = view
        self._count(view)
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.COLUMNS) - 1))

    def remove(self, alarm_id: int) -> None:
        row = self._row_of.get(alarm_id)
        if row is None:
            return
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._rows[row]
        for v in self._rows[row:]:
            self._row_of[v.id] -= 1
        del self._row_of[alarm_id]
        self.unacked.pop(alarm_id, None)
        self.escalated.discard(alarm_id)
        self.endRemoveRows()

    def view(self, alarm_id: int) -> AlarmView | None:
        row = self._row_of.get(alarm_id)
        return self._rows[row] if row is not None else None

    def views(self) -> list[AlarmView]:
        return list(self._rows)

    def unacknowledged(self) -> int:
        return len(self.unacked)

    # ------------------------------------------------------------ Qt model
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[self.COLUMNS[section]]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        v = self._rows[index.row()]
        column = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(v, column)
        if role == Qt.ItemDataRole.DecorationRole and column == "priority":
            return priority_icon(v.priority)
        if role == Qt.ItemDataRole.BackgroundRole and v.needs_ack:
            return QBrush(TINTS.get(v.priority, QColor(0, 0, 0, 0)))
        if role == Qt.ItemDataRole.FontRole and v.needs_ack:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(v)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{priority_text(v.priority)}, {kind_text(v.kind)}, {v.person_name}, {self._state(v)}"
        if role == ViewRole:
            return v
        if role == SortRole:
            return sort_key(v)
        return None

    def _display(self, v: AlarmView, column: str) -> str:
        if column == "priority":
            return priority_text(v.priority)
        if column == "raised":
            return self._short_time(v.raised_at)
        if column == "person":
            return v.person_name
        if column == "district":  # a reference code, named in the reader's language (a cached lookup)
            return reference.name(v.district, current_language())
        if column == "alarm":
            text = kind_text(v.kind)
            return text if v.occurrences <= 1 else self.tr("{text} (×{count})").format(text=text, count=v.occurrences)
        if column == "state":
            return self._state(v)
        if column == "device":
            return v.device_serial
        return incident_text("", v.incident_explanation) if v.incident_explanation else ""

    def _short_time(self, when: datetime | None) -> str:
        """Today's alarms by their time only, older ones with the day: the column stays narrow (tooltip: full)."""
        if when is None or self._timezone is None:
            return self._format_time(when)
        tz = self._timezone()
        local, today = when.astimezone(tz), datetime.now(UTC).astimezone(tz).date()
        return local.strftime("%H:%M:%S" if local.date() == today else "%d.%m %H:%M")

    def _state(self, v: AlarmView) -> str:
        parts = [state_text(v.state)]
        if v.state == "shelved" and v.shelved_until is not None:
            parts = [self.tr("Shelved until {time}").format(time=self._format_time(v.shelved_until))]
        parts.append(self.tr("acknowledged") if v.acknowledged else self.tr("UNACKNOWLEDGED"))
        if v.escalated_at is not None and not v.acknowledged:
            parts.append(self.tr("escalated"))
        return ", ".join(parts)

    def _tooltip(self, v: AlarmView) -> str:
        lines = [f"{priority_text(v.priority)}: {kind_text(v.kind)}"]
        why = view_explanation(v, self._timezone() if self._timezone else None, datetime.now(UTC))
        if why:
            lines.append(why)
        lines.append(self._state(v))
        lines.append(self.tr("Raised at {time}").format(time=self._format_time(v.raised_at)))
        if v.acknowledged_by:
            lines.append(self.tr("Acknowledged by {user} at {time}").format(
                user=v.acknowledged_by, time=self._format_time(v.acknowledged_at)))
        if v.shelve_reason:
            lines.append(self.tr("Shelve reason: {reason}").format(reason=v.shelve_reason))
        return "\n".join(lines)


class AlarmFilterProxy(QSortFilterProxyModel):
    """Sort by severity/age and filter by district, person, kind and state."""

    STATE_FILTERS = ("open", "unacknowledged", "active", "returned", "shelved")

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.district = ""
        self.person = ""
        self.kind = ""
        self.state = "open"
        self.setSortRole(SortRole)
        self.setDynamicSortFilter(True)

    def set_filters(self, *, district: str | None = None, person: str | None = None, kind: str | None = None,
                    state: str | None = None) -> None:
        self.beginFilterChange()
        if district is not None:
            self.district = district
        if person is not None:
            self.person = person.strip().casefold()
        if kind is not None:
            self.kind = kind
        if state is not None:
            self.state = state
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex) -> bool:
        v: AlarmView | None = self.sourceModel().index(source_row, 0, source_parent).data(ViewRole)
        if v is None:
            return False
        if self.district and v.district != self.district:
            return False
        if self.person and self.person not in v.person_name.casefold() and self.person != v.device_serial.casefold():
            return False
        if self.kind and v.kind != self.kind:
            return False
        return _state_matches(v, self.state)

    def lessThan(self, left: QModelIndex | QPersistentModelIndex, right: QModelIndex | QPersistentModelIndex) -> bool:
        return left.data(SortRole) < right.data(SortRole)


def _state_matches(v: AlarmView, state: str) -> bool:
    if state == "unacknowledged":
        return v.needs_ack
    if state in ("active", "returned", "shelved"):
        return v.state == state
    return True


def age_text(raised: datetime, now: datetime) -> str:
    minutes = int((now - raised).total_seconds() // 60)
    return f"{minutes // 60}:{minutes % 60:02d}"
