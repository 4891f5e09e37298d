"""History at national scale: the indexes, tables and triggers that keep it fast as it grows.

At 2,500 trackers reporting once a minute a day is 3.6 million positions, and
the default retention holds 90 days. Three things must not depend on that size:

* **Purging** (``db.retention``): every foreign key has an index on its
  referencing column, so deleting a device event does not scan all positions
  (``positions.event_id``) or alarms; proposing an act is an index range count.
* **The last known position** of each device (live map at start-up, rules
  state after a restart): ``last_positions`` holds one row per device,
  upserted by a trigger in the same transaction as the ingest writer's insert
  (whatever writes positions: the ingest core, the demo, a migration), and
  only when the fix is newer than the one it holds (late replays never move it
  back). It keeps a copy of the values, not a reference, so purging history
  does not touch it; a deletion act of positions removes the rows older than
  its cut-off (personal data past retention).
* **"Who was here"** (``arm.history``): on SQLite an R*Tree over (lat, lon,
  time) of every position, maintained by triggers; on PostgreSQL a GiST index
  of PostGIS over the point and the time (revision ``history_storage``).

The triggers' SQL lives here so that the migration and the tests use the same
text. ``db`` imports nothing of ours beyond ``db``.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Float, ForeignKey, Index, Integer
from sqlalchemy.orm import Mapped, mapped_column

from db.models import Alarm, Base, Position, Restriction, ViolationEntry
from db.types import UtcTime


class LastPosition(Base):
    """The newest fix of each device, maintained by a trigger on ``positions``."""

    __tablename__ = "last_positions"

    device_id: Mapped[int] = mapped_column(ForeignKey("devices.id"), primary_key=True)
    position_id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"))
    event_id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"))
    time: Mapped[datetime] = mapped_column(UtcTime())
    lat: Mapped[float] = mapped_column(Float)
    lon: Mapped[float] = mapped_column(Float)
    fix: Mapped[int] = mapped_column(Integer)
    sats: Mapped[int | None] = mapped_column(Integer, nullable=True)
    hdop: Mapped[float | None] = mapped_column(Float, nullable=True)
    accuracy_m: Mapped[float | None] = mapped_column(Float, nullable=True)
    speed_kmh: Mapped[float | None] = mapped_column(Float, nullable=True)
    course: Mapped[float | None] = mapped_column(Float, nullable=True)


#: foreign keys that had no index on their referencing column: each DELETE of the
#: referenced row scanned the whole referencing table (3.2 s per device event at 36 M positions)
FK_INDEXES = (
    Index("ix_position_event", Position.event_id),
    Index("ix_alarm_event", Alarm.event_id),
    Index("ix_alarm_incident", Alarm.incident_id),
    Index("ix_restriction_zone", Restriction.zone_id),
    Index("ix_violation_alarm", ViolationEntry.alarm_id),
    Index("ix_violation_device", ViolationEntry.device_id),
    Index("ix_violation_corrects", ViolationEntry.corrects_id),
)

_COLUMNS = ("position_id", "event_id", "time", "lat", "lon", "fix", "sats", "hdop", "accuracy_m", "speed_kmh",
            "course")
_SOURCE = ("id", "event_id", "time", "lat", "lon", "fix", "sats", "hdop", "accuracy_m", "speed_kmh", "course")
_SET = ", ".join(f"{c} = excluded.{c}" for c in _COLUMNS)

#: SQLite: one upsert per inserted position (a row trigger, same transaction)
SQLITE_LAST_POSITION_TRIGGER = (
    "CREATE TRIGGER trg_positions_last AFTER INSERT ON positions BEGIN "
    f"INSERT INTO last_positions (device_id, {', '.join(_COLUMNS)}) "
    f"VALUES (NEW.device_id, {', '.join('NEW.' + c for c in _SOURCE)}) "
    f"ON CONFLICT (device_id) DO UPDATE SET {_SET} WHERE excluded.time >= last_positions.time; END"
)

#: PostgreSQL: one upsert per INSERT statement over its transition table (the writer's
#: multi-row inserts), the newest row of each device in the statement
PG_LAST_POSITION_FUNCTION = f"""
CREATE OR REPLACE FUNCTION arm_last_positions() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO last_positions (device_id, {', '.join(_COLUMNS)})
  SELECT DISTINCT ON (device_id) device_id, {', '.join(_SOURCE)} FROM new_positions
  ORDER BY device_id, time DESC, id DESC
  ON CONFLICT (device_id) DO UPDATE SET {_SET} WHERE excluded.time >= last_positions.time;
  RETURN NULL;
