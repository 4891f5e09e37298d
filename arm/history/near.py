""""Who was here": the persons whose device had a fix in an area within a time window.

The area is a circle (a point and a radius, :func:`who_was_here`) or a
polygon drawn around a scene (:func:`who_was_in` with a :class:`PolygonArea`).

Police ask a monitoring centre exactly this ("crime scene correlation"). It
reads every supervised person's positions, so it is an investigative act on
personal data:

* only a supervisor who logged in (``arm.auth.CurrentUser``; on the command
  line ``--as LOGIN``) may search, and sees only the persons of their
  districts (none assigned: every district); the others found are counted,
  never named;
* a reason is required (the case or request it answers);
* the search, its reason and the persons it found are written to the audit
  journal in the caller's transaction, and so is a refusal.

The spatial search uses the index of the backend (``db/history.py``): the
R*Tree of positions on SQLite, the PostGIS GiST index on PostgreSQL; on a
PostgreSQL without PostGIS it falls back to a bounding-box scan and says so
(``NearResult.engine == "scan"``). Candidate fixes from the index are then
measured exactly (haversine), and each device's fix is attributed to the
person it was issued to at that moment.

A polygon is searched through its bounding box (R*Tree) or within 25 m of its
geography (PostGIS, ``ST_DWithin``: a superset that also covers the small
difference between great-circle and map-straight edges), then every candidate
is tested exactly against the polygon with shapely, on both backends alike (the
edges as drawn on the map, straight in longitude/latitude). For an area,
"distance" is what an investigator measures from: every fix found lies inside,
so each person's closest fix is the one nearest the polygon's **centroid**
and ``distance_m`` is its distance to that centroid (which for a concave shape
may itself lie outside the polygon); ``fixes_within`` counts the fixes inside.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from shapely.geometry import Point, Polygon
from shapely.prepared import prep
from shapely.validation import explain_validity
from sqlalchemy import column, select, table, text
from sqlalchemy.orm import Session

from arm import access, audit
from arm.auth import CurrentUser, user_names
from arm.caseload.zone_shapes import area_m2
from db.history import PG_GEOGRAPHY, RTREE, pg_point
from db.models import Assignment, Device, Person, Position

#: stable refusal and error codes
NOT_AUTHENTICATED = "near.not_authenticated"
REASON_REQUIRED = "near.reason_required"

MAX_RADIUS_M = 5_000.0
#: a polygon: 3 to 200 corners, no larger than the largest circle and no wider or taller than its box
MIN_VERTICES, MAX_VERTICES = 3, 200
MIN_AREA_M2 = 100.0
MAX_AREA_M2 = math.pi * MAX_RADIUS_M**2
MAX_SPAN_M = 2 * MAX_RADIUS_M
#: PostGIS candidates: fixes within this distance of the polygon's geography (then tested exactly)
PG_POLYGON_MARGIN_M = 25.0
MAX_WINDOW = timedelta(days=31)
MIN_REASON_CHARS = 5
#: at most this many points of each person's track in the window
MAX_TRACK_POINTS = 5_000
EARTH_RADIUS_M = 6_371_008.8


class NearError(ValueError):
    """A search that cannot be run as asked (the message names the field; ``code`` is stable)."""

    def __init__(self, message: str, code: str = "near.invalid") -> None:
        super().__init__(message)
        self.code = code


@dataclass(frozen=True, slots=True)
class Fix:
    time: datetime
    lat: float
    lon: float


@dataclass(frozen=True, slots=True)
class CircleArea:
    """A point and a radius in metres."""

    lat: float
    lon: float
    radius_m: float


@dataclass(frozen=True, slots=True)
class PolygonArea:
    """A polygon drawn around a place: its corners as (lat, lon), in drawing order, not closed."""

    vertices: tuple[tuple[float, float], ...]

    @classmethod
    def of(cls, vertices: Sequence[Sequence[float]]) -> PolygonArea:
        """From (lat, lon) pairs; a closing corner equal to the first is dropped."""
        pts = tuple((float(v[0]), float(v[1])) for v in vertices)
        if len(pts) > 1 and pts[0] == pts[-1]:
            pts = pts[:-1]
        return cls(pts)

    def shape(self) -> Polygon:
        """The shapely polygon in (lon, lat) order."""
        return Polygon([(lon, lat) for lat, lon in self.vertices])


#: the area searched
Area = CircleArea | PolygonArea


@dataclass(slots=True)
class NearHit:
    """One person found: the closest fix of their device(s) and their track in the window."""

    person_id: int
    name: str
    district: str
    device_serial: str
    closest: Fix
    distance_m: float
    fixes_within: int = 0
    track: list[Fix] = field(default_factory=list)


@dataclass(slots=True)
class NearResult:
    """The search and what it found. For a polygon, ``lat``/``lon`` are its centroid and ``radius_m`` is 0."""

    lat: float
    lon: float
    radius_m: float
    start: datetime
    end: datetime
    reason: str
    searched_by: str
    #: which index answered: "rtree" (SQLite), "postgis", or "scan" (PostgreSQL without PostGIS)
    engine: str
    hits: list[NearHit]
    #: persons found in districts the user does not supervise: counted, not named
    hidden: int = 0
    #: the polygon searched, its corners as (lat, lon); empty for a circle
    polygon: tuple[tuple[float, float], ...] = ()
    #: the polygon's area in square metres (0 for a circle)
    area_m2: float = 0.0
    #: the full name of ``searched_by`` (the certificate names the officer, not a login)
    searched_by_name: str = ""

    @property
    def area(self) -> Area:
        return PolygonArea(self.polygon) if self.polygon else CircleArea(self.lat, self.lon, self.radius_m)

    def as_json(self) -> dict[str, Any]:
        def fix(f: Fix) -> dict[str, Any]:
            return {"time": f.time.isoformat(), "lat": f.lat, "lon": f.lon}

        place: dict[str, Any] = (
            {"polygon": [list(v) for v in self.polygon], "centroid": {"lat": self.lat, "lon": self.lon},
             "area_m2": round(self.area_m2, 1)} if self.polygon
            else {"lat": self.lat, "lon": self.lon, "radius_m": self.radius_m})
        return {
            "query": {**place, "from": self.start.isoformat(),
                      "to": self.end.isoformat(), "reason": self.reason, "searched_by": self.searched_by,
                      "searched_by_name": self.searched_by_name or self.searched_by},
            "engine": self.engine,
            "hidden": self.hidden,
            "persons": [{"person_id": h.person_id, "name": h.name, "district": h.district,
                         "device": h.device_serial, "closest": fix(h.closest),
                         "distance_m": round(h.distance_m, 1), "fixes_within": h.fixes_within,
                         "track": [fix(f) for f in h.track]} for h in self.hits],
        }


def distance_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine) in metres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(a)))


def _validate_circle(area: CircleArea) -> None:
    lat, lon, radius_m = area.lat, area.lon, area.radius_m
    if not -90 <= lat <= 90:
        raise NearError(f"latitude {lat} is outside -90..90")
    if not -180 <= lon <= 180:
        raise NearError(f"longitude {lon} is outside -180..180")
    if not 0 < radius_m <= MAX_RADIUS_M:
        raise NearError(f"radius {radius_m} m: give 1 to {MAX_RADIUS_M:.0f} m")


def validate_polygon(area: PolygonArea) -> tuple[Polygon, float]:
    """The shapely polygon (lon, lat) and its area in m², or :class:`NearError` naming what is wrong."""
    n = len(area.vertices)
    if not MIN_VERTICES <= n <= MAX_VERTICES:
        raise NearError(f"polygon: {n} corner(s); give {MIN_VERTICES} to {MAX_VERTICES}", "polygon.corners")
    for i, (lat, lon) in enumerate(area.vertices, 1):
        if not (math.isfinite(lat) and -90 <= lat <= 90):
            raise NearError(f"polygon corner {i}: latitude {lat} is outside -90..90", "polygon.coordinates")
        if not (math.isfinite(lon) and -180 <= lon <= 180):
            raise NearError(f"polygon corner {i}: longitude {lon} is outside -180..180", "polygon.coordinates")
    poly = area.shape()
    if not poly.is_valid:
        raise NearError(f"polygon: not a simple polygon ({explain_validity(poly)}); "
                        "draw its corners in order, without crossing edges", "polygon.not_simple")
    lon0, lat0, lon1, lat1 = poly.bounds
    width = distance_m(poly.centroid.y, lon0, poly.centroid.y, lon1)
    height = distance_m(lat0, lon0, lat1, lon0)
    if max(width, height) > MAX_SPAN_M:
        raise NearError(f"polygon: {width / 1000:.1f} x {height / 1000:.1f} km; "
                        f"at most {MAX_SPAN_M / 1000:.0f} km across (as a {MAX_RADIUS_M / 1000:.0f} km circle)",
                        "polygon.too_wide")
    size = area_m2(poly)
    if size < MIN_AREA_M2:
        raise NearError(f"polygon: it encloses {size:.0f} m²; at least {MIN_AREA_M2:.0f} m² (corners in a line?)",
                        "polygon.too_small")
    if size > MAX_AREA_M2:
        raise NearError(f"polygon: {size / 1e6:.1f} km²; at most {MAX_AREA_M2 / 1e6:.1f} km² "
                        f"(a {MAX_RADIUS_M / 1000:.0f} km circle)", "polygon.too_large")
    return poly, size


def _validate(start: datetime, end: datetime, reason: str) -> str:
    if start.tzinfo is None or end.tzinfo is None:
        raise NearError("from/to need a time zone")
    if end <= start:
        raise NearError("'to' must be after 'from'")
    if end - start > MAX_WINDOW:
        raise NearError(f"the window is at most {MAX_WINDOW.days} days")
    reason = " ".join(reason.split())
    if len(reason) < MIN_REASON_CHARS:
        raise NearError(f"a reason is required (at least {MIN_REASON_CHARS} characters: the case or request)")
    return reason


def who_was_here(session: Session, user: object, lat: float, lon: float, radius_m: float, start: datetime,
                 end: datetime, reason: str, *, with_tracks: bool = True) -> NearResult:
    """A circle: search, check access, audit; in the caller's transaction (it commits the audit rows)."""
    return who_was_in(session, user, CircleArea(lat, lon, radius_m), start, end, reason, with_tracks=with_tracks)


