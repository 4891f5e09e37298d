"""Typed messages that cross module boundaries.

Every device source (serial ICD, NMEA, GT06, Watch, OsmAnd, the simulator)
turns what it hears into :class:`DeviceEvent` and hands it to the ingest core.
Everything downstream (rules, alarms, widgets, the desk API) only ever sees
these dataclasses, never protocol bytes, so a new protocol touches one module.

No ``from __future__ import annotations`` here: on Python 3.11 a TypedDict
sees ``NotRequired`` only in evaluated annotations, and the payload tests read
``__required_keys__``.
"""

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import IntEnum, StrEnum
from typing import Any, NotRequired, TypedDict, cast

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


class TamperPart(StrEnum):
    """`<part>` of a TAMPER event: the strap or the case was opened."""

    STRAP = "STRAP"
    CASE = "CASE"


class TamperState(StrEnum):
    OPEN = "OPEN"
    RESTORED = "RESTORED"


class PresenceState(StrEnum):
    """Whether the bracelet is in range of its home unit."""

    IN = "IN"
    OUT = "OUT"


class PowerState(StrEnum):
    MAINS_LOST = "MAINS_LOST"
    MAINS_RESTORED = "MAINS_RESTORED"
    LOW_BATTERY = "LOW_BATTERY"
    SHUTDOWN = "SHUTDOWN"


class GnssState(StrEnum):
    LOST = "LOST"
    RESTORED = "RESTORED"
    JAMMING = "JAMMING"


class BacResult(StrEnum):
    """Outcome of a breath alcohol test."""

    PASS = "PASS"
    FAIL = "FAIL"
    REFUSED = "REFUSED"
    NO_SHOW = "NO_SHOW"


# ---------------------------------------------------------------- payloads
# One TypedDict per kind: plain dicts at run time, so the ingest hot path, the
# JSON column, the desk API and orjson see exactly what they saw before (a
# StrEnum member is a str and serialises as its value), while mypy checks every
# producer's keys. Keys are the stored ones and must never be renamed: old rows
# are read back with the same names. A producer may add protocol-specific extras
# (``raw``, ``audio``...) that are marked NotRequired here or listed in
# EXTRA_KEYS.


class PosFields(TypedDict):
    """A location fix. ``speed_kmh`` is always km/h: every decoder converts its
    own unit (GT06 km/h, Watch km/h, OsmAnd m/s, NMEA knots) exactly once, and
    nothing downstream converts again."""

    lat: float | None
    lon: float | None
    #: :class:`Fix` value (0 none, 1 GNSS, 2 beacon, 3 cell)
    fix: int
    sats: int | None
    hdop: float | None
    #: ground speed in km/h
    speed_kmh: float | None
    #: degrees from north
    course: float | None
    accuracy_m: NotRequired[float | None]
    altitude_m: NotRequired[float | None]
    #: the serving cell of a network tracker (mcc, mnc, lac, cid...)
    cell: NotRequired[dict[str, int]]


class StatFields(TypedDict):
    #: percent 0..100
    battery: int
    charging: bool
    #: dBm
    rssi: int | None
    temperature: float | None


class TamperFields(TypedDict):
    part: TamperPart
    state: TamperState


class PresenceFields(TypedDict):
    bracelet: str
    state: PresenceState
    rssi: int | None


class PowerFields(TypedDict):
    state: PowerState


class GnssFields(TypedDict):
    state: GnssState


class BacFields(TypedDict):
    test_id: str
    mg_l: float | None
    face_match: int | None
    result: BacResult


class BeaconFields(TypedDict):
    bracelet: str
    rssi: int | None


class FaultFields(TypedDict):
    code: str
    text: str
    #: the undecodable ICD line of a ``HOST_DECODE`` fault
    raw: NotRequired[str]


class AlarmFields(TypedDict):
    """A network tracker's own alarm: the Traccar name (``sos``, ``fallDown``...)."""

    alarm: str
    #: voice message (``alarm == "voiceMessage"``, arm.media.store): clip name, size in bytes,
    #: content hash, audio format, number of parts and the parts that never arrived
    audio: NotRequired[str]
    size: NotRequired[int | None]
    sha256: NotRequired[str]
    format: NotRequired[str]
    parts: NotRequired[int]
    parts_missing: NotRequired[list[int]]


class LoginFields(TypedDict):
    pass


class MovedFields(TypedDict):
    pass


