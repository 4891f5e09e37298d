"""Retention periods per record kind and the deletion act that enforces them.

The seed rules for recorded material keep records three years and destroy
expired ones only by an act of a commission. Here nothing is ever deleted by
a timer: ``propose_act`` counts what has expired and writes a *proposed* act,
a different person confirms it (``arm.reports.retention``: two different
authenticated supervisors), and only ``execute_act`` deletes, inside the same
transaction that marks the act ``executing`` -> ``executed``. The database
triggers of the ``journals_integrity`` revision refuse any DELETE on the
chained journals unless such an act covers the row, and refuse any change to
the acts themselves once executed.

Chained journals lose only a prefix (oldest ids): the act stores the hash of
the last deleted row, which becomes the anchor that the first kept row must
point to (``db.integrity.verify_all``).

Positions and device events are the bulk of the database (3.6 million rows a
day at national scale). On SQLite one transaction deleting a day of them held
the only write lock for 15 s and stopped every tracker's acknowledgement, so
there ``execute_act`` only marks the act ``executing`` in the caller's
transaction, and once that commits ``purge_act`` deletes in small batches,
each its own transaction sized to take about ``BATCH_TARGET_S`` (20 ms; a
loaded machine stretches some to a few tens), pausing between
them so the ingest writer always gets the lock; the act becomes ``executed``
after the last batch. An act left ``executing`` (the program stopped midway)
is finished by confirming it again. PostgreSQL deletes in the caller's
transaction (MVCC: ingest does not wait for it), except device events: a
national day of them is 3.6 million rows and 14 s of one statement, whose
write-ahead log the ingest writer's commits queued behind (a report waited
3.5 s); they go in batches of about ``PG_BATCH_TARGET_S`` after the act
commits, the positions of the act's days dropped first as whole partitions.
Every lock a PostgreSQL act takes on the tables ingest writes is asked for
with a short ``lock_timeout`` and retried (``_lock_positions``): a lock
request waiting behind a long transaction would queue every report behind it.
"""

from __future__ import annotations

import enum
import logging
import threading
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import (
    BigInteger,
    ColumnElement,
    Integer,
    String,
    Text,
    and_,
    delete,
    exists,
    func,
    select,
    text,
)
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Mapped, Session, mapped_column

from db import partitions
from db.history import LastPosition
from db.models import (
    Alarm,
    AlarmAction,
    Assignment,
    AuditEntry,
    Base,
    DeviceEventRow,
    Position,
    UtcDateTime,
    ViolationEntry,
)
from db.models_media import DeviceMedia

log = logging.getLogger("db.retention")


class RecordKind(enum.StrEnum):
    POSITIONS = "positions"
    DEVICE_EVENTS = "device_events"
    ALARMS = "alarms"
    ASSIGNMENTS = "assignments"
    VIOLATION_JOURNAL = "violation_journal"
    AUDIT_JOURNAL = "audit_journal"
    MEDIA = "device_media"  # voice messages devices sent (recorded material)


DEFAULT_RETENTION_DAYS: dict[RecordKind, int] = {
    RecordKind.POSITIONS: 90,
    RecordKind.DEVICE_EVENTS: 90,
    RecordKind.ALARMS: 3 * 365,
    RecordKind.ASSIGNMENTS: 3 * 365,
    RecordKind.VIOLATION_JOURNAL: 3 * 365,
    RecordKind.AUDIT_JOURNAL: 3 * 365,
    RecordKind.MEDIA: 3 * 365,
}
MIN_RETENTION_DAYS = 30
CHAINED_KINDS = frozenset({RecordKind.VIOLATION_JOURNAL, RecordKind.AUDIT_JOURNAL})
#: kinds purged in short batches after the act commits (SQLite: one writer at a time)
BATCHED_KINDS = frozenset({RecordKind.POSITIONS, RecordKind.DEVICE_EVENTS})
#: how long one purge batch may hold SQLite's write lock (the batch size adapts to it)
BATCH_TARGET_S = 0.02
#: pause between batches, longer than SQLite's busy-handler sleeps, so a waiting writer gets in
BATCH_PAUSE_S = 0.03
FIRST_BATCH_ROWS = 200
#: copy each batch's pages into the database file during the pause (see ``purge_act``)
CHECKPOINT_EACH_BATCH = True
MAX_BATCH_ROWS = 20_000
#: PostgreSQL: ingest never waits for a row delete (MVCC), so batches are longer and pauses short;
#: what the batches bound is the write-ahead log one commit of the ingest writer has to wait behind
PG_BATCH_TARGET_S = 0.1
PG_BATCH_PAUSE_S = 0.02
#: how long an act waits for the positions lock before it lets ingest through and tries again
PG_LOCK_TIMEOUT_MS = 50
PG_LOCK_ATTEMPTS = 200


