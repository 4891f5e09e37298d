"""PostgreSQL: ``positions`` partitioned by day, and the partitions' management.

At national scale positions grow by 3.6 million rows a day. Partitioned by
UTC day (revision ``history_partitions``), each day is its own table with its
own indexes (device/time, event, PostGIS), so a query names few partitions
and a deletion act removes whole expired days by dropping their partitions:
a catalogue operation that takes milliseconds whatever the day held, while
ingest goes on (``db.retention``; the act records which partitions it
dropped). Rows of the day that straddles the cut-off are deleted as rows.

A ``positions_default`` partition takes any row no day partition covers (a
device with a wrong clock, a day not yet created), so a report is never
refused. ``ensure_partitions`` creates the days ahead (the service calls it
at start and daily, the deletion act too) and moves rows the default holds
for a day it creates into that day's partition (PostgreSQL refuses a new
partition whose rows sit in the default).

Device events are not partitioned: three foreign keys point at their ids
(positions, alarms, media) and a resent event is found by ``(device_id,
evseq)`` whatever its time; with those keys indexed (``db/history.py``) a day
of events is deleted as rows in well under a minute.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import text
from sqlalchemy.engine import Connection

PARENT = "positions"
DEFAULT = "positions_default"
#: days created ahead of today
AHEAD_DAYS = 7
_NAME = re.compile(r"^positions_p(\d{8})$")


def partition_name(day: date) -> str:
    return f"positions_p{day:%Y%m%d}"


def _bound(day: date) -> str:
    return datetime.combine(day, time(0), UTC).isoformat()


def is_partitioned(conn: Connection) -> bool:
    if conn.dialect.name != "postgresql":
        return False
    return bool(conn.execute(text(
        "SELECT 1 FROM pg_partitioned_table p JOIN pg_class c ON c.oid = p.partrelid "
        "WHERE c.relname = :t AND c.relnamespace = 'public'::regnamespace"), {"t": PARENT}).first())


def day_partitions(conn: Connection) -> dict[date, str]:
    """The day partitions that exist, by day."""
    rows = conn.execute(text(
        "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid "
        "JOIN pg_class p ON p.oid = i.inhparent WHERE p.relname = :t"), {"t": PARENT}).scalars()
    out = {}
    for name in rows:
        m = _NAME.match(name)
        if m:
            out[datetime.strptime(m.group(1), "%Y%m%d").date()] = name
    return out


def ensure_partitions(conn: Connection, first: date, last: date) -> list[str]:
    """Create the day partitions from ``first`` to ``last`` (included) that are missing.

    Rows the default partition holds for such a day move into it, in the
    caller's transaction. Returns the names created.
    """
    if not is_partitioned(conn):
        return []
    have = day_partitions(conn)
    created = []
    day = first
    while day <= last:
        if day not in have:
            name, lo, hi = partition_name(day), _bound(day), _bound(day + timedelta(days=1))
            conn.execute(text(f"CREATE TABLE {name} (LIKE {PARENT} INCLUDING DEFAULTS INCLUDING CONSTRAINTS)"))
            moved = conn.execute(text(
                f"WITH gone AS (DELETE FROM {DEFAULT} WHERE time >= :lo AND time < :hi RETURNING *) "
                f"INSERT INTO {name} SELECT * FROM gone"), {"lo": lo, "hi": hi}).rowcount
            conn.execute(text(f"ALTER TABLE {PARENT} ATTACH PARTITION {name} FOR VALUES FROM ('{lo}') TO ('{hi}')"))
            if moved:
                conn.execute(text(f"ANALYZE {name}"))
            created.append(name)
        day += timedelta(days=1)
    return created


def ensure_ahead(conn: Connection, now: datetime | None = None, ahead_days: int = AHEAD_DAYS) -> list[str]:
    """Today and ``ahead_days`` after it."""
    today = (now or datetime.now(UTC)).astimezone(UTC).date()
    return ensure_partitions(conn, today, today + timedelta(days=ahead_days))


def drop_expired(conn: Connection, cutoff: datetime) -> list[str]:
    """Drop the day partitions that end at or before ``cutoff``; returns their names (oldest first)."""
    if not is_partitioned(conn):
        return []
    dropped = []
    for day, name in sorted(day_partitions(conn).items()):
        if datetime.combine(day + timedelta(days=1), time(0), UTC) <= cutoff:
            conn.execute(text(f"ALTER TABLE {PARENT} DETACH PARTITION {name}"))
            conn.execute(text(f"DROP TABLE {name}"))
            dropped.append(name)
    return dropped


def is_partition_table(name: str | None) -> bool:
    return bool(name) and (name == DEFAULT or bool(_NAME.match(str(name))))
