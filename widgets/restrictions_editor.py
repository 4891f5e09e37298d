"""The restrictions editor of a person's card: curfew windows, zones, alcohol tests, travel permissions.

A court writes "at home 22:00-06:00 on weekdays, all day on Sunday, except
31 December": the curfew page has one row per weekly window and a list of
single dates on which the curfew is lifted (``{"except": "YYYY-MM-DD"}``
entries of ``arm.rules.schedule``). A zone
restriction names a zone of the library, or gets its own circle around the
person's home, an address's point or a point picked on the map, or a zone
drawn in the zone editor. Every problem is named beside its field before
anything is sent; the caseload services check again, write and audit
(``arm.caseload.person_restrictions.add_with_zone``), and the rules runtime
picks the change up on its next tick (no restart).

:meth:`RestrictionEditor.build_draft` is the seam for the replay's "what-if"
check (issue 17): it returns the draft restriction (and its new circle zone)
without writing anything. **Check against the last N days** hands that draft
(a curfew or a zone restriction) to :func:`arm.replay.whatif.what_if` for this
person and lists every alarm it would have raised. A replay of days takes
seconds to minutes, so it runs on a worker thread of the editor's own
(:class:`widgets.context.DbWorker`, its own sessions), not on the desk's
single database worker whose other reads it would hold up.
"""

from __future__ import annotations

import importlib
import logging
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QDate, QDateTime, Qt, QTime, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from arm.caseload.person_restrictions import CircleZone, ZoneChoice, add_with_zone, person_home, zone_library
from arm.caseload.restrictions import RestrictionDraft, RestrictionInvalid
from arm.caseload.zone_shapes import ZoneShapeError
from widgets.address_field import AddressField
from widgets.caseload_errors import failure_text
from widgets.context import AppContext, DbWorker
from widgets.field_errors import error_label, show_error
from widgets.fit import FitTitle, fit_title

log = logging.getLogger("arm.gui.restrictions")

KINDS = ("curfew", "exclusion_zone", "inclusion_zone", "alcohol_ban", "travel_permission")
ZONE_KINDS = ("exclusion_zone", "inclusion_zone")
HHMM = re.compile(r"^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$")
#: Zone sources of a zone restriction.
SOURCE_LIBRARY, SOURCE_HOME, SOURCE_MAP, SOURCE_DRAW = "library", "home", "map", "draw"
ZONE_EDITOR = ("maps.zone_editor", "ZoneEditor")
#: restriction kinds the what-if check can replay (arm.replay.whatif.DRAFT_KINDS)
CHECK_KINDS = ("curfew", "exclusion_zone", "inclusion_zone")


