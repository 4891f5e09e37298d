"""A pseudo-terminal that plays an NMEA capture, as a GNSS receiver would (tests, demo)."""

from __future__ import annotations

import contextlib
import os
import threading
import tty
from typing import Any


class NmeaReplayer:
    """A pty that plays an NMEA capture (e.g. a gpsd regression log) line by line, looping."""

    def __init__(self, lines: list[bytes], *, link: str | None = None, interval_s: float = 0.05) -> None:
        self.lines = [ln if ln.endswith(b"\n") else ln + b"\r\n" for ln in lines if ln.strip()]
        self.link_path = link
        self.interval_s = interval_s
        self._master: int | None = None
        self._slave: int | None = None
        self._slave_name = ""
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.sent = 0

    @classmethod
    def from_file(cls, path: str, **kwargs: Any) -> NmeaReplayer:
        with open(path, "rb") as fh:
            lines = [ln for ln in fh.read().splitlines() if ln.startswith(b"$")]
        return cls(lines, **kwargs)

    @property
    def port(self) -> str:
        return self.link_path or self._slave_name

    def start(self) -> NmeaReplayer:
        master, slave = os.openpty()
        tty.setraw(slave)
        os.set_blocking(master, False)
        self._master, self._slave, self._slave_name = master, slave, os.ttyname(slave)
        if self.link_path:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(self.link_path)
            os.symlink(self._slave_name, self.link_path)
        self._thread = threading.Thread(target=self._run, name="nmea-replayer", daemon=True)
        self._thread.start()
        return self

    def _run(self) -> None:
        i = 0
        while not self._stop.wait(self.interval_s) and self.lines:
            with contextlib.suppress(OSError):
                assert self._master is not None
                os.write(self._master, self.lines[i % len(self.lines)])
                self.sent += 1
            with contextlib.suppress(OSError):
                assert self._master is not None
                os.read(self._master, 4096)  # whatever a host sends (a probe's INFO) is ignored
            i += 1

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(2.0)
        for fd in (self._master, self._slave):
            if fd is not None:
                with contextlib.suppress(OSError):
                    os.close(fd)
        if self.link_path and os.path.islink(self.link_path):
            os.unlink(self.link_path)
