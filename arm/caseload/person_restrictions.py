"""What the restrictions editor of a person's card reads and writes, as typed services (no Qt).

The editor composes the caseload services: a zone restriction may come with
its own new zone (a circle around the person's home, an address or a point
picked on the map), created by :func:`arm.caseload.zones.save_zone` and
attached by :func:`arm.caseload.restrictions.add_restriction` in the *same*
transaction, so a refused restriction leaves no orphan zone behind. Every
write is access-checked and audited by those services; the reads here check
that the account may see personal data (restrictions are part of the court
decision) and write no row.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from arm import access
from arm.caseload.restrictions import RestrictionDraft, RestrictionInvalid, add_restriction
from arm.caseload.rights import Actor
from arm.caseload.zones import ZoneDraft, save_zone
from db.models import Person, Restriction, RestrictionKind, Zone, ZoneKind

#: The zone kind a zone restriction's own new zone gets.
ZONE_KIND_OF = {
    RestrictionKind.EXCLUSION_ZONE.value: ZoneKind.EXCLUSION.value,
    RestrictionKind.INCLUSION_ZONE.value: ZoneKind.INCLUSION.value,
}
MIN_RADIUS_M, MAX_RADIUS_M = 20.0, 50_000.0


@dataclass(frozen=True, slots=True)
class ZoneChoice:
    """A zone of the library as the editor offers it."""

    id: int
    name: str
    kind: str
    district: str


@dataclass(frozen=True, slots=True)
class CircleZone:
    """A new circular zone for one restriction: centre (WGS84) and radius."""

    name: str
    lat: float
    lon: float
    radius_m: float


@dataclass(frozen=True, slots=True)
class RestrictionRow:
    id: int
    kind: str
    zone_id: int | None
    zone: str
    schedule: list[dict[str, Any]]
    valid_from: datetime
    valid_until: datetime | None
    note: str
    #: The zone's GeoJSON (``{"circle": ...}`` or a geometry) for the card's map, when it has one.
    geometry: dict[str, Any] | None = None


def zone_library(session: Session, actor: Actor) -> list[ZoneChoice]:
    """Exclusion and inclusion zones a restriction may name (home zones are the persons' own)."""
    access.checked_account(session, actor, "zone", "", operation="read.zones")
    rows = session.scalars(select(Zone).where(Zone.kind != ZoneKind.HOME).order_by(Zone.name))
    return [ZoneChoice(z.id, z.name, str(z.kind), z.district or "") for z in rows]


def person_home(session: Session, person_id: int) -> tuple[float, float, str] | None:
    """The person's home point and address, for "a circle around the home"."""
    person = session.get(Person, person_id)
    if person is None or person.home_lat is None or person.home_lon is None:
        return None
    return person.home_lat, person.home_lon, person.address or ""


def list_for_person(session: Session, actor: Actor, person_id: int) -> list[RestrictionRow]:
    """A person's restrictions, ended ones included, with their zones' shapes."""
    account = access.checked_account(session, actor, "person", person_id, operation=str(access.Action.PERSON_VIEW))
    person = session.get(Person, person_id)
    if person is None:
        raise RestrictionInvalid("no_person", "The person is not in the register.")
    if not (access.may(account, access.Action.PERSON_VIEW) and access.covers(account, person.district)):
        return []
    rows = session.execute(
        select(Restriction, Zone).outerjoin(Zone, Zone.id == Restriction.zone_id)
        .where(Restriction.person_id == person_id).order_by(Restriction.valid_from, Restriction.id)
    )
    return [
        RestrictionRow(r.id, str(r.kind), r.zone_id, z.name if z else "", list(r.schedule or []), r.valid_from,
                       r.valid_until, r.note or "", z.geometry if z else None)
        for r, z in rows
    ]


def add_with_zone(session: Session, actor: Actor, draft: RestrictionDraft, circle: CircleZone | None = None) -> int:
    """Add a restriction; with ``circle``, first make its zone (in the person's district), all in one transaction."""
    if circle is None:
        return add_restriction(session, actor, draft)
    kind = ZONE_KIND_OF.get(draft.kind)
    if kind is None:
        raise RestrictionInvalid("bad_kind", "Only a zone restriction takes a zone.")
    if not MIN_RADIUS_M <= circle.radius_m <= MAX_RADIUS_M:
        raise RestrictionInvalid("bad_radius", f"The radius must be {MIN_RADIUS_M:.0f} to {MAX_RADIUS_M:.0f} m.")
    if not circle.name.strip():
        raise RestrictionInvalid("no_zone_name", "Give the zone a name.")
    person = session.get(Person, draft.person_id)
    if person is None:
        raise RestrictionInvalid("no_person", "The person is not in the register.")
    zone_id = save_zone(session, actor, None, ZoneDraft(
        name=circle.name.strip(), kind=kind, buffer_m=0.0, district=person.district or "",
        geometry={"circle": {"center": [circle.lon, circle.lat], "radius_m": circle.radius_m}},
    ))
    return add_restriction(session, actor, RestrictionDraft(
        person_id=draft.person_id, kind=draft.kind, valid_from=draft.valid_from, valid_until=draft.valid_until,
        zone_id=zone_id, schedule=draft.schedule, note=draft.note,
    ))
