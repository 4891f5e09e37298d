"""Check and normalise zone shapes drawn on the map (shapely), without Qt.

A zone is stored in ``db.models.Zone.geometry`` as a GeoJSON Polygon (WGS-84,
lon/lat). A circle is stored as its 64-gon, so every consumer (rules engine,
exports) can read a plain Polygon, plus a foreign member ``"circle":
{"center": [lon, lat], "radius_m": r}`` from which the editor restores the circle.

Refused, with a stable code and an English sentence the widget translates:
``empty`` (fewer than 3 distinct corners, nothing drawn), ``self_intersection``,
``too_small`` (under 100 m² or a radius under 10 m), ``too_large`` (over
50,000 km²), ``bad_coordinates`` (outside -90..90 / -180..180).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from shapely import affinity
from shapely.geometry import Point, Polygon, mapping, shape
from shapely.geometry.base import BaseGeometry
from shapely.validation import explain_validity

MIN_AREA_M2 = 100.0
MIN_RADIUS_M = 10.0
MAX_AREA_M2 = 50_000 * 1_000_000.0
CIRCLE_SEGMENTS = 64
_M_PER_DEG_LAT = 110_574.0
_M_PER_DEG_LON_EQ = 111_320.0


class ZoneShapeError(ValueError):
    """A drawn shape that cannot be a zone; ``code`` is stable, ``str()`` is English."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


@dataclass(frozen=True, slots=True)
class ZoneShape:
    geometry: dict[str, Any]
    area_m2: float
    is_circle: bool


def _to_metres(geom: BaseGeometry, lat0: float) -> BaseGeometry:
    kx = _M_PER_DEG_LON_EQ * math.cos(math.radians(lat0))
    return affinity.scale(geom, xfact=kx, yfact=_M_PER_DEG_LAT, origin=(0, 0))


def _to_degrees(geom: BaseGeometry, lat0: float) -> BaseGeometry:
    kx = _M_PER_DEG_LON_EQ * math.cos(math.radians(lat0))
    return affinity.scale(geom, xfact=1 / kx, yfact=1 / _M_PER_DEG_LAT, origin=(0, 0))


def area_m2(geom: BaseGeometry) -> float:
    """Area in square metres (local equirectangular projection; fine at zone scale)."""
    return _to_metres(geom, geom.centroid.y).area


def circle_polygon(lon: float, lat: float, radius_m: float) -> Polygon:
    centre_m = _to_metres(Point(lon, lat), lat)
    return _to_degrees(centre_m.buffer(radius_m, quad_segs=CIRCLE_SEGMENTS // 4), lat)


def _check_coords(coords: list[tuple[float, ...]]) -> None:
    for c in coords:
        lon, lat = c[0], c[1]
        if not (math.isfinite(lon) and math.isfinite(lat)) or not (-180 <= lon <= 180 and -90 <= lat <= 90):
            raise ZoneShapeError("bad_coordinates", "A corner of the zone lies outside valid coordinates.")


def validate(drawn: dict[str, Any] | None) -> ZoneShape:
    """A page message (``{"geometry": ...}`` or ``{"circle": ...}``) or a stored geometry -> ZoneShape."""
    if not drawn:
        raise ZoneShapeError("empty", "Nothing is drawn: draw a polygon or a circle first.")
    circle = drawn.get("circle")
    if circle is None and isinstance(drawn.get("geometry"), dict):
        circle = drawn["geometry"].get("circle")
    if circle is not None:
        try:
            lon, lat = float(circle["center"][0]), float(circle["center"][1])
            radius = float(circle["radius_m"])
        except (KeyError, TypeError, ValueError, IndexError) as exc:
            raise ZoneShapeError("empty", "The circle has no centre or radius.") from exc
        _check_coords([(lon, lat)])
        if not math.isfinite(radius) or radius < MIN_RADIUS_M:
            raise ZoneShapeError("too_small", f"The circle is too small: its radius must be at least {MIN_RADIUS_M:.0f} m.")
        poly = circle_polygon(lon, lat, radius)
        area = area_m2(poly)
        if area > MAX_AREA_M2:
            raise ZoneShapeError("too_large", "The zone is too large (over 50,000 km²).")
        geometry = dict(mapping(poly))
        geometry["coordinates"] = [[[round(x, 7), round(y, 7)] for x, y in ring] for ring in geometry["coordinates"]]
        geometry["circle"] = {"center": [round(lon, 7), round(lat, 7)], "radius_m": round(radius, 1)}
        return ZoneShape(geometry=geometry, area_m2=area, is_circle=True)

    geometry = drawn.get("geometry", drawn)
    if not isinstance(geometry, dict) or geometry.get("type") != "Polygon" or not geometry.get("coordinates"):
        raise ZoneShapeError("empty", "Nothing is drawn: draw a polygon or a circle first.")
    rings = geometry["coordinates"]
    try:
        outer = [tuple(float(v) for v in c[:2]) for c in rings[0]]
    except (TypeError, ValueError, IndexError) as exc:
        raise ZoneShapeError("empty", "The polygon has no usable corners.") from exc
    _check_coords(outer)
    distinct = {(round(x, 9), round(y, 9)) for x, y in outer}
    if len(distinct) < 3:
        raise ZoneShapeError("empty", "A zone needs at least three distinct corners.")
    try:
        poly = shape({"type": "Polygon", "coordinates": [outer] + [list(r) for r in rings[1:]]})
    except (ValueError, TypeError) as exc:
        raise ZoneShapeError("empty", "The polygon has no usable corners.") from exc
    if not poly.is_valid:
        reason = explain_validity(poly)
        if "Self-intersection" in reason or "Ring Self-intersection" in reason:
            raise ZoneShapeError("self_intersection", "The zone's border crosses itself: move the corners so it does not.")
        raise ZoneShapeError("self_intersection", f"The zone's shape is invalid ({reason}).")
    area = area_m2(poly)
    if area < MIN_AREA_M2:
        raise ZoneShapeError("too_small", f"The zone is too small: it must cover at least {MIN_AREA_M2:.0f} m².")
    if area > MAX_AREA_M2:
        raise ZoneShapeError("too_large", "The zone is too large (over 50,000 km²).")
    out = dict(mapping(poly))
    out["coordinates"] = [[[round(x, 7), round(y, 7)] for x, y in ring] for ring in out["coordinates"]]
    return ZoneShape(geometry=out, area_m2=area, is_circle=False)


def buffered(geometry: dict[str, Any], buffer_m: float) -> dict[str, Any] | None:
    """The zone grown by ``buffer_m`` metres (for display), or None for no buffer."""
    if buffer_m <= 0:
        return None
    geom = shape({"type": geometry["type"], "coordinates": geometry["coordinates"]})
    lat0 = geom.centroid.y
    grown = _to_degrees(_to_metres(geom, lat0).buffer(buffer_m, quad_segs=8), lat0)
    return dict(mapping(grown))
