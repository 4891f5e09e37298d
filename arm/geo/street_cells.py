"""Street cells: built at import, they let reverse geocoding skip the R*Tree search for the nearest street.

A fix where no house is within 60 m is described by its nearest street segment
(within 5 km). The R*Tree search for it costs about six probes and a scan of a
thin ring of segment boxes: fine in the steppe, slow just outside a dense town,
where the ring crosses dozens of street ends. This module writes, into the
address index, table ``street_cells``: an adaptive grid of cells (0.25° down to
2^-11°, about 54 m x 40 m at 45°N), split while a cell has more than
:data:`MAX_CANDIDATES` candidates. A cell's row holds every segment that can be
the nearest for some point of the cell (proved with bounds, never sampled
alone), sorted by a lower bound of its distance, so a lookup reads one row and
computes a few exact distances (:meth:`arm.geo.index.AddressIndex.where`).

* a row with segments: the candidates; the answer is exactly the nearest segment;
* an empty row: no street within 5 km of any point of the cell (answered at once);
* no row at any level: every point of the cell has a street within 150 m (in
  town: the R*Tree search's first ring holds a few boxes, and the many small
  cells of a town would double the index), or every candidate is on one street
  (a road across the steppe: few boxes meet the ring there, and a winding road
  cut into 30 m segments would need tens of kilobytes of cells per km), or the
  point is outside the extract (and 1° around it): the R*Tree search answers,
  as before the table existed.

Every bound is conservative for the local-plane metric of :func:`arm.geo.index.seg_d2`
(x scaled by the cosine of the point's own latitude): distances only grow with
that factor, so lower bounds use the cell's smallest cosine and upper bounds its
largest; cells are widened by 1e-9° so a point on a border belongs to both.
"""

from __future__ import annotations

import math
import sqlite3
from collections.abc import Callable

import numpy as np
import numpy.typing as npt

from arm.geo.index import CELL_LEVELS, CELL_TOP_SHIFT, DEG_M, STREET_CELLS_VERSION, STREET_MAX_M, cell_key

MAX_CANDIDATES = 24   # a cell with more candidates is split in four (unless it is the smallest)
PRUNE_MAX = 256       # candidates of a cell are pruned by the fine sampling only when there are this few
QUICK_N = 64          # the segments nearest to a cell that bound its points' nearest street distance
QUICK_M = 150.0       # cells where every point has a street this close get no row (R*Tree search)
SAMPLES = (8, 16)     # sample points per side of a cell for the pruning: coarse, then fine if needed
EPS_DEG = 1e-9        # cells are widened by this (about 0.1 mm): rounding never leaves a point outside
REL = 1e-9            # relative slack of every comparison of bounds
MAX2 = (STREET_MAX_M / DEG_M) ** 2
TABLE = "CREATE TABLE street_cells (cell INTEGER PRIMARY KEY, segs BLOB) WITHOUT ROWID"
_RECORD = np.dtype([("sid", "<i4"), ("low", "<f4"), ("lat1", "<f8"), ("lon1", "<f8"),
                    ("lat2", "<f8"), ("lon2", "<f8")])  # = index.CELL_RECORD ("<if4d")

Array = npt.NDArray[np.float64]
Rows = list[tuple[int, bytes]]


def _pt_seg_d2(plat: Array | float, plon: Array | float, k: Array | float, seg: Array) -> Array:
    """:func:`arm.geo.index.seg_d2` for many points (broadcast with ``k``) and segments (columns of ``seg``)."""
    lat1, lon1, lat2, lon2 = seg[0], seg[1], seg[2], seg[3]
    ax, ay = (lon1 - plon) * k, lat1 - plat
    vx, vy = (lon2 - lon1) * k, lat2 - lat1
    vv = vx * vx + vy * vy
    # a segment of zero length has vv = 0 and a zero numerator: t = 0 / 1 = 0
    t = np.minimum(np.maximum(-(ax * vx + ay * vy) / np.where(vv == 0.0, 1.0, vv), 0.0), 1.0)
    px, py = ax + t * vx, ay + t * vy
    return np.asarray(px * px + py * py)


