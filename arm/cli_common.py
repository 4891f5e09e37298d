"""What every ``arm`` command shares: its errors, the ``--db`` option, the database and the actor.

Its own module so the commands (``arm.cli_*``, ``arm.demo``, the plugins' own
commands) and the entry point ``arm.cli`` all import it and never each other:
``arm.cli`` builds the parser from the commands, the commands depend only on this.

Exit codes: 0 success, 1 the work failed (database unavailable...), 2 a bad
argument (argparse's convention, kept for every error in what the user typed).
"""

from __future__ import annotations

import argparse
import getpass
from pathlib import Path

from sqlalchemy.engine import make_url

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
    """Who ran a shell command, for the audit journal."""
    try:
        return f"cli:{getpass.getuser()}"
    except OSError:
        return "cli"
