"""The figures behind the charts: alarm load, response times, device states,
battery and signal history, and the alarm-management measures an auditor asks
for (EEMUA 191 / ISA-18.2: alarms per operator per 10 minutes, floods,
standing and shelved alarms).

Alarm figures start from the same scoped query as the alarm log, so a
supervisor's charts count only the districts they may see. Grouping by day
uses the desk's UTC offset inside SQL, so a million alarms are counted by the
database, not copied into Python.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from statistics import mean, median
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import func, literal_column, select
from sqlalchemy.orm import Session

from arm import access
from db.models import Assignment, Device, DeviceEventRow
from db.queries import journals
from db.queries.filters import JournalFilter
from db.types import comparable

FLOOD_PER_10_MIN = 10  # EEMUA 191: more than 10 alarms in 10 minutes is a flood
STANDING_AFTER = timedelta(hours=24)
BUCKET = timedelta(minutes=10)


def _scoped_alarms(session: Session, user: Any, start: datetime, end: datetime) -> Any:
    access.require(user, access.Action.ALARM_FIGURES)
    scope = access.scope_for(user, access.Journal.ALARMS)
    js = journals.spec("alarms")
    f = JournalFilter(date_from=start, date_to=end)
    stmt = js.build(scope)
    return stmt.where(*js.filters(f)).subquery()


def _local_day(col: Any, offset_s: int, dialect: str) -> Any:
    if dialect == "postgresql":
        return func.date(col + literal_column(f"interval '{offset_s} seconds'"))
    return func.date(col, f"{offset_s:+d} seconds")


def alarms_per_day(
    session: Session, user: Any, start: datetime, end: datetime, tz: ZoneInfo, by: str = "kind"
) -> dict[date, dict[str, int]]:
    """{local day: {kind or priority: count}}."""
    if by not in ("kind", "priority"):
        raise ValueError("by is 'kind' or 'priority'")
    sub = _scoped_alarms(session, user, start, end)
    offset = int((start.astimezone(tz).utcoffset() or timedelta(0)).total_seconds())
    day = _local_day(sub.c.raised_at, offset, session.get_bind().dialect.name).label("day")
    stmt = select(day, sub.c[by], func.count()).group_by(day, sub.c[by]).order_by(day)
    out: dict[date, dict[str, int]] = defaultdict(dict)
    for d, key, n in session.execute(stmt):
        out[d if isinstance(d, date) else date.fromisoformat(str(d))][str(key)] = int(n)
    return dict(out)


@dataclass(frozen=True)
class OperatorTimes:
    operator: str
    alarms: int
    ack_median_s: float
    ack_mean_s: float
    close_median_s: float | None
    per_10min_mean: float
    per_10min_max: int


def operator_figures(session: Session, user: Any, start: datetime, end: datetime) -> list[OperatorTimes]:
    """Time to acknowledge and to close, and the alarm rate, per operator."""
    sub = _scoped_alarms(session, user, start, end)
    rows = session.execute(
        select(sub.c.acknowledged_by, sub.c.raised_at, sub.c.acknowledged_at, sub.c.closed_at)
        .where(sub.c.acknowledged_by.is_not(None))
    ).all()
    by_op: dict[str, list[Any]] = defaultdict(list)
    for op, raised, acked, closed in rows:
        by_op[op].append((raised, acked, closed))
    buckets_total = max(1, int((end - start) / BUCKET))
    out = []
    for op, items in sorted(by_op.items()):
        ack = [(a - r).total_seconds() for r, a, _ in items if a]
        close = [(c - r).total_seconds() for r, _, c in items if c]
        per_bucket = Counter(int((r - start) / BUCKET) for r, _, _ in items)
        out.append(OperatorTimes(
            op, len(items), median(ack) if ack else 0.0, mean(ack) if ack else 0.0,
            median(close) if close else None, len(items) / buckets_total, max(per_bucket.values(), default=0),
        ))
    return out


@dataclass(frozen=True)
class Flood:
    start: datetime
    end: datetime
    alarms: int


def floods(session: Session, user: Any, start: datetime, end: datetime,
           threshold: int = FLOOD_PER_10_MIN) -> list[Flood]:
    """Runs of consecutive 10-minute intervals with more than ``threshold`` alarms."""
    sub = _scoped_alarms(session, user, start, end)
    counts = Counter(int((r - start) / BUCKET) for (r,) in session.execute(select(sub.c.raised_at)))
    out: list[Flood] = []
    for b in sorted(counts):
        if counts[b] <= threshold:
            continue
        if out and out[-1].end == start + BUCKET * b:
            last = out[-1]
            out[-1] = Flood(last.start, last.end + BUCKET, last.alarms + counts[b])
        else:
            out.append(Flood(start + BUCKET * b, start + BUCKET * (b + 1), counts[b]))
    return out


def standing_and_shelved(session: Session, user: Any, now: datetime | None = None) -> dict[str, list[Any]]:
    """Alarms open longer than 24 h (standing), and the shelved ones with their end time."""
    now = now or datetime.now(UTC)
    sub = _scoped_alarms(session, user, now - timedelta(days=3650), now + timedelta(seconds=1))
    standing = session.execute(
        select(sub.c.id, sub.c.raised_at, sub.c.kind, sub.c.person)
        .where(sub.c.state.in_(("active", "returned")), sub.c.raised_at < now - STANDING_AFTER)
        .order_by(sub.c.raised_at)
    ).all()
    shelved = session.execute(
        select(sub.c.id, sub.c.raised_at, sub.c.kind, sub.c.person).where(sub.c.state == "shelved")
        .order_by(sub.c.raised_at)
    ).all()
    return {"standing": [tuple(r) for r in standing], "shelved": [tuple(r) for r in shelved]}


def devices_by_state(session: Session, user: Any) -> dict[str, int]:
    access.require(user, access.Action.DEVICE_FIGURES)
    return {str(s): int(n) for s, n in session.execute(select(Device.status, func.count()).group_by(Device.status))}


def battery_history(
    session: Session, user: Any, *, person_id: int | None = None, serial: str | None = None,
    start: datetime, end: datetime,
) -> list[tuple[datetime, int | None, int | None]]:
    """(time, battery %, rssi dBm) from STAT events of a device, or of a person's devices while worn."""
    if person_id is not None:
        access.require(user, access.Action.PERSON_FIGURES)
        from arm import audit

        audit.record(session, user, "view_battery_history", "person", person_id)
        worn = select(Assignment.device_id, Assignment.issued_at, Assignment.returned_at).where(
            Assignment.person_id == person_id).subquery()
        stmt = (
            select(DeviceEventRow.time, DeviceEventRow.fields)
            .join(worn, worn.c.device_id == DeviceEventRow.device_id)
            .where(DeviceEventRow.time >= comparable(worn.c.issued_at),
                   (worn.c.returned_at.is_(None)) | (DeviceEventRow.time < comparable(worn.c.returned_at)))
        )
    elif serial:
        access.require(user, access.Action.DEVICE_FIGURES)
        stmt = select(DeviceEventRow.time, DeviceEventRow.fields).join(Device, Device.id == DeviceEventRow.device_id)
        stmt = stmt.where(Device.serial == serial)
    else:
        raise ValueError("Give a person or a device serial.")
    stmt = stmt.where(DeviceEventRow.kind == "STAT", DeviceEventRow.time >= start, DeviceEventRow.time < end)
    rows = session.execute(stmt.order_by(DeviceEventRow.time).limit(50_000)).all()
    return [(t, (f or {}).get("battery"), (f or {}).get("rssi")) for t, f in rows]
