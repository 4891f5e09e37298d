"""The main window only composes: panels from the registry, menus, status bar.

Everything a panel shows is its own business (widgets/panels.py lists them);
this window places them in docks, restores the operator's layout, wires the
few cross-panel signals (a person chosen anywhere is selected in the list and
shown on the map; a double-click opens the card) and hosts the status bar
(widgets/status_bar.py).
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QEvent, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QMainWindow,
    QMessageBox,
    QWidget,
)

from widgets import i18n, panels
from widgets.context import AppContext
from widgets.fit import ScrollFit, fit_title
from widgets.status_bar import DeskStatusBar

log = logging.getLogger("arm.gui.window")

STATE_VERSION = 1


def translates_itself(widget: QWidget) -> bool:
    """Whether one of our classes in the widget's ancestry answers a language change (``changeEvent``)."""
    return any("changeEvent" in vars(cls) for cls in type(widget).__mro__
               if not cls.__module__.startswith(("PySide6", "shiboken6")))


class MainWindow(QMainWindow):
    """The operator's workstation window."""

    personCardOpened = Signal(object)  # the PersonCard
    closed = Signal()

    def __init__(
        self, ctx: AppContext, parent: QWidget | None = None, only: frozenset[str] | None = None,
        confirm_close: bool = False,
    ) -> None:
        """``only`` limits the panels built (tests, and a desk that needs a few);
        ``confirm_close`` asks before closing (the running workstation does)."""
        super().__init__(parent)
        self.setObjectName("MainWindow")
        self.ctx = ctx
        self.confirm_on_close = confirm_close
        self._quit_box: QMessageBox | None = None
        self.logout_box: QMessageBox | None = None
        self.help_viewer: Any = None
        self._only = only
        self._unacked = 0
        self._flash_on = False
        self._flash = QTimer(self)
        self._flash.setInterval(800)
        self._flash.timeout.connect(self._blink)
        self.panels: dict[str, QWidget] = {}
        self.docks: dict[str, QDockWidget] = {}
        self.unavailable: list[str] = []
        self._build_panels()
        self._build_actions()
        self._build_menus()
        self.status = DeskStatusBar(ctx, self)
        self.setStatusBar(self.status)
        # The status items, by name (tests and other panels read them).
        self.service_label, self.devices_label = self.status.service_label, self.status.devices_label
        self.persons_label, self.alarms_label = self.status.persons_label, self.status.alarms_label
        self.user_label = self.status.user_label
        self._wire()
        self.retranslateUi()
        self._restore_layout()

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
            dock.setWidget(ScrollFit(widget))  # a wide panel scrolls inside; the window keeps its size
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
        """Map largest; persons and alarms readable; device table a third of the height.

        Fractions of the window, so the same layout fits 1366 and 1920 px
        (docks scroll inside themselves below their natural width: widgets/fit.py).
        """
        width = max(self.width(), 800)
        right = "alarms" if "alarms" in self.docks else "zones"
        # the alarm list is what a desk watches: the widest dock (its columns readable at 1366 px)
        fractions = (("persons", 0.20), (right, 0.38)) if "map" in self.panels else (("persons", 0.34),)
        side = [(k, int(width * f)) for k, f in fractions if k in self.docks]
        if side:
            self.resizeDocks([self.docks[k] for k, _ in side], [w for _, w in side], Qt.Orientation.Horizontal)
        if "devices" in self.docks:
            self.resizeDocks([self.docks["devices"]], [int(self.height() * 0.32)], Qt.Orientation.Vertical)

    def _build_actions(self) -> None:
        self.settings_action = QAction(self)
        self.settings_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.settings_action.triggered.connect(self.open_settings)
        self.logout_requested = False
        self.logout_action = QAction(self)
        self.logout_action.triggered.connect(self.log_out)
        self.quit_action = QAction(self)
        self.quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        self.quit_action.triggered.connect(self.close)
        self.reset_layout_action = QAction(self)
        self.reset_layout_action.triggered.connect(self.reset_layout)
        self.find_person_action = QAction(self)
        self.find_person_action.setShortcut(QKeySequence.StandardKey.Find)
        self.find_person_action.triggered.connect(self.find_person)
        # one key from anywhere to the alarm list (then A, N, Space... act on it)
        self.alarm_list_action = QAction(self)
        self.alarm_list_action.setObjectName("alarmListAction")
        self.alarm_list_action.setShortcut(QKeySequence("F2"))
        self.alarm_list_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.alarm_list_action.triggered.connect(self.focus_alarm_list)
        self.alarm_list_action.setEnabled("alarms" in self.panels)
        self.guide_action = QAction(self)
        self.guide_action.setShortcut(QKeySequence.StandardKey.HelpContents)
        self.guide_action.triggered.connect(self.open_guide)
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
        self.file_menu.addAction(self.logout_action)
        self.file_menu.addAction(self.quit_action)
        self.view_menu = bar.addMenu("")
        self.view_menu.addAction(self.find_person_action)
        self.view_menu.addAction(self.alarm_list_action)
        self.view_menu.addSeparator()
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
        self.help_menu.addAction(self.guide_action)
        self.help_menu.addAction(self.about_action)

    def _wire(self) -> None:
        alarms = self.panels.get("alarms")
        if alarms is not None and hasattr(alarms, "unackedCountChanged"):
            alarms.unackedCountChanged.connect(self.status.set_unacked)
            alarms.unackedCountChanged.connect(self._attention)
        if alarms is not None and hasattr(alarms, "escalatedCountChanged"):
            alarms.escalatedCountChanged.connect(self.status.set_escalated)
        if alarms is not None and hasattr(alarms, "alarmSelected"):
            alarms.alarmSelected.connect(self._on_alarm_selected)
        devices = self.panels.get("devices")
        if devices is not None and hasattr(devices, "personActivated"):
            devices.personActivated.connect(self.open_person_card)
        persons = self.panels.get("persons")
        if persons is not None and hasattr(persons, "personActivated"):
            persons.personActivated.connect(self.open_person_card)
            persons.editRequested.connect(self.open_person_edit)
            persons.personSelected.connect(self.show_on_map)
        lists = self.panels.get("reference")
        if lists is not None and hasattr(lists, "changed") and persons is not None and hasattr(persons, "reload"):
            lists.changed.connect(persons.reload)  # a renamed district: the person list names it anew
        for panel in self.panels.values():
            for name in ("personSelected", "personActivated", "personClicked"):
                signal = getattr(panel, name, None)
                if signal is not None and panel not in (persons, devices):
                    try:
                        signal.connect(self._on_person_selected)
                    except (RuntimeError, TypeError):
                        log.warning("cannot connect %s.%s", type(panel).__name__, name)

    # ------------------------------------------------------------ text
    def retranslateUi(self) -> None:
        self._title = self.tr("ARM: electronic monitoring operator workstation")
        self._show_title()
        self.file_menu.setTitle(self.tr("&File"))
        self.view_menu.setTitle(self.tr("&View"))
        self.devices_menu.setTitle(self.tr("&Devices"))
        self.help_menu.setTitle(self.tr("&Help"))
        self.language_menu.setTitle(self.tr("&Language"))
        self.settings_action.setText(self.tr("&Settings…"))
        self.quit_action.setText(self.tr("&Quit"))
        self.logout_action.setText(self.tr("&Log out (change operator)"))
        self.reset_layout_action.setText(self.tr("&Reset panel layout"))
        self.about_action.setText(self.tr("&About ARM"))
        self.find_person_action.setText(self.tr("&Find a person"))
        self.alarm_list_action.setText(self.tr("&Alarm list"))
        self.guide_action.setText(self.tr("&Guides"))
        self.new_person_action.setText(self.tr("&New person…"))
        for spec in panels.PANELS:
            if spec.id in self.docks:
                self.docks[spec.id].setWindowTitle(spec.translated_title())
        for spec in panels.ACTIONS:
            if spec.id in self.panel_actions:
                self.panel_actions[spec.id].setText(spec.translated_title())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)

    # ------------------------------------------------------------ attention
    def _attention(self, unacked: int) -> None:
        """Unacknowledged alarms: the title blinks its count and the taskbar entry flashes until all are acknowledged.

        ``QApplication.alert`` with 0 keeps the taskbar flashing until the window
        is activated; a new alarm (the count going up) flashes it again.
        """
        previous, self._unacked = self._unacked, max(0, unacked)
        if self._unacked > previous:
            QApplication.alert(self, 0)
        if self._unacked and not self._flash.isActive():
            self._flash.start()
        elif not self._unacked:
            self._flash.stop()
            self._flash_on = False
        self._show_title()

    def _blink(self) -> None:
        self._flash_on = not self._flash_on
        self._show_title()

    def _show_title(self) -> None:
        title = getattr(self, "_title", "")
        if self._unacked:
            mark = "⚠" if self._flash_on else "•"
            title = self.tr("{mark} Unacknowledged alarms: {n} — {title}").format(
                mark=mark, n=self._unacked, title=title)
        self.setWindowTitle(title)

    def focus_alarm_list(self) -> None:
        """F2: the alarm dock comes up and the alarm list gets the keyboard."""
        dock, alarms = self.docks.get("alarms"), self.panels.get("alarms")
        if dock is None or not hasattr(alarms, "focus_list"):
            return
        dock.show()
        dock.raise_()
        self.activateWindow()
        alarms.focus_list()

    # ------------------------------------------------------------ actions
    def set_language(self, code: str) -> None:
        i18n.set_language(code)
        code = i18n.current_language()
        self._rebuild_untranslated_panels()
        action = self.language_actions.get(code)
        if action is not None:
            action.setChecked(True)
        general = getattr(self.ctx.settings, "general", None)
        if general is not None and general.language != code:
            general.language = code
            self._save_settings()

    def _rebuild_untranslated_panels(self) -> None:
        """A docked panel that cannot retranslate itself is built again in the new language.

        Panels answer ``QEvent.LanguageChange`` with ``retranslateUi()``; one that
        has no ``changeEvent`` of its own would keep the old words until restart,
        so it is replaced (its filters start afresh, its data is read again).
        """
        for spec in panels.panels_for(self.ctx.role):
            old = self.panels.get(spec.id)
            dock = self.docks.get(spec.id)
            if old is None or dock is None or translates_itself(old):
                continue
            widget = panels.load_panel(spec, self.ctx, self, map_view=self.panels.get("map"))
            self.panels[spec.id] = widget
            dock.setWidget(ScrollFit(widget))
            release = getattr(old, "release", None)
            if callable(release):
                release()
            old.deleteLater()
            for name in ("personSelected", "personActivated", "personClicked"):
                signal = getattr(widget, name, None)
                if signal is not None:
                    signal.connect(self._on_person_selected)
            log.info("panel %s rebuilt for the language switch", spec.id)

    def log_out(self, force: bool = False) -> None:
        """Close this window and return to the log-in; the service keeps running.

        With unacknowledged alarms the operator is asked first: nobody would
        see them until the next log-in.
        """
        from arm import audit

        if self._unacked and not force:
            box = QMessageBox(
                QMessageBox.Icon.Warning, self.tr("Log out"),
                self.tr("{n} alarms are not acknowledged. After log-out nobody sees them on this desk until "
                        "the next operator logs in. Log out anyway?").format(n=self._unacked),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
            box.setObjectName("logoutWarning")
            fit_title(box)
            box.setDefaultButton(QMessageBox.StandardButton.No)
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            box.finished.connect(
                lambda result: result == QMessageBox.StandardButton.Yes and self.log_out(force=True))
            self.logout_box = box
            box.open()
            return
        user = self.ctx.user
        self.ctx.write(lambda s: audit.record(s, user, "logout"))
        self.logout_requested = True
        self.close()

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
        form.saved.connect(lambda _id: self.status.refresh_counts())
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
        if person_id is None:
            return
        # the map follows the alarm itself: a person list filtered to someone else (or already on
        # this person, so no selection change) must not keep the map where it was
        self.show_on_map(int(person_id))
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
        fit_title(dialog)
        dialog.show()

    def open_settings(self) -> None:
        from widgets.settings_dialog import SettingsDialog

        # alarm sound on/off is the administrator's (operators silence with M, for the alarms at hand)
        dialog = SettingsDialog(self.ctx.settings, self, may_switch_sound=self.ctx.role == "administrator")
        self._map_source = (self.ctx.settings.map.tile_url, self.ctx.settings.map.mbtiles)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.applied.connect(self._settings_applied)
        fit_title(dialog)
        dialog.open()

    def _settings_applied(self, restart_needed: bool) -> None:
        if i18n.current_language() != self.ctx.settings.general.language:
            self.set_language(self.ctx.settings.general.language)
        self.status.retranslateUi()  # the clock follows a new desk time zone at once
        map_view = self.panels.get("map")
        source = (self.ctx.settings.map.tile_url, self.ctx.settings.map.mbtiles)
        if map_view is not None and hasattr(map_view, "apply_settings") and source != getattr(self, "_map_source", source):
            map_view.apply_settings()  # a new tile server / MBTiles file: the map page is rebuilt, monitoring goes on
        alarms = self.panels.get("alarms")
        if alarms is not None and hasattr(alarms, "set_sound_enabled"):
            alarms.set_sound_enabled(bool(self.ctx.settings.alarms.sound))
        if restart_needed:
            self.statusBar().showMessage(
                self.tr("The database and service settings take effect after a restart."), 10_000
            )

    def find_person(self) -> None:
        """Ctrl+F: the search of the panel the focus is in (the alarm filter there), else the person search."""
        alarms = self.panels.get("alarms")
        focus = QApplication.focusWidget()
        if alarms is not None and focus is not None and alarms.isAncestorOf(focus) and hasattr(alarms, "focus_filter"):
            alarms.focus_filter()
            return
        dock, persons = self.docks.get("persons"), self.panels.get("persons")
        if dock is None or not hasattr(persons, "search"):
            return
        dock.show()
        dock.raise_()
        persons.search.setFocus()
        persons.search.selectAll()

    def open_guide(self) -> None:
        """F1: the guides shipped with ARM, in a window of their own (widgets/help_viewer.py)."""
        from widgets.help_viewer import HelpViewer, available_guides, first_guide

        if not available_guides():
            self.show_notice(self.tr("The operator guide is not installed on this computer."))
            return
        if self.help_viewer is None:
            # each role's own guide first (operator, supervisor, administrator, technician)
            self.help_viewer = HelpViewer(self, first_guide(self.ctx.role))
            self.help_viewer.destroyed.connect(lambda: setattr(self, "help_viewer", None))
            self.help_viewer.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.help_viewer.show()
        self.help_viewer.raise_()
        self.help_viewer.activateWindow()

    def open_about(self) -> None:
        from widgets.about import AboutDialog

        AboutDialog(self).exec()

    def show_notice(self, text: str) -> None:
        """An unexpected problem, shown without stopping the operator's work."""
        self.statusBar().showMessage(text, 15_000)
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("ARM"), text, QMessageBox.StandardButton.Ok, self)
        fit_title(box)
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
        if self.confirm_on_close and not self.logout_requested:
            event.ignore()  # ask first: closing stops this desk's monitoring
            self._ask_to_quit()
            return
        store = self._layout_store()
        store.setValue(f"{self.ctx.role}/geometry", self.saveGeometry())
        store.setValue(f"{self.ctx.role}/state", self.saveState(STATE_VERSION))
        store.sync()
        self.status.stop()
        super().closeEvent(event)
        self.release_panels()
        self.closed.emit()

    def _ask_to_quit(self) -> None:
        if self._quit_box is not None:
            return
        box = QMessageBox(
            QMessageBox.Icon.Question, self.tr("Quit ARM"),
            self.tr("Quit the workstation? Monitoring on this desk stops until ARM is started again."),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self,
        )
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(lambda result: self._quit_answered(result == QMessageBox.StandardButton.Yes))
        fit_title(box)
        self._quit_box = box
        box.open()

    def _quit_answered(self, yes: bool) -> None:
        self._quit_box = None
        if yes:
            self.confirm_on_close = False
            self.close()

    def release_panels(self) -> None:
        """Let panels that hold heavy resources (the map's web page) free them now."""
        for panel_id, panel in self.panels.items():
            release = getattr(panel, "release", None)
            if callable(release):
                try:
                    release()
                except Exception:
                    log.exception("releasing panel %s failed", panel_id)
