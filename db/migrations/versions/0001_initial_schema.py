"""initial schema

Revision ID: 0001
Revises: 
Create Date: 2026-11-23 03:23:18.876480
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import db.models


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:

    op.create_table('audit_journal',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('at', db.models.UtcDateTime(timezone=True), nullable=False),
    sa.Column('user', sa.String(length=64), nullable=False),
    sa.Column('role', sa.String(length=16), nullable=False),
    sa.Column('action', sa.String(length=64), nullable=False),
    sa.Column('object_type', sa.String(length=32), nullable=False),
    sa.Column('object_id', sa.String(length=64), nullable=False),
    sa.Column('detail', sa.JSON(), nullable=False),
    sa.Column('prev_hash', sa.String(length=64), nullable=False),
    sa.Column('row_hash', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_journal'))
    )
    with op.batch_alter_table('audit_journal', schema=None) as batch_op:
        batch_op.create_index('ix_audit_at', ['at'], unique=False)

    op.create_table('devices',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('serial', sa.String(length=32), nullable=False),
    sa.Column('type', sa.String(length=8), nullable=False),
    sa.Column('inventory_no', sa.String(length=64), nullable=True),
    sa.Column('imei', sa.String(length=255), nullable=True),
    sa.Column('firmware', sa.String(length=255), nullable=True),
    sa.Column('hardware', sa.String(length=255), nullable=True),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('last_contact', db.models.UtcDateTime(timezone=True), nullable=True),
    sa.Column('battery', sa.Integer(), nullable=True),
    sa.Column('heartbeat_s', sa.Integer(), nullable=False),
    sa.Column('report_s', sa.Integer(), nullable=False),
    sa.Column('paired_with', sa.String(length=255), nullable=True),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('is_demo', sa.Boolean(), nullable=False),
    sa.Column('created_at', db.models.UtcDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_devices')),
    sa.UniqueConstraint('inventory_no', name=op.f('uq_devices_inventory_no')),
    sa.UniqueConstraint('serial', name=op.f('uq_devices_serial'))
    )
    op.create_table('persons',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('last_name', sa.String(length=100), nullable=False),
    sa.Column('first_name', sa.String(length=100), nullable=False),
    sa.Column('middle_name', sa.String(length=255), nullable=True),
    sa.Column('iin', sa.String(length=12), nullable=False),
    sa.Column('birth_date', sa.Date(), nullable=False),
    sa.Column('category', sa.String(length=32), nullable=False),
    sa.Column('court_decision_no', sa.String(length=255), nullable=True),
    sa.Column('court_decision_date', sa.Date(), nullable=True),
    sa.Column('court_name', sa.String(length=255), nullable=True),
    sa.Column('supervision_start', sa.Date(), nullable=False),
    sa.Column('supervision_end', sa.Date(), nullable=True),
    sa.Column('address', sa.String(length=500), nullable=False),
    sa.Column('home_lat', sa.Float(), nullable=True),
    sa.Column('home_lon', sa.Float(), nullable=True),
    sa.Column('home_radius_m', sa.Float(), nullable=False),
    sa.Column('region', sa.String(length=100), nullable=False),
    sa.Column('district', sa.String(length=100), nullable=False),
    sa.Column('officer', sa.String(length=200), nullable=False),
    sa.Column('registered_on', sa.Date(), nullable=False),
    sa.Column('deregistered_on', sa.Date(), nullable=True),
    sa.Column('phone', sa.String(length=255), nullable=True),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('is_demo', sa.Boolean(), nullable=False),
    sa.Column('created_at', db.models.UtcDateTime(timezone=True), nullable=False),
    sa.CheckConstraint('deregistered_on IS NULL OR deregistered_on >= registered_on', name=op.f('ck_persons_registration_period')),
    sa.CheckConstraint('supervision_end IS NULL OR supervision_end >= supervision_start', name=op.f('ck_persons_supervision_period')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_persons')),
    sa.UniqueConstraint('iin', name=op.f('uq_persons_iin'))
    )
    with op.batch_alter_table('persons', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_persons_district'), ['district'], unique=False)

    op.create_table('users',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('login', sa.String(length=64), nullable=False),
    sa.Column('full_name', sa.String(length=200), nullable=False),
    sa.Column('role', sa.String(length=16), nullable=False),
    sa.Column('password_hash', sa.String(length=255), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('locale', sa.String(length=8), nullable=False),
    sa.Column('created_at', db.models.UtcDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_users')),
    sa.UniqueConstraint('login', name=op.f('uq_users_login'))
    )
    op.create_table('zones',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('geometry', sa.JSON(), nullable=False),
    sa.Column('buffer_m', sa.Float(), nullable=False),
    sa.Column('district', sa.String(length=100), nullable=False),
    sa.Column('is_demo', sa.Boolean(), nullable=False),
    sa.Column('created_at', db.models.UtcDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', db.models.UtcDateTime(timezone=True), nullable=True),
    sa.CheckConstraint('buffer_m >= 0', name=op.f('ck_zones_buffer')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_zones'))
    )
    op.create_table('assignments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('device_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('issued_at', db.models.UtcDateTime(timezone=True), nullable=False),
    sa.Column('issued_by', sa.String(length=64), nullable=False),
    sa.Column('returned_at', db.models.UtcDateTime(timezone=True), nullable=True),
    sa.Column('returned_by', sa.String(length=255), nullable=True),
    sa.Column('note', sa.Text(), nullable=False),
    sa.CheckConstraint('returned_at IS NULL OR returned_at >= issued_at', name=op.f('ck_assignments_period')),
    sa.ForeignKeyConstraint(['device_id'], ['devices.id'], name=op.f('fk_assignments_device_id_devices')),
    sa.ForeignKeyConstraint(['person_id'], ['persons.id'], name=op.f('fk_assignments_person_id_persons')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_assignments'))
    )
    with op.batch_alter_table('assignments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_assignments_device_id'), ['device_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_assignments_person_id'), ['person_id'], unique=False)

    op.create_table('device_events',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('device_id', sa.Integer(), nullable=False),
    sa.Column('evseq', sa.BigInteger(), nullable=False),
    sa.Column('time', db.models.UtcDateTime(timezone=True), nullable=False),
    sa.Column('received', db.models.UtcDateTime(timezone=True), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('source', sa.String(length=16), nullable=False),
    sa.Column('fields', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['device_id'], ['devices.id'], name=op.f('fk_device_events_device_id_devices')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_device_events')),
    sa.UniqueConstraint('device_id', 'evseq', name='uq_event_device_evseq')
    )
    with op.batch_alter_table('device_events', schema=None) as batch_op:
        batch_op.create_index('ix_event_device_time', ['device_id', 'time'], unique=False)
        batch_op.create_index('ix_event_time', ['time'], unique=False)

    op.create_table('incidents',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=True),
    sa.Column('cause', sa.String(length=64), nullable=False),
    sa.Column('explanation', sa.String(length=500), nullable=False),
    sa.Column('opened_at', db.models.UtcDateTime(timezone=True), nullable=False),
    sa.Column('closed_at', db.models.UtcDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['person_id'], ['persons.id'], name=op.f('fk_incidents_person_id_persons')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_incidents'))
    )
    with op.batch_alter_table('incidents', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_incidents_person_id'), ['person_id'], unique=False)

    op.create_table('restrictions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('zone_id', sa.Integer(), nullable=True),
    sa.Column('schedule', sa.JSON(), nullable=True),
    sa.Column('valid_from', db.models.UtcDateTime(timezone=True), nullable=False),
    sa.Column('valid_until', db.models.UtcDateTime(timezone=True), nullable=True),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('created_at', db.models.UtcDateTime(timezone=True), nullable=False),
    sa.CheckConstraint('valid_until IS NULL OR valid_until > valid_from', name=op.f('ck_restrictions_validity')),
    sa.ForeignKeyConstraint(['person_id'], ['persons.id'], name=op.f('fk_restrictions_person_id_persons'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['zone_id'], ['zones.id'], name=op.f('fk_restrictions_zone_id_zones')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_restrictions'))
    )
    with op.batch_alter_table('restrictions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_restrictions_person_id'), ['person_id'], unique=False)

    op.create_table('user_districts',
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('district', sa.String(length=100), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_user_districts_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('user_id', 'district', name=op.f('pk_user_districts'))
    )
    op.create_table('alarms',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=True),
    sa.Column('device_id', sa.Integer(), nullable=True),
    sa.Column('incident_id', sa.Integer(), nullable=True),
    sa.Column('event_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=True),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('priority', sa.String(length=16), nullable=False),
    sa.Column('state', sa.String(length=16), nullable=False),
    sa.Column('acknowledged', sa.Boolean(), nullable=False),
    sa.Column('message', sa.String(length=500), nullable=False),
    sa.Column('details', sa.JSON(), nullable=False),
    sa.Column('raised_at', db.models.UtcDateTime(timezone=True), nullable=False),
    sa.Column('returned_at', db.models.UtcDateTime(timezone=True), nullable=True),
    sa.Column('acknowledged_at', db.models.UtcDateTime(timezone=True), nullable=True),
    sa.Column('acknowledged_by', sa.String(length=255), nullable=True),
    sa.Column('shelved_until', db.models.UtcDateTime(timezone=True), nullable=True),
    sa.Column('shelve_reason', sa.String(length=255), nullable=True),
    sa.Column('escalated_at', db.models.UtcDateTime(timezone=True), nullable=True),
    sa.Column('closed_at', db.models.UtcDateTime(timezone=True), nullable=True),
    sa.Column('closed_by', sa.String(length=255), nullable=True),
    sa.Column('resolution', sa.String(length=32), nullable=True),
    sa.ForeignKeyConstraint(['device_id'], ['devices.id'], name=op.f('fk_alarms_device_id_devices')),
    sa.ForeignKeyConstraint(['event_id'], ['device_events.id'], name=op.f('fk_alarms_event_id_device_events')),
    sa.ForeignKeyConstraint(['incident_id'], ['incidents.id'], name=op.f('fk_alarms_incident_id_incidents')),
    sa.ForeignKeyConstraint(['person_id'], ['persons.id'], name=op.f('fk_alarms_person_id_persons')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_alarms'))
    )
    with op.batch_alter_table('alarms', schema=None) as batch_op:
        batch_op.create_index('ix_alarm_state_raised', ['state', 'raised_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_alarms_device_id'), ['device_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_alarms_person_id'), ['person_id'], unique=False)

    op.create_table('positions',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('device_id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('time', db.models.UtcDateTime(timezone=True), nullable=False),
    sa.Column('lat', sa.Float(), nullable=False),
    sa.Column('lon', sa.Float(), nullable=False),
    sa.Column('fix', sa.Integer(), nullable=False),
    sa.Column('sats', sa.Integer(), nullable=True),
    sa.Column('hdop', sa.Float(), nullable=True),
    sa.Column('accuracy_m', sa.Float(), nullable=True),
    sa.Column('speed_kmh', sa.Float(), nullable=True),
    sa.Column('course', sa.Float(), nullable=True),
    sa.CheckConstraint('lat BETWEEN -90 AND 90 AND lon BETWEEN -180 AND 180', name=op.f('ck_positions_range')),
    sa.ForeignKeyConstraint(['device_id'], ['devices.id'], name=op.f('fk_positions_device_id_devices')),
    sa.ForeignKeyConstraint(['event_id'], ['device_events.id'], name=op.f('fk_positions_event_id_device_events')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_positions'))
    )
    with op.batch_alter_table('positions', schema=None) as batch_op:
        batch_op.create_index('ix_position_device_time', ['device_id', 'time'], unique=False)

    op.create_table('alarm_actions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('alarm_id', sa.Integer(), nullable=False),
    sa.Column('at', db.models.UtcDateTime(timezone=True), nullable=False),
    sa.Column('user', sa.String(length=64), nullable=False),
    sa.Column('action', sa.String(length=32), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['alarm_id'], ['alarms.id'], name=op.f('fk_alarm_actions_alarm_id_alarms')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_alarm_actions'))
    )
    with op.batch_alter_table('alarm_actions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_alarm_actions_alarm_id'), ['alarm_id'], unique=False)

    op.create_table('violation_journal',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('detected_at', db.models.UtcDateTime(timezone=True), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('device_id', sa.Integer(), nullable=True),
    sa.Column('alarm_id', sa.Integer(), nullable=True),
    sa.Column('violation', sa.String(length=500), nullable=False),
    sa.Column('detected_by', sa.String(length=200), nullable=False),
    sa.Column('measures', sa.Text(), nullable=False),
    sa.Column('reported_to', sa.String(length=200), nullable=False),
    sa.Column('reported_at', db.models.UtcDateTime(timezone=True), nullable=True),
    sa.Column('operator', sa.String(length=64), nullable=False),
    sa.Column('corrects_id', sa.Integer(), nullable=True),
    sa.Column('recorded_at', db.models.UtcDateTime(timezone=True), nullable=False),
    sa.Column('prev_hash', sa.String(length=64), nullable=False),
    sa.Column('row_hash', sa.String(length=64), nullable=False),
    sa.ForeignKeyConstraint(['alarm_id'], ['alarms.id'], name=op.f('fk_violation_journal_alarm_id_alarms')),
    sa.ForeignKeyConstraint(['corrects_id'], ['violation_journal.id'], name=op.f('fk_violation_journal_corrects_id_violation_journal')),
    sa.ForeignKeyConstraint(['device_id'], ['devices.id'], name=op.f('fk_violation_journal_device_id_devices')),
    sa.ForeignKeyConstraint(['person_id'], ['persons.id'], name=op.f('fk_violation_journal_person_id_persons')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_violation_journal'))
    )
    with op.batch_alter_table('violation_journal', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_violation_journal_person_id'), ['person_id'], unique=False)




def downgrade() -> None:

    with op.batch_alter_table('violation_journal', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_violation_journal_person_id'))

    op.drop_table('violation_journal')
    with op.batch_alter_table('alarm_actions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_alarm_actions_alarm_id'))

    op.drop_table('alarm_actions')
    with op.batch_alter_table('positions', schema=None) as batch_op:
        batch_op.drop_index('ix_position_device_time')

    op.drop_table('positions')
    with op.batch_alter_table('alarms', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_alarms_person_id'))
        batch_op.drop_index(batch_op.f('ix_alarms_device_id'))
        batch_op.drop_index('ix_alarm_state_raised')

    op.drop_table('alarms')
    op.drop_table('user_districts')
    with op.batch_alter_table('restrictions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_restrictions_person_id'))

    op.drop_table('restrictions')
    with op.batch_alter_table('incidents', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_incidents_person_id'))

    op.drop_table('incidents')
    with op.batch_alter_table('device_events', schema=None) as batch_op:
        batch_op.drop_index('ix_event_time')
        batch_op.drop_index('ix_event_device_time')

    op.drop_table('device_events')
    with op.batch_alter_table('assignments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_assignments_person_id'))
        batch_op.drop_index(batch_op.f('ix_assignments_device_id'))

    op.drop_table('assignments')
    op.drop_table('zones')
    op.drop_table('users')
    with op.batch_alter_table('persons', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_persons_district'))

    op.drop_table('persons')
    op.drop_table('devices')
    with op.batch_alter_table('audit_journal', schema=None) as batch_op:
        batch_op.drop_index('ix_audit_at')

    op.drop_table('audit_journal')

