"""Import a caseload file or the registry's table: preview first, then all or nothing.

A caseload file is the exchange format (``arm.caseload.exchange``); the
probation registry's table (CSV in UTF-8 or cp1251, or XLSX) is turned into
the same document by ``arm.caseload.tabular`` and its problems are named by
row and column heading (``row 7, Район: ...``).

**Check** reads the file and runs the exchange's own checks without writing:
either every problem, each with its JSON path, or what the import would
bring (persons, zones, devices). **Import** is offered only after a clean
check and writes everything in one transaction (``caseload.import`` in the
audit journal); a refusal at that moment (rights, a change made meanwhile)
writes nothing and lists its problems the same way. Reading and checking run
on the database worker; the progress bar runs meanwhile.
"""

from __future__ import annotations

import json
import logging
import re
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from arm.caseload import exchange, tabular
from widgets.caseload_errors import failure_text
from widgets.context import AppContext
from widgets.fit import FitTitle

log = logging.getLogger("arm.gui.caseload_import")


class UnreadableFile(ValueError):
    """The file is not there, not UTF-8 or not JSON; the message says where."""


def read_document(path: str) -> Any:
    """The file's JSON (UTF-8, a BOM allowed), or :class:`UnreadableFile` naming the line and column."""
    try:
        text = Path(path).read_bytes().decode("utf-8-sig")
    except OSError as exc:
        raise UnreadableFile(f"{path}: {exc.strerror or exc}") from exc
    except UnicodeDecodeError as exc:
        raise UnreadableFile(f"{path}: not UTF-8 (byte {exc.start})") from exc
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise UnreadableFile(f"{path}: line {exc.lineno}, column {exc.colno}: {exc.msg}") from exc


#: The exchange's most frequent English problem messages (``arm.caseload.exchange``), as patterns to translate.
_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^bad time (?P<v>.+), expected HH:MM$"),
     QT_TRANSLATE_NOOP("CaseloadImport", "the time {v} is not HH:MM (00:00 to 24:00)")),
    (re.compile(r"^bad date (?P<v>.+), expected YYYY-MM-DD$"),
     QT_TRANSLATE_NOOP("CaseloadImport", "the date {v} is not YYYY-MM-DD")),
    (re.compile(r"^(?P<v>.*)expected YYYY-MM-DD$"), QT_TRANSLATE_NOOP("CaseloadImport", "a date YYYY-MM-DD is expected")),
    (re.compile(r"^(?P<v>.*)expected ISO 8601 with its zone$"),
     QT_TRANSLATE_NOOP("CaseloadImport", "a time with its zone is expected (2026-12-07T09:00:00+05:00)")),
    (re.compile(r"^required$"), QT_TRANSLATE_NOOP("CaseloadImport", "required")),
    (re.compile(r"^required for this kind$"), QT_TRANSLATE_NOOP("CaseloadImport", "required for this kind")),
    (re.compile(r"^unknown key$"), QT_TRANSLATE_NOOP("CaseloadImport", "unknown key")),
    (re.compile(r"^must be a string$"), QT_TRANSLATE_NOOP("CaseloadImport", "must be text")),
    (re.compile(r"^must be a number$"), QT_TRANSLATE_NOOP("CaseloadImport", "must be a number")),
    (re.compile(r"^must be a list$"), QT_TRANSLATE_NOOP("CaseloadImport", "must be a list")),
    (re.compile(r"^must be an object$"), QT_TRANSLATE_NOOP("CaseloadImport", "must be an object")),
    (re.compile(r"^must not be empty$"), QT_TRANSLATE_NOOP("CaseloadImport", "must not be empty")),
    (re.compile(r"^must be a string of 12 digits$"), QT_TRANSLATE_NOOP("CaseloadImport", "must be 12 digits")),
    (re.compile(r"^unknown category (?P<v>.+)$"), QT_TRANSLATE_NOOP("CaseloadImport", "unknown category {v}")),
    (re.compile(r"^(?P<v>.+) appears twice.*$"), QT_TRANSLATE_NOOP("CaseloadImport", "{v} appears twice")),
    (re.compile(r"^before the start$"), QT_TRANSLATE_NOOP("CaseloadImport", "before the start")),
    (re.compile(r"^not after valid_from$"), QT_TRANSLATE_NOOP("CaseloadImport", "not after the start")),
    (re.compile(r"^a travel permission needs its end$"),
     QT_TRANSLATE_NOOP("CaseloadImport", "a travel permission needs its end")),
)


