"""history: indexes on unindexed foreign keys, last_positions, the spatial index of positions

Revision ID: history_storage
Revises: 0001
Create Date: 2026-12-07 19:10:00

* ``positions.event_id`` and the other foreign keys without an index get one,
  so deleting a device event (or an alarm) is an index probe, not a scan.
* ``last_positions``: one row per device with its newest fix, upserted by a
  trigger on ``positions`` (filled here from the existing history).
* SQLite: the R*Tree ``positions_rtree`` over (lat, lon, time), kept by
  triggers. PostgreSQL: with PostGIS (and btree_gist) available, a GiST index
  over the fix's geography and time; without them, nothing (``arm.history``
  says it searches without a spatial index). See ``db/history.py``.
"""

from __future__ import annotations

import logging

import sqlalchemy as sa
from alembic import op

import db.models
from db.history import (
    FK_INDEXES,
    PG_GEO_INDEX,
    PG_LAST_POSITION_FUNCTION,
    PG_LAST_POSITION_TRIGGER,
    RTREE,
    SQLITE_LAST_POSITION_TRIGGER,
    SQLITE_RTREE_TABLE,
)

revision = "history_storage"
down_revision = "0001"
branch_labels = ("history",)
depends_on = None

log = logging.getLogger("alembic.history")

#: the R*Tree's SQL as of this revision, when ``positions.time`` was text (``history_integer_times``
#: makes it integer microseconds and replaces the insert trigger): frozen here, not imported
_EPOCH = "CAST(strftime('%s', {t}) AS INTEGER)"
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

_FILL_LAST = """
INSERT INTO last_positions (device_id, position_id, event_id, time, lat, lon, fix, sats, hdop, accuracy_m,
                            speed_kmh, course)
SELECT p.device_id, p.id, p.event_id, p.time, p.lat, p.lon, p.fix, p.sats, p.hdop, p.accuracy_m, p.speed_kmh,
       p.course
FROM positions p
WHERE p.id = (SELECT q.id FROM positions q WHERE q.device_id = p.device_id ORDER BY q.time DESC, q.id DESC LIMIT 1)
"""


def _postgis(bind: sa.engine.Connection) -> bool:
    """Create PostGIS and btree_gist if the server has them (a savepoint keeps a refusal harmless)."""
    have = {r[0] for r in bind.exec_driver_sql(
        "SELECT name FROM pg_available_extensions WHERE name IN ('postgis', 'btree_gist')")}
    if have != {"postgis", "btree_gist"}:
        log.warning("PostGIS or btree_gist not installed: 'who was here' searches without a spatial index")
        return False
    try:
        with bind.begin_nested():
            bind.exec_driver_sql("CREATE SCHEMA IF NOT EXISTS postgis")
            bind.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS postgis SCHEMA postgis")
            bind.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS btree_gist")
    except sa.exc.DBAPIError as exc:  # e.g. not allowed to create extensions
        log.warning("PostGIS not created (%s): 'who was here' searches without a spatial index", exc)
        return False
    return True


def upgrade() -> None:
    for index in FK_INDEXES:
        op.create_index(index.name, index.table.name, [c.name for c in index.columns], unique=False)  # type: ignore[union-attr]
    op.create_table(
        "last_positions",
        sa.Column("device_id", sa.Integer(), nullable=False),
        sa.Column("position_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("event_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("time", db.models.UtcDateTime(timezone=True), nullable=False),
        sa.Column("lat", sa.Float(), nullable=False),
        sa.Column("lon", sa.Float(), nullable=False),
        sa.Column("fix", sa.Integer(), nullable=False),
        sa.Column("sats", sa.Integer(), nullable=True),
        sa.Column("hdop", sa.Float(), nullable=True),
        sa.Column("accuracy_m", sa.Float(), nullable=True),
        sa.Column("speed_kmh", sa.Float(), nullable=True),
        sa.Column("course", sa.Float(), nullable=True),
        sa.ForeignKeyConstraint(["device_id"], ["devices.id"], name=op.f("fk_last_positions_device_id_devices")),
        sa.PrimaryKeyConstraint("device_id", name=op.f("pk_last_positions")),
    )
    bind = op.get_bind()
    op.execute(_FILL_LAST)
    if bind.dialect.name == "sqlite":
        op.execute(SQLITE_LAST_POSITION_TRIGGER)
        op.execute(SQLITE_RTREE_TABLE)
        op.execute(SQLITE_RTREE_FILL)
        for trigger in SQLITE_RTREE_TRIGGERS:
            op.execute(trigger)
    elif bind.dialect.name == "postgresql":
        op.execute(PG_LAST_POSITION_FUNCTION)
        op.execute(PG_LAST_POSITION_TRIGGER)
        if _postgis(bind):
            op.execute(PG_GEO_INDEX)


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        for name in ("trg_positions_rtree_insert", "trg_positions_rtree_delete", "trg_positions_last"):
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute(f"DROP TABLE IF EXISTS {RTREE}")
    elif bind.dialect.name == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_position_geo")
        op.execute("DROP TRIGGER IF EXISTS trg_positions_last ON positions")
        op.execute("DROP FUNCTION IF EXISTS arm_last_positions()")
        # the PostGIS extension (schema ``postgis``) stays: other databases' objects may use it
    op.drop_table("last_positions")
    for index in reversed(FK_INDEXES):
        op.drop_index(index.name, table_name=index.table.name)  # type: ignore[union-attr, arg-type]
