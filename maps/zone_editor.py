"""Zone editor: draw or edit polygon and circle zones on the map and save them.

The drawing happens in the map page (leaflet-geoman); every change of the shape
comes back as ``MapView.zoneGeometry`` and is checked at once with shapely
(:mod:`arm.caseload.zone_shapes`), so the operator sees "the border crosses itself"
while drawing, not after pressing Save. Saving writes ``db.models.Zone``, its
schedule (:class:`db.models.ZoneSchedule`) and an audit entry in one
transaction on the database worker, through the caseload service
:func:`arm.caseload.zones.save_zone` (rights checked there).
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select
from sqlalchemy.orm import Session

from arm.access import AccessDenied
from arm.caseload import reference
from arm.caseload.zone_shapes import ZoneShapeError, validate
from arm.caseload.zones import ZoneDraft, save_zone
from db.models import Zone, ZoneKind, ZoneSchedule
from maps.address_search import AddressSearch
from maps.schedule import ScheduleError, error_text, format_schedule, parse

log = logging.getLogger("arm.maps.zones")

MAX_BUFFER_M = 5000.0
#: radius of the circle a zone starts with when it is placed around a found address
ADDRESS_CIRCLE_M = 100.0


def active_districts(session: Session) -> list[str]:
    """The codes of the districts a zone may be given (the reference list's active ones)."""
    reference.load_names(session)  # renamed districts by their current names
    return [d.code for d in reference.districts(session)]


def reader_lang() -> str:
    """The reader's language (set by widgets.i18n through the default locale): ru, kk or en."""
    lang = QLocale().name()[:2]
    return lang if lang in ("ru", "kk") else "en"


def list_zones(session: Session) -> list[dict[str, Any]]:
    schedules = {s.zone_id: s.schedule for s in session.scalars(select(ZoneSchedule))}
    return [
        {"id": z.id, "name": z.name, "kind": str(z.kind), "geometry": z.geometry, "buffer_m": z.buffer_m,
         "district": z.district, "schedule": schedules.get(z.id, [])}
        for z in session.scalars(select(Zone).order_by(Zone.name))
    ]


class ZoneEditor(QWidget):
    """Side panel: the list of zones and the form of the zone being edited."""

    saved = Signal(int)

    def __init__(self, ctx: Any, parent: QWidget | None = None, map_view: Any = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        from maps.map_view import MapView

        self.map_view = map_view  # the main window's map panel; without one, the editor has its own map
        own_map = self.map_view is None
        if own_map:
            self.map_view = MapView(ctx, self)
        self._zone_id: int | None = None
        self._geometry: dict[str, Any] | None = None
        self._zones: list[dict[str, Any]] = []
        self.map_view.zoneGeometry.connect(self._on_geometry)

        self.zone_list = QListWidget()
        self.zone_list.itemSelectionChanged.connect(self._on_pick)
        self.new_polygon = QPushButton(self.tr("New polygon"))
        self.new_polygon.clicked.connect(lambda: self.start_new("Polygon"))
        self.new_circle = QPushButton(self.tr("New circle"))
        self.new_circle.clicked.connect(lambda: self.start_new("Circle"))
        self.finish_button = QPushButton(self.tr("Finish shape"))
        self.finish_button.setToolTip(self.tr("Close the polygon being drawn (or click its first corner)"))
        self.finish_button.clicked.connect(lambda: self.map_view.bridge.call("ARM.zones.finishDrawing"))
        self.address = AddressSearch(self.map_view._lang(), self)
        self.address.setToolTip(self.tr("Find an address and start a circle zone around it"))
        self.address.picked.connect(self.circle_around)

        self.name = QLineEdit()
        self.name.setMaxLength(200)
        self.kind = QComboBox()
        for kind, text in (
            (ZoneKind.EXCLUSION, self.tr("Exclusion zone (must not enter)")),
            (ZoneKind.INCLUSION, self.tr("Inclusion zone (must stay inside)")),
            (ZoneKind.HOME, self.tr("Home")),
        ):
            self.kind.addItem(text, str(kind))
        self.buffer = QDoubleSpinBox()
        self.buffer.setRange(0, MAX_BUFFER_M)
        self.buffer.setDecimals(0)
        self.buffer.setSuffix(self.tr(" m"))
        self.buffer.setToolTip(self.tr("Tolerance around the border before a violation is raised"))
        self.district = QComboBox()  # a pick list of the reference's districts, named; stores the code
        self.district.setObjectName("zoneDistrict")
        self._district_codes: list[str] = []
        self._fill_districts("")
        self.schedule = QLineEdit()
        self.schedule.setPlaceholderText(self.tr("always, or e.g. Mon-Fri 22:00-06:00; Sat,Sun 00:00-24:00"))
        self.errors = {k: self._error_label() for k in ("name", "schedule", "shape")}
        self.shape_info = QLabel(self.tr("No shape yet: draw a polygon or a circle on the map."))
        self.shape_info.setWordWrap(True)
        self.save_button = QPushButton(self.tr("Save zone"))
        self.save_button.clicked.connect(self.save)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.clicked.connect(self.cancel)
        self.status = QLabel()
        self.status.setWordWrap(True)
        # what-if: the alarms this zone, as drawn, would have raised over the last days (arm.replay.whatif)
        self.check_button = QPushButton(self.tr("Check against the last"))
        self.check_button.setToolTip(self.tr(
            "Replays the stored events of these days with this zone as drawn (for the persons whose restrictions "
            "name it, or everyone for a new zone) and lists the alarms it would have raised. Nothing is saved."))
        self.check_button.clicked.connect(self.check)
        self.check_days = QSpinBox()
        self.check_days.setRange(1, 31)
        self.check_days.setValue(7)
        self.check_days.setSuffix(self.tr(" days"))
        self.check_result = QLabel()
        self.check_result.setWordWrap(True)
        self.check_list = QListWidget()
        self.check_list.setMaximumHeight(140)
        self.check_list.hide()

        draw_row = QHBoxLayout()
        for b in (self.new_polygon, self.new_circle, self.finish_button):
            draw_row.addWidget(b)
        form = QFormLayout()
        form.addRow(self.tr("Zone name"), self.name)
        form.addRow("", self.errors["name"])
        form.addRow(self.tr("Kind"), self.kind)
        form.addRow(self.tr("Buffer"), self.buffer)
        form.addRow(self.tr("District"), self.district)
        form.addRow(self.tr("Schedule"), self.schedule)
        form.addRow("", self.errors["schedule"])
        form.addRow(self.tr("Shape"), self.shape_info)
        form.addRow("", self.errors["shape"])
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.cancel_button)
        check_row = QHBoxLayout()
        check_row.addWidget(self.check_button)
        check_row.addWidget(self.check_days)
        check_row.addStretch(1)
        side = QVBoxLayout()
        side.addWidget(QLabel(self.tr("Zones")))
        side.addWidget(self.zone_list, 1)
        side.addLayout(draw_row)
        side.addWidget(self.address)
        side.addLayout(form)
        side.addLayout(check_row)
        side.addWidget(self.check_result)
        side.addWidget(self.check_list)
        side.addLayout(buttons)
        side.addWidget(self.status)
        if own_map:
            root = QHBoxLayout(self)
            panel = QWidget()
            panel.setLayout(side)
            panel.setMaximumWidth(380)
            root.addWidget(panel)
            root.addWidget(self.map_view, 1)
        else:
            self.setLayout(side)
        self.refresh()

    def _error_label(self) -> QLabel:
        label = QLabel()
        label.setStyleSheet("color: #c62828")
        label.setWordWrap(True)
        label.hide()
        return label

    def _set_error(self, key: str, text: str) -> None:
        label = self.errors[key]
        label.setText(text)
        label.setVisible(bool(text))

    # ------------------------------------------------------------ list
    def refresh(self) -> None:
        from maps.map_view import _read

        _read(self.ctx, list_zones, self._on_zones)
        _read(self.ctx, active_districts, self._on_districts)

    def _on_districts(self, codes: list[str]) -> None:
        self._district_codes = codes
        self._fill_districts(str(self.district.currentData() or ""))

    def _fill_districts(self, current: str) -> None:
        """"No district", then the districts by name in the reader's language; ``current`` kept even if
        it is no longer offered (a deactivated district is still shown where it is used)."""
        lang = reader_lang()
        codes = set(self._district_codes) | ({current} if current else set())
        self.district.blockSignals(True)
        self.district.clear()
        self.district.addItem(self.tr("— no district —"), "")
        for name, code in sorted((reference.name(c, lang), c) for c in codes):
            self.district.addItem(name, code)
        self.district.setCurrentIndex(max(0, self.district.findData(current)))
        self.district.blockSignals(False)

    def _on_zones(self, zones: list[dict[str, Any]]) -> None:
        self._zones = zones
        self.zone_list.blockSignals(True)
        self.zone_list.clear()
        for z in zones:
            item = QListWidgetItem(f"{z['name']}  ·  {self.kind.itemText(self.kind.findData(z['kind']))}")
            item.setData(Qt.ItemDataRole.UserRole, z["id"])
            item.setToolTip(item.text())
            self.zone_list.addItem(item)
        self.zone_list.blockSignals(False)
        self.map_view.bridge.call("ARM.zones.show", [
            {"id": z["id"], "name": z["name"], "kind": z["kind"], "geometry": z["geometry"]} for z in zones
        ])

    def _on_pick(self) -> None:
        items = self.zone_list.selectedItems()
        if not items:
            return
        zone_id = items[0].data(Qt.ItemDataRole.UserRole)
        zone = next((z for z in self._zones if z["id"] == zone_id), None)
        if zone is not None:
            self.edit_zone(zone)

    # ------------------------------------------------------------ editing
    def start_new(self, shape: str) -> None:
        self._zone_id = None
        self._geometry = None
        self._clear_errors()
        self.status.clear()
        self.shape_info.setText(
            self.tr("Click the corners on the map; click the first corner or press Finish shape to close.")
            if shape == "Polygon" else self.tr("Click the centre on the map, then click again at the radius.")
        )
        self.map_view.bridge.call("ARM.zones.draw", shape)

    def circle_around(self, lat: float, lon: float, label: str = "") -> None:
        """Start a new circle zone of 100 m around a found address (drag its edge to resize)."""
        self._zone_id = None
        self._geometry = None
        self._clear_errors()
        self.status.clear()
        self.zone_list.clearSelection()
        if label and not self.name.text().strip():
            self.name.setText(label[:200])
        self.map_view.bridge.call("ARM.zones.edit", {
            "kind": self.kind.currentData(),
            "geometry": {"circle": {"center": [lon, lat], "radius_m": ADDRESS_CIRCLE_M}},
        })

    def edit_zone(self, zone: dict[str, Any]) -> None:
        self._zone_id = zone["id"]
        self._geometry = {"geometry": zone["geometry"]}
        self._clear_errors()
        self.name.setText(zone["name"])
        self.kind.setCurrentIndex(max(0, self.kind.findData(zone["kind"])))
        self.buffer.setValue(zone.get("buffer_m") or 0)
        self._fill_districts(zone.get("district") or "")
        self.schedule.setText(format_schedule(zone.get("schedule")))
        self.map_view.bridge.call("ARM.zones.edit", {"kind": zone["kind"], "geometry": zone["geometry"]})

    def cancel(self) -> None:
        self.map_view.bridge.call("ARM.zones.cancel")
        self._zone_id = None
        self._geometry = None
        self.zone_list.clearSelection()
        self._clear_errors()
        self.shape_info.setText(self.tr("No shape yet: draw a polygon or a circle on the map."))

    def _clear_errors(self) -> None:
        for key in self.errors:
            self._set_error(key, "")

    def _shape_message(self, exc: ZoneShapeError) -> str:
        return {
            "empty": self.tr("Nothing usable is drawn: a zone needs at least three distinct corners."),
            "self_intersection": self.tr("The zone's border crosses itself: move the corners so it does not."),
            "too_small": self.tr("The zone is too small (at least 100 m², or a radius of 10 m)."),
            "too_large": self.tr("The zone is too large (over 50,000 km²)."),
            "bad_coordinates": self.tr("A corner of the zone lies outside valid coordinates."),
        }.get(exc.code, str(exc))

    def _failure_message(self, exc: BaseException) -> str:
        """A refused save as the user reads it (the caseload service's rights codes translated)."""
        if isinstance(exc, AccessDenied):
            return {
                "denied.zones": self.tr("Your role may not change zones."),
                "denied.district": self.tr("This belongs to a district that is not yours."),
            }.get(exc.code, str(exc))
        return str(exc)

    def _schedule_message(self, exc: ScheduleError) -> str:
        return {
            "bad_day": error_text(exc) or str(exc),
            "bad_time": self.tr("A time is not valid: use HH:MM between 00:00 and 24:00."),
            "bad_window": self.tr("Write each period like “Mon-Fri 22:00-06:00”, periods separated by “;”."),
            "empty_window": self.tr("A period starts and ends at the same time."),
        }.get(exc.code, str(exc))

    def _on_geometry(self, drawn: dict[str, Any]) -> None:
        self._geometry = drawn
        try:
            shape = validate(drawn)
        except ZoneShapeError as exc:
            self._set_error("shape", self._shape_message(exc))
            self.shape_info.setText(self.tr("Shape drawn, but it cannot be saved yet."))
            return
        self._set_error("shape", "")
        area = shape.area_m2
        area_text = (self.tr("{value} ha").format(value=f"{area / 10_000:.2f}") if area >= 10_000
                     else self.tr("{value} m²").format(value=f"{area:.0f}"))
        kind = self.tr("Circle") if shape.is_circle else self.tr("Polygon")
        self.shape_info.setText(self.tr("{kind}, area {area}").format(kind=kind, area=area_text))

    def collect(self) -> ZoneDraft | None:
        """The form as a ZoneDraft, or None after showing every problem beside its field."""
        ok = True
        name = self.name.text().strip()
        self._set_error("name", "" if name else self.tr("Give the zone a name."))
        ok &= bool(name)
        try:
            schedule = parse(self.schedule.text())
            self._set_error("schedule", "")
        except ScheduleError as exc:
            schedule = []
            self._set_error("schedule", self._schedule_message(exc))
            ok = False
        try:
            validate(self._geometry)
            self._set_error("shape", "")
        except ZoneShapeError as exc:
            self._set_error("shape", self._shape_message(exc))
            ok = False
        if not ok or self._geometry is None:
            return None
        return ZoneDraft(name=name, kind=str(self.kind.currentData()), geometry=self._geometry,
                         buffer_m=float(self.buffer.value()), district=str(self.district.currentData() or ""),
                         schedule=schedule)

    # ------------------------------------------------------------ what-if
    def check(self) -> None:
        """Replay the last days with the zone as drawn; list and mark where it would have raised alarms."""
        from arm.replay.whatif import DraftRule, what_if

        data = self.collect()
        if data is None:
            self.check_result.setText(self.tr("The check needs a valid zone: see the messages above."))
            return
        if data.kind == ZoneKind.HOME:
            self.check_result.setText(self.tr("A home zone raises no alarms of its own: nothing to check."))
            return
        kind = "exclusion_zone" if data.kind == ZoneKind.EXCLUSION else "inclusion_zone"
        draft = DraftRule(kind, geometry=data.geometry, buffer_m=data.buffer_m, zone_schedule=data.schedule,
                          zone_id=self._zone_id)
        days = self.check_days.value()
        self.check_button.setEnabled(False)
        self.check_result.setText(self.tr("Checking…"))
        self.ctx.run_in_worker(what_if, self.ctx.db, self.ctx.user, draft, None, days,
                               on_done=lambda result: self._on_checked(result, days), on_error=self._on_check_failed)

    def _on_checked(self, result: Any, days: int) -> None:
        from zoneinfo import ZoneInfo

        self.check_button.setEnabled(True)
        self.check_list.clear()
        tz = ZoneInfo(getattr(getattr(self.ctx.settings, "general", None), "timezone", "Asia/Almaty"))
        what = {"exclusion_zone": self.tr("entered the zone"), "inclusion_zone": self.tr("left the zone")}
        points = []
        for alarm in result.alarms:
            text = f"{alarm.at.astimezone(tz):%d.%m %H:%M}  {alarm.person_name}  {what.get(alarm.kind, alarm.kind)}"
            self.check_list.addItem(text)
            if alarm.lat is not None and alarm.lon is not None:
                points.append({"lat": alarm.lat, "lon": alarm.lon, "label": text})
        self.check_list.setVisible(bool(result.alarms))
        if result.alarms:
            self.check_result.setText(self.tr(
                "Alarms it would have raised in the last {days} days: {count} (persons checked: {persons})."
            ).format(days=days, count=len(result.alarms), persons=result.persons))
        else:
            self.check_result.setText(self.tr(
                "No alarm in the last {days} days (persons checked: {persons})."
            ).format(days=days, persons=result.persons))
        self.map_view.bridge.call("ARM.whatIf.show", points)

    def _on_check_failed(self, exc: BaseException) -> None:
        self.check_button.setEnabled(True)
        if isinstance(exc, AccessDenied):
            self.check_result.setText(self.tr("Your role may not run this check."))
        else:
            self.check_result.setText(self.tr("The check failed: {error}").format(error=str(exc)))

    def save(self) -> None:
        data = self.collect()
        if data is None:
            self.status.setText(self.tr("The zone was not saved: see the messages above."))
            return
        from maps.map_view import _write

        zone_id = self._zone_id
        self.save_button.setEnabled(False)

        def done(new_id: int) -> None:
            self.save_button.setEnabled(True)
            self._zone_id = new_id
            self.status.setText(self.tr("Zone “{name}” saved.").format(name=data.name))
            self.map_view.bridge.call("ARM.zones.cancel")
            self.refresh()
            self.saved.emit(new_id)

        def failed(exc: BaseException) -> None:
            self.save_button.setEnabled(True)
            self.status.setText(self.tr("The zone could not be saved: {error}").format(error=self._failure_message(exc)))

        _write(self.ctx, lambda s: save_zone(s, self.ctx.user, zone_id, data), done, failed)
