"""Is a device talking to us, and is it reporting a fault? One answer for every display.

Before this module, "no contact" had three definitions: the rules engine raised
``no_communication`` after ``heartbeat_s × 2 + 60 s``, the device table called a
device stale after ``heartbeat_s × 2 + 30 s`` and the map drew "no communication"
after a fixed 15 minutes. So the table could say online while the map said no
communication, and neither matched the alarm. The rules engine's definition is
the one that raises alarms (the legal one), so it is the one kept here, and the
rules engine, the map (:mod:`maps.live`), the device table
(:mod:`widgets.device_status`) and the status bar (:mod:`widgets.status_bar`)
all ask this module.

Contact: a device never heard is :attr:`ContactState.NEVER` (the rules raise
``not_monitored`` for it, not ``no_communication``); a device heard within
``allowed_silence`` is :attr:`ContactState.ONLINE`; one silent for longer than
that is :attr:`ContactState.STALE`, exactly when the rules engine's
``no_communication`` condition is active.

Faults: the battery verdict with the rules' threshold and hysteresis, and which
device events set or clear the map's "fault" marker (held for ``fault_hold``).

The thresholds live in one place, :class:`HealthThresholds`;
:class:`arm.rules.config.RulesConfig` takes its defaults from it and hands the
engine its own copy through ``RulesConfig.health``. Pure Python, no Qt.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from arm.events import EventKind, GnssState, PowerState

#: heartbeat assumed for a device whose record has none (the ICD's HB_S default)
DEFAULT_HEARTBEAT_S = 300


class ContactState(StrEnum):
    """Contact state of one device; the values are the words the device table has always used."""

    ONLINE = "online"
    #: silent for longer than allowed: the rules engine's ``no_communication`` is active
    STALE = "stale"
    #: never heard since it was registered
    NEVER = "never"


@dataclass(frozen=True, slots=True)
class HealthThresholds:
    """The numbers behind contact and fault states, with why they are what they are."""

    #: silence allowed = heartbeat_s * factor + grace: two missed heartbeats and a margin
    silence_factor: float = 2.0
    silence_grace_s: int = 60
    #: battery at or below this (and not charging) is low
    low_battery_pct: int = 15
    #: battery must climb this far above the threshold before "low battery" returns to normal
    battery_hysteresis_pct: int = 10
    #: how long the map keeps showing a device fault after it was reported (no "restored" follows some)
    fault_hold: timedelta = timedelta(hours=1)


#: the thresholds the engine uses unless configured otherwise (``rules_*`` options)
DEFAULT_THRESHOLDS = HealthThresholds()


@dataclass(frozen=True, slots=True)
class DeviceContact:
    """What contact state is decided from: the last contact and the device's heartbeat period."""

    last_contact: datetime | None
    heartbeat_s: int = DEFAULT_HEARTBEAT_S


def heartbeat_or_default(heartbeat_s: int | None) -> int:
    """A missing or zero heartbeat counts as the ICD default, as the rules snapshot has always read it."""
    return int(heartbeat_s or DEFAULT_HEARTBEAT_S)


def allowed_silence(heartbeat_s: int | None, thresholds: HealthThresholds = DEFAULT_THRESHOLDS) -> timedelta:
    """How long a device may be silent before it counts as out of contact."""
    return timedelta(seconds=heartbeat_or_default(heartbeat_s) * thresholds.silence_factor + thresholds.silence_grace_s)


def is_silent(last_contact: datetime, heartbeat_s: int | None, now: datetime,
              thresholds: HealthThresholds = DEFAULT_THRESHOLDS) -> bool:
    """True once the silence is *longer* than allowed (at exactly the limit the device is still online)."""
    return now - last_contact > allowed_silence(heartbeat_s, thresholds)


def contact_state(last_contact: datetime | None, heartbeat_s: int | None, now: datetime,
                  thresholds: HealthThresholds = DEFAULT_THRESHOLDS) -> ContactState:
    """online / stale / never for one device."""
    if last_contact is None:
        return ContactState.NEVER
    return ContactState.STALE if is_silent(last_contact, heartbeat_s, now, thresholds) else ContactState.ONLINE


def best_contact(contacts: Iterable[DeviceContact], now: datetime,
                 thresholds: HealthThresholds = DEFAULT_THRESHOLDS) -> ContactState:
    """The contact state of a person carrying several devices: online if any of them is.

    A person is out of contact only when no device of theirs is within its own allowed
    silence; one silent device of several raises its own ``no_communication`` alarm.
    """
    states = {contact_state(c.last_contact, c.heartbeat_s, now, thresholds) for c in contacts}
    if ContactState.ONLINE in states:
        return ContactState.ONLINE
    return ContactState.STALE if ContactState.STALE in states else ContactState.NEVER


def battery_verdict(battery: int, charging: bool, thresholds: HealthThresholds = DEFAULT_THRESHOLDS) -> bool | None:
    """True = low, False = normal again, None = inside the hysteresis band (no change).

    The rules engine keeps the previous verdict on None, so a battery hovering at
    the threshold does not raise and return an alarm on every report.
    """
    low = thresholds.low_battery_pct
    if battery <= low and not charging:
        return True
    if battery >= low + thresholds.battery_hysteresis_pct or charging:
        return False
    return None


def battery_is_low(battery: int | None, thresholds: HealthThresholds = DEFAULT_THRESHOLDS) -> bool:
    """For a display that only knows the last percentage: at or below the rules' threshold."""
    return battery is not None and battery <= thresholds.low_battery_pct


#: device event states that put a "fault" on the map (GNSS jamming, low battery, shut down)
FAULT_STATES: frozenset[str] = frozenset({GnssState.JAMMING, PowerState.LOW_BATTERY, PowerState.SHUTDOWN})
#: states that clear it again
FAULT_CLEARED_STATES: frozenset[str] = frozenset({GnssState.RESTORED, PowerState.MAINS_RESTORED})
#: event kinds whose ``state`` field can carry one of those
FAULT_STATE_KINDS: frozenset[str] = frozenset({EventKind.GNSS, EventKind.POWER})
#: event kinds worth reading back from the journal to rebuild fault markers
FAULT_EVENT_KINDS: frozenset[str] = frozenset({EventKind.FAULT}) | FAULT_STATE_KINDS


def fault_signal(kind: str, fields: Mapping[str, Any] | None) -> bool | None:
    """Whether a device event reports a fault (True), clears one (False) or neither (None)."""
    if kind == EventKind.FAULT:
        return True
    if kind not in FAULT_STATE_KINDS:
        return None
    state = (fields or {}).get("state")
    if state in FAULT_STATES:
        return True
    if state in FAULT_CLEARED_STATES:
        return False
    return None


def fault_showing(fault_at: datetime | None, now: datetime, thresholds: HealthThresholds = DEFAULT_THRESHOLDS) -> bool:
    """A fault reported less than ``fault_hold`` ago (and not cleared since) is still shown."""
    return fault_at is not None and now - fault_at < thresholds.fault_hold
