"""The address index: one SQLite file with R*Tree tables, read by reverse geocoding and search.

Tables (written by :mod:`arm.geo.build`):

* ``houses``  addressed buildings and address points, and ``house_cells``, the
  same points clustered by a grid cell of about 110 m (a WITHOUT ROWID table
  keyed by cell: a lookup reads the 2-4 cells around the point in one index
  range each, and building it is a sort, far cheaper than R*Tree inserts);
* ``streets`` named streets (``name``, ``name:ru``, ``name:kk``, search key) and
  ``segs_rt``, one R*Tree row per street segment (its two ends as auxiliary columns);
* ``places``  settlements (city, town, village, hamlet) with a size rank;
* ``street_cells`` (since meta ``street_cells`` = ``1``, written by :mod:`arm.geo.street_cells`)
  an adaptive grid of cells from 0.25° down to 2^-11° (about 54 m): a row holds the
  street segments that can be the nearest for some point of the cell, or nothing for
  a cell with no street within 5 km; where no cell has a row (near one street only,
  outside the extract, or an index imported before this table) the R*Tree search answers;
* ``meta``    what was imported, when, and the counts.

Distances are computed on a local equirectangular projection: exact to well
under 1 % at the scale of "which house is this" (a few hundred metres).
"""

from __future__ import annotations

import math
import sqlite3
import struct
import threading
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from arm.geo.names import fold, split_query, words

EARTH_M = 6371008.8
DEG_M = math.pi * EARTH_M / 180.0  # metres per degree of latitude
HOUSE_NEAR_M = 60.0       # a house this close is "the" address
STREET_MAX_M = 5000.0     # no street farther than this is named ("far from everything")
#: probe radii for the nearest street, 8 % apart: the first disk that reaches a segment's bounding
#: box holds only the few segments of a thin ring, even just outside a dense town
STREET_RADII_M = tuple(r for r in (40.0 * 1.08 ** k for k in range(64)) if r < STREET_MAX_M) + (STREET_MAX_M,)
PLACE_CELL_DEG = 0.5      # grid cell of the in-memory settlement index
HOUSE_CELL_DEG = 0.001    # grid cell of house_cells (about 110 m of latitude)


def house_cell(lat: float, lon: float) -> int:
    """The house_cells key of a position (row and column of a 0.001° grid in one integer)."""
    return int(math.floor((lat + 90.0) / HOUSE_CELL_DEG)) * 1_000_000 + int(math.floor((lon + 180.0) / HOUSE_CELL_DEG))
#: street_cells: cell sizes 2^-(CELL_TOP_SHIFT + level)° for level 0..CELL_LEVELS-1 (0.25° to 2^-11°,
#: powers of two so that a point's cell at every level follows from one floor at the finest level)
CELL_TOP_SHIFT = 2
CELL_LEVELS = 10
STREET_CELLS_VERSION = "1"
#: one candidate of a street cell: street id, a lower bound of its squared distance (degrees of
#: latitude, float32 rounded down) from any point of the cell, the segment's two ends
CELL_RECORD = struct.Struct("<if4d")
_FINEST = float(2 ** (CELL_TOP_SHIFT + CELL_LEVELS - 1))
_SPREAD = tuple(sum(((x >> i) & 1) << (2 * i) for i in range(8)) for x in range(256))


def _spread(x: int) -> int:
    """The bits of x (up to 24) spread to the even bit positions."""
    return _SPREAD[x & 255] | _SPREAD[(x >> 8) & 255] << 16 | _SPREAD[(x >> 16) & 255] << 32


def cell_key(level: int, row: int, col: int) -> int:
    """The street_cells key of cell (row, col) of a level (rows from 90°S, columns from 180°W).

    The Z-order (Morton) code of the cell's first finest-level cell, then the level in 4 bits:
    cells never overlap, so the cell holding a point is the row with the greatest key up to the
    point's code, read in one index seek (:meth:`AddressIndex._nearest_street_cells`).
    """
    j = CELL_LEVELS - 1 - level
    return (((_spread(row << j) << 1) | _spread(col << j)) << 4) | level


def point_code(lat: float, lon: float) -> int:
    """The Z-order code of the finest cell holding a point."""
    return (_spread(int((lat + 90.0) * _FINEST)) << 1) | _spread(int((lon + 180.0) * _FINEST))


