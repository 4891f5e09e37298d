"""The main window composed from the registry, on demo data in a real database."""

from __future__ import annotations

import sys
import threading
import types
from typing import Any

import pytest
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from arm.events import ServiceStatus
from tests.gui.conftest import wait_worker
from widgets import panels
from widgets.main_window import MainWindow

CORE_PANELS = frozenset({"persons", "devices"})


def _window(qtbot: Any, ctx: Any, only: frozenset[str] | None = CORE_PANELS) -> MainWindow:
    window = MainWindow(ctx, only=only)
    qtbot.addWidget(window)
    window.show()
    wait_worker(qtbot, ctx)
    return window


def test_demo_data_fills_the_panels(qtbot: Any, demo_db: Any, users: dict, make_ctx: Any) -> None:
    ctx = make_ctx(demo_db, users["operator"])
    window = _window(qtbot, ctx)
    persons = window.panels["persons"]
    devices = window.panels["devices"]
    qtbot.waitUntil(lambda: persons.model.rowCount() == 8 and devices.model.rowCount() > 8, timeout=5000)
    assert window.docks["persons"].isVisible() and window.docks["devices"].isVisible()
    qtbot.waitUntil(lambda: "Persons: 8" in window.persons_label.text(), timeout=5000)
    names = {persons.model.row(i).name for i in range(8)}
    assert all(len(n.split()) >= 2 for n in names)
    holder = devices.model.index(0, devices.model.HOLDER).data()
    assert holder  # each demo device shows its holder, or "not issued"
    assert "of" in window.devices_label.text()
    assert window.user_label.text().startswith("Test Operator")


def test_service_state_in_status_bar(qtbot: Any, db: Any, users: dict, make_ctx: Any, bus: Any) -> None:
    ctx = make_ctx(db, users["operator"])
    window = _window(qtbot, ctx)
    assert "stopped" in window.service_label.text()
    thread = threading.Thread(target=bus.publish, args=(ServiceStatus(True, ("rules",)),))
    thread.start()
    thread.join()
    qtbot.waitUntil(lambda: "running" in window.service_label.text(), timeout=2000)
    assert window.service_label.property("state") == "ok"


class _FakeAlarms(QWidget):
    """A stand-in alarm panel with the real panel's signals (for the status bar)."""

    unackedCountChanged = Signal(int)
    alarmSelected = Signal(object)

    def __init__(self, ctx: Any, parent: Any = None) -> None:
        super().__init__(parent)


class _FakeMap(QWidget):
    """Records what the window asks the map to do."""

    personClicked = Signal(int)

    def __init__(self, ctx: Any, parent: Any = None) -> None:
        super().__init__(parent)
        self.focused: list[int] = []

    def focus_person(self, person_id: int, follow: bool | None = None) -> None:
        self.focused.append(person_id)


class _Broken(QWidget):
    def __init__(self, ctx: Any, parent: Any = None) -> None:
        raise RuntimeError("half-written panel")


@pytest.fixture
def test_panels(monkeypatch: pytest.MonkeyPatch) -> None:
    module = types.ModuleType("arm_test_panels")
    module.FakeAlarms = _FakeAlarms  # type: ignore[attr-defined]
    module.Broken = _Broken  # type: ignore[attr-defined]
    module.FakeMap = _FakeMap  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "arm_test_panels", module)
    registry = (
        panels.PanelSpec("map", "Map", "arm_test_panels", "FakeMap", area="center"),
        panels.PanelSpec("alarms", "Alarms", "arm_test_panels", "FakeAlarms", area="right"),
        panels.PanelSpec("broken", "Broken", "arm_test_panels", "Broken", area="right"),
        panels.PanelSpec("missing", "Missing", "no_such_module_xyz", "Nothing", area="bottom"),
        panels.PanelSpec("persons", "Persons", "widgets.person_list", "PersonListPanel", area="left"),
    )
    monkeypatch.setattr(panels, "PANELS", registry)


def test_broken_panels_become_placeholders(qtbot: Any, db: Any, users: dict, make_ctx: Any, test_panels: None) -> None:
    window = _window(qtbot, make_ctx(db, users["operator"]), only=None)
    broken, missing = window.panels["broken"], window.panels["missing"]
    assert isinstance(broken, panels.PlaceholderPanel) and "half-written panel" in broken.reason
    assert isinstance(missing, panels.PlaceholderPanel) and "no_such_module_xyz" in missing.reason
    assert sorted(window.unavailable) == ["broken", "missing"]
    assert window.centralWidget() is window.panels["map"]
    assert not isinstance(window.panels["persons"], panels.PlaceholderPanel)
    assert window.isVisible()


