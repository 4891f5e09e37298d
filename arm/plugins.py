"""The feature areas that plug into the CLI and the monitoring service, and the GUI.

Each module listed here may define:
  ``add_serve_arguments(parser)``      flags of ``arm serve``; each flag's ``dest`` is
                                       the setting it overrides (``"service.gt06_port"``);
  ``configure(service, settings)``     add sources/components from the typed settings
                                       (``arm.config.Settings``, flags applied);
  ``register_cli(subparsers)``         its own ``arm <command>``;
  ``emulated_device(...)``             an emulated ICD device on a pty (serial area),
                                       for the simulators (``arm.simulate.pty_devices``).
A listed module that fails to import is a programming error and is raised, so
a broken area never passes silently.

The GUI is found the same way, by name (:data:`GUI_MODULE`): the core starts it
without importing Qt or the widgets.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from types import ModuleType
from typing import Any

PLUGIN_MODULES: tuple[str, ...] = (
    "arm.alarms.plugin",
    "serial_drivers.plugin",
    "arm.protocols.plugin",
    "arm.desk_api.plugin",
    "arm.simulate.plugin",
    "arm.reports.plugin",
    "arm.geo.plugin",
    "arm.caseload.plugin",
    "arm.history.plugin",
    "arm.replay.plugin",
)

#: The workstation's window (``arm`` without a command); its ``main(args)`` runs it.
GUI_MODULE = "widgets.app"


def plugins() -> list[ModuleType]:
    return [importlib.import_module(name) for name in PLUGIN_MODULES]


def plugin_hook(name: str) -> Callable[..., Any] | None:
    """The first listed plugin's function ``name``, or None when no plugin provides it."""
    for plugin in plugins():
        hook = getattr(plugin, name, None)
        if callable(hook):
            return hook
    return None


def gui() -> ModuleType:
    """The GUI module (imported on demand: ``arm serve`` and the other commands never load Qt)."""
    return importlib.import_module(GUI_MODULE)
