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
from typing import Any

from arm.events import DeviceEvent, EventKind

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
    except (TypeError, ValueError):
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
