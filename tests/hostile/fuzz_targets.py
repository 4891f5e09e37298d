"""Fuzz targets for every decoder, seeded from the conformance vectors (issue 14).

Shared by the property-based tests (``tests/hostile/test_fuzz.py``, a short
run in the suite) and the long run (``bench/fuzz.py``). A target takes bytes,
runs them through what the service runs them through (framer, decoder,
mapping and the plausibility screen, ``arm.plausibility.bounded``) and checks
that:

* the decoder raises nothing but its documented refusal (``ProtocolError`` for
  the network protocols, ``CodecError`` for the serial ICD; NMEA raises none);
* every event that ingest would accept is storable: its fields serialise with
  the engine's JSON writer, its evseq is a signed 64-bit integer, and a
  position's column values are finite numbers and 64-bit integers.

Anything else is a finding (:class:`Finding`). Mutations: bit flips, random
bytes, deletions, duplicated slices, and the values the issue found (20-digit
numbers, 1e308, NaN, Infinity, line feeds, protocol separators).
"""

from __future__ import annotations

import json
import math
import random
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from functools import cache
from pathlib import Path
from typing import Any

from arm.events import DeviceEvent, EventKind
from arm.ingest import _has_position, _position_values
from arm.media.amr import amr_problem
from arm.plausibility import bounded, rejection_reason
from arm.protocols import gt06, osmand, watch
from arm.protocols.mapping import screen
from arm.protocols.position import Position, ProtocolError
from db.session import json_dumps

ROOT = Path(__file__).resolve().parents[2]
VECTORS = ROOT / "tests" / "protocols" / "vectors"
NMEA_VECTORS = ROOT / "tests" / "serial" / "vectors" / "nmea"
#: the shared conformance corpus beside the main checkout, when present (more seeds, same format)
SHARED = ROOT.parent.parent / "shared" / "conformance"

INT64 = 2**63
NOW = datetime(2026, 12, 7, 12, 0, tzinfo=UTC)

#: tokens that broke the service once (issue 14) or are separators of some protocol
INTERESTING = [
    b"99999999999999999999", b"1e308", b"-1e308", b"1e300", b"nan", b"NaN", b"inf", b"-inf", b"Infinity",
    b"-9.2e18", b"-1", b"0", b"4294967296", b"18446744073709551616", b"9" * 400, b"\n", b"\r\n", b"\x00",
    b",", b"*", b"[", b"]", b"$", b"&", b"=", b"{", b"}", b'"', b"\xff\xfe", b"}\x01", b"#!AMR\n",
]


class Finding(AssertionError):
    """The decoder did something the service cannot live with."""


def mutate(data: bytes, rnd: random.Random) -> bytes:
    """A few random edits of ``data``."""
    out = bytearray(data)
    for _ in range(rnd.randint(1, 6)):
        op = rnd.randrange(7)
        pos = rnd.randint(0, len(out))
        if op == 0 and out:
            i = pos % len(out)
            out[i] ^= 1 << rnd.randrange(8)
        elif op == 1:
            out[pos:pos] = rnd.randbytes(rnd.randint(1, 8))
        elif op == 2 and out:
            del out[pos:pos + rnd.randint(1, 16)]
        elif op == 3:
            out[pos:pos] = rnd.choice(INTERESTING)
        elif op == 4 and out:
            start = rnd.randrange(len(out))
            out[pos:pos] = out[start:start + rnd.randint(1, 32)]
        elif op == 5:
            # replace a run of digits with a value that once broke the service
            digits = [i for i, b in enumerate(out) if 0x30 <= b <= 0x39]
            if digits:
                i = rnd.choice(digits)
                j = i
                while j < len(out) and 0x30 <= out[j] <= 0x39:
                    j += 1
                out[i:j] = rnd.choice(INTERESTING[:12])
        elif op == 6 and out:
            i = pos % len(out)
            out[i] = rnd.randrange(256)
    return bytes(out)


# ---------------------------------------------------------------- what must hold for every event
def check_events(events: list[DeviceEvent]) -> None:
    """Every event ingest would accept is storable."""
    for ev in events:
        if rejection_reason(ev, NOW):
            continue
        ev2, refusal, _dropped = bounded(ev)
        if refusal:
            continue
        try:
            json_dumps(dict(ev2.fields))
        except Exception as exc:  # a finding
            raise Finding(f"fields not storable as JSON: {exc!r} {ev2.fields!r}") from exc
        evseq = ev2.effective_evseq()
        if not 0 <= evseq < INT64:
            raise Finding(f"evseq out of range: {evseq}")
        if ev2.kind == EventKind.POS and _has_position(ev2):
            for value in _position_values(ev2.fields):
                if value is None:
                    continue
                if isinstance(value, float) and not math.isfinite(value):
                    raise Finding(f"position value not finite: {ev2.fields!r}")
                if isinstance(value, int) and not -INT64 <= value < INT64:
                    raise Finding(f"position value beyond 64 bits: {ev2.fields!r}")


def _screened(position: Position | None, **kw: Any) -> None:
    if position is not None:
        check_events(screen(position, NOW, **kw).events)


