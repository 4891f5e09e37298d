"""User administration: accounts, roles, districts, passwords, lock-out. The administrator's, audited.

The GUI's user administration screen and ``arm user ...`` call these
functions; each checks that the acting user is an administrator
(``Area.USERS``; the owner of the database file on the command line counts as
one, see ``arm.cli_users``) and writes its audit row in the caller's
transaction. Districts are codes of the reference list (a name is resolved,
``arm.caseload.reference.resolve_district``). Passwords follow
:func:`password_problems`; an account made or reset with a *temporary*
password must choose its own at the next log-in
(``CurrentUser.must_change_password``, :func:`change_own_password`).
The lock-out is held in the account (``users.failed_logins``), so
:func:`unlock` applies at once to every running process: no restart of
monitoring.

The administrator sees accounts, never persons: :class:`Account` carries no
personal data of supervised persons.

Audit actions: ``user.create``, ``user.password`` (reset by an
administrator), ``user.password_changed`` (by the user), ``user.unlock``,
``user.disable``, ``user.enable``, ``user.role``, ``user.districts``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from arm import audit
from arm.auth import MAX_FAILED_ATTEMPTS, CurrentUser, hash_password, verify_password
from arm.caseload import reference
from arm.caseload.rights import Actor, Area, require_write
from db.models import Role, User, UserDistrict

MIN_LENGTH = 8
#: refused whatever their length (the demo's own password is allowed only for the demo's accounts)
COMMON = frozenset({"password", "password1", "12345678", "123456789", "1234567890", "qwerty123", "qwertyuiop",
                    "11111111", "00000000", "iloveyou", "admin123", "administrator", "p@ssw0rd", "passw0rd"})
_LOGIN = re.compile(r"^[a-z0-9][a-z0-9._-]{1,63}$")


class UserInvalid(ValueError):
    """A refused account change; ``errors`` maps each field (``login``, ``password``...) to its English message."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))
        self.errors = errors


class UserNotFound(LookupError):
    """No account with this login."""


@dataclass(frozen=True, slots=True)
class Account:
    """What the administrator sees of an account."""

    login: str
    full_name: str
    role: str
    districts: tuple[str, ...]
    active: bool
    locked: bool
    must_change_password: bool
    failed_logins: int


@dataclass(frozen=True, slots=True)
class UserDraft:
    login: str
    full_name: str
    role: str
    password: str
    districts: tuple[str, ...] = ()
    #: a temporary password: the user must choose their own at the first log-in (the GUI's default)
    temporary: bool = False


def password_problems(password: str, login: str = "") -> list[str]:
    """What is wrong with a new password (empty: acceptable). The policy, in English source text."""
    problems: list[str] = []
    if len(password) < MIN_LENGTH:
        problems.append(f"A password needs at least {MIN_LENGTH} characters.")
    if not re.search(r"[^\W\d_]", password) or not re.search(r"\d", password):
        problems.append("A password needs letters and digits.")
    if password.casefold() in COMMON or (login and login.casefold() in password.casefold()):
        problems.append("This password is too easy to guess (a common password, or it contains the login).")
    if password != password.strip():
        problems.append("A password may not begin or end with a space.")
    return problems


def _row(session: Session, login: str) -> User:
    row = session.execute(select(User).where(User.login == login)).scalar_one_or_none()
    if row is None:
        raise UserNotFound(f"No account {login!r}.")
    return row


def _account(row: User) -> Account:
    return Account(row.login, row.full_name, str(row.role), tuple(sorted(d.district for d in row.districts)),
                   bool(row.active), (row.failed_logins or 0) >= MAX_FAILED_ATTEMPTS,
                   bool(row.must_change_password), int(row.failed_logins or 0))


def _districts(session: Session, districts: Sequence[str]) -> tuple[list[str], dict[str, str]]:
    codes: list[str] = []
    errors: dict[str, str] = {}
    for n, text in enumerate(districts):
        try:
            code = reference.resolve_district(session, text)
        except reference.UnknownReference as exc:
            errors[f"districts[{n}]"] = str(exc)
        else:
            if code not in codes:
                codes.append(code)
    return codes, errors


def _role(role: str) -> str | None:
    return role if role in {r.value for r in Role} else None


def list_accounts(session: Session, actor: Actor) -> list[Account]:
    """Every account, by login (the administrator's only)."""
    require_write(actor, Area.USERS, session=session, object_type="user")
    rows = session.scalars(select(User).order_by(User.login)).all()
    return [_account(r) for r in rows]


def account(session: Session, actor: Actor, login: str) -> Account:
    require_write(actor, Area.USERS, session=session, object_type="user", object_id=login)
    return _account(_row(session, login))


