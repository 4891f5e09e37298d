"""Reverse geocoding against a brute-force reference: the street cells and the bounded R*Tree search
must give the same answer as reading every house and every street segment, in town, just outside and
far away, on cell borders, and on an index imported before the street cells existed."""

from __future__ import annotations

import math
import random
import sqlite3
from pathlib import Path

import osmium
import pytest

from arm import geo
from arm.geo.build import build_index
from arm.geo.index import (
    CELL_LEVELS,
    CELL_TOP_SHIFT,
    DEG_M,
    HOUSE_NEAR_M,
    SCHEMA,
    STREET_CELLS_VERSION,
    STREET_MAX_M,
    Address,
    AddressIndex,
    house_cell,
    point_code,
    seg_d2,
)
from arm.geo.street_cells import build_street_cells
from tests.geo.osm_city import LAT0 as CITY_LAT
from tests.geo.osm_city import LON0 as CITY_LON
from tests.geo.osm_city import write_city

# a dense grid town (12 x 12 blocks of ~110 m), a diagonal avenue, houses on most plots
G_LAT, G_LON = 43.2000, 76.8000
G_DLAT, G_DLON = 0.0010, 0.0013
G_SIDE = 12
ROAD_END = (G_LAT + G_SIDE * G_DLAT + 0.03, G_LON + G_SIDE * G_DLON + 0.04)


