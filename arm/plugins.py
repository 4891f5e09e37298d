"""The feature areas that plug into the CLI and the monitoring service.

Each module listed here may define:
  ``add_serve_arguments(parser)``      options of ``arm serve`` (and the GUI start);
  ``configure(service, options)``      add sources/components from those options;
  ``register_cli(subparsers)``         its own ``arm <command>``.
A listed module that fails to import is a programming error and is raised, so
a broken area never passes silently.
"""

from __future__ import annotations

import importlib
from types import ModuleType

PLUGIN_MODULES: tuple[str, ...] = (
    "arm.alarms.plugin",
    "serial_drivers.plugin",
    "arm.protocols.plugin",
    "arm.desk_api.plugin",
    "arm.simulate.plugin",
    "arm.reports.plugin",
)


def plugins() -> list[ModuleType]:
    return [importlib.import_module(name) for name in PLUGIN_MODULES]
