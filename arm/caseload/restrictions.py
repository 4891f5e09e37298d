"""Add and end a person's court-ordered restrictions: checked, access-checked, audited.

A restriction belongs to a person, so the person's district decides who may
write it. Zone restrictions name a zone; curfews carry a schedule in the
format of ``arm.rules.schedule``. Audit actions: ``restriction.create``,
``restriction.end``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.orm import Session

from arm import audit
from arm.caseload.rights import Actor, Area, require_write
from arm.rules.schedule import ScheduleError, validate_schedule
from db.models import Person, Restriction, RestrictionKind, Zone

#: Kinds that mean nothing without a zone (a travel permission may name one).
NEEDS_ZONE = frozenset({RestrictionKind.EXCLUSION_ZONE, RestrictionKind.INCLUSION_ZONE})


class RestrictionInvalid(ValueError):
    """A refused restriction; ``code`` is stable, the text is English."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


@dataclass(frozen=True, slots=True)
class RestrictionDraft:
    person_id: int
    kind: str  # a RestrictionKind value
    valid_from: datetime  # aware UTC
    valid_until: datetime | None = None
    zone_id: int | None = None
    schedule: list[dict[str, Any]] | None = None
    note: str = ""


def _person(session: Session, person_id: int) -> Person:
    person = session.get(Person, person_id)
    if person is None:
        raise RestrictionInvalid("no_person", "The person is not in the register.")
    return person


def add_restriction(session: Session, actor: Actor, draft: RestrictionDraft) -> int:
    """Add one restriction to a person; returns its id."""
    person = _person(session, draft.person_id)
    require_write(actor, Area.RESTRICTIONS, person.district, session=session)
    try:
        kind = RestrictionKind(draft.kind)
    except ValueError:
        raise RestrictionInvalid("bad_kind", f"Unknown restriction kind {draft.kind!r}.") from None
    if kind in NEEDS_ZONE and draft.zone_id is None:
        raise RestrictionInvalid("no_zone", "A zone restriction needs a zone.")
    if draft.zone_id is not None and session.get(Zone, draft.zone_id) is None:
        raise RestrictionInvalid("no_zone", "The zone no longer exists.")
    if draft.valid_until is not None and draft.valid_until <= draft.valid_from:
        raise RestrictionInvalid("bad_validity", "The restriction ends before it starts.")
    if draft.schedule:
        try:
            validate_schedule(draft.schedule)
        except ScheduleError as exc:
            raise RestrictionInvalid("bad_schedule", str(exc)) from exc
    row = Restriction(person_id=person.id, kind=kind, zone_id=draft.zone_id, schedule=draft.schedule,
                      valid_from=draft.valid_from, valid_until=draft.valid_until, note=draft.note,
                      created_at=datetime.now(UTC))
    session.add(row)
    session.flush()
    audit.record(session, actor, "restriction.create", "restriction", row.id, person_id=person.id,
                 kind=str(kind), zone_id=draft.zone_id, valid_from=draft.valid_from,
                 valid_until=draft.valid_until)
    return row.id


def end_restriction(session: Session, actor: Actor, restriction_id: int, at: datetime | None = None) -> None:
    """End a restriction at ``at`` (now by default); its history stays."""
    row = session.get(Restriction, restriction_id)
    if row is None:
        raise RestrictionInvalid("no_restriction", "The restriction no longer exists.")
    require_write(actor, Area.RESTRICTIONS, _person(session, row.person_id).district, session=session)
    end = at or datetime.now(UTC)
    if end <= row.valid_from:
        raise RestrictionInvalid("bad_validity", "The restriction ends before it starts.")
    row.valid_until = end
    audit.record(session, actor, "restriction.end", "restriction", row.id, person_id=row.person_id, valid_until=end)