def _bounds2(la0: float, la1: float, lo0: float, lo1: float, kmin: float, kmax: float,
             seg: Array) -> tuple[Array, Array]:
    """Per segment, the squared distance from the rectangle (0 where they meet, metric kmin: a lower
    bound for every point of the cell) and the largest squared distance from a corner (metric kmax:
    the convex distance to a segment is largest at a corner, so an upper bound for every point)."""
    lat1, lon1, lat2, lon2 = seg[0], seg[1], seg[2], seg[3]
    clat = np.array([la0, la0, la1, la1] * 2)[:, None]
    clon = np.array([lo0, lo1, lo0, lo1] * 2)[:, None]
    k = np.array([kmin] * 4 + [kmax] * 4)[:, None]
    corner = _pt_seg_d2(clat, clon, k, seg)

    def to_rect(lat: Array, lon: Array) -> Array:
        dy = np.maximum(np.maximum(la0 - lat, lat - la1), 0.0)
        dx = np.maximum(np.maximum(lo0 - lon, lon - lo1), 0.0) * kmin
        return np.asarray(dy * dy + dx * dx)

    low = np.minimum(np.minimum(to_rect(lat1, lon1), to_rect(lat2, lon2)), corner[:4].min(axis=0))
    side = (lon2 - lon1) * (clat[:4] - lat1) - (lat2 - lat1) * (clon[:4] - lon1)
    apart = (side > 0).all(axis=0) | (side < 0).all(axis=0)  # the segment's line misses the rectangle
    boxes_meet = ((np.minimum(lat1, lat2) <= la1) & (np.maximum(lat1, lat2) >= la0)
                  & (np.minimum(lon1, lon2) <= lo1) & (np.maximum(lon1, lon2) >= lo0))
    low[boxes_meet & ~apart] = 0.0
    return low, corner[4:].max(axis=0)


def _k_range(la0: float, la1: float) -> tuple[float, float]:
    """Smallest and largest cos(latitude) over [la0, la1]."""
    c0, c1 = math.cos(math.radians(la0)), math.cos(math.radians(la1))
    kmax = 1.0 if la0 <= 0.0 <= la1 else max(c0, c1)
    return min(c0, c1) * (1 - 1e-12), kmax * (1 + 1e-12)


def _samples(la0: float, la1: float, lo0: float, lo1: float, kmin: float, kmax: float, seg: Array,
             m: int, prune: bool = True) -> tuple[npt.NDArray[np.bool_], float]:
    """Which segments may be the nearest (within 5 km) for some point of the cell, and a bound of
    the nearest street's distance (degrees of latitude) valid at every point of the cell.

    Every point p of the cell is within r of a sample q (the centre of its sub-square),
    so d(p, s) >= d_kmin(q, s) - r_kmin and the nearest distance at p is at most
    min_s d_kmax(q, s) + r_kmax; a segment farther than that at every sample never wins.
    """
    hs_lat, hs_lon = (la1 - la0) / (2 * m), (lo1 - lo0) / (2 * m)
    steps = 2 * np.arange(m, dtype=np.float64) + 1
    qlat = np.repeat(la0 + hs_lat * steps, m)[:, None]
    qlon = np.tile(lo0 + hs_lon * steps, m)[:, None]
    r_min = math.hypot(hs_lat, hs_lon * kmin)
    r_max = math.hypot(hs_lat, hs_lon * kmax)
    d = np.sqrt(_pt_seg_d2(qlat, qlon, kmax, seg))
    nearest = d.min(axis=1) + r_max
    if not prune:
        return np.ones(0, dtype=np.bool_), float(nearest.max()) * (1 + REL)
    upper = np.minimum(nearest, math.sqrt(MAX2)) * (1 + REL)
    lower = d * (kmin / kmax) - r_min  # d_kmin >= d_kmax * kmin / kmax: only x is scaled
    return np.asarray((lower <= upper[:, None]).any(axis=0)), float(nearest.max()) * (1 + REL)


