"""The alarm manager: ISA-18.2 lifecycle, incidents, escalation, journal, audit.

States (ISA-18.2): a condition is *active* or has *returned* to normal, and
independently the alarm is *unacknowledged* or *acknowledged*; an operator may
*shelve* it for a limited time with a reason, and *close* it with a
resolution. A returned alarm that becomes active again is the same alarm,
re-alarmed (unacknowledged again): the condition must return to normal, and
the alarm be closed, before a new alarm of that condition is raised.

All database work happens on one worker thread (``submit``): operators'
actions and the rules engine never race. The operator actions below are
synchronous (the rules engine, the tests and the CLI call them on that worker);
the GUI and the desk API reach them through the typed, future-returning
:class:`arm.alarms.api.AlarmOperations` (``arm.alarms.local.LocalAlarmOperations``). Every change is audited
(``arm.audit.record``) in the same transaction and announced on the bus as
:class:`arm.events.AlarmChanged` after the commit, with the alarm's new row. An in-memory cache of open
alarms lets the GUI read rows without touching the database.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Any, ParamSpec, TypeVar

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from arm import audit, messages
from arm.access import (
    AccessDenied,
    Account,
    Action,
    covers,
    current_account,
    may,
    record_denied,
    require,
    require_alarm,
)
from arm.alarms import closing, incidents, queries
from arm.alarms.api import AlarmConfig, AlarmError, AlarmUser
from arm.alarms.journal import Report, write_entry
from arm.alarms.priorities import priority_table
from arm.alarms.views import OPERATOR_ACTIONS, AlarmDetail, AlarmView, HandoverReport, sort_key, view_of
from arm.bus import Bus
from arm.events import AlarmChanged, utcnow
from arm.rules.conditions import ConditionChange, Kind
from db.models import (
    Alarm,
    AlarmAction,
    AlarmPriority,
    AlarmState,
    Device,
    Incident,
    Person,
    Resolution,
)

log = logging.getLogger("arm.alarms")

SYSTEM = "system"

_P = ParamSpec("_P")
_T = TypeVar("_T")


@dataclass(slots=True)
class _Batch:
    """One ``apply``: the rows read before the first write, and what the batch decided."""

    alarms: dict[str, Alarm] = field(default_factory=dict)  # condition key -> open alarm (loaded or raised)
    incidents: dict[int, Incident] = field(default_factory=dict)  # preloaded, by id
    members: dict[Incident, list[Alarm]] = field(default_factory=dict)  # incident -> all its alarms
    new_incidents: dict[tuple[int, str], Incident] = field(default_factory=dict)  # (person, cause group)
    raised: list[tuple[Alarm, Incident | None]] = field(default_factory=list)
    results: list[tuple[Alarm, str]] = field(default_factory=list)
    stale: dict[Incident, None] = field(default_factory=dict)  # incidents to explain again (ordered set)

    def incident_of(self, alarm: Alarm) -> Incident | None:
        return self.incidents.get(alarm.incident_id) if alarm.incident_id is not None else None


class AlarmManager:
    """Owns every alarm row; the rules engine and the operators both go through it."""

    def __init__(self, db: Any, bus: Bus, config: AlarmConfig | None = None,
                 priorities: dict[str, AlarmPriority] | None = None, clock: Callable[[], datetime] = utcnow) -> None:
        self.db = db
        self.bus = bus
        self.config = config or AlarmConfig()
        self.priorities = priorities or priority_table()
        self.clock = clock
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="arm-alarms")
        self._lock = threading.Lock()
        self._views: dict[int, AlarmView] = {}
        self._by_key: dict[str, int] = {}
        self._names: dict[int, tuple[str, str]] = {}
        self._serials: dict[int, str] = {}
        self._incidents: dict[tuple[int, str], int] = {}  # (person, cause group) -> open incident id
        self._local = threading.local()

    # ------------------------------------------------------------ threads
    def submit(self, fn: Callable[_P, _T], *args: _P.args, **kwargs: _P.kwargs) -> Future[_T]:
        """Run ``fn`` on the alarm worker (the one thread that writes alarms).

        After shutdown the future fails with ``AlarmError("stopped")`` rather
        than raising in the caller (a window may outlive the service briefly).
        """
        try:
            return self._pool.submit(fn, *args, **kwargs)
        except RuntimeError:
            future: Future[_T] = Future()
            future.set_exception(AlarmError("stopped", "the alarm service has stopped"))
            return future

    def shutdown(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=False)

    # ------------------------------------------------------------ cache
    def load(self) -> None:
        """Fill the cache with every open alarm (at start)."""
        with self.db.session() as s:
            rows = list(s.scalars(select(Alarm).where(Alarm.state != AlarmState.CLOSED)))
            views = [self._build_view(s, a) for a in rows]
            keys = {a.id: (a.details or {}).get("key") for a in rows}
            open_incidents = {(i.person_id, incidents.group_of(i.cause)): i.id for i in s.scalars(
                select(Incident).where(Incident.closed_at.is_(None), Incident.person_id.is_not(None))
                .order_by(Incident.id))}
        with self._lock:
            self._views = {v.id: v for v in views}
            self._by_key = {k: i for i, k in keys.items() if k}
            self._incidents = open_incidents

    def open_views(self) -> list[AlarmView]:
        """Open alarms, most severe and oldest unacknowledged first."""
        with self._lock:
            views = list(self._views.values())
        return sorted(views, key=sort_key)

    def view(self, alarm_id: int) -> AlarmView | None:
        with self._lock:
            return self._views.get(alarm_id)

    def open_keys(self) -> list[str]:
        """Condition keys of open alarms whose condition is still active (seeds the engine)."""
        with self._lock:
            return [k for k, i in self._by_key.items() if self._views.get(i) and self._views[i].condition_active]

    def unacknowledged_count(self) -> int:
        with self._lock:
            return sum(1 for v in self._views.values() if v.needs_ack)

    # ------------------------------------------------------------ from the rules engine
    def apply(self, changes: Sequence[ConditionChange]) -> list[AlarmChanged]:
        """Turn condition changes into alarm changes, in one short write transaction.

        SQLite has one write lock, shared with the ingest writer, and waiting
        for it costs sleeps of 1-100 ms in SQLite's busy handler. So the batch
        reads everything it needs first (alarms, incidents with their alarms,
        names), while it holds no lock; decides in memory; and only then
        writes: new incidents, then new and changed alarms, then the action
        rows and the incidents' explanations with the commit. Nothing is read
        between the first write and the commit, and the views published
        after the commit are built from memory.
        """
        if not changes:
            return []
        self._local.actions = []
        batch = _Batch()
        with self.db.begin() as s, s.no_autoflush:
            self._preload(s, changes, batch)
            for change in changes:
                result = self._apply_one(batch, change)
                if result is not None:
                    batch.results.append(result)
            self._write(s, batch)
        touched: dict[int, str] = {}
        for alarm, what in batch.results:
            touched.setdefault(alarm.id, what)
        alarms = {alarm.id: alarm for alarm, _ in batch.results}
        views = {i: self._engine_view(alarms[i], batch) for i in touched}
        with self._lock:  # only after the commit: a rolled-back id may be reused by SQLite
            self._by_key.update({alarm.details["key"]: alarm.id for alarm, _ in batch.raised})
            self._incidents.update({key: incident.id for key, incident in batch.new_incidents.items()})
        return self._publish(views, touched)

    def _preload(self, s: Session, changes: Sequence[ConditionChange], batch: _Batch) -> None:
        """Read every row the batch may need, before anything is written (no lock is held yet)."""
        with self._lock:
            known = {c.key: self._by_key[c.key] for c in changes if c.key in self._by_key}
        loaded = {a.id: a for a in s.scalars(select(Alarm).where(Alarm.id.in_(set(known.values()))))} if known else {}
        batch.alarms = {key: loaded[i] for key, i in known.items()
                        if i in loaded and loaded[i].state != AlarmState.CLOSED}
        # incidents the batch may join (raises) or re-explain (zone re-alarms), with their alarms
        keys = [k for c in changes if c.active for k in (self._incident_key(c), self._own_incident_key(c))]
        joinable = {self._incidents[k] for k in keys if k is not None and k in self._incidents}
        explained = {a.incident_id for a in batch.alarms.values() if a.incident_id is not None and a.kind in Kind.ZONES}
        wanted = joinable | explained  # other rows keep the explanation of their cached view
        if wanted:
            batch.incidents = {i.id: i for i in s.scalars(select(Incident).where(Incident.id.in_(wanted)))}
            for a in s.scalars(select(Alarm).where(Alarm.incident_id.in_(wanted))):
                incident = batch.incidents.get(a.incident_id) if a.incident_id is not None else None
                if incident is not None:
                    batch.members.setdefault(incident, []).append(a)
        persons = {c.person_id for c in changes if c.person_id is not None and c.person_id not in self._names}
        if persons:
            found = {p.id: (p.full_name, p.district) for p in s.scalars(select(Person).where(Person.id.in_(persons)))}
            self._names.update({pid: found.get(pid, ("", "")) for pid in persons})
        devices = {c.device_id for c in changes if c.device_id is not None and c.device_id not in self._serials}
        if devices:
            found_serials = {did: serial for did, serial in s.execute(select(Device.id, Device.serial).where(Device.id.in_(devices)))}
            self._serials.update({did: found_serials.get(did, "") for did in devices})

    @staticmethod
    def _own_incident_key(change: ConditionChange) -> tuple[int, str] | None:
        if change.person_id is None:
            return None
        return change.person_id, incidents.group_of(incidents.cause_of(change.kind, change.ref))

    def _incident_key(self, change: ConditionChange) -> tuple[int, str] | None:
        if change.person_id is not None and change.kind in self.config.join_power_incident \
                and (change.person_id, "device_power") in self._incidents:
            return change.person_id, "device_power"  # AlarmConfig.join_power_incident
        return self._own_incident_key(change)

    def _apply_one(self, batch: _Batch, change: ConditionChange) -> tuple[Alarm, str] | None:
        """Decide in memory what one change does to its alarm (no database access)."""
        alarm = batch.alarms.get(change.key)
        if not change.active:
            return self._return(alarm, change) if alarm is not None else None
        if alarm is None:
            alarm = self._raise(batch, change)
            batch.alarms[change.key] = alarm
            return alarm, "raised"
        return self._reactivate(batch, alarm, change)

    def _raise(self, batch: _Batch, change: ConditionChange) -> Alarm:
        incident = self._incident_for(batch, change)
        details = {**change.details, "key": change.key, "ref": change.ref, "occurrences": 1,
                   "condition_active": not change.momentary, "momentary": change.momentary,
                   "activated_at": self.clock().isoformat()}
        alarm = Alarm(
            person_id=change.person_id, device_id=change.device_id, incident_id=None, event_id=change.event_id,
            kind=change.kind, priority=self.priorities.get(change.kind, AlarmPriority.MEDIUM),
            state=AlarmState.RETURNED if change.momentary else AlarmState.ACTIVE,
            acknowledged=False, message=(change.message or messages.coded(f"kind.{change.kind}"))[:500],
            details=details, raised_at=change.at,
            returned_at=change.at if change.momentary else None,
        )
        batch.raised.append((alarm, incident))
        if incident is not None:
            batch.members.setdefault(incident, []).append(alarm)
            batch.stale[incident] = None
        self._action(None, alarm, SYSTEM, "raised", change.text())
        return alarm

    def _incident_for(self, batch: _Batch, change: ConditionChange) -> Incident | None:
        """The person's open incident of this cause (preloaded), one new in this batch, or a new one."""
        joined = self._incident_key(change)
        if joined is None:
            return None
        for key in dict.fromkeys((joined, self._own_incident_key(change))):  # the power incident first, if joined
            if key is None:
                continue
            incident_id = self._incidents.get(key)
            if incident_id is not None:
                incident = batch.incidents.get(incident_id)
                if incident is not None and incident.closed_at is None:
                    return incident
        key = self._own_incident_key(change)
        assert key is not None
        pending = batch.new_incidents.get(key)
        if pending is not None:
            return pending
        incident = Incident(person_id=change.person_id, cause=incidents.cause_of(change.kind, change.ref),
                            explanation="", opened_at=change.at)
        batch.new_incidents[key] = incident
        return incident

    def _write(self, s: Session, batch: _Batch) -> None:
        """The write phase: the database's write lock is held from the first statement to the commit."""
        for stale in batch.stale:  # in memory: a new incident is inserted with its explanation
            incidents.explain_from(stale, batch.members.get(stale, []))
        if batch.new_incidents:
            s.add_all(batch.new_incidents.values())
            s.flush()  # the incidents' ids, for the new alarms
            batch.incidents.update({i.id: i for i in batch.new_incidents.values()})
        for alarm, incident in batch.raised:
            alarm.incident_id = incident.id if incident is not None else None
        s.add_all([alarm for alarm, _ in batch.raised])
        if batch.raised:
            s.flush()  # the new alarms' ids, for their action rows
        self._flush_actions(s)  # action rows and explanations are written by the commit

    def _reactivate(self, batch: _Batch, alarm: Alarm, change: ConditionChange) -> tuple[Alarm, str] | None:
        details = dict(alarm.details or {})
        if alarm.state == AlarmState.ACTIVE and not change.momentary:
            return None  # already active: nothing new
        details["occurrences"] = int(details.get("occurrences", 1)) + 1
        details["condition_active"] = not change.momentary
        if alarm.state != AlarmState.SHELVED:
            details["activated_at"] = self.clock().isoformat()  # escalation counts from the re-alarm
        details.update({k: v for k, v in change.details.items() if k in ("lat", "lon", "battery", "explanation")})
        alarm.details = details
        if alarm.state != AlarmState.SHELVED:
            alarm.state = AlarmState.RETURNED if change.momentary else AlarmState.ACTIVE
            alarm.returned_at = change.at if change.momentary else None
            alarm.acknowledged = False
            alarm.acknowledged_at = None
            alarm.acknowledged_by = None
            alarm.escalated_at = None
        self._action(None, alarm, SYSTEM, "reactivated", change.text())
        if alarm.incident_id is not None and alarm.kind in Kind.ZONES:
            incident = batch.incidents.get(alarm.incident_id)
            if incident is not None:
                batch.stale[incident] = None
        return alarm, "reactivated"

    def _return(self, alarm: Alarm, change: ConditionChange) -> tuple[Alarm, str] | None:
        details = dict(alarm.details or {})
        if not details.get("condition_active", True):
            return None
        details["condition_active"] = False
        alarm.details = details
        if alarm.state == AlarmState.ACTIVE:
            alarm.state = AlarmState.RETURNED
            alarm.returned_at = change.at
        self._action(None, alarm, SYSTEM, "returned", "")
        return alarm, "returned"

    def _engine_view(self, alarm: Alarm, batch: _Batch) -> AlarmView:
        """The row after an engine change, from memory: names are cached, notes are the operators' (unchanged)."""
        name, district = self._names.get(alarm.person_id, ("", "")) if alarm.person_id is not None else ("", "")
        serial = self._serials.get(alarm.device_id, "") if alarm.device_id is not None else ""
        cached = self.view(alarm.id)
        incident = batch.incident_of(alarm)
        if incident is not None:
            explanation = incident.explanation
        else:
            explanation = cached.incident_explanation if cached is not None else ""
        return view_of(alarm, name, district, serial, explanation, cached.notes if cached is not None else 0)

    # ------------------------------------------------------------ operator actions
    def acknowledge(self, alarm_id: int, user: AlarmUser, note: str = "") -> AlarmView:
        def change(s: Session, alarm: Alarm, login: str) -> str:
            if alarm.acknowledged:
                raise AlarmError("already_acknowledged", "the alarm is already acknowledged")
            alarm.acknowledged = True
            alarm.acknowledged_at = self.clock()
            alarm.acknowledged_by = login
            self._action(s, alarm, login, "acknowledged", note)
            return "acknowledged"

        return self._operate(alarm_id, user, Action.ALARM_ACKNOWLEDGE, change)

    def add_action(self, alarm_id: int, user: AlarmUser, action: str, note: str = "") -> AlarmView:
        """Record an action taken: a note, a call to the person, the officer informed, a patrol sent."""

        def change(s: Session, alarm: Alarm, login: str) -> str:
            if action not in OPERATOR_ACTIONS:
                raise AlarmError("bad_action", f"unknown action {action!r}")
            if action == "note" and not note.strip():
                raise AlarmError("note_empty", "a note needs text")
            self._action(s, alarm, login, action, note.strip())
            return action

        return self._operate(alarm_id, user, Action.ALARM_NOTE, change)

    def add_note(self, alarm_id: int, user: AlarmUser, note: str) -> AlarmView:
        return self.add_action(alarm_id, user, "note", note)

    def shelve(self, alarm_id: int, user: AlarmUser, duration: timedelta, reason: str) -> AlarmView:
        def change(s: Session, alarm: Alarm, login: str) -> str:
            if not reason.strip():
                raise AlarmError("reason_required", "shelving needs a reason")
            if duration <= timedelta(0) or duration > self.config.max_shelve:
                raise AlarmError("shelve_too_long", f"an alarm can be shelved for at most {self.config.max_shelve}")
            if alarm.kind in self.config.unshelvable:
                raise AlarmError("not_shelvable", "this kind of alarm cannot be shelved")
            if alarm.state == AlarmState.SHELVED:
                raise AlarmError("already_shelved", "the alarm is already shelved")
            alarm.state = AlarmState.SHELVED
            alarm.shelved_until = self.clock() + duration
            alarm.shelve_reason = reason.strip()[:255]
            self._action(s, alarm, login, "shelved", f"{int(duration.total_seconds() // 60)} min: {reason.strip()}")
            return "shelved"

        return self._operate(alarm_id, user, Action.ALARM_SHELVE, change)

    def unshelve(self, alarm_id: int, user: AlarmUser) -> AlarmView:
        def change(s: Session, alarm: Alarm, login: str) -> str:
            if alarm.state != AlarmState.SHELVED:
                raise AlarmError("not_shelved", "the alarm is not shelved")
            self._end_shelve(alarm)
            self._action(s, alarm, login, "unshelved", "")
            return "unshelved"

        return self._operate(alarm_id, user, Action.ALARM_SHELVE, change)

    def close(self, alarm_id: int, user: AlarmUser, resolution: Resolution | str, note: str = "",
              report: Report | None = None) -> AlarmView:
        """Close with a resolution; a confirmed violation writes the violation journal entry."""
        resolution = Resolution(resolution)

        def change(s: Session, alarm: Alarm, login: str) -> str:
            try:
                closing.check(alarm.kind, resolution, note, (report or Report()).reported_to,
                              self.config.note_required, has_note=bool(note.strip()) or self._has_note(s, alarm))
            except closing.CloseRefused as refused:
                raise AlarmError(refused.code, str(refused)) from None
            if alarm.kind in self.config.close_after_return and (alarm.details or {}).get("condition_active"):
                raise AlarmError("still_active", "this alarm closes only once the condition is fixed")
            now = self.clock()
            alarm.state = AlarmState.CLOSED
            alarm.closed_at = now
            alarm.closed_by = login
            alarm.resolution = resolution
            if not alarm.acknowledged:
                alarm.acknowledged, alarm.acknowledged_at, alarm.acknowledged_by = True, now, login
            self._action(s, alarm, login, "closed", f"{resolution.value}: {note.strip()}".rstrip(": "))
            if resolution == Resolution.CONFIRMED:
                self._journal(s, alarm, login, note, report)
            incidents.close_if_done(s, alarm.incident_id, now)
            return "closed"

        return self._operate(alarm_id, user, Action.ALARM_CLOSE, change)

    def _journal(self, s: Session, alarm: Alarm, login: str, note: str, report: Report | None) -> None:
        report = report or Report()
        taken = [(a.action, a.note) for a in s.scalars(
            select(AlarmAction).where(AlarmAction.alarm_id == alarm.id, AlarmAction.user != SYSTEM)
            .order_by(AlarmAction.id)) if a.action not in ("acknowledged", "closed", "shelved", "unshelved")]
        typed = "; ".join([m for m in [report.measures.strip(), note.strip()] if m])
        report = Report(messages.report_to(report.reported_to), report.reported_at or self.clock(),
                        messages.measures(taken, typed))
        entry = write_entry(s, alarm, login, messages.coded(f"kind.{alarm.kind}"), report, self.clock())
        audit.record(s, login, "violation_recorded", "violation", entry.id, alarm_id=alarm.id)

    @staticmethod
    def _has_note(s: Session, alarm: Alarm) -> bool:
        return s.scalar(select(AlarmAction.id).where(
            AlarmAction.alarm_id == alarm.id, AlarmAction.user != SYSTEM, AlarmAction.note != "").limit(1)) is not None

    def _operate(self, alarm_id: int, user: AlarmUser, action: Action,
                 change: Callable[[Session, Alarm, str], str]) -> AlarmView:
        """Check who acts, then apply ``change`` to the alarm, in one transaction.

        The user is re-read from the database (``arm.access.current_account``)
        and its role and districts checked against the alarm's person before
        anything is written; a refusal writes only its audit row.
        """
        self._local.actions = []
        refused: AccessDenied | None = None
        with self.db.begin() as s:
            try:
                account = current_account(s, user)
                require(account, action)
                alarm = s.get(Alarm, alarm_id)
                if alarm is None:
                    raise AlarmError("not_found", f"alarm {alarm_id} does not exist")
                require_alarm(account, action, alarm.kind, self._district_of(s, alarm.person_id))
            except AccessDenied as error:
                record_denied(s, user, error, "alarm", alarm_id, operation=str(action))
                refused = error
            else:
                if alarm.state == AlarmState.CLOSED:
                    raise AlarmError("closed", "the alarm is closed")
                # what the row shows, read before the first write (the write lock is shared with ingest)
                name, district, serial, explanation, notes = self._view_inputs(s, alarm)
                what = change(s, alarm, account.login)
                notes += sum(1 for _a, by, _w, note, _at in self._local.actions if by != SYSTEM and note)
                self._flush_actions(s)
                audit.record(s, user, f"alarm_{what}", "alarm", alarm.id, kind=alarm.kind, person_id=alarm.person_id)
        if refused is not None:
            raise refused
        view = view_of(alarm, name, district, serial, explanation, notes)
        self._publish({alarm_id: view}, {alarm_id: what})
        return view

    @staticmethod
    def _district_of(s: Session, person_id: int | None) -> str:
        """The person's district as stored now (the check never trusts the cache of names)."""
        if person_id is None:
            return ""
        return s.scalar(select(Person.district).where(Person.id == person_id)) or ""

    def _checked(self, s: Session, user: AlarmUser, action: Action, object_type: str,
                 object_id: int | str) -> Account | AccessDenied:
        """The user's current account if it may take ``action`` (role only), else the audited refusal."""
        try:
            account = current_account(s, user)
            require(account, action)
            return account
        except AccessDenied as error:
            record_denied(s, user, error, object_type, object_id, operation=str(action))
            return error

    # ------------------------------------------------------------ reads
    def detail(self, alarm_id: int, user: AlarmUser, with_person: bool = True) -> AlarmDetail:
        """The detail pane's data; viewing the person's card is audited.

        The person's card comes only to a role that may see personal data
        (``Action.PERSON_VIEW``) and asks for it (``with_person``); any other
        viewer (a technician) gets the device's state and events without the
        person's name, card, positions or the operators' notes, and nothing is
        recorded as a view of personal data.
        """
        view = self.view(alarm_id)
        refused: AccessDenied | None = None
        with self.db.begin() as s:
            checked = self._checked(s, user, Action.ALARM_VIEW, "alarm", alarm_id)
            if isinstance(checked, AccessDenied):
                refused = checked
            else:
                account = checked
                alarm = s.get(Alarm, alarm_id)
                if alarm is None:
                    raise AlarmError("not_found", f"alarm {alarm_id} does not exist")
                try:
                    require_alarm(account, Action.ALARM_VIEW, alarm.kind, self._district_of(s, alarm.person_id))
                except AccessDenied as error:
                    record_denied(s, user, error, "alarm", alarm_id, operation=str(Action.ALARM_VIEW))
                    refused = error
                else:
                    if view is None:
                        view = self._build_view(s, alarm)
                    personal = with_person and may(account, Action.PERSON_VIEW)
                    result = queries.alarm_detail(s, view, personal)
                    if not may(account, Action.PERSON_VIEW):
                        result = _without_personal_data(result)
                    if personal and view.person_id is not None:
                        audit.record(s, user, "view_person", "person", view.person_id, via="alarm", alarm_id=alarm_id)
        if refused is not None:
            raise refused
        return result

    def handover(self, user: AlarmUser) -> HandoverReport:
        """The shift handover report (recorded in the audit journal), of the user's districts."""
        refused: AccessDenied | None = None
        with self.db.begin() as s:
            checked = self._checked(s, user, Action.ALARM_HANDOVER, "alarms", "")
            if isinstance(checked, AccessDenied):
                refused = checked
            else:
                account = checked
                views = [v for v in self.open_views() if covers(account, v.district)]
                report = queries.handover(s, views, self.clock(), account.login, account.districts or None)
                audit.record(s, user, "handover_report", "alarms", "", incidents=len(report.incidents),
                             shelved=len(report.shelved), not_monitored=len(report.not_monitored))
        if refused is not None:
            raise refused
        return report

    # ------------------------------------------------------------ time
    def tick(self, now: datetime | None = None) -> list[AlarmChanged]:
        """Escalate unacknowledged critical alarms, end expired shelving."""
        now = now or self.clock()
        limit = timedelta(seconds=self.config.escalate_after_s)
        with self._lock:
            due_escalation = [v.id for v in self._views.values()
                              if v.needs_ack and v.escalated_at is None and v.priority in self.config.escalate_priorities
                              and now - (v.activated_at or v.raised_at) >= limit]
            due_unshelve = [v.id for v in self._views.values()
                            if v.state == AlarmState.SHELVED and v.shelved_until and v.shelved_until <= now]
        if not due_escalation and not due_unshelve:
            return []
        touched: dict[int, str] = {}
        self._local.actions = []
        with self.db.begin() as s:
            # every row read in one query before the first write; audit appends then hold the write lock
            rows = {a.id: a for a in s.scalars(select(Alarm).where(Alarm.id.in_(set(due_escalation) | set(due_unshelve))))}
            for alarm_id in due_escalation:
                alarm = rows.get(alarm_id)
                if alarm is not None and not alarm.acknowledged and alarm.escalated_at is None:
                    alarm.escalated_at = now
                    self._action(s, alarm, SYSTEM, "escalated", "to the supervisor")
                    audit.record(s, SYSTEM, "alarm_escalated", "alarm", alarm.id, kind=alarm.kind)
                    touched[alarm_id] = "escalated"
            for alarm_id in due_unshelve:
                alarm = rows.get(alarm_id)
                if alarm is not None and alarm.state == AlarmState.SHELVED:
                    self._end_shelve(alarm)
                    self._action(s, alarm, SYSTEM, "unshelved", "shelving time ended")
                    audit.record(s, SYSTEM, "alarm_unshelved", "alarm", alarm.id, kind=alarm.kind)
                    touched[alarm_id] = "unshelved"
            self._flush_actions(s)
        views = {i: self._system_view(rows[i]) for i in touched}
        return self._publish(views, touched)

    def _system_view(self, alarm: Alarm) -> AlarmView:
        """The row after a system change (escalation, end of shelving): names, incident and notes are unchanged."""
        cached = self.view(alarm.id)
        if cached is None:  # not in the cache (cannot happen for an open alarm): read it
            with self.db.session() as s:
                return self._build_view(s, s.get(Alarm, alarm.id))
        return view_of(alarm, cached.person_name, cached.district, cached.device_serial,
                       cached.incident_explanation, cached.notes)

    def _end_shelve(self, alarm: Alarm) -> None:
        details = dict(alarm.details or {})
        active = bool(details.get("condition_active", True))
        alarm.state = AlarmState.ACTIVE if active else AlarmState.RETURNED
        alarm.shelved_until = None
        details["activated_at"] = self.clock().isoformat()  # back on screen: escalation counts from now
        alarm.details = details

    # ------------------------------------------------------------ helpers
    def _action(self, s: Session | None, alarm: Alarm, user: str, action: str, note: str) -> None:
        """Queue an action row; written by ``_flush_actions`` once the alarm has its id."""
        buffer = getattr(self._local, "actions", None)
        if buffer is None:
            buffer = self._local.actions = []
        buffer.append((alarm, user, action, note, self.clock()))

    def _flush_actions(self, s: Session) -> None:
        buffer = getattr(self._local, "actions", None) or []
        self._local.actions = []
        if any(alarm.id is None for alarm, *_ in buffer):
            s.flush()
        s.add_all([AlarmAction(alarm_id=alarm.id, at=at, user=user, action=action, note=note)
                   for alarm, user, action, note, at in buffer])

    def _view_inputs(self, s: Session, alarm: Alarm) -> tuple[str, str, str, str, int]:
        """Name, district, serial, incident explanation and note count of a row (reads only)."""
        view = self._build_view(s, alarm)
        return view.person_name, view.district, view.device_serial, view.incident_explanation, view.notes

    def _build_view(self, s: Session, alarm: Alarm | None) -> AlarmView:
        """A fresh row snapshot, read from the database (names and serials are cached)."""
        assert alarm is not None
        name, district = ("", "")
        if alarm.person_id is not None:
            if alarm.person_id not in self._names:
                p = s.get(Person, alarm.person_id)
                self._names[alarm.person_id] = (p.full_name, p.district) if p else ("", "")
            name, district = self._names[alarm.person_id]
        serial = ""
        if alarm.device_id is not None:
            if alarm.device_id not in self._serials:
                d = s.get(Device, alarm.device_id)
                self._serials[alarm.device_id] = d.serial if d else ""
            serial = self._serials[alarm.device_id]
        explanation = ""
        if alarm.incident_id is not None:
            inc = s.get(Incident, alarm.incident_id)
            explanation = inc.explanation if inc else ""
        notes = s.scalar(select(func.count(AlarmAction.id)).where(
            AlarmAction.alarm_id == alarm.id, AlarmAction.user != SYSTEM, AlarmAction.note != "")) or 0
        return view_of(alarm, name, district, serial, explanation, notes)

    def _publish(self, views: dict[int, AlarmView], touched: dict[int, str]) -> list[AlarmChanged]:
        messages = []
        with self._lock:
            for alarm_id, view in views.items():
                if view.is_open:
                    self._views[alarm_id] = view
                else:
                    self._views.pop(alarm_id, None)
                    for key in [k for k, i in self._by_key.items() if i == alarm_id]:
                        del self._by_key[key]
                messages.append(AlarmChanged(view.id, view.person_id, view.device_id, view.kind, view.priority,
                                             view.state, view.acknowledged, touched[alarm_id],
                                             view if view.is_open else None))
        for message in messages:
            self.bus.publish(message)
        return messages

    def forget_names(self, person_ids: Iterable[int] = ()) -> None:
        """Drop cached names (after a person's card was edited)."""
        for pid in person_ids or list(self._names):
            self._names.pop(pid, None)



def _without_personal_data(detail: AlarmDetail) -> AlarmDetail:
    """The detail a role without personal data sees: the device's state and its non-position events."""
    return replace(
        detail,
        alarm=replace(detail.alarm, person_name="", lat=None, lon=None),
        person={},
        events=[e for e in detail.events if e.kind != "POS"],
        actions=[replace(a, note="") for a in detail.actions],
        last_position=None,
    )
