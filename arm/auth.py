"""Users, roles and log-in (argon2id password hashes).

``CurrentUser`` is a plain snapshot of the logged-in user that the GUI and the
data layer pass around; it never holds a Session.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from arm import audit
from db.models import Role, User, UserDistrict

_hasher = PasswordHasher()  # argon2id with the library's current defaults

MIN_PASSWORD_LENGTH = 8
MAX_FAILED_ATTEMPTS = 5


class AuthError(Exception):
    """Log-in refused; ``field`` names the form field the message belongs to.

    ``code`` is stable (the desk API sends it as ``auth.<code>``): ``login_required``,
    ``unknown_user``, ``disabled``, ``wrong_password``, ``locked``.
    """

    def __init__(self, message: str, field: str = "password", code: str = "wrong_password") -> None:
        super().__init__(message)
        self.field = field
        self.code = code


@dataclass(frozen=True)
class CurrentUser:
    id: int
    login: str
    full_name: str
    role: str
    districts: tuple[str, ...] = field(default=())
    #: the account was given a temporary password: the GUI asks for a new one before anything else
    #: (``arm.caseload.users.change_own_password``)
    must_change_password: bool = False

    def has_role(self, *roles: str | Role) -> bool:
        return self.role in {str(r) for r in roles}


def user_names(s: Session, logins: set[str]) -> dict[str, str]:
    """login -> full name, for what a person reads and signs (a login without an account or name stays as it is)."""
    if not logins:
        return {}
    rows = s.execute(select(User.login, User.full_name).where(User.login.in_(logins))).all()
    found = {login: name or login for login, name in rows}
    return {login: found.get(login, login) for login in logins}


def hash_password(password: str) -> str:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ValueError("A password needs at least 8 characters.")
    return _hasher.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    """Whether ``password`` is the one ``password_hash`` was made from."""
    try:
        return bool(_hasher.verify(password_hash, password))
    except (VerificationError, InvalidHashError):
        return False


def create_user(
    session: Session,
    login: str,
    password: str,
    role: Role | str,
    full_name: str = "",
    districts: tuple[str, ...] = (),
) -> User:
    if str(role) not in {r.value for r in Role}:
        raise ValueError(f"Unknown role {role!r}; one of: {', '.join(r.value for r in Role)}.")
    if session.execute(select(User.id).where(User.login == login)).first():
        raise ValueError(f"The login {login!r} is taken.")
    user = User(
        login=login,
        full_name=full_name or login,
        role=Role(str(role)),
        password_hash=hash_password(password),
        districts=[UserDistrict(district=d) for d in districts],
    )
    session.add(user)
    session.flush()
    return user


def snapshot(user: User) -> CurrentUser:
    return CurrentUser(
        id=user.id,
        login=user.login,
        full_name=user.full_name,
        role=str(user.role),
        districts=tuple(d.district for d in user.districts),
        must_change_password=bool(user.must_change_password),
    )


_failures: dict[str, int] = {}


#: The lock-out message: an administrator unlocks the login in the user administration screen or
#: with ``arm user unlock LOGIN`` (arm.caseload.users.unlock), effective at once in every process.
LOCKED_MESSAGE = ("Too many failed attempts: this login is locked until an administrator unlocks it "
                  "(User administration, or the command arm user unlock).")


def authenticate(session: Session, login: str, password: str) -> CurrentUser:
    """Check a log-in; every attempt, good or bad, goes to the audit journal.

    Failures of an existing account are counted in the account
    (``users.failed_logins``, written in the caller's transaction, which
    commits it even when the log-in fails); at ``MAX_FAILED_ATTEMPTS`` the
    login is locked, even with the right password, until an administrator
    unlocks it. Unknown logins are counted in this process only.
    """
    login = login.strip()
    if not login:
        raise AuthError("Enter your login.", field="login", code="login_required")
    user = session.execute(select(User).where(User.login == login)).scalar_one_or_none()
    if _failures.get(login, 0) >= MAX_FAILED_ATTEMPTS or (user is not None and
                                                         (user.failed_logins or 0) >= MAX_FAILED_ATTEMPTS):
        audit.record(session, login, "login_locked")
        raise AuthError(LOCKED_MESSAGE, field="login", code="locked")
    if user is None or not user.active:
        _failures[login] = _failures.get(login, 0) + 1
        audit.record(session, login, "login_failed", reason="unknown or inactive user")
        raise AuthError("Unknown login or the account is disabled.", field="login",
                        code="unknown_user" if user is None else "disabled")
    try:
        _hasher.verify(user.password_hash, password)
    except (VerificationError, InvalidHashError):
        user.failed_logins = (user.failed_logins or 0) + 1
        audit.record(session, login, "login_failed", reason="wrong password")
        raise AuthError("Wrong password.", field="password") from None
    _failures.pop(login, None)
    if user.failed_logins:
        user.failed_logins = 0
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = _hasher.hash(password)
    current = snapshot(user)
    audit.record(session, current, "login")
    return current


def reset_failures(login: str | None = None) -> None:
    """Forget this process's count of failed unknown logins (tests; an account's count is in the database)."""
    if login is None:
        _failures.clear()
    else:
        _failures.pop(login, None)
