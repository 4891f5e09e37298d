"""The violation journal (seed form: violations found by electronic means).

Closing an alarm as a confirmed violation writes one entry: when and what,
how it was detected, the measures taken, to whom (the chief of the public
security unit) and when it was reported, and the operator. What the system
knows is stored as codes with parameters (``arm.messages``: the kind, the
device, the recorded actions, a "reported to" chosen from the list), rendered
in the reader's language; what the operator typed is kept verbatim. Entries are never
edited: the database refuses UPDATE, and a correction is a new entry whose
``corrects_id`` names the entry it corrects. Rows are hash-chained.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from arm import messages
from arm.events import utcnow
from db.integrity import append_chained
from db.models import Alarm, Device, ViolationEntry


class JournalError(ValueError):
    """A journal entry that cannot be written; ``code`` is stable for widgets."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


@dataclass(frozen=True, slots=True)
class Report:
    """The "reported to the chief" columns, filled at closing time."""

    reported_to: str = ""
    reported_at: datetime | None = None
    measures: str = ""


def detected_by(session: Session, alarm: Alarm) -> str:
    """How the violation was detected: the means (device type and serial), as a code (``arm.messages``)."""
    if alarm.device_id is not None:
        device = session.get(Device, alarm.device_id)
        if device is not None:
            return messages.coded("detected.device", type=str(device.type), serial=device.serial)
    return messages.coded("detected.rules")


def write_entry(session: Session, alarm: Alarm, operator: str, violation: str, report: Report,
                recorded_at: datetime | None = None) -> ViolationEntry:
    if alarm.person_id is None:
        raise JournalError("no_person", "the alarm concerns no person; nothing to record in the journal")
    entry = ViolationEntry(
        detected_at=alarm.raised_at, person_id=alarm.person_id, device_id=alarm.device_id,
        alarm_id=alarm.id, violation=violation[:500], detected_by=detected_by(session, alarm)[:200],
        measures=report.measures, reported_to=report.reported_to[:200], reported_at=report.reported_at,
        operator=operator, corrects_id=None, recorded_at=recorded_at or utcnow(),
    )
    return append_chained(session, entry)


def correct_entry(session: Session, entry_id: int, operator: str, *, reason: str, violation: str | None = None,
                  measures: str | None = None, reported_to: str | None = None,
                  reported_at: datetime | None = None) -> ViolationEntry:
    """Append a correction of ``entry_id``; the original stays as it was."""
    if not reason.strip():
        raise JournalError("reason_required", "a correction needs a reason")
    old = session.get(ViolationEntry, entry_id)
    if old is None:
        raise JournalError("not_found", f"journal entry {entry_id} does not exist")
    entry = ViolationEntry(
        detected_at=old.detected_at, person_id=old.person_id, device_id=old.device_id, alarm_id=old.alarm_id,
        violation=(violation if violation is not None else old.violation)[:500], detected_by=old.detected_by,
        measures=messages.with_correction(measures if measures is not None else old.measures, reason.strip()),
        reported_to=reported_to if reported_to is not None else old.reported_to,
        reported_at=reported_at if reported_at is not None else old.reported_at,
        operator=operator, corrects_id=old.id, recorded_at=utcnow(),
    )
    return append_chained(session, entry)
