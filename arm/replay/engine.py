"""Run the real rules engine and alarm manager over a stream of stored events, on a virtual clock.

Nothing here re-implements a rule. The replay builds the same
:class:`~arm.alarms.runtime.RulesRuntime` the service runs (``arm.alarms.plugin.assemble``)
over a scratch database, hands it a :class:`~arm.replay.clock.VirtualClock` and then
does what the live service does, in the order it would have happened:

* events are fed one by one in arrival order (``received``), the clock set to
  their arrival, through ``RulesRuntime.process`` - the live drain's path;
* every ``tick_s`` of virtual time ``RulesRuntime.evaluate_time`` runs, as the
  ticker thread does live (curfew starting, silence, escalation, shelving);
* events before ``start`` (the warm-up) rebuild the learned state silently, as
  ``RulesRuntime.replay`` does after a restart;
* optionally a simulated operator acknowledges each alarm a while after it
  calls for attention and closes it once its condition has returned, so
  incidents end as they would on a staffed desk (live they stay open until closed).
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select

from arm.alarms.api import AlarmConfig, AlarmError
from arm.alarms.holds import HoldPolicy
from arm.alarms.plugin import assemble
from arm.alarms.priorities import priority_table
from arm.auth import snapshot
from arm.bus import Bus
from arm.events import AlarmChanged, StoredEvent
from arm.replay.clock import VirtualClock
from arm.replay.due import DueSchedule
from arm.replay.scratch import REPLAY_OPERATOR
from arm.rules.conditions import ConditionChange, Kind
from arm.rules.config import RulesConfig
from db.models import Alarm, Incident, Resolution, User
from db.session import Database

#: device-health conditions: the "technical" share of the load figures
TECHNICAL_KINDS = frozenset({Kind.LOW_BATTERY, Kind.NO_COMMUNICATION, Kind.GNSS_LOST, Kind.DEVICE_SHUTDOWN,
                             Kind.DEVICE_FAULT, Kind.MAINS_LOST, Kind.NOT_MONITORED})


@dataclass(frozen=True, slots=True)
class ReplayOptions:
    """How the replay runs; the defaults are the live service's."""

    #: virtual seconds between ticks (live: ``alarms.rules_tick_s``, 10 s)
    tick_s: float = 10.0
    #: events this long before ``start`` rebuild the engine's state silently (live: 120 min after a restart)
    warmup: timedelta = timedelta(hours=2)
    #: the simulated operator acknowledges an alarm this long after it called for attention (None: never)
    ack_after: timedelta | None = timedelta(minutes=2)
    #: ... and closes it this long after its condition returned (None: never; incidents then stay open)
    close_after: timedelta | None = timedelta(minutes=10)
    #: tick only the persons whose state can have changed (arm.replay.due); False: everyone, like live
    skip_idle: bool = True
    rules: RulesConfig = field(default_factory=RulesConfig)
    alarms: AlarmConfig = field(default_factory=AlarmConfig)
    priorities: dict[str, Any] | None = None
    #: the on-delay of technical conditions (``HoldPolicy.tuned()``: the live default, alarms.holds = "field");
    #: None: nothing held (alarms.holds = "none")
    holds: HoldPolicy | None = None


@dataclass(frozen=True, slots=True)
class Annunciation:
    """An alarm calling for an operator's attention: raised, or re-alarmed after returning."""

    at: datetime
    alarm_id: int
    kind: str
    person_id: int | None
    incident_id: int | None
    what: str


@dataclass(frozen=True, slots=True)
class Condition:
    """One activation the engine reported (a raw alarm condition, before grouping)."""

    at: datetime
    kind: str
    person_id: int | None
    key: str
    ref: str = ""
    lat: float | None = None
    lon: float | None = None


@dataclass(slots=True)
class ReplayResult:
    start: datetime
    end: datetime
    events: int = 0
    warmup_events: int = 0
    conditions: list[Condition] = field(default_factory=list)
    annunciations: list[Annunciation] = field(default_factory=list)
    alarms: list[dict[str, Any]] = field(default_factory=list)
    incidents: list[dict[str, Any]] = field(default_factory=list)
    seconds: float = 0.0
    #: charging reminders to wearers, and held conditions that returned before becoming alarms
    reminders: int = 0
    absorbed: int = 0


def _technical(kind: str) -> bool:
    return kind in TECHNICAL_KINDS


