"""Logging that hostile traffic cannot turn into a flood or forge lines in.

A flooding or fuzzing client can cause the same complaint thousands of times
a second (issue 14: 30,000 error lines in 30 s). :class:`RateLimitedLog` logs
each key (a device, a peer, a limit) once per interval, with the number of
repeats it held back since; the counters elsewhere still count every one.
:func:`one_line` escapes what a client sent before it goes into a log line, so
a line feed in an HTTP method cannot start a forged line.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

#: seconds between two log lines of the same key
LOG_INTERVAL_S = 60.0
#: keys remembered before the memory starts over (a storm of peers must not grow it without bound)
MAX_KEYS = 10_000


def one_line(value: object, limit: int = 200) -> str:
    """``value`` as text safe for one log line: control characters escaped, at most ``limit`` characters."""
    text = value if isinstance(value, str) else str(value)
    if len(text) > limit:
        text = text[:limit] + "..."
    if text.isprintable():
        return text
    return text.encode("unicode_escape", "backslashreplace").decode("ascii")


class RateLimitedLog:
    """Logs a message once per key per ``interval_s``; the repeats held back are told with the next one."""

    def __init__(self, logger: logging.Logger, interval_s: float = LOG_INTERVAL_S,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.logger = logger
        self.interval_s = interval_s
        self.clock = clock
        self._lock = threading.Lock()
        #: key -> (time last logged, repeats held back since)
        self._seen: dict[str, tuple[float, int]] = {}

    def due(self, key: str) -> tuple[bool, int]:
        """(whether a line for ``key`` may be written now, repeats held back since the last one)."""
        now = self.clock()
        with self._lock:
            last = self._seen.get(key)
            if last is not None and now - last[0] < self.interval_s:
                self._seen[key] = (last[0], last[1] + 1)
                return False, 0
            if len(self._seen) >= MAX_KEYS:
                self._seen.clear()
            self._seen[key] = (now, 0)
        return True, last[1] if last is not None else 0

    def log(self, level: int, key: str, msg: str, *args: object, exc_info: bool = False) -> bool:
        """Log ``msg % args`` unless ``key`` was logged within the interval; True when written."""
        write, held = self.due(key)
        if not write:
            return False
        if held:
            msg += " (%d more like it since the last report)"
            args = (*args, held)
        self.logger.log(level, msg, *args, exc_info=exc_info)
        return True

    def warning(self, key: str, msg: str, *args: object) -> bool:
        return self.log(logging.WARNING, key, msg, *args)

    def error(self, key: str, msg: str, *args: object) -> bool:
        return self.log(logging.ERROR, key, msg, *args)
