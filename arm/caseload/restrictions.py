"""Add and end a person's court-ordered restrictions: checked, access-checked, audited.

A restriction belongs to a person, so the person's district decides who may
write it. Zone restrictions name a zone; curfews carry a schedule in the
format of ``arm.rules.schedule`` (weekly windows, single-date windows and
exceptions). Every write bumps the caseload revision, so a running rules
engine applies it at its next tick. Audit actions: ``restriction.create``,
``restriction.change``, ``restriction.end``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from arm import audit
from arm.caseload.revision import bump
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


def check_restriction(session: Session, person: Person, draft: RestrictionDraft,
                      replacing: int | None = None) -> RestrictionKind:
    """Refuse a restriction that cannot be applied or contradicts one the person has; returns its kind.

    Codes: ``bad_kind``, ``no_zone``, ``bad_zone_kind`` (an exclusion
    restriction on an inclusion zone...), ``bad_validity`` (no end before the
    start; a travel permission needs its end), ``bad_schedule`` (``25:00``,
    weekday 7, a bad date; the message names the window), ``overlap`` (the
    same kind and zone already applies in part of this period: end it
    first), ``contradiction`` (a zone both forbidden and required, a travel
    permission for a zone the person is not bound to). ``replacing`` is a
    restriction left out of the comparison (the one a change replaces).
    """
    try:
        kind = RestrictionKind(draft.kind)
    except ValueError:
        raise RestrictionInvalid("bad_kind", f"kind: unknown restriction kind {draft.kind!r}.") from None
    if kind in NEEDS_ZONE and draft.zone_id is None:
        raise RestrictionInvalid("no_zone", "zone: a zone restriction needs a zone.")
    zone = session.get(Zone, draft.zone_id) if draft.zone_id is not None else None
    if draft.zone_id is not None and zone is None:
        raise RestrictionInvalid("no_zone", "zone: the zone no longer exists.")
    if kind in (RestrictionKind.CURFEW, RestrictionKind.ALCOHOL_BAN) and zone is not None:
        raise RestrictionInvalid("bad_zone_kind", f"zone: a {kind} names no zone.")
    expected = {RestrictionKind.EXCLUSION_ZONE: "exclusion", RestrictionKind.INCLUSION_ZONE: "inclusion",
                RestrictionKind.TRAVEL_PERMISSION: "inclusion"}.get(kind)
    if zone is not None and expected and str(zone.kind) not in (expected, "home"):
        raise RestrictionInvalid("bad_zone_kind", f"zone: “{zone.name}” is an {zone.kind} zone, not {expected}.")
    if draft.valid_from.tzinfo is None or (draft.valid_until is not None and draft.valid_until.tzinfo is None):
        raise RestrictionInvalid("bad_validity", "valid_from: a time with its zone is needed.")
    if draft.valid_until is not None and draft.valid_until <= draft.valid_from:
        raise RestrictionInvalid("bad_validity", "valid_until: the restriction ends before it starts.")
    if kind == RestrictionKind.TRAVEL_PERMISSION and draft.valid_until is None:
        raise RestrictionInvalid("bad_validity", "valid_until: a travel permission needs its end.")
    if draft.schedule:
        for n, window in enumerate(draft.schedule):
            try:
                if not isinstance(window, dict):
                    raise ScheduleError("not a window")
                validate_schedule([window])
            except ScheduleError as exc:
                raise RestrictionInvalid("bad_schedule", f"schedule[{n}]: {exc}") from exc
    others = [r for r in session.scalars(select(Restriction).where(Restriction.person_id == person.id))
              if r.id != replacing and _overlaps(r.valid_from, r.valid_until, draft.valid_from, draft.valid_until)]
    for other in others:
        if str(other.kind) == kind.value and other.zone_id == draft.zone_id and kind != RestrictionKind.TRAVEL_PERMISSION:
            raise RestrictionInvalid("overlap", f"valid_from: a {kind} of this person already applies then "
                                                f"(restriction {other.id}); end or change it first.")
        pair = {str(other.kind), kind.value}
        if (zone is not None and other.zone_id == zone.id
                and pair == {RestrictionKind.EXCLUSION_ZONE.value, RestrictionKind.INCLUSION_ZONE.value}):
            raise RestrictionInvalid("contradiction", f"zone: “{zone.name}” would be both forbidden and required "
                                                      f"(restriction {other.id}).")
    if kind == RestrictionKind.TRAVEL_PERMISSION and zone is not None and not any(
            str(o.kind) == RestrictionKind.INCLUSION_ZONE.value and o.zone_id == zone.id for o in others):
        raise RestrictionInvalid("contradiction", f"zone: the person has no inclusion zone “{zone.name}” "
                                                  "in that period to travel out of.")
    return kind


def _overlaps(a_from: datetime, a_until: datetime | None, b_from: datetime, b_until: datetime | None) -> bool:
    return (a_until is None or b_from < a_until) and (b_until is None or a_from < b_until)


def add_restriction(session: Session, actor: Actor, draft: RestrictionDraft) -> int:
    """Add one restriction to a person (checked by :func:`check_restriction`); returns its id."""
    person = _person(session, draft.person_id)
    require_write(actor, Area.RESTRICTIONS, person.district, session=session)
    if person.deregistered_on is not None:
        raise RestrictionInvalid("deregistered", "The person is deregistered: no restriction can be added.")
    kind = check_restriction(session, person, draft)
    row = Restriction(person_id=person.id, kind=kind, zone_id=draft.zone_id, schedule=draft.schedule,
                      valid_from=draft.valid_from, valid_until=draft.valid_until, note=draft.note,
                      created_at=datetime.now(UTC))
    session.add(row)
    session.flush()
    bump(session)
    audit.record(session, actor, "restriction.create", "restriction", row.id, person_id=person.id,
                 kind=str(kind), zone_id=draft.zone_id, valid_from=draft.valid_from,
                 valid_until=draft.valid_until, schedule=draft.schedule)
    return row.id


def change_restriction(session: Session, actor: Actor, restriction_id: int, draft: RestrictionDraft) -> int:
    """A changed restriction: the old one ends where the new one starts (history kept); returns the new id.

    A new start at or before the old one's replaces it from its own start.
    """
    row = session.get(Restriction, restriction_id)
    if row is None:
        raise RestrictionInvalid("no_restriction", "The restriction no longer exists.")
    person = _person(session, row.person_id)
    require_write(actor, Area.RESTRICTIONS, person.district, session=session)
    if draft.person_id != row.person_id:
        raise RestrictionInvalid("no_person", "A restriction cannot move to another person.")
    kind = check_restriction(session, person, draft, replacing=row.id)
    end = max(draft.valid_from, row.valid_from + timedelta(seconds=1))
    if row.valid_until is None or row.valid_until > end:
        row.valid_until = end
    new = Restriction(person_id=person.id, kind=kind, zone_id=draft.zone_id, schedule=draft.schedule,
                      valid_from=draft.valid_from, valid_until=draft.valid_until, note=draft.note,
                      created_at=datetime.now(UTC))
    session.add(new)
    session.flush()
    bump(session)
    audit.record(session, actor, "restriction.change", "restriction", new.id, person_id=person.id,
                 replaces=row.id, kind=str(kind), zone_id=draft.zone_id, valid_from=draft.valid_from,
                 valid_until=draft.valid_until, schedule=draft.schedule)
    return new.id


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
    bump(session)
    audit.record(session, actor, "restriction.end", "restriction", row.id, person_id=row.person_id, valid_until=end)
