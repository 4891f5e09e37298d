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
    """Split one decoded report into DeviceEvents (evseq=None: ingest derives one)."""
    out = Mapped()
    serial = p.unique_id
    if not serial:
        return out
    source = p.protocol
    dtype = DEVICE_TYPES.get(source)

    def event(kind: str, time: datetime, fields: dict[str, object]) -> None:
        out.events.append(DeviceEvent(serial, None, time, kind, fields, source, dtype))

    if login:
        event(EventKind.LOGIN, received, {})
        return out

    time_ok = plausible_time(p.time, received)
    if not time_ok:
        out.problems.append("bad_time")
    when = p.time if time_ok and p.time is not None else received

    if not p.outdated and (p.latitude is not None or p.longitude is not None):
        if not time_ok:
            pass  # never stored as a position (counted above)
        elif not plausible_coordinates(p.latitude, p.longitude):
            out.problems.append("bad_coordinates")
        else:
            fields: dict[str, object] = {
                "lat": None, "lon": None, "fix": int(Fix.NONE),
                "sats": _opt_int(p.attributes.get("sat")),
                "hdop": _opt_float(p.attributes.get("hdop")),
                "speed_kmh": round(p.speed * 1.852, 2) if p.speed is not None else None,
                "course": p.course,
            }
            if p.valid:
                fields["lat"], fields["lon"], fields["fix"] = p.latitude, p.longitude, int(Fix.GNSS)
            elif p.cell_towers:
                fields["fix"] = int(Fix.NONE)
            if p.accuracy is not None:
                fields["accuracy_m"] = p.accuracy
            if p.altitude is not None:
                fields["altitude_m"] = p.altitude
            if p.cell_towers:
                fields["cell"] = dict(p.cell_towers[0])
            event(EventKind.POS, when, fields)

    level = p.attributes.get("batteryLevel")
    charge = p.attributes.get("charge")
    if isinstance(level, _NUMBER) and not isinstance(level, bool) and math.isfinite(level):
        event(EventKind.STAT, when, {
            "battery": max(0, min(100, round(level))),
            "charging": bool(charge) if isinstance(charge, bool) else False,
            "rssi": None,
            "temperature": _opt_float(p.attributes.get("temp1")),
        })

    for alarm in p.alarms():
        kind, fields_ = ALARM_MAP.get(alarm, (EventKind.ALARM, {"alarm": alarm}))
        event(kind, when, dict(fields_))

    audio = p.attributes.get("audio")
    if isinstance(audio, str):
        # a voice message from the wearer (Watch TK): someone at the desk should call back
        event(EventKind.ALARM, when, {"alarm": "voiceMessage", "audio": audio,
                                      "size": _opt_int(p.attributes.get("audioSize"))})

    if not out.events and p.outdated and not out.problems:
        event(EventKind.HB, when, {})
    return out


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
