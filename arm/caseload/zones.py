"""Create, update and delete a zone with its schedule: shape-checked, access-checked, audited.

The shape drawn on the map is checked again here with shapely
(:mod:`arm.caseload.zone_shapes`): the last word is the server side's, not the
page's. The schedule is kept in ``db.models.ZoneSchedule`` (one row per
zone). Audit actions: ``zone.create``, ``zone.update``, ``zone.delete``.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from arm import audit
from arm.caseload import reference
from arm.caseload.revision import bump
from arm.caseload.rights import Actor, Area, require_write
from arm.caseload.zone_shapes import validate
from db.models import Restriction, Zone, ZoneKind, ZoneSchedule


class ZoneNotFound(LookupError):
    """The zone to change is no longer there."""


class ZoneInUse(ValueError):
    """A restriction still refers to the zone; ``code`` is stable."""

    code = "zone_in_use"


@dataclass(frozen=True, slots=True)
class ZoneDraft:
    name: str
    kind: str  # a ZoneKind value
    #: What the map page drew: ``{"geometry": GeoJSON, "circle"?: {...}}`` or a bare GeoJSON geometry.
    geometry: dict[str, Any]
    buffer_m: float
    district: str
    #: ``[{"days": [0..6], "start": "HH:MM", "end": "HH:MM"}]``; empty means "always".
    schedule: list[dict[str, Any]] = field(default_factory=list)


def save_zone(session: Session, actor: Actor, zone_id: int | None, draft: ZoneDraft) -> int:
    """Create (``zone_id`` None) or update a zone and its schedule; returns the zone id."""
    zone = None
    if zone_id is not None:
        zone = session.get(Zone, zone_id)
        if zone is None:
            raise ZoneNotFound(f"zone {zone_id} no longer exists")
    if draft.district.strip():  # a code or an official name of the reference list; stored as the code
        draft = replace(draft, district=reference.resolve_district(session, draft.district))
    require_write(actor, Area.ZONES, draft.district, zone.district if zone is not None else None, session=session)
    shape = validate(draft.geometry)
    now = datetime.now(UTC)
    if zone is None:
        zone = Zone(name=draft.name, kind=ZoneKind(draft.kind), geometry=shape.geometry, buffer_m=draft.buffer_m,
                    district=draft.district, created_at=now)
        session.add(zone)
        session.flush()
        action = "zone.create"
    else:
        zone.name, zone.kind, zone.geometry = draft.name, ZoneKind(draft.kind), shape.geometry
        zone.buffer_m, zone.district, zone.updated_at = draft.buffer_m, draft.district, now
        action = "zone.update"
    sched = session.get(ZoneSchedule, zone.id)
    if sched is None:
        session.add(ZoneSchedule(zone_id=zone.id, schedule=draft.schedule, updated_at=now))
    else:
        sched.schedule, sched.updated_at = draft.schedule, now
    bump(session)
    audit.record(session, actor, action, "zone", zone.id, name=draft.name, kind=draft.kind,
                 buffer_m=draft.buffer_m, area_m2=round(shape.area_m2), circle=shape.is_circle,
                 schedule=draft.schedule)
    return zone.id


def delete_zone(session: Session, actor: Actor, zone_id: int) -> None:
    """Delete a zone no restriction refers to, with its schedule."""
    zone = session.get(Zone, zone_id)
    if zone is None:
        raise ZoneNotFound(f"zone {zone_id} no longer exists")
    require_write(actor, Area.ZONES, zone.district, session=session)
    if session.scalar(select(Restriction.id).where(Restriction.zone_id == zone_id).limit(1)) is not None:
        raise ZoneInUse(f"a restriction still refers to the zone {zone.name!r}")
    # a Core delete: the table has no ORM relationship to order it before the zone's
    session.execute(delete(ZoneSchedule).where(ZoneSchedule.zone_id == zone_id))
    name = zone.name
    session.delete(zone)
    session.flush()
    audit.record(session, actor, "zone.delete", "zone", zone_id, name=name)
