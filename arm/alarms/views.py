"""Read-only snapshots of alarms for the GUI and the desk API.

Widgets never hold ORM objects (they would lazy-load on the GUI thread); they
get frozen dataclasses built on the alarm worker. Texts are stable codes plus
English source; widgets translate. :class:`AlarmView` itself lives in
``arm.alarm_view`` (``arm.events`` carries it) and is re-exported here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from arm import messages
from arm.alarm_view import AlarmView
from arm.alarms.priorities import RANK
from arm.caseload import reference
from arm.rules import explain
from db.models import Alarm, AlarmState

#: Operator actions that can be recorded on an alarm (besides ack/shelve/close).
OPERATOR_ACTIONS = ("note", "called_person", "informed_officer", "patrol_sent")


def view_of(alarm: Alarm, person_name: str = "", district: str = "", serial: str = "",
            explanation: str = "", notes: int = 0) -> AlarmView:
    d = alarm.details or {}
    return AlarmView(
        id=alarm.id, kind=alarm.kind, priority=str(alarm.priority), state=str(alarm.state),
        acknowledged=bool(alarm.acknowledged), message=alarm.message, raised_at=alarm.raised_at,
        person_id=alarm.person_id, device_id=alarm.device_id, incident_id=alarm.incident_id,
        person_name=person_name, district=district, device_serial=serial,
        returned_at=alarm.returned_at, acknowledged_at=alarm.acknowledged_at,
        acknowledged_by=alarm.acknowledged_by, shelved_until=alarm.shelved_until,
        shelve_reason=alarm.shelve_reason, escalated_at=alarm.escalated_at, closed_at=alarm.closed_at,
        resolution=str(alarm.resolution) if alarm.resolution else None,
        occurrences=int(d.get("occurrences", 1)), condition_active=bool(d.get("condition_active", True)),
        lat=d.get("lat"), lon=d.get("lon"), incident_explanation=explanation, notes=notes,
        activated_at=datetime.fromisoformat(d["activated_at"]) if d.get("activated_at") else None,
        **_explanation(d.get("explanation")),
    )


def _explanation(value: Any) -> dict[str, Any]:
    """The view's explanation fields from ``details["explanation"]`` (absent on alarms raised before it existed)."""
    if not isinstance(value, dict) or not value.get("code"):
        return {}
    params = value.get("params")
    if not isinstance(params, dict):
        params = {}
    return {"explanation_code": str(value["code"]),
            "explanation_params": tuple(sorted((str(k), v) for k, v in params.items()))}


def sort_key(view: AlarmView) -> tuple[Any, ...]:
    """Unacknowledged first, then most severe, then oldest; shelved last."""
    return (view.state == AlarmState.SHELVED, not view.needs_ack, RANK.get(view.priority, 9), view.raised_at, view.id)


@dataclass(frozen=True, slots=True)
class ActionView:
    at: datetime
    user: str
    action: str
    note: str


@dataclass(frozen=True, slots=True)
class EventView:
    time: datetime
    serial: str
    kind: str
    summary: str
    #: the event's fields as stored (codes and numbers): widgets put them in words
    fields: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class AlarmDetail:
    """Everything the detail pane shows: the alarm, the person, the device, the context."""

    alarm: AlarmView
    person: dict[str, Any] = field(default_factory=dict)
    devices: list[dict[str, Any]] = field(default_factory=list)
    events: list[EventView] = field(default_factory=list)
    actions: list[ActionView] = field(default_factory=list)
    last_position: tuple[float, float, datetime] | None = None


@dataclass(frozen=True, slots=True)
class IncidentView:
    id: int
    person_id: int | None
    person_name: str
    cause: str
    explanation: str
    opened_at: datetime
    alarm_ids: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class NotMonitoredView:
    person_id: int
    person_name: str
    district: str
    reason: str
    since: datetime


@dataclass(frozen=True, slots=True)
class HandoverReport:
    """What the next shift must know: open incidents, shelved alarms, blind spots."""

    made_at: datetime
    made_by: str
    incidents: list[IncidentView]
    shelved: list[AlarmView]
    not_monitored: list[NotMonitoredView]
    unacknowledged: list[AlarmView]

    def as_text(self, tz: Any) -> str:
        """A plain English rendering (the GUI renders its own translated one)."""

        def t(when: datetime | None) -> str:
            return when.astimezone(tz).strftime("%d.%m.%Y %H:%M") if when else "-"

        lines = [f"Shift handover {t(self.made_at)} by {self.made_by}", "", "Open incidents:"]
        lines += [f"  #{i.id} {i.person_name}: {i.explanation or i.cause} (since {t(i.opened_at)}, "
                  f"{len(i.alarm_ids)} alarms)" for i in self.incidents] or ["  none"]
        lines += ["", "Shelved alarms:"]
        lines += [f"  #{a.id} {a.person_name}: {_why(a, tz) or messages.render(a.message, 'en')} until {t(a.shelved_until)} ({a.shelve_reason})"
                  for a in self.shelved] or ["  none"]
        lines += ["", "Persons not monitored:"]
        lines += [f"  {p.person_name} ({reference.name(p.district, 'en')}): {p.reason} since {t(p.since)}"
                  for p in self.not_monitored] or ["  none"]
        lines += ["", f"Unacknowledged alarms: {len(self.unacknowledged)}"]
        return "\n".join(lines)


def _why(view: AlarmView, tz: Any) -> str:
    """The English explanation of an alarm (plain-text report), times in ``tz``."""
    if not view.explanation_code:
        return ""
    return explain.text({"code": view.explanation_code, "params": dict(view.explanation_params)}, tz)