def _leaf(ids: npt.NDArray[np.int64], seg: Array, low2: Array) -> bytes:
    order = np.argsort(low2, kind="stable")
    rec = np.empty(len(order), dtype=_RECORD)
    rec["sid"] = ids[order]
    low = (low2[order] * (1 - REL)).astype(np.float32)
    over = low.astype(np.float64) > low2[order] * (1 - REL)
    low[over] = np.nextafter(low[over], np.float32(0))  # a lower bound stays a lower bound in float32
    rec["low"] = low
    for i, name in enumerate(("lat1", "lon1", "lat2", "lon2")):
        rec[name] = seg[i][order]
    return rec.tobytes()


def _box_gap2(la0: float, la1: float, lo0: float, lo1: float, k: float, seg: Array) -> Array:
    """Squared distance from the rectangle to each segment's bounding box: a cheap lower bound."""
    lat1, lon1, lat2, lon2 = seg[0], seg[1], seg[2], seg[3]
    dy = np.maximum(np.maximum(la0 - np.maximum(lat1, lat2), np.minimum(lat1, lat2) - la1), 0.0)
    dx = np.maximum(np.maximum(lo0 - np.maximum(lon1, lon2), np.minimum(lon1, lon2) - lo1), 0.0) * k
    return np.asarray(dy * dy + dx * dx)


def _cell(level: int, row: int, col: int, ids: npt.NDArray[np.int64], seg: Array, out: Rows) -> None:
    """Write the row(s) of one cell, given segments that include every candidate of the cell."""
    size = 2.0 ** -(CELL_TOP_SHIFT + level)
    la0, la1 = row * size - 90.0 - EPS_DEG, (row + 1) * size - 90.0 + EPS_DEG
    lo0, lo1 = col * size - 180.0 - EPS_DEG, (col + 1) * size - 180.0 + EPS_DEG
    key = cell_key(level, row, col)
    if len(ids) == 0:
        out.append((key, b""))
        return
    kmin, kmax = _k_range(la0, la1)
    gap2 = _box_gap2(la0, la1, lo0, lo1, kmin, seg)
    # a bound of the nearest street's distance at every point of the cell, from the segments
    # nearest to it (any subset gives a valid bound; these give a tight one)
    near = np.argpartition(gap2, QUICK_N)[:QUICK_N] if len(ids) > QUICK_N else slice(None)
    worst = _samples(la0, la1, lo0, lo1, kmin, kmax, seg[:, near], SAMPLES[0], prune=False)[1]
    if worst <= QUICK_M / DEG_M:
        # a street within QUICK_M of every point (in town): the R*Tree search finds it in a
        # small ring, quick enough, and the many small cells of a town would double the index
        return
    limit2 = min(worst * worst, MAX2) * (1 + REL)
    keep = gap2 <= limit2
    low2 = gap2
    if int(keep.sum()) <= PRUNE_MAX:
        exact, high2 = _bounds2(la0, la1, lo0, lo1, kmin, kmax, seg[:, keep])
        low2 = np.zeros_like(gap2)
        low2[keep] = exact
        if len(exact):
            keep[keep] = exact <= min(limit2, float(high2.min()) * (1 + REL))
        for m in SAMPLES:  # drop the segments never the nearest
            if int(keep.sum()) <= MAX_CANDIDATES:
                break
            keep[keep] = _samples(la0, la1, lo0, lo1, kmin, kmax, seg[:, keep], m)[0]
    if not keep.any():
        out.append((key, b""))  # no street within 5 km of any point
        return
    ids, seg, low2 = ids[keep], seg[:, keep], low2[keep]
    if bool((ids == ids[0]).all()):
        # one street only (a road across the steppe, a lane): the R*Tree search is quick enough
        # there, and cells that split a winding road's short segments apart would weigh tens of
        # kilobytes per km of road
        return
    if len(ids) <= MAX_CANDIDATES or level == CELL_LEVELS - 1:
        out.append((key, _leaf(ids, seg, low2)))
        return
    for dr in (0, 1):
        for dc in (0, 1):
            _cell(level + 1, 2 * row + dr, 2 * col + dc, ids, seg, out)


