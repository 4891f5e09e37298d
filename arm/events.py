"""Typed messages that cross module boundaries.

Every device source (serial ICD, NMEA, GT06, Watch, OsmAnd, the simulator)
turns what it hears into :class:`DeviceEvent` and hands it to the ingest core.
Everything downstream (rules, alarms, widgets, the desk API) only ever sees
these dataclasses, never protocol bytes, so a new protocol touches one module.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import IntEnum, StrEnum
from typing import Any

import orjson

from arm.alarm_view import AlarmView

#: Derived sequence numbers live above the ICD range (1..2**32-1), so they can
#: never collide with a real device evseq.
DERIVED_EVSEQ_BASE = 2**32


class EventKind(StrEnum):
    """Event kinds of the EM-Serial ICD (5.1); network protocols map onto them."""

    HB = "HB"
    POS = "POS"
    STAT = "STAT"
    TAMPER = "TAMPER"
    PRESENCE = "PRESENCE"
    POWER = "POWER"
    MOVED = "MOVED"
    GNSS = "GNSS"
    BAC = "BAC"
    BEACON = "BEACON"
    FAULT = "FAULT"
    #: A network tracker's own alarm that has no ICD equivalent (SOS, fall...).
    ALARM = "ALARM"
    #: A network device logged in / identified itself (GT06 login, Watch LK).
    LOGIN = "LOGIN"


class Fix(IntEnum):
    """`<fix>` of a POS event: 0 none, 1 GNSS, 2 indoor beacon, 3 cell network."""

    NONE = 0
    GNSS = 1
    BEACON = 2
    CELL = 3


@dataclass(frozen=True, slots=True)
class DeviceEvent:
    """One thing a device said, decoded, before it is stored.

    `fields` by kind (keys are fixed; values JSON-serialisable):
      POS      lat, lon (float|None), fix (int), sats (int|None), hdop (float|None),
               speed_kmh, course (float|None); optional accuracy_m, altitude_m
      STAT     battery (int %), charging (bool), rssi (int dBm|None), temperature (float|None)
      TAMPER   part ("STRAP"|"CASE"), state ("OPEN"|"RESTORED")
      PRESENCE bracelet (str), state ("IN"|"OUT"), rssi (int|None)
      POWER    state ("MAINS_LOST"|"MAINS_RESTORED"|"LOW_BATTERY"|"SHUTDOWN")
      MOVED    -
      GNSS     state ("LOST"|"RESTORED"|"JAMMING")
      BAC      test_id (str), mg_l (float|None), face_match (int|None),
               result ("PASS"|"FAIL"|"REFUSED"|"NO_SHOW")
      BEACON   bracelet (str), rssi (int|None)
      FAULT    code (str), text (str)
      ALARM    alarm (Traccar alarm name: "sos", "fallDown", ...)
      LOGIN    -
    Protocol-specific extras may be added under other keys (e.g. "raw").
    """

    serial: str
    evseq: int | None
    time: datetime
    kind: str
    fields: Mapping[str, Any] = field(default_factory=dict)
    #: where it came from: "serial", "nmea", "gt06", "watch", "osmand", "sim"
    source: str = "serial"
    #: BRC/TRK/SKU/MKU/BAC/RCV for ICD devices; GT06/WATCH/PHONE for network ones
    device_type: str | None = None

    def effective_evseq(self) -> int:
        """The device's evseq, or a stable one derived from the content.

        Network protocols have no durable event counter; a device that resends
        the same report after a reconnection must still be stored once, so the
        key is a hash of what the report says.
        """
        if self.evseq is not None:
            return self.evseq
        # orjson with sorted keys: canonical like json.dumps(sort_keys=True), five
        # times cheaper, which matters at 10,000 reports a second
        payload = orjson.dumps(
            [self.time, self.kind, self.fields if type(self.fields) is dict else dict(self.fields)],
            option=orjson.OPT_SORT_KEYS | orjson.OPT_NON_STR_KEYS,
            default=str,
        )
        digest = int.from_bytes(hashlib.blake2b(payload, digest_size=8).digest(), "big")
        return DERIVED_EVSEQ_BASE + (digest >> 2)  # stays within a signed BIGINT


@dataclass(frozen=True, slots=True)
class StoredEvent:
    """A DeviceEvent after its commit: ids are final, it will never be lost."""

    id: int
    device_id: int
    evseq: int
    event: DeviceEvent
    received: datetime


@dataclass(frozen=True, slots=True)
class EventsStored:
    """Published on the bus after each committed ingest batch (new events only)."""

    events: tuple[StoredEvent, ...]


@dataclass(frozen=True, slots=True)
class DeviceStateChanged:
    """A device's live state changed (contact, battery, registration)."""

    device_id: int
    serial: str
    last_contact: datetime | None
    battery: int | None
    status: str


@dataclass(frozen=True, slots=True)
class IngestRejected:
    """An event was refused by ingest validation (never stored)."""

    serial: str
    kind: str
    reason: str


@dataclass(frozen=True, slots=True)
class AlarmChanged:
    """An alarm was raised or changed state (ack, shelve, close...).

    ``view`` is the alarm's row after the change, built on the alarm worker,
    so a widget shows it as it is and never reads the manager's cache from
    the GUI thread. None once the alarm is closed (it leaves the panel), and
    from a sender that does not know the row.
    """

    alarm_id: int
    person_id: int | None
    device_id: int | None
    kind: str
    priority: str
    state: str
    acknowledged: bool
    change: str
    view: AlarmView | None = None


@dataclass(frozen=True, slots=True)
class ServiceStatus:
    """The monitoring service's health, for the status bar."""

    running: bool
    sources: tuple[str, ...] = ()
    detail: str = ""


def utcnow() -> datetime:
    """Aware UTC now; the only clock the core uses, so tests can reason about it."""
    return datetime.now(UTC)