class ActState(enum.StrEnum):
    PROPOSED = "proposed"
    EXECUTING = "executing"
    EXECUTED = "executed"
    CANCELLED = "cancelled"


class RetentionPolicy(Base):
    """A retention period that differs from the default (days)."""

    __tablename__ = "retention_policies"

    kind: Mapped[str] = mapped_column(String(32), primary_key=True)
    days: Mapped[int] = mapped_column(Integer)
    changed_by: Mapped[str] = mapped_column(String(64), default="")
    changed_at: Mapped[datetime] = mapped_column(UtcDateTime())


class DeletionAct(Base):
    """An act of destruction of expired records: proposed, confirmed, executed."""

    __tablename__ = "deletion_acts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    record_kind: Mapped[str] = mapped_column(String(32))
    cutoff: Mapped[datetime] = mapped_column(UtcDateTime())
    retention_days: Mapped[int] = mapped_column(Integer)
    row_count: Mapped[int] = mapped_column(Integer, default=0)
    first_id: Mapped[int | None] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), nullable=True)
    last_id: Mapped[int | None] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), nullable=True)
    anchor_hash: Mapped[str] = mapped_column(String(64), default="")
    state: Mapped[str] = mapped_column(String(16), default=ActState.PROPOSED)
    proposed_by: Mapped[str] = mapped_column(String(64))
    proposed_at: Mapped[datetime] = mapped_column(UtcDateTime())
    confirmed_by: Mapped[str | None] = mapped_column(String(64), nullable=True)
    confirmed_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), nullable=True)
    executed_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), nullable=True)
    reason: Mapped[str] = mapped_column(Text, default="")
    #: the day partitions of positions the act dropped, comma-separated (PostgreSQL; ``db.partitions``)
    partitions: Mapped[str] = mapped_column(Text, default="", server_default="")


class RetentionError(ValueError):
    """A retention request that cannot be carried out (message for the user)."""


@dataclass(frozen=True)
class _Target:
    model: type[Base]
    time_col: Any
    id_col: Any
    where: tuple[ColumnElement[bool], ...] = ()


def _targets() -> dict[RecordKind, _Target]:
    referenced_event = exists().where(Alarm.event_id == DeviceEventRow.id)
    positioned_event = exists().where(Position.event_id == DeviceEventRow.id)
    media_event = exists().where(DeviceMedia.event_id == DeviceEventRow.id)
    journalled_alarm = exists().where(ViolationEntry.alarm_id == Alarm.id)
    return {
        RecordKind.POSITIONS: _Target(Position, Position.time, Position.id),
        RecordKind.DEVICE_EVENTS: _Target(
            DeviceEventRow, DeviceEventRow.time, DeviceEventRow.id, (~referenced_event, ~positioned_event, ~media_event)
        ),
        RecordKind.ALARMS: _Target(
            Alarm, Alarm.raised_at, Alarm.id, (Alarm.closed_at.is_not(None), ~journalled_alarm)
        ),
        RecordKind.ASSIGNMENTS: _Target(
            Assignment, Assignment.returned_at, Assignment.id, (Assignment.returned_at.is_not(None),)
        ),
        RecordKind.VIOLATION_JOURNAL: _Target(ViolationEntry, ViolationEntry.recorded_at, ViolationEntry.id),
        RecordKind.AUDIT_JOURNAL: _Target(AuditEntry, AuditEntry.at, AuditEntry.id),
        RecordKind.MEDIA: _Target(DeviceMedia, DeviceMedia.time, DeviceMedia.id),
    }


