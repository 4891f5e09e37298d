"""network: devices.protocol, the only channel a device's reports are accepted on

Existing rows get the channel of their type (ICD types and RCV: icd, GT06: gt06,
WATCH: watch, PHONE: osmand), the same default new rows get.

Revision ID: network_device_protocol
Revises: network_device_model
Create Date: 2026-12-07 17:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "network_device_protocol"
down_revision = "network_device_model"
branch_labels = None
depends_on = None

FROM_TYPE = (
    "CASE type WHEN 'GT06' THEN 'gt06' WHEN 'WATCH' THEN 'watch' WHEN 'PHONE' THEN 'osmand' ELSE 'icd' END"
)


def upgrade() -> None:
    with op.batch_alter_table("devices") as batch:
        batch.add_column(sa.Column("protocol", sa.String(length=8), nullable=True))
    op.execute(f"UPDATE devices SET protocol = {FROM_TYPE}")
    with op.batch_alter_table("devices") as batch:
        batch.alter_column("protocol", existing_type=sa.String(length=8), nullable=False)


def downgrade() -> None:
    with op.batch_alter_table("devices") as batch:
        batch.drop_column("protocol")
