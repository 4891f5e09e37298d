"""``arm near``: "who was here" on the command line (``arm.history.near``).

A named supervisor only (``--as LOGIN``, password asked or ARM_PASSWORD), with
``--reason``; the search and what it found go to the audit journal. Times are
given and printed in the desk zone (``--tz``, default Asia/Almaty).
"""

from __future__ import annotations

import argparse
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from arm.cli_common import UsageError, add_as_argument, add_db_argument, run_as


def _zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise argparse.ArgumentTypeError(f"unknown time zone {name!r}") from None


def _time(text: str, tz: ZoneInfo, field: str) -> datetime:
    try:
        value = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise UsageError(f"--{field}: {text!r} is not an ISO 8601 time (e.g. 2026-12-07T11:00)") from None
    if value.tzinfo is None:
        value = value.replace(tzinfo=tz)
    return value.astimezone(UTC)


def _near(args: argparse.Namespace) -> int:
    from arm.history.near import who_was_here

    start, end = _time(args.date_from, args.tz, "from"), _time(args.date_to, args.tz, "to")

    def work(session: Any, actor: Any) -> int:
        result = who_was_here(session, actor, args.lat, args.lon, args.radius, start, end, args.reason or "",
                              with_tracks=bool(args.json or args.pdf))
        if args.pdf:
            from arm.history.near_pdf import export_pdf

            export_pdf(result, Path(args.pdf), lang=args.lang, tz=args.tz, force=args.force)
        if args.json:
            print(json.dumps(result.as_json(), ensure_ascii=False, indent=1))
            return 0
        print(f"{len(result.hits)} person(s) within {args.radius:.0f} m of {args.lat}, {args.lon} "
              f"[{result.engine}]" + (f"; {result.hidden} of other districts not named" if result.hidden else ""))
        for h in result.hits:
            when = h.closest.time.astimezone(args.tz).strftime("%Y-%m-%d %H:%M:%S")
            print(f"{h.person_id}\t{h.name}\t{h.district}\t{h.device_serial}\t{when}\t{h.distance_m:.0f} m")
        if args.pdf:
            print(f"PDF written: {args.pdf}")
        return 0

    return run_as(args, work)


def configure(service: Any, settings: Any) -> None:
    """On PostgreSQL, keep the day partitions of positions created ahead (``arm.history.maintenance``)."""
    if service.db.dialect == "postgresql":
        from arm.history.maintenance import PartitionKeeper

        service.add_component(PartitionKeeper(service.db))


def register_cli(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("near", help="who was near a place within a time window (supervisors; audited)")
    p.add_argument("lat", type=float, help="latitude (WGS-84 degrees)")
    p.add_argument("lon", type=float, help="longitude (WGS-84 degrees)")
    p.add_argument("--radius", type=float, required=True, metavar="M", help="radius in metres (up to 5000)")
    p.add_argument("--from", dest="date_from", required=True, help="window start, ISO 8601 (desk zone if none)")
    p.add_argument("--to", dest="date_to", required=True, help="window end, ISO 8601 (desk zone if none)")
    p.add_argument("--reason", required=True, help="the case or request the search answers (audited)")
    p.add_argument("--json", action="store_true", help="print the result as JSON (with each person's track)")
    p.add_argument("--pdf", metavar="FILE", help="also write the result as a PDF for the investigator")
    p.add_argument("--lang", choices=["ru", "kk", "en"], default="ru", help="language of the PDF (default ru)")
    p.add_argument("--force", action="store_true", help="overwrite an existing PDF")
    p.add_argument("--tz", type=_zone, default=ZoneInfo("Asia/Almaty"), help="desk time zone (default Asia/Almaty)")
    add_db_argument(p)
    add_as_argument(p, "the supervisor who searches (password asked, or ARM_PASSWORD / stdin)")
    p.set_defaults(handler=_near)
