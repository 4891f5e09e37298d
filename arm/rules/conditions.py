"""What the rules engine reports: a condition of one person turned on or off.

The engine never writes alarms itself. It says "condition X of person P is now
active (or has returned to normal)" and the alarm manager decides what that
means for the ISA-18.2 lifecycle (raise, re-activate, return, group). Kinds
are stable codes; ``message`` is English source text that widgets translate by
kind, so the core stays free of Qt.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


class Kind:
    """Stable condition/alarm kind codes (also used as keys of the priority table)."""

    CURFEW = "curfew"
    EXCLUSION_ZONE = "exclusion_zone"
    INCLUSION_ZONE = "inclusion_zone"
    TAMPER_STRAP = "tamper_strap"
    TAMPER_CASE = "tamper_case"
    UNIT_MOVED = "unit_moved"
    MAINS_LOST = "mains_lost"
    NO_COMMUNICATION = "no_communication"
    LOW_BATTERY = "low_battery"
    DEVICE_SHUTDOWN = "device_shutdown"
    GNSS_LOST = "gnss_lost"
    GNSS_JAMMING = "gnss_jamming"
    DEVICE_FAULT = "device_fault"
    ALCOHOL_POSITIVE = "alcohol_positive"
    ALCOHOL_REFUSED = "alcohol_refused"
    ALCOHOL_MISSED = "alcohol_missed"
    FACE_MISMATCH = "face_mismatch"
    NOT_MONITORED = "not_monitored"
    BRACELET_AWAY = "bracelet_away"
    SOS = "sos"
    DEVICE_ALARM = "device_alarm"

    TAMPER = frozenset({TAMPER_STRAP, TAMPER_CASE})
    ZONES = frozenset({EXCLUSION_ZONE, INCLUSION_ZONE})


#: English source text per kind (widgets translate these in the "AlarmKind" context).
MESSAGES: dict[str, str] = {
    Kind.CURFEW: "Away from home during curfew hours",
    Kind.EXCLUSION_ZONE: "Entered an exclusion zone",
    Kind.INCLUSION_ZONE: "Left the permitted area",
    Kind.TAMPER_STRAP: "Bracelet strap opened",
    Kind.TAMPER_CASE: "Device case opened",
    Kind.UNIT_MOVED: "Home unit moved",
    Kind.MAINS_LOST: "Home unit off mains power",
    Kind.NO_COMMUNICATION: "No communication from the device",
    Kind.LOW_BATTERY: "Low battery",
    Kind.DEVICE_SHUTDOWN: "Device switched off",
    Kind.GNSS_LOST: "No satellite fix",
    Kind.GNSS_JAMMING: "Satellite signal jammed",
    Kind.DEVICE_FAULT: "Device fault",
    Kind.ALCOHOL_POSITIVE: "Breath alcohol test failed",
    Kind.ALCOHOL_REFUSED: "Breath alcohol test refused",
    Kind.ALCOHOL_MISSED: "Breath alcohol test missed",
    Kind.FACE_MISMATCH: "Face did not match at the alcohol test",
    Kind.NOT_MONITORED: "Under supervision but not monitored",
    Kind.BRACELET_AWAY: "Bracelet away from the mobile unit",
    Kind.SOS: "SOS pressed on the device",
    Kind.DEVICE_ALARM: "Alarm reported by the device",
}


@dataclass(frozen=True, slots=True)
class ConditionChange:
    """A condition of one person (or device) became active or returned to normal.

    ``ref`` tells conditions of the same kind apart: the restriction id for a
    zone or curfew, the device id for device conditions. ``momentary`` marks a
    condition that has no "normal" to return to (a failed alcohol test, a
    moved unit): the alarm is raised and at once returned, waiting for the
    operator.
    """

    kind: str
    person_id: int | None
    device_id: int | None
    ref: str
    active: bool
    at: datetime
    momentary: bool = False
    event_id: int | None = None
    message: str = ""
    details: dict[str, Any] = field(default_factory=dict)

    @property
    def key(self) -> str:
        """The identity of the condition: one open alarm per key at most."""
        return f"{self.person_id}:{self.kind}:{self.ref}"

    def text(self) -> str:
        return self.message or MESSAGES.get(self.kind, self.kind)
