"""Why an alarm was raised, as a stable code plus named parameters.

The kind says *what* ("Entered an exclusion zone"); the explanation says the
particulars an operator acts on: which zone, since when, which device, what
the breathalyser read. The core stays free of Qt and of the operator's
language: it stores ``{"code": ..., "params": {...}}`` in the alarm's
``details`` (JSON, so no migration) and keeps the English text here for logs
and the command line. Widgets translate the code's English source text
(``widgets/alarm_text.py``, context ``AlarmExplanation``) and fill in the
parameters, showing times in the desk time zone.

Times in ``params`` are ISO 8601 strings in UTC (JSON has no datetime); their
keys are listed in :data:`TIME_PARAMS` so that every renderer converts them.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from string import Formatter
from typing import Any
from zoneinfo import ZoneInfo

from arm.rules.conditions import Kind

#: Parameters that hold an aware UTC time as ISO text; renderers show them in the desk zone.
TIME_PARAMS = frozenset({"since"})
#: Parameters of where a position alarm (curfew, zones) happened: the fix and its distance from home in
#: metres. Not placeholders of the texts: renderers add :func:`place` after the text.
PLACE_PARAMS = frozenset({"lat", "lon", "home_m"})

#: English source text per explanation code (widgets translate these in the "AlarmExplanation" context).
TEXTS: dict[str, str] = {
    "curfew_out": "Away from home during curfew hours ({window}) since {since}",
    "curfew_out_always": "Away from home during curfew since {since}",
    "zone_entered": "Entered the exclusion zone “{zone}” at {since}",
    "zone_left": "Left the permitted zone “{zone}” at {since}",
    "strap_opened": "Bracelet strap of device {serial} opened at {since}",
    "case_opened": "Case of device {serial} opened at {since}",
    "unit_moved": "Home unit {serial} moved at {since}",
    "mains_lost": "Home unit {serial} on battery power since {since}",
    "no_communication": "No contact from device {serial} since {since} (allowed silence {minutes} min)",
    "battery_low": "Battery of device {serial} at {battery} % at {since}",
    "battery_low_reported": "Device {serial} reported a low battery at {since}",
    "device_shutdown": "Device {serial} switched off at {since}",
    "gnss_lost": "No satellite fix from device {serial} since {since}",
    "gnss_jamming": "Satellite signal of device {serial} jammed since {since}",
    "device_fault": "Device {serial} reported fault {code} at {since}",
    "alcohol_positive": "Breath alcohol {mg_l} mg/L at the test at {since}",
    "alcohol_refused": "Breath alcohol test refused at {since}",
    "alcohol_missed": "Breath alcohol test missed at {since}",
    "face_mismatch": "Face match {face_match} % at the alcohol test at {since}",
    "no_device": "No working device is issued (noticed at {since})",
    "never_reported": "The issued device has never reported (noticed at {since})",
    "bracelet_away": "Bracelet away from mobile unit {serial} since {since}",
    "sos": "SOS pressed on device {serial} at {since}",
    "device_alarm": "Device {serial} reported the alarm “{alarm}” at {since}",
}

#: code -> the named placeholders of its text (a stored explanation keeps only what its text shows)
_PLACEHOLDERS = {code: frozenset(name for _, name, _, _ in Formatter().parse(text) if name)
                 for code, text in TEXTS.items()}

_BY_KIND = {
    Kind.EXCLUSION_ZONE: "zone_entered", Kind.INCLUSION_ZONE: "zone_left",
    Kind.TAMPER_STRAP: "strap_opened", Kind.TAMPER_CASE: "case_opened", Kind.UNIT_MOVED: "unit_moved",
    Kind.MAINS_LOST: "mains_lost", Kind.NO_COMMUNICATION: "no_communication",
    Kind.DEVICE_SHUTDOWN: "device_shutdown", Kind.GNSS_LOST: "gnss_lost", Kind.GNSS_JAMMING: "gnss_jamming",
    Kind.DEVICE_FAULT: "device_fault", Kind.ALCOHOL_POSITIVE: "alcohol_positive",
    Kind.ALCOHOL_REFUSED: "alcohol_refused", Kind.ALCOHOL_MISSED: "alcohol_missed",
    Kind.FACE_MISMATCH: "face_mismatch", Kind.BRACELET_AWAY: "bracelet_away", Kind.SOS: "sos",
    Kind.DEVICE_ALARM: "device_alarm",
}


def _place_params(details: Mapping[str, Any], home: tuple[float, float] | None) -> dict[str, Any]:
    if details.get("lat") is None or details.get("lon") is None:
        return {}
    lat, lon = float(details["lat"]), float(details["lon"])
    out: dict[str, Any] = {"lat": round(lat, 6), "lon": round(lon, 6)}
    if home is not None:
        from arm.geo import distance_m

        out["home_m"] = round(distance_m(lat, lon, home[0], home[1]))
    return out


def build(kind: str, at: datetime, details: Mapping[str, Any], *, serial: str = "", zone: str = "",
          window: str = "", home: tuple[float, float] | None = None) -> dict[str, Any] | None:
    """The ``{"code", "params"}`` explanation of a condition that became active at ``at`` (aware).

    Curfew and zone alarms also keep where the fix was (``lat``, ``lon``) and how
    far from ``home`` (``home_m``), shown by :func:`place` after the text.
    """
    since = at.isoformat()
    params: dict[str, Any] = {"since": since}
    if kind == Kind.CURFEW:
        if window:
            return {"code": "curfew_out", "params": {"since": since, "window": window,
                                                     **_place_params(details, home)}}
        return {"code": "curfew_out_always", "params": {**params, **_place_params(details, home)}}
    if kind == Kind.NOT_MONITORED:
        reason = str(details.get("reason", ""))
        return {"code": reason, "params": params} if reason in TEXTS else None
    if kind == Kind.LOW_BATTERY:
        if details.get("battery") is not None:
            return {"code": "battery_low", "params": {**params, "serial": serial, "battery": int(details["battery"])}}
        return {"code": "battery_low_reported", "params": {**params, "serial": serial}}
    code = _BY_KIND.get(kind)
    if code is None:
        return None
    if kind in Kind.ZONES:
        params["zone"] = zone or f"#{details.get('zone_id', '?')}"
        return {"code": code, "params": {**params, **_place_params(details, home)}}
    params["serial"] = serial
    if kind == Kind.NO_COMMUNICATION:
        if details.get("last_contact"):
            params["since"] = str(details["last_contact"])
        params["minutes"] = max(1, round(int(details.get("allowed_s", 0)) / 60))
    elif kind == Kind.DEVICE_FAULT:
        params["code"] = str(details.get("code", "")) or "?"
    elif kind == Kind.ALCOHOL_POSITIVE:
        params["mg_l"] = details.get("mg_l") if details.get("mg_l") is not None else "?"
    elif kind == Kind.FACE_MISMATCH:
        params["face_match"] = details.get("face_match") if details.get("face_match") is not None else "?"
    elif kind == Kind.DEVICE_ALARM:
        params["alarm"] = str(details.get("alarm", "")) or "?"
    wanted = _PLACEHOLDERS[code]
    return {"code": code, "params": {k: v for k, v in params.items() if k in wanted}}


def local_time(value: Any, tz: ZoneInfo, today: datetime | None = None) -> str:
    """An ISO UTC time as desk-local ``HH:MM`` (``DD.MM HH:MM`` when not today); other values as text."""
    try:
        when = datetime.fromisoformat(str(value))
    except ValueError:
        return str(value)
    if when.tzinfo is None:
        return str(value)
    local = when.astimezone(tz)
    if today is not None and local.date() != today.astimezone(tz).date():
        return local.strftime("%d.%m %H:%M")
    return local.strftime("%H:%M")


def render(template: str, params: Mapping[str, Any], tz: ZoneInfo, today: datetime | None = None) -> str:
    """Fill ``template``'s named placeholders; times in ``tz``; a missing parameter is left empty."""
    values = _Blank({k: local_time(v, tz, today) if k in TIME_PARAMS else v for k, v in params.items()})
    return template.format_map(values)


def place(params: Mapping[str, Any], lang: str = "en") -> str:
    """Where a position alarm happened: ``"2.4 km from home, near улица Абая 45, Астана"``, or "".

    The address comes from the imported OSM extract (:func:`arm.geo.place_text`)
    at the time of reading, in the reader's language; without an import only
    the distance from home is given.
    """
    if params.get("lat") is None or params.get("lon") is None:
        return ""
    from arm.geo import place_text

    home_m = params.get("home_m")
    return place_text(float(params["lat"]), float(params["lon"]),
                      float(home_m) if home_m is not None else None, lang)


def text(explanation: Mapping[str, Any] | None, tz: ZoneInfo, today: datetime | None = None) -> str:
    """The English explanation (logs, CLI); "" for none or an unknown code."""
    if not explanation or explanation.get("code") not in TEXTS:
        return ""
    params = explanation.get("params") or {}
    where = place(params, "en")
    return render(TEXTS[str(explanation["code"])], params, tz, today) + (f"; {where}" if where else "")


class _Blank(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return ""
