"""Log-in with argon2id hashes; every attempt audited; lockout."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from arm import auth
from db.models import AuditEntry, User
from db.session import Database


@pytest.fixture(autouse=True)
def _reset() -> None:
    auth.reset_failures()


def test_password_stored_as_argon2id(db: Database) -> None:
    with db.begin() as s:
        auth.create_user(s, "op1", "correct horse", "operator", "Оператор Один", ("Есильский район",))
    with db.session() as s:
        user = s.execute(select(User)).scalar_one()
    assert user.password_hash.startswith("$argon2id$")
    assert "correct horse" not in user.password_hash


def test_login_ok_and_failures_named_by_field(db: Database) -> None:
    with db.begin() as s:
        auth.create_user(s, "sup", "long-password", "supervisor", districts=("A", "B"))
    with db.begin() as s:
        current = auth.authenticate(s, "sup", "long-password")
    assert current.role == "supervisor" and current.districts == ("A", "B")
    with pytest.raises(auth.AuthError) as wrong, db.begin() as s:
        auth.authenticate(s, "sup", "nope")
    assert wrong.value.field == "password"
    with pytest.raises(auth.AuthError) as unknown, db.begin() as s:
        auth.authenticate(s, "ghost", "whatever1")
    assert unknown.value.field == "login"


def test_failed_attempts_are_audited_even_though_login_fails(db: Database) -> None:
    with db.begin() as s:
        auth.create_user(s, "tech", "long-password", "technician")
    for _ in range(auth.MAX_FAILED_ATTEMPTS):
        with pytest.raises(auth.AuthError), db.begin() as s:
            try:
                auth.authenticate(s, "tech", "bad")
            finally:
                s.commit()  # the form's caller keeps the audit row although the log-in fails
    with pytest.raises(auth.AuthError, match="locked"), db.begin() as s:
        auth.authenticate(s, "tech", "long-password")
    with db.session() as s:
        actions = list(s.execute(select(AuditEntry.action)).scalars())
    assert actions.count("login_failed") == auth.MAX_FAILED_ATTEMPTS


def test_short_password_and_unknown_role_refused(db: Database) -> None:
    with pytest.raises(ValueError, match="at least"), db.begin() as s:
        auth.create_user(s, "x", "short", "operator")
    with pytest.raises(ValueError, match="Unknown role"), db.begin() as s:
        auth.create_user(s, "y", "long-password", "janitor")
