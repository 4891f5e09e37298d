"""network: devices.model, the tracker model a GT06 listener decodes with

Revision ID: network_device_model
Revises: 0001
Create Date: 2026-11-23 06:20:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "network_device_model"
down_revision = "0001"
branch_labels = ("device_model",)
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("devices") as batch:
        batch.add_column(sa.Column("model", sa.String(length=32), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("devices") as batch:
        batch.drop_column("model")
