"""The fleet simulator: reproducible behaviour, and a live run over real sockets."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select

from arm.demo import seed as demo_seed
from arm.protocols.servers import Gt06Listener, OsmAndListener, WatchListener
from arm.service import MonitoringService
from arm.simulate.fleet import LOCAL_TZ, FleetSimulator, Report, SimDevice, SimRates, distance_m
from db.models import Device, DeviceEventRow
from db.session import Database

from .test_servers import HOST, run


class FakeClock:
    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now


def simulate_day(seed: int, rates: SimRates, start_local_hour: int = 8, hours: int = 24,
                 step_s: float = 60.0) -> tuple[FleetSimulator, list[list[Report]]]:
    start = datetime(2026, 11, 20, start_local_hour, 0, tzinfo=LOCAL_TZ).astimezone(UTC)
    clock = FakeClock(start)
    sim = FleetSimulator.synthetic(6, {"gt06": 1, "watch": 1, "osmand": 1}, rates, seed, clock=clock)
    reports: list[list[Report]] = [[] for _ in sim.devices]
    for _ in range(int(hours * 3600 / step_s)):
        clock.now += timedelta(seconds=step_s)
        for i, d in enumerate(sim.devices):
            reports[i].append(sim.step(d, clock.now, step_s))
    return sim, reports


def test_same_seed_same_run_other_seed_other_run() -> None:
    rates = SimRates(tamper_per_day=1.0, sos_per_day=1.0)
    _, a = simulate_day(7, rates, hours=6)
    _, b = simulate_day(7, rates, hours=6)
    _, c = simulate_day(8, rates, hours=6)
    assert a == b
    assert a != c


def test_curfew_kept_or_broken_battery_gnss_and_alarms() -> None:
    keep = SimRates(curfew_break=0.0, tamper_per_day=3.0, battery_drain_pct_per_h=6.0)
    sim, reports = simulate_day(3, keep, start_local_hour=12, hours=14)  # 12:00 .. 02:00 local
    for d, rs in zip(sim.devices, reports, strict=True):
        # at 01:00-02:00 everyone who keeps the curfew is home (within walking noise)
        late = [r for r in rs if r.time.astimezone(LOCAL_TZ).hour == 1 and r.lat is not None]
        assert late and all(distance_m((r.lat, r.lon), d.home) < 100 for r in late if r.lat is not None)
        assert any(distance_m((r.lat, r.lon), d.home) > 250 for r in rs if r.lat is not None), "never went out"
        assert any(r.lat is None for r in rs), "never lost GNSS indoors"
        assert min(r.battery for r in rs) < max(r.battery for r in rs)
    assert sum("tampering" in r.alarms for rs in reports for r in rs) >= 3

    breaking = SimRates(curfew_break=1.0)
    sim, reports = simulate_day(3, breaking, start_local_hour=12, hours=14)
    away_at_night = sum(
        any(r.lat is not None and r.time.astimezone(LOCAL_TZ).hour in (23, 0, 1)
            and distance_m((r.lat, r.lon), d.home) > 250 for r in rs)
        for d, rs in zip(sim.devices, reports, strict=True))
    assert away_at_night >= 4


def test_live_fleet_reaches_the_database(db: Database) -> None:
    async def main() -> None:
        listeners = [Gt06Listener(0, HOST), WatchListener(0, HOST), OsmAndListener(0, HOST)]
        service = MonitoringService(db)
        for listener in listeners:
            service.add_component(listener)
        await service.start()
        try:
            rates = SimRates(interval_s=0.05, tamper_per_day=0.0, sos_per_day=0.0, power_cut_per_day=0.0,
                             indoor_gnss_loss=0.0)
            sim = FleetSimulator.synthetic(9, {"gt06": 1, "watch": 1, "osmand": 1}, rates, seed=5)
            ports = {listener.protocol: listener.port for listener in listeners}
            stats = await sim.run(HOST, ports, duration_s=20, max_reports=3)
            assert stats["gave_up"] == 0
            assert sum(v for k, v in stats.items() if k.endswith("_reports")) == 27
        finally:
            await service.stop()
        for listener in listeners:
            assert not listener.totals.errors, (listener.protocol, listener.totals.errors)

    run(main)
    with db.session() as s:
        per_source = dict(s.execute(
            select(DeviceEventRow.source, func.count(func.distinct(DeviceEventRow.device_id)))
            .where(DeviceEventRow.kind == "POS").group_by(DeviceEventRow.source)).all())
        types = set(s.scalars(select(Device.type)))
    assert sum(per_source.values()) == 9 and set(per_source) <= {"gt06", "watch", "osmand"}
    assert types <= {"GT06", "WATCH", "PHONE"}


def test_fleet_from_demo_database(db: Database, tmp_path) -> None:
    with db.begin() as s:
        demo_seed(s, persons_per_city=4)
    with_icd = FleetSimulator.from_database(db, SimRates(), seed=2, serial_dir=tmp_path)
    icd = [d for d in with_icd.devices if d.protocol == "icd"]
    assert icd and {d.icd_type for d in icd} == {"TRK"}
    sim = FleetSimulator.from_database(db, SimRates(), seed=2)
    protocols = {d.protocol for d in sim.devices}
    assert sim.devices and protocols <= {"gt06", "watch", "osmand"} and "gt06" in protocols
    assert all(40 < d.home[0] < 55 and 50 < d.home[1] < 90 for d in sim.devices)
    assert sim.zones, "demo exclusion zones are visited by the fleet"
    assert isinstance(sim.devices[0], SimDevice)


def test_cli_parses_mix() -> None:
    import argparse

    import pytest

    from arm.simulate.plugin import _mix

    assert _mix("gt06=5,watch=3") == {"gt06": 5.0, "watch": 3.0}
    with pytest.raises(argparse.ArgumentTypeError):
        _mix("teltonika=1")


def test_icd_devices_through_the_serial_emulator(db: Database, tmp_path) -> None:
    """Simulated ICD trackers speak over pseudo-terminals to the service's serial manager."""
    import asyncio

    from serial_drivers import plugin as serial_plugin

    serial = "TRK-400777"
    sim = FleetSimulator([SimDevice(serial, "icd", (51.13, 71.43), icd_type="TRK")],
                         SimRates(interval_s=0.1, indoor_gnss_loss=0.0), seed=4, serial_dir=tmp_path / "tty")
    sim.start_emulators()

    async def main() -> None:
        service = MonitoringService(db)
        serial_plugin.configure(service, service.settings.with_overrides({"serial.ports": sim.serial_ports()}))
        await service.start()
        try:
            await sim.run(HOST, {}, duration_s=10, max_reports=3)
            for _ in range(200):
                with db.session() as s:
                    n = s.scalar(select(func.count()).select_from(DeviceEventRow).join(
                        Device, Device.id == DeviceEventRow.device_id).where(
                        Device.serial == serial, DeviceEventRow.kind == "POS"))
                if n and n >= 3:
                    break
                await asyncio.sleep(0.05)
            assert n and n >= 3
        finally:
            await service.stop()

    run(main)