def _events_with_their_days(session: Session) -> bool:
    """PostgreSQL with day partitions: a device-events act drops the positions of its days with the events.

    There positions keep no foreign key to their event (``history_events_unlinked``: with it every
    deleted event probed the event index of every positions partition, minutes for a national
    day); a position has its event's time, so dropping the day partitions before the act's cut-off
    (a whole UTC day, never after the positions' own cut-off) leaves no position without its event.
    """
    return session.get_bind().dialect.name == "postgresql" and partitions.is_partitioned(session.connection())


def _target(session: Session, kind: RecordKind) -> _Target:
    t = _targets()[kind]
    if kind is RecordKind.DEVICE_EVENTS and _events_with_their_days(session):
        # no probe of positions: the act removes the positions of its days itself
        t = _Target(t.model, t.time_col, t.id_col, (t.where[0], t.where[2]))
    return t


def retention_days(session: Session) -> dict[RecordKind, int]:
    """The period in force for every kind: the stored policy or the default."""
    days = dict(DEFAULT_RETENTION_DAYS)
    for row in session.execute(select(RetentionPolicy)).scalars():
        if row.kind in RecordKind.__members__.values():
            days[RecordKind(row.kind)] = row.days
    return days


def set_retention(session: Session, kind: RecordKind | str, days: int, changed_by: str) -> None:
    kind = _kind(kind)
    if days < MIN_RETENTION_DAYS:
        raise RetentionError(f"A retention period is at least {MIN_RETENTION_DAYS} days.")
    row = session.get(RetentionPolicy, str(kind))
    now = datetime.now(UTC)
    if row is None:
        session.add(RetentionPolicy(kind=str(kind), days=days, changed_by=changed_by, changed_at=now))
    else:
        row.days, row.changed_by, row.changed_at = days, changed_by, now
    session.flush()


def _kind(kind: RecordKind | str) -> RecordKind:
    try:
        return RecordKind(str(kind))
    except ValueError:
        raise RetentionError(f"Unknown record kind {kind!r}.") from None


def _expired_range(session: Session, kind: RecordKind, cutoff: datetime) -> tuple[int, int | None, int | None]:
    """(count, first id, last id) of what an act for ``kind`` would delete."""
    t = _target(session, kind)
    if kind in CHAINED_KINDS:
        # Only a prefix of a chain may go: stop at the first row that is still kept.
        first_kept = select(func.min(t.id_col)).where(t.time_col >= cutoff).scalar_subquery()
        # The newest row always stays, so later appends still chain to something.
        newest = select(func.max(t.id_col)).scalar_subquery()
        cond = and_(t.id_col < newest, t.id_col < func.coalesce(first_kept, newest))
        if kind is RecordKind.VIOLATION_JOURNAL:
            kept_correction = (
                select(func.min(ViolationEntry.corrects_id))
                .where(ViolationEntry.recorded_at >= cutoff)
                .scalar_subquery()
            )
            cond = and_(cond, t.id_col < func.coalesce(kept_correction, t.id_col + 1))
    else:
        cond = and_(t.time_col < cutoff, *t.where)
    row = session.execute(select(func.count(), func.min(t.id_col), func.max(t.id_col)).where(cond)).one()
    return int(row[0]), row[1], row[2]


