"""history: on SQLite the history's timestamps are integer microseconds, not 26-character text

Revision ID: history_integer_times
Revises: history_events_unlinked
Create Date: 2026-12-07 22:30:00

``device_events.time``/``.received``, ``positions.time`` and
``last_positions.time`` become ``db.types.UtcTime``: on SQLite an integer of
microseconds since 1970-01-01 UTC (6 bytes instead of the 26 of
``'2026-09-01 00:00:00.000000'``, in the row and in each of the three time
indexes), on PostgreSQL ``timestamptz`` as before (nothing to do there).

The columns stay declared ``DATETIME`` (NUMERIC affinity keeps an integer an
integer), so no table is rebuilt: existing rows are rewritten in keyset
batches of 20,000 ids, in SQL for the text SQLAlchemy writes
(``YYYY-MM-DD HH:MM:SS.ffffff``: ``strftime('%s')`` seconds times a million
plus the six fraction digits, exact to the microsecond), and in Python for any
other text (no fraction, a time-zone offset). The R*Tree's insert trigger
takes whole seconds by division instead of ``strftime``. The downgrade writes
the same text back (exactly what SQLAlchemy's ``DATETIME`` stores) and the old
trigger.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC
from typing import Any

import sqlalchemy as sa
from alembic import op

from db.types import from_micros, micros, parse_sqlite_text, sqlite_micros_sql

revision = "history_integer_times"
down_revision = "history_events_unlinked"
branch_labels = None
depends_on = None

BATCH = 20_000

#: table -> (its keyset key, its time columns)
TABLES: dict[str, tuple[str, tuple[str, ...]]] = {
    "device_events": ("id", ("time", "received")),
    "positions": ("id", ("time",)),
    "last_positions": ("device_id", ("time",)),
}

#: the text SQLAlchemy's SQLite DATETIME writes: converted in SQL; anything else in Python
_CANONICAL = "'" + "[0-9]" * 4 + "-" + "[0-9]" * 2 + "-" + "[0-9]" * 2 + " " + ":".join(["[0-9]" * 2] * 3) + "." + \
    "[0-9]" * 6 + "'"

_RTREE_INSERT = (
    "CREATE TRIGGER trg_positions_rtree_insert AFTER INSERT ON positions BEGIN "
    "INSERT INTO positions_rtree VALUES (NEW.id, NEW.lat, NEW.lat, NEW.lon, NEW.lon, {t}, {t}); END"
)
_SECONDS_INT = "(NEW.time / 1000000)"
_SECONDS_TEXT = "CAST(strftime('%s', NEW.time) AS INTEGER)"


def _to_text(value: int) -> str:
    return from_micros(value).replace(tzinfo=None).isoformat(" ", "microseconds")


def _to_micros(value: str) -> int:
    return micros(parse_sqlite_text(value).astimezone(UTC))


def _batches(bind: sa.engine.Connection, table: str, key: str) -> list[tuple[int, int]]:
    """Keyset ranges ``(after, up_to)`` of at most BATCH rows each."""
    ranges: list[tuple[int, int]] = []
    last = bind.exec_driver_sql(f"SELECT min({key}) - 1 FROM {table}").scalar()
    if last is None:
        return ranges
    while True:
        hi = bind.exec_driver_sql(f"SELECT {key} FROM {table} WHERE {key} > ? ORDER BY {key} LIMIT 1 OFFSET ?",
                                  (last, BATCH - 1)).scalar()
        if hi is None:
            hi = bind.exec_driver_sql(f"SELECT max({key}) FROM {table}").scalar()
            if hi is not None and hi > last:
                ranges.append((last, hi))
            return ranges
        ranges.append((last, hi))
        last = hi


def _convert(sql_of: Callable[[str], str], wrong_type: str, python: Callable[[Any], Any]) -> None:
    """Every time column of the history: ``sql_of(column)`` where it applies, ``python`` for the rest."""
    bind = op.get_bind()
    for table, (key, columns) in TABLES.items():
        sets = ", ".join(f"{c} = {sql_of(c)}" for c in columns)
        for lo, hi in _batches(bind, table, key):
            bind.exec_driver_sql(f"UPDATE {table} SET {sets} WHERE {key} > ? AND {key} <= ?", (lo, hi))
            for column in columns:
                rest = bind.exec_driver_sql(
                    f"SELECT {key}, {column} FROM {table} WHERE {key} > ? AND {key} <= ? AND typeof({column}) = ?",
                    (lo, hi, wrong_type)).all()
                for row_key, value in rest:
                    bind.exec_driver_sql(f"UPDATE {table} SET {column} = ? WHERE {key} = ?",
                                         (python(value), row_key))


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return  # PostgreSQL keeps timestamptz
    op.execute("DROP TRIGGER IF EXISTS trg_positions_rtree_insert")
    _convert(lambda c: f"CASE WHEN typeof({c}) = 'text' AND {c} GLOB {_CANONICAL} "
                       f"THEN {sqlite_micros_sql(c)} ELSE {c} END", "text", _to_micros)
    op.execute(_RTREE_INSERT.format(t=_SECONDS_INT))


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    op.execute("DROP TRIGGER IF EXISTS trg_positions_rtree_insert")
    _convert(lambda c: f"CASE WHEN typeof({c}) = 'integer' AND {c} >= 0 THEN "
                       f"strftime('%Y-%m-%d %H:%M:%S', {c} / 1000000, 'unixepoch') || '.' || "
                       f"printf('%06d', {c} % 1000000) ELSE {c} END", "integer", _to_text)
    op.execute(_RTREE_INSERT.format(t=_SECONDS_TEXT))