def _where(area: Area, start: datetime, end: datetime) -> dict[str, Any]:
    """What the audit row records of the search (before validation: also on a refusal)."""
    if isinstance(area, PolygonArea):
        return {"polygon": [[lat, lon] for lat, lon in area.vertices], "from": start, "to": end}
    return {"lat": area.lat, "lon": area.lon, "radius_m": area.radius_m, "from": start, "to": end}


def who_was_in(session: Session, user: object, area: Area, start: datetime, end: datetime, reason: str, *,
               with_tracks: bool = True) -> NearResult:
    """Who had a fix in the area (circle or polygon) within the window: access, audit, hits and tracks.

    In the caller's transaction (it commits the audit rows); the refusal is audited too.
    """
    where = _where(area, start, end)
    account = access.checked_account(session, user, "positions", "", action="near_search", **where)
    if not isinstance(user, CurrentUser):
        access.refuse(session, user, access.AccessDenied(
            NOT_AUTHENTICATED, "'Who was here' is searched by a named supervisor who gave their password: "
                               "use --as LOGIN."), "positions", "", **where)
    if not access.may(account, access.Action.NEAR_SEARCH):
        access.refuse(session, user, access.AccessDenied(
            access.denied_code(access.Action.NEAR_SEARCH), "Only a supervisor searches who was at a place."),
            "positions", "", **where)
    size = 0.0
    if isinstance(area, PolygonArea):
        poly, size = validate_polygon(area)
        lat, lon, radius_m = poly.centroid.y, poly.centroid.x, 0.0
        inside = prep(poly)

        def within(plat: float, plon: float) -> float | None:
            return distance_m(lat, lon, plat, plon) if inside.covers(Point(plon, plat)) else None

        lon0, lat0, lon1, lat1 = poly.bounds
        box = (lat0, lat1, lon0, lon1)
        pg_filter = (text(f"postgis.ST_DWithin({PG_GEOGRAPHY}, postgis.ST_GeogFromText(:qwkt), :qr)")
                     .bindparams(qwkt=poly.wkt, qr=PG_POLYGON_MARGIN_M))
    else:
        _validate_circle(area)
        lat, lon, radius_m = area.lat, area.lon, area.radius_m

        def within(plat: float, plon: float) -> float | None:
            d = distance_m(lat, lon, plat, plon)
            return d if d <= radius_m else None

        box = _box(lat, lon, radius_m)
        pg_filter = (text(f"postgis.ST_DWithin({PG_GEOGRAPHY}, {pg_point(':qlon', ':qlat')}, :qr)")
                     .bindparams(qlon=lon, qlat=lat, qr=radius_m * 1.001))
    reason = _validate(start, end, reason)
    engine, candidates = _candidates(session, box, pg_filter, start, end)
    closest: dict[int, tuple[float, int, Fix]] = {}  # device -> (distance, fixes within, closest fix)
    for device_id, t, plat, plon in candidates:
        d = within(plat, plon)
        if d is None:
            continue
        best = closest.get(device_id)
        if best is None or d < best[0]:
            closest[device_id] = (d, (best[1] if best else 0) + 1, Fix(t, plat, plon))
        else:
            closest[device_id] = (best[0], best[1] + 1, best[2])
    hits, hidden = _attribute(session, account, closest, start, end)
    if with_tracks:
        for hit in hits:
            hit.track = track(session, hit.person_id, start, end)
    polygon = area.vertices if isinstance(area, PolygonArea) else ()
    name = user_names(session, {account.login})[account.login]
    result = NearResult(lat, lon, radius_m, start, end, reason, account.login, engine, hits, hidden, polygon, size,
                        name)
    extra = {"centroid": [lat, lon], "area_m2": round(size, 1)} if polygon else {}
    audit.record(session, user, "near_search", "positions", "", reason=reason, engine=engine, hidden=hidden,
                 persons=[h.person_id for h in hits], **where, **extra)
    return result


