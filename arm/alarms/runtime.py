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
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, or_, select

from arm.alarms.holds import ConditionHold
from arm.alarms.manager import AlarmManager
from arm.bus import Bus
from arm.events import DeviceEvent, EventsStored, StoredEvent, stored_fields
from arm.rules.engine import RulesEngine
from arm.rules.snapshot import load_snapshot, zones_fingerprint
from db.history import LastPosition
from db.models import DeviceEventRow

#: events read per query when the state is rebuilt at start (all of the window is read, chunk by chunk)
REPLAY_CHUNK = 20_000

log = logging.getLogger("arm.rules")


class RulesRuntime:
    """Engine + manager on one worker thread, fed by the bus and a ticker."""

    name = "rules"
    consumes_events = True  # stopped after the ingest core's last flush (arm/service.py)

    def __init__(self, engine: RulesEngine, manager: AlarmManager, *, tick_s: float | None = None,
                 reload_s: float | None = None, replay_minutes: float = 120.0,
                 holds: ConditionHold | None = None) -> None:
        self.engine = engine
        #: the on-delay of technical conditions (arm.alarms.holds); None holds nothing
        self.holds = holds
        self.manager = manager
        self.tick_s = engine.config.tick_s if tick_s is None else tick_s
        self.reload_s = engine.config.reload_s if reload_s is None else reload_s
        self.replay_minutes = replay_minutes
        self._unsubscribe: Callable[[], None] | None = None
        self._stop = threading.Event()
        self._ticker: threading.Thread | None = None
        self._last_reload = 0.0
        self._fingerprint: tuple[Any, ...] | None = None
        self._pending: list[Any] = []
        self._pending_lock = threading.Lock()
        self._drain_queued = False
        self._retry: list[Any] = []
        self.failures = 0
        self.batches = 0
        #: sees every list of condition changes the engine produced, before the manager (replay counts them)
        self.observer: Callable[[list[Any]], None] | None = None

    # ------------------------------------------------------------ lifecycle (sync, for tests and the GUI)
    def start_sync(self, bus: Bus) -> None:
        self.manager.load()
        self.reload()
        self.replay()
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
        """Bus handler (ingest writer thread): queue the batch; one drain job at a time."""
        with self._pending_lock:
            self._pending.extend(message.events)
            if self._drain_queued:
                return
            self._drain_queued = True
        self.manager.submit(self._drain)

    def _drain(self) -> None:
        """Evaluate everything queued so far in one pass and one transaction (keeps up under load)."""
        with self._pending_lock:
            events, self._pending = self._pending, []
            self._drain_queued = False
        if events:
            self.process(events)

    def process(self, events: Any) -> None:
        if any(not self.engine.knows_device(e.device_id) for e in events) and time.monotonic() - self._last_reload > 2:
            self.reload()
        changes = self.engine.process(events)
        self.batches += 1
        if self.observer is not None and changes:
            self.observer(changes)
        self._apply(self.holds.filter(changes) if self.holds is not None else changes)

    def tick(self, now: datetime | None = None) -> None:
        if time.monotonic() - self._last_reload >= self.reload_s or self._zones_changed():
            self.reload()
        self.evaluate_time(now)

    def evaluate_time(self, now: datetime | None = None, persons: Any = None) -> None:
        """The time-based half of a tick (schedules, silence, escalation, shelving); a replay calls it alone.

        ``persons``: only these persons' time-based states (see :meth:`RulesEngine.tick`); None: everyone.
        """
        changes = self.engine.tick(now, persons)
        if self.observer is not None and changes:
            self.observer(changes)
        if self.holds is not None:
            changes = self.holds.filter(changes) + self.holds.release(now or self.manager.clock())
        self._apply(changes)
        self.manager.tick(now)

    def _apply(self, changes: list[Any]) -> None:
        """Hand changes to the manager; if the database refuses (locked, gone), keep them for the next try.

        The engine has already moved on to the new state, so a lost batch
        would mean an alarm never raised: failed changes are retried first on
        the next drain or tick, in order.
        """
        pending = self._retry + list(changes)
        if not pending:
            return
        try:
            self.manager.apply(pending)
        except Exception:
            log.exception("writing %d alarm changes failed; they will be retried", len(pending))
            self._retry = pending
            self.failures += 1
        else:
            self._retry = []

    def _zones_changed(self) -> bool:
        """Whether zones, zone schedules or restrictions changed since the last reload (a cheap query)."""
        with self.manager.db.session() as s:
            return zones_fingerprint(s) != self._fingerprint

    def reload(self) -> None:
        """Re-read persons, restrictions, zones (with their own schedules) and assignments."""
        with self.manager.db.session() as s:
            fingerprint = zones_fingerprint(s)
            snapshot = load_snapshot(s)
        self._fingerprint = fingerprint
        self.engine.load(snapshot)
        self.manager.forget_names()  # a card edited since: new rows carry the new name
        self._last_reload = time.monotonic()

    def replay(self, minutes: float | None = None) -> int:
        """Rebuild learned state (presence, zones, tamper...) from the recent events, raising nothing.

        After a restart the engine must know that a person left home an hour
        ago, or curfew at 22:00 would find "unknown". Conditions found active
        are remembered as known, so only changes from now on raise alarms; the
        open alarms of the database then override (``seed_active``).
        """
        minutes = self.replay_minutes if minutes is None else minutes
        if minutes <= 0:
            return 0
        since = self.manager.clock() - timedelta(minutes=minutes)
        serials = {d.id: d.serial for d in self.engine.snapshot.devices.values()}
        columns = (DeviceEventRow.id, DeviceEventRow.device_id, DeviceEventRow.evseq, DeviceEventRow.time,
                   DeviceEventRow.kind, DeviceEventRow.fields, DeviceEventRow.source, DeviceEventRow.received)
        count = 0
        self.engine.silent = True
        try:
            with self.manager.db.session() as s:
                # Where each device silent since before the window was last seen: its last fix
                # (the maintained table, db/history.py), so the state does not start "unknown".
                older = (select(*columns).join(LastPosition, LastPosition.event_id == DeviceEventRow.id)
                         .where(LastPosition.time < since).order_by(DeviceEventRow.time, DeviceEventRow.id))
                count += self._replay_rows(s.execute(older).all(), serials)
                # Then every event of the window, oldest first, in keyset-paged chunks: never truncated.
                after: tuple[datetime, int] | None = None
                while True:
                    page = select(*columns).where(DeviceEventRow.time >= since)
                    if after is not None:
                        page = page.where(DeviceEventRow.time >= after[0], or_(
                            DeviceEventRow.time > after[0],
                            and_(DeviceEventRow.time == after[0], DeviceEventRow.id > after[1])))
                    rows = s.execute(page.order_by(DeviceEventRow.time, DeviceEventRow.id).limit(REPLAY_CHUNK)).all()
                    if not rows:
                        break
                    count += self._replay_rows(rows, serials)
                    after = (rows[-1].time, rows[-1].id)
        finally:
            self.engine.silent = False
        log.info("rules state rebuilt from %d events (last fixes and the last %s minutes)", count, minutes)
        return count

    def _replay_rows(self, rows: list[Any], serials: dict[int, str]) -> int:
        events = [StoredEvent(r.id, r.device_id, r.evseq,
                              DeviceEvent(serials.get(r.device_id, ""), r.evseq, r.time, r.kind, stored_fields(r.fields),
                                          r.source), r.received) for r in rows]
        self.engine.process(events)
        return len(events)

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
