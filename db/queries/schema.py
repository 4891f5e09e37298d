"""Indexes and bookkeeping tables that make the journals fast and tamper-evident.

The indexes serve the journal review (period, person, operator filters sorted
by time, keyset paged by ``(time, id)``), so a page of one million rows comes
from an index range scan, not a table scan.

``JournalHead`` keeps the id and hash of the newest row of each chained
journal. A database trigger (revision ``journals_integrity``) updates it on
every insert, so removing the newest rows, which leaves an intact but shorter
chain, is still detected by ``db.integrity.verify_all``.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from db.models import Alarm, AlarmAction, Assignment, AuditEntry, Base, Person, UtcDateTime, ViolationEntry


class JournalHead(Base):
    """The last row appended to a chained journal (maintained by a trigger)."""

    __tablename__ = "journal_heads"

    journal: Mapped[str] = mapped_column(String(64), primary_key=True)
    last_id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"))
    last_hash: Mapped[str] = mapped_column(String(64))


JOURNAL_INDEXES = (
    Index("ix_violation_detected_id", ViolationEntry.detected_at, ViolationEntry.id),
    Index("ix_violation_person_detected", ViolationEntry.person_id, ViolationEntry.detected_at),
    Index("ix_violation_operator_detected", ViolationEntry.operator, ViolationEntry.detected_at),
    Index("ix_alarm_raised_id", Alarm.raised_at, Alarm.id),
    Index("ix_alarm_ack_by", Alarm.acknowledged_by, Alarm.raised_at),
    Index("ix_alarm_kind_raised", Alarm.kind, Alarm.raised_at),
    Index("ix_alarm_priority_raised", Alarm.priority, Alarm.raised_at),
    Index("ix_alarm_action_user_at", AlarmAction.user, AlarmAction.at),
    Index("ix_assignment_issued_id", Assignment.issued_at, Assignment.id),
    Index("ix_audit_user_at", AuditEntry.user, AuditEntry.at),
    Index("ix_audit_action_at", AuditEntry.action, AuditEntry.at),
    Index("ix_person_officer", Person.officer),
    Index("ix_person_last_name", Person.last_name),
)


class JournalChain(Base):
    """How a chained journal is hashed: plain SHA-256 (before keying) or HMAC with the key file.

    ``key_id`` is a fingerprint of the key (never the key), ``chain_id`` names the
    chain in the checkpoint file outside the database, ``keyed_at`` is when the
    chain was keyed (a missing checkpoint is reported once it is older than the
    checkpoint interval) and ``mac`` signs those fields, so an attacker without
    the key cannot move ``keyed_at`` or swap the chain id. ``state`` is
    ``rekeying`` only inside the transaction that re-keys the chain: the update
    trigger of revision ``journals_keyed`` lets the hash columns change then, and
    only then.
    """

    __tablename__ = "journal_chains"

    journal: Mapped[str] = mapped_column(String(64), primary_key=True)
    scheme: Mapped[str] = mapped_column(String(16))
    key_id: Mapped[str] = mapped_column(String(16), default="")
    chain_id: Mapped[str] = mapped_column(String(32))
    keyed_at: Mapped[datetime] = mapped_column(UtcDateTime())
    state: Mapped[str] = mapped_column(String(16), default="ready")
    mac: Mapped[str] = mapped_column(String(64), default="")
