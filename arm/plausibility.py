"""Plausibility of what devices report: the one place ARM judges a report.

Decoders and ``arm.protocols.mapping`` only translate; whether a time or a
position is believable is decided here, with one set of limits, for every
source. Two checks use it:

* :func:`rejection_reason`, run by :class:`arm.ingest.Ingest` on every event:
  an event that fails it is never stored and the reason goes back to the
  source (``IngestRejected``).
* :func:`screen_report`, run by the network listeners on the events of one
  report before they submit them to ingest: a report whose own time or
  coordinates are impossible never becomes a position, but its alarm and
  status parts are kept, stamped with the receipt time, so an SOS from a
  watch with a broken clock is not lost. It returns the problem codes
  (``bad_time``, ``bad_coordinates``) the listeners count per connection.

Both run for every report at 12,000 reports a second (docs/protocols.md,
"Throughput"), so the common path is a few comparisons: the report's claims
are passed as plain arguments rather than an object built per report.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any, cast

from arm.events import FIELDS_BY_KIND, DeviceEvent, EventFields, EventKind

#: A device clock may run a day ahead (time zone mistakes) before a report is refused.
FUTURE_TOLERANCE = timedelta(hours=25)
#: Reports before this are a device that lost its clock (GPS week rollover, no RTC).
EARLIEST = datetime(2000, 1, 1, tzinfo=UTC)
KINDS = frozenset(k.value for k in EventKind)

_POS = EventKind.POS
_HB = EventKind.HB


def plausible_time(t: datetime | None, received: datetime) -> bool:
    """A device's own time that can be believed (aware, not before 2000, at most a day ahead)."""
    return t is not None and EARLIEST <= t <= received + FUTURE_TOLERANCE


def plausible_coordinates(lat: float | None, lon: float | None) -> bool:
    """Both coordinates present, finite and on the globe."""
    return (
        lat is not None and lon is not None and math.isfinite(lat) and math.isfinite(lon)
        and -90 <= lat <= 90 and -180 <= lon <= 180
    )


def rejection_reason(ev: DeviceEvent, now: datetime, latest: datetime | None = None) -> str | None:
    """Why an event must not be stored, or None. Sources count these per connection.

    ``latest`` is ``now + FUTURE_TOLERANCE``, passed by a caller that checks a
    whole batch against the same ``now`` so it is computed once.
    """
    if not ev.serial or len(ev.serial) > 32 or not ev.serial.isprintable():
        return "bad serial"
    if ev.kind not in KINDS:
        return f"unknown kind {ev.kind!r}"
    if ev.time.tzinfo is None:
        return "time without time zone"
    if ev.time > (now + FUTURE_TOLERANCE if latest is None else latest):
        return "time in the future"
    if ev.time < EARLIEST:
        return "time before 2000"
    if ev.evseq is not None and not 0 <= ev.evseq < 2**63:
        return "evseq out of range"
    if ev.kind == _POS:
        return position_problem(ev.fields)
    return None


def position_problem(fields: Mapping[str, Any]) -> str | None:
    """Why a POS payload cannot be stored as a position, or None (no fix is fine)."""
    lat, lon = fields.get("lat"), fields.get("lon")
    if lat is None and lon is None:
        return None  # no fix: the event is kept, there is no position
    try:
        lat_f, lon_f = float(lat), float(lon)  # type: ignore[arg-type]
    except (TypeError, ValueError, OverflowError):  # OverflowError: an integer of 400 digits
        return "coordinates are not numbers"
    if -90 <= lat_f <= 90 and -180 <= lon_f <= 180:
        return None  # the common case; NaN and infinities fail these comparisons
    if not (math.isfinite(lat_f) and math.isfinite(lon_f)):
        return "coordinates are not finite"
    return "impossible coordinates"


def screen_report(
    events: list[DeviceEvent], time: datetime | None, lat: float | None, lon: float | None,
    has_location: bool, received: datetime,
) -> Sequence[str]:
    """Judge one report: filter its ``events`` in place, return its problem codes.

    ``time``, ``lat``/``lon`` and ``has_location`` are what the report claimed
    (the coordinates as sent, also when the fix is invalid and the POS event
    carries none; ``has_location`` False for status and heartbeat reports).
    An impossible time drops the report's position and heartbeat and restamps
    its other events (alarms, status) with ``received``; impossible
    coordinates (with a good time) drop only the position.
    """
    if time is None or not EARLIEST <= time <= received + FUTURE_TOLERANCE:
        events[:] = [ev if ev.time == received else replace(ev, time=received)
                     for ev in events if ev.kind != _POS and ev.kind != _HB]
        return ["bad_time"]
    # plausible_coordinates, inlined as it runs for every report (a NaN or an
    # infinity fails the range comparisons, so no isfinite is needed)
    if has_location and not (lat is not None and lon is not None and -90 <= lat <= 90 and -180 <= lon <= 180):
        events[:] = [ev for ev in events if ev.kind != _POS]
        return ["bad_coordinates"]
    return ()  # no list built for a plausible report


