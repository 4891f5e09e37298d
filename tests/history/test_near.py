""""Who was here" on real SQLite (R*Tree): the persons found, access, reason, audit, PDF, the command."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from arm import access
from arm.auth import CurrentUser, authenticate, create_user
from arm.history import near
from arm.history.near_pdf import export_pdf
from db.models import Assignment, AuditEntry, Device, DeviceEventRow, DeviceStatus, Person, Position
from db.session import Database

SCENE = (43.2380, 76.9450)  # Almaty
T0 = datetime(2026, 12, 5, 6, 0, tzinfo=UTC)  # 11:00 in Almaty
PASSWORD = "secret-pass-1"


def offset(lat: float, lon: float, north_m: float, east_m: float) -> tuple[float, float]:
    return lat + north_m / 111_195.0, lon + east_m / (111_195.0 * 0.7293)  # cos(43.24°)


def add_person(db: Database, n: int, district: str, issued: datetime, returned: datetime | None = None) -> int:
    with db.begin() as s:
        p = Person(last_name=f"Сериков{n}", first_name="Асан", iin=f"{850101300000 + n}", birth_date=date(1985, 1, 1),
                   category="parole", supervision_start=date(2026, 1, 1), registered_on=date(2026, 1, 1),
                   district=district)
        d = Device(serial=f"TRK-{n:04d}", type="TRK", status=DeviceStatus.ISSUED)
        s.add_all([p, d])
        s.flush()
        s.add(Assignment(device_id=d.id, person_id=p.id, issued_at=issued, issued_by="tech", returned_at=returned,
                         returned_by="tech" if returned else None))
        return d.id


def add_fixes(db: Database, device_id: int, fixes: list[tuple[datetime, float, float]]) -> None:
    """POS events and their positions (the database's triggers keep the spatial index and last fixes)."""
    with db.begin() as s:
        for seq, (t, lat, lon) in enumerate(fixes):
            ev = DeviceEventRow(device_id=device_id, evseq=seq, time=t, received=t, kind="POS", source="serial",
                                fields={"lat": lat, "lon": lon, "fix": 1})
            s.add(ev)
            s.flush()
            s.add(Position(device_id=device_id, event_id=ev.id, time=t, lat=lat, lon=lon, fix=1))


@pytest.fixture
def world(db: Database) -> dict[str, int]:
    return make_world(db)


def make_world(db: Database) -> dict[str, int]:
    """Five persons around a scene in Almaty, users of two districts (SQLite here, PostgreSQL in tests/pg)."""
    with db.begin() as s:
        create_user(s, "sup_a", PASSWORD, "supervisor", full_name="Ахметова Айгуль Сериковна",
                    districts=("KZ-75-almaly",))
        create_user(s, "sup_all", PASSWORD, "supervisor")
        create_user(s, "op", PASSWORD, "operator")
    ids = {}
    ids["near"] = add_person(db, 1, "KZ-75-almaly", T0 - timedelta(days=30))
    ids["far"] = add_person(db, 2, "KZ-75-almaly", T0 - timedelta(days=30))
    ids["other"] = add_person(db, 3, "KZ-75-medeu", T0 - timedelta(days=30))
    ids["returned"] = add_person(db, 4, "KZ-75-almaly", T0 - timedelta(days=30), returned=T0 - timedelta(days=1))
    ids["late"] = add_person(db, 5, "KZ-75-almaly", T0 - timedelta(days=30))
    walk = [(T0 + timedelta(minutes=m), *offset(*SCENE, 410 - 10 * m, 0)) for m in range(0, 61, 5)]  # 410 m -> -190 m
    add_fixes(db, ids["near"], walk)
    add_fixes(db, ids["far"], [(T0 + timedelta(minutes=30), *offset(*SCENE, 0, 260))])  # 260 m east
    add_fixes(db, ids["other"], [(T0 + timedelta(minutes=45), *offset(*SCENE, 50, 50))])
    add_fixes(db, ids["returned"], [(T0 + timedelta(minutes=10), *SCENE)])  # device back in stock: nobody's
    add_fixes(db, ids["late"], [(T0 + timedelta(hours=3), *SCENE)])  # outside the window
    return ids


def login(db: Database, name: str) -> CurrentUser:
    with db.begin() as s:
        return authenticate(s, name, PASSWORD)


def search(db: Database, user, reason: str = "Запрос УП № 123/45", radius: float = 200) -> near.NearResult:
    with db.begin() as s:
        return near.who_was_here(s, user, *SCENE, radius, T0, T0 + timedelta(hours=2), reason)


def test_the_persons_within_the_circle_and_window_with_their_closest_fix(db: Database, world) -> None:
    result = search(db, login(db, "sup_all"))
    assert result.engine == ("rtree" if db.dialect == "sqlite" else "postgis")
    assert [h.name for h in result.hits] == ["Сериков1 Асан", "Сериков3 Асан"]
    walker = result.hits[0]
    assert walker.distance_m == pytest.approx(10, abs=0.5)
    assert walker.closest.time == T0 + timedelta(minutes=40)
    assert walker.fixes_within == 8  # 160, 110 ... -190 m
    assert len(walker.track) == 13  # the whole walk in the window
    assert result.hits[1].distance_m == pytest.approx(70.7, abs=1)
    wider = search(db, login(db, "sup_all"), radius=300)
    assert "Сериков2 Асан" in [h.name for h in wider.hits]


def test_same_answer_as_measuring_every_fix(db: Database, world) -> None:
    """The R*Tree (32-bit boxes) loses nothing near the edge: compare with a brute-force search."""
    rng = random.Random(7)
    dev = add_person(db, 9, "KZ-75-almaly", T0 - timedelta(days=1))
    fixes = [(T0 + timedelta(seconds=rng.randrange(0, 7200)), *offset(*SCENE, rng.uniform(-260, 260),
                                                                     rng.uniform(-260, 260))) for _ in range(400)]
    add_fixes(db, dev, fixes)
    expected = min((near.distance_m(*SCENE, la, lo), t) for t, la, lo in fixes)
    within = sum(1 for _t, la, lo in fixes if near.distance_m(*SCENE, la, lo) <= 200)
    hit = next(h for h in search(db, login(db, "sup_all")).hits if h.device_serial == "TRK-0009")
    assert (hit.distance_m, hit.closest.time) == pytest.approx(expected)
    assert hit.fixes_within == within


def test_a_district_supervisor_sees_only_their_persons_and_the_rest_is_counted(db: Database, world) -> None:
    result = search(db, login(db, "sup_a"))
    assert [h.name for h in result.hits] == ["Сериков1 Асан"] and result.hidden == 1


def test_only_a_named_supervisor_with_a_reason_searches_and_everything_is_audited(db: Database, world) -> None:
    with pytest.raises(access.AccessDenied) as denied:
        search(db, login(db, "op"))
    assert denied.value.code == "denied.near_search"
    with pytest.raises(access.AccessDenied) as shell:
        search(db, access.ShellUser("cli:root"))
    assert shell.value.code == near.NOT_AUTHENTICATED
    with pytest.raises(near.NearError, match="reason"):
        search(db, login(db, "sup_all"), reason="  ")
    search(db, login(db, "sup_all"))
    with db.session() as s:
        rows = s.execute(select(AuditEntry.user, AuditEntry.action, AuditEntry.detail)
                         .where(AuditEntry.action.in_(["near_search", "denied"]))).all()
    assert [(u, a) for u, a, _ in rows] == [("op", "denied"), ("cli:root", "denied"), ("sup_all", "near_search")]
    detail = rows[-1][2]
    assert detail["reason"] == "Запрос УП № 123/45" and len(detail["persons"]) == 2 and detail["radius_m"] == 200


def test_the_pdf_for_the_investigator(db: Database, world, tmp_path: Path) -> None:
    out = export_pdf(search(db, login(db, "sup_a")), tmp_path / "near.pdf", lang="ru")
    text = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True, check=True).stdout
    assert "Сериков1 Асан" in text and "Сериков3" not in text
    assert "Запрос УП № 123/45" in text and "11:40:00" in text  # Almaty time of the closest fix
    assert "Лиц других районов (не указаны): 1" in text
    assert "Алмалинский район" in text and "KZ-" not in text  # the district by its name, not its code
    assert "Запрос выполнил: Ахметова Айгуль Сериковна" in text and "sup_a" not in text  # who signs, by name


def test_arm_near_on_the_command_line(db: Database, db_url: str, world) -> None:
    env = {**os.environ, "ARM_PASSWORD": PASSWORD}
    args = [sys.executable, "-m", "arm", "near", str(SCENE[0]), str(SCENE[1]), "--radius", "200",
            "--from", "2026-12-05T11:00", "--to", "2026-12-05T13:00", "--db", db_url, "--as", "sup_all"]
    run = subprocess.run([*args, "--reason", "Запрос УП № 7", "--json"], capture_output=True, text=True, env=env,
                         timeout=120)
    assert run.returncode == 0, run.stderr
    out = json.loads(run.stdout)
    assert [p["name"] for p in out["persons"]] == ["Сериков1 Асан", "Сериков3 Асан"]
    assert out["persons"][0]["closest"]["time"] == (T0 + timedelta(minutes=40)).isoformat()
    refused = subprocess.run([*args[:-2], "--reason", "Запрос УП № 7"], capture_output=True, text=True,
                             env=env, timeout=120)  # no --as: the shell user
    assert refused.returncode == 1 and near.NOT_AUTHENTICATED in refused.stderr
