"""history: on PostgreSQL positions no longer reference device_events by a foreign key

Revision ID: history_events_unlinked
Revises: history_compact_events
Create Date: 2026-12-07 20:30:00

With ``positions`` partitioned by day (``history_partitions``) the foreign key
``positions.event_id -> device_events.id`` made every deleted event probe the
event index of every positions partition (``event_id`` is not the partition
key): a national day of events took minutes to purge. A position and its
event have the same time (the writer splits the position out of the POS event
in the same transaction), so a device-events deletion act on PostgreSQL drops
the positions of the same days (whole partitions) together with the events
(``db.retention``): no position outlives its event, without the check. SQLite
keeps the key (positions are not partitioned there; ``ix_position_event``
makes its check one index probe).
"""

from __future__ import annotations

from alembic import op

revision = "history_events_unlinked"
down_revision = "history_compact_events"
branch_labels = None
depends_on = None

FK = "fk_positions_event_id_device_events"


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"ALTER TABLE positions DROP CONSTRAINT IF EXISTS {FK}")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DELETE FROM positions p WHERE NOT EXISTS (SELECT 1 FROM device_events e WHERE e.id = p.event_id)")
        op.execute(f"ALTER TABLE positions ADD CONSTRAINT {FK} FOREIGN KEY (event_id) REFERENCES device_events (id)")
