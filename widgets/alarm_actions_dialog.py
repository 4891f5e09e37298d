"""Dialogs for what an operator does with an alarm: note/action, shelve, close.

Each dialog checks its own fields and shows the problem beside the field
(never a blocking message box); it only returns values, the panel performs
the action through the alarm manager. All are fully usable from the keyboard:
the first field has focus, Enter accepts, Escape cancels.
"""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QDateTime, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from arm.alarms.views import OPERATOR_ACTIONS, AlarmView
from widgets.alarm_text import RESOLUTIONS, action_text, kind_text, resolution_text

SHELVE_MINUTES = (15, 30, 60, 120, 240, 480)


def _error_label() -> QLabel:
    label = QLabel()
    label.setObjectName("fieldError")
    label.setStyleSheet("color: #c62828;")
    label.setWordWrap(True)
    label.hide()
    return label


class _AlarmDialog(QDialog):
    def __init__(self, alarm: AlarmView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.alarm = alarm
        self.form = QFormLayout()
        header = QLabel(f"<b>{kind_text(alarm.kind)}</b><br>{alarm.person_name} {alarm.device_serial}")
        header.setTextFormat(Qt.TextFormat.RichText)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(header)
        layout.addLayout(self.form)
        layout.addWidget(self.buttons)

    def _show_error(self, label: QLabel, text: str) -> None:
        label.setText(text)
        label.setVisible(bool(text))

    def validate(self) -> bool:
        return True

    def accept(self) -> None:
        if self.validate():
            super().accept()


class ActionDialog(_AlarmDialog):
    """Record an action taken (called the person, informed the officer, patrol sent) or a note."""

    def __init__(self, alarm: AlarmView, parent: QWidget | None = None, action: str = "note") -> None:
        super().__init__(alarm, parent)
        self.setWindowTitle(self.tr("Action on the alarm"))
        self.action = QComboBox()
        for code in OPERATOR_ACTIONS:
            self.action.addItem(action_text(code), code)
        self.action.setCurrentIndex(max(0, OPERATOR_ACTIONS.index(action) if action in OPERATOR_ACTIONS else 0))
        self.note = QLineEdit()
        self.note.setPlaceholderText(self.tr("What was done or found"))
        self.note_error = _error_label()
        self.form.addRow(self.tr("&Action:"), self.action)
        self.form.addRow(self.tr("&Note:"), self.note)
        self.form.addRow("", self.note_error)
        self.note.setFocus()

    def values(self) -> tuple[str, str]:
        return str(self.action.currentData()), self.note.text().strip()

    def validate(self) -> bool:
        action, note = self.values()
        missing = action == "note" and not note
        self._show_error(self.note_error, self.tr("Write the note first.") if missing else "")
        return not missing


class ShelveDialog(_AlarmDialog):
    """Shelve for a limited time, with a reason."""

    def __init__(self, alarm: AlarmView, parent: QWidget | None = None, max_minutes: int = 480) -> None:
        super().__init__(alarm, parent)
        self.setWindowTitle(self.tr("Shelve the alarm"))
        self.duration = QComboBox()
        for minutes in SHELVE_MINUTES:
            if minutes <= max_minutes:
                label = self.tr("{count} min").format(count=minutes) if minutes < 60 else \
                    self.tr("{count} h").format(count=minutes // 60)
                self.duration.addItem(label, minutes)
        self.duration.setCurrentIndex(min(1, self.duration.count() - 1))
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("Why the alarm may wait"))
        self.reason_error = _error_label()
        self.form.addRow(self.tr("&For:"), self.duration)
        self.form.addRow(self.tr("&Reason:"), self.reason)
        self.form.addRow("", self.reason_error)
        self.reason.setFocus()

    def values(self) -> tuple[int, str]:
        return int(self.duration.currentData()), self.reason.text().strip()

    def validate(self) -> bool:
        _, reason = self.values()
        self._show_error(self.reason_error, "" if reason else self.tr("Give a reason."))
        return bool(reason)


class CloseDialog(_AlarmDialog):
    """Close with a resolution; a confirmed violation also fills the journal's report columns."""

    def __init__(self, alarm: AlarmView, parent: QWidget | None = None, *, note_required: bool = False,
                 has_note: bool = False, default_report_to: str = "") -> None:
        super().__init__(alarm, parent)
        self.setWindowTitle(self.tr("Close the alarm"))
        self.note_required = note_required and not has_note
        self.resolution = QComboBox()
        for code in RESOLUTIONS:
            self.resolution.addItem(resolution_text(code), code)
        self.note = QPlainTextEdit()
        self.note.setTabChangesFocus(True)
        self.note.setFixedHeight(70)
        self.note_error = _error_label()
        self.reported_to = QLineEdit(default_report_to)
        self.reported_at = QDateTimeEdit(QDateTime.currentDateTime())
        self.reported_at.setCalendarPopup(True)
        self.measures = QLineEdit()
        self.report_error = _error_label()
        self.form.addRow(self.tr("&Resolution:"), self.resolution)
        self.form.addRow(self.tr("N&ote:") if not self.note_required else self.tr("N&ote (required):"), self.note)
        self.form.addRow("", self.note_error)
        self.form.addRow(self.tr("&Measures taken:"), self.measures)
        self.form.addRow(self.tr("Reported &to:"), self.reported_to)
        self.form.addRow(self.tr("Reported &at:"), self.reported_at)
        self.form.addRow("", self.report_error)
        self.resolution.currentIndexChanged.connect(self._update_report_fields)
        self._update_report_fields()
        self.resolution.setFocus()

    def _update_report_fields(self) -> None:
        confirmed = self.resolution.currentData() == "confirmed_violation"
        for w in (self.reported_to, self.reported_at, self.measures):
            w.setEnabled(confirmed)

    def values(self) -> dict[str, object]:
        reported = self.reported_at.dateTime().toPython()
        if isinstance(reported, datetime) and reported.tzinfo is None:
            reported = reported.astimezone(UTC)  # local wall clock of this machine -> UTC
        return {
            "resolution": str(self.resolution.currentData()),
            "note": self.note.toPlainText().strip(),
            "measures": self.measures.text().strip(),
            "reported_to": self.reported_to.text().strip(),
            "reported_at": reported,
        }

    def validate(self) -> bool:
        v = self.values()
        note_missing = self.note_required and not v["note"]
        self._show_error(self.note_error, self.tr("A tamper alarm cannot be closed without a note.")
                         if note_missing else "")
        report_missing = v["resolution"] == "confirmed_violation" and not v["reported_to"]
        self._show_error(self.report_error, self.tr("Name whom the violation was reported to.")
                         if report_missing else "")
        return not note_missing and not report_missing
