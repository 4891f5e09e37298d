"""The plugin on a real MonitoringService: serve options, start, events to alarms, stop."""

from __future__ import annotations

import argparse
import asyncio
import time

from arm.alarms import plugin
from arm.alarms.scenario import local
from arm.config import Settings
from arm.events import AlarmChanged, DeviceEvent
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
    given = options("--escalate-after", "30", "--rules-tick", "2", "--no-rules").alarms
    assert (given.escalate_after_s, given.rules_tick_s, given.rules) == (30.0, 2.0, False)


def test_no_rules_adds_nothing(db, bus) -> None:
    service = MonitoringService(db, bus)
    plugin.configure(service, options("--no-rules"))
    assert service.components == [] and "alarms" not in service.extensions


def test_service_raises_alarms_from_ingested_events(db, bus) -> None:
    seed = Seeder(db)
    pid = seed.person()
    seed.kit(pid, "1", ("BRC",))
    service = MonitoringService(db, bus)
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
