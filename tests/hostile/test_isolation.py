"""A row the database refuses fails nothing else (issue 14, "batches that isolate failures").

The database itself refuses the poisoned row: a SQLite trigger aborts any
position at latitude 12.345 (an ``IntegrityError`` from SQLite, as a value out
of a column's range or a constraint would give). Real sockets, real file.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import text

from arm.events import DeviceEvent, EventKind
from arm.ingest import Ingest
from arm.protocols import gt06
from arm.protocols.servers import Gt06Listener
from arm.simulate import gt06_device
from db.session import Database
from tests.network.test_servers import HOST, closed, rows, run, started

T = datetime.now(UTC).replace(microsecond=0) - timedelta(minutes=10)
POISON_LAT = 12.345


def poison(db: Database) -> None:
    with db.begin() as s:
        s.execute(text(
            "CREATE TRIGGER poison BEFORE INSERT ON positions WHEN abs(NEW.lat - 12.345) < 0.0001 "
            "BEGIN SELECT RAISE(ABORT, 'poisoned row'); END"))


def pos(serial: str, lat: float, i: int) -> DeviceEvent:
    return DeviceEvent(serial, i, T + timedelta(seconds=i), EventKind.POS,
                       {"lat": lat, "lon": 76.9, "fix": 1, "sats": 7, "hdop": 1.0, "speed_kmh": 1.0, "course": 0.0},
                       "serial", "BRC")


def test_one_submission_poisoned_row_rejected_alone(ingest: Ingest, db: Database,
                                                     caplog: pytest.LogCaptureFixture) -> None:
    poison(db)
    events = [pos(f"BRC-{k}", 43.0 + k * 0.01, i) for k in range(10) for i in range(1, 31)]
    events.insert(137, pos("BRC-bad", POISON_LAT, 1))
    with caplog.at_level(logging.WARNING, "arm.ingest"):
        result = ingest.store_sync(events)
    assert len(result.stored) == 300
    assert [(ev.serial, reason) for ev, reason in result.rejected] == [
        ("BRC-bad", "refused by the database: IntegrityError")]
    assert ingest.stats.db_refused == 1
    assert ingest.refusals_by_device["BRC-bad"] == {"refused by the database: IntegrityError": 1}
    for k in range(10):
        assert len(rows(db, f"BRC-{k}", EventKind.POS)) == 30
    assert rows(db, "BRC-bad") == []
    # the isolation took several failed attempts; the log has one line of each kind, not one per attempt
    failures = [r for r in caplog.records if "ingest batch of" in r.getMessage()]
    assert ingest.stats.failed_batches > 3 and len(failures) == 1
    # the same device's later sound reports are stored (its cached id was not left dangling)
    assert len(ingest.store_sync([pos("BRC-bad", 43.5, 2)]).stored) == 1


def test_database_down_fails_only_and_all_submissions(ingest: Ingest, db: Database) -> None:
    """A failure that is not about a row (the table is gone) is not bisected: each submission learns it."""
    with db.begin() as s:
        s.execute(text("ALTER TABLE positions RENAME TO positions_gone"))
    futures = [ingest.submit([pos(f"BRC-{k}", 43.0, 1)]) for k in range(3)]
    for fut in futures:
        with pytest.raises(Exception, match="positions"):
            fut.result(10)
    assert ingest.stats.db_refused == 0


def test_poisoned_report_beside_good_connections_all_stored_and_acked(db: Database) -> None:
    imeis = [f"35933907500{5400 + k}" for k in range(6)]
    bad = imeis[3]

    async def main() -> None:
        listener = Gt06Listener(0, HOST)
        service = await started(db, listener)
        poison(db)
        try:
            conns = []
            for imei in imeis:
                reader, writer = await asyncio.open_connection(HOST, listener.port)
                writer.write(gt06_device.encode_login(imei, 1))
                assert await asyncio.wait_for(reader.readexactly(10), 5) == gt06.build_response(gt06.MSG_LOGIN, 1)
                conns.append((reader, writer))
            for i in range(5):
                # every connection writes before the server reads: one loop turn, one merged submission
                for imei, (_r, writer) in zip(imeis, conns, strict=True):
                    lat = POISON_LAT if imei == bad and i == 2 else 51.0 + i * 0.001
                    writer.write(gt06_device.encode_location(T + timedelta(seconds=i), lat, 71.4, 10, 90, 9, True,
                                                             10 + i))
                for reader, _w in conns:
                    ack = await asyncio.wait_for(reader.readexactly(10), 5)
                    assert ack == gt06.build_response(gt06.MSG_GPS_LBS_1, 10 + i)
            for _r, writer in conns:
                await closed(writer)
            await asyncio.sleep(0.2)
        finally:
            await service.stop()
        assert service.ingest.stats.db_refused == 1
        assert sum(service.ingest.refusals_by_device[bad].values()) == 1
        assert listener.totals.errors["rejected"] == 1

    run(main)
    for imei in imeis:
        assert len(rows(db, imei, EventKind.POS)) == (4 if imei == bad else 5)


def test_database_refusing_most_rows_is_a_failure_not_bad_rows(ingest: Ingest, db: Database) -> None:
    """When the database refuses every row, nothing is rejected and acknowledged: the submission fails."""
    with db.begin() as s:
        s.execute(text("CREATE TRIGGER refuse_all BEFORE INSERT ON positions BEGIN SELECT RAISE(ABORT, 'no'); END"))
    fut = ingest.submit([pos(f"BRC-{k}", 43.0, 1) for k in range(20)])
    with pytest.raises(RuntimeError, match="refused 20 rows"):
        fut.result(30)
    assert ingest.stats.db_refused == 0
    with db.begin() as s:
        s.execute(text("DROP TRIGGER refuse_all"))
    # the devices resend: now stored
    assert len(ingest.store_sync([pos(f"BRC-{k}", 43.0, 1) for k in range(20)]).stored) == 20
