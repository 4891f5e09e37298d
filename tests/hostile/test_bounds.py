"""Every field bounded before ingest (issue 14): impossible values refused or dropped, never stored.

Through the real ingest core on a real SQLite file, then over real sockets for
the values the issue found (a Watch satellite count of 20 digits, OsmAnd
``sat=1e300``, speeds of 1e308 and Infinity, course -9.2e18, negative HDOP, a
huge cell id, a GT06 login time zone beyond any on Earth).
"""

from __future__ import annotations

import asyncio
import math
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import select

from arm.events import DeviceEvent, EventKind
from arm.ingest import Ingest
from arm.plausibility import bounded, field_problems
from arm.protocols import gt06
from arm.protocols.servers import Gt06Listener, OsmAndListener, WatchListener
from arm.simulate import gt06_device, watch_device
from db.models import Device, DeviceEventRow, Position
from db.session import Database
from tests.network.test_servers import HOST, closed, rows, run, started

T = datetime.now(UTC).replace(microsecond=0) - timedelta(minutes=10)


def pos(**extra: Any) -> dict[str, Any]:
    fields: dict[str, Any] = {"lat": 43.2, "lon": 76.9, "fix": 1, "sats": 8, "hdop": 1.0, "speed_kmh": 10.0,
                              "course": 90.0}
    fields.update(extra)
    return fields


# (kind, fields, dropped field) - stored without that field
DROPPED = [
    ("POS", pos(speed_kmh=1e308), "speed_kmh"),
    ("POS", pos(speed_kmh=math.inf), "speed_kmh"),
    ("POS", pos(speed_kmh=-5.0), "speed_kmh"),
    ("POS", pos(course=-9.2e18), "course"),
    ("POS", pos(course=361.0), "course"),
    ("POS", pos(course=math.nan), "course"),
    ("POS", pos(hdop=-1.0), "hdop"),
    ("POS", pos(sats=99999999999999999999), "sats"),
    ("POS", pos(sats=-1), "sats"),
    ("POS", pos(sats=True), "sats"),
    ("POS", pos(altitude_m=1e300), "altitude_m"),
    ("POS", pos(accuracy_m=-3.0), "accuracy_m"),
    ("POS", pos(cell={"mcc": 401, "mnc": 1, "lac": 1, "cid": 2**80}), "cell"),
    ("POS", pos(cell={"mcc": 4010, "mnc": 1, "lac": 1, "cid": 5}), "cell"),
    ("POS", pos(raw="x" * 5000), "raw"),
    ("POS", pos(extra={"deep": [[[[[[1]]]]]]}), "extra"),
    ("POS", pos(extra=2**64), "extra"),
    ("STAT", {"battery": 250, "charging": False, "rssi": -70, "temperature": 20.0}, "battery"),
    ("STAT", {"battery": 50, "charging": False, "rssi": 10**12, "temperature": 20.0}, "rssi"),
    ("STAT", {"battery": 50, "charging": False, "rssi": -70, "temperature": 1e9}, "temperature"),
    ("STAT", {"battery": 50, "charging": "yes", "rssi": -70, "temperature": 20.0}, "charging"),
    ("BAC", {"test_id": "T1", "mg_l": -0.5, "face_match": 90, "result": "PASS"}, "mg_l"),
    ("BAC", {"test_id": "T1", "mg_l": 0.1, "face_match": 900, "result": "PASS"}, "face_match"),
    ("ALARM", {"alarm": "voiceMessage", "audio": "a.amr", "size": 2**70}, "size"),
]

# (kind, fields, reason) - the whole event refused
REFUSED = [
    ("POS", pos(fix=7), "bad fix"),
    ("POS", pos(fix=2**70), "bad fix"),
    ("PRESENCE", {"bracelet": "B" * 200, "state": "IN", "rssi": None}, "bad bracelet"),
    ("PRESENCE", {"bracelet": "B1\nforged", "state": "IN", "rssi": None}, "bad bracelet"),
    ("ALARM", {"alarm": "s" * 65}, "bad alarm"),
    ("FAULT", {"code": "E1", "text": "t" * 3000}, "bad text"),
    ("BAC", {"test_id": "T" * 65, "mg_l": 0.0, "face_match": 90, "result": "PASS"}, "bad test_id"),
]


def ev(serial: str, kind: str, fields: dict[str, Any], evseq: int) -> DeviceEvent:
    return DeviceEvent(serial, evseq, T, kind, fields, "serial", "BRC")  # type: ignore[arg-type]


@pytest.mark.parametrize(("kind", "fields", "field"), DROPPED)
def test_impossible_field_dropped_rest_stored(ingest: Ingest, db: Database, kind: str, fields: dict[str, Any],
                                              field: str) -> None:
    result = ingest.store_sync([ev("BRC-1", kind, fields, 1), ev("BRC-1", "HB", {}, 2)])
    assert len(result.stored) == 2 and not result.rejected
    stored = result.stored[0].event.fields
    assert stored.get(field) is None  # dropped (a required key stays, unknown)
    with db.session() as s:
        row = s.scalars(select(DeviceEventRow).where(DeviceEventRow.evseq == 1)).one()
        assert row.fields.get(field) is None
        assert {k: v for k, v in row.fields.items() if k != field} == {
            k: v for k, v in fields.items() if k != field}
    assert ingest.stats.fields_dropped[field] == 1
    assert ingest.refusals_by_device["BRC-1"][f"dropped {field}"] == 1


