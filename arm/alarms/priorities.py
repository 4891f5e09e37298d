"""Alarm priority by kind (ISA-18.2: priority follows consequence and time to respond).

Critical: someone may be in danger now (strap cut, entering a victim's zone,
SOS). High: a court restriction is being broken or monitoring is blind.
Medium: the device needs attention soon. Low: maintenance. The table is
configuration: a centre may override any entry (``alarm_priority_<kind>``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from arm.rules.conditions import Kind
from db.models import AlarmPriority

DEFAULT_PRIORITIES: dict[str, AlarmPriority] = {
    Kind.TAMPER_STRAP: AlarmPriority.CRITICAL,
    Kind.TAMPER_CASE: AlarmPriority.CRITICAL,
    Kind.EXCLUSION_ZONE: AlarmPriority.CRITICAL,
    Kind.SOS: AlarmPriority.CRITICAL,
    Kind.CURFEW: AlarmPriority.HIGH,
    Kind.INCLUSION_ZONE: AlarmPriority.HIGH,
    Kind.NO_COMMUNICATION: AlarmPriority.HIGH,
    Kind.GNSS_JAMMING: AlarmPriority.HIGH,
    Kind.UNIT_MOVED: AlarmPriority.HIGH,
    Kind.ALCOHOL_POSITIVE: AlarmPriority.HIGH,
    Kind.ALCOHOL_REFUSED: AlarmPriority.HIGH,
    Kind.FACE_MISMATCH: AlarmPriority.HIGH,
    Kind.NOT_MONITORED: AlarmPriority.HIGH,
    Kind.BRACELET_AWAY: AlarmPriority.HIGH,
    Kind.ALCOHOL_MISSED: AlarmPriority.MEDIUM,
    Kind.GNSS_LOST: AlarmPriority.MEDIUM,
    Kind.MAINS_LOST: AlarmPriority.MEDIUM,
    Kind.DEVICE_SHUTDOWN: AlarmPriority.MEDIUM,
    Kind.DEVICE_FAULT: AlarmPriority.MEDIUM,
    Kind.DEVICE_ALARM: AlarmPriority.MEDIUM,
    Kind.LOW_BATTERY: AlarmPriority.LOW,
}

#: Sort rank: lower is more severe.
RANK: dict[str, int] = {
    AlarmPriority.CRITICAL: 0,
    AlarmPriority.HIGH: 1,
    AlarmPriority.MEDIUM: 2,
    AlarmPriority.LOW: 3,
}


def priority_table(options: Mapping[str, Any] | None = None) -> dict[str, AlarmPriority]:
    """The default table with ``alarm_priority_<kind>`` overrides applied (bad values raise)."""
    table = dict(DEFAULT_PRIORITIES)
    for key, value in (options or {}).items():
        if key.startswith("alarm_priority_") and value:
            table[key[len("alarm_priority_"):]] = AlarmPriority(str(value).lower())
    return table
