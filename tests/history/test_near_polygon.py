""""Who was here" in a polygon on real SQLite (R*Tree): a concave area, its limits, access, audit, PDF, the command."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from arm import access
from arm.history import near
from arm.history.near_pdf import export_pdf
from db.models import AuditEntry
from db.session import Database
from tests.history.test_near import PASSWORD, SCENE, T0, add_fixes, add_person, login, make_world, offset


def notched_square() -> list[tuple[float, float]]:
    """A 600 m square around the scene with a notch cut into its east side (150-300 m east, 100 m either side
    of the scene): concave. Its bounding box holds the person 260 m east of the scene; the polygon does not."""
    corners_m = [(-300, -300), (-300, 300), (-100, 300), (-100, 150), (100, 150), (100, 300), (300, 300),
                 (300, -300)]  # (north, east)
    return [offset(*SCENE, n, e) for n, e in corners_m]


def search_polygon(db: Database, user, vertices=None, reason: str = "Запрос УП № 123/45",
                   hours: float = 2) -> near.NearResult:
    area = near.PolygonArea.of(vertices if vertices is not None else notched_square())
    with db.begin() as s:
        return near.who_was_in(s, user, area, T0, T0 + timedelta(hours=hours), reason)


def test_the_fixes_inside_a_concave_polygon_are_found_and_those_only_in_its_box_are_not(db: Database) -> None:
    make_world(db)
    result = search_polygon(db, login(db, "sup_all"))
    assert result.engine == ("rtree" if db.dialect == "sqlite" else "postgis")
    # Сериков2 is 260 m east of the scene: inside the bounding box, in the notch, so not in the polygon
    assert [h.name for h in result.hits] == ["Сериков1 Асан", "Сериков3 Асан"]
    walker = result.hits[0]
    assert walker.fixes_within == 10  # north 260, 210 ... -190 m; 410, 360, 310 m are outside
    assert walker.closest.time == T0 + timedelta(minutes=40)  # 10 m north: the fix nearest the centroid
    # the centroid lies 20.5 m west of the scene (the notch takes area from the east)
    assert (result.lat, result.lon) == pytest.approx(offset(*SCENE, 0, -20.45), abs=2e-6)
    assert walker.distance_m == pytest.approx((10**2 + 20.45**2) ** 0.5, abs=0.5)
    assert len(walker.track) == 13
    assert result.polygon == tuple(notched_square()) and result.radius_m == 0
    assert result.area_m2 == pytest.approx(600 * 600 - 150 * 200, rel=0.01)
    as_json = result.as_json()
    assert len(as_json["query"]["polygon"]) == 8 and "radius_m" not in as_json["query"]
    # the same corners drawn closed (first corner repeated) are the same polygon
    closed = search_polygon(db, login(db, "sup_all"), [*notched_square(), notched_square()[0]])
    assert [h.person_id for h in closed.hits] == [h.person_id for h in result.hits]


def test_a_fix_on_the_inner_corner_side_is_tested_exactly(db: Database) -> None:
    """Fixes a metre either side of the notch's edge: the one outside is in the box and near the polygon."""
    make_world(db)
    inside = add_person(db, 11, "KZ-75-almaly", T0 - timedelta(days=1))
    outside = add_person(db, 12, "KZ-75-almaly", T0 - timedelta(days=1))
    add_fixes(db, inside, [(T0 + timedelta(minutes=5), *offset(*SCENE, 0, 149))])
    add_fixes(db, outside, [(T0 + timedelta(minutes=5), *offset(*SCENE, 0, 151))])
    serials = {h.device_serial for h in search_polygon(db, login(db, "sup_all")).hits}
    assert "TRK-0011" in serials and "TRK-0012" not in serials


@pytest.mark.parametrize(("vertices", "message"), [
    (lambda: notched_square()[:2], "2 corner"),
    (lambda: [offset(*SCENE, i, i % 7) for i in range(201)], "201 corner"),
    (lambda: [offset(*SCENE, n, e) for n, e in [(0, 0), (200, 200), (0, 200), (200, 0)]], "not a simple polygon"),
    (lambda: [offset(*SCENE, 0, 0), offset(*SCENE, 100, 100), offset(*SCENE, 200, 200)], "encloses 0 m²"),
    (lambda: [(SCENE[0], SCENE[1]), (95.0, SCENE[1]), (SCENE[0], SCENE[1] + 0.01)], "corner 2: latitude 95"),
    (lambda: [offset(*SCENE, n, e) for n, e in [(0, 0), (300, 0), (300, 12_000), (0, 12_000)]], "10 km across"),
    (lambda: [offset(*SCENE, n, e) for n, e in [(0, 0), (9_900, 0), (9_900, 9_900), (0, 9_900)]], "km²"),
])
def test_a_polygon_that_cannot_be_searched_is_refused_naming_the_polygon(db: Database, vertices, message) -> None:
    make_world(db)
    with pytest.raises(near.NearError, match=message) as refused:
        search_polygon(db, login(db, "sup_all"), vertices())
    assert str(refused.value).startswith("polygon")  # names the argument
    with db.session() as s:
        assert s.scalars(select(AuditEntry).where(AuditEntry.action == "near_search")).all() == []


