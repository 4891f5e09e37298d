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
"Throughput"), so the common path is a few comparisons and allocates nothing.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
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


def rejection_reason(ev: DeviceEvent, now: datetime) -> str | None:
    """Why an event must not be stored, or None. Sources count these per connection."""
    if not ev.serial or len(ev.serial) > 32 or not ev.serial.isprintable():
        return "bad serial"
    if ev.kind not in KINDS:
        return f"unknown kind {ev.kind!r}"
    if ev.time.tzinfo is None:
        return "time without time zone"
    if ev.time > now + FUTURE_TOLERANCE:
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
    if not (math.isfinite(lat_f) and math.isfinite(lon_f)):
        return "coordinates are not finite"
    if not (-90 <= lat_f <= 90 and -180 <= lon_f <= 180):
        return "impossible coordinates"
    return None


@dataclass(slots=True)
class ReportClaims:
    """What one network report claimed about itself, as decoded (not yet judged).

    ``lat``/``lon`` are the coordinates as the device sent them, also when its
    fix is invalid (the POS event then carries none); ``has_location`` is False
    for reports without a location of their own (status, heartbeat).
    """

    time: datetime | None
    lat: float | None = None
    lon: float | None = None
    has_location: bool = False


@dataclass(slots=True)
class Screened:
    events: list[DeviceEvent] = field(default_factory=list)
    #: problem codes for the per-connection counters (``bad_time``, ``bad_coordinates``)
    problems: list[str] = field(default_factory=list)


def screen_report(events: list[DeviceEvent], claims: ReportClaims | None, received: datetime) -> Screened:
    """The events of one report that may go to ingest, and what was wrong with it.

    An impossible report time drops the report's position and heartbeat and
    restamps its other events (alarms, status) with ``received``; impossible
    coordinates (with a good time) drop only the position.
    """
    if claims is None:  # a login: nothing the device claimed about time or place
        return Screened(events)
    t = claims.time
    if t is None or not EARLIEST <= t <= received + FUTURE_TOLERANCE:
        kept = [ev if ev.time == received else replace(ev, time=received)
                for ev in events if ev.kind != _POS and ev.kind != _HB]
        return Screened(kept, ["bad_time"])
    if claims.has_location and not plausible_coordinates(claims.lat, claims.lon):
        return Screened([ev for ev in events if ev.kind != _POS], ["bad_coordinates"])
    return Screened(events)
