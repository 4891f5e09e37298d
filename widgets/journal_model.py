"""A lazily filled table model over one journal: a page at a time, off the GUI thread.

``canFetchMore``/``fetchMore`` ask the database worker for the next keyset
page when the view scrolls near the end, so a journal of a million rows opens
as fast as one of a hundred and memory grows only with what was scrolled.
Every request carries a generation number: an answer to an older filter or
sort that arrives late is dropped.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QT_TRANSLATE_NOOP, QAbstractTableModel, QCoreApplication, QModelIndex, Qt, Signal

from arm import geo
from arm.caseload import reference
from arm.reports import data
from arm.reports.audit_text import detail_text
from arm.reports.document import AUDIT_COLUMNS, CODED_COLUMNS, REFERENCE_COLUMNS, USER_COLUMNS
from arm.reports.exporter import user_names
from db.queries.filters import JournalFilter
from db.queries.journals import Column, Page, spec
from widgets.alarm_text import KINDS, kind_text, stored_text
from widgets.context import DEFAULT_TIMEZONE
from widgets.i18n import current_language

PAGE_SIZE = 200

#: Column heads and stored enum values, for lupdate (context "JournalColumns").
_TITLES = (
    QT_TRANSLATE_NOOP("JournalColumns", "No."), QT_TRANSLATE_NOOP("JournalColumns", "Detected at"),
    QT_TRANSLATE_NOOP("JournalColumns", "Full name"), QT_TRANSLATE_NOOP("JournalColumns", "IIN"),
    QT_TRANSLATE_NOOP("JournalColumns", "Category"), QT_TRANSLATE_NOOP("JournalColumns", "District"),
    QT_TRANSLATE_NOOP("JournalColumns", "Officer"), QT_TRANSLATE_NOOP("JournalColumns", "Violation"),
    QT_TRANSLATE_NOOP("JournalColumns", "Place"),
    QT_TRANSLATE_NOOP("JournalColumns", "Detected by"), QT_TRANSLATE_NOOP("JournalColumns", "Device"),
    QT_TRANSLATE_NOOP("JournalColumns", "Measures taken"), QT_TRANSLATE_NOOP("JournalColumns", "Reported to"),
    QT_TRANSLATE_NOOP("JournalColumns", "Reported at"), QT_TRANSLATE_NOOP("JournalColumns", "Resolution"),
    QT_TRANSLATE_NOOP("JournalColumns", "Operator"), QT_TRANSLATE_NOOP("JournalColumns", "Corrects No."),
    QT_TRANSLATE_NOOP("JournalColumns", "Raised at"), QT_TRANSLATE_NOOP("JournalColumns", "Kind"),
    QT_TRANSLATE_NOOP("JournalColumns", "Priority"), QT_TRANSLATE_NOOP("JournalColumns", "State"),
    QT_TRANSLATE_NOOP("JournalColumns", "Message"), QT_TRANSLATE_NOOP("JournalColumns", "Acknowledged at"),
    QT_TRANSLATE_NOOP("JournalColumns", "Acknowledged by"), QT_TRANSLATE_NOOP("JournalColumns", "Closed at"),
    QT_TRANSLATE_NOOP("JournalColumns", "Closed by"), QT_TRANSLATE_NOOP("JournalColumns", "Issued at"),
    QT_TRANSLATE_NOOP("JournalColumns", "Type"), QT_TRANSLATE_NOOP("JournalColumns", "Inventory No."),
    QT_TRANSLATE_NOOP("JournalColumns", "Holder"), QT_TRANSLATE_NOOP("JournalColumns", "Issued by"),
    QT_TRANSLATE_NOOP("JournalColumns", "Returned at"), QT_TRANSLATE_NOOP("JournalColumns", "Returned by"),
    QT_TRANSLATE_NOOP("JournalColumns", "Note"), QT_TRANSLATE_NOOP("JournalColumns", "Time"),
    QT_TRANSLATE_NOOP("JournalColumns", "User"), QT_TRANSLATE_NOOP("JournalColumns", "Role"),
    QT_TRANSLATE_NOOP("JournalColumns", "Action"), QT_TRANSLATE_NOOP("JournalColumns", "Object"),
    QT_TRANSLATE_NOOP("JournalColumns", "Object id"), QT_TRANSLATE_NOOP("JournalColumns", "Detail"),
)
_VALUES = {
    "conditional": QT_TRANSLATE_NOOP("JournalValues", "conditional sentence"),
    "restricted_freedom": QT_TRANSLATE_NOOP("JournalValues", "restricted freedom"),
    "parole": QT_TRANSLATE_NOOP("JournalValues", "parole"),
    "admin_supervision": QT_TRANSLATE_NOOP("JournalValues", "administrative supervision"),
    "confirmed_violation": QT_TRANSLATE_NOOP("JournalValues", "confirmed violation"),
    "false_alarm": QT_TRANSLATE_NOOP("JournalValues", "false alarm"),
    "technical_fault": QT_TRANSLATE_NOOP("JournalValues", "technical fault"),
    "critical": QT_TRANSLATE_NOOP("JournalValues", "critical"),
    "high": QT_TRANSLATE_NOOP("JournalValues", "high"),
    "medium": QT_TRANSLATE_NOOP("JournalValues", "medium"),
    "low": QT_TRANSLATE_NOOP("JournalValues", "low"),
    "active": QT_TRANSLATE_NOOP("JournalValues", "active"),
    "returned": QT_TRANSLATE_NOOP("JournalValues", "returned to normal"),
    "shelved": QT_TRANSLATE_NOOP("JournalValues", "shelved"),
    "closed": QT_TRANSLATE_NOOP("JournalValues", "closed"),
}


def column_title(col: Column) -> str:
    return QCoreApplication.translate("JournalColumns", col.title)


def value_text(value: Any, fmt_time: Any, key: str = "", tz: ZoneInfo | None = None,
               names: dict[str, str] | None = None) -> str:
    """A journal value in words for the screen: codes of column ``key`` rendered, times in the desk zone.

    Alarm kinds, stored message codes (violation, detected by, measures,
    reported to) and the audit journal's actions, roles, objects and details
    read as words in the screen's language (the catalogue the printed forms
    use); a date without a time shows without one. ``names`` (login -> full
    name) names who acted in the operator / acknowledged by / ... columns.
    """
    if value is None:
        return ""
    if names and key in USER_COLUMNS and isinstance(value, str):
        return names.get(value) or value
    if isinstance(value, datetime):
        return fmt_time(value)
    if isinstance(value, date):
        return value.strftime("%d.%m.%Y")
    lang, zone = current_language(), tz or ZoneInfo(DEFAULT_TIMEZONE)
    if key == "place" and isinstance(value, tuple):
        return geo.place_line(value[0], value[1], lang)
    if key in AUDIT_COLUMNS:
        return str(AUDIT_COLUMNS[key](value, lang, zone))
    if key == "kind" and isinstance(value, str) and value in KINDS:
        return kind_text(value)
    if key in CODED_COLUMNS and isinstance(value, str):
        return stored_text(value)
    if key in REFERENCE_COLUMNS and isinstance(value, str):  # district/officer codes: a cached lookup per cell
        return reference.name(value, lang)
    if isinstance(value, str) and value in _VALUES:
        return QCoreApplication.translate("JournalValues", _VALUES[value])
    if isinstance(value, dict):
        return detail_text(value, lang, zone)
    return str(value)


class JournalModel(QAbstractTableModel):
    """Rows of one journal under one filter and sort, fetched page by page."""

    loading = Signal(bool)
    failed = Signal(object)  # the exception
    reset_done = Signal()

    def __init__(self, ctx: Any, parent: Any = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.journal = ""
        self.filter = JournalFilter()
        self.sort_key: str | None = None
        self.descending = True
        self.columns: list[Column] = []
        self.rows: list[tuple[Any, ...]] = []
        self._cursor: tuple[Any, ...] | None = None
        self._more = False
        self._busy = False
        self._generation = 0
        #: login -> full name, read with the first page (who acted is shown by name)
        self.names: dict[str, str] = {}

    # ------------------------------------------------------------ loading
    def load(self, journal: str, f: JournalFilter, sort: str | None = None, descending: bool = True) -> None:
        """Start over: first page of ``journal`` (audited as a view)."""
        self._generation += 1
        self.beginResetModel()
        self.journal, self.filter, self.sort_key, self.descending = journal, f, sort, descending
        self.columns, self.rows, self._cursor, self._more = [], [], None, False
        self.endResetModel()
        self._request(first=True)

    def _request(self, first: bool) -> None:
        gen, journal, f, sort, desc, cursor = (
            self._generation, self.journal, self.filter, self.sort_key, self.descending, self._cursor,
        )
        user = self.ctx.user
        self._busy = True
        self.loading.emit(True)

        def work(session: Any) -> tuple[Page, dict[str, str] | None]:
            page = data.page(session, user, journal, f, sort=sort, descending=desc, cursor=cursor, limit=PAGE_SIZE)
            return page, (user_names(session) if first else None)

        run = self.ctx.write if first else self.ctx.read  # the first page writes its audit row
        run(work, on_done=lambda got: self._arrived(gen, got[0], first, got[1]), on_error=lambda e: self._error(gen, e))

    def _arrived(self, gen: int, page: Page, first: bool, names: dict[str, str] | None = None) -> None:
        if gen != self._generation:
            return
        if names is not None:
            self.names = names
        self._busy = False
        self.loading.emit(False)
        if first:
            self.beginResetModel()
            self.columns = page.columns
            self.rows = list(page.rows)
            self.endResetModel()
        elif page.rows:
            start = len(self.rows)
            self.beginInsertRows(QModelIndex(), start, start + len(page.rows) - 1)
            self.rows.extend(page.rows)
            self.endInsertRows()
        self._cursor, self._more = page.cursor, page.cursor is not None
        if first:
            self.reset_done.emit()

    def _error(self, gen: int, error: BaseException) -> None:
        if gen != self._generation:
            return
        self._busy = False
        self._more = False
        self.loading.emit(False)
        self.failed.emit(error)

    # ------------------------------------------------------------ Qt model
    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def canFetchMore(self, parent: QModelIndex) -> bool:
        return not parent.isValid() and self._more and not self._busy

    def fetchMore(self, parent: QModelIndex) -> None:
        if self.canFetchMore(parent):
            self._request(first=False)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        value = self.rows[index.row()][index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            key = self.columns[index.column()].key if index.column() < len(self.columns) else ""
            text = value_text(value, self.ctx.format_time, key, getattr(self.ctx, "timezone", None), self.names)
            if role == Qt.ItemDataRole.ToolTipRole:  # the whole text of a long cell
                return text if len(text) > 40 else None
            return text if len(text) <= 120 else text[:117] + "…"
        if role == Qt.ItemDataRole.TextAlignmentRole and isinstance(value, int):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        return column_title(self.columns[section]) if section < len(self.columns) else None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort in the database (only by indexed/sortable columns), then reload."""
        if not self.journal or column >= len(self.columns):
            return
        key = self.columns[column].key
        if key not in spec(self.journal).exprs:
            return
        self.load(self.journal, self.filter, key, order == Qt.SortOrder.DescendingOrder)

    def sortable(self, column: int) -> bool:
        return bool(self.journal) and column < len(self.columns) and self.columns[column].key in spec(self.journal).exprs

    def row_id(self, row: int) -> int | None:
        return int(self.rows[row][0]) if 0 <= row < len(self.rows) else None

    @property
    def busy(self) -> bool:
        return self._busy

    @property
    def has_more(self) -> bool:
        return self._more
