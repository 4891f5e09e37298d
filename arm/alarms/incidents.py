"""Incidents, not floods: alarms of one person that share a cause are grouped.

Each alarm still exists on its own (a new kind of violation always raises
its own alarm); the incident is the one line an operator reads first:
"battery falling, then silence, then no fix: device discharged".
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from arm.rules.conditions import Kind
from db.models import Alarm, AlarmState, Incident

POWER_KINDS = frozenset({Kind.LOW_BATTERY, Kind.NO_COMMUNICATION, Kind.GNSS_LOST, Kind.DEVICE_SHUTDOWN})
ALCOHOL_KINDS = frozenset({Kind.ALCOHOL_POSITIVE, Kind.ALCOHOL_REFUSED, Kind.ALCOHOL_MISSED, Kind.FACE_MISMATCH})

#: English source text of the explanations (widgets translate by cause code).
EXPLANATIONS = {
    "device_discharged": "Battery falling, then silence, then no fix: device discharged",
    "device_power": "Device power and communication problems",
    "tamper": "Device tampering",
    "alcohol_test": "Breath alcohol test problems",
    "zone_edge": "Repeated exits at the edge of a zone",
}


def cause_of(kind: str, ref: str) -> str:
    """The grouping key: alarms of one person with the same cause share an incident."""
    if kind in POWER_KINDS:
        return "device_power"
    if kind in Kind.TAMPER:
        return "tamper"
    if kind in ALCOHOL_KINDS:
        return "alcohol_test"
    if kind in Kind.ZONES or kind == Kind.CURFEW:
        return f"{kind}:{ref}"
    return kind


def explain(kinds: set[str], occurrences: int, cause: str) -> tuple[str, str]:
    """(cause, explanation) for an incident holding alarms of ``kinds``."""
    if cause in ("device_power", "device_discharged"):
        if Kind.LOW_BATTERY in kinds and kinds & {Kind.NO_COMMUNICATION, Kind.DEVICE_SHUTDOWN}:
            return "device_discharged", EXPLANATIONS["device_discharged"]
        return "device_power", EXPLANATIONS["device_power"]
    if cause.split(":")[0] in Kind.ZONES and occurrences > 1:
        return cause, EXPLANATIONS["zone_edge"] + f" ({occurrences} times)"
    if cause in EXPLANATIONS:
        return cause, EXPLANATIONS[cause]
    return cause, ""


def group_of(cause: str) -> str:
    """Causes that share an incident while it is open (power problems evolve into "discharged")."""
    return "device_power" if cause in ("device_power", "device_discharged") else cause


def _group(cause: str) -> tuple[str, ...]:
    return ("device_power", "device_discharged") if group_of(cause) == "device_power" else (cause,)


def incident_for(session: Session, person_id: int | None, kind: str, ref: str, at: datetime) -> Incident | None:
    """The open incident this new alarm joins, or a new one (no person, no incident)."""
    if person_id is None:
        return None
    cause = cause_of(kind, ref)
    incident = session.scalars(
        select(Incident)
        .where(Incident.person_id == person_id, Incident.closed_at.is_(None), Incident.cause.in_(_group(cause)))
        .order_by(Incident.id.desc())
        .limit(1)
    ).first()
    if incident is None:
        incident = Incident(person_id=person_id, cause=cause, explanation="", opened_at=at)
        session.add(incident)
        session.flush()
    return incident


def refresh(session: Session, incident: Incident) -> None:
    """Recompute the incident's cause/explanation from its alarms (read from the database)."""
    explain_from(incident, list(session.scalars(select(Alarm).where(Alarm.incident_id == incident.id))))


def explain_from(incident: Incident, alarms: Iterable[Alarm]) -> None:
    """Recompute the incident's cause/explanation from all of its alarms, already in memory."""
    alarms = list(alarms)
    kinds = {a.kind for a in alarms}
    occurrences = sum(int((a.details or {}).get("occurrences", 1)) for a in alarms)
    cause, explanation = explain(kinds, occurrences, incident.cause)
    if (cause, explanation) != (incident.cause, incident.explanation):  # no UPDATE when nothing changed
        incident.cause, incident.explanation = cause, explanation


def close_if_done(session: Session, incident_id: int | None, at: datetime) -> None:
    """An incident ends when its last alarm is closed."""
    if incident_id is None:
        return
    still_open = session.scalar(
        select(Alarm.id).where(Alarm.incident_id == incident_id, Alarm.state != AlarmState.CLOSED).limit(1)
    )
    if still_open is None:
        incident = session.get(Incident, incident_id)
        if incident is not None and incident.closed_at is None:
            incident.closed_at = at
