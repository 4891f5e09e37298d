"""The dialog that corrects a violation journal entry by appending a new one.

The original entry is shown read-only; the corrected fields and the reason go
into a new entry (``arm.reports.corrections``). A bad field is reported
beside the field and nothing is written.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from arm.reports.corrections import Correction, CorrectionError, correct_entry
from widgets.alarm_text import stored_text
from widgets.fit import FitTitle


class CorrectionDialog(FitTitle, QDialog):
    def __init__(self, ctx: Any, entry: dict[str, Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.entry = entry
        self.result_entry: Any = None
        self.setWindowTitle(self.tr("Correct entry {id}").format(id=entry["id"]))
        self.resize(560, 420)
        # the fields show words (stored codes rendered in the screen's language); an untouched
        # field keeps its stored code, an edited one is stored as typed
        self.violation = QLineEdit(self._shown("violation"), self)
        self.detected_by = QLineEdit(self._shown("detected_by"), self)
        self.measures = QPlainTextEdit(self._shown("measures"), self)
        self.reported_to = QLineEdit(self._shown("reported_to"), self)
        self.reason = QLineEdit(self, placeholderText=self.tr("Why the entry is corrected"))
        self.errors: dict[str, QLabel] = {}
        form = QFormLayout()
        for name, label, widget in (
            ("violation", self.tr("Violation"), self.violation),
            ("detected_by", self.tr("Detected by"), self.detected_by),
            ("measures", self.tr("Measures taken"), self.measures),
            ("reported_to", self.tr("Reported to"), self.reported_to),
            ("reason", self.tr("Reason for the correction"), self.reason),
        ):
            form.addRow(label, widget)
            error = QLabel(self)
            error.setStyleSheet("color: #b00020;")
            error.hide()
            form.addRow("", error)
            self.errors[name] = error
        self.general_error = QLabel(self)
        self.general_error.setStyleSheet("color: #b00020;")
        self.general_error.setWordWrap(True)
        self.general_error.hide()
        note = QLabel(self.tr("The entry itself is never changed: a new entry that corrects it is added to the "
                              "journal, with your name and the reason."), self)
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel,
                                   self)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addLayout(form)
        layout.addWidget(self.general_error)
        layout.addWidget(buttons)

    def correction(self) -> Correction:
        values = {"violation": self.violation.text().strip(), "detected_by": self.detected_by.text().strip(),
                  "measures": self.measures.toPlainText().strip(), "reported_to": self.reported_to.text().strip()}
        changes = {k: v for k, v in values.items() if v != self._shown(k).strip()}
        return Correction(changes, self.reason.text().strip())

    def _shown(self, key: str) -> str:
        return stored_text(str(self.entry.get(key) or ""))

    def save(self) -> None:
        for label in [*self.errors.values(), self.general_error]:
            label.hide()
        correction, user, entry_id = self.correction(), self.ctx.user, int(self.entry["id"])
        self.ctx.write(lambda s: correct_entry(s, user, entry_id, correction), on_done=self._saved,
                       on_error=self._failed)

    def _saved(self, entry: Any) -> None:
        self.result_entry = entry
        self.accept()

    def _failed(self, error: BaseException) -> None:
        label = self.errors.get(getattr(error, "field", ""), self.general_error)
        if not isinstance(error, CorrectionError):
            label = self.general_error
        label.setText(str(error))
        label.show()
