"""Translated names for the alarm codes the core uses (kinds, priorities, states, errors).

The core keeps stable codes and English source text; this module is where
they become the operator's language. The strings are marked with
``QT_TRANSLATE_NOOP`` so lupdate finds them, and translated at call time.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from arm import messages
from arm.rules.explain import place, render
from widgets.context import DEFAULT_TIMEZONE
from widgets.i18n import current_language

KINDS = {
    "curfew": QT_TRANSLATE_NOOP("AlarmKind", "Away from home during curfew hours"),
    "exclusion_zone": QT_TRANSLATE_NOOP("AlarmKind", "Entered an exclusion zone"),
    "inclusion_zone": QT_TRANSLATE_NOOP("AlarmKind", "Left the permitted area"),
    "tamper_strap": QT_TRANSLATE_NOOP("AlarmKind", "Bracelet strap opened"),
    "tamper_case": QT_TRANSLATE_NOOP("AlarmKind", "Device case opened"),
    "unit_moved": QT_TRANSLATE_NOOP("AlarmKind", "Home unit moved"),
    "mains_lost": QT_TRANSLATE_NOOP("AlarmKind", "Home unit off mains power"),
    "no_communication": QT_TRANSLATE_NOOP("AlarmKind", "No communication from the device"),
    "low_battery": QT_TRANSLATE_NOOP("AlarmKind", "Low battery"),
    "device_shutdown": QT_TRANSLATE_NOOP("AlarmKind", "Device switched off"),
    "gnss_lost": QT_TRANSLATE_NOOP("AlarmKind", "No satellite fix"),
    "gnss_jamming": QT_TRANSLATE_NOOP("AlarmKind", "Satellite signal jammed"),
    "device_fault": QT_TRANSLATE_NOOP("AlarmKind", "Device fault"),
    "alcohol_positive": QT_TRANSLATE_NOOP("AlarmKind", "Breath alcohol test failed"),
    "alcohol_refused": QT_TRANSLATE_NOOP("AlarmKind", "Breath alcohol test refused"),
    "alcohol_missed": QT_TRANSLATE_NOOP("AlarmKind", "Breath alcohol test missed"),
    "face_mismatch": QT_TRANSLATE_NOOP("AlarmKind", "Face did not match at the alcohol test"),
    "not_monitored": QT_TRANSLATE_NOOP("AlarmKind", "Under supervision but not monitored"),
    "bracelet_away": QT_TRANSLATE_NOOP("AlarmKind", "Bracelet away from the mobile unit"),
    "sos": QT_TRANSLATE_NOOP("AlarmKind", "SOS pressed on the device"),
    "device_alarm": QT_TRANSLATE_NOOP("AlarmKind", "Alarm reported by the device"),
}

PRIORITIES = {
    "critical": QT_TRANSLATE_NOOP("AlarmPriority", "Critical"),
    "high": QT_TRANSLATE_NOOP("AlarmPriority", "High"),
    "medium": QT_TRANSLATE_NOOP("AlarmPriority", "Medium"),
    "low": QT_TRANSLATE_NOOP("AlarmPriority", "Low"),
}

STATES = {
    "active": QT_TRANSLATE_NOOP("AlarmState", "Active"),
    "returned": QT_TRANSLATE_NOOP("AlarmState", "Returned to normal"),
    "shelved": QT_TRANSLATE_NOOP("AlarmState", "Shelved"),
    "closed": QT_TRANSLATE_NOOP("AlarmState", "Closed"),
}

ACTIONS = {
    "raised": QT_TRANSLATE_NOOP("AlarmAction", "Raised"),
    "returned": QT_TRANSLATE_NOOP("AlarmAction", "Returned to normal"),
    "reactivated": QT_TRANSLATE_NOOP("AlarmAction", "Active again"),
    "acknowledged": QT_TRANSLATE_NOOP("AlarmAction", "Acknowledged"),
    "note": QT_TRANSLATE_NOOP("AlarmAction", "Note"),
    "called_person": QT_TRANSLATE_NOOP("AlarmAction", "Called the person"),
    "informed_officer": QT_TRANSLATE_NOOP("AlarmAction", "Informed the probation officer"),
    "patrol_sent": QT_TRANSLATE_NOOP("AlarmAction", "Patrol sent"),
    "shelved": QT_TRANSLATE_NOOP("AlarmAction", "Shelved"),
    "unshelved": QT_TRANSLATE_NOOP("AlarmAction", "Unshelved"),
    "escalated": QT_TRANSLATE_NOOP("AlarmAction", "Escalated to the supervisor"),
    "closed": QT_TRANSLATE_NOOP("AlarmAction", "Closed"),
}

RESOLUTIONS = {
    "confirmed_violation": QT_TRANSLATE_NOOP("AlarmResolution", "Confirmed violation"),
    "false_alarm": QT_TRANSLATE_NOOP("AlarmResolution", "False alarm"),
    "technical_fault": QT_TRANSLATE_NOOP("AlarmResolution", "Technical fault"),
}

ERRORS = {
    "already_acknowledged": QT_TRANSLATE_NOOP("AlarmError", "The alarm is already acknowledged."),
    "note_required": QT_TRANSLATE_NOOP("AlarmError", "A tamper alarm cannot be closed without a note."),
    "note_empty": QT_TRANSLATE_NOOP("AlarmError", "Write the note first."),
    "reason_required": QT_TRANSLATE_NOOP("AlarmError", "Give a reason."),
    "shelve_too_long": QT_TRANSLATE_NOOP("AlarmError", "The alarm cannot be shelved for that long."),
    "not_shelvable": QT_TRANSLATE_NOOP("AlarmError", "This kind of alarm cannot be shelved."),
    "already_shelved": QT_TRANSLATE_NOOP("AlarmError", "The alarm is already shelved."),
    "not_shelved": QT_TRANSLATE_NOOP("AlarmError", "The alarm is not shelved."),
    "closed": QT_TRANSLATE_NOOP("AlarmError", "The alarm is already closed."),
    "not_found": QT_TRANSLATE_NOOP("AlarmError", "The alarm no longer exists."),
    "no_person": QT_TRANSLATE_NOOP("AlarmError", "The alarm concerns no person."),
    "stopped": QT_TRANSLATE_NOOP("AlarmError", "The alarm service has stopped."),
    "still_active": QT_TRANSLATE_NOOP("AlarmError", "This alarm closes only once the condition is fixed."),
    "reason_required_for_violation": QT_TRANSLATE_NOOP(
        "AlarmError", "A technical alarm is a confirmed violation only with a reason: write it in the note."),
    "reported_to_required": QT_TRANSLATE_NOOP("AlarmError", "Name whom the violation was reported to."),
    # refusals of arm.access (AccessDenied); any other ``denied.*`` code reads as "denied"
    "denied": QT_TRANSLATE_NOOP("AlarmError", "Your role may not do this."),
    "denied.district": QT_TRANSLATE_NOOP("AlarmError", "This alarm concerns a person of another district."),
    "denied.disabled_user": QT_TRANSLATE_NOOP("AlarmError", "Your account is disabled; ask the administrator."),
    "denied.unknown_user": QT_TRANSLATE_NOOP("AlarmError", "Your account no longer exists; ask the administrator."),
    "denied.not_authenticated": QT_TRANSLATE_NOOP("AlarmError", "Log in first."),
}

CAUSES = {
    "device_discharged": QT_TRANSLATE_NOOP("IncidentCause", "Battery falling, then silence, then no fix: device discharged"),
    "device_power": QT_TRANSLATE_NOOP("IncidentCause", "Device power and communication problems"),
    "tamper": QT_TRANSLATE_NOOP("IncidentCause", "Device tampering"),
    "alcohol_test": QT_TRANSLATE_NOOP("IncidentCause", "Breath alcohol test problems"),
    "zone_edge": QT_TRANSLATE_NOOP("IncidentCause", "Repeated exits at the edge of a zone"),
}

#: Why an alarm was raised (codes and English source of ``arm.rules.explain.TEXTS``, kept identical by a test).
#: Placeholders are named; ``{since}`` is shown in the desk time zone.
EXPLANATIONS = {
    "curfew_out": QT_TRANSLATE_NOOP("AlarmExplanation", "Away from home during curfew hours ({window}) since {since}"),
    "curfew_out_always": QT_TRANSLATE_NOOP("AlarmExplanation", "Away from home during curfew since {since}"),
    "zone_entered": QT_TRANSLATE_NOOP("AlarmExplanation", "Entered the exclusion zone “{zone}” at {since}"),
    "zone_left": QT_TRANSLATE_NOOP("AlarmExplanation", "Left the permitted zone “{zone}” at {since}"),
    "strap_opened": QT_TRANSLATE_NOOP("AlarmExplanation", "Bracelet strap of device {serial} opened at {since}"),
    "case_opened": QT_TRANSLATE_NOOP("AlarmExplanation", "Case of device {serial} opened at {since}"),
    "unit_moved": QT_TRANSLATE_NOOP("AlarmExplanation", "Home unit {serial} moved at {since}"),
    "mains_lost": QT_TRANSLATE_NOOP("AlarmExplanation", "Home unit {serial} on battery power since {since}"),
    "no_communication": QT_TRANSLATE_NOOP(
        "AlarmExplanation", "No contact from device {serial} since {since} (allowed silence {minutes} min)"),
    "battery_low": QT_TRANSLATE_NOOP("AlarmExplanation", "Battery of device {serial} at {battery} % at {since}"),
    "battery_low_reported": QT_TRANSLATE_NOOP("AlarmExplanation", "Device {serial} reported a low battery at {since}"),
    "device_shutdown": QT_TRANSLATE_NOOP("AlarmExplanation", "Device {serial} switched off at {since}"),
    "gnss_lost": QT_TRANSLATE_NOOP("AlarmExplanation", "No satellite fix from device {serial} since {since}"),
    "gnss_jamming": QT_TRANSLATE_NOOP("AlarmExplanation", "Satellite signal of device {serial} jammed since {since}"),
    "device_fault": QT_TRANSLATE_NOOP("AlarmExplanation", "Device {serial} reported fault {code} at {since}"),
    "alcohol_positive": QT_TRANSLATE_NOOP("AlarmExplanation", "Breath alcohol {mg_l} mg/L at the test at {since}"),
    "alcohol_refused": QT_TRANSLATE_NOOP("AlarmExplanation", "Breath alcohol test refused at {since}"),
    "alcohol_missed": QT_TRANSLATE_NOOP("AlarmExplanation", "Breath alcohol test missed at {since}"),
    "face_mismatch": QT_TRANSLATE_NOOP("AlarmExplanation", "Face match {face_match} % at the alcohol test at {since}"),
    "no_device": QT_TRANSLATE_NOOP("AlarmExplanation", "No working device is issued (noticed at {since})"),
    "never_reported": QT_TRANSLATE_NOOP("AlarmExplanation", "The issued device has never reported (noticed at {since})"),
    "bracelet_away": QT_TRANSLATE_NOOP("AlarmExplanation", "Bracelet away from mobile unit {serial} since {since}"),
    "sos": QT_TRANSLATE_NOOP("AlarmExplanation", "SOS pressed on device {serial} at {since}"),
    "device_alarm": QT_TRANSLATE_NOOP("AlarmExplanation", "Device {serial} reported the alarm “{alarm}” at {since}"),
}

#: Notes the alarm service writes itself into the history ("30 min: reason" on shelving).
SYSTEM_NOTES = {
    "shelved": QT_TRANSLATE_NOOP("AlarmNote", "{minutes} min: {reason}"),
}


def stored_text(stored: str | None) -> str:
    """A text the core stored as a code (``arm.messages``) in the screen's language; typed text as typed."""
    return messages.render(stored, current_language())


