"""The GUI demo's fleet against the service the app builds: every device reports, situations alarm."""

from __future__ import annotations

import argparse
import asyncio
import os
from dataclasses import replace
from pathlib import Path

from sqlalchemy import func, select

from arm.bus import Bus
from arm.config import Settings
from arm.demo import seed as demo_seed
from arm.simulate.demo_fleet import DEMO_RATES, SCRIPT, DemoFleet, IngestSink, RoutingSink
from db.models import Alarm, Assignment, Device, DeviceEventRow
from db.models_media import DeviceMedia
from db.session import Database
from widgets import app as arm_app

from .test_servers import run

SITUATIONS = {kind for kind, _at in SCRIPT}
ALARM_OF = {"curfew": "curfew", "exclusion_zone": "exclusion_zone", "tamper_strap": "tamper_strap",
            "low_battery": "low_battery", "alcohol_positive": "alcohol_positive",
            "voice_message": "device_alarm"}


def _issued_serials(db: Database) -> set[str]:
    with db.session() as s:
        return set(s.scalars(select(Device.serial).join(Assignment, Assignment.device_id == Device.id)
                             .where(Assignment.returned_at.is_(None), Device.is_demo.is_(True))))


def test_scenarios_go_to_different_persons_reproducibly(db: Database) -> None:
    with db.begin() as s:
        demo_seed(s, persons_per_city=4)
    a = DemoFleet.from_database(db, DEMO_RATES, seed=2026)
    b = DemoFleet.from_database(db, DEMO_RATES, seed=2026)
    assert a.scenarios == b.scenarios
    assert set(a.scenarios) == SITUATIONS, "every situation found a person"
    assert len(set(a.scenarios.values())) == len(SITUATIONS), "one situation per person"
    # every issued device belongs to a household
    covered = {serial for h in a.households.values() for serial in h.devices.values()}
    assert covered == _issued_serials(db)


def test_demo_fleet_every_device_reports_and_alarms_appear(db: Database, tmp_data_dir: Path) -> None:
    with db.begin() as s:
        demo_seed(s, persons_per_city=4)
    expected = _issued_serials(db)
    bus = Bus()
    settings = Settings.load()
    settings.alarms.rules_tick_s = 0.5
    seen: dict[str, object] = {}

    async def main() -> None:
        service = arm_app.build_service(db, bus, settings, argparse.Namespace(demo=True))
        tty_dir = service.extensions["demo_serial_dir"]
        await service.start()
        # a fast demo: a report every 0.4 s, ten simulated minutes per real second,
        # the two scripted minutes in six seconds
        rates = replace(DEMO_RATES, interval_s=0.4, time_scale=600.0)
        fleet = arm_app.start_demo_fleet(db, service.settings, service.ingest, serial_dir=tty_dir, rates=rates,
                                         timeline_scale=0.05)
        assert fleet is not None
        try:
            for _ in range(250):
                await asyncio.sleep(0.1)
                with db.session() as s:
                    heard = set(s.scalars(select(Device.serial).where(Device.last_contact.is_not(None))))
                    kinds = set(s.scalars(select(Alarm.kind)))
                    voice = s.scalar(select(func.count()).select_from(DeviceMedia))
                if expected <= heard and {ALARM_OF[k] for k in SITUATIONS} <= kinds and voice:
                    break
            seen.update(heard=heard, kinds=kinds, tty=list(Path(tty_dir).glob("ttyEM-*")))
        finally:
            fleet.cancel()
            await asyncio.gather(fleet, return_exceptions=True)
            await service.stop()
        assert not os.path.exists(tty_dir), "the pty link directory is removed"

    run(main)
    missing = expected - seen["heard"]  # type: ignore[operator]
    assert not missing, f"never heard: {sorted(missing)}"
    assert {ALARM_OF[k] for k in SITUATIONS} <= seen["kinds"]  # type: ignore[operator]
    with db.session() as s:
        # the scripted voice message: a clip stored with its voiceMessage event, and the alarm it raised
        clip = s.execute(select(DeviceMedia.parts, DeviceEventRow.fields, Device.type)
                         .join(DeviceEventRow, DeviceEventRow.id == DeviceMedia.event_id)
                         .join(Device, Device.id == DeviceMedia.device_id).order_by(DeviceMedia.id)).first()
        voice_alarms = s.scalar(select(func.count()).select_from(Alarm).join(
            DeviceMedia, DeviceMedia.event_id == Alarm.event_id))
    assert clip is not None and clip[1]["alarm"] == "voiceMessage" and clip[2] == "WATCH"
    assert voice_alarms >= 1
    n_tty = len(seen["tty"])  # type: ignore[arg-type]
    assert 1 <= n_tty <= arm_app.DEMO_PTY_DEVICES
    with db.session() as s:
        sources = dict(s.execute(select(DeviceEventRow.source, func.count(func.distinct(DeviceEventRow.device_id)))
                                 .group_by(DeviceEventRow.source)).all())
    # network trackers over sockets, a few ICD units over ptys (source "serial"), the rest "sim"
    assert sources.get("serial") == n_tty
    assert sources.get("sim", 0) > 0 and {"gt06", "watch"} <= set(sources)


