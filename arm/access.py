"""Who may see which journal, which rows of it, and which personal data.

The rules are enforced where the data is read (``arm.reports.data`` asks
``scope_for`` before every query and raises ``AccessDenied``), so a hidden
button is a convenience, never the protection.

- supervisor: every journal, only the persons of the districts assigned to
  them (``UserDistrict``); reports, exports, retention, integrity checks.
- operator: the alarm log and the violation journal of the persons they
  handle: those of their districts, or of every district on a central desk
  with no district assigned, plus any alarm they acknowledged or closed.
- technician: the device issue/return journal and device figures; of a
  person only the holder's name.
- administrator: the audit journal and the device journal (name only);
  retention periods and integrity checks, no personal journals. A deletion
  act is proposed and confirmed by two different supervisors
  (``arm.reports.retention``).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Protocol

from db.queries.scope import Scope

SUPERVISOR, OPERATOR, TECHNICIAN, ADMINISTRATOR = "supervisor", "operator", "technician", "administrator"


class AccessDenied(PermissionError):
    """The user's role may not do this; ``code`` is stable, the text is English."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


class User(Protocol):
    login: str
    role: str
    districts: tuple[str, ...]


@dataclass(frozen=True)
class ShellUser:
    """Who runs ``arm export``/``arm report`` without ``--as``: whoever can read the database file."""

    login: str
    role: str = SUPERVISOR
    districts: None = None
    full_name: str = ""


class Journal(enum.StrEnum):
    VIOLATIONS = "violations"
    ALARMS = "alarms"
    ASSIGNMENTS = "assignments"
    AUDIT = "audit"


class Action(enum.StrEnum):
    EXPORT = "export"
    REPORTS = "reports"  # reconciliation act, monthly lists
    VERIFY = "verify"  # integrity check of the chained journals
    RETENTION_PROPOSE = "retention_propose"
    RETENTION_CONFIRM = "retention_confirm"
    RETENTION_POLICY = "retention_policy"
    ALARM_FIGURES = "alarm_figures"
    DEVICE_FIGURES = "device_figures"
    PERSON_FIGURES = "person_figures"



JOURNALS_BY_ROLE: dict[str, frozenset[Journal]] = {
    SUPERVISOR: frozenset(Journal),
    OPERATOR: frozenset({Journal.ALARMS, Journal.VIOLATIONS}),
    TECHNICIAN: frozenset({Journal.ASSIGNMENTS}),
    ADMINISTRATOR: frozenset({Journal.AUDIT, Journal.ASSIGNMENTS}),
}

ACTIONS_BY_ROLE: dict[str, frozenset[Action]] = {
    SUPERVISOR: frozenset(Action),
    OPERATOR: frozenset({Action.ALARM_FIGURES, Action.PERSON_FIGURES}),
    TECHNICIAN: frozenset({Action.DEVICE_FIGURES, Action.EXPORT}),
    ADMINISTRATOR: frozenset(
        {Action.VERIFY, Action.RETENTION_POLICY, Action.DEVICE_FIGURES, Action.EXPORT}
    ),
}

PERSONAL_DATA_ROLES = frozenset({SUPERVISOR, OPERATOR})


def _role(user: User) -> str:
    return str(getattr(user, "role", "") or "")


def may_see_personal_data(user: User) -> bool:
    """Full personal data (IIN, address, category, tracks): operators and supervisors."""
    return _role(user) in PERSONAL_DATA_ROLES


def journals_for(user: User) -> list[Journal]:
    """The journals this user may open, in display order."""
    allowed = JOURNALS_BY_ROLE.get(_role(user), frozenset())
    return [j for j in Journal if j in allowed]


def may(user: User, action: Action | str) -> bool:
    return Action(str(action)) in ACTIONS_BY_ROLE.get(_role(user), frozenset())


def require(user: User, action: Action | str) -> None:
    if not may(user, action):
        raise AccessDenied(
            f"denied.{action}", f"The role {_role(user) or 'none'!r} may not do this ({action})."
        )


def scope_for(user: User, journal: Journal | str) -> Scope:
    """The rows of ``journal`` this user may read, or ``AccessDenied``."""
    journal = Journal(str(journal))
    role = _role(user)
    if journal not in JOURNALS_BY_ROLE.get(role, frozenset()):
        raise AccessDenied(
            f"denied.journal.{journal}", f"The role {role or 'none'!r} may not open the {journal} journal."
        )
    raw = getattr(user, "districts", ())
    districts = frozenset(raw or ())
    if role == SUPERVISOR:
        # ``districts=None`` only for the shell user (full database access anyway).
        return Scope(districts=None if raw is None else districts, personal_data=True)
    if role == OPERATOR:
        return Scope(districts=districts or None, own_login=user.login, personal_data=True)
    return Scope(districts=None, personal_data=False)
