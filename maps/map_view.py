"""The live map panel: an offline Leaflet page fed with live positions.

Data flow: bus messages arrive through ``ctx.bridge`` (Qt signals on the GUI
thread) -> :class:`maps.live.LiveModel` -> the ids that changed are collected
and flushed at most every ``FLUSH_MS`` (100 ms) as ONE ``ARM.live.update`` call; the
page then repaints its canvas once per animation frame. The page is loaded
once and never reloaded for data. Database reads run on the context's worker
thread (``ctx.read``), never on the GUI thread.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QLocale, QSettings, QTimer, QUrl, Signal, Slot
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWebEngineCore import QWebEnginePage
from PySide6.QtWebEngineWidgets import QWebEngineView
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMenu, QToolBar, QToolButton, QVBoxLayout, QWidget
from sqlalchemy import select
from sqlalchemy.orm import Session

from arm import geo
from arm.caseload.zone_shapes import buffered
from arm.config import config_dir
from arm.events import AlarmChanged
from arm.geo import store as geo_store
from maps import assets, scheme
from maps.address_search import AddressSearch
from maps.bridge import MapBridge
from maps.guard import OfflineGuard
from maps.live import LiveModel, Snapshot, load_snapshot, person_label
from maps.mbtiles import MBTilesInfo
from maps.near_tool import NearPanel, may_search
from maps.page import PageLabels, attribution_text, build_page
from maps.settings import MapSettings
from maps.track import Track, load_track
from maps.track_panel import TrackPanel

log = logging.getLogger("arm.maps.view")

FLUSH_MS = 100
#: Rows per ARM.live.update call: about 10 ms of Python work, 150 KB of JSON.
MAX_ROWS_PER_FLUSH = 2000
STATE_TICK_MS = 10_000
RELOAD_THROTTLE_MS = 10_000
#: A focus on the person already focused within this time is an echo, not a new view.
REFOCUS_DEDUP_S = 2.0

def _audit(ctx: Any, action: str, object_type: str, object_id: Any, **detail: Any) -> None:
    """Record a view or action in the audit journal, on the worker."""
    from arm import audit

    def job(session: Session) -> None:
        audit.record(session, ctx.user, action, object_type, object_id, **detail)

    _write(ctx, job)


def _read(ctx: Any, fn: Callable[[Session], Any], on_done: Callable[[Any], None],
          on_error: Callable[[BaseException], None] | None = None) -> None:
    if hasattr(ctx, "read"):
        ctx.read(fn, on_done=on_done, on_error=on_error or (lambda e: log.error("map read failed: %s", e)))
    else:  # a bare context (benchmarks): read inline
        with ctx.db.session() as s:
            on_done(fn(s))


def _write(ctx: Any, fn: Callable[[Session], Any], on_done: Callable[[Any], None] | None = None,
           on_error: Callable[[BaseException], None] | None = None) -> None:
    if hasattr(ctx, "write"):
        ctx.write(fn, on_done=on_done, on_error=on_error or (lambda e: log.error("map write failed: %s", e)))
    else:
        with ctx.db.begin() as s:
            result = fn(s)
        if on_done:
            on_done(result)


def _may_see_personal_data(ctx: Any) -> bool:
    check = getattr(ctx, "may_see_personal_data", None)
    if callable(check):
        return bool(check())
    return str(getattr(ctx.user, "role", "")) in {"operator", "supervisor", "administrator"}


class MapPage(QWebEnginePage):
    """The map's page: it never navigates away from its own ``arm://`` page.

    A click on an attribution link or a dropped file would otherwise replace the
    map with an outside page (and try the network); such navigations are refused.
    """

    def acceptNavigationRequest(self, url: QUrl, nav_type: Any, is_main_frame: bool) -> bool:
        if url.scheme() == "arm":
            return True
        log.warning("map page navigation refused: %s", url.toString())
        return False

    def createWindow(self, _type: Any) -> QWebEnginePage | None:
        return None


class MapView(QWidget):
    """Live map of tracked persons, their focus, tracks and zones."""

    #: A marker was clicked (the main window selects that person everywhere).
    personClicked = Signal(int)
    ready = Signal()
    zoneGeometry = Signal(dict)

    def __init__(self, ctx: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.cfg = MapSettings.from_settings(getattr(ctx, "settings", None))
        self.model = LiveModel()  # contact thresholds: arm.device_health, the rules engine's
        self._pending: set[int] = set()
        self._sent_states: dict[int, str] = {}
        self._loaded = False
        self._reload_queued = False
        self._focused: int | None = None
        self._focused_at = 0.0
        self._replay: list[Any] | None = None

        self.view = QWebEngineView(self)
        self.page: QWebEnginePage | None = MapPage(scheme.map_profile(), self.view)
        self.view.setPage(self.page)
        app = QCoreApplication.instance()
        if app is not None:
            # QtWebEngine wants pages gone before their profile, which lives until the application ends
            app.aboutToQuit.connect(self.release)
        self.bridge = MapBridge(self.page, self)
        self.bridge.ready.connect(self._on_page_ready)
        self.bridge.markerClicked.connect(self._on_marker_clicked)
        self.bridge.zoneGeometry.connect(self.zoneGeometry)
        self.bridge.trackIndexPicked.connect(lambda i: self.track_panel.set_index(i))
        self.bridge.baseLayerChosen.connect(self._remember_base_layer)
        self.bridge.addressWanted.connect(self._answer_address)

        self.toolbar = QToolBar(self)
        self.follow_action = QAction(self.tr("Follow"), self)
        self.follow_action.setCheckable(True)
        self.follow_action.setToolTip(self.tr("Keep the selected person in the centre of the map"))
        self.follow_action.toggled.connect(lambda on: self.bridge.call("ARM.live.follow", on))
        self.clear_action = QAction(self.tr("Clear selection"), self)
        self.clear_action.triggered.connect(self.clear_focus)
        self.home_action = QAction(self.tr("Whole country"), self)
        self.home_action.triggered.connect(lambda: self.center_on(*self.cfg.center, zoom=self.cfg.zoom))
        self.track_button = QToolButton(self)
        self.track_button.setText(self.tr("Track"))
        self.track_button.setToolTip(self.tr("Show the selected person's track"))
        self.track_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        track_menu = QMenu(self.track_button)
        self._track_actions = []
        for hours, text in ((1, self.tr("Last hour")), (6, self.tr("Last 6 hours")),
                            (24, self.tr("Last 24 hours")), (24 * 7, self.tr("Last 7 days"))):
            self._track_actions.append(track_menu.addAction(text, lambda h=hours: self._track_selected(h)))
        self.track_button.setMenu(track_menu)
        self.track_button.setEnabled(False)
        self.toolbar.addAction(self.follow_action)
        self.toolbar.addWidget(self.track_button)
        self.copy_action = QAction(self.tr("Copy position"), self)
        self.copy_action.setToolTip(self.tr("Copy the selected person's address and coordinates"))
        self.copy_action.setEnabled(False)
        self.copy_action.triggered.connect(self.copy_position)
        self.toolbar.addAction(self.clear_action)
        self.toolbar.addAction(self.home_action)
        self.toolbar.addAction(self.copy_action)
        self.import_action = QAction(self.tr("Import map…"), self)
        self.import_action.setToolTip(self.tr("Import an OpenStreetMap extract: offline streets and addresses"))
        self.import_action.triggered.connect(self.open_import)
        role = str(getattr(getattr(ctx, "user", None), "role", "") or "")
        self.import_action.setVisible(role in ("administrator", "supervisor", "technician"))
        self.toolbar.addAction(self.import_action)
        self.near_action = QAction(self.tr("Who was here…"), self)
        self.near_action.setObjectName("nearAction")
        self.near_action.setToolTip(self.tr("Persons near a place within a time window (reason required, audited)"))
        self.near_action.triggered.connect(self.open_near)
        self.near_action.setVisible(may_search(ctx))  # supervisors only; the core refuses anyone else
        self.toolbar.addAction(self.near_action)
        self.near_panel: NearPanel | None = None
        self.search = AddressSearch(self._lang(), self)
        self.search.picked.connect(self.show_address)
        self.toolbar.addWidget(self.search)
        self.status = QLabel()
        self.toolbar.addWidget(self.status)
        self.notice = QLabel()
        self.notice.setStyleSheet("color: #b71c1c; font-weight: 600")
        self.toolbar.addWidget(self.notice)
        self.legend = QLabel(self._legend_text())
        # the legend under the toolbar, wrapping: in the toolbar it hid behind the chevron at 1366 px
        self.legend.setWordWrap(True)
        self.legend.setContentsMargins(6, 0, 6, 2)

        self.track_panel = TrackPanel(self.bridge, getattr(ctx, "format_time", None), self)
        self.track_panel.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.legend)
        self.body = QHBoxLayout()
        self.body.setContentsMargins(0, 0, 0, 0)
        self.body.setSpacing(0)
        self.body.addWidget(self.view, 1)
        layout.addLayout(self.body, 1)
        layout.addWidget(self.track_panel)

        self._flush_timer = QTimer(self)
        self._flush_timer.setSingleShot(True)
        self._flush_timer.setInterval(FLUSH_MS)
        self._flush_timer.timeout.connect(self._flush)
        self._state_timer = QTimer(self)
        self._state_timer.setInterval(STATE_TICK_MS)
        self._state_timer.timeout.connect(self._recheck_states)
        self._state_timer.start()

        bridge = getattr(ctx, "bridge", None)
        if bridge is not None:
            if hasattr(bridge, "eventsStored"):
                bridge.eventsStored.connect(self._on_events)
            if hasattr(bridge, "alarmChanged"):
                bridge.alarmChanged.connect(self._on_alarm)
        self._load_page()
        if getattr(ctx, "db", None) is not None:
            self.reload()

    def _legend_text(self) -> str:
        return self.tr(
            "<span style='color:#2e7d32'>●</span> normal  <span style='color:#d32f2f'>●</span> alarm  "
            "<span style='color:#8d8d8d'>○</span> no communication  <span style='color:#f9a825'>◆</span> "
            "device fault  <i>dashed = stale position</i>"
        )

    def retranslateUi(self) -> None:
        """Toolbar, legend and the page's words again, in the language just switched to."""
        self.follow_action.setText(self.tr("Follow"))
        self.follow_action.setToolTip(self.tr("Keep the selected person in the centre of the map"))
        self.clear_action.setText(self.tr("Clear selection"))
        self.home_action.setText(self.tr("Whole country"))
        self.track_button.setText(self.tr("Track"))
        self.track_button.setToolTip(self.tr("Show the selected person's track"))
        for action, text in zip(self._track_actions, (self.tr("Last hour"), self.tr("Last 6 hours"),
                                                      self.tr("Last 24 hours"), self.tr("Last 7 days")), strict=True):
            action.setText(text)
        self.near_action.setText(self.tr("Who was here…"))
        self.near_action.setToolTip(self.tr("Persons near a place within a time window (reason required, audited)"))
        if self.near_panel is not None:
            self.near_panel.retranslateUi()
        self.legend.setText(self._legend_text())
        self.status.setText(self.tr("{count} persons on the map").format(count=len(self.model.by_person)))
        self.bridge.call("ARM.setI18n", self._i18n())
        if not self.track_panel.isVisible():
            self._load_page()  # layer names are in the page itself; a shown track is not thrown away

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange and hasattr(self, "track_panel"):
            # one switch removes and installs several translators: rebuild the page once
            # (a child timer: it dies with the view, a window closing meanwhile is no problem)
            if not hasattr(self, "_retranslate_timer"):
                self._retranslate_timer = QTimer(self, singleShot=True, interval=0)
                self._retranslate_timer.timeout.connect(self._retranslate_once)
            self._retranslate_due = True
            self._retranslate_timer.start()
        super().changeEvent(event)

    def _retranslate_once(self) -> None:
        if getattr(self, "_retranslate_due", False) and self.page is not None:  # not after release()
            self._retranslate_due = False
            self.retranslateUi()

    # ------------------------------------------------------------ page
    def _labels(self) -> PageLabels:
        return PageLabels(
            regions=self.tr("Regions of Kazakhstan (offline)"),
            borders=self.tr("Region borders"),
            tile_server=self.tr("Tile server"),
            mbtiles=self.tr("Offline tiles: {name}"),
            basemap=self.tr("Imported map (streets, addresses)"),
            places=self.tr("Settlements"),
            rivers=self.tr("Rivers and lakes"),
            # the words only: amCharts, GeoNames and the licence names are not translated
            regions_attribution=self.tr("Regions © amCharts geodata (free linkware licence)"),
            places_attribution=self.tr("Settlements © GeoNames (CC BY 4.0)"),
            rivers_attribution=self.tr("Rivers © GSHHG (LGPL)"),
            basemap_attribution=self.tr("© OpenStreetMap contributors"),
        )

    def _i18n(self) -> dict[str, Any]:
        return {
            "states": {
                "normal": self.tr("Normal"),
                "alarm": self.tr("Alarm"),
                "nocomm": self.tr("No communication"),
                "fault": self.tr("Device fault"),
            },
            "zoneKinds": {"exclusion": self.tr("exclusion zone"), "inclusion": self.tr("inclusion zone"),
                          "home": self.tr("home"), "near": self.tr("who-was-here search area")},
            "ageSeconds": self.tr("{n} s ago"),
            "ageMinutes": self.tr("{n} min ago"),
            "ageHours": self.tr("{n} h ago"),
            "ageDays": self.tr("{n} d ago"),
            "fixAge": self.tr("Last fix: {age}"),
            "stale": self.tr("stale"),
            "accuracy": self.tr("Accuracy ±{m} m"),
            "home": self.tr("Home"),
            "layers": self.tr("Map layers"),
            "zoomIn": self.tr("Zoom in"),
            "zoomOut": self.tr("Zoom out"),
            "attribution": attribution_text(self._labels()),
        }

    def _load_page(self) -> None:
        try:
            assets.leaflet_dir()
        except assets.AssetMissing as exc:
            log.error("%s", exc)
            self.notice.setText(self.tr("The map cannot be shown: Leaflet is not installed ({detail}).")
                                .format(detail=str(exc)))
        handler = scheme.scheme_handler()
        infos: list[MBTilesInfo] = []
        for path in self.cfg.mbtiles:
            try:
                infos.append(handler.add_mbtiles(path).info)
            except (OSError, ValueError) as exc:
                log.error("MBTiles file skipped: %s", exc)
        if self.cfg.tile_url_error():
            log.error("tile server ignored: %s", self.cfg.tile_url_error())
        else:
            OfflineGuard.instance().allow_tile_server(self.cfg.tile_url)
        tz = getattr(self.ctx, "timezone", None)
        html = build_page(
            self.cfg, infos, self._labels(),
            {"i18n": self._i18n(), "timeZone": str(tz) if tz else "Asia/Almaty", "lang": self._lang(),
             "baseLayer": self.base_layer_choice()},
            basemap=geo_store.basemap_path() is not None,
        )
        url = handler.set_page(f"map-{id(self):x}", html)
        self.page.load(QUrl(url))

    # ------------------------------------------------------------ base layer, addresses
    @staticmethod
    def _desk_settings() -> QSettings:
        """This desk's own map choices (not shared with other desks through settings.json)."""
        return QSettings(str(config_dir() / "map.ini"), QSettings.Format.IniFormat)

    @classmethod
    def base_layer_choice(cls) -> str:
        """The base layer this desk chose last ("basemap", "regions", "server", "mbtiles:NAME"), or ""."""
        return str(cls._desk_settings().value("map/base_layer", "") or "")

    def _remember_base_layer(self, key: str) -> None:
        settings = self._desk_settings()
        settings.setValue("map/base_layer", key)
        settings.sync()

    def choose_base_layer(self, key: str) -> None:
        """Show another base layer at once (no page reload); remembered for this desk."""
        self.bridge.call("ARM.layers.choose", key)

    @staticmethod
    def _lang() -> str:
        lang = QLocale().name()[:2]
        return lang if lang in ("ru", "kk") else "en"

    def _answer_address(self, person_id: int, lat: float, lon: float) -> None:
        # one R*Tree lookup (about 50 µs): answered on the GUI thread
        text = geo.describe(lat, lon, self._lang()) or ""
        self.bridge.call("ARM.live.address", person_id, lat, lon, text)

    def position_text(self, person_id: int) -> str | None:
        """"address (lat, lon)" of a person's last fix, or None without one."""
        live = self.model.by_person.get(person_id)
        if live is None or live.lat is None or live.lon is None:
            return None
        coords = f"{live.lat:.6f}, {live.lon:.6f}"
        address = geo.describe(live.lat, live.lon, self._lang())
        return f"{address} ({coords})" if address else coords

    def open_import(self) -> Any:
        """The import dialog (Map -> Import); the page is rebuilt with the new basemap when it is done."""
        from maps.import_dialog import ImportDialog

        dialog = ImportDialog(self)
        dialog.imported.connect(self._after_import)
        dialog.show()
        return dialog

    def open_near(self) -> NearPanel | None:
        """The "who was here" panel beside the map (supervisors only)."""
        if not may_search(self.ctx):
            return None
        if self.near_panel is None:
            self.near_panel = NearPanel(self, self)
            self.body.addWidget(self.near_panel)
        self.near_panel.show()
        return self.near_panel

    def _after_import(self) -> None:
        self.search.refresh()
        self.apply_settings()

    @Slot(float, float, str)
    def show_address(self, lat: float, lon: float, label: str = "") -> None:
        """Centre on an address found by the search box, at house zoom, with a pin that names it."""
        self.bridge.call("ARM.layers.pin", float(lat), float(lon), label)
        self.center_on(lat, lon, 18)

    @Slot()
    def copy_position(self) -> None:
        """Put the selected person's address and coordinates on the clipboard."""
        if self._focused is None:
            return
        text = self.position_text(self._focused)
        if text:
            QGuiApplication.clipboard().setText(text)

    def apply_settings(self, settings: Any = None) -> None:
        """Re-read the map settings (tile server, MBTiles...) and rebuild the page.

        Call after the settings dialog saved; the new page gets the live state
        again when it reports ready, so no data is lost.
        """
        if settings is not None:
            self.ctx.settings = settings
        self.cfg = MapSettings.from_settings(getattr(self.ctx, "settings", None))
        self._load_page()

    def _on_page_ready(self) -> None:
        # A fresh page knows nothing: send everything the model has.
        self.bridge.call("ARM.live.labels", self.model.labels())
        rows = self.model.rows()
        if rows:
            self.bridge.call("ARM.live.update", rows)
        if self._focused is not None:
            self.bridge.call("ARM.live.select", self._focused)
        self.ready.emit()

    # ------------------------------------------------------------ data
    def reload(self) -> None:
        """Read persons, last fixes and alarms again (start, newly issued devices)."""
        personal = _may_see_personal_data(self.ctx)
        if not personal:
            # positions are personal data: a role without it (the administrator, who
            # draws zones on this map) sees the map and the zones, never a person's marker
            self._replay = []
            self._on_snapshot(Snapshot(persons=[], nobody=True))
            return
        districts = tuple(getattr(self.ctx.user, "districts", None) or ())
        self._replay = []  # messages that arrive while the snapshot is read
        _read(self.ctx, lambda s: load_snapshot(s, personal, districts), self._on_snapshot)

    def _on_snapshot(self, snapshot: Snapshot) -> None:
        self.model.load(snapshot)
        # Whatever arrived while the snapshot was read may be newer than it: apply it
        # again (fixes only move forward in time, so an older one changes nothing).
        replay, self._replay = self._replay, None
        for message in replay or ():
            if isinstance(message, AlarmChanged):
                self.model.apply_alarm(message)
            else:
                self.model.apply_events(message)
        self._loaded = True
        self.bridge.call("ARM.live.clear")
        self.bridge.call("ARM.live.labels", self.model.labels())
        self._pending.update(self.model.by_person)
        self._schedule_flush()
        if self._focused is not None:
            self.bridge.call("ARM.live.select", self._focused)

    def set_snapshot(self, snapshot: Snapshot) -> None:
        """Replace the live state directly (benchmarks, demo tools)."""
        self._on_snapshot(snapshot)

    @Slot(object)
    def _on_events(self, message: Any) -> None:
        if self._replay is not None:
            self._replay.append(message)
        changed = self.model.apply_events(message)
        if self._loaded and self.model.unknown_devices(message) and not self._reload_queued:
            self._reload_queued = True
            QTimer.singleShot(RELOAD_THROTTLE_MS if self.model.by_person else 0, self._throttled_reload)
        self._pending.update(changed)
        self._schedule_flush()

    def _throttled_reload(self) -> None:
        self._reload_queued = False
        self.reload()

    @Slot(object)
    def _on_alarm(self, change: Any) -> None:
        if self._replay is not None:
            self._replay.append(change)
        self._pending.update(self.model.apply_alarm(change))
        self._schedule_flush()

    def mark_changed(self, person_ids: set[int] | list[int]) -> None:
        self._pending.update(person_ids)
        self._schedule_flush()

    def _schedule_flush(self) -> None:
        if self._pending and not self._flush_timer.isActive():
            self._flush_timer.start()

    def _flush(self) -> None:
        if not self._pending:
            return
        if len(self._pending) <= MAX_ROWS_PER_FLUSH:
            ids, self._pending = self._pending, set()
        else:
            # A burst (everybody at once, a reload) goes out in slices, one per
            # event-loop turn, so no single flush holds the GUI thread for long.
            ids = set()
            for _ in range(MAX_ROWS_PER_FLUSH):
                ids.add(self._pending.pop())
            QTimer.singleShot(0, self._flush)
        now = datetime.now(UTC)
        rows = self.model.rows(ids, now)
        for row in rows:
            self._sent_states[row[0]] = row[4]
        if rows:
            self.bridge.call("ARM.live.update", rows)
        n = len(self.model.by_person)
        self.status.setText(self.tr("{count} persons on the map").format(count=n))

    def _recheck_states(self) -> None:
        """No-communication and fault states change with time alone: resend those."""
        now = datetime.now(UTC)
        for row in self.model.rows(None, now):
            if self._sent_states.get(row[0]) != row[4]:
                self._pending.add(row[0])
        self._schedule_flush()

    # ------------------------------------------------------------ public slots
    @Slot(int)
    def focus_person(self, person_id: int, follow: bool | None = None) -> None:
        """Centre on the person, show their zones and home, select them (audited)."""
        if follow is not None:
            self.follow_action.setChecked(follow)
        now = time.monotonic()
        if person_id == self._focused and now - self._focused_at < REFOCUS_DEDUP_S:
            return  # the same selection echoed back by another panel
        self._focused = person_id
        self._focused_at = now
        self.track_button.setEnabled(True)
        self.copy_action.setEnabled(True)
        self.bridge.call("ARM.live.select", person_id)
        live = self.model.by_person.get(person_id)
        if live and live.lat is not None:
            self.bridge.call("ARM.center", live.lat, live.lon, None)
        if not _may_see_personal_data(self.ctx):
            return  # a technician sees the device's marker, not the person's home and zones
        _read(self.ctx, lambda s: _focus_data(s, person_id), self._on_focus_data)
        _audit(self.ctx, "map.person_focus", "person", person_id)

    def _on_focus_data(self, data: dict[str, Any]) -> None:
        if data.get("id") != self._focused:
            return
        data["follow"] = self.follow_action.isChecked()
        self.bridge.call("ARM.focus", data)

    @Slot()
    def clear_focus(self) -> None:
        self._focused = None
        self._focused_at = 0.0
        self.track_button.setEnabled(False)
        self.copy_action.setEnabled(False)
        self.follow_action.setChecked(False)
        self.bridge.call("ARM.clearFocus")

    @Slot(float, float)
    def center_on(self, lat: float, lon: float, zoom: int | None = None) -> None:
        self.bridge.call("ARM.center", float(lat), float(lon), zoom)

    def show_track(self, person_id: int, start: datetime, end: datetime) -> None:
        """Load and show a person's track for [start, end] with replay controls (audited)."""
        personal = _may_see_personal_data(self.ctx)
        if not personal:
            self.notice.setText(self.tr("Your role may not view the movements of supervised persons."))
            QTimer.singleShot(10_000, self.notice.clear)
            return

        def job(s: Session) -> tuple[Track, str]:
            from db.models import Person

            person = s.get(Person, person_id)
            label = person_label(person, personal) if person else f"#{person_id}"
            return load_track(s, person_id, start, end), label

        def done(result: tuple[Track, str]) -> None:
            track, label = result
            fmt = getattr(self.ctx, "format_time", None)
            period = f"{fmt(start, seconds=False)} – {fmt(end, seconds=False)}" if fmt else ""
            self.track_panel.set_track(track, f"{label}  {period}".strip())

        _read(self.ctx, job, done)
        _audit(self.ctx, "map.track_view", "person", person_id, start=start, end=end)

    def _track_selected(self, hours: int) -> None:
        if self._focused is not None:
            end = datetime.now(UTC)
            self.show_track(self._focused, end - timedelta(hours=hours), end)

    # ------------------------------------------------------------ events
    def _on_marker_clicked(self, person_id: int) -> None:
        self.focus_person(person_id)
        self.personClicked.emit(person_id)

    def closeEvent(self, event: Any) -> None:
        self._state_timer.stop()
        self._flush_timer.stop()
        super().closeEvent(event)

    @Slot()
    def release(self) -> None:
        """Delete the web page now: QtWebEngine wants pages gone before their profile.

        Connected to the application's ``aboutToQuit`` by the view itself (no
        registry of views); the main window and tests call it earlier.
        """
        self._state_timer.stop()
        self._flush_timer.stop()
        page, self.page = self.page, None
        if page is not None:
            import shiboken6

            self.view.setPage(None)  # type: ignore[arg-type]
            if shiboken6.isValid(page):
                shiboken6.delete(page)


def _focus_data(session: Session, person_id: int) -> dict[str, Any]:
    """Home and zones of a person (restrictions valid now), for ``ARM.focus``."""
    from db.models import Person, Restriction, Zone

    person = session.get(Person, person_id)
    data: dict[str, Any] = {"id": person_id, "zones": [], "home": None}
    if person is None:
        return data
    if person.home_lat is not None and person.home_lon is not None:
        data["home"] = {"lat": person.home_lat, "lon": person.home_lon, "radius_m": person.home_radius_m}
    now = datetime.now(UTC)
    zones = session.scalars(
        select(Zone).join(Restriction, Restriction.zone_id == Zone.id).where(
            Restriction.person_id == person_id,
            Restriction.valid_from <= now,
            (Restriction.valid_until.is_(None)) | (Restriction.valid_until > now),
        )
    ).unique().all()
    for z in zones:
        data["zones"].append(
            {"id": z.id, "name": z.name, "kind": str(z.kind), "geometry": z.geometry,
             "buffer_geometry": buffered(z.geometry, z.buffer_m)}
        )
    return data
