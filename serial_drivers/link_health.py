"""Is a serial link healthy? A sliding window over a port's cumulative counters.

:class:`~serial_drivers.status.SerialPortStatus` carries cumulative counters
(since the session opened). An operator needs the *recent* picture: a home
unit whose cable or USB hub is failing shows rising checksum errors, command
resends and reconnects minutes before it goes silent. :class:`LinkHealth`
keeps the snapshots of one device's link for the last ``window_s`` seconds
and says whether the link is degraded. Counters that go back to zero (a new
session after a replug) are accumulated, not subtracted.

No Qt here: the Device status panel owns one ``LinkHealth`` per device and
turns the stable codes of :class:`LinkSummary` into translated text.

Degraded (any of, within the window; documented in docs/operator-guide.md):
- line errors (bad checksum, cut or over-long lines, bad characters, malformed
  lines) >= ``MIN_COUNT`` and above ``ERROR_PCT`` % of the frames received;
- command resends (no answer within 1 s) >= ``MIN_COUNT`` and above
  ``RESEND_PCT`` % of the commands sent;
- a command that got no answer after every try (a timeout), or the port was
  lost (unplugged, reconnect);
- the port is not connected now (opening, identifying, not answering, lost).
"""

from __future__ import annotations

import time
from collections import Counter, deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime

from serial_drivers.status import SerialPortStatus

WINDOW_S = 300.0
ERROR_PCT = 5.0
RESEND_PCT = 5.0
MIN_COUNT = 3

#: counters that are a damaged or unreadable line (framer, codec, NMEA parser)
ERROR_KEYS = ("bad_checksum", "cut", "too_long", "no_checksum", "bad_char", "malformed", "unparsed")
#: checksum errors alone (the ICD's "CRC"), shown on their own in the tooltip
CRC_KEYS = ("bad_checksum",)
#: good frames: ICD lines or NMEA sentences
FRAME_KEYS = ("frames", "sentences")
RESEND_KEYS = ("retries",)
COMMAND_KEYS = ("commands",)
TIMEOUT_KEYS = ("not_answering",)
GAP_KEYS = ("gaps",)
LOG_KEYS = ("log_requests",)

#: link states shown to the operator (stable codes)
CONNECTED, RECONNECTING, LOST = "connected", "reconnecting", "lost"
_STATE_OF = {
    "connected": CONNECTED,
    "opening": RECONNECTING,
    "identifying": RECONNECTING,
    "not_answering": RECONNECTING,
    "unrecognised": LOST,
    "lost": LOST,
    "closed": LOST,
}
#: port states that count as an outage (a reconnect follows, or the device is gone)
_OUTAGE_STATES = {"lost", "not_answering"}


@dataclass(frozen=True, slots=True)
class LinkSummary:
    """The link of one device over the window; codes, no translated text."""

    port: str
    protocol: str
    state: str  # CONNECTED / RECONNECTING / LOST
    port_state: str  # the raw SerialPortStatus.state
    window_s: float
    frames: int
    errors: int
    crc_errors: int
    resends: int
    commands: int
    timeouts: int
    gaps: int
    log_requests: int
    outages: int
    #: why the link is degraded: "errors", "resends", "timeouts", "outage", "not_connected"
    reasons: tuple[str, ...]
    last_error: str  # stable code: a counter name, or a port state; "" if none seen
    last_error_detail: str
    last_error_at: datetime | None
    totals: Mapping[str, int] = field(default_factory=dict)  # cumulative, for the tooltip

    @property
    def degraded(self) -> bool:
        return bool(self.reasons)

    @property
    def error_pct(self) -> float:
        """Damaged lines as a share of every line received in the window."""
        seen = self.frames + self.errors
        return 100.0 * self.errors / seen if seen else 0.0

    @property
    def resend_pct(self) -> float:
        return 100.0 * self.resends / self.commands if self.commands else 0.0