# how far from its centre a settlement of each kind still names a point
PLACE_RADIUS_M = {"city": 20000.0, "town": 8000.0, "village": 3000.0, "hamlet": 1500.0}
PLACE_RANK = {"city": 4, "town": 3, "village": 2, "hamlet": 1}

SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE streets (id INTEGER PRIMARY KEY, name TEXT, name_ru TEXT, name_kk TEXT, key TEXT,
                      lat REAL, lon REAL, place_id INTEGER);
CREATE VIRTUAL TABLE segs_rt USING rtree(id, min_lat, max_lat, min_lon, max_lon,
                                         +street_id INTEGER, +lat1 REAL, +lon1 REAL, +lat2 REAL, +lon2 REAL);
CREATE TABLE houses (id INTEGER PRIMARY KEY, street_id INTEGER, street TEXT, housenumber TEXT,
                     hn_key TEXT, city TEXT, lat REAL, lon REAL);
CREATE TABLE house_cells (cell INTEGER, id INTEGER, street_id INTEGER, street TEXT, housenumber TEXT,
                          city TEXT, lat REAL, lon REAL, PRIMARY KEY (cell, id)) WITHOUT ROWID;
CREATE TABLE places (id INTEGER PRIMARY KEY, name TEXT, name_ru TEXT, name_kk TEXT, kind TEXT,
                     rank INTEGER, population INTEGER, lat REAL, lon REAL, key TEXT);
"""
INDEXES = """
CREATE INDEX houses_street ON houses (street_id, hn_key);
"""


#: the segments whose bounding box is within a radius (a lower bound of their distance)
_SEG_DISK = """min_lat <= :lat + {r} * :m AND max_lat >= :lat - {r} * :m
    AND min_lon <= :lon + {r} * :mx AND max_lon >= :lon - {r} * :mx
    AND max(min_lat - :lat, :lat - max_lat, 0.0) * max(min_lat - :lat, :lat - max_lat, 0.0)
      + max(min_lon - :lon, :lon - max_lon, 0.0) * max(min_lon - :lon, :lon - max_lon, 0.0) * :kx2
      <= {r} * {r} * :m * :m"""


def _exists(radius: float) -> str:
    return f"EXISTS (SELECT 1 FROM segs_rt WHERE {_SEG_DISK.format(r=repr(radius))})"


def _first_radius_case(lo: int = 0, hi: int = len(STREET_RADII_M)) -> str:
    """Expression for the first radius of STREET_RADII_M[lo:hi] whose disk reaches a segment's box
    (NULL past the last one), by binary search: reaching is monotonic in the radius, so about five
    R*Tree probes find it anywhere between 40 m and 5 km, next to a dense town or in the steppe."""
    if lo == hi:
        return repr(STREET_RADII_M[lo]) if lo < len(STREET_RADII_M) else "NULL"
    mid = (lo + hi) // 2
    return f"CASE WHEN {_exists(STREET_RADII_M[mid])} THEN {_first_radius_case(lo, mid)} " \
           f"ELSE {_first_radius_case(mid + 1, hi)} END"


#: the candidates of the first radius of STREET_RADII_M whose disk reaches a segment's bounding
#: box, in one statement (the R*Tree probes run in C), so a fix 1 km outside a dense town reads
#: the few segments of a thin ring, not a box of hundreds
_FIRST_STREET_SQL = ("SELECT street_id, lat1, lon1, lat2, lon2, radius FROM (SELECT " + _first_radius_case()
                     + " AS radius) JOIN segs_rt ON " + _SEG_DISK.format(r="radius"))
_STREET_CANDIDATES_SQL = "SELECT street_id, lat1, lon1, lat2, lon2 FROM segs_rt WHERE " + _SEG_DISK.format(r=":r")


@dataclass(frozen=True, slots=True)
class Address:
    """What :meth:`AddressIndex.where` found for a point (or :meth:`find` for a text)."""

    street: str | None
    house: str | None
    settlement: str | None
    distance_m: float | None
    lat: float
    lon: float

    def as_json(self) -> dict[str, Any]:
        d = asdict(self)
        if d["distance_m"] is not None:
            d["distance_m"] = round(d["distance_m"], 1)
        return d


def _name(row_name: str | None, ru: str | None, kk: str | None, lang: str) -> str | None:
    """The name in the reader's language where OSM has it, else the default name."""
    if lang == "kk" and kk:
        return kk
    if lang == "ru" and ru:
        return ru
    return row_name or ru or kk


