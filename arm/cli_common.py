"""What every ``arm`` command shares: its errors, the ``--db`` and ``--as`` options, the database and the actor.

Its own module so the commands (``arm.cli_*``, ``arm.demo``, the plugins' own
commands) and the entry point ``arm.cli`` all import it and never each other:
``arm.cli`` builds the parser from the commands, the commands depend only on this.

Exit codes: 0 success, 1 the work failed (database unavailable...), 2 a bad
argument (argparse's convention, kept for every error in what the user typed).
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import and_, or_, select
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from arm import audit
from arm.access import ShellUser
from arm.auth import CurrentUser
from db.models import AuditEntry
from db.session import Database, DatabaseUnavailable, default_db_url

EXIT_FAILURE = 1
EXIT_USAGE = 2


class UsageError(Exception):
    """Something the user typed is wrong; reported with exit code 2."""


class CommandFailed(Exception):
    """The command could not do its work; reported with exit code 1."""


def add_db_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db",
        metavar="URL",
        help="database URL (sqlite:///path or postgresql://...); default: the SQLite file in the user data directory",
    )


def open_db(url: str | None, *, migrate: bool = False) -> Database:
    """Open the database for a command; a missing or outdated one is a clear error."""
    url = url or default_db_url()
    try:
        parsed = make_url(url)
    except Exception as exc:
        raise UsageError(f"--db: not a database URL: {url!r}") from exc
    if parsed.get_backend_name() == "sqlite" and not migrate:
        path = Path(parsed.database or "")
        if not path.exists():
            raise CommandFailed(f"no database at {path}; create it with: arm db upgrade --db {url}")
    from arm.journal_anchor.key import KeyFileError

    try:
        db = Database(url)
        db.check()
        if migrate:
            db.upgrade()
        elif not db.is_current():
            raise CommandFailed("the database schema is not current; run: arm db upgrade")
    except (DatabaseUnavailable, KeyFileError) as exc:
        raise CommandFailed(str(exc)) from exc
    key_journals(db)
    return db


def key_journals(db: Database) -> None:
    """First start with a key: re-key the database's plain journal chains once (a refusal is said, not fatal)."""
    import sys

    from arm.journal_anchor.key import KeyFileError
    from arm.journal_anchor.rekey import ensure_keyed
    from db.integrity import ChainKeyError

    try:
        result = ensure_keyed(db, cli_actor())
    except (KeyFileError, ChainKeyError) as exc:
        db.dispose()
        raise CommandFailed(str(exc)) from exc
    if result.refused:
        print(f"warning: {result.refused}", file=sys.stderr)
    elif result.rows:
        rows = ", ".join(f"{j} {n} rows" for j, n in result.rows.items())
        print(f"journals keyed with the journal key once: {rows}", file=sys.stderr)


def cli_actor() -> str:
    """Who ran a shell command without ``--as``, for the audit journal: ``cli:<os user>``."""
    try:
        return f"cli:{getpass.getuser()}"
    except OSError:
        return "cli"


def add_as_argument(parser: argparse.ArgumentParser, help_text: str | None = None) -> None:
    """``--as LOGIN`` (the password is asked for, see ``cli_user``) and ``--password-stdin``."""
    parser.add_argument(
        "--as", dest="as_user", metavar="LOGIN",
        help=help_text or "act as this ARM user (their role and districts); the password is asked on the "
        "terminal, or read from ARM_PASSWORD or one line of standard input",
    )


#: the variable a script puts the ``--as`` user's password in (never the command line)
PASSWORD_VARIABLE = "ARM_PASSWORD"
#: consecutive failed log-ins (GUI, desk or shell) after which ``--as`` refuses the login ...
LOCKOUT_FAILURES = 5
#: ... for this long after the last failure (each shell command is a new process, so the
#: count is read from the audit journal, not held in memory as the GUI does)
LOCKOUT_MINUTES = 15


