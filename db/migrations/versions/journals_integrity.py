"""journals: append-only triggers, chain heads, retention and deletion acts, indexes

Revision ID: journals_integrity
Revises: 0001
Create Date: 2026-11-23 03:45:00

The violation journal and the audit journal refuse UPDATE for everyone and
DELETE unless a deletion act in state ``executing`` covers the row (see
``db/retention.py``). An insert trigger records the newest row of each chain in
``journal_heads`` so that removing the last rows is detected as well.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import db.models

revision = "journals_integrity"
down_revision = "0001"
branch_labels = ("journals",)
depends_on = None

CHAINED = ("violation_journal", "audit_journal")

INDEXES = (
    ("ix_violation_detected_id", "violation_journal", ["detected_at", "id"]),
    ("ix_violation_person_detected", "violation_journal", ["person_id", "detected_at"]),
    ("ix_violation_operator_detected", "violation_journal", ["operator", "detected_at"]),
    ("ix_alarm_raised_id", "alarms", ["raised_at", "id"]),
    ("ix_alarm_ack_by", "alarms", ["acknowledged_by", "raised_at"]),
    ("ix_alarm_action_user_at", "alarm_actions", ["user", "at"]),
    ("ix_assignment_issued_id", "assignments", ["issued_at", "id"]),
    ("ix_audit_user_at", "audit_journal", ["user", "at"]),
    ("ix_person_officer", "persons", ["officer"]),
    ("ix_person_last_name", "persons", ["last_name"]),
)

_UPDATE_MSG = "{t} is append-only: entries are never changed"
_DELETE_MSG = "{t} is append-only: only a confirmed deletion act removes entries"
_COVERED = (
    "SELECT 1 FROM deletion_acts WHERE state = 'executing' AND record_kind = '{t}' "
    "AND OLD.id BETWEEN first_id AND last_id"
)


def _sqlite_triggers() -> list[str]:
    sql = []
    for t in CHAINED:
        sql += [
            f"CREATE TRIGGER trg_{t}_no_update BEFORE UPDATE ON {t} "
            f"BEGIN SELECT RAISE(ABORT, '{_UPDATE_MSG.format(t=t)}'); END",
            f"CREATE TRIGGER trg_{t}_no_delete BEFORE DELETE ON {t} "
            f"WHEN NOT EXISTS ({_COVERED.format(t=t)}) "
            f"BEGIN SELECT RAISE(ABORT, '{_DELETE_MSG.format(t=t)}'); END",
            f"CREATE TRIGGER trg_{t}_head AFTER INSERT ON {t} BEGIN "
            f"INSERT INTO journal_heads (journal, last_id, last_hash) VALUES ('{t}', NEW.id, NEW.row_hash) "
            "ON CONFLICT (journal) DO UPDATE SET last_id = excluded.last_id, last_hash = excluded.last_hash; END",
        ]
    sql += [
        "CREATE TRIGGER trg_deletion_acts_no_delete BEFORE DELETE ON deletion_acts "
        "BEGIN SELECT RAISE(ABORT, 'deletion acts are kept for ever'); END",
        "CREATE TRIGGER trg_deletion_acts_final BEFORE UPDATE ON deletion_acts "
        "WHEN OLD.state IN ('executed', 'cancelled') "
        "BEGIN SELECT RAISE(ABORT, 'an executed or cancelled deletion act cannot change'); END",
    ]
    return sql


_PG_FUNCTIONS = """
CREATE OR REPLACE FUNCTION arm_journal_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    RAISE EXCEPTION '% is append-only: only a confirmed deletion act removes entries', TG_TABLE_NAME;
  END IF;
  IF TG_OP = 'UPDATE' THEN
    RAISE EXCEPTION '% is append-only: entries are never changed', TG_TABLE_NAME;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM deletion_acts WHERE state = 'executing'
                 AND record_kind = TG_TABLE_NAME AND OLD.id BETWEEN first_id AND last_id) THEN
    RAISE EXCEPTION '% is append-only: only a confirmed deletion act removes entries', TG_TABLE_NAME;
  END IF;
  RETURN OLD;
END $$;
CREATE OR REPLACE FUNCTION arm_journal_head() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO journal_heads (journal, last_id, last_hash) VALUES (TG_TABLE_NAME, NEW.id, NEW.row_hash)
  ON CONFLICT (journal) DO UPDATE SET last_id = EXCLUDED.last_id, last_hash = EXCLUDED.last_hash;
  RETURN NEW;
