"""Build the address index (:mod:`arm.geo.index`) from an OpenStreetMap extract with pyosmium.

One pass over the file with node locations: named streets become segments in
an R*Tree, addressed buildings (their centre) and address nodes become houses,
``place=city|town|village|hamlet`` nodes and areas become settlements.
Afterwards the ways of one street in one settlement are merged under one street
id (OSM splits streets into many ways), and every house's ``addr:street`` is
linked to the nearest street of that name, which gives the house its
``name:kk``/``name:ru`` forms.

Memory stays nearly flat whatever the size of the extract (a national one has
tens of millions of nodes): the node locations are kept in libosmium's
``sparse_file_array``, a memory-mapped file beside the index (16 bytes a node,
pages the kernel can drop), not in RAM; segments, houses and street ways are
written to SQLite in batches as they are read (the ways into a scratch database
removed at the end), and the linking reads them back in batches. What stays in
Python's memory grows only with the number of distinct streets and settlements.

Bad input raises :class:`BuildError` with a sentence for the user: not an OSM
file or a truncated one, coordinates outside WGS 84, no addresses at all.
"""

from __future__ import annotations

import errno
import math
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import osmium

from arm.geo.index import DEG_M, INDEXES, PLACE_RADIUS_M, PLACE_RANK, SCHEMA, house_cell
from arm.geo.names import housenumber_key, street_key
from arm.geo.street_cells import build_street_cells

STREET_HIGHWAYS = frozenset({
    "motorway", "trunk", "primary", "secondary", "tertiary", "unclassified", "residential",
    "living_street", "pedestrian", "service", "road", "motorway_link", "trunk_link", "primary_link",
    "secondary_link", "tertiary_link", "track", "footway",
})
PLACE_KINDS = frozenset(PLACE_RADIUS_M)
Progress = Callable[[str], None]
#: rows written to SQLite at once while reading and linking (bounds the Python lists)
BATCH = 50_000
#: the scratch database (raw street ways, way -> street map) beside the index, removed at the end
SCRATCH_SCHEMA = """
CREATE TABLE scratch.ways (id INTEGER PRIMARY KEY, name TEXT, name_ru TEXT, name_kk TEXT, key TEXT,
                           lat REAL, lon REAL);
CREATE TABLE scratch.way_map (way INTEGER PRIMARY KEY, sid INTEGER);
"""


class BuildError(Exception):
    """The extract cannot give an address index; the message says why, for the user.

    ``code`` names the reason for a translated rendering (see :data:`arm.geo.importer.FAILURES`).
    """

    def __init__(self, message: str, code: str = "failed") -> None:
        super().__init__(message)
        self.code = code


