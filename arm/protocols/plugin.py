"""Plug-in hooks of the network protocols: ``arm serve --gt06 PORT --watch PORT --osmand PORT``.

Each listener is off unless its port is given (Traccar's defaults are 5023,
5093 and 5055); ``--protocols-host`` chooses the interface (all by default,
since trackers connect from the mobile network).
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

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
        group.add_argument(f"--{name}", type=_port, metavar="PORT", default=None,
                           help=f"listen for {label} on PORT (usual: {DEFAULT_PORTS[name]}); off if not given")
    group.add_argument("--protocols-host", default="0.0.0.0", metavar="ADDR",
                       help="interface the device listeners bind to (default: all)")
    group.add_argument("--device-idle-timeout", type=float, default=600.0, metavar="SECONDS",
                       help="close a device connection silent for this long (default 600)")


def configure(service: MonitoringService, options: dict[str, Any]) -> None:
    host = options.get("protocols_host") or "0.0.0.0"
    idle = float(options.get("device_idle_timeout") or 600.0)
    for name, cls in LISTENERS.items():
        # `arm serve --gt06 PORT`, or the GUI's settings (service.gt06_port; 0 = off)
        port = options.get(name) or options.get(f"{name}_port")
        if port:
            listener = cls(int(port), host, idle_timeout=idle)
            service.add_component(listener)
            # the listeners and their bad-input counters, for status views
            service.extensions.setdefault("network", []).append(listener)