def _t(context: str, table: dict[str, str], code: str | None) -> str:
    if not code:
        return ""
    source = table.get(code)
    return QCoreApplication.translate(context, source) if source else code


def kind_text(code: str) -> str:
    return _t("AlarmKind", KINDS, code)


def priority_text(code: str) -> str:
    return _t("AlarmPriority", PRIORITIES, code)


def state_text(code: str) -> str:
    return _t("AlarmState", STATES, code)


def action_text(code: str) -> str:
    return _t("AlarmAction", ACTIONS, code)


def resolution_text(code: str | None) -> str:
    return _t("AlarmResolution", RESOLUTIONS, code)


def error_text(code: str, fallback: str = "") -> str:
    source = ERRORS.get(code) or (ERRORS["denied"] if code.startswith("denied.") else None)
    return QCoreApplication.translate("AlarmError", source) if source else (fallback or code)


#: Alarm names network trackers report (Traccar's ``Position.ALARM_*``, plus ARM's
#: ``voiceMessage``) that stay device alarms; shown to the operator in words, never as the code.
DEVICE_ALARMS: dict[str, str] = {
    "general": QT_TRANSLATE_NOOP("DeviceAlarm", "general alarm"),
    "sos": QT_TRANSLATE_NOOP("DeviceAlarm", "SOS"),
    "voiceMessage": QT_TRANSLATE_NOOP("DeviceAlarm", "voice message"),
    "fallDown": QT_TRANSLATE_NOOP("DeviceAlarm", "fall detected"),
    "vibration": QT_TRANSLATE_NOOP("DeviceAlarm", "vibration"),
    "movement": QT_TRANSLATE_NOOP("DeviceAlarm", "movement"),
    "overspeed": QT_TRANSLATE_NOOP("DeviceAlarm", "speeding"),
    "lowspeed": QT_TRANSLATE_NOOP("DeviceAlarm", "low speed"),
    "geofence": QT_TRANSLATE_NOOP("DeviceAlarm", "device geofence"),
    "geofenceEnter": QT_TRANSLATE_NOOP("DeviceAlarm", "entered a device geofence"),
    "geofenceExit": QT_TRANSLATE_NOOP("DeviceAlarm", "left a device geofence"),
    "gpsAntennaCut": QT_TRANSLATE_NOOP("DeviceAlarm", "GNSS antenna cut"),
    "powerOn": QT_TRANSLATE_NOOP("DeviceAlarm", "switched on"),
    "fault": QT_TRANSLATE_NOOP("DeviceAlarm", "device fault"),
    "door": QT_TRANSLATE_NOOP("DeviceAlarm", "door opened"),
    "accident": QT_TRANSLATE_NOOP("DeviceAlarm", "accident"),
    "tow": QT_TRANSLATE_NOOP("DeviceAlarm", "towing"),
    "idle": QT_TRANSLATE_NOOP("DeviceAlarm", "idling"),
    "parking": QT_TRANSLATE_NOOP("DeviceAlarm", "parking"),
    "temperature": QT_TRANSLATE_NOOP("DeviceAlarm", "temperature"),
    "hardAcceleration": QT_TRANSLATE_NOOP("DeviceAlarm", "hard acceleration"),
    "hardBraking": QT_TRANSLATE_NOOP("DeviceAlarm", "hard braking"),
    "hardCornering": QT_TRANSLATE_NOOP("DeviceAlarm", "hard cornering"),
}