def _sum(counters: Mapping[str, int], keys: tuple[str, ...]) -> int:
    return sum(int(counters.get(k, 0)) for k in keys)


class LinkHealth:
    """Snapshots of one device's link; call :meth:`update` with every status seen."""

    def __init__(self, window_s: float = WINDOW_S, clock: Callable[[], float] = time.monotonic) -> None:
        self.window_s = window_s
        self._clock = clock
        self._raw: dict[str, int] = {}
        self._acc: Counter[str] = Counter()
        #: (monotonic time, accumulated counters), oldest first
        self._samples: deque[tuple[float, dict[str, int]]] = deque()
        self._outages: deque[float] = deque()
        self._status: SerialPortStatus | None = None
        self._last_error: tuple[str, str, datetime | None] = ("", "", None)  # code, detail, aware UTC time

    @property
    def status(self) -> SerialPortStatus | None:
        return self._status

    def update(self, status: SerialPortStatus) -> None:
        now = self._clock()
        previous = self._status
        before = dict(self._acc)
        for key, value in status.counters.items():
            value = int(value)
            old = self._raw.get(key, 0)
            self._acc[key] += value - old if value >= old else value  # a new session restarts at 0
        self._raw = {k: int(v) for k, v in status.counters.items()}
        self._samples.append((now, dict(self._acc)))
        if status.state in _OUTAGE_STATES and (previous is None or previous.state != status.state):
            self._outages.append(now)
            self._last_error = (status.state, status.detail, status.at)
        else:
            grown = [k for k in ERROR_KEYS + RESEND_KEYS + TIMEOUT_KEYS if self._acc[k] > before.get(k, 0)]
            if grown:
                self._last_error = (grown[0], status.detail, status.at)
        self._status = status
        self._prune(now)

    def _prune(self, now: float) -> None:
        start = now - self.window_s
        # keep one sample at or before the window's start: the baseline
        while len(self._samples) > 1 and self._samples[1][0] <= start:
            self._samples.popleft()
        while self._outages and self._outages[0] < start:
            self._outages.popleft()

    def summary(self) -> LinkSummary | None:
        """The link over the window now; None before the first status."""
        status = self._status
        if status is None:
            return None
        self._prune(self._clock())
        latest = self._samples[-1][1]
        # the sample at the window's start, or the first one seen: what happened
        # before this desk started watching is not held against the link
        base = self._samples[0][1]

        def delta(keys: tuple[str, ...]) -> int:
            return _sum(latest, keys) - _sum(base, keys)

        frames, errors, resends = delta(FRAME_KEYS), delta(ERROR_KEYS), delta(RESEND_KEYS)
        commands, timeouts = delta(COMMAND_KEYS), delta(TIMEOUT_KEYS)
        reasons: list[str] = []
        if errors >= MIN_COUNT and 100.0 * errors / max(frames + errors, 1) > ERROR_PCT:
            reasons.append("errors")
        if resends >= MIN_COUNT and 100.0 * resends / max(commands, 1) > RESEND_PCT:
            reasons.append("resends")
        if timeouts:
            reasons.append("timeouts")
        if self._outages:
            reasons.append("outage")
        state = _STATE_OF.get(status.state, RECONNECTING)
        if state != CONNECTED:
            reasons.append("not_connected")
        code, detail, at = self._last_error
        return LinkSummary(
            port=status.port,
            protocol=status.protocol,
            state=state,
            port_state=status.state,
            window_s=self.window_s,
            frames=frames,
            errors=errors,
            crc_errors=delta(CRC_KEYS),
            resends=resends,
            commands=commands,
            timeouts=timeouts,
            gaps=delta(GAP_KEYS),
            log_requests=delta(LOG_KEYS),
            outages=len(self._outages),
            reasons=tuple(reasons),
            last_error=code,
            last_error_detail=detail,
            last_error_at=at,
            totals=dict(status.counters),
        )
