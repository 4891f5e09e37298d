"""``arm``: the GUI with no argument, otherwise one of the subcommands.

Exit codes: 0 success, 1 the work failed (database unavailable...), 2 a bad
argument (argparse's convention, kept for every error in what the user typed).
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence

from arm import __version__

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


def build_parser() -> argparse.ArgumentParser:
    from arm import cli_db, cli_query, cli_serve, demo
    from arm.plugins import plugins

    parser = argparse.ArgumentParser(
        prog="arm",
        description="ARM operator workstation of the electronic monitoring system. Without a command: the GUI.",
    )
    parser.add_argument("--version", action="version", version=f"arm {__version__}")
    parser.add_argument("--log-level", default="INFO", choices=["DEBUG", "INFO", "WARNING", "ERROR"])
    add_db_argument(parser)
    parser.add_argument("--demo", action="store_true", help="GUI: seed demo data and run the device simulator")
    parser.add_argument("--lang", choices=["ru", "kk", "en"], help="GUI: interface language")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    cli_serve.register_cli(sub)
    cli_db.register_cli(sub)
    demo.register_cli(sub)
    cli_query.register_cli(sub)
    for plugin in plugins():
        register = getattr(plugin, "register_cli", None)
        if register is not None:
            register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=getattr(logging, args.log_level),
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    logging.getLogger("alembic").setLevel(logging.WARNING)
    handler = getattr(args, "handler", None)
    try:
        if handler is None:
            from arm.app import main as gui_main

            return int(gui_main(args) or 0)
        return int(handler(args) or 0)
    except UsageError as exc:
        parser.exit(EXIT_USAGE, f"arm: error: {exc}\n")
    except CommandFailed as exc:
        print(f"arm: {exc}", file=sys.stderr)
        return EXIT_FAILURE
    except KeyboardInterrupt:
        return 130
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
