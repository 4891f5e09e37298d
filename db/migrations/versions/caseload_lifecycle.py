"""caseload: forced password change and lock-out in the account; the caseload revision counter

``users.must_change_password`` (an account made with a temporary password),
``users.failed_logins`` (the lock-out held in the database, so an
administrator's unlock applies to every running process), and
``assignments.received_by`` / ``technician_name`` (the names on the issue
act), and ``caseload_revision``, the counter the rules engine's fingerprint reads.

Revision ID: caseload_lifecycle
Revises: caseload_reference
Create Date: 2026-12-07 19:05:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "caseload_lifecycle"
down_revision = "caseload_reference"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # plain ADD COLUMN, never a batch copy: re-creating ``users`` on SQLite would cascade-delete user_districts
    op.add_column("users", sa.Column("must_change_password", sa.Boolean(), nullable=False, server_default=sa.false()))
    op.add_column("users", sa.Column("failed_logins", sa.Integer(), nullable=False, server_default="0"))
    op.add_column("assignments", sa.Column("received_by", sa.String(200), nullable=False, server_default=""))
    op.add_column("assignments", sa.Column("technician_name", sa.String(200), nullable=False, server_default=""))
    op.create_table(
        "caseload_revision",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_caseload_revision"),
    )
    op.execute("INSERT INTO caseload_revision (id, revision) VALUES (1, 0)")


def downgrade() -> None:
    op.drop_table("caseload_revision")
    with op.batch_alter_table("assignments") as batch:
        batch.drop_column("technician_name")
        batch.drop_column("received_by")
    with op.batch_alter_table("users") as batch:
        batch.drop_column("failed_logins")
        batch.drop_column("must_change_password")
