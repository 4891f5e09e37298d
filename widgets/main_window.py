"""The main window only composes: panels from the registry, menus, status bar.

Everything a panel shows is its own business (widgets/panels.py lists them);
this window places them in docks, restores the operator's layout, wires the
few cross-panel signals (a person chosen anywhere opens the person card), and
keeps the status bar: service state, devices online, persons, unacknowledged
alarms, who is logged in and the desk clock.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QEvent, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QDockWidget,
    QLabel,
    QMainWindow,
    QMessageBox,
    QWidget,
)
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from arm import i18n
from arm.events import ServiceStatus
from db.models import Device, Person
from widgets import panels
from widgets.context import AppContext
from widgets.device_status import contact_state

log = logging.getLogger("arm.gui.window")

COUNTS_REFRESH_MS = 15_000
STATE_VERSION = 1


def load_counts(session: Session) -> dict[str, int]:
    """Devices online/total and active persons, for the status bar."""
    now = datetime.now(UTC)
    devices = session.execute(select(Device.last_contact, Device.heartbeat_s, Device.status)).all()
    online = sum(
        1 for last, hb, status in devices
        if status not in ("rejected", "written_off") and contact_state(last, hb or 300, now) == "online"
    )
    persons = session.scalar(select(func.count(Person.id)).where(Person.deregistered_on.is_(None))) or 0
    return {"online": online, "devices": len(devices), "persons": int(persons)}


class MainWindow(QMainWindow):
    """The operator's workstation window."""

    personCardOpened = Signal(object)  # the PersonCard
    closed = Signal()

    def __init__(
        self, ctx: AppContext, parent: QWidget | None = None, only: frozenset[str] | None = None
    ) -> None:
        """``only`` limits the panels built (tests, and a desk that needs a few)."""
        super().__init__(parent)
        self.setObjectName("MainWindow")
        self.ctx = ctx
        self._only = only
        self.panels: dict[str, QWidget] = {}
        self.docks: dict[str, QDockWidget] = {}
        self.unavailable: list[str] = []
        self._counts = {"online": 0, "devices": 0, "persons": 0}
        self._unacked: int | None = None
        self._service_running = bool(getattr(ctx.service, "running", False))
        self._service_detail = ""
        self._build_panels()
        self._build_actions()
        self._build_menus()
        self._build_status_bar()
        self._wire()
        self.retranslateUi()
        self._restore_layout()
        self.refresh_counts()

    # ------------------------------------------------------------ composition
    def _build_panels(self) -> None:
        self.setDockOptions(
            QMainWindow.DockOption.AllowTabbedDocks | QMainWindow.DockOption.AnimatedDocks
            | QMainWindow.DockOption.AllowNestedDocks
        )
        for spec in panels.panels_for(self.ctx.role):
            if self._only is not None and spec.id not in self._only:
                continue
            widget = panels.load_panel(spec, self.ctx, self, map_view=self.panels.get("map"))
            self.panels[spec.id] = widget
            if isinstance(widget, panels.PlaceholderPanel):
                self.unavailable.append(spec.id)
            if spec.area == "center":
                self.setCentralWidget(widget)
                continue
            dock = QDockWidget(self)
            dock.setObjectName(f"dock_{spec.id}")
            dock.setWidget(widget)
            dock.setFeatures(
                QDockWidget.DockWidgetFeature.DockWidgetMovable
                | QDockWidget.DockWidgetFeature.DockWidgetFloatable
                | QDockWidget.DockWidgetFeature.DockWidgetClosable
            )
            self.docks[spec.id] = dock
            if spec.tab_with and spec.tab_with in self.docks:
                self.tabifyDockWidget(self.docks[spec.tab_with], dock)
                self.docks[spec.tab_with].raise_()
            else:
                self.addDockWidget(panels.AREAS.get(spec.area, Qt.DockWidgetArea.RightDockWidgetArea), dock)
        if self.centralWidget() is None:  # no map for this role: docks fill the window
            self.setCentralWidget(QWidget(self))
            self.centralWidget().hide()
        # Side docks run the full height; the bottom dock sits under the map only.
        self.setCorner(Qt.Corner.BottomLeftCorner, Qt.DockWidgetArea.LeftDockWidgetArea)
        self.setCorner(Qt.Corner.BottomRightCorner, Qt.DockWidgetArea.RightDockWidgetArea)

    def _apply_default_sizes(self) -> None:
        """Map largest; persons and alarms readable; device table a third of the height."""
        width = max(self.width(), 1200)
        side = [(k, w) for k, w in (("persons", int(width * 0.24)), ("alarms", int(width * 0.30)))
                if k in self.docks]
        if side:
            self.resizeDocks([self.docks[k] for k, _ in side], [w for _, w in side], Qt.Orientation.Horizontal)
        if "devices" in self.docks:
            self.resizeDocks([self.docks["devices"]], [int(self.height() * 0.32)], Qt.Orientation.Vertical)

    def _build_actions(self) -> None:
        self.settings_action = QAction(self)
        self.settings_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.settings_action.triggered.connect(self.open_settings)
        self.quit_action = QAction(self)
        self.quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        self.quit_action.triggered.connect(self.close)
        self.reset_layout_action = QAction(self)
        self.reset_layout_action.triggered.connect(self.reset_layout)
        self.about_action = QAction(self)
        self.about_action.triggered.connect(self.open_about)
        self.language_group = QActionGroup(self)
        self.language_group.setExclusive(True)
        self.language_actions: dict[str, QAction] = {}
        for code, name in i18n.LANGUAGES.items():
            action = QAction(name, self, checkable=True)
            action.setData(code)
            action.setChecked(code == i18n.current_language())
            action.triggered.connect(lambda _checked=False, c=code: self.set_language(c))
            self.language_group.addAction(action)
            self.language_actions[code] = action
        self.panel_actions: dict[str, QAction] = {}
        for spec in panels.actions_for(self.ctx.role):
            action = QAction(self)
            action.setObjectName(f"action_{spec.id}")
            action.triggered.connect(lambda _checked=False, s=spec: self.open_action_panel(s))
            self.panel_actions[spec.id] = action
        self.new_person_action = QAction(self)
        self.new_person_action.triggered.connect(lambda: self.open_person_edit(None))
        self.new_person_action.setEnabled(self.ctx.may_see_personal_data())

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = bar.addMenu("")
        self.file_menu.addAction(self.new_person_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.settings_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.quit_action)
        self.view_menu = bar.addMenu("")
        for dock in self.docks.values():
            self.view_menu.addAction(dock.toggleViewAction())
        self.view_menu.addSeparator()
        self.view_menu.addAction(self.reset_layout_action)
        self.language_menu = self.view_menu.addMenu("")
        self.language_menu.addActions(list(self.language_actions.values()))
        self.devices_menu = bar.addMenu("")
        self.devices_menu.addActions(list(self.panel_actions.values()))
        self.devices_menu.menuAction().setVisible(bool(self.panel_actions))
        self.help_menu = bar.addMenu("")
        self.help_menu.addAction(self.about_action)

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.service_label = self._status_label("serviceState")
        self.devices_label = self._status_label("devicesOnline")
        self.persons_label = self._status_label("personsCount")
        self.alarms_label = self._status_label("unackedAlarms")
        self.user_label = self._status_label("currentUser")
        self.clock_label = self._status_label("deskClock")
        for label in (self.service_label, self.devices_label, self.persons_label, self.alarms_label):
            bar.addWidget(label)
        bar.addPermanentWidget(self.user_label)
        bar.addPermanentWidget(self.clock_label)
        self._clock = QTimer(self)
        self._clock.setInterval(1000)
        self._clock.timeout.connect(self._tick_clock)
        self._clock.start()
        self._counts_timer = QTimer(self)
        self._counts_timer.setInterval(COUNTS_REFRESH_MS)
        self._counts_timer.timeout.connect(self.refresh_counts)
        self._counts_timer.start()
        self._counts_debounce = QTimer(self)
        self._counts_debounce.setSingleShot(True)
        self._counts_debounce.setInterval(1500)
        self._counts_debounce.timeout.connect(self.refresh_counts)

    def _status_label(self, name: str) -> QLabel:
        label = QLabel(self)
        label.setObjectName(name)
        label.setProperty("role", "statusItem")
        return label

    def _wire(self) -> None:
        bridge = self.ctx.bridge
        bridge.serviceStatus.connect(self._on_service_status)
        bridge.deviceStateChanged.connect(lambda _msg: self._counts_debounce.start())
        if bridge.last_service_status is not None:
            self._on_service_status(bridge.last_service_status)
        alarms = self.panels.get("alarms")
        if alarms is not None and hasattr(alarms, "unackedCountChanged"):
            alarms.unackedCountChanged.connect(self._on_unacked)
        if alarms is not None and hasattr(alarms, "alarmSelected"):
            alarms.alarmSelected.connect(self._on_alarm_selected)
        persons = self.panels.get("persons")
        if persons is not None and hasattr(persons, "personActivated"):
            persons.personActivated.connect(self.open_person_card)
            persons.editRequested.connect(self.open_person_edit)
            persons.personSelected.connect(self.show_on_map)
        for panel in self.panels.values():
            for name in ("personSelected", "personActivated", "personClicked"):
                signal = getattr(panel, name, None)
                if signal is not None and panel is not persons:
                    try:
                        signal.connect(self._on_person_selected)
                    except (RuntimeError, TypeError):
                        log.warning("cannot connect %s.%s", type(panel).__name__, name)

    # ------------------------------------------------------------ text
    def retranslateUi(self) -> None:
        self.setWindowTitle(self.tr("ARM: electronic monitoring operator workstation"))
        self.file_menu.setTitle(self.tr("&File"))
        self.view_menu.setTitle(self.tr("&View"))
        self.devices_menu.setTitle(self.tr("&Devices"))
        self.help_menu.setTitle(self.tr("&Help"))
        self.language_menu.setTitle(self.tr("&Language"))
        self.settings_action.setText(self.tr("&Settings…"))
        self.quit_action.setText(self.tr("&Quit"))
        self.reset_layout_action.setText(self.tr("&Reset panel layout"))
        self.about_action.setText(self.tr("&About ARM"))
        self.new_person_action.setText(self.tr("&New person…"))
        for spec in panels.PANELS:
            if spec.id in self.docks:
                self.docks[spec.id].setWindowTitle(spec.translated_title())
        for spec in panels.ACTIONS:
            if spec.id in self.panel_actions:
                self.panel_actions[spec.id].setText(spec.translated_title())
        self._update_status()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)

    # ------------------------------------------------------------ status bar
    def refresh_counts(self) -> None:
        self.ctx.read(load_counts, on_done=self._on_counts, on_error=lambda e: log.warning("counts: %s", e))

    def _on_counts(self, counts: dict[str, int]) -> None:
        self._counts = counts
        self._update_status()

    def _on_service_status(self, status: ServiceStatus) -> None:
        self._service_running = status.running
        self._service_detail = status.detail
        self._update_status()

    def _on_unacked(self, count: int) -> None:
        self._unacked = count
        self._update_status()

    def _update_status(self) -> None:
        if self._service_running:
            self.service_label.setText(self.tr("● Service running"))
        else:
            detail = f" ({self._service_detail})" if self._service_detail else ""
            self.service_label.setText(self.tr("■ Service stopped") + detail)
        self._set_state(self.service_label, "ok" if self._service_running else "alarm")
        self.devices_label.setText(
            self.tr("Devices online: {online} of {total}").format(
                online=self._counts["online"], total=self._counts["devices"]
            )
        )
        self.persons_label.setText(self.tr("Persons: {n}").format(n=self._counts["persons"]))
        if self._unacked is None:
            self.alarms_label.setText(self.tr("Unacknowledged alarms: —"))
            self._set_state(self.alarms_label, "")
        else:
            self.alarms_label.setText(self.tr("Unacknowledged alarms: {n}").format(n=self._unacked))
            self._set_state(self.alarms_label, "alarm" if self._unacked else "ok")
        user = self.ctx.user
        self.user_label.setText(
            self.tr("{name} ({role})").format(
                name=getattr(user, "full_name", "") or self.ctx.login, role=role_text(self.ctx.role)
            )
        )
        self._tick_clock()

    def _set_state(self, label: QLabel, state: str) -> None:
        if label.property("state") != state:
            label.setProperty("state", state)
            label.style().unpolish(label)
            label.style().polish(label)

    def _tick_clock(self) -> None:
        now = self.ctx.local(datetime.now(UTC))
        self.clock_label.setText(f"{now:%d.%m.%Y %H:%M:%S} {now.tzname()}")

    def unacked_alarms(self) -> int | None:
        return self._unacked

    # ------------------------------------------------------------ actions
    def set_language(self, code: str) -> None:
        i18n.set_language(code)
        code = i18n.current_language()
        action = self.language_actions.get(code)
        if action is not None:
            action.setChecked(True)
        general = getattr(self.ctx.settings, "general", None)
        if general is not None and general.language != code:
            general.language = code
            self._save_settings()

    def _save_settings(self) -> None:
        try:
            self.ctx.settings.save()
        except OSError as exc:
            self.show_notice(self.tr("Settings could not be saved: {error}").format(error=exc))

    def open_person_card(self, person_id: int) -> Any:
        from widgets.person_card import PersonCard

        card = PersonCard(self.ctx, int(person_id), self)
        card.editRequested.connect(self.open_person_edit)
        card.showOnMap.connect(self.show_on_map)
        card.showTrack.connect(self.show_track)
        card.show()
        self.personCardOpened.emit(card)
        return card

    def open_person_edit(self, person_id: int | None) -> Any:
        from widgets.person_edit import PersonEditForm

        form = PersonEditForm(self.ctx, person_id, self)
        form.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        persons = self.panels.get("persons")
        if persons is not None and hasattr(persons, "reload"):
            form.saved.connect(lambda _id: persons.reload())
        form.saved.connect(lambda _id: self.refresh_counts())
        form.show()
        return form

    def show_on_map(self, person_id: int) -> None:
        """Centre the map on a person (if the map panel is up)."""
        focus = getattr(self.panels.get("map"), "focus_person", None)
        if focus is not None:
            try:
                focus(int(person_id))
            except Exception:
                log.exception("map focus failed")

    def show_track(self, person_id: int, hours: int = 24) -> None:
        from datetime import timedelta

        show = getattr(self.panels.get("map"), "show_track", None)
        if show is None:
            self.statusBar().showMessage(self.tr("The map is not available."), 5000)
            return
        end = datetime.now(UTC)
        try:
            show(int(person_id), end - timedelta(hours=hours), end)
        except Exception:
            log.exception("map track failed")

    def _on_alarm_selected(self, alarm: Any) -> None:
        person_id = getattr(alarm, "person_id", None)
        if person_id is None and isinstance(alarm, dict):
            person_id = alarm.get("person_id")
        self._on_person_selected(person_id)

    def _on_person_selected(self, person_id: Any) -> None:
        persons = self.panels.get("persons")
        if person_id is not None and persons is not None and hasattr(persons, "select_person"):
            persons.select_person(int(person_id))

    def open_action_panel(self, spec: panels.PanelSpec) -> None:
        try:
            cls = panels.load_class(spec)
            dialog = cls(self.ctx, self)
        except Exception as exc:
            log.exception("cannot open %s", spec.id)
            self.show_notice(
                self.tr("“{title}” is not available: {error}").format(title=spec.translated_title(), error=exc)
            )
            return
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()

    def open_settings(self) -> None:
        from widgets.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.ctx.settings, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.applied.connect(self._settings_applied)
        dialog.open()

    def _settings_applied(self, restart_needed: bool) -> None:
        if i18n.current_language() != self.ctx.settings.general.language:
            self.set_language(self.ctx.settings.general.language)
        self._update_status()
        if restart_needed:
            self.statusBar().showMessage(
                self.tr("The database and service settings take effect after a restart."), 10_000
            )

    def open_about(self) -> None:
        from widgets.about import AboutDialog

        AboutDialog(self).exec()

    def show_notice(self, text: str) -> None:
        """An unexpected problem, shown without stopping the operator's work."""
        self.statusBar().showMessage(text, 15_000)
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("ARM"), text, QMessageBox.StandardButton.Ok, self)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.setWindowModality(Qt.WindowModality.NonModal)
        box.show()

    # ------------------------------------------------------------ layout
    def _layout_store(self) -> QSettings:
        from arm.config import config_dir

        return QSettings(str(config_dir() / "window.ini"), QSettings.Format.IniFormat)

    def _restore_layout(self) -> None:
        self._default_state = self.saveState(STATE_VERSION)
        store = self._layout_store()
        geometry = store.value(f"{self.ctx.role}/geometry")
        state = store.value(f"{self.ctx.role}/state")
        if geometry is not None:
            self.restoreGeometry(geometry)
        self._sized = state is not None and self.restoreState(state, STATE_VERSION)

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        if not self._sized:
            self._sized = True
            QTimer.singleShot(0, self._apply_default_sizes)

    def reset_layout(self) -> None:
        self.restoreState(self._default_state, STATE_VERSION)
        for dock in self.docks.values():
            dock.show()
        self._apply_default_sizes()

    def closeEvent(self, event: QCloseEvent) -> None:
        store = self._layout_store()
        store.setValue(f"{self.ctx.role}/geometry", self.saveGeometry())
        store.setValue(f"{self.ctx.role}/state", self.saveState(STATE_VERSION))
        store.sync()
        self._clock.stop()
        self._counts_timer.stop()
        super().closeEvent(event)
        self.closed.emit()


def role_text(role: str) -> str:
    from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

    names = {
        "operator": QT_TRANSLATE_NOOP("Role", "operator"),
        "supervisor": QT_TRANSLATE_NOOP("Role", "supervisor"),
        "technician": QT_TRANSLATE_NOOP("Role", "technician"),
        "administrator": QT_TRANSLATE_NOOP("Role", "administrator"),
    }
    return QCoreApplication.translate("Role", names.get(role, role))
