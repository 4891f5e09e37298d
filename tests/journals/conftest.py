"""A small but complete set of journals: two districts, Kazakh and Russian names."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import pytest

from arm.auth import CurrentUser
from db.integrity import append_chained
from db.models import (
    Alarm,
    AlarmPriority,
    AlarmState,
    Assignment,
    Category,
    Device,
    DeviceStatus,
    DeviceType,
    Person,
    Resolution,
    Role,
    User,
    ViolationEntry,
)
from db.session import Database

T0 = datetime(2026, 11, 2, 6, 0, tzinfo=UTC)
KAZAKH_NAME = "Әбілқасымов Нұрлан Өмірұлы"

PEOPLE = [
    # last, first, middle, district, category, registered, deregistered
    ("Әбілқасымов", "Нұрлан", "Өмірұлы", "Алмалинский", Category.PAROLE, date(2026, 1, 15), None),
    ("Қайыржанова", "Ғалия", "Үмітқызы", "Алмалинский", Category.RESTRICTED_FREEDOM, date(2026, 11, 3), None),
    ("Иванов", "Пётр", "Сергеевич", "Бостандыкский", Category.CONDITIONAL, date(2025, 6, 1), date(2026, 11, 20)),
    ("Шәріпов", "Һадис", "Іңкәрұлы", "Бостандыкский", Category.ADMIN_SUPERVISION, date(2026, 4, 10), date(2026, 5, 30)),
]


@dataclass
class Journals:
    db: Database
    person_ids: list[int]
    violation_ids: list[int]
    alarm_ids: list[int]


def user(role: str, login: str | None = None, districts: tuple[str, ...] = ()) -> CurrentUser:
    return CurrentUser(id=1, login=login or role, full_name=f"{role} user", role=role, districts=districts)


#: the accounts behind ``user()``: journal reads re-read them (they must exist and be active)
ACCOUNTS = {
    "administrator": "administrator", "admin": "administrator", "operator": "operator", "oper1": "operator",
    "oper2": "operator", "supervisor": "supervisor", "nachalnik": "supervisor", "nobody": "supervisor",
    "s": "supervisor", "sup": "supervisor", "sup_a": "supervisor", "technician": "technician", "tech1": "technician",
}


@pytest.fixture(autouse=True)
def accounts(db: Database) -> None:
    with db.begin() as s:
        for login, role in ACCOUNTS.items():
            s.add(User(login=login, full_name=login, role=Role(role), password_hash="!"))


@pytest.fixture
def supervisor() -> CurrentUser:
    return user("supervisor", "nachalnik", ("Алмалинский", "Бостандыкский"))


@pytest.fixture
def second_supervisor(journal_db: Journals, supervisor: CurrentUser) -> CurrentUser:
    """A deletion act needs two different supervisors who are ARM users (issue 13): both are stored."""
    from sqlalchemy import delete

    from arm.auth import create_user

    with journal_db.db.begin() as s:
        # the autouse ``accounts`` row has no password; these two log in with one
        s.execute(delete(User).where(User.login.in_((supervisor.login, "zamestitel"))))
        create_user(s, supervisor.login, "secret-pass-1", "supervisor", districts=supervisor.districts)
        create_user(s, "zamestitel", "secret-pass-1", "supervisor", districts=supervisor.districts)
    return user("supervisor", "zamestitel", supervisor.districts)


@pytest.fixture
def journal_db(db: Database) -> Journals:
    with db.begin() as s:
        persons = []
        for i, (last, first, middle, district, cat, reg, dereg) in enumerate(PEOPLE):
            p = Person(
                last_name=last, first_name=first, middle_name=middle, iin=f"90010130{i:04d}",
                birth_date=date(1990, 1, 1 + i), category=cat, supervision_start=reg, registered_on=reg,
                deregistered_on=dereg, supervision_end=date(2027, 12, 31), address=f"г. Алматы, ул. Төле би, {i + 1}",
                district=district, officer="ст. л-т Серікбаев Ә.", court_name="Суд №2", court_decision_no=f"2-{i}",
                created_at=T0,
            )
            s.add(p)
            persons.append(p)
        s.flush()
        devices = []
        for i in range(len(persons)):
            d = Device(serial=f"BRC{1000 + i}", type=DeviceType.BRC, inventory_no=f"INV-{i}",
                       status=DeviceStatus.ISSUED, created_at=T0)
            s.add(d)
            devices.append(d)
        s.flush()
        for p, d in zip(persons, devices, strict=True):
            s.add(Assignment(device_id=d.id, person_id=p.id, issued_at=T0, issued_by="tech1"))
        alarms, violations = [], []
        for k in range(12):
            p, d = persons[k % 4], devices[k % 4]
            raised = T0 + timedelta(hours=k)
            a = Alarm(person_id=p.id, device_id=d.id, kind="strap_open" if k % 2 else "exclusion_zone",
                      priority=AlarmPriority.HIGH if k % 3 else AlarmPriority.CRITICAL, state=AlarmState.CLOSED,
                      acknowledged=True, message="Браслет снят" if k % 2 else "Вход в запретную зону",
                      raised_at=raised, acknowledged_at=raised + timedelta(minutes=2 + k),
                      acknowledged_by="oper1" if k < 6 else "oper2", closed_at=raised + timedelta(minutes=30),
                      closed_by="oper1" if k < 6 else "oper2",
                      resolution=Resolution.CONFIRMED if k % 4 else Resolution.FALSE_ALARM)
            s.add(a)
            s.flush()
            alarms.append(a.id)
            v = append_chained(s, ViolationEntry(
                detected_at=raised, person_id=p.id, device_id=d.id, alarm_id=a.id,
                violation=a.message + f" ({k})", detected_by=f"Электронный браслет {d.serial}",
                measures="Звонок подучётному, доклад начальнику ОП", reported_to="Начальник ОП",
                reported_at=raised + timedelta(minutes=20), operator=a.acknowledged_by or "", recorded_at=raised,
            ))
            violations.append(v.id)
        ids = [p.id for p in persons]
    return Journals(db, ids, violations, alarms)


@pytest.fixture
def make_ctx(qapp):
    """A real AppContext (worker thread, bridge) for a user; closed after the test."""
    from arm.bus import Bus
    from arm.config import Settings
    from widgets.context import AppContext
    from widgets.qt_bridge import QtBridge

    made = []

    def make(db: Database, who: CurrentUser) -> AppContext:
        bus = Bus()
        ctx = AppContext(db=db, service=None, bus=bus, bridge=QtBridge(bus), user=who, settings=Settings())
        made.append(ctx)
        return ctx

    yield make
    for ctx in made:
        ctx.close()


def settle(qtbot, ctx, rounds: int = 3) -> None:
    """Let queued database work finish and its callbacks run on the GUI thread."""
    for _ in range(rounds):
        ctx.worker.submit(lambda: None).result(timeout=10)
        qtbot.wait(10)
