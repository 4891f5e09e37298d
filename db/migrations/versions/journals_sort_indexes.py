"""journals: indexes for sorting the alarm log by kind/priority and the audit journal by action

Revision ID: journals_sort_indexes
Revises: journals_integrity
Create Date: 2026-11-23 04:00:00

A column the review table sorts by needs an index on (column, time): SQLite
appends the rowid, so ``ORDER BY column, time, id`` is an index scan even on
a million rows.
"""

from __future__ import annotations

from alembic import op

revision = "journals_sort_indexes"
down_revision = "journals_integrity"
branch_labels = None
depends_on = None

INDEXES = (
    ("ix_alarm_kind_raised", "alarms", ["kind", "raised_at"]),
    ("ix_alarm_priority_raised", "alarms", ["priority", "raised_at"]),
    ("ix_audit_action_at", "audit_journal", ["action", "at"]),
)


def upgrade() -> None:
    for name, table, cols in INDEXES:
        op.create_index(name, table, cols, unique=False)


def downgrade() -> None:
    for name, table, _cols in INDEXES:
        op.drop_index(name, table_name=table)
