"""The serial source of the monitoring service: watches ports, keeps one session each.

A poller thread (1 s) looks at the configured ports and, with ``auto``, at the
USB ports with the configured VID and the configured globs. A port that
appears is probed and served by an :class:`IcdSession` or an
:class:`NmeaSession` on a thread of its own; a port that vanishes ends its
session, and when it appears again (under the same or another name) it is
picked up again without a restart. Sessions are keyed by the real path, so a
symlink and its target are one port.
"""

from __future__ import annotations

import asyncio
import logging
import os
import threading
import time
from collections.abc import Iterable
from typing import Any

from arm.bus import Bus
from serial_drivers.discovery import (
    Candidate,
    DiscoveryConfig,
    glob_candidates,
    nmea_serial_for,
    probe,
    usb_candidates,
    usb_serial_of,
)
from serial_drivers.icd.delivery import IngestLike
from serial_drivers.icd.link import LinkError
from serial_drivers.icd.session import IcdSession
from serial_drivers.nmea_session import NmeaSession
from serial_drivers.status import SerialPortStatus

log = logging.getLogger("serial_drivers.manager")

POLL_S = 1.0
#: A live port's counters are published on the bus at most this often (and only when they
#: changed), so a busy link shows its health to the GUI without flooding its thread.
STATUS_INTERVAL_S = 1.0
#: After a port turned out to be neither ICD nor NMEA, wait this long before probing it again.
RETRY_UNRECOGNISED_S = 15.0

Session = IcdSession | NmeaSession


