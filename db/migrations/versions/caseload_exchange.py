"""caseload: zone_refs, the zones' stable keys of the caseload exchange format

Revision ID: caseload_exchange
Revises: caseload_lifecycle
Create Date: 2026-12-07 19:20:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "caseload_exchange"
down_revision = "caseload_lifecycle"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "zone_refs",
        sa.Column("ref", sa.String(100), nullable=False),
        sa.Column("zone_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["zone_id"], ["zones.id"], name="fk_zone_refs_zone_id_zones", ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("ref", name="pk_zone_refs"),
        sa.UniqueConstraint("zone_id", name="uq_zone_refs_zone_id"),
    )


def downgrade() -> None:
    op.drop_table("zone_refs")
