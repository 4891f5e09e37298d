"""The same guarantees on PostgreSQL: triggers, deletion acts, verification, queries."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy.exc import DBAPIError

from arm import audit
from arm.reports import data, retention, stats
from db import retention as dbret
from db.integrity import append_chained, verify_all
from db.models import Alarm, Category, Person, Role, User, ViolationEntry
from db.queries.filters import JournalFilter
from db.session import Database
from tests.journals.conftest import user
from tests.pg.conftest import pg_server  # noqa: F401  (the module-scoped server fixture)

T0 = datetime(2026, 11, 2, 6, 0, tzinfo=UTC)


@pytest.fixture
def pg_db(pg_server):  # noqa: F811
    database = Database(pg_server.create_database("journals"))
    database.upgrade()
    with database.begin() as s:
        s.add(User(login="nachalnik", full_name="nachalnik", role=Role.SUPERVISOR, password_hash="!"))  # data re-reads it
        p = Person(last_name="Әбілқасымов", first_name="Нұрлан", iin="900101300000", birth_date=date(1990, 1, 1),
                   category=Category.PAROLE, supervision_start=date(2026, 1, 1), registered_on=date(2026, 1, 1),
                   district="Алмалинский", created_at=T0)
        s.add(p)
        s.flush()
        for k in range(6):
            a = Alarm(person_id=p.id, kind="strap_open", priority="high", state="closed", raised_at=T0 + timedelta(
                hours=k), acknowledged_by="oper1", acknowledged_at=T0 + timedelta(hours=k, minutes=3))
            s.add(a)
            s.flush()
            append_chained(s, ViolationEntry(detected_at=a.raised_at, person_id=p.id, alarm_id=a.id,
                                             violation="Браслет снят", detected_by="BRC", operator="oper1",
                                             recorded_at=a.raised_at))
    yield database
    database.dispose()


def _raw(db, sql: str) -> None:
    with db.engine.begin() as conn:
        conn.exec_driver_sql(sql)


@pytest.mark.parametrize("sql", ["UPDATE violation_journal SET operator = 'x'", "DELETE FROM violation_journal",
                                 "TRUNCATE violation_journal CASCADE", "DELETE FROM audit_journal"])
def test_postgres_refuses_changes_to_the_journals(pg_db, sql):
    with pg_db.begin() as s:
        audit.record(s, "tester", "login")
    with pytest.raises(DBAPIError, match="append-only"):
        _raw(pg_db, sql)


def test_postgres_deletion_act_and_verification(pg_db):
    from arm.auth import create_user

    sup = user("supervisor", "nachalnik", ("Алмалинский",))
    with pg_db.begin() as s:  # a deletion act: two different supervisors, both ARM users (issue 13)
        create_user(s, "zamestitel", "secret-pass-1", "supervisor", districts=("Алмалинский",))
        act = dbret.propose_act(s, "violation_journal", "zamestitel", now=datetime.now(UTC) + timedelta(days=4000))
        assert act.row_count == 5
        retention.confirm(s, sup, act.id)
    with pg_db.session() as s:
        assert verify_all(s) == []
    _raw(pg_db, "ALTER TABLE violation_journal DISABLE TRIGGER USER")
    _raw(pg_db, "UPDATE violation_journal SET measures = 'задним числом'")
    with pg_db.session() as s:
        problems = verify_all(s)
    assert [p.code for p in problems] == ["changed"]


def test_postgres_pages_and_daily_counts(pg_db):
    sup = user("supervisor", "nachalnik", ("Алмалинский",))
    with pg_db.begin() as s:
        page = data.page(s, sup, "violations", JournalFilter(person="Әбіл"), limit=4)
        nxt = data.page(s, sup, "violations", JournalFilter(person="Әбіл"), cursor=page.cursor, limit=4)
        per_day = stats.alarms_per_day(s, sup, T0 - timedelta(days=1), T0 + timedelta(days=1),
                                       ZoneInfo("Asia/Almaty"))
    assert len(page.rows) == 4 and len(nxt.rows) == 2 and nxt.cursor is None
    assert per_day == {date(2026, 11, 2): {"strap_open": 6}}


def test_postgres_key_rotation_and_the_rekeying_guard(tmp_data_dir, pg_db):
    """Re-keying updates only the hash columns, only while the chain says so (issue 13, item 4)."""
    from arm.journal_anchor import rekey
    from arm.journal_anchor.verify import verify_journals

    with pg_db.begin() as s:
        audit.record(s, "tester", "login")
    result = rekey.rotate_key(pg_db, "tester")
    assert result.rows == {"violation_journal": 6, "audit_journal": 2}
    with pg_db.session() as s:
        assert verify_journals(s) == []
    with pytest.raises(DBAPIError, match="append-only"):
        _raw(pg_db, "UPDATE violation_journal SET row_hash = 'x'")
    with pg_db.engine.connect() as conn:
        trans = conn.begin()
        conn.exec_driver_sql("UPDATE journal_chains SET state = 'rekeying' WHERE journal = 'violation_journal'")
        conn.exec_driver_sql("UPDATE violation_journal SET row_hash = row_hash")  # the hashes only: allowed
        with pytest.raises(DBAPIError, match="append-only"):
            conn.exec_driver_sql("UPDATE violation_journal SET operator = 'x', row_hash = 'y'")
        trans.rollback()
