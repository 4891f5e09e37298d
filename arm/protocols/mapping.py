"""Traccar-style Positions -> ARM DeviceEvents (the ICD kinds rules understand).

One report can mean several things at once (a fix, a battery level, a strap
alarm); each becomes its own event so rules see the same kinds whether the
device speaks the EM-Serial ICD or a network protocol. The alarm mapping is
documented in docs/protocols.md; alarms with no ICD equivalent are kept as
``ALARM`` events with the Traccar name (``sos``, ``fallDown``...).

A report whose own time or coordinates are impossible is never stored as a
position: ``to_events`` returns the problem codes for the connection counters
and still keeps the alarm/status part stamped with the receipt time, so an SOS
from a watch with a broken clock is not lost.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from arm.events import DeviceEvent, EventKind, Fix
from arm.protocols.position import Position

FUTURE_TOLERANCE = timedelta(hours=25)
EARLIEST = datetime(2000, 1, 1, tzinfo=UTC)

#: Traccar alarm name -> (ICD kind, fields). Anything else -> ALARM alarm=<name>.
ALARM_MAP: dict[str, tuple[str, dict[str, str]]] = {
    "tampering": (EventKind.TAMPER, {"part": "STRAP", "state": "OPEN"}),
    "removing": (EventKind.TAMPER, {"part": "STRAP", "state": "OPEN"}),
    "powerCut": (EventKind.POWER, {"state": "MAINS_LOST"}),
    "powerRestored": (EventKind.POWER, {"state": "MAINS_RESTORED"}),
    "lowBattery": (EventKind.POWER, {"state": "LOW_BATTERY"}),
    "lowPower": (EventKind.POWER, {"state": "LOW_BATTERY"}),
    "powerOff": (EventKind.POWER, {"state": "SHUTDOWN"}),
    "jamming": (EventKind.GNSS, {"state": "JAMMING"}),
}

DEVICE_TYPES = {"gt06": "GT06", "watch": "WATCH", "osmand": "PHONE"}


@dataclass(slots=True)
class Mapped:
    events: list[DeviceEvent] = field(default_factory=list)
    #: problem codes for the per-connection counters (``bad_time``, ``bad_coordinates``)
    problems: list[str] = field(default_factory=list)


def plausible_time(t: datetime | None, received: datetime) -> bool:
    return t is not None and EARLIEST <= t <= received + FUTURE_TOLERANCE


def plausible_coordinates(lat: float | None, lon: float | None) -> bool:
    return (
        lat is not None and lon is not None and math.isfinite(lat) and math.isfinite(lon)
        and -90 <= lat <= 90 and -180 <= lon <= 180
    )


def to_events(p: Position, received: datetime, *, login: bool = False) -> Mapped:
    """Split one decoded report into DeviceEvents (evseq=None: ingest derives one).

    Written for speed as well as clarity: it runs for every report, 10,000 a
    second at full load, so it looks attributes up once and builds no closures.
    """
    out = Mapped()
    serial = p.unique_id
    if not serial:
        return out
    source = p.protocol
    dtype = DEVICE_TYPES.get(source)
    events = out.events
    if login:
        events.append(DeviceEvent(serial, None, received, EventKind.LOGIN, {}, source, dtype))
        return out

    t = p.time
    time_ok = t is not None and EARLIEST <= t <= received + FUTURE_TOLERANCE
    if not time_ok:
        out.problems.append("bad_time")
    when = t if time_ok and t is not None else received
    attributes = p.attributes
    lat, lon = p.latitude, p.longitude

    if not p.outdated and (lat is not None or lon is not None) and time_ok:
        if not plausible_coordinates(lat, lon):
            out.problems.append("bad_coordinates")
        else:
            speed = p.speed
            fields: dict[str, object] = {
                "lat": None, "lon": None, "fix": _FIX_NONE,
                "sats": _opt_int(attributes.get("sat")),
                "hdop": _opt_float(attributes.get("hdop")),
                "speed_kmh": round(speed * 1.852, 2) if speed is not None else None,
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
    if isinstance(level, _NUMBER) and type(level) is not bool and math.isfinite(level):
        charge = attributes.get("charge")
        events.append(DeviceEvent(serial, None, when, EventKind.STAT, {
            "battery": max(0, min(100, round(level))),
            "charging": charge if type(charge) is bool else False,
            "rssi": None,
            "temperature": _opt_float(attributes.get("temp1")),
        }, source, dtype))

    if "alarm" in attributes:
        for alarm in p.alarms():
            kind, fields_ = ALARM_MAP.get(alarm, (EventKind.ALARM, {"alarm": alarm}))
            events.append(DeviceEvent(serial, None, when, kind, dict(fields_), source, dtype))

    audio = attributes.get("audio")
    if isinstance(audio, str):
        # a voice message from the wearer (Watch TK): someone at the desk should call back
        events.append(DeviceEvent(serial, None, when, EventKind.ALARM, {
            "alarm": "voiceMessage", "audio": audio, "size": _opt_int(attributes.get("audioSize"))},
            source, dtype))

    if not events and p.outdated and not out.problems:
        events.append(DeviceEvent(serial, None, when, EventKind.HB, {}, source, dtype))
    return out


_FIX_NONE = int(Fix.NONE)
_FIX_GNSS = int(Fix.GNSS)


#: a tuple, not ``int | float``: a union is built anew at every call, and these
#: run several times for each of 10,000 reports a second
_NUMBER = (int, float)


def _opt_int(v: object) -> int | None:
    if v is None:
        return None
    return int(v) if isinstance(v, _NUMBER) and type(v) is not bool else None  # type: ignore[arg-type]


def _opt_float(v: object) -> float | None:
    if v is None:
        return None
    return float(v) if isinstance(v, _NUMBER) and type(v) is not bool else None  # type: ignore[arg-type]