def write_grid(path: Path) -> Path:
    nid = wid = 0
    nodes: list[osmium.osm.mutable.Node] = []
    ways: list[osmium.osm.mutable.Way] = []

    def node(lat: float, lon: float, tags: dict[str, str] | None = None) -> int:
        nonlocal nid
        nid += 1
        nodes.append(osmium.osm.mutable.Node(id=nid, location=(lon, lat), tags=tags or {}, version=1))
        return nid

    def way(refs: list[int], tags: dict[str, str]) -> None:
        nonlocal wid
        wid += 1
        ways.append(osmium.osm.mutable.Way(id=wid, nodes=refs, tags=tags, version=1))

    node(G_LAT + G_SIDE * G_DLAT / 2, G_LON + G_SIDE * G_DLON / 2,
         {"place": "town", "name": "Қосшы", "name:ru": "Косшы", "population": "40000"})
    cross = {(i, j): node(G_LAT + i * G_DLAT, G_LON + j * G_DLON)
             for i in range(G_SIDE + 1) for j in range(G_SIDE + 1)}
    for i in range(G_SIDE + 1):
        for start in (0, G_SIDE // 2):  # each street is two ways, as in OSM
            way([cross[(i, j)] for j in range(start, start + G_SIDE // 2 + 1)],
                {"highway": "residential", "name": f"{i}-көше", "name:ru": f"улица {i}-я"})
            way([cross[(j, i)] for j in range(start, start + G_SIDE // 2 + 1)],
                {"highway": "residential", "name": f"Сәтбаев {i}", "name:ru": f"Сатпаева {i}"})
    way([cross[(k, k)] for k in range(G_SIDE + 1)], {"highway": "secondary", "name": "Диагональ"})
    # a road leaving the town as one long slanted segment: its bounding box is far nearer than
    # the road, which the search must see through
    way([cross[(G_SIDE, G_SIDE)], node(*ROAD_END)], {"highway": "primary", "name": "Трасса"})
    rnd = random.Random(7)
    d = 0.00008
    for i in range(G_SIDE):
        for j in range(G_SIDE):
            for k in range(3):
                if rnd.random() < 0.2:
                    continue  # an empty plot
                lat = G_LAT + i * G_DLAT + G_DLAT * 0.3
                lon = G_LON + j * G_DLON + G_DLON * (0.2 + 0.3 * k)
                ring = [node(lat - d, lon - d), node(lat - d, lon + d), node(lat + d, lon + d), node(lat + d, lon - d)]
                way(ring + ring[:1], {"building": "yes", "addr:street": f"{i}-көше",
                                      "addr:housenumber": str(j * 3 + k + 1)})
    writer = osmium.SimpleWriter(str(path))
    try:
        for n in nodes:
            writer.add_node(n)
        for w in ways:
            writer.add_way(w)
    finally:
        writer.close()
    return path


@pytest.fixture(scope="module")
def grid(tmp_path_factory: pytest.TempPathFactory) -> AddressIndex:
    folder = tmp_path_factory.mktemp("grid")
    counts = build_index(write_grid(folder / "grid.osm.pbf"), folder / "address.sqlite")
    assert counts["houses"] > 300 and counts["streets"] == 2 * (G_SIDE + 1) + 2
    return AddressIndex(folder / "address.sqlite")


@pytest.fixture(scope="module")
def city(tmp_path_factory: pytest.TempPathFactory) -> AddressIndex:
    folder = tmp_path_factory.mktemp("city")
    build_index(write_city(folder / "city.osm.pbf"), folder / "address.sqlite")
    return AddressIndex(folder / "address.sqlite")


def reference(index: AddressIndex, lat: float, lon: float, lang: str = "ru") -> tuple[Address, set[str | None]]:
    """The answer from every house and segment; also the street names tied for the nearest (float noise)."""
    conn = index._conn()
    kx = math.cos(math.radians(lat))
    houses = conn.execute("SELECT street_id, street, housenumber, city, lat, lon FROM house_cells").fetchall()
    if houses:
        sid, street, hn, town, hlat, hlon = min(
            houses, key=lambda h: (h[4] - lat) * (h[4] - lat) + (h[5] - lon) * (h[5] - lon) * kx * kx)
        d = math.sqrt((hlat - lat) ** 2 + (hlon - lon) ** 2 * kx * kx) * DEG_M
        if d <= HOUSE_NEAR_M:
            name = index.street_name(sid, street, lang)
            return Address(name, hn, index.settlement(lat, lon, lang) or town, d, lat, lon), {name}
    segs = [(seg_d2(lat, lon, kx, *row[1:]), row[0])
            for row in conn.execute("SELECT street_id, lat1, lon1, lat2, lon2 FROM segs_rt")]
    best = min(segs)
    dist = math.sqrt(best[0]) * DEG_M
    if dist > STREET_MAX_M:
        return Address(None, None, index.settlement(lat, lon, lang), None, lat, lon), {None}
    tied = {index.street_name(sid, None, lang) for d2, sid in segs if d2 <= best[0] * (1 + 1e-9) + 1e-18}
    return Address(index.street_name(best[1], None, lang), None, index.settlement(lat, lon, lang), dist, lat, lon), tied


def assert_same(index: AddressIndex, points: list[tuple[float, float]]) -> tuple[int, int, int]:
    """Compare every point; returns how many answers were a house, a street and nothing."""
    kinds = [0, 0, 0]
    for lat, lon in points:
        got = index.where(lat, lon)
        want, tied = reference(index, lat, lon)
        assert (got.house, got.settlement) == (want.house, want.settlement), (lat, lon)
        assert got.street in tied, (lat, lon, got, want)
        if want.distance_m is None:
            assert got.distance_m is None, (lat, lon)
        else:
            assert got.distance_m == pytest.approx(want.distance_m, abs=1e-6), (lat, lon)
        kinds[0 if want.house else 1 if want.street else 2] += 1
    return kinds[0], kinds[1], kinds[2]


def test_grid_matches_brute_force(grid: AddressIndex) -> None:
    rnd = random.Random(11)
    h, w = G_SIDE * G_DLAT, G_SIDE * G_DLON
    town = [(G_LAT + rnd.random() * h, G_LON + rnd.random() * w) for _ in range(200)]
    near: list[tuple[float, float]] = []
    while len(near) < 200:  # up to ~1 km outside the grid, every side and corner
        lat, lon = G_LAT - 0.009 + rnd.random() * (h + 0.018), G_LON - 0.012 + rnd.random() * (w + 0.024)
        if not (G_LAT <= lat <= G_LAT + h and G_LON <= lon <= G_LON + w):
            near.append((lat, lon))
    far = [(G_LAT - 0.02 - rnd.random() * 0.08, G_LON - 0.05 + rnd.random() * 0.1) for _ in range(100)]
    lat0, lon0 = G_LAT + h, G_LON + w  # around the road out of town
    road = [(lat0 + rnd.random() * (ROAD_END[0] - lat0), lon0 + rnd.random() * (ROAD_END[1] - lon0))
            for _ in range(100)]
    houses, streets, nothing = assert_same(grid, town + near + far + road)
    # the sample covers the three answers
    assert houses > 100 and streets > 150 and nothing > 20


def test_small_city_matches_brute_force(city: AddressIndex) -> None:
    rnd = random.Random(5)
    points = [(CITY_LAT - 0.01 + rnd.random() * 0.03, CITY_LON - 0.01 + rnd.random() * 0.03) for _ in range(200)]
    points += [(CITY_LAT + rnd.uniform(-0.1, 0.1), CITY_LON + rnd.uniform(-0.1, 0.1)) for _ in range(50)]
    houses, streets, nothing = assert_same(city, points)
    assert houses > 0 and streets > 100 and nothing > 0


def test_far_from_everything_and_the_5_km_limit(grid: AddressIndex) -> None:
    # 4.4 km south of the southern street: still named, with its distance
    lat = G_LAT - 4400.0 / DEG_M
    near = grid.where(lat, G_LON + 5.5 * G_DLON)
    assert (near.street, near.house, near.settlement) == ("улица 0-я", None, "Косшы")  # a town names 8 km
    assert near.distance_m == pytest.approx(4400.0, abs=0.5)
    # 5.6 km away: no street (nor distance), the town still names it
    beyond = grid.where(G_LAT - 5600.0 / DEG_M, G_LON + 5.5 * G_DLON)
    assert (beyond.street, beyond.house, beyond.settlement, beyond.distance_m) == (None, None, "Косшы", None)
    # 200 km away: nothing at all
    addr = grid.where(G_LAT - 2.0, G_LON + 1.0)
    assert (addr.street, addr.house, addr.settlement, addr.distance_m) == (None, None, None, None)
    assert addr.as_json()["distance_m"] is None
    assert geo.format_address(addr) is None


# -- the street cells (arm/geo/street_cells.py): one row per cell read instead of the R*Tree search

FINEST = 2.0 ** -(CELL_TOP_SHIFT + CELL_LEVELS - 1)  # the smallest cell side, in degrees


def cell_answer(index: AddressIndex, lat: float, lon: float) -> tuple[int | None, float | None]:
    return index._nearest_street_cells(index._conn(), lat, lon, math.cos(math.radians(lat)))


def outside(rnd: random.Random, inner: float, outer: float, n: int) -> list[tuple[float, float]]:
    """n points between ``inner`` and ``outer`` degrees of latitude outside the grid town's rectangle."""
    h, w = G_SIDE * G_DLAT, G_SIDE * G_DLON
    out: list[tuple[float, float]] = []
    while len(out) < n:
        lat = G_LAT - outer + rnd.random() * (h + 2 * outer)
        lon = G_LON - outer * 1.33 + rnd.random() * (w + 2.66 * outer)
        if not (G_LAT - inner <= lat <= G_LAT + h + inner and G_LON - inner * 1.33 <= lon <= G_LON + w + inner * 1.33):
            out.append((lat, lon))
    return out


def test_the_grid_has_street_cells_and_uses_them(grid: AddressIndex) -> None:
    assert grid.meta["street_cells"] == STREET_CELLS_VERSION and grid._cells
    rnd = random.Random(23)
    # 300 m to 1 km outside the town: every point is answered by its cell, not by the R*Tree search
    near = outside(rnd, 0.0027, 0.009, 300)
    assert all(cell_answer(grid, lat, lon)[0] != -1 for lat, lon in near)
    # up to 5 km: most; the rest (cells where one street alone can be the nearest) by the R*Tree
    wide = outside(rnd, 0.0, 0.045, 300)
    by_cells = sum(1 for lat, lon in wide if cell_answer(grid, lat, lon)[0] != -1)
    assert 150 < by_cells < 300
    # in town a street is within 150 m of every point: no cell row, the R*Tree search's ring is small
    h, w = G_SIDE * G_DLAT, G_SIDE * G_DLON
    town = [(G_LAT + rnd.random() * h, G_LON + rnd.random() * w) for _ in range(200)]
    assert sum(1 for lat, lon in town if cell_answer(grid, lat, lon)[0] == -1) > 150
    houses, streets, nothing = assert_same(grid, near + wide + town)
    assert houses > 100 and streets > 400 and nothing > 10


def test_points_on_cell_borders_and_corners(grid: AddressIndex) -> None:
    # points on the borders of the cells (every level's border is one of the finest level's),
    # at their corners and 1e-12° to either side, in town and up to 1.1 km outside
    r0 = math.floor((G_LAT - 0.01 + 90.0) / FINEST)
    c0 = math.floor((G_LON - 0.013 + 180.0) / FINEST)
    rnd = random.Random(29)
    points = []
    for _ in range(200):
        r = r0 + rnd.randrange(int((G_SIDE * G_DLAT + 0.02) / FINEST))
        c = c0 + rnd.randrange(int((G_SIDE * G_DLON + 0.026) / FINEST))
        lat, lon = r * FINEST - 90.0, c * FINEST - 180.0
        frac = rnd.random() * FINEST
        points += [(lat, lon), (lat, lon + frac), (lat + frac, lon),
                   (lat - 1e-12, lon + frac), (lat + 1e-12, lon - 1e-12)]
    by_cells = sum(1 for p in points if cell_answer(grid, *p)[0] != -1)
    assert 0.3 * len(points) < by_cells < len(points)
    houses, streets, nothing = assert_same(grid, points)
    assert houses > 50 and streets > 300


def test_a_cell_with_no_street_answers_at_once(grid: AddressIndex) -> None:
    # 20 km south of the town, inside the extract's surroundings: a cell marked "no street within 5 km"
    lat, lon = G_LAT - 0.18, G_LON + 0.005
    code = point_code(lat, lon)
    cell, segs = grid._conn().execute(AddressIndex._CELL_SQL, ((code << 4) | 15,)).fetchone()
    level = cell & 15
    assert cell >> (4 + 2 * (CELL_LEVELS - 1 - level)) == code >> (2 * (CELL_LEVELS - 1 - level))
    assert segs == b""
    assert cell_answer(grid, lat, lon) == (None, None)
    addr = grid.where(lat, lon)
    assert (addr.street, addr.house, addr.distance_m) == (None, None, None)
    # just inside 5 km of the southern street the cells still name it, with the same distance
    near = grid.where(G_LAT - 4990.0 / DEG_M, G_LON + 5.5 * G_DLON)
    assert near.street == "улица 0-я" and near.distance_m == pytest.approx(4990.0, abs=0.5)
    assert cell_answer(grid, G_LAT - 4990.0 / DEG_M, G_LON + 5.5 * G_DLON)[0] != -1


def test_cells_and_rtree_search_give_the_same_segment_distance(grid: AddressIndex) -> None:
    conn = grid._conn()
    rnd = random.Random(31)
    h, w = G_SIDE * G_DLAT, G_SIDE * G_DLON
    for _ in range(2000):
        lat, lon = G_LAT - 0.05 + rnd.random() * (h + 0.1), G_LON - 0.07 + rnd.random() * (w + 0.14)
        kx = math.cos(math.radians(lat))
        sid, dist = cell_answer(grid, lat, lon)
        old_sid, old_dist = grid._nearest_street(conn, lat, lon, kx)
        if sid == -1:
            continue
        assert (dist is None) == (old_dist is None), (lat, lon)
        if dist is not None and old_dist is not None:
            assert dist == pytest.approx(old_dist, rel=1e-12, abs=1e-9), (lat, lon)


def test_an_index_imported_before_the_street_cells(tmp_path: Path) -> None:
    """An index without the table (imported by an earlier version) answers through the R*Tree search."""
    build_index(write_grid(tmp_path / "grid.osm.pbf"), tmp_path / "address.sqlite")
    conn = sqlite3.connect(tmp_path / "address.sqlite")
    conn.execute("DROP TABLE street_cells")
    conn.execute("DELETE FROM meta WHERE key = 'street_cells'")
    conn.commit()
    conn.close()
    old = AddressIndex(tmp_path / "address.sqlite")
    assert not old._cells and "street_cells" not in old.meta
    rnd = random.Random(37)
    h, w = G_SIDE * G_DLAT, G_SIDE * G_DLON
    points = [(G_LAT + rnd.random() * h, G_LON + rnd.random() * w) for _ in range(50)]
    points += [(G_LAT - 0.02 + rnd.random() * (h + 0.04), G_LON - 0.03 + rnd.random() * (w + 0.06))
               for _ in range(150)]
    houses, streets, nothing = assert_same(old, points)
    assert houses > 20 and streets > 100
    assert old.where(G_LAT - 0.18, G_LON).street is None


def test_an_index_without_any_street(tmp_path: Path) -> None:
    """Houses only (no named street): the cells are empty, and lookups still answer through the R*Tree search."""
    path = tmp_path / "address.sqlite"
    conn = sqlite3.connect(path)
    conn.executescript(SCHEMA)
    conn.execute("INSERT INTO house_cells VALUES (?, 1, NULL, 'Абая', '5', NULL, ?, ?)",
                 (house_cell(G_LAT, G_LON), G_LAT, G_LON))
    assert build_street_cells(conn) == 0
    conn.close()
    index = AddressIndex(path)
    assert index._cells
    at = index.where(G_LAT + 0.0001, G_LON)
    assert (at.street, at.house) == ("Абая", "5")
    assert index.where(G_LAT + 0.01, G_LON).street is None