def device_alarm_text(name: str) -> str:
    """A device's own alarm name in the operator's language (an unknown name is shown as sent)."""
    source = DEVICE_ALARMS.get(name)
    return QCoreApplication.translate("DeviceAlarm", source) if source else name


def explanation_text(code: str, params: Iterable[tuple[str, Any]] | Mapping[str, Any], tz: ZoneInfo | None = None,
                     today: datetime | None = None) -> str:
    """Why an alarm was raised, in the operator's language; times in ``tz`` (the desk zone).

    An unknown or empty code gives "" (a raw code is never shown). A
    translation that names a placeholder the code does not have falls back
    to the English source rather than failing the whole pane.
    """
    source = EXPLANATIONS.get(code or "")
    if source is None:
        return ""
    values = dict(params.items() if isinstance(params, Mapping) else params)
    if isinstance(values.get("alarm"), str):
        values["alarm"] = device_alarm_text(values["alarm"])
    zone = tz or ZoneInfo(DEFAULT_TIMEZONE)
    # where a curfew/zone alarm happened ("2,4 км от дома, рядом: улица Абая 45"), arm.rules.explain.place
    where = place(values, current_language())
    try:
        text = render(QCoreApplication.translate("AlarmExplanation", source), values, zone, today)
    except (IndexError, ValueError, AttributeError):
        text = render(source, values, zone, today)
    return f"{text}; {where}" if where else text


