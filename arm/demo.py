"""Fictitious demo data in Astana and Almaty, clearly marked as such.

Every row it writes has ``is_demo = True`` and the notes say "ДЕМО" (in the
desk's language: they are printed on Russian and Kazakh forms); no name,
IIN or address belongs to a real person. Seeding twice changes nothing.
"""

from __future__ import annotations

import argparse
import math
import random
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from arm import audit
from arm.auth import create_user
from arm.cli_common import add_db_argument, open_db
from db.models import (
    Assignment,
    Category,
    Device,
    DeviceStatus,
    DeviceType,
    Person,
    Restriction,
    RestrictionKind,
    Role,
    User,
    Zone,
    ZoneKind,
)
from db.models_caseload import ProbationOffice, ProbationOfficer
from db.reference import office_code
from db.validation import make_iin

DESK_ZONE = ZoneInfo("Asia/Almaty")
DEMO_NOTE = "ДЕМО: вымышленная запись для демонстрации и обучения"
DEMO_PASSWORD = "demo1234"
DEMO_USERS = (  # names as the desk shows them (status bar, handover, forms): "демо" reads the same in ru and kk;
    # the role is shown beside the name in the reader's language
    ("operator", "Айгерім Нұрланқызы (демо)", Role.OPERATOR),
    ("supervisor", "Ерлан Сейітов (демо)", Role.SUPERVISOR),
    ("technician", "Данияр Омаров (демо)", Role.TECHNICIAN),
    ("admin", "Марат Жақсылықов (демо)", Role.ADMINISTRATOR),
)


@dataclass(frozen=True)
class City:
    #: the city's name as written in addresses and zone names
    region: str
    #: reference codes (``db.models_caseload``): the city of republican significance and its districts
    region_code: str
    lat: float
    lon: float
    districts: tuple[str, ...]
    streets: tuple[str, ...]


ASTANA = City(
    "г. Астана", "KZ-71", 51.1282, 71.4307,
    ("KZ-71-esil", "KZ-71-almaty", "KZ-71-saryarka", "KZ-71-baikonyr"),
    ("пр. Туран", "ул. Кенесары", "пр. Республики", "ул. Сыганак", "пр. Абая", "ул. Бейбітшілік"),
)
ALMATY = City(
    "г. Алматы", "KZ-75", 43.2380, 76.9452,
    ("KZ-75-bostandyk", "KZ-75-almaly", "KZ-75-auezov", "KZ-75-medeu"),
    ("пр. Абая", "ул. Толе би", "пр. Райымбека", "ул. Жандосова", "пр. Достык", "ул. Сатпаева"),
)

LAST = ("Ахметов", "Жумабаев", "Сейткали", "Омаров", "Касымов", "Нургалиев", "Токтаров", "Искаков",
        "Бекмуханов", "Садыков", "Ержанов", "Муканов", "Абенов", "Рахимов", "Тулегенов", "Калиев")
FIRST = ("Арман", "Ерлан", "Нурлан", "Асхат", "Берик", "Даурен", "Канат", "Марат", "Серик", "Тимур",
         "Жандос", "Айдос", "Ринат", "Санжар", "Алмас", "Бауыржан")
MIDDLE = ("Серикович", "Маратович", "Ерланович", "Канатович", None, "Нурланович")
OFFICERS = ("Ахметова А. К. (демо)", "Бекенов Б. С. (демо)", "Габдуллина Г. Т. (демо)")
COURTS = ("Есильский районный суд г. Астаны (демо)", "Бостандыкский районный суд г. Алматы (демо)")
CATEGORIES = (Category.CONDITIONAL, Category.RESTRICTED_FREEDOM, Category.PAROLE, Category.ADMIN_SUPERVISION)

