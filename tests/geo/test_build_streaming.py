"""The address index is built in batches (bounded memory) and gives the same index as in one go.

The memory itself is measured by ``bench/map_import.py``; these tests check that streaming the
rows through SQLite loses nothing at the batch boundaries, leaves no scratch file, and that the
settlement grid answers exactly as the scan of every settlement did.
"""

from __future__ import annotations

import math
import random
import sqlite3
from pathlib import Path

import pytest

from arm.geo import build
from arm.geo.index import DEG_M, PLACE_RADIUS_M
from tests.geo.osm_city import write_city

TABLES = ("streets", "houses", "house_cells", "places", "meta")


def dump(path: Path) -> dict[str, list[tuple[object, ...]]]:
    conn = sqlite3.connect(path)
    try:
        out = {t: conn.execute(f"SELECT * FROM {t} ORDER BY 1, 2").fetchall() for t in TABLES}
        out["segs"] = conn.execute("SELECT id, street_id, lat1, lon1, lat2, lon2 FROM segs_rt ORDER BY id").fetchall()
        out["schema"] = conn.execute("SELECT name FROM sqlite_master ORDER BY name").fetchall()
        return out
    finally:
        conn.close()


def test_small_batches_give_the_same_index_and_leave_no_scratch(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    src = write_city(tmp_path / "city.osm.pbf", extra_nodes=50)
    whole = tmp_path / "whole"
    whole.mkdir()
    build.build_index(src, whole / "address.sqlite")
    monkeypatch.setattr(build, "BATCH", 1)  # every house, way and segment crosses a batch boundary
    small = tmp_path / "small"
    small.mkdir()
    counts = build.build_index(src, small / "address.sqlite")
    assert counts["houses"] == 4 and counts["streets"] == 2
    a, b = dump(whole / "address.sqlite"), dump(small / "address.sqlite")
    assert len(a["houses"]) == 4 and len(a["segs"]) == 4
    assert {row[1] for row in a["segs"]} == {row[0] for row in a["streets"]}  # ways merged by street
    assert a == b
    # every house is linked to its street and has its cell
    assert all(row[1] is not None for row in b["houses"])
    assert sorted(row[1] for row in b["house_cells"]) == [row[0] for row in b["houses"]]
    # the scratch database and the node-location file are gone
    assert sorted(p.name for p in small.iterdir()) == ["address.sqlite"]
    assert ("ways",) not in b["schema"] and ("way_map",) not in b["schema"]


def test_a_refused_extract_leaves_no_scratch(tmp_path: Path) -> None:
    good = write_city(tmp_path / "good.osm.pbf").read_bytes()
    junk = tmp_path / "in" / "junk.osm.pbf"
    junk.parent.mkdir()
    junk.write_bytes(good[: len(good) // 2])
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(build.BuildError, match="not a readable"):
        build.build_index(junk, out / "address.sqlite")
    assert sorted(p.name for p in out.iterdir()) == ["address.sqlite"]


def brute_nearest_place(places: list[tuple[int, str, float, float]], lat: float, lon: float) -> int:
    """The former scan of every settlement (first, i.e. lowest id, wins a tie)."""
    best, best_score = 0, 1.0
    kx = math.cos(math.radians(lat))
    for pid, kind, plat, plon in places:
        s = math.hypot((plat - lat) * DEG_M, (plon - lon) * DEG_M * kx) / PLACE_RADIUS_M[kind]
        if s < best_score:
            best, best_score = pid, s
    return best


def test_settlement_grid_answers_as_the_full_scan() -> None:
    rnd = random.Random(7)
    kinds = sorted(PLACE_RADIUS_M)
    # across Kazakhstan's latitudes, with places on grid lines and duplicates (ties)
    places = [(i, rnd.choice(kinds), 41 + rnd.random() * 14, 47 + rnd.random() * 40) for i in range(1, 1501)]
    places += [(1501 + i, "city", 43.0 + 0.25 * i, 76.0 + 0.25 * i) for i in range(8)]
    places += [(1600 + i, p[1], p[2], p[3]) for i, p in enumerate(places[:40])]
    grid = build._place_grid(places)
    points = [(41 + rnd.random() * 14, 47 + rnd.random() * 40) for _ in range(3000)]
    points += [(p[2] + rnd.uniform(-0.2, 0.2), p[3] + rnd.uniform(-0.3, 0.3)) for p in places for _ in range(2)]
    wrong = [(lat, lon) for lat, lon in points
             if build._nearest_place(grid, lat, lon) != brute_nearest_place(places, lat, lon)]
    assert wrong == []
    assert sum(1 for lat, lon in points if brute_nearest_place(places, lat, lon)) > 1000
