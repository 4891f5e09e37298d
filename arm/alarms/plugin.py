"""Plugs the rules engine and the alarm manager into the monitoring service.

``configure(service, options)`` builds both, adds the runtime as a component,
and exposes the manager's typed operations (:class:`arm.alarms.api.AlarmOperations`,
here :class:`arm.alarms.local.LocalAlarmOperations`) as ``service.alarms`` (and
``service.extensions["alarms"]``) for widgets and the desk API; the manager
itself is ``service.rules.manager``.
"""

from __future__ import annotations

import argparse
from datetime import timedelta
from typing import Any

from arm.alarms.api import AlarmConfig
from arm.alarms.local import LocalAlarmOperations
from arm.alarms.manager import AlarmManager
from arm.alarms.priorities import priority_table
from arm.alarms.runtime import RulesRuntime
from arm.rules.config import RulesConfig
from arm.rules.engine import RulesEngine


def add_serve_arguments(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("rules and alarms")
    group.add_argument("--no-rules", action="store_true", help="do not evaluate rules or raise alarms")
    group.add_argument("--escalate-after", type=float, default=None, metavar="SECONDS",
                       help="escalate unacknowledged critical alarms after this time (default 120)")
    group.add_argument("--rules-tick", type=float, default=None, metavar="SECONDS",
                       help="how often time-based rules are evaluated (default 10)")


def build(db: Any, bus: Any, options: dict[str, Any] | None = None, timezone: str | None = None) -> RulesRuntime:
    """Engine + manager + runtime from flat options (also used by tests and benches)."""
    options = dict(options or {})
    rules_options = {k: v for k, v in options.items() if k.startswith("rules_")}
    if options.get("rules_tick") is not None:
        rules_options["rules_tick_s"] = options["rules_tick"]
    rules_options.pop("rules_tick", None)
    if timezone:
        rules_options.setdefault("rules_timezone", timezone)
    config = RulesConfig.from_options(rules_options)
    escalate = options.get("escalate_after")
    shelve_hours = options.get("max_shelve_hours")
    alarm_config = AlarmConfig(
        escalate_after_s=120.0 if escalate is None else float(escalate),
        max_shelve=timedelta(hours=8.0 if shelve_hours is None else float(shelve_hours)),
    )
    manager = AlarmManager(db, bus, alarm_config, priority_table(options))
    return RulesRuntime(RulesEngine(config), manager)


def configure(service: Any, options: dict[str, Any]) -> None:
    if options.get("no_rules"):
        return
    general = getattr(getattr(service, "settings", None), "general", None)
    runtime = build(service.db, service.bus, options, getattr(general, "timezone", None))
    service.add_component(runtime)
    operations = LocalAlarmOperations(runtime.manager)
    service.alarms = operations
    service.rules = runtime
    extensions = getattr(service, "extensions", None)
    if isinstance(extensions, dict):
        extensions["alarms"] = operations
        extensions["rules"] = runtime