class WindowRow(QWidget):
    """One weekly window: the days it applies on, from HH:MM to HH:MM (an end before the start runs past midnight)."""

    removed = Signal(object)

    def __init__(self, days: list[int], start: str, end: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.days = [QCheckBox(self) for _ in range(7)]
        for i, box in enumerate(self.days):
            box.setObjectName(f"day{i}")
            box.setChecked(i in days)
        self.start = QLineEdit(start, self)
        self.start.setObjectName("start")
        self.end = QLineEdit(end, self)
        self.end.setObjectName("end")
        for edit in (self.start, self.end):
            edit.setMaxLength(5)
            edit.setFixedWidth(64)
            edit.setPlaceholderText("22:00")
        self.remove = QToolButton(self)
        self.remove.setText("✕")
        self.remove.clicked.connect(lambda: self.removed.emit(self))
        self.error = error_label("window")
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        for box in self.days:
            row.addWidget(box)
        row.addSpacing(12)
        row.addWidget(self.start)
        row.addWidget(QLabel("–", self))
        row.addWidget(self.end)
        row.addWidget(self.remove)
        row.addStretch(1)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(1)
        outer.addLayout(row)
        outer.addWidget(self.error)

    def set_day_names(self, names: list[str]) -> None:
        for box, name in zip(self.days, names, strict=False):
            box.setText(name)

    def value(self) -> tuple[dict[str, Any], str]:
        """The window, and the problem with it ("" when none)."""
        days = [i for i, box in enumerate(self.days) if box.isChecked()]
        start, end = self.start.text().strip(), self.end.text().strip()
        window = {"days": days, "start": start, "end": end}
        if not days:
            return window, self.tr("Choose at least one day.")
        if not HHMM.match(start) or not HHMM.match(end):
            return window, self.tr("Times are HH:MM, from 00:00 to 24:00 (for example 22:00).")
        if start == "24:00":
            return window, self.tr("A window cannot start at 24:00.")
        return window, ""


class CurfewEditor(QWidget):
    """Weekly windows plus single dates on which the curfew is lifted."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[WindowRow] = []
        self.rows_box = QVBoxLayout()
        self.rows_box.setSpacing(4)
        self.add_button = QPushButton(self)
        self.add_button.setObjectName("addWindow")
        self.add_button.clicked.connect(lambda: self.add_window([0, 1, 2, 3, 4], "22:00", "06:00"))
        self.court_button = QPushButton(self)
        self.court_button.setObjectName("courtPreset")
        self.court_button.clicked.connect(self.court_preset)
        self.error = error_label("schedule")
        self.exception_date = QDateEdit(self)
        self.exception_date.setObjectName("exceptionDate")
        self.exception_date.setCalendarPopup(True)
        self.exception_date.setDisplayFormat("dd.MM.yyyy")
        self.exception_date.setDate(QDate.currentDate())
        self.add_exception = QPushButton(self)
        self.add_exception.setObjectName("addException")
        self.add_exception.clicked.connect(lambda: self.add_date(self.exception_date.date()))
        self.remove_exception = QPushButton(self)
        self.remove_exception.clicked.connect(self._remove_selected_date)
        self.exceptions = QListWidget(self)
        self.exceptions.setObjectName("exceptions")
        self.exceptions.setMaximumHeight(90)
        self.windows_label = QLabel(self)
        self.exceptions_label = QLabel(self)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.court_button)
        buttons.addStretch(1)
        exc_row = QHBoxLayout()
        exc_row.addWidget(self.exception_date)
        exc_row.addWidget(self.add_exception)
        exc_row.addWidget(self.remove_exception)
        exc_row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.windows_label)
        layout.addLayout(self.rows_box)
        layout.addLayout(buttons)
        layout.addWidget(self.error)
        layout.addWidget(self.exceptions_label)
        layout.addLayout(exc_row)
        layout.addWidget(self.exceptions)
        self.retranslateUi()

    def retranslateUi(self) -> None:
        self.add_button.setText(self.tr("Add a window"))
        self.court_button.setText(self.tr("22:00–06:00 on weekdays, all day on Sunday"))
        self.add_exception.setText(self.tr("Lift on this date"))
        self.remove_exception.setText(self.tr("Remove the date"))
        self.windows_label.setText(self.tr("At home during these weekly windows (local time):"))
        self.exceptions_label.setText(self.tr("Dates on which the curfew is lifted:"))
        names = self.day_names()
        for row in self.rows:
            row.set_day_names(names)

    def day_names(self) -> list[str]:
        return self.tr("Mon,Tue,Wed,Thu,Fri,Sat,Sun").split(",")

    def add_window(self, days: list[int], start: str, end: str) -> WindowRow:
        row = WindowRow(days, start, end, self)
        row.set_day_names(self.day_names())
        row.removed.connect(self._remove_row)
        self.rows.append(row)
        self.rows_box.addWidget(row)
        return row

    def _remove_row(self, row: WindowRow) -> None:
        self.rows.remove(row)
        row.setParent(None)
        row.deleteLater()

    def court_preset(self) -> None:
        """What most courts write: at home 22:00-06:00 Monday to Friday nights and all of Sunday."""
        for row in list(self.rows):
            self._remove_row(row)
        self.add_window([0, 1, 2, 3, 4], "22:00", "06:00")
        self.add_window([6], "00:00", "24:00")

    def add_date(self, day: QDate) -> None:
        text = day.toString("yyyy-MM-dd")
        if any(self.exceptions.item(i).data(Qt.ItemDataRole.UserRole) == text for i in range(self.exceptions.count())):
            return
        item = QListWidgetItem(day.toString("dd.MM.yyyy"))
        item.setData(Qt.ItemDataRole.UserRole, text)
        at = next((i for i in range(self.exceptions.count())
                   if self.exceptions.item(i).data(Qt.ItemDataRole.UserRole) > text), self.exceptions.count())
        self.exceptions.insertItem(at, item)  # in date order, not in the order of the shown text

    def _remove_selected_date(self) -> None:
        for item in self.exceptions.selectedItems():
            self.exceptions.takeItem(self.exceptions.row(item))

    def schedule(self) -> tuple[list[dict[str, Any]], bool]:
        """The schedule in ``arm.rules.schedule``'s format, and whether every row is valid (errors shown)."""
        windows: list[dict[str, Any]] = []
        ok = True
        for row in self.rows:
            window, problem = row.value()
            show_error(row.error, problem)
            ok = ok and not problem
            windows.append(window)
        show_error(self.error, "" if self.rows else self.tr("Add at least one window."))
        ok = ok and bool(self.rows)
        dates = sorted(self.exceptions.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.exceptions.count()))
        windows += [{"except": d} for d in dates]  # arm.rules.schedule: the whole of that date is lifted
        return windows, ok


