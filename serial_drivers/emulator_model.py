"""What an emulated ICD device is and keeps: limits, settings ranges, generated kinds, its buffer.

Shared by the emulator's transport, command and event code; the buffer and
evseq counter are what survive a power cycle (``EmulatedDevice.save_state``).
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, field

from serial_drivers.icd.codec import DEVICE_TYPES, RawEvent

BUFFER_SIZE = 10_000
RETRANSMIT_S = 5.0
MAX_PAIRED = 4
USB_VID = 0x1209
USB_PIDS = {"BRC": 0xEA01, "TRK": 0xEA02, "SKU": 0xEA03, "MKU": 0xEA04, "BAC": 0xEA05, "RCV": 0xEA06}

#: CFG keys: (types that have the key, lowest, highest, default, is_float)
CFG_KEYS: dict[str, tuple[tuple[str, ...], float, float, float, bool]] = {
    "REPORT_S": (DEVICE_TYPES, 10, 3600, 60, False),
    "HB_S": (DEVICE_TYPES, 30, 3600, 300, False),
    "ABSENT_S": (("SKU", "MKU"), 30, 1800, 120, False),
    "BAC_LIMIT": (("BAC",), 0.0, 1.0, 0.16, True),
}

#: Event kinds each type produces on its own, cycled by the generator.
GENERATED_KINDS = {
    "BRC": ("HB", "STAT"),
    "TRK": ("POS", "POS", "STAT", "HB"),
    "SKU": ("PRESENCE", "STAT", "HB"),
    "MKU": ("POS", "PRESENCE", "STAT"),
    "BAC": ("BAC", "STAT", "HB"),
    "RCV": ("BEACON", "STAT", "HB"),
}
HOME = (43.238949, 76.889709)  # Almaty


@dataclass
class _Stored:
    event: RawEvent
    line: bytes
    sent_at: float = 0.0


@dataclass
class EmulatorState:
    """What survives a power cycle / replug: the evseq counter and the buffer."""

    evseq: int = 0
    buffer: OrderedDict[int, _Stored] = field(default_factory=OrderedDict)
