"""National history benchmark: N days of 2,500 trackers, then the queries that must not grow with it.

    .venv/bin/python bench/history.py [--days 1] [--devices 2500] [--db URL | --pg URL] [--keep]

Fills ``--days`` days of one POS report a minute per device (a position and its
device event with a tracker's usual payload) into a fresh database of the
project's schema (SQLite file in a temporary folder by default; ``--pg URL``
an empty PostgreSQL database), the oldest day already past the 90-day
retention, then prints:

  * bytes per position with its event (database size / positions; on SQLite per table and index);
  * a one device-day track query (median of 20 devices);
  * "who was here": 200 m circle, 2-hour window (``arm.history.near``, median of 10), and the same
    for a concave 8-pointed star polygon of 200 m outer radius (bounding box, then the exact test);
  * the live snapshot at start-up (every device's last fix: the maintained
    ``last_positions``, and for comparison the old max(time)-per-device scan);
  * the purge of the expired day (positions act, then device events act; with
    ``--events-act-only`` a device-events act alone, which on PostgreSQL drops
    the day's positions partition with the events) while one device streams
    through the ingest core, with the acknowledgement latency before and
    during the purge.

Default sizes run on this shared 2-core machine in a few minutes; pass
``--days 10`` for the issue's figure (about 36 million positions: tens of GB).
"""

from __future__ import annotations

import argparse
import math
import os
import random
import statistics
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import func, select, text

from arm.auth import authenticate, create_user
from arm.bus import Bus
from arm.events import DeviceEvent
from arm.history.near import PolygonArea, who_was_here, who_was_in
from arm.ingest import Ingest
from arm.ingest_sqlite import sqlite_time
from db import retention
from db.event_codec import dumps as fields_dumps
from db.history import LastPosition
from db.models import Assignment, Device, DeviceStatus, Person, Position
from db.session import Database

CENTRE = (43.2380, 76.9450)  # Almaty
SPREAD_M = 15_000.0
RETENTION_DAYS = 90


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def setup(db: Database, devices: int, start: datetime) -> list[tuple[int, float, float]]:
    """Devices issued to persons, each with a home somewhere in the city."""
    from datetime import date

    rng = random.Random(1)
    homes = []
    with db.begin() as s:
        create_user(s, "bench_sup", "bench-pass-1", "supervisor")
        for i in range(devices):
            p = Person(last_name=f"Bench{i}", first_name="Test", iin=f"{700000000000 + i}", birth_date=date(1980, 1, 1),
                       category="parole", supervision_start=date(2020, 1, 1), registered_on=date(2020, 1, 1),
                       district=f"D{i % 12}")
            d = Device(serial=f"TRK-{i:06d}", type="TRK", status=DeviceStatus.ISSUED)
            s.add_all([p, d])
            s.flush()
            s.add(Assignment(device_id=d.id, person_id=p.id, issued_at=start - timedelta(days=1), issued_by="bench"))
            r, a = SPREAD_M * math.sqrt(rng.random()), rng.random() * 2 * math.pi
            homes.append((d.id, CENTRE[0] + r * math.cos(a) / 111_195, CENTRE[1] + r * math.sin(a) / 81_100))
    return homes


