"""How the serial area plugs into `arm` (docs/architecture.md, plugins).

- ``arm serve --serial PORT`` (repeatable) and ``--serial auto`` (discovery);
  ``--serial-glob PATTERN`` adds paths to watch in auto mode (emulator links);
- ``arm emulate --type SKU --serial SKU-000417 [--link /tmp/ttyEM0] ...``: one
  emulated ICD device (or an NMEA capture replayed) on a pseudo-terminal;
- ``emulated_device(...)``: the same emulator for the core's simulators (``arm
  simulate``, the GUI demo), which find it through ``arm.plugins`` and so never
  import this package.
"""

from __future__ import annotations

import argparse
import logging
import os
import signal
import threading
import time
from typing import TYPE_CHECKING, Any

from arm.config import Settings
from serial_drivers.discovery import DiscoveryConfig

if TYPE_CHECKING:
    from serial_drivers.emulator import EmulatedDevice

log = logging.getLogger("serial_drivers")


def add_serve_arguments(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("serial devices (EM-Serial ICD, NMEA 0183)")
    group.add_argument(
        "--serial",
        dest="serial.ports",
        action="append",
        metavar="PORT",
        default=None,
        help="serial port of an ICD device or NMEA receiver (repeatable); 'auto' = USB discovery",
    )
    group.add_argument(
        "--serial-glob",
        dest="serial.globs",
        action="append",
        metavar="PATTERN",
        default=None,
        help="with --serial auto: also watch paths matching PATTERN (e.g. /tmp/ttyEM*)",
    )


def configure(service: Any, settings: Settings) -> None:
    from serial_drivers.manager import SerialManager

    ports = list(settings.serial.ports)
    if not ports:
        return
    config = DiscoveryConfig()
    config.vid = int(settings.serial.usb_vid)
    config.pids = {k: int(v) for k, v in settings.serial.usb_pids.items()}
    config.globs = tuple(settings.serial.globs)
    service.add_component(SerialManager(ports, config=config))
    service.extensions["serial"] = service.components[-1]


def emulated_device(dtype: str, serial: str, link: str, paired: list[str] | None = None,
                    **options: Any) -> EmulatedDevice:
    """A started emulated ICD device on a pseudo-terminal linked at ``link`` (for the simulators).

    ``paired``: the bracelets it is paired with (set before it starts);
    ``options`` are ``EmulatedDevice``'s (seed, evseq_start, firmware...).
    """
    from serial_drivers.emulator import EmulatedDevice

    device = EmulatedDevice(dtype, serial, link=link, **options)
    device.paired = list(paired or [])
    return device.start()


# ---------------------------------------------------------------- arm emulate
def register_cli(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "emulate",
        help="emulate one ICD device (or replay an NMEA capture) on a pseudo-terminal",
        description="Creates a pseudo-terminal that behaves as one EM-Serial ICD device. "
        "Prints the port name, then runs until Ctrl+C.",
    )
    p.add_argument("--type", required=True, choices=("BRC", "TRK", "SKU", "MKU", "BAC", "RCV", "NMEA"))
    p.add_argument("--serial", default=None, help="device serial (4-20 of A-Z 0-9 -)")
    p.add_argument("--link", default=None, help="also make this symlink to the pty (e.g. /tmp/ttyEM0)")
    p.add_argument("--rate", type=float, default=0.2, help="events per second the device makes (default 0.2)")
    p.add_argument("--retransmit", type=float, default=5.0, help="seconds before an unacknowledged event is resent")
    p.add_argument("--evseq-start", type=int, default=0, help="last evseq already used (a device that has history)")
    p.add_argument("--bracelet", action="append", default=[], metavar="SERIAL:CODE",
                   help="a bracelet in radio range and its 6-digit pair code (SKU/MKU; repeatable)")
    p.add_argument("--tamper-fail", default=None, metavar="DETAIL", help="TEST,TAMPER answers FAIL,DETAIL")
    p.add_argument("--battery", type=int, default=100)
    p.add_argument("--state", default=None, metavar="FILE",
                   help="keep evseq and unacknowledged events in FILE across runs (a device's memory)")
    p.add_argument("--garbage", type=float, default=0.0, metavar="P", help="probability of garbage before a line")
    p.add_argument("--bad-checksum", type=float, default=0.0, metavar="P", help="probability of a wrong checksum")
    p.add_argument("--cut", type=float, default=0.0, metavar="P", help="probability that a line is cut")
    p.add_argument("--flood", action="store_true", help="send 10 kB without a newline once at start")
    p.add_argument("--silence-every", type=float, default=0.0, metavar="S", help="go silent every S seconds")
    p.add_argument("--silence-for", type=float, default=3.0, metavar="S")
    p.add_argument("--unplug-every", type=float, default=0.0, metavar="S", help="unplug every S seconds")
    p.add_argument("--unplug-for", type=float, default=2.0, metavar="S", help="and come back after S seconds")
    p.add_argument("--nmea-file", default=None, help="with --type NMEA: the capture to replay")
    p.set_defaults(handler=_emulate)


def _emulate(args: argparse.Namespace) -> int:
    from serial_drivers.emulator import EmulatedDevice, Faults
    from serial_drivers.nmea_replayer import NmeaReplayer

    stop = threading.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_a: stop.set())
    if args.type == "NMEA":
        if not args.nmea_file:
            print("arm emulate: --type NMEA needs --nmea-file", flush=True)
            return 2
        replayer = NmeaReplayer.from_file(args.nmea_file, link=args.link).start()
        print(f"arm emulate: NMEA replay on {replayer.port}", flush=True)
        stop.wait()
        replayer.stop()
        return 0
    try:
        bracelets = dict(b.split(":", 1) for b in args.bracelet)
        device = EmulatedDevice(
            args.type,
            args.serial or f"{args.type}-000417",
            link=args.link,
            rate=args.rate,
            retransmit_s=args.retransmit,
            bracelets=bracelets,
            tamper_fail=args.tamper_fail,
            battery=args.battery,
            evseq_start=args.evseq_start,
            faults=Faults(garbage=args.garbage, bad_checksum=args.bad_checksum, cut=args.cut, flood=args.flood),
        )
        if args.state and os.path.exists(args.state):
            device.load_state(args.state)
    except (ValueError, OSError) as exc:
        print(f"arm emulate: {exc}", flush=True)
        return 2
    device.start()
    print(f"arm emulate: {device.type} {device.serial} on {device.port} (pty {device.pty_name})", flush=True)
    _fault_loop(device, args, stop)
    device.stop()
    if args.state:
        device.save_state(args.state)
    print(
        f"arm emulate: stopped; last evseq {device.state.evseq}, acknowledged up to {device.acked_upto}, "
        f"{len(device.state.buffer)} unacknowledged; {dict(device.counters)}",
        flush=True,
    )
    return 0


def _fault_loop(device: Any, args: argparse.Namespace, stop: threading.Event) -> None:
    next_silence = time.monotonic() + args.silence_every if args.silence_every else None
    next_unplug = time.monotonic() + args.unplug_every if args.unplug_every else None
    while not stop.wait(0.2):
        now = time.monotonic()
        if next_silence is not None and now >= next_silence:
            device.faults.silent = True
            stop.wait(args.silence_for)
            device.faults.silent = False
            next_silence = time.monotonic() + args.silence_every
        if next_unplug is not None and now >= next_unplug:
            device.unplug(come_back_after=args.unplug_for)
            next_unplug = time.monotonic() + args.unplug_every + args.unplug_for
