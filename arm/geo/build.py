"""Build the address index (:mod:`arm.geo.index`) from an OpenStreetMap extract with pyosmium.

One pass over the file with node locations (libosmium's in-memory index):
named streets become segments in an R*Tree, addressed buildings (their
centre) and address nodes become houses, ``place=city|town|village|hamlet``
nodes and areas become settlements. Afterwards the ways of one street in one
settlement are merged under one street id (OSM splits streets into many ways),
and every house's ``addr:street`` is linked to the nearest street of that name,
which gives the house its ``name:kk``/``name:ru`` forms.

Bad input raises :class:`BuildError` with a sentence for the user: not an OSM
file or a truncated one, coordinates outside WGS 84, no addresses at all.
"""

from __future__ import annotations

import math
import sqlite3
from collections.abc import Callable
from pathlib import Path

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


class BuildError(Exception):
    """The extract cannot give an address index; the message says why, for the user.

    ``code`` names the reason for a translated rendering (see :data:`arm.geo.importer.FAILURES`).
    """

    def __init__(self, message: str, code: str = "failed") -> None:
        super().__init__(message)
        self.code = code


class _Collector:
    """Receives the objects of the extract and writes streets/segments at once."""

    def __init__(self, conn: sqlite3.Connection, progress: Progress | None) -> None:
        self.conn = conn
        self.progress = progress
        self.ways: list[tuple[int, str | None, str | None, str | None, str, float, float]] = []
        self.houses: list[tuple[str | None, str, str | None, float, float]] = []
        self.places: list[tuple[str | None, str | None, str | None, str, int, float, float]] = []
        self.segs: list[tuple[int, float, float, float, float, int, float, float, float, float]] = []
        self.seg_id = 0
        self.nodes = 0
        self.bad_locations = 0
        self.objects = 0

    def _flush_segs(self) -> None:
        if self.segs:
            self.conn.executemany("INSERT INTO segs_rt VALUES (?,?,?,?,?,?,?,?,?,?)", self.segs)
            self.segs.clear()

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
                self.houses.append((street, hn, tags.get("addr:city"), lat, lon))
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
                wid = len(self.ways) + 1
                mid = pts[len(pts) // 2]
                self.ways.append((wid, name, ru, kk, key, mid[0], mid[1]))
                for (a_lat, a_lon), (b_lat, b_lon) in zip(pts, pts[1:], strict=False):
                    self.seg_id += 1
                    self.segs.append((self.seg_id, min(a_lat, b_lat), max(a_lat, b_lat), min(a_lon, b_lon),
                                      max(a_lon, b_lon), wid, a_lat, a_lon, b_lat, b_lon))
                if len(self.segs) >= 50_000:
                    self._flush_segs()
        if hn or place in PLACE_KINDS:
            if len(pts) > 1 and pts[0] == pts[-1]:
                pts = pts[:-1]  # a closed ring repeats its first corner
            lat = sum(p[0] for p in pts) / len(pts)
            lon = sum(p[1] for p in pts) / len(pts)
            street = tags.get("addr:street") or tags.get("addr:place")
            if hn and street:
                self.houses.append((street, hn, tags.get("addr:city"), lat, lon))
            if place in PLACE_KINDS and tags.get("name"):
                self._place(tags, str(place), lat, lon)


def _nearest_place(places: list[tuple[int, str, float, float]], lat: float, lon: float) -> int:
    best, best_score = 0, 1.0
    kx = math.cos(math.radians(lat))
    for pid, kind, plat, plon in places:
        r = PLACE_RADIUS_M.get(kind, 1500.0)
        dy = (plat - lat) * DEG_M
        if abs(dy) > r:
            continue
        s = math.hypot(dy, (plon - lon) * DEG_M * kx) / r
        if s < best_score:
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
    conn = sqlite3.connect(str(target))
    try:
        conn.execute("PRAGMA journal_mode=OFF")
        conn.execute("PRAGMA synchronous=OFF")
        conn.executescript(SCHEMA)
        col = _Collector(conn, progress)
        try:
            fp = (osmium.FileProcessor(str(source))
                  .with_locations()
                  .with_filter(osmium.filter.KeyFilter("highway", "addr:housenumber", "place")))
            for obj in fp:
                if isinstance(obj, osmium.osm.Node):
                    col.node(obj)
                elif isinstance(obj, osmium.osm.Way):
                    col.way(obj)
        except (RuntimeError, ValueError, OSError) as exc:
            raise BuildError(f"{source.name} is not a readable OpenStreetMap extract "
                             f"(truncated or another format): {exc}", "unreadable") from exc
        col._flush_segs()
        if col.bad_locations and col.bad_locations > col.nodes:
            raise BuildError(f"{source.name}: most coordinates are not valid WGS 84 longitude/latitude "
                             "(OSM files are always in degrees; was it reprojected?)", "not_wgs84")
        if not col.houses and not col.ways:
            raise BuildError(f"{source.name} holds no addresses: no named street and no house number",
                             "no_addresses")
        if progress is not None:
            progress(f"addresses: {len(col.ways)} street ways, {len(col.houses)} houses, "
                     f"{len(col.places)} settlements; linking")
        counts = _finish(conn, col)
        build_street_cells(conn, progress)  # last: reads the finished segs_rt (arm/geo/street_cells.py)
        return counts
    finally:
        conn.close()


def _finish(conn: sqlite3.Connection, col: _Collector) -> dict[str, int]:
    places = []
    for i, (name, ru, kk, kind, pop, lat, lon) in enumerate(col.places, start=1):
        conn.execute("INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?)",
                     (i, name, ru, kk, kind, PLACE_RANK[kind], pop, lat, lon, street_key(name or "")))
        places.append((i, kind, lat, lon))
    # merge the ways of one street in one settlement
    canon: dict[tuple[str, int], int] = {}
    way_map: list[tuple[int, int]] = []
    by_key: dict[str, list[tuple[int, float, float]]] = {}
    for wid, name, ru, kk, key, lat, lon in col.ways:
        pid = _nearest_place(places, lat, lon)
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
    if way_map:
        conn.execute("CREATE TEMP TABLE way_map (way INTEGER PRIMARY KEY, sid INTEGER)")
        conn.executemany("INSERT INTO way_map VALUES (?,?)", way_map)
        conn.execute("UPDATE segs_rt SET street_id = (SELECT sid FROM way_map WHERE way = segs_rt.street_id)"
                     " WHERE street_id IN (SELECT way FROM way_map)")
    rows = []
    for i, (street, hn, city, lat, lon) in enumerate(col.houses, start=1):
        cands = by_key.get(street_key(street or ""), [])
        sid = None
        if cands:
            kx = math.cos(math.radians(lat))
            sid = min(cands, key=lambda c: (c[1] - lat) ** 2 + ((c[2] - lon) * kx) ** 2)[0]
        rows.append((i, sid, street, hn, housenumber_key(hn), city, lat, lon))
    conn.executemany("INSERT INTO houses VALUES (?,?,?,?,?,?,?,?)", rows)
    conn.executemany("INSERT INTO house_cells VALUES (?,?,?,?,?,?,?,?)",
                     sorted((house_cell(r[6], r[7]), r[0], r[1], r[2], r[3], r[5], r[6], r[7]) for r in rows))
    conn.executescript(INDEXES)
    counts = {"streets": len(canon), "houses": len(rows), "places": len(places), "nodes": col.nodes}
    conn.executemany("INSERT INTO meta VALUES (?, ?)", [(k, str(v)) for k, v in counts.items()])
    conn.commit()
    return counts