def test_sinks_route_pty_devices_and_count_what_has_nowhere_to_go() -> None:
    sink = RoutingSink(None, None)
    from datetime import UTC, datetime

    asyncio.run(sink.deliver([("BRC-100101", "BRC", "HB", {}, datetime.now(UTC))]))
    assert sink.dropped == 1
    assert isinstance(RoutingSink(None, IngestSink(object())).sim, IngestSink)


def test_households_follow_the_script_on_a_replayed_clock(db: Database) -> None:
    """At noon only the house-arrest person has a curfew in force: they leave, the home unit
    says OUT, they come back, it says IN; breath tests pass except the scripted one."""
    from datetime import UTC, datetime, timedelta

    from arm.simulate.fleet import LOCAL_TZ

    from .test_simulator import FakeClock

    with db.begin() as s:
        demo_seed(s, persons_per_city=4)
    start = datetime(2026, 11, 23, 12, 0, tzinfo=LOCAL_TZ).astimezone(UTC)
    clock = FakeClock(start)
    fleet = DemoFleet.from_database(db, DEMO_RATES, seed=2026, clock=clock, now=start)
    assert fleet.scenarios["curfew"] == 2, "the house-arrest person is the only one whose curfew is in force"
    events: list[tuple[float, str, str, dict]] = []
    for _ in range(60):  # ten real minutes, a report every 10 s
        clock.now += timedelta(seconds=10)
        for d in fleet.devices:
            h = fleet.households[d.ident]
            r = fleet.step(d, clock.now, 600.0)
            events += [(fleet.elapsed_s(), serial, kind, fields)
                       for serial, _t, kind, fields, _at in fleet.household_events(h, d, r)]
    by_person = {h.person_id: h for h in fleet.households.values()}
    breaker = by_person[2]
    presence = [(t, f["state"]) for t, serial, kind, f in events if serial == breaker.devices["SKU"] and kind == "PRESENCE"]
    assert [s for _t, s in presence] == ["IN", "OUT", "IN"], presence
    assert 30 <= presence[1][0] <= 60 and presence[2][0] >= 270
    # every ICD device spoke in the first cycle (10 s)
    first = {serial for t, serial, _k, _f in events if t <= 10}
    assert {s for s, _t, _p in fleet.icd_serials()} <= first
    tests = [(serial, f["result"]) for _t, serial, kind, f in events if kind == "BAC"]
    fail = by_person[fleet.scenarios["alcohol_positive"]].devices["BAC"]
    assert (fail, "FAIL") in tests and all(r == "PASS" for s, r in tests if s != fail)
    assert {s for s, _r in tests} == {h.devices["BAC"] for h in fleet.households.values() if "BAC" in h.devices}
    low = by_person[fleet.scenarios["low_battery"]].devices["BRC"]
    assert any(s == low and k == "POWER" and f["state"] == "LOW_BATTERY" for _t, s, k, f in events)
    cut = by_person[fleet.scenarios["tamper_strap"]].devices["BRC"]
    assert any(s == cut and k == "TAMPER" and f["part"] == "STRAP" for _t, s, k, f in events)
