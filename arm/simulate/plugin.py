"""``arm simulate``: a fleet of simulated trackers and phones against a running service."""

from __future__ import annotations

import argparse
import asyncio
import logging
from pathlib import Path

from arm.simulate.fleet import FleetSimulator, SimRates

log = logging.getLogger("arm.simulate")


def _mix(text: str) -> dict[str, float]:
    out: dict[str, float] = {}
    for part in filter(None, text.split(",")):
        name, _, weight = part.partition("=")
        if name not in ("gt06", "watch", "osmand", "icd"):
            raise argparse.ArgumentTypeError(f"unknown protocol {name!r} (gt06, watch, osmand, icd)")
        try:
            out[name] = float(weight or 1)
        except ValueError as exc:
            raise argparse.ArgumentTypeError(f"bad weight in {part!r}") from exc
    if not out or sum(out.values()) <= 0:
        raise argparse.ArgumentTypeError("the mix needs at least one protocol with a positive weight")
    return out


def register_cli(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("simulate", help="simulate a fleet of GT06/Watch/OsmAnd devices against `arm serve`",
                       description="Simulated persons at home addresses in Astana and Almaty, moving, keeping or "
                                   "breaking curfews, entering zones, losing GNSS indoors, draining batteries and "
                                   "cutting straps; their devices report over real sockets and resend until acked.")
    p.add_argument("mode", nargs="?", choices=("day",),
                   help="'day': write a realistic day of events for --persons to --out (no service needed), "
                        "with its caseload and ground truth of true violations (docs/replay.md)")
    p.add_argument("--persons", type=int, default=100, help="day: number of supervised persons (default 100)")
    p.add_argument("--out", type=Path, default=None, metavar="FILE.jsonl",
                   help="day: the event file; FILE.caseload.json and FILE.truth.json are written next to it")
    p.add_argument("--date", default="2026-11-20", metavar="YYYY-MM-DD", help="day: the local day (default 2026-11-20)")
    p.add_argument("--host", default="127.0.0.1", help="where the service listens (default 127.0.0.1)")
    p.add_argument("--gt06", type=int, metavar="PORT", help="GT06 port of the service")
    p.add_argument("--watch", type=int, metavar="PORT", help="Watch port of the service")
    p.add_argument("--osmand", type=int, metavar="PORT", help="OsmAnd HTTP port of the service")
    p.add_argument("--devices", type=int, default=20, help="number of synthetic devices (default 20)")
    p.add_argument("--mix", type=_mix, default=None, metavar="P=W,...",
                   help="protocol weights, e.g. gt06=5,watch=3,osmand=2 (default)")
    p.add_argument("--from-db", metavar="URL", nargs="?", const="", default=None,
                   help="simulate the issued network trackers of the demo persons in this database "
                        "(empty: the default database) instead of synthetic devices")
    p.add_argument("--seed", type=int, default=1, help="random seed for reproducible runs (default 1)")
    p.add_argument("--interval", type=float, default=30.0, help="seconds between reports of a device (default 30)")
    p.add_argument("--time-scale", type=float, default=1.0,
                   help="simulated seconds per real second: movement, curfew clock, rates (default 1)")
    p.add_argument("--curfew-break", type=float, default=0.1, help="probability a person breaks a night's curfew")
    p.add_argument("--zone-visit", type=float, default=0.05, help="probability a trip enters an exclusion zone")
    p.add_argument("--indoor-gnss-loss", type=float, default=0.6, help="probability of no fix indoors")
    p.add_argument("--battery-drain", type=float, default=4.0, help="battery drain in %% per simulated hour")
    p.add_argument("--tamper-rate", type=float, default=0.02, help="strap cuts per device per simulated day")
    p.add_argument("--sos-rate", type=float, default=0.01, help="SOS presses per device per simulated day")
    p.add_argument("--power-cut-rate", type=float, default=0.02, help="GT06 power cuts per device per simulated day")
    p.add_argument("--voice-per-hour", type=_rate, default=0.02, metavar="RATE",
                   help="voice messages (TK, or JXTK parts beyond ~5 s) per Watch device per simulated hour "
                        "(default 0.02; 0: none)")
    p.add_argument("--duration", type=float, default=None, help="stop after this many seconds (default: Ctrl-C)")
    p.add_argument("--serial-dir", type=Path, default=None,
                   help="also simulate ICD devices (mix 'icd') as pseudo-terminals linked in this directory; "
                        "run the service with --serial auto --serial-glob 'DIR/ttyEM-*'")
    p.set_defaults(handler=_run)


def _day(args: argparse.Namespace) -> int:
    from datetime import date

    from arm.cli_common import UsageError
    from arm.simulate.day import simulate_day

    if args.out is None:
        raise UsageError("arm simulate day: --out FILE is required")
    if args.persons < 1:
        raise UsageError("--persons: at least 1")
    try:
        day = date.fromisoformat(args.date)
    except ValueError:
        raise UsageError(f"--date: not a date: {args.date!r}") from None
    summary = simulate_day(args.persons, args.seed, args.out, day)
    print(f"arm simulate day: {summary['events']} events of {summary['persons']} persons -> {summary['events_file']}; "
          f"caseload {summary['caseload']}; {summary['violations']} true violations -> {summary['truth']}")
    print(f"replay it: arm replay --from {summary['from']} --to {summary['to']} --caseload {summary['caseload']} "
          f"--events {summary['events_file']} --truth {summary['truth']}")
    return 0


def _rate(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not 0 <= value <= 3600:
        raise argparse.ArgumentTypeError(f"must be between 0 and 3600: {value}")
    return value


def _run(args: argparse.Namespace) -> int:
    if args.mode == "day":
        return _day(args)
    ports = {k: v for k in ("gt06", "watch", "osmand") if (v := getattr(args, k))}
    if not ports and not args.serial_dir:
        print("arm simulate: give at least one of --gt06, --watch, --osmand (the service's ports)")
        return 2
    if args.mix and "icd" in args.mix and not args.serial_dir:
        print("arm simulate: the 'icd' share of --mix needs --serial-dir DIR for the pseudo-terminals")
        return 2
    rates = SimRates(interval_s=args.interval, time_scale=args.time_scale, curfew_break=args.curfew_break,
                     zone_visit=args.zone_visit, indoor_gnss_loss=args.indoor_gnss_loss,
                     battery_drain_pct_per_h=args.battery_drain, tamper_per_day=args.tamper_rate,
                     sos_per_day=args.sos_rate, power_cut_per_day=args.power_cut_rate,
                     voice_per_hour=args.voice_per_hour)
    if args.from_db is not None:
        from db.session import Database

        db = Database(args.from_db or None)
        try:
            sim = FleetSimulator.from_database(db, rates, args.seed, serial_dir=args.serial_dir)
        finally:
            db.dispose()
    else:
        mix = args.mix or {k: w for k, w in (("gt06", 5), ("watch", 3), ("osmand", 2)) if k in ports}
        sim = FleetSimulator.synthetic(args.devices, mix, rates, args.seed, serial_dir=args.serial_dir)
    print(f"arm simulate: {len(sim.devices)} devices -> {args.host} {ports}; seed {args.seed}; Ctrl-C to stop",
          flush=True)
    try:
        stats = asyncio.run(sim.run(args.host, ports, args.duration))
    except KeyboardInterrupt:
        stats = sim.stats
    print("arm simulate: " + ", ".join(f"{k}={v}" for k, v in sorted(stats.items())))
    return 0
