"""The ingest writer's inserts on PostgreSQL, straight through psycopg.

The same reason as ``arm.ingest_sqlite``: SQLAlchemy's per-row parameter
processing cost more than the database. psycopg adapts Python values itself
(aware datetimes to ``timestamptz``, ints, floats, None), so the rows need no
preparation beyond the JSON text of ``fields`` (packed by ``db.event_codec.dumps``
as the ``CompactFields`` column type would, cast to ``json`` in the statement). Events and positions go in as multi-row
``INSERT .. VALUES (..),(..)``; events with ``ON CONFLICT DO NOTHING RETURNING``
so duplicates stay invisible, exactly as on the Core path it replaces.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from functools import lru_cache
from typing import Any

import psycopg

from db.event_codec import dumps as fields_dumps

#: rows per statement: far below PostgreSQL's 65,535 parameters, and the same
#: statement text (so the server's plan cache helps) for every full chunk
ROWS_PER_STATEMENT = 1000

_EVENT_HEAD = "INSERT INTO device_events (device_id, evseq, time, received, kind, source, fields) VALUES "
_EVENT_TAIL = " ON CONFLICT (device_id, evseq) DO NOTHING RETURNING id, device_id, evseq"
_POSITION_HEAD = ("INSERT INTO positions (device_id, event_id, time, lat, lon, fix, sats, hdop, accuracy_m, "
                  "speed_kmh, course) VALUES ")


@lru_cache(maxsize=64)
def _values(rows: int, columns: int, json_column: int = -1) -> str:
    """``($1,$2,..),($8,..)`` for a raw cursor: psycopg parses ``%s`` queries in
    Python, which for thousands of placeholders cost more than the insert."""
    out = []
    for r in range(rows):
        base = r * columns
        cells = [f"${base + c + 1}::json" if c == json_column else f"${base + c + 1}" for c in range(columns)]
        out.append("(" + ",".join(cells) + ")")
    return ",".join(out)

EventRow = tuple[int, int, datetime, datetime, str, str, str]


def event_row(device_id: int, evseq: int, time: datetime, received: datetime, kind: str, source: str,
              fields: Any) -> EventRow:
    return (device_id, evseq, time, received, kind, source, fields_dumps(fields, kind))


def insert_events(dbapi_connection: Any, rows: Sequence[EventRow]) -> list[tuple[int, int, int]]:
    """Insert what is new; returns ``(id, device_id, evseq)`` of the rows inserted now."""
    inserted: list[tuple[int, int, int]] = []
    with psycopg.RawCursor(dbapi_connection) as cursor:
        for start in range(0, len(rows), ROWS_PER_STATEMENT):
            chunk = rows[start : start + ROWS_PER_STATEMENT]
            cursor.execute(_EVENT_HEAD + _values(len(chunk), 7, 6) + _EVENT_TAIL,
                           [value for row in chunk for value in row])
            inserted += cursor.fetchall()
    return inserted


def insert_positions(dbapi_connection: Any, rows: Sequence[tuple[Any, ...]]) -> None:
    with psycopg.RawCursor(dbapi_connection) as cursor:
        for start in range(0, len(rows), ROWS_PER_STATEMENT):
            chunk = rows[start : start + ROWS_PER_STATEMENT]
            cursor.execute(_POSITION_HEAD + _values(len(chunk), 11), [value for row in chunk for value in row])