def test_the_window_and_the_reason_are_checked_as_for_a_circle(db: Database) -> None:
    make_world(db)
    with pytest.raises(near.NearError, match="at most 31 days"):
        search_polygon(db, login(db, "sup_all"), hours=24 * 32)
    with pytest.raises(near.NearError, match="reason"):
        search_polygon(db, login(db, "sup_all"), reason=" ab ")


def test_access_and_audit_for_a_polygon(db: Database) -> None:
    make_world(db)
    with pytest.raises(access.AccessDenied) as denied:
        search_polygon(db, login(db, "op"))
    assert denied.value.code == "denied.near_search"
    district = search_polygon(db, login(db, "sup_a"))
    assert [h.name for h in district.hits] == ["Сериков1 Асан"] and district.hidden == 1
    with db.session() as s:
        rows = s.execute(select(AuditEntry.user, AuditEntry.action, AuditEntry.detail)
                         .where(AuditEntry.action.in_(["near_search", "denied"])).order_by(AuditEntry.id)).all()
    assert [(u, a) for u, a, _ in rows] == [("op", "denied"), ("sup_a", "near_search")]
    refused, searched = rows[0][2], rows[1][2]
    assert len(refused["polygon"]) == 8  # the refusal records what was asked
    assert searched["polygon"] == [list(v) for v in notched_square()]
    assert searched["reason"] == "Запрос УП № 123/45" and searched["hidden"] == 1
    assert searched["area_m2"] == pytest.approx(330_000, rel=0.01) and "radius_m" not in searched
    assert len(searched["persons"]) == 1


@pytest.mark.parametrize(("lang", "words"), [
    ("ru", ["Многоугольник из 8 вершин", "центр", "площадь", "до центра"]),
    ("kk", ["8 төбесі бар көпбұрыш", "ортасы", "ауданы", "Ортасына дейін"]),
    ("en", ["Polygon of 8 corners", "centroid", "area", "to the centroid"]),
])
def test_the_pdf_describes_the_polygon(db: Database, tmp_path: Path, lang: str, words: list[str]) -> None:
    make_world(db)
    out = export_pdf(search_polygon(db, login(db, "sup_all")), tmp_path / f"poly-{lang}.pdf", lang=lang)
    text = " ".join(subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True,
                                   check=True).stdout.split())
    for word in words:
        assert word in text, (word, text[:600])
    assert "Сериков1 Асан" in text and "Сериков2" not in text
    assert f"{notched_square()[3][0]:.6f}" in text  # the corners are listed


def test_arm_near_polygon_on_the_command_line(db: Database, db_url: str, tmp_path: Path) -> None:
    make_world(db)
    env = {**os.environ, "ARM_PASSWORD": PASSWORD}
    poly = ";".join(f"{la:.7f},{lo:.7f}" for la, lo in notched_square())
    rest = ["--from", "2026-12-05T11:00", "--to", "2026-12-05T13:00", "--db", db_url, "--as", "sup_all",
            "--reason", "Запрос УП № 7"]
    args = [sys.executable, "-m", "arm", "near", "--polygon", poly, *rest]
    run = subprocess.run([*args, "--json", "--pdf", str(tmp_path / "p.pdf")], capture_output=True, text=True,
                         env=env, timeout=120)
    assert run.returncode == 0, run.stderr
    out = json.loads(run.stdout)
    assert [p["name"] for p in out["persons"]] == ["Сериков1 Асан", "Сериков3 Асан"]
    assert len(out["query"]["polygon"]) == 8 and (tmp_path / "p.pdf").stat().st_size > 1000
    text = subprocess.run(args, capture_output=True, text=True, env=env, timeout=120)
    assert text.returncode == 0 and "2 person(s) inside the polygon of 8 corners" in text.stdout
    for bad, says in ((["--polygon", "43.2,76.9;43.3"], "--polygon: corner 2"),
                      (["--polygon", "43.2,76.9;nan,76.9;43.21,76.91"], "--polygon: corner 2 'nan,76.9'"),
                      (["--polygon", "43.2,76.9;43.21,76.9"], "--polygon: 2 corner"),
                      (["--polygon", poly, "43.2", "76.9"], "--polygon"),
                      (["43.2", "76.9"], "--radius")):
        refused = subprocess.run([sys.executable, "-m", "arm", "near", *bad, *rest], capture_output=True,
                                 text=True, env=env, timeout=120)
        assert refused.returncode == 2 and says in refused.stderr, (bad, refused.stderr)
