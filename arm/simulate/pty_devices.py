"""Emulated ICD devices on pseudo-terminals, for the simulators, without importing the serial area.

The serial area (``serial_drivers.plugin.emulated_device``) provides them as a
plugin hook; ``arm simulate`` and the GUI demo put ICD devices on ptys through
this module, so the core's simulator depends on the hook's shape only
(:class:`PtyDevice`), never on ``serial_drivers``.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Protocol

from arm.plugins import plugin_hook

HOOK = "emulated_device"


class PtyDevice(Protocol):
    """What the simulators use of an emulated ICD device."""

    paired: list[str]

    def emit(self, kind: str, fields: dict[str, Any] | None = None, at: datetime | None = None) -> int: ...

    def stop(self) -> None: ...


def emulated_device(dtype: str, serial: str, link: str, paired: list[str] | None = None,
                    **options: Any) -> PtyDevice:
    """A started emulated device of ``dtype`` linked at ``link`` (options: seed, evseq_start, firmware)."""
    factory = plugin_hook(HOOK)
    if factory is None:
        raise RuntimeError("no plugin provides emulated ICD devices (serial_drivers.plugin.emulated_device)")
    device: PtyDevice = factory(dtype, serial, link, paired, **options)
    return device