# ---------------------------------------------------------------- targets
def gt06_target(data: bytes) -> None:
    """Bytes on a GT06 connection after a login: framed, each frame decoded (CRC not checked, so
    mutations reach the payload decoders), and the bytes decoded as one frame as well."""
    decoder = gt06.Gt06Decoder(verify_crc=False)
    decoder.decode(_login_frame())
    framer = gt06.Gt06Framer()
    frames = framer.feed(data)
    for frame in [*frames, data]:
        try:
            msg = decoder.decode(frame)
        except ProtocolError:
            continue
        if msg is not None:
            if msg.login_imei:
                _screened(Position("gt06", msg.login_imei), login=True)
            _screened(msg.position)


def watch_target(data: bytes) -> None:
    decoder = watch.WatchDecoder()
    for frame in [*watch.WatchFramer().feed(data), data]:
        try:
            msg = decoder.decode(frame)
        except ProtocolError:
            continue
        if msg is None:
            continue
        if msg.media is not None:
            amr_problem(msg.media)
        _screened(msg.position)


def osmand_target(data: bytes) -> None:
    """The bytes as a query string (GET) and as a JSON body (POST)."""
    for method, target, headers, body in (
        ("GET", "/?" + data.decode("latin-1"), {}, b""),
        ("POST", "/", {"content-type": "application/json"}, data),
        ("POST", "/", {"content-type": "application/x-www-form-urlencoded"}, data),
    ):
        try:
            positions = osmand.decode_request_all(method, target, headers, body, NOW)
        except ProtocolError:
            continue
        for p in positions:
            _screened(p)


def icd_target(data: bytes) -> None:
    from serial_drivers.icd.codec import CodecError, RawEvent, decode, to_device_event
    from serial_drivers.icd.framing import LineFramer

    for body in LineFramer().feed(data):
        try:
            msg = decode(body)
        except CodecError:
            continue
        if isinstance(msg, RawEvent):
            check_events([to_device_event(msg, "SKU")])


def nmea_target(data: bytes) -> None:
    from serial_drivers.nmea import NmeaStream

    check_events(NmeaStream("GPS-000001").feed(data))


TARGETS: dict[str, Callable[[bytes], None]] = {
    "gt06": gt06_target, "watch": watch_target, "osmand": osmand_target, "icd": icd_target, "nmea": nmea_target,
}


# ---------------------------------------------------------------- seeds
@cache
def _login_frame() -> bytes:
    from arm.simulate import gt06_device

    return gt06_device.encode_login("359339075005244", 1)


def _jsonl(name: str) -> list[dict[str, Any]]:
    records: list[dict[str, Any]] = []
    for folder in (VECTORS, SHARED):
        path = folder / name
        if path.is_file():
            records += [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return records


def _message(record: dict[str, Any]) -> bytes:
    text = str(record["message"])
    return bytes.fromhex(text) if record.get("encoding") == "hex" else text.encode("utf-8", "surrogateescape")


@cache
def seeds(name: str) -> tuple[bytes, ...]:
    """The conformance inputs of one target (deduplicated, in file order)."""
    out: list[bytes] = []
    if name in ("gt06", "watch"):
        out = [_message(r) for r in _jsonl(f"traccar_{name}.jsonl") + _jsonl(f"traccar_{name}_frames.jsonl")]
    elif name == "osmand":
        for r in _jsonl("traccar_osmand.jsonl"):
            msg = _message(r)
            out.append(msg.split(b"?", 1)[1] if msg.startswith(b"/?") or b"?" in msg[:2] else msg)
    elif name == "icd":
        out = _icd_seeds()
    elif name == "nmea":
        for path in sorted(NMEA_VECTORS.glob("*.log")):
            lines = path.read_bytes().splitlines(keepends=True)
            out += [b"".join(lines[i:i + 8]) for i in range(0, min(len(lines), 400), 8)]
        for r in _jsonl_nmea():
            out.append(str(r["sentence"]).encode() + b"\r\n")
    return tuple(dict.fromkeys(x for x in out if x))


def _jsonl_nmea() -> list[dict[str, Any]]:
    path = NMEA_VECTORS / "pynmea2_tests.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _icd_seeds() -> list[bytes]:
    """EMEVT lines of every kind as the device emulator writes them (the ICD has no captured corpus)."""
    from serial_drivers.icd.codec import RawEvent, encode, event_line_fields

    samples: dict[str, dict[str, Any]] = {
        "POS": {"lat": 43.238949, "lon": 76.889709, "fix": 1, "sats": 9, "hdop": 1.1, "speed_kmh": 3.5,
                "course": 181.0},
        "STAT": {"battery": 87, "charging": False, "rssi": -71, "temperature": 21.5},
        "PRESENCE": {"bracelet": "BRC-102938", "state": "IN", "rssi": -61},
        "BAC": {"test_id": "T12", "mg_l": 0.0, "face_match": 97, "result": "PASS"},
        "BEACON": {"bracelet": "BRC-102938", "rssi": -80},
        "TAMPER": {"part": "STRAP", "state": "OPEN"},
        "POWER": {"state": "MAINS_LOST"},
        "GNSS": {"state": "JAMMING"},
        "FAULT": {"code": "E42", "text": "battery sensor"},
        "HB": {}, "MOVED": {},
    }
    when = NOW - timedelta(minutes=5)
    out = []
    for i, (kind, fields) in enumerate(samples.items(), start=1):
        out.append(encode(RawEvent("SKU-000417", i, when, kind, event_line_fields(kind, fields))))
    return out