def add_user(session: Session, actor: Actor, draft: UserDraft) -> Account:
    """Create an account; every problem is named by field (``UserInvalid``), nothing written then."""
    require_write(actor, Area.USERS, session=session, object_type="user", object_id=draft.login)
    errors: dict[str, str] = {}
    login = (draft.login or "").strip()
    if not _LOGIN.fullmatch(login):
        errors["login"] = "A login is 2-64 of a-z, 0-9, '.', '_', '-', starting with a letter or digit."
    elif session.execute(select(User.id).where(User.login == login)).first():
        errors["login"] = f"The login {login!r} is taken."
    if not _role(draft.role):
        errors["role"] = f"Unknown role {draft.role!r}; one of: {', '.join(r.value for r in Role)}."
    if problems := password_problems(draft.password, login):
        errors["password"] = " ".join(problems)
    codes, district_errors = _districts(session, draft.districts)
    errors.update(district_errors)
    if errors:
        raise UserInvalid(errors)
    row = User(login=login, full_name=" ".join(draft.full_name.split()) or login, role=Role(draft.role),
               password_hash=hash_password(draft.password), must_change_password=draft.temporary,
               failed_logins=0, districts=[UserDistrict(district=d) for d in codes])
    session.add(row)
    session.flush()
    audit.record(session, actor, "user.create", "user", login, role=draft.role, districts=codes,
                 temporary=draft.temporary)
    return _account(row)


def set_password(session: Session, actor: Actor, login: str, password: str, *, temporary: bool = True) -> Account:
    """An administrator sets a password (temporary by default: changed at the next log-in); unlocks too."""
    require_write(actor, Area.USERS, session=session, object_type="user", object_id=login)
    row = _row(session, login)
    if problems := password_problems(password, login):
        raise UserInvalid({"password": " ".join(problems)})
    row.password_hash = hash_password(password)
    row.must_change_password = temporary
    row.failed_logins = 0
    session.flush()
    audit.record(session, actor, "user.password", "user", login, temporary=temporary)
    return _account(row)


def change_own_password(session: Session, user: CurrentUser, old_password: str, new_password: str) -> None:
    """The logged-in user replaces their password (the forced change after a temporary one)."""
    row = _row(session, user.login)
    if not row.active:
        raise UserInvalid({"login": "The account is disabled."})
    if not verify_password(row.password_hash, old_password):
        raise UserInvalid({"old_password": "The current password is wrong."})
    problems = password_problems(new_password, user.login)
    if new_password == old_password:
        problems.append("The new password must differ from the old one.")
    if problems:
        raise UserInvalid({"new_password": " ".join(problems)})
    row.password_hash = hash_password(new_password)
    row.must_change_password = False
    session.flush()
    audit.record(session, user, "user.password_changed", "user", user.login)


def unlock(session: Session, actor: Actor, login: str) -> Account:
    """Lift the lock-out after failed log-ins: at once, in every process that checks log-ins."""
    require_write(actor, Area.USERS, session=session, object_type="user", object_id=login)
    row = _row(session, login)
    before = int(row.failed_logins or 0)
    row.failed_logins = 0
    session.flush()
    audit.record(session, actor, "user.unlock", "user", login, failed_logins=before)
    return _account(row)


def set_active(session: Session, actor: Actor, login: str, active: bool) -> Account:
    """Disable (refused at log-in and at its next checked operation) or enable an account; not one's own."""
    require_write(actor, Area.USERS, session=session, object_type="user", object_id=login)
    if login == actor.login and not active:
        raise UserInvalid({"login": "You cannot disable your own account."})
    row = _row(session, login)
    if bool(row.active) != active:
        row.active = active
        session.flush()
        audit.record(session, actor, "user.enable" if active else "user.disable", "user", login)
    return _account(row)


def disable(session: Session, actor: Actor, login: str) -> Account:
    return set_active(session, actor, login, False)


def set_role(session: Session, actor: Actor, login: str, role: str) -> Account:
    """A new role (the user's open sessions are refused until they log in again: ``denied.role_changed``)."""
    require_write(actor, Area.USERS, session=session, object_type="user", object_id=login)
    if not _role(role):
        raise UserInvalid({"role": f"Unknown role {role!r}; one of: {', '.join(r.value for r in Role)}."})
    if login == actor.login:
        raise UserInvalid({"role": "You cannot change your own role."})
    row = _row(session, login)
    before = str(row.role)
    row.role = Role(role)
    session.flush()
    audit.record(session, actor, "user.role", "user", login, role=role, before=before)
    return _account(row)


def set_districts(session: Session, actor: Actor, login: str, districts: Sequence[str]) -> Account:
    """The districts the user covers (codes or names of the reference list; none: every district)."""
    require_write(actor, Area.USERS, session=session, object_type="user", object_id=login)
    row = _row(session, login)
    codes, errors = _districts(session, districts)
    if errors:
        raise UserInvalid(errors)
    before = sorted(d.district for d in row.districts)
    row.districts = [UserDistrict(district=d) for d in codes]
    session.flush()
    audit.record(session, actor, "user.districts", "user", login, districts=codes, before=before)
    return _account(row)
