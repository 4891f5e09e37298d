""""Who was here" on the map (issue 18): a circle or a polygon, a time window, a reason; the persons found.

A supervisor draws a circle on the live map (or types a point and a radius),
or chooses "Polygon" and draws the area's corners with the zone editor's
drawing tool of the page (``ARM.zones.draw("Polygon")``: click the corners,
then the first corner or *Finish polygon*), picks the window and gives the
reason (the case or request it answers). The search is the core's
:func:`arm.history.near.who_was_in`, run on the
context's worker thread in a transaction: it checks the user's rights, narrows
to their districts and writes the search, its reason and what it found to the
audit journal. The panel lists each person with the closest fix, its distance
(for a polygon: the fix nearest the polygon's centroid and its distance to it)
and time; choosing a row shows that person's track in the window on the map,
and the result exports as the PDF the command line's ``arm near --pdf`` writes
(:func:`arm.history.near_pdf.export_pdf`).

The panel is only offered to supervisors (the map hides its action for other
roles); the core refuses anyone else whatever screen asks.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDateTime, Qt, QTimeZone, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateTimeEdit,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from shapely.geometry import mapping
from sqlalchemy.orm import Session

from arm import access, geo
from arm.caseload.zone_shapes import circle_polygon
from arm.history.near import (
    MAX_AREA_M2,
    MAX_RADIUS_M,
    MAX_SPAN_M,
    MAX_VERTICES,
    MAX_WINDOW,
    MIN_REASON_CHARS,
    MIN_VERTICES,
    Area,
    CircleArea,
    NearError,
    NearResult,
    PolygonArea,
    validate_polygon,
    who_was_in,
)
from maps.track import Track, TrackPoint

log = logging.getLogger("arm.maps.near")

DEFAULT_RADIUS_M = 200
DEFAULT_WINDOW = timedelta(hours=2)
#: the search area's style on the page (``ARM.zones.show``)
CIRCLE_KIND = "near"
#: the two shapes of area, as the shape chooser's data
CIRCLE, POLYGON = "circle", "polygon"


def may_search(ctx: Any) -> bool:
    """Whether the map offers the tool: supervisors only (the core checks again)."""
    return str(getattr(getattr(ctx, "user", None), "role", "") or "") == "supervisor"


class NearPanel(QWidget):
    """The side panel of the live map for one "who was here" search at a time."""

    #: the search finished (the result), or failed (the message shown)
    searched = Signal(object)
    failed = Signal(str)
    exported = Signal(str)

    def __init__(self, map_view: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent or map_view)
        self.setObjectName("NearPanel")
        self.map_view = map_view
        self.ctx = map_view.ctx
        self.result: NearResult | None = None
        self._drawing = False
        #: the polygon drawn, its corners as (lat, lon); None until one is drawn
        self.polygon: list[tuple[float, float]] | None = None
        tz = self._tz()

        self.title = QLabel(self)
        self.title.setStyleSheet("font-weight: 600")
        self.title.setWordWrap(True)
        self.shape = QComboBox(self)
        self.shape.setObjectName("nearShape")
        self.shape.addItem("", CIRCLE)
        self.shape.addItem("", POLYGON)
        self.shape.currentIndexChanged.connect(self._shape_changed)
        self.draw_button = QPushButton(self)
        self.draw_button.setObjectName("nearDraw")
        self.draw_button.clicked.connect(self.start_drawing)
        self.finish_button = QPushButton(self)
        self.finish_button.setObjectName("nearFinish")
        self.finish_button.clicked.connect(lambda: self.map_view.bridge.call("ARM.zones.finishDrawing"))
        self.polygon_info = QLabel(self)
        self.polygon_info.setObjectName("nearPolygonInfo")
        self.polygon_info.setWordWrap(True)
        self.lat = QDoubleSpinBox(self)
        self.lon = QDoubleSpinBox(self)
        for box, limit in ((self.lat, 90.0), (self.lon, 180.0)):
            box.setDecimals(6)
            box.setRange(-limit, limit)
            box.setSingleStep(0.0005)
        self.lat.setObjectName("nearLat")
        self.lon.setObjectName("nearLon")
        centre = getattr(getattr(map_view, "cfg", None), "center", None) or (51.1280, 71.4300)
        self.lat.setValue(float(centre[0]))
        self.lon.setValue(float(centre[1]))
        self.radius = QSpinBox(self)
        self.radius.setObjectName("nearRadius")
        self.radius.setRange(10, int(MAX_RADIUS_M))
        self.radius.setSingleStep(50)
        self.radius.setValue(DEFAULT_RADIUS_M)
        now = datetime.now(UTC).replace(second=0, microsecond=0)
        self.start = self._time_edit(now - DEFAULT_WINDOW, tz)
        self.start.setObjectName("nearFrom")
        self.end = self._time_edit(now, tz)
        self.end.setObjectName("nearTo")
        self.reason = QLineEdit(self)
        self.reason.setObjectName("nearReason")
        self.search_button = QPushButton(self)
        self.search_button.setObjectName("nearSearch")
        self.search_button.clicked.connect(self.search)
        self.error = QLabel(self)
        self.error.setObjectName("nearError")
        self.error.setProperty("role", "fieldError")
        self.error.setStyleSheet("color: #b71c1c")
        self.error.setWordWrap(True)
        self.error.hide()
        self.summary = QLabel(self)
        self.summary.setObjectName("nearSummary")
        self.summary.setWordWrap(True)
        self.table = QTableWidget(0, 3, self)
        self.table.setObjectName("nearResults")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in (1, 2):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.table.itemSelectionChanged.connect(self._row_chosen)
        self.export_button = QPushButton(self)
        self.export_button.setObjectName("nearExport")
        self.export_button.setEnabled(False)
        self.export_button.clicked.connect(self.choose_pdf)
        self.close_button = QPushButton(self)
        self.close_button.clicked.connect(self.hide)

        self.form = QFormLayout()
        self.form_labels = [QLabel(self) for _ in range(8)]
        draw_row = QHBoxLayout()
        draw_row.setContentsMargins(0, 0, 0, 0)
        draw_row.addWidget(self.draw_button, 1)
        draw_row.addWidget(self.finish_button)
        draw_widget = QWidget(self)
        draw_widget.setLayout(draw_row)
        for label, field in zip(self.form_labels, (self.shape, self.lat, self.lon, self.radius, self.polygon_info,
                                                   self.start, self.end, self.reason), strict=True):
            label.setBuddy(field)
            self.form.addRow(label, field)
            if field is self.shape:
                self.form.addRow(draw_widget)
        buttons = QHBoxLayout()
        buttons.addWidget(self.export_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.title)
        layout.addLayout(self.form)
        layout.addWidget(self.search_button)
        layout.addWidget(self.error)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.setMinimumWidth(400)
        self.setMaximumWidth(460)
        map_view.zoneGeometry.connect(self.on_geometry)
        self._apply_shape()

    # ------------------------------------------------------------ texts
    def retranslateUi(self) -> None:
        self.title.setText(self.tr("Who was here: persons near a place within a time window"))
        self.shape.setItemText(0, self.tr("Circle"))
        self.shape.setItemText(1, self.tr("Polygon"))
        if self.is_polygon():
            self.draw_button.setText(self.tr("Draw a polygon on the map"))
            self.draw_button.setToolTip(self.tr("Click the corners on the map; click the first corner or press "
                                                "Finish to close."))
        else:
            self.draw_button.setText(self.tr("Draw a circle on the map"))
            self.draw_button.setToolTip(self.tr("Click the centre on the map, then click again at the radius."))
        self.finish_button.setText(self.tr("Finish"))
        self.finish_button.setToolTip(self.tr("Close the polygon being drawn (or click its first corner)"))
        for label, text in zip(self.form_labels, (
                self.tr("Area"), self.tr("Latitude"), self.tr("Longitude"), self.tr("Radius"), self.tr("Polygon"),
                self.tr("From"), self.tr("To"), self.tr("Reason")), strict=True):
            label.setText(text)
        self._polygon_text()
        self.radius.setSuffix(self.tr(" m"))
        self.reason.setPlaceholderText(self.tr("Case or request number, e.g. КУИ № 1234"))
        self.search_button.setText(self.tr("Search"))
        self._headers()
        self.export_button.setText(self.tr("Export PDF…"))
        self.close_button.setText(self.tr("Close"))
        if self.result is not None:
            self._show_result(self.result)

    def _headers(self) -> None:
        polygon = self.result.polygon if self.result is not None else self.is_polygon()
        self.table.setHorizontalHeaderLabels([
            self.tr("Person"), self.tr("Closest fix"),
            self.tr("To the centre") if polygon else self.tr("Distance")])
        self.table.horizontalHeaderItem(2).setToolTip(
            self.tr("Distance of the fix nearest the polygon's centre to that centre") if polygon else "")

    def _polygon_text(self) -> None:
        if not self.polygon:
            self.polygon_info.setText(self.tr("Not drawn yet"))
            return
        try:
            _poly, size = validate_polygon(PolygonArea.of(self.polygon))
        except NearError:
            size = 0.0
        self.polygon_info.setText(self.tr("{n} corners, area {area} km²").format(
            n=len(self.polygon), area=f"{size / 1e6:.3f}"))

    # ------------------------------------------------------------ shape
    def is_polygon(self) -> bool:
        return self.shape.currentData() == POLYGON

    def set_shape(self, shape: str) -> None:
        """``CIRCLE`` or ``POLYGON``: the fields of that area."""
        self.shape.setCurrentIndex(max(0, self.shape.findData(shape)))

    def _apply_shape(self) -> None:
        """The fields of the chosen shape (a circle's point and radius, or the polygon drawn)."""
        polygon = self.is_polygon()
        for field in (self.lat, self.lon, self.radius):
            self.form.setRowVisible(field, not polygon)
        self.form.setRowVisible(self.polygon_info, polygon)
        self.finish_button.setVisible(polygon)
        self.retranslateUi()

    def _shape_changed(self) -> None:
        if self._drawing:
            self._drawing = False
            self.map_view.bridge.call("ARM.zones.cancel")
        self.error.hide()
        self._apply_shape()
        if not self.is_polygon():
            self._show_circle()
        elif self.polygon:
            self._show_polygon()
        else:
            self.map_view.bridge.call("ARM.zones.show", [])

    # ------------------------------------------------------------ helpers
    def _tz(self) -> ZoneInfo:
        tz = getattr(self.ctx, "timezone", None)
        if callable(tz):
            tz = tz()
        return tz if isinstance(tz, ZoneInfo) else ZoneInfo("Asia/Almaty")

    def _time_edit(self, when: datetime, tz: ZoneInfo) -> QDateTimeEdit:
        edit = QDateTimeEdit(self)
        edit.setTimeZone(QTimeZone(tz.key.encode()))
        edit.setDisplayFormat("dd.MM.yyyy HH:mm")
        edit.setCalendarPopup(True)
        edit.setDateTime(QDateTime.fromSecsSinceEpoch(int(when.timestamp()), QTimeZone(tz.key.encode())))
        return edit

    @staticmethod
    def _utc(edit: QDateTimeEdit) -> datetime:
        return datetime.fromtimestamp(edit.dateTime().toSecsSinceEpoch(), UTC)

    def _lang(self) -> str:
        lang = getattr(self.map_view, "_lang", None)
        return str(lang()) if callable(lang) else "ru"

    def _time_text(self, when: datetime, seconds: bool = True) -> str:
        fmt = getattr(self.ctx, "format_time", None)
        if callable(fmt):
            return str(fmt(when, seconds=seconds))
        return when.astimezone(self._tz()).strftime("%d.%m.%Y %H:%M:%S" if seconds else "%d.%m.%Y %H:%M")

    def set_window(self, start: datetime, end: datetime) -> None:
        tz = QTimeZone(self._tz().key.encode())
        self.start.setDateTime(QDateTime.fromSecsSinceEpoch(int(start.timestamp()), tz))
        self.end.setDateTime(QDateTime.fromSecsSinceEpoch(int(end.timestamp()), tz))

    def set_circle(self, lat: float, lon: float, radius_m: float | None = None) -> None:
        """The place searched: the circle's centre (and radius), shown on the map."""
        self.lat.setValue(lat)
        self.lon.setValue(lon)
        if radius_m is not None and radius_m >= 1:
            self.radius.setValue(min(int(MAX_RADIUS_M), max(self.radius.minimum(), round(radius_m))))
        self._show_circle()

    def set_polygon(self, vertices: list[tuple[float, float]]) -> None:
        """The area searched: a polygon of (lat, lon) corners, shown on the map."""
        self.set_shape(POLYGON)
        self.polygon = list(PolygonArea.of(vertices).vertices)
        self._polygon_text()
        self._show_polygon()

    def _show_polygon(self) -> None:
        if not self.polygon:
            return
        ring = [[lon, lat] for lat, lon in self.polygon]
        self.map_view.bridge.call("ARM.zones.show", [{
            "id": 0, "name": self.tr("Place searched"), "kind": CIRCLE_KIND,
            "geometry": {"type": "Polygon", "coordinates": [[*ring, ring[0]]]}}])

    def _show_area(self) -> None:
        if self.is_polygon():
            self._show_polygon()
        else:
            self._show_circle()

    def _show_circle(self) -> None:
        circle = circle_polygon(self.lon.value(), self.lat.value(), float(self.radius.value()))
        self.map_view.bridge.call("ARM.zones.show", [{
            "id": 0, "name": self.tr("Place searched"), "kind": CIRCLE_KIND, "geometry": mapping(circle)}])

    # ------------------------------------------------------------ drawing
    def start_drawing(self) -> None:
        self._drawing = True
        self.error.hide()
        self.map_view.bridge.call("ARM.zones.draw", "Polygon" if self.is_polygon() else "Circle")

    def on_geometry(self, drawn: dict[str, Any]) -> None:
        """A shape drawn on the map while the tool waits for one: the circle's centre and radius, or the
        polygon's corners."""
        if not self._drawing or not isinstance(drawn, dict):
            return
        if self.is_polygon():
            self._polygon_drawn(drawn)
            return
        circle = drawn.get("circle")
        try:
            lon, lat = float(circle["center"][0]), float(circle["center"][1])  # type: ignore[index]
            radius = float(circle.get("radius_m", 0.0))  # type: ignore[union-attr]
        except (TypeError, KeyError, ValueError, IndexError):
            self._fail(self.tr("Draw a circle: click the centre, then click again at the radius."))
            return
        self._drawing = False
        self.map_view.bridge.call("ARM.zones.cancel")
        self.set_circle(lat, lon, radius)

    def _polygon_drawn(self, drawn: dict[str, Any]) -> None:
        geometry = drawn.get("geometry")
        try:
            ring = geometry["coordinates"][0]  # type: ignore[index]
            corners = [(float(c[1]), float(c[0])) for c in ring]
        except (TypeError, KeyError, ValueError, IndexError):
            self._fail(self.tr("Draw a polygon: click its corners, then the first corner or Finish."))
            return
        self._drawing = False
        self.map_view.bridge.call("ARM.zones.cancel")
        self.set_polygon(corners)
        problem = self._polygon_problem()
        if problem:
            self._fail(problem)

    def _polygon_problem(self) -> str:
        """Why the drawn polygon cannot be searched, in the reader's words ("" when it can)."""
        if not self.polygon:
            return self.tr("Draw the polygon on the map first.")
        try:
            validate_polygon(PolygonArea.of(self.polygon))
        except NearError as exc:
            return {
                "polygon.corners": self.tr("A polygon has {lo} to {hi} corners.").format(
                    lo=MIN_VERTICES, hi=MAX_VERTICES),
                "polygon.not_simple": self.tr("The polygon's edges cross: draw its corners in order around the "
                                              "area."),
                "polygon.too_small": self.tr("The polygon encloses almost no area: are its corners in a line?"),
                "polygon.too_wide": self.tr("The polygon is at most {km} km across.").format(
                    km=f"{MAX_SPAN_M / 1000:.0f}"),
                "polygon.too_large": self.tr("The polygon's area is at most {km2} km².").format(
                    km2=f"{MAX_AREA_M2 / 1e6:.1f}"),
            }.get(exc.code, self.tr("The polygon cannot be searched: draw it again."))
        return ""

    # ------------------------------------------------------------ search
    def problems(self) -> list[str]:
        """What keeps the search from running, in the reader's words (the core checks again)."""
        out: list[str] = []
        if self.is_polygon() and (problem := self._polygon_problem()):
            out.append(problem)
        start, end = self._utc(self.start), self._utc(self.end)
        if end <= start:
            out.append(self.tr("'To' must be after 'From'."))
        elif end - start > MAX_WINDOW:
            out.append(self.tr("The window is at most {days} days.").format(days=MAX_WINDOW.days))
        if len(" ".join(self.reason.text().split())) < MIN_REASON_CHARS:
            out.append(self.tr("Give the reason: the case or request the search answers (at least {n} characters).")
                       .format(n=MIN_REASON_CHARS))
        return out

    def search(self) -> None:
        """Run the search on the worker (audited there); the list fills when it is done."""
        errors = self.problems()
        if errors:
            self._fail(" ".join(errors))
            return
        self.error.hide()
        self.search_button.setEnabled(False)
        self.summary.setText(self.tr("Searching…"))
        area: Area = (PolygonArea.of(self.polygon or []) if self.is_polygon()
                      else CircleArea(self.lat.value(), self.lon.value(), float(self.radius.value())))
        start, end, reason = self._utc(self.start), self._utc(self.end), self.reason.text()
        user = self.ctx.user
        self._show_area()

        def job(session: Session) -> NearResult:
            return who_was_in(session, user, area, start, end, reason, with_tracks=True)

        self.ctx.write(job, on_done=self._done, on_error=self._error)

    def _done(self, result: NearResult) -> None:
        self.search_button.setEnabled(True)
        self.result = result
        self._show_result(result)
        self.searched.emit(result)

    def _error(self, error: BaseException) -> None:
        self.search_button.setEnabled(True)
        self.summary.clear()
        if isinstance(error, access.AccessDenied):
            self._fail(self.tr("Only a supervisor may search who was at a place; the refusal is recorded."))
        elif isinstance(error, NearError):
            self._fail(self.tr("The search could not be run: check the place, the radius and the window.")
                       if not self.is_polygon() else
                       self.tr("The search could not be run: check the polygon and the window."))
        else:
            log.error("who-was-here search failed: %s", error)
            self._fail(self.tr("The search failed; see the application log."))

    def _fail(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()
        self.failed.emit(text)

    def _show_result(self, result: NearResult) -> None:
        text = self.tr("Persons found: {n}").format(n=len(result.hits))
        if result.hidden:
            text += " " + self.tr("(and {n} of other districts, not named)").format(n=result.hidden)
        self.summary.setText(text)
        self._headers()
        self.table.clearSelection()  # a new result: choosing its first row must show its track, not keep the last
        self.table.setRowCount(len(result.hits))
        for row, hit in enumerate(result.hits):
            place = geo.place_line(hit.closest.lat, hit.closest.lon, self._lang())
            cells = (hit.name, self._time_text(hit.closest.time), geo.distance_text(hit.distance_m, self._lang()))
            for col, value in enumerate(cells):
                item = QTableWidgetItem(value)
                item.setToolTip(f"{hit.name}, {hit.district}, {hit.device_serial}\n{place}")
                item.setData(Qt.ItemDataRole.UserRole, row)
                self.table.setItem(row, col, item)
        self.export_button.setEnabled(True)
        if result.hits:
            self.table.selectRow(0)

    def _row_chosen(self) -> None:
        rows = {i.row() for i in self.table.selectedItems()}
        if len(rows) == 1 and self.result is not None:
            self.show_track(rows.pop())

    def show_track(self, row: int) -> Track | None:
        """The chosen person's fixes in the window, on the map with the replay controls."""
        if self.result is None or not 0 <= row < len(self.result.hits):
            return None
        hit = self.result.hits[row]
        track = Track(hit.person_id, self.result.start, self.result.end,
                      [TrackPoint(f.time, f.lat, f.lon, 2) for f in hit.track])
        period = f"{self._time_text(self.result.start, False)} – {self._time_text(self.result.end, False)}"
        self.map_view.track_panel.set_track(track, f"{hit.name}  {period}")
        return track

    # ------------------------------------------------------------ export
    def choose_pdf(self) -> None:
        if self.result is None:
            return
        name, _filter = QFileDialog.getSaveFileName(self, self.tr("Export PDF"), "who-was-here.pdf",
                                                    self.tr("PDF documents (*.pdf)"))
        if name:
            self.export_pdf(Path(name))

    def export_pdf(self, out: Path) -> None:
        """The PDF of ``arm near --pdf`` for the investigator, written on the worker."""
        result, lang, tz = self.result, self._lang(), self._tz()
        if result is None:
            return
        from arm.history.near_pdf import export_pdf

        def job(_session: Session) -> str:
            return str(export_pdf(result, out, lang=lang, tz=tz, force=True))

        def done(path: str) -> None:
            self.summary.setText(self.tr("PDF written: {path}").format(path=path))
            self.exported.emit(path)

        def error(exc: BaseException) -> None:
            log.error("who-was-here PDF failed: %s", exc)
            self._fail(self.tr("The PDF could not be written: {error}").format(error=str(exc)))

        self.ctx.read(job, on_done=done, on_error=error)
