"""Plug-in hooks of the network protocols: ``arm serve --gt06 PORT --watch PORT --osmand PORT``.

Each listener is off unless its port is given (Traccar's defaults are 5023,
5093 and 5055); ``--protocols-host`` chooses the interface (all by default,
since trackers connect from the mobile network). ``arm device-model SERIAL
[MODEL]`` shows or sets the tracker model a GT06 listener decodes a device
with, for servers run without the GUI (the inventory panel does the same).
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from arm.config import Settings
from arm.protocols.servers import DEFAULT_PORTS, LISTENERS

if TYPE_CHECKING:
    from arm.service import MonitoringService


def _port(text: str) -> int:
    try:
        value = int(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not a port number: {text!r}") from exc
    if not 0 <= value <= 65535:
        raise argparse.ArgumentTypeError(f"port out of range 0..65535: {value}")
    return value


def add_serve_arguments(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("network trackers and phones")
    for name, label in (("gt06", "GT06/Concox trackers"), ("watch", "Watch-protocol wrist trackers"),
                        ("osmand", "OsmAnd / Traccar Client phones (HTTP)")):
        group.add_argument(f"--{name}", dest=f"service.{name}_port", type=_port, metavar="PORT", default=None,
                           help=f"listen for {label} on PORT (usual: {DEFAULT_PORTS[name]}); off if not given")
    group.add_argument("--protocols-host", dest="service.protocols_host", default=None, metavar="ADDR",
                       help="interface the device listeners bind to (default: all)")
    group.add_argument("--device-idle-timeout", dest="service.device_idle_timeout_s", type=float, default=None,
                       metavar="SECONDS",
                       help="close a device connection silent for this long (default: each protocol's own, "
                       "twice its heartbeat: GT06 420, Watch 660, OsmAnd 120)")


def listener_ports(settings: Settings) -> dict[str, int]:
    """Port of each device listener that is on (``service.<name>_port``; 0 = off)."""
    cfg = settings.service
    ports = {"gt06": cfg.gt06_port, "watch": cfg.watch_port, "osmand": cfg.osmand_port}
    return {name: int(port) for name, port in ports.items() if port and name in LISTENERS}


def configure(service: MonitoringService, settings: Settings) -> None:
    host = settings.service.protocols_host or "0.0.0.0"
    idle = float(settings.service.device_idle_timeout_s or 0) or None  # None: the protocol's own
    ports = listener_ports(settings)
    for name, cls in LISTENERS.items():
        # `arm serve --gt06 PORT` overrides the setting service.gt06_port (0 = off)
        port = ports.get(name)
        if port:
            listener = cls(int(port), host, idle_timeout=idle)
            service.add_component(listener)
            # the listeners and their bad-input counters, for status views
            service.extensions.setdefault("network", []).append(listener)
            if name == "watch":
                # staged JXTK parts whose clip never completes are stored incomplete after 24 h
                from arm.media.expiry import MediaPartsExpiry

                expiry = MediaPartsExpiry()
                service.add_component(expiry)
                service.extensions["media_expiry"] = expiry
    listeners = service.extensions.get("network", [])
    if listeners:
        # connection limits hit (arm.protocols.limits), for the desk API and the device status panel
        from arm.protocols.limits import LimitsReporter

        reporter = LimitsReporter(listeners)
        service.add_component(reporter)
        service.extensions["connection_limits"] = reporter


def register_cli(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from arm.cli_common import add_as_argument, add_db_argument

    p = sub.add_parser("device-model", help="show or set the tracker model a GT06 device is decoded with",
                       description="Some GT06 models (NT20, LW4G, SEEWORLD, VL103...) send reports laid out "
                       "for their model (Traccar's model override). A running `arm serve` applies a change "
                       "within 30 seconds.")
    p.add_argument("serial", help="the device serial (the IMEI of a GT06 tracker)")
    p.add_argument("model", nargs="?", help="the model to set; omit to show the current one")
    p.add_argument("--clear", action="store_true", help="remove the model (standard GT06 layout)")
    add_db_argument(p)
    add_as_argument(p)
    p.set_defaults(handler=_device_model)

    from arm.media.cli import register_cli as register_media  # `arm media list|export` (voice messages)

    register_media(sub)


def _device_model(args: argparse.Namespace) -> int:
    """Show or set a device's model as ``--as LOGIN`` (password checked) or the shell user; audited."""
    from typing import Any

    from sqlalchemy import select

    from arm.caseload import devices
    from arm.cli_common import CommandFailed, UsageError, run_as
    from arm.inventory import InventoryError
    from db.models import Device

    if args.clear and args.model:
        raise UsageError("give a MODEL or --clear, not both")

    def work(session: Any, actor: Any) -> int:
        device = session.execute(select(Device).where(Device.serial == args.serial)).scalar_one_or_none()
        if device is None:
            raise CommandFailed(f"no device {args.serial!r} in the inventory")
        if args.model is None and not args.clear:
            print(f"{device.serial}: {device.model or '(standard layout)'}")
            return 0
        try:
            stored = devices.set_model(session, actor, device.id, "" if args.clear else args.model)
        except InventoryError as exc:
            raise UsageError(str(exc)) from exc
        print(f"{device.serial}: {stored or '(standard layout)'}")
        return 0

    return run_as(args, work)
