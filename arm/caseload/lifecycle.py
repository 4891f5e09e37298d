"""A supervised person's life in the register: registration, change, transfer, deregistration.

Built on :func:`arm.caseload.persons.save_person` (field checks: IIN check
digit and its agreement with the birth date, category, supervision term,
region / district / officer from the reference lists). Registration also
needs the court decision. Transfer and deregistration are the supervisor's
(``Area.LIFECYCLE``): a transfer moves one person, a list, or the whole
caseload of an officer or a district to another district and officer;
deregistration ends every running restriction, returns every issued device
(the person leaves the live map, which shows open assignments) and keeps the
record. Each writes its audit rows and bumps the caseload revision in the
caller's transaction; a refusal leaves nothing written.

Audit actions: ``person_create``/``person_update`` (``save_person``),
``person.transfer``, ``person.deregister`` (and ``restriction.end``,
``device.return`` for what it ends).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from arm import audit
from arm.caseload import reference
from arm.caseload.persons import (
    FIELDS,
    PersonDraft,
    PersonInvalid,
    PersonNotFound,
    PersonSaved,
    person_errors,
    save_person,
)
from arm.caseload.revision import bump
from arm.caseload.rights import Actor, Area, require_write
from db.models import Assignment, Device, DeviceStatus, Person, Restriction

DESK_ZONE = ZoneInfo("Asia/Almaty")


@dataclass(frozen=True, slots=True)
class TransferResult:
    person_ids: tuple[int, ...]
    district: str
    officer: str


@dataclass(frozen=True, slots=True)
class Deregistered:
    person_id: int
    on: date
    ended_restrictions: tuple[int, ...]
    returned_devices: tuple[str, ...]


def register(session: Session, actor: Actor, draft: PersonDraft) -> PersonSaved:
    """Put a person under supervision: every field of ``save_person`` plus the court decision (number, date)."""
    errors: dict[str, str] = {}
    if not (draft.court_decision_no or "").strip():
        errors["court_decision_no"] = "Enter the number of the court decision."
    if not isinstance(draft.court_decision_date, date):
        errors["court_decision_date"] = "Enter the date of the court decision."
    elif isinstance(draft.supervision_start, date) and draft.court_decision_date > draft.supervision_start:
        errors["court_decision_date"] = "The court decision is dated after the supervision start."
    if draft.deregistered_on is not None:
        errors["deregistered_on"] = "A new registration cannot be deregistered already."
    if errors:  # with the other fields' problems, all at once
        raise PersonInvalid({**person_errors(session, draft)[0], **errors})
    return save_person(session, actor, draft)


def person_draft(person: Person) -> PersonDraft:
    """The draft of a stored person (codes as stored), for a change."""
    return PersonDraft(**{name: getattr(person, name) for name in FIELDS})


def change(session: Session, actor: Actor, person_id: int, **changes: Any) -> PersonSaved:
    """Change some fields of a registered person (``last_name=...``); the others stay."""
    person = session.get(Person, person_id)
    if person is None:
        raise PersonNotFound(person_id)
    unknown = set(changes) - set(FIELDS)
    if unknown:
        raise PersonInvalid({k: "Unknown field." for k in sorted(unknown)})
    return save_person(session, actor, replace(person_draft(person), **changes), person_id)


def transfer(session: Session, actor: Actor, person_ids: Sequence[int], district: str, officer: str = "",
             note: str = "") -> TransferResult:
    """Move persons to another district (code or name) and officer; the supervisor of both districts may."""
    try:
        code = reference.resolve_district(session, district)
    except reference.UnknownReference as exc:
        raise PersonInvalid({"district": str(exc)}) from None
    officer_code = ""
    if officer.strip():
        try:
            officer_code = reference.resolve_officer(session, officer, code)
        except reference.UnknownReference as exc:
            raise PersonInvalid({"officer": str(exc)}) from None
        found = reference.officer(session, officer_code)
        if found is not None and found.district_code != code:
            raise PersonInvalid({"officer": f"{found.full_name} serves {found.district_code}, not {code}."})
    region = reference.district(session, code)
    persons = [session.get(Person, pid) for pid in person_ids]
    missing = [pid for pid, p in zip(person_ids, persons, strict=True) if p is None]
    if missing:
        raise PersonNotFound(missing[0])
    present = [p for p in persons if p is not None]
    require_write(actor, Area.LIFECYCLE, code, *{p.district for p in present}, session=session,
                  object_type="person", object_id=",".join(str(p.id) for p in present)[:64])
    for person in present:
        before = (person.district, person.officer)
        person.district, person.officer = code, officer_code
        if region is not None:
            person.region = region.region_code
        audit.record(session, actor, "person.transfer", "person", person.id, district_before=before[0],
                     officer_before=before[1], district=code, officer=officer_code, note=note.strip())
    session.flush()
    bump(session)
    return TransferResult(tuple(p.id for p in present), code, officer_code)


def transfer_caseload(session: Session, actor: Actor, *, to_district: str, to_officer: str = "",
                      from_officer: str = "", from_district: str = "", note: str = "") -> TransferResult:
    """Move the whole caseload of an officer (code) or a district (code or name) that is still registered."""
    q = select(Person.id).where(Person.deregistered_on.is_(None))
    if from_officer:
        q = q.where(Person.officer == from_officer)
    if from_district:
        try:
            q = q.where(Person.district == reference.resolve_district(session, from_district, field="from_district"))
        except reference.UnknownReference as exc:
            raise PersonInvalid({"from_district": str(exc)}) from None
    if not from_officer and not from_district:
        raise PersonInvalid({"from_officer": "Name the officer or the district whose caseload moves."})
    ids = list(session.scalars(q.order_by(Person.id)))
    return transfer(session, actor, ids, to_district, to_officer, note)


def deregister(session: Session, actor: Actor, person_id: int, on: date | None = None, reason: str = "") -> Deregistered:
    """Take a person off supervision on ``on`` (today, desk time): restrictions end, devices come back.

    Restrictions still running at the end of that day end then (those starting
    later are ended at their own start's second); every open assignment is
    closed and its device returned to stock. The person stays in the register.
    """
    person = session.get(Person, person_id)
    if person is None:
        raise PersonNotFound(person_id)
    require_write(actor, Area.LIFECYCLE, person.district, session=session, object_type="person", object_id=person_id)
    day = on or datetime.now(DESK_ZONE).date()
    if person.deregistered_on is not None:
        raise PersonInvalid({"deregistered_on": f"The person was deregistered on {person.deregistered_on}."})
    if day < person.registered_on:
        raise PersonInvalid({"deregistered_on": "The deregistration date is before the registration date."})
    now = datetime.now(UTC)
    end = min(now, datetime.combine(day, time.max, DESK_ZONE).astimezone(UTC)) if day <= now.astimezone(
        DESK_ZONE).date() else datetime.combine(day, time.max, DESK_ZONE).astimezone(UTC)
    ended: list[int] = []
    for row in session.scalars(select(Restriction).where(Restriction.person_id == person.id)):
        if row.valid_until is not None and row.valid_until <= end:
            continue
        row.valid_until = max(end, row.valid_from + timedelta(seconds=1))
        ended.append(row.id)
        audit.record(session, actor, "restriction.end", "restriction", row.id, person_id=person.id,
                     valid_until=row.valid_until, reason="deregistration")
    returned: list[str] = []
    for assignment in session.scalars(select(Assignment).where(Assignment.person_id == person.id,
                                                               Assignment.returned_at.is_(None))):
        assignment.returned_at = max(now, assignment.issued_at)
        assignment.returned_by = actor.login
        # deregistration is no return act: the names default as return_device's do
        assignment.returned_by_name = person.full_name[:200]
        assignment.return_technician_name = str(getattr(actor, "full_name", "") or actor.login)[:200]
        device = session.get(Device, assignment.device_id)
        if device is not None:
            device.status = DeviceStatus.IN_STOCK
            returned.append(device.serial)
            audit.record(session, actor, "device.return", "device", device.serial, person_id=person.id,
                         note="deregistration")
    person.deregistered_on = day
    session.flush()
    bump(session)
    audit.record(session, actor, "person.deregister", "person", person.id, on=day.isoformat(),
                 reason=reason.strip(), restrictions=ended, devices=returned)
    return Deregistered(person.id, day, tuple(ended), tuple(returned))
