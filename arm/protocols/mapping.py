"""Traccar-style Positions -> ARM DeviceEvents (the ICD kinds rules understand).

One report can mean several things at once (a fix, a battery level, a strap
alarm); each becomes its own event so rules see the same kinds whether the
device speaks the EM-Serial ICD or a network protocol. The alarm mapping is
documented in docs/protocols.md; alarms with no ICD equivalent are kept as
``ALARM`` events with the Traccar name (``sos``, ``fallDown``...).

Mapping only translates: it judges nothing. Whether the report's own time and
coordinates are believable is decided in the core (:mod:`arm.plausibility`):
``to_events`` returns what the report claimed (``Mapped.time``, ``lat``,
``lon``, ``has_location``) beside the events, and :func:`screen` hands both to
``arm.plausibility.screen_report``,
which drops impossible positions and counts ``bad_time``/``bad_coordinates``.

Speed: :class:`Position` keeps Traccar's knots (the conformance vectors are in
knots); this is the one place it becomes km/h (``PosFields.speed_kmh``), and
nothing downstream converts speed again.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from arm.events import (
    AlarmFields,
    DeviceEvent,
    EventKind,
    Fix,
    GnssFields,
    GnssState,
    PosFields,
    PowerFields,
    PowerState,
    StatFields,
    TamperFields,
    TamperPart,
    TamperState,
)
from arm.plausibility import screen_report
from arm.protocols.position import KMH_PER_KNOT, Position

_STRAP_OPEN = TamperFields(part=TamperPart.STRAP, state=TamperState.OPEN)

#: Traccar alarm name -> (ICD kind, fields). Anything else -> ALARM alarm=<name>.
ALARM_MAP: dict[str, tuple[EventKind, TamperFields | PowerFields | GnssFields]] = {
    "tampering": (EventKind.TAMPER, _STRAP_OPEN),
    "removing": (EventKind.TAMPER, _STRAP_OPEN),
    "powerCut": (EventKind.POWER, PowerFields(state=PowerState.MAINS_LOST)),
    "powerRestored": (EventKind.POWER, PowerFields(state=PowerState.MAINS_RESTORED)),
    "lowBattery": (EventKind.POWER, PowerFields(state=PowerState.LOW_BATTERY)),
    "lowPower": (EventKind.POWER, PowerFields(state=PowerState.LOW_BATTERY)),
    "powerOff": (EventKind.POWER, PowerFields(state=PowerState.SHUTDOWN)),
    "jamming": (EventKind.GNSS, GnssFields(state=GnssState.JAMMING)),
}

DEVICE_TYPES = {"gt06": "GT06", "watch": "WATCH", "osmand": "PHONE"}


@dataclass(slots=True)
class Mapped:
    events: list[DeviceEvent]
    #: problem codes for the per-connection counters, filled by :func:`screen`
    problems: Sequence[str]
    #: what the report claimed about itself, for the plausibility screen: its own
    #: time (the receipt time for a login), the coordinates as sent (also of an
    #: invalid fix) and whether it carried a location at all
    time: datetime | None
    lat: float | None = None
    lon: float | None = None
    has_location: bool = False


def screen(p: Position, received: datetime, *, login: bool = False) -> Mapped:
    """``to_events`` then the core's plausibility screen: what a listener submits and counts."""
    mapped = to_events(p, received, login=login)
    problems = screen_report(mapped.events, mapped.time, mapped.lat, mapped.lon, mapped.has_location, received)
    if problems:
        mapped.problems = problems
    return mapped


