"""Journal review for supervisors: the violation journal, the alarm log, the device
issue/return journal and the audit journal, filtered, sorted, exported, verified.

Everything that touches the database runs on the context's worker thread; the
GUI thread only receives finished pages. The journals offered are those the
user's role may open (``arm.access``); the data layer refuses the others
whatever this widget shows.
"""

from __future__ import annotations

import html
import logging
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from arm import access, audit
from arm.caseload import reference
from arm.journal_anchor.verify import verify_journals
from arm.reports import data, exporter, forms
from db.queries.journals import spec
from widgets.fit import choose_item
from widgets.journal_filters import JournalFilterBar
from widgets.journal_model import JournalModel, column_title, value_text

log = logging.getLogger("arm.gui.journals")

JOURNAL_TITLES = {
    "violations": QT_TRANSLATE_NOOP("JournalReview", "Violation journal"),
    "alarms": QT_TRANSLATE_NOOP("JournalReview", "Alarm log"),
    "assignments": QT_TRANSLATE_NOOP("JournalReview", "Device issue and return"),
    "audit": QT_TRANSLATE_NOOP("JournalReview", "Audit journal"),
}
CHOICE_COLUMNS = {"district": "district", "operator": {"violations": "operator", "alarms": "acknowledged_by",
                                                       "assignments": "issued_by", "audit": "user"},
                  "kind": {"alarms": "kind", "audit": "action"}}


