"""The operator's panel on the real core: keys drive acknowledge, shelve, escalate, close."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from PySide6.QtCore import Qt

from arm.alarms.scenario import World, later, local
from arm.config import Settings
from arm.events import utcnow
from arm.service import MonitoringService
from widgets.alarm_model import AlarmTableModel, ViewRole
from widgets.alarm_panel import AlarmPanel
from widgets.context import AppContext
from widgets.qt_bridge import QtBridge

pytestmark = pytest.mark.gui

HOME = (43.2567, 76.9286)
T0 = local(2026, 11, 20, 12, 0)
#: the panel's operator: a real account (the core re-reads it), of the scenario persons' two districts
OPERATOR_DISTRICTS = ("KZ-75-almaly", "KZ-75-bostandyk")  # reference codes, as persons store them


@pytest.fixture
def ctx(qapp: Any, world: World) -> Iterator[AppContext]:
    service = MonitoringService(world.db, world.bus, Settings())
    service.alarms = world.operations
    context = AppContext(db=world.db, service=service, bus=world.bus, bridge=QtBridge(world.bus), user=world.user("op1", "operator", OPERATOR_DISTRICTS),
                         settings=Settings())
    yield context
    context.close()


@pytest.fixture
def panel(qtbot: Any, ctx: AppContext, world: World) -> AlarmPanel:
    for i, (last, district) in enumerate((("Ахметов", "KZ-75-almaly"), ("Бекова", "KZ-75-bostandyk")), 1):
        pid = world.seed.person(last, "Ержан", district=district, home=HOME)
        world.seed.kit(pid, str(i), ("BRC", "SKU", "TRK"))
    world.reload()
    widget = AlarmPanel(ctx, sound=False)
    qtbot.addWidget(widget)
    widget.resize(1100, 700)
    widget.show()
    return widget


STATE = AlarmTableModel.COLUMNS.index("state")
DISTRICT = AlarmTableModel.COLUMNS.index("district")


def rows(panel: AlarmPanel) -> list[tuple[str, str, bool]]:
    out = []
    for r in range(panel.proxy.rowCount()):
        v = panel.proxy.index(r, 0).data(ViewRole)
        out.append((v.kind, v.person_name.split()[0], v.acknowledged))
    return out


def feed_and_wait(qtbot: Any, panel: AlarmPanel, world: World, *events: Any, count: int) -> None:
    world.feed(*events)
    qtbot.waitUntil(lambda: panel.model.rowCount() == count, timeout=10000)


def test_rows_arrive_sorted_with_priority_icon_and_count(qtbot: Any, panel: AlarmPanel, world: World) -> None:
    counts: list[int] = []
    panel.unackedCountChanged.connect(counts.append)
    feed_and_wait(qtbot, panel, world, world.ev("TRK-1", T0, "STAT", battery=9, charging=False, rssi=None,
                                                temperature=None), count=1)
    feed_and_wait(qtbot, panel, world, world.ev("BRC-2", later(T0, minutes=1), "TAMPER", part="STRAP",
                                                state="OPEN"), count=2)
    assert rows(panel) == [("tamper_strap", "Бекова", False), ("low_battery", "Ахметов", False)]
    assert counts[-1] == 2 and panel.unackedCount == 2
    top = panel.proxy.index(0, 0)
    assert top.data(Qt.ItemDataRole.DisplayRole) == "Critical"
    assert not top.data(Qt.ItemDataRole.DecorationRole).isNull()
    assert "UNACKNOWLEDGED" in panel.proxy.index(0, STATE).data()


def test_keyboard_acknowledge_note_and_next(qtbot: Any, panel: AlarmPanel, world: World) -> None:
    feed_and_wait(qtbot, panel, world, world.ev("BRC-1", T0, "TAMPER", part="STRAP", state="OPEN"),
                  world.ev("SKU-2", T0, "POWER", state="MAINS_LOST"), count=2)
    panel.table.setFocus()
    qtbot.keyClick(panel.table, Qt.Key.Key_Space)
    assert panel.selected().kind == "tamper_strap"
    qtbot.keyClick(panel.table, Qt.Key.Key_A)
    qtbot.waitUntil(lambda: panel.unackedCount == 1, timeout=10000)
    assert world.alarms()[0].acknowledged_by == "op1"
    # The acknowledged alarm sinks below the unacknowledged one.
    assert rows(panel) == [("mains_lost", "Бекова", False), ("tamper_strap", "Ахметов", True)]
    panel.select_alarm(world.alarms()[0].id)
    qtbot.keyClick(panel.table, Qt.Key.Key_N)
    dialog = panel.active_dialog
    dialog.accept()  # empty note: refused beside the field
    assert dialog.isVisible() and dialog.note_error.isVisible()
    qtbot.keyClicks(dialog.note, "strap cut, person not at home")
    qtbot.keyClick(dialog.note, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: panel.model.view(world.alarms()[0].id).notes == 1, timeout=10000)
    assert world.actions(world.alarms()[0].id)[-1] == ("op1", "note", "strap cut, person not at home")


def test_shelve_from_the_keyboard(qtbot: Any, panel: AlarmPanel, world: World) -> None:
    feed_and_wait(qtbot, panel, world, world.ev("SKU-2", T0, "POWER", state="MAINS_LOST"), count=1)
    panel.select_alarm(world.alarms()[0].id)
    panel.table.setFocus()
    qtbot.keyClick(panel.table, Qt.Key.Key_S)
    dialog = panel.active_dialog
    qtbot.keyClicks(dialog.reason, "district-wide outage, utility informed")
    dialog.accept()
    qtbot.waitUntil(lambda: world.summary() == [("mains_lost", "shelved", False)], timeout=10000)
    qtbot.waitUntil(lambda: panel.unackedCount == 0, timeout=10000)
    assert "Shelved until" in panel.proxy.index(0, STATE).data()


def test_tamper_cannot_be_shelved_and_needs_a_note_to_close(qtbot: Any, panel: AlarmPanel, world: World) -> None:
    feed_and_wait(qtbot, panel, world, world.ev("BRC-1", T0, "TAMPER", part="STRAP", state="OPEN"), count=1)
    panel.table.setFocus()
    qtbot.keyClick(panel.table, Qt.Key.Key_S)
    assert panel.active_dialog is None and "cannot be shelved" in panel.message.text()
    qtbot.keyClick(panel.table, Qt.Key.Key_C)
    dialog = panel.active_dialog
    dialog.resolution.setCurrentIndex(dialog.resolution.findData("false_alarm"))
    dialog.accept()
    assert dialog.isVisible() and "without a note" in dialog.note_error.text()
    dialog.note.setPlainText("technician re-seated the strap")
    dialog.accept()
    qtbot.waitUntil(lambda: panel.model.rowCount() == 0, timeout=10000)
    assert world.summary() == [("tamper_strap", "closed", True)]


def test_close_as_confirmed_violation_writes_the_journal(qtbot: Any, panel: AlarmPanel, world: World) -> None:
    start = utcnow()
    feed_and_wait(qtbot, panel, world, world.ev("BRC-1", T0, "TAMPER", part="STRAP", state="OPEN"), count=1)
    panel.table.setFocus()
    qtbot.keyClick(panel.table, Qt.Key.Key_C)
    dialog = panel.active_dialog
    dialog.resolution.setCurrentIndex(dialog.resolution.findData("confirmed_violation"))
    dialog.note.setPlainText("bracelet cut")
    assert dialog.reported_to.currentText() == ""  # never prefilled
    dialog.accept()
    assert dialog.isVisible() and dialog.report_error.isVisible()  # whom it was reported to is required
    dialog.reported_to.setEditText("Maj. Dzhaksybekov")
    dialog.measures.setText("patrol sent to the address")
    dialog.accept()
    qtbot.waitUntil(lambda: len(world.journal()) == 1, timeout=10000)
    (entry,) = world.journal()
    assert entry.reported_to == "Maj. Dzhaksybekov" and entry.operator == "op1"
    assert entry.measures.startswith("patrol sent to the address")
    assert entry.reported_at >= start - timedelta(minutes=1)


def test_escalation_shows_on_the_panel(qtbot: Any, panel: AlarmPanel, world: World) -> None:
    feed_and_wait(qtbot, panel, world, world.ev("BRC-1", T0, "TAMPER", part="STRAP", state="OPEN"), count=1)
    world.manager.tick(utcnow() + timedelta(minutes=3))
    qtbot.waitUntil(lambda: "escalated" in panel.proxy.index(0, STATE).data(), timeout=10000)
    assert "escalated to the supervisor: 1" in panel.counts.text()


def test_filters_by_district_person_kind_and_state(qtbot: Any, panel: AlarmPanel, world: World) -> None:
    feed_and_wait(qtbot, panel, world, world.ev("BRC-1", T0, "TAMPER", part="STRAP", state="OPEN"),
                  world.ev("SKU-2", T0, "POWER", state="MAINS_LOST"), count=2)
    panel.district.setCurrentIndex(panel.district.findData("KZ-75-bostandyk"))
    assert rows(panel) == [("mains_lost", "Бекова", False)]
    panel.district.setCurrentIndex(0)
    panel.person.setText("ахмет")  # QTest cannot type Cyrillic
    assert rows(panel) == [("tamper_strap", "Ахметов", False)]
    panel.person.clear()
    panel.kind.setCurrentIndex(panel.kind.findData("mains_lost"))
    assert rows(panel) == [("mains_lost", "Бекова", False)]
    panel.kind.setCurrentIndex(0)
    world.manager.acknowledge(world.alarms()[0].id, world.op1)
    qtbot.waitUntil(lambda: panel.unackedCount == 1, timeout=10000)
    panel.state.setCurrentIndex(panel.state.findData("unacknowledged"))
    assert rows(panel) == [("mains_lost", "Бекова", False)]


def test_selection_centres_the_map_and_fills_the_detail_pane(qtbot: Any, panel: AlarmPanel, world: World) -> None:
    world.feed(world.fix("TRK-1", later(T0, minutes=-2), *HOME))
    feed_and_wait(qtbot, panel, world, world.ev("BRC-1", T0, "TAMPER", part="STRAP", state="OPEN"), count=1)
    with qtbot.waitSignal(panel.alarmSelected, timeout=10000) as blocker:
        panel.table.clearSelection()
        panel.table.setCurrentIndex(panel.proxy.index(-1, -1))
        panel._selected_id = None
        panel.select_alarm(world.alarms()[0].id)
    assert blocker.args[0]["person_id"] == world.alarms()[0].person_id
    assert abs(blocker.args[0]["lat"] - HOME[0]) < 1e-6
    qtbot.waitUntil(lambda: panel.detail.detail is not None, timeout=10000)
    text = panel.detail.text()
    assert "Ахметов Ержан" in text and "BRC-1" in text and "Tamper" in text and "Strap opened" in text
    assert "TAMPER" not in text and "state=" not in text  # events in words, not codes
    assert text.index("History") < text.index("Events around the alarm")  # the alarm's own history first
    assert ("op1", "view_person", str(world.alarms()[0].person_id)) in world.audit("view_person")


def test_rows_update_in_place_without_reset(qtbot: Any, panel: AlarmPanel, world: World) -> None:
    feed_and_wait(qtbot, panel, world, world.ev("BRC-1", T0, "TAMPER", part="STRAP", state="OPEN"), count=1)
    resets: list[int] = []
    changed: list[int] = []
    panel.model.modelReset.connect(lambda: resets.append(1))
    panel.model.dataChanged.connect(lambda a, b, roles: changed.append(a.row()))
    world.feed(world.ev("BRC-1", later(T0, minutes=1), "TAMPER", part="STRAP", state="RESTORED"))
    qtbot.waitUntil(lambda: bool(changed), timeout=10000)
    assert resets == [] and changed == [0]
    assert panel.model.view(world.alarms()[0].id).state == "returned"


def test_sound_follows_the_most_severe_unacknowledged(qtbot: Any, panel: AlarmPanel, world: World) -> None:
    feed_and_wait(qtbot, panel, world, world.ev("SKU-2", T0, "POWER", state="MAINS_LOST"), count=1)
    assert panel.sounder.sounding == "medium"
    feed_and_wait(qtbot, panel, world, world.ev("BRC-1", T0, "TAMPER", part="STRAP", state="OPEN"), count=2)
    assert panel.sounder.sounding == "critical"
    panel.table.setFocus()
    qtbot.keyClick(panel.table, Qt.Key.Key_M)  # silence: quiet until something new
    assert panel.sounder.sounding == ""
    feed_and_wait(qtbot, panel, world, world.ev("TRK-1", T0, "STAT", battery=5, charging=False, rssi=None,
                                                temperature=None), count=3)
    assert panel.sounder.sounding == "low"  # the new alarm sounds; silenced ones stay quiet
    for alarm in world.alarms():
        world.manager.acknowledge(alarm.id, world.op1)
    qtbot.waitUntil(lambda: panel.unackedCount == 0, timeout=10000)
    assert panel.sounder.sounding == ""


def test_handover_dialog_lists_what_the_next_shift_needs(qtbot: Any, panel: AlarmPanel, world: World) -> None:
    world.seed.person("Жумабаев", "Арман", home=HOME, district="KZ-75-almaly")
    world.reload()
    world.feed(world.ev("SKU-2", T0, "POWER", state="MAINS_LOST"))
    for serial in ("BRC-1", "SKU-1", "TRK-1", "BRC-2", "TRK-2"):
        world.feed(world.ev(serial, T0, "HB"))
    world.tick(later(T0, minutes=1))
    qtbot.waitUntil(lambda: panel.model.rowCount() == 2, timeout=10000)
    world.manager.shelve(world.alarms()[0].id, world.op1, timedelta(hours=1), "district outage")
    panel.table.setFocus()
    qtbot.keyClick(panel.table, Qt.Key.Key_H)
    dialog = panel.active_dialog
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=10000)
    text = dialog.browser.toPlainText()
    assert "Open incidents (2)" in text and "Shelved alarms (1)" in text and "district outage" in text
    assert "Persons not monitored (1)" in text and "Жумабаев Арман" in text
    assert "KZ-" not in text and "(Almaly District)" in text  # the district by its name (English here)
    dialog.close()


def test_panel_built_before_the_service_starts_fills_when_it_runs(qtbot: Any, ctx: AppContext, world: World) -> None:
    from arm.events import ServiceStatus

    pid = world.seed.person(home=HOME, district="KZ-75-almaly")
    world.seed.kit(pid, "1", ("BRC",))
    world.reload()
    world.feed(world.ev("BRC-1", T0, "TAMPER", part="STRAP", state="OPEN"))
    world.manager._views.clear()  # as before AlarmManager.load() at service start
    widget = AlarmPanel(ctx, sound=False)
    qtbot.addWidget(widget)
    assert widget.model.rowCount() == 0
    world.manager.load()
    world.bus.publish(ServiceStatus(True, ("rules",)))
    qtbot.waitUntil(lambda: widget.model.rowCount() == 1, timeout=10000)
    assert widget.unackedCount == 1


def test_typing_in_a_filter_is_not_taken_as_shortcuts(qtbot: Any, panel: AlarmPanel, world: World) -> None:
    feed_and_wait(qtbot, panel, world, world.ev("BRC-1", T0, "TAMPER", part="STRAP", state="OPEN"), count=1)
    panel.person.setFocus()
    qtbot.keyClicks(panel.person, "BRC-1 acs")
    assert panel.person.text() == "BRC-1 acs"
    assert panel.active_dialog is None and panel.unackedCount == 1
    world.runtime.flush()
    assert world.summary() == [("tamper_strap", "active", False)]


def test_a_manager_that_refuses_at_once_is_reported_not_raised(qtbot: Any, panel: AlarmPanel, world: World) -> None:
    from arm.alarms.api import AlarmError
    from arm.alarms.local import LocalAlarmOperations

    class Offline(LocalAlarmOperations):  # operations that refuse before any future exists
        def acknowledge(self, alarm_id: int, user: Any, note: str = "") -> Any:
            raise AlarmError("stopped", "not connected")

    feed_and_wait(qtbot, panel, world, world.ev("BRC-1", T0, "TAMPER", part="STRAP", state="OPEN"), count=1)
    panel.manager = Offline(world.manager)
    panel.table.setFocus()
    qtbot.keyClick(panel.table, Qt.Key.Key_A)
    assert panel.message.text() == "The alarm service has stopped."


def test_a_change_is_shown_from_the_row_it_carries(qtbot: Any, panel: AlarmPanel, world: World) -> None:
    """The panel never reads the manager's cache on a change: the message's row is what it shows."""
    from arm.events import AlarmChanged

    feed_and_wait(qtbot, panel, world, world.ev("BRC-1", T0, "TAMPER", part="STRAP", state="OPEN"), count=1)
    [row] = panel.model.views()
    acked = row.with_(acknowledged=True, acknowledged_by="op9")
    world.bus.publish(AlarmChanged(row.id, row.person_id, row.device_id, row.kind, row.priority, row.state, True,
                                   "acknowledged", acked))
    qtbot.waitUntil(lambda: panel.model.view(row.id).acknowledged, timeout=5000)
    assert panel.model.view(row.id).acknowledged_by == "op9"
    assert world.manager.view(row.id).acknowledged is False  # the cache was not where the row came from
    world.bus.publish(AlarmChanged(row.id, row.person_id, row.device_id, row.kind, row.priority, "closed", True,
                                   "closed", None))
    qtbot.waitUntil(lambda: panel.model.rowCount() == 0, timeout=5000)


def test_an_offline_remote_desk_is_reported_through_the_future(qtbot: Any, panel: AlarmPanel, world: World) -> None:
    from arm.desk_api.client import RemoteService

    feed_and_wait(qtbot, panel, world, world.ev("BRC-1", T0, "TAMPER", part="STRAP", state="OPEN"), count=1)
    offline = RemoteService("ws://127.0.0.1:9/", "token-123456").alarms  # never connected
    panel.manager = offline
    panel.table.setFocus()
    qtbot.keyClick(panel.table, Qt.Key.Key_A)
    qtbot.waitUntil(lambda: panel.message.text() != "", timeout=5000)
    from widgets.alarm_text import error_text

    assert panel.message.text() == error_text("not_connected", "the remote monitoring service is not connected")
    world.runtime.flush()
    assert world.summary() == [("tamper_strap", "active", False)]


def test_device_events_read_as_words() -> None:
    from widgets.event_text import fields_text, kind_text

    assert fields_text("STAT", {"battery": 100, "charging": True, "rssi": -68, "temperature": None}) == \
        "Battery 100 %, charging, signal -68 dBm"
    assert fields_text("PRESENCE", {"bracelet": "BRC-1", "state": "IN", "rssi": -50}) == \
        "Bracelet within range, bracelet BRC-1, signal -50 dBm"
    assert [kind_text(k) for k in ("HB", "STAT", "PRESENCE")] == ["Heartbeat", "Status", "Bracelet presence"]


def test_device_events_and_stored_codes_read_in_russian_and_kazakh(qapp: Any) -> None:
    from arm import messages
    from widgets import i18n
    from widgets.alarm_text import stored_text
    from widgets.event_text import fields_text, kind_text

    try:
        assert i18n.set_language("ru")
        assert fields_text("STAT", {"battery": 100, "charging": True, "rssi": -68}) == \
            "Заряд 100 %, заряжается, сигнал -68 дБм"
        assert kind_text("HB") == "Контрольный сигнал"
        assert fields_text("PRESENCE", {"state": "IN"}) == "Браслет в зоне приёма"
        assert stored_text(messages.coded("report_to.duty_unit")) == "Дежурная часть полиции"
        assert stored_text("Low battery") == "Низкий заряд батареи"  # an old English row
        assert i18n.set_language("kk")
        assert stored_text(messages.coded("detected.device", type="BRC", serial="BRC-1")) == \
            "электрондық бақылау құралы: білезік BRC-1"
        assert stored_text("Майор Джаксыбеков") == "Майор Джаксыбеков"  # typed text as typed
    finally:
        i18n.set_language("en")


@pytest.mark.parametrize(("lang", "almaly", "bostandyk"), [("ru", "Алмалинский район", "Бостандыкский район"),
                                                          ("kk", "Алмалы ауданы", "Бостандық ауданы")])
def test_district_column_and_filter_show_names_not_codes(qtbot: Any, panel: AlarmPanel, world: World, lang: str,
                                                         almaly: str, bostandyk: str) -> None:
    from widgets import i18n
    before = i18n.current_language()
    i18n.set_language(lang)
    try:
        panel.retranslateUi()
        feed_and_wait(qtbot, panel, world, world.ev("BRC-1", T0, "TAMPER", part="STRAP", state="OPEN"),
                      world.ev("SKU-2", T0, "POWER", state="MAINS_LOST"), count=2)
        column = {panel.proxy.index(r, DISTRICT).data() for r in range(panel.proxy.rowCount())}
        assert column == {almaly, bostandyk}
        items = [panel.district.itemText(i) for i in range(1, panel.district.count())]
        assert sorted(items) == sorted([almaly, bostandyk]) and not any("KZ-" in t for t in items)
        panel.district.setCurrentIndex(panel.district.findText(bostandyk))
        assert rows(panel) == [("mains_lost", "Бекова", False)]  # named in the list, filtered by the code
        panel.select_alarm(world.alarms()[0].id)
        qtbot.waitUntil(lambda: panel.detail.detail is not None, timeout=10000)
        assert "KZ-" not in panel.detail.text()
    finally:
        i18n.set_language(before)