# ---------------------------------------------------------------- field bounds
# Every field a device sends ends up in a column (positions.sats is an INTEGER,
# device_events.fields is JSON that orjson writes only for 64-bit integers), so
# a value outside its column's range made the whole insert fail, and with it the
# reports of every other connection merged into the same batch (issue 14). What
# is physically impossible is refused here, before ingest writes anything:
#
# * a field whose value is impossible but that the rest of the report does not
#   depend on (speed, course, HDOP, satellites, altitude, accuracy, battery,
#   signal, temperature, a BAC reading, the serving cell, extras) is dropped
#   and the report stored without it: a fix with a speed of 1e308 km/h is still
#   a fix, and losing an SOS over a corrupt satellite count would be worse;
# * a field that names or identifies something (a bracelet, an alarm, a test
#   id, a fault code, a voice clip), or the fix kind itself, refuses the event.
#
# docs/protocols.md ("Field bounds") lists each field with its range and action.

#: the signed 64-bit range of an INTEGER/BIGINT column and of orjson
INT64_MIN, INT64_MAX = -(2**63), 2**63 - 1

#: (low, high) inclusive, for the numeric fields that are dropped when out of range;
#: an int field must also be an int (not bool), a float field a finite number
_FLOAT_BOUNDS: dict[str, tuple[float, float]] = {
    "speed_kmh": (0.0, 2000.0),        # faster than any airliner a person rides
    "course": (0.0, 360.0),            # degrees from north
    "hdop": (0.0, 100.0),              # NMEA caps HDOP at 99.9
    "accuracy_m": (0.0, 1_000_000.0),  # a cell fix may be kilometres off, not 1,000 km
    "altitude_m": (-1000.0, 100_000.0),
    "temperature": (-60.0, 150.0),
    "mg_l": (0.0, 10.0),               # breath alcohol: 10 mg/l is far beyond lethal
}
_INT_BOUNDS: dict[str, tuple[int, int]] = {
    "sats": (0, 255),
    "battery": (0, 100),
    "rssi": (-200, 100),               # dBm, or a 0..100 signal level of some trackers
    "face_match": (0, 100),
    "size": (0, 2**31 - 1),            # a voice clip's size in bytes
    "parts": (0, 10_000),
}
#: the serving cell: mcc/mnc three digits, lac 16 bits (TAC 24), cid up to a 5G NCI (36 bits)
_CELL_BOUNDS: dict[str, tuple[int, int]] = {
    "mcc": (0, 999), "mnc": (0, 999), "lac": (0, 2**24 - 1), "cid": (0, 2**36 - 1), "rssi": (-200, 100),
}
#: string fields that identify something: longer (or not printable) refuses the event
_NAME_LIMITS: dict[str, int] = {
    "bracelet": 32, "test_id": 64, "code": 64, "alarm": 64, "audio": 255, "sha256": 64, "format": 16,
}
#: free text: longer than this is dropped (``raw``) or refuses the event (``text``)
TEXT_LIMIT = 2000
#: anything else a producer adds (extras): nesting and size that JSON storage accepts
_EXTRA_DEPTH, _EXTRA_ITEMS = 4, 200

_FIXES = frozenset({0, 1, 2, 3})
_REQUIRED: dict[str, frozenset[str]] = {str(k): frozenset(getattr(t, "__required_keys__", ()))
                                         for k, t in FIELDS_BY_KIND.items()}
_NUMBER = (int, float)


def _in_float(v: Any, lo: float, hi: float) -> bool:
    # NaN and the infinities fail the comparisons; a bool is not a measurement
    return type(v) is not bool and isinstance(v, _NUMBER) and lo <= v <= hi


def _in_int(v: Any, lo: int, hi: int) -> bool:
    return type(v) is int and lo <= v <= hi


