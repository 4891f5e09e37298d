"""User administration: the service (policy, temporary passwords, lock-out in the account) and ``arm user``."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select

from arm import auth
from arm.access import AccessDenied
from arm.caseload import users
from db.models import AuditEntry, User
from db.session import Database
from tests.caseload.conftest import audit_rows, user

ROOT = Path(__file__).resolve().parents[2]
ADMIN = user("administrator")


def arm(*args: str, db: Database, stdin: str | None = None, env: dict[str, str] | None = None
        ) -> subprocess.CompletedProcess[str]:
    full = {k: v for k, v in os.environ.items() if k != "ARM_PASSWORD"}
    full.update(PYTHONPATH=str(ROOT), **(env or {}))
    return subprocess.run([sys.executable, "-m", "arm", *args, "--db", db.url], capture_output=True, text=True,
                          input=stdin, env=full, timeout=120)


@pytest.mark.parametrize(("password", "problem"), [
    ("short1", "at least 8"), ("onlyletters", "letters and digits"), ("12345678", "letters and digits"),
    ("ivanova2026", "too easy"), ("password1", "too easy"),
])
def test_the_password_policy_names_what_is_wrong(password: str, problem: str) -> None:
    assert any(problem in p for p in users.password_problems(password, "ivanova"))
    assert users.password_problems("Kabanbai-118", "ivanova") == []


def test_add_user_checks_every_field_and_only_an_administrator_may(db: Database) -> None:
    with pytest.raises(AccessDenied) as denied, db.begin() as s:
        users.add_user(s, user("supervisor"), users.UserDraft("new1", "Н", "operator", "Good-pass-1"))
    assert denied.value.code == "denied.users"
    with pytest.raises(users.UserInvalid) as caught, db.begin() as s:
        users.add_user(s, ADMIN, users.UserDraft("Bad Login", "Н", "boss", "short", ("Нигде",)))
    assert set(caught.value.errors) == {"login", "role", "password", "districts[0]"}
    with db.begin() as s:
        made = users.add_user(s, ADMIN, users.UserDraft("ivanova", "Иванова А.", "operator", "Good-pass-1",
                                                       ("Медеуский район",), temporary=True))
    assert made.districts == ("KZ-75-medeu",) and made.must_change_password
    assert audit_rows(db, "user.create")[0].detail["districts"] == ["KZ-75-medeu"]


def test_temporary_password_is_changed_at_first_log_in(db: Database) -> None:
    with db.begin() as s:
        users.add_user(s, ADMIN, users.UserDraft("petrov", "Петров П.", "operator", "Temp-pass-1", temporary=True))
    with db.begin() as s:
        first = auth.authenticate(s, "petrov", "Temp-pass-1")
    assert first.must_change_password
    with pytest.raises(users.UserInvalid) as same, db.begin() as s:
        users.change_own_password(s, first, "Temp-pass-1", "Temp-pass-1")
    assert set(same.value.errors) == {"new_password"}
    with db.begin() as s:
        users.change_own_password(s, first, "Temp-pass-1", "Own-pass-22")
    with db.begin() as s:
        assert not auth.authenticate(s, "petrov", "Own-pass-22").must_change_password


def _fail(db: Database, login: str, times: int) -> None:
    for _ in range(times):
        with pytest.raises(auth.AuthError), db.begin() as s:
            try:
                auth.authenticate(s, login, "wrong-1234")
            finally:
                s.commit()


def test_unlock_from_the_shell_applies_in_a_running_process(db: Database) -> None:
    with db.begin() as s:
        users.add_user(s, ADMIN, users.UserDraft("sidorov", "Сидоров С.", "operator", "Right-pass-1"))
    _fail(db, "sidorov", auth.MAX_FAILED_ATTEMPTS)
    with pytest.raises(auth.AuthError) as locked, db.begin() as s:
        auth.authenticate(s, "sidorov", "Right-pass-1")
    assert locked.value.code == "locked" and "arm user unlock" in str(locked.value)
    listed = arm("user", "list", "--json", db=db)
    assert listed.returncode == 0, listed.stderr
    rows = {row["login"]: row for row in map(json.loads, listed.stdout.splitlines())}
    assert rows["sidorov"]["locked"] is True and rows["operator1"]["locked"] is False
    done = arm("user", "unlock", "sidorov", db=db)
    assert done.returncode == 0, done.stderr
    with db.begin() as s:  # this process (a running monitoring desk) was not restarted
        assert auth.authenticate(s, "sidorov", "Right-pass-1").login == "sidorov"
    assert [r.object_id for r in audit_rows(db, "user.unlock")] == ["sidorov"]


def test_arm_user_commands_end_to_end(db: Database) -> None:
    boot = arm("user", "add", "chief", "--role", "administrator", "--password-stdin", db=db, stdin="Head-pass-1\n")
    assert boot.returncode == 0, boot.stderr
    made = arm("user", "add", "op7", "--role", "operator", "--district", "Медеу ауданы", "--temporary", "--json",
               "--as", "chief", db=db, env={"ARM_PASSWORD": "Head-pass-1"})
    assert made.returncode == 0, made.stderr
    shown = json.loads(made.stdout)
    assert shown["districts"] == ["KZ-75-medeu"] and shown["must_change_password"]
    with db.begin() as s:
        assert auth.authenticate(s, "op7", shown["temporary_password"]).must_change_password
    bad = arm("user", "add", "op8", "--role", "operator", "--district", "Атлантида", "--password-stdin", db=db,
              stdin="x\n")
    assert bad.returncode == 2 and "districts[0]" in bad.stderr and "password:" in bad.stderr
    not_admin = arm("user", "disable", "chief", "--as", "op7", db=db, env={"ARM_PASSWORD": shown["temporary_password"]})
    assert not_admin.returncode == 1 and "denied.users" in not_admin.stderr
    assert arm("user", "passwd", "op7", "--password-stdin", db=db, stdin="Fresh-pass-9\n").returncode == 0
    assert arm("user", "disable", "op7", db=db).returncode == 0
    with pytest.raises(auth.AuthError) as disabled, db.begin() as s:
        auth.authenticate(s, "op7", "Fresh-pass-9")
    assert disabled.value.code == "disabled"
    with db.session() as s:
        assert s.scalars(select(User.active).where(User.login == "op7")).one() is False
        assert "user.disable" in s.scalars(select(AuditEntry.action)).all()