def to_events(p: Position, received: datetime, *, login: bool = False) -> Mapped:
    """Split one decoded report into DeviceEvents (evseq=None: ingest derives one).

    Translation only: a position with an impossible time or coordinates is
    mapped like any other; :func:`arm.plausibility.screen_report` judges it.

    Written for speed as well as clarity: it runs for every report, 10,000 a
    second at full load, so it looks attributes up once and builds no closures.
    """
    serial = p.unique_id
    if not serial:
        return Mapped([], (), received)
    source = p.protocol
    dtype = DEVICE_TYPES.get(source)
    if login:
        return Mapped([DeviceEvent(serial, None, received, EventKind.LOGIN, {}, source, dtype)], (), received)

    events: list[DeviceEvent] = []
    t = p.time
    when = t if t is not None else received
    attributes = p.attributes
    lat, lon = p.latitude, p.longitude
    has_location = not p.outdated and (lat is not None or lon is not None)

    if has_location:
        speed = p.speed
        fields: PosFields = {
            "lat": None, "lon": None, "fix": _FIX_NONE,
            "sats": _opt_int(attributes.get("sat")),
            "hdop": _opt_float(attributes.get("hdop")),
            "speed_kmh": round(speed * KMH_PER_KNOT, 2) if speed is not None else None,
            "course": p.course,
        }
        if p.valid:
            fields["lat"], fields["lon"], fields["fix"] = lat, lon, _FIX_GNSS
        if p.accuracy is not None:
            fields["accuracy_m"] = p.accuracy
        if p.altitude is not None:
            fields["altitude_m"] = p.altitude
        if p.cell_towers:
            fields["cell"] = dict(p.cell_towers[0])
        events.append(DeviceEvent(serial, None, when, EventKind.POS, fields, source, dtype))

    level = attributes.get("batteryLevel")
    # an int is always finite (and math.isfinite fails on one beyond a float's range)
    if isinstance(level, _NUMBER) and type(level) is not bool and (isinstance(level, int) or math.isfinite(level)):
        charge = attributes.get("charge")
        stat: StatFields = {
            "battery": max(0, min(100, round(level))),
            "charging": charge if type(charge) is bool else False,
            "rssi": None,
            "temperature": _opt_float(attributes.get("temp1")),
        }
        events.append(DeviceEvent(serial, None, when, EventKind.STAT, stat, source, dtype))

    if "alarm" in attributes:
        for alarm in p.alarms():
            mapped_alarm = ALARM_MAP.get(alarm)
            if mapped_alarm is None:
                named: AlarmFields = {"alarm": alarm}
                events.append(DeviceEvent(serial, None, when, EventKind.ALARM, named, source, dtype))
            else:
                events.append(DeviceEvent(serial, None, when, mapped_alarm[0], mapped_alarm[1].copy(),
                                          source, dtype))

    audio = attributes.get("audio")
    if isinstance(audio, str):
        # a voice message from the wearer (Watch TK): someone at the desk should call back
        voice: AlarmFields = {"alarm": "voiceMessage", "audio": audio, "size": _opt_int(attributes.get("audioSize"))}
        events.append(DeviceEvent(serial, None, when, EventKind.ALARM, voice, source, dtype))

    if not events and p.outdated:
        events.append(DeviceEvent(serial, None, when, EventKind.HB, {}, source, dtype))
    return Mapped(events, (), t, lat, lon, has_location)


_FIX_NONE = int(Fix.NONE)
_FIX_GNSS = int(Fix.GNSS)


#: a tuple, not ``int | float``: a union is built anew at every call, and these
#: run several times for each of 10,000 reports a second
_NUMBER = (int, float)


def _opt_int(v: object) -> int | None:
    """An integer attribute; a float one truncated (an infinity or NaN has no integer: None).

    A value out of its column's range passes through: ``arm.plausibility.bounded``
    judges it (and drops it), mapping only must not fail on it.
    """
    if v is None or type(v) is bool:
        return None
    if isinstance(v, int):
        return int(v)
    return int(v) if isinstance(v, float) and math.isfinite(v) else None


def _opt_float(v: object) -> float | None:
    if v is None or not isinstance(v, _NUMBER) or type(v) is bool:
        return None
    try:
        return float(v)
    except OverflowError:  # an integer beyond a float's range: no such measurement
        return None
