"""The history's times are integer microseconds on SQLite (``db.types.UtcTime``): every reader gets the
same aware UTC datetimes as before, exact to the microsecond, and the migration converts both ways."""

from __future__ import annotations

import sqlite3
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select, text

from arm.events import DeviceEvent
from arm.history import near
from arm.ingest import Ingest
from arm.reports import stats
from db import migrate
from db.history import RTREE, LastPosition
from db.models import Assignment, Device, DeviceEventRow, DeviceStatus, Person, Position
from db.session import Database
from db.types import comparable, from_micros, micros
from tests.history.test_near import PASSWORD, SCENE, login
from tests.journals.conftest import user

T = datetime(2026, 12, 1, 9, 0, 0, 123457, tzinfo=UTC)
ALMATY = ZoneInfo("Asia/Almaty")
PREVIOUS = "history_events_unlinked"


def test_micros_round_trip_exactly() -> None:
    for t in (T, datetime(2026, 12, 31, 23, 59, 59, 999999, tzinfo=UTC), datetime(1970, 1, 1, tzinfo=UTC),
              datetime(2100, 1, 1, 0, 0, 0, 1, tzinfo=ALMATY)):
        assert from_micros(micros(t)) == t and from_micros(micros(t)).tzinfo is UTC
    assert micros(datetime(1970, 1, 1, 0, 0, 1, 1, tzinfo=UTC)) == 1_000_001
    with pytest.raises(ValueError, match="naive"):
        micros(datetime(2026, 1, 1))


def _boxed(box: tuple, t: datetime) -> bool:
    """The R*Tree's time box (32-bit floats rounded outwards, 256 s apart at this epoch) holds ``t``'s
    whole seconds; a box of the text read as a number (2026) or of microseconds would not."""
    return box[0] <= int(t.timestamp()) <= box[1] and box[1] - box[0] <= 256


def _raw(db: Database, sql: str) -> list[tuple]:
    with db.engine.connect() as conn:
        return [tuple(r) for r in conn.exec_driver_sql(sql).all()]


def test_ingest_stores_integers_and_every_reader_gets_the_same_aware_utc_datetime(db: Database,
                                                                                  ingest: Ingest) -> None:
    fields = {"lat": SCENE[0], "lon": SCENE[1], "fix": 1, "sats": 9, "hdop": 0.9}
    ingest.store_sync([DeviceEvent("TRK-1", 1, T, "POS", fields, "serial", "TRK"),
                       DeviceEvent("TRK-1", 2, T + timedelta(microseconds=1), "HB", {}, "serial", "TRK")])
    # stored: integers of microseconds, in the row and therefore in the indexes
    assert _raw(db, "SELECT typeof(time), time, typeof(received) FROM device_events ORDER BY evseq") == [
        ("integer", micros(T), "integer"), ("integer", micros(T) + 1, "integer")]
    assert _raw(db, "SELECT time FROM positions") == [(micros(T),)]
    assert _raw(db, "SELECT time FROM last_positions") == [(micros(T),)]
    assert _boxed(_raw(db, f"SELECT t0, t1 FROM {RTREE}")[0], T)
    with db.session() as s:
        ev = s.scalars(select(DeviceEventRow).order_by(DeviceEventRow.evseq)).first()
        assert ev is not None and ev.time == T and ev.time.tzinfo is UTC and ev.received.tzinfo is UTC
        assert s.scalar(select(Position.time)) == T
        assert s.scalar(select(LastPosition.time)) == T
        # comparisons bind integers: to the microsecond, whatever the bound value's zone
        local = T.astimezone(ALMATY)
        assert s.scalars(select(DeviceEventRow.evseq).where(DeviceEventRow.time > local)).all() == [2]
        assert s.scalars(select(DeviceEventRow.evseq).where(DeviceEventRow.time <= local)).all() == [1]
        assert s.scalar(select(Position.id).where(Position.time.between(T, T))) is not None
        assert s.scalar(select(Position.id).where(Position.time > T)) is None


