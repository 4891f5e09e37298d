"""Dialogs for what an operator does with an alarm: note/action, shelve, close.

Each dialog checks its own fields and shows the problem beside the field
(never a blocking message box); it only returns values, the panel performs
the action through the alarm manager. All are fully usable from the keyboard:
the first field has focus, Enter accepts, Escape cancels.
"""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate, QDateTime, Qt, QTime
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from arm import messages
from arm.alarms import closing
from arm.alarms.views import OPERATOR_ACTIONS, AlarmView
from arm.messages import REPORT_TO_CODES
from db.models import Resolution
from widgets.alarm_text import action_text, error_text, kind_text, resolution_text, stored_text
from widgets.context import DEFAULT_TIMEZONE
from widgets.fit import FitTitle

SHELVE_MINUTES = (15, 30, 60, 120, 240, 480)


def _error_label() -> QLabel:
    label = QLabel()
    label.setObjectName("fieldError")
    label.setStyleSheet("color: #c62828;")
    label.setWordWrap(True)
    label.hide()
    return label


class _AlarmDialog(FitTitle, QDialog):
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
    """Close with a resolution chosen by the operator (none is preselected).

    The resolutions and the required fields depend on the alarm kind
    (``arm.alarms.closing``, the rule the core enforces too): a technical alarm
    such as low battery is a confirmed violation only with a reason; a
    confirmed violation names whom it was reported to, chosen from the list
    (stored as a code) or typed (stored verbatim), and when, in the desk's
    time zone (stored UTC). Enter with nothing chosen writes nothing.
    """

    def __init__(self, alarm: AlarmView, parent: QWidget | None = None, *, note_required: bool = False,
                 has_note: bool = False, default_report_to: str = "", tz: ZoneInfo | None = None) -> None:
        super().__init__(alarm, parent)
        self.setWindowTitle(self.tr("Close the alarm"))
        self.tz = tz or _desk_zone(parent)
        self.has_note = has_note
        self.note_kinds = frozenset({alarm.kind}) if note_required else frozenset()
        self.resolution = QComboBox()
        for code in closing.choices(alarm.kind):
            self.resolution.addItem(resolution_text(code), str(code))
        self.resolution.setPlaceholderText(self.tr("Choose the resolution"))
        self.resolution.setCurrentIndex(-1)
        self.resolution_error = _error_label()
        self.note = QPlainTextEdit()
        self.note.setTabChangesFocus(True)
        self.note.setMinimumHeight(60)
        self.note_error = _error_label()
        self.measures = QLineEdit()
        self.reported_to = QComboBox()
        self.reported_to.setEditable(True)
        self.reported_to.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        for code in REPORT_TO_CODES:
            self.reported_to.addItem(stored_text(messages.coded(f"report_to.{code}")), code)
        self.reported_to.setCurrentIndex(self.reported_to.findData(default_report_to))
        if self.reported_to.currentIndex() < 0:
            self.reported_to.setEditText("")
        self.reported_to.lineEdit().setPlaceholderText(self.tr("Choose from the list or type"))
        self.reported_at = QDateTimeEdit(_wall_clock(datetime.now(self.tz)))
        self.reported_at.setDisplayFormat("dd.MM.yyyy HH:mm")
        self.reported_at.setCalendarPopup(True)
        self.report_error = _error_label()
        self.note_label = QLabel()
        self.reported_to_label = QLabel(self.tr("Reported &to:"))
        self.reported_to_label.setBuddy(self.reported_to)
        self.reported_at_label = QLabel(self.tr("Reported &at ({zone}):").format(zone=self.tz.key))
        self.reported_at_label.setBuddy(self.reported_at)
        self.form.addRow(self.tr("&Resolution:"), self.resolution)
        self.form.addRow("", self.resolution_error)
        self.form.addRow(self.note_label, self.note)
        self.form.addRow("", self.note_error)
        self.form.addRow(self.tr("&Measures taken:"), self.measures)
        self.form.addRow(self.reported_to_label, self.reported_to)
        self.form.addRow(self.reported_at_label, self.reported_at)
        self.form.addRow("", self.report_error)
        self.layout().setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)  # an error line grows the dialog
        self.resolution.currentIndexChanged.connect(self._update_fields)
        self._update_fields()
        self.resolution.setFocus()

    # ------------------------------------------------------------ state
    def chosen(self) -> str:
        return str(self.resolution.currentData() or "")

    def required(self) -> frozenset[str]:
        return closing.required(self.alarm.kind, self.chosen() or None, self.note_kinds, self.has_note)

    def _update_fields(self) -> None:
        required = self.required()
        confirmed = self.chosen() == Resolution.CONFIRMED
        for w in (self.reported_to, self.reported_at, self.measures):
            w.setEnabled(confirmed)
        if closing.NOTE in required and confirmed and closing.is_technical(self.alarm.kind):
            self.note_label.setText(self.tr("R&eason (required):"))
        elif closing.NOTE in required:
            self.note_label.setText(self.tr("N&ote (required):"))
        else:
            self.note_label.setText(self.tr("N&ote:"))
        self.note_label.setBuddy(self.note)
        self.reported_to_label.setText(self.tr("Reported &to (required):") if confirmed else self.tr("Reported &to:"))

    def reported_to_value(self) -> str:
        """The stored "reported to": the code of a list item, or exactly what was typed."""
        typed = self.reported_to.currentText().strip()
        index = self.reported_to.findText(typed, Qt.MatchFlag.MatchFixedString)
        if typed and index >= 0:
            return messages.coded(f"report_to.{self.reported_to.itemData(index)}")
        return typed

    def values(self) -> dict[str, object]:
        wall = self.reported_at.dateTime().toPython()
        reported = wall.replace(tzinfo=self.tz).astimezone(UTC) if isinstance(wall, datetime) else None
        return {
            "resolution": self.chosen(),
            "note": self.note.toPlainText().strip(),
            "measures": self.measures.text().strip(),
            "reported_to": self.reported_to_value(),
            "reported_at": reported,
        }

    # ------------------------------------------------------------ checking
    def validate(self) -> bool:
        v = self.values()
        if not v["resolution"]:
            self._show_error(self.resolution_error, self.tr("Choose the resolution first."))
            self.resolution.setFocus()
            return False
        self._show_error(self.resolution_error, "")
        try:
            closing.check(self.alarm.kind, str(v["resolution"]), str(v["note"]), str(v["reported_to"]),
                          self.note_kinds, self.has_note)
        except closing.CloseRefused as refused:
            on_note = refused.code in ("note_required", "reason_required_for_violation")
            self._show_error(self.note_error, error_text(refused.code, str(refused)) if on_note else "")
            self._show_error(self.report_error, "" if on_note else error_text(refused.code, str(refused)))
            (self.note if on_note else self.reported_to).setFocus()
            return False
        self._show_error(self.note_error, "")
        self._show_error(self.report_error, "")
        return True


def _desk_zone(parent: QWidget | None) -> ZoneInfo:
    """The desk's time zone from the parent panel's context (Asia/Almaty by default)."""
    ctx = getattr(parent, "ctx", None)
    zone = getattr(ctx, "timezone", None)
    return zone if isinstance(zone, ZoneInfo) else ZoneInfo(DEFAULT_TIMEZONE)


def _wall_clock(when: datetime) -> QDateTime:
    """A QDateTime showing ``when``'s own wall clock, whatever this machine's zone."""
    return QDateTime(QDate(when.year, when.month, when.day), QTime(when.hour, when.minute))
