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

Alarms and persons (``ALARM_*``, ``PERSON_VIEW``; enforced by the alarm
manager, ``arm.alarms.manager``, on every operation, and by the person reads):

- operator and supervisor: view, acknowledge, note and record actions, shelve,
  close (a confirmed violation writes the violation journal entry), the shift
  handover, the person's card.
- technician: views the alarms of device kinds (``DEVICE_ALARM_KINDS``: power,
  communication, tamper, device faults) with the device's state and events,
  never the person's card, positions or name; handles none of them.
- administrator: no alarms, no person cards.
- A user with districts acts only on alarms and persons of those districts
  (an alarm or person without a district is open to the role); a user without
  districts acts on every district.

Who the user is, is decided by the database, not by the caller: every checked
operation re-reads the account (``current_account``) in its own transaction,
so a user that does not exist or was disabled after logging in is refused at
once, and the role and districts are the account's current ones.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import NoReturn, Protocol

from sqlalchemy import event, select
from sqlalchemy.orm import Session, SessionTransaction

from db.models import User as UserRow
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
    ALARM_VIEW = "alarm_view"  # the alarm's row and detail (device state, events)
    ALARM_ACKNOWLEDGE = "alarm_acknowledge"
    ALARM_NOTE = "alarm_note"  # notes and actions taken (called the person, patrol sent...)
    ALARM_SHELVE = "alarm_shelve"  # shelve and unshelve
    ALARM_CLOSE = "alarm_close"  # with a confirmed violation: the violation journal entry
    ALARM_HANDOVER = "alarm_handover"  # the shift handover report (names, open incidents)
    PERSON_VIEW = "person_view"  # the person's card: IIN, address, phone, court decision, positions
    NEAR_SEARCH = "near_search"  # "who was here": every person's fixes near a place and time (arm.history)


JOURNALS_BY_ROLE: dict[str, frozenset[Journal]] = {
    SUPERVISOR: frozenset(Journal),
    OPERATOR: frozenset({Journal.ALARMS, Journal.VIOLATIONS}),
    TECHNICIAN: frozenset({Journal.ASSIGNMENTS}),
    ADMINISTRATOR: frozenset({Journal.AUDIT, Journal.ASSIGNMENTS}),
}

#: What operators and supervisors do with alarms.
ALARM_HANDLING = frozenset({
    Action.ALARM_VIEW, Action.ALARM_ACKNOWLEDGE, Action.ALARM_NOTE, Action.ALARM_SHELVE,
    Action.ALARM_CLOSE, Action.ALARM_HANDOVER, Action.PERSON_VIEW,
})

ACTIONS_BY_ROLE: dict[str, frozenset[Action]] = {
    SUPERVISOR: frozenset(Action),
    OPERATOR: frozenset({Action.ALARM_FIGURES, Action.PERSON_FIGURES}) | ALARM_HANDLING,
    TECHNICIAN: frozenset({Action.DEVICE_FIGURES, Action.EXPORT, Action.ALARM_VIEW}),
    ADMINISTRATOR: frozenset(
        {Action.VERIFY, Action.RETENTION_POLICY, Action.DEVICE_FIGURES, Action.EXPORT}
    ),
}

PERSONAL_DATA_ROLES = frozenset({SUPERVISOR, OPERATOR})


def _role(user: object) -> str:
    return str(getattr(user, "role", "") or "")


def may_see_personal_data(user: User) -> bool:
    """Full personal data (IIN, address, category, tracks): operators and supervisors."""
    return _role(user) in PERSONAL_DATA_ROLES


def journals_for(user: User) -> list[Journal]:
    """The journals this user may open, in display order."""
    allowed = JOURNALS_BY_ROLE.get(_role(user), frozenset())
    return [j for j in Journal if j in allowed]


def may(user: object, action: Action | str) -> bool:
    return Action(str(action)) in ACTIONS_BY_ROLE.get(_role(user), frozenset())


def require(user: object, action: Action | str) -> None:
    if not may(user, action):
        raise AccessDenied(
            f"denied.{action}", f"The role {_role(user) or 'none'!r} may not do this ({action})."
        )


def scope_for(user: User | Account, journal: Journal | str) -> Scope:
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


# ---------------------------------------------------------------- alarms, persons, accounts

#: Alarm kinds a technician may view (device state, no personal data): those a device fault explains.
DEVICE_ALARM_KINDS = frozenset({
    "tamper_strap", "tamper_case", "unit_moved", "mains_lost", "no_communication", "low_battery",
    "device_shutdown", "gnss_lost", "gnss_jamming", "device_fault",
})

#: ``AccessDenied.code``s of the account checks and of district scoping (stable; widgets translate them).
DENIED_NOT_AUTHENTICATED = "denied.not_authenticated"
DENIED_UNKNOWN_USER = "denied.unknown_user"
DENIED_DISABLED_USER = "denied.disabled_user"
DENIED_DISTRICT = "denied.district"
DENIED_ROLE_CHANGED = "denied.role_changed"
#: the districts of a user whose object and account share none: matches no person
NO_DISTRICT = "\x00"
DENIED_KIND = "denied.alarm_kind"


def denied_code(action: Action | str) -> str:
    """``AccessDenied.code`` when the role may not take ``action``."""
    return f"denied.{action}"


@dataclass(frozen=True)
class Account:
    """The acting user as the database has it now: role and districts are the account's, not the caller's."""

    login: str
    role: str
    #: ``None``: every district (the shell user); empty: every district too (a central desk)
    districts: tuple[str, ...] | None