def _box(lat: float, lon: float, radius_m: float) -> tuple[float, float, float, float]:
    dlat = math.degrees(radius_m / EARTH_RADIUS_M)
    dlon = dlat / max(math.cos(math.radians(lat)), 1e-6)
    return lat - dlat, lat + dlat, lon - dlon, lon + dlon


def spatial_engine(session: Session) -> str:
    """Which index answers on this database: ``rtree``, ``postgis`` or ``scan``."""
    bind = session.get_bind()
    if bind.dialect.name == "sqlite":
        found = session.execute(text("SELECT 1 FROM sqlite_master WHERE name = :n"), {"n": RTREE}).first()
        return "rtree" if found else "scan"
    if bind.dialect.name == "postgresql":
        found = session.execute(text("SELECT 1 FROM pg_indexes WHERE indexname = 'ix_position_geo'")).first()
        return "postgis" if found else "scan"
    return "scan"


def _candidates(session: Session, box: tuple[float, float, float, float], pg_filter: Any, start: datetime,
                end: datetime) -> tuple[str, Sequence[Any]]:
    """Fixes of the window in the area's box (R*Tree), near its geography (PostGIS) or box (scan)."""
    lat0, lat1, lon0, lon1 = box
    engine = spatial_engine(session)
    base = select(Position.device_id, Position.time, Position.lat, Position.lon).where(
        Position.time >= start, Position.time <= end)
    if engine == "rtree":
        r = table(RTREE, column("id"), column("lat0"), column("lat1"), column("lon0"), column("lon1"),
                  column("t0"), column("t1"))
        # the R*Tree keeps 32-bit floats rounded outwards: a superset, filtered exactly on the position.
        # "id IN (R*Tree search)": with statistics, a join let SQLite drive from positions instead
        in_box = select(r.c.id).where(
            r.c.lat1 >= lat0, r.c.lat0 <= lat1, r.c.lon1 >= lon0, r.c.lon0 <= lon1,
            r.c.t1 >= math.floor(start.timestamp()) - 1, r.c.t0 <= math.ceil(end.timestamp()) + 1)
        query = base.where(Position.id.in_(in_box))
    elif engine == "postgis":
        query = base.where(pg_filter)
    else:
        query = base.where(Position.lat.between(lat0, lat1), Position.lon.between(lon0, lon1))
    return engine, session.execute(query).all()


