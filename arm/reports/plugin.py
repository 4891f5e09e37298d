"""``arm export``, ``arm report`` and ``arm retention``: the journals area on the command line.

Without ``--as LOGIN`` the shell user acts with full read access (whoever can
read the database file can read everything anyway) and is recorded in the
audit journal as ``cli:<os user>``; with ``--as`` (the user's password is
asked, ``arm.cli_common.cli_user``) the exports are limited to what that ARM
user may see, exactly as in the GUI. A deletion act needs two different
supervisors who each gave their password. Files are written through
``arm.safe_write``: an existing file only with ``--force``, a link never.
"""

from __future__ import annotations

import argparse
from datetime import UTC, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from arm.cli_common import UsageError, add_as_argument, add_db_argument, run_as


def _zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise argparse.ArgumentTypeError(f"unknown time zone {name!r}") from None


def _day_or_time(text: str) -> str:
    return text  # resolved with the zone once both are known


def _resolve(text: str | None, tz: ZoneInfo, *, end: bool) -> datetime | None:
    """A date means the start of that local day (for --to: the day is included)."""
    if not text:
        return None
    try:
        value = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise UsageError(f"{text!r} is not a date or ISO 8601 time (e.g. 2026-11-01)") from None
    if len(text) == 10:  # a plain date
        value = datetime.combine(value.date(), time(0), tz) + (timedelta(days=1) if end else timedelta(0))
    elif value.tzinfo is None:
        value = value.replace(tzinfo=tz)
    return value.astimezone(UTC)


def run_as_actor(args: argparse.Namespace, work: Any) -> int:
    """Run ``work(session, actor)`` in one transaction as ``--as`` (password checked) or the shell user.

    Shared by the CLI commands that touch personal data (journal exports, voice
    messages); ``arm.cli_common.run_as`` does the work.
    """
    return run_as(args, work)


_run = run_as_actor


def _export(args: argparse.Namespace) -> int:
    from arm.reports.exporter import export_journal
    from db.queries.filters import JournalFilter

    def work(session: Any, actor: Any) -> int:
        f = JournalFilter(
            date_from=_resolve(args.date_from, args.tz, end=False), date_to=_resolve(args.date_to, args.tz, end=True),
            district=args.district, person=args.person, operator=args.operator, kind=args.kind,
            resolution=args.resolution, category=args.category,
        )
        res = export_journal(session, actor, args.journal, f, args.format, Path(args.out), lang=args.lang,
                             tz=args.tz, organ=args.organ, max_rows=args.limit, force=args.force)
        print(f"{res.rows} rows written to {res.path}")
        return 0

    return _run(args, work)


def _report(args: argparse.Namespace) -> int:
    from arm.reports.forms import export_monthly, export_reconciliation

    def work(session: Any, actor: Any) -> int:
        out = Path(args.out)
        if args.report == "reconciliation":
            if not args.quarter:
                raise UsageError("--quarter is required for the reconciliation act")
            rec = export_reconciliation(session, actor, args.year, args.quarter, args.format, out,
                                        lang=args.lang, organ=args.organ, tz=args.tz, force=args.force)
            c = rec.total
            print(f"registered {c.registered}, deregistered {c.deregistered}, at end {c.at_end}: {out}")
        else:
            if not args.month:
                raise UsageError("--month is required for the monthly list")
            rows = export_monthly(session, actor, args.year, args.month, args.format, out,
                                  lang=args.lang, organ=args.organ, tz=args.tz, force=args.force)
            print(f"{rows} persons listed in {out}")
        return 0

    return _run(args, work)


