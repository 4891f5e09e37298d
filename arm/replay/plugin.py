"""``arm replay``: the rules over stored events on a virtual clock, and the operator load they produce."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import orjson

from arm.alarms.api import AlarmConfig
from arm.alarms.holds import HoldPolicy, tuned_alarm_config
from arm.cli_common import UsageError, add_as_argument, add_db_argument, run_as
from arm.replay.engine import ReplayOptions
from arm.replay.load import LoadLimits, goals
from arm.replay.run import ReplayReport, read_truth, run_replay
from arm.replay.scratch import CaseloadError
from arm.replay.sources import EventFileError
from arm.rules.config import RulesConfig


def register_cli(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "replay", help="replay stored events through the rules and alarms; print alarms, incidents and load",
        description="Runs the real rules engine and alarm manager over the events of a period, in arrival order "
                    "on a virtual clock, into a scratch database (the live journals are never written). "
                    "Prints the alarms, incidents and the operator-load figures (docs/replay.md).")
    p.add_argument("--from", dest="start", required=True, metavar="TIME",
                   help="start: a date (local midnight) or an ISO 8601 time")
    p.add_argument("--to", dest="end", required=True, metavar="TIME", help="end (a date: that day is included)")
    p.add_argument("--caseload", type=Path, metavar="FILE.json",
                   help="persons, zones, restrictions and devices from a caseload exchange document "
                        "instead of the database")
    p.add_argument("--events", type=Path, metavar="FILE.jsonl",
                   help="events from a file (arm simulate day) instead of the database")
    p.add_argument("--truth", type=Path, metavar="FILE.json", help="ground truth of the true violations, to score")
    p.add_argument("--desks", type=int, default=4, help="operator desks sharing the load (default 4)")
    p.add_argument("--tick", type=float, default=10.0, metavar="SECONDS",
                   help="virtual seconds between rule ticks (default 10, as live)")
    p.add_argument("--tuned", action="store_true",
                   help="hold technical conditions as the live service does by default (setting alarms.holds = "
                        "field, arm.alarms.holds.TUNED_HOLDS); without it nothing is held (alarms.holds = none)")
    p.add_argument("--no-operator", action="store_true",
                   help="no simulated operator: alarms are never acknowledged or closed")
    p.add_argument("--timezone", default="Asia/Almaty", help="zone of plain dates and curfew windows")
    p.add_argument("--json", action="store_true", help="print one JSON document")
    add_db_argument(p)
    add_as_argument(p)
    p.set_defaults(handler=_run)


def _options(args: argparse.Namespace) -> ReplayOptions:
    if args.tick <= 0:
        raise UsageError("--tick: must be a positive number of seconds")
    rules = RulesConfig(timezone=args.timezone, tick_s=args.tick)
    holds = HoldPolicy.tuned() if args.tuned else None
    alarms = tuned_alarm_config() if args.tuned else AlarmConfig()
    if args.no_operator:
        return ReplayOptions(tick_s=args.tick, rules=rules, ack_after=None, close_after=None, holds=holds,
                             alarms=alarms)
    return ReplayOptions(tick_s=args.tick, rules=rules, holds=holds, alarms=alarms)


def _run(args: argparse.Namespace) -> int:
    from arm.reports.plugin import _resolve

    tz = ZoneInfo(args.timezone)
    start, end = _resolve(args.start, tz, end=False), _resolve(args.end, tz, end=True)
    if start is None or end is None or end <= start:
        raise UsageError("--to must be after --from")
    if args.desks < 1:
        raise UsageError("--desks: at least 1")
    truth = None
    if args.truth is not None:
        try:
            truth = read_truth(args.truth)
        except ValueError as exc:
            raise UsageError(f"--truth: {exc}") from exc
    source = None
    if args.events is None or args.caseload is None:
        source = _authorised_source(args, start, end)
    try:
        report = run_replay(start, end, source=source, caseload=args.caseload, events_file=args.events,
                            options=_options(args), limits=LoadLimits(desks=args.desks), truth=truth)
    except (CaseloadError, EventFileError) as exc:
        raise UsageError(str(exc)) from exc
    finally:
        if source is not None:
            source.dispose()
    _print(report, args.json, tz)
    return 0


def _authorised_source(args: argparse.Namespace, start: Any, end: Any) -> Any:
    """Open the live database for reading, after checking and auditing who replays its events."""
    from arm import audit
    from arm.access import Action, require
    from arm.cli_common import open_db

    def check(session: Any, actor: Any) -> int:
        require(actor, Action.ALARM_FIGURES)
        audit.record(session, actor, "replay_run", "alarms", "", start=start.isoformat(), end=end.isoformat())
        return 0

    run_as(args, check)
    return open_db(args.db)


def _print(report: ReplayReport, as_json: bool, tz: ZoneInfo) -> None:
    if as_json:
        doc = report.as_json()
        doc["goals"] = goals(report.figures)
        sys.stdout.write(orjson.dumps(doc, option=orjson.OPT_INDENT_2 | orjson.OPT_NON_STR_KEYS).decode() + "\n")
        return
    f = report.figures
    print(f"replay {f['period']['from']} .. {f['period']['to']}: {f['events']} events in {f['replay_seconds']} s")
    print("alarms:")
    for a in report.result.alarms:
        print(f"  #{a['id']:<6} {a['raised_at'].astimezone(tz):%Y-%m-%d %H:%M:%S} {a['kind']:<18} person {a['person_id']}"
              f"  {a['state']}  x{a['occurrences']}  incident {a['incident_id']}")
    print("incidents:")
    for i in report.result.incidents:
        print(f"  #{i['id']:<6} {i['opened_at'].astimezone(tz):%Y-%m-%d %H:%M:%S} person {i['person_id']}  {i['cause']}")
    inc, ann = f["incidents_presented"], f["annunciations"]
    print("load:")
    print(f"  raw alarm conditions      {f['raw_alarm_conditions']} (technical {f['technical_share_raw']})")
    print(f"  alarms raised             {f['alarms_raised']}")
    print(f"  incidents presented       {inc['total']} ({f['incidents_share_of_raw']} of raw)")
    print(f"  incidents / desk / hour   {inc['per_desk_per_hour']} (peak hour {inc['per_desk_peak_hour']}, "
          f"{f['desks']} desks)")
    print(f"  alarms / desk / hour      {ann['per_desk_per_hour']} (peak 10 min {ann['per_desk_peak_10_min']}, "
          f"floods {ann['flood_periods_10_min']})")
    print(f"  chattering {f['chattering_conditions']}, standing {f['standing_alarms']}, stale {f['stale_alarms']}, "
          f"wearer reminders {f['wearer_reminders']}, held and returned {f['held_and_returned']}")
    gt = f.get("ground_truth")
    if gt:
        print(f"  true violations found     {gt['found']} of {gt['true_violations']} (missed {gt['missed']}); "
              f"delay median {gt['delay_s']['median']} s, max {gt['delay_s']['max']} s")


