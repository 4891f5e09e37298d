"""history: on PostgreSQL device events are checked by statement, not row by row, so a day of them is deleted fast

Revision ID: history_events_unlinked
Revises: history_compact_events
Create Date: 2026-12-07 20:30:00

Three foreign keys pointed at ``device_events``. Deleting a national day of
events (3.6 million rows) ran each one's check for every deleted row:

* ``positions.event_id``: with ``positions`` partitioned by day
  (``history_partitions``) and ``event_id`` not the partition key, each check
  probed the event index of every positions partition. The key is dropped: a
  position has its event's time (the writer splits it out of the POS event in
  the same transaction), so a device-events act on PostgreSQL drops the
  positions of the same days (whole partitions) with the events
  (``db.retention``): no position outlives its event.
* ``alarms.event_id`` and ``device_media.event_id``: each deleted event ran
  two per-row checks (92 % of the delete's time, measured). They are replaced
  by the same guarantees, set-based: a statement trigger on ``device_events``
  refuses a delete whose removed rows (its transition table) an alarm or voice
  message still refers to, with one join per statement; and a row trigger on
  ``alarms``/``device_media`` refuses a new or changed ``event_id`` that names
  no event, locking the event row ``FOR KEY SHARE`` as PostgreSQL's own check
  does (a concurrent delete of that event waits, then the insert is refused).

SQLite keeps the three keys (one positions table; ``ix_position_event`` and
the other indexes make each check one probe).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "history_events_unlinked"
down_revision = "history_compact_events"
branch_labels = None
depends_on = None

#: (referencing table, constraint) replaced on PostgreSQL; the same names as ``db.history.PG_UNLINKED_FKS``
KEYS = (
    ("positions", "fk_positions_event_id_device_events"),
    ("alarms", "fk_alarms_event_id_device_events"),
    ("device_media", "fk_device_media_event_id_device_events"),
)

_CHECKS = """
CREATE FUNCTION arm_events_still_referenced() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    kept bigint;
BEGIN
    SELECT g.id INTO kept FROM gone g WHERE EXISTS (SELECT 1 FROM alarms a WHERE a.event_id = g.id)
        {media} LIMIT 1;
    IF kept IS NOT NULL THEN
        RAISE EXCEPTION 'device event % is still referred to by an alarm or a voice message', kept
            USING ERRCODE = 'foreign_key_violation';
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER tr_device_events_referenced AFTER DELETE ON device_events
    REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION arm_events_still_referenced();
CREATE FUNCTION arm_event_exists() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.event_id IS NOT NULL THEN
        PERFORM 1 FROM device_events WHERE id = NEW.event_id FOR KEY SHARE;
        IF NOT FOUND THEN
            RAISE EXCEPTION 'there is no device event % (%.event_id)', NEW.event_id, TG_TABLE_NAME
                USING ERRCODE = 'foreign_key_violation';
        END IF;
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER tr_alarms_event_exists BEFORE INSERT OR UPDATE OF event_id ON alarms
    FOR EACH ROW EXECUTE FUNCTION arm_event_exists();
"""
_MEDIA_REFERENCES = "OR EXISTS (SELECT 1 FROM device_media m WHERE m.event_id = g.id)"
_MEDIA_CHECK = """
CREATE TRIGGER tr_device_media_event_exists BEFORE INSERT OR UPDATE OF event_id ON device_media
    FOR EACH ROW EXECUTE FUNCTION arm_event_exists();
"""

_DROP_CHECKS = """
DROP TRIGGER IF EXISTS tr_device_media_event_exists ON device_media;
DROP TRIGGER IF EXISTS tr_alarms_event_exists ON alarms;
DROP TRIGGER IF EXISTS tr_device_events_referenced ON device_events;
DROP FUNCTION IF EXISTS arm_event_exists();
DROP FUNCTION IF EXISTS arm_events_still_referenced();
"""


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    # the media branch (network_media) runs first in practice; should it not have, its key stays
    # (correct, only slower) rather than this revision depending on that branch's head
    media = sa.inspect(bind).has_table("device_media")
    for table, name in KEYS:
        if table != "device_media" or media:
            op.execute(f"ALTER TABLE {table} DROP CONSTRAINT IF EXISTS {name}")
    op.execute(_CHECKS.replace("{media}", _MEDIA_REFERENCES if media else ""))
    if media:
        op.execute(_MEDIA_CHECK)


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(_DROP_CHECKS)
    op.execute("DELETE FROM positions p WHERE NOT EXISTS (SELECT 1 FROM device_events e WHERE e.id = p.event_id)")
    bind = op.get_bind()
    for table, name in KEYS:
        if not bind.execute(sa.text("SELECT 1 FROM pg_constraint WHERE conname = :n"), {"n": name}).first():
            op.execute(f"ALTER TABLE {table} ADD CONSTRAINT {name} FOREIGN KEY (event_id) "
                       "REFERENCES device_events (id)")