class _Collector:
    """Receives the objects of the extract and writes segments, houses and street ways in batches."""

    def __init__(self, conn: sqlite3.Connection, progress: Progress | None) -> None:
        self.conn = conn
        self.progress = progress
        self.ways: list[tuple[int, str | None, str | None, str | None, str, float, float]] = []
        self.houses: list[tuple[str, str, str, str | None, float, float]] = []
        self.places: list[tuple[str | None, str | None, str | None, str, int, float, float]] = []
        self.segs: list[tuple[int, float, float, float, float, int, float, float, float, float]] = []
        self.seg_id = 0
        self.way_count = 0
        self.house_count = 0
        self.nodes = 0
        self.bad_locations = 0
        self.objects = 0

    def _flush_segs(self) -> None:
        if self.segs:
            self.conn.executemany("INSERT INTO segs_rt VALUES (?,?,?,?,?,?,?,?,?,?)", self.segs)
            self.segs.clear()

    def flush(self) -> None:
        """Write what is buffered (segments, street ways, houses) to SQLite."""
        self._flush_segs()
        if self.ways:
            self.conn.executemany("INSERT INTO scratch.ways VALUES (?,?,?,?,?,?,?)", self.ways)
            self.ways.clear()
        if self.houses:
            # street_id is set when linking; ids follow the order of reading
            self.conn.executemany("INSERT INTO houses (street, housenumber, hn_key, city, lat, lon) "
                                  "VALUES (?,?,?,?,?,?)", self.houses)
            self.houses.clear()

    def _house(self, street: str, hn: str, city: str | None, lat: float, lon: float) -> None:
        self.house_count += 1
        self.houses.append((street, hn, housenumber_key(hn), city, lat, lon))
        if len(self.houses) >= BATCH:
            self.flush()

    def _tick(self) -> None:
        self.objects += 1
        if self.progress is not None and self.objects % 500_000 == 0:
            self.progress(f"addresses: {self.objects:,} objects read".replace(",", " "))

    def node(self, n: osmium.osm.Node) -> None:
        self._tick()
        tags = n.tags
        loc = n.location
        if not loc.valid():
            self.bad_locations += 1
            return
        self.nodes += 1
        lat, lon = loc.lat, loc.lon
        hn = tags.get("addr:housenumber")
        if hn:
            street = tags.get("addr:street") or tags.get("addr:place")
            if street:
                self._house(street, hn, tags.get("addr:city"), lat, lon)
        place = tags.get("place")
        if place in PLACE_KINDS and tags.get("name"):
            self._place(tags, place, lat, lon)

    def _place(self, tags: osmium.osm.TagList, kind: str, lat: float, lon: float) -> None:
        try:
            pop = int(str(tags.get("population", "0")).replace(" ", ""))
        except ValueError:
            pop = 0
        self.places.append((tags.get("name"), tags.get("name:ru"), tags.get("name:kk"), kind, pop, lat, lon))

    def way(self, w: osmium.osm.Way) -> None:
        self._tick()
        tags = w.tags
        highway = tags.get("highway")
        hn = tags.get("addr:housenumber")
        place = tags.get("place")
        if not (highway or hn or place):
            return
        pts = [(nd.location.lat, nd.location.lon) for nd in w.nodes if nd.location.valid()]
        if not pts:
            self.bad_locations += 1
            return
        if highway in STREET_HIGHWAYS:
            name = tags.get("name")
            ru, kk = tags.get("name:ru"), tags.get("name:kk")
            key = street_key(name or ru or kk or "")
            if key and len(pts) >= 2:
                self.way_count += 1
                wid = self.way_count
                mid = pts[len(pts) // 2]
                self.ways.append((wid, name, ru, kk, key, mid[0], mid[1]))
                for (a_lat, a_lon), (b_lat, b_lon) in zip(pts, pts[1:], strict=False):
                    self.seg_id += 1
                    self.segs.append((self.seg_id, min(a_lat, b_lat), max(a_lat, b_lat), min(a_lon, b_lon),
                                      max(a_lon, b_lon), wid, a_lat, a_lon, b_lat, b_lon))
                if len(self.segs) >= BATCH or len(self.ways) >= BATCH:
                    self.flush()
        if hn or place in PLACE_KINDS:
            if len(pts) > 1 and pts[0] == pts[-1]:
                pts = pts[:-1]  # a closed ring repeats its first corner
            lat = sum(p[0] for p in pts) / len(pts)
            lon = sum(p[1] for p in pts) / len(pts)
            street = tags.get("addr:street") or tags.get("addr:place")
            if hn and street:
                self._house(street, hn, tags.get("addr:city"), lat, lon)
            if place in PLACE_KINDS and tags.get("name"):
                self._place(tags, str(place), lat, lon)


#: grid of the settlements for :func:`_nearest_place` (degrees; a city names points up to 20 km away)
PLACE_GRID_DEG = 0.25
_PLACE_REACH_DEG = max(PLACE_RADIUS_M.values()) / DEG_M


def _place_grid(places: list[tuple[int, str, float, float]]) -> dict[tuple[int, int], list[tuple[int, str, float, float]]]:
    """The settlements by grid cell: a national extract has thousands of them and hundreds of
    thousands of street ways, so each way looks only at the settlements of the cells around it."""
    grid: dict[tuple[int, int], list[tuple[int, str, float, float]]] = {}
    for p in places:
        grid.setdefault((math.floor(p[2] / PLACE_GRID_DEG), math.floor(p[3] / PLACE_GRID_DEG)), []).append(p)
    return grid


def _nearest_place(grid: dict[tuple[int, int], list[tuple[int, str, float, float]]], lat: float, lon: float) -> int:
    best, best_score = 0, 1.0
    kx = math.cos(math.radians(lat))
    reach_lon = _PLACE_REACH_DEG / max(kx, 0.05)
    i0, i1 = math.floor((lat - _PLACE_REACH_DEG) / PLACE_GRID_DEG), math.floor((lat + _PLACE_REACH_DEG) / PLACE_GRID_DEG)
    j0, j1 = math.floor((lon - reach_lon) / PLACE_GRID_DEG), math.floor((lon + reach_lon) / PLACE_GRID_DEG)
    for i in range(i0, i1 + 1):
        for j in range(j0, j1 + 1):
            for pid, kind, plat, plon in grid.get((i, j), ()):
                r = PLACE_RADIUS_M.get(kind, 1500.0)
                dy = (plat - lat) * DEG_M
                if abs(dy) > r:
                    continue
                s = math.hypot(dy, (plon - lon) * DEG_M * kx) / r
                if s < best_score or (s == best_score and pid < best):
                    best, best_score = pid, s
    return best


def build_index(source: str | Path, target: str | Path, progress: Progress | None = None) -> dict[str, int]:
    """Read ``source`` (.osm.pbf/.osm/.osm.bz2...) and write a new index file ``target``.

    Returns the counts (streets, houses, places, nodes). Raises BuildError for
    bad input; ``target`` is then incomplete and the caller throws it away.
    """
    source, target = Path(source), Path(target)
    if not source.is_file():
        raise BuildError(f"{source}: no such file", "no_file")
    scratch = target.with_name(target.name + ".scratch")
    locations = target.with_name(target.name + ".nodes")
    scratch.unlink(missing_ok=True)
    conn = sqlite3.connect(str(target))
    try:
        conn.execute("PRAGMA journal_mode=OFF")
        conn.execute("PRAGMA synchronous=OFF")
        conn.execute("ATTACH DATABASE ? AS scratch", (str(scratch),))
        conn.execute("PRAGMA scratch.journal_mode=OFF")
        conn.execute("PRAGMA scratch.synchronous=OFF")
        conn.executescript(SCHEMA + SCRATCH_SCHEMA)
        col = _Collector(conn, progress)
        try:
            # node locations in a memory-mapped file, not in RAM (16 bytes a node: ~400 MB for a
            # national extract); unlinked at once, so a crash leaves nothing behind
            fp = (osmium.FileProcessor(str(source))
                  .with_locations(f"sparse_file_array,{locations}")
                  .with_filter(osmium.filter.KeyFilter("highway", "addr:housenumber", "place")))
            locations.unlink()  # the index keeps it open and mapped
            for obj in fp:
                if isinstance(obj, osmium.osm.Node):
                    col.node(obj)
                elif isinstance(obj, osmium.osm.Way):
                    col.way(obj)
            del fp  # closes the location index
        except (RuntimeError, ValueError, OSError) as exc:
            if isinstance(exc, OSError) and exc.errno == errno.ENOSPC:
                raise
            raise BuildError(f"{source.name} is not a readable OpenStreetMap extract "
                             f"(truncated or another format): {exc}", "unreadable") from exc
        col.flush()
        if col.bad_locations and col.bad_locations > col.nodes:
            raise BuildError(f"{source.name}: most coordinates are not valid WGS 84 longitude/latitude "
                             "(OSM files are always in degrees; was it reprojected?)", "not_wgs84")
        if not col.house_count and not col.way_count:
            raise BuildError(f"{source.name} holds no addresses: no named street and no house number",
                             "no_addresses")
        if progress is not None:
            progress(f"addresses: {col.way_count} street ways, {col.house_count} houses, "
                     f"{len(col.places)} settlements; linking")
        counts = _finish(conn, col)
        build_street_cells(conn, progress)  # last: reads the finished segs_rt (arm/geo/street_cells.py)
        return counts
    finally:
        conn.close()
        scratch.unlink(missing_ok=True)
        locations.unlink(missing_ok=True)


def _finish(conn: sqlite3.Connection, col: _Collector) -> dict[str, int]:
    places = []
    for i, (name, ru, kk, kind, pop, lat, lon) in enumerate(col.places, start=1):
        conn.execute("INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?)",
                     (i, name, ru, kk, kind, PLACE_RANK[kind], pop, lat, lon, street_key(name or "")))
        places.append((i, kind, lat, lon))
    grid = _place_grid(places)
    # merge the ways of one street in one settlement (the ways are read back from the scratch
    # database: only one entry per distinct street stays in memory)
    canon: dict[tuple[str, int], int] = {}
    way_map: list[tuple[int, int]] = []
    by_key: dict[str, list[tuple[int, float, float]]] = {}
    for wid, name, ru, kk, key, lat, lon in _batches(conn, "SELECT * FROM scratch.ways WHERE id > ? ORDER BY id LIMIT ?"):
        pid = _nearest_place(grid, lat, lon)
        sid = canon.get((key, pid))
        if sid is None:
            sid = canon[(key, pid)] = wid
            conn.execute("INSERT INTO streets VALUES (?,?,?,?,?,?,?,?)",
                         (sid, name, ru, kk, " ".join(sorted({key, street_key(ru or ""), street_key(kk or "")} - {""})),
                          lat, lon, pid or None))
            for alias in {key, street_key(ru or ""), street_key(kk or "")} - {""}:
                by_key.setdefault(alias, []).append((sid, lat, lon))
        if sid != wid:
            way_map.append((wid, sid))
            if len(way_map) >= BATCH:
                conn.executemany("INSERT INTO scratch.way_map VALUES (?,?)", way_map)
                way_map.clear()
    conn.executemany("INSERT INTO scratch.way_map VALUES (?,?)", way_map)
    conn.execute("UPDATE segs_rt SET street_id = (SELECT sid FROM scratch.way_map WHERE way = segs_rt.street_id)"
                 " WHERE street_id IN (SELECT way FROM scratch.way_map)")
    # link every house to the nearest street of its addr:street, a batch at a time
    street_keys: dict[str, str] = {}
    for chunk in _chunks(conn, "SELECT id, street, lat, lon FROM houses WHERE id > ? ORDER BY id LIMIT ?"):
        links = []
        for hid, street, lat, lon in chunk:
            skey = street_keys.get(street)
            if skey is None:
                skey = street_keys[street] = street_key(street or "")
            cands = by_key.get(skey)
            if cands:
                kx = math.cos(math.radians(lat))
                links.append((min(cands, key=lambda c: (c[1] - lat) ** 2 + ((c[2] - lon) * kx) ** 2)[0], hid))
        conn.executemany("UPDATE houses SET street_id = ? WHERE id = ?", links)
    # house cells in key order, sorted by SQLite (spills to a temporary file, not to RAM)
    conn.create_function("house_cell", 2, house_cell, deterministic=True)
    conn.execute("INSERT INTO house_cells SELECT house_cell(lat, lon), id, street_id, street, housenumber, city,"
                 " lat, lon FROM houses ORDER BY 1, 2")
    conn.executescript(INDEXES)
    counts = {"streets": len(canon), "houses": col.house_count, "places": len(places), "nodes": col.nodes}
    conn.executemany("INSERT INTO meta VALUES (?, ?)", [(k, str(v)) for k, v in counts.items()])
    conn.commit()
    conn.execute("DETACH DATABASE scratch")
    return counts


def _chunks(conn: sqlite3.Connection, sql: str) -> Iterator[list[Any]]:
    """The rows of ``sql`` (``id > ? ORDER BY id LIMIT ?``) in lists of BATCH: never the whole table
    in memory, and no cursor left open on a table the caller writes to."""
    last = 0
    while True:
        rows = conn.execute(sql, (last, BATCH)).fetchall()
        if not rows:
            return
        yield rows
        last = rows[-1][0]


def _batches(conn: sqlite3.Connection, sql: str) -> Iterator[Any]:
    for chunk in _chunks(conn, sql):
        yield from chunk
