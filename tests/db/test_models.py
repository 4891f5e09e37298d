"""Constraints refuse bad rows whole; validators name the field."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from db.models import Assignment, Device, DeviceType, Person, Position, Restriction, RestrictionKind
from db.session import Database, DatabaseUnavailable
from db.validation import iin_check_digit, iin_error, make_iin, validate_device, validate_person

T0 = datetime(2026, 11, 22, 9, 30, tzinfo=UTC)


def person(**over) -> Person:
    values = dict(
        last_name="Демо", first_name="Тест", iin=make_iin(date(1990, 5, 17), 1), birth_date=date(1990, 5, 17),
        category="parole", supervision_start=date(2026, 1, 1), registered_on=date(2026, 1, 1),
    )
    values.update(over)
    return Person(**values)


def test_person_round_trip_keeps_utc(db: Database) -> None:
    with db.begin() as s:
        s.add(person())
    with db.session() as s:
        p = s.execute(select(Person)).scalar_one()
        assert p.created_at.tzinfo is UTC
        assert p.full_name == "Демо Тест"


@pytest.mark.parametrize(
    "over",
    [
        {"supervision_end": date(2025, 1, 1)},
        {"deregistered_on": date(2025, 12, 31)},
    ],
)
def test_period_constraints(db: Database, over) -> None:
    with pytest.raises(IntegrityError), db.begin() as s:
        s.add(person(**over))


def test_duplicate_serial_and_iin_refused_and_nothing_half_written(db: Database) -> None:
    with db.begin() as s:
        s.add(Device(serial="BRC-100001", type=DeviceType.BRC))
    with pytest.raises(IntegrityError), db.begin() as s:
        s.add(person())
        s.add(Device(serial="BRC-100001", type=DeviceType.BRC))
    with db.session() as s:
        assert s.execute(select(Person)).first() is None


def test_restriction_validity_and_assignment_period(db: Database) -> None:
    with db.begin() as s:
        p = person()
        d = Device(serial="SKU-000417", type=DeviceType.SKU)
        s.add_all([p, d])
    with pytest.raises(IntegrityError), db.begin() as s:
        s.add(Restriction(person_id=p.id, kind=RestrictionKind.CURFEW, valid_from=T0, valid_until=T0))
    with pytest.raises(IntegrityError), db.begin() as s:
        s.add(Assignment(device_id=d.id, person_id=p.id, issued_at=T0, issued_by="t",
                         returned_at=datetime(2026, 1, 1, tzinfo=UTC)))


def test_foreign_keys_enforced(db: Database) -> None:
    with pytest.raises(IntegrityError), db.begin() as s:
        s.add(Position(device_id=999, event_id=999, time=T0, lat=51.1, lon=71.4, fix=1))


def test_naive_datetime_refused(db: Database) -> None:
    with pytest.raises(Exception, match="naive"), db.begin() as s:
        s.add(Restriction(person_id=1, kind=RestrictionKind.CURFEW, valid_from=datetime(2026, 1, 1)))


def test_iin_check_digit_known_values() -> None:
    # 12th digit: weights 1..11 mod 11; 10 -> second weights 3..11,1,2
    assert iin_check_digit("85031430123") == 4
    assert iin_error("850314301234") is None
    assert "check digit" in iin_error("850314301235")
    assert "12 digits" in iin_error("85031430123")
    assert "birth date" in iin_error("851314301234")


def test_validate_person_names_fields() -> None:
    errors = validate_person(
        {"last_name": "", "first_name": "A", "iin": "850314301235", "birth_date": date(1985, 3, 14),
         "category": "bogus", "supervision_start": date(2026, 2, 1), "supervision_end": date(2026, 1, 1),
         "registered_on": date(2026, 2, 1)}
    )
    assert set(errors) == {"last_name", "iin", "category", "supervision_end"}


def test_validate_device_type_and_serial() -> None:
    assert set(validate_device({"serial": "x", "type": "ZZZ"})) == {"serial", "type"}
    assert validate_device({"serial": "BRC-102938", "type": "BRC"}) == {}
    assert validate_device({"serial": "864717003283581", "type": "GT06"}) == {}


def test_missing_folder_is_a_clear_error(tmp_path) -> None:
    with pytest.raises(DatabaseUnavailable, match="folder"):
        Database(f"sqlite:///{tmp_path}/nope/x.sqlite3")


def test_locked_database_is_a_clear_error(tmp_path) -> None:
    import sqlite3

    path = tmp_path / "locked.sqlite3"
    holder = sqlite3.connect(path)
    holder.execute("PRAGMA journal_mode=DELETE")
    holder.execute("CREATE TABLE t(x)")
    holder.execute("BEGIN EXCLUSIVE")
    db = Database(f"sqlite:///{path}", busy_timeout_ms=200)  # quick: 0.2 s instead of 10 s

    try:
        with pytest.raises(DatabaseUnavailable, match="locked"):
            db.upgrade()
    finally:
        holder.rollback()
        holder.close()
        db.dispose()