def propose_act(
    session: Session, kind: RecordKind | str, proposed_by: str, now: datetime | None = None, reason: str = ""
) -> DeletionAct:
    """Write a proposed act for the records of ``kind`` past their retention period."""
    kind = _kind(kind)
    now = now or datetime.now(UTC)
    days = retention_days(session)[kind]
    cutoff = now - timedelta(days=days)
    if kind is RecordKind.POSITIONS and partitions.is_partitioned(session.connection()):
        # whole days only: the act drops day partitions, and never holds the table's lock for a
        # row-by-row delete of a partial day (the records of that day go with the next act)
        cutoff = cutoff.astimezone(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
        partitions.ensure_ahead(session.connection(), now)
    if kind is RecordKind.DEVICE_EVENTS and _events_with_their_days(session):
        # the positions of the act's days go with it: whole days, and never younger than the
        # positions' own retention (an event is kept as long as its position)
        positions_cutoff = now - timedelta(days=retention_days(session)[RecordKind.POSITIONS])
        cutoff = min(cutoff, positions_cutoff).astimezone(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
    count, first_id, last_id = _expired_range(session, kind, cutoff)
    act = DeletionAct(
        record_kind=str(kind),
        cutoff=cutoff,
        retention_days=days,
        row_count=count,
        first_id=first_id,
        last_id=last_id,
        state=ActState.PROPOSED,
        proposed_by=proposed_by,
        proposed_at=now,
        reason=reason,
    )
    session.add(act)
    session.flush()
    return act


def execute_act(session: Session, act_id: int, confirmed_by: str) -> DeletionAct:
    """Confirm the act and delete what it lists, in the caller's transaction."""
    act = session.get(DeletionAct, act_id)
    if act is None:
        raise RetentionError(f"There is no deletion act number {act_id}.")
    kind = RecordKind(act.record_kind)
    batched = _batched(session, kind)
    if act.state == ActState.EXECUTING and batched:
        _purge_after_commit(session, act.id)  # finish an act a stopped program left half done
        return act
    if act.state != ActState.PROPOSED:
        raise RetentionError(f"Deletion act {act_id} is {act.state}, not proposed.")
    if confirmed_by == act.proposed_by:
        # the two-person rule, at the lowest level too (``arm.reports.retention`` checks who they are)
        raise RetentionError(f"Deletion act {act_id} is confirmed by someone other than its proposer.")
    t = _target(session, kind)
    now = datetime.now(UTC)
    act.confirmed_by, act.confirmed_at, act.state = confirmed_by, now, ActState.EXECUTING
    if batched and act.row_count and act.first_id is not None:
        session.flush()
        _purge_after_commit(session, act.id)
        return act
    if act.row_count and act.first_id is not None and act.last_id is not None:
        if kind in CHAINED_KINDS:
            act.anchor_hash = session.execute(
                select(t.model.row_hash).where(t.id_col == act.last_id)  # type: ignore[attr-defined]
            ).scalar_one()
        session.flush()
        _delete(session, kind, t, act)
    act.state, act.executed_at = ActState.EXECUTED, now
    session.flush()
    return act


def _delete(session: Session, kind: RecordKind, t: _Target, act: DeletionAct) -> None:
    in_range = and_(t.id_col >= act.first_id, t.id_col <= act.last_id)
    if kind in CHAINED_KINDS:
        session.execute(delete(t.model).where(in_range))
        return
    cond = and_(in_range, t.time_col < act.cutoff, *t.where)
    if kind is RecordKind.ALARMS:
        doomed = select(Alarm.id).where(cond)
        session.execute(delete(AlarmAction).where(AlarmAction.alarm_id.in_(doomed)))
    if kind is RecordKind.POSITIONS and partitions.is_partitioned(session.connection()):
        # rows outside day partitions (the default one) first, then whole days: the lock is held
        # only from here to the commit, milliseconds
        _lock_positions(session)
        # the default partition named directly: a "tableoid = ..." filter on the parent prunes
        # nothing, so it read the expired day partitions too, with the lock held (1.1 s at a
        # national day, every report waiting)
        session.execute(text(f"DELETE FROM {partitions.DEFAULT} WHERE id >= :first AND id <= :last "
                             "AND time < :cutoff"),
                        {"first": act.first_id, "last": act.last_id, "cutoff": act.cutoff})
        act.partitions = ",".join(partitions.drop_expired(session.connection(), act.cutoff))
    else:  # (device events on PostgreSQL are batched: ``purge_act``, ``_drop_event_days``)
        session.execute(delete(t.model).where(cond))
    if kind is RecordKind.POSITIONS:
        session.execute(delete(LastPosition).where(LastPosition.time < act.cutoff))


def _lock_positions(session: Session) -> None:
    """``devices`` then ``positions``, in the order the ingest writer's transaction takes them.

    Dropping a detached day partition drops its foreign key to ``devices``, which takes that
    table's exclusive lock; taken only then, after the positions lock, it waited for an ingest
    transaction that held ``devices`` (its events' key check) and waited for ``positions``: a
    deadlock that failed the report (seen in ``bench/history.py``). Taken first, in the writer's
    order, the writer only waits for the act's commit: milliseconds.

    A lock request that waits queues every later request behind it: had some transaction held
    ``positions`` (autovacuum, a long report query), every report would wait with the act. So the
    request gives up after ``PG_LOCK_TIMEOUT_MS`` (in a savepoint, the act's transaction goes on),
    lets the queue drain and asks again.
    """
    for attempt in range(PG_LOCK_ATTEMPTS):
        try:
            with session.begin_nested():
                session.execute(text(f"SET LOCAL lock_timeout = '{PG_LOCK_TIMEOUT_MS}ms'"))
                session.execute(text("LOCK TABLE devices, positions IN ACCESS EXCLUSIVE MODE"))
        except OperationalError as exc:
            if getattr(exc.orig, "sqlstate", None) != LOCK_NOT_AVAILABLE:
                raise
            log.info("positions busy, the act's lock asked again (attempt %d)", attempt + 1)
            time.sleep(min(0.5, 0.02 * (attempt + 1)))
            continue
        session.execute(text("SET LOCAL lock_timeout = 0"))
        return
    raise RetentionError("The positions table stayed busy; the deletion act was not carried out. Try again.")


#: PostgreSQL's SQLSTATE for a lock not granted within ``lock_timeout``
LOCK_NOT_AVAILABLE = "55P03"


def _batched(session: Session, kind: RecordKind) -> bool:
    if kind not in BATCHED_KINDS:
        return False
    dialect = session.get_bind().dialect.name
    return dialect == "sqlite" or (dialect == "postgresql" and kind is RecordKind.DEVICE_EVENTS)


def _drop_event_days(engine: Engine, act_id: int, cutoff: datetime) -> None:
    """PostgreSQL: the positions of an events act's days, as whole partitions, in one short transaction.

    First, so that no position is ever left without its event while the events
    go in batches; the act records the partitions (a second run, after a stop,
    finds none left and keeps the list).
    """
    with Session(engine) as s, s.begin():
        if not _events_with_their_days(s):
            return
        _lock_positions(s)
        s.execute(text(f"DELETE FROM {partitions.DEFAULT} WHERE time < :cutoff"), {"cutoff": cutoff})
        dropped = partitions.drop_expired(s.connection(), cutoff)
        s.execute(delete(LastPosition).where(LastPosition.time < cutoff))
        act = s.get(DeletionAct, act_id)
        assert act is not None
        if dropped:
            act.partitions = ",".join([p for p in act.partitions.split(",") if p] + dropped)


#: ``session.info`` key: run the batched purge in a thread of its own after the commit, not in the
#: committing thread (the desk's GUI: its single database worker must not wait minutes for it)
PURGE_IN_BACKGROUND = "db.retention.purge_in_background"


def _purge_after_commit(session: Session, act_id: int) -> None:
    """Run ``purge_act`` once the caller's transaction (the act marked ``executing``) is committed."""
    from sqlalchemy import event

    bind = session.get_bind()
    engine = bind.engine if isinstance(bind, Connection) else bind
    background = bool(session.info.get(PURGE_IN_BACKGROUND))

    def purge() -> None:
        try:
            purge_act(engine, act_id)
        except Exception:  # the act stays executing: confirming it again finishes it
            log.exception("deletion act %s: purge stopped", act_id)
            if not background:
                raise

    def run(_session: Session) -> None:
        if background:
            threading.Thread(target=purge, name=f"arm-purge-{act_id}", daemon=True).start()
        else:
            purge()

    event.listen(session, "after_commit", run, once=True)


def purge_act(engine: Engine, act_id: int, *, target_s: float | None = None,
              pause_s: float | None = None) -> int:
    """Delete what an ``executing`` act lists in short transactions, then mark it ``executed``.

    Each batch deletes the next ids of the act's range (an index range, at
    most ``rows``) in its own transaction, and sizes the next batch so that
    the delete and its commit take about ``target_s``; between batches it
    sleeps ``pause_s`` so that the ingest writer, waiting in SQLite's busy
    handler, gets the lock. Returns the number of rows deleted.

    On PostgreSQL (device events) the batches are longer and the pauses
    shorter (``PG_BATCH_TARGET_S``), and the positions of the act's days are
    dropped as partitions before the first batch (``_drop_event_days``).
    """
    sqlite = engine.dialect.name == "sqlite"
    target_s = target_s if target_s is not None else (BATCH_TARGET_S if sqlite else PG_BATCH_TARGET_S)
    pause_s = pause_s if pause_s is not None else (BATCH_PAUSE_S if sqlite else PG_BATCH_PAUSE_S)
    with Session(engine) as s:
        act = s.get(DeletionAct, act_id)
        if act is None or act.state != ActState.EXECUTING:
            raise RetentionError(f"Deletion act {act_id} is not being executed.")
        kind, cutoff, first_id, last_id = RecordKind(act.record_kind), act.cutoff, act.first_id, act.last_id
        t = _target(s, kind)
    if kind is RecordKind.DEVICE_EVENTS and not sqlite:
        _drop_event_days(engine, act_id, cutoff)
    cond = and_(t.time_col < cutoff, *t.where)
    deleted, rows, low = 0, FIRST_BATCH_ROWS, first_id
    with engine.connect() as conn:
        # No fsync per batch: WAL commits are ordered, so the final commit below (synchronous
        # FULL again) makes every batch before it durable too; the pooled connection gets FULL back.
        if sqlite:
            conn.exec_driver_sql("PRAGMA synchronous = NORMAL")
            conn.commit()
        try:
            while low is not None and last_id is not None and low <= last_id:
                doomed = (select(t.id_col).where(t.id_col >= low, t.id_col <= last_id, cond)
                          .order_by(t.id_col).limit(rows))
                started = time.perf_counter()
                with conn.begin():
                    ids = list(conn.execute(delete(t.model).where(t.id_col.in_(doomed.scalar_subquery()))
                                            .returning(t.id_col)).scalars())
                took = time.perf_counter() - started
                if not ids:
                    break
                deleted += len(ids)
                log.debug("purge batch %d rows %.1f ms", len(ids), took * 1000)
                rows = max(50, min(MAX_BATCH_ROWS, int(rows * target_s / max(took, 1e-4))))
                low = max(ids) + 1
                # Copy the batch's pages from the WAL into the database file now, in the pause and in
                # this thread: otherwise the WAL grows to the auto-checkpoint size and whichever
                # connection commits next (often the ingest writer) copies it before its report is acked.
                paused = time.perf_counter()
                if CHECKPOINT_EACH_BATCH and sqlite:
                    conn.exec_driver_sql("PRAGMA wal_checkpoint(PASSIVE)")
                    conn.commit()
                time.sleep(max(0.0, pause_s - (time.perf_counter() - paused)))
        finally:
            conn.rollback()
            if sqlite:
                conn.exec_driver_sql("PRAGMA synchronous = FULL")
    with Session(engine) as s, s.begin():
        if kind is RecordKind.POSITIONS:
            s.execute(delete(LastPosition).where(LastPosition.time < cutoff))
        act = s.get(DeletionAct, act_id)
        assert act is not None
        # what went, which is more than proposed if rows became deletable meanwhile (events whose
        # positions an earlier act removed)
        act.row_count = deleted
        act.state, act.executed_at = ActState.EXECUTED, datetime.now(UTC)
    log.info("deletion act %s: %d %s rows deleted in batches", act_id, deleted, kind)
    return deleted


def cancel_act(session: Session, act_id: int) -> DeletionAct:
    act = session.get(DeletionAct, act_id)
    if act is None or act.state != ActState.PROPOSED:
        raise RetentionError(f"Deletion act {act_id} cannot be cancelled.")
    act.state = ActState.CANCELLED
    session.flush()
    return act


def anchors(session: Session, journal: str) -> list[tuple[int, str]]:
    """(last deleted id, its hash) of every executed act on a chained journal."""
    stmt = (
        select(DeletionAct.last_id, DeletionAct.anchor_hash)
        .where(
            DeletionAct.record_kind == journal,
            DeletionAct.state == ActState.EXECUTED,
            DeletionAct.row_count > 0,
        )
        .order_by(DeletionAct.last_id)
    )
    return [(int(a), str(h)) for a, h in session.execute(stmt) if a is not None]
