"""The alarm detail pane's "Listen…" for a voice-message alarm: real rules, alarms, panel and player.

A watch's clip goes through the listener's storing steps and ingest, the real
rules engine raises the ``device_alarm`` (``voiceMessage``), the operator
selects it in the real alarm panel and listens: the same player as the person
card, the same audit rows. Roles that may not listen see why.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from arm.alarms.scenario import World
from arm.auth import CurrentUser
from arm.config import Settings
from arm.events import DeviceEvent
from arm.ingest import Ingest
from arm.service import MonitoringService
from db.models import AuditEntry
from db.session import Database
from tests.network.media_fixtures import DISTRICTS, T0, amr_clip, media_persons, settle_player, store_clip, user
from widgets.alarm_model import ViewRole
from widgets.alarm_panel import AlarmPanel
from widgets.context import AppContext
from widgets.qt_bridge import QtBridge
from widgets.voice_messages import VoiceMessageDialog

pytestmark = pytest.mark.gui


@pytest.fixture
def world(db: Database, bus: Any, ingest: Ingest) -> Iterator[World]:
    w = World(db, bus, ingest)
    yield w
    w.close()


@pytest.fixture
def voice_alarm(db: Database, ingest: Ingest, world: World) -> dict[str, Any]:
    """Person 0's watch sent two voice messages (one alarm, reactivated); person 1's a fall alarm."""
    persons, serials = media_persons(db)
    world.reload()
    clips = {}
    for k, seconds in enumerate((2.0, 1.0)):
        clip = amr_clip(seconds, seed=30 + k)
        clips[store_clip(db, ingest, serials[0], clip, T0 + timedelta(minutes=k))] = clip
        world.runtime.flush()
    # a different device alarm of the other person: no Listen for it
    world.feed(DeviceEvent(serials[1], 1, T0, "ALARM", {"alarm": "fallDown"}, "watch", "WATCH"))
    return {"persons": persons, "serials": serials, "clips": clips}


def make_panel(qtbot: Any, world: World, who: CurrentUser) -> tuple[AlarmPanel, AppContext]:
    service = MonitoringService(world.db, world.bus, Settings())
    service.alarms = world.operations
    ctx = AppContext(db=world.db, service=service, bus=world.bus, bridge=QtBridge(world.bus), user=who,
                     settings=Settings())
    panel = AlarmPanel(ctx, sound=False)
    qtbot.addWidget(panel)
    panel.resize(1100, 700)
    panel.show()
    return panel, ctx


def select_alarm(qtbot: Any, panel: AlarmPanel, serial: str) -> None:
    qtbot.waitUntil(lambda: panel.proxy.rowCount() >= 1, timeout=10_000)
    for r in range(panel.proxy.rowCount()):
        if panel.proxy.index(r, 0).data(ViewRole).device_serial == serial:
            panel.table.selectRow(r)
            break
    else:
        raise AssertionError(f"no alarm of {serial}")
    qtbot.waitUntil(lambda: panel.detail.detail is not None
                    and panel.detail.detail.alarm.device_serial == serial, timeout=10_000)


def audit(db: Database) -> list[tuple[str, str, str]]:
    with db.session() as s:
        return [(a.action, a.object_type, a.object_id) for a in s.scalars(select(AuditEntry).order_by(AuditEntry.id))]


def test_operator_listens_to_the_voice_message_of_an_alarm(qtbot: Any, voice_alarm: dict[str, Any],
                                                          world: World) -> None:
    panel, ctx = make_panel(qtbot, world, user("operator", "oper1", (DISTRICTS[0], DISTRICTS[1])))
    try:
        serial = voice_alarm["serials"][0]
        select_alarm(qtbot, panel, serial)
        action = panel.detail.voice
        assert action is not None and action.isVisible() and action.button.isEnabled()
        assert action.button.text() == "Listen…" and "voice message" in action.reason.text()
        with qtbot.waitSignal(action.opened, timeout=5_000) as opened:
            qtbot.mouseClick(action.button, Qt.MouseButton.LeftButton)
        dialog: VoiceMessageDialog = opened.args[0]
        view = dialog.view
        # both messages of the (reactivated) alarm, the newest playing at once
        with qtbot.waitSignal(view.playing, timeout=10_000) as played:
            pass
        newest = max(voice_alarm["clips"])
        assert played.args == [newest]
        assert [c.id for c in view.clips] == sorted(voice_alarm["clips"], reverse=True)
        assert serial in dialog.heading.text() and "Әбілқасымов" in dialog.heading.text()
        qtbot.waitUntil(lambda: view._player is not None and view._player.duration() > 0, timeout=10_000)
        assert abs(view._player.duration() - 1000) < 200  # the newest clip is 1 s long
        alarm_id = str(panel.detail.detail.alarm.id)
        rows = audit(world.db)
        assert ("media_list", "alarm", alarm_id) in rows
        assert ("media_listen", "device_media", str(newest)) in rows
        dialog.close()
        assert not view._player.isPlaying()
        settle_player(qtbot)

        # another alarm of the same kind but not a voice message: no Listen
        select_alarm(qtbot, panel, voice_alarm["serials"][1])
        assert not action.isVisible()
    finally:
        ctx.close()


@pytest.mark.parametrize("role", ["technician", "administrator"])
def test_roles_that_may_not_listen_see_why(qtbot: Any, voice_alarm: dict[str, Any], world: World,
                                           role: str) -> None:
    """A voice message alarm is personal data: the core refuses these roles its detail (arm.access),
    the panel says so, translated, and nothing of the clip is listed or read."""
    panel, ctx = make_panel(qtbot, world, user(role))
    try:
        qtbot.waitUntil(lambda: panel.proxy.rowCount() >= 1, timeout=10_000)
        serial = voice_alarm["serials"][0]
        row = next(r for r in range(panel.proxy.rowCount())
                   if panel.proxy.index(r, 0).data(ViewRole).device_serial == serial)
        alarm_id = str(panel.proxy.index(row, 0).data(ViewRole).id)
        panel.table.selectRow(row)
        qtbot.waitUntil(lambda: panel.message.text() == "Your role may not do this.", timeout=10_000)
        assert panel.detail.detail is None
        assert not any(panel.buttons[name].isEnabled() for name in ("acknowledge", "note", "shelve", "close"))
        action = panel.detail.voice
        if action is not None:
            assert not action.button.isEnabled()
            action.listen()  # even if called: nothing opens, nothing is read
            assert action.dialog is None
        rows = audit(world.db)
        assert ("denied", "alarm", alarm_id) in rows
        assert not [r for r in rows if r[0].startswith("media_")]
    finally:
        ctx.close()