def test_unacked_alarms_from_the_alarm_panel(
    qtbot: Any, db: Any, users: dict, make_ctx: Any, test_panels: None
) -> None:
    window = _window(qtbot, make_ctx(db, users["operator"]), only=frozenset({"alarms"}))
    assert "—" in window.alarms_label.text()
    window.panels["alarms"].unackedCountChanged.emit(3)
    assert window.alarms_label.text() == "Unacknowledged alarms: 3"
    assert window.alarms_label.property("state") == "alarm"
    window.panels["alarms"].unackedCountChanged.emit(0)
    assert window.alarms_label.property("state") == "ok"


def test_technician_gets_no_alarm_panel(qtbot: Any, db: Any, users: dict, make_ctx: Any, test_panels: None) -> None:
    monkey_registry = panels.PANELS + (
        panels.PanelSpec("secret", "Secret", "arm_test_panels", "FakeAlarms", roles=frozenset({"supervisor"})),
    )
    panels.PANELS = monkey_registry  # restored by the test_panels monkeypatch
    window = _window(qtbot, make_ctx(db, users["technician"]), only=None)
    assert "secret" not in window.panels
    assert not window.new_person_action.isEnabled()


def test_full_registry_composes_without_crashing(qtbot: Any, demo_db: Any, users: dict, make_ctx: Any) -> None:
    """Every real panel of every area, whatever state its module is in today."""
    for role in ("supervisor", "technician"):
        window = _window(qtbot, make_ctx(demo_db, users[role]), only=frozenset(
            spec.id for spec in panels.PANELS if spec.area != "center"
        ))
        assert set(window.panels) == {s.id for s in panels.panels_for(role) if s.area != "center"}
        window.close()


def test_notice_from_a_worker_thread_reaches_the_window(qtbot: Any, db: Any, users: dict, make_ctx: Any) -> None:
    from widgets.app import NoticeCenter

    window = _window(qtbot, make_ctx(db, users["operator"]))
    notices = NoticeCenter()
    notices.notify("before the window")
    notices.attach(window)

    def fail() -> None:
        raise ValueError("boom in a thread")

    thread = threading.Thread(target=fail)
    old = threading.excepthook
    threading.excepthook = notices.threading_excepthook
    try:
        thread.start()
        thread.join()
    finally:
        threading.excepthook = old
    qtbot.waitUntil(lambda: "boom in a thread" in window.statusBar().currentMessage(), timeout=2000)
    notices.detach()


def test_selection_links_alarms_persons_and_map(
    qtbot: Any, demo_db: Any, users: dict, make_ctx: Any, test_panels: None
) -> None:
    from arm.events import AlarmChanged

    ctx = make_ctx(demo_db, users["operator"])
    window = _window(qtbot, ctx, only=frozenset({"map", "alarms", "persons"}))
    persons, fake_map = window.panels["persons"], window.panels["map"]
    qtbot.waitUntil(lambda: persons.model.rowCount() == 8, timeout=5000)
    target = persons.model.row(5)
    # An alarm chosen in the alarm panel selects its person, and the map follows.
    window.panels["alarms"].alarmSelected.emit(AlarmChanged(1, target.id, None, "curfew", "high", "active",
                                                            False, "raised"))
    assert persons.selected_id() == target.id
    assert fake_map.focused[-1] == target.id
    # A click on the map selects the person in the list.
    other = persons.model.row(1)
    fake_map.personClicked.emit(other.id)
    assert persons.selected_id() == other.id


def test_open_alarms_column_follows_alarm_changes(
    qtbot: Any, demo_db: Any, users: dict, make_ctx: Any, bus: Any
) -> None:
    from datetime import UTC, datetime

    from arm.events import AlarmChanged
    from db.models import Alarm

    ctx = make_ctx(demo_db, users["operator"])
    window = _window(qtbot, ctx)
    persons = window.panels["persons"]
    qtbot.waitUntil(lambda: persons.model.rowCount() == 8, timeout=5000)
    target = persons.model.row(2)
    assert persons.model.index(2, persons.model.ALARMS).data() == ""
    with demo_db.begin() as s:
        alarm = Alarm(person_id=target.id, kind="curfew", priority="high", raised_at=datetime.now(UTC))
        s.add(alarm)
        s.flush()
        alarm_id = alarm.id
    bus.publish(AlarmChanged(alarm_id, target.id, None, "curfew", "high", "active", False, "raised"))
    qtbot.waitUntil(lambda: persons.model.index(2, persons.model.ALARMS).data() == "⚠ 1", timeout=5000)


