"""The monitoring service: ingest core, bus and every component around them.

The same object runs inside the GUI (qasync loop) and headless in
``arm serve``; it knows nothing of Qt.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any, Protocol

from arm.bus import Bus
from arm.config import Settings
from arm.events import ServiceStatus
from arm.ingest import Ingest
from db.session import Database

log = logging.getLogger("arm.service")


class Component(Protocol):
    """A device source, the rules engine, the desk API: anything with a lifecycle."""

    @property
    def name(self) -> str: ...

    async def start(self, service: MonitoringService) -> None: ...

    async def stop(self) -> None: ...


class MonitoringService:
    def __init__(self, db: Database, bus: Bus | None = None, settings: Settings | None = None) -> None:
        self.db = db
        self.bus = bus or Bus()
        self.settings = settings or Settings()
        self.ingest = Ingest(db, self.bus)
        self.components: list[Component] = []
        #: Extra named services areas expose to each other (e.g. "alarms").
        self.extensions: dict[str, Any] = {}
        self.running = False

    def add_component(self, component: Component) -> None:
        self.components.append(component)

    def configure_plugins(self, options: dict[str, Any]) -> None:
        from arm.plugins import plugins

        for plugin in plugins():
            configure = getattr(plugin, "configure", None)
            if configure is not None:
                configure(self, options)

    async def _stop_all(self, components: Iterable[Component]) -> None:
        for component in components:
            try:
                await component.stop()
            except Exception:
                log.exception("stopping %s failed", component.name)

    async def start(self) -> None:
        self.ingest.start()
        started: list[Component] = []
        try:
            for component in self.components:
                await component.start(self)
                started.append(component)
                log.info("started %s", component.name)
        except Exception:
            for component in reversed(started):
                await component.stop()
            self.ingest.stop()
            raise
        self.running = True
        self.bus.publish(ServiceStatus(True, tuple(c.name for c in self.components)))

    async def stop(self) -> None:
        """Stop accepting (sources first), then flush the ingest core."""
        for component in reversed(self.components):
            try:
                await component.stop()
            except Exception:
                log.exception("stopping %s failed", component.name)
        self.ingest.stop()
        self.running = False
        self.bus.publish(ServiceStatus(False, (), "stopped"))
