"""One typed interface for the alarm operations: both implementations match it, changes carry their row."""

from __future__ import annotations

import inspect
import typing
from datetime import timedelta
from typing import Any

import pytest

from arm.alarms.api import AlarmConfig, AlarmOperations
from arm.alarms.local import LocalAlarmOperations
from arm.alarms.scenario import World, local
from arm.auth import CurrentUser
from arm.desk_api.client import RemoteAlarmManager, RemoteService
from arm.events import AlarmChanged
from db.models import Resolution

T0 = local(2026, 11, 20, 12, 0)
IMPLEMENTATIONS = (LocalAlarmOperations, RemoteAlarmManager)


def _members(cls: type) -> dict[str, Any]:
    return {name: value for name, value in vars(cls).items() if not name.startswith("_")}


def protocol_members() -> dict[str, Any]:
    members = _members(AlarmOperations)
    assert {"acknowledge", "add_note", "add_action", "shelve", "unshelve", "close", "detail", "handover",
            "open_views", "view", "unacknowledged_count", "config"} <= set(members)
    return members


def _shape(fn: Any) -> tuple[list[tuple[str, Any, Any]], dict[str, Any]]:
    """Parameter names, kinds and defaults, and the resolved type hints (annotations are strings here)."""
    params = [(p.name, p.kind, p.default) for p in inspect.signature(fn).parameters.values()]
    return params, typing.get_type_hints(fn)


@pytest.mark.parametrize("impl", IMPLEMENTATIONS, ids=lambda c: c.__name__)
def test_every_operation_has_the_protocols_signature(impl: type) -> None:
    for name, member in protocol_members().items():
        assert hasattr(impl, name) or name == "config", f"{impl.__name__} lacks {name}"
        if isinstance(member, property) or name == "config":
            continue
        assert _shape(getattr(impl, name)) == _shape(member), f"{impl.__name__}.{name} drifted from the protocol"


def test_config_is_readable_on_both(world: World) -> None:
    remote = RemoteService("ws://127.0.0.1:9/", "token-123456")  # never started: no network
    for operations in (world.operations, remote.alarms):
        assert isinstance(operations.config, AlarmConfig)
        assert operations.config.max_shelve > timedelta(0)


def test_an_offline_remote_desk_fails_the_future_and_does_not_raise() -> None:
    remote = RemoteService("ws://127.0.0.1:9/", "token-123456")
    future = remote.alarms.acknowledge(1, CurrentUser(id=1, login="op1", full_name="Op", role="operator"))
    with pytest.raises(Exception) as info:
        future.result(1)
    assert getattr(info.value, "code", "") == "not_connected"


def test_a_change_carries_the_row_the_manager_holds_after_it(world: World) -> None:
    pid = world.seed.person()
    world.seed.kit(pid, "1", ("BRC",))
    world.reload()
    world.feed(world.ev("BRC-1", T0, "TAMPER", part="STRAP", state="OPEN"))
    [raised] = world.changes
    assert raised.change == "raised" and raised.view is not None
    assert raised.view == world.manager.view(raised.alarm_id)
    alarm_id = raised.alarm_id

    seen: list[AlarmChanged] = []
    world.bus.subscribe(AlarmChanged, seen.append)
    acked = world.operations.acknowledge(alarm_id, world.op1, "calling").result(10)
    noted = world.operations.add_note(alarm_id, world.op1, "strap re-seated").result(10)
    assert [m.change for m in seen] == ["acknowledged", "note"]
    assert seen[0].view == acked and seen[1].view == noted == world.manager.view(alarm_id)
    assert seen[1].view is not None and seen[1].view.acknowledged and seen[1].view.notes == 2

    closed = world.operations.close(alarm_id, world.op1, Resolution.TECHNICAL, "loose clasp").result(10)
    assert closed.state == "closed"
    assert seen[-1].change == "closed" and seen[-1].state == "closed"
    assert seen[-1].view is None and world.manager.view(alarm_id) is None  # it left the panel
