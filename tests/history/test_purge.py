"""Retention at national scale on SQLite: every kind completes, and a purge never stops ingest."""

from __future__ import annotations

import statistics
import threading
import time
from datetime import UTC, datetime

from sqlalchemy import func, select

from arm.events import DeviceEvent
from arm.ingest import Ingest
from db import retention
from db.history import LastPosition
from db.models import DeviceEventRow, Position
from db.retention import ActState, DeletionAct
from db.session import Database
from tests.history.conftest import add_devices, days_ago, fill


def count(db: Database, model, *where) -> int:
    with db.session() as s:
        return int(s.scalar(select(func.count()).select_from(model).where(*where)) or 0)


def act_of(db: Database, kind: str) -> int:
    with db.begin() as s:
        return retention.propose_act(s, kind, "first").id


def confirm(db: Database, act_id: int) -> DeletionAct:
    with db.begin() as s:
        retention.execute_act(s, act_id, "second")
    with db.session() as s:
        act = s.get(DeletionAct, act_id)
        assert act is not None
        s.expunge(act)
        return act


def test_proposing_an_events_act_is_an_index_search_not_a_scan(db: Database) -> None:
    with db.engine.connect() as conn:
        plan = " | ".join(str(r[-1]) for r in conn.exec_driver_sql(
            "EXPLAIN QUERY PLAN SELECT count(*) FROM device_events e WHERE e.time < 1767225600000000 "  # 2026-01-01 in microseconds
            "AND NOT EXISTS (SELECT 1 FROM positions p WHERE p.event_id = e.id) "
            "AND NOT EXISTS (SELECT 1 FROM alarms a WHERE a.event_id = e.id)"))
    assert "ix_position_event" in plan and "ix_alarm_event" in plan, plan
    assert "SCAN p" not in plan and "SCAN positions" not in plan, plan


def test_positions_then_events_act_complete_and_keep_what_is_young(db: Database) -> None:
    devices = add_devices(db, 20)
    fill(db, devices, days_ago(120), 60)          # expired: 1,200 positions, 2,400 events
    fill(db, devices, days_ago(10), 30)           # kept
    assert count(db, Position) == 1800 and count(db, DeviceEventRow) == 3600

    events_first = confirm(db, act_of(db, "device_events"))  # POS events still have their positions
    assert events_first.state == ActState.EXECUTED and events_first.row_count == 1200  # the heartbeats
    assert count(db, DeviceEventRow) == 2400

    positions = confirm(db, act_of(db, "positions"))
    assert positions.state == ActState.EXECUTED and positions.row_count == 1200
    assert count(db, Position) == 600

    events = confirm(db, act_of(db, "device_events"))
    assert events.state == ActState.EXECUTED and events.row_count == 1200
    assert count(db, DeviceEventRow) == 1200  # the young half: 600 POS + 600 HB
    with db.session() as s:
        assert s.scalar(select(func.min(DeviceEventRow.time))) > days_ago(11)
        # the R*Tree follows the deletes (its rows are the positions' ids)
        assert s.execute(select(func.count()).select_from(Position)).scalar() == \
            s.connection().exec_driver_sql("SELECT count(*) FROM positions_rtree").scalar()


def test_an_act_left_executing_is_finished_by_confirming_again(db: Database) -> None:
    devices = add_devices(db, 5)
    fill(db, devices, days_ago(100), 20, extra_events=False)
    act_id = act_of(db, "positions")
    with db.begin() as s:  # the state a stopped program leaves: executing, nothing deleted yet
        act = s.get(DeletionAct, act_id)
        act.state, act.confirmed_by = ActState.EXECUTING, "second"
    assert count(db, Position) == 100
    assert confirm(db, act_id).state == ActState.EXECUTED
    assert count(db, Position) == 0
    assert count(db, LastPosition) == 0  # last fixes older than the cut-off went too (personal data)


def test_a_device_streaming_during_a_purge_is_never_held_up(db: Database, ingest: Ingest) -> None:
    devices = add_devices(db, 250)
    fill(db, devices, days_ago(100), 300)  # 75,000 positions and 150,000 events past retention
    latencies: dict[str, list[float]] = {"before": [], "during": []}
    phase = ["before"]
    stop = threading.Event()
    failures: list[str] = []

    def stream() -> None:
        seq = 0
        while not stop.is_set():
            seq += 1
            ev = DeviceEvent("STREAM-1", seq, datetime.now(UTC), "POS",
                             {"lat": 43.2, "lon": 76.9, "fix": 1, "sats": 8, "hdop": 1.0}, "serial", "TRK")
            started = time.perf_counter()
            try:
                result = ingest.store_sync([ev], timeout=30)
            except Exception as exc:  # noqa: BLE001 - a refusal or a lock error fails the test
                failures.append(repr(exc))
                continue
            latencies[phase[0]].append(time.perf_counter() - started)
            if result.accepted != 1:
                failures.append(f"report {seq} not accepted: {result.rejected}")
            time.sleep(0.01)

    streamer = threading.Thread(target=stream)
    streamer.start()
    try:
        time.sleep(3.0)  # the usual waits on this machine, before the purge
        phase[0] = "during"
        started = time.perf_counter()
        confirm(db, act_of(db, "positions"))
        confirm(db, act_of(db, "device_events"))
        purge_s = time.perf_counter() - started
    finally:
        stop.set()
        streamer.join()
    assert failures == []
    assert count(db, Position, Position.time < days_ago(90)) == 0
    assert count(db, DeviceEventRow, DeviceEventRow.time < days_ago(90)) == 0
    before, during = sorted(latencies["before"]), sorted(latencies["during"])
    assert len(during) > 20, f"the purge of 225,000 rows took {purge_s:.2f} s: too short to measure"
    usual = statistics.median(before)
    p95 = during[int(len(during) * 0.95) - 1]
    print(f"purge {purge_s:.2f} s, ack median {usual * 1000:.1f} ms before (worst {before[-1] * 1000:.1f}); "
          f"during: p95 {p95 * 1000:.1f} ms, worst {during[-1] * 1000:.1f} ms")
    # One transaction for the whole act held the lock for seconds (every report waited); in batches
    # reports wait at most a batch. The rare worst case also carries this shared machine's scheduling
    # noise (seen before the purge too), so it is held to a looser bound than the 95th percentile.
    assert p95 < usual + 0.1, f"95 % of acknowledgements within {p95 * 1000:.0f} ms during the purge"
    assert during[-1] < usual + 0.5, f"an acknowledgement waited {during[-1] * 1000:.0f} ms during the purge"


def test_the_desk_purges_in_a_thread_of_its_own_after_the_commit(db: Database) -> None:
    devices = add_devices(db, 10)
    fill(db, devices, days_ago(100), 60, extra_events=False)
    act_id = act_of(db, "positions")
    with db.begin() as s:
        s.info[retention.PURGE_IN_BACKGROUND] = True
        retention.execute_act(s, act_id, "second")
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        with db.session() as s:
            if s.get(DeletionAct, act_id).state == ActState.EXECUTED:
                break
        time.sleep(0.05)
    assert count(db, Position) == 0
    with db.session() as s:
        assert s.get(DeletionAct, act_id).row_count == 600
