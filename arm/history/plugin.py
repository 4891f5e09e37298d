"""``arm near``: "who was here" on the command line (``arm.history.near``).

The area is a circle (``LAT LON --radius M``) or a polygon (``--polygon
"LAT,LON;LAT,LON;..."``, 3 to 200 corners). A named supervisor only (``--as
LOGIN``, password asked or ARM_PASSWORD), with ``--reason``; the search and what it found go to the audit journal. Times are
given and printed in the desk zone (``--tz``, default Asia/Almaty).
"""

from __future__ import annotations

import argparse
import json
import math
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


def parse_polygon(text: str) -> list[tuple[float, float]]:
    """``"LAT,LON;LAT,LON;..."`` as (lat, lon) pairs, or a ``UsageError`` naming the corner."""
    corners = [c for c in (part.strip() for part in text.split(";")) if c]
    out: list[tuple[float, float]] = []
    for n, corner in enumerate(corners, 1):
        parts = corner.split(",")
        try:
            lat, lon = (float(v) for v in parts) if len(parts) == 2 else (math.nan, math.nan)
            if not (math.isfinite(lat) and math.isfinite(lon)):
                raise ValueError
            out.append((lat, lon))
        except ValueError:
            raise UsageError(f"--polygon: corner {n} {corner!r} is not LAT,LON "
                             "(e.g. \"43.238,76.945;43.240,76.948;43.236,76.950\")") from None
    return out


def _area(args: argparse.Namespace) -> Any:
    """The circle or the polygon asked for; the two ways are exclusive."""
    from arm.history.near import CircleArea, PolygonArea

    if args.polygon is not None:
        if args.lat is not None or args.lon is not None or args.radius is not None:
            raise UsageError("--polygon: give either LAT LON --radius M or --polygon, not both")
        return PolygonArea.of(parse_polygon(args.polygon))
    if args.lat is None or args.lon is None:
        raise UsageError("LAT LON: give the place (with --radius) or --polygon")
    if args.radius is None:
        raise UsageError("--radius: required with LAT LON (metres, up to 5000)")
    return CircleArea(args.lat, args.lon, args.radius)


def _near(args: argparse.Namespace) -> int:
    from arm.history.near import NearError, PolygonArea, who_was_in

    area = _area(args)
    start, end = _time(args.date_from, args.tz, "from"), _time(args.date_to, args.tz, "to")

    def work(session: Any, actor: Any) -> int:
        try:
            result = who_was_in(session, actor, area, start, end, args.reason or "",
                                with_tracks=bool(args.json or args.pdf))
        except NearError as exc:
            raise UsageError(f"--{exc}" if str(exc).startswith("polygon") else str(exc)) from None
        if args.pdf:
            from arm.history.near_pdf import export_pdf

            export_pdf(result, Path(args.pdf), lang=args.lang, tz=args.tz, force=args.force)
        if args.json:
            print(json.dumps(result.as_json(), ensure_ascii=False, indent=1))
            return 0
        place = (f"inside the polygon of {len(area.vertices)} corners (centroid {result.lat:.6f}, "
                 f"{result.lon:.6f}; {result.area_m2 / 1e6:.3f} km²; distance to the centroid)"
                 if isinstance(area, PolygonArea) else f"within {args.radius:.0f} m of {args.lat}, {args.lon}")
        print(f"{len(result.hits)} person(s) {place} "
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
    p = sub.add_parser("near", help="who was near a place or in an area within a time window (supervisors; audited)")
    p.add_argument("lat", type=float, nargs="?", help="latitude of the circle's centre (WGS-84 degrees)")
    p.add_argument("lon", type=float, nargs="?", help="longitude of the circle's centre (WGS-84 degrees)")
    p.add_argument("--radius", type=float, metavar="M", help="the circle's radius in metres (up to 5000)")
    p.add_argument("--polygon", metavar="LAT,LON;...",
                   help="instead of a circle: the area's corners, 3 to 200, e.g. "
                        "\"43.238,76.945;43.240,76.948;43.236,76.950\" (at most 10 km across)")
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
