"""journals: keyed hash chains (journal_chains) and the one update the chains allow, re-keying

Revision ID: journals_keyed
Revises: journals_sort_indexes
Create Date: 2026-12-07 17:00:00

``journal_chains`` records how each chained journal is hashed (plain SHA-256
before keying, HMAC-SHA-256 with the key file after; ``db/integrity.py``). The
update triggers of ``journals_integrity`` are replaced by ones that still refuse
every UPDATE, except one that changes only ``prev_hash``/``row_hash`` while the
journal's chain record says ``rekeying`` (inside the re-keying transaction).
Existing rows are not touched here: the core re-keys them once on its first
start with a key, after verifying the old chain (``arm.journal_anchor``).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import db.models

revision = "journals_keyed"
down_revision = "journals_sort_indexes"
branch_labels = None
depends_on = None

CHAINED = ("violation_journal", "audit_journal")
HASHES = ("prev_hash", "row_hash")
_UPDATE_MSG = "{t} is append-only: entries are never changed"
_REKEYING = "SELECT 1 FROM journal_chains WHERE journal = '{t}' AND state = 'rekeying'"


def _sqlite_update_trigger(t: str, columns: list[str]) -> str:
    others = [c for c in columns if c not in HASHES]
    changed = " OR ".join(f'OLD."{c}" IS NOT NEW."{c}"' for c in others) or "0"
    return (
        f"CREATE TRIGGER trg_{t}_no_update BEFORE UPDATE ON {t} "
        f"WHEN NOT EXISTS ({_REKEYING.format(t=t)}) OR {changed} "
        f"BEGIN SELECT RAISE(ABORT, '{_UPDATE_MSG.format(t=t)}'); END"
    )


_PG_GUARD = """
CREATE OR REPLACE FUNCTION arm_journal_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    RAISE EXCEPTION '% is append-only: only a confirmed deletion act removes entries', TG_TABLE_NAME;
  END IF;
  IF TG_OP = 'UPDATE' THEN
    IF EXISTS (SELECT 1 FROM journal_chains WHERE journal = TG_TABLE_NAME AND state = 'rekeying')
       AND (to_jsonb(NEW) - 'prev_hash' - 'row_hash') = (to_jsonb(OLD) - 'prev_hash' - 'row_hash') THEN
      RETURN NEW;
    END IF;
    RAISE EXCEPTION '% is append-only: entries are never changed', TG_TABLE_NAME;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM deletion_acts WHERE state = 'executing'
                 AND record_kind = TG_TABLE_NAME AND OLD.id BETWEEN first_id AND last_id) THEN
    RAISE EXCEPTION '% is append-only: only a confirmed deletion act removes entries', TG_TABLE_NAME;
  END IF;
  RETURN OLD;
END $$;
"""

_PG_GUARD_BEFORE = """
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
"""


def upgrade() -> None:
    op.create_table(
        "journal_chains",
        sa.Column("journal", sa.String(length=64), nullable=False),
        sa.Column("scheme", sa.String(length=16), nullable=False),
        sa.Column("key_id", sa.String(length=16), nullable=False),
        sa.Column("chain_id", sa.String(length=32), nullable=False),
        sa.Column("keyed_at", db.models.UtcDateTime(timezone=True), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("mac", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("journal", name=op.f("pk_journal_chains")),
    )
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        op.execute(_PG_GUARD)
        return
    inspector = sa.inspect(bind)
    for t in CHAINED:
        columns = [c["name"] for c in inspector.get_columns(t)]
        op.execute(f"DROP TRIGGER IF EXISTS trg_{t}_no_update")
        op.execute(_sqlite_update_trigger(t, columns))


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        op.execute(_PG_GUARD_BEFORE)
    else:
        for t in CHAINED:
            op.execute(f"DROP TRIGGER IF EXISTS trg_{t}_no_update")
            op.execute(f"CREATE TRIGGER trg_{t}_no_update BEFORE UPDATE ON {t} "
                       f"BEGIN SELECT RAISE(ABORT, '{_UPDATE_MSG.format(t=t)}'); END")
    op.drop_table("journal_chains")