def view_explanation(view: Any, tz: ZoneInfo | None = None, today: datetime | None = None) -> str:
    """:func:`explanation_text` of an ``AlarmView`` (alarms raised before explanations existed give "")."""
    return explanation_text(getattr(view, "explanation_code", ""), getattr(view, "explanation_params", ()), tz, today)


def action_note_text(user: str, action: str, note: str) -> str:
    """A history note in the operator's language when the alarm service wrote it.

    The stored note stays as written (English kind text on "raised", ``"30 min: why"``
    on "shelved", ``"false_alarm: note"`` on "closed"); only the display is translated.
    """
    if action in ("raised", "reactivated", "returned") and user == "system":
        by_source = {source: code for code, source in KINDS.items()}
        return kind_text(by_source[note]) if note in by_source else note
    if action == "shelved":
        minutes, sep, reason = note.partition(" min: ")
        if sep and minutes.isdigit():
            return QCoreApplication.translate("AlarmNote", SYSTEM_NOTES["shelved"]).format(
                minutes=int(minutes), reason=reason)
    if action == "closed":
        code, sep, rest = note.partition(": ")
        if code in RESOLUTIONS:
            return resolution_text(code) + (": " + rest if sep else "")
    return note


def incident_text(cause: str, explanation: str) -> str:
    """An incident's one line in the operator's language (explanation kept for zone counts).

    Views that carry only the stored English explanation (no cause) are
    matched back to their cause code, so they are translated as well.
    """
    if not cause:
        cause = next((code for code, source in CAUSES.items() if explanation == source), "")
    if explanation.startswith("Repeated exits at the edge of a zone"):
        digits = "".join(ch for ch in explanation if ch.isdigit())
        text = QCoreApplication.translate("IncidentCause", CAUSES["zone_edge"])
        if digits:
            text += " " + QCoreApplication.translate("IncidentCause", "({count} times)").format(count=int(digits))
        return text
    if cause in CAUSES:
        return QCoreApplication.translate("IncidentCause", CAUSES[cause])
    return explanation
