"""The ingest core: once per (device, evseq), durable before success, then published."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import threading
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from sqlalchemy import func, select

from arm.bus import Bus
from arm.events import DERIVED_EVSEQ_BASE, DeviceEvent, DeviceStateChanged, EventsStored
from arm.ingest import Ingest
from db.models import Device, DeviceEventRow, DeviceStatus, Position
from db.session import Database

T0 = datetime(2026, 11, 22, 9, 30, tzinfo=UTC)


def pos(evseq: int | None, serial: str = "TRK-000001", lat: float = 51.1, lon: float = 71.4, **kw) -> DeviceEvent:
    fields = {"lat": lat, "lon": lon, "fix": 1, "sats": 9, "hdop": 0.9, "speed_kmh": 3.0, "course": 90.0}
    fields.update(kw)
    return DeviceEvent(serial, evseq, T0 + timedelta(seconds=evseq or 0), "POS", fields, "serial", "TRK")


def count(db: Database, model) -> int:
    with db.session() as s:
        return s.execute(select(func.count()).select_from(model)).scalar_one()


def test_stored_once_per_device_and_evseq(db: Database, ingest: Ingest) -> None:
    first = ingest.store_sync([pos(1), pos(2)])
    again = ingest.store_sync([pos(2), pos(1), pos(3)])
    assert [s.evseq for s in first.stored] == [1, 2]
    assert [s.evseq for s in again.stored] == [3]
    assert again.duplicates == 2
    assert again.accepted == 3
    assert count(db, DeviceEventRow) == 3
    assert count(db, Position) == 3


def test_duplicates_inside_one_batch(db: Database, ingest: Ingest) -> None:
    res = ingest.store_sync([pos(7), pos(7), pos(7)])
    assert len(res.stored) == 1 and res.duplicates == 2
    assert count(db, DeviceEventRow) == 1


def test_same_evseq_on_two_devices_is_two_events(db: Database, ingest: Ingest) -> None:
    ingest.store_sync([pos(1, "TRK-000001"), pos(1, "TRK-000002")])
    assert count(db, DeviceEventRow) == 2


def test_unknown_device_becomes_unregistered_and_its_event_is_kept(db: Database, ingest: Ingest) -> None:
    ingest.store_sync([DeviceEvent("864717003283581", None, T0, "HB", {}, "gt06", "GT06")])
    with db.session() as s:
        dev = s.execute(select(Device)).scalar_one()
        assert dev.status == DeviceStatus.UNREGISTERED
        assert dev.type == "GT06"
        assert dev.last_contact is not None
    assert count(db, DeviceEventRow) == 1


def test_derived_evseq_dedupes_resent_network_reports(db: Database, ingest: Ingest) -> None:
    ev = pos(None, "864717003283581", lat=43.2)
    res1 = ingest.store_sync([ev])
    res2 = ingest.store_sync([pos(None, "864717003283581", lat=43.2)])
    assert res1.stored[0].evseq >= DERIVED_EVSEQ_BASE
    assert res2.duplicates == 1 and not res2.stored


@pytest.mark.parametrize(
    ("event", "reason"),
    [
        (pos(1, lat=91.0), "impossible coordinates"),
        (pos(1, lon=float("nan")), "not finite"),
        (DeviceEvent("TRK-1", 1, datetime.now(UTC) + timedelta(days=2), "HB"), "future"),
        (DeviceEvent("TRK-1", 1, T0, "NOPE"), "unknown kind"),
        (DeviceEvent("", 1, T0, "HB"), "bad serial"),
    ],
)
def test_bad_events_rejected_and_nothing_stored(db: Database, ingest: Ingest, event, reason) -> None:
    res = ingest.store_sync([event, pos(5)])
    assert len(res.rejected) == 1 and reason in res.rejected[0][1]
    assert [s.evseq for s in res.stored] == [5]
    assert count(db, Position) == 1


def test_pos_without_fix_is_kept_without_position(db: Database, ingest: Ingest) -> None:
    ev = DeviceEvent("TRK-000001", 9, T0, "POS", {"lat": None, "lon": None, "fix": 0}, "serial", "TRK")
    res = ingest.store_sync([ev])
    assert len(res.stored) == 1
    assert count(db, Position) == 0


def test_battery_and_last_contact_follow_stat(db: Database, ingest: Ingest) -> None:
    ingest.store_sync([DeviceEvent("BRC-100001", 1, T0, "STAT", {"battery": 41, "charging": False}, "serial", "BRC")])
    ingest.store_sync([DeviceEvent("BRC-100001", 2, T0, "HB", {}, "serial", "BRC")])
    with db.session() as s:
        dev = s.execute(select(Device)).scalar_one()
    assert dev.battery == 41  # a heartbeat does not erase the battery level


def test_published_after_commit_only_new(db: Database, bus: Bus, ingest: Ingest) -> None:
    seen: list[tuple[int, int]] = []
    states: list[DeviceStateChanged] = []

    def on_stored(msg: EventsStored) -> None:
        with db.session() as s:  # the rows must already be visible to another connection
            n = s.execute(select(func.count()).select_from(DeviceEventRow)).scalar_one()
        seen.append((len(msg.events), n))

    bus.subscribe(EventsStored, on_stored)
    bus.subscribe(DeviceStateChanged, states.append)
    ingest.store_sync([pos(1), pos(2)])
    ingest.store_sync([pos(2)])
    assert seen == [(2, 2)]
    assert len(states) == 2 and states[0].serial == "TRK-000001"


def test_concurrent_submitters_are_batched(db: Database, ingest: Ingest) -> None:
    def worker(serial: str) -> None:
        for i in range(1, 201):
            ingest.submit([pos(i, serial)])
        ingest.store_sync([pos(201, serial)])

    threads = [threading.Thread(target=worker, args=(f"TRK-{n:06d}",)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert count(db, DeviceEventRow) == 8 * 201
    assert ingest.stats.batches < 8 * 201  # merged into fewer transactions


def test_submit_when_stopped_fails_loudly(db: Database, bus: Bus) -> None:
    core = Ingest(db, bus)
    fut = core.submit([pos(1)])
    with pytest.raises(RuntimeError, match="not running"):
        fut.result(1)


def test_stop_flushes_everything_submitted(db: Database, bus: Bus) -> None:
    core = Ingest(db, bus)
    core.start()
    futures = [core.submit([pos(i)]) for i in range(1, 301)]
    core.stop()
    assert all(f.done() for f in futures)
    assert count(db, DeviceEventRow) == 300


KILL_SCRIPT = textwrap.dedent(
    """
    import sys
    from datetime import UTC, datetime, timedelta
    from arm.bus import Bus
    from arm.events import DeviceEvent
    from arm.ingest import Ingest
    from db.session import Database

    db = Database(sys.argv[1])
    core = Ingest(db, Bus(), max_delay_s=0.002)
    core.start()
    t0 = datetime(2026, 11, 22, tzinfo=UTC)
    evseq = 0
    while True:
        batch = []
        for _ in range(25):
            evseq += 1
            batch.append(DeviceEvent("SKU-000417", evseq, t0 + timedelta(seconds=evseq), "HB", {}, "serial", "SKU"))
        core.store_sync(batch)
        print(evseq, flush=True)  # reported stored: the device would be acknowledged now
    """
)


def test_kill_between_batches_loses_nothing_reported(db: Database, tmp_path: Path) -> None:
    script = tmp_path / "writer.py"
    script.write_text(KILL_SCRIPT)
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[2]))
    proc = subprocess.Popen([sys.executable, str(script), db.url], stdout=subprocess.PIPE, text=True, env=env)
    reported = 0
    assert proc.stdout is not None
    for line in proc.stdout:
        reported = int(line)
        if reported >= 2000:
            break
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    proc.stdout.close()
    with db.session() as s:
        evseqs = set(s.execute(select(DeviceEventRow.evseq)).scalars())
    assert set(range(1, reported + 1)) <= evseqs


def test_one_batch_with_ten_thousand_new_devices(db: Database, ingest: Ingest) -> None:
    """More new serials than a statement may bind parameters for (PostgreSQL: 65,535)."""
    events = [DeviceEvent(f"86471700{n:07d}", None, T0, "HB", {}, "gt06", "GT06") for n in range(10_000)]
    res = ingest.store_sync(events, timeout=120)
    assert len(res.stored) == 10_000
    assert count(db, Device) == 10_000


def test_cancelled_submission_does_not_kill_the_writer(db: Database, ingest: Ingest) -> None:
    import asyncio

    async def cancel_midway() -> None:
        task = asyncio.ensure_future(ingest.store([pos(i) for i in range(1, 2001)]))
        await asyncio.sleep(0)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task

    for _ in range(5):
        asyncio.run(cancel_midway())
    res = ingest.store_sync([pos(5000)])  # the writer thread is still alive and storing
    assert [s.evseq for s in res.stored] == [5000]
    assert ingest.running


def test_last_contact_written_at_most_once_per_interval(db: Database, bus: Bus, ingest: Ingest) -> None:
    """The table's last_contact is coalesced per device; the bus still gets every contact."""
    states: list[DeviceStateChanged] = []
    bus.subscribe(DeviceStateChanged, states.append)

    def stored_contact() -> datetime | None:
        with db.session() as s:
            return s.execute(select(Device.last_contact)).scalar_one()

    ingest.store_sync([pos(1)])
    first = stored_contact()
    assert first is not None
    ingest.store_sync([pos(2)])
    assert stored_contact() == first  # within the interval: not rewritten
    assert len(states) == 2 and states[1].last_contact is not None and states[1].last_contact > first
    ingest.contact_write_interval_s = 0.0
    ingest.store_sync([pos(3)])
    later = stored_contact()
    assert later is not None and later > first


