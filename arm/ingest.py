"""The one entry point every device source calls.

Contract (docs/architecture.md): an event is stored once per (device, evseq);
``submit`` resolves only after the batch holding it is committed, so a source
acknowledges a device only for what is durable; under load, submissions from
all sources are merged into one transaction per batch; after the commit the
new events are published on the bus from the writer thread, never the GUI's.
What may be stored is decided by ``arm.plausibility.rejection_reason`` (the
one set of limits for every source); a refused event is reported back with its
reason and published as ``IngestRejected``.

Devices speak on their own channel (``arm.channels``): where an event's device
is resolved, the channel its source arrives on must be the device's registered
``protocol``, or the event is refused (``wrong_channel``), counted and logged
once per (device, channel) per interval. The protocol comes from the same
in-memory cache as the device id, so the check costs one comparison per event.
An unknown serial still becomes an unregistered device, recorded with the
channel it first spoke on.
"""

from __future__ import annotations

import asyncio
import logging
import queue
import threading
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Future, InvalidStateError
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, cast

from sqlalchemy import Table, bindparam, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from arm import ingest_pg, ingest_sqlite
from arm.bus import Bus
from arm.channels import SOURCE_CHANNELS, UNKNOWN_CHANNEL, WRONG_CHANNEL, DeviceChannelChanged, RefusalLog
from arm.events import (
    DeviceEvent,
    DeviceStateChanged,
    EventKind,
    EventsStored,
    IngestRejected,
    PosFields,
    StoredEvent,
)
from arm.plausibility import FUTURE_TOLERANCE, bounded, rejection_reason
from arm.ratelog import RateLimitedLog, one_line
from db.models import Device, DeviceEventRow, DeviceStatus, DeviceType, Position
from db.session import Database

log = logging.getLogger("arm.ingest")

#: the tables as Core ``Table`` objects (the declarative ``__table__`` is typed as a FromClause)
_DEVICES = cast(Table, Device.__table__)
_EVENTS = cast(Table, DeviceEventRow.__table__)
_POSITIONS = cast(Table, Position.__table__)
#: devices whose refusals are counted one by one before the counters start over
MAX_DEVICES_COUNTED = 10_000
#: rows of one batch the database may refuse one by one before it counts as a failure, not bad rows
#: (also when more than a tenth of the batch is refused)
MAX_REFUSED_ROWS = 3
SOURCE_TYPES = {"gt06": DeviceType.GT06, "watch": DeviceType.WATCH, "osmand": DeviceType.PHONE}


@dataclass(frozen=True)
class IngestResult:
    """What became of one submission."""

    stored: tuple[StoredEvent, ...] = ()
    duplicates: int = 0
    rejected: tuple[tuple[DeviceEvent, str], ...] = ()

    @property
    def accepted(self) -> int:
        """Events that are durable now (new or stored before): safe to acknowledge."""
        return len(self.stored) + self.duplicates


@dataclass
class IngestStats:
    submitted: int = 0
    stored: int = 0
    duplicates: int = 0
    rejected: int = 0
    #: of ``rejected``: reports refused because they came on another channel than the device's
    wrong_channel: int = 0
    batches: int = 0
    failed_batches: int = 0
    #: of ``rejected``: single events the database refused, isolated from their batch
    db_refused: int = 0
    #: fields dropped from events that were stored without them (arm.plausibility.bounded), by name
    fields_dropped: Counter[str] = field(default_factory=Counter)
    largest_batch: int = 0


@dataclass
class _Job:
    events: list[DeviceEvent]
    future: Future[IngestResult]
    rejected: list[tuple[DeviceEvent, str]] = field(default_factory=list)
    #: (device id, evseq) per event, None where rejected; filled by the writer
    keys: list[tuple[int, int] | None] = field(default_factory=list)
    #: (serial, fields dropped) of events stored without impossible fields; counted after the commit
    dropped: list[tuple[str, tuple[str, ...]]] = field(default_factory=list)


_STOP = object()


def _has_position(ev: DeviceEvent) -> bool:
    if ev.kind != EventKind.POS:
        return False
    f = cast(PosFields, ev.fields)
    return f.get("lat") is not None and int(f.get("fix") or 0) != 0


