"""Which channel each event source arrives on, and the rate-limited log of refused reports.

A registered device's reports are accepted only from the channel its
``devices.protocol`` names (:class:`db.models.DeviceProtocol`); ingest checks
it where it resolves the device (``arm.ingest``), once, for every source.
Anyone who can reach a network port can claim any serial, so the channel a
report arrived on is the only thing about it the workstation knows for sure.

Sources (``DeviceEvent.source``) and their channels:

  ``serial`` -> ``icd``     the ICD line protocol on the workstation's own serial ports
  ``nmea``   -> ``icd``     an NMEA receiver on those ports (the mobile console's GNSS,
                            type RCV); NMEA carries no identity, the serial manager names
                            it ``NMEA-<port>``, so it can never claim another device's serial
  ``sim``    -> ``icd``     the demo fleet's in-process ICD units (``IngestSink``); no
                            listener produces it, and the demo's network trackers
                            report over their real protocols on real sockets
  ``gt06``   -> ``gt06``    the GT06 listener
  ``watch``  -> ``watch``   the Watch listener (voice clips included)
  ``osmand`` -> ``osmand``  the OsmAnd (Traccar Client) HTTP listener

A source not listed is refused for every device (``unknown_channel``).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from db.models import DeviceProtocol

log = logging.getLogger("arm.ingest")

#: DeviceEvent.source -> the channel (DeviceProtocol value) it arrives on
SOURCE_CHANNELS: dict[str, str] = {
    "serial": DeviceProtocol.ICD.value,
    "nmea": DeviceProtocol.ICD.value,
    "sim": DeviceProtocol.ICD.value,
    "gt06": DeviceProtocol.GT06.value,
    "watch": DeviceProtocol.WATCH.value,
    "osmand": DeviceProtocol.OSMAND.value,
}

#: stable reason codes of a refusal (IngestResult.rejected, IngestRejected.reason, listener stats)
WRONG_CHANNEL = "wrong_channel"
UNKNOWN_CHANNEL = "unknown_channel"
CHANNEL_REASONS = frozenset({WRONG_CHANNEL, UNKNOWN_CHANNEL})

#: a refused (device, channel) is logged at most once per this many seconds
LOG_INTERVAL_S = 300.0
#: remembered (device, channel) pairs before the memory is cleared (a bound, not a tuning knob)
MAX_REMEMBERED = 10_000


@dataclass(frozen=True, slots=True)
class DeviceChannelChanged:
    """Bus message: a device's registered channel changed; ingest applies it to the next batch.

    Published by whoever changes ``devices.protocol`` in this process (the
    inventory's register action); a change made by another process reaches a
    running ingest when its device cache expires (``Ingest.channel_refresh_s``).
    """

    serial: str
    protocol: str


def channel_of(source: str) -> str | None:
    """The channel a source arrives on, or None for a source no channel knows."""
    return SOURCE_CHANNELS.get(source)


class RefusalLog:
    """Logs a refused report once per (device, channel) per ``interval_s``, with the count since.

    A spoofer that floods one port with a registered serial must not flood the
    log too; the counters (ingest stats, listener stats) count every report.
    """

    def __init__(self, interval_s: float = LOG_INTERVAL_S, clock: Callable[[], float] = time.monotonic) -> None:
        self.interval_s = interval_s
        self.clock = clock
        self._lock = threading.Lock()
        #: (serial, channel) -> (time last logged, refusals since then)
        self._seen: dict[tuple[str, str], tuple[float, int]] = {}

    def refused(self, serial: str, arrived: str, registered: str, reason: str = WRONG_CHANNEL) -> bool:
        """Note one refusal of ``serial`` heard on ``arrived``; logs it (returns True) when the pair is due."""
        now = self.clock()
        key = (serial, arrived)
        with self._lock:
            last = self._seen.get(key)
            if last is not None and now - last[0] < self.interval_s:
                self._seen[key] = (last[0], last[1] + 1)
                return False
            if len(self._seen) >= MAX_REMEMBERED:
                self._seen.clear()
            self._seen[key] = (now, 0)
        since = f" ({last[1]} more refused since the last report of it)" if last is not None and last[1] else ""
        if reason == UNKNOWN_CHANNEL:
            log.warning("refused reports of %s arriving via %s: no channel takes that source (%s)%s",
                        serial, arrived, reason, since)
        else:
            log.warning("refused reports of %s arriving via %s: the device is registered for channel %s (%s)%s",
                        serial, arrived, registered, reason, since)
        return True
