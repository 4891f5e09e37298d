"""Blocking pyserial I/O in a reader thread (STYLE.md: pyserial's ReaderThread habit).

The thread hands every chunk it reads to ``on_bytes`` and, when the port goes
away (unplugged cable, vanished pty), calls ``on_lost`` once with the reason.
Nothing here knows the protocol; framing and decoding happen in the callbacks.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable

import serial

log = logging.getLogger("serial_drivers.port")

ICD_BAUD = 115200
READ_TIMEOUT_S = 0.1
WRITE_TIMEOUT_S = 2.0
MAX_EMPTY_READS = 20


class PortReader:
    """One open serial port with its reader thread."""

    def __init__(
        self,
        port: str,
        on_bytes: Callable[[bytes], None],
        on_lost: Callable[[str], None],
        *,
        baudrate: int = ICD_BAUD,
    ) -> None:
        self.port = port
        self.baudrate = baudrate
        self._on_bytes = on_bytes
        self._on_lost = on_lost
        self._serial: serial.Serial | None = None
        self._write_lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._closing = False
        self.bytes_in = 0
        self.bytes_out = 0
        self.empty_reads = 0

    def open(self) -> None:
        """Open the port (8N1, no flow control); raises OSError if it cannot."""
        try:
            self._serial = serial.Serial(
                self.port,
                self.baudrate,
                bytesize=serial.EIGHTBITS,
                parity=serial.PARITY_NONE,
                stopbits=serial.STOPBITS_ONE,
                timeout=READ_TIMEOUT_S,
                write_timeout=WRITE_TIMEOUT_S,
                exclusive=True,
            )
        except (serial.SerialException, ValueError) as exc:
            raise OSError(f"cannot open {self.port}: {exc}") from exc
        self._thread = threading.Thread(target=self._run, name=f"serial-{self.port}", daemon=True)
        self._thread.start()

    def write(self, data: bytes) -> None:
        ser = self._serial
        if ser is None or self._closing:
            raise OSError(f"{self.port} is closed")
        try:
            with self._write_lock:
                ser.write(data)
                self.bytes_out += len(data)
        except (serial.SerialException, OSError, TypeError, AttributeError) as exc:
            raise OSError(f"write to {self.port} failed: {exc}") from exc

    def close(self) -> None:
        self._closing = True
        ser = self._serial
        if ser is not None:
            try:
                ser.cancel_read()
            except (OSError, serial.SerialException, AttributeError, TypeError):
                pass
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(2.0)
        self._close_serial()

    def _close_serial(self) -> None:
        ser, self._serial = self._serial, None
        if ser is not None:
            try:
                ser.close()
            except (OSError, serial.SerialException):
                pass

    @property
    def is_open(self) -> bool:
        return self._serial is not None and not self._closing

    def _run(self) -> None:
        reason = ""
        ser = self._serial
        empty = 0
        while not self._closing and ser is not None:
            try:
                data = ser.read(max(1, ser.in_waiting))
            except (serial.SerialException, OSError, TypeError, AttributeError) as exc:
                reason = str(exc) or type(exc).__name__
                # a pty can report an empty read once (end-of-file character, a hangup
                # of another opener); only a port that keeps doing it or is gone is lost
                if "returned no data" in reason and empty < MAX_EMPTY_READS and os.path.exists(self.port):
                    empty += 1
                    self.empty_reads += 1
                    time.sleep(0.01)
                    continue
                break
            empty = 0
            if data:
                self.bytes_in += len(data)
                try:
                    self._on_bytes(data)
                except Exception:
                    log.exception("handling bytes from %s failed", self.port)
        if not self._closing:
            log.warning("port %s lost: %s", self.port, reason)
            self._closing = True
            self._close_serial()
            self._on_lost(reason or "port closed")
