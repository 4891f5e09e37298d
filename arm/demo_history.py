"""Thirty days of demo history, made through the real alarm, journal and device code.

A demo that starts with empty journals shows empty reports. This module plays
the last ``days`` days of a small centre's work through the same code a desk
uses: :class:`arm.alarms.manager.AlarmManager` raises each alarm from a
:class:`arm.rules.conditions.ConditionChange` (with its explanation), the demo
operator acknowledges it, records what was done and closes it with a
resolution that fits the alarm kind (``arm.alarms.closing``), so confirmed
violations land in the violation journal as codes; the technician issues and
takes back devices through ``arm.caseload.devices``. Only the clock is the
past: the manager runs on a clock this module moves, and the device services'
own "now" is set back on the assignment rows they wrote.

Every person and device involved is a demo one (``is_demo``), so forms made
from it carry the demo marker (``arm.reports.demo_marker``). Running it twice
adds nothing: it does nothing when demo alarms already exist.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import select

from arm import messages
from arm.alarms import closing
from arm.alarms.journal import Report
from arm.alarms.manager import AlarmManager
from arm.auth import CurrentUser
from arm.bus import Bus
from arm.rules import explain
from arm.rules.conditions import ConditionChange, Kind
from db.models import Alarm, Assignment, Device, DeviceStatus, Person, Resolution, User

#: (kind, device type that reports it, how often per day on the whole demo, momentary)
SCENES: tuple[tuple[str, str, float, bool], ...] = (
    (Kind.CURFEW, "BRC", 0.9, False),
    (Kind.EXCLUSION_ZONE, "", 0.5, False),
    (Kind.INCLUSION_ZONE, "", 0.3, False),
    (Kind.TAMPER_STRAP, "BRC", 0.25, False),
    (Kind.LOW_BATTERY, "BRC", 1.2, False),
    (Kind.NO_COMMUNICATION, "SKU", 0.8, False),
    (Kind.MAINS_LOST, "SKU", 0.5, False),
    (Kind.GNSS_LOST, "", 0.4, False),
    (Kind.ALCOHOL_POSITIVE, "BAC", 0.15, True),
)
NOTES = {
    "called_person": ("не отвечает", "сказал, что задержался на работе", "обещал вернуться через 20 минут",
                      "подтвердил, что дома"),
    "informed_officer": ("инспектор уведомлён по телефону", "сообщено дежурному инспектору"),
    "patrol_sent": ("наряд направлен по адресу", "экипаж ППС выехал"),
}
TECHNICAL_NOTES = ("браслет заряжен, связь восстановлена", "плановое отключение электроэнергии в районе",
                   "помехи связи, устройство исправно", "заменён блок питания СКУ")
FALSE_NOTES = ("лицо находилось дома, погрешность определения координат", "тревога не подтвердилась при звонке")
VIOLATION_NOTES = ("факт нарушения подтверждён при звонке", "лицо признало нарушение", "нарушение подтверждено нарядом")


@dataclass(frozen=True)
class HistorySummary:
    created: bool
    alarms: int
    violations: int
    returns: int


def _user(db: Any, login: str) -> CurrentUser:
    with db.session() as s:
        account = s.execute(select(User).where(User.login == login)).scalar_one()
        return CurrentUser(id=account.id, login=account.login, full_name=account.full_name, role=str(account.role),
                           districts=tuple(d.district for d in account.districts))


def seed_history(db: Any, *, days: int = 30, now: datetime | None = None, rng_seed: int = 2026) -> HistorySummary:
    """Play ``days`` days of alarms, journal entries and device returns for the demo persons."""
    with db.session() as s:
        persons = list(s.scalars(select(Person).where(Person.is_demo.is_(True)).order_by(Person.id)))
        if not persons or s.scalar(select(Alarm.id).where(Alarm.person_id.in_([p.id for p in persons])).limit(1)):
            return HistorySummary(False, 0, 0, 0)
        kits: dict[int, dict[str, Device]] = {}
        for a, d in s.execute(select(Assignment, Device).join(Device, Device.id == Assignment.device_id)
                              .where(Assignment.returned_at.is_(None))):
            kits.setdefault(a.person_id, {})[str(d.type)] = d
        s.expunge_all()
    operator, technician = _user(db, "operator"), _user(db, "technician")
    rng = random.Random(rng_seed)
    now = now or datetime.now(UTC)
    clock = [now - timedelta(days=days)]
    manager = AlarmManager(db, Bus(), clock=lambda: clock[0])
    manager.load()
    alarms = violations = 0
    try:
        for day in range(days, 0, -1):
            start = (now - timedelta(days=day)).replace(hour=0, minute=0, second=0, microsecond=0)
            for kind, device_type, per_day, momentary in SCENES:
                count = int(per_day) + (rng.random() < per_day - int(per_day))
                for _ in range(count):
                    person = rng.choice(persons)
                    kit = kits.get(person.id, {})
                    device = kit.get(device_type) if device_type else next(iter(kit.values()), None)
                    if device_type and device is None:
                        continue
                    at = start + timedelta(minutes=rng.randrange(0, 24 * 60 - 90))
                    if kind == Kind.CURFEW:  # curfew breaks happen at night
                        at = start + timedelta(hours=17 + rng.randrange(0, 6), minutes=rng.randrange(60))
                    confirmed = _play(manager, clock, rng, operator, person, device, kind, at, momentary)
                    alarms += 1
                    violations += confirmed
        returns = _devices(db, technician, kits, persons, rng, now, days)
    finally:
        manager.shutdown()
    return HistorySummary(True, alarms, violations, returns)


def _play(manager: AlarmManager, clock: list[datetime], rng: random.Random, operator: CurrentUser, person: Person,
          device: Device | None, kind: str, at: datetime, momentary: bool) -> bool:
    """One alarm from raising to closing; True when it was closed as a confirmed violation."""
    serial = device.serial if device is not None else ""
    details: dict[str, Any] = {}
    if kind == Kind.LOW_BATTERY:
        details["battery"] = rng.randrange(5, 15)
    if kind == Kind.ALCOHOL_POSITIVE:
        details["mg_l"] = round(rng.uniform(0.2, 0.9), 2)
    if kind == Kind.NO_COMMUNICATION:
        details["allowed_s"] = 660
    why = explain.build(kind, at, details, serial=serial, zone="школа (демо)" if kind in Kind.ZONES else "",
                        window="22:00–06:00" if kind == Kind.CURFEW else "")
    if why:
        details["explanation"] = why
    device_id = device.id if device is not None else None
    ref = str(device_id) if kind not in (Kind.CURFEW, *Kind.ZONES) else f"demo-{kind}"
    change = ConditionChange(kind, person.id, device_id, ref, True, at, momentary=momentary, details=details)
    clock[0] = at
    manager.apply([change])
    view = next(v for v in manager.open_views() if v.person_id == person.id and v.kind == kind)
    clock[0] = at + timedelta(minutes=rng.randrange(1, 6))
    manager.acknowledge(view.id, operator, "")
    technical = closing.is_technical(kind)
    if not technical:
        clock[0] += timedelta(minutes=rng.randrange(2, 10))
        manager.add_action(view.id, operator, "called_person", rng.choice(NOTES["called_person"]))
    if not momentary:  # the condition ends before the alarm is closed
        clock[0] += timedelta(minutes=rng.randrange(10, 60))
        manager.apply([ConditionChange(kind, person.id, device_id, ref, False, clock[0])])
    clock[0] += timedelta(minutes=rng.randrange(3, 15))
    if technical:
        manager.close(view.id, operator, Resolution.TECHNICAL, rng.choice(TECHNICAL_NOTES))
        return False
    if rng.random() < 0.25:
        manager.close(view.id, operator, Resolution.FALSE_ALARM, rng.choice(FALSE_NOTES))
        return False
    if rng.random() < 0.5:
        manager.add_action(view.id, operator, "informed_officer", rng.choice(NOTES["informed_officer"]))
    report = Report(messages.report_to(rng.choice(("public_security_chief", "duty_unit", "probation_officer"))),
                    clock[0] - timedelta(minutes=2), "")
    manager.close(view.id, operator, Resolution.CONFIRMED, rng.choice(VIOLATION_NOTES), report)
    return True


def _devices(db: Any, technician: CurrentUser, kits: dict[int, dict[str, Device]], persons: list[Person],
             rng: random.Random, now: datetime, days: int) -> int:
    """A few bracelets exchanged: the old one returned for service, a stock one issued (dates set back)."""
    from arm.caseload import devices as device_service

    returned = 0
    with db.begin() as s:
        stock = list(s.scalars(select(Device).where(Device.is_demo.is_(True), Device.status == DeviceStatus.IN_STOCK,
                                                    Device.type == "BRC").order_by(Device.id)))
        for person, spare in zip(rng.sample(persons, min(2, len(persons))), stock[:2], strict=False):
            old = kits.get(person.id, {}).get("BRC")
            if old is None:
                continue
            when = now - timedelta(days=rng.randrange(3, days - 3), hours=rng.randrange(0, 8))
            device_service.return_device(s, technician, old.id, "ремешок повреждён, отправлен в сервис")
            new_id = device_service.issue(s, technician, spare.id, person.id, "замена браслета")
            s.flush()
            for a in s.scalars(select(Assignment).where(Assignment.device_id == old.id, Assignment.person_id ==
                                                        person.id, Assignment.returned_at.is_not(None))):
                a.returned_at = when
            fresh = s.get(Assignment, new_id)
            if fresh is not None:
                fresh.issued_at = when + timedelta(minutes=20)
            returned += 1
    return returned
