"""Where a fix is, with how sure we are: zone geometry, accuracy, spatial index.

A zone decision is taken only when the fix's whole uncertainty circle lies on
one side of the zone's (buffered) boundary. Anything closer to the edge than
the fix's accuracy is "uncertain" and changes nothing, which is what keeps
GNSS jitter at an edge from raising alarms.

Zones are stored in WGS-84 degrees. Each zone is projected once into a local
metric plane centred on itself (equirectangular: metre-accurate over a city),
buffered there by its ``buffer_m`` and prepared. An STRtree over the buffered
zones' degree envelopes finds the few zones near a fix; every zone not found
is decisively away from the fix.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import shapely
from shapely.geometry import Point, shape

from arm.events import Fix

M_PER_DEG_LAT = 110_574.0
M_PER_DEG_LON_EQ = 111_320.0


class ZoneGeometryError(ValueError):
    """A zone's GeoJSON is not a usable polygon."""


@dataclass(frozen=True, slots=True)
class FixPolicy:
    """When a fix is good enough to decide, and how uncertain it is (metres)."""

    min_sats: int = 4
    max_hdop: float = 10.0
    uere_m: float = 5.0  # user equivalent range error: accuracy ~ hdop * uere
    default_hdop: float = 2.0
    min_accuracy_m: float = 5.0
    beacon_accuracy_m: float = 30.0
    cell_accuracy_m: float = 1500.0
    max_accuracy_m: float = 300.0


def fix_accuracy(fields: Mapping[str, Any], policy: FixPolicy) -> float | None:
    """The fix's uncertainty radius in metres, or ``None`` when it must not decide."""
    if fields.get("lat") is None or fields.get("lon") is None:
        return None
    fix = int(fields.get("fix") or 0)
    given = fields.get("accuracy_m")
    sats = fields.get("sats")
    hdop = fields.get("hdop")
    if fix == Fix.GNSS:
        if sats is not None and int(sats) < policy.min_sats:
            return None
        if hdop is not None and float(hdop) > policy.max_hdop:
            return None
        accuracy = float(given) if given is not None else float(hdop or policy.default_hdop) * policy.uere_m
    elif fix == Fix.BEACON:
        accuracy = float(given) if given is not None else policy.beacon_accuracy_m
    elif fix == Fix.CELL:
        accuracy = float(given) if given is not None else policy.cell_accuracy_m
    else:
        return None
    accuracy = max(accuracy, policy.min_accuracy_m)
    return accuracy if accuracy <= policy.max_accuracy_m else None


