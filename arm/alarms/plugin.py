"""Plugs the rules engine and the alarm manager into the monitoring service.

``configure(service, settings)`` builds both from the typed settings
(``settings.alarms``: escalation, longest shelving, tick; ``settings.general.
timezone``), adds the runtime as a component, and exposes the manager's typed
operations (:class:`arm.alarms.api.AlarmOperations`, here
:class:`arm.alarms.local.LocalAlarmOperations`) as ``service.alarms`` (and
``service.extensions["alarms"]``) for widgets and the desk API; the manager
itself is ``service.rules.manager``. The ``arm serve`` flags are overrides of
those settings.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from arm.alarms.api import AlarmConfig
from arm.alarms.holds import ConditionHold, HoldPolicy
from arm.alarms.holds import profile as hold_profile
from arm.alarms.local import LocalAlarmOperations
from arm.alarms.manager import AlarmManager
from arm.alarms.priorities import priority_table
from arm.alarms.runtime import RulesRuntime
from arm.config import HOLD_PROFILES, AlarmSettings, Settings
from arm.events import utcnow
from arm.rules.config import RulesConfig
from arm.rules.engine import RulesEngine


def add_serve_arguments(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("rules and alarms")
    group.add_argument("--no-rules", dest="alarms.rules", action="store_false", default=None,
                       help="do not evaluate rules or raise alarms")
    group.add_argument("--escalate-after", dest="alarms.escalate_after_s", type=float, default=None,
                       metavar="SECONDS", help="escalate unacknowledged critical alarms after this time (default 120)")
    group.add_argument("--alarm-holds", dest="alarms.holds", choices=HOLD_PROFILES, default=None,
                       help="technical-alarm holds: field (the tuned profile, default) or none (every condition "
                            "an alarm at once)")
    group.add_argument("--rules-tick", dest="alarms.rules_tick_s", type=float, default=None, metavar="SECONDS",
                       help="how often time-based rules are evaluated (default 10)")


def alarm_config(settings: AlarmSettings) -> AlarmConfig:
    """The manager's lifecycle settings from the desk's configuration (``holds``: the profile's joining)."""
    return AlarmConfig(escalate_after_s=float(settings.escalate_after_s),
                       max_shelve=timedelta(seconds=float(settings.max_shelve_s)),
                       join_power_incident=hold_profile(settings.holds)[1])


def assemble(db: Any, bus: Any, rules: RulesConfig, alarms: AlarmConfig,
             priorities: dict[str, Any] | None = None, clock: Callable[[], datetime] = utcnow,
             holds: HoldPolicy | None = None) -> RulesRuntime:
    """Engine + manager on one runtime; ``clock`` is where both read "now" (a replay's virtual clock).

    ``holds``: the on-delay of technical conditions (:mod:`arm.alarms.holds`); None holds nothing.
    """
    manager = AlarmManager(db, bus, alarms, priorities or priority_table(), clock=clock)
    return RulesRuntime(RulesEngine(rules, clock=clock), manager,
                        holds=ConditionHold(holds) if holds is not None else None)


def build(db: Any, bus: Any, options: dict[str, Any] | None = None, timezone: str | None = None,
          clock: Callable[[], datetime] = utcnow, holds: HoldPolicy | None = None) -> RulesRuntime:
    """Engine + manager + runtime from flat test options (``rules_*``, ``alarm_priority_*``...).

    The service uses :func:`configure` (typed settings); tests and benches use
    this to set the engine's thresholds and priorities one by one.
    """
    options = dict(options or {})
    rules_options = {k: v for k, v in options.items() if k.startswith("rules_")}
    if options.get("rules_tick") is not None:
        rules_options["rules_tick_s"] = options["rules_tick"]
    rules_options.pop("rules_tick", None)
    if timezone:
        rules_options.setdefault("rules_timezone", timezone)
    config = RulesConfig.from_options(rules_options)
    defaults = AlarmSettings()
    escalate = options.get("escalate_after")
    shelve_hours = options.get("max_shelve_hours")
    alarms = AlarmSettings(
        escalate_after_s=defaults.escalate_after_s if escalate is None else float(escalate),
        max_shelve_s=defaults.max_shelve_s if shelve_hours is None else float(shelve_hours) * 3600.0,
        holds="none",  # a test's holds are explicit (``holds=``), its incidents ungrouped unless it says so
    )
    return assemble(db, bus, config, alarm_config(alarms), priority_table(options), clock, holds)


def configure(service: Any, settings: Settings) -> None:
    if not settings.alarms.rules:
        return
    rules = RulesConfig(timezone=settings.general.timezone, tick_s=float(settings.alarms.rules_tick_s))
    runtime = assemble(service.db, service.bus, rules, alarm_config(settings.alarms),
                       holds=hold_profile(settings.alarms.holds)[0])
    service.add_component(runtime)
    operations = LocalAlarmOperations(runtime.manager)
    service.alarms = operations
    service.rules = runtime
    extensions = getattr(service, "extensions", None)
    if isinstance(extensions, dict):
        extensions["alarms"] = operations
        extensions["rules"] = runtime
