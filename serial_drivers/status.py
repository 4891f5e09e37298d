"""What a serial port is doing, for the device status views and `arm serve` logs.

Published on the bus as :class:`SerialPortStatus` whenever a port changes
state; the counters are the framer's, the link's and delivery's, so garbage on
a cable or a device that stops answering is visible, not silent.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime

from arm.events import utcnow

#: Port states; stable codes, widgets translate them.
STATES = (
    "opening",  # the port is being opened
    "identifying",  # waiting for INFO / NMEA sentences
    "connected",  # ICD device answered INFO, or NMEA sentences are flowing
    "not_answering",  # a command got no answer after 3 tries
    "unrecognised",  # neither ICD nor NMEA on this port
    "lost",  # the port vanished (unplugged)
    "closed",  # closed by us
)

#: English text of each state, for logs; widgets use their own tr() strings.
STATE_TEXT = {
    "opening": "opening the port",
    "identifying": "identifying the device",
    "connected": "connected",
    "not_answering": "the device does not answer",
    "unrecognised": "no ICD device or NMEA receiver on this port",
    "lost": "the port was lost (unplugged?)",
    "closed": "closed",
}


@dataclass(frozen=True, slots=True)
class SerialPortStatus:
    """A snapshot of one port."""

    port: str
    protocol: str  # "icd", "nmea" or "" while unknown
    state: str
    serial: str | None = None
    device_type: str | None = None
    firmware: str | None = None
    battery: int | None = None
    counters: Mapping[str, int] = field(default_factory=dict)
    detail: str = ""
    at: datetime = field(default_factory=utcnow)

    @property
    def faults(self) -> int:
        """Everything discarded or failed on this port: framing, decoding, retries."""
        keys = ("noise", "too_long", "bad_checksum", "no_checksum", "cut", "bad_char", "malformed",
                "retries", "not_answering", "rejected", "store_failed", "lost")
        return sum(int(self.counters.get(k, 0)) for k in keys if k != "noise") + (
            1 if self.counters.get("noise", 0) else 0
        )
