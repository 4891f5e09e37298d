"""The alarm row snapshot (:class:`AlarmView`), in a module that imports nothing of ours.

It is what the alarm panel shows and what :class:`arm.events.AlarmChanged`
carries, so both the alarm manager (``arm.alarms``) and the bus messages
(``arm.events``) need it; living here, below both, it lets ``arm.events``
carry the row without importing ``arm.alarms`` (which imports ``arm.events``).
Build it with :func:`arm.alarms.views.view_of`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any


@dataclass(frozen=True, slots=True)
class AlarmView:
    """One alarm as a row of the operator's panel."""

    id: int
    kind: str
    priority: str
    state: str
    acknowledged: bool
    message: str
    raised_at: datetime
    person_id: int | None = None
    device_id: int | None = None
    incident_id: int | None = None
    person_name: str = ""
    district: str = ""
    device_serial: str = ""
    returned_at: datetime | None = None
    acknowledged_at: datetime | None = None
    acknowledged_by: str | None = None
    shelved_until: datetime | None = None
    shelve_reason: str | None = None
    escalated_at: datetime | None = None
    closed_at: datetime | None = None
    resolution: str | None = None
    occurrences: int = 1
    condition_active: bool = True
    lat: float | None = None
    lon: float | None = None
    incident_explanation: str = ""
    notes: int = 0
    #: when the alarm last called for attention (raise or re-alarm), desk clock; escalation counts from it
    activated_at: datetime | None = None
    #: why it was raised: a code of :data:`arm.rules.explain.TEXTS` and its named parameters (widgets translate)
    explanation_code: str = ""
    explanation_params: tuple[tuple[str, Any], ...] = ()

    @property
    def is_open(self) -> bool:
        return self.state != "closed"

    @property
    def needs_ack(self) -> bool:
        return self.is_open and not self.acknowledged and self.state != "shelved"

    def with_(self, **changes: Any) -> AlarmView:
        return replace(self, **changes)
