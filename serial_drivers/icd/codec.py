"""Typed ICD messages (sections 4 and 5) and their conversion to and from lines.

``decode(body)`` is a pure function from a framed line body to a
:class:`Command`, :class:`Answer` or :class:`RawEvent`; ``encode`` does the
reverse. :func:`to_device_event` turns a device event into the core's
:class:`arm.events.DeviceEvent` with the typed fields listed in its docstring.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any, cast

from arm.events import (
    BacResult,
    DeviceEvent,
    EventFields,
    EventKind,
    FaultFields,
    GnssState,
    PowerState,
    PresenceState,
    TamperPart,
    TamperState,
)
from serial_drivers.icd.framing import encode_line

MAX_SEQ = 65535
MAX_EVSEQ = 4294967295
SERIAL_RE = re.compile(r"^[A-Z0-9-]{4,20}$")
PAIR_CODE_RE = re.compile(r"^[0-9]{6}$")
DEVICE_TYPES = ("BRC", "TRK", "SKU", "MKU", "BAC", "RCV")

#: ICD 4 error codes.
ERROR_CODES = (
    "E_SYNTAX",
    "E_CMD",
    "E_ARG",
    "E_RANGE",
    "E_KEY",
    "E_BUSY",
    "E_PAIR_CODE",
    "E_NOT_FOUND",
    "E_ALREADY",
    "E_NOT_PAIRED",
    "E_TYPE",
)


class CodecError(ValueError):
    """A framed line that is not a well-formed ICD message (counted as `malformed`)."""


@dataclass(frozen=True, slots=True)
class Command:
    """`$EMCMD,<seq>,<NAME>[,<args>]` (host to device)."""

    seq: int
    name: str
    args: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Answer:
    """`$EMACK,<seq>,OK[,...]` or `$EMACK,<seq>,ERR,<code>,<text>`."""

    seq: int
    ok: bool
    result: tuple[str, ...] = ()
    code: str = ""
    text: str = ""


@dataclass(frozen=True, slots=True)
class RawEvent:
    """`$EMEVT,<serial>,<evseq>,<utc>,<KIND>[,<fields>]`, fields still as text."""

    serial: str
    evseq: int
    time: datetime
    kind: str
    fields: tuple[str, ...] = ()


Message = Command | Answer | RawEvent


def format_time(value: datetime) -> str:
    """UTC as `YYYYMMDDhhmmss` (ICD 2)."""
    return value.astimezone(UTC).strftime("%Y%m%d%H%M%S")


def parse_time(text: str) -> datetime:
    if len(text) != 14 or not text.isdigit():
        raise CodecError(f"bad time {text!r}")
    try:
        return datetime.strptime(text, "%Y%m%d%H%M%S").replace(tzinfo=UTC)
    except ValueError as exc:
        raise CodecError(f"bad time {text!r}") from exc


def _int(text: str, lo: int, hi: int, what: str) -> int:
    if not text.isdigit():
        raise CodecError(f"bad {what} {text!r}")
    value = int(text)
    if not lo <= value <= hi:
        raise CodecError(f"{what} {value} out of {lo}..{hi}")
    return value


def decode(body: bytes) -> Message:
    """Decode a framed line body (between `$` and `*`)."""
    try:
        parts = body.decode("ascii").split(",")
    except UnicodeDecodeError as exc:
        raise CodecError("non-ASCII line") from exc
    head = parts[0]
    if head == "EMEVT":
        if len(parts) < 5:
            raise CodecError("EMEVT needs serial, evseq, time, kind")
        serial = parts[1]
        if not SERIAL_RE.match(serial):
            raise CodecError(f"bad serial {serial!r}")
        evseq = _int(parts[2], 1, MAX_EVSEQ, "evseq")
        return RawEvent(serial, evseq, parse_time(parts[3]), parts[4], tuple(parts[5:]))
    if head == "EMACK":
        if len(parts) < 3:
            raise CodecError("EMACK needs seq and status")
        seq = _int(parts[1], 0, MAX_SEQ, "seq")
        if parts[2] == "OK":
            return Answer(seq, True, tuple(parts[3:]))
        if parts[2] == "ERR" and len(parts) >= 4:
            return Answer(seq, False, (), parts[3], ",".join(parts[4:]))
        raise CodecError(f"bad answer status {parts[2]!r}")
    if head == "EMCMD":
        if len(parts) < 3 or not parts[2]:
            raise CodecError("EMCMD needs seq and name")
        return Command(_int(parts[1], 0, MAX_SEQ, "seq"), parts[2], tuple(parts[3:]))
    raise CodecError(f"unknown message type {head!r}")


def encode(message: Message) -> bytes:
    """The wire line (with checksum and CR LF) of a message."""
    if isinstance(message, Command):
        return encode_line(["EMCMD", str(message.seq), message.name, *message.args])
    if isinstance(message, Answer):
        if message.ok:
            return encode_line(["EMACK", str(message.seq), "OK", *message.result])
        return encode_line(["EMACK", str(message.seq), "ERR", message.code, message.text])
    return encode_line(
        [
            "EMEVT",
            message.serial,
            str(message.evseq),
            format_time(message.time),
            message.kind,
            *message.fields,
        ]
    )


# ---------------------------------------------------------------- event fields
def _opt_float(text: str) -> float | None:
    if text == "":
        return None
    try:
        return float(text)
    except ValueError as exc:
        raise CodecError(f"bad number {text!r}") from exc


def _opt_int(text: str) -> int | None:
    if text == "":
        return None
    try:
        return int(text)
    except ValueError as exc:
        raise CodecError(f"bad integer {text!r}") from exc


def _req_int(text: str) -> int:
    value = _opt_int(text)
    if value is None:
        raise CodecError("missing integer")
    return value


def _choice(states: type[StrEnum]) -> Callable[[str], StrEnum]:
    """A state field: the wire text becomes the payload's StrEnum member (same JSON)."""
    allowed = tuple(s.value for s in states)

    def check(text: str) -> StrEnum:
        if text not in allowed:
            raise CodecError(f"{text!r} is not one of {allowed}")
        return states(text)

    return check


