"""Finding devices: USB ports by VID/PID (configuration), plus named ports and globs.

VID/PID only say where to look (ICD 1: "a host must not trust VID/PID alone"):
:func:`probe` opens the port and decides by what it hears: an `EMACK` to
`INFO` means an ICD device, checked NMEA sentences mean a GNSS receiver.
"""

from __future__ import annotations

import glob
import logging
import os
import re
import threading
import time
from dataclasses import dataclass, field

from serial.tools import list_ports

from serial_drivers.icd.codec import Answer, CodecError, Command, decode, encode
from serial_drivers.icd.framing import LineFramer
from serial_drivers.nmea import NMEA_MAX_LINE, is_nmea_body
from serial_drivers.port_reader import ICD_BAUD, PortReader

log = logging.getLogger("serial_drivers.discovery")

DEFAULT_VID = 0x1209
DEFAULT_PIDS = {"BRC": 0xEA01, "TRK": 0xEA02, "SKU": 0xEA03, "MKU": 0xEA04, "BAC": 0xEA05, "RCV": 0xEA06}
NMEA_BAUDS = (9600, 4800, 38400)


@dataclass(frozen=True, slots=True)
class Candidate:
    """A port worth probing, with what USB says about it (may be nothing)."""

    port: str
    expected_type: str | None = None
    usb_serial: str | None = None


@dataclass
class DiscoveryConfig:
    vid: int = DEFAULT_VID
    pids: dict[str, int] = field(default_factory=lambda: dict(DEFAULT_PIDS))
    #: extra path patterns to watch (emulators' links such as /tmp/ttyEM*)
    globs: tuple[str, ...] = ()


def usb_candidates(config: DiscoveryConfig) -> list[Candidate]:
    """Ports whose USB VID is the configured one (the PID names the expected type)."""
    by_pid = {pid: code for code, pid in config.pids.items()}
    out = []
    for info in list_ports.comports():
        if info.vid == config.vid and info.pid in by_pid:
            out.append(Candidate(info.device, by_pid[info.pid], info.serial_number))
    return out


def glob_candidates(patterns: tuple[str, ...]) -> list[Candidate]:
    return [Candidate(p) for pattern in patterns for p in sorted(glob.glob(pattern)) if os.path.exists(p)]


def usb_serial_of(port: str) -> str | None:
    real = os.path.realpath(port)
    for info in list_ports.comports():
        if os.path.realpath(info.device) == real:
            return info.serial_number
    return None


def nmea_serial_for(port: str, usb_serial: str | None = None) -> str:
    """A stable device serial for a receiver that has none of its own."""
    base = usb_serial or os.path.basename(port)
    return ("NMEA-" + re.sub(r"[^A-Z0-9-]", "-", base.upper()))[:32]


def probe(port: str, *, timeout: float = 1.0, tries: int = 3, nmea_bauds: tuple[int, ...] = NMEA_BAUDS) -> tuple[str, int]:
    """("icd"|"nmea"|"", baud): what speaks on ``port``. Raises OSError if it cannot be opened."""
    kind = _listen(port, ICD_BAUD, send_info=True, timeout=timeout, tries=tries)
    if kind:
        return kind, ICD_BAUD
    for baud in nmea_bauds:
        if _listen(port, baud, send_info=False, timeout=timeout, tries=1) == "nmea":
            return "nmea", baud
    return "", 0


def _listen(port: str, baud: int, *, send_info: bool, timeout: float, tries: int) -> str:
    icd, nmea = LineFramer(), LineFramer(max_line=NMEA_MAX_LINE)
    found = threading.Event()
    result: list[str] = []

    def on_bytes(data: bytes) -> None:
        for body in icd.feed(data):
            try:
                if isinstance(decode(body), Answer):
                    result.append("icd")
                    found.set()
            except CodecError:
                pass
        for body in nmea.feed(data):
            if is_nmea_body(body):
                result.append("nmea")
                found.set()

    reader = PortReader(port, on_bytes, lambda _reason: found.set(), baudrate=baud)
    reader.open()
    try:
        for attempt in range(tries):
            if send_info:
                reader.write(encode(Command(int(time.monotonic() * 1000) % 65536, "INFO")))
            if found.wait(timeout) or not reader.is_open:
                break
            log.debug("probe %s @%d: nothing yet (try %d)", port, baud, attempt + 1)
    finally:
        reader.close()
    return result[0] if result else ""
