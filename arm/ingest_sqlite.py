"""The ingest writer's inserts on SQLite, straight through the sqlite3 driver.

At 10,000 reports a second, SQLAlchemy's per-row parameter processing (the
UTC datetime decorator, the JSON type, ``construct_params`` for every row of
an executemany) cost about 40 us a report, more than SQLite itself. Here the
writer hands the driver rows that are already in the form SQLAlchemy would
have stored, so the tables read back identically through the ORM:

* the history's datetimes as integer microseconds since the Unix epoch (what
  the ``db.types.UtcTime`` columns store on SQLite and read back as aware UTC);
* ``fields`` packed by ``db.event_codec.dumps`` (compact JSON, what the
  ``CompactFields`` column type writes and unpacks on reading).

Events go in as multi-row ``INSERT .. VALUES (..),(..) ON CONFLICT DO NOTHING
RETURNING`` (sqlite3's executemany cannot return rows), which is what
SQLAlchemy's "insertmanyvalues" does too, minus its Python per row; RETURNING
gives the ids of the rows that were new, so duplicates stay invisible as before.
PostgreSQL keeps the SQLAlchemy Core path in ``arm.ingest``.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from db.event_codec import dumps as fields_dumps
from db.types import micros

#: rows per multi-row statement: 7 parameters each stays far below SQLite's 32,766
EVENT_ROWS_PER_STATEMENT = 500

_EVENT_COLUMNS = "(device_id, evseq, time, received, kind, source, fields)"
_EVENT_ROW = "(?,?,?,?,?,?,?)"
_EVENT_TAIL = " ON CONFLICT (device_id, evseq) DO NOTHING RETURNING id, device_id, evseq"
_POSITION_INSERT = (
    "INSERT INTO positions (device_id, event_id, time, lat, lon, fix, sats, hdop, accuracy_m, speed_kmh, course) "
    "VALUES (?,?,?,?,?,?,?,?,?,?,?)"
)

EventRow = tuple[int, int, int, int, str, str, str]
PositionRow = tuple[int, int, int, float, float, int, Any, Any, Any, Any, Any]


def sqlite_time(value: datetime) -> int:
    """An aware datetime as a history time column stores it on SQLite (``db.types.UtcTime``)."""
    return micros(value)


def event_row(device_id: int, evseq: int, time: datetime, received: int, kind: str, source: str,
              fields: Any) -> EventRow:
    return (device_id, evseq, sqlite_time(time), received, kind, source, fields_dumps(fields, kind))


def insert_events(dbapi_connection: Any, rows: Sequence[EventRow]) -> list[tuple[int, int, int]]:
    """Insert what is new; returns ``(id, device_id, evseq)`` of the rows inserted now."""
    cursor = dbapi_connection.cursor()
    inserted: list[tuple[int, int, int]] = []
    try:
        step = EVENT_ROWS_PER_STATEMENT
        for start in range(0, len(rows), step):
            chunk = rows[start : start + step]
            sql = f"INSERT INTO device_events {_EVENT_COLUMNS} VALUES {','.join([_EVENT_ROW] * len(chunk))}{_EVENT_TAIL}"
            inserted += cursor.execute(sql, [value for row in chunk for value in row]).fetchall()
    finally:
        cursor.close()
    return inserted


def insert_positions(dbapi_connection: Any, rows: Sequence[PositionRow]) -> None:
    cursor = dbapi_connection.cursor()
    try:
        cursor.executemany(_POSITION_INSERT, rows)
    finally:
        cursor.close()