def _text(text: str) -> str:
    return text


def _bracelet(text: str) -> str:
    if not SERIAL_RE.match(text):
        raise CodecError(f"bad bracelet serial {text!r}")
    return text


def _bool01(text: str) -> bool:
    if text not in ("0", "1"):
        raise CodecError(f"bad flag {text!r}")
    return text == "1"


_FIELD_SPECS: dict[str, tuple[tuple[str, Callable[[str], Any]], ...]] = {
    "HB": (),
    "MOVED": (),
    "POS": (
        ("lat", _opt_float),
        ("lon", _opt_float),
        ("fix", _req_int),
        ("sats", _opt_int),
        ("hdop", _opt_float),
        ("speed_kmh", _opt_float),
        ("course", _opt_float),
    ),
    "STAT": (
        ("battery", _req_int),
        ("charging", _bool01),
        ("rssi", _opt_int),
        ("temperature", _opt_float),
    ),
    "TAMPER": (("part", _choice(TamperPart)), ("state", _choice(TamperState))),
    "PRESENCE": (("bracelet", _bracelet), ("state", _choice(PresenceState)), ("rssi", _opt_int)),
    "POWER": (("state", _choice(PowerState)),),
    "GNSS": (("state", _choice(GnssState)),),
    "BAC": (
        ("test_id", _text),
        ("mg_l", _opt_float),
        ("face_match", _opt_int),
        ("result", _choice(BacResult)),
    ),
    "BEACON": (("bracelet", _bracelet), ("rssi", _opt_int)),
    "FAULT": (("code", _text), ("text", _text)),
}


def event_fields(kind: str, raw: tuple[str, ...]) -> EventFields:
    """Typed ``fields`` of one event kind; CodecError if they do not fit ICD 5.1."""
    spec = _FIELD_SPECS.get(kind)
    if spec is None:
        raise CodecError(f"unknown event kind {kind!r}")
    if len(raw) != len(spec):
        raise CodecError(f"{kind} needs {len(spec)} fields, got {len(raw)}")
    fields = {name: conv(value) for (name, conv), value in zip(spec, raw, strict=True)}
    if kind == "POS":
        _check_pos(fields)
    # built from _FIELD_SPECS[kind], whose names are that kind's TypedDict keys
    # (tests/core/test_event_payloads.py checks the emulator's every kind against them)
    return cast(EventFields, fields)


def _check_pos(fields: dict[str, Any]) -> None:
    if fields["fix"] not in (0, 1, 2, 3):
        raise CodecError(f"bad fix {fields['fix']}")
    has_coords = fields["lat"] is not None and fields["lon"] is not None
    if fields["fix"] == 0 and (fields["lat"] is not None or fields["lon"] is not None):
        raise CodecError("POS with fix 0 carries coordinates")
    if fields["fix"] != 0 and not has_coords:
        raise CodecError("POS with a fix but no coordinates")


def event_line_fields(kind: str, fields: dict[str, Any]) -> tuple[str, ...]:
    """The inverse of :func:`event_fields` (used by the emulator)."""
    out: list[str] = []
    for name, _conv in _FIELD_SPECS[kind]:
        value = fields.get(name)
        if value is None:
            out.append("")
        elif isinstance(value, bool):
            out.append("1" if value else "0")
        elif name in ("lat", "lon") and isinstance(value, float):
            out.append(f"{value:.6f}")
        else:
            out.append(str(value))
    return tuple(out)


def to_device_event(raw: RawEvent, device_type: str | None) -> DeviceEvent:
    """The core event for a device event.

    A line that passed the framer but whose fields do not fit ICD 5.1 (unknown
    kind, wrong count, bad number) is still stored, as a ``FAULT`` with code
    ``HOST_DECODE`` and the raw text, so that it can be acknowledged without
    being lost and the technician sees that the device speaks something odd.
    """
    fields: EventFields
    try:
        fields = event_fields(raw.kind, raw.fields)
        kind = EventKind(raw.kind).value
    except CodecError as exc:
        kind = EventKind.FAULT.value
        fields = FaultFields(
            code="HOST_DECODE",
            text=str(exc),
            raw=",".join((raw.kind, *raw.fields)),
        )
    return DeviceEvent(
        serial=raw.serial,
        evseq=raw.evseq,
        time=raw.time,
        kind=kind,
        fields=fields,
        source="serial",
        device_type=device_type,
    )


@dataclass(frozen=True, slots=True)
class DeviceInfo:
    """The answer to `INFO` (ICD 4.1)."""

    type: str
    serial: str
    firmware: str
    hardware: str
    battery: int | None
    imei: str

    @classmethod
    def from_answer(cls, answer: Answer) -> DeviceInfo:
        r = answer.result
        if len(r) != 6:
            raise CodecError(f"INFO answer needs 6 fields, got {len(r)}")
        if r[0] not in DEVICE_TYPES:
            raise CodecError(f"unknown device type {r[0]!r}")
        if not SERIAL_RE.match(r[1]):
            raise CodecError(f"bad serial {r[1]!r}")
        return cls(r[0], r[1], r[2], r[3], _opt_int(r[4]), r[5])
