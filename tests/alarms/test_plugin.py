"""The plugin on a real MonitoringService: serve options, start, events to alarms, stop."""

from __future__ import annotations

import argparse
import asyncio
import time
from datetime import timedelta

import pytest

from arm.alarms import plugin
from arm.alarms.holds import TUNED_HOLDS, TUNED_JOIN_POWER
from arm.alarms.scenario import local
from arm.config import Settings
from arm.events import AlarmChanged, DeviceEvent, utcnow
from arm.rules.conditions import Kind
from arm.rules.seed import Seeder
from arm.service import MonitoringService


def options(*argv: str) -> Settings:
    """The desk's default settings with these ``arm serve`` flags applied."""
    parser = argparse.ArgumentParser()
    plugin.add_serve_arguments(parser)
    return Settings().with_overrides(vars(parser.parse_args(list(argv))))


def test_serve_options_parse() -> None:
    defaults = Settings().alarms
    assert options().alarms == defaults, "a flag not given leaves its setting"
    assert (defaults.rules, defaults.escalate_after_s, defaults.rules_tick_s) == (True, 120.0, 10.0)
    assert defaults.holds == "field", "the live service holds technical conditions as `arm replay --tuned` does"
    given = options("--escalate-after", "30", "--rules-tick", "2", "--no-rules", "--alarm-holds", "none").alarms
    assert (given.escalate_after_s, given.rules_tick_s, given.rules, given.holds) == (30.0, 2.0, False, "none")


def test_a_hold_profile_outside_the_schema_is_refused() -> None:
    settings = Settings()
    settings.alarms.holds = "quiet"
    assert "alarms.holds" in settings.validate()
    try:
        options("--alarm-holds", "quiet")
    except SystemExit:
        pass
    else:
        raise AssertionError("argparse accepted an unknown profile")


def test_the_setting_chooses_the_runtime_holds(db, bus) -> None:
    field = MonitoringService(db, bus)
    plugin.configure(field, options())
    assert field.rules.holds is not None
    assert dict(field.rules.holds.policy.holds) == {k: v for k, v in TUNED_HOLDS.items()}
    assert field.rules.manager.config.join_power_incident == TUNED_JOIN_POWER
    assert Kind.EXCLUSION_ZONE not in field.rules.holds.policy.holds and Kind.SOS not in field.rules.holds.policy.holds
    none = MonitoringService(db, bus)
    plugin.configure(none, options("--alarm-holds", "none"))
    assert none.rules.holds is None and none.rules.manager.config.join_power_incident == frozenset()


def test_no_rules_adds_nothing(db, bus) -> None:
    service = MonitoringService(db, bus)
    plugin.configure(service, options("--no-rules"))
    assert service.components == [] and "alarms" not in service.extensions


def test_service_raises_alarms_from_ingested_events(db, bus) -> None:
    seed = Seeder(db)
    pid = seed.person()
    seed.kit(pid, "1", ("BRC",))
    service = MonitoringService(db, bus)
    # an event of 20 November: its strap has been open longer than the 60 s hold, raised at the first tick
    plugin.configure(service, options("--rules-tick", "0.05", "--escalate-after", "0.2"))
    assert service.alarms is service.extensions["alarms"]
    changes: list[AlarmChanged] = []
    bus.subscribe(AlarmChanged, changes.append)

    async def run() -> None:
        await service.start()
        try:
            ev = DeviceEvent("BRC-1", 1, local(2026, 11, 20, 12, 0), "TAMPER", {"part": "STRAP", "state": "OPEN"})
            await service.ingest.store([ev])
            deadline = time.monotonic() + 10
            while not any(c.change == "escalated" for c in changes) and time.monotonic() < deadline:
                await asyncio.sleep(0.01)
        finally:
            await service.stop()

    asyncio.run(run())
    assert [(c.kind, c.priority, c.change) for c in changes][:1] == [("tamper_strap", "critical", "raised")]
    # the ticker ran too: unacknowledged for 0.2 s, the critical alarm escalated
    assert any(c.change == "escalated" for c in changes)
    assert service.alarms.open_views()[0].escalated_at is not None


@pytest.mark.parametrize("profile", ["field", "none"])
def test_live_service_holds_a_strap_knock_by_the_setting(db, bus, profile: str) -> None:
    """A knock (strap open, restored 5 s later) raises nothing live with "field" (60 s hold); with "none" it does."""
    seed = Seeder(db)
    pid = seed.person()
    seed.kit(pid, "1", ("BRC",))
    changes: list[AlarmChanged] = []
    service = MonitoringService(db, bus)
    plugin.configure(service, options("--rules-tick", "0.05", "--alarm-holds", profile))
    bus.subscribe(AlarmChanged, changes.append)

    async def run() -> None:
        await service.start()
        try:
            now = utcnow()
            await service.ingest.store([DeviceEvent("BRC-1", 1, now, "TAMPER", {"part": "STRAP", "state": "OPEN"})])
            await asyncio.sleep(0.5)  # ten ticks: a held knock stays held
            await service.ingest.store([DeviceEvent("BRC-1", 2, now + timedelta(seconds=5), "TAMPER",
                                                    {"part": "STRAP", "state": "RESTORED"})])
            await asyncio.sleep(0.5)
            service.rules.flush()
        finally:
            await service.stop()

    asyncio.run(run())
    if profile == "field":
        assert [c.change for c in changes] == []
        assert service.rules.holds is not None and service.rules.holds.absorbed == 1
    else:
        assert [(c.kind, c.change) for c in changes][:1] == [("tamper_strap", "raised")]