class HbFields(TypedDict):
    pass


EventFields = (
    PosFields | StatFields | TamperFields | PresenceFields | PowerFields | GnssFields | BacFields
    | BeaconFields | FaultFields | AlarmFields | LoginFields | MovedFields | HbFields
)

#: The payload type of every kind (tests check producers against it).
FIELDS_BY_KIND: dict[EventKind, type] = {
    EventKind.HB: HbFields,
    EventKind.POS: PosFields,
    EventKind.STAT: StatFields,
    EventKind.TAMPER: TamperFields,
    EventKind.PRESENCE: PresenceFields,
    EventKind.POWER: PowerFields,
    EventKind.MOVED: MovedFields,
    EventKind.GNSS: GnssFields,
    EventKind.BAC: BacFields,
    EventKind.BEACON: BeaconFields,
    EventKind.FAULT: FaultFields,
    EventKind.ALARM: AlarmFields,
    EventKind.LOGIN: LoginFields,
}

#: Extras any producer may add to any kind (protocol detail kept for the technician).
EXTRA_KEYS = frozenset({"raw"})


def stored_fields(data: Mapping[str, Any] | None) -> EventFields:
    """The payload of an event read back from where ingest wrote it: a database row or the desk API's JSON.

    This is the one boundary where an untyped mapping becomes :data:`EventFields`
    without a check of its keys: ingest only ever stores payloads its producers
    built as the TypedDict of their kind, so what comes back is that payload
    (rows of older versions included, which had the same keys). Rows come back
    whole: ``device_events.fields`` is packed on disk (``db.event_codec``) and
    its column type unpacks it on every read.
    """
    return cast(EventFields, dict(data or {}))


def _no_fields() -> EventFields:
    return HbFields()


@dataclass(frozen=True, slots=True)
class DeviceEvent:
    """One thing a device said, decoded, before it is stored.

    ``fields`` is the payload of ``kind``: one of the TypedDicts above
    (:data:`FIELDS_BY_KIND`), a plain dict at run time. Keys and values are
    exactly those read back from ``device_events.fields`` (stored packed by
    ``db.event_codec``, whose column type unpacks them) and sent by the desk API;
    states are StrEnums, so a consumer compares ``fields["state"] ==
    PowerState.SHUTDOWN`` and a row read back from JSON (plain str) compares
    equal too. The attribute is typed as the union :data:`EventFields`, so
    mypy checks the keys every producer writes; a consumer narrows it to its
    kind's TypedDict after checking ``kind`` (``cast(PosFields, ev.fields)``),
    and payloads read back from storage or the wire come through
    :func:`stored_fields`.

      POS      :class:`PosFields` (``speed_kmh`` in km/h, never another unit)
      STAT     :class:`StatFields`
      TAMPER   :class:`TamperFields` (:class:`TamperPart`, :class:`TamperState`)
      PRESENCE :class:`PresenceFields` (:class:`PresenceState`)
      POWER    :class:`PowerFields` (:class:`PowerState`)
      MOVED    :class:`MovedFields` (empty)
      GNSS     :class:`GnssFields` (:class:`GnssState`)
      BAC      :class:`BacFields` (:class:`BacResult`)
      BEACON   :class:`BeaconFields`
      FAULT    :class:`FaultFields`
      ALARM    :class:`AlarmFields` (Traccar alarm name: "sos", "fallDown", ...)
      LOGIN    :class:`LoginFields` (empty)
      HB       :class:`HbFields` (empty)
    """

    serial: str
    evseq: int | None
    time: datetime
    kind: str
    fields: EventFields = field(default_factory=_no_fields)
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


@dataclass(frozen=True, slots=True)
class ConnectionLimits:
    """How often the device listeners hit their connection limits since they started (issue 14).

    ``hits`` holds ``(protocol, code, count)``; the codes are those of
    ``arm.protocols.limits`` (``total``, ``per_peer``, ``evicted``,
    ``identify_timeout``, ``idle_timeout``). Published when a count changed (at
    most every few seconds) and once a minute, for the desk API and the GUI's
    device status panel; a separate message from :class:`ServiceStatus`, whose
    arrival means the service (re)started.
    """

    hits: tuple[tuple[str, str, int], ...] = ()


def utcnow() -> datetime:
    """Aware UTC now; the only clock the core uses, so tests can reason about it."""
    return datetime.now(UTC)
