"""Device events in words for the operator: "Заряд 100 %, заряжается, сигнал -68 дБм", not "battery=100, charging=True".

The core keeps event kinds and fields as the device sent them (codes and
numbers, ``arm/events.py``); the alarm detail pane and the person card show
them through these functions, in the screen's language.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from widgets.alarm_text import device_alarm_text

KINDS = {
    "HB": QT_TRANSLATE_NOOP("DeviceEvent", "Heartbeat"),
    "POS": QT_TRANSLATE_NOOP("DeviceEvent", "Position"),
    "STAT": QT_TRANSLATE_NOOP("DeviceEvent", "Status"),
    "TAMPER": QT_TRANSLATE_NOOP("DeviceEvent", "Tamper"),
    "PRESENCE": QT_TRANSLATE_NOOP("DeviceEvent", "Bracelet presence"),
    "POWER": QT_TRANSLATE_NOOP("DeviceEvent", "Power"),
    "MOVED": QT_TRANSLATE_NOOP("DeviceEvent", "Unit moved"),
    "GNSS": QT_TRANSLATE_NOOP("DeviceEvent", "Satellite fix"),
    "BAC": QT_TRANSLATE_NOOP("DeviceEvent", "Alcohol test"),
    "BEACON": QT_TRANSLATE_NOOP("DeviceEvent", "Bracelet beacon"),
    "FAULT": QT_TRANSLATE_NOOP("DeviceEvent", "Fault"),
    "ALARM": QT_TRANSLATE_NOOP("DeviceEvent", "Device alarm"),
    "LOGIN": QT_TRANSLATE_NOOP("DeviceEvent", "Connected"),
}

STATES = {
    ("TAMPER", "STRAP", "OPEN"): QT_TRANSLATE_NOOP("DeviceEvent", "strap opened"),
    ("TAMPER", "STRAP", "RESTORED"): QT_TRANSLATE_NOOP("DeviceEvent", "strap closed"),
    ("TAMPER", "CASE", "OPEN"): QT_TRANSLATE_NOOP("DeviceEvent", "case opened"),
    ("TAMPER", "CASE", "RESTORED"): QT_TRANSLATE_NOOP("DeviceEvent", "case closed"),
    ("PRESENCE", "", "IN"): QT_TRANSLATE_NOOP("DeviceEvent", "bracelet within range"),
    ("PRESENCE", "", "OUT"): QT_TRANSLATE_NOOP("DeviceEvent", "bracelet out of range"),
    ("POWER", "", "MAINS_LOST"): QT_TRANSLATE_NOOP("DeviceEvent", "mains power lost"),
    ("POWER", "", "MAINS_RESTORED"): QT_TRANSLATE_NOOP("DeviceEvent", "mains power restored"),
    ("POWER", "", "LOW_BATTERY"): QT_TRANSLATE_NOOP("DeviceEvent", "battery low"),
    ("POWER", "", "SHUTDOWN"): QT_TRANSLATE_NOOP("DeviceEvent", "switched off"),
    ("GNSS", "", "LOST"): QT_TRANSLATE_NOOP("DeviceEvent", "fix lost"),
    ("GNSS", "", "RESTORED"): QT_TRANSLATE_NOOP("DeviceEvent", "fix restored"),
    ("GNSS", "", "JAMMING"): QT_TRANSLATE_NOOP("DeviceEvent", "signal jammed"),
    ("BAC", "", "PASS"): QT_TRANSLATE_NOOP("DeviceEvent", "passed"),
    ("BAC", "", "FAIL"): QT_TRANSLATE_NOOP("DeviceEvent", "failed"),
    ("BAC", "", "REFUSED"): QT_TRANSLATE_NOOP("DeviceEvent", "refused"),
    ("BAC", "", "NO_SHOW"): QT_TRANSLATE_NOOP("DeviceEvent", "missed"),
}

#: the field phrases :func:`fields_text` builds (listed so lupdate finds them; translated in _tr)
FIELD_PHRASES = (
    QT_TRANSLATE_NOOP("DeviceEvent", "Battery {battery} %"), QT_TRANSLATE_NOOP("DeviceEvent", "charging"),
    QT_TRANSLATE_NOOP("DeviceEvent", "not charging"), QT_TRANSLATE_NOOP("DeviceEvent", "signal {rssi} dBm"),
    QT_TRANSLATE_NOOP("DeviceEvent", "no fix"), QT_TRANSLATE_NOOP("DeviceEvent", "{count} satellites"),
    QT_TRANSLATE_NOOP("DeviceEvent", "{speed:.0f} km/h"), QT_TRANSLATE_NOOP("DeviceEvent", "{mg_l} mg/L"),
    QT_TRANSLATE_NOOP("DeviceEvent", "face match {percent} %"), QT_TRANSLATE_NOOP("DeviceEvent", "code {code}"),
    QT_TRANSLATE_NOOP("DeviceEvent", "bracelet {serial}"), QT_TRANSLATE_NOOP("DeviceEvent", "{temperature} °C"),
)


def _tr(source: str) -> str:
    return QCoreApplication.translate("DeviceEvent", source)


def kind_text(kind: str) -> str:
    """An event kind in words ("HB" -> "Heartbeat"); an unknown kind as sent."""
    source = KINDS.get(kind)
    return _tr(source) if source else kind


def _state(kind: str, part: str, state: str) -> str:
    source = STATES.get((kind, part, state))
    return _tr(source) if source else state.replace("_", " ").lower()


def fields_text(kind: str, fields: Mapping[str, Any]) -> str:
    """An event's fields in one short line of words."""
    f = dict(fields or {})
    parts: list[str] = []
    if kind == "POS":
        if f.get("lat") is None:
            return _tr("no fix")
        parts.append(f"{float(f['lat']):.5f}, {float(f.get('lon') or 0.0):.5f}")
        if f.get("sats") is not None:
            parts.append(_tr("{count} satellites").format(count=f["sats"]))
        if f.get("speed_kmh"):
            parts.append(_tr("{speed:.0f} km/h").format(speed=float(f["speed_kmh"])))
        return ", ".join(parts)
    if "battery" in f and f["battery"] is not None:
        parts.append(_tr("Battery {battery} %").format(battery=f["battery"]))
    if kind == "STAT" and "charging" in f:
        parts.append(_tr("charging") if f["charging"] else _tr("not charging"))
    if kind == "TAMPER":
        parts.append(_state(kind, str(f.get("part", "")), str(f.get("state", ""))))
    elif "state" in f:
        parts.append(_state(kind, "", str(f["state"])))
    if kind == "BAC":
        parts.append(_state(kind, "", str(f.get("result", ""))))
        if f.get("mg_l") is not None:
            parts.append(_tr("{mg_l} mg/L").format(mg_l=f["mg_l"]))
        if f.get("face_match") is not None:
            parts.append(_tr("face match {percent} %").format(percent=f["face_match"]))
    if kind == "FAULT":
        parts.append(_tr("code {code}").format(code=f.get("code", "?")) + (f": {f['text']}" if f.get("text") else ""))
    if kind == "ALARM" and f.get("alarm"):
        parts.append(device_alarm_text(str(f["alarm"])))
    if f.get("bracelet"):
        parts.append(_tr("bracelet {serial}").format(serial=f["bracelet"]))
    if f.get("rssi") is not None:
        parts.append(_tr("signal {rssi} dBm").format(rssi=f["rssi"]))
    if f.get("temperature") is not None:
        parts.append(_tr("{temperature} °C").format(temperature=f["temperature"]))
    if parts:
        parts[0] = parts[0][:1].upper() + parts[0][1:]
    return ", ".join(p for p in parts if p)