def test_device_double_click_opens_the_holders_card(qtbot: Any, demo_db: Any, users: dict, make_ctx: Any) -> None:
    window = _window(qtbot, make_ctx(demo_db, users["operator"]))
    devices = window.panels["devices"]
    qtbot.waitUntil(lambda: devices.model.rowCount() > 0, timeout=5000)
    proxy_row = next(r for r in range(devices.proxy.rowCount())
                     if devices.model.rows()[devices.proxy.mapToSource(devices.proxy.index(r, 0)).row()].holder_id)
    source = devices.model.rows()[devices.proxy.mapToSource(devices.proxy.index(proxy_row, 0)).row()]
    with qtbot.waitSignal(window.personCardOpened) as opened:
        devices.table.activated.emit(devices.proxy.index(proxy_row, 0))
    card = opened.args[0]
    assert card.person_id == source.holder_id
    qtbot.waitUntil(lambda: card.data is not None, timeout=5000)
    assert card.title.text() == source.holder
    card.close()


def test_find_person_focuses_the_search(qtbot: Any, db: Any, users: dict, make_ctx: Any) -> None:
    window = _window(qtbot, make_ctx(db, users["operator"]))
    window.activateWindow()
    window.docks["persons"].hide()
    window.find_person_action.trigger()
    assert window.docks["persons"].isVisible()
    assert window.find_person_action.shortcut().toString() == "Ctrl+F"


def test_counts_are_of_devices_expected_to_report(demo_db: Any) -> None:
    from datetime import UTC, datetime

    from sqlalchemy import select

    from db.models import Device
    from widgets.status_bar import load_counts

    with demo_db.begin() as s:
        before = load_counts(s)
        issued = s.scalars(select(Device).where(Device.status == "issued")).all()
        issued[0].last_contact = datetime.now(UTC)
        in_stock = s.scalars(select(Device).where(Device.status == "in_stock")).first()
        in_stock.last_contact = datetime.now(UTC)  # a device on the shelf does not count
    with demo_db.session() as s:
        after = load_counts(s)
    assert before == {"online": 0, "devices": len(issued), "persons": 8}
    assert after["online"] == 1 and after["devices"] == len(issued)


def test_supervisor_sees_the_persons_of_their_districts(
    qtbot: Any, demo_db: Any, make_ctx: Any
) -> None:
    from sqlalchemy import select

    from arm import auth
    from db.models import Person
    from widgets.person_list import PersonListPanel

    with demo_db.begin() as s:
        district = s.scalars(select(Person.district).order_by(Person.id)).first()
        user = auth.snapshot(auth.create_user(s, "sup2", "password123", "supervisor", districts=(district,)))
    panel = PersonListPanel(make_ctx(demo_db, user))
    qtbot.addWidget(panel)
    qtbot.waitUntil(lambda: panel.model.rowCount() > 0, timeout=5000)
    assert {panel.model.row(i).district for i in range(panel.model.rowCount())} == {district}


def test_action_dialogs_open_or_say_why_not(
    qtbot: Any, db: Any, users: dict, make_ctx: Any, test_panels: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(panels, "ACTIONS", (
        panels.PanelSpec("wizard", "Pair", "arm_test_panels", "FakeAlarms", roles=panels.DEVICE_ROLES, area="action"),
        panels.PanelSpec("broken", "Broken", "arm_test_panels", "Broken", roles=panels.DEVICE_ROLES, area="action"),
    ))
    window = _window(qtbot, make_ctx(db, users["technician"]), only=frozenset())
    assert window.devices_menu.menuAction().isVisible()
    window.panel_actions["wizard"].trigger()
    opened = [w for w in window.findChildren(_FakeAlarms) if w.isVisible()]
    assert len(opened) == 1
    window.panel_actions["broken"].trigger()
    assert "half-written panel" in window.statusBar().currentMessage()
    operator_window = _window(qtbot, make_ctx(db, users["operator"]), only=frozenset())
    assert operator_window.panel_actions == {}


def test_device_counts_follow_steady_traffic(qtbot: Any, demo_db: Any, users: dict, make_ctx: Any, bus: Any) -> None:
    """Devices reporting without pause must still update the count: the refresh is throttled, not debounced."""
    from datetime import UTC, datetime

    from sqlalchemy import select

    from arm.events import DeviceStateChanged
    from db.models import Device

    ctx = make_ctx(demo_db, users["operator"])
    window = _window(qtbot, ctx)
    bar = window.statusBar()
    qtbot.waitUntil(lambda: bar._counts["devices"] > 0, timeout=5000)
    assert bar._counts["online"] == 0
    with demo_db.begin() as s:
        device = s.scalars(select(Device).where(Device.status == "issued")).first()
        device.last_contact = datetime.now(UTC)
        device_id, serial = device.id, device.serial
    state = DeviceStateChanged(device_id, serial, datetime.now(UTC), None, "")
    deadline_ms, step_ms, waited = 4000, 200, 0
    while bar._counts["online"] == 0 and waited < deadline_ms:  # a report every 200 ms, as a busy fleet sends
        bus.publish(state)
        qtbot.wait(step_ms)
        waited += step_ms
    assert bar._counts["online"] == 1, "the count never refreshed under steady traffic"
