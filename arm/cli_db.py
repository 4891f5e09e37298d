"""``arm db ...``: the schema from the shell (``arm user ...`` is the caseload area's: arm/caseload/cli_users.py)."""

from __future__ import annotations

import argparse

from arm.cli_common import UsageError, add_db_argument, cli_actor, open_db


def _upgrade(args: argparse.Namespace) -> int:
    db = open_db(args.db, migrate=True)
    print(f"database is at the newest schema: {db.engine.url.render_as_string(hide_password=True)}")
    return 0


def _status(args: argparse.Namespace) -> int:
    db = open_db(args.db, migrate=False)
    print("schema: current" if db.is_current() else "schema: needs `arm db upgrade`")
    return 0


def _migrate_to(args: argparse.Namespace) -> int:
    from arm.history.migrate_to import MigrationError, migrate_to
    from db.session import Database

    source = open_db(args.db, migrate=False)
    target = Database(args.url)
    try:
        report = migrate_to(source, target, cli_actor(), lambda t, n: print(f"{t}: {n} rows", flush=True))
    except MigrationError as exc:
        raise UsageError(str(exc)) from exc
    finally:
        source.dispose()
        target.dispose()
    print(f"{report.total} rows copied to {target.engine.url.render_as_string(hide_password=True)}; "
          "point the desk at it with --db or its settings")
    return 0


def register_cli(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("db", help="database schema")
    dbsub = p.add_subparsers(dest="db_command", required=True, metavar="ACTION")
    up = dbsub.add_parser("upgrade", help="create the database or migrate it to the newest schema")
    add_db_argument(up)
    up.set_defaults(handler=_upgrade)
    st = dbsub.add_parser("status", help="is the schema current?")
    add_db_argument(st)
    st.set_defaults(handler=_status)
    mt = dbsub.add_parser("migrate-to", help="copy this desk's SQLite database into an empty PostgreSQL one")
    mt.add_argument("url", help="the target, e.g. postgresql+psycopg://user@host/arm (must be empty)")
    add_db_argument(mt)
    mt.set_defaults(handler=_migrate_to)

