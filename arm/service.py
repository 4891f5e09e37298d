"""The monitoring service: ingest core, bus and every component around them.

The same object runs inside the GUI (qasync loop) and headless in
``arm serve``; it knows nothing of Qt.

Stop order (docs/architecture.md): the sources stop accepting first, then the
ingest core stores what it already received (and publishes it), and only then
do the components that consume stored events (``consumes_events = True``: the
rules) stop, so the last batch before a stop or SIGTERM is still evaluated.
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
    """A device source, the rules engine, the desk API: anything with a lifecycle.

    A component that consumes stored events (``consumes_events = True``) is
    stopped after the ingest core's last flush; every other one before it.
    """

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

    def configure_plugins(self) -> None:
        """Let every plugin add its components, from this service's settings."""
        from arm.plugins import plugins

        for plugin in plugins():
            configure = getattr(plugin, "configure", None)
            if configure is not None:
                configure(self, self.settings)

    async def _stop_all(self, components: Iterable[Component]) -> None:
        for component in components:
            try:
                await component.stop()
            except Exception:
                log.exception("stopping %s failed", component.name)

    async def _stop_in_order(self, components: list[Component]) -> None:
        """Sources (and every other producer) first, then the ingest flush, then the event consumers."""
        consumers = [c for c in components if getattr(c, "consumes_events", False)]
        await self._stop_all(reversed([c for c in components if c not in consumers]))
        self.ingest.stop()  # stores the last batch and publishes EventsStored to the consumers
        await self._stop_all(reversed(consumers))

    async def start(self) -> None:
        self.ingest.start()
        started: list[Component] = []
        try:
            for component in self.components:
                await component.start(self)
                started.append(component)
                log.info("started %s", component.name)
        except Exception:
            await self._stop_in_order(started)
            raise
        self.running = True
        self.bus.publish(ServiceStatus(True, tuple(c.name for c in self.components)))

    async def stop(self) -> None:
        """Stop accepting (sources first), flush the ingest core, then stop the rules that evaluate it."""
        await self._stop_in_order(self.components)
        self.running = False
        self.bus.publish(ServiceStatus(False, (), "stopped"))
