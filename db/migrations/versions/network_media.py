"""network: media clips devices send (Watch voice messages) and the staging of multi-part clips

Revision ID: network_media
Revises: 0001
Create Date: 2026-11-23 06:05:00

``device_media`` is recorded material: triggers refuse UPDATE always and
DELETE unless a deletion act in state ``executing`` for kind ``device_media``
covers the row (the rule of the journals area, ``db/retention.py``). The
guard reads ``deletion_acts``, so this revision depends on
``journals_integrity``.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import db.models

revision = "network_media"
down_revision = "0001"
branch_labels = ("media",)
depends_on = ("journals_integrity",)

TABLE = "device_media"
_UPDATE_MSG = "device_media is recorded material: clips are never changed"
_DELETE_MSG = "device_media is recorded material: only a confirmed deletion act removes clips"
_COVERED = (
    "SELECT 1 FROM deletion_acts WHERE state = 'executing' AND record_kind = 'device_media' "
    "AND OLD.id BETWEEN first_id AND last_id"
)

_PG_GUARD = f"""
CREATE OR REPLACE FUNCTION arm_media_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    RAISE EXCEPTION '{_DELETE_MSG}';
  END IF;
  IF TG_OP = 'UPDATE' THEN
    RAISE EXCEPTION '{_UPDATE_MSG}';
  END IF;
  IF NOT EXISTS ({_COVERED}) THEN
    RAISE EXCEPTION '{_DELETE_MSG}';
  END IF;
  RETURN OLD;
END $$;
"""


def upgrade() -> None:
    bigid = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
    op.create_table(
        TABLE,
        sa.Column("id", bigid, nullable=False),
        sa.Column("device_id", sa.Integer(), nullable=False),
        sa.Column("event_id", bigid, nullable=False),
        sa.Column("time", db.models.UtcDateTime(timezone=True), nullable=False),
        sa.Column("received", db.models.UtcDateTime(timezone=True), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("format", sa.String(length=16), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("parts", sa.Integer(), nullable=False),
        sa.Column("parts_missing", sa.Integer(), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(["device_id"], ["devices.id"], name=op.f("fk_device_media_device_id_devices")),
        sa.ForeignKeyConstraint(["event_id"], ["device_events.id"],
                                name=op.f("fk_device_media_event_id_device_events")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_device_media")),
        sa.UniqueConstraint("event_id", name="uq_device_media_event"),
    )
    op.create_index("ix_device_media_device_time", TABLE, ["device_id", "time"], unique=False)
    op.create_index("ix_device_media_time", TABLE, ["time"], unique=False)
    op.create_table(
        "device_media_parts",
        sa.Column("id", bigid, nullable=False),
        sa.Column("serial", sa.String(length=32), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("part", sa.Integer(), nullable=False),
        sa.Column("total", sa.Integer(), nullable=False),
        sa.Column("received", db.models.UtcDateTime(timezone=True), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_device_media_parts")),
        sa.UniqueConstraint("serial", "name", "total", "part", name="uq_device_media_part"),
    )
    if op.get_bind().dialect.name == "postgresql":
        op.execute(_PG_GUARD)
        op.execute(f"CREATE TRIGGER trg_{TABLE}_guard BEFORE UPDATE OR DELETE ON {TABLE} "
                   "FOR EACH ROW EXECUTE FUNCTION arm_media_guard()")
        op.execute(f"CREATE TRIGGER trg_{TABLE}_truncate BEFORE TRUNCATE ON {TABLE} "
                   "FOR EACH STATEMENT EXECUTE FUNCTION arm_media_guard()")
    else:
        op.execute(f"CREATE TRIGGER trg_{TABLE}_no_update BEFORE UPDATE ON {TABLE} "
                   f"BEGIN SELECT RAISE(ABORT, '{_UPDATE_MSG}'); END")
        op.execute(f"CREATE TRIGGER trg_{TABLE}_no_delete BEFORE DELETE ON {TABLE} "
                   f"WHEN NOT EXISTS ({_COVERED}) BEGIN SELECT RAISE(ABORT, '{_DELETE_MSG}'); END")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"DROP TRIGGER IF EXISTS trg_{TABLE}_guard ON {TABLE}")
        op.execute(f"DROP TRIGGER IF EXISTS trg_{TABLE}_truncate ON {TABLE}")
        op.execute("DROP FUNCTION IF EXISTS arm_media_guard()")
    else:
        op.execute(f"DROP TRIGGER IF EXISTS trg_{TABLE}_no_update")
        op.execute(f"DROP TRIGGER IF EXISTS trg_{TABLE}_no_delete")
    op.drop_table("device_media_parts")
    op.drop_index("ix_device_media_time", table_name=TABLE)
    op.drop_index("ix_device_media_device_time", table_name=TABLE)
    op.drop_table(TABLE)
