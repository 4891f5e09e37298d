"""Compact device events: stored packed, read back whole by every reader, old rows converted."""

from __future__ import annotations

from datetime import UTC, datetime

import orjson
import pytest
from sqlalchemy import select, text

from arm.alarms.queries import summarize
from arm.events import EXTRA_KEYS, FIELDS_BY_KIND, DeviceEvent
from arm.ingest import Ingest
from db import migrate
from db.event_codec import KIND_LAYOUT, LAYOUTS, dumps, pack, unpack
from db.models import Device, DeviceEventRow, DeviceStatus
from db.session import Database, json_dumps

T0 = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
POS = {"lat": 43.238949, "lon": 76.889709, "fix": 1, "sats": 9, "hdop": 0.9, "speed_kmh": 12.3, "course": 120.0}
PAYLOADS = [
    ("POS", POS),
    ("POS", {**POS, "accuracy_m": 4.5, "cell": {"mcc": 401, "mnc": 1, "lac": 7, "cid": 12345}, "raw": "7878"}),
    ("POS", {"lat": None, "lon": None, "fix": 0, "sats": None, "hdop": None, "speed_kmh": None, "course": None}),
    ("POS", {"lat": 43.1, "lon": 76.9, "fix": 1}),  # a producer that left keys out: stored as it was
    ("STAT", {"battery": 57, "charging": False, "rssi": -71, "temperature": 36.6}),
    ("TAMPER", {"part": "STRAP", "state": "OPEN"}),
    ("PRESENCE", {"bracelet": "BRC-1", "state": "OUT", "rssi": None}),
    ("POWER", {"state": "MAINS_LOST"}),
    ("GNSS", {"state": "JAMMING"}),
    ("BAC", {"test_id": "T1", "mg_l": 0.31, "face_match": 92, "result": "FAIL"}),
    ("BEACON", {"bracelet": "BRC-1", "rssi": -60}),
    ("FAULT", {"code": "HOST_DECODE", "text": "bad line", "raw": "$EV,1,2*FF"}),
    ("ALARM", {"alarm": "voiceMessage", "audio": "a.amr", "size": 900, "sha256": "ab", "format": "amr",
               "parts": 3, "parts_missing": [2]}),
    ("HB", {}),
    ("LOGIN", {}),
]


def test_the_layouts_are_the_required_keys_of_every_kind() -> None:
    for kind, typed in FIELDS_BY_KIND.items():
        required = set(typed.__required_keys__)
        if not required:
            assert str(kind) not in KIND_LAYOUT
            continue
        assert set(LAYOUTS[KIND_LAYOUT[str(kind)]]) == required, kind
    assert EXTRA_KEYS.isdisjoint(k for keys in LAYOUTS.values() for k in keys)


@pytest.mark.parametrize(("kind", "fields"), PAYLOADS)
def test_what_the_device_sent_comes_back_exactly(kind: str, fields: dict) -> None:
    stored = orjson.loads(dumps(fields, kind))
    assert unpack(stored) == fields
    assert unpack(orjson.loads(dumps(fields))) == fields  # without the kind (the ORM column type)
    assert len(dumps(fields, kind)) <= len(json_dumps(fields))


def test_a_fix_takes_under_half_the_bytes() -> None:
    assert dumps(POS, "POS") == "[1,43.238949,76.889709,1,9,0.9,12.3,120.0]"
    assert len(dumps(POS, "POS")) * 2 < len(json_dumps(POS))


def test_an_old_object_row_and_foreign_values_are_read_as_they_are() -> None:
    assert unpack(POS) == POS
    for odd in ([], [99, 1], [1, 2, 3], ["POS", 1], None, "x", [True, 1, 2, 3, 4, 5, 6, 7]):
        assert unpack(odd) == odd
    assert pack({"lat": 1, "lon": 2, "fix": 1}, "POS") == {"lat": 1, "lon": 2, "fix": 1}


def test_ingest_stores_packed_and_every_orm_reader_gets_the_whole_payload(db: Database, ingest: Ingest) -> None:
    events = [DeviceEvent("TRK-1", n + 1, T0, kind, fields, "gt06", "GT06") for n, (kind, fields) in enumerate(PAYLOADS)]
    ingest.store_sync(events)
    with db.engine.connect() as conn:
        raw = dict(conn.execute(text("SELECT evseq, fields FROM device_events")).all())
    assert raw[1] == "[1,43.238949,76.889709,1,9,0.9,12.3,120.0]"
    assert orjson.loads(raw[5])[0] == 2
    with db.session() as s:
        rows = dict(s.execute(select(DeviceEventRow.evseq, DeviceEventRow.fields)).all())
        whole = s.scalars(select(DeviceEventRow).where(DeviceEventRow.evseq == 2)).one()
    assert rows == {n + 1: fields for n, (_kind, fields) in enumerate(PAYLOADS)}
    assert whole.fields == PAYLOADS[1][1]
    assert summarize("POS", rows[1]).startswith("43.23895, 76.88971 fix 1 sats 9")
    with db.begin() as s:  # an ORM write (reports' fill, tests) packs too
        s.add(DeviceEventRow(device_id=whole.device_id, evseq=99, time=T0, received=T0, kind="STAT",
                             source="sim", fields=PAYLOADS[4][1]))
    with db.engine.connect() as conn:
        assert conn.execute(text("SELECT fields FROM device_events WHERE evseq = 99")).scalar() == \
            '[2,57,false,-71,36.6]'


def test_the_migration_converts_existing_rows_and_its_downgrade_restores_them(tmp_path) -> None:
    db = Database(f"sqlite:///{tmp_path / 'old.sqlite3'}")
    try:
        db.upgrade()
        migrate.downgrade(db.engine, "history_partitions")  # a database of the previous version
        with db.begin() as s:
            s.add(Device(id=1, serial="TRK-1", type="TRK", status=DeviceStatus.ISSUED))
        with db.engine.begin() as conn:
            for n, (kind, fields) in enumerate(PAYLOADS * 700):  # more than one batch of 5,000
                conn.execute(text("INSERT INTO device_events (device_id, evseq, time, received, kind, source, "
                                  "fields) VALUES (1, :n, '2026-12-01 09:00:00.000000', '2026-12-01 09:00:00.000000',"
                                  " :k, 'serial', :f)"), {"n": n + 1, "k": kind, "f": json_dumps(fields)})
        before = _size(db)
        migrate.upgrade(db.engine, "heads")
        with db.engine.connect() as conn:
            raw = dict(conn.execute(text("SELECT evseq, fields FROM device_events")).all())
        assert raw[1] == raw[len(PAYLOADS) * 699 + 1] == "[1,43.238949,76.889709,1,9,0.9,12.3,120.0]"
        assert raw[4] == json_dumps(PAYLOADS[3][1])  # no layout fits: untouched
        with db.session() as s:
            rows = dict(s.execute(select(DeviceEventRow.evseq, DeviceEventRow.fields)).all())
        assert all(rows[n + 1] == PAYLOADS[n % len(PAYLOADS)][1] for n in range(len(rows)))
        assert _size(db) < before
        migrate.downgrade(db.engine, "history_partitions")
        with db.engine.connect() as conn:
            raw = dict(conn.execute(text("SELECT evseq, fields FROM device_events")).all())
        assert raw[1] == json_dumps(POS)
    finally:
        db.dispose()


def _size(db: Database) -> int:
    with db.engine.connect() as conn:
        return int(conn.execute(text("SELECT sum(length(fields)) FROM device_events")).scalar())
