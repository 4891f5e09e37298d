"""Alarms are hard to miss: selection, map, banner, title, F2, Ctrl+F, log-out, sound rights.

The real alarm panel on the real core (the rules scenario world), in the real
main window where the window's part is tested.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from arm.alarms.scenario import World, later
from arm.config import Settings
from arm.service import MonitoringService
from tests.alarms.test_panel import HOME, OPERATOR_DISTRICTS, T0, feed_and_wait
from widgets.alarm_panel import AlarmPanel
from widgets.context import AppContext
from widgets.main_window import MainWindow
from widgets.qt_bridge import QtBridge
from widgets.settings_dialog import SettingsDialog

pytestmark = pytest.mark.gui


@pytest.fixture
def actx(qapp: Any, world: World, tmp_data_dir: Any) -> Iterator[AppContext]:
    service = MonitoringService(world.db, world.bus, Settings())
    service.alarms = world.operations
    for i, (last, district) in enumerate((("Ахметов", "KZ-75-almaly"), ("Бекова", "KZ-75-bostandyk")), 1):
        pid = world.seed.person(last, "Ержан", district=district, home=HOME)
        world.seed.kit(pid, str(i), ("BRC", "SKU", "TRK"))
    world.reload()
    context = AppContext(db=world.db, service=service, bus=world.bus, bridge=QtBridge(world.bus),
                         user=world.user("op1", "operator", OPERATOR_DISTRICTS), settings=Settings())
    yield context
    context.close()


@pytest.fixture
def panel(qtbot: Any, actx: AppContext) -> AlarmPanel:
    widget = AlarmPanel(actx, sound=False)
    qtbot.addWidget(widget)
    widget.resize(900, 600)
    widget.show()
    return widget


class _Map(QWidget):
    def __init__(self, ctx: Any, parent: Any = None) -> None:
        super().__init__(parent)
        self.focused: list[int] = []

    def focus_person(self, person_id: int, follow: bool | None = None) -> None:
        self.focused.append(person_id)


@pytest.fixture
def window(qtbot: Any, actx: AppContext, monkeypatch: pytest.MonkeyPatch) -> MainWindow:
    import widgets.panels as panels_module

    real_load = panels_module.load_panel

    def load(spec: Any, ctx: Any, parent: Any = None, map_view: Any = None) -> QWidget:
        if spec.id == "map":
            return _Map(ctx, parent)
        if spec.id == "alarms":
            return AlarmPanel(ctx, parent, sound=False)
        return real_load(spec, ctx, parent, map_view)

    monkeypatch.setattr(panels_module, "load_panel", load)
    win = MainWindow(actx, only=frozenset({"map", "alarms", "persons"}))
    qtbot.addWidget(win)
    win.resize(1366, 728)
    win.show()
    win.activateWindow()
    qtbot.waitExposed(win)
    return win


def _strap(world: World, serial: str = "BRC-2", minutes: int = 1) -> Any:
    return world.ev(serial, later(T0, minutes=minutes), "TAMPER", part="STRAP", state="OPEN")


def _battery(world: World) -> Any:
    return world.ev("TRK-1", T0, "STAT", battery=9, charging=False, rssi=None, temperature=None)


def test_a_more_severe_new_alarm_takes_the_selection(qtbot: Any, panel: AlarmPanel, world: World) -> None:
    feed_and_wait(qtbot, panel, world, _battery(world), count=1)
    assert panel.selected().kind == "low_battery"
    moved: list[dict] = []
    panel.alarmSelected.connect(moved.append)
    panel.table.setFocus()
    feed_and_wait(qtbot, panel, world, _strap(world), count=2)
    qtbot.waitUntil(lambda: panel.selected().kind == "tamper_strap", timeout=5000)
    qtbot.waitUntil(lambda: bool(moved) and moved[-1]["person_id"] == panel.selected().person_id, timeout=5000)


def test_not_while_the_operator_types(qtbot: Any, panel: AlarmPanel, world: World) -> None:
    feed_and_wait(qtbot, panel, world, _battery(world), count=1)
    panel.activateWindow()
    panel.person.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is panel.person, timeout=2000)
    feed_and_wait(qtbot, panel, world, _strap(world), count=2)
    qtbot.wait(100)
    assert panel.selected().kind == "low_battery"


def test_a_banner_when_sound_cannot_play(qtbot: Any, actx: AppContext) -> None:
    off = AlarmPanel(actx, sound=False)
    qtbot.addWidget(off)
    off.show()
    assert off.sound_banner.isVisible() and "switched off" in off.sound_banner.text()
    on = AlarmPanel(actx)  # offscreen test machines have no audio output
    qtbot.addWidget(on)
    on.show()
    if on.sounder.problem:
        assert on.sound_banner.isVisible() and "cannot play" in on.sound_banner.text()
    else:
        assert not on.sound_banner.isVisible()
    on.set_sound_enabled(False)
    assert on.sound_banner.isVisible() and "switched off" in on.sound_banner.text()


def test_the_title_flashes_until_acknowledged(qtbot: Any, window: MainWindow, world: World) -> None:
    alerts: list[Any] = []
    original = QApplication.alert
    QApplication.alert = lambda w, ms=0: alerts.append((w, ms))  # type: ignore[method-assign]
    try:
        panel = window.panels["alarms"]
        feed_and_wait(qtbot, panel, world, _strap(world), count=1)
        qtbot.waitUntil(lambda: "Unacknowledged alarms: 1" in window.windowTitle(), timeout=5000)
        assert alerts == [(window, 0)]
        first = window.windowTitle()
        qtbot.waitUntil(lambda: window.windowTitle() != first, timeout=3000)  # it blinks
        window.focus_alarm_list()
        qtbot.keyClick(panel.table, Qt.Key.Key_A)
        qtbot.waitUntil(lambda: window.windowTitle() == window._title, timeout=5000)
        assert not window._flash.isActive()
    finally:
        QApplication.alert = original  # type: ignore[method-assign]


def test_f2_focuses_the_alarm_list_and_its_keys_work(qtbot: Any, window: MainWindow, world: World) -> None:
    panel = window.panels["alarms"]
    persons = window.panels["persons"]
    feed_and_wait(qtbot, panel, world, _strap(world), count=1)
    persons.search.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is persons.search, timeout=2000)
    qtbot.keyClick(persons.search, Qt.Key.Key_F2)
    assert QApplication.focusWidget() is panel.table
    qtbot.keyClick(panel.table, Qt.Key.Key_A)
    qtbot.waitUntil(lambda: panel.unackedCount == 0, timeout=5000)
    # Ctrl+F: the alarm filter from the alarm list, the person search elsewhere (one binding)
    qtbot.keyClick(panel.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is panel.person
    window.map_focus = window.panels["map"]
    window.panels["map"].setFocus()
    window.find_person()
    assert QApplication.focusWidget() is persons.search


def test_alarm_selection_moves_the_map_despite_a_person_filter(qtbot: Any, window: MainWindow,
                                                                world: World) -> None:
    panel, persons, map_view = window.panels["alarms"], window.panels["persons"], window.panels["map"]
    persons.search.setText("Ахметов")  # a leftover filter: the strap alarm is Бекова's
    feed_and_wait(qtbot, panel, world, _strap(world), count=1)
    qtbot.waitUntil(lambda: panel.selected() is not None, timeout=5000)
    qtbot.waitUntil(lambda: panel.selected().person_id in map_view.focused, timeout=5000)


def test_log_out_with_unacknowledged_alarms_asks(qtbot: Any, window: MainWindow, world: World) -> None:
    feed_and_wait(qtbot, window.panels["alarms"], world, _strap(world), count=1)
    qtbot.waitUntil(lambda: window._unacked == 1, timeout=5000)
    window.logout_action.trigger()
    box = window.logout_box
    assert box is not None and box.isVisible() and "1 alarms are not acknowledged" in box.text()
    assert window.isVisible() and not window.logout_requested
    box.done(QMessageBox.StandardButton.No)
    assert window.isVisible() and not window.logout_requested


def test_escalation_is_in_the_status_bar_and_a_banner(qtbot: Any, window: MainWindow) -> None:
    panel = window.panels["alarms"]
    panel.escalatedCountChanged.emit(2)
    assert "escalated: 2" in window.alarms_label.text()
    window.statusBar().showMessage("a long message from F1 or a saved file", 5000)
    assert window.alarms_label.isVisible()  # a message never covers the count


def test_only_an_administrator_switches_sound_off(qtbot: Any) -> None:
    settings = Settings()
    operator = SettingsDialog(settings, may_switch_sound=False)
    qtbot.addWidget(operator)
    assert not operator.sound.isEnabled()
    operator.sound.setChecked(False)
    assert operator.values()["sound"] is True
    admin = SettingsDialog(settings, may_switch_sound=True)
    qtbot.addWidget(admin)
    admin.sound.setChecked(False)
    assert admin.values()["sound"] is False