class Ingest:
    """Batched durable writer with one thread; see module docstring."""

    def __init__(
        self,
        db: Database,
        bus: Bus,
        *,
        max_batch: int = 5000,
        max_delay_s: float = 0.005,
        contact_write_interval_s: float = 10.0,
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        self.db = db
        #: the receive time stamped on each batch; a replay or a scripted test injects a virtual clock
        self.clock: Callable[[], datetime] = clock or (lambda: datetime.now(UTC))
        self.bus = bus
        self.max_batch = max_batch
        self.max_delay_s = max_delay_s
        self.stats = IngestStats()
        self._queue: queue.Queue[Any] = queue.Queue()
        self._thread: threading.Thread | None = None
        #: serial -> (device id, registered channel): one lookup gives both
        self._devices: dict[str, tuple[int, str]] = {}
        #: the cache above is dropped this often, so a channel changed by another
        #: process (or straight in the database) applies within this time
        self.channel_refresh_s = 60.0
        self._devices_since = time.monotonic()
        #: serials whose channel changed in this process (DeviceChannelChanged), applied by the writer
        self._changed: deque[str] = deque()
        self._unsubscribe: Callable[[], None] | None = None
        self.refusals = RefusalLog()
        #: serial -> refusal reason -> count: what was refused per device (bounded, see count_refusal)
        self.refusals_by_device: dict[str, Counter[str]] = {}
        #: batch failures and refused rows are logged once per interval, not once per row
        self.failure_log = RateLimitedLog(log)
        #: (event, error) of rows the database refused during one ``_process``
        self._refused_rows: list[tuple[DeviceEvent, BaseException]] = []
        self.refusal_log = RateLimitedLog(log)
        #: ``devices.last_contact`` is rewritten at most this often per device: at
        #: 10,000 reports a second the UPDATE of every device in every batch was a
        #: fifth of the writer's time. Live contact goes on the bus with every batch
        #: (DeviceStateChanged), so only a reader of the table sees it up to this late.
        self.contact_write_interval_s = contact_write_interval_s
        self._contact_written: dict[int, float] = {}
        self._contact_pending: list[int] = []
        self._insert = postgresql.insert if db.dialect == "postgresql" else sqlite.insert
        #: rows go straight to the driver (arm.ingest_sqlite, arm.ingest_pg); any other
        #: driver through SQLAlchemy Core
        self._sqlite = db.dialect == "sqlite"
        self._psycopg = db.dialect == "postgresql" and db.engine.driver == "psycopg"
        self._stored_times: dict[tuple[int, int], int] = {}

    # ------------------------------------------------------------ lifecycle
    def start(self) -> None:
        if self._thread is not None:
            return
        self._unsubscribe = self.bus.subscribe(DeviceChannelChanged, self._channel_changed)
        self._thread = threading.Thread(target=self._run, name="arm-ingest", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 30.0) -> None:
        """Store everything already submitted, then end the writer thread."""
        if self._thread is None:
            return
        self._queue.put(_STOP)
        self._thread.join(timeout)
        self._thread = None
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    # ------------------------------------------------------------ submit
    def submit(self, events: Iterable[DeviceEvent]) -> Future[IngestResult]:
        fut: Future[IngestResult] = Future()
        job = _Job(list(events), fut)
        self.stats.submitted += len(job.events)
        if not self.running:
            fut.set_exception(RuntimeError("the ingest core is not running"))
            return fut
        self._queue.put(job)
        return fut

    async def store(self, events: Iterable[DeviceEvent]) -> IngestResult:
        return await asyncio.wrap_future(self.submit(events))

    def store_sync(self, events: Iterable[DeviceEvent], timeout: float | None = 30.0) -> IngestResult:
        return self.submit(events).result(timeout)

    # ------------------------------------------------------------ writer thread
    def _run(self) -> None:
        stopping = False
        while not stopping:
            first = self._queue.get()
            if first is _STOP:
                break
            jobs = [first]
            size = len(first.events)
            # Wait out the batching window once, asleep, then take what came. Waking
            # for every submission made this thread and the event loop's trade the
            # one core (and its caches) hundreds of times a second for nothing.
            size, stopping = self._drain(jobs, size)
            if size < self.max_batch and not stopping:
                time.sleep(self.max_delay_s)
                size, stopping = self._drain(jobs, size)
            self._process(jobs)

    def _drain(self, jobs: list[_Job], size: int) -> tuple[int, bool]:
        """Move queued submissions into ``jobs`` up to ``max_batch`` events; (size, stop seen)."""
        while size < self.max_batch:
            try:
                nxt = self._queue.get_nowait()
            except queue.Empty:
                return size, False
            if nxt is _STOP:
                return size, True
            jobs.append(nxt)
            size += len(nxt.events)
        return size, False

    def _process(self, jobs: list[_Job]) -> None:
        """Commit ``jobs`` as one batch; when the database refuses it, isolate what it refused.

        Submissions of many connections share a batch (``StoreBatcher`` merges a
        loop turn's reports into one job), so one row the database cannot take
        must not fail the others (issue 14). A refusal that is about a row (a
        value the driver or a constraint rejects: :func:`_row_specific`) is
        bisected: halves of the batch are retried until the single culprit event
        is left, which alone is rejected with the database's reason and counted
        for its device. Any other failure (the database is down, the disk full)
        is tried once per submission and then fails those submissions, so their
        devices are not acknowledged and resend later.
        """
        self._refused_rows = []
        outcomes = self._attempt(jobs)
        refused, self._refused_rows = self._refused_rows, []
        if refused:
            events = sum(len(job.events) for job in jobs)
            if len(refused) > max(MAX_REFUSED_ROWS, events // 10):
                # not a bad row: the database (or a bug) refuses most rows; acknowledge none of them, so
                # their devices resend, rather than reject good reports one by one for ever
                self.failure_log.error(
                    "systemic", "the database refused %d of %d events one by one (%s): not a bad row but a "
                    "failure; their submissions fail unacknowledged", len(refused), events,
                    _one_line(refused[0][1]))
                culprits = {id(ev) for ev, _exc in refused}
                failure = RuntimeError(f"the database refused {len(refused)} rows of one batch")
                outcomes = [failure if not isinstance(o, BaseException)
                            and any(id(ev) in culprits for ev, _r in o.rejected) else o for o in outcomes]
            else:
                for ev, exc in refused:
                    self._announce_refusal(ev, exc)
        for job, outcome in zip(jobs, outcomes, strict=True):
            if isinstance(outcome, BaseException):
                _settle(job.future, exception=outcome)
            else:
                _settle(job.future, result=outcome)

    def _attempt(self, jobs: list[_Job]) -> list[IngestResult | BaseException]:
        """The result (or the failure) of each job, committing as much as the database takes."""
        try:
            return list(self._commit(jobs))
        except Exception as exc:  # noqa: BLE001 - isolated below, every job gets an answer
            self.stats.failed_batches += 1
            self._devices.clear()  # ids of devices inserted by the rolled-back transaction are void
            failure = exc
        events = sum(len(job.events) for job in jobs)
        row_specific = _row_specific(failure)
        self.failure_log.warning(
            "batch", "ingest batch of %d event(s) failed (%s: %s); %s", events, type(failure).__name__,
            _one_line(failure), "isolating the refused row" if row_specific else "retrying each submission")
        if len(jobs) > 1:
            if not row_specific:
                return [self._attempt([job])[0] for job in jobs]
            half = len(jobs) // 2
            return self._attempt(jobs[:half]) + self._attempt(jobs[half:])
        job = jobs[0]
        if not row_specific:
            return [failure]
        if len(job.events) == 1:
            return [self._refuse_row(job.events[0], failure)]
        half = len(job.events) // 2
        parts = [_Job(job.events[:half], Future()), _Job(job.events[half:], Future())]
        merged = IngestResult()
        for outcome in self._attempt(parts[:1]) + self._attempt(parts[1:]):
            if isinstance(outcome, BaseException):
                return [outcome]  # not a row problem after all: the whole submission fails
            merged = IngestResult(merged.stored + outcome.stored, merged.duplicates + outcome.duplicates,
                                  merged.rejected + outcome.rejected)
        return [merged]

    def _refuse_row(self, ev: DeviceEvent, exc: BaseException) -> IngestResult:
        """The one event the database refused: rejected with the reason (announced by ``_process``)."""
        self._refused_rows.append((ev, exc))
        return IngestResult(rejected=((ev, _db_reason(exc)),))

    def _announce_refusal(self, ev: DeviceEvent, exc: BaseException) -> None:
        """Count, log (once per device per interval) and publish an event the database refused."""
        reason = _db_reason(exc)
        self.stats.rejected += 1
        self.stats.db_refused += 1
        self.count_refusal(ev.serial, reason)
        self.refusal_log.warning(
            ev.serial, "%s: %s event refused by the database (%s); the rest of its batch is stored",
            _printable(ev.serial), ev.kind, _one_line(exc))
        self.bus.publish(IngestRejected(ev.serial, ev.kind, reason))

    def count_refusal(self, serial: str, reason: str) -> None:
        """Count a refused event for its device (``refusals_by_device``), bounded in memory."""
        per = self.refusals_by_device.get(serial)
        if per is None:
            if len(self.refusals_by_device) >= MAX_DEVICES_COUNTED:
                self.refusals_by_device.clear()
            per = self.refusals_by_device[serial] = Counter()
        per[reason] += 1

    def _commit(self, jobs: list[_Job]) -> list[IngestResult]:
        now = self.clock()
        for job in jobs:
            job.rejected.clear()
            job.dropped.clear()
        self._contact_pending = []
        with self.db.begin() as session:
            new_rows, stored_keys, states = self._write(session, jobs, now)
        written_at = time.monotonic()
        for dev_id in self._contact_pending:
            self._contact_written[dev_id] = written_at
        self.stats.batches += 1
        batch_events = sum(len(j.events) for j in jobs)
        self.stats.largest_batch = max(self.stats.largest_batch, batch_events)
        results = self._results(jobs, new_rows, stored_keys)
        self._publish(new_rows, states, jobs)
        return results

    def _write(
        self, session: Session, jobs: list[_Job], now: datetime
    ) -> tuple[dict[tuple[int, int], StoredEvent], set[tuple[int, int]], dict[int, DeviceStateChanged]]:
        self._expire_devices()
        valid: list[DeviceEvent] = []
        #: per job, per event: (the event as it will be stored, its evseq), None where refused
        per_job: list[list[tuple[DeviceEvent, int] | None]] = []
        latest = now + FUTURE_TOLERANCE
        channels = SOURCE_CHANNELS
        for job in jobs:
            kept: list[tuple[DeviceEvent, int] | None] = []
            for ev in job.events:
                reason = rejection_reason(ev, now, latest)
                if not reason and ev.source not in channels:
                    reason = UNKNOWN_CHANNEL
                    self.refusals.refused(ev.serial, ev.source, "?", UNKNOWN_CHANNEL)
                stored_as = ev
                if not reason:
                    # impossible fields dropped (arm.plausibility.bounded); the submitted event stays
                    # the caller's object, so what is refused later is still recognised by identity
                    stored_as, reason, dropped = bounded(ev)
                    if dropped:
                        job.dropped.append((ev.serial, dropped))
                if reason:
                    job.rejected.append((ev, reason))
                    kept.append(None)
                else:
                    # hashed once: derived evseqs cost a JSON dump
                    kept.append((stored_as, stored_as.effective_evseq()))
                    valid.append(stored_as)
            per_job.append(kept)
        devices = self._resolve_devices(session, valid, now)
        accepted: list[tuple[tuple[int, int], DeviceEvent]] = []
        for job, kept in zip(jobs, per_job, strict=True):
            keys: list[tuple[int, int] | None] = []
            for original, item in zip(job.events, kept, strict=True):
                if item is None:
                    keys.append(None)
                    continue
                ev, evseq = item
                dev_id, protocol = devices[ev.serial]
                if channels[ev.source] != protocol:
                    self._wrong_channel(job, original, protocol)
                    keys.append(None)
                    continue
                key = (dev_id, evseq)
                keys.append(key)
                accepted.append((key, ev))
            job.keys = keys
        unique: dict[tuple[int, int], DeviceEvent] = {}
        for key, ev in accepted:
            unique.setdefault(key, ev)
        new_rows = self._insert_events(session, unique, now)
        self._insert_positions(session, new_rows)
        states = self._update_devices(session, [(key[0], ev) for key, ev in accepted], now)
        return new_rows, set(unique), states

    def _wrong_channel(self, job: _Job, ev: DeviceEvent, protocol: str) -> None:
        """Refuse a report that came on another channel than its device's: never stored, counted, logged."""
        job.rejected.append((ev, WRONG_CHANNEL))
        self.refusals.refused(ev.serial, ev.source, protocol)

    def _channel_changed(self, msg: DeviceChannelChanged) -> None:
        """Bus handler (any thread): the writer re-reads this device before its next batch."""
        self._changed.append(msg.serial)

    def _expire_devices(self) -> None:
        """Writer thread: forget devices whose channel changed; drop the whole cache when it is old."""
        while self._changed:
            self._devices.pop(self._changed.popleft(), None)
        if time.monotonic() - self._devices_since > self.channel_refresh_s:
            self._devices.clear()
            self._devices_since = time.monotonic()

    def _resolve_devices(
        self, session: Session, events: Sequence[DeviceEvent], now: datetime
    ) -> dict[str, tuple[int, str]]:
        """serial -> (device id, registered channel) for every event; unknown serials become unregistered."""
        cache = self._devices
        missing: dict[str, DeviceEvent] = {}
        for ev in events:
            if ev.serial not in cache:
                missing.setdefault(ev.serial, ev)  # the first report names the channel it spoke on
        if missing:
            serials = list(missing)
            for start in range(0, len(serials), 900):
                rows = session.execute(
                    select(Device.serial, Device.id, Device.protocol)
                    .where(Device.serial.in_(serials[start : start + 900]))
                )
                cache.update({s: (i, str(p)) for s, i, p in rows})
            unknown = [ev for s, ev in missing.items() if s not in cache]
            for start in range(0, len(unknown), 500):  # bound parameters per statement stay small
                chunk = unknown[start : start + 500]
                session.connection().execute(
                    self._insert(_DEVICES).on_conflict_do_nothing(index_elements=["serial"]),
                    [self._unregistered(ev, now) for ev in chunk],
                )
                rows = session.execute(
                    select(Device.serial, Device.id, Device.protocol)
                    .where(Device.serial.in_([e.serial for e in chunk]))
                )
                cache.update({s: (i, str(p)) for s, i, p in rows})
            if unknown:
                log.warning(
                    "%d unregistered device(s) heard, their events are kept: %s%s",
                    len(unknown), ", ".join(f"{e.serial} ({e.source})" for e in unknown[:5]),
                    " ..." if len(unknown) > 5 else "",
                )
        return cache

    @staticmethod
    def _unregistered(ev: DeviceEvent, now: datetime) -> dict[str, Any]:
        dtype = ev.device_type if ev.device_type in DeviceType.__members__ else None
        dtype = dtype or SOURCE_TYPES.get(ev.source, DeviceType.TRK)
        return {
            "serial": ev.serial,
            "type": str(dtype),
            "status": DeviceStatus.UNREGISTERED.value,
            # the channel it first spoke on: later reports from any other channel are refused
            "protocol": SOURCE_CHANNELS[ev.source],
            "notes": f"first heard via {ev.source}",
            "heartbeat_s": 300,
            "report_s": 60,
            "is_demo": False,
            "created_at": now,
        }

    def _insert_events(
        self, session: Session, unique: dict[tuple[int, int], DeviceEvent], now: datetime
    ) -> dict[tuple[int, int], StoredEvent]:
        if not unique:
            return {}
        if self._sqlite:
            received = ingest_sqlite.sqlite_time(now)
            event_rows = [ingest_sqlite.event_row(dev_id, evseq, ev.time, received, ev.kind, ev.source, ev.fields)
                          for (dev_id, evseq), ev in unique.items()]
            self._stored_times = {(row[0], row[1]): row[2] for row in event_rows}
            rows = ingest_sqlite.insert_events(session.connection().connection.dbapi_connection, event_rows)
            return {
                (dev_id, evseq): StoredEvent(row_id, dev_id, evseq, unique[(dev_id, evseq)], now)
                for row_id, dev_id, evseq in rows
            }
        if self._psycopg:
            rows = ingest_pg.insert_events(
                session.connection().connection.dbapi_connection,
                [ingest_pg.event_row(dev_id, evseq, ev.time, now, ev.kind, ev.source, ev.fields)
                 for (dev_id, evseq), ev in unique.items()],
            )
            return {
                (dev_id, evseq): StoredEvent(row_id, dev_id, evseq, unique[(dev_id, evseq)], now)
                for row_id, dev_id, evseq in rows
            }
        values = [
            {
                "device_id": dev_id,
                "evseq": evseq,
                "time": ev.time,
                "received": now,
                "kind": ev.kind,
                "source": ev.source,
                "fields": dict(ev.fields),
            }
            for (dev_id, evseq), ev in unique.items()
        ]
        table = _EVENTS
        stmt = (
            self._insert(table)
            .on_conflict_do_nothing(index_elements=["device_id", "evseq"])
            .returning(table.c.id, table.c.device_id, table.c.evseq)
        )
        inserted = session.connection().execute(stmt, values).all()  # Core executemany: no ORM bulk overhead
        return {
            (dev_id, evseq): StoredEvent(id=row_id, device_id=dev_id, evseq=evseq, event=unique[(dev_id, evseq)], received=now)
            for row_id, dev_id, evseq in inserted
        }

    def _insert_positions(self, session: Session, new_rows: dict[tuple[int, int], StoredEvent]) -> None:
        if self._sqlite:
            stored_times = self._stored_times  # the event rows' times: a position has its event's time
            rows = [
                (stored.device_id, stored.id, stored_times.get(key) or ingest_sqlite.sqlite_time(stored.event.time),
                 *_position_values(stored.event.fields))
                for key, stored in new_rows.items()
                if _has_position(stored.event)
            ]
            if rows:
                ingest_sqlite.insert_positions(session.connection().connection.dbapi_connection, rows)
            return
        if self._psycopg:
            pg_rows = [(stored.device_id, stored.id, stored.event.time, *_position_values(stored.event.fields))
                       for stored in new_rows.values() if _has_position(stored.event)]
            if pg_rows:
                ingest_pg.insert_positions(session.connection().connection.dbapi_connection, pg_rows)
            return
        keys = ("lat", "lon", "fix", "sats", "hdop", "accuracy_m", "speed_kmh", "course")
        values = [
            {"device_id": stored.device_id, "event_id": stored.id, "time": stored.event.time,
             **dict(zip(keys, _position_values(stored.event.fields), strict=True))}
            for stored in new_rows.values() if _has_position(stored.event)
        ]
        if values:
            session.connection().execute(self._insert(_POSITIONS), values)

    def _update_devices(
        self, session: Session, events: list[tuple[int, DeviceEvent]], now: datetime
    ) -> dict[int, DeviceStateChanged]:
        """Last contact for every device heard (one statement), battery from STAT."""
        serials: dict[int, str] = {}
        battery: dict[int, int] = {}
        for dev_id, ev in events:
            serials[dev_id] = ev.serial
            if ev.kind == EventKind.STAT and (level := _opt_int(ev.fields.get("battery"))) is not None:
                battery[dev_id] = level
        if not serials:
            return {}
        stale = time.monotonic() - self.contact_write_interval_s
        written = self._contact_written
        ids = sorted(i for i in serials if written.get(i, stale) <= stale or i in battery)
        self._contact_pending = ids
        for start in range(0, len(ids), 900):  # stay under SQLite's bound-parameter limit
            chunk = ids[start : start + 900]
            session.execute(update(Device).where(Device.id.in_(chunk)).values(last_contact=now))
        if battery:
            stmt = update(Device).where(Device.id == bindparam("b_id")).values(battery=bindparam("b_battery"))
            session.connection().execute(stmt, [{"b_id": k, "b_battery": v} for k, v in battery.items()])
        return {
            dev_id: DeviceStateChanged(dev_id, serial, now, battery.get(dev_id), "")
            for dev_id, serial in serials.items()
        }

    def _results(
        self, jobs: list[_Job], new_rows: dict[tuple[int, int], StoredEvent], stored_keys: set[tuple[int, int]]
    ) -> list[IngestResult]:
        results: list[IngestResult] = []
        claimed: set[tuple[int, int]] = set()
        for job in jobs:
            stored: list[StoredEvent] = []
            duplicates = 0
            for key in job.keys:
                if key is None:
                    continue
                if key in new_rows and key not in claimed:
                    claimed.add(key)
                    stored.append(new_rows[key])
                else:
                    duplicates += 1
            self.stats.stored += len(stored)
            self.stats.duplicates += duplicates
            self.stats.rejected += len(job.rejected)
            for ev, reason in job.rejected:
                self.count_refusal(ev.serial, reason)
            for serial, dropped in job.dropped:
                self.stats.fields_dropped.update(dropped)
                self.count_refusal(serial, "dropped " + ",".join(dropped))
            if job.rejected:
                self.stats.wrong_channel += sum(1 for _, reason in job.rejected if reason == WRONG_CHANNEL)
            results.append(IngestResult(tuple(stored), duplicates, tuple(job.rejected)))
        return results

    def _publish(
        self, new_rows: dict[tuple[int, int], StoredEvent], states: dict[int, DeviceStateChanged], jobs: list[_Job]
    ) -> None:
        if new_rows:
            self.bus.publish(EventsStored(tuple(new_rows.values())))
        for state in states.values():
            self.bus.publish(state)
        for job in jobs:
            for ev, reason in job.rejected:
                self.bus.publish(IngestRejected(ev.serial, ev.kind, reason))

    def forget_device(self, serial: str) -> None:
        """Drop a cached id (after a device row was deleted or renamed)."""
        cached = self._devices.pop(serial, None)
        if cached is not None:
            self._contact_written.pop(cached[0], None)


def _settle(
    future: Future[IngestResult], result: IngestResult | None = None, exception: BaseException | None = None
) -> None:
    """Resolve a submission unless its caller cancelled it (then it acknowledges nothing).

    A cancelled submission may still have been stored; the device resends what
    it was not acknowledged for and the resend is a duplicate.
    """
    if future.cancelled():
        return
    try:
        if exception is not None:
            future.set_exception(exception)
        else:
            future.set_result(result)  # type: ignore[arg-type]
    except InvalidStateError:
        pass  # cancelled between the check and the call


def _row_specific(exc: BaseException) -> bool:
    """Whether a failed commit was about a value in a row, so retrying without that row helps.

    Values the driver cannot bind (``OverflowError``: an int beyond 64 bits on
    SQLite), that orjson cannot write (``TypeError``), or that the database
    refuses by constraint or type (DB-API ``DataError``/``IntegrityError``, and
    psycopg's ``ProgrammingError`` on a value it cannot adapt). Connection and
    lock errors (``OperationalError``) are not: retrying row by row would only
    repeat them.
    """
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, OverflowError | TypeError | ValueError):
            return True
        # by class name along the MRO: SQLAlchemy's wrappers and the drivers' own classes alike
        # (psycopg's CheckViolation is an IntegrityError, NumericValueOutOfRange a DataError)
        names = {cls.__name__ for cls in type(current).__mro__}
        if "OperationalError" in names:
            return False
        if names & {"DataError", "IntegrityError", "ProgrammingError"}:
            return True
        current = current.__cause__ or getattr(current, "orig", None) or current.__context__
    return False


_one_line = one_line


def _db_reason(exc: BaseException) -> str:
    return f"refused by the database: {type(exc).__name__}"


def _printable(text: str) -> str:
    return one_line(text, 40)


def _position_values(f: Any) -> tuple[float, float, int, int | None, float | None, float | None, float | None,
                                      float | None]:
    """lat, lon, fix, sats, hdop, accuracy_m, speed_kmh, course of a POS event's fields."""
    get = f.get
    sats, hdop, accuracy, speed, course = get("sats"), get("hdop"), get("accuracy_m"), get("speed_kmh"), get("course")
    return (float(f["lat"]), float(f["lon"]), int(get("fix") or 0),
            sats if sats is None or type(sats) is int else _opt_int(sats),
            hdop if hdop is None or type(hdop) is float else _opt_float(hdop),
            accuracy if accuracy is None or type(accuracy) is float else _opt_float(accuracy),
            speed if speed is None or type(speed) is float else _opt_float(speed),
            course if course is None or type(course) is float else _opt_float(course))


def _opt_int(v: Any) -> int | None:
    try:
        return None if v is None or v == "" else int(v)
    except (TypeError, ValueError):
        return None


def _opt_float(v: Any) -> float | None:
    try:
        return None if v is None or v == "" else float(v)
    except (TypeError, ValueError):
        return None
