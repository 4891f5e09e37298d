"""history: PostgreSQL positions partitioned by day; deletion acts record the partitions they drop

Revision ID: history_partitions
Revises: history_storage
Create Date: 2026-12-07 19:40:00

On PostgreSQL ``positions`` becomes a table partitioned by range of ``time``
(one partition per UTC day, plus ``positions_default``), with the same
columns, constraints, indexes and trigger; the rows move over in this
migration. Its primary key is ``(id, time)`` (PostgreSQL requires the
partition key in it); ids still come from the same sequence. SQLite is not
changed (``db/partitions.py``). ``deletion_acts.partitions`` lists the
partitions an act dropped (empty elsewhere).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from alembic import op

from db.history import PG_GEO_INDEX, PG_LAST_POSITION_TRIGGER
from db.partitions import AHEAD_DAYS, DEFAULT, ensure_partitions

revision = "history_partitions"
down_revision = "history_storage"
branch_labels = None
depends_on = ("journals_integrity",)

_CREATE = f"""
CREATE TABLE positions (
    id bigint NOT NULL DEFAULT nextval('positions_id_seq'::regclass),
    device_id integer NOT NULL,
    event_id bigint NOT NULL,
    time timestamp with time zone NOT NULL,
    lat double precision NOT NULL,
    lon double precision NOT NULL,
    fix integer NOT NULL,
    sats integer,
    hdop double precision,
    accuracy_m double precision,
    speed_kmh double precision,
    course double precision,
    CONSTRAINT pk_positions PRIMARY KEY (id, time),
    CONSTRAINT ck_positions_range CHECK (lat BETWEEN -90 AND 90 AND lon BETWEEN -180 AND 180),
    CONSTRAINT fk_positions_device_id_devices FOREIGN KEY (device_id) REFERENCES devices (id),
    CONSTRAINT fk_positions_event_id_device_events FOREIGN KEY (event_id) REFERENCES device_events (id)
) PARTITION BY RANGE (time);
CREATE TABLE {DEFAULT} PARTITION OF positions DEFAULT;
CREATE INDEX ix_position_device_time ON positions (device_id, time);
CREATE INDEX ix_position_event ON positions (event_id);
"""


def upgrade() -> None:
    op.add_column("deletion_acts", sa.Column("partitions", sa.Text(), nullable=False, server_default=""))
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    geo = bool(bind.exec_driver_sql("SELECT 1 FROM pg_indexes WHERE indexname = 'ix_position_geo'").first())
    op.execute("ALTER TABLE positions RENAME TO positions_unpartitioned")
    for index in ("pk_positions", "ix_position_device_time", "ix_position_event", "ix_position_geo"):
        op.execute(f"ALTER INDEX IF EXISTS {index} RENAME TO {index}_unpartitioned")
    op.execute("DROP TRIGGER IF EXISTS trg_positions_last ON positions_unpartitioned")
    op.execute(_CREATE)
    if geo:
        op.execute(PG_GEO_INDEX)
    op.execute("ALTER SEQUENCE positions_id_seq OWNED BY positions.id")
    span = bind.exec_driver_sql("SELECT min(time), max(time) FROM positions_unpartitioned").one()
    today = datetime.now(UTC).date()
    first = span[0].astimezone(UTC).date() if span[0] else today
    last = max(span[1].astimezone(UTC).date() if span[1] else today, today) + timedelta(days=AHEAD_DAYS)
    ensure_partitions(bind, min(first, today), last)
    op.execute("INSERT INTO positions SELECT * FROM positions_unpartitioned")
    op.execute("DROP TABLE positions_unpartitioned")
    op.execute(PG_LAST_POSITION_TRIGGER)


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        op.execute("ALTER TABLE positions RENAME TO positions_partitioned")
        for index in ("pk_positions", "ix_position_device_time", "ix_position_event", "ix_position_geo"):
            op.execute(f"ALTER INDEX IF EXISTS {index} RENAME TO {index}_partitioned")
        op.execute("CREATE TABLE positions (LIKE positions_partitioned INCLUDING DEFAULTS INCLUDING CONSTRAINTS)")
        op.execute("ALTER TABLE positions ADD CONSTRAINT pk_positions PRIMARY KEY (id)")
        op.execute("ALTER TABLE positions ADD CONSTRAINT fk_positions_device_id_devices FOREIGN KEY (device_id) "
                   "REFERENCES devices (id)")
        op.execute("ALTER TABLE positions ADD CONSTRAINT fk_positions_event_id_device_events FOREIGN KEY (event_id) "
                   "REFERENCES device_events (id)")
        op.execute("CREATE INDEX ix_position_device_time ON positions (device_id, time)")
        op.execute("CREATE INDEX ix_position_event ON positions (event_id)")
        if bind.exec_driver_sql("SELECT 1 FROM pg_indexes WHERE indexname = 'ix_position_geo_partitioned'").first():
            op.execute(PG_GEO_INDEX)
        op.execute("ALTER SEQUENCE positions_id_seq OWNED BY positions.id")
        op.execute("INSERT INTO positions SELECT * FROM positions_partitioned")
        op.execute("DROP TABLE positions_partitioned CASCADE")
        op.execute(PG_LAST_POSITION_TRIGGER)
    op.execute("ALTER TABLE deletion_acts DROP COLUMN partitions")  # SQLite 3.35+: its triggers stay