NIGHT_CURFEW = [{"days": [0, 1, 2, 3, 4, 5, 6], "start": "22:00", "end": "06:00"}]
ALWAYS = [{"days": [0, 1, 2, 3, 4, 5, 6], "start": "00:00", "end": "24:00"}]
#: One person is under house arrest (a round-the-clock curfew), so the demo can
#: show a curfew break at whatever hour it runs (arm/simulate/demo_fleet.py).
HOUSE_ARREST_PERSON = 2
HOUSE_ARREST_NOTE = "ДЕМО: домашний арест, круглосуточный запрет покидать жилище"


@dataclass
class DemoSummary:
    created: bool
    persons: int
    devices: int
    zones: int
    users: tuple[str, ...]


def circle(lat: float, lon: float, radius_m: float, points: int = 24) -> dict[str, Any]:
    """A GeoJSON polygon approximating a circle (zones are polygons in the DB)."""
    ring = []
    for i in range(points + 1):
        a = 2 * math.pi * (i % points) / points
        dlat = radius_m * math.cos(a) / 111_320
        dlon = radius_m * math.sin(a) / (111_320 * math.cos(math.radians(lat)))
        ring.append([round(lon + dlon, 6), round(lat + dlat, 6)])
    return {"type": "Polygon", "coordinates": [ring]}


def _city_zones(session: Session, city: City) -> tuple[Zone, list[Zone]]:
    inclusion = Zone(
        name=f"{city.region}: граница города (демо)", kind=ZoneKind.INCLUSION,
        geometry=circle(city.lat, city.lon, 14_000, 48), buffer_m=200, district="", is_demo=True,
    )
    exclusions = [
        Zone(name=f"{city.region}: школа №{n} (демо)", kind=ZoneKind.EXCLUSION,
             geometry=circle(city.lat + dlat, city.lon + dlon, 250), buffer_m=30,
             district=city.districts[n % len(city.districts)], is_demo=True)
        for n, (dlat, dlon) in enumerate(((0.012, 0.018), (-0.020, 0.010), (0.025, -0.030)), start=1)
    ]
    exclusions.append(
        Zone(name=f"{city.region}: дом потерпевшей (демо)", kind=ZoneKind.EXCLUSION,
             geometry=circle(city.lat - 0.008, city.lon - 0.022, 150), buffer_m=25,
             district=city.districts[0], is_demo=True)
    )
    session.add_all([inclusion, *exclusions])
    return inclusion, exclusions


def _person(rng: random.Random, n: int, city: City, today: date) -> Person:
    birth = date(1970 + rng.randrange(30), rng.randrange(1, 13), rng.randrange(1, 28))
    start = today - timedelta(days=rng.randrange(20, 300))
    home_lat = city.lat + rng.uniform(-0.05, 0.05)
    home_lon = city.lon + rng.uniform(-0.07, 0.07)
    cat = CATEGORIES[n % len(CATEGORIES)]
    return Person(
        last_name=LAST[n % len(LAST)], first_name=FIRST[(n * 7) % len(FIRST)], middle_name=MIDDLE[n % len(MIDDLE)],
        iin=make_iin(birth, 4000 + n * 37), birth_date=birth, category=cat,
        court_decision_no=f"ДЕМО-{2026}-{1000 + n}", court_decision_date=start - timedelta(days=10),
        court_name=COURTS[0 if city is ASTANA else 1],
        supervision_start=start, supervision_end=start + timedelta(days=365 * (1 + n % 3)),
        address=f"{city.region}, {city.streets[n % len(city.streets)]}, д. {10 + n}, кв. {n * 3 + 1} (демо)",
        home_lat=round(home_lat, 6), home_lon=round(home_lon, 6), home_radius_m=60,
        region=city.region_code, district=city.districts[n % len(city.districts)],
        officer=demo_officer_code(city.districts[n % len(city.districts)], n),
        registered_on=start, phone=f"+7 700 000 {n:02d} {n:02d}", notes=DEMO_NOTE, is_demo=True,
    )


def demo_officer_code(district: str, n: int) -> str:
    """The code of the demo officer ``n`` (one of ``OFFICERS``) of a demo district."""
    return f"DEMO-{district}-{n % len(OFFICERS) + 1}"