def _top_cells(conn: sqlite3.Connection) -> tuple[set[tuple[int, int]], tuple[int, int, int, int] | None]:
    """The 0.25° cells within 5 km of a segment, and a span of rows/columns around the extract."""
    scale = float(2 ** CELL_TOP_SHIFT)
    reach = STREET_MAX_M / DEG_M
    touched: set[tuple[int, int]] = set()
    # the distinct cell spans of the segments' boxes, in SQL: a few thousand rows for millions of segments
    for r0, r1, c0, c1 in conn.execute(
            "SELECT DISTINCT CAST((min_lat + 90.0) * :s AS INTEGER), CAST((max_lat + 90.0) * :s AS INTEGER),"
            " CAST((min_lon + 180.0) * :s AS INTEGER), CAST((max_lon + 180.0) * :s AS INTEGER) FROM segs_rt",
            {"s": scale}):
        for r in range(r0, r1 + 1):
            for c in range(c0, c1 + 1):
                touched.add((r, c))
    if not touched:
        return set(), None
    rows_n, cols_n = int(180 * scale), int(360 * scale)
    near: set[tuple[int, int]] = set()
    for r, c in touched:
        edge = max(abs(r / scale - 90.0), abs((r + 1) / scale - 90.0)) + 2 * reach
        dc = math.ceil(reach / max(math.cos(math.radians(min(edge, 89.9))), 1e-3) * scale) + 1
        for rr in range(max(r - 1, 0), min(r + 2, rows_n)):
            for cc in range(max(c - dc, 0), min(c + dc + 1, cols_n)):
                near.add((rr, cc))
    # the extract's rectangle and 1° around it: fixes just outside an extract answer at once too
    m = int(scale)
    span = (max(min(r for r, _ in near) - m, 0), min(max(r for r, _ in near) + m, rows_n - 1),
            max(min(c for _, c in near) - m, 0), min(max(c for _, c in near) + m, cols_n - 1))
    return near, span


def build_street_cells(conn: sqlite3.Connection, progress: Callable[[str], None] | None = None) -> int:
    """Write table ``street_cells`` (and meta ``street_cells``) into a built index; returns its rows.

    Called last by :func:`arm.geo.build.build_index`, on the finished ``segs_rt``.
    """
    conn.execute(TABLE)
    near, span = _top_cells(conn)
    scale = float(2 ** CELL_TOP_SHIFT)
    reach = STREET_MAX_M / DEG_M
    out: Rows = []
    total = 0
    for r, c in sorted(near):
        la0, la1 = r / scale - 90.0, (r + 1) / scale - 90.0
        lo0, lo1 = c / scale - 180.0, (c + 1) / scale - 180.0
        kmin = _k_range(la0 - reach, la1 + reach)[0]
        rows = conn.execute(
            "SELECT street_id, lat1, lon1, lat2, lon2 FROM segs_rt WHERE min_lat <= ? AND max_lat >= ?"
            " AND min_lon <= ? AND max_lon >= ?",
            (la1 + reach, la0 - reach, lo1 + reach / max(kmin, 1e-3), lo0 - reach / max(kmin, 1e-3)),
        ).fetchall()
        data = np.array(rows, dtype=np.float64).reshape(-1, 5)
        _cell(0, r, c, data[:, 0].astype(np.int64), np.ascontiguousarray(data[:, 1:].T), out)
        if len(out) >= 20_000:
            conn.executemany("INSERT INTO street_cells VALUES (?, ?)", out)
            total += len(out)
            out.clear()
    if span is not None:  # the rest of that rectangle: no street within 5 km
        r0, r1, c0, c1 = span
        out.extend((cell_key(0, r, c), b"") for r in range(r0, r1 + 1) for c in range(c0, c1 + 1)
                   if (r, c) not in near)
    conn.executemany("INSERT INTO street_cells VALUES (?, ?)", out)
    total += len(out)
    conn.execute("INSERT OR REPLACE INTO meta VALUES ('street_cells', ?)", (STREET_CELLS_VERSION,))
    conn.commit()
    if progress is not None:
        progress(f"addresses: {total} street cells")
    return total


__all__ = ["build_street_cells"]
