"""Compact storage of ``device_events.fields``: what the device sent, in fewer bytes.

An event's payload used to be stored as a JSON object repeating its key names
in every row (``{"lat":43.238949,"lon":76.889709,"fix":1,"sats":9,...}``, about
100 bytes for a fix): with 3.6 million events a day the keys alone were a
third of a gigabyte a day. Here a payload whose kind has a known layout is
stored as a JSON array: a layout code, then the values of that layout's keys in
order, then (only if the producer added anything else: ``raw``, ``cell``,
``accuracy_m``...) one object with those extras under their own names::

    {"lat": 43.2, "lon": 76.9, "fix": 1, "sats": 9, "hdop": 0.9, "speed_kmh": 12.3, "course": 120.0}
    -> [1,43.2,76.9,1,9,0.9,12.3,120.0]

Evidence value: :func:`unpack` gives back exactly the mapping the producer
built (same keys, same values: numbers go through orjson both ways, which
round-trips every float exactly); a payload missing a key of its layout, or
that is not a mapping, is stored as it was (an object), so nothing is ever
guessed. Rows written before this module (objects) are read as they are.
Layouts are append-only: a code, once used, keeps its keys forever (old rows
are read with it); a new layout takes a new code.

The column type :class:`CompactFields` applies the codec on every ORM/Core
write and read, so every reader (person card, alarm detail, desk API,
reports, replay) sees the full payload; the ingest writers, which bypass
SQLAlchemy for speed, call :func:`dumps`. ``db`` imports nothing of ``arm``,
so the layouts are spelled here; ``tests/history/test_event_codec.py`` checks
them against ``arm.events.FIELDS_BY_KIND``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import orjson
from sqlalchemy import JSON
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator

#: layout code -> the keys whose values follow it, in order (the required keys of a kind's payload)
LAYOUTS: dict[int, tuple[str, ...]] = {
    1: ("lat", "lon", "fix", "sats", "hdop", "speed_kmh", "course"),  # POS
    2: ("battery", "charging", "rssi", "temperature"),  # STAT
    3: ("part", "state"),  # TAMPER
    4: ("bracelet", "state", "rssi"),  # PRESENCE
    5: ("state",),  # POWER, GNSS
    6: ("test_id", "mg_l", "face_match", "result"),  # BAC
    7: ("bracelet", "rssi"),  # BEACON
    8: ("code", "text"),  # FAULT
    9: ("alarm",),  # ALARM
}

#: the layout code a kind's payload is packed with (kinds with an empty payload need none)
KIND_LAYOUT: dict[str, int] = {
    "POS": 1, "STAT": 2, "TAMPER": 3, "PRESENCE": 4, "POWER": 5, "GNSS": 5, "BAC": 6, "BEACON": 7,
    "FAULT": 8, "ALARM": 9,
}

_BY_KEYS = {keys: code for code, keys in LAYOUTS.items()}


def _layout_of(value: Mapping[str, Any], kind: str | None) -> int | None:
    code = KIND_LAYOUT.get(kind) if kind is not None else None
    if code is not None:
        return code if all(k in value for k in LAYOUTS[code]) else None
    # no kind (the ORM column type sees only the value): the longest layout all of whose keys are present
    best: int | None = None
    for code, keys in LAYOUTS.items():
        if all(k in value for k in keys) and (best is None or len(keys) > len(LAYOUTS[best])):
            best = code
    return best


def pack(value: Any, kind: str | None = None) -> Any:
    """The compact form of a payload (a list), or the value itself when no layout fits."""
    if not isinstance(value, Mapping) or not value:
        return value
    code = _layout_of(value, kind)
    if code is None:
        return dict(value)
    keys = LAYOUTS[code]
    packed: list[Any] = [code, *(value[k] for k in keys)]
    if len(value) > len(keys):
        packed.append({k: v for k, v in value.items() if k not in keys})
    return packed


def unpack(stored: Any) -> Any:
    """The payload the producer built, from what :func:`pack` stored (an object is returned as it is)."""
    if not isinstance(stored, list) or not stored or type(stored[0]) is not int or stored[0] not in LAYOUTS:
        return stored
    keys = LAYOUTS[stored[0]]
    if len(stored) not in (len(keys) + 1, len(keys) + 2):
        return stored
    out = dict(zip(keys, stored[1 : len(keys) + 1], strict=True))
    if len(stored) == len(keys) + 2 and isinstance(stored[-1], dict):
        out.update(stored[-1])
    return out


def dumps(value: Any, kind: str | None = None) -> str:
    """The JSON text the ingest writers store: compact, no whitespace (orjson, as the engine's serializer)."""
    return orjson.dumps(pack(value, kind), option=orjson.OPT_NON_STR_KEYS).decode()


class CompactFields(TypeDecorator[Any]):
    """``device_events.fields``: JSON packed by :func:`pack` on the way in, unpacked on the way out."""

    impl = JSON
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> Any:
        return pack(value)

    def process_result_value(self, value: Any, dialect: Dialect) -> Any:
        return unpack(value)
