"""Explanations reach the operator in the interface language, with desk-local times.

The core stores a code and named parameters; the widgets translate the
code's English source in the "AlarmExplanation" context. The Russian .qm of
the project is loaded for real (``widgets.i18n.set_language("ru")``). Until the
lead adds the Russian text of the new strings, Qt returns the English source:
the tests therefore compare with what the translator returns for that source,
filled with the zone name and the Almaty time, and check that the parts that
ARE translated already (kind, incident, history) are no longer English.
"""

from __future__ import annotations

import string
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, Qt

from arm.alarms.scenario import ALMATY, World, later, local
from arm.config import Settings
from arm.rules import explain
from arm.rules.seed import circle
from arm.service import MonitoringService
from widgets import i18n
from widgets.alarm_panel import AlarmPanel
from widgets.alarm_text import EXPLANATIONS, action_note_text, explanation_text, incident_text
from widgets.context import AppContext
from widgets.qt_bridge import QtBridge

pytestmark = pytest.mark.gui

HOME = (43.2567, 76.9286)
SCHOOL = (43.2600, 76.9400)
T0 = local(2026, 11, 20, 12, 0)  # 07:00 UTC
#: the panel's operator: a real account (the core re-reads it), of the scenario persons' two districts
OPERATOR_DISTRICTS = ("Алмалинский", "Бостандыкский")


@pytest.fixture
def russian(qapp: Any) -> Iterator[None]:
    assert i18n.set_language("ru"), "resources/translations/arm_ru.qm is part of the tree"
    yield
    i18n.set_language("en")


@pytest.fixture
def panel(qtbot: Any, qapp: Any, world: World) -> Iterator[AlarmPanel]:
    service = MonitoringService(world.db, world.bus, Settings())
    service.alarms = world.operations
    ctx = AppContext(db=world.db, service=service, bus=world.bus, bridge=QtBridge(world.bus), user=world.user("op1", "operator", OPERATOR_DISTRICTS),
                     settings=Settings())
    pid = world.seed.person("Ахметов", "Ержан", district="Алмалинский", home=HOME)
    world.seed.kit(pid, "1", ("BRC", "TRK"))
    zone = world.seed.zone("Школа № 12", "exclusion", circle(*SCHOOL, 150))
    world.seed.restriction(pid, "exclusion_zone", zone_id=zone)
    world.reload()
    widget = AlarmPanel(ctx, sound=False)
    qtbot.addWidget(widget)
    widget.resize(1100, 700)
    widget.show()
    yield widget
    ctx.close()


def translated(context: str, source: str) -> str:
    return QCoreApplication.translate(context, source)


def select(qtbot: Any, panel: AlarmPanel, alarm_id: int) -> str:
    panel.table.clearSelection()
    panel.table.setCurrentIndex(panel.proxy.index(-1, -1))
    assert panel.select_alarm(alarm_id)
    qtbot.waitUntil(lambda: panel.detail.detail is not None and panel.detail.detail.alarm.id == alarm_id,
                    timeout=10000)
    return panel.detail.text()


def test_zone_explanation_in_russian_with_local_time(qtbot: Any, russian: None, panel: AlarmPanel,
                                                     world: World) -> None:
    kind_ru = translated("AlarmKind", "Entered an exclusion zone")
    assert kind_ru != "Entered an exclusion zone"  # the Russian translator is really installed
    world.feed(*[world.fix("TRK-1", later(T0, minutes=i), *SCHOOL) for i in range(2)])
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1, timeout=10000)
    (alarm,) = world.alarms()
    text = select(qtbot, panel, alarm.id)

    # what the widget must show: the translator's text for the code's English source, named
    # parameters filled, the time in Almaty (12:01), not UTC (07:01)
    expected = translated("AlarmExplanation", EXPLANATIONS["zone_entered"]).format(zone="Школа № 12", since="12:01")
    assert expected in text.replace("20.11 12:01", "12:01")
    assert "Школа № 12" in text and "12:01" in text and "07:01" not in text
    assert "zone_entered" not in text and "{" not in text
    assert kind_ru in text and "Entered an exclusion zone" not in text  # also in the history's "raised" note
    tooltip = panel.proxy.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert "Школа № 12" in tooltip and "12:01" in tooltip