def current_account(session: Session, user: object) -> Account:
    """Re-read who ``user`` is, in the caller's transaction, or ``AccessDenied``.

    A name is not a user: only an object with a ``login`` (``arm.auth.CurrentUser``,
    made by ``authenticate``) whose account exists and is active may act, so a
    user disabled or deleted while logged in loses access at once. The role is
    the account's (a user object claiming another is refused: log in again),
    the districts those both allow (``_narrowest``). The shell
    user (``ShellUser``, the owner of the database file on the command line)
    has no account and keeps the access the file already gives it.
    """
    if isinstance(user, ShellUser):
        return Account(user.login, user.role, None)
    login = getattr(user, "login", None)
    if isinstance(user, str) or not isinstance(login, str) or not login:
        raise AccessDenied(DENIED_NOT_AUTHENTICATED, "Only a logged-in user may do this.")
    row = session.execute(select(UserRow).where(UserRow.login == login)).scalar_one_or_none()
    if row is None:
        raise AccessDenied(DENIED_UNKNOWN_USER, f"The user {login!r} does not exist.")
    if not row.active:
        raise AccessDenied(DENIED_DISABLED_USER, f"The account {login!r} is disabled.")
    claimed = str(getattr(user, "role", "") or "")
    if claimed and claimed != str(row.role):
        raise AccessDenied(DENIED_ROLE_CHANGED, f"The role of {login!r} has changed; log in again.")
    return Account(row.login, str(row.role), _narrowest(tuple(getattr(user, "districts", None) or ()),
                                                        tuple(d.district for d in row.districts)))


def _narrowest(claimed: tuple[str, ...], stored: tuple[str, ...]) -> tuple[str, ...]:
    """The districts both the user object and the account allow (empty: every district).

    A user object can narrow its account (a desk of one district), never widen it.
    """
    if not claimed or not stored:
        return claimed or stored
    common = tuple(d for d in stored if d in claimed)
    return common or (NO_DISTRICT,)


def covers(user: object, district: str | None) -> bool:
    """Whether ``user``'s districts include ``district`` (no districts: all; no district: open)."""
    own = tuple(getattr(user, "districts", None) or ())
    return not own or not district or district in own


def require_in_district(user: object, district: str | None) -> None:
    if not covers(user, district):
        raise AccessDenied(DENIED_DISTRICT, f"The district {district!r} is not one of yours.")


def may_view_alarm(user: object, kind: str) -> bool:
    """Operators and supervisors every alarm; a technician those of ``DEVICE_ALARM_KINDS``."""
    role = _role(user)
    if Action.ALARM_VIEW not in ACTIONS_BY_ROLE.get(role, frozenset()):
        return False
    return Action.PERSON_VIEW in ACTIONS_BY_ROLE.get(role, frozenset()) or kind in DEVICE_ALARM_KINDS


def require_alarm(user: object, action: Action, kind: str, district: str | None) -> None:
    """Refuse unless ``user`` may take ``action`` on an alarm of ``kind`` in ``district``.

    ``user`` is an :class:`Account` (``current_account``): the role and
    districts checked are the database's.
    """
    if action == Action.ALARM_VIEW:
        if not may_view_alarm(user, kind):
            code = DENIED_KIND if may(user, Action.ALARM_VIEW) else denied_code(action)
            raise AccessDenied(code, f"The role {_role(user) or 'none'!r} may not view this alarm.")
    else:
        require(user, action)
    require_in_district(user, district)


def record_denied(session: Session, user: object, error: AccessDenied, object_type: str = "",
                  object_id: str | int = "", **detail: object) -> None:
    """The audit row of a refusal (action ``denied``, with its code), in the caller's transaction.

    The caller commits it even though the operation itself wrote nothing, so
    every refusal leaves a trace, whoever the caller claimed to be.
    """
    from arm import audit  # arm.audit imports db.integrity only; imported here to keep this module light

    login = getattr(user, "login", None)
    actor: audit.Actor | str
    if isinstance(login, str) and isinstance(getattr(user, "role", None), str):
        actor = user  # type: ignore[assignment]  # has login and role: an Actor
    else:
        actor = (login if isinstance(login, str) else str(user))[:64] or "?"
    audit.record(session, actor, "denied", object_type, object_id, code=error.code, **detail)


def refuse(session: Session, user: object, error: AccessDenied, object_type: str = "",
           object_id: str | int = "", **detail: object) -> NoReturn:
    """Audit the refusal, then raise ``error``.

    For checks inside a transaction the caller owns (caseload services, the
    person card, journal reads): the raise rolls the caller's transaction
    back, so nothing of the operation is written, and the refusal's row is
    written in a short transaction of its own so that it stays. Only when the
    caller has already written in this transaction (its write lock held: a
    second writer would wait on it) does the row go into the caller's
    transaction, and its fate is the caller's.
    """
    if session.info.get(_WROTE) or session.new or session.dirty or session.deleted:
        record_denied(session, user, error, object_type, object_id, **detail)
    else:
        with Session(bind=session.get_bind()) as own, own.begin():
            record_denied(own, user, error, object_type, object_id, **detail)
    raise error


_WROTE = "arm.access.wrote"


@event.listens_for(Session, "after_flush")
def _note_write(session: Session, _context: object) -> None:
    session.info[_WROTE] = True


@event.listens_for(Session, "after_transaction_end")
def _forget_write(session: Session, transaction: SessionTransaction) -> None:
    if transaction.parent is None:
        session.info.pop(_WROTE, None)


def checked_account(session: Session, user: object, object_type: str = "", object_id: str | int = "",
                    **detail: object) -> Account:
    """``current_account``, with an unknown, disabled or unauthenticated user refused and audited."""
    try:
        return current_account(session, user)
    except AccessDenied as error:
        refuse(session, user, error, object_type, object_id, **detail)
