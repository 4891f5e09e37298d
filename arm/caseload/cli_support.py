"""What the caseload commands (``arm user``, ``arm person``, ``arm device``, ``arm caseload``) share.

One transaction per command, the acting user (``--as LOGIN`` after its
password, else the owner of the database file: ``ShellUser`` with the role the
command family needs), and one mapping of the services' refusals to exit
codes: a bad value (a field, a row, a JSON path) exits 2 with every problem on
its own line, a refusal of rights or a failed operation exits 1.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from typing import Any

from sqlalchemy.orm import Session

from arm.access import AccessDenied, ShellUser
from arm.auth import CurrentUser
from arm.cli_common import CommandFailed, UsageError, cli_actor, cli_user, open_db

Work = Callable[[Session, CurrentUser | ShellUser], int | None]


def run(args: argparse.Namespace, work: Work, *, shell_role: str = "supervisor", migrate: bool = False) -> int:
    """Open the database, find who acts, run ``work`` in one transaction; refusals become exit codes."""
    from arm.caseload.lifecycle import PersonInvalid
    from arm.caseload.persons import PersonNotFound
    from arm.caseload.reference import ReferenceProblem
    from arm.caseload.restrictions import RestrictionInvalid
    from arm.caseload.users import UserInvalid, UserNotFound
    from arm.inventory import InventoryError

    db = open_db(args.db, migrate=migrate)
    try:
        actor: CurrentUser | ShellUser
        if getattr(args, "as_user", None):
            actor = cli_user(args, db)
        else:
            actor = ShellUser(cli_actor(), role=shell_role)
        with db.begin() as session:
            return int(work(session, actor) or 0)
    except AccessDenied as exc:
        raise CommandFailed(f"{exc} [{exc.code}]") from exc
    except (PersonInvalid, UserInvalid) as exc:
        raise UsageError(_lines(exc.errors)) from exc
    except ReferenceProblem as exc:
        raise UsageError(f"{exc.field + ': ' if exc.field else ''}{exc} [{exc.code}]") from exc
    except (RestrictionInvalid, InventoryError) as exc:
        raise UsageError(f"{exc} [{exc.code}]") from exc
    except (PersonNotFound, UserNotFound) as exc:
        raise UsageError(str(exc.args[0]) if exc.args else "not found") from exc
    finally:
        db.dispose()


def _lines(errors: dict[str, str]) -> str:
    return "\n".join(f"{field}: {message}" for field, message in errors.items())


def emit(args: argparse.Namespace, obj: dict[str, Any], text: str) -> None:
    """One object: a JSON line with ``--json``, else the text."""
    if getattr(args, "json", False):
        print(json.dumps(obj, ensure_ascii=False, default=str))
    else:
        print(text)


def read_secret_line(prompt: str) -> str:
    """One line of standard input (``--password-stdin``), without its line end."""
    line = sys.stdin.readline() if sys.stdin is not None else ""
    if not line:
        raise UsageError(f"{prompt}: nothing on standard input")
    return line.rstrip("\r\n")