def fill(db: Database, homes: list[tuple[int, float, float]], start: datetime, minutes: int) -> int:
    rng = random.Random(2)
    where = {d: [la, lo] for d, la, lo in homes}
    sqlite = db.dialect == "sqlite"
    raw = db.engine.raw_connection()
    cur = raw.cursor()
    ph = "?" if sqlite else "%s"
    ev_sql = (f"INSERT INTO device_events (id, device_id, evseq, time, received, kind, source, fields) VALUES "
              f"({','.join([ph] * 8)})")
    pos_sql = (f"INSERT INTO positions (device_id, event_id, time, lat, lon, fix, sats, hdop, accuracy_m, speed_kmh, "
               f"course) VALUES ({','.join([ph] * 11)})")
    next_id = 1
    written = 0
    t_fill = time.perf_counter()
    # each tracker reports at its own second of the minute (device clock: whole seconds) and is
    # received a little later (server clock: microseconds), as live devices do; identical times
    # for all would let PostgreSQL's B-tree deduplication shrink the time indexes unrealistically
    offset = {d: timedelta(seconds=(d * 7) % 60) for d, _la, _lo in homes}
    for m in range(minutes):
        at = start + timedelta(minutes=m)
        events, positions = [], []
        for dev, _hl, _ho in homes:
            when = at + offset[dev]
            got = when + timedelta(microseconds=rng.randrange(200_000, 2_000_000))
            t, r = (sqlite_time(when), sqlite_time(got)) if sqlite else (when, got)
            p = where[dev]
            p[0] += rng.gauss(0, 0.0003)
            p[1] += rng.gauss(0, 0.0004)
            fields = {"lat": round(p[0], 6), "lon": round(p[1], 6), "fix": 1, "sats": rng.randint(5, 12),
                      "hdop": round(rng.uniform(0.7, 2.0), 1), "speed_kmh": round(rng.uniform(0, 40), 1),
                      "course": rng.randint(0, 359), "battery": rng.randint(20, 100)}
            events.append((next_id, dev, m + 1, t, r, "POS", "gt06", fields_dumps(fields, "POS")))
            positions.append((dev, next_id, t, fields["lat"], fields["lon"], 1, fields["sats"], fields["hdop"],
                              None, fields["speed_kmh"], fields["course"]))
            next_id += 1
        cur.executemany(ev_sql, events)
        cur.executemany(pos_sql, positions)
        written += len(positions)
        if m % 60 == 59:
            raw.commit()
            rate = written / (time.perf_counter() - t_fill)
            print(f"\r  filled {written:,} positions ({rate:,.0f}/s)", end="", flush=True)
    raw.commit()
    if not sqlite:
        cur.execute("SELECT setval(pg_get_serial_sequence('device_events', 'id'), %s)", (next_id,))
        raw.commit()
    raw.close()
    print()
    return written


