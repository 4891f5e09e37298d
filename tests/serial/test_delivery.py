"""Event delivery through real ptys into a real SQLite database via the ingest core.

Every event is stored exactly once through faults and reconnections; the
device never gets an `EACK` for an event before its row is committed; a hole
in evseq is fetched with `LOG`.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from serial_drivers.emulator import EmulatedDevice
from serial_drivers.icd.session import IcdSession
from tests.serial.conftest import stored_evseqs, wait_for

Emu = Callable[..., EmulatedDevice]
Factory = Callable[..., IcdSession]


def _sqlite_path(db: Any) -> str:
    return str(db.engine.url.database)


@pytest.mark.parametrize("seed", [7, 11])
def test_every_event_stored_once_through_noise(emulator: Emu, session_factory: Factory, db: Any, seed: int) -> None:
    dev = emulator("TRK", "TRK-000100", retransmit_s=0.4, seed=seed)
    session = session_factory(dev.port)
    session.start()
    dev.faults.garbage, dev.faults.bad_checksum, dev.faults.cut = 0.2, 0.15, 0.15
    for _ in range(150):
        dev.emit_generated()
        time.sleep(0.002)
    dev.faults.flood = True  # 10 kB without a newline in the middle of it all
    for _ in range(50):
        dev.emit_generated()
    assert wait_for(lambda: dev.unacked == [], timeout=20)
    assert sorted(stored_evseqs(db, "TRK-000100")) == list(range(1, 201))  # once each, none lost
    status = session.status()
    c = status.counters
    assert status.state == "connected"
    assert c["bad_checksum"] > 0 and c["cut"] > 0 and c["noise"] > 0 and c["too_long"] >= 1
    assert c["duplicates"] > 0  # retransmissions seen and dropped
    assert c.get("lost", 0) == 0  # garbled lines are never taken for lost events
    assert status.faults > 0


def test_no_eack_before_the_row_is_committed(emulator: Emu, session_factory: Factory, db: Any) -> None:
    """At the moment the device receives EACK,n, every event <= n is in the database file."""
    dev = emulator("SKU", "SKU-000200", rate=200)
    path = _sqlite_path(db)
    checks: list[tuple[int, list[int]]] = []

    def on_eack(upto: int) -> None:
        con = sqlite3.connect(path)  # a separate connection sees committed rows only
        rows = con.execute(
            "SELECT e.evseq FROM device_events e JOIN devices d ON d.id = e.device_id "
            "WHERE d.serial = 'SKU-000200' AND e.evseq <= ?",
            (upto,),
        ).fetchall()
        con.close()
        missing = sorted(set(range(1, upto + 1)) - {r[0] for r in rows})
        checks.append((upto, missing))

    dev.on_eack = on_eack
    session = session_factory(dev.port)
    session.start()
    assert wait_for(lambda: len(checks) >= 10 and dev.state.evseq >= 200, timeout=15)
    dev.rate = 0
    assert wait_for(lambda: dev.unacked == [])
    assert checks and all(missing == [] for _upto, missing in checks), checks[:5]


def test_held_commit_holds_the_eack(emulator: Emu, session_factory: Factory, db: Any) -> None:
    dev = emulator("BRC", "BRC-000300")
    session = session_factory(dev.port)
    session.start()
    dev.emit("HB")
    assert wait_for(lambda: dev.unacked == [])
    eacks = dev.counters["eacks"]
    blocker = sqlite3.connect(_sqlite_path(db), isolation_level=None, check_same_thread=False)
    blocker.execute("BEGIN IMMEDIATE")  # another writer holds the database: ingest cannot commit
    try:
        for _ in range(5):
            dev.emit("HB")
        time.sleep(1.0)
        assert dev.counters["eacks"] == eacks  # nothing acknowledged while the commit is held
        assert dev.unacked == [2, 3, 4, 5, 6]
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    assert wait_for(lambda: dev.unacked == [])
    assert stored_evseqs(db, "BRC-000300") == [1, 2, 3, 4, 5, 6]


def test_gap_is_fetched_with_log(emulator: Emu, session_factory: Factory, db: Any) -> None:
    dev = emulator("TRK", "TRK-000400", retransmit_s=60)  # no retransmission within the test
    dev.emit_generated()  # held before the host connects: the start of the run
    session = session_factory(dev.port)
    session.start()
    for _ in range(3):
        dev.emit_generated()
    dev.faults.drop_live = 3  # events 5, 6, 7 never reach the host live
    for _ in range(4):
        dev.emit_generated()
    assert wait_for(lambda: sorted(stored_evseqs(db, "TRK-000400")) == list(range(1, 9)), timeout=5)
    assert wait_for(lambda: dev.unacked == [])
    logs = [c.args for c in dev.commands if c.name == "LOG"]
    assert ("5",) in logs
    assert session.status().counters["gaps"] >= 1
    assert session.status().counters.get("lost", 0) == 0


def test_what_log_cannot_return_is_counted_lost_and_stepped_over(
    emulator: Emu, session_factory: Factory, db: Any
) -> None:
    dev = emulator("TRK", "TRK-000500", retransmit_s=60)
    dev.emit_generated()
    session = session_factory(dev.port)
    session.start()
    dev.faults.drop_live = 1
    lost = dev.emit_generated()
    with dev._lock:
        del dev.state.buffer[lost]  # the device forgot it (its buffer overflowed)
    dev.emit_generated()
    assert wait_for(lambda: dev.unacked == [], timeout=5)
    assert stored_evseqs(db, "TRK-000500") == [1, 3]
    assert session.status().counters["lost"] == 1


def test_history_in_db_is_the_baseline(emulator: Emu, session_factory: Factory, db: Any) -> None:
    """A device seen before: events above the stored ones are expected; a hole is asked for."""
    dev = emulator("SKU", "SKU-000600", retransmit_s=60)
    s1 = session_factory(dev.port)
    s1.start()
    for _ in range(3):
        dev.emit_generated()
    assert wait_for(lambda: dev.unacked == [])
    s1.close()
    dev.faults.drop_live = 1
    for _ in range(3):
        dev.emit_generated()  # 4 is dropped, 5 and 6 wait in the pty
    s2 = session_factory(dev.port)
    s2.start()
    assert s2.delivery is not None and s2.delivery.snapshot()["acked"] is not None
    assert wait_for(lambda: dev.unacked == [], timeout=8)
    assert sorted(stored_evseqs(db, "SKU-000600")) == [1, 2, 3, 4, 5, 6]


def test_unplug_replug_exactly_once_and_ordered_by_device_time(
    emulator: Emu, ingest: Any, db: Any, link_dir: Path
) -> None:
    from arm.bus import Bus
    from serial_drivers.manager import SerialManager

    dev = emulator("MKU", "MKU-000700", link=str(link_dir / "ttyEM0"), rate=50, retransmit_s=1.0)
    manager = SerialManager([dev.port], poll_s=0.1, probe_timeout=0.3)
    manager.start_with(ingest, db=db, bus=Bus())
    try:
        assert wait_for(lambda: manager.session_for_serial("MKU-000700") is not None)
        for _ in range(3):
            time.sleep(0.3)
            dev.unplug(come_back_after=0.4)  # same name again (the link is re-pointed)
            assert wait_for(lambda: dev.plugged, timeout=3)
            assert wait_for(lambda: manager.session_for_serial("MKU-000700") is not None, timeout=8)
        dev.rate = 0
        assert wait_for(lambda: dev.unacked == [], timeout=15)
    finally:
        manager.stop_sync()
    evseqs = stored_evseqs(db, "MKU-000700")
    assert sorted(evseqs) == list(range(1, dev.state.evseq + 1))
    assert dev.counters["plugs"] == 4
    from sqlalchemy import select

    from db.models import Device, DeviceEventRow

    with db.session() as s:  # through the ORM: the history's times are integers on SQLite (db.types.UtcTime)
        rows = s.execute(
            select(DeviceEventRow.evseq, DeviceEventRow.time).join(Device, Device.id == DeviceEventRow.device_id)
            .where(Device.serial == "MKU-000700").order_by(DeviceEventRow.id)).all()
    arrival = [r[0] for r in rows]
    assert arrival != sorted(arrival)  # old events did arrive after newer ones
    when = {r[0]: r[1] for r in rows}
    late = [a for a, b in zip(arrival, arrival[1:], strict=False) if b < a]
    # each late arrival kept its own (earlier) device time: history is ordered by it, not by arrival
    # (1 s tolerance: the device clock is set again, to the second, at each connection)
    assert all(when[b] <= when[a] + timedelta(seconds=1) for a in late for b in [x for x in arrival if x < a][-1:])
    by_time = sorted(arrival, key=lambda e: when[e])
    assert all(when[x] <= when[y] for x, y in zip(by_time, by_time[1:], strict=False))


def test_replug_under_another_name_is_picked_up(emulator: Emu, ingest: Any, db: Any, link_dir: Path) -> None:
    from arm.bus import Bus
    from serial_drivers.discovery import DiscoveryConfig
    from serial_drivers.manager import SerialManager

    dev = emulator("BAC", "BAC-000800", link=str(link_dir / "ttyEM1"), retransmit_s=1.0)
    config = DiscoveryConfig(globs=(str(link_dir / "ttyEM*"),))
    manager = SerialManager(["auto"], config=config, poll_s=0.1, probe_timeout=0.3)
    manager.start_with(ingest, db=db, bus=Bus())
    try:
        assert wait_for(lambda: manager.session_for_serial("BAC-000800") is not None)
        dev.emit_generated()
        dev.unplug()
        dev.emit_generated()  # made while unplugged: kept in the device's buffer
        dev.link_path = str(link_dir / "ttyEM7")  # comes back under another name
        dev.plug()
        assert wait_for(lambda: (s := manager.session_for_serial("BAC-000800")) is not None and s.port.endswith("ttyEM7"))
        assert wait_for(lambda: dev.unacked == [], timeout=10)
        lost = [st for st in manager.statuses() if st.port.endswith("ttyEM1")]
        assert lost and lost[0].state == "lost"
    finally:
        manager.stop_sync()
    assert stored_evseqs(db, "BAC-000800") == [1, 2]


def test_many_threads_commands_and_events_interleave(emulator: Emu, session_factory: Factory, db: Any) -> None:
    dev = emulator("SKU", "SKU-000900", rate=100, bracelets={"BRC-102938": "482913"})
    session = session_factory(dev.port)
    session.start()
    errors: list[BaseException] = []

    def worker() -> None:
        try:
            for _ in range(10):
                session.call("CFG", "GET", "REPORT_S")
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=worker) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    dev.rate = 0
    assert not errors
    assert wait_for(lambda: dev.unacked == [])
    assert stored_evseqs(db, "SKU-000900") == list(range(1, dev.state.evseq + 1))


def test_odd_and_impossible_events_are_kept_or_counted_and_never_block(
    emulator: Emu, session_factory: Factory, db: Any
) -> None:
    from datetime import UTC

    from sqlalchemy import text

    dev = emulator("TRK", "TRK-000950")
    dev.emit("HB")
    session = session_factory(dev.port)
    session.start()
    dev.emit_raw("TELEPORT", ("MARS",))  # a kind the ICD does not have: stored as a FAULT
    dev.emit("POS", {"lat": 123.0, "lon": 76.9, "fix": 1})  # impossible: ingest rejects it
    dev.emit("HB", at=datetime(2030, 1, 1, tzinfo=UTC))  # far in the future: rejected too
    dev.emit("STAT", {"battery": 55, "charging": False})
    assert wait_for(lambda: dev.unacked == [])  # nothing blocks the cumulative EACK
    assert sorted(stored_evseqs(db, "TRK-000950")) == [1, 2, 5]
    with db.session() as s:
        kind, fields = s.execute(text(
            "SELECT e.kind, e.fields FROM device_events e JOIN devices d ON d.id=e.device_id "
            "WHERE d.serial='TRK-000950' AND e.evseq=2")).one()
    assert kind == "FAULT" and "HOST_DECODE" in str(fields) and "TELEPORT,MARS" in str(fields)
    assert session.status().counters["rejected"] == 2
