"""Benchmarks of the rules engine and the alarm path; prints figures, asserts nothing.

1. Zone evaluations per second: 10,000 devices (one person each, two zone
   restrictions per person) against 5,000 zones around Almaty, through the
   real engine (``RulesEngine.process``) on an in-memory snapshot, plus the
   vectorised STRtree query of all 10,000 fixes at once.
2. Latency from an event entering the ingest core to its alarm row changing
   in the operator panel's model, at a steady 1,000 events per second: real
   SQLite file, real Ingest, real rules runtime, real AlarmPanel (offscreen),
   every event a tamper open/restore that changes one alarm row.

Run: ``QT_QPA_PLATFORM=offscreen .venv/bin/python -m bench.rules [--seconds 5]``.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import threading
import time
from datetime import UTC, date, datetime, timedelta
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from arm.events import DeviceEvent, StoredEvent
from arm.rules.engine import RulesEngine
from arm.rules.seed import circle, offset
from arm.rules.snapshot import DeviceInfo, PersonRules, RestrictionRule, Snapshot

ALMATY = (43.25, 76.92)
#: zone id -> (lat, lon, radius m), so a share of the fixes can be placed in and around zones
CENTRES: dict[int, tuple[float, float, float]] = {}


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


# ---------------------------------------------------------------- 1. evaluations per second
def build_snapshot(devices: int, zones: int, rng: random.Random) -> Snapshot:
    zone_rows = []
    for z in range(1, zones + 1):
        c = offset(*ALMATY, north_m=rng.uniform(-15000, 15000), east_m=rng.uniform(-15000, 15000))
        radius = rng.uniform(80, 600)
        CENTRES[z] = (c[0], c[1], radius)
        zone_rows.append((z, circle(*c, radius, points=24), rng.choice((0.0, 25.0, 50.0))))
    persons, device_map = {}, {}
    since = datetime(2026, 1, 1, tzinfo=UTC)
    for i in range(1, devices + 1):
        restrictions = [
            RestrictionRule(2 * i, "exclusion_zone", rng.randint(1, zones), None, since, None),
            RestrictionRule(2 * i + 1, "exclusion_zone", rng.randint(1, zones),
                            [{"start": "20:00", "end": "08:00"}], since, None),
        ]
        persons[i] = PersonRules(i, "d", date(2026, 1, 1), None, None, None, 50.0, restrictions, [i])
        device_map[i] = DeviceInfo(i, f"TRK-{i}", "TRK", "issued", 300, None, i)
    # every other zone has its own schedule (zone editor), so the combined-schedule check is exercised
    zone_schedules = {z: [{"days": [0, 1, 2, 3, 4], "start": "08:00", "end": "20:00"}] for z in range(1, zones + 1, 2)}
    return Snapshot(persons, device_map, zone_rows, zone_schedules)


def bench_evaluations(devices: int, zones: int, rounds: int) -> None:
    rng = random.Random(7)
    t0 = time.perf_counter()
    engine = RulesEngine()
    engine.load(build_snapshot(devices, zones, rng))
    print(f"zones indexed: {len(engine.index)} (prepared + STRtree) in {time.perf_counter() - t0:.2f} s")
    now = datetime.now(UTC)
    evseq = 0
    total, elapsed, changes = 0, 0.0, 0
    for r in range(rounds):
        batch = []
        snapshot = engine.snapshot
        for d in range(1, devices + 1):
            evseq += 1
            if rng.random() < 0.3:  # in or near one of the person's zones: exact geometry is exercised
                zlat, zlon, radius = CENTRES[snapshot.persons[d].restrictions[0].zone_id or 1]
                lat, lon = offset(zlat, zlon, north_m=rng.uniform(-1.5, 1.5) * radius,
                                  east_m=rng.uniform(-1.5, 1.5) * radius)
            else:
                lat, lon = offset(*ALMATY, north_m=rng.uniform(-15000, 15000), east_m=rng.uniform(-15000, 15000))
            ev = DeviceEvent(f"TRK-{d}", evseq, now + timedelta(seconds=r), "POS",
                             {"lat": lat, "lon": lon, "fix": 1, "sats": 9, "hdop": 1.0})
            batch.append(StoredEvent(evseq, d, evseq, ev, now))
        t = time.perf_counter()
        for i in range(0, len(batch), 500):  # ingest-sized batches
            changes += len(engine.process(batch[i:i + 500]))
        elapsed += time.perf_counter() - t
        total += len(batch)
    zone_tests = total * 2
    print(f"engine: {total} fixes from {devices} devices vs {zones} zones in {elapsed:.2f} s: "
          f"{total / elapsed:,.0f} fixes/s, {zone_tests / elapsed:,.0f} zone evaluations/s "
          f"({changes} condition changes)")
    lats, lons = [], []
    for _ in range(devices):
        lat, lon = offset(*ALMATY, north_m=rng.uniform(-15000, 15000), east_m=rng.uniform(-15000, 15000))
        lats.append(lat)
        lons.append(lon)
    t = time.perf_counter()
    pairs = engine.index.bulk_candidates(lats, lons)
    dt = time.perf_counter() - t
    print(f"STRtree bulk query: {devices} points vs {zones} zones in {dt * 1000:.1f} ms "
          f"({devices / dt:,.0f} points/s, {len(pairs)} candidate pairs)")


# ---------------------------------------------------------------- 2. ingest -> panel row latency
class LockHold:
    """How long each writer thread holds SQLite's write lock: first INSERT/UPDATE/DELETE to the end of the commit.

    pysqlite opens the transaction at the first write, so that statement is
    where the lock is taken (its time includes any wait for the lock).
    Measured with SQLAlchemy events, per thread name prefix.
    """

    def __init__(self, engine: Any, prefixes: tuple[str, ...] = ("arm-alarms", "arm-ingest")) -> None:
        from sqlalchemy import event
        from sqlalchemy.orm import Session

        self.prefixes = prefixes
        self.held: dict[str, list[float]] = {p: [] for p in prefixes}
        self._local = threading.local()
        self._engine = engine
        self._listeners = [(engine, "before_cursor_execute", self._before), (Session, "after_commit", self._after),
                           (Session, "after_rollback", self._reset)]
        for target, name, fn in self._listeners:
            event.listen(target, name, fn)

    def close(self) -> None:
        from sqlalchemy import event

        for target, name, fn in self._listeners:
            event.remove(target, name, fn)

    def _before(self, _conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if getattr(self._local, "first", None) is None and statement.lstrip()[:6].upper() in ("INSERT", "UPDATE",
                                                                                               "DELETE"):
            self._local.first = time.perf_counter()

    def _after(self, _session: Any) -> None:
        first = getattr(self._local, "first", None)
        self._local.first = None
        if first is None:
            return
        name = threading.current_thread().name
        for prefix in self.prefixes:
            if name.startswith(prefix):
                self.held[prefix].append((time.perf_counter() - first) * 1000)

    def _reset(self, _session: Any) -> None:
        self._local.first = None

    def report(self) -> str:
        parts = []
        for prefix, values in self.held.items():
            if values:
                parts.append(f"{prefix}: p50 {statistics.median(values):.1f} ms, p99 {percentile(values, 99):.1f} ms, "
                             f"max {max(values):.1f} ms ({len(values)} commits)")
        return "; ".join(parts)


def bench_latency(rate: int, seconds: float, persons: int, probes_per_s: int) -> None:
    """Background of positions/heartbeats at ``rate`` events/s; among them tamper probes, each a new row."""
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from arm.alarms.scenario import World
    from arm.bus import Bus
    from arm.config import Settings
    from arm.ingest import Ingest
    from arm.service import MonitoringService
    from db.session import Database
    from widgets.alarm_panel import AlarmPanel
    from widgets.context import AppContext
    from widgets.qt_bridge import QtBridge

    app = QApplication.instance() or QApplication(sys.argv)
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["ARM_DATA_DIR"] = tmp
        db = Database(f"sqlite:///{tmp}/bench.sqlite3")
        db.upgrade()
        bus = Bus()
        ingest = Ingest(db, bus)
        ingest.start()
        world = World(db, bus, ingest)
        world.seed.bulk(persons, ("BRC", "TRK"), home=ALMATY)
        hold = LockHold(db.engine)
        world.reload()
        settings = Settings()
        service = MonitoringService(db, bus, settings)
        service.alarms = world.operations
        user = world.user("bench")  # a real account: the alarm core re-reads it
        ctx = AppContext(db=db, service=service, bus=bus, bridge=QtBridge(bus), user=user, settings=settings)
        panel = AlarmPanel(ctx, sound=False)
        panel.resize(1200, 700)
        panel.show()
        sent: dict[str, float] = {}
        latencies: list[float] = []
        lock = threading.Lock()

        def on_rows(_parent, first: int, last: int) -> None:
            now = time.perf_counter()
            for row in range(first, last + 1):
                serial = panel.model.views()[row].device_serial
                with lock:
                    t_sent = sent.pop(serial, None)
                if t_sent is not None:
                    latencies.append(now - t_sent)

        panel.model.rowsInserted.connect(on_rows)
        published: dict[int, float] = {}
        from arm.events import AlarmChanged
        bus.subscribe(AlarmChanged, lambda m: published.setdefault(m.alarm_id, time.perf_counter()))
        gui_part: list[float] = []

        def on_rows_gui(_parent, first: int, last: int) -> None:
            now = time.perf_counter()
            for row in range(first, last + 1):
                t_pub = published.get(panel.model.views()[row].id)
                if t_pub is not None:
                    gui_part.append(now - t_pub)

        panel.model.rowsInserted.connect(on_rows_gui)
        total = int(rate * seconds)
        every = max(1, rate // max(1, probes_per_s))
        probes = min(persons, total // every)
        base = datetime.now(UTC) - timedelta(minutes=30)
        done = threading.Event()

        def feeder() -> None:
            start = time.perf_counter()
            probe = 0
            for n in range(total):
                at = base + timedelta(milliseconds=n)
                if n % every == 0 and probe < probes:
                    serial = f"BRC-B{probe}"
                    ev = DeviceEvent(serial, 1, at, "TAMPER", {"part": "STRAP", "state": "OPEN"}, "sim", "BRC")
                    probe += 1
                else:
                    i = n % persons
                    lat, lon = offset(*ALMATY, north_m=(n % 7) - 3.0)
                    ev = DeviceEvent(f"TRK-B{i}", n + 1, at, "POS", {"lat": lat, "lon": lon, "fix": 1, "sats": 9,
                                     "hdop": 0.9, "speed_kmh": 0.0, "course": None}, "sim", "TRK")
                delay = start + n / rate - time.perf_counter()
                if delay > 0:
                    time.sleep(delay)
                if ev.kind == "TAMPER":
                    with lock:
                        sent[ev.serial] = time.perf_counter()
                ingest.submit([ev])
            done.set()

        thread = threading.Thread(target=feeder, daemon=True)
        # A real event loop, as in the application: the GUI thread sleeps until a queued signal wakes it
        # (a processEvents()/sleep spin would burn a core and delay the other threads).
        loop = QEventLoop()
        watch = QTimer()
        watch.setInterval(50)
        t0 = time.perf_counter()
        watch.timeout.connect(lambda: loop.quit() if done.is_set() and (
            len(latencies) >= probes or time.perf_counter() - t0 >= seconds + 10) else None)
        watch.start()
        thread.start()
        loop.exec()
        watch.stop()
        app.processEvents()
        wall = time.perf_counter() - t0
        ms = [x * 1000 for x in latencies] or [float("nan")]
        print(f"ingest -> panel row: {total} events at {rate}/s over {wall:.1f} s ({persons} persons, "
              f"{probes} tamper probes among positions): rows seen {len(latencies)}/{probes}, "
              f"p50 {statistics.median(ms):.1f} ms, p95 {percentile(ms, 95):.1f} ms, "
              f"p99 {percentile(ms, 99):.1f} ms, max {max(ms):.1f} ms; "
              f"ingest batches {ingest.stats.batches}, rules drains {world.runtime.batches}")
        g = [x * 1000 for x in gui_part] or [float("nan")]
        print(f"  of which bus -> panel row (GUI thread): p50 {statistics.median(g):.1f} ms, "
              f"p99 {percentile(g, 99):.1f} ms")
        print(f"  write lock held: {hold.report()}")
        hold.close()
        panel.close()
        ctx.close()
        world.close()
        ingest.stop()
        db.dispose()


def bench_alarm_changes(changes: int) -> None:
    """Worst case: every event changes an alarm (tamper open/restore storms), one transaction per drain."""
    from arm.alarms.scenario import World
    from arm.bus import Bus
    from arm.ingest import Ingest
    from db.session import Database

    with tempfile.TemporaryDirectory() as tmp:
        os.environ["ARM_DATA_DIR"] = tmp
        db = Database(f"sqlite:///{tmp}/storm.sqlite3")
        db.upgrade()
        bus = Bus()
        ingest = Ingest(db, bus)
        ingest.start()
        world = World(db, bus, ingest)
        world.seed.bulk(changes, ("BRC",), home=ALMATY)
        world.reload()
        base = datetime.now(UTC) - timedelta(minutes=30)
        events = [DeviceEvent(f"BRC-B{i}", 1, base, "TAMPER", {"part": "STRAP", "state": "OPEN"}, "sim", "BRC")
                  for i in range(changes)]
        t = time.perf_counter()
        ingest.store_sync(events)
        world.runtime.flush(60)
        dt = time.perf_counter() - t
        print(f"alarm storm: {changes} new alarms (ingest + rules + one transaction + bus) in {dt:.2f} s: "
              f"{changes / dt:,.0f} alarms/s")
        world.close()
        ingest.stop()
        db.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--devices", type=int, default=10_000)
    parser.add_argument("--zones", type=int, default=5_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--rate", type=int, default=1000)
    parser.add_argument("--seconds", type=float, default=15.0, help="latency run (20 probes/s: 300 samples)")
    parser.add_argument("--persons", type=int, default=1000)
    parser.add_argument("--probes", type=int, default=20, help="alarm-raising events per second among the load")
    parser.add_argument("--storm", type=int, default=2000)
    parser.add_argument("--skip-latency", action="store_true")
    args = parser.parse_args()
    bench_evaluations(args.devices, args.zones, args.rounds)
    if not args.skip_latency:
        bench_latency(args.rate, args.seconds, args.persons, args.probes)
        bench_alarm_changes(args.storm)


if __name__ == "__main__":
    main()
