"""``arm user add|passwd|unlock|disable|enable|list``: the administrator's account commands.

Without ``--as`` the owner of the database file acts as an administrator (the
first administrator of an empty database is made this way); with ``--as
LOGIN`` that account must be an administrator (its password from
``ARM_PASSWORD`` or the first line of standard input; a new password given
with ``--password-stdin`` is then the next line). ``--temporary`` makes the
user choose their own password at the first log-in; without a password on
standard input it generates one and prints it once.
"""

from __future__ import annotations

import argparse
import getpass
import secrets
import string

from sqlalchemy.orm import Session

from arm.access import ADMINISTRATOR
from arm.caseload import users
from arm.caseload.cli_support import emit, read_secret_line, run
from arm.cli_common import UsageError, add_as_argument, add_db_argument

ROLES = ("operator", "supervisor", "technician", "administrator")


def _new_password(args: argparse.Namespace) -> tuple[str, bool]:
    """(password, generated): from stdin, generated for ``--temporary``, or typed twice on the terminal."""
    if args.password_stdin:
        return read_secret_line("--password-stdin"), False
    if getattr(args, "temporary", False):
        alphabet = string.ascii_letters + string.digits
        while True:
            word = "".join(secrets.choice(alphabet) for _ in range(12))
            if not users.password_problems(word):
                return word, True
    first = getpass.getpass("New password: ")
    if first != getpass.getpass("Repeat it: "):
        raise UsageError("the two passwords differ")
    return first, False


def _account_obj(a: users.Account) -> dict[str, object]:
    return {"login": a.login, "full_name": a.full_name, "role": a.role, "districts": list(a.districts),
            "active": a.active, "locked": a.locked, "must_change_password": a.must_change_password}


def _account_text(a: users.Account) -> str:
    flags = [f for f, on in (("disabled", not a.active), ("locked", a.locked),
                             ("must change password", a.must_change_password)) if on]
    districts = ",".join(a.districts) or "all districts"
    return f"{a.login}\t{a.role}\t{districts}\t{a.full_name}" + (f"\t[{'; '.join(flags)}]" if flags else "")


def _add(args: argparse.Namespace) -> int:
    def work(session: Session, actor: object) -> None:
        password, generated = _new_password(args)
        draft = users.UserDraft(args.login, args.name or args.login, args.role, password, tuple(args.district),
                                temporary=bool(args.temporary))
        account = users.add_user(session, actor, draft)  # type: ignore[arg-type]
        emit(args, {**_account_obj(account), **({"temporary_password": password} if generated else {})},
             f"user {account.login} ({account.role}) created"
             + (f"; temporary password (shown once): {password}" if generated else "")
             + ("; a new password is asked at the first log-in" if args.temporary else ""))

    return run(args, work, shell_role=ADMINISTRATOR, migrate=True)


def _passwd(args: argparse.Namespace) -> int:
    def work(session: Session, actor: object) -> None:
        password, generated = _new_password(args)
        account = users.set_password(session, actor, args.login, password,  # type: ignore[arg-type]
                                     temporary=bool(args.temporary))
        emit(args, {**_account_obj(account), **({"temporary_password": password} if generated else {})},
             f"password of {account.login} set" + (f" (temporary, shown once): {password}" if generated else "")
             + ("; a new one is asked at the next log-in" if args.temporary else ""))

    return run(args, work, shell_role=ADMINISTRATOR)


def _simple(change: str) -> object:
    def handler(args: argparse.Namespace) -> int:
        def work(session: Session, actor: object) -> None:
            if change == "unlock":
                account = users.unlock(session, actor, args.login)  # type: ignore[arg-type]
            else:
                account = users.set_active(session, actor, args.login, change == "enable")  # type: ignore[arg-type]
            emit(args, _account_obj(account), f"user {account.login}: {change}d")

        return run(args, work, shell_role=ADMINISTRATOR)

    return handler


def _list(args: argparse.Namespace) -> int:
    def work(session: Session, actor: object) -> None:
        for account in users.list_accounts(session, actor):  # type: ignore[arg-type]
            emit(args, _account_obj(account), _account_text(account))

    return run(args, work, shell_role=ADMINISTRATOR)


def _common(p: argparse.ArgumentParser) -> None:
    add_db_argument(p)
    add_as_argument(p, "act as this ARM administrator (default: the owner of the database file, as administrator)")
    p.add_argument("--json", action="store_true", help="one JSON object per line")


def register_cli(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    u = sub.add_parser("user", help="user accounts (administrator)")
    usub = u.add_subparsers(dest="user_command", required=True, metavar="ACTION")
    add = usub.add_parser("add", help="create a user")
    _common(add)
    add.add_argument("login")
    add.add_argument("--role", required=True, choices=ROLES)
    add.add_argument("--name", help="full name")
    add.add_argument("--district", action="append", default=[],
                     help="district the user covers, code or name from the reference list (repeatable; none: all)")
    add.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
    add.add_argument("--temporary", action="store_true",
                     help="the user must choose a new password at the first log-in (generated unless on stdin)")
    add.set_defaults(handler=_add)
    pw = usub.add_parser("passwd", help="set a user's password (and unlock the login)")
    _common(pw)
    pw.add_argument("login")
    pw.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
    pw.add_argument("--temporary", action="store_true", help="the user must choose a new one at the next log-in")
    pw.set_defaults(handler=_passwd)
    for name, help_text in (("unlock", "lift the lock-out after failed log-ins (at once, no restart)"),
                            ("disable", "disable an account (refused at log-in and at its next operation)"),
                            ("enable", "enable a disabled account")):
        p = usub.add_parser(name, help=help_text)
        _common(p)
        p.add_argument("login")
        p.set_defaults(handler=_simple(name))
    ls = usub.add_parser("list", help="every account: role, districts, state")
    _common(ls)
    ls.set_defaults(handler=_list)
