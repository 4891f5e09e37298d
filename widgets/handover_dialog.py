"""The shift handover report: what the next shift must know before the first call.

Open incidents, shelved alarms (and until when, and why), persons under
supervision that nobody can see right now, and the unacknowledged count. The
report is built on the alarm worker (and audited there); this dialog renders
it in the operator's language and can copy or save it as text.
"""

from __future__ import annotations

from concurrent.futures import Future
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
from arm.alarms.views import HandoverReport
from arm.safe_write import write_atomic
from widgets.alarm_text import error_text, incident_text, kind_text, view_explanation


class HandoverDialog(QDialog):
    loaded = Signal(object)
    _done = Signal(object)

    def __init__(self, ctx: Any, manager: AlarmOperations, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.report: HandoverReport | None = None
        self.setWindowTitle(self.tr("Shift handover"))
        self.resize(720, 560)
        self.browser = QTextBrowser()
        self.browser.setObjectName("handoverText")
        self.browser.setHtml(f"<p><i>{escape(self.tr('Preparing the report…'))}</i></p>")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = QPushButton(self.tr("&Copy"))
        self.save_button = QPushButton(self.tr("&Save as text…"))
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.copy_button.clicked.connect(self.copy)
        self.save_button.clicked.connect(self.save)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
        self._done.connect(self._on_done, Qt.ConnectionType.QueuedConnection)
        manager.handover(ctx.user).add_done_callback(self._done.emit)

    @Slot(object)
    def _on_done(self, future: Future[HandoverReport]) -> None:
        error = future.exception()
        if error is not None:
            self.browser.setHtml(f"<p style='color:#c62828'>{escape(error_text(getattr(error, 'code', ''), str(error)))}</p>")
            return
        self.report = future.result()
        self.browser.setHtml(self.report_html(self.report))
        self.loaded.emit(self.report)

    def report_html(self, r: HandoverReport) -> str:
        t = self.ctx.format_time
        h = [f"<h2>{escape(self.tr('Shift handover'))}</h2>",
             f"<p>{escape(self.tr('Prepared {time} by {user}').format(time=t(r.made_at), user=r.made_by))}<br>"
             f"<b>{escape(self.tr('Unacknowledged alarms: {n}').format(n=len(r.unacknowledged)))}</b></p>"]
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
        h.append(_list([f"{p.person_name} ({p.district}): {reasons.get(p.reason, p.reason)} — "
                        + self.tr("since {time}").format(time=t(p.since)) for p in r.not_monitored], self.tr("None")))
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


def _list(items: list[str], empty: str) -> str:
    if not items:
        return f"<p><i>{escape(empty)}</i></p>"
    return "<ul>" + "".join(f"<li>{escape(i)}</li>" for i in items) + "</ul>"


def _with_why(kind: str, why: str) -> str:
    """Why the alarm was raised (it names the kind, the zone or device, the local time); the kind when unknown."""
    return why or kind
