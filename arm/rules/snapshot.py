"""The supervision data the engine evaluates against, read from the database.

The engine runs on hot paths (every stored event), so it works on an
in-memory snapshot of who is supervised, with which restrictions, zones and
devices; the snapshot is re-read periodically and whenever an event names a
device the snapshot does not know.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, inspect, select
from sqlalchemy.orm import Session

from arm.device_health import heartbeat_or_default
from arm.rules.schedule import ScheduleError, validate_schedule
from db.models import Assignment, Device, DeviceStatus, Person, Restriction, RestrictionKind, Zone, ZoneSchedule
from db.models_caseload import CaseloadRevision

log = logging.getLogger("arm.rules")

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
    #: zone id -> the zone's own schedule windows (no entry, or an empty list: always)
    zone_schedules: dict[int, list[dict[str, Any]]] = field(default_factory=dict)
    #: zone id -> the zone's name, for alarm explanations ("left the permitted zone “Home district”")
    zone_names: dict[int, str] = field(default_factory=dict)

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
            d.id, d.serial, str(d.type), str(d.status), heartbeat_or_default(d.heartbeat_s), d.last_contact, None
        )
    for a in session.scalars(select(Assignment).where(Assignment.returned_at.is_(None))):
        if a.device_id in devices and a.person_id in persons:
            devices[a.device_id].person_id = a.person_id
            persons[a.person_id].device_ids.append(a.device_id)
    rows = list(session.scalars(select(Zone)))
    zones = [(z.id, z.geometry, float(z.buffer_m or 0.0)) for z in rows]
    return Snapshot(persons, devices, zones, load_zone_schedules(session), {z.id: z.name or "" for z in rows})


def _has_zone_schedules(session: Session) -> bool:
    return inspect(session.connection()).has_table("zone_schedules")


def load_zone_schedules(session: Session) -> dict[int, list[dict[str, Any]]]:
    """The zones' own schedules, as saved by the zone editor.

    A schedule the engine cannot read (bad time, bad weekday) is logged and
    treated as "always": a broken schedule must not switch a court-ordered
    zone off. Without the table (a database not upgraded to the map branch)
    every zone applies always.
    """
    if not _has_zone_schedules(session):
        return {}
    result: dict[int, list[dict[str, Any]]] = {}
    for zone_id, schedule in session.execute(select(ZoneSchedule.zone_id, ZoneSchedule.schedule)):
        if not schedule:
            continue
        try:
            validate_schedule(schedule)
        except (ScheduleError, AttributeError, TypeError) as exc:
            log.warning("zone %s: schedule %r ignored (zone applies always): %s", zone_id, schedule, exc)
            continue
        result[int(zone_id)] = list(schedule)
    return result


def zones_fingerprint(session: Session) -> tuple[Any, ...]:
    """A cheap summary that changes whenever a zone, a zone schedule or the set of restrictions changes.

    The zone editor (``maps/``) does not notify the rules runtime; the
    runtime compares this on every tick and reloads the snapshot when it
    differs, so an edited zone or schedule applies within one tick rather
    than one ``reload_s``.
    """
    zones = session.execute(select(func.count(Zone.id), func.max(Zone.id), func.max(Zone.created_at),
                                   func.max(Zone.updated_at))).one()
    restrictions = session.execute(select(func.count(Restriction.id), func.max(Restriction.id))).one()
    schedules: tuple[Any, ...] = ()
    if _has_zone_schedules(session):
        schedules = tuple(session.execute(select(func.count(), func.max(ZoneSchedule.updated_at))
                                          .select_from(ZoneSchedule)).one())
    revision: tuple[Any, ...] = ()
    if inspect(session.connection()).has_table("caseload_revision"):  # caseload services' change counter
        revision = (session.scalar(select(CaseloadRevision.revision).where(CaseloadRevision.id == 1)),)
    return (*zones, *restrictions, *schedules, *revision)


ZONE_KINDS = {RestrictionKind.EXCLUSION_ZONE.value, RestrictionKind.INCLUSION_ZONE.value}