def _sound_extra(v: Any, depth: int = 0) -> bool:
    """A value that JSON storage can hold and that is not absurdly large."""
    t = type(v)
    if v is None or t is bool or t is str and len(v) <= TEXT_LIMIT:
        return True
    if t is int:
        return INT64_MIN <= v <= INT64_MAX
    if t is float:
        return math.isfinite(v)
    if depth >= _EXTRA_DEPTH:
        return False
    if isinstance(v, list | tuple):
        return len(v) <= _EXTRA_ITEMS and all(_sound_extra(x, depth + 1) for x in v)
    if isinstance(v, Mapping):
        return len(v) <= _EXTRA_ITEMS and all(
            type(k) is str and len(k) <= 64 and _sound_extra(x, depth + 1) for k, x in v.items())
    return isinstance(v, str) and len(v) <= TEXT_LIMIT  # a StrEnum member


def _sound_cell(v: Any) -> bool:
    if not isinstance(v, Mapping) or len(v) > 16:
        return False
    for k, x in v.items():
        bounds = _CELL_BOUNDS.get(k)
        if bounds is None:
            if type(k) is not str or type(x) is not int or not INT64_MIN <= x <= INT64_MAX:
                return False
        elif not _in_int(x, *bounds):
            return False
    return True


def field_problems(kind: str, fields: Mapping[str, Any]) -> tuple[str | None, tuple[str, ...]]:
    """``(refusal, dropped)`` for one event's payload against the bounds above.

    ``refusal`` names the field that makes the whole event impossible (the event
    must not be stored); otherwise ``dropped`` lists the fields to remove before
    storing it. Coordinates are judged by :func:`position_problem`.

    One dict lookup per field (``_CHECKS``) and plain comparisons: it runs for
    every event at 12,000 reports a second.
    """
    dropped: list[str] | None = None
    for key, v in fields.items():
        if v is None:
            continue
        check = _CHECKS.get(key)
        if check is None:
            ok = _sound_extra(v)  # raw and any extra a producer adds
        else:
            code, lo, hi = check
            t = type(v)
            if code == _FLOAT:
                ok = (t is float or t is int) and lo <= v <= hi  # NaN fails the comparison
            elif code == _INT:
                ok = t is int and lo <= v <= hi
            elif code == _SKIP:
                continue
            elif code == _NAME:
                if not isinstance(v, str) or len(v) > hi or not v.isprintable():
                    return f"bad {key}", ()
                continue
            elif code == _FIX:
                if t is not int or v not in _FIXES:
                    return "bad fix", ()
                continue
            elif code == _CELL:
                ok = _sound_cell(v)
            elif code == _BOOL:
                ok = t is bool
            elif code == _TEXT:
                if not isinstance(v, str) or len(v) > TEXT_LIMIT:
                    return f"bad {key}", ()
                continue
            else:  # _PARTS
                ok = isinstance(v, list) and len(v) <= 10_000 and all(_in_int(x, 0, 10_000) for x in v)
        if not ok:
            if dropped is None:
                dropped = []
            dropped.append(key)
    return None, tuple(dropped) if dropped else ()


_FLOAT, _INT, _SKIP, _NAME, _FIX, _CELL, _BOOL, _TEXT, _PARTS = range(9)
#: field -> (check, low, high): the tables above as one lookup
_CHECKS: dict[str, tuple[int, Any, Any]] = {
    **{k: (_FLOAT, lo, hi) for k, (lo, hi) in _FLOAT_BOUNDS.items()},
    **{k: (_INT, lo, hi) for k, (lo, hi) in _INT_BOUNDS.items()},
    **{k: (_NAME, 0, limit) for k, limit in _NAME_LIMITS.items()},
    "state": (_NAME, 0, 32), "part": (_NAME, 0, 32), "result": (_NAME, 0, 32),
    "lat": (_SKIP, 0, 0), "lon": (_SKIP, 0, 0), "fix": (_FIX, 0, 0), "cell": (_CELL, 0, 0),
    "charging": (_BOOL, 0, 0), "text": (_TEXT, 0, 0), "parts_missing": (_PARTS, 0, 0),
}


def bounded(ev: DeviceEvent) -> tuple[DeviceEvent, str | None, tuple[str, ...]]:
    """The event as it may be stored, or why it may not: ``(event, refusal, dropped fields)``.

    The event comes back unchanged (the same object) when every field is in
    range, which is the common case and costs one pass over the payload.
    """
    fields = ev.fields
    if not fields:
        return ev, None, ()
    refusal, dropped = field_problems(ev.kind, fields)
    if refusal is not None:
        return ev, refusal, ()
    if not dropped:
        return ev, None, ()
    kept: dict[str, Any] = {k: v for k, v in fields.items() if k not in dropped}
    required = _REQUIRED.get(ev.kind, frozenset())
    for key in dropped:  # a key its kind requires stays present, its value unknown
        if key in required:
            kept[key] = None
    return replace(ev, fields=cast(EventFields, kept)), None, dropped
