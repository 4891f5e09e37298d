"""Translated names for the alarm codes the core uses (kinds, priorities, states, errors).

The core keeps stable codes and English source text; this module is where
they become the operator's language. The strings are marked with
``QT_TRANSLATE_NOOP`` so lupdate finds them, and translated at call time.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

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
}

CAUSES = {
    "device_discharged": QT_TRANSLATE_NOOP("IncidentCause", "Battery falling, then silence, then no fix: device discharged"),
    "device_power": QT_TRANSLATE_NOOP("IncidentCause", "Device power and communication problems"),
    "tamper": QT_TRANSLATE_NOOP("IncidentCause", "Device tampering"),
    "alcohol_test": QT_TRANSLATE_NOOP("IncidentCause", "Breath alcohol test problems"),
    "zone_edge": QT_TRANSLATE_NOOP("IncidentCause", "Repeated exits at the edge of a zone"),
}


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
    source = ERRORS.get(code)
    return QCoreApplication.translate("AlarmError", source) if source else (fallback or code)


def incident_text(cause: str, explanation: str) -> str:
    """An incident's one line in the operator's language (explanation kept for zone counts)."""
    if explanation.startswith("Repeated exits at the edge of a zone"):
        digits = "".join(ch for ch in explanation if ch.isdigit())
        text = QCoreApplication.translate("IncidentCause", CAUSES["zone_edge"])
        if digits:
            text += " " + QCoreApplication.translate("IncidentCause", "({count} times)").format(count=int(digits))
        return text
    if cause in CAUSES:
        return QCoreApplication.translate("IncidentCause", CAUSES[cause])
    return explanation
