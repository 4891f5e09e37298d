"""The emulator's transport: a pseudo-terminal the host opens as a serial port.

Plugging in opens a new pty (optionally behind a stable symlink such as
/tmp/ttyEM0) and resends every unacknowledged event; unplugging closes it so
the host sees the port vanish. A daemon thread reads host lines and writes
whatever the device has to say without ever blocking on a slow reader.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import random
import select
import threading
import time
import tty
from collections import Counter
from collections.abc import Callable

from serial_drivers.emulator_faults import Faults, faulty_bytes
from serial_drivers.emulator_model import EmulatorState, _Stored
from serial_drivers.icd.framing import LineFramer

log = logging.getLogger("serial_drivers.emulator")


class PtyTransport:
    """Plug, unplug, read and write the pty; a mixin of ``EmulatedDevice``."""

    # provided by EmulatedDevice and the command mixin (annotations only: nothing is shadowed)
    serial: str
    link_path: str | None
    faults: Faults
    state: EmulatorState
    counters: Counter[str]
    _rng: random.Random
    _framer: LineFramer
    _lock: threading.RLock
    _master: int | None
    _slave: int | None
    _slave_name: str
    _out: bytearray
    _stop: threading.Event
    _plug_at: float | None
    _send_event: Callable[[_Stored], None]
    _on_line: Callable[[bytes], None]
    _tick: Callable[[], None]

    @property
    def port(self) -> str:
        """Where a host opens the device: the link path if given, else the pty name."""
        return self.link_path or self._slave_name

    @property
    def pty_name(self) -> str:
        return self._slave_name

    @property
    def plugged(self) -> bool:
        return self._master is not None

    def plug(self) -> None:
        """Appear on a new pty and resend every unacknowledged event, oldest first."""
        with self._lock:
            master, slave = os.openpty()
            tty.setraw(slave)
            os.set_blocking(master, False)
            self._master, self._slave = master, slave
            self._slave_name = os.ttyname(slave)
            self._out.clear()
            self._framer = LineFramer()
            if self.link_path:
                tmp = f"{self.link_path}.{os.getpid()}.tmp"
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(tmp)
                os.symlink(self._slave_name, tmp)
                os.replace(tmp, self.link_path)
            self.counters["plugs"] += 1
            for stored in self.state.buffer.values():
                self._send_event(stored)
        log.info("%s plugged in at %s", self.serial, self.port)

    def unplug(self, come_back_after: float | None = None) -> None:
        """Vanish from the host (the port disappears); optionally come back later."""
        with self._lock:
            self._close_pty()
            self.counters["unplugs"] += 1
            self._plug_at = None if come_back_after is None else time.monotonic() + come_back_after
        log.info("%s unplugged", self.serial)

    def _close_pty(self) -> None:
        with self._lock:
            for fd in (self._master, self._slave):
                if fd is not None:
                    with contextlib.suppress(OSError):
                        os.close(fd)
            self._master = self._slave = None
            if self.link_path and os.path.islink(self.link_path):
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(self.link_path)

    # ------------------------------------------------------------ output
    def _send(self, line: bytes) -> None:
        if self._master is None or self.faults.silent:
            return
        self._out += faulty_bytes(self.faults, self._rng, self.counters, line)
        self._flush()

    def _flush(self) -> None:
        if self._master is None or not self._out:
            return
        try:
            n = os.write(self._master, self._out)
        except BlockingIOError:
            return
        except OSError as exc:
            if exc.errno in (errno.EAGAIN, errno.EIO):
                return
            raise
        del self._out[:n]

    # ------------------------------------------------------------ main loop
    def _run(self) -> None:
        while not self._stop.is_set():
            master = self._master
            if master is None:
                self._maybe_come_back()
                time.sleep(0.02)
                continue
            wlist = [master] if self._out else []
            try:
                readable, _, _ = select.select([master], wlist, [], 0.02)
            except (OSError, ValueError):
                continue
            if readable:
                self._read(master)
            with self._lock:
                self._flush()
                self._tick()

    def _maybe_come_back(self) -> None:
        if self._plug_at is not None and time.monotonic() >= self._plug_at:
            self._plug_at = None
            self.plug()

    def _read(self, master: int) -> None:
        try:
            data = os.read(master, 65536)
        except (BlockingIOError, InterruptedError):
            return
        except OSError:
            return  # EIO: nobody has the slave open; that is fine for a pty
        with self._lock:
            if self._master != master:
                return
            for body in self._framer.feed(data):
                self._on_line(body)
