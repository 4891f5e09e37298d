"""What the technician's tools need from the serial area (no Qt here).

:class:`DeviceLink` is the pairing wizard's handle on one device: it borrows
the monitoring service's session when the service already serves the port
(one link, commands and event delivery interleaved), or opens the port itself
with the same delivery, so nothing the device says meanwhile is lost.
``ctx`` is anything with ``.service``, ``.db``, ``.bus`` and ``.settings``
(the GUI's AppContext).
"""

from __future__ import annotations

import threading
from typing import Any

from serial_drivers.icd.codec import DeviceInfo
from serial_drivers.icd.link import LinkError
from serial_drivers.icd.session import IcdSession

#: Where `arm emulate --link` puts its ports by convention.
EMULATOR_GLOB = "/tmp/ttyEM*"


def candidate_ports(ctx: Any) -> list[str]:
    """Ports worth offering: USB ports of the device family, served ports, configured globs."""
    from serial_drivers.discovery import DiscoveryConfig, glob_candidates, usb_candidates

    ports: list[str] = []
    manager = service_manager(ctx)
    if manager is not None:
        ports += [s.port for s in manager.statuses() if s.protocol in ("icd", "")]
        ports += [c.port for c in manager.candidates()]
    settings = getattr(ctx.settings, "serial", None)
    config = DiscoveryConfig()
    if settings is not None:
        config.vid, config.pids = int(settings.usb_vid), dict(settings.usb_pids)
        ports += [p for p in settings.ports if p != "auto"]
    try:
        ports += [c.port for c in usb_candidates(config)]
        ports += [c.port for c in glob_candidates((EMULATOR_GLOB,))]
    except OSError:
        pass
    return list(dict.fromkeys(ports))


def service_manager(ctx: Any) -> Any:
    """The service's SerialManager (``service.extensions["serial"]``), if it runs one."""
    service = getattr(ctx, "service", None)
    return getattr(service, "extensions", {}).get("serial") if service is not None else None


class DeviceLink:
    """The wizard's handle on one device: a borrowed service session or its own.

    :meth:`close` may come from another thread while :meth:`open` is under way
    (the technician cancels during the retries): the port is then closed as
    soon as it is open and ``open`` fails, so no run leaves the port locked.
    """

    def __init__(self, ctx: Any, port: str) -> None:
        self.ctx = ctx
        self.port = port
        self.session: IcdSession | None = None
        self.own = False
        self._lock = threading.Lock()
        self._closed = False
        self._held = False

    def open(self) -> DeviceInfo:
        manager = service_manager(self.ctx)
        served = None
        if manager is not None:
            manager.hold(self.port)  # the poller keeps off the port from now on ...
            self._held = True
            served = manager.settle(self.port)  # ... and an attach already under way is waited for
        if isinstance(served, IcdSession) and served.alive and served.info is not None:
            with self._lock:
                self.session = served
            served.info = DeviceInfo.from_answer(served.link.request("INFO"))
            return served.info
        session = IcdSession(self.port, self.ctx.service.ingest, db=self.ctx.db, bus=self.ctx.bus)
        with self._lock:
            if self._closed:
                raise LinkError("closed")
            self.session, self.own = session, True
        try:
            return session.start()
        except BaseException:
            self.close()
            raise

    def call(self, name: str, *args: str) -> tuple[str, ...]:
        session = self.session
        if session is None:
            raise LinkError("no device")
        return session.call(name, *args)

    def close(self) -> None:
        """Close what this link opened and give the port back to the service; safe to repeat."""
        with self._lock:
            self._closed = True
            session, own, held = self.session, self.own, self._held
            self.session, self._held = None, False
        if own and session is not None:
            session.close()
        if held:
            manager = service_manager(self.ctx)
            if manager is not None:
                manager.release(self.port)