@pytest.mark.parametrize(("kind", "fields", "reason"), REFUSED)
def test_impossible_identifying_field_refuses_event(ingest: Ingest, db: Database, kind: str,
                                                    fields: dict[str, Any], reason: str) -> None:
    result = ingest.store_sync([ev("BRC-2", kind, fields, 1), ev("BRC-2", "HB", {}, 2)])
    assert [r for _, r in result.rejected] == [reason]
    assert [s.event.kind for s in result.stored] == ["HB"]
    assert ingest.refusals_by_device["BRC-2"][reason] == 1


def test_sound_fields_untouched() -> None:
    e = ev("BRC-3", "POS", pos(altitude_m=-400.0, accuracy_m=25.0,
                              cell={"mcc": 401, "mnc": 1, "lac": 2, "cid": 2**35, "rssi": -80}), 1)
    assert bounded(e) == (e, None, ())
    assert bounded(e)[0] is e
    assert field_problems("STAT", {"battery": 0, "charging": True, "rssi": None, "temperature": -40.0}) == (None, ())


def test_watch_and_osmand_impossible_numbers_stored_without_them(db: Database) -> None:
    """The issue's findings over real sockets: acknowledged, stored, the impossible field absent."""
    watch_id = "8800000077"

    async def main() -> None:
        watch = WatchListener(0, HOST)
        osm = OsmAndListener(0, HOST)
        service = await started(db, watch, osm)
        try:
            _reader, writer = await asyncio.open_connection(HOST, watch.port)
            frame = watch_device.encode_position(watch_id, T, 43.2, 76.9, 10, 90, 5, 80)
            frame = frame.replace(b",5,80,80,", b",99999999999999999999,80,80,")
            assert b"99999999999999999999" in frame
            writer.write(frame)  # UD is not answered (as in Traccar): wait for the row
            for _ in range(100):
                if rows(db, watch_id, EventKind.POS):
                    break
                await asyncio.sleep(0.05)
            await closed(writer)
            r2, w2 = await asyncio.open_connection(HOST, osm.port)
            ts = int(T.timestamp())
            for q in (f"id=ph1&lat=43.2&lon=76.9&timestamp={ts}&sat=1e300",
                      f"id=ph1&lat=43.2&lon=76.9&timestamp={ts + 1}&speed=1e300",
                      f"id=ph1&lat=43.2&lon=76.9&timestamp={ts + 2}&bearing=-9.2e18&hdop=-3",
                      f"id=ph1&lat=43.2&lon=76.9&timestamp={ts + 3}&cell=401,1,1,{10**30}",
                      f"id=ph1&lat=43.2&lon=76.9&timestamp={ts + 4}&sat=nan"):
                w2.write(f"GET /?{q} HTTP/1.1\r\nHost: x\r\n\r\n".encode())
                head = await asyncio.wait_for(r2.readuntil(b"\r\n\r\n"), 5)
                assert head.startswith(b"HTTP/1.1 200"), (q, head)
            await closed(w2)
        finally:
            await service.stop()

    run(main)
    [w] = rows(db, watch_id, EventKind.POS)
    assert w.fields["sats"] is None and w.fields["lat"] == pytest.approx(43.2)
    phone = rows(db, "ph1", EventKind.POS)
    assert len(phone) == 5
    by_time = {r.time.replace(tzinfo=UTC) if r.time.tzinfo is None else r.time: r.fields for r in phone}
    fields = [by_time[T + timedelta(seconds=i)] for i in range(5)]
    assert fields[0]["sats"] is None
    assert fields[1]["speed_kmh"] is None
    assert fields[2]["course"] is None and fields[2]["hdop"] is None
    assert "cell" not in fields[3]
    assert fields[4]["sats"] is None
    with db.session() as s:
        assert len(list(s.scalars(select(Position).join(Device).where(Device.serial == "ph1")))) == 5


def test_gt06_login_with_impossible_time_zone_refused_connection_keeps_working(db: Database) -> None:
    imei = "359339075005300"

    async def main() -> None:
        listener = Gt06Listener(0, HOST)
        service = await started(db, listener)
        try:
            reader, writer = await asyncio.open_connection(HOST, listener.port)
            # login with the extension word: 40 h 95 min east (ext >> 4 = 4095)
            payload = bytes.fromhex("0" + imei) + b"\x00\x01" + (0xFFF0).to_bytes(2, "big")
            writer.write(gt06_device.build_frame(gt06.MSG_LOGIN, payload, 1))
            ack = await asyncio.wait_for(reader.readexactly(10), 5)
            assert ack == gt06.build_response(gt06.MSG_LOGIN, 1)
            for i in range(3):
                writer.write(gt06_device.encode_location(T + timedelta(seconds=i), 51.1, 71.4, 12, 90, 9, True,
                                                         2 + i))
                ack = await asyncio.wait_for(reader.readexactly(10), 5)
                assert ack == gt06.build_response(gt06.MSG_GPS_LBS_1, 2 + i)
            await closed(writer)
            await asyncio.sleep(0.2)
        finally:
            await service.stop()
        assert listener.totals.errors["bad_value"] == 1

    run(main)
    positions = rows(db, imei, EventKind.POS)
    assert len(positions) == 3  # the time zone was refused, times taken as UTC


def test_coordinates_of_400_digits_refused_not_raised(ingest: Ingest) -> None:
    result = ingest.store_sync([ev("BRC-4", "POS", pos(lat=10**400), 1), ev("BRC-4", "HB", {}, 2)])
    assert [r for _, r in result.rejected] == ["coordinates are not numbers"]
    assert ingest.stats.db_refused == 0 and ingest.stats.failed_batches == 0