@dataclass
class Draft:
    """What :meth:`RestrictionEditor.build_draft` returns: the restriction, its new circle zone, the problems."""

    restriction: RestrictionDraft | None
    circle: CircleZone | None = None
    errors: dict[str, str] = field(default_factory=dict)


class RestrictionEditor(FitTitle, QDialog):
    """Add one restriction to a person; ``saved(restriction_id)`` after the commit."""

    saved = Signal(int)

    def __init__(self, ctx: AppContext, person_id: int, parent: QWidget | None = None, kind: str = "curfew") -> None:
        super().__init__(parent)
        self.setObjectName("RestrictionEditor")
        self.ctx = ctx
        self.person_id = person_id
        self.home: tuple[float, float, str] | None = None
        self.point: tuple[float, float] | None = None
        self.zones: list[ZoneChoice] = []
        self.check_worker: DbWorker | None = None  # the what-if replay's own thread, made on the first check
        self._build()
        self.retranslateUi()
        self.kind.setCurrentIndex(max(0, KINDS.index(kind) if kind in KINDS else 0))
        self._kind_changed()
        self.refresh()

    # ------------------------------------------------------------ layout
    def _build(self) -> None:
        self.kind = QComboBox(self)
        self.kind.setObjectName("kind")
        for k in KINDS:
            self.kind.addItem("", k)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.valid_from = QDateTimeEdit(QDateTime.currentDateTime(), self)
        self.valid_from.setObjectName("validFrom")
        self.valid_until = QDateTimeEdit(QDateTime(QDate.currentDate().addMonths(6), QTime(0, 0)), self)
        self.valid_until.setObjectName("validUntil")
        for edit in (self.valid_from, self.valid_until):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd.MM.yyyy HH:mm")
        self.until_set = QCheckBox(self)
        self.until_set.setObjectName("untilSet")
        self.until_set.toggled.connect(self.valid_until.setEnabled)
        self.valid_until.setEnabled(False)
        self.note = QLineEdit(self)
        self.note.setObjectName("note")
        self.errors = {name: error_label(name) for name in ("valid_from", "valid_until", "zone", "note", "form")}

        self.curfew = CurfewEditor(self)
        self.zone_page = QWidget(self)
        self.source = QComboBox(self.zone_page)
        self.source.setObjectName("zoneSource")
        for s in (SOURCE_LIBRARY, SOURCE_HOME, SOURCE_MAP, SOURCE_DRAW):
            self.source.addItem("", s)
        self.source.currentIndexChanged.connect(self._source_changed)
        self.library = QComboBox(self.zone_page)
        self.library.setObjectName("zoneLibrary")
        self.zone_name = QLineEdit(self.zone_page)
        self.zone_name.setObjectName("zoneName")
        self.radius = QSpinBox(self.zone_page)
        self.radius.setObjectName("radius")
        self.radius.setRange(20, 50_000)
        self.radius.setSingleStep(50)
        self.radius.setValue(300)
        self.pick = QPushButton(self.zone_page)
        self.pick.setObjectName("pickOnMap")
        self.pick.clicked.connect(self.pick_on_map)
        # the circle's centre from the address index of the imported OSM extract
        self.find_address = AddressField(self.zone_page)
        self.find_address.setObjectName("findAddress")
        self.find_address.picked.connect(self._address_picked)
        self.draw = QPushButton(self.zone_page)
        self.draw.setObjectName("drawZone")
        self.draw.clicked.connect(self.open_zone_editor)
        self.point_label = QLabel(self.zone_page)
        self.point_label.setObjectName("pointLabel")
        self.point_label.setWordWrap(True)
        self.zone_form = QFormLayout(self.zone_page)
        self.zone_labels = [QLabel(self.zone_page) for _ in range(5)]
        self.zone_form.addRow(self.zone_labels[0], self.source)
        self.zone_form.addRow(self.zone_labels[1], self.library)
        self.zone_form.addRow(self.zone_labels[2], self.zone_name)
        self.zone_form.addRow(self.zone_labels[3], self.radius)
        pick_row = QHBoxLayout()
        pick_row.addWidget(self.find_address, 1)
        pick_row.addWidget(self.pick)
        pick_row.addWidget(self.draw)
        pick_row.addStretch(1)
        self.zone_form.addRow(self.zone_labels[4], self.point_label)
        self.zone_form.addRow("", pick_row)
        self.zone_form.addRow("", self.errors["zone"])
        self.alcohol_page = QLabel(self)
        self.alcohol_page.setWordWrap(True)
        self.travel_page = QLabel(self)
        self.travel_page.setWordWrap(True)
        self.pages = QStackedWidget(self)
        for page in (self.curfew, self.zone_page, self.alcohol_page, self.travel_page):
            self.pages.addWidget(page)

        form = QGridLayout()
        self.form_labels = [QLabel(self) for _ in range(4)]
        form.addWidget(self.form_labels[0], 0, 0)
        form.addWidget(self.kind, 0, 1)
        form.addWidget(self.form_labels[1], 1, 0)
        form.addWidget(self.valid_from, 1, 1)
        form.addWidget(self.errors["valid_from"], 1, 2)
        form.addWidget(self.form_labels[2], 2, 0)
        until = QHBoxLayout()
        until.addWidget(self.until_set)
        until.addWidget(self.valid_until, 1)
        form.addLayout(until, 2, 1)
        form.addWidget(self.errors["valid_until"], 2, 2)
        form.addWidget(self.form_labels[3], 3, 0)
        form.addWidget(self.note, 3, 1)
        form.addWidget(self.errors["note"], 3, 2)
        form.setColumnStretch(1, 1)
        form.setColumnStretch(2, 1)
        self.check_button = QPushButton(self)
        self.check_button.setObjectName("checkWhatIf")
        self.check_button.clicked.connect(self.check)
        self.check_days = QSpinBox(self)
        self.check_days.setObjectName("checkDays")
        self.check_days.setRange(1, 31)
        self.check_days.setValue(7)
        self.check_result = QLabel(self)
        self.check_result.setObjectName("checkResult")
        self.check_result.setWordWrap(True)
        self.check_list = QListWidget(self)
        self.check_list.setObjectName("checkList")
        self.check_list.setMaximumHeight(120)
        self.check_list.hide()
        check_row = QHBoxLayout()
        check_row.addWidget(self.check_button)
        check_row.addWidget(self.check_days)
        check_row.addWidget(self.check_result, 1)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.pages, 1)
        layout.addLayout(check_row)
        layout.addWidget(self.check_list)
        layout.addWidget(self.errors["form"])
        layout.addWidget(self.buttons)
        self.resize(760, 560)

    def retranslateUi(self) -> None:
        self.setWindowTitle(self.tr("New restriction"))
        self.find_address.retranslateUi()
        names = {
            "curfew": self.tr("Curfew (at home during set hours)"),
            "exclusion_zone": self.tr("Exclusion zone (must not enter)"),
            "inclusion_zone": self.tr("Inclusion zone (must not leave)"),
            "alcohol_ban": self.tr("Alcohol ban (breath tests)"),
            "travel_permission": self.tr("Travel permission (for a period)"),
        }
        for i in range(self.kind.count()):
            self.kind.setItemText(i, names[self.kind.itemData(i)])
        sources = {
            SOURCE_LIBRARY: self.tr("A zone from the library"),
            SOURCE_HOME: self.tr("A circle around the person's home"),
            SOURCE_MAP: self.tr("A circle around a point on the map"),
            SOURCE_DRAW: self.tr("Draw a new zone in the zone editor"),
        }
        for i in range(self.source.count()):
            self.source.setItemText(i, sources[self.source.itemData(i)])
        for label, text in zip(self.form_labels, (self.tr("Restriction:"), self.tr("From:"), self.tr("Until:"),
                                                  self.tr("Note:")), strict=True):
            label.setText(text)
        for label, text in zip(self.zone_labels, (self.tr("Zone:"), self.tr("Library:"), self.tr("Zone name:"),
                                                  self.tr("Radius:"), self.tr("Centre:")), strict=True):
            label.setText(text)
        self.until_set.setText(self.tr("ends"))
        self.radius.setSuffix(self.tr(" m"))
        self.pick.setText(self.tr("Pick on the map…"))
        self.draw.setText(self.tr("Open the zone editor…"))
        self.alcohol_page.setText(self.tr(
            "The person must not drink: every breath test above the limit set on the breathalyser raises an alarm."
        ))
        self.travel_page.setText(self.tr(
            "While the permission lasts, leaving the inclusion zones and the curfew raise no alarm. "
            "Give its end and, in the note, where the person travels."
        ))
        self.check_button.setText(self.tr("Check against the last"))
        self.check_button.setToolTip(self.tr(
            "Replays this person's stored events of these days with the restriction as drafted and lists the "
            "alarms it would have raised. Nothing is saved."))
        self.check_days.setSuffix(self.tr(" days"))
        self.curfew.retranslateUi()
        self._show_point()

    # ------------------------------------------------------------ data
    def refresh(self) -> None:
        user = self.ctx.user
        self.ctx.read(lambda s: (zone_library(s, user), person_home(s, self.person_id)), on_done=self._loaded,
                      on_error=self._failed)

    def _loaded(self, result: tuple[list[ZoneChoice], tuple[float, float, str] | None]) -> None:
        zones, home = result
        self.zones, self.home = zones, home
        current = self.library.currentData()
        self.library.clear()
        for z in zones:
            self.library.addItem(z.name, z.id)
        if current is not None:
            self.library.setCurrentIndex(max(0, self.library.findData(current)))
        self._source_changed()

    def _failed(self, error: BaseException) -> None:
        show_error(self.errors["form"], failure_text(error))

    def _kind_changed(self) -> None:
        kind = self.kind.currentData()
        self.pages.setCurrentIndex({"curfew": 0, "exclusion_zone": 1, "inclusion_zone": 1, "alcohol_ban": 2,
                                    "travel_permission": 3}[kind])
        if kind == "travel_permission":
            self.until_set.setChecked(True)
        if kind == "curfew" and not self.curfew.rows:
            self.curfew.court_preset()
        if kind in ZONE_KINDS and not self.zone_name.text():
            self.zone_name.setText(self.tr("Around the home") if kind == "inclusion_zone" else "")
        self.check_button.setEnabled(kind in CHECK_KINDS)
        self.check_days.setEnabled(kind in CHECK_KINDS)

    def _source_changed(self) -> None:
        source = self.source.currentData()
        self.zone_form.setRowVisible(self.library, source in (SOURCE_LIBRARY, SOURCE_DRAW))
        circle = source in (SOURCE_HOME, SOURCE_MAP)
        self.zone_form.setRowVisible(self.zone_name, circle)
        self.zone_form.setRowVisible(self.radius, circle)
        self.zone_form.setRowVisible(self.point_label, circle)
        self.pick.setVisible(source == SOURCE_MAP)
        self.find_address.setVisible(source == SOURCE_MAP)
        self.draw.setVisible(source == SOURCE_DRAW)
        self._show_point()

    def _show_point(self) -> None:
        source = self.source.currentData()
        if source == SOURCE_HOME:
            if self.home is None:
                self.point_label.setText(self.tr("The person has no home point yet: set it on the person's form."))
            else:
                self.point_label.setText(self.tr("Home: {address} ({lat}, {lon})").format(
                    address=self.home[2] or "—", lat=f"{self.home[0]:.5f}", lon=f"{self.home[1]:.5f}"))
        elif source == SOURCE_MAP:
            self.point_label.setText(
                self.tr("Not picked yet.") if self.point is None
                else f"{self.point[0]:.5f}, {self.point[1]:.5f}"
            )

    def pick_on_map(self) -> None:
        from widgets.map_pick import MapPickDialog

        center = self.point or ((self.home[0], self.home[1]) if self.home else None)
        dialog = MapPickDialog(self.ctx, self, center=center, circle=True)
        dialog.picked.connect(self.set_point)
        dialog.open()
        self.pick_dialog = dialog

    def _address_picked(self, lat: float, lon: float, text: str) -> None:
        """An address found in the index: the circle's centre, and the zone's name if none was typed."""
        if not self.zone_name.text().strip():
            self.zone_name.setText(text)
        self.set_point(lat, lon)

    def set_point(self, lat: float, lon: float, radius_m: float = 0.0) -> None:
        """A point picked on the map (or an address's point): the circle's centre; its radius if drawn."""
        self.point = (lat, lon)
        if radius_m >= self.radius.minimum():
            self.radius.setValue(round(radius_m))
        self._show_point()

    def open_zone_editor(self) -> None:
        """The zone editor of the map area (loaded by name: widgets and maps are independent)."""
        module, name = ZONE_EDITOR
        editor_class = getattr(importlib.import_module(module), name)
        dialog = QDialog(self)
        dialog.setWindowTitle(self.tr("Zone editor"))
        editor = editor_class(self.ctx, dialog)
        editor.saved.connect(lambda zone_id: self._zone_drawn(zone_id, dialog))
        QVBoxLayout(dialog).addWidget(editor)
        dialog.resize(1100, 700)
        fit_title(dialog)
        dialog.open()
        self.zone_dialog = dialog

    def _zone_drawn(self, zone_id: int, dialog: QDialog) -> None:
        dialog.accept()
        self.source.setCurrentIndex(self.source.findData(SOURCE_LIBRARY))
        self.library.addItem(str(zone_id), zone_id)  # named properly by the refresh below
        self.library.setCurrentIndex(self.library.findData(zone_id))
        self.refresh()

    # ------------------------------------------------------------ draft
    def build_draft(self) -> Draft:
        """The restriction as the form stands, with every problem by field; writes nothing (issue 17's hook)."""
        errors: dict[str, str] = {}
        kind = str(self.kind.currentData())
        start = self.valid_from.dateTime().toPython().astimezone(UTC)  # type: ignore[union-attr]
        until: datetime | None = None
        if self.until_set.isChecked():
            until = self.valid_until.dateTime().toPython().astimezone(UTC)  # type: ignore[union-attr]
            if until <= start:
                errors["valid_until"] = self.tr("The end is not after the start.")
        elif kind == "travel_permission":
            errors["valid_until"] = self.tr("A travel permission needs its end.")
        schedule: list[dict[str, Any]] | None = None
        if kind == "curfew":
            schedule, ok = self.curfew.schedule()
            if not ok:
                errors["schedule"] = self.tr("Correct the windows marked below.")
        if kind == "travel_permission" and not self.note.text().strip():
            errors["note"] = self.tr("Say where the person travels.")
        zone_id: int | None = None
        circle: CircleZone | None = None
        if kind in ZONE_KINDS:
            source = self.source.currentData()
            if source in (SOURCE_LIBRARY, SOURCE_DRAW):
                zone_id = self.library.currentData()
                if zone_id is None:
                    errors["zone"] = self.tr("Choose a zone from the library (or draw one).")
            else:
                centre = self.point if source == SOURCE_MAP else (self.home[:2] if self.home else None)
                if centre is None:
                    errors["zone"] = (self.tr("The person has no home point yet: set it on the person's form.")
                                      if source == SOURCE_HOME else self.tr("Pick the centre on the map."))
                elif not self.zone_name.text().strip():
                    errors["zone"] = self.tr("Give the zone a name.")
                else:
                    circle = CircleZone(self.zone_name.text().strip(), centre[0], centre[1], float(self.radius.value()))
        restriction = None if errors else RestrictionDraft(
            person_id=self.person_id, kind=kind, valid_from=start, valid_until=until, zone_id=zone_id,
            schedule=schedule, note=self.note.text().strip(),
        )
        return Draft(restriction, circle, errors)

    def show_errors(self, errors: dict[str, str]) -> None:
        """Each problem beside its field (the curfew rows show their own); the rest under the form."""
        for name, label in self.errors.items():
            if name != "form":
                show_error(label, errors.get(name, ""))
        rest = [text for name, text in errors.items() if name not in self.errors and name != "schedule"]
        show_error(self.errors["form"], "\n".join(rest))

    # ------------------------------------------------------------ what-if
    def check(self) -> None:
        """Replay the last days with the drafted restriction added; list the alarms it would have raised."""
        from arm.replay.whatif import DraftRule, what_if

        draft = self.build_draft()
        self.show_errors(draft.errors)
        restriction = draft.restriction
        if restriction is None:
            self.check_result.setText(self.tr("The check needs a complete restriction: see the messages above."))
            return
        if restriction.kind not in CHECK_KINDS:
            return
        geometry = None
        if draft.circle is not None:
            c = draft.circle
            geometry = {"circle": {"center": [c.lon, c.lat], "radius_m": c.radius_m}}
        rule = DraftRule(restriction.kind, geometry=geometry, schedule=restriction.schedule,
                         zone_id=restriction.zone_id if geometry is None else None)
        days = self.check_days.value()
        if self.check_worker is None:
            self.check_worker = DbWorker(name="arm-whatif")
        self.check_button.setEnabled(False)
        self.check_list.clear()
        self.check_list.hide()
        self.check_result.setText(self.tr("Checking…"))
        self.check_worker.submit(what_if, self.ctx.db, self.ctx.user, rule, [self.person_id], days,
                                 on_done=lambda result: self._checked(result, days), on_error=self._check_failed)

    def _checked(self, result: Any, days: int) -> None:
        self.check_button.setEnabled(True)
        self.check_list.clear()
        tz = self.ctx.settings.tz
        what = {"curfew": self.tr("away from home during the curfew"),
                "exclusion_zone": self.tr("entered the zone"), "inclusion_zone": self.tr("left the zone")}
        for alarm in result.alarms:
            where = f"  ({alarm.lat:.5f}, {alarm.lon:.5f})" if alarm.lat is not None and alarm.lon is not None else ""
            self.check_list.addItem(f"{alarm.at.astimezone(tz):%d.%m %H:%M}  {what.get(alarm.kind, alarm.kind)}{where}")
        self.check_list.setVisible(bool(result.alarms))
        if result.alarms:
            self.check_result.setText(self.tr("Alarms it would have raised in the last {days} days: {count}.").format(
                days=days, count=len(result.alarms)))
        else:
            self.check_result.setText(self.tr("No alarm in the last {days} days.").format(days=days))

    def _check_failed(self, error: BaseException) -> None:
        from arm.access import AccessDenied

        self.check_button.setEnabled(True)
        if isinstance(error, AccessDenied):
            self.check_result.setText(self.tr("Your role may not run this check."))
        else:
            self.check_result.setText(self.tr("The check failed: {error}").format(error=failure_text(error)))

    def done(self, result: int) -> None:
        """Closing the editor stops its what-if thread (a check still running finishes, its answer dropped)."""
        if self.check_worker is not None:
            worker, self.check_worker = self.check_worker, None
            worker.close()
        super().done(result)

    # ------------------------------------------------------------ save
    def save(self) -> None:
        draft = self.build_draft()
        self.show_errors(draft.errors)
        if draft.restriction is None:
            return
        self.buttons.setEnabled(False)
        user, restriction, circle = self.ctx.user, draft.restriction, draft.circle
        self.ctx.write(lambda s: add_with_zone(s, user, restriction, circle),
                       on_done=self._saved, on_error=self._save_failed)

    def _saved(self, restriction_id: int) -> None:
        self.buttons.setEnabled(True)
        self.saved.emit(restriction_id)
        self.accept()

    def _save_failed(self, error: BaseException) -> None:
        self.buttons.setEnabled(True)
        field_of = {"bad_validity": "valid_until", "no_zone": "zone", "bad_radius": "zone", "no_zone_name": "zone",
                    "bad_schedule": "schedule_core", "bad_zone_kind": "zone", "overlap": "valid_from",
                    "contradiction": "zone"}
        if isinstance(error, RestrictionInvalid):
            # the core's message starts with the field it names ("valid_from: ...", "schedule[2]: ...")
            named = str(error).split(":", 1)[0].split("[", 1)[0].strip()
            name = named if named in self.errors and named != "form" else field_of.get(error.code, "form")
            text = restriction_error_text(error)
            if name == "schedule_core":
                show_error(self.curfew.error, text)
            else:
                show_error(self.errors[name], text)
            return
        if isinstance(error, ZoneShapeError):
            show_error(self.errors["zone"], str(error))
            return
        show_error(self.errors["form"], self.tr("Could not save: {error}").format(error=failure_text(error)))