def problem_text(message: str) -> str:
    """A problem's message in the reader's language where it is a known one; the core's English otherwise."""
    translated = QCoreApplication.translate("Validation", message)  # the person checks' catalogue
    if translated != message:
        return translated
    for pattern, text in _PATTERNS:
        found = pattern.match(message)
        if found:
            return QCoreApplication.translate("CaseloadImport", text).format(v=found.groupdict().get("v", ""))
    return message


TABLE_SUFFIXES = (".csv", ".txt", ".xlsx", ".xlsm")


def _is_table(path: str) -> bool:
    return Path(path).suffix.lower() in TABLE_SUFFIXES


def _table_document(path: str) -> tuple[Any, dict[str, str], list[int]]:
    """The registry's table (``arm.caseload.tabular``) as an exchange document, with its headings and row numbers."""
    return tabular.to_document(tabular.read_table(Path(path)))


def _checked(session: Any, path: str, write: Any = None) -> Any:
    """Check (or, with ``write``, import) a JSON document or a table; a table's problems name its rows."""
    if not _is_table(path):
        doc = read_document(path)
        return write(doc) if write is not None else exchange.check(session, doc)
    doc, header_of, rows = _table_document(path)
    try:
        return write(doc) if write is not None else exchange.check(session, doc)
    except exchange.ExchangeInvalid as exc:
        raise tabular.TableInvalid(tabular.row_problems(exc.problems, header_of, rows)) from exc


def preview(session: Any, path: str) -> dict[str, int]:
    """Read and check the file (writes nothing): how many persons, zones, devices it brings."""
    checked = _checked(session, path)
    return {"persons": len(checked.persons), "zones": len(checked.zones), "devices": len(checked.devices)}


def import_file(session: Any, actor: Any, path: str) -> exchange.ImportSummary:
    """All or nothing, in the caller's transaction."""
    return _checked(session, path, lambda doc: exchange.import_document(session, actor, doc))  # type: ignore[no-any-return]


_ROW = re.compile(r"^row (?P<n>\d+)(?:, (?P<heading>.*))?$")


def where_text(where: str) -> str:
    """``row 7, Район`` in the reader's language; a JSON path as it is."""
    found = _ROW.match(where)
    if not found:
        return where
    row = QCoreApplication.translate("CaseloadImport", "row {n}").format(n=found.group("n"))
    return f"{row}, {found.group('heading')}" if found.group("heading") else row


