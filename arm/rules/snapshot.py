"""The supervision data the engine evaluates against, read from the database.

The engine runs on hot paths (every stored event), so it works on an
in-memory snapshot of who is supervised, with which restrictions, zones and
devices; the snapshot is re-read periodically and whenever an event names a
device the snapshot does not know.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import Assignment, Device, DeviceStatus, Person, Restriction, RestrictionKind, Zone

#: Device statuses that mean "this device can monitor someone".
WORKING_STATUSES = frozenset({DeviceStatus.ISSUED, DeviceStatus.IN_STOCK, DeviceStatus.UNREGISTERED})


@dataclass(frozen=True, slots=True)
class RestrictionRule:
    id: int
    kind: str
    zone_id: int | None
    schedule: list[dict[str, Any]] | None
    valid_from: datetime
    valid_until: datetime | None


@dataclass(slots=True)
class PersonRules:
    id: int
    district: str
    supervision_start: date
    supervision_end: date | None
    deregistered_on: date | None
    home: tuple[float, float] | None
    home_radius_m: float
    restrictions: list[RestrictionRule] = field(default_factory=list)
    device_ids: list[int] = field(default_factory=list)

    def supervised_on(self, day: date) -> bool:
        if day < self.supervision_start:
            return False
        if self.supervision_end is not None and day > self.supervision_end:
            return False
        return self.deregistered_on is None or day < self.deregistered_on

    def of_kind(self, kind: str) -> list[RestrictionRule]:
        return [r for r in self.restrictions if r.kind == kind]


@dataclass(slots=True)
class DeviceInfo:
    id: int
    serial: str
    type: str
    status: str
    heartbeat_s: int
    last_contact: datetime | None
    person_id: int | None


@dataclass(slots=True)
class Snapshot:
    persons: dict[int, PersonRules]
    devices: dict[int, DeviceInfo]
    zones: list[tuple[int, dict[str, Any], float]]

    def zone_ids(self) -> set[int]:
        return {z for z, _, _ in self.zones}


def load_snapshot(session: Session) -> Snapshot:
    """Read persons, their restrictions, current assignments and all zones."""
    persons: dict[int, PersonRules] = {}
    for p in session.scalars(select(Person)):
        home = (p.home_lat, p.home_lon) if p.home_lat is not None and p.home_lon is not None else None
        persons[p.id] = PersonRules(
            p.id, p.district or "", p.supervision_start, p.supervision_end, p.deregistered_on,
            home, float(p.home_radius_m or 50.0),
        )
    for r in session.scalars(select(Restriction)):
        if r.person_id in persons:
            persons[r.person_id].restrictions.append(
                RestrictionRule(r.id, str(r.kind), r.zone_id, r.schedule, r.valid_from, r.valid_until)
            )
    devices: dict[int, DeviceInfo] = {}
    for d in session.scalars(select(Device)):
        devices[d.id] = DeviceInfo(
            d.id, d.serial, str(d.type), str(d.status), int(d.heartbeat_s or 300), d.last_contact, None
        )
    for a in session.scalars(select(Assignment).where(Assignment.returned_at.is_(None))):
        if a.device_id in devices and a.person_id in persons:
            devices[a.device_id].person_id = a.person_id
            persons[a.person_id].device_ids.append(a.device_id)
    zones = [(z.id, z.geometry, float(z.buffer_m or 0.0)) for z in session.scalars(select(Zone))]
    return Snapshot(persons, devices, zones)


ZONE_KINDS = {RestrictionKind.EXCLUSION_ZONE.value, RestrictionKind.INCLUSION_ZONE.value}