def restriction_error_text(error: RestrictionInvalid) -> str:
    """The core's refusal as a sentence in the reader's language."""
    from PySide6.QtCore import QCoreApplication

    texts = {
        "no_person": QCoreApplication.translate("RestrictionErrors", "The person is not in the register."),
        "bad_kind": QCoreApplication.translate("RestrictionErrors", "Unknown kind of restriction."),
        "no_zone": QCoreApplication.translate("RestrictionErrors", "The zone no longer exists: choose another."),
        "bad_validity": QCoreApplication.translate("RestrictionErrors", "The restriction ends before it starts."),
        "bad_schedule": QCoreApplication.translate("RestrictionErrors",
                                                   "The schedule cannot be applied: check the times and dates."),
        "bad_radius": QCoreApplication.translate("RestrictionErrors", "The radius must be 20 m to 50 km."),
        "no_zone_name": QCoreApplication.translate("RestrictionErrors", "Give the zone a name."),
        "no_restriction": QCoreApplication.translate("RestrictionErrors", "The restriction no longer exists."),
        "bad_zone_kind": QCoreApplication.translate(
            "RestrictionErrors", "This zone is of the other kind: an exclusion restriction needs an exclusion zone, "
            "an inclusion restriction an inclusion zone."),
        "overlap": QCoreApplication.translate(
            "RestrictionErrors", "The same restriction already applies in part of this period: end or change it first."),
        "contradiction": QCoreApplication.translate(
            "RestrictionErrors", "This contradicts another restriction of the person (a zone both forbidden and "
            "required, or travel out of a zone the person is not bound to)."),
        "deregistered": QCoreApplication.translate(
            "RestrictionErrors", "The person is deregistered: no restriction can be added."),
    }
    text = texts.get(error.code)
    if text is None:
        return str(error)
    if error.code == "bad_schedule" and "[" in str(error).split(":", 1)[0]:  # "schedule[2]: bad time '25:00'"
        index = str(error).split("[", 1)[1].split("]", 1)[0]
        if index.isdigit():
            text += " " + QCoreApplication.translate("RestrictionErrors", "(line {n})").format(n=int(index) + 1)
    return text
