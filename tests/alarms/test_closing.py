"""Closing rules by alarm kind, enforced by the core (not only the dialog), and the close dialog itself."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import Qt

from arm import messages
from arm.alarms import closing
from arm.alarms.journal import Report
from arm.alarms.manager import AlarmError
from arm.alarms.scenario import World, later, local
from db.models import Resolution

HOME = (43.2567, 76.9286)
T0 = local(2026, 11, 20, 12, 0)


@pytest.fixture
def person(world: World) -> int:
    pid = world.seed.person("Ахметов", "Ержан", home=HOME)
    world.seed.kit(pid, "1", ("BRC", "SKU", "TRK"))
    world.reload()
    return pid


def low_battery(world: World) -> int:
    world.feed(world.ev("BRC-1", later(T0, minutes=1), "STAT", battery=5, charging=False, rssi=-70))
    (alarm,) = [a for a in world.alarms() if a.kind == "low_battery"]
    return alarm.id


def test_choices_and_required_fields_depend_on_the_kind() -> None:
    assert closing.choices("low_battery")[0] == Resolution.TECHNICAL
    assert closing.choices("tamper_strap")[0] == Resolution.CONFIRMED
    assert closing.required("low_battery", Resolution.CONFIRMED) == {"note", "reported_to", "reported_at"}
    assert closing.required("curfew", Resolution.CONFIRMED) == {"reported_to", "reported_at"}
    assert closing.required("low_battery", Resolution.TECHNICAL) == set()
    assert closing.required("tamper_strap", Resolution.FALSE_ALARM, {"tamper_strap"}) == {"note"}
    assert closing.required("tamper_strap", Resolution.FALSE_ALARM, {"tamper_strap"}, has_note=True) == set()


def test_core_refuses_a_battery_violation_without_a_reason(world: World, person: int) -> None:
    alarm_id = low_battery(world)
    with pytest.raises(AlarmError) as err:
        world.manager.close(alarm_id, world.op1, Resolution.CONFIRMED, "", Report(reported_to="duty_unit"))
    assert err.value.code == "reason_required_for_violation"
    with pytest.raises(AlarmError) as err:
        world.manager.close(alarm_id, world.op1, Resolution.CONFIRMED, "switched off the charger on purpose")
    assert err.value.code == "reported_to_required"  # never a default in English
    assert world.journal() == []
    world.manager.close(alarm_id, world.op1, Resolution.CONFIRMED, "switched off the charger on purpose",
                        Report(reported_to="duty_unit"))
    (entry,) = world.journal()
    assert messages.render(entry.violation, "kk") == "Батарея заряды төмен"
    assert "switched off the charger on purpose" in messages.render(entry.measures, "ru")


def test_a_technical_close_of_a_battery_alarm_needs_nothing(world: World, person: int) -> None:
    alarm_id = low_battery(world)
    view = world.manager.close(alarm_id, world.op1, Resolution.TECHNICAL)
    assert view.resolution == "technical_fault" and world.journal() == []


# ---------------------------------------------------------------- the dialog
pytest_plugins: list[str] = []


@pytest.mark.gui
def test_dialog_enter_with_nothing_filled_writes_nothing(qtbot: Any, world: World, person: int) -> None:
    from widgets.alarm_actions_dialog import CloseDialog

    alarm_id = low_battery(world)
    view = world.manager.view(alarm_id)
    dialog = CloseDialog(view, tz=ZoneInfo("Asia/Almaty"))
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.resolution.currentIndex() == -1  # no preset resolution
    assert [dialog.resolution.itemData(i) for i in range(3)] == ["technical_fault", "false_alarm",
                                                                 "confirmed_violation"]
    assert dialog.reported_to.currentText() == ""  # "reported to" is not prefilled
    accepted: list[bool] = []
    dialog.accepted.connect(lambda: accepted.append(True))
    qtbot.keyClick(dialog, Qt.Key.Key_Return)
    assert not accepted and dialog.isVisible() and dialog.resolution_error.isVisible()
    assert world.journal() == []


@pytest.mark.gui
def test_dialog_battery_violation_needs_a_reason_focus_moves_to_the_note(qtbot: Any, world: World,
                                                                          person: int) -> None:
    from widgets.alarm_actions_dialog import CloseDialog

    view = world.manager.view(low_battery(world))
    dialog = CloseDialog(view, tz=ZoneInfo("Asia/Almaty"))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.resolution.setCurrentIndex(dialog.resolution.findData("confirmed_violation"))
    dialog.reported_to.setCurrentIndex(dialog.reported_to.findData("public_security_chief"))
    dialog.accept()
    assert dialog.isVisible() and dialog.note_error.isVisible()
    qtbot.waitUntil(lambda: dialog.note.hasFocus(), timeout=3000)
    qtbot.waitUntil(lambda: dialog.note_error.geometry().top() >= dialog.note.geometry().bottom(), timeout=3000)
    assert not dialog.note_error.geometry().intersects(dialog.note.geometry())  # the red text is below the note
    dialog.note.setPlainText("charger unplugged on purpose, confirmed by phone")
    assert dialog.validate()
    v = dialog.values()
    assert v["reported_to"] == messages.coded("report_to.public_security_chief")
    dialog.reported_to.setEditText("Майор Джаксыбеков")
    assert dialog.values()["reported_to"] == "Майор Джаксыбеков"  # typed text verbatim


@pytest.mark.gui
def test_dialog_reported_at_is_entered_in_the_desk_zone_and_stored_utc(qtbot: Any, world: World,
                                                                       person: int) -> None:
    from PySide6.QtCore import QDate, QDateTime, QTime

    from widgets.alarm_actions_dialog import CloseDialog

    view = world.manager.view(low_battery(world))
    almaty = ZoneInfo("Asia/Almaty")
    dialog = CloseDialog(view, tz=almaty)
    qtbot.addWidget(dialog)
    shown = dialog.reported_at.dateTime().toPython()
    now_almaty = datetime.now(almaty).replace(tzinfo=None)
    assert abs((shown - now_almaty).total_seconds()) < 120  # the desk clock, not UTC
    dialog.reported_at.setDateTime(QDateTime(QDate(2026, 12, 7), QTime(19, 14)))
    assert dialog.values()["reported_at"] == datetime(2026, 12, 7, 14, 14, tzinfo=UTC)
    assert "Asia/Almaty" in dialog.reported_at_label.text()
