"""What happened during a shift: the part of the handover that is not "still open".

The handover report (``queries.handover``) lists what is open now; the next
shift and the supervisor who signs the handover also need what happened:
every alarm raised, acknowledged or closed in the shift, with its resolution,
and every action taken, each with the *name* of who did it (logins mean
nothing on paper). Read-only, of the reader's districts, audited.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from arm import access, audit
from arm.auth import user_names
from db.models import Alarm, AlarmAction, AuditEntry, Person

#: a shift when the desk cannot say when it began (12 hours, the usual desk shift)
DEFAULT_SHIFT = timedelta(hours=12)
#: the longest shift a handover looks back over
MAX_SHIFT = timedelta(hours=24)


@dataclass(frozen=True)
class ShiftAlarm:
    """One alarm that was raised, acknowledged or closed in the shift (codes: the GUI words them)."""

    id: int
    kind: str
    priority: str
    state: str
    person_name: str
    district: str
    raised_at: datetime
    acknowledged_at: datetime | None
    acknowledged_by: str  # a name
    closed_at: datetime | None
    closed_by: str  # a name
    resolution: str


@dataclass(frozen=True)
class ShiftAction:
    """One action on an alarm in the shift: note, call, escalation... (``action`` is the stored code)."""

    alarm_id: int
    at: datetime
    user: str  # a name ("system" for the service's own)
    action: str
    note: str


@dataclass(frozen=True)
class ShiftSummary:
    since: datetime
    until: datetime
    alarms: list[ShiftAlarm] = field(default_factory=list)
    actions: list[ShiftAction] = field(default_factory=list)
    #: the full name of who prepared it (the handover names people, not logins)
    reader: str = ""

    def closed(self) -> list[ShiftAlarm]:
        return [a for a in self.alarms if a.closed_at is not None and a.closed_at >= self.since]


def shift_start(s: Session, login: str, now: datetime) -> datetime:
    """When this user's shift began: their last log-in (audit journal), at most 24 hours back."""
    last = s.scalar(select(func.max(AuditEntry.at)).where(AuditEntry.user == login, AuditEntry.action == "login",
                                                           AuditEntry.at <= now))
    if last is None:
        return now - DEFAULT_SHIFT
    if last.tzinfo is None:
        last = last.replace(tzinfo=UTC)
    return max(last, now - MAX_SHIFT)


def shift_summary(s: Session, user: audit.Actor, since: datetime, until: datetime) -> ShiftSummary:
    """Alarms and actions of [since, until] in the user's districts; refused (and audited) without the right."""
    account = access.checked_account(s, user, "alarms", "")
    if not access.may(account, access.Action.ALARM_HANDOVER):
        access.refuse(s, user, access.AccessDenied(access.denied_code(access.Action.ALARM_HANDOVER),
                                                   "Your role may not prepare the shift handover."), "alarms", "")
    in_shift = or_(Alarm.raised_at.between(since, until), Alarm.acknowledged_at.between(since, until),
                   Alarm.closed_at.between(since, until))
    rows = s.execute(
        select(Alarm, Person.last_name, Person.first_name, Person.middle_name, Person.district)
        .outerjoin(Person, Person.id == Alarm.person_id).where(in_shift).order_by(Alarm.raised_at, Alarm.id)
    ).all()
    chosen = [(a, " ".join(p for p in (last, first, middle) if p), district or "")
              for a, last, first, middle, district in rows if access.covers(account, district)]
    ids = [a.id for a, _, _ in chosen]
    actions = list(s.scalars(select(AlarmAction).where(AlarmAction.alarm_id.in_(ids), AlarmAction.at.between(since, until))
                             .order_by(AlarmAction.at, AlarmAction.id))) if ids else []
    names = user_names(s, {a.acknowledged_by for a, _, _ in chosen if a.acknowledged_by}
                       | {a.closed_by for a, _, _ in chosen if a.closed_by} | {x.user for x in actions}
                       | {account.login})
    summary = ShiftSummary(
        since, until,
        [ShiftAlarm(a.id, a.kind, str(a.priority), str(a.state), person, district, a.raised_at, a.acknowledged_at,
                    names.get(a.acknowledged_by or "", ""), a.closed_at, names.get(a.closed_by or "", ""),
                    str(a.resolution or "")) for a, person, district in chosen],
        [ShiftAction(x.alarm_id, x.at, names.get(x.user, x.user), x.action, x.note) for x in actions],
        names.get(account.login, account.login),
    )
    audit.record(s, user, "handover_shift", "alarms", "", since=since.isoformat(), alarms=len(summary.alarms))
    return summary