class SerialManager:
    """A service component (``async start(service)`` / ``async stop()``)."""

    name = "serial"

    def __init__(
        self,
        ports: Iterable[str] = (),
        *,
        auto: bool = False,
        config: DiscoveryConfig | None = None,
        poll_s: float = POLL_S,
        probe_timeout: float = 1.0,
    ) -> None:
        self.ports = [p for p in ports if p != "auto"]
        self.auto = auto or "auto" in list(ports)
        self.config = config or DiscoveryConfig()
        self.poll_s = poll_s
        self.probe_timeout = probe_timeout
        self.status_interval_s = STATUS_INTERVAL_S
        self._published: dict[str, tuple[float, str, dict[str, int]]] = {}
        self.ingest: IngestLike | None = None
        self.db: Any = None
        self.bus: Bus | None = None
        self.sessions: dict[str, Session] = {}
        self.last_status: dict[str, SerialPortStatus] = {}
        self._busy: set[str] = set()
        self._held: set[str] = set()
        self._retry_at: dict[str, float] = {}
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    # ------------------------------------------------------------ lifecycle
    async def start(self, service: Any) -> None:
        self.start_with(service.ingest, db=service.db, bus=service.bus)

    def start_with(self, ingest: IngestLike, *, db: Any = None, bus: Bus | None = None) -> None:
        self.ingest, self.db, self.bus = ingest, db, bus
        if bus is not None:
            bus.subscribe(SerialPortStatus, self._remember)
        self._thread = threading.Thread(target=self._run, name="serial-manager", daemon=True)
        self._thread.start()

    async def stop(self) -> None:
        await asyncio.get_running_loop().run_in_executor(None, self.stop_sync)

    def stop_sync(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(5.0)
        with self._lock:
            sessions = list(self.sessions.values())
        for session in sessions:
            session.close()

    # ------------------------------------------------------------ queries
    def statuses(self) -> list[SerialPortStatus]:
        with self._lock:
            live = {s.port: s.status() for s in self.sessions.values()}
            merged = {**self.last_status, **live}
        return sorted(merged.values(), key=lambda s: s.port)

    def session_for_serial(self, serial: str) -> IcdSession | None:
        with self._lock:
            for session in self.sessions.values():
                if isinstance(session, IcdSession) and session.info and session.info.serial == serial:
                    return session
        return None

    def session_for_port(self, port: str) -> Session | None:
        with self._lock:
            return self.sessions.get(os.path.realpath(port))

    def hold(self, port: str) -> None:
        """Keep the poller off ``port`` (a tool like the pairing wizard opens it itself)."""
        with self._lock:
            self._held.add(os.path.realpath(port))

    def settle(self, port: str, timeout: float = 5.0) -> Session | None:
        """Wait until no attach of ``port`` is under way; the session it made, if any.

        A tool that ``hold``-s a port while the poller is probing it would
        otherwise fight it for the exclusive lock ("Could not exclusively lock port").
        """
        key = os.path.realpath(port)
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            with self._lock:
                if key not in self._busy:
                    return self.sessions.get(key)
            time.sleep(0.02)
        with self._lock:
            return self.sessions.get(key)

    def release(self, port: str) -> None:
        with self._lock:
            self._held.discard(os.path.realpath(port))

    def _remember(self, status: SerialPortStatus) -> None:
        self.last_status[status.port] = status

    # ------------------------------------------------------------ poller
    def candidates(self) -> list[Candidate]:
        found = [Candidate(p) for p in self.ports if os.path.exists(p)]
        if self.auto:
            found += usb_candidates(self.config) + glob_candidates(self.config.globs)
        return found

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                self.poll_once()
                self.publish_counters()
            except Exception:
                log.exception("serial poll failed")
            self._stop.wait(self.poll_s)

    def poll_once(self) -> None:
        now = time.monotonic()
        for cand in self.candidates():
            key = os.path.realpath(cand.port)
            with self._lock:
                if key in self.sessions or key in self._busy or key in self._held:
                    continue
                if self._retry_at.get(key, 0) > now:
                    continue
                self._busy.add(key)
            threading.Thread(target=self._attach, args=(cand, key), name=f"attach-{cand.port}", daemon=True).start()

    def publish_counters(self) -> None:
        """Publish each live port whose counters changed, at most once per ``status_interval_s``.

        Sessions publish their state changes themselves; the counters (frames,
        checksum errors, resends...) change with every line, so they are sent
        from here, throttled, for the Device status panel's link column.
        """
        if self.bus is None:
            return
        now = time.monotonic()
        with self._lock:
            sessions = list(self.sessions.values())
        for session in sessions:
            try:
                status = session.status()
            except RuntimeError:  # a counter was added while copying; next round
                continue
            last = self._published.get(status.port)
            if last is not None and (
                now - last[0] < self.status_interval_s or (last[1], last[2]) == (status.state, status.counters)
            ):
                continue
            self._published[status.port] = (now, status.state, dict(status.counters))
            self.bus.publish(status)

    def _attach(self, cand: Candidate, key: str) -> None:
        try:
            session = self._open(cand)
        except (OSError, LinkError, ValueError) as exc:
            log.info("port %s not attached: %s", cand.port, exc)
            session = None
            self._publish(SerialPortStatus(cand.port, "", "unrecognised", detail=str(exc)))
        with self._lock:
            self._busy.discard(key)
            if session is None:
                self._retry_at[key] = time.monotonic() + RETRY_UNRECOGNISED_S
            elif session.alive and not self._stop.is_set():
                self.sessions[key] = session
            elif session.alive:
                session.close()

    def _open(self, cand: Candidate) -> Session | None:
        assert self.ingest is not None
        kind, baud = probe(cand.port, timeout=self.probe_timeout)
        if kind == "icd":
            icd = IcdSession(cand.port, self.ingest, db=self.db, bus=self.bus, on_end=self._ended)
            info = icd.start()
            if cand.expected_type and cand.expected_type != info.type:
                icd.counters["type_mismatch"] += 1
                log.warning("%s: USB PID says %s, INFO says %s; INFO wins", cand.port, cand.expected_type, info.type)
            log.info("ICD device %s %s on %s", info.type, info.serial, cand.port)
            return icd
        if kind == "nmea":
            serial = nmea_serial_for(cand.port, cand.usb_serial or usb_serial_of(cand.port))
            nmea = NmeaSession(cand.port, self.ingest, serial, baudrate=baud, bus=self.bus, on_end=self._ended)
            nmea.start()
            log.info("NMEA receiver %s on %s at %d baud", serial, cand.port, baud)
            return nmea
        raise OSError(f"{cand.port}: neither an ICD device nor an NMEA receiver answered")

    def _ended(self, session: Session) -> None:
        # The session's key is looked up by identity, not recomputed with realpath():
        # a port whose link is being removed (a pty closed at shutdown) can vanish
        # between realpath's lstat and readlink, which raises in the reader thread.
        with self._lock:
            for k, s in list(self.sessions.items()):
                if s is session:
                    del self.sessions[k]
                    self._retry_at.pop(k, None)
        log.info("port %s ended: %s %s", session.port, session.state, session.detail)

    def _publish(self, status: SerialPortStatus) -> None:
        if self.bus is not None:
            self.bus.publish(status)
        else:
            self.last_status[status.port] = status
