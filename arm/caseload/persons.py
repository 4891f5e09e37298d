"""Create and update a supervised person: validated, access-checked and audited in one transaction.

The checks are ``db.validation.validate_person`` plus the database's own rule
that an IIN is unique; nothing is written unless every field is valid.
Audit actions: ``person_create`` (detail ``fields``: every field given) and
``person_update`` (detail ``fields``: the fields that changed).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from arm import audit
from arm.caseload import reference
from arm.caseload.revision import bump
from arm.caseload.rights import Actor, Area, require_write
from db.models import Person
from db.validation import validate_person

#: English source of the one message the database adds to db.validation's (widgets translate it).
IIN_TAKEN = "Another person already has this IIN."


class PersonInvalid(ValueError):
    """The values were refused; ``errors`` maps each bad field to its (English) message."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))
        self.errors = errors


class PersonNotFound(LookupError):
    """The person to update is no longer in the register."""


@dataclass(frozen=True, slots=True)
class PersonDraft:
    """Every field of the person form; ``None`` where the form leaves a value out.

    The required fields may be ``None`` or wrongly typed here: the service
    reports them field by field (:class:`PersonInvalid`) rather than failing
    on construction, so a form can show every problem at once.
    """

    last_name: str = ""
    first_name: str = ""
    middle_name: str | None = None
    iin: str = ""
    birth_date: date | None = None
    category: str | None = None
    court_decision_no: str | None = None
    court_decision_date: date | None = None
    court_name: str | None = None
    supervision_start: date | None = None
    supervision_end: date | None = None
    address: str = ""
    home_lat: float | None = None
    home_lon: float | None = None
    region: str = ""
    district: str = ""
    officer: str = ""
    phone: str | None = None
    registered_on: date | None = None
    deregistered_on: date | None = None
    notes: str = ""

    @classmethod
    def from_values(cls, values: dict[str, Any]) -> PersonDraft:
        """The draft of a form's ``{field: value}``; unknown keys are refused (TypeError)."""
        return cls(**values)

    def values(self) -> dict[str, Any]:
        return asdict(self)


#: The draft's field names, in form order.
FIELDS = tuple(f.name for f in fields(PersonDraft))


@dataclass(frozen=True, slots=True)
class PersonSaved:
    person_id: int
    created: bool
    #: The fields written (all of them on create, those that changed on update).
    fields: tuple[str, ...]


def resolve_references(session: Session, region: str, district: str, officer: str
                       ) -> tuple[dict[str, str], dict[str, str]]:
    """(errors by field, codes) of a person's region, district and officer as typed or imported.

    The district is required and must be an active one of the reference list
    (a code, or a name in ru/kk/en: ``arm.caseload.reference.resolve_district``);
    the region, when given, must be the district's; the officer, when given,
    must be an active officer of that district. The codes are what is stored.
    """
    errors: dict[str, str] = {}
    codes = {"region": region or "", "district": district or "", "officer": officer or ""}
    region_code: str | None = None
    if (region or "").strip():
        try:
            region_code = reference.resolve_region(session, region)
        except reference.UnknownReference as exc:
            errors["region"] = str(exc)
    try:
        codes["district"] = reference.resolve_district(session, district or "", region_code)
    except reference.UnknownReference as exc:
        errors["district"] = str(exc)
        return errors, codes
    found = reference.district(session, codes["district"])
    if found is not None:
        if region_code and region_code != found.region_code:
            errors["region"] = f"The district {codes['district']} is not in the region {region_code}."
        codes["region"] = found.region_code
    if (officer or "").strip():
        try:
            codes["officer"] = reference.resolve_officer(session, officer, codes["district"])
        except reference.UnknownReference as exc:
            errors["officer"] = str(exc)
        else:
            row = reference.officer(session, codes["officer"])
            if row is not None and row.district_code != codes["district"]:
                errors["officer"] = f"{row.full_name} serves {row.district_code}, not {codes['district']}."
    return errors, codes


def person_errors(session: Session, draft: PersonDraft, person_id: int | None = None
                  ) -> tuple[dict[str, str], dict[str, Any]]:
    """(errors by field, the values to store: codes for region, district, officer); writes nothing."""
    values = draft.values()
    errors, references = resolve_references(session, draft.region, draft.district, draft.officer)
    values.update(references)
    errors = {**validate_person(values), **errors}
    clash = session.scalar(select(Person.id).where(Person.iin == values.get("iin")))
    if clash is not None and clash != person_id:
        errors.setdefault("iin", IIN_TAKEN)
    return errors, values


def save_person(session: Session, actor: Actor, draft: PersonDraft, person_id: int | None = None) -> PersonSaved:
    """Create (``person_id`` None) or update a person, with its audit row."""
    existing = None
    if person_id is not None:
        existing = session.get(Person, person_id)
        if existing is None:
            raise PersonNotFound(person_id)
    errors, values = person_errors(session, draft, person_id)
    require_write(actor, Area.PERSONS, values["district"], existing.district if existing is not None else None,
                  session=session)
    if errors:
        raise PersonInvalid(errors)
    if existing is None:
        person = Person(created_at=datetime.now(UTC), **values)
        session.add(person)
        written = tuple(sorted(values))
        action = "person_create"
    else:
        person = existing
        written = tuple(sorted(k for k, v in values.items() if getattr(person, k) != v))
        for key, value in values.items():
            setattr(person, key, value)
        action = "person_update"
    session.flush()
    bump(session)
    audit.record(session, actor, action, "person", person.id, fields=list(written))
    return PersonSaved(person.id, existing is None, written)