def _retention(args: argparse.Namespace) -> int:
    from arm.journal_anchor.checkpoints import describe
    from arm.reports import retention

    written: list[Any] = []  # the checkpoint taken once the act is committed

    def work(session: Any, actor: Any) -> int:
        if args.action == "show":
            for kind, days in retention.policies(session, actor).items():
                print(f"{kind}: {days} days")
        elif args.action == "propose":
            act = retention.propose(session, actor, args.kind, reason=args.reason or "")
            print(f"deletion act {act.id} proposed: {act.row_count} {act.record_kind} rows before "
                  f"{act.cutoff.isoformat()}; another supervisor confirms it with: "
                  f"arm retention confirm {act.id} --as LOGIN")
        elif args.action == "confirm":
            act = retention.confirm(session, actor, args.act, written)
            print(f"deletion act {act.id} executed: {act.row_count} rows removed")
        elif args.action == "set":
            retention.set_policy(session, actor, args.kind, args.days)
            print(f"{args.kind}: {args.days} days")
        return 0

    code = _run(args, work)
    for cp in written:
        print(f"journal checkpoint: {describe(cp, args.tz)}")
    return code


def _common(p: argparse.ArgumentParser) -> None:
    add_db_argument(p)
    add_as_argument(p)
    p.add_argument("--force", action="store_true", help="replace the output file if it exists (never a link)")
    p.add_argument("--lang", choices=["ru", "kk", "en"], default="ru", help="language of the form (default ru)")
    p.add_argument("--tz", type=_zone, default=ZoneInfo("Asia/Almaty"), help="desk time zone (default Asia/Almaty)")
    p.add_argument("--organ", default="", help="name of the authority printed on the form")


def configure(service: Any, settings: Any) -> None:
    """The journals' part of the monitoring service: the hourly signed checkpoint."""
    from arm.journal_anchor import service as anchor_service

    anchor_service.configure(service, settings)


def register_cli(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from db.queries.journals import SPECS

    p = sub.add_parser("export", help="export a journal to xlsx, pdf or csv, laid out as the journal form")
    p.add_argument("journal", choices=sorted(SPECS))
    p.add_argument("--from", dest="date_from", type=_day_or_time, help="from this date/time (desk zone)")
    p.add_argument("--to", dest="date_to", type=_day_or_time, help="to this date (included) or time")
    p.add_argument("--format", choices=["xlsx", "pdf", "csv"], default="xlsx")
    p.add_argument("--out", required=True, help="file to write")
    p.add_argument("--district")
    p.add_argument("--person", help="surname prefix or IIN")
    p.add_argument("--operator")
    p.add_argument("--kind", help="violation or alarm kind, or audit action")
    p.add_argument("--resolution", choices=["confirmed_violation", "false_alarm", "technical_fault"])
    p.add_argument("--category", choices=["conditional", "restricted_freedom", "parole", "admin_supervision"])
    p.add_argument("--limit", type=int, help="at most this many rows")
    _common(p)
    p.set_defaults(handler=_export)

    r = sub.add_parser("report", help="quarterly reconciliation act or monthly list for district inspectors")
    r.add_argument("report", choices=["reconciliation", "monthly"])
    r.add_argument("--year", type=int, default=datetime.now(UTC).year)
    r.add_argument("--quarter", type=int, choices=[1, 2, 3, 4])
    r.add_argument("--month", type=int, choices=range(1, 13), metavar="1..12")
    r.add_argument("--format", choices=["xlsx", "pdf"], default="pdf")
    r.add_argument("--out", required=True)
    _common(r)
    r.set_defaults(handler=_report)

    k = sub.add_parser("retention", help="retention periods and deletion acts of expired records")
    k.add_argument("action", choices=["show", "propose", "confirm", "set"])
    k.add_argument("act", nargs="?", type=int, help="confirm: the act number")
    k.add_argument("--kind", help="record kind: positions, device_events, alarms, assignments, "
                                  "violation_journal, audit_journal")
    k.add_argument("--days", type=int, help="set: the retention period in days")
    k.add_argument("--reason", help="propose: why (e.g. the commission's decision)")
    add_db_argument(k)
    add_as_argument(k, "the supervisor who proposes or confirms (password asked, or ARM_PASSWORD / stdin); "
                       "a deletion act needs two different supervisors")
    k.add_argument("--tz", type=_zone, default=ZoneInfo("Asia/Almaty"),
                   help="desk time zone of the printed checkpoint (default Asia/Almaty)")
    k.set_defaults(handler=_retention)
