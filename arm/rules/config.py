"""Tunable thresholds of the rules engine, with the reasons for their defaults."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from arm.device_health import DEFAULT_THRESHOLDS, HealthThresholds
from arm.rules.geo import FixPolicy


@dataclass(frozen=True, slots=True)
class RulesConfig:
    """Defaults follow the ICD (HB_S 300 s) and common monitoring-centre practice."""

    timezone: str = "Asia/Almaty"
    #: decisive fixes in a row before a zone/home verdict changes (one stray fix never does)
    confirm_fixes: int = 2
    #: silence allowed = heartbeat_s * factor + grace (two missed heartbeats and a margin);
    #: the defaults of these four are :data:`arm.device_health.DEFAULT_THRESHOLDS`, which the
    #: map, the device table and the status bar use too
    silence_factor: float = DEFAULT_THRESHOLDS.silence_factor
    silence_grace_s: int = DEFAULT_THRESHOLDS.silence_grace_s
    low_battery_pct: int = DEFAULT_THRESHOLDS.low_battery_pct
    #: battery must climb this far above the threshold before "low battery" returns
    battery_hysteresis_pct: int = DEFAULT_THRESHOLDS.battery_hysteresis_pct
    face_match_min: int = 80
    #: how often the tick re-evaluates time-based states and re-reads the supervision data
    tick_s: float = 10.0
    reload_s: float = 30.0
    fix: FixPolicy = field(default_factory=FixPolicy)

    @property
    def health(self) -> HealthThresholds:
        """The contact and battery thresholds as :mod:`arm.device_health` takes them."""
        return HealthThresholds(
            silence_factor=self.silence_factor,
            silence_grace_s=self.silence_grace_s,
            low_battery_pct=self.low_battery_pct,
            battery_hysteresis_pct=self.battery_hysteresis_pct,
            fault_hold=DEFAULT_THRESHOLDS.fault_hold,
        )

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @classmethod
    def from_options(cls, options: dict[str, Any] | None) -> RulesConfig:
        """Build from a flat option dict (``rules_confirm_fixes``...), ignoring other keys."""
        options = options or {}
        known = {f for f in cls.__dataclass_fields__ if f != "fix"}
        values = {k[len("rules_"):]: v for k, v in options.items() if k.startswith("rules_") and v is not None}
        return cls(**{k: v for k, v in values.items() if k in known})
