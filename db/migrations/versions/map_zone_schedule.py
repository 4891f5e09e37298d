"""map: zone schedules (zone editor)

Revision ID: map_zone_schedule
Revises: 0001
Create Date: 2026-11-23 04:15:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import db.models

revision = "map_zone_schedule"
down_revision = "0001"
branch_labels = ("map",)
depends_on = None


def upgrade() -> None:
    op.create_table(
        "zone_schedules",
        sa.Column("zone_id", sa.Integer(), nullable=False),
        sa.Column("schedule", sa.JSON(), nullable=False),
        sa.Column("updated_at", db.models.UtcDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["zone_id"], ["zones.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("zone_id"),
    )


def downgrade() -> None:
    op.drop_table("zone_schedules")
