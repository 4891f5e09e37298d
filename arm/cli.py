"""``arm``: the GUI with no argument, otherwise one of the subcommands.

Exit codes: 0 success, 1 the work failed (database unavailable...), 2 a bad
argument (argparse's convention, kept for every error in what the user typed);
the errors and helpers every command shares are in ``arm.cli_common``. The GUI
is started by module name (``arm.plugins.GUI_MODULE``), so the core never
imports it.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence

from arm import __version__
from arm.cli_common import EXIT_FAILURE, EXIT_USAGE, CommandFailed, UsageError, add_db_argument


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
            from arm.plugins import gui

            return int(gui().main(args) or 0)
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
