"""Fast, realistic journal contents for the benchmark, the screenshot and widget tests.

Synthetic data only (like :mod:`arm.demo`), Qt-free; it lives in the core so that
``bench/journal.py``, ``scripts/screenshots/journals.py`` and the journal tests share it.

Rows go in with Core bulk inserts, and the violation journal is chained
exactly as ``db.integrity.append_chained`` would chain it (same payload, same
keyed hash), so ``verify_all`` passes on the result.
"""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import Table, insert
from sqlalchemy.orm import Session

from db.integrity import GENESIS, HASH_EXCLUDED, _canonical, chain_hash, writing_key
from db.models import Alarm, Assignment, Device, Person, ViolationEntry

#: districts of Almaty as reference codes (arm.caseload.reference), as persons store them
DISTRICTS = ["KZ-75-almaly", "KZ-75-bostandyk", "KZ-75-medeu", "KZ-75-auezov", "KZ-75-zhetysu", "KZ-75-turksib"]
SURNAMES = ["Әбілқасымов", "Қайыржанов", "Нұрғалиев", "Өмірзақов", "Құдайбергенов", "Иванов", "Смағұлов",
            "Ершов", "Шәріпов", "Үсенов", "Ғабдуллин", "Петров", "Жұмабаев", "Ким", "Тоқаев"]
FIRST = ["Нұрлан", "Ғалым", "Әлихан", "Пётр", "Ерлан", "Дәурен", "Һадис", "Іңкәр", "Сергей", "Асқар"]
MIDDLE = ["Өмірұлы", "Серікұлы", "Сергеевич", "Бақытұлы", "Иванович", "Қанатұлы", ""]
CATEGORIES = ["conditional", "restricted_freedom", "parole", "admin_supervision"]
KINDS = [("strap_open", "Вскрытие ремешка браслета"), ("exclusion_zone", "Вход в запретную зону"),
         ("curfew", "Нарушение режима нахождения дома"), ("no_signal", "Потеря связи с устройством"),
         ("inclusion_zone", "Выход из разрешённой зоны")]
OPERATORS = ["oper1", "oper2", "oper3", "oper4"]
RESOLUTIONS = ["confirmed_violation", "false_alarm", "technical_fault"]


def _table(model: Any) -> Table:
    """The Core table of a mapped class: bulk inserts go through Core, not the ORM unit of work."""
    table = model.__table__
    if not isinstance(table, Table):
        raise TypeError(f"{model!r} is not mapped to a table")
    return table


def fill(session: Session, persons: int, violations: int, *, start: datetime | None = None,
         seed: int = 7, batch: int = 20_000) -> dict[str, int]:
    """Insert ``persons`` persons with devices and ``violations`` alarms + journal entries."""
    rnd = random.Random(seed)
    start = start or datetime(2025, 1, 1, tzinfo=UTC)
    now = datetime.now(UTC)
    session.execute(insert(_table(Person)), [_person(i, rnd, now) for i in range(persons)])
    session.execute(insert(_table(Device)), [
        {"id": i + 1, "serial": f"BRC{100000 + i}", "type": "BRC", "inventory_no": f"INV-{i:06d}",
         "status": "issued", "heartbeat_s": 300, "report_s": 60, "notes": "", "is_demo": False, "created_at": now}
        for i in range(persons)])
    session.execute(insert(_table(Assignment)), [
        {"device_id": i + 1, "person_id": i + 1, "issued_at": start - timedelta(days=rnd.randint(1, 300)),
         "issued_by": "tech1", "note": ""} for i in range(persons)])
    step = (now - start) / max(violations, 1)
    prev = GENESIS
    key = writing_key(session, ViolationEntry)  # keyed like every append (the chain's record is made here)
    cols = [c.key for c in ViolationEntry.__table__.columns]
    for first in range(0, violations, batch):
        alarms, entries = [], []
        for k in range(first, min(first + batch, violations)):
            alarm, entry = _violation(k, rnd, start + step * k, persons)
            alarms.append(alarm)
            payload = {c: _canonical(entry.get(c)) for c in cols if c not in HASH_EXCLUDED}
            entry["prev_hash"] = prev
            entry["row_hash"] = prev = chain_hash(prev, payload, key)
            entries.append(entry)
        session.execute(insert(_table(Alarm)), alarms)
        session.execute(insert(_table(ViolationEntry)), entries)
    return {"persons": persons, "violations": violations}


