"""``arm serve``: the monitoring service without a window, for several desks.

Runs until SIGTERM or SIGINT, then stops accepting, stores what was received
and exits 0.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import signal
import sys

from arm.cli_common import add_db_argument, open_db
from arm.config import Settings
from arm.service import MonitoringService

log = logging.getLogger("arm.serve")


async def serve(args: argparse.Namespace) -> int:
    db = open_db(args.db, migrate=True)
    # the desk's settings, then the flags given (each flag's dest is the setting it overrides)
    service = MonitoringService(db, settings=Settings.load().with_overrides(vars(args)))
    service.configure_plugins()
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    await service.start()
    log.info("arm serve ready: %d component(s): %s", len(service.components),
             ", ".join(c.name for c in service.components) or "none")
    print("arm serve: ready", flush=True)
    await stop.wait()
    log.info("arm serve stopping")
    await service.stop()
    stats = service.ingest.stats
    log.info("arm serve stopped: %d stored, %d duplicates, %d rejected", stats.stored, stats.duplicates, stats.rejected)
    db.dispose()
    return 0


def event_loop_name(choice: str) -> str:
    """``auto`` is uvloop where it is installed (Linux, macOS), else asyncio's own.

    uvloop (libuv, in C) does the socket work of the listeners with less CPU per
    report than the pure-Python selector loop: the margin that counts when 10,000
    trackers report to one core (``bench/ingest.py --loop`` compares the two).
    The GUI's embedded service runs on Qt's loop (qasync) and does not use it.
    """
    if choice != "auto":
        return choice
    try:
        import uvloop  # noqa: F401
    except ImportError:
        return "asyncio"
    return "uvloop"


def _run(args: argparse.Namespace) -> int:
    name = event_loop_name(args.loop)
    log.info("arm serve: event loop %s", name)
    if name == "uvloop":
        try:
            import uvloop
        except ImportError:
            print("arm serve: --loop uvloop: uvloop is not installed", file=sys.stderr)
            return 2
        return uvloop.run(serve(args))
    return asyncio.run(serve(args))


def register_cli(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from arm.plugins import plugins

    p = sub.add_parser("serve", help="run the monitoring service headless until SIGTERM/SIGINT")
    add_db_argument(p)
    p.add_argument("--loop", choices=("auto", "uvloop", "asyncio"), default="auto",
                   help="event loop: uvloop where installed (auto, the default) or asyncio's own")
    for plugin in plugins():
        add = getattr(plugin, "add_serve_arguments", None)
        if add is not None:
            add(p)
    p.set_defaults(handler=_run)