class Replayer:
    """One replay over one scratch database (build a new one for each run)."""

    def __init__(self, scratch: Database, start: datetime, end: datetime, options: ReplayOptions | None = None) -> None:
        if end <= start:
            raise ValueError("the replay's end must be after its start")
        self.scratch = scratch
        self.options = options or ReplayOptions()
        self.start, self.end = start, end
        self.clock = VirtualClock(start - self.options.warmup)
        self.bus = Bus()
        self.runtime = assemble(scratch, self.bus, self.options.rules, self.options.alarms,
                                self.options.priorities or priority_table(), clock=self.clock,
                                holds=self.options.holds)
        self.engine, self.manager = self.runtime.engine, self.runtime.manager
        self.result = ReplayResult(start, end)
        self.runtime.observer = self._observe
        self.bus.subscribe(AlarmChanged, self._on_alarm)
        with scratch.session() as s:
            row = s.scalars(select(User).where(User.login == REPLAY_OPERATOR)).one_or_none()
            self._operator = snapshot(row) if row is not None else None

    # ------------------------------------------------------------ what the live parts report
    def _observe(self, changes: list[ConditionChange]) -> None:
        if self.engine.silent:
            return
        self.result.conditions.extend(Condition(c.at, c.kind, c.person_id, c.key, c.ref, c.details.get("lat"),
                                                c.details.get("lon")) for c in changes if c.active)

    def _on_alarm(self, message: AlarmChanged) -> None:
        if message.change in ("raised", "reactivated") and message.view is not None:
            v = message.view
            self.result.annunciations.append(Annunciation(self.clock(), v.id, v.kind, v.person_id, v.incident_id,
                                                          message.change))

    # ------------------------------------------------------------ the run
    def run(self, events: Iterable[StoredEvent]) -> ReplayResult:
        began = time.perf_counter()
        self.manager.load()
        self.runtime.reload()
        rules = self.options.rules
        self._due = DueSchedule(self.engine.snapshot, rules.tz, self.start, self.end, rules.health)
        self._full_tick = True  # the first tick evaluates everyone, as does each local midnight
        self._day = self.start.astimezone(rules.tz).date()
        tick = timedelta(seconds=self.options.tick_s)
        next_tick = self.start
        warm = True
        self.engine.silent = True
        operator_every, next_operator = timedelta(seconds=60), self.start
        for stored in events:
            at = stored.received
            if at >= self.end:
                break
            if at < self.start:
                self.clock.advance(at)
                self.engine.process([stored])
                self._due.contact(stored.device_id, at)
                self.result.warmup_events += 1
                continue
            if warm:
                warm = self._end_warmup()
            while next_tick <= at:
                self._tick(next_tick)
                if next_tick >= next_operator:
                    self._operate(next_tick)
                    next_operator = next_tick + operator_every
                next_tick += tick
            self.clock.advance(at)
            self.runtime.process([stored])
            self._due.contact(stored.device_id, at)
            self.result.events += 1
        if warm:
            self._end_warmup()
        while next_tick < self.end:
            self._tick(next_tick)
            if next_tick >= next_operator:
                self._operate(next_tick)
                next_operator = next_tick + operator_every
            next_tick += tick
        self._collect()
        self.result.seconds = time.perf_counter() - began
        return self.result

    def _end_warmup(self) -> bool:
        self.engine.silent = False
        self.engine.seed_active(self.manager.open_keys())
        return False

    def _tick(self, now: datetime) -> None:
        """A tick of the live ticker; persons whose time-based state cannot have changed are skipped."""
        self.clock.advance(now)
        day = now.astimezone(self.options.rules.tz).date()
        due = self._due.due(now)
        if self._full_tick or day != self._day or not self.options.skip_idle:
            self._full_tick, self._day = False, day
            self.runtime.evaluate_time(now)
        else:
            self.runtime.evaluate_time(now, due)

    def _operate(self, now: datetime) -> None:
        """The simulated operator: acknowledge what called for attention, close what has returned."""
        opts, user = self.options, self._operator
        if user is None or (opts.ack_after is None and opts.close_after is None):
            return
        for view in self.manager.open_views():
            try:
                since = view.returned_at or view.raised_at
                if (opts.close_after is not None and not view.condition_active
                        and since is not None and now - since >= opts.close_after):
                    resolution = Resolution.TECHNICAL if _technical(view.kind) else Resolution.FALSE_ALARM
                    self.manager.close(view.id, user, resolution, note="replay: simulated operator")
                elif (opts.ack_after is not None and view.needs_ack
                      and now - (view.activated_at or view.raised_at) >= opts.ack_after):
                    self.manager.acknowledge(view.id, user)
            except AlarmError:
                continue  # e.g. closing an alarm whose condition came back meanwhile: the next round retries

    def _collect(self) -> None:
        if self.runtime.holds is not None:
            self.result.reminders, self.result.absorbed = self.runtime.holds.reminders, self.runtime.holds.absorbed
        with self.scratch.session() as s:
            self.result.alarms = [{
                "id": a.id, "kind": a.kind, "person_id": a.person_id, "device_id": a.device_id,
                "incident_id": a.incident_id, "priority": str(a.priority), "state": str(a.state),
                "raised_at": a.raised_at, "returned_at": a.returned_at, "closed_at": a.closed_at,
                "occurrences": int((a.details or {}).get("occurrences", 1)), "technical": _technical(a.kind),
                "restriction_id": (a.details or {}).get("restriction_id"),
                "lat": (a.details or {}).get("lat"), "lon": (a.details or {}).get("lon"),
            } for a in s.scalars(select(Alarm).order_by(Alarm.id))]
            self.result.incidents = [{
                "id": i.id, "person_id": i.person_id, "cause": i.cause, "explanation": i.explanation,
                "opened_at": i.opened_at, "closed_at": i.closed_at,
            } for i in s.scalars(select(Incident).order_by(Incident.id))]