def test_incident_and_history_are_translated_not_stored_english(qtbot: Any, russian: None, panel: AlarmPanel,
                                                               world: World) -> None:
    world.feed(world.ev("BRC-1", T0, "TAMPER", part="STRAP", state="OPEN"))
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1, timeout=10000)
    (alarm,) = world.alarms()
    assert world.incidents()[0].explanation == "Device tampering"  # stored English stays as it was
    text = select(qtbot, panel, alarm.id)
    incident_ru = translated("IncidentCause", "Device tampering")
    assert incident_ru != "Device tampering" and incident_ru in text and "Device tampering" not in text
    assert translated("AlarmExplanation", EXPLANATIONS["strap_opened"]).format(serial="BRC-1", since="12:00") \
        in text.replace("20.11 12:00", "12:00")
    incident_column = panel.model.COLUMNS.index("incident")
    assert panel.proxy.index(0, incident_column).data() == incident_ru


def test_handover_shows_why_a_shelved_alarm_was_raised(qtbot: Any, panel: AlarmPanel, world: World) -> None:
    world.feed(*[world.fix("TRK-1", later(T0, minutes=i), *SCHOOL) for i in range(2)])
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1, timeout=10000)
    world.manager.shelve(world.alarms()[0].id, world.op1, timedelta(hours=1), "patrol on site")
    panel.table.setFocus()
    qtbot.keyClick(panel.table, Qt.Key.Key_H)
    dialog = panel.active_dialog
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=10000)
    text = dialog.browser.toPlainText()
    assert "Ахметов Ержан: Entered the exclusion zone “Школа № 12” at " in text
    assert "12:01; 990 m from home — until" in text and "patrol on site" in text
    plain = dialog.report.as_text(ALMATY)  # the core's English rendering (CLI, logs) explains it too
    assert "Ахметов Ержан: Entered the exclusion zone “Школа № 12” at 12:01; 990 m from home until" in plain
    dialog.close()


def test_widget_sources_match_the_core_texts() -> None:
    """lupdate reads the widget table; the core keeps the same English for logs: they must not drift."""
    assert EXPLANATIONS == explain.TEXTS


def test_explanation_text_never_leaks_a_code_and_survives_a_bad_translation(qapp: Any) -> None:
    assert explanation_text("no_such_code", {}) == ""
    assert explanation_text("", ()) == ""
    params = {"zone": "Парк", "since": "2026-11-20T19:30:00+00:00"}
    assert explanation_text("zone_left", params, ALMATY) == "Left the permitted zone “Парк” at 00:30"
    for source in EXPLANATIONS.values():  # every placeholder is named (translators may reorder them)
        assert all(name and not name.isdigit() for _, name, _, _ in string.Formatter().parse(source) if name is not None)


def test_system_history_notes_are_translated_at_display(qapp: Any, russian: None) -> None:
    assert action_note_text("system", "raised", "Bracelet strap opened") == translated("AlarmKind",
                                                                                         "Bracelet strap opened")
    assert action_note_text("op1", "raised", "Bracelet strap opened") == "Bracelet strap opened"  # a person's note
    assert action_note_text("op1", "shelved", "30 min: outage") == translated(
        "AlarmNote", "{minutes} min: {reason}").format(minutes=30, reason="outage")
    assert action_note_text("op1", "closed", "false_alarm: bracelet fell off") == (
        translated("AlarmResolution", "False alarm") + ": bracelet fell off")
    assert translated("AlarmResolution", "False alarm") != "False alarm"
    assert incident_text("", "Device tampering") == translated("IncidentCause", "Device tampering")


def test_device_alarm_names_are_words_not_codes(russian: None) -> None:
    """A tracker's own alarm ("voiceMessage", "fallDown") is named in the operator's language."""
    since = T0.astimezone(ALMATY)
    text = explanation_text("device_alarm", {"serial": "8800000000", "alarm": "voiceMessage", "since": since.isoformat()},
                            ALMATY)
    assert "voiceMessage" not in text and "голосовое сообщение" in text and "8800000000" in text
    fall = explanation_text("device_alarm", {"serial": "8800000000", "alarm": "fallDown", "since": since.isoformat()},
                            ALMATY)
    assert "fallDown" not in fall and "падение" in fall
    # a name ARM has no words for is shown as the device sent it, never dropped
    odd = explanation_text("device_alarm", {"serial": "1", "alarm": "bonnet", "since": since.isoformat()}, ALMATY)
    assert "bonnet" in odd
