"""Paged, indexed, scoped queries over the four journals.

Every journal is described once (``JournalSpec``: its columns, its time
column, how each filter applies, how a ``Scope`` narrows it) and the same
description drives the review table, the detail view and the exports.

Pages sorted by time (the default) use keyset paging on ``(time, id)``: the
next page starts where the last one ended, so page 5,000 of a million rows
costs what page 1 costs. Other sort orders fall back to OFFSET paging.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, Select, String, and_, cast, false, func, or_, select
from sqlalchemy.orm import Session, aliased

from db.models import Alarm, Assignment, AuditEntry, Device, Person, Position, ViolationEntry
from db.models_caseload import ProbationOfficer
from db.queries.filters import JournalFilter
from db.queries.scope import Scope

DEFAULT_PAGE = 200


@dataclass(frozen=True)
class Column:
    key: str
    title: str  # English; widgets translate, exports use arm.reports.labels
    kind: str = "text"  # text | datetime | int | enum
    personal: bool = False  # left out when the scope has no personal data
    width: int = 14  # export width (characters)
    #: a column made of several selected fields (a place is ``(lat, lon)``); its value is their tuple,
    #: or None when the first is NULL
    parts: tuple[str, ...] = ()


@dataclass(frozen=True)
class JournalSpec:
    name: str
    title: str
    columns: tuple[Column, ...]
    build: Callable[[Scope], Select[Any]]
    time_key: str
    filters: Callable[[JournalFilter], list[ColumnElement[bool]]]
    exprs: dict[str, Any] = field(default_factory=dict)

    def visible_columns(self, scope: Scope) -> list[Column]:
        return [c for c in self.columns if scope.personal_data or not c.personal]


def _full_name() -> Any:
    return Person.last_name + " " + Person.first_name + func.coalesce(" " + Person.middle_name, "")


def _district() -> Any:
    """``persons.district`` kept out of index selection (``|| ''``).

    Filtering by district through its index makes SQLite collect every entry
    of the district and sort them; walking the journal's (time, id) index
    and checking each row's person stops after one page instead, which is what
    a paged, newest-first review needs.
    """
    return Person.district + ""


def _district_rule(scope: Scope, own: ColumnElement[bool] | None = None) -> ColumnElement[bool] | None:
    if scope.districts is None:
        return None
    rule = _district().in_(sorted(scope.districts)) if scope.districts else false()
    return or_(rule, own) if own is not None else rule


def _person_filters(f: JournalFilter) -> list[ColumnElement[bool]]:
    out: list[ColumnElement[bool]] = []
    if f.district:
        out.append(_district() == f.district)
    if f.officer:  # the officer is stored as a reference code; the desk types (part of) the name
        named = select(ProbationOfficer.code).where(ProbationOfficer.full_name.like(f"%{f.officer}%"))
        out.append(or_(Person.officer.like(f"%{f.officer}%"), Person.officer.in_(named)))
    if f.category:
        out.append(Person.category == f.category)
    if f.person_id is not None:
        out.append(Person.id == f.person_id)
    if f.person:
        term = f.person.strip()
        if term.isdigit():
            out.append(Person.iin.like(f"{term}%"))
        else:
            variants = {term, term[:1].upper() + term[1:]}
            out.append(or_(*(Person.last_name.like(f"{v}%") for v in variants)))
    return out


def _period(col: Any, f: JournalFilter) -> list[ColumnElement[bool]]:
    out: list[ColumnElement[bool]] = []
    if f.date_from:
        out.append(col >= f.date_from)
    if f.date_to:
        out.append(col < f.date_to)
    return out


# ---------------------------------------------------------------- violation journal
VIOLATION_COLUMNS = (
    Column("id", "No.", "int", width=7),
    Column("detected_at", "Detected at", "datetime", width=17),
    Column("person", "Full name", width=28),
    Column("iin", "IIN", personal=True, width=13),
    Column("category", "Category", "enum", personal=True, width=14),
    Column("district", "District", width=16),
    Column("officer", "Officer", width=18),
    Column("violation", "Violation", width=30),
    Column("place", "Place", "place", width=30, parts=("place_lat", "place_lon")),
    Column("detected_by", "Detected by", width=20),
    Column("device", "Device", width=12),
    Column("measures", "Measures taken", width=26),
    Column("reported_to", "Reported to", width=20),
    Column("reported_at", "Reported at", "datetime", width=17),
    Column("resolution", "Resolution", "enum", width=14),
    Column("operator", "Operator", width=12),
    Column("corrects_id", "Corrects No.", "int", width=8),
)


def _place(axis: str) -> Any:
    """Where the violation happened: the alarm's explanation (``params.lat/lon``), else its event's fix."""
    stored = Alarm.details[("explanation", "params", axis)].as_float()
    fix = select(getattr(Position, axis)).where(Position.event_id == Alarm.event_id).limit(1).scalar_subquery()
    return func.coalesce(stored, fix)


def _violations(scope: Scope) -> Select[Any]:
    stmt = (
        select(
            ViolationEntry.id.label("id"),
            ViolationEntry.detected_at.label("detected_at"),
            _full_name().label("person"),
            Person.iin.label("iin"),
            Person.category.label("category"),
            Person.district.label("district"),
            Person.officer.label("officer"),
            ViolationEntry.violation.label("violation"),
            _place("lat").label("place_lat"),
            _place("lon").label("place_lon"),
            ViolationEntry.detected_by.label("detected_by"),
            Device.serial.label("device"),
            ViolationEntry.measures.label("measures"),
            ViolationEntry.reported_to.label("reported_to"),
            ViolationEntry.reported_at.label("reported_at"),
            Alarm.resolution.label("resolution"),
            ViolationEntry.operator.label("operator"),
            ViolationEntry.corrects_id.label("corrects_id"),
        )
        .join(Person, Person.id == ViolationEntry.person_id)
        .outerjoin(Device, Device.id == ViolationEntry.device_id)
        .outerjoin(Alarm, Alarm.id == ViolationEntry.alarm_id)
    )
    own = ViolationEntry.operator == scope.own_login if scope.own_login else None
    rule = _district_rule(scope, own)
    return stmt.where(rule) if rule is not None else stmt


def _violation_filters(f: JournalFilter) -> list[ColumnElement[bool]]:
    out = _period(ViolationEntry.detected_at, f) + _person_filters(f)
    if f.kind:
        out.append(or_(Alarm.kind == f.kind, ViolationEntry.violation.like(f"%{f.kind}%")))
    if f.resolution:
        out.append(Alarm.resolution == f.resolution)
    if f.operator:
        out.append(ViolationEntry.operator == f.operator)
    if f.device:
        out.append(Device.serial == f.device)
    return out


# ---------------------------------------------------------------- alarm log
ALARM_COLUMNS = (
    Column("id", "No.", "int", width=7),
    Column("raised_at", "Raised at", "datetime", width=17),
    Column("person", "Full name", width=28),
    Column("iin", "IIN", personal=True, width=13),
    Column("district", "District", width=16),
    Column("kind", "Kind", "enum", width=16),
    Column("priority", "Priority", "enum", width=10),
    Column("state", "State", "enum", width=10),
    Column("device", "Device", width=12),
    Column("message", "Message", width=30),
    Column("acknowledged_at", "Acknowledged at", "datetime", width=17),
    Column("acknowledged_by", "Acknowledged by", width=12),
    Column("closed_at", "Closed at", "datetime", width=17),
    Column("closed_by", "Closed by", width=12),
    Column("resolution", "Resolution", "enum", width=14),
)


def _alarms(scope: Scope) -> Select[Any]:
    stmt = (
        select(
            Alarm.id.label("id"),
            Alarm.raised_at.label("raised_at"),
            _full_name().label("person"),
            Person.iin.label("iin"),
            Person.district.label("district"),
            Alarm.kind.label("kind"),
            Alarm.priority.label("priority"),
            Alarm.state.label("state"),
            Device.serial.label("device"),
            Alarm.message.label("message"),
            Alarm.acknowledged_at.label("acknowledged_at"),
            Alarm.acknowledged_by.label("acknowledged_by"),
            Alarm.closed_at.label("closed_at"),
            Alarm.closed_by.label("closed_by"),
            Alarm.resolution.label("resolution"),
        )
        .outerjoin(Person, Person.id == Alarm.person_id)
        .outerjoin(Device, Device.id == Alarm.device_id)
    )
    own = (
        or_(Alarm.acknowledged_by == scope.own_login, Alarm.closed_by == scope.own_login)
        if scope.own_login
        else None
    )
    rule = _district_rule(scope, own)
    return stmt.where(rule) if rule is not None else stmt


def _alarm_filters(f: JournalFilter) -> list[ColumnElement[bool]]:
    out = _period(Alarm.raised_at, f) + _person_filters(f)
    if f.kind:
        out.append(Alarm.kind == f.kind)
    if f.resolution:
        out.append(Alarm.resolution == f.resolution)
    if f.operator:
        out.append(or_(Alarm.acknowledged_by == f.operator, Alarm.closed_by == f.operator))
    if f.device:
        out.append(Device.serial == f.device)
    return out


# ---------------------------------------------------------------- device issue / return journal
ASSIGNMENT_COLUMNS = (
    Column("id", "No.", "int", width=7),
    Column("issued_at", "Issued at", "datetime", width=17),
    Column("device", "Device", width=12),
    Column("device_type", "Type", width=6),
    Column("inventory_no", "Inventory No.", width=12),
    Column("person", "Holder", width=28),
    Column("district", "District", width=16),
    Column("issued_by", "Issued by", width=12),
    Column("returned_at", "Returned at", "datetime", width=17),
    Column("returned_by", "Returned by", width=12),
    Column("note", "Note", width=26),
)


def _assignments(scope: Scope) -> Select[Any]:
    stmt = (
        select(
            Assignment.id.label("id"),
            Assignment.issued_at.label("issued_at"),
            Device.serial.label("device"),
            Device.type.label("device_type"),
            Device.inventory_no.label("inventory_no"),
            _full_name().label("person"),
            Person.district.label("district"),
            Assignment.issued_by.label("issued_by"),
            Assignment.returned_at.label("returned_at"),
            Assignment.returned_by.label("returned_by"),
            Assignment.note.label("note"),
        )
        .join(Device, Device.id == Assignment.device_id)
        .join(Person, Person.id == Assignment.person_id)
    )
    rule = _district_rule(scope)
    return stmt.where(rule) if rule is not None else stmt


def _assignment_filters(f: JournalFilter) -> list[ColumnElement[bool]]:
    out = _period(Assignment.issued_at, f) + _person_filters(f)
    if f.operator:
        out.append(or_(Assignment.issued_by == f.operator, Assignment.returned_by == f.operator))
    if f.device:
        out.append(Device.serial == f.device)
    return out


# ---------------------------------------------------------------- audit journal
AUDIT_COLUMNS = (
    Column("id", "No.", "int", width=8),
    Column("at", "Time", "datetime", width=17),
    Column("user", "User", width=12),
    Column("role", "Role", "enum", width=11),
    Column("action", "Action", width=20),
    Column("object_type", "Object", width=10),
    Column("object_id", "Object id", width=9),
    Column("detail", "Detail", width=40),
)

_AuditPerson = aliased(Person)


def _audit(scope: Scope) -> Select[Any]:
    stmt = select(
        AuditEntry.id.label("id"),
        AuditEntry.at.label("at"),
        AuditEntry.user.label("user"),
        AuditEntry.role.label("role"),
        AuditEntry.action.label("action"),
        AuditEntry.object_type.label("object_type"),
        AuditEntry.object_id.label("object_id"),
        AuditEntry.detail.label("detail"),
    )
    if scope.districts is None:
        return stmt
    visible = select(cast(_AuditPerson.id, String)).where(
        _AuditPerson.district.in_(sorted(scope.districts))
    )
    about_person = AuditEntry.object_type == "person"
    return stmt.where(or_(~about_person, AuditEntry.object_id.in_(visible)))


def _audit_filters(f: JournalFilter) -> list[ColumnElement[bool]]:
    out = _period(AuditEntry.at, f)
    if f.kind:
        out.append(AuditEntry.action == f.kind)
    if f.operator:
        out.append(AuditEntry.user == f.operator)
    if f.person_id is not None:
        out.append(and_(AuditEntry.object_type == "person", AuditEntry.object_id == str(f.person_id)))
    return out


SPECS: dict[str, JournalSpec] = {
    "violations": JournalSpec(
        "violations", "Journal of violations found by electronic means", VIOLATION_COLUMNS, _violations,
        "detected_at", _violation_filters,
        {"id": ViolationEntry.id, "detected_at": ViolationEntry.detected_at, "operator": ViolationEntry.operator,
         "person": Person.last_name, "district": Person.district, "violation": ViolationEntry.violation},
    ),
    "alarms": JournalSpec(
        "alarms", "Alarm log", ALARM_COLUMNS, _alarms, "raised_at", _alarm_filters,
        {"id": Alarm.id, "raised_at": Alarm.raised_at, "kind": Alarm.kind, "priority": Alarm.priority,
         "state": Alarm.state, "person": Person.last_name, "district": Person.district,
         "acknowledged_by": Alarm.acknowledged_by},
    ),
    "assignments": JournalSpec(
        "assignments", "Device issue and return journal", ASSIGNMENT_COLUMNS, _assignments, "issued_at",
        _assignment_filters,
        {"id": Assignment.id, "issued_at": Assignment.issued_at, "device": Device.serial,
         "person": Person.last_name, "returned_at": Assignment.returned_at},
    ),
    "audit": JournalSpec(
        "audit", "Audit journal", AUDIT_COLUMNS, _audit, "at", _audit_filters,
        {"id": AuditEntry.id, "at": AuditEntry.at, "user": AuditEntry.user, "action": AuditEntry.action},
    ),
}


def spec(journal: str) -> JournalSpec:
    try:
        return SPECS[str(journal)]
    except KeyError:
        raise ValueError(f"Unknown journal {journal!r}; one of: {', '.join(SPECS)}.") from None


# ---------------------------------------------------------------- paging
@dataclass(frozen=True)
class Page:
    columns: list[Column]
    rows: list[tuple[Any, ...]]
    cursor: tuple[Any, ...] | None  # pass back for the next page; None: no more rows


def _select(js: JournalSpec, f: JournalFilter, scope: Scope) -> Select[Any]:
    stmt = js.build(scope)
    conds = js.filters(f)
    return stmt.where(*conds) if conds else stmt


def _value(col: Column, mapping: Any) -> Any:
    if not col.parts:
        return mapping[col.key]
    values = tuple(mapping[p] for p in col.parts)
    return None if values[0] is None else values


def _project(js: JournalSpec, scope: Scope, rows: Sequence[Any]) -> list[tuple[Any, ...]]:
    if not rows:
        return []
    cols = js.visible_columns(scope)
    keys = [c.key for c in cols]
    fields = list(rows[0]._fields)
    if fields == keys:
        return [tuple(r) for r in rows]
    if not any(c.parts for c in cols):
        idx = [fields.index(k) for k in keys]
        return [tuple(r[i] for i in idx) for r in rows]
    return [tuple(_value(c, r._mapping) for c in cols) for r in rows]


def page(
    session: Session,
    journal: str,
    f: JournalFilter,
    scope: Scope,
    *,
    sort: str | None = None,
    descending: bool = True,
    cursor: tuple[Any, ...] | None = None,
    limit: int = DEFAULT_PAGE,
) -> Page:
    """One page of a journal; keyset on (time, id) when sorted by time or id."""
    js = spec(journal)
    sort = sort or js.time_key
    if sort not in js.exprs:
        raise ValueError(f"The {journal} journal cannot be sorted by {sort!r}.")
    key, idc = js.exprs[sort], js.exprs["id"]
    stmt = _select(js, f, scope)
    keyset = sort in (js.time_key, "id")
    if keyset and cursor is not None:
        value, last_id = cursor
        if sort == "id":
            stmt = stmt.where(idc < last_id if descending else idc > last_id)
        elif descending:
            stmt = stmt.where(key <= value, or_(key < value, idc < last_id))
        else:
            stmt = stmt.where(key >= value, or_(key > value, idc > last_id))
    elif cursor is not None:
        stmt = stmt.offset(int(cursor[0]))
    # Ties on another column are broken by time then id: each such column has
    # an index on (column, time), which SQLite ends with the rowid (= id).
    tkey = js.exprs[js.time_key]
    cols = (key, idc) if keyset else (key, tkey, idc)
    order = tuple(c.desc() if descending else c.asc() for c in cols)
    # Core execution on the session's connection: no ORM row processing for plain columns.
    rows = session.connection().execute(stmt.order_by(*order).limit(limit + 1)).all()
    more = len(rows) > limit
    rows = rows[:limit]
    next_cursor: tuple[Any, ...] | None = None
    if more and rows:
        last = rows[-1]._mapping
        if keyset:
            next_cursor = (last[sort], last["id"])
        else:
            next_cursor = ((int(cursor[0]) if cursor else 0) + limit,)
    return Page(js.visible_columns(scope), _project(js, scope, rows), next_cursor)


def count(session: Session, journal: str, f: JournalFilter, scope: Scope) -> int:
    stmt = _select(spec(journal), f, scope)
    return int(session.execute(select(func.count()).select_from(stmt.subquery())).scalar_one())


def iter_rows(
    session: Session,
    journal: str,
    f: JournalFilter,
    scope: Scope,
    *,
    descending: bool = False,
    batch: int = 2_000,
    max_rows: int | None = None,
) -> Iterator[tuple[Any, ...]]:
    """Every matching row in time order, fetched page by page (exports)."""
    cursor: tuple[Any, ...] | None = None
    sent = 0
    while True:
        p = page(session, journal, f, scope, descending=descending, cursor=cursor, limit=batch)
        for row in p.rows:
            if max_rows is not None and sent >= max_rows:
                return
            yield row
            sent += 1
        if p.cursor is None:
            return
        cursor = p.cursor


def detail(session: Session, journal: str, row_id: int, scope: Scope) -> dict[str, Any] | None:
    """One row with every visible column, or None when it is outside the scope."""
    js = spec(journal)
    row = session.execute(js.build(scope).where(js.exprs["id"] == row_id)).first()
    if row is None:
        return None
    return {c.key: _value(c, row._mapping) for c in js.visible_columns(scope)}


def distinct_values(session: Session, journal: str, key: str, scope: Scope, limit: int = 500) -> list[str]:
    """Values offered in a filter's drop-down (districts, operators, kinds)."""
    js = spec(journal)
    sub = js.build(scope).subquery()
    if key not in sub.c:
        raise ValueError(f"The {journal} journal has no column {key!r}.")
    col = sub.c[key]
    stmt = select(col).where(col.is_not(None)).distinct().order_by(col).limit(limit)
    return [str(v) for v in session.execute(stmt).scalars() if v != ""]
