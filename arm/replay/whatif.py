"""What-if: the alarms a draft restriction or zone would have raised over the last days, before it is saved.

A supervisor drawing a new exclusion zone, or tightening a curfew, cannot
see today what it will do: a zone drawn across someone's daily route raises
an alarm every day. :func:`what_if` replays the stored events of the last
``days`` through the real rules engine with the draft added (to the persons
named, or to everyone supervised for a shared zone), in a scratch database,
and returns every activation of the draft's own conditions (each would have
called an operator, also a re-alarm of an alarm not yet closed): where and when, so the
zone editor can put them on the map and in a list. The live database is
only read (and the check audited); nothing is saved.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import select

from arm import audit
from arm.access import Action, require
from arm.replay.engine import ReplayOptions
from arm.replay.run import run_replay
from arm.rules.schedule import validate_schedule
from db.models import Assignment, Person, Restriction, RestrictionKind, Zone, ZoneKind, ZoneSchedule
from db.session import Database

#: restriction kinds a what-if check can try
DRAFT_KINDS = frozenset({RestrictionKind.CURFEW.value, RestrictionKind.EXCLUSION_ZONE.value,
                         RestrictionKind.INCLUSION_ZONE.value})
MAX_DAYS = 31


class WhatIfError(ValueError):
    """A draft the check cannot run; ``code`` is stable for the GUI's message."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


@dataclass(frozen=True, slots=True)
class DraftRule:
    """A restriction or zone as drafted in an editor, not saved.

    ``geometry`` is the zone as the map drew it (GeoJSON, or ``{"geometry": ...,
    "circle": ...}``); ``zone_id`` names a saved zone the draft replaces (its
    persons are checked when ``person_ids`` is None). ``schedule`` is the
    restriction's windows (a curfew's), ``zone_schedule`` the zone's own.
    """

    kind: str
    geometry: dict[str, Any] | None = None
    buffer_m: float = 0.0
    zone_schedule: list[dict[str, Any]] = field(default_factory=list)
    schedule: list[dict[str, Any]] | None = None
    zone_id: int | None = None


@dataclass(frozen=True, slots=True)
class WhatIfAlarm:
    """One time the draft would have called an operator: who, when, where (the deciding fix)."""

    person_id: int
    person_name: str
    kind: str
    at: datetime
    lat: float | None
    lon: float | None


@dataclass(slots=True)
class WhatIfResult:
    alarms: list[WhatIfAlarm]
    persons: int
    events: int
    start: datetime
    end: datetime
    seconds: float


def _check(draft: DraftRule) -> None:
    if draft.kind not in DRAFT_KINDS:
        raise WhatIfError("bad_kind", f"a what-if check tries {', '.join(sorted(DRAFT_KINDS))}, not {draft.kind!r}")
    if draft.kind != RestrictionKind.CURFEW.value and draft.geometry is None and draft.zone_id is None:
        raise WhatIfError("no_zone", "a zone restriction needs the drawn zone")
    try:
        validate_schedule(draft.schedule)
        validate_schedule(draft.zone_schedule)
    except ValueError as exc:
        raise WhatIfError("bad_schedule", str(exc)) from exc


def _persons(db: Database, draft: DraftRule, person_ids: Iterable[int] | None) -> dict[int, str]:
    """The persons to check: those given, those whose restrictions name the zone, or everyone with a device."""
    with db.session() as s:
        if person_ids is not None:
            wanted = set(person_ids)
        elif draft.zone_id is not None:
            wanted = set(s.scalars(select(Restriction.person_id).where(Restriction.zone_id == draft.zone_id)))
        else:
            wanted = set(s.scalars(select(Assignment.person_id).where(Assignment.returned_at.is_(None))))
        return {p.id: p.full_name for p in s.scalars(select(Person).where(Person.id.in_(wanted)))} if wanted else {}


def what_if(db: Database, actor: Any, draft: DraftRule, person_ids: Iterable[int] | None = None, days: float = 7,
            now: datetime | None = None) -> WhatIfResult:
    """The alarms ``draft`` would have raised over the last ``days`` (audited as ``what_if_check``)."""
    _check(draft)
    if not 0 < days <= MAX_DAYS:
        raise WhatIfError("bad_days", f"check between 1 and {MAX_DAYS} days back")
    end = (now or datetime.now(UTC)).astimezone(UTC)
    start = end - timedelta(days=days)
    with db.begin() as s:
        require(actor, Action.ALARM_FIGURES)
        persons = _persons(db, draft, person_ids)
        audit.record(s, actor, "what_if_check", "restriction", "", kind=draft.kind, zone_id=draft.zone_id,
                     persons=len(persons), days=days)
    with db.session() as s:
        device_ids = set(s.scalars(select(Assignment.device_id).where(Assignment.person_id.in_(persons))))
    if not persons:
        return WhatIfResult([], 0, 0, start, end, 0.0)
    added: set[int] = set()

    def prepare(scratch: Database) -> None:
        with scratch.begin() as sc:
            zone_id = None
            if draft.kind != RestrictionKind.CURFEW.value:
                saved = sc.get(Zone, draft.zone_id) if draft.zone_id is not None else None
                geometry = saved.geometry if draft.geometry is None and saved is not None else _zone_geometry(draft)
                kind = ZoneKind.EXCLUSION if draft.kind == RestrictionKind.EXCLUSION_ZONE.value else ZoneKind.INCLUSION
                zone = Zone(name="what-if", kind=kind, geometry=geometry, buffer_m=float(draft.buffer_m))
                sc.add(zone)
                sc.flush()
                zone_id = zone.id
                if draft.zone_schedule:
                    sc.add(ZoneSchedule(zone_id=zone.id, schedule=list(draft.zone_schedule), updated_at=end))
            rows = [Restriction(person_id=pid, kind=draft.kind, zone_id=zone_id, schedule=draft.schedule,
                                valid_from=start - timedelta(days=1), valid_until=None, note="what-if")
                    for pid in persons]
            sc.add_all(rows)
            sc.flush()
            added.update(r.id for r in rows)

    options = ReplayOptions(ack_after=None, close_after=None)
    report = run_replay(start, end, source=db, options=options, prepare=prepare, device_ids=device_ids)
    refs = {str(r) for r in added}  # a restriction's conditions carry its id as their ref (kind = restriction kind)
    alarms = [WhatIfAlarm(c.person_id, persons.get(c.person_id, ""), c.kind, c.at, c.lat, c.lon)
              for c in report.result.conditions if c.kind == draft.kind and c.ref in refs and c.person_id is not None]
    return WhatIfResult(alarms, len(persons), report.result.events, start, end, report.result.seconds)


def _zone_geometry(draft: DraftRule) -> dict[str, Any]:
    """The zone as stored: a drawn shape through the caseload's validation, or the saved zone's."""
    if draft.geometry is None:
        raise WhatIfError("no_zone", "a zone restriction needs the drawn zone")
    from arm.caseload.zone_shapes import ZoneShapeError, validate

    try:
        return validate(draft.geometry).geometry
    except ZoneShapeError as exc:
        raise WhatIfError("bad_zone", str(exc)) from exc
