"""Wires the rules engine and the alarm manager to the running service.

The ingest core publishes ``EventsStored`` from its writer thread; this
component only hands the batch to the alarm worker (quick, as bus handlers
must be), where the engine evaluates it and the manager writes the alarms in
one transaction. A ticker thread submits the periodic evaluation (curfew
starting with the person already out, silence, "not monitored", escalation,
end of shelving) to the same worker, so nothing races.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future
from datetime import datetime
from typing import Any

from arm.alarms.manager import AlarmManager
from arm.bus import Bus
from arm.events import EventsStored
from arm.rules.engine import RulesEngine
from arm.rules.snapshot import load_snapshot

log = logging.getLogger("arm.rules")


class RulesRuntime:
    """Engine + manager on one worker thread, fed by the bus and a ticker."""

    name = "rules"

    def __init__(self, engine: RulesEngine, manager: AlarmManager, *, tick_s: float | None = None,
                 reload_s: float | None = None) -> None:
        self.engine = engine
        self.manager = manager
        self.tick_s = engine.config.tick_s if tick_s is None else tick_s
        self.reload_s = engine.config.reload_s if reload_s is None else reload_s
        self._unsubscribe: Callable[[], None] | None = None
        self._stop = threading.Event()
        self._ticker: threading.Thread | None = None
        self._last_reload = 0.0
        self.batches = 0

    # ------------------------------------------------------------ lifecycle (sync, for tests and the GUI)
    def start_sync(self, bus: Bus) -> None:
        self.manager.load()
        self.reload()
        self.engine.seed_active(self.manager.open_keys())
        self._unsubscribe = bus.subscribe(EventsStored, self._on_events)
        if self.tick_s > 0:
            self._ticker = threading.Thread(target=self._tick_loop, name="arm-rules-tick", daemon=True)
            self._ticker.start()

    def stop_sync(self) -> None:
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
        self._stop.set()
        if self._ticker is not None:
            self._ticker.join(timeout=5)
            self._ticker = None
        self.manager.shutdown()

    async def start(self, service: Any) -> None:
        self.start_sync(service.bus)

    async def stop(self) -> None:
        self.stop_sync()

    # ------------------------------------------------------------ work (on the alarm worker)
    def _on_events(self, message: EventsStored) -> None:
        self.manager.submit(self.process, message.events)

    def process(self, events: Any) -> None:
        if any(not self.engine.knows_device(e.device_id) for e in events) and time.monotonic() - self._last_reload > 2:
            self.reload()
        changes = self.engine.process(events)
        self.batches += 1
        if changes:
            self.manager.apply(changes)

    def tick(self, now: datetime | None = None) -> None:
        if time.monotonic() - self._last_reload >= self.reload_s:
            self.reload()
        self.manager.apply(self.engine.tick(now))
        self.manager.tick(now)

    def reload(self) -> None:
        """Re-read persons, restrictions, zones and assignments."""
        with self.manager.db.session() as s:
            snapshot = load_snapshot(s)
        self.engine.load(snapshot)
        self._last_reload = time.monotonic()

    def submit_tick(self, now: datetime | None = None) -> Future[None]:
        return self.manager.submit(self.tick, now)

    def submit_reload(self) -> Future[None]:
        return self.manager.submit(self.reload)

    def flush(self, timeout: float = 10.0) -> None:
        """Wait until everything submitted so far is done (tests, shutdown)."""
        self.manager.submit(lambda: None).result(timeout)

    def _tick_loop(self) -> None:
        while not self._stop.wait(self.tick_s):
            try:
                self.submit_tick().result()
            except RuntimeError:  # the pool is shutting down
                return
            except Exception:  # a failing tick is logged, the next one tries again
                log.exception("rules tick failed")