def breakdown(db: Database, count: int) -> str:
    """The bytes per position of each table and index, largest first (SQLite: ``dbstat``; PostgreSQL: pg_class)."""
    with db.engine.connect() as conn:
        if db.dialect == "postgresql":
            rows = conn.execute(text(
                "SELECT c.relname, pg_relation_size(c.oid) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                "WHERE n.nspname = 'public' AND c.relkind IN ('r', 'i') ORDER BY 2 DESC")).all()
        else:
            try:
                rows = conn.exec_driver_sql("SELECT name, sum(pgsize) FROM dbstat GROUP BY name ORDER BY 2 DESC").all()
            except Exception as exc:  # noqa: BLE001 - a SQLite built without dbstat
                return f"(no dbstat: {exc})"
    return ", ".join(f"{name} {size / count:.0f}" for name, size in rows if size / count >= 1)


def size_bytes(db: Database, path: Path | None) -> int:
    """The history's bytes: the SQLite file, or PostgreSQL's positions (all partitions) and events.

    On PostgreSQL ``last_positions`` is left out: one row per device (2,500
    rows), updated in place, whose size does not grow with the history; right
    after the bench's fill it holds the dead row versions of every update
    (about 95 bytes per position here) until autovacuum, which runs every
    minute or so on a live service, reclaims them.
    """
    with db.engine.connect() as conn:
        if db.dialect == "sqlite":
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
            assert path is not None
            return path.stat().st_size
        return int(conn.execute(text(
            "SELECT sum(pg_total_relation_size(oid)) FROM pg_class WHERE relkind = 'r' AND "
            "(relname LIKE 'positions%' OR relname = 'device_events')")).scalar() or 0)


def track_query(db: Database, homes: list, day: datetime) -> float:
    rng = random.Random(3)
    times = []
    with db.session() as s:
        for dev, _la, _lo in rng.sample(homes, 20):
            started = time.perf_counter()
            rows = s.execute(select(Position.time, Position.lat, Position.lon).where(
                Position.device_id == dev, Position.time >= day, Position.time < day + timedelta(days=1))
                .order_by(Position.time)).all()
            times.append(time.perf_counter() - started)
            assert rows
    return statistics.median(times)


def star(lat: float, lon: float, outer_m: float = 200.0) -> PolygonArea:
    """A concave 8-pointed star around the point: outer corners at ``outer_m``, inner ones at half."""
    corners = []
    for k in range(16):
        r = outer_m if k % 2 == 0 else outer_m / 2
        a = math.pi * k / 8
        corners.append((lat + r * math.cos(a) / 111_195.0,
                        lon + r * math.sin(a) / (111_195.0 * math.cos(math.radians(lat)))))
    return PolygonArea.of(corners)


def near_query(db: Database, homes: list, start: datetime, minutes: int,
               polygon: bool = False) -> tuple[float, float, str]:
    rng = random.Random(4)
    times, found, engine = [], [], ""
    with db.begin() as s:
        user = authenticate(s, "bench_sup", "bench-pass-1")
    with db.begin() as s:  # warm-up: statement compilation, the journal key
        who_was_here(s, user, *CENTRE, 200, start, start + timedelta(hours=2), "benchmark", with_tracks=False)
    for _ in range(10):
        _dev, la, lo = rng.choice(homes)
        t = start + timedelta(minutes=rng.randrange(0, max(1, minutes - 120)))
        with db.begin() as s:
            started = time.perf_counter()
            result = (who_was_in(s, user, star(la, lo), t, t + timedelta(hours=2), "benchmark", with_tracks=False)
                      if polygon else
                      who_was_here(s, user, la, lo, 200, t, t + timedelta(hours=2), "benchmark", with_tracks=False))
            times.append(time.perf_counter() - started)
        found.append(len(result.hits))
        engine = result.engine
    return statistics.median(times), statistics.mean(found), engine


def snapshot_queries(db: Database, homes: list) -> tuple[float, float]:
    ids = [d for d, _la, _lo in homes]
    with db.session() as s:
        s.scalars(select(LastPosition).where(LastPosition.device_id.in_(ids[:10]))).all()  # warm-up
        started = time.perf_counter()
        lp = LastPosition  # the columns the live map reads (maps/live.py)
        rows = s.execute(select(lp.device_id, lp.lat, lp.lon, lp.time, lp.accuracy_m)
                         .where(lp.device_id.in_(ids))).all()
        maintained = time.perf_counter() - started
        assert len(rows) == len(ids)
        started = time.perf_counter()
        last = (select(Position.device_id, func.max(Position.time).label("t")).where(Position.device_id.in_(ids))
                .group_by(Position.device_id).subquery())
        old = s.scalars(select(Position).join(last, (Position.device_id == last.c.device_id)
                                              & (Position.time == last.c.t))).all()
        scan = time.perf_counter() - started
        assert len(old) >= len(ids)
    return maintained, scan


def purge_while_streaming(db: Database, kinds: tuple[str, ...] = ("positions", "device_events")) -> None:
    ingest = Ingest(db, Bus())
    ingest.start()
    latencies: dict[str, list[float]] = {"before": [], "during": []}
    phase = ["before"]
    step = ["before"]  # the step of the purge under way, for the slowest acknowledgement
    slowest: list = [0.0, ""]
    stop = threading.Event()
    failures: list[str] = []

    def stream() -> None:
        seq = 0
        while not stop.is_set():
            seq += 1
            ev = DeviceEvent("STREAM-1", seq, datetime.now(UTC), "POS",
                             {"lat": 43.2, "lon": 76.9, "fix": 1, "sats": 8, "hdop": 1.0}, "gt06", "GT06")
            started = time.perf_counter()
            try:
                ok = ingest.store_sync([ev], timeout=60).accepted == 1
            except Exception as exc:  # noqa: BLE001 - counted and printed
                failures.append(repr(exc))
                continue
            took = time.perf_counter() - started
            latencies[phase[0]].append(took)
            if took > slowest[0]:
                slowest[:] = [took, step[0]]
            if not ok:
                failures.append("not accepted")
            time.sleep(0.01)

    thread = threading.Thread(target=stream, daemon=True)
    thread.start()
    time.sleep(2)
    phase[0] = "during"
    slowest[:] = [0.0, ""]
    for kind in kinds:
        started = time.perf_counter()
        with db.begin() as s:
            step[0] = f"proposing the {kind} act"
            act = retention.propose_act(s, kind, "bench-a")
            proposed = time.perf_counter() - started
            rows = act.row_count
            step[0] = f"executing the {kind} act"
            retention.execute_act(s, act.id, "bench-b")
            act_id = act.id
            step[0] = f"committing the {kind} act (then its batches, PostgreSQL events)"
        step[0] = f"after the {kind} act (background batches on SQLite)"
        took = time.perf_counter() - started
        with db.session() as s:
            done = s.get(retention.DeletionAct, act_id)
            rows, dropped = (done.row_count, done.partitions) if done else (rows, "")
        print(f"  purge {kind}: {rows:,} rows, proposed in {ms(proposed)}, done in {took:.2f} s "
              f"({rows / max(took, 1e-9):,.0f} rows/s)" + (f"; partitions dropped: {dropped}" if dropped else ""))
    stop.set()
    thread.join()
    ingest.stop()
    for name, values in latencies.items():
        values.sort()
        if values:
            print(f"  ack latency {name}: median {ms(statistics.median(values))}, "
                  f"p99 {ms(values[int(len(values) * 0.99) - 1])}, max {ms(values[-1])} ({len(values)} reports)")
    print(f"  slowest acknowledgement during the purge: {ms(slowest[0])}, while {slowest[1]}")
    print(f"  reports refused or failed: {len(failures)}" + (f" ({failures[0]})" if failures else ""))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--days", type=float, default=1.0, help="days of history (default 1; the issue: 10)")
    ap.add_argument("--devices", type=int, default=2500)
    ap.add_argument("--db", help="SQLite URL (default: a new file in a temporary folder)")
    ap.add_argument("--pg", metavar="URL", help="an empty PostgreSQL database instead")
    ap.add_argument("--keep", action="store_true", help="keep the SQLite file")
    ap.add_argument("--events-act-only", action="store_true",
                    help="purge with a device-events act alone (on PostgreSQL it drops the day's positions too)")
    args = ap.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="arm-history-bench-"))
    path: Path | None = None
    url = args.pg or args.db
    if not url:
        path = folder / "history.sqlite3"
        url = f"sqlite:///{path}"
    elif url.startswith("sqlite:///"):
        path = Path(url.removeprefix("sqlite:///"))
    os.environ.setdefault("ARM_CONFIG_DIR", str(folder / "config"))
    db = Database(url)
    db.upgrade()
    minutes = int(args.days * 24 * 60)
    # from a UTC midnight 91 days ago: that first day is past retention and purged below (on
    # PostgreSQL as a dropped day partition), the rest stays; a history of a day or less goes whole
    start = datetime.combine((datetime.now(UTC) - timedelta(days=RETENTION_DAYS + 1)).date(), datetime.min.time(), UTC)
    print(f"{db.dialect}: {args.devices} devices, {args.days} days ({minutes} minutes) from {start:%Y-%m-%d}")
    if db.dialect == "postgresql":
        from db import partitions

        with db.engine.begin() as conn:
            partitions.ensure_partitions(conn, start.date(), (start + timedelta(days=args.days)).date())
    homes = setup(db, args.devices, start)
    t0 = time.perf_counter()
    count = fill(db, homes, start, minutes)
    print(f"  fill: {count:,} positions and events in {time.perf_counter() - t0:.0f} s")
    with db.engine.connect() as conn:
        if db.dialect == "postgresql":
            conn.exec_driver_sql("ANALYZE")
        else:
            conn.exec_driver_sql("ANALYZE")
    print(f"  bytes per position with its event: {size_bytes(db, path) / count:.0f}")
    print(f"    of which: {breakdown(db, count)}")
    print(f"  track, one device-day: {ms(track_query(db, homes, start))} (median of 20)")
    took, found, engine = near_query(db, homes, start, minutes)
    print(f"  who was here, 200 m / 2 h [{engine}]: {ms(took)} (median of 10; {found:.1f} persons found on average)")
    took, found, engine = near_query(db, homes, start, minutes, polygon=True)
    print(f"  who was here, 16-corner star polygon of 200 m / 2 h [{engine}]: {ms(took)} "
          f"(median of 10; {found:.1f} persons found on average)")
    maintained, scan = snapshot_queries(db, homes)
    print(f"  start-up snapshot of {args.devices} last fixes: {ms(maintained)} from last_positions "
          f"(the old max(time) scan: {ms(scan)})")
    purge_while_streaming(db, ("device_events",) if args.events_act_only else ("positions", "device_events"))
    db.dispose()
    if path is not None and not args.keep and not args.db:
        path.unlink(missing_ok=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
