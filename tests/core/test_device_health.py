"""Boundaries of arm.device_health: the one definition of contact and fault state."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from arm.device_health import (
    DEFAULT_HEARTBEAT_S,
    DEFAULT_THRESHOLDS,
    ContactState,
    DeviceContact,
    HealthThresholds,
    allowed_silence,
    battery_is_low,
    battery_verdict,
    best_contact,
    contact_state,
    fault_showing,
    fault_signal,
    heartbeat_or_default,
)
from arm.rules.config import RulesConfig

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)


def ago(seconds: float) -> datetime:
    return NOW - timedelta(seconds=seconds)


@pytest.mark.parametrize(("heartbeat_s", "limit_s"), [(300, 660), (180, 420), (600, 1260), (None, 660), (0, 660)])
def test_allowed_silence_is_two_heartbeats_and_a_minute(heartbeat_s: int | None, limit_s: int) -> None:
    assert allowed_silence(heartbeat_s) == timedelta(seconds=limit_s)
    assert contact_state(ago(limit_s - 1), heartbeat_s, NOW) == ContactState.ONLINE
    assert contact_state(ago(limit_s), heartbeat_s, NOW) == ContactState.ONLINE  # at the limit: still online
    assert contact_state(ago(limit_s + 0.001), heartbeat_s, NOW) == ContactState.STALE
    assert contact_state(ago(limit_s + 1), heartbeat_s, NOW) == ContactState.STALE


def test_never_heard_is_its_own_state() -> None:
    assert contact_state(None, 300, NOW) == ContactState.NEVER
    assert heartbeat_or_default(None) == heartbeat_or_default(0) == DEFAULT_HEARTBEAT_S == 300


def test_states_keep_the_words_the_table_always_used() -> None:
    assert [s.value for s in ContactState] == ["online", "stale", "never"]
    assert ContactState.STALE == "stale"


def test_the_rules_config_is_the_source_of_the_thresholds() -> None:
    assert RulesConfig().health == DEFAULT_THRESHOLDS
    tuned = RulesConfig.from_options({"rules_silence_grace_s": 30, "rules_low_battery_pct": 20}).health
    assert allowed_silence(300, tuned) == timedelta(seconds=630)
    assert battery_is_low(20, tuned) and not battery_is_low(20)


def test_a_person_is_in_contact_while_any_device_is() -> None:
    silent, talking, never = DeviceContact(ago(700), 300), DeviceContact(ago(400), 180), DeviceContact(None)
    assert best_contact([silent, talking, never], NOW) == ContactState.ONLINE
    assert best_contact([silent, never], NOW) == ContactState.STALE
    assert best_contact([never], NOW) == ContactState.NEVER
    # each device against its own heartbeat: 421 s is too long for a 180 s tracker
    assert best_contact([DeviceContact(ago(421), 180)], NOW) == ContactState.STALE
    assert best_contact([DeviceContact(ago(421), 300)], NOW) == ContactState.ONLINE


@pytest.mark.parametrize(
    ("battery", "charging", "verdict"),
    [(14, False, True), (15, False, True), (16, False, None), (24, False, None), (25, False, False),
     (15, True, False), (90, False, False)],
)
def test_battery_verdict_has_the_rules_hysteresis(battery: int, charging: bool, verdict: bool | None) -> None:
    assert battery_verdict(battery, charging) is verdict


def test_battery_is_low_at_the_rules_threshold() -> None:
    assert battery_is_low(15) and not battery_is_low(16) and not battery_is_low(None)


@pytest.mark.parametrize(
    ("kind", "fields", "signal"),
    [("FAULT", {"code": "E1"}, True), ("GNSS", {"state": "JAMMING"}, True), ("POWER", {"state": "LOW_BATTERY"}, True),
     ("POWER", {"state": "SHUTDOWN"}, True), ("GNSS", {"state": "RESTORED"}, False),
     ("POWER", {"state": "MAINS_RESTORED"}, False), ("GNSS", {"state": "LOST"}, None),
     ("POWER", {"state": "MAINS_LOST"}, None), ("TAMPER", {"state": "RESTORED"}, None), ("POS", None, None)],
)
def test_fault_signal(kind: str, fields: dict | None, signal: bool | None) -> None:
    assert fault_signal(kind, fields) is signal


def test_a_fault_is_shown_for_an_hour() -> None:
    hold = DEFAULT_THRESHOLDS.fault_hold
    assert fault_showing(NOW - hold + timedelta(seconds=1), NOW)
    assert not fault_showing(NOW - hold, NOW)
    assert not fault_showing(None, NOW)
    assert fault_showing(NOW - timedelta(minutes=5), NOW, HealthThresholds(fault_hold=timedelta(minutes=10)))