def _person(i: int, rnd: random.Random, now: datetime) -> dict[str, Any]:
    reg = date(2024, 1, 1) + timedelta(days=rnd.randint(0, 1000))
    dereg = reg + timedelta(days=rnd.randint(60, 400)) if rnd.random() < 0.3 else None
    return {
        "id": i + 1, "last_name": rnd.choice(SURNAMES), "first_name": rnd.choice(FIRST),
        "middle_name": rnd.choice(MIDDLE) or None, "iin": f"{850101000000 + i:012d}",
        "birth_date": date(1970, 1, 1) + timedelta(days=rnd.randint(0, 15000)),
        "category": rnd.choice(CATEGORIES), "supervision_start": reg, "supervision_end": None,
        "registered_on": reg, "deregistered_on": dereg, "address": f"г. Алматы, ул. Абая, {i % 300 + 1}",
        "home_radius_m": 50.0, "region": "KZ-75", "district": DISTRICTS[i % len(DISTRICTS)],
        "officer": f"Инспектор {rnd.choice(SURNAMES)} {i % 9 + 1}", "notes": "", "is_demo": False,
        "created_at": now,
    }


def _violation(k: int, rnd: random.Random, when: datetime, persons: int) -> tuple[dict[str, Any], dict[str, Any]]:
    pid = rnd.randint(1, persons)
    kind, text = KINDS[k % len(KINDS)]
    op = OPERATORS[k % len(OPERATORS)]
    ack = when + timedelta(seconds=rnd.randint(20, 900))
    alarm = {
        "id": k + 1, "person_id": pid, "device_id": pid, "kind": kind, "priority": "high" if k % 3 else "critical",
        "state": "closed", "acknowledged": True, "message": text, "details": {}, "raised_at": when,
        "acknowledged_at": ack, "acknowledged_by": op, "closed_at": ack + timedelta(minutes=rnd.randint(5, 90)),
        "closed_by": op, "resolution": RESOLUTIONS[k % 7 % 3],
    }
    entry = {
        "id": k + 1, "detected_at": when, "person_id": pid, "device_id": pid, "alarm_id": k + 1, "violation": text,
        "detected_by": f"Электронный браслет BRC{100000 + pid - 1}",
        "measures": "Звонок подучётному, доклад дежурному", "reported_to": "Дежурный ОП",
        "reported_at": ack + timedelta(minutes=3), "operator": op, "corrects_id": None, "recorded_at": when,
    }
    return alarm, entry


def extras(session: Session, now: datetime, first_alarm_id: int, persons: int = 30, seed: int = 11) -> None:
    """What an auditor looks for: a flood, standing and shelved alarms, battery reports."""
    from db.models import DeviceEventRow

    rnd = random.Random(seed)
    alarms = []
    flood_start = now - timedelta(days=2, hours=3)
    for i in range(45):  # 45 alarms in 20 minutes: a flood
        alarms.append({"id": first_alarm_id + i, "person_id": 1 + i % persons, "device_id": 1 + i % persons,
                       "kind": "no_signal", "priority": "medium", "state": "closed", "acknowledged": True,
                       "message": "Потеря связи", "details": {}, "raised_at": flood_start + timedelta(seconds=26 * i),
                       "acknowledged_at": flood_start + timedelta(seconds=26 * i + 400),
                       "acknowledged_by": OPERATORS[i % 2], "closed_at": flood_start + timedelta(hours=1),
                       "closed_by": OPERATORS[i % 2], "resolution": "technical_fault"})
    session.execute(insert(_table(Alarm)), alarms)
    alarms = []
    for j, state in enumerate(["active", "active", "returned", "shelved", "shelved"]):
        alarms.append({"id": first_alarm_id + 100 + j, "person_id": 1 + (1 + j * 6) % persons, "device_id": 1 + (1 + j * 6) % persons,
                       "kind": "curfew" if j < 3 else "inclusion_zone", "priority": "high", "state": state,
                       "acknowledged": state != "active", "message": "Нарушение режима", "details": {},
                       "raised_at": now - timedelta(days=2 + j, hours=j), "shelved_until":
                       now + timedelta(hours=8) if state == "shelved" else None,
                       "shelve_reason": "Разрешение инспектора" if state == "shelved" else None})
    session.execute(insert(_table(Alarm)), alarms)
    events = []
    battery = 100.0
    for k in range(7 * 48):
        t = now - timedelta(days=7) + timedelta(minutes=30 * k)
        battery = 100.0 if battery < 12 else battery - rnd.uniform(0.5, 1.6)
        events.append({"device_id": 1, "evseq": k + 1, "time": t, "received": t, "kind": "STAT", "source": "serial",
                       "fields": {"battery": int(battery), "charging": False, "rssi": rnd.randint(-95, -60),
                                  "temperature": None}})
    session.execute(insert(_table(DeviceEventRow)), events)