def test_day_plans_home_work_indoor_fix_loss_and_evening_charging() -> None:
    """With ``day_plans`` (the GUI demo's rates) a person lives the day ``arm simulate day`` plans."""
    from arm.simulate.day import day_plan

    rates = SimRates(day_plans=True, curfew_break=0.0, tamper_per_day=0.0, sos_per_day=0.0, power_cut_per_day=0.0,
                     indoor_gnss_loss=0.0)
    sim, reports = simulate_day(11, rates, start_local_hour=0, hours=23)  # 00:00 .. 23:00 of one day
    indoor_seen = charged = 0
    for d, rs in zip(sim.devices, reports, strict=True):
        assert d.plan is not None
        day = rs[len(rs) // 2].time.astimezone(LOCAL_TZ).date()
        plan = day_plan(f"{sim.seed}:{d.ident}", day, d.home)
        assert plan.legs == d.plan.legs, "the plan is reproducible from the seed, the device and the day"
        settled = 0
        for r in rs:
            local = r.time.astimezone(LOCAL_TZ)
            t = (local - local.replace(hour=0, minute=0, second=0)).total_seconds()
            leg = plan.leg_at(t)
            if 6 <= local.hour < 22 and leg.b is None and t - leg.t0 > 1800 and r.lat is not None:
                # half an hour into a stay, the person is where the plan puts them (GNSS noise aside)
                assert distance_m((r.lat, r.lon), leg.a) < 150, (d.ident, local, leg.place)
                settled += 1
            if plan.indoors(t) and leg.place == "work" and t - leg.t0 > 1800:
                assert r.lat is None, "indoors at work the fix is lost"
                indoor_seen += 1
            if plan.charging(t) and r.charging:
                charged += 1
        assert settled > 100
        away = [r for r in rs if r.lat is not None and distance_m((r.lat, r.lon), d.home) > 250]
        works = any(leg.place in ("work", "errand") and distance_m(leg.a, d.home) > 300 for leg in plan.legs)
        assert bool(away) == works
    assert indoor_seen > 0 and charged > 0


def test_the_demo_rates_live_the_day_plans() -> None:
    from arm.simulate.demo_fleet import DEMO_RATES

    assert DEMO_RATES.day_plans and DEMO_RATES.curfew_on_real_clock