def read_password(login: str) -> str:
    """The ``--as`` user's password: ``ARM_PASSWORD``, else the terminal (no echo), else one stdin line."""
    env = os.environ.get(PASSWORD_VARIABLE)
    if env:
        return env
    try:
        if sys.stdin is None:
            return ""
        if sys.stdin.isatty():
            return getpass.getpass(f"Password for {login}: ")
        return sys.stdin.readline().rstrip("\r\n")
    except (EOFError, OSError, ValueError):  # no terminal, a closed or unreadable stdin: no password
        return ""


def _locked(session: Session, login: str) -> bool:
    """True after ``LOCKOUT_FAILURES`` failed log-ins in a row, the last within ``LOCKOUT_MINUTES``."""
    rows = session.execute(
        select(AuditEntry.action, AuditEntry.at)
        .where(or_(and_(AuditEntry.user == login, AuditEntry.action.in_(("login", "login_failed", "login_locked"))),
                   and_(AuditEntry.action.in_(("user.unlock", "user.password")), AuditEntry.object_id == login)))
        .order_by(AuditEntry.id.desc())
        .limit(LOCKOUT_FAILURES)
    ).all()
    # a log-in, or an administrator's unlock or password reset (arm.caseload.users), ends the run of failures
    if len(rows) < LOCKOUT_FAILURES or any(action in ("login", "user.unlock", "user.password") for action, _ in rows):
        return False
    return rows[0][1] > datetime.now(UTC) - timedelta(minutes=LOCKOUT_MINUTES)


def cli_user(args: argparse.Namespace, db: Database) -> CurrentUser | ShellUser:
    """Who a command acts as: the ``--as`` user after their password, else ``cli:<os user>``.

    Without ``--as`` the shell user has what owning the database file already
    gives (a supervisor of every district), audited under its own name and
    never a real ARM login. With ``--as`` the password is checked by
    ``arm.auth.authenticate`` (argon2id, audit row of every attempt) in a
    transaction of its own, so a failed attempt is recorded even though the
    command stops; an unknown, disabled or locked account and a wrong or
    missing password all end the command with exit 1 and one sentence.
    """
    from arm.auth import AuthError, authenticate

    login = (getattr(args, "as_user", None) or "").strip()
    if not login:
        return ShellUser(cli_actor())
    password = read_password(login)
    refusal: str | None = None
    user: CurrentUser | None = None
    with db.begin() as session:
        if not password:
            audit.record(session, login, "login_failed", reason="no password (shell)")
            refusal = (f"--as {login}: no password given (type it when asked, or set {PASSWORD_VARIABLE} "
                       "or pipe it on standard input)")
        elif _locked(session, login):
            audit.record(session, login, "login_locked", reason="shell")
            refusal = (f"--as {login}: too many failed log-ins; the account is locked for "
                       f"{LOCKOUT_MINUTES} minutes, or until an administrator runs: arm user unlock {login}")
        else:
            try:
                user = authenticate(session, login, password)
            except AuthError as exc:
                refusal = f"--as {login}: {exc}"
    if user is None:
        raise CommandFailed(refusal or f"--as {login}: log-in refused")
    return user


def run_as(args: argparse.Namespace, work: Callable[[Session, CurrentUser | ShellUser], int | None]) -> int:
    """Open the database, find who acts (``cli_user``), run ``work(session, actor)`` in one transaction.

    A refusal (``AccessDenied``, an unsafe output file) exits 1, a bad value 2.
    """
    from arm.access import AccessDenied
    from arm.safe_write import UnsafeTarget

    db = open_db(args.db)
    try:
        actor = cli_user(args, db)
        with db.begin() as session:
            return int(work(session, actor) or 0)
    except (AccessDenied, UnsafeTarget) as exc:
        raise CommandFailed(f"{exc} [{exc.code}]") from exc
    except ValueError as exc:
        raise UsageError(str(exc)) from exc
    finally:
        db.dispose()
