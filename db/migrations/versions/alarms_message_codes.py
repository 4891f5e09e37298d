"""alarms: alarm messages stored as codes (``{"code": "kind.<kind>"}``), not English text

Revision ID: alarms_message_codes
Revises: 0001
Create Date: 2026-12-07 20:00:00

Issue 16: alarm texts are stored as codes and rendered in the reader's
language (``arm.messages``). Rows raised before stored the English source
text of their kind ("Low battery"); this revision rewrites exactly those
messages to the kind's code, so forms and screens render them in Russian or
Kazakh like new rows. A message that is not the English text of its kind (a
device's own text) is left as it was. The violation journal is hash-chained
and append-only: its old English rows are not rewritten; ``arm.messages``
recognises their English when rendering. The English texts are a frozen copy
here (a migration must not change when the code does).
"""

from __future__ import annotations

import json

import sqlalchemy as sa
from alembic import op

revision = "alarms_message_codes"
down_revision = "0001"
branch_labels = ("alarm_texts",)
depends_on = None

#: (kind, the English text alarms of that kind stored before codes)
ENGLISH = (
    ('curfew', 'Away from home during curfew hours'),
    ('exclusion_zone', 'Entered an exclusion zone'),
    ('inclusion_zone', 'Left the permitted area'),
    ('tamper_strap', 'Bracelet strap opened'),
    ('tamper_case', 'Device case opened'),
    ('unit_moved', 'Home unit moved'),
    ('mains_lost', 'Home unit off mains power'),
    ('no_communication', 'No communication from the device'),
    ('low_battery', 'Low battery'),
    ('device_shutdown', 'Device switched off'),
    ('gnss_lost', 'No satellite fix'),
    ('gnss_jamming', 'Satellite signal jammed'),
    ('device_fault', 'Device fault'),
    ('alcohol_positive', 'Breath alcohol test failed'),
    ('alcohol_refused', 'Breath alcohol test refused'),
    ('alcohol_missed', 'Breath alcohol test missed'),
    ('face_mismatch', 'Face did not match at the alcohol test'),
    ('not_monitored', 'Under supervision but not monitored'),
    ('bracelet_away', 'Bracelet away from the mobile unit'),
    ('sos', 'SOS pressed on the device'),
    ('device_alarm', 'Alarm reported by the device'),
)


def _code(kind: str) -> str:
    return json.dumps({"code": f"kind.{kind}"}, separators=(",", ":"))


def upgrade() -> None:
    alarms = sa.table("alarms", sa.column("kind", sa.String), sa.column("message", sa.String))
    for kind, english in ENGLISH:
        op.execute(alarms.update().where(alarms.c.kind == kind, alarms.c.message == english)
                   .values(message=_code(kind)))


def downgrade() -> None:
    alarms = sa.table("alarms", sa.column("kind", sa.String), sa.column("message", sa.String))
    for kind, english in ENGLISH:
        op.execute(alarms.update().where(alarms.c.kind == kind, alarms.c.message == _code(kind))
                   .values(message=english))
