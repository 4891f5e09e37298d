"""Correcting a violation journal entry without editing it.

The seed journal rules correct a mistake by striking the wrong entry through
and writing a new one, with a note signed by the responsible person. Here the
wrong entry stays as it is (the database refuses edits) and a new, chained
entry repeats it with the corrected fields and ``corrects_id`` pointing at
it; the journal and its exports show the pair.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.orm import Session

from arm import access, audit
from db.integrity import append_chained
from db.models import ViolationEntry
from db.queries import journals

CORRECTABLE = ("violation", "detected_by", "measures", "reported_to")
ROLES = frozenset({access.SUPERVISOR, access.OPERATOR})


class CorrectionError(ValueError):
    """The correction is not valid; ``field`` names the form field it belongs to."""

    def __init__(self, message: str, field: str = "") -> None:
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class Correction:
    changes: dict[str, str]
    reason: str


def correct_entry(session: Session, user: Any, entry_id: int, correction: Correction) -> ViolationEntry:
    """Append an entry that corrects ``entry_id``; the original is kept unchanged."""
    if str(getattr(user, "role", "")) not in ROLES:
        raise access.AccessDenied("denied.correct", "Only operators and supervisors correct journal entries.")
    scope = access.scope_for(user, access.Journal.VIOLATIONS)
    if journals.detail(session, "violations", entry_id, scope) is None:
        raise access.AccessDenied("denied.row", f"Entry {entry_id} of the violation journal is not available to you.")
    original = session.get(ViolationEntry, entry_id)
    if original is None:  # pragma: no cover - detail() found it a moment ago
        raise CorrectionError(f"There is no entry {entry_id}.")
    _validate(original, correction)
    now = datetime.now(UTC)
    fields = {key: correction.changes.get(key, getattr(original, key)) for key in CORRECTABLE}
    entry = append_chained(session, ViolationEntry(
        detected_at=original.detected_at, person_id=original.person_id, device_id=original.device_id,
        alarm_id=original.alarm_id, reported_at=original.reported_at, operator=user.login,
        corrects_id=original.id, recorded_at=now, **fields,
    ))
    audit.record(session, user, "correct_violation_entry", "violations", entry.id, corrects=original.id,
                 fields=sorted(correction.changes), reason=correction.reason)
    return entry


def _validate(original: ViolationEntry, correction: Correction) -> None:
    if len(correction.reason.strip()) < 5:
        raise CorrectionError("Say why the entry is corrected (at least 5 characters).", field="reason")
    unknown = set(correction.changes) - set(CORRECTABLE)
    if unknown:
        raise CorrectionError(f"These fields cannot be corrected: {', '.join(sorted(unknown))}.")
    changed = {k: v for k, v in correction.changes.items() if v != getattr(original, k)}
    if not changed:
        raise CorrectionError("Nothing differs from the entry being corrected.", field="violation")
    if "violation" in changed and not changed["violation"].strip():
        raise CorrectionError("The violation cannot be empty.", field="violation")