def _world(db: Database) -> int:
    """A person wearing TRK-0001 from ``T``; its fix at ``T`` exactly (a microsecond after the issue is out)."""
    from arm.auth import create_user

    with db.begin() as s:
        create_user(s, "sup_all", PASSWORD, "supervisor")
        p = Person(last_name="Сериков", first_name="Асан", iin="850101300001", birth_date=date(1985, 1, 1),
                   category="parole", supervision_start=date(2026, 1, 1), registered_on=date(2026, 1, 1),
                   district="KZ-75-almaly")
        d = Device(serial="TRK-0001", type="TRK", status=DeviceStatus.ISSUED)
        s.add_all([p, d])
        s.flush()
        s.add(Assignment(device_id=d.id, person_id=p.id, issued_at=T, issued_by="tech"))
        for seq, t in enumerate((T - timedelta(microseconds=1), T, T + timedelta(minutes=1))):
            ev = DeviceEventRow(device_id=d.id, evseq=seq, time=t, received=t, kind="STAT", source="serial",
                                fields={"battery": 50 + seq, "charging": False, "rssi": -70, "temperature": None})
            s.add(ev)
            s.flush()
            s.add(Position(device_id=d.id, event_id=ev.id, time=t, lat=SCENE[0], lon=SCENE[1], fix=1))
        return p.id


def test_near_and_the_comparisons_with_other_tables_times_are_exact(db: Database) -> None:
    person = _world(db)
    with db.begin() as s:
        found = near.who_was_here(s, login(db, "sup_all"), *SCENE, 50, T, T + timedelta(minutes=1), "Запрос 1")
    assert [h.closest.time for h in found.hits] == [T]
    # the track of the window [T, T + 1 min): not the fix a microsecond before, not the one at its end
    assert [f.time for f in found.hits[0].track] == [T]
    with db.session() as s:
        # an assignment's time (text, UtcDateTime) against a history time (integer): the event a microsecond
        # before the issue is not the person's, the one at the issue is
        worn = select(DeviceEventRow.evseq).join(Assignment, Assignment.device_id == DeviceEventRow.device_id).where(
            DeviceEventRow.time >= comparable(Assignment.issued_at))
        assert s.scalars(worn.order_by(DeviceEventRow.evseq)).all() == [1, 2]
    with db.begin() as s:
        rows = stats.battery_history(s, user("supervisor"), person_id=person, start=T - timedelta(hours=1),
                                     end=T + timedelta(hours=1))
    assert [(t, b) for t, b, _ in rows] == [(T, 51), (T + timedelta(minutes=1), 52)]


# ---------------------------------------------------------------- the migration, on a real file
CANONICAL = ["2026-12-01 09:00:00.123457", "2026-12-01 09:00:00.000000", "1999-12-31 23:59:59.999999"]


def _old_database(path: Path, events: int) -> Database:
    """A database of the previous revision whose history holds text times, some not in SQLAlchemy's form."""
    db = Database(f"sqlite:///{path}")
    db.upgrade()
    migrate.downgrade(db.engine, PREVIOUS)
    with db.begin() as s:
        s.add(Device(id=1, serial="TRK-1", type="TRK", status=DeviceStatus.ISSUED))
    start = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
    raw = sqlite3.connect(path)
    rows = []
    for n in range(events):  # more than two batches, every microsecond value different
        t = (start + timedelta(seconds=n, microseconds=n * 7 % 1_000_000)).replace(tzinfo=None)
        rows.append((n + 1, n + 1, t.isoformat(" ", "microseconds")))
    for extra in CANONICAL:
        rows.append((len(rows) + 1, len(rows) + 1, extra))
    rows.append((len(rows) + 1, len(rows) + 1, "2026-12-01 09:00:05"))  # no fraction
    rows.append((len(rows) + 1, len(rows) + 1, "2026-12-01 14:00:05.5+05:00"))  # an offset (Almaty)
    raw.executemany("INSERT INTO device_events (id, device_id, evseq, time, received, kind, source, fields) "
                    "VALUES (?, 1, ?, ?, ?, 'POS', 'serial', '{}')", [(i, s, t, t) for i, s, t in rows])
    raw.executemany("INSERT INTO positions (id, device_id, event_id, time, lat, lon, fix) VALUES (?, 1, ?, ?, 43.2, "
                    "76.9, 1)", [(i, i, t) for i, _s, t in rows])
    raw.commit()
    raw.close()
    return db


def _expected(text_time: str) -> datetime:
    parsed = datetime.fromisoformat(text_time)
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)


