"""History on a real PostgreSQL with PostGIS: last positions, "who was here", an events act that completes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from arm.access import AccessDenied
from arm.bus import Bus
from arm.events import DeviceEvent
from arm.ingest import Ingest
from db import retention
from db.history import PG_GEOGRAPHY, LastPosition, pg_point
from db.models import AuditEntry, DeviceEventRow, Position
from db.session import Database
from tests.history import test_near, test_near_polygon

T0 = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


@pytest.fixture
def pg_history(pg_server, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, request) -> Database:
    monkeypatch.setenv("ARM_CONFIG_DIR", str(tmp_path / "config"))
    db = Database(pg_server.create_database(f"history_{request.node.name[:40].lower()}"))
    db.upgrade()
    yield db
    db.dispose()


def test_postgis_index_is_created_and_used(pg_history: Database) -> None:
    with pg_history.engine.connect() as conn:
        assert conn.execute(text("SELECT extname FROM pg_extension WHERE extname = 'postgis'")).scalar() == "postgis"
        conn.execute(text("SET enable_seqscan = off"))
        plan = "\n".join(r[0] for r in conn.execute(text(
            f"EXPLAIN SELECT id FROM positions WHERE postgis.ST_DWithin({PG_GEOGRAPHY}, {pg_point('76.9', '43.2')}, 200)"
            " AND time >= now() - interval '2 hours'")))
    # each day partition has its own copy of the index (named after the expression)
    assert "Seq Scan" not in plan and ("ix_position_geo" in plan or "st_setsrid_time_idx" in plan), plan


def test_who_was_here_on_postgis_finds_what_sqlite_finds(pg_history: Database) -> None:
    test_near.make_world(pg_history)
    result = test_near.search(pg_history, test_near.login(pg_history, "sup_all"))
    assert result.engine == "postgis"
    assert [h.name for h in result.hits] == ["Сериков1 Асан", "Сериков3 Асан"]
    assert result.hits[0].distance_m == pytest.approx(10, abs=0.5) and result.hits[0].fixes_within == 8
    district = test_near.search(pg_history, test_near.login(pg_history, "sup_a"))
    assert [h.name for h in district.hits] == ["Сериков1 Асан"] and district.hidden == 1


def test_who_was_in_a_polygon_on_postgis_finds_what_sqlite_finds(pg_history: Database) -> None:
    """The concave notched square: PostGIS gives candidates near its geography, the exact test drops the
    person in the notch (inside the bounding box), fixes a metre either side of the notch's edge included."""
    test_near.make_world(pg_history)
    inside = test_near.add_person(pg_history, 11, "KZ-75-almaly", test_near.T0 - timedelta(days=1))
    outside = test_near.add_person(pg_history, 12, "KZ-75-almaly", test_near.T0 - timedelta(days=1))
    at = test_near.T0 + timedelta(minutes=5)
    test_near.add_fixes(pg_history, inside, [(at, *test_near.offset(*test_near.SCENE, 0, 149))])
    test_near.add_fixes(pg_history, outside, [(at, *test_near.offset(*test_near.SCENE, 0, 151))])
    result = test_near_polygon.search_polygon(pg_history, test_near.login(pg_history, "sup_all"))
    assert result.engine == "postgis"
    assert [h.name for h in result.hits] == ["Сериков1 Асан", "Сериков3 Асан", "Сериков11 Асан"]  # by distance to the centroid
    assert result.hits[0].fixes_within == 10 and result.hits[0].closest.time == test_near.T0 + timedelta(minutes=40)
    district = test_near_polygon.search_polygon(pg_history, test_near.login(pg_history, "sup_a"))
    assert [h.name for h in district.hits] == ["Сериков1 Асан", "Сериков11 Асан"] and district.hidden == 1
    with pytest.raises(AccessDenied):
        test_near_polygon.search_polygon(pg_history, test_near.login(pg_history, "op"))
    with pg_history.session() as s:
        details = s.scalars(select(AuditEntry.detail).where(AuditEntry.action.in_(["near_search", "denied"]))
                            .order_by(AuditEntry.id)).all()
    assert [len(d["polygon"]) for d in details] == [8, 8, 8] and details[0]["persons"] != details[1]["persons"]
    with pg_history.engine.connect() as conn:  # the polygon's candidates come through the GiST index
        conn.execute(text("SET enable_seqscan = off"))
        plan = "\n".join(r[0] for r in conn.execute(text(
            f"EXPLAIN SELECT id FROM positions WHERE postgis.ST_DWithin({PG_GEOGRAPHY}, "
            "postgis.ST_GeogFromText('POLYGON((76.94 43.23, 76.95 43.23, 76.95 43.24, 76.94 43.23))'), 25)"
            " AND time >= now() - interval '2 hours'")))
    assert "Seq Scan" not in plan and ("ix_position_geo" in plan or "st_setsrid_time_idx" in plan), plan


