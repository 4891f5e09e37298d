"""Users and rows for the caseload service tests (real SQLite file, migrated: the ``db`` fixture)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest
from sqlalchemy import func, select

from arm.auth import CurrentUser
from arm.caseload.persons import PersonDraft
from db.models import AuditEntry, Device, DeviceStatus, DeviceType, Person, Role, User, Zone
from db.session import Database
from db.validation import make_iin

EAST, WEST = "KZ-71-esil", "KZ-71-almaty"  # reference codes: район Есиль, район Алматы (Astana)


def user(role: str, *districts: str) -> CurrentUser:
    """A logged-in user of ``role`` (account ``<role>1``, see ``accounts``), narrowed to ``districts``."""
    return CurrentUser(id=1, login=f"{role}1", full_name=f"Test {role}", role=role, districts=tuple(districts))


@pytest.fixture(autouse=True)
def accounts(db: Database) -> None:
    """The accounts behind ``user()``: the services re-read them (they must exist and be active)."""
    with db.begin() as s:
        for role in ("operator", "supervisor", "technician", "administrator"):
            s.add(User(login=f"{role}1", full_name=f"Test {role}", role=Role(role), password_hash="!"))


def draft(n: int = 1, district: str = EAST, **changes: Any) -> PersonDraft:
    values: dict[str, Any] = dict(
        last_name="Тестов", first_name="Иван", middle_name=None, iin=make_iin(date(1990, 1, 1), 100 + n * 7),
        birth_date=date(1990, 1, 1), category="parole", supervision_start=date(2026, 1, 10),
        registered_on=date(2026, 1, 10), address="ул. Абая, 1", region="", district=district,
        officer="",
    )
    values.update(changes)
    return PersonDraft(**values)


def audit_rows(db: Database, action: str) -> list[AuditEntry]:
    with db.session() as s:
        rows = list(s.scalars(select(AuditEntry).where(AuditEntry.action == action).order_by(AuditEntry.id)))
        s.expunge_all()
        return rows


def written_audit(db: Database) -> int:
    """Audit rows of what was done (a refusal's own row, ``denied``, is not one)."""
    with db.session() as s:
        return int(s.scalar(select(func.count()).select_from(AuditEntry).where(AuditEntry.action != "denied")) or 0)


def count(db: Database, model: Any) -> int:
    with db.session() as s:
        return int(s.scalar(select(func.count()).select_from(model)) or 0)


def add_person(db: Database, district: str = EAST, n: int = 50) -> int:
    with db.begin() as s:
        p = Person(created_at=datetime.now(UTC), **draft(n, district).values())
        s.add(p)
        s.flush()
        return int(p.id)


def add_device(db: Database, serial: str = "BRC-100001", status: DeviceStatus = DeviceStatus.IN_STOCK,
               type_: DeviceType = DeviceType.BRC) -> int:
    with db.begin() as s:
        d = Device(serial=serial, type=type_, status=status, created_at=datetime.now(UTC))
        s.add(d)
        s.flush()
        return int(d.id)


def add_zone(db: Database, district: str = EAST) -> int:
    ring = [[71.43, 51.12], [71.44, 51.12], [71.44, 51.13], [71.43, 51.13], [71.43, 51.12]]
    with db.begin() as s:
        z = Zone(name="Школа", kind="exclusion", geometry={"type": "Polygon", "coordinates": [ring]},
                 district=district, created_at=datetime.now(UTC))
        s.add(z)
        s.flush()
        return int(z.id)


@pytest.fixture
def square() -> dict[str, Any]:
    """A drawn 700 m x 1.1 km rectangle in Astana, as the map page sends it."""
    ring = [[71.43, 51.12], [71.44, 51.12], [71.44, 51.13], [71.43, 51.13], [71.43, 51.12]]
    return {"geometry": {"type": "Polygon", "coordinates": [ring]}}


@pytest.fixture
def world(db: Database, bus: Any, ingest: Any) -> Any:
    """The rules scenarios' world (real rules runtime on the ``db`` file): for "applies without restart" tests."""
    from arm.alarms.scenario import World

    w = World(db, bus, ingest)
    yield w
    w.close()