def test_the_migration_converts_text_times_exactly_and_its_downgrade_writes_them_back(tmp_path: Path) -> None:
    db = _old_database(tmp_path / "old.sqlite3", 45_000)
    try:
        before = dict(_raw(db, "SELECT id, time FROM device_events"))
        assert {t for (t,) in _raw(db, "SELECT DISTINCT typeof(time) FROM positions")} == {"text"}
        assert _raw(db, "SELECT typeof(time) FROM last_positions") == [("text",)]
        rtree_before = _raw(db, f"SELECT id, t0 FROM {RTREE} ORDER BY id")
        migrate.upgrade(db.engine, "heads")
        for table, column in (("device_events", "time"), ("device_events", "received"), ("positions", "time")):
            after = dict(_raw(db, f"SELECT id, {column} FROM {table}"))
            assert all(after[i] == micros(_expected(t)) for i, t in before.items()), (table, column)
        assert _raw(db, "SELECT typeof(time), time FROM last_positions") == [
            ("integer", micros(_expected(max(before.values(), key=_expected))))]
        assert _raw(db, f"SELECT id, t0 FROM {RTREE} ORDER BY id") == rtree_before  # untouched, still seconds
        with db.session() as s:
            got = dict(s.execute(select(DeviceEventRow.id, DeviceEventRow.time)).all())
            assert got == {i: _expected(t) for i, t in before.items()}
            assert dict(s.execute(select(Position.id, Position.time)).all()) == got
        # the R*Tree's insert trigger takes whole seconds of the new integers
        late = datetime(2026, 12, 2, 10, 30, 15, 999999, tzinfo=UTC)
        with db.begin() as s:
            ev = DeviceEventRow(device_id=1, evseq=10**6, time=late, received=late, kind="POS", source="serial",
                                fields={})
            s.add(ev)
            s.flush()
            s.add(Position(device_id=1, event_id=ev.id, time=late, lat=43.2, lon=76.9, fix=1))
            s.flush()
            new_id = ev.id
        assert _boxed(_raw(db, f"SELECT t0, t1 FROM {RTREE} WHERE id = (SELECT max(id) FROM positions)")[0], late)

        migrate.downgrade(db.engine, PREVIOUS)
        back = dict(_raw(db, "SELECT id, time FROM device_events"))
        received = dict(_raw(db, "SELECT id, received FROM device_events"))
        positions = dict(_raw(db, "SELECT id, time FROM positions"))
        # SQLAlchemy's own text for every instant: the canonical rows byte for byte, the others normalised
        as_stored = {i: _expected(t).replace(tzinfo=None).isoformat(" ", "microseconds") for i, t in before.items()}
        as_stored[new_id] = late.replace(tzinfo=None).isoformat(" ", "microseconds")
        assert back == received == as_stored
        assert all(back[i] == t for i, t in before.items() if len(t) == 26 and "+" not in t)
        assert set(positions.values()) <= set(as_stored.values()) and len(positions) == len(before) + 1
        assert _raw(db, "SELECT DISTINCT typeof(time) FROM last_positions") == [("text",)]
        raw = sqlite3.connect(tmp_path / "old.sqlite3")  # the old trigger (strftime of text) is back
        raw.execute("INSERT INTO positions (device_id, event_id, time, lat, lon, fix) VALUES "
                    "(1, 1, '2026-12-03 00:00:01.500000', 43.2, 76.9, 1)")
        raw.commit()
        assert _boxed(raw.execute(f"SELECT t0, t1 FROM {RTREE} WHERE id = (SELECT max(id) FROM positions)").fetchone(),
                      datetime(2026, 12, 3, 0, 0, 1, 500000, tzinfo=UTC))
        raw.close()
        migrate.upgrade(db.engine, "heads")  # and up again
        with db.session() as s:
            assert s.scalar(select(Position.time).where(Position.id == 1)) == _expected(before[1])
    finally:
        db.dispose()


def test_a_raw_reader_sees_the_documented_storage(db: Database) -> None:
    """What an outside tool reading the file finds: the integer, and the SQL that turns text into it."""
    from db.types import sqlite_micros_sql

    with db.engine.connect() as conn:
        for t in CANONICAL + ["2026-12-01 09:00:05"]:
            assert conn.execute(text(f"SELECT {sqlite_micros_sql(':t')}"), {"t": t}).scalar() == \
                micros(_expected(t))


def test_comparable_is_the_column_itself_on_postgresql() -> None:
    from sqlalchemy.dialects import postgresql, sqlite

    query = select(DeviceEventRow.id).where(DeviceEventRow.time >= comparable(Assignment.issued_at))
    on_pg = str(query.compile(dialect=postgresql.dialect()))
    assert "device_events.time >= assignments.issued_at" in on_pg and "strftime" not in on_pg
    assert "strftime('%s', substr(assignments.issued_at, 1, 19))" in str(query.compile(dialect=sqlite.dialect()))