def test_the_writer_keeps_last_positions_per_statement(pg_history: Database) -> None:
    core = Ingest(pg_history, Bus())
    core.start()
    try:
        core.store_sync([DeviceEvent("TRK-1", i, T0 + timedelta(minutes=i), "POS",
                                     {"lat": 43.0 + i / 100, "lon": 76.9, "fix": 1, "sats": 7, "hdop": 1.0},
                                     "serial", "TRK") for i in range(1, 6)])
        core.store_sync([DeviceEvent("TRK-1", 99, T0, "POS", {"lat": 40.0, "lon": 70.0, "fix": 1}, "serial",
                                     "TRK")])  # a late replay
    finally:
        core.stop()
    with pg_history.session() as s:
        row = s.scalars(select(LastPosition)).one()
        assert (row.lat, row.time) == (pytest.approx(43.05), T0 + timedelta(minutes=5))


def test_positions_then_events_acts_complete(pg_history: Database) -> None:
    core = Ingest(pg_history, Bus())
    core.start()
    old = datetime.now(UTC) - timedelta(days=120)
    try:
        core.store_sync([DeviceEvent(f"TRK-{d}", i, old + timedelta(minutes=i), kind, fields, "serial", "TRK")
                         for d in range(3) for i in range(200)
                         for kind, fields in [("POS" if i % 2 else "HB",
                                               {"lat": 43.2, "lon": 76.9, "fix": 1} if i % 2 else {})]])
    finally:
        core.stop()
    for kind in ("positions", "device_events"):
        with pg_history.begin() as s:
            act = retention.propose_act(s, kind, "first")
            retention.execute_act(s, act.id, "second")
    with pg_history.session() as s:
        assert s.scalar(select(func.count()).select_from(Position)) == 0
        assert s.scalar(select(func.count()).select_from(DeviceEventRow)) == 0
        assert s.scalar(select(func.count()).select_from(LastPosition)) == 0


def test_without_postgis_the_search_says_it_scans_and_finds_the_same(pg_history: Database) -> None:
    test_near.make_world(pg_history)
    with pg_history.begin() as s:
        s.execute(text("DROP INDEX ix_position_geo"))  # as on a server without PostGIS
    result = test_near.search(pg_history, test_near.login(pg_history, "sup_all"))
    assert result.engine == "scan"
    assert [h.name for h in result.hits] == ["Сериков1 Асан", "Сериков3 Асан"]