class JournalReview(QWidget):
    """The journals panel (``widgets/panels.py``: id ``journals``)."""

    _export_progress = Signal(int)

    def __init__(self, ctx: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("journal_review")
        self.journals = [str(j) for j in access.journals_for(ctx.user)]
        self.model = JournalModel(ctx, self)
        self._build()
        self.model.loading.connect(self._loading)
        self.model.failed.connect(self._failed)
        self.model.reset_done.connect(self._page_ready)
        self.model.rowsInserted.connect(self._update_status)
        self.filters.applied.connect(self.reload)
        self.journal_box.currentIndexChanged.connect(self._journal_changed)
        self.table.doubleClicked.connect(self._open_detail)
        self.table.selectionModel().currentRowChanged.connect(lambda cur, _prev: self._open_detail(cur))
        bridge = getattr(ctx, "bridge", None)
        if bridge is not None:
            bridge.alarmChanged.connect(self._new_entries)
        if self.journals:
            self._journal_changed()
        else:
            self.status.setText(self.tr("Your role has no journals to review."))

    # ------------------------------------------------------------ layout
    def _build(self) -> None:
        self.journal_box = QComboBox(self)
        for j in self.journals:
            self.journal_box.addItem(QCoreApplication.translate("JournalReview", JOURNAL_TITLES[j]), j)
        self.count_label = QLabel(self)
        self.export_button = QToolButton(self, text=self.tr("Export"),
                                         popupMode=QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.export_button)
        for fmt, text in (("xlsx", self.tr("Excel workbook (XLSX)…")), ("pdf", self.tr("PDF for printing…")),
                          ("csv", self.tr("CSV…"))):
            menu.addAction(text, lambda f=fmt: self.export(f))
        self.export_button.setMenu(menu)
        self.cancel_export_button = QPushButton(self.tr("Stop export"), self)
        self.cancel_export_button.hide()
        self.cancel_export_button.clicked.connect(lambda: setattr(self, "_cancel_export", True))
        self._cancel_export = False
        self._export_progress.connect(self._show_export_progress)
        self.reports_button = QToolButton(self, text=self.tr("Reports"),
                                          popupMode=QToolButton.ToolButtonPopupMode.InstantPopup)
        reports = QMenu(self.reports_button)
        reports.addAction(self.tr("Quarterly reconciliation act…"), self._reconciliation)
        reports.addAction(self.tr("Monthly list for district inspectors…"), self._monthly)
        self.reports_button.setMenu(reports)
        self.verify_button = QPushButton(self.tr("Verify integrity"), self)
        self.verify_button.setToolTip(self.tr("Recompute the hash chains of the journals and report the first "
                                              "broken link"))
        self.verify_button.clicked.connect(self.verify)
        self.retention_button = QPushButton(self.tr("Retention…"), self)
        self.retention_button.clicked.connect(self.open_retention)
        self.retention_button.setVisible(access.may(self.ctx.user, access.Action.RETENTION_PROPOSE)
                                         or access.may(self.ctx.user, access.Action.RETENTION_POLICY))
        self.export_button.setVisible(access.may(self.ctx.user, access.Action.EXPORT))
        self.reports_button.setVisible(access.may(self.ctx.user, access.Action.REPORTS))
        self.verify_button.setVisible(access.may(self.ctx.user, access.Action.VERIFY))
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Journal"), self))
        top.addWidget(self.journal_box)
        top.addStretch(1)
        top.addWidget(self.count_label)
        for w in (self.export_button, self.cancel_export_button, self.reports_button, self.verify_button,
                  self.retention_button):
            top.addWidget(w)
        self.filters = JournalFilterBar(self.ctx, self)
        self.filter_error = QLabel(self)
        self.filter_error.setProperty("severity", "error")
        self.filter_error.setStyleSheet("color: #b00020;")
        self.filter_error.hide()
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSortingEnabled(False)  # sorting is a database query: see _header_clicked
        self.table.horizontalHeader().setSectionsClickable(True)
        self.table.horizontalHeader().setSortIndicatorShown(True)
        self.table.horizontalHeader().sectionClicked.connect(self._header_clicked)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(22)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.detail = QTextBrowser(self)
        self.detail.setPlaceholderText(self.tr("Select an entry to see all of it."))
        self.correct_button = QPushButton(self.tr("Correct this entry…"), self)
        self.correct_button.setToolTip(self.tr("Entries are never edited: a correcting entry is added"))
        self.correct_button.clicked.connect(self.open_correction)
        self.correct_button.setEnabled(False)
        self._detail_row: dict[str, Any] | None = None
        detail_box = QWidget(self)
        detail_layout = QVBoxLayout(detail_box)
        detail_layout.setContentsMargins(0, 0, 0, 0)
        detail_layout.addWidget(self.detail, 1)
        detail_layout.addWidget(self.correct_button)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(detail_box)
        self.splitter.setStretchFactor(0, 4)
        self.splitter.setStretchFactor(1, 1)
        self.status = QLabel(self)
        self.integrity_label = QLabel(self)
        self.integrity_label.setWordWrap(True)
        self.integrity_label.hide()
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.filters)
        layout.addWidget(self.filter_error)
        layout.addWidget(self.integrity_label)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.status)

    # ------------------------------------------------------------ loading
    @property
    def journal(self) -> str:
        return str(self.journal_box.currentData() or "")

    def _journal_changed(self) -> None:
        self.filters.set_journal(self.journal)
        self.correct_button.setVisible(self.journal == "violations" and self.ctx.role in ("supervisor", "operator"))
        self._load_choices()
        self.reload()

    def reload(self) -> None:
        try:
            f = self.filters.value()
        except ValueError as exc:
            self.filter_error.setText(self.tr("Period: {error}").format(error=str(exc)))
            self.filter_error.show()
            return
        self.filter_error.hide()
        self.detail.clear()
        self._detail_row = None
        self.correct_button.setEnabled(False)
        self.count_label.setText(self.tr("counting…"))
        # the names of district and officer codes, read before the first page (the worker runs jobs in order)
        self.ctx.read(reference.load_names)
        self.model.load(self.journal, f)
        journal, user = self.journal, self.ctx.user
        self.ctx.read(lambda s: data.count(s, user, journal, f), on_done=self._counted,
                      on_error=lambda e: self.count_label.setText(""))

    def _new_entries(self, *_: Any) -> None:
        """New alarms or entries: offer a refresh rather than move the rows under the reader's eyes."""
        if self.journal in ("alarms", "violations"):
            self.status.setText(self._status_text() + self.tr(" — new entries: press Apply to refresh"))

    def _counted(self, n: int) -> None:
        self._total = n
        self.count_label.setText(self.tr("{count} entries").format(count=f"{n:,}".replace(",", "\u202f")))
        self._update_status()

    def _load_choices(self) -> None:
        journal, user = self.journal, self.ctx.user
        for name, source in CHOICE_COLUMNS.items():
            key = source if isinstance(source, str) else source.get(journal)
            if not key or key not in {c.key for c in self._spec_columns()}:
                continue
            if name == "operator":  # shown as full names, filtered by login
                self.ctx.read(lambda s, k=key: (data.choices(s, user, journal, k), exporter.user_names(s)),
                              on_done=lambda got, n=name: self.filters.set_choices(n, got[0], got[1]))
                continue
            self.ctx.read(lambda s, k=key: data.choices(s, user, journal, k),
                          on_done=lambda values, n=name: self.filters.set_choices(n, values))

    def _spec_columns(self) -> list[Any]:
        return list(spec(self.journal).columns) if self.journal else []

    def _loading(self, busy: bool) -> None:
        self.status.setText(self.tr("Loading…") if busy else self._status_text())

    def _page_ready(self) -> None:
        header = self.table.horizontalHeader()
        for i, col in enumerate(self.model.columns):
            header.resizeSection(i, max(60, min(320, col.width * 8)))
        keys = [c.key for c in self.model.columns]
        sort_key = self.model.sort_key or spec(self.journal).time_key
        if sort_key in keys:
            order = Qt.SortOrder.DescendingOrder if self.model.descending else Qt.SortOrder.AscendingOrder
            header.setSortIndicator(keys.index(sort_key), order)
        self._update_status()

    def _status_text(self) -> str:
        shown = self.model.rowCount()
        more = self.tr(" (scroll for more)") if self.model.has_more else ""
        return self.tr("{shown} shown{more}").format(shown=shown, more=more)

    def _update_status(self, *args: Any) -> None:
        if not self.model.busy:
            self.status.setText(self._status_text())

    def _header_clicked(self, column: int) -> None:
        if not self.model.sortable(column):
            self.status.setText(self.tr("This column cannot be sorted."))
            return
        same = self.model.columns[column].key == (self.model.sort_key or "")
        descending = not self.model.descending if same else True
        order = Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder
        self.model.sort(column, order)

    def _failed(self, error: BaseException) -> None:
        if isinstance(error, access.AccessDenied):
            self.status.setText(self.tr("Access denied: {reason}").format(reason=str(error)))
        else:
            log.error("journal query failed: %s", error)
            self.status.setText(self.tr("The journal could not be read: {error}").format(error=str(error)))

    # ------------------------------------------------------------ detail
    def _open_detail(self, index: QModelIndex) -> None:
        row_id = self.model.row_id(index.row()) if index.isValid() else None
        if row_id is None:
            return
        journal, user = self.journal, self.ctx.user
        self.ctx.write(lambda s: data.detail(s, user, journal, row_id), on_done=self._show_detail,
                       on_error=self._failed)

    def _show_detail(self, row: dict[str, Any]) -> None:
        self._detail_row = row
        self.correct_button.setEnabled(self.journal == "violations")
        cols = {c.key: c for c in self.model.columns}
        lines = []
        for key, value in row.items():
            title = column_title(cols[key]) if key in cols else key
            text = value_text(value, self.ctx.format_time, key, getattr(self.ctx, "timezone", None),
                              self.model.names) or "—"
            lines.append(f"<tr><td style='color:#555;padding-right:8px'>{html.escape(title)}</td>"
                         f"<td><b>{html.escape(text)}</b></td></tr>")
        self.detail.setHtml("<table>" + "".join(lines) + "</table>")

    def open_correction(self) -> Any:
        from widgets.journal_correction import CorrectionDialog

        if self._detail_row is None:
            return None
        dialog = CorrectionDialog(self.ctx, self._detail_row, self)
        dialog.accepted.connect(self.reload)
        dialog.open()
        return dialog

    # ------------------------------------------------------------ export and reports
    def _ask_path(self, suggested: str, fmt: str) -> Path | None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save as"), suggested, f"*.{fmt}")
        if not path:
            return None
        return Path(path if path.endswith(f".{fmt}") else f"{path}.{fmt}")

    def export(self, fmt: str, path: Path | None = None) -> None:
        try:
            f = self.filters.value()
        except ValueError as exc:
            self.filter_error.setText(str(exc))
            self.filter_error.show()
            return
        stamp = datetime.now(self.ctx.timezone).strftime("%Y%m%d-%H%M")
        path = path or self._ask_path(f"{self.journal}-{stamp}.{fmt}", fmt)
        if path is None:
            return
        journal, user, tz, lang = self.journal, self.ctx.user, self.ctx.timezone, self._form_language()
        self.status.setText(self.tr("Exporting…"))
        self._cancel_export = False
        self.cancel_export_button.show()
        self.export_button.setEnabled(False)
        progress = self._export_progress.emit  # emitted on the worker, delivered on the GUI thread

        def work(session: Any) -> Any:
            # force: the save dialog asked before an existing file is replaced (never a link: safe_write)
            return exporter.export_journal(session, user, journal, f, fmt, path, lang=lang, tz=tz,
                                           progress=progress, cancelled=lambda: self._cancel_export, force=True)

        self.ctx.write(work, on_done=self._exported, on_error=self._export_failed)

    def _exported(self, res: Any) -> None:
        self._export_finished()
        self.status.setText(self.tr("{rows} entries exported to {path}").format(rows=res.rows, path=str(res.path)))

    def _export_failed(self, error: BaseException) -> None:
        self._export_finished()
        if isinstance(error, exporter.ExportCancelled):
            self.status.setText(self.tr("Export stopped; no file was kept."))
        else:
            self._failed(error)

    def _export_finished(self) -> None:
        self.cancel_export_button.hide()
        self.export_button.setEnabled(True)

    def _show_export_progress(self, rows: int) -> None:
        self.status.setText(self.tr("Exporting… {rows} entries written").format(rows=rows))

    def _form_language(self) -> str:
        lang = str(getattr(getattr(self.ctx.settings, "general", None), "language", "") or "ru")
        return lang if lang in ("ru", "kk", "en") else "ru"

    def _choose(self, title: str, options: list[tuple[str, tuple[int, int]]]) -> tuple[int, int] | None:
        labels = [text for text, _ in options]
        choice, ok = choose_item(self, title, title, labels)
        return dict(options)[choice] if ok and choice in labels else None

    def _reconciliation(self, path: Path | None = None, period: tuple[int, int] | None = None) -> None:
        today = datetime.now(self.ctx.timezone).date()
        if period is None:
            quarters, y, q = [], today.year, (today.month - 1) // 3 + 1
            for _ in range(8):
                quarters.append((self.tr("Quarter {q} of {year}").format(q=q, year=y), (y, q)))
                y, q = (y, q - 1) if q > 1 else (y - 1, 4)
            period = self._choose(self.tr("Reconciliation act for"), quarters)
            if period is None:
                return
        year, quarter = period
        path = path or self._ask_path(f"reconciliation-{year}-Q{quarter}.pdf", "pdf")
        if path is None:
            return
        user, tz, lang = self.ctx.user, self.ctx.timezone, self._form_language()
        self.ctx.write(lambda s: forms.export_reconciliation(s, user, year, quarter, "pdf", path,
                                                             lang=lang, tz=tz, force=True),
                       on_done=lambda rec: self.status.setText(self.tr("Reconciliation act saved: {path}").format(
                           path=str(path))), on_error=self._failed)

    def _monthly(self, path: Path | None = None, period: tuple[int, int] | None = None) -> None:
        today = datetime.now(self.ctx.timezone).date()
        if period is None:
            months, y, m = [], today.year, today.month
            for _ in range(13):
                months.append((f"{m:02d}.{y}", (y, m)))
                y, m = (y, m - 1) if m > 1 else (y - 1, 12)
            months.insert(0, months.pop(1))  # the month just ended first: the list is due by the 5th
            period = self._choose(self.tr("Monthly list for"), months)
            if period is None:
                return
        year, month = period
        path = path or self._ask_path(f"monthly-{year}-{month:02d}.pdf", "pdf")
        if path is None:
            return
        user, tz, lang = self.ctx.user, self.ctx.timezone, self._form_language()
        self.ctx.write(lambda s: forms.export_monthly(s, user, year, month, "pdf", path, lang=lang, tz=tz,
                                                      force=True),
                       on_done=lambda n: self.status.setText(self.tr("Monthly list saved: {path}").format(
                           path=str(path))), on_error=self._failed)

    # ------------------------------------------------------------ integrity
    def open_retention(self) -> Any:
        from widgets.journal_retention import RetentionDialog

        dialog = RetentionDialog(self.ctx, self)
        dialog.open()
        return dialog

    def verify(self) -> None:
        user = self.ctx.user

        def work(session: Any) -> list[Any]:
            access.require(user, access.Action.VERIFY)
            problems = verify_journals(session)
            audit.record(session, user, "journal_verify", "journal", "", problems=len(problems))
            return problems

        self.verify_button.setEnabled(False)
        self.integrity_label.setText(self.tr("Verifying the journals…"))
        self.integrity_label.show()
        self.ctx.write(work, on_done=self._verified, on_error=self._verify_failed)

    def _verified(self, problems: list[Any]) -> None:
        self.verify_button.setEnabled(True)
        if not problems:
            self.integrity_label.setStyleSheet("color: #1b5e20;")
            self.integrity_label.setText(self.tr("All journals are intact: every hash chain verifies."))
            return
        first = problems[0]
        self.integrity_label.setStyleSheet("color: #b00020; font-weight: bold;")
        self.integrity_label.setText(self.tr(
            "Integrity broken: {count} problem(s). First: {journal}, entry {row}: {message}"
        ).format(count=len(problems), journal=first.journal, row=first.row_id, message=first.message))

    def _verify_failed(self, error: BaseException) -> None:
        self.verify_button.setEnabled(True)
        self.integrity_label.setText(self.tr("Verification failed: {error}").format(error=str(error)))

    # ------------------------------------------------------------ language
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            for i, j in enumerate(self.journals):
                self.journal_box.setItemText(i, QCoreApplication.translate("JournalReview", JOURNAL_TITLES[j]))
            self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, max(0, self.model.columnCount() - 1))
        super().changeEvent(event)


__all__ = ["JournalReview"]
