"""Reads behind the detail pane and the shift handover report.

Data functions take a session; the caller (the alarm manager's worker) owns
the transaction. Viewing a person's card is recorded in the audit journal by
the caller, since it is a view of personal data.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from arm.alarms.views import (
    ActionView,
    AlarmDetail,
    AlarmView,
    EventView,
    HandoverReport,
    IncidentView,
    NotMonitoredView,
)
from db.models import Alarm, AlarmAction, AlarmState, Assignment, Device, DeviceEventRow, Incident, Person, Position

EVENT_WINDOW = timedelta(minutes=30)
MAX_EVENTS = 60


def person_card(p: Person) -> dict[str, Any]:
    return {
        "id": p.id, "name": p.full_name, "iin": p.iin, "birth_date": p.birth_date, "category": str(p.category),
        "address": p.address, "phone": p.phone or "", "district": p.district, "officer": p.officer,
        "court_decision": " ".join(x for x in (p.court_decision_no or "", p.court_name or "") if x),
        "supervision": (p.supervision_start, p.supervision_end),
    }


def device_card(d: Device) -> dict[str, Any]:
    return {"id": d.id, "serial": d.serial, "type": str(d.type), "status": str(d.status), "battery": d.battery,
            "last_contact": d.last_contact, "heartbeat_s": d.heartbeat_s, "firmware": d.firmware or ""}


def summarize(kind: str, fields: dict[str, Any]) -> str:
    """A short, language-neutral summary of an event's fields (codes and numbers)."""
    if kind == "POS":
        if fields.get("lat") is None:
            return "no fix"
        return (f"{fields['lat']:.5f}, {fields['lon']:.5f} fix {fields.get('fix')} "
                f"sats {fields.get('sats')} hdop {fields.get('hdop')}")
    keys = [k for k in fields if k not in ("raw",)]
    return ", ".join(f"{k}={fields[k]}" for k in keys)


def alarm_detail(s: Session, view: AlarmView, with_person: bool = True) -> AlarmDetail:
    alarm = s.get(Alarm, view.id)
    person = s.get(Person, view.person_id) if view.person_id is not None else None
    device_ids: list[int] = []
    if person is not None:
        device_ids = [a.device_id for a in s.scalars(select(Assignment).where(
            Assignment.person_id == person.id, Assignment.returned_at.is_(None)))]
    if view.device_id is not None and view.device_id not in device_ids:
        device_ids.append(view.device_id)
    devices = [device_card(d) for d in s.scalars(select(Device).where(Device.id.in_(device_ids)))]
    serials = {d["id"]: d["serial"] for d in devices}
    at = alarm.raised_at if alarm is not None else view.raised_at
    events = [
        EventView(e.time, serials.get(e.device_id, ""), e.kind, summarize(e.kind, e.fields or {}),
                  {k: v for k, v in (e.fields or {}).items() if k != "raw"})
        for e in s.scalars(select(DeviceEventRow).where(
            DeviceEventRow.device_id.in_(device_ids),
            DeviceEventRow.time.between(at - EVENT_WINDOW, at + EVENT_WINDOW),
        ).order_by(DeviceEventRow.time.desc()).limit(MAX_EVENTS))
    ]
    actions = [ActionView(a.at, a.user, a.action, a.note) for a in s.scalars(
        select(AlarmAction).where(AlarmAction.alarm_id == view.id).order_by(AlarmAction.id))]
    last = s.scalars(select(Position).where(Position.device_id.in_(device_ids))
                     .order_by(Position.time.desc()).limit(1)).first()
    return AlarmDetail(
        alarm=view, person=person_card(person) if person and with_person else {}, devices=devices, events=events,
        actions=actions, last_position=(last.lat, last.lon, last.time) if last else None,
    )


def handover(s: Session, open_views: list[AlarmView], now: datetime, user: str,
             districts: tuple[str, ...] | None = None) -> HandoverReport:
    """The report over ``open_views``; with ``districts``, only incidents of persons of those districts."""
    by_incident: dict[int, list[int]] = {}
    for v in open_views:
        if v.incident_id is not None:
            by_incident.setdefault(v.incident_id, []).append(v.id)
    names: dict[int | None, str] = {v.person_id: v.person_name for v in open_views if v.person_id is not None}
    incidents = [
        IncidentView(i.id, i.person_id, names.get(i.person_id, ""), i.cause, i.explanation, i.opened_at,
                     tuple(sorted(by_incident.get(i.id, ()))))
        for i in s.scalars(select(Incident).where(Incident.closed_at.is_(None)).order_by(Incident.opened_at))
        if not districts or _district(s, i.person_id) in ("", *districts)
    ]
    shelved = [v for v in open_views if v.state == AlarmState.SHELVED]
    not_monitored = []
    for v in open_views:
        if v.kind == "not_monitored" and v.condition_active and v.person_id is not None:
            alarm = s.get(Alarm, v.id)
            reason = str((alarm.details or {}).get("reason", "")) if alarm else ""
            not_monitored.append(NotMonitoredView(v.person_id, v.person_name, v.district, reason, v.raised_at))
    unacked = [v for v in open_views if v.needs_ack]
    return HandoverReport(now, user, incidents, shelved, not_monitored, unacked)


def _district(s: Session, person_id: int | None) -> str:
    if person_id is None:
        return ""
    person = s.get(Person, person_id)
    return person.district if person is not None else ""