END $$
"""
PG_LAST_POSITION_TRIGGER = (
    "CREATE TRIGGER trg_positions_last AFTER INSERT ON positions REFERENCING NEW TABLE AS new_positions "
    "FOR EACH STATEMENT EXECUTE FUNCTION arm_last_positions()"
)

#: SQLite R*Tree over (lat, lon, time as Unix seconds) of every position; its id is the position's
#: (``positions.time`` is integer microseconds, ``db.types.UtcTime``: whole seconds by division).
#: Coordinates are 32-bit floats rounded outwards, so a box query is a superset and the exact
#: filter runs on the ``positions`` row (time to within about two minutes, place to below a metre).
RTREE = "positions_rtree"
SQLITE_RTREE_TABLE = f"CREATE VIRTUAL TABLE {RTREE} USING rtree(id, lat0, lat1, lon0, lon1, t0, t1)"
_EPOCH = "({t} / 1000000)"
SQLITE_RTREE_TRIGGERS = (
    f"CREATE TRIGGER trg_positions_rtree_insert AFTER INSERT ON positions BEGIN "
    f"INSERT INTO {RTREE} VALUES (NEW.id, NEW.lat, NEW.lat, NEW.lon, NEW.lon, "
    f"{_EPOCH.format(t='NEW.time')}, {_EPOCH.format(t='NEW.time')}); END",
    f"CREATE TRIGGER trg_positions_rtree_delete AFTER DELETE ON positions BEGIN "
    f"DELETE FROM {RTREE} WHERE id = OLD.id; END",
)
SQLITE_RTREE_FILL = (
    f"INSERT INTO {RTREE} SELECT id, lat, lat, lon, lon, {_EPOCH.format(t='time')}, "
    f"{_EPOCH.format(t='time')} FROM positions"
)

#: PostgreSQL with PostGIS: a GiST index over the geography of the fix and its time (btree_gist).
#: PostGIS lives in its own schema ``postgis`` (its table ``spatial_ref_sys`` is not ours), so every
#: call is schema-qualified, in the index and in the queries alike (the planner matches the text).
PG_POSTGIS_SCHEMA = "postgis"
PG_GEOGRAPHY = "(postgis.ST_SetSRID(postgis.ST_MakePoint(lon, lat), 4326)::postgis.geography)"


def pg_point(lon: str, lat: str) -> str:
    """The SQL of a query point as geography (``lon``/``lat``: bind parameter names or values)."""
    return f"postgis.ST_SetSRID(postgis.ST_MakePoint({lon}, {lat}), 4326)::postgis.geography"

PG_GEO_INDEX = f"CREATE INDEX IF NOT EXISTS ix_position_geo ON positions USING gist ({PG_GEOGRAPHY}, time)"


#: foreign keys the ORM declares that PostgreSQL does not keep (``history_events_unlinked``: a
#: device-events act drops the positions of the same days instead, and set-based triggers check
#: alarms and voice messages); schema comparisons skip them there
PG_UNLINKED_FKS = frozenset({"fk_positions_event_id_device_events", "fk_alarms_event_id_device_events",
                             "fk_device_media_event_id_device_events"})


def is_history_table(name: str | None) -> bool:
    """Objects the ORM does not declare (the R*Tree and its shadow tables, the PostGIS expression
    index, which exists only where PostGIS does): schema comparisons skip them."""
    from db.partitions import is_partition_table

    return bool(name) and (str(name).startswith(RTREE) or name == "ix_position_geo" or is_partition_table(name))
