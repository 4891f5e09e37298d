"""The on-delay of technical conditions (arm.alarms.holds) on the live path: ingest, runtime, manager."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from arm.alarms.holds import HoldPolicy
from arm.alarms.scenario import World, later, local
from arm.replay.clock import VirtualClock
from arm.rules.seed import circle, offset

HOME = (43.2567, 76.9286)
T = local(2026, 11, 20, 12, 0)


@pytest.fixture
def clock() -> VirtualClock:
    return VirtualClock(T)


@pytest.fixture
def world(db, bus, ingest, clock) -> Any:
    w = World(db, bus, ingest, clock=clock, holds=HoldPolicy.tuned())
    pid = w.seed.person(home=HOME)
    w.seed.kit(pid, "1", ("TRK",))
    w.reload()
    w.pid = pid
    yield w
    w.close()


def _at(w: World, clock: VirtualClock, ev) -> None:
    clock.advance(ev.time)
    w.feed(ev)


def _tick(w: World, clock: VirtualClock, at) -> None:
    clock.advance(at)
    w.tick(at)


def test_a_strap_knock_raises_nothing_and_a_cut_raises_after_a_minute(world: World, clock: VirtualClock) -> None:
    _at(world, clock, world.ev("TRK-1", T, "TAMPER", part="STRAP", state="OPEN"))
    _at(world, clock, world.ev("TRK-1", later(T, seconds=20), "TAMPER", part="STRAP", state="RESTORED"))
    _tick(world, clock, later(T, minutes=5))
    assert world.summary() == []
    assert world.runtime.holds is not None and world.runtime.holds.absorbed == 1
    cut = later(T, minutes=10)
    _at(world, clock, world.ev("TRK-1", cut, "TAMPER", part="STRAP", state="OPEN"))
    _tick(world, clock, later(cut, seconds=50))
    assert world.summary() == []
    _tick(world, clock, later(cut, seconds=60))
    assert world.summary() == [("tamper_strap", "active", False)]
    assert world.alarms()[0].raised_at == cut  # the alarm says since when
    _at(world, clock, world.ev("TRK-1", later(cut, minutes=3), "TAMPER", part="STRAP", state="RESTORED"))
    assert world.summary() == [("tamper_strap", "returned", False)]


def test_low_battery_reminds_the_wearer_and_reaches_the_operator_only_if_it_lasts(world: World,
                                                                                  clock: VirtualClock) -> None:
    _at(world, clock, world.ev("TRK-1", T, "STAT", battery=14, charging=False, rssi=-70, temperature=None))
    _at(world, clock, world.ev("TRK-1", later(T, minutes=40), "STAT", battery=30, charging=True, rssi=-70,
                                temperature=None))
    _tick(world, clock, later(T, hours=2))
    assert world.summary() == []
    assert world.runtime.holds is not None and world.runtime.holds.reminders == 1
    t2 = later(T, hours=3)
    for i in range(0, 100, 4):  # reported every 4 minutes, still low after the reminder
        _at(world, clock, world.ev("TRK-1", later(t2, minutes=i), "STAT", battery=12, charging=False, rssi=-70,
                                    temperature=None))
        _tick(world, clock, later(t2, minutes=i, seconds=30))
    assert world.summary() == [("low_battery", "active", False)]
    assert world.runtime.holds.reminders == 2


def test_an_exclusion_zone_is_never_held(world: World, clock: VirtualClock) -> None:
    school = offset(*HOME, north_m=2000)
    zone = world.seed.zone("School", "exclusion", circle(*school, 200))
    world.seed.restriction(world.pid, "exclusion_zone", zone_id=zone)
    world.reload()
    inside = offset(*school, north_m=20)
    _at(world, clock, world.fix("TRK-1", T, *inside))
    _at(world, clock, world.fix("TRK-1", later(T, minutes=1), *inside))
    assert world.summary() == [("exclusion_zone", "active", False)]


def test_a_policy_cannot_hold_protection_kinds() -> None:
    policy = HoldPolicy({"exclusion_zone": timedelta(minutes=5), "sos": timedelta(minutes=1),
                         "curfew": timedelta(minutes=10)})
    assert set(policy.holds) == {"curfew"}


def test_curfew_of_a_flat_device_joins_its_power_incident(world: World, clock: VirtualClock) -> None:
    """Tuned grouping (AlarmConfig.join_power_incident): the device died away from home before the curfew."""
    from arm.alarms.holds import tuned_alarm_config

    world.manager.config = tuned_alarm_config(world.manager.config)
    world.seed.restriction(world.pid, "curfew", schedule=[{"days": [0, 1, 2, 3, 4, 5, 6], "start": "22:00",
                                                           "end": "06:00"}])
    world.reload()
    work = offset(*HOME, north_m=3000)
    t = local(2026, 11, 20, 18, 0)
    for i in range(0, 120, 5):  # at work until 20:00, then nothing: the battery is flat
        _at(world, clock, world.fix("TRK-1", later(t, minutes=i), *work))
    tick = later(t, minutes=120)
    while tick < local(2026, 11, 20, 22, 30):
        _tick(world, clock, tick)
        tick = later(tick, seconds=30)
    assert sorted(k for k, _, _ in world.summary()) == ["curfew", "no_communication"]
    (incident,) = world.incidents()  # one problem, one incident
    assert incident.cause == "device_power"
    assert {a.incident_id for a in world.alarms()} == {incident.id}


def test_without_the_tuned_grouping_the_curfew_is_its_own_incident(world: World, clock: VirtualClock) -> None:
    world.seed.restriction(world.pid, "curfew", schedule=[{"days": [0, 1, 2, 3, 4, 5, 6], "start": "22:00",
                                                           "end": "06:00"}])
    world.reload()
    work = offset(*HOME, north_m=3000)
    t = local(2026, 11, 20, 18, 0)
    for i in range(0, 120, 5):
        _at(world, clock, world.fix("TRK-1", later(t, minutes=i), *work))
    tick = later(t, minutes=120)
    while tick < local(2026, 11, 20, 22, 30):
        _tick(world, clock, tick)
        tick = later(tick, seconds=30)
    assert sorted(i.cause.split(":")[0] for i in world.incidents()) == ["curfew", "device_power"]
