""""Who was here": the persons whose device had a fix near a place within a time window.

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
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import column, select, table, text
from sqlalchemy.orm import Session

from arm import access, audit
from arm.auth import CurrentUser
from db.history import PG_GEOGRAPHY, RTREE, pg_point
from db.models import Assignment, Device, Person, Position

#: stable refusal and error codes
NOT_AUTHENTICATED = "near.not_authenticated"
REASON_REQUIRED = "near.reason_required"

MAX_RADIUS_M = 5_000.0
MAX_WINDOW = timedelta(days=31)
MIN_REASON_CHARS = 5
#: at most this many points of each person's track in the window
MAX_TRACK_POINTS = 5_000
EARTH_RADIUS_M = 6_371_008.8


class NearError(ValueError):
    """A search that cannot be run as asked (the message names the field)."""


@dataclass(frozen=True, slots=True)
class Fix:
    time: datetime
    lat: float
    lon: float


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

    def as_json(self) -> dict[str, Any]:
        def fix(f: Fix) -> dict[str, Any]:
            return {"time": f.time.isoformat(), "lat": f.lat, "lon": f.lon}

        return {
            "query": {"lat": self.lat, "lon": self.lon, "radius_m": self.radius_m, "from": self.start.isoformat(),
                      "to": self.end.isoformat(), "reason": self.reason, "searched_by": self.searched_by},
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


def _validate(lat: float, lon: float, radius_m: float, start: datetime, end: datetime, reason: str) -> str:
    if not -90 <= lat <= 90:
        raise NearError(f"latitude {lat} is outside -90..90")
    if not -180 <= lon <= 180:
        raise NearError(f"longitude {lon} is outside -180..180")
    if not 0 < radius_m <= MAX_RADIUS_M:
        raise NearError(f"radius {radius_m} m: give 1 to {MAX_RADIUS_M:.0f} m")
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
    """Search, check access, audit; in the caller's transaction (it commits the audit rows)."""
    where = {"lat": lat, "lon": lon, "radius_m": radius_m, "from": start, "to": end}
    account = access.checked_account(session, user, "positions", "", action="near_search", **where)
    if not isinstance(user, CurrentUser):
        access.refuse(session, user, access.AccessDenied(
            NOT_AUTHENTICATED, "'Who was here' is searched by a named supervisor who gave their password: "
                               "use --as LOGIN."), "positions", "", **where)
    if not access.may(account, access.Action.NEAR_SEARCH):
        access.refuse(session, user, access.AccessDenied(
            access.denied_code(access.Action.NEAR_SEARCH), "Only a supervisor searches who was at a place."),
            "positions", "", **where)
    reason = _validate(lat, lon, radius_m, start, end, reason)
    engine, candidates = _candidates(session, lat, lon, radius_m, start, end)
    closest: dict[int, tuple[float, int, Fix]] = {}  # device -> (distance, fixes within, closest fix)
    for device_id, t, plat, plon in candidates:
        d = distance_m(lat, lon, plat, plon)
        if d > radius_m:
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
    result = NearResult(lat, lon, radius_m, start, end, reason, account.login, engine, hits, hidden)
    audit.record(session, user, "near_search", "positions", "", reason=reason, engine=engine, hidden=hidden,
                 persons=[h.person_id for h in hits], **where)
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


def _candidates(session: Session, lat: float, lon: float, radius_m: float, start: datetime,
                end: datetime) -> tuple[str, Sequence[Any]]:
    lat0, lat1, lon0, lon1 = _box(lat, lon, radius_m)
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
        query = base.where(text(f"postgis.ST_DWithin({PG_GEOGRAPHY}, {pg_point(':qlon', ':qlat')}, :qr)")
                           .bindparams(qlon=lon, qlat=lat, qr=radius_m * 1.001))
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
