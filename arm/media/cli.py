"""``arm media list|export``: voice messages on the command line, with the GUI's rules.

Without ``--as LOGIN`` the shell user acts as a supervisor of every district
(whoever can read the database file can read the clips anyway) and is audited
as ``cli:<os user>``; with ``--as`` (password asked, ``arm.cli_common.cli_user``)
the command is limited to what that ARM user may hear. An export replaces an
existing file only with ``--force``. Exit 2 for bad arguments (unknown clip, no filter), 1 when the
role may not.
"""

from __future__ import annotations

import argparse
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from arm.cli_common import UsageError, add_as_argument, add_db_argument


def _zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise argparse.ArgumentTypeError(f"unknown time zone {name!r}") from None


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if value <= 0:
        raise argparse.ArgumentTypeError(f"must be positive: {value}")
    return value


def _run(args: argparse.Namespace, work: Any) -> int:
    from arm.reports.plugin import run_as_actor

    return run_as_actor(args, work)


def _local(t: datetime, tz: ZoneInfo) -> str:
    return t.astimezone(tz).strftime("%d.%m.%Y %H:%M:%S")


def _list(args: argparse.Namespace) -> int:
    from arm.media.library import list_clips

    if args.person is None and args.device is None:
        raise UsageError("arm media list: give --person ID or --device SERIAL")

    def work(session: Any, actor: Any) -> int:
        clips = list_clips(session, actor, person_id=args.person, serial=args.device, limit=args.limit)
        if not clips:
            print("no voice messages")
            return 0
        print(f"{'id':>6}  {'time (' + args.tz.key + ')':<20} {'device':<16} {'length':>7} {'bytes':>7}  person")
        for c in clips:
            length = "?" if c.duration_s is None else f"{c.duration_s:.1f} s"
            gap = f" [{c.parts_missing} of {c.parts} parts missing]" if c.parts_missing else ""
            print(f"{c.id:>6}  {_local(c.time, args.tz):<20} {c.serial:<16} {length:>7} {c.size:>7}  "
                  f"{c.person_name or '-'}{gap}")
        return 0

    return _run(args, work)


def _export(args: argparse.Namespace) -> int:
    from arm.media.library import ClipNotFound, export_clip

    def work(session: Any, actor: Any) -> int:
        try:
            clip, target = export_clip(session, actor, args.clip, Path(args.out), force=args.force)
        except ClipNotFound as exc:
            raise UsageError(str(exc)) from exc
        print(f"voice message {clip.info.id} ({clip.info.size} bytes, sha256 {clip.info.sha256}) written to {target}")
        return 0

    return _run(args, work)


def register_cli(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("media", help="voice messages devices sent: list them, export one (audited)")
    actions = p.add_subparsers(dest="media_action", metavar="ACTION", required=True)
    ls = actions.add_parser("list", help="the voice messages of a person or a device, newest first")
    ls.add_argument("--person", type=_positive, metavar="ID", help="person id")
    ls.add_argument("--device", metavar="SERIAL", help="device serial")
    ls.add_argument("--limit", type=_positive, default=200)
    ls.add_argument("--tz", type=_zone, default=ZoneInfo("Asia/Almaty"), help="desk time zone (default Asia/Almaty)")
    ls.set_defaults(handler=_list)
    ex = actions.add_parser("export", help="write one voice message (AMR) to a file, byte for byte")
    ex.add_argument("clip", type=_positive, metavar="ID", help="the clip id (arm media list)")
    ex.add_argument("--out", required=True, help="file to write, or a directory (file named after the clip)")
    ex.add_argument("--force", action="store_true", help="replace the file if it exists (never a link)")
    ex.set_defaults(handler=_export)
    for a in (ls, ex):
        add_db_argument(a)
        add_as_argument(a)
