"""caseload: the names on the return act of a device

``assignments.returned_by_name`` (who handed the device back: the person or
their representative) and ``assignments.return_technician_name`` (the
technician who took it back), the return's counterparts of ``received_by`` /
``technician_name`` on the issue act.

Revision ID: caseload_return_names
Revises: caseload_exchange
Create Date: 2026-12-07 20:50:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "caseload_return_names"
down_revision = "caseload_exchange"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # plain ADD COLUMN (no batch copy of a table other rows reference)
    op.add_column("assignments", sa.Column("returned_by_name", sa.String(200), nullable=False, server_default=""))
    op.add_column("assignments", sa.Column("return_technician_name", sa.String(200), nullable=False,
                                           server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("assignments") as batch:
        batch.drop_column("return_technician_name")
        batch.drop_column("returned_by_name")
