"""Which persons a replay tick must evaluate: the ones whose time-based state can have changed.

The live ticker re-evaluates every supervised person every 10 s; over a day of
3,000 persons that is 26 million evaluations, almost all of which change
nothing. Between two ticks a person's conditions can change only if

* a schedule window, validity period or zone schedule of one of their
  restrictions began or ended (a *boundary*),
* a device of theirs passed its silence deadline (last contact + allowed silence),
* they reported (presence, fixes and "not monitored" follow events), or
* the local day changed (supervision periods; the replay then ticks everyone).

So the replay ticks exactly those persons; ``tests/replay`` checks that the
result is the live one.
"""

from __future__ import annotations

import heapq
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from arm.device_health import HealthThresholds, allowed_silence
from arm.rules.schedule import ALL_DAYS
from arm.rules.snapshot import PersonRules, Snapshot


def _window_edges(schedule: list[dict] | None, first: date, last: date, tz: ZoneInfo) -> list[datetime]:
    edges: list[datetime] = []
    for window in schedule or ():
        days = set(window.get("days") or ALL_DAYS)
        for text in (window.get("start", "00:00"), window.get("end", "00:00")):
            if str(text).strip() == "24:00":
                continue  # the end of the day: the midnight tick covers it
            hours, minutes = (int(x) for x in str(text).split(":")[:2])
            day = first
            while day <= last:
                if day.weekday() in days or (day - timedelta(days=1)).weekday() in days:
                    edges.append(datetime.combine(day, time(hours, minutes), tz))
                day += timedelta(days=1)
    return edges


def person_boundaries(person: PersonRules, snapshot: Snapshot, tz: ZoneInfo, start: datetime,
                      end: datetime) -> list[datetime]:
    """Every moment in [start, end] at which one of the person's restrictions can switch on or off."""
    first = start.astimezone(tz).date() - timedelta(days=1)
    last = end.astimezone(tz).date() + timedelta(days=1)
    edges: list[datetime] = []
    for rule in person.restrictions:
        edges.extend(t for t in (rule.valid_from, rule.valid_until) if t is not None)
        edges.extend(_window_edges(rule.schedule, first, last, tz))
        if rule.zone_id is not None:
            edges.extend(_window_edges(snapshot.zone_schedules.get(rule.zone_id), first, last, tz))
    return sorted({e for e in edges if start <= e <= end})


class DueSchedule:
    """Boundaries and silence deadlines in two heaps, and the persons who reported since the last tick."""

    def __init__(self, snapshot: Snapshot, tz: ZoneInfo, start: datetime, end: datetime,
                 health: HealthThresholds) -> None:
        self._boundaries: list[tuple[datetime, int]] = [
            (t, p.id) for p in snapshot.persons.values() for t in person_boundaries(p, snapshot, tz, start, end)]
        heapq.heapify(self._boundaries)
        self._silence: list[tuple[datetime, int]] = []
        self._allowed = {d.id: allowed_silence(d.heartbeat_s, health) for d in snapshot.devices.values()}
        self._owner = {d.id: d.person_id for d in snapshot.devices.values()}
        self.reported: set[int] = set()
        self._tz = tz

    def contact(self, device_id: int, received: datetime) -> None:
        """A device was heard: its person is due at the next tick, and again once the silence is too long."""
        person = self._owner.get(device_id)
        if person is None:
            return
        self.reported.add(person)
        heapq.heappush(self._silence, (received + self._allowed[device_id], person))

    def due(self, now: datetime) -> set[int]:
        """Persons to evaluate at the tick ``now`` (and forget them until something new happens)."""
        due, self.reported = self.reported, set()
        while self._boundaries and self._boundaries[0][0] <= now:
            due.add(heapq.heappop(self._boundaries)[1])
        while self._silence and self._silence[0][0] < now:  # silent once now - contact > allowed
            due.add(heapq.heappop(self._silence)[1])
        return due
