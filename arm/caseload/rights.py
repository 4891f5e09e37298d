"""Who may write which part of the caseload: checked by every caseload service before it writes.

The roles mirror what the workstation offers each role (widgets/panels.py,
docs/operator-guide.md): persons and their restrictions are edited by the
roles that see personal data, zones in the zone editor by supervisors and
administrators, devices in the inventory and the pairing wizard by
technicians, supervisors and administrators. A user with districts assigned
writes only persons and zones of those districts; a user without districts
(a central desk, the shell user) writes every district.
"""

from __future__ import annotations

import enum
from typing import Protocol

from sqlalchemy.orm import Session

from arm.access import ADMINISTRATOR, OPERATOR, SUPERVISOR, TECHNICIAN, AccessDenied, checked_account, refuse


class Actor(Protocol):
    """The acting user: ``arm.auth.CurrentUser`` (GUI, desk API) or ``arm.access.ShellUser`` (CLI)."""

    @property
    def login(self) -> str: ...
    @property
    def role(self) -> str: ...
    @property
    def districts(self) -> tuple[str, ...] | None: ...


class Area(enum.StrEnum):
    PERSONS = "persons"
    RESTRICTIONS = "restrictions"
    ZONES = "zones"
    DEVICES = "devices"
    REFERENCE = "reference"  # regions, districts, offices, officers (arm.caseload.reference)
    USERS = "users"  # user accounts (arm.caseload.users)
    LIFECYCLE = "lifecycle"  # transfer and deregistration of persons (arm.caseload.lifecycle)


WRITERS: dict[Area, frozenset[str]] = {
    Area.PERSONS: frozenset({OPERATOR, SUPERVISOR}),
    Area.RESTRICTIONS: frozenset({OPERATOR, SUPERVISOR}),
    Area.ZONES: frozenset({SUPERVISOR, ADMINISTRATOR}),
    Area.DEVICES: frozenset({TECHNICIAN, SUPERVISOR, ADMINISTRATOR}),
    Area.REFERENCE: frozenset({ADMINISTRATOR}),
    Area.USERS: frozenset({ADMINISTRATOR}),
    Area.LIFECYCLE: frozenset({SUPERVISOR}),
}

#: ``AccessDenied.code`` when the user's districts do not include the object's.
DENIED_DISTRICT = "denied.district"


def denied_code(area: Area) -> str:
    """``AccessDenied.code`` when the user's role may not write ``area``."""
    return f"denied.{area}"


def _role(user: Actor | object) -> str:
    return str(getattr(user, "role", "") or "")


def may_write(user: Actor | object, area: Area) -> bool:
    return _role(user) in WRITERS[area]


def require_write(user: Actor | object, area: Area, *districts: str | None, session: Session | None = None,
                  object_type: str = "", object_id: str | int = "") -> None:
    """Refuse unless ``user``'s role writes ``area`` and its districts cover every one given.

    An empty or ``None`` district (a city-wide zone, a person without one) is
    open to every writer of the area. With ``session`` (every caseload
    service passes it), the account is re-read from the database first
    (``arm.access.current_account``: it must exist and be active; its role and
    districts are the ones checked), and a refusal is audited (``denied``)
    in a transaction of its own.
    """
    kind, operation = object_type or str(area), f"write.{area}"
    try:
        _require(user, area, districts)  # what the caller claims, before asking the database
    except AccessDenied as error:
        if session is None:
            raise
        refuse(session, user, error, kind, object_id, operation=operation)
    if session is None:
        return
    account = checked_account(session, user, kind, object_id, operation=operation)
    try:
        _require(account, area, districts)
    except AccessDenied as error:
        refuse(session, user, error, kind, object_id, operation=operation)


def _require(user: object, area: Area, districts: tuple[str | None, ...]) -> None:
    if not may_write(user, area):
        raise AccessDenied(
            denied_code(area), f"The role {_role(user) or 'none'!r} may not change {area}."
        )
    own = tuple(getattr(user, "districts", None) or ())
    if not own:
        return
    for district in districts:
        if district and district not in own:
            raise AccessDenied(DENIED_DISTRICT, f"The district {district!r} is not one of yours.")