class CaseloadImportDialog(FitTitle, QDialog):
    """Choose a file, check it, then import it; ``imported(summary)`` after the commit."""

    imported = Signal(object)  # arm.caseload.exchange.ImportSummary

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, path: str = "") -> None:
        super().__init__(parent)
        self.setObjectName("CaseloadImportDialog")
        self.ctx = ctx
        self.checked_path = ""
        self.path = QLineEdit(path, self)
        self.path.setObjectName("path")
        self.path.textChanged.connect(self._path_changed)
        self.browse = QPushButton(self)
        self.browse.clicked.connect(self.choose_file)
        self.check_button = QPushButton(self)
        self.check_button.setObjectName("check")
        self.check_button.clicked.connect(self.check)
        self.summary = QLabel(self)
        self.summary.setObjectName("summary")
        self.summary.setWordWrap(True)
        self.problems = QTableWidget(0, 2, self)
        self.problems.setObjectName("problems")
        self.problems.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.problems.verticalHeader().hide()
        self.problems.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.problems.horizontalHeader().setStretchLastSection(True)
        self.progress = QProgressBar(self)
        self.progress.setObjectName("progress")
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Close,
                                        self)
        self.import_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.import_button.setObjectName("import")
        self.import_button.setEnabled(False)
        self.buttons.accepted.connect(self.run_import)
        self.buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(self.browse)
        row.addWidget(self.check_button)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.summary)
        layout.addWidget(self.problems, 1)
        layout.addWidget(self.progress)
        layout.addWidget(self.buttons)
        self.resize(820, 520)
        self.retranslateUi()

    def retranslateUi(self) -> None:
        self.setWindowTitle(self.tr("Import a caseload file"))
        self.path.setPlaceholderText(self.tr("caseload file (.json) or the registry's table (.csv, .xlsx)"))
        self.browse.setText(self.tr("Choose…"))
        self.check_button.setText(self.tr("Check"))
        self.import_button.setText(self.tr("Import"))
        self.problems.setHorizontalHeaderLabels([self.tr("Where"), self.tr("Problem")])
        if not self.summary.text():
            self.summary.setText(self.tr("Choose the file and press Check: nothing is written before Import."))

    def choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Caseload file"), "",
            self.tr("Caseload or registry table (*.json *.csv *.xlsx);;Caseload (*.json);;Registry table (*.csv *.xlsx)"))
        if path:
            self.path.setText(path)

    def _path_changed(self) -> None:
        self.import_button.setEnabled(False)  # a new file is checked before it is imported
        self.checked_path = ""

    def _busy(self, busy: bool) -> None:
        self.progress.setRange(0, 0 if busy else 1)  # runs while the worker reads, checks or writes
        self.progress.setValue(0 if busy else 1)
        self.check_button.setEnabled(not busy)
        self.browse.setEnabled(not busy)

    def _show_problems(self, problems: list[str]) -> None:
        self.problems.setRowCount(len(problems))
        for i, text in enumerate(problems):
            where, _, what = text.partition(": ")
            if not what:
                where, what = "", text
            what, where = problem_text(what), where_text(where)
            for c, value in enumerate((where, what)):
                item = QTableWidgetItem(value)
                item.setToolTip(text)
                self.problems.setItem(i, c, item)
        self.problems.resizeRowsToContents()

    def check(self) -> None:
        path = self.path.text().strip()
        self._show_problems([])
        if not path:
            self.summary.setText(self.tr("Choose the file first."))
            return
        self._busy(True)
        self.summary.setText(self.tr("Checking…"))
        self.ctx.read(lambda s: preview(s, path), on_done=lambda counts: self._checked(path, counts),
                      on_error=self._refused)

    def _checked(self, path: str, counts: dict[str, int]) -> None:
        self._busy(False)
        self.progress.setValue(0)
        self.checked_path = path
        self.summary.setText(self.tr(
            "No problems. The file brings {persons} persons, {zones} zones and {devices} devices; "
            "press Import to write them (all or nothing)."
        ).format(**counts))
        self.import_button.setEnabled(True)

    def _refused(self, error: BaseException) -> None:
        self._busy(False)
        self.progress.setValue(0)
        self.import_button.setEnabled(False)
        if isinstance(error, (exchange.ExchangeInvalid, tabular.TableInvalid)):
            self._show_problems(list(error.problems))
            self.summary.setText(self.tr("{n} problems: nothing was written. Correct the file and check again.")
                                 .format(n=len(error.problems)))
            return
        self.summary.setText(self.tr("The file cannot be read: {error}").format(error=failure_text(error)))

    def run_import(self) -> None:
        path = self.checked_path
        if not path:
            return
        user = self.ctx.user
        self.import_button.setEnabled(False)
        self._busy(True)
        self.summary.setText(self.tr("Importing…"))
        self.ctx.write(lambda s: import_file(s, user, path), on_done=self._imported, on_error=self._refused)

    def _imported(self, summary: exchange.ImportSummary) -> None:
        self._busy(False)
        self.result_value = summary
        if summary.unchanged:
            self.summary.setText(self.tr("Imported: nothing changed (the file was imported before)."))
        else:
            self.summary.setText(self.tr(
                "Imported: {created} persons registered, {updated} updated, {restrictions} restrictions, "
                "{zones} zones, {issued} devices issued."
            ).format(created=summary.persons_created, updated=summary.persons_updated,
                     restrictions=summary.restrictions_written, zones=summary.zones_created + summary.zones_updated,
                     issued=summary.devices_issued))
        self.imported.emit(summary)
