"""Reference lists: regions, districts, probation offices, officers. Read by all, written by administrators.

Persons, users and zones store the *codes* of these rows (see
``db.models_caseload``); forms pick from :func:`districts` /
:func:`officers`, importers turn a written name into a code with
:func:`resolve_district` / :func:`resolve_officer`, and screens render a code
in the reader's language with :func:`label` (or :func:`labels` for a whole
table). Writes (:func:`add_region`, :func:`add_district`, :func:`add_office`,
:func:`add_officer`, :func:`rename`, :func:`set_active`) are for the
administrator only (``Area.REFERENCE``) and each writes its audit row
(``reference.add``, ``reference.rename``, ``reference.deactivate``,
``reference.activate``) in the caller's transaction. Rows are never deleted:
a deactivated one is still rendered where it is used but offered nowhere.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from sqlalchemy import select
from sqlalchemy.orm import Session

from arm import audit
from arm.caseload.rights import Actor, Area, require_write
from db.models_caseload import ProbationOffice, ProbationOfficer, RefDistrict, RefRegion
from db.reference import keys_of, normalise, office_code, office_names, units

LANGUAGES = ("ru", "kk", "en")


class RefKind(enum.StrEnum):
    REGION = "region"
    DISTRICT = "district"
    OFFICE = "office"
    OFFICER = "officer"


class ReferenceProblem(ValueError):
    """Base of the refusals below; ``code`` is stable, ``field`` names the value, the text is English."""

    def __init__(self, code: str, message: str, field: str = "") -> None:
        super().__init__(message)
        self.code = code
        self.field = field


class UnknownReference(ReferenceProblem):
    """The text names no active row (``reference.unknown``) or several (``reference.ambiguous``)."""


class ReferenceInvalid(ReferenceProblem):
    """A refused write: ``reference.code_taken``, ``reference.bad_code``, ``reference.name_required``,
    ``reference.no_parent``, ``reference.not_found``."""


@dataclass(frozen=True, slots=True)
class Names:
    ru: str
    kk: str
    en: str

    def get(self, lang: str) -> str:
        """The name in ``lang`` (``ru``, ``kk``, ``en``); Russian for any other."""
        return {"kk": self.kk, "en": self.en}.get(lang, self.ru) or self.ru


@dataclass(frozen=True, slots=True)
class Region:
    code: str
    kind: str  # "region" | "city" (of republican significance)
    names: Names
    active: bool


@dataclass(frozen=True, slots=True)
class District:
    code: str
    region_code: str
    kind: str  # "district" | "city" (of regional significance)
    names: Names
    aliases: tuple[str, ...]
    active: bool


@dataclass(frozen=True, slots=True)
class Office:
    code: str
    district_code: str
    names: Names
    address: str
    active: bool


@dataclass(frozen=True, slots=True)
class Officer:
    code: str
    full_name: str
    office_code: str
    district_code: str
    position: str
    login: str
    active: bool


# ---------------------------------------------------------------- reads (every role)
def regions(session: Session, *, include_inactive: bool = False) -> list[Region]:
    """Regions and cities of republican significance, in Russian alphabetical order."""
    q = select(RefRegion).order_by(RefRegion.name_ru)
    if not include_inactive:
        q = q.where(RefRegion.active.is_(True))
    return [Region(r.code, r.kind, Names(r.name_ru, r.name_kk, r.name_en), r.active) for r in session.scalars(q)]


def districts(session: Session, region: str | None = None, *, include_inactive: bool = False) -> list[District]:
    """Districts (and cities of regional significance), of one region when given, by Russian name."""
    q = select(RefDistrict).order_by(RefDistrict.region_code, RefDistrict.name_ru)
    if region:
        q = q.where(RefDistrict.region_code == region)
    if not include_inactive:
        q = q.where(RefDistrict.active.is_(True))
    return [_district(r) for r in session.scalars(q)]


def offices(session: Session, district: str | None = None, *, include_inactive: bool = False) -> list[Office]:
    q = select(ProbationOffice).order_by(ProbationOffice.district_code, ProbationOffice.name_ru)
    if district:
        q = q.where(ProbationOffice.district_code == district)
    if not include_inactive:
        q = q.where(ProbationOffice.active.is_(True))
    return [Office(o.code, o.district_code, Names(o.name_ru, o.name_kk, o.name_en), o.address, o.active)
            for o in session.scalars(q)]


def officers(session: Session, district: str | None = None, *, office: str | None = None,
             include_inactive: bool = False) -> list[Officer]:
    q = select(ProbationOfficer).order_by(ProbationOfficer.district_code, ProbationOfficer.full_name)
    if district:
        q = q.where(ProbationOfficer.district_code == district)
    if office:
        q = q.where(ProbationOfficer.office_code == office)
    if not include_inactive:
        q = q.where(ProbationOfficer.active.is_(True))
    return [_officer(o) for o in session.scalars(q)]


def district(session: Session, code: str) -> District | None:
    row = session.get(RefDistrict, code)
    return _district(row) if row is not None else None


def officer(session: Session, code: str) -> Officer | None:
    row = session.get(ProbationOfficer, code)
    return _officer(row) if row is not None else None


def labels(session: Session, lang: str = "ru") -> dict[str, str]:
    """Every code (region, district, office, officer) with its name in ``lang``: for tables and combo boxes."""
    out: dict[str, str] = {}
    for model in (RefRegion, RefDistrict, ProbationOffice):
        for code, ru, kk, en in session.execute(select(model.code, model.name_ru, model.name_kk, model.name_en)):
            out[code] = Names(ru, kk, en).get(lang)
    for code, name in session.execute(select(ProbationOfficer.code, ProbationOfficer.full_name)):
        out[code] = name
    return out


def label(code: str | None, lang: str = "ru", session: Session | None = None) -> str:
    """A code's name in ``lang``: the shipped list without a session, the database's (renames) with one.

    Text that is no code (a value stored before the reference lists) comes back as it is.
    """
    if not code:
        return ""
    if session is not None:
        rows = (session.get(RefDistrict, code), session.get(RefRegion, code), session.get(ProbationOffice, code))
        for row in rows:
            if row is not None:
                return Names(row.name_ru, row.name_kk, row.name_en).get(lang)
        officer_row = session.get(ProbationOfficer, code)
        if officer_row is not None:
            return officer_row.full_name
    names = _shipped().get(code)
    return names.get(lang) if names else code


@cache
def _shipped() -> dict[str, Names]:
    return {u.code: Names(u.name_ru, u.name_kk, u.name_en) for u in units()}


# ---------------------------------------------------------------- the screens' cached lookup
#: lang -> code -> name, as last read from the database by :func:`load_names` (renames, demo
#: officers); replaced whole, never mutated, so a paint on the GUI thread reads it while a worker loads.
_loaded: dict[str, dict[str, str]] = {}


@cache
def _shipped_names(lang: str) -> dict[str, str]:
    return {code: names.get(lang) for code, names in _shipped().items()}


def load_names(session: Session) -> None:
    """Read every code's name (all languages) into the cache :func:`name` answers from.

    Screens call it in their worker read before showing codes (a table repaint
    must not query); the writes below forget the cache, the next load reads it again.
    """
    global _loaded
    fresh: dict[str, dict[str, str]] = {}
    for lang in LANGUAGES:
        fresh[lang] = {**_shipped_names(lang), **labels(session, lang)}
    _loaded = fresh


def forget_names() -> None:
    """Drop the names read from the database (after a write, or another database)."""
    global _loaded
    _loaded = {}


def name(code: str | None, lang: str = "ru") -> str:
    """A code's name in ``lang`` without a query: the last :func:`load_names`, else the shipped list.

    One dictionary lookup (a table repaint calls it per cell); text that is no
    code comes back as it is, an empty code as "".
    """
    if not code:
        return ""
    found = (_loaded.get(lang) or _shipped_names(lang if lang in LANGUAGES else "ru")).get(code)
    if found is None and lang not in LANGUAGES:
        found = (_loaded.get("ru") or {}).get(code)
    return found if found is not None else code


def names_of(codes: Iterable[str], lang: str = "ru") -> str:
    """Several codes (a user's districts) as their names, comma-separated."""
    return ", ".join(name(c, lang) for c in codes if c)


# ---------------------------------------------------------------- resolving written names
def resolve_region(session: Session, text: str, *, field: str = "region") -> str:
    """The code of the active region ``text`` is (a code, or a name in any language)."""
    rows = session.scalars(select(RefRegion).where(RefRegion.active.is_(True))).all()
    candidates: dict[str, tuple[str, ...]] = {r.code: (r.code, r.name_ru, r.name_kk, r.name_en) for r in rows}
    return _pick(text, candidates, {}, None, field, "region")


def resolve_district(session: Session, text: str, region: str | None = None, *, field: str = "district") -> str:
    """The code of the active district ``text`` is: its code, or its name in ru/kk/en or an alias.

    Exact names win over names without their ``(region)`` qualifier; ``region``
    (a code) decides between districts of the same name. ``UnknownReference``
    otherwise, with ``field`` named.
    """
    rows = session.scalars(select(RefDistrict).where(RefDistrict.active.is_(True))).all()
    candidates = {r.code: (r.code, r.name_ru, r.name_kk, r.name_en, *_split(r.aliases)) for r in rows}
    parents = {r.code: r.region_code for r in rows}
    return _pick(text, candidates, parents, region, field, "district")


def resolve_officer(session: Session, text: str, district: str | None = None, *, field: str = "officer") -> str:
    """The code of the active officer ``text`` is: a code, or the full name (within ``district`` when given)."""
    if not (text or "").strip():
        raise UnknownReference("reference.unknown", "No officer given.", field)
    row = session.get(ProbationOfficer, text.strip())
    if row is not None and row.active:
        return row.code
    q = select(ProbationOfficer.code, ProbationOfficer.full_name).where(ProbationOfficer.active.is_(True))
    if district:
        q = q.where(ProbationOfficer.district_code == district)
    wanted = " ".join(text.split()).casefold()  # SQLite's lower() knows no Cyrillic: compared here
    found = [code for code, name in session.execute(q) if " ".join(name.split()).casefold() == wanted]
    if len(found) == 1:
        return found[0]
    code = "reference.ambiguous" if found else "reference.unknown"
    where = f" in {district}" if district else ""
    raise UnknownReference(code, f"No single officer {text!r}{where} in the reference list.", field)


def _split(aliases: str) -> tuple[str, ...]:
    return tuple(a for a in (aliases or "").split("|") if a)


def _pick(text: str, candidates: dict[str, tuple[str, ...]], parents: dict[str, str], region: str | None,
          field: str, what: str) -> str:
    key = normalise(text)
    if not key:
        raise UnknownReference("reference.unknown", f"No {what} given.", field)
    if text.strip() in candidates:
        return text.strip()
    exact: dict[str, set[str]] = {}
    loose: dict[str, set[str]] = {}
    for code, names in candidates.items():
        e, l_ = keys_of(names)
        for k in e:
            exact.setdefault(k, set()).add(code)
        for k in l_:
            loose.setdefault(k, set()).add(code)
    for table in (exact, loose):
        found = table.get(key, set())
        if len(found) > 1 and region:
            found = {c for c in found if parents.get(c) == region}
        if len(found) == 1:
            return next(iter(found))
        if found:
            raise UnknownReference(
                "reference.ambiguous",
                f"{text!r} names several {what}s ({', '.join(sorted(found))}); give the code or the region.",
                field)
    raise UnknownReference("reference.unknown", f"Unknown {what} {text!r}; see the reference list.", field)


# ---------------------------------------------------------------- writes (administrator)
_CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{1,63}$")


def _names(names: Names) -> Names:
    cleaned = Names(names.ru.strip(), names.kk.strip(), names.en.strip())
    if not cleaned.ru or not cleaned.kk:
        raise ReferenceInvalid("reference.name_required", "The Russian and Kazakh names are required.", "names")
    return cleaned


def _code(code: str) -> str:
    code = (code or "").strip()
    if not _CODE.fullmatch(code):
        raise ReferenceInvalid("reference.bad_code",
                               f"code: {code!r} is not a code (2-64 of A-Z, a-z, 0-9, '.', '_', '-').", "code")
    return code


def _taken(session: Session, model: type, code: str) -> None:
    if session.get(model, code) is not None:
        raise ReferenceInvalid("reference.code_taken", f"code: {code!r} is taken.", "code")


def add_region(session: Session, actor: Actor, code: str, kind: str, names: Names) -> Region:
    require_write(actor, Area.REFERENCE, session=session, object_type="region", object_id=code)
    code, names = _code(code), _names(names)
    if kind not in ("region", "city"):
        raise ReferenceInvalid("reference.bad_kind", f"kind: {kind!r} is neither 'region' nor 'city'.", "kind")
    _taken(session, RefRegion, code)
    session.add(RefRegion(code=code, kind=kind, name_ru=names.ru, name_kk=names.kk, name_en=names.en, active=True))
    session.flush()
    forget_names()
    audit.record(session, actor, "reference.add", "region", code, names=[names.ru, names.kk, names.en])
    return Region(code, kind, names, True)


def add_district(session: Session, actor: Actor, code: str, region_code: str, kind: str, names: Names,
                 aliases: tuple[str, ...] = ()) -> District:
    """A new district (with its probation office, ``PO-<code>``)."""
    require_write(actor, Area.REFERENCE, session=session, object_type="district", object_id=code)
    code, names = _code(code), _names(names)
    if kind not in ("district", "city"):
        raise ReferenceInvalid("reference.bad_kind", f"kind: {kind!r} is neither 'district' nor 'city'.", "kind")
    if session.get(RefRegion, region_code) is None:
        raise ReferenceInvalid("reference.no_parent", f"region: unknown region {region_code!r}.", "region")
    _taken(session, RefDistrict, code)
    session.add(RefDistrict(code=code, region_code=region_code, kind=kind, name_ru=names.ru, name_kk=names.kk,
                            name_en=names.en, aliases="|".join(aliases), active=True))
    session.flush()  # the office refers to it
    ru, kk, en = office_names(names.ru, names.kk, names.en)
    session.add(ProbationOffice(code=office_code(code), district_code=code, name_ru=ru, name_kk=kk, name_en=en,
                                address="", active=True))
    session.flush()
    forget_names()
    audit.record(session, actor, "reference.add", "district", code, region=region_code,
                 names=[names.ru, names.kk, names.en])
    return District(code, region_code, kind, names, tuple(aliases), True)


def add_office(session: Session, actor: Actor, code: str, district_code: str, names: Names,
               address: str = "") -> Office:
    require_write(actor, Area.REFERENCE, session=session, object_type="office", object_id=code)
    code, names = _code(code), _names(names)
    if session.get(RefDistrict, district_code) is None:
        raise ReferenceInvalid("reference.no_parent", f"district: unknown district {district_code!r}.", "district")
    _taken(session, ProbationOffice, code)
    session.add(ProbationOffice(code=code, district_code=district_code, name_ru=names.ru, name_kk=names.kk,
                                name_en=names.en, address=address.strip(), active=True))
    session.flush()
    forget_names()
    audit.record(session, actor, "reference.add", "office", code, district=district_code)
    return Office(code, district_code, names, address.strip(), True)


def add_officer(session: Session, actor: Actor, full_name: str, office: str, *, code: str = "",
                position: str = "", login: str = "") -> Officer:
    """A new officer of ``office`` (its district is the office's); ``code`` ``OF-NNNN`` when not given."""
    require_write(actor, Area.REFERENCE, session=session, object_type="officer", object_id=code)
    full_name = " ".join((full_name or "").split())
    if not full_name:
        raise ReferenceInvalid("reference.name_required", "full_name: the officer's name is required.", "full_name")
    office_row = session.get(ProbationOffice, office)
    if office_row is None:
        raise ReferenceInvalid("reference.no_parent", f"office: unknown office {office!r}.", "office")
    code = _code(code) if code else _next_officer_code(session)
    _taken(session, ProbationOfficer, code)
    session.add(ProbationOfficer(code=code, full_name=full_name, office_code=office,
                                 district_code=office_row.district_code, position=position.strip(),
                                 login=login.strip(), active=True))
    session.flush()
    forget_names()
    audit.record(session, actor, "reference.add", "officer", code, office=office, full_name=full_name)
    return Officer(code, full_name, office, office_row.district_code, position.strip(), login.strip(), True)


def _next_officer_code(session: Session) -> str:
    codes = session.scalars(select(ProbationOfficer.code).where(ProbationOfficer.code.like("OF-%"))).all()
    numbers = [int(c[3:]) for c in codes if c[3:].isdigit()]
    return f"OF-{(max(numbers, default=0) + 1):04d}"


_MODELS: dict[RefKind, type] = {
    RefKind.REGION: RefRegion, RefKind.DISTRICT: RefDistrict,
    RefKind.OFFICE: ProbationOffice, RefKind.OFFICER: ProbationOfficer,
}


def _row(session: Session, kind: RefKind, code: str) -> object:
    row = session.get(_MODELS[RefKind(kind)], code)
    if row is None:
        raise ReferenceInvalid("reference.not_found", f"code: no {kind} {code!r}.", "code")
    return row


def rename(session: Session, actor: Actor, kind: RefKind | str, code: str, names: Names | str) -> None:
    """New names of a region, district or office (``Names``), or an officer's new full name (``str``)."""
    kind = RefKind(str(kind))
    require_write(actor, Area.REFERENCE, session=session, object_type=str(kind), object_id=code)
    row = _row(session, kind, code)
    if kind == RefKind.OFFICER:
        new = " ".join(str(names if isinstance(names, str) else names.ru).split())
        if not new:
            raise ReferenceInvalid("reference.name_required", "full_name: the officer's name is required.",
                                   "full_name")
        old = [row.full_name]  # type: ignore[attr-defined]
        row.full_name = new  # type: ignore[attr-defined]
        after = [new]
    else:
        if isinstance(names, str):
            raise ReferenceInvalid("reference.name_required", "names: give the names in ru, kk and en.", "names")
        clean = _names(names)
        old = [row.name_ru, row.name_kk, row.name_en]  # type: ignore[attr-defined]
        row.name_ru, row.name_kk, row.name_en = clean.ru, clean.kk, clean.en  # type: ignore[attr-defined]
        after = [clean.ru, clean.kk, clean.en]
    session.flush()
    forget_names()
    audit.record(session, actor, "reference.rename", str(kind), code, before=old, after=after)


def set_active(session: Session, actor: Actor, kind: RefKind | str, code: str, active: bool) -> None:
    """Deactivate (offered nowhere, still rendered) or reactivate a row; audited."""
    kind = RefKind(str(kind))
    require_write(actor, Area.REFERENCE, session=session, object_type=str(kind), object_id=code)
    row = _row(session, kind, code)
    if row.active == active:  # type: ignore[attr-defined]
        return
    row.active = active  # type: ignore[attr-defined]
    session.flush()
    forget_names()
    audit.record(session, actor, "reference.activate" if active else "reference.deactivate", str(kind), code)


def deactivate(session: Session, actor: Actor, kind: RefKind | str, code: str) -> None:
    set_active(session, actor, kind, code, False)


def _district(r: RefDistrict) -> District:
    return District(r.code, r.region_code, r.kind, Names(r.name_ru, r.name_kk, r.name_en), _split(r.aliases), r.active)


def _officer(o: ProbationOfficer) -> Officer:
    return Officer(o.code, o.full_name, o.office_code, o.district_code, o.position, o.login, o.active)