def test_battery_is_written_even_within_the_contact_interval(db: Database, ingest: Ingest) -> None:
    ingest.store_sync([DeviceEvent("BRC-100002", 1, T0, "HB", {}, "serial", "BRC")])
    ingest.store_sync([DeviceEvent("BRC-100002", 2, T0, "STAT", {"battery": 17, "charging": False}, "serial", "BRC")])
    with db.session() as s:
        assert s.execute(select(Device.battery)).scalar_one() == 17


def test_driver_path_rows_read_back_through_the_orm(db: Database, ingest: Ingest) -> None:
    """On SQLite ingest writes through sqlite3 itself: the ORM must read what a Core insert would give."""
    assert ingest._sqlite
    fields = {"lat": 51.128, "lon": 71.43, "fix": 1, "sats": 9, "hdop": None, "speed_kmh": 12.5, "course": 90.0,
              "cell": {"mcc": 401, "mnc": 1, "lac": 9711, "cid": 88139916}, "name": "Әлия «тест»"}
    when = T0.replace(microsecond=123456).astimezone(timezone(timedelta(hours=5)))  # not UTC on purpose
    (stored,) = ingest.store_sync([DeviceEvent("TRK-000777", 3, when, "POS", fields, "gt06", "GT06")]).stored
    with db.session() as s:
        row = s.get(DeviceEventRow, stored.id)
        assert row is not None and row.fields == fields and row.time == when and row.time.utcoffset() == timedelta(0)
        pos = s.execute(select(Position).where(Position.event_id == stored.id)).scalar_one()
        assert (pos.lat, pos.lon, pos.fix, pos.sats, pos.hdop, pos.speed_kmh, pos.course) == (
            51.128, 71.43, 1, 9, None, 12.5, 90.0)
        assert pos.time == when
        # and a query that compares times finds it (same text format as SQLAlchemy's own binds)
        found = s.execute(select(func.count()).select_from(DeviceEventRow).where(DeviceEventRow.time >= when)).scalar_one()
        assert found == 1
