"""What closing an alarm requires, by alarm kind and resolution: one rule for the dialog and the core.

The close dialog offers the resolutions in :func:`choices` order (the likely
one first, none preselected) and marks the fields :func:`required` names; the
alarm manager calls :func:`check` before it writes anything, so a desk API
client or a script cannot write what the dialog would refuse:

* a technical alarm (low battery, no communication, a fault...) may be closed
  as a confirmed violation only with a reason, the closing note (the operator
  says why a flat battery was the person's doing);
* a confirmed violation names whom it was reported to (a code from
  ``arm.messages.REPORT_TO_CODES`` or the operator's own words) and when;
* kinds in ``AlarmConfig.note_required`` (tampering) need a note, at closing
  or earlier in the alarm's history.
"""

from __future__ import annotations

from collections.abc import Collection

from arm.rules.conditions import Kind
from db.models import Resolution

#: kinds that are about the equipment, not the person's conduct: a violation only with a reason
TECHNICAL_KINDS: frozenset[str] = frozenset({
    Kind.LOW_BATTERY, Kind.NO_COMMUNICATION, Kind.GNSS_LOST, Kind.GNSS_JAMMING, Kind.DEVICE_FAULT,
    Kind.MAINS_LOST, Kind.NOT_MONITORED, Kind.DEVICE_SHUTDOWN, Kind.DEVICE_ALARM, Kind.SOS,
})

NOTE = "note"
REPORTED_TO = "reported_to"
REPORTED_AT = "reported_at"


class CloseRefused(ValueError):
    """Closing as asked is not allowed; ``code`` is the stable ``AlarmError`` code."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


def is_technical(kind: str) -> bool:
    return kind in TECHNICAL_KINDS


def choices(kind: str) -> tuple[Resolution, ...]:
    """The resolutions for ``kind``, the likely one first (none is preselected)."""
    if is_technical(kind):
        return Resolution.TECHNICAL, Resolution.FALSE_ALARM, Resolution.CONFIRMED
    return Resolution.CONFIRMED, Resolution.FALSE_ALARM, Resolution.TECHNICAL


def required(kind: str, resolution: Resolution | str | None, note_required: Collection[str] = (),
             has_note: bool = False) -> frozenset[str]:
    """The fields that must be filled to close ``kind`` with ``resolution``."""
    fields: set[str] = set()
    if kind in note_required and not has_note:
        fields.add(NOTE)
    if resolution == Resolution.CONFIRMED:
        fields |= {REPORTED_TO, REPORTED_AT}
        if is_technical(kind):
            fields.add(NOTE)  # the reason: the closing note itself, an earlier note does not say why
    return frozenset(fields)


def check(kind: str, resolution: Resolution | str, note: str, reported_to: str,
          note_required: Collection[str] = (), has_note: bool = False) -> None:
    """Raise :class:`CloseRefused` for the first required field left empty.

    "Reported at" is not checked here: the core records the closing time when
    a client sends none (the dialog always sends the time shown to the operator).
    """
    resolution = Resolution(resolution)
    fields = required(kind, resolution, note_required, has_note)
    if NOTE in fields and not note.strip():
        if resolution == Resolution.CONFIRMED and is_technical(kind):
            raise CloseRefused("reason_required_for_violation",
                               "a technical alarm is a confirmed violation only with a reason in the note")
        raise CloseRefused("note_required", "a tamper alarm cannot be closed without a note")
    if REPORTED_TO in fields and not reported_to.strip():
        raise CloseRefused("reported_to_required", "name whom the violation was reported to")
