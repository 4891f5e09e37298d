"""The filter bar above a journal: period, district, officer, person, category,
violation kind, resolution and operator. It produces a ``JournalFilter``.

The period is chosen in local days of the desk's time zone and turned into
UTC bounds here, so the database compares like with like.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Any

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from arm.caseload import reference
from arm.reports.labels import audit_action_text
from db.queries.filters import JournalFilter
from widgets.alarm_text import KINDS, kind_text
from widgets.i18n import current_language

#: Which filters mean something for which journal.
APPLICABLE = {
    "violations": {"district", "officer", "person", "category", "kind", "resolution", "operator"},
    "alarms": {"district", "officer", "person", "category", "kind", "resolution", "operator"},
    "assignments": {"district", "officer", "person", "category", "operator"},
    "audit": {"kind", "operator"},
}


class JournalFilterBar(QWidget):
    applied = Signal()

    def __init__(self, ctx: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.preset = QComboBox(self)
        for key, text in (("7", self.tr("Last 7 days")), ("30", self.tr("Last 30 days")),
                          ("quarter", self.tr("This quarter")), ("year", self.tr("This year")),
                          ("all", self.tr("All time")), ("custom", self.tr("Period…"))):
            self.preset.addItem(text, key)
        self.date_from = QDateEdit(self, calendarPopup=True, displayFormat="dd.MM.yyyy")
        self.date_to = QDateEdit(self, calendarPopup=True, displayFormat="dd.MM.yyyy")
        self.district = self._combo(self.tr("All districts"))
        self.district.setMinimumContentsLength(20)  # "Бостандыкский район", "Бостандық ауданы" whole
        self.officer = QLineEdit(self, placeholderText=self.tr("Officer"))
        self.person = QLineEdit(self, placeholderText=self.tr("Surname or IIN"))
        self.category = QComboBox(self)
        self.category.addItem(self.tr("All categories"), "")
        for value, text in (("conditional", self.tr("conditional sentence")),
                            ("restricted_freedom", self.tr("restricted freedom")),
                            ("parole", self.tr("parole")), ("admin_supervision", self.tr("administrative supervision"))):
            self.category.addItem(text, value)
        self.kind = self._combo(self.tr("All kinds"))
        self.resolution = QComboBox(self)
        self.resolution.addItem(self.tr("Any resolution"), "")
        for value, text in (("confirmed_violation", self.tr("confirmed violation")),
                            ("false_alarm", self.tr("false alarm")), ("technical_fault", self.tr("technical fault"))):
            self.resolution.addItem(text, value)
        self.operator = self._combo(self.tr("All operators"))
        self.apply_button = QPushButton(self.tr("Apply"), self)
        self.reset_button = QPushButton(self.tr("Reset"), self)
        self._layout()
        self.preset.setCurrentIndex(1)
        self._preset_changed()
        self.preset.currentIndexChanged.connect(self._preset_changed)
        self.apply_button.clicked.connect(self.applied)
        self.reset_button.clicked.connect(self.reset)
        for edit in (self.officer, self.person):
            edit.returnPressed.connect(self.applied)

    def _combo(self, any_text: str) -> QComboBox:
        box = QComboBox(self)
        box.setEditable(True)
        box.addItem(any_text, "")
        box.setMinimumContentsLength(10)
        return box

    def _layout(self) -> None:
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        cells = [
            (QLabel(self.tr("Period"), self), self.preset, self.date_from, self.date_to, self.district,
             self.officer, self.person),
            (None, self.category, self.kind, self.resolution, self.operator, self.apply_button, self.reset_button),
        ]
        for r, row in enumerate(cells):
            for c, w in enumerate(row):
                if w is not None:
                    grid.addWidget(w, r, c)
        grid.setColumnStretch(len(cells[0]), 1)  # keep the fields at their natural width

    def _preset_changed(self) -> None:
        key = self.preset.currentData()
        now = datetime.now(self.ctx.timezone)  # the desk's day, not this machine's (after 19:00 UTC it is tomorrow)
        today = QDate(now.year, now.month, now.day)
        custom = key == "custom"
        self.date_from.setEnabled(custom)
        self.date_to.setEnabled(custom)
        if key in ("7", "30"):
            self.date_from.setDate(today.addDays(-int(key) + 1))
        elif key == "quarter":
            self.date_from.setDate(QDate(today.year(), 3 * ((today.month() - 1) // 3) + 1, 1))
        elif key == "year":
            self.date_from.setDate(QDate(today.year(), 1, 1))
        if not custom:
            self.date_to.setDate(today)

    # ------------------------------------------------------------ values
    def set_journal(self, journal: str) -> None:
        self._journal = journal
        allowed = APPLICABLE.get(journal, set())
        for name in ("district", "officer", "person", "category", "kind", "resolution", "operator"):
            getattr(self, name).setEnabled(name in allowed)

    def set_choices(self, name: str, values: list[str], names: dict[str, str] | None = None) -> None:
        """``names``: login -> full name, for the operator drop-down (it shows names, filters by login)."""
        if names is not None:
            self._names = names
        box: QComboBox = getattr(self, name)
        current = box.currentText()
        any_text = box.itemText(0)
        box.blockSignals(True)
        box.clear()
        box.addItem(any_text, "")
        for v in values:
            box.addItem(self._choice_text(name, v), v)
        box.setCurrentText(current)
        box.blockSignals(False)

    def _choice_text(self, name: str, value: str) -> str:
        """A drop-down entry in words: an alarm kind, an audit action, an operator's or a district's name, never its code."""
        if name == "operator":
            return getattr(self, "_names", {}).get(value) or value
        if name == "district":
            return reference.name(value, current_language())
        if name != "kind":
            return value
        if getattr(self, "_journal", "") == "audit":
            return audit_action_text(value, current_language())
        return kind_text(value) if value in KINDS else value

    def _kind(self) -> str | None:
        """The chosen kind's code (the entry's data), or what was typed."""
        text = self._text(self.kind)
        if text is None:
            return None
        index = self.kind.findText(text)
        return str(self.kind.itemData(index)) if index > 0 and self.kind.itemData(index) else text

    def _operator(self) -> str | None:
        """The chosen operator's login (the drop-down shows names); a typed login as typed."""
        text = self._text(self.operator)
        if text is None:
            return None
        index = self.operator.findText(text)
        return str(self.operator.itemData(index)) if index > 0 and self.operator.itemData(index) else text

    def _choice(self, box: QComboBox) -> str | None:
        """The chosen entry's stored value (a district's code); a typed name that begins one entry only
        ("Медеуский" for "Медеуский район") is that entry; other text as typed."""
        text = self._text(box)
        if text is None:
            return None
        index = box.findText(text)
        if index <= 0:
            typed = text.casefold()
            starts = [i for i in range(1, box.count()) if box.itemText(i).casefold().startswith(typed)]
            index = starts[0] if len(starts) == 1 else -1
        return str(box.itemData(index)) if index > 0 and box.itemData(index) else text

    def _text(self, box: QComboBox) -> str | None:
        if not box.isEnabled():
            return None
        text = box.currentText().strip()
        return None if not text or text == box.itemText(0) else text

    def _line(self, edit: QLineEdit) -> str | None:
        return (edit.text().strip() or None) if edit.isEnabled() else None

    def _data(self, box: QComboBox) -> str | None:
        return (box.currentData() or None) if box.isEnabled() else None

    def _bound(self, day: QDate, end: bool) -> datetime:
        local = datetime.combine(day.toPython(), time(0), self.ctx.timezone)
        return local + timedelta(days=1) if end else local

    def value(self) -> JournalFilter:
        period = self.preset.currentData() != "all"
        return JournalFilter(
            date_from=self._bound(self.date_from.date(), False) if period else None,
            date_to=self._bound(self.date_to.date(), True) if period else None,
            district=self._choice(self.district), officer=self._line(self.officer), person=self._line(self.person),
            category=self._data(self.category), kind=self._kind(),
            resolution=self._data(self.resolution), operator=self._operator(),
        )

    def reset(self) -> None:
        self.preset.setCurrentIndex(1)
        for box in (self.district, self.kind, self.operator, self.category, self.resolution):
            box.setCurrentIndex(0)
        self.officer.clear()
        self.person.clear()
        self.applied.emit()