def _attribute(session: Session, account: access.Account, closest: dict[int, tuple[float, int, Fix]],
               start: datetime, end: datetime) -> tuple[list[NearHit], int]:
    """The person each device was issued to at the time of its closest fix; districts filtered."""
    if not closest:
        return [], 0
    rows = session.execute(
        select(Assignment.device_id, Assignment.issued_at, Assignment.returned_at, Person, Device.serial)
        .join(Person, Person.id == Assignment.person_id).join(Device, Device.id == Assignment.device_id)
        .where(Assignment.device_id.in_(list(closest)), Assignment.issued_at <= end)
    ).all()
    by_person: dict[int, NearHit] = {}
    hidden: set[int] = set()
    for device_id, issued, returned, person, serial in rows:
        d, n, fix = closest[device_id]
        if fix.time < issued or (returned is not None and fix.time >= returned):
            continue
        if not access.covers(account, person.district):
            hidden.add(person.id)
            continue
        hit = by_person.get(person.id)
        if hit is None or d < hit.distance_m:
            total = n + (hit.fixes_within if hit else 0)
            by_person[person.id] = NearHit(person.id, person.full_name, person.district or "", serial, fix, d, total)
        else:
            hit.fixes_within += n
    return sorted(by_person.values(), key=lambda h: (h.distance_m, h.closest.time)), len(hidden)


def track(session: Session, person_id: int, start: datetime, end: datetime) -> list[Fix]:
    """The person's fixes in the window, from every device issued to them then (oldest first)."""
    devices = session.execute(
        select(Assignment.device_id, Assignment.issued_at, Assignment.returned_at)
        .where(Assignment.person_id == person_id, Assignment.issued_at <= end)
    ).all()
    fixes: list[Fix] = []
    for device_id, issued, returned in devices:
        lo, hi = max(start, issued), end if returned is None else min(end, returned)
        if lo >= hi:
            continue
        fixes += [Fix(t, la, lo_) for t, la, lo_ in session.execute(
            select(Position.time, Position.lat, Position.lon)
            .where(Position.device_id == device_id, Position.time >= lo, Position.time < hi)
            .order_by(Position.time).limit(MAX_TRACK_POINTS))]
    return sorted(fixes, key=lambda f: f.time)[:MAX_TRACK_POINTS]