def metres_between(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine), metres."""
    r = 6_371_008.8
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * r * math.asin(min(1.0, math.sqrt(a)))


def circle_verdict(lat: float, lon: float, accuracy: float, centre: tuple[float, float], radius: float) -> bool | None:
    """Inside (True), outside (False) or uncertain (None) of a circle (the home buffer)."""
    distance = metres_between(lat, lon, centre[0], centre[1])
    if distance + accuracy <= radius:
        return True
    if distance - accuracy > radius:
        return False
    return None


@dataclass(slots=True)
class _ZoneShape:
    zone_id: int
    lat0: float
    lon0: float
    kx: float  # metres per degree of longitude at lat0
    area: Any  # buffered polygon, local metres, prepared
    edge: Any  # its boundary (for the distance to the edge)
    bounds: tuple[float, float, float, float]  # of ``area``, local metres

    def to_local(self, lat: float, lon: float) -> Point:
        return Point((lon - self.lon0) * self.kx, (lat - self.lat0) * M_PER_DEG_LAT)

    def verdict(self, lat: float, lon: float, accuracy: float) -> bool | None:
        x, y = (lon - self.lon0) * self.kx, (lat - self.lat0) * M_PER_DEG_LAT
        minx, miny, maxx, maxy = self.bounds
        if x < minx - accuracy or x > maxx + accuracy or y < miny - accuracy or y > maxy + accuracy:
            return False  # the whole uncertainty circle is outside the envelope: no geometry needed
        p = Point(x, y)
        if self.edge.distance(p) < accuracy:
            return None
        return bool(self.area.contains(p))


def _local_shape(zone_id: int, geojson: Mapping[str, Any], buffer_m: float) -> tuple[_ZoneShape, tuple[float, ...]]:
    try:
        geom = shape(geojson.get("geometry", geojson) if geojson.get("type") == "Feature" else geojson)
    except Exception as exc:
        raise ZoneGeometryError(f"zone {zone_id}: {exc}") from exc
    if geom.is_empty or geom.geom_type not in ("Polygon", "MultiPolygon"):
        raise ZoneGeometryError(f"zone {zone_id}: a polygon is required, got {geom.geom_type}")
    if not geom.is_valid:
        geom = geom.buffer(0)
    c = geom.centroid
    lat0, lon0 = c.y, c.x
    kx = M_PER_DEG_LON_EQ * math.cos(math.radians(lat0))
    local = shapely.transform(geom, lambda xy: (xy - (lon0, lat0)) * (kx, M_PER_DEG_LAT))
    if buffer_m > 0:
        local = local.buffer(buffer_m, quad_segs=8)
    shapely.prepare(local)
    edge = local.boundary
    shapely.prepare(edge)
    minx, miny, maxx, maxy = local.bounds
    bbox = (lon0 + minx / kx, lat0 + miny / M_PER_DEG_LAT, lon0 + maxx / kx, lat0 + maxy / M_PER_DEG_LAT)
    return _ZoneShape(zone_id, lat0, lon0, kx, local, edge, (minx, miny, maxx, maxy)), bbox


class ZoneIndex:
    """Prepared, buffered zones plus an STRtree of their envelopes."""

    def __init__(self, zones: Iterable[tuple[int, Mapping[str, Any], float]]) -> None:
        self._shapes: dict[int, _ZoneShape] = {}
        self.errors: dict[int, str] = {}
        ids: list[int] = []
        boxes = []
        for zone_id, geojson, buffer_m in zones:
            try:
                zs, bbox = _local_shape(zone_id, geojson, float(buffer_m or 0.0))
            except ZoneGeometryError as exc:
                self.errors[zone_id] = str(exc)
                continue
            self._shapes[zone_id] = zs
            ids.append(zone_id)
            boxes.append(shapely.box(*bbox))
        self._ids = ids
        self._tree = shapely.STRtree(boxes) if boxes else None

    def __len__(self) -> int:
        return len(self._shapes)

    def __contains__(self, zone_id: object) -> bool:
        return zone_id in self._shapes

    def near(self, lat: float, lon: float, accuracy: float) -> list[int]:
        """Zones whose buffered envelope comes within ``accuracy`` metres of the fix."""
        if self._tree is None:
            return []
        dlat = accuracy / M_PER_DEG_LAT
        dlon = accuracy / max(1.0, M_PER_DEG_LON_EQ * math.cos(math.radians(lat)))
        hits = self._tree.query(shapely.box(lon - dlon, lat - dlat, lon + dlon, lat + dlat))
        return [self._ids[i] for i in hits]

    def verdicts(self, lat: float, lon: float, accuracy: float, zone_ids: Iterable[int]) -> dict[int, bool | None]:
        """Inside/outside/uncertain for each of ``zone_ids`` (unknown zones are skipped)."""
        wanted = [z for z in zone_ids if z in self._shapes]
        if not wanted:
            return {}
        near = set(self.near(lat, lon, accuracy)) if len(wanted) > 2 else set(wanted)
        return {z: (self._shapes[z].verdict(lat, lon, accuracy) if z in near else False) for z in wanted}

    def bulk_candidates(self, lats: Any, lons: Any) -> Any:
        """Vectorised (point index, zone id) pairs whose envelopes contain the points."""
        if self._tree is None:
            return []
        points = shapely.points(lons, lats)
        pairs = self._tree.query(points, predicate="intersects")
        return [(int(p), self._ids[int(z)]) for p, z in zip(pairs[0], pairs[1], strict=True)]