def test_arm_db_migrate_to_moves_a_desk_into_postgresql(pg_server, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    import os
    import subprocess
    import sys

    from db.integrity import verify_all
    from db.models import AuditEntry, Device

    config = tmp_path / "config"
    monkeypatch.setenv("ARM_CONFIG_DIR", str(config))
    source = Database(f"sqlite:///{tmp_path / 'desk.sqlite3'}")
    source.upgrade()
    test_near.make_world(source)
    test_near.search(source, test_near.login(source, "sup_all"))  # audit rows, hash-chained
    with source.session() as s:
        counts = {m.__tablename__: s.scalar(select(func.count()).select_from(m))
                  for m in (Position, DeviceEventRow, AuditEntry, Device, LastPosition)}
        times = _history_times(s)  # integer microseconds on SQLite, timestamptz on PostgreSQL: the same instants
    source.dispose()
    url = pg_server.create_database("migrated")
    env = {**os.environ, "ARM_CONFIG_DIR": str(config)}
    run = subprocess.run([sys.executable, "-m", "arm", "db", "migrate-to", url, "--db",
                          f"sqlite:///{tmp_path / 'desk.sqlite3'}"], capture_output=True, text=True, env=env,
                         timeout=300)
    assert run.returncode == 0, run.stderr
    target = Database(url)
    try:
        with target.session() as s:
            for model in (Position, DeviceEventRow, Device, LastPosition):
                assert s.scalar(select(func.count()).select_from(model)) == counts[model.__tablename__]
            assert s.scalar(select(func.count()).select_from(AuditEntry)) == counts["audit_journal"] + 1
            assert verify_all(s) == []
            assert _history_times(s) == times
        found = test_near.search(target, test_near.login(target, "sup_all"))
        assert found.engine == "postgis" and [h.name for h in found.hits] == ["Сериков1 Асан", "Сериков3 Асан"]
        test_near.add_person(target, 77, "KZ-75-almaly", T0)  # new rows get ids after the copied ones
        again = subprocess.run([sys.executable, "-m", "arm", "db", "migrate-to", url, "--db",
                                f"sqlite:///{tmp_path / 'desk.sqlite3'}"], capture_output=True, text=True, env=env,
                               timeout=300)
        assert again.returncode != 0 and "not empty" in again.stderr
    finally:
        target.dispose()


def _history_times(s) -> dict:
    return {"positions": dict(s.execute(select(Position.id, Position.time)).all()),
            "events": {i: (t, r) for i, t, r in s.execute(select(DeviceEventRow.id, DeviceEventRow.time,
                                                                 DeviceEventRow.received))},
            "last": dict(s.execute(select(LastPosition.device_id, LastPosition.time)).all())}


def _partitions(db: Database) -> dict:
    from db import partitions

    with db.engine.connect() as conn:
        return partitions.day_partitions(conn)


def test_positions_are_partitioned_by_day_with_their_indexes(pg_history: Database) -> None:
    from db import partitions

    days = _partitions(pg_history)
    today = datetime.now(UTC).date()
    assert all(today + timedelta(days=n) in days for n in range(partitions.AHEAD_DAYS + 1))
    with pg_history.engine.connect() as conn:
        indexes = {r[0] for r in conn.execute(text(
            "SELECT indexname FROM pg_indexes WHERE tablename = :t"), {"t": days[today]})}
    assert len(indexes) == 4, indexes  # primary key, device/time, event, PostGIS
    assert any("st_setsrid" in i for i in indexes), indexes


def test_a_report_for_a_day_without_partition_is_kept_and_moves_when_the_day_is_created(pg_history: Database) -> None:
    from db import partitions

    old = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)
    core = Ingest(pg_history, Bus())
    core.start()
    try:
        result = core.store_sync([DeviceEvent("TRK-9", 1, old, "POS", {"lat": 43.2, "lon": 76.9, "fix": 1},
                                              "serial", "TRK")])
    finally:
        core.stop()
    assert result.accepted == 1
    with pg_history.engine.begin() as conn:
        assert conn.execute(text("SELECT count(*) FROM positions_default")).scalar() == 1
        assert partitions.ensure_partitions(conn, old.date(), old.date()) == ["positions_p20250301"]
    with pg_history.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM positions_default")).scalar() == 0
        assert conn.execute(text("SELECT count(*) FROM positions_p20250301")).scalar() == 1


def test_a_positions_act_drops_whole_days_and_records_them_while_ingest_goes_on(pg_history: Database) -> None:
    from db import partitions
    from db.retention import DeletionAct

    now = datetime.now(UTC)
    first = (now - timedelta(days=93)).date()
    with pg_history.engine.begin() as conn:
        partitions.ensure_partitions(conn, first, (now - timedelta(days=85)).date())
    core = Ingest(pg_history, Bus())
    core.start()
    try:
        core.store_sync([DeviceEvent("TRK-5", i, datetime.combine(first, datetime.min.time(), UTC)
                                     + timedelta(hours=6 * i), "POS", {"lat": 43.2, "lon": 76.9, "fix": 1},
                                     "serial", "TRK") for i in range(8 * 4)])  # 8 days, 4 fixes a day
        with pg_history.begin() as s:
            act = retention.propose_act(s, "positions", "first", now=now)
            assert act.cutoff == (now - timedelta(days=90)).replace(hour=0, minute=0, second=0, microsecond=0)
            retention.execute_act(s, act.id, "second")
            act_id = act.id
        # ingest goes on after the act (the table is still there, with today's partition)
        assert core.store_sync([DeviceEvent("TRK-5", 999, now, "POS", {"lat": 43.2, "lon": 76.9, "fix": 1},
                                            "serial", "TRK")]).accepted == 1
    finally:
        core.stop()
    with pg_history.session() as s:
        act = s.get(DeletionAct, act_id)
        dropped = act.partitions.split(",")
        assert dropped == [partitions.partition_name(first + timedelta(days=n)) for n in range(3)]
        assert s.scalar(select(func.min(Position.time))) >= act.cutoff
        assert s.scalar(select(func.count()).select_from(Position)) == 5 * 4 + 1
    assert first not in _partitions(pg_history)


