"""history: device events' payload stored compact (db.event_codec), existing rows converted in batches

Revision ID: history_compact_events
Revises: history_partitions
Create Date: 2026-12-07 20:20:00

``device_events.fields`` keeps the same column (JSON text on SQLite, ``json``
on PostgreSQL); what changes is its content: a payload whose kind has a
layout is packed into an array (``db.event_codec.pack``), which the
``CompactFields`` column type unpacks for every reader. Existing rows are
rewritten in keyset batches of 5,000 (each row read, packed, written back);
a row that no layout fits stays as it is. The downgrade unpacks them again.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import orjson
import sqlalchemy as sa
from alembic import op

from db.event_codec import pack, unpack

revision = "history_compact_events"
down_revision = "history_partitions"
branch_labels = None
depends_on = None

BATCH = 5000


def _convert(change: Callable[[Any, str], Any]) -> None:
    bind = op.get_bind()
    cast = "CAST(:f AS json)" if bind.dialect.name == "postgresql" else ":f"
    update = sa.text(f"UPDATE device_events SET fields = {cast} WHERE id = :i")
    last = 0
    while True:
        rows = bind.execute(sa.text("SELECT id, kind, fields FROM device_events WHERE id > :last ORDER BY id LIMIT :n"),
                            {"last": last, "n": BATCH}).all()
        if not rows:
            return
        changed = []
        for row_id, kind, raw in rows:
            value = orjson.loads(raw) if isinstance(raw, str | bytes) else raw
            new = change(value, kind)
            if new != value:
                changed.append({"i": row_id, "f": orjson.dumps(new, option=orjson.OPT_NON_STR_KEYS).decode()})
        if changed:
            bind.execute(update, changed)
        last = rows[-1][0]


def upgrade() -> None:
    _convert(pack)


def downgrade() -> None:
    _convert(lambda value, _kind: unpack(value))
