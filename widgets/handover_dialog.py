"""The shift handover report: what the next shift must know before the first call.

What happened in the shift (every alarm raised, acknowledged or closed since
the operator logged in, with its resolution, and every action taken, with the
names of who did it: ``arm.alarms.shift``), then what is still open: open
incidents, shelved alarms (and until when, and why), persons under
supervision that nobody can see right now, and the unacknowledged count. The
open part is built on the alarm worker, the shift part on the desk's database
worker (both audited); this dialog renders them in the operator's language and
can copy, save as text, save as PDF or print them, for the supervisor to sign.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future
from datetime import UTC, datetime
from html import escape
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from arm.alarms.api import AlarmOperations
from arm.alarms.shift import ShiftSummary, shift_start, shift_summary
from arm.alarms.views import HandoverReport
from arm.caseload import reference
from arm.safe_write import write_atomic
from widgets.alarm_text import (
    action_note_text,
    action_text,
    error_text,
    incident_text,
    kind_text,
    priority_text,
    resolution_text,
    state_text,
    view_explanation,
)
from widgets.fit import FitTitle
from widgets.i18n import current_language


class HandoverDialog(FitTitle, QDialog):
    loaded = Signal(object)
    _done = Signal(object)

    def __init__(self, ctx: Any, manager: AlarmOperations, parent: QWidget | None = None,
                 clock: Callable[[], datetime] | None = None) -> None:
        """``clock``: the end of the shift (now; a scenario's time in tests)."""
        super().__init__(parent)
        self.ctx = ctx
        self.report: HandoverReport | None = None
        self._report: HandoverReport | None = None
        self.shift: ShiftSummary | None = None
        self._shift_error = ""
        self._report_error = ""
        self._pending = 2
        self.setWindowTitle(self.tr("Shift handover"))
        self.resize(960, 660)
        self.browser = QTextBrowser()
        self.browser.setObjectName("handoverText")
        self.browser.setHtml(f"<p><i>{escape(self.tr('Preparing the report…'))}</i></p>")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = QPushButton(self.tr("&Copy"))
        self.save_button = QPushButton(self.tr("&Save as text…"))
        self.pdf_button = QPushButton(self.tr("Save as &PDF…"))
        self.print_button = QPushButton(self.tr("&Print…"))
        for button in (self.copy_button, self.save_button, self.pdf_button, self.print_button):
            buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
            button.setEnabled(False)
        buttons.rejected.connect(self.reject)
        self.copy_button.clicked.connect(self.copy)
        self.save_button.clicked.connect(self.save)
        self.pdf_button.clicked.connect(self.save_pdf)
        self.print_button.clicked.connect(self.print_report)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
        self._done.connect(self._on_done, Qt.ConnectionType.QueuedConnection)
        manager.handover(ctx.user).add_done_callback(self._done.emit)
        user, login = ctx.user, ctx.login
        now_of = clock or (lambda: datetime.now(UTC))

        def read_shift(s: Any) -> ShiftSummary:
            now = now_of()
            return shift_summary(s, user, shift_start(s, login, now), now)

        ctx.write(read_shift, on_done=self._on_shift, on_error=self._on_shift_error)

    @Slot(object)
    def _on_done(self, future: Future[HandoverReport]) -> None:
        error = future.exception()
        if error is not None:
            self._report_error = error_text(getattr(error, "code", ""), str(error))
        else:
            self._report = future.result()
        self._arrived()

    def _on_shift(self, summary: ShiftSummary) -> None:
        self.shift = summary
        self._arrived()

    def _on_shift_error(self, error: BaseException) -> None:
        self._shift_error = error_text(getattr(error, "code", ""), str(error))
        self._arrived()

    def _arrived(self) -> None:
        self._pending -= 1
        if self._pending > 0:
            return
        if self._report is None:
            self.browser.setHtml(f"<p style='color:#c62828'>{escape(self._report_error)}</p>")
            return
        self.browser.setHtml(self.report_html(self._report, self.shift))
        self.report = self._report  # set once shown: tests and callers wait on it
        for button in (self.copy_button, self.save_button, self.pdf_button, self.print_button):
            button.setEnabled(True)
        self.loaded.emit(self.report)

    def _name(self) -> str:
        return str(getattr(self.ctx.user, "full_name", "") or self.ctx.login)

    def report_html(self, r: HandoverReport, shift: ShiftSummary | None = None) -> str:
        t = self.ctx.format_time
        who = shift.reader if shift is not None and shift.reader else (
            self._name() if r.made_by == self.ctx.login else r.made_by)
        h = [f"<h2>{escape(self.tr('Shift handover'))}</h2>",
             f"<p>{escape(self.tr('Prepared {time} by {user}').format(time=t(r.made_at), user=who))}<br>"
             f"<b>{escape(self.tr('Unacknowledged alarms: {n}').format(n=len(r.unacknowledged)))}</b></p>"]
        h.append(self._shift_html(shift))
        h.append(f"<h3>{escape(self.tr('Open incidents ({n})').format(n=len(r.incidents)))}</h3>")
        h.append(_list([f"{i.person_name}: {incident_text(i.cause, i.explanation) or kind_text(i.cause.split(':')[0])} — "
                        + self.tr("since {time}, alarms: {n}").format(time=t(i.opened_at), n=len(i.alarm_ids))
                        for i in r.incidents], self.tr("None")))
        h.append(f"<h3>{escape(self.tr('Shelved alarms ({n})').format(n=len(r.shelved)))}</h3>")
        tz = getattr(self.ctx, "timezone", None)
        h.append(_list([f"{a.person_name}: {_with_why(kind_text(a.kind), view_explanation(a, tz, r.made_at))} — "
                        + self.tr("until {time}, reason: {reason}").format(time=t(a.shelved_until),
                                                                          reason=a.shelve_reason or "")
                        for a in r.shelved], self.tr("None")))
        h.append(f"<h3>{escape(self.tr('Persons not monitored ({n})').format(n=len(r.not_monitored)))}</h3>")
        reasons = {"no_device": self.tr("no working device issued"),
                   "never_reported": self.tr("the device never reported")}
        lang = current_language()  # districts are reference codes: named in the reader's language
        h.append(_list([f"{p.person_name} ({reference.name(p.district, lang)}): {reasons.get(p.reason, p.reason)} — "
                        + self.tr("since {time}").format(time=t(p.since)) for p in r.not_monitored], self.tr("None")))
        h.append("<p><br>" + escape(self.tr("Handed over: ____________________   Taken over: ____________________"))
                 + "</p>")
        return "".join(h)

    def _shift_html(self, shift: ShiftSummary | None) -> str:
        """Everything of the shift, open or not: the alarms and the actions, with names."""
        if shift is None:
            return f"<p style='color:#c62828'>{escape(self._shift_error)}</p>" if self._shift_error else ""
        t = self.ctx.format_time
        h = [f"<h3>{escape(self.tr('During the shift ({start} – {end})').format(start=t(shift.since, seconds=False), end=t(shift.until, seconds=False)))}</h3>",
             "<p>" + escape(self.tr("Alarms: {n}, of them closed: {closed}, actions taken: {actions}").format(
                 n=len(shift.alarms), closed=len(shift.closed()), actions=len(shift.actions))) + "</p>"]
        if shift.alarms:
            head = [self.tr("Raised"), self.tr("Alarm"), self.tr("Person"), self.tr("Acknowledged"), self.tr("Outcome")]
            rows = []
            for a in shift.alarms:
                ack = f"{t(a.acknowledged_at, seconds=False)}, {a.acknowledged_by}" if a.acknowledged_at else "—"
                if a.closed_at is not None:
                    outcome = self.tr("closed {time} by {name}: {resolution}").format(
                        time=t(a.closed_at, seconds=False), name=a.closed_by, resolution=resolution_text(a.resolution))
                else:
                    outcome = state_text(a.state)
                rows.append([t(a.raised_at, seconds=False), f"{priority_text(a.priority)}: {kind_text(a.kind)}",
                             a.person_name, ack, outcome])
            h.append(_table(head, rows))
        if shift.actions:
            h.append(f"<h4>{escape(self.tr('Actions taken'))}</h4>")
            system = self.tr("the system")
            h.append(_table([self.tr("Time"), self.tr("Who"), self.tr("Action"), self.tr("Note")],
                            [[t(x.at, seconds=False), system if x.user == "system" else x.user, action_text(x.action),
                              action_note_text(x.user, x.action, x.note)] for x in shift.actions]))
        return "".join(h)

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.browser.toPlainText())

    def save(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save the handover report"), "handover.txt",
                                              self.tr("Text (*.txt)"))
        if path:
            text = self.browser.toPlainText()
            # the dialog asked before replacing a file; written whole or not at all, never through a link
            write_atomic(Path(path), lambda tmp: tmp.write_text(text, encoding="utf-8"), force=True)

    def save_pdf(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save the handover report as PDF"), "handover.pdf",
                                              self.tr("PDF (*.pdf)"))
        if path:
            self.write_pdf(Path(path))

    def write_pdf(self, path: Path) -> Path:
        """The report as an A4 PDF (written to a temporary file, then moved into place)."""
        from PySide6.QtGui import QPageSize
        from PySide6.QtPrintSupport import QPrinter

        def write(tmp: Path) -> None:
            printer = QPrinter(QPrinter.PrinterMode.HighResolution)
            printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
            printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
            printer.setOutputFileName(str(tmp))
            printer.setDocName(self.windowTitle())
            self.browser.document().print_(printer)

        write_atomic(path, write, force=True)
        return path

    def print_report(self) -> None:
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.browser.document().print_(printer))
        dialog.open()


def _table(head: list[str], rows: list[list[str]]) -> str:
    cells = "".join(f"<th align='left'>{escape(c)}</th>" for c in head)
    body = "".join("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in row) + "</tr>" for row in rows)
    return f"<table border='1' cellspacing='0' cellpadding='3' width='100%'><tr>{cells}</tr>{body}</table>"


def _list(items: list[str], empty: str) -> str:
    if not items:
        return f"<p><i>{escape(empty)}</i></p>"
    return "<ul>" + "".join(f"<li>{escape(i)}</li>" for i in items) + "</ul>"


def _with_why(kind: str, why: str) -> str:
    """Why the alarm was raised (it names the kind, the zone or device, the local time); the kind when unknown."""
    return why or kind