class AddressIndex:
    """Read-only access to one index file; thread-safe (one connection per thread)."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        if not self.path.is_file():
            raise FileNotFoundError(f"address index not found: {self.path}")
        self._local = threading.local()
        conn = self._conn()
        try:
            self.meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
        except sqlite3.DatabaseError as exc:
            raise ValueError(f"{self.path.name} is not an address index: {exc}") from exc
        self._streets: dict[int, tuple[str | None, str | None, str | None]] = {}
        # an index imported before the street cells (or by a later format) uses the R*Tree search only
        self._cells = self.meta.get("street_cells") == STREET_CELLS_VERSION
        self._places = [
            (r[0], r[1], r[2], r[3], r[4], float(r[5]), float(r[6]))
            for r in conn.execute("SELECT id, name, name_ru, name_kk, kind, lat, lon FROM places")
        ]
        # settlements by grid cell: a lookup reads the 3 x 3 cells around the point (the biggest
        # radius, 20 km, is well under one 0.5° cell), not the thousands of villages of a country
        self._place_grid: dict[tuple[int, int], list[tuple[Any, ...]]] = {}
        for place in self._places:
            cell = (int(math.floor(place[5] / PLACE_CELL_DEG)), int(math.floor(place[6] / PLACE_CELL_DEG)))
            self._place_grid.setdefault(cell, []).append(place)

    def _conn(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
            self._local.conn = conn
        return conn

    def close(self) -> None:
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
            self._local.conn = None

    # -- helpers
    def street_name(self, street_id: int | None, fallback: str | None, lang: str) -> str | None:
        if street_id is None:
            return fallback
        names = self._streets.get(street_id)
        if names is None:
            row = self._conn().execute(
                "SELECT name, name_ru, name_kk FROM streets WHERE id=?", (street_id,)).fetchone()
            names = (row[0], row[1], row[2]) if row else (fallback, None, None)
            if len(self._streets) < 200_000:
                self._streets[street_id] = names
        return _name(names[0], names[1], names[2], lang) or fallback

    def settlement(self, lat: float, lon: float, lang: str = "ru") -> str | None:
        """The settlement a point is in: the place whose centre is nearest relative to its size."""
        best = None
        best_score = 1.0
        kx = math.cos(math.radians(lat))
        ci, cj = int(math.floor(lat / PLACE_CELL_DEG)), int(math.floor(lon / PLACE_CELL_DEG))
        near = [p for di in (-1, 0, 1) for dj in (-1, 0, 1) for p in self._place_grid.get((ci + di, cj + dj), ())]
        for _id, name, ru, kk, kind, plat, plon in near:
            radius = PLACE_RADIUS_M.get(kind, 1500.0)
            dy = (plat - lat) * DEG_M
            if abs(dy) > radius:
                continue
            dx = (plon - lon) * DEG_M * kx
            score = math.hypot(dx, dy) / radius
            if score < best_score:
                best, best_score = (name, ru, kk), score
        return _name(best[0], best[1], best[2], lang) if best else None

    # -- reverse geocoding
    def where(self, lat: float, lon: float, lang: str = "ru") -> Address:
        """The address of a point: the house within 60 m, else the nearest street and the distance."""
        conn = self._conn()
        kx = math.cos(math.radians(lat))
        dlat = HOUSE_NEAR_M / DEG_M
        dlon = dlat / max(kx, 0.01)
        best = None
        best_d = HOUSE_NEAR_M
        r0, r1 = (int(math.floor((v + 90.0) / HOUSE_CELL_DEG)) for v in (lat - dlat, lat + dlat))
        c0, c1 = (int(math.floor((v + 180.0) / HOUSE_CELL_DEG)) for v in (lon - dlon, lon + dlon))
        cells = [r * 1_000_000 + c for r in range(r0, r1 + 1) for c in range(c0, c1 + 1)]
        # one query for the 1-4 cells; the nearest house is chosen in SQL (degrees², x scaled by cos φ)
        row = conn.execute(
            "SELECT street_id, street, housenumber, city,"
            " (lat - ?) * (lat - ?) + (lon - ?) * (lon - ?) * ? AS d2 FROM house_cells"
            f" WHERE cell IN ({','.join('?' * len(cells))}) ORDER BY d2 LIMIT 1",
            (lat, lat, lon, lon, kx * kx, *cells),
        ).fetchone()
        if row is not None:
            d = math.sqrt(row[4]) * DEG_M
            if d <= best_d:
                best, best_d = (row[0], row[1], row[2], row[3]), d
        if best is not None:
            sid, street, hn, city = best
            settlement = self.settlement(lat, lon, lang) or city
            return Address(self.street_name(sid, street, lang), hn, settlement, best_d, lat, lon)
        street_id, dist = self._nearest_street_cells(conn, lat, lon, kx) if self._cells else (-1, None)
        if street_id == -1:
            street_id, dist = self._nearest_street(conn, lat, lon, kx)
        street = self.street_name(street_id, None, lang) if street_id is not None else None
        return Address(street, None, self.settlement(lat, lon, lang), dist, lat, lon)

    _CELL_SQL = "SELECT cell, segs FROM street_cells WHERE cell <= ? ORDER BY cell DESC LIMIT 1"

    @classmethod
    def _nearest_street_cells(cls, conn: sqlite3.Connection, lat: float, lon: float,
                              kx: float) -> tuple[int | None, float | None]:
        """The nearest street segment within STREET_MAX_M from the point's street cell.

        Returns ``(-1, None)`` where no cell has a row (the R*Tree search then answers).
        The candidates come sorted by a lower bound of their distance from any point of
        the cell, so the scan stops at the first one that cannot beat the best so far.
        """
        code = point_code(lat, lon)
        row = conn.execute(cls._CELL_SQL, ((code << 4) | 15,)).fetchone()
        if row is None:
            return -1, None
        shift = 4 + 2 * (CELL_LEVELS - 1 - (row[0] & 15))
        if row[0] >> shift != code >> (shift - 4):
            return -1, None  # the row found is a cell before this point's
        best_sid, best_d2 = -1, math.inf
        for sid, low, lat1, lon1, lat2, lon2 in CELL_RECORD.iter_unpack(row[1]):
            if low > best_d2:
                break
            # seg_d2, inlined (the same operations, so the same float)
            ax, ay = (lon1 - lon) * kx, lat1 - lat
            vx, vy = (lon2 - lon1) * kx, lat2 - lat1
            vv = vx * vx + vy * vy
            t = 0.0 if vv == 0 else max(0.0, min(1.0, -(ax * vx + ay * vy) / vv))
            px, py = ax + t * vx, ay + t * vy
            d2 = px * px + py * py
            if d2 < best_d2:
                best_sid, best_d2 = sid, d2
        if best_sid == -1:
            return None, None  # no street within 5 km of any point of this cell
        dist = math.sqrt(best_d2) * DEG_M
        return (best_sid, dist) if dist <= STREET_MAX_M else (None, None)

    _FIRST_SQL = _FIRST_STREET_SQL
    _CANDIDATES_SQL = _STREET_CANDIDATES_SQL

    @classmethod
    def _nearest_street(cls, conn: sqlite3.Connection, lat: float, lon: float,
                        kx: float) -> tuple[int | None, float | None]:
        """The nearest street segment within STREET_MAX_M, exactly (the nearest of all segments).

        The first disk of STREET_RADII_M that reaches a segment's bounding box gives candidates
        (a box is never farther than its segment); their best distance d bounds the answer, so
        if d exceeds that radius the segments whose box is within d are read once more.
        """
        args: dict[str, float] = {"lat": lat, "lon": lon, "m": 1.0 / DEG_M, "mx": 1.0 / DEG_M / max(kx, 0.01),
                                  "kx2": kx * kx}
        rows = conn.execute(cls._FIRST_SQL, args).fetchall()
        if not rows:
            return None, None
        radius = float(rows[0][5])
        best_sid, best_d2 = -1, math.inf
        while True:
            for row in rows:
                d2 = seg_d2(lat, lon, kx, row[1], row[2], row[3], row[4])
                if d2 < best_d2:
                    best_sid, best_d2 = int(row[0]), d2
            dist = math.sqrt(best_d2) * DEG_M
            if dist <= radius or radius >= STREET_MAX_M:
                break
            radius = min(dist, STREET_MAX_M)
            rows = conn.execute(cls._CANDIDATES_SQL, {**args, "r": radius}).fetchall()
        return (best_sid, dist) if dist <= STREET_MAX_M else (None, None)

    # -- search
    def find(self, text: str, lang: str = "ru", limit: int = 10) -> list[Address]:
        """Addresses matching a typed text ("Кенесары 40", "Kenesary 40", "ул. Абая", "Астана").

        Every name word must start a word of the street's or the settlement's key
        (any alphabet, see :mod:`arm.geo.names`); a house number narrows to that
        house (exact first, then ``40а``, ``40/1``...).
        """
        name_words, number = split_query(text)
        if not name_words and not number:
            return []
        conn = self._conn()
        if not name_words:
            return []
        streets = self._match_streets(conn, name_words)
        out: list[Address] = []
        for sid, rest in streets:
            if number is not None:
                rows = conn.execute(
                    "SELECT street, housenumber, city, lat, lon, hn_key FROM houses"
                    " WHERE street_id=? AND hn_key LIKE ? ORDER BY length(hn_key), hn_key LIMIT ?",
                    (sid, number + "%", limit),
                ).fetchall()
                for street, hn, city, hlat, hlon, hn_key in rows:
                    if hn_key != number and hn_key[len(number)].isdigit():
                        continue  # "40" must not find "400"
                    settlement = self.settlement(hlat, hlon, lang) or city
                    if rest and not _words_in(rest, settlement):
                        continue
                    out.append(Address(self.street_name(sid, street, lang), hn, settlement, None, hlat, hlon))
            else:
                row = conn.execute("SELECT lat, lon FROM streets WHERE id=?", (sid,)).fetchone()
                settlement = self.settlement(row[0], row[1], lang)
                if rest and not _words_in(rest, settlement):
                    continue
                out.append(Address(self.street_name(sid, None, lang), None, settlement, None, row[0], row[1]))
            if len(out) >= limit:
                break
        if not out and number is None:
            for _id, name, ru, kk, _kind, plat, plon in sorted(self._places, key=lambda p: -PLACE_RANK.get(p[4], 0)):
                if _words_in(name_words, name, ru, kk):
                    out.append(Address(None, None, _name(name, ru, kk, lang), None, plat, plon))
                    if len(out) >= limit:
                        break
        return out[:limit]

    def _match_streets(self, conn: sqlite3.Connection, name_words: list[str]) -> list[tuple[int, list[str]]]:
        """Streets whose key holds the words; words left over may name the settlement."""
        found: list[tuple[int, list[str]]] = []
        seen: set[int] = set()
        # try all words as the street first, then drop trailing/leading words (settlement)
        for n in range(len(name_words), 0, -1):
            for start in range(0, len(name_words) - n + 1):
                street_words = name_words[start:start + n]
                rest = name_words[:start] + name_words[start + n:]
                clauses = " AND ".join(["(' ' || key) LIKE ?"] * len(street_words))
                args = [f"% {w}%" for w in street_words]
                for (sid,) in conn.execute(
                    f"SELECT id FROM streets WHERE {clauses} ORDER BY length(key) LIMIT 200", args
                ):
                    if sid not in seen:
                        seen.add(sid)
                        found.append((sid, rest))
            if found:
                break
        return found


def seg_d2(lat: float, lon: float, kx: float, lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Squared distance (degrees of latitude) from a point to a segment on the local plane, x scaled by kx."""
    ax, ay = (lon1 - lon) * kx, lat1 - lat
    vx, vy = (lon2 - lon1) * kx, lat2 - lat1
    vv = vx * vx + vy * vy
    t = 0.0 if vv == 0 else max(0.0, min(1.0, -(ax * vx + ay * vy) / vv))
    px, py = ax + t * vx, ay + t * vy
    return px * px + py * py


def _words_in(query_words: list[str], *names: str | None) -> bool:
    keys = " " + " ".join(" ".join(words(n)) for n in names if n)
    return all(f" {w}" in keys for w in query_words)


__all__ = ["Address", "AddressIndex", "cell_key", "fold", "seg_d2"]