def _officers(session: Session) -> None:
    """The demo officers in the reference list (``probation_officers``), each of one demo district's office."""
    have = set(session.scalars(select(ProbationOfficer.code).where(ProbationOfficer.code.like("DEMO-%"))))
    for city in (ASTANA, ALMATY):
        for district in city.districts:
            for k, name in enumerate(OFFICERS):
                code = f"DEMO-{district}-{k + 1}"
                if code not in have and session.get(ProbationOffice, office_code(district)) is not None:
                    session.add(ProbationOfficer(code=code, full_name=name, office_code=office_code(district),
                                                 district_code=district, position="", login="", active=True))
    session.flush()


def _devices_for(n: int, person: Person) -> list[Device]:
    """A bracelet with a home unit, plus a GNSS tracker or a network tracker."""
    devs = [
        Device(serial=f"BRC-{100100 + n}", type=DeviceType.BRC, inventory_no=f"ИНВ-БРК-{n:04d}",
               firmware="3.1.0", hardware="B2", heartbeat_s=300, paired_with=f"SKU-{200100 + n}"),
        Device(serial=f"SKU-{200100 + n}", type=DeviceType.SKU, inventory_no=f"ИНВ-СКУ-{n:04d}",
               firmware="2.4.1", hardware="B3", heartbeat_s=300),
    ]
    kind = n % 4
    if kind == 0:
        devs.append(Device(serial=f"86471700{n:07d}", type=DeviceType.GT06, inventory_no=f"ИНВ-GT-{n:04d}",
                           imei=f"86471700{n:07d}", heartbeat_s=180))
    elif kind == 1:
        devs.append(Device(serial=f"{6900000000 + n}", type=DeviceType.WATCH, inventory_no=f"ИНВ-W-{n:04d}",
                           heartbeat_s=300))
    elif kind == 2:
        devs.append(Device(serial=f"MKU-{300100 + n}", type=DeviceType.MKU, inventory_no=f"ИНВ-МКУ-{n:04d}",
                           firmware="2.4.1", heartbeat_s=300))
    else:
        devs.append(Device(serial=f"TRK-{400100 + n}", type=DeviceType.TRK, inventory_no=f"ИНВ-ТРК-{n:04d}",
                           firmware="1.9.2", heartbeat_s=300))
    if n % 5 == 3:
        devs.append(Device(serial=f"BAC-{500100 + n}", type=DeviceType.BAC, inventory_no=f"ИНВ-БАК-{n:04d}",
                           firmware="1.2.0", heartbeat_s=600))
    for d in devs:
        d.status = DeviceStatus.ISSUED
        d.is_demo = True
        d.notes = DEMO_NOTE
    return devs


