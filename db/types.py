"""Column types shared by the history tables: timestamps as integers on SQLite.

The history (``device_events``, ``positions``, ``last_positions``) holds two
timestamps per report and three indexes over them. SQLAlchemy's SQLite
``DATETIME`` stores text (``'2026-09-01 00:00:00.000000'``, 26 bytes per value,
in the row and in every index entry); a position with its event carried six
such values, about 150 of its 451 bytes. :class:`UtcTime` stores the same
instant as an integer of microseconds since 1970-01-01 UTC (6 bytes for any
date of this century) on SQLite, and stays ``timestamptz`` on PostgreSQL.

Every ORM/Core reader and comparison is unchanged: bound parameters take the
column's type, so ``Position.time >= since`` binds an integer on SQLite, and a
read returns an aware UTC ``datetime`` exactly as ``UtcDateTime`` does
(microsecond for microsecond). The column's declared SQLite type stays
``DATETIME`` (NUMERIC affinity, which keeps an integer an integer), so the
migration ``history_integer_times`` converts existing rows in place, without
a table rebuild, and a fresh schema is the same as a migrated one.

Raw SQL on SQLite must use integers: :func:`micros` for values (the ingest
writer), :func:`sqlite_micros_sql` to compare a history time with a text
timestamp of another table (assignments, alarms: they keep ``UtcDateTime``),
see :func:`comparable`. ``db`` imports nothing of ours.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import BigInteger, DateTime
from sqlalchemy.engine import Dialect
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement
from sqlalchemy.types import TypeDecorator, TypeEngine

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MICRO = timedelta(microseconds=1)


def micros(value: datetime) -> int:
    """An aware datetime as integer microseconds since the Unix epoch (exact, integer arithmetic)."""
    if value.tzinfo is None:
        raise ValueError("naive datetime given to a UTC column")
    return (value - EPOCH) // _MICRO


def from_micros(value: int) -> datetime:
    """The aware UTC datetime of :func:`micros`'s integer."""
    return EPOCH + timedelta(microseconds=int(value))


def parse_sqlite_text(value: str) -> datetime:
    """A timestamp as SQLAlchemy's SQLite DATETIME stored it (naive UTC text, or with an offset)."""
    parsed = datetime.fromisoformat(value.strip())
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)


class SqliteMicros(BigInteger):
    """The SQLite storage of :class:`UtcTime`: an integer, declared ``DATETIME`` (see the module)."""


@compiles(SqliteMicros, "sqlite")
def _sqlite_ddl(_type: SqliteMicros, _compiler: Any, **_kw: Any) -> str:
    return "DATETIME"


class UtcTime(TypeDecorator[datetime]):
    """Aware UTC datetimes in and out; integer microseconds on SQLite, ``timestamptz`` on PostgreSQL."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        if dialect.name == "sqlite":
            return dialect.type_descriptor(SqliteMicros())
        return dialect.type_descriptor(DateTime(timezone=True))

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        if dialect.name == "sqlite":
            return micros(value)
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(UTC)

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if isinstance(value, int):
            return from_micros(value)
        if isinstance(value, str):  # a row the migration has not converted (never left by it)
            return parse_sqlite_text(value)
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def sqlite_micros_sql(text_expr: str) -> str:
    """SQLite SQL turning a stored text timestamp (``YYYY-MM-DD HH:MM:SS[.ffffff]``, naive UTC) into
    :func:`micros`'s integer, exactly: whole seconds by ``strftime('%s')`` of the first 19 characters,
    plus the fraction's digits padded to six. (``strftime`` of the whole text rounds it to
    milliseconds first: ``'23:59:59.999999'`` would become the next second.)"""
    t = text_expr
    frac = f"substr(substr({t}, 21) || '000000', 1, 6)"
    return (f"(CAST(strftime('%s', substr({t}, 1, 19)) AS INTEGER) * 1000000 + "
            f"CASE WHEN substr({t}, 20, 1) = '.' THEN CAST({frac} AS INTEGER) ELSE 0 END)")


class comparable(FunctionElement[datetime]):  # lower case: used like a function in queries
    """A ``UtcDateTime`` column of another table (text on SQLite) made comparable with a
    :class:`UtcTime` column: on SQLite its integer microseconds (:func:`sqlite_micros_sql`), on
    PostgreSQL the column itself. Put it on the side of the *other* table, so the history's own
    index still serves the comparison::

        DeviceEventRow.time >= comparable(Assignment.issued_at)
    """

    type = UtcTime()
    inherit_cache = True
    name = "comparable"


@compiles(comparable)
def _comparable_default(element: comparable, compiler: Any, **kw: Any) -> str:
    return str(compiler.process(list(element.clauses)[0], **kw))


@compiles(comparable, "sqlite")
def _comparable_sqlite(element: comparable, compiler: Any, **kw: Any) -> str:
    return sqlite_micros_sql(str(compiler.process(list(element.clauses)[0], **kw)))


__all__ = ["EPOCH", "SqliteMicros", "UtcTime", "comparable", "from_micros", "micros",
           "parse_sqlite_text", "sqlite_micros_sql"]