def test_an_existing_desk_is_partitioned_with_its_history(pg_server, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    from db import migrate, partitions
    monkeypatch.setenv("ARM_CONFIG_DIR", str(tmp_path / "config"))
    db = Database(pg_server.create_database("before_partitions"))
    try:
        migrate.upgrade(db.engine, "history_storage")
        with db.engine.begin() as conn:
            device = conn.execute(text(  # the columns of that schema (no later branches yet)
                "INSERT INTO devices (serial, type, status, heartbeat_s, report_s, notes, is_demo, created_at) "
                "VALUES ('TRK-1', 'TRK', 'issued', 300, 60, '', false, now()) RETURNING id")).scalar_one()
            for i in range(10):
                at = T0 - timedelta(days=i)
                ev = conn.execute(DeviceEventRow.__table__.insert().returning(DeviceEventRow.__table__.c.id),
                                  {"device_id": device, "evseq": i, "time": at, "received": at, "kind": "POS",
                                   "source": "serial", "fields": {"lat": 43.2, "lon": 76.9, "fix": 1}}).scalar_one()
                conn.execute(Position.__table__.insert(), {"device_id": device, "event_id": ev, "time": at,
                                                           "lat": 43.2, "lon": 76.9, "fix": 1})
        db.upgrade()
        with db.engine.connect() as conn:
            assert partitions.is_partitioned(conn)
            days = partitions.day_partitions(conn)
            assert all((T0 - timedelta(days=i)).date() in days for i in range(10))
            assert conn.execute(text("SELECT count(*) FROM positions")).scalar() == 10
            assert conn.execute(text("SELECT count(*) FROM positions_default")).scalar() == 0
        with db.session() as s:  # the sequence goes on, and the last fix is still known
            assert s.scalars(select(LastPosition)).one().time == T0
    finally:
        db.dispose()


def test_an_events_act_drops_the_days_positions_with_their_events_and_records_both(pg_history: Database) -> None:
    """No positions act first: the events act removes the positions of its days (no foreign key probe)."""
    from db import partitions
    from db.models import Alarm, AlarmPriority
    from db.retention import DeletionAct

    now = datetime.now(UTC)
    first = (now - timedelta(days=93)).date()
    with pg_history.engine.begin() as conn:
        partitions.ensure_partitions(conn, first, (now - timedelta(days=85)).date())
        fks = conn.execute(text("SELECT count(*) FROM pg_constraint WHERE conname IN ("
                                "'fk_positions_event_id_device_events', 'fk_alarms_event_id_device_events', "
                                "'fk_device_media_event_id_device_events')")).scalar()
    assert fks == 0
    core = Ingest(pg_history, Bus())
    core.start()
    try:
        midnight = datetime.combine(first, datetime.min.time(), UTC)
        core.store_sync([DeviceEvent("TRK-6", i, midnight + timedelta(hours=6 * (i // 2)),
                                     "POS" if i % 2 else "STAT",
                                     {"lat": 43.2, "lon": 76.9, "fix": 1, "sats": 8, "hdop": 1.0, "speed_kmh": 3.0,
                                      "course": 10.0} if i % 2 else
                                     {"battery": 80, "charging": False, "rssi": -70, "temperature": None},
                                     "gt06", "GT06") for i in range(8 * 4 * 2)])  # 8 days, 4 of each a day
    finally:
        core.stop()
    with pg_history.begin() as s:  # an alarm keeps its (oldest) event
        oldest = s.scalar(select(DeviceEventRow).order_by(DeviceEventRow.time, DeviceEventRow.id).limit(1))
        s.add(Alarm(device_id=oldest.device_id, event_id=oldest.id, kind="TAMPER", priority=AlarmPriority.HIGH,
                    raised_at=oldest.time))
    with pg_history.begin() as s:
        retention.set_retention(s, "positions", 91, "admin")  # the positions are kept one day longer
        act = retention.propose_act(s, "device_events", "first", now=now)
        assert act.cutoff == (now - timedelta(days=91)).replace(hour=0, minute=0, second=0, microsecond=0)
        assert act.row_count == 2 * 4 * 2 - 1
        retention.execute_act(s, act.id, "second")
        act_id = act.id
    with pg_history.session() as s:
        act = s.get(DeletionAct, act_id)
        assert act.state == "executed" and act.row_count == 2 * 4 * 2 - 1
        assert act.partitions.split(",") == [partitions.partition_name(first + timedelta(days=n)) for n in range(2)]
        assert s.scalar(select(func.min(Position.time))) >= act.cutoff
        assert s.scalar(select(func.count()).select_from(Position)) == 6 * 4
        assert s.scalar(select(func.count()).select_from(DeviceEventRow)) == 6 * 4 * 2 + 1
        # every position left has its event
        assert s.scalar(select(func.count()).select_from(Position).where(
            ~select(DeviceEventRow.id).where(DeviceEventRow.id == Position.event_id).exists())) == 0
        # and the compact payload reads back whole on PostgreSQL
        pos = s.scalars(select(DeviceEventRow).where(DeviceEventRow.kind == "POS").limit(1)).one()
        assert pos.fields == {"lat": 43.2, "lon": 76.9, "fix": 1, "sats": 8, "hdop": 1.0, "speed_kmh": 3.0,
                              "course": 10.0}
    with pg_history.engine.connect() as conn:
        assert conn.execute(text("SELECT fields::text FROM device_events WHERE kind = 'POS' LIMIT 1")).scalar() \
            == "[1,43.2,76.9,1,8,1.0,3.0,10.0]"


def test_alarms_and_voice_messages_still_hold_their_events_without_per_row_keys(pg_history: Database) -> None:
    """history_events_unlinked: the set-based triggers refuse what the foreign keys refused."""
    from sqlalchemy.exc import IntegrityError

    from db.models import Alarm, AlarmPriority

    core = Ingest(pg_history, Bus())
    core.start()
    try:
        core.store_sync([DeviceEvent("TRK-8", i, T0 + timedelta(minutes=i), "TAMPER",
                                     {"part": "STRAP", "state": "OPEN"}, "serial", "TRK") for i in range(3)])
    finally:
        core.stop()
    with pg_history.session() as s:
        events = s.scalars(select(DeviceEventRow).order_by(DeviceEventRow.id)).all()
    with pg_history.begin() as s:
        s.add(Alarm(device_id=events[0].device_id, event_id=events[0].id, kind="TAMPER",
                    priority=AlarmPriority.HIGH, raised_at=T0))
    with pytest.raises(IntegrityError, match="still referred to"), pg_history.begin() as s:
        s.execute(DeviceEventRow.__table__.delete())  # one statement with a kept event among others
    with pytest.raises(IntegrityError, match="no device event"), pg_history.begin() as s:
        s.add(Alarm(device_id=events[0].device_id, event_id=10**12, kind="TAMPER", priority=AlarmPriority.HIGH,
                    raised_at=T0))
    with pg_history.begin() as s:  # the unreferenced ones go, in one statement
        assert s.execute(DeviceEventRow.__table__.delete().where(DeviceEventRow.id != events[0].id)).rowcount == 2
    with pg_history.session() as s:
        assert s.scalar(select(func.count()).select_from(DeviceEventRow)) == 1


def test_an_act_waiting_for_the_positions_lock_never_holds_up_a_report(pg_history: Database) -> None:
    """A long reader holds ``positions``: the act's lock request gives way (lock_timeout) instead of
    queueing every report behind it, and the act completes once the reader is gone."""
    import threading
    import time

    from db import partitions
    from db.retention import DeletionAct

    now = datetime.now(UTC)
    first = (now - timedelta(days=92)).date()
    with pg_history.engine.begin() as conn:
        partitions.ensure_partitions(conn, first, (now - timedelta(days=89)).date())
    core = Ingest(pg_history, Bus())
    core.start()
    reader = pg_history.engine.connect()
    try:
        core.store_sync([DeviceEvent("TRK-7", i, datetime.combine(first, datetime.min.time(), UTC)
                                     + timedelta(hours=i), "POS", {"lat": 43.2, "lon": 76.9, "fix": 1},
                                     "serial", "TRK") for i in range(24)])
        with pg_history.begin() as s:
            act_id = retention.propose_act(s, "positions", "first", now=now).id
        reader.begin()
        reader.execute(text("LOCK TABLE positions IN ACCESS SHARE MODE"))  # a long report query
        outcome: list[BaseException | None] = []

        def execute() -> None:
            try:
                with pg_history.begin() as s:
                    retention.execute_act(s, act_id, "second")
                outcome.append(None)
            except BaseException as exc:  # noqa: BLE001 - reported by the assertion below
                outcome.append(exc)

        act = threading.Thread(target=execute)
        act.start()
        time.sleep(0.5)  # the act is asking for its lock by now
        started = time.perf_counter()
        assert core.store_sync([DeviceEvent("TRK-7", 1000, now, "POS", {"lat": 43.2, "lon": 76.9, "fix": 1},
                                            "serial", "TRK")]).accepted == 1
        waited = time.perf_counter() - started
        assert act.is_alive()  # still waiting for the reader
        reader.rollback()
        act.join(timeout=30)
        assert outcome == [None]
        assert waited < 1.0, f"a report waited {waited:.2f} s behind the act's lock request"
    finally:
        reader.close()
        core.stop()
    with pg_history.session() as s:
        act_row = s.get(DeletionAct, act_id)
        assert act_row.state == "executed"
        assert act_row.partitions.split(",")[0] == partitions.partition_name(first)