def seed(session: Session, persons_per_city: int = 8, rng_seed: int = 2026) -> DemoSummary:
    """Create the demo data set unless it exists; returns what is there."""
    if session.execute(select(Person.id).where(Person.is_demo.is_(True)).limit(1)).first():
        return _summary(session, created=False)
    rng = random.Random(rng_seed)
    now = datetime.now(UTC)
    today = now.date()
    existing = set(session.execute(select(User.login)).scalars())
    for login, name, role in DEMO_USERS:
        if login not in existing:
            districts = ASTANA.districts + ALMATY.districts if role == Role.SUPERVISOR else ()
            create_user(session, login, DEMO_PASSWORD, role, name, districts)
    _officers(session)
    n = 0
    for city in (ASTANA, ALMATY):
        inclusion, exclusions = _city_zones(session, city)
        for _ in range(persons_per_city):
            n += 1
            person = _person(rng, n, city, today)
            session.add(person)
            session.flush()
            # supervision starts at the desk's midnight (Asia/Almaty), not at 05:00 local
            valid_from = datetime.combine(person.supervision_start, time(0), DESK_ZONE).astimezone(UTC)
            house_arrest = n == HOUSE_ARREST_PERSON
            session.add(Restriction(person=person, kind=RestrictionKind.CURFEW,
                                    schedule=ALWAYS if house_arrest else NIGHT_CURFEW, valid_from=valid_from,
                                    note=HOUSE_ARREST_NOTE if house_arrest else DEMO_NOTE))
            session.add(Restriction(person=person, kind=RestrictionKind.INCLUSION_ZONE, zone=inclusion,
                                    schedule=ALWAYS, valid_from=valid_from, note=DEMO_NOTE))
            session.add(Restriction(person=person, kind=RestrictionKind.EXCLUSION_ZONE,
                                    zone=exclusions[n % len(exclusions)], schedule=ALWAYS,
                                    valid_from=valid_from, note=DEMO_NOTE))
            if n % 5 == 3:
                session.add(Restriction(person=person, kind=RestrictionKind.ALCOHOL_BAN,
                                        valid_from=valid_from, note=DEMO_NOTE))
            if n % 6 == 0:
                session.add(Restriction(person=person, kind=RestrictionKind.TRAVEL_PERMISSION,
                                        zone=inclusion, valid_from=now + timedelta(days=2),
                                        valid_until=now + timedelta(days=4),
                                        note="ДЕМО: разрешён выезд к родственникам"))
            devices = _devices_for(n, person)
            session.add_all(devices)
            session.flush()
            for d in devices:
                session.add(Assignment(device=d, person=person, issued_at=valid_from, issued_by="technician",
                                       note=DEMO_NOTE))
    # A few devices in stock for the technician's screens.
    for k in range(1, 5):
        session.add(Device(serial=f"BRC-{900000 + k}", type=DeviceType.BRC, inventory_no=f"ИНВ-БРК-С{k:03d}",
                           firmware="3.1.0", status=DeviceStatus.IN_STOCK, is_demo=True, notes=DEMO_NOTE))
    session.flush()
    audit.record(session, "system", "demo_seeded", "demo", "", persons=n)
    return _summary(session, created=True)


def _summary(session: Session, created: bool) -> DemoSummary:
    persons = len(session.execute(select(Person.id).where(Person.is_demo.is_(True))).all())
    devices = len(session.execute(select(Device.id).where(Device.is_demo.is_(True))).all())
    zones = len(session.execute(select(Zone.id).where(Zone.is_demo.is_(True))).all())
    return DemoSummary(created, persons, devices, zones, tuple(u[0] for u in DEMO_USERS))


def seed_all(db: Any, persons_per_city: int = 8, history_days: int = 30) -> tuple[DemoSummary, Any]:
    """The demo data set, then ``history_days`` days of alarms, journal and device history (``arm.demo_history``)."""
    from arm.demo_history import seed_history

    with db.begin() as session:
        summary = seed(session, persons_per_city=persons_per_city)
    history = seed_history(db, days=history_days) if history_days > 0 else None
    return summary, history


def _run_seed(args: argparse.Namespace) -> int:
    db = open_db(args.db, migrate=True)
    summary, history = seed_all(db, args.persons, args.history_days)
    state = "created" if summary.created else "already present"
    print(f"demo data {state}: {summary.persons} persons, {summary.devices} devices, {summary.zones} zones "
          f"(all marked is_demo, fictitious)")
    if history is not None and history.created:
        print(f"demo history: {history.alarms} alarms closed, {history.violations} journal entries, "
              f"{history.returns} devices exchanged")
    print(f"demo log-ins: {', '.join(summary.users)}; password: {DEMO_PASSWORD}")
    return 0


def register_cli(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("demo", help="demo data")
    dsub = p.add_subparsers(dest="demo_command", required=True, metavar="ACTION")
    s = dsub.add_parser("seed", help="create fictitious persons, devices, zones and restrictions (Astana, Almaty)")
    add_db_argument(s)
    s.add_argument("--persons", type=int, default=8, help="persons per city (default 8)")
    s.add_argument("--history-days", type=int, default=30,
                   help="days of closed alarms, journal entries and device exchanges to play (default 30; 0: none)")
    s.set_defaults(handler=_run_seed)