END $$;
CREATE OR REPLACE FUNCTION arm_act_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'UPDATE' THEN
    RAISE EXCEPTION 'deletion acts are kept for ever';
  END IF;
  IF OLD.state IN ('executed', 'cancelled') THEN
    RAISE EXCEPTION 'an executed or cancelled deletion act cannot change';
  END IF;
  RETURN NEW;
END $$;
"""


def _pg_triggers() -> list[str]:
    sql = [_PG_FUNCTIONS]
    for t in CHAINED:
        sql += [
            f"CREATE TRIGGER trg_{t}_guard BEFORE UPDATE OR DELETE ON {t} "
            "FOR EACH ROW EXECUTE FUNCTION arm_journal_guard()",
            f"CREATE TRIGGER trg_{t}_truncate BEFORE TRUNCATE ON {t} "
            "FOR EACH STATEMENT EXECUTE FUNCTION arm_journal_guard()",
            f"CREATE TRIGGER trg_{t}_head AFTER INSERT ON {t} FOR EACH ROW EXECUTE FUNCTION arm_journal_head()",
        ]
    sql += [
        "CREATE TRIGGER trg_deletion_acts_guard BEFORE UPDATE OR DELETE ON deletion_acts "
        "FOR EACH ROW EXECUTE FUNCTION arm_act_guard()",
        "CREATE TRIGGER trg_deletion_acts_truncate BEFORE TRUNCATE ON deletion_acts "
        "FOR EACH STATEMENT EXECUTE FUNCTION arm_act_guard()",
    ]
    return sql


def upgrade() -> None:
    bigid = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
    op.create_table(
        "journal_heads",
        sa.Column("journal", sa.String(length=64), nullable=False),
        sa.Column("last_id", bigid, nullable=False),
        sa.Column("last_hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("journal", name=op.f("pk_journal_heads")),
    )
    op.create_table(
        "retention_policies",
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("days", sa.Integer(), nullable=False),
        sa.Column("changed_by", sa.String(length=64), nullable=False),
        sa.Column("changed_at", db.models.UtcDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("kind", name=op.f("pk_retention_policies")),
    )
    op.create_table(
        "deletion_acts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("record_kind", sa.String(length=32), nullable=False),
        sa.Column("cutoff", db.models.UtcDateTime(timezone=True), nullable=False),
        sa.Column("retention_days", sa.Integer(), nullable=False),
        sa.Column("row_count", sa.Integer(), nullable=False),
        sa.Column("first_id", bigid, nullable=True),
        sa.Column("last_id", bigid, nullable=True),
        sa.Column("anchor_hash", sa.String(length=64), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("proposed_by", sa.String(length=64), nullable=False),
        sa.Column("proposed_at", db.models.UtcDateTime(timezone=True), nullable=False),
        sa.Column("confirmed_by", sa.String(length=64), nullable=True),
        sa.Column("confirmed_at", db.models.UtcDateTime(timezone=True), nullable=True),
        sa.Column("executed_at", db.models.UtcDateTime(timezone=True), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_deletion_acts")),
    )
    for name, table, cols in INDEXES:
        op.create_index(name, table, cols, unique=False)
    for t in CHAINED:
        op.execute(
            f"INSERT INTO journal_heads (journal, last_id, last_hash) "
            f"SELECT '{t}', id, row_hash FROM {t} WHERE id = (SELECT max(id) FROM {t})"
        )
    dialect = op.get_bind().dialect.name
    for statement in _pg_triggers() if dialect == "postgresql" else _sqlite_triggers():
        op.execute(statement)


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "postgresql":
        for t in CHAINED:
            for suffix in ("guard", "truncate", "head"):
                op.execute(f"DROP TRIGGER IF EXISTS trg_{t}_{suffix} ON {t}")
        op.execute("DROP TRIGGER IF EXISTS trg_deletion_acts_guard ON deletion_acts")
        op.execute("DROP TRIGGER IF EXISTS trg_deletion_acts_truncate ON deletion_acts")
        for fn in ("arm_journal_guard", "arm_journal_head", "arm_act_guard"):
            op.execute(f"DROP FUNCTION IF EXISTS {fn}()")
    else:
        for t in CHAINED:
            for suffix in ("no_update", "no_delete", "head"):
                op.execute(f"DROP TRIGGER IF EXISTS trg_{t}_{suffix}")
        op.execute("DROP TRIGGER IF EXISTS trg_deletion_acts_no_delete")
        op.execute("DROP TRIGGER IF EXISTS trg_deletion_acts_final")
    for name, table, _cols in INDEXES:
        op.drop_index(name, table_name=table)
    op.drop_table("deletion_acts")
    op.drop_table("retention_policies")
    op.drop_table("journal_heads")
