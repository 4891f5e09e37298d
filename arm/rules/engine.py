"""The rules engine: state of every supervised person, and the conditions it implies.

It evaluates *state*, not only transitions: whether a person is out, inside a
zone, silent or tampered is kept per person and device, and every event and
every tick re-derives the conditions from that state. So a person already out
when curfew begins is in violation at that moment (the tick sees it), and a
zone that becomes applicable at 20:00 is judged on where the person already is.

Every state is tri-state (True, False, unknown): unknown never raises and
never returns an alarm. The engine is pure Python on an in-memory snapshot;
it returns :class:`ConditionChange` lists and leaves persistence to the alarm
manager. It is not thread-safe: one worker thread drives it.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from arm.device_health import allowed_silence, battery_verdict, is_silent
from arm.events import (
    BacResult,
    EventKind,
    Fix,
    GnssState,
    PowerState,
    PresenceState,
    StoredEvent,
    TamperPart,
    TamperState,
    utcnow,
)
from arm.rules import explain
from arm.rules.conditions import MESSAGES, ConditionChange, Kind
from arm.rules.config import RulesConfig
from arm.rules.geo import ZoneIndex, circle_verdict, fix_accuracy
from arm.rules.schedule import schedule_active, valid_at, window_contains
from arm.rules.snapshot import WORKING_STATUSES, ZONE_KINDS, PersonRules, RestrictionRule, Snapshot

log = logging.getLogger("arm.rules")


class Debounce:
    """A verdict that changes only after ``n`` decisive observations in a row.

    ``None`` observations (uncertain fixes) neither count nor reset: a fix
    near the edge tells nothing. A decisive observation that agrees with the
    current state resets the pending change, so in/out jitter never switches.
    """

    __slots__ = ("state", "_pending", "_count", "_n")

    def __init__(self, n: int) -> None:
        self.state: bool | None = None
        self._pending: bool | None = None
        self._count = 0
        self._n = max(1, n)

    def observe(self, verdict: bool | None) -> bool:
        """Feed one verdict; True when the confirmed state changed."""
        if verdict is None:
            return False
        if verdict == self.state:
            self._pending, self._count = None, 0
            return False
        if verdict != self._pending:
            self._pending, self._count = verdict, 0
        self._count += 1
        if self._count >= self._n:
            self.state, self._pending, self._count = verdict, None, 0
            return True
        return False


_BAC_RESULTS: dict[str, str] = {BacResult.FAIL: Kind.ALCOHOL_POSITIVE, BacResult.REFUSED: Kind.ALCOHOL_REFUSED,
                BacResult.NO_SHOW: Kind.ALCOHOL_MISSED}
_TRACCAR_TAMPER = {"removing", "tampering"}


class RulesEngine:
    """Turns stored events and the passage of time into condition changes."""

    def __init__(self, config: RulesConfig | None = None, clock: Any = utcnow) -> None:
        self.config = config or RulesConfig()
        self.clock = clock
        self._tz = self.config.tz
        self._health = self.config.health
        self.snapshot = Snapshot({}, {}, [])
        self.index = ZoneIndex([])
        self._known: dict[str, bool] = {}
        self._last_change: dict[str, ConditionChange] = {}
        self._presence: dict[int, tuple[datetime, bool]] = {}  # person -> (time, out)
        self._home: dict[int, Debounce] = {}
        self._zone: dict[tuple[int, int], Debounce] = {}  # (person, restriction) -> inside
        self._last_fix: dict[int, tuple[float, float, datetime]] = {}  # person -> lat, lon, time
        self._contact: dict[int, datetime] = {}
        self._var_time: dict[tuple[int, str], datetime] = {}
        self.unknown_devices = 0
        self.evaluations = 0
        #: while True (replay after a restart) conditions update the state but emit nothing
        self.silent = False

    # ------------------------------------------------------------ setup
    def load(self, snapshot: Snapshot) -> None:
        """Swap in fresh supervision data; learned state (presence, zones) is kept."""
        if [z[0] for z in snapshot.zones] != [z[0] for z in self.snapshot.zones] or any(
            a != b for a, b in zip(snapshot.zones, self.snapshot.zones, strict=False)
        ):
            self.index = ZoneIndex(snapshot.zones)
            for zone_id, error in self.index.errors.items():
                log.warning("zone %s ignored: %s", zone_id, error)
        self.snapshot = snapshot
        for device in snapshot.devices.values():
            if device.last_contact is not None:
                seen = self._contact.get(device.id)
                if seen is None or device.last_contact > seen:
                    self._contact[device.id] = device.last_contact

    def seed_active(self, keys: Iterable[str]) -> None:
        """Tell the engine which conditions already have an open, active alarm (after a restart)."""
        for key in keys:
            self._known[key] = True

    def knows_device(self, device_id: int) -> bool:
        return device_id in self.snapshot.devices

    # ------------------------------------------------------------ input
    def process(self, events: Sequence[StoredEvent]) -> list[ConditionChange]:
        """Evaluate a batch of committed events (any order, duplicates already removed)."""
        out: list[ConditionChange] = []
        for stored in events:
            try:
                self._process_one(stored, out)
            except Exception:
                log.exception("rules failed on event %s", stored.id)
        return out

    def tick(self, now: datetime | None = None, persons: Iterable[int] | None = None) -> list[ConditionChange]:
        """Re-evaluate time-based states: schedules, silence, "not monitored".

        ``persons`` limits the evaluation to those persons (a replay passes the
        ones whose schedule, validity or silence deadline passed, or who
        reported, since its previous tick: nobody else's conditions can have
        changed); ``None`` evaluates everyone, as the live ticker does.
        """
        now = now or self.clock()
        out: list[ConditionChange] = []
        today = now.astimezone(self._tz).date()
        supervised = set()
        if persons is not None:
            for pid in persons:
                person = self.snapshot.persons.get(pid)
                if person is not None and person.supervised_on(today):
                    self._evaluate_person(person, now, None, out)
                    self._evaluate_monitoring(person, now, out)
            return out
        for person in self.snapshot.persons.values():
            if not person.supervised_on(today):
                continue
            supervised.add(person.id)
            self._evaluate_person(person, now, None, out)
            self._evaluate_monitoring(person, now, out)
        for key, active in list(self._known.items()):
            if active and self._person_of(key) not in supervised:
                last = self._last_change.get(key)
                if last is not None:
                    self._emit(out, last.kind, last.person_id, last.device_id, last.ref, False, now)
        return out

    # ------------------------------------------------------------ events
    def _process_one(self, stored: StoredEvent, out: list[ConditionChange]) -> None:
        ev = stored.event
        seen = self._contact.get(stored.device_id)
        if seen is None or stored.received > seen:
            self._contact[stored.device_id] = stored.received
        device = self.snapshot.devices.get(stored.device_id)
        if device is None:
            self.unknown_devices += 1
            return
        if device.person_id is None:
            return
        person = self.snapshot.persons.get(device.person_id)
        if person is None or not person.supervised_on(ev.time.astimezone(self._tz).date()):
            return
        self.evaluations += 1
        ctx = (person, device.id, ev.time, stored.id)
        self._emit(out, Kind.NO_COMMUNICATION, person.id, device.id, str(device.id), False, stored.received)
        handler = getattr(self, f"_on_{str(ev.kind).lower()}", None)
        if handler is not None:
            handler(ctx, dict(ev.fields), out)
        if ev.kind in (EventKind.POS, EventKind.PRESENCE):
            self._evaluate_person(person, ev.time, stored.id, out)

    def _fresh(self, device_id: int, var: str, at: datetime) -> bool:
        """Whether an event is the newest for this state variable (replays come late)."""
        last = self._var_time.get((device_id, var))
        if last is not None and at < last:
            return False
        self._var_time[(device_id, var)] = at
        return True

    def _on_pos(self, ctx: tuple, fields: dict[str, Any], out: list[ConditionChange]) -> None:
        person, device_id, at, event_id = ctx
        accuracy = fix_accuracy(fields, self.config.fix)
        if int(fields.get("fix") or 0) == Fix.GNSS and accuracy is not None and self._fresh(device_id, "gnss", at):
            self._emit(out, Kind.GNSS_LOST, person.id, device_id, str(device_id), False, at, event_id)
        if accuracy is None or not self._fresh(device_id, "pos", at):
            return
        lat, lon = float(fields["lat"]), float(fields["lon"])
        self._last_fix[person.id] = (lat, lon, at)
        if person.home is not None:
            deb = self._home.setdefault(person.id, Debounce(self.config.confirm_fixes))
            deb.observe(circle_verdict(lat, lon, accuracy, person.home, person.home_radius_m))
        zone_rules = [r for r in person.restrictions if r.kind in ZONE_KINDS and r.zone_id is not None]
        if not zone_rules:
            return
        verdicts = self.index.verdicts(lat, lon, accuracy, {r.zone_id for r in zone_rules if r.zone_id})
        for rule in zone_rules:
            if rule.zone_id in verdicts:
                deb = self._zone.setdefault((person.id, rule.id), Debounce(self.config.confirm_fixes))
                deb.observe(verdicts[rule.zone_id])

    def _on_presence(self, ctx: tuple, fields: dict[str, Any], out: list[ConditionChange]) -> None:
        """The home unit (SKU) tells whether the person is home; a mobile unit (MKU), whether it is worn along."""
        person, device_id, at, event_id = ctx
        state = str(fields.get("state", "")).upper()
        if state not in (PresenceState.IN, PresenceState.OUT) or not self._fresh(device_id, "presence", at):
            return
        if self.snapshot.devices[device_id].type == "MKU":
            self._emit(out, Kind.BRACELET_AWAY, person.id, device_id, str(device_id), state == PresenceState.OUT, at, event_id,
                       details={"bracelet": str(fields.get("bracelet", ""))})
            return
        self._presence[person.id] = (at, state == PresenceState.OUT)

    def _on_tamper(self, ctx: tuple, fields: dict[str, Any], out: list[ConditionChange]) -> None:
        person, device_id, at, event_id = ctx
        part = str(fields.get("part", TamperPart.STRAP)).upper()
        kind = Kind.TAMPER_CASE if part == TamperPart.CASE else Kind.TAMPER_STRAP
        state = str(fields.get("state", "")).upper()
        if state in (TamperState.OPEN, TamperState.RESTORED) and self._fresh(device_id, kind, at):
            self._emit(out, kind, person.id, device_id, str(device_id), state == TamperState.OPEN, at, event_id)

    def _on_power(self, ctx: tuple, fields: dict[str, Any], out: list[ConditionChange]) -> None:
        person, device_id, at, event_id = ctx
        state = str(fields.get("state", "")).upper()
        ref = str(device_id)
        if state in (PowerState.MAINS_LOST, PowerState.MAINS_RESTORED) and self._fresh(device_id, "mains", at):
            self._emit(out, Kind.MAINS_LOST, person.id, device_id, ref, state == PowerState.MAINS_LOST, at, event_id)
        elif state == PowerState.LOW_BATTERY and self._fresh(device_id, "battery", at):
            self._emit(out, Kind.LOW_BATTERY, person.id, device_id, ref, True, at, event_id)
        elif state == PowerState.SHUTDOWN:
            self._emit(out, Kind.DEVICE_SHUTDOWN, person.id, device_id, ref, True, at, event_id, momentary=True)

    def _on_stat(self, ctx: tuple, fields: dict[str, Any], out: list[ConditionChange]) -> None:
        person, device_id, at, event_id = ctx
        battery = fields.get("battery")
        if battery is None or not self._fresh(device_id, "battery", at):
            return
        active = battery_verdict(int(battery), bool(fields.get("charging")), self._health)
        self._emit(out, Kind.LOW_BATTERY, person.id, device_id, str(device_id), active, at, event_id,
                   details={"battery": int(battery)})

    def _on_moved(self, ctx: tuple, fields: dict[str, Any], out: list[ConditionChange]) -> None:
        person, device_id, at, event_id = ctx
        self._emit(out, Kind.UNIT_MOVED, person.id, device_id, str(device_id), True, at, event_id, momentary=True)

    def _on_gnss(self, ctx: tuple, fields: dict[str, Any], out: list[ConditionChange]) -> None:
        person, device_id, at, event_id = ctx
        state = str(fields.get("state", "")).upper()
        if not self._fresh(device_id, "gnss", at):
            return
        ref = str(device_id)
        if state == GnssState.LOST:
            self._emit(out, Kind.GNSS_LOST, person.id, device_id, ref, True, at, event_id)
        elif state == GnssState.JAMMING:
            self._emit(out, Kind.GNSS_JAMMING, person.id, device_id, ref, True, at, event_id)
        elif state == GnssState.RESTORED:
            self._emit(out, Kind.GNSS_LOST, person.id, device_id, ref, False, at, event_id)
            self._emit(out, Kind.GNSS_JAMMING, person.id, device_id, ref, False, at, event_id)

    def _on_fault(self, ctx: tuple, fields: dict[str, Any], out: list[ConditionChange]) -> None:
        person, device_id, at, event_id = ctx
        details = {"code": str(fields.get("code", "")), "text": str(fields.get("text", ""))}
        self._emit(out, Kind.DEVICE_FAULT, person.id, device_id, str(device_id), True, at, event_id,
                   momentary=True, details=details)

    def _on_bac(self, ctx: tuple, fields: dict[str, Any], out: list[ConditionChange]) -> None:
        person, device_id, at, event_id = ctx
        details = {k: fields.get(k) for k in ("test_id", "mg_l", "face_match", "result")}
        kind = _BAC_RESULTS.get(str(fields.get("result", "")).upper())
        if kind is not None:
            self._emit(out, kind, person.id, device_id, str(device_id), True, at, event_id,
                       momentary=True, details=details)
        face = fields.get("face_match")
        if face is not None and int(face) < self.config.face_match_min:
            self._emit(out, Kind.FACE_MISMATCH, person.id, device_id, str(device_id), True, at, event_id,
                       momentary=True, details=details)

    def _on_alarm(self, ctx: tuple, fields: dict[str, Any], out: list[ConditionChange]) -> None:
        person, device_id, at, event_id = ctx
        name = str(fields.get("alarm", ""))
        ref = str(device_id)
        if name == "sos":
            kind = Kind.SOS
        elif name in _TRACCAR_TAMPER:
            kind = Kind.TAMPER_STRAP
        elif name in ("lowBattery", "lowPower"):
            self._emit(out, Kind.LOW_BATTERY, person.id, device_id, ref, True, at, event_id)
            return
        else:
            kind = Kind.DEVICE_ALARM
        self._emit(out, kind, person.id, device_id, ref, True, at, event_id, momentary=True,
                   details={"alarm": name})

    # ------------------------------------------------------------ person state
    def _is_out(self, person: PersonRules) -> bool | None:
        presence = self._presence.get(person.id)
        home = self._home.get(person.id)
        home_state = home.state if home is not None else None
        if (presence is not None and presence[1]) or home_state is False:
            return True
        if presence is not None or home_state is True:
            return False
        return None

    def _suspended(self, person: PersonRules, rule: RestrictionRule, at: datetime) -> bool:
        """A travel permission in force for this zone (or for all zones) suspends it."""
        for permit in person.of_kind("travel_permission"):
            if permit.zone_id not in (None, rule.zone_id):
                continue
            if valid_at(permit.valid_from, permit.valid_until, at) and schedule_active(permit.schedule, at, self._tz):
                return True
        return False

    def _applies(self, rule: RestrictionRule, at: datetime) -> bool:
        return valid_at(rule.valid_from, rule.valid_until, at) and schedule_active(rule.schedule, at, self._tz)

    def _zone_open(self, rule: RestrictionRule, at: datetime) -> bool:
        """The zone's own schedule (zone editor); it narrows the restriction's: both must be open."""
        return rule.zone_id is None or schedule_active(self.snapshot.zone_schedules.get(rule.zone_id), at, self._tz)

    def _evaluate_person(self, person: PersonRules, at: datetime, event_id: int | None,
                         out: list[ConditionChange]) -> None:
        fix = self._last_fix.get(person.id)
        where = {"lat": fix[0], "lon": fix[1]} if fix else {}
        for rule in person.restrictions:
            if rule.kind == "curfew":
                active = self._is_out(person) if self._applies(rule, at) else False
                self._emit(out, Kind.CURFEW, person.id, None, str(rule.id), active, at, event_id,
                           details={"restriction_id": rule.id, **where})
            elif rule.kind in ZONE_KINDS and rule.zone_id is not None:
                self._evaluate_zone(person, rule, at, event_id, where, out)

    def _evaluate_zone(self, person: PersonRules, rule: RestrictionRule, at: datetime, event_id: int | None,
                       where: dict[str, Any], out: list[ConditionChange]) -> None:
        kind = Kind.EXCLUSION_ZONE if rule.kind == "exclusion_zone" else Kind.INCLUSION_ZONE
        active: bool | None
        if not self._applies(rule, at) or not self._zone_open(rule, at) or self._suspended(person, rule, at):
            active = False
        else:
            deb = self._zone.get((person.id, rule.id))
            inside = deb.state if deb is not None else None
            active = None if inside is None else (inside if kind == Kind.EXCLUSION_ZONE else not inside)
        self._emit(out, kind, person.id, None, str(rule.id), active, at, event_id,
                   details={"restriction_id": rule.id, "zone_id": rule.zone_id, **where})

    def _evaluate_monitoring(self, person: PersonRules, now: datetime, out: list[ConditionChange]) -> None:
        working = [self.snapshot.devices[d] for d in person.device_ids
                   if self.snapshot.devices[d].status in WORKING_STATUSES]
        reporting = [d for d in working if self._contact.get(d.id) is not None]
        reason = "no_device" if not working else ("never_reported" if not reporting else "")
        self._emit(out, Kind.NOT_MONITORED, person.id, None, "", bool(reason), now,
                   details={"reason": reason} if reason else {})
        for device in reporting:
            allowed = allowed_silence(device.heartbeat_s, self._health)
            silent = is_silent(self._contact[device.id], device.heartbeat_s, now, self._health)
            self._emit(out, Kind.NO_COMMUNICATION, person.id, device.id, str(device.id), silent, now,
                       details={"last_contact": self._contact[device.id].isoformat(),
                                "allowed_s": int(allowed.total_seconds())})

    # ------------------------------------------------------------ output
    @staticmethod
    def _person_of(key: str) -> int | None:
        head = key.split(":", 1)[0]
        return int(head) if head.isdigit() else None

    def _emit(self, out: list[ConditionChange], kind: str, person_id: int | None, device_id: int | None,
              ref: str, active: bool | None, at: datetime, event_id: int | None = None, *,
              momentary: bool = False, details: dict[str, Any] | None = None) -> None:
        if active is None:
            return
        key = f"{person_id}:{kind}:{ref}"
        if not momentary and self._known.get(key, False) == active:
            return
        details = dict(details or {})
        if active:
            why = self._explain(kind, person_id, device_id, at, details)
            if why is not None:
                details["explanation"] = why
        change = ConditionChange(kind, person_id, device_id, ref, active, at, momentary, event_id,
                                 MESSAGES.get(kind, kind), details)
        if not momentary:
            self._known[key] = active
            if active:
                self._last_change[key] = change
        if not self.silent:
            out.append(change)

    def _explain(self, kind: str, person_id: int | None, device_id: int | None, at: datetime,
                 details: dict[str, Any]) -> dict[str, Any] | None:
        """The code + parameters saying why (zone name, device serial, curfew window): see :mod:`arm.rules.explain`."""
        device = self.snapshot.devices.get(device_id) if device_id is not None else None
        zone_id = details.get("zone_id")
        zone = self.snapshot.zone_names.get(zone_id, "") if zone_id is not None else ""
        window = ""
        person = self.snapshot.persons.get(person_id) if person_id is not None else None
        if kind == Kind.CURFEW and person is not None:
            rule = next((r for r in person.restrictions if r.id == details.get("restriction_id")), None)
            local = at.astimezone(self._tz)
            for w in (rule.schedule or []) if rule is not None else []:
                if window_contains(w, local):
                    window = f"{w.get('start', '00:00')}–{w.get('end', '00:00')}"
                    break
        return explain.build(kind, at, details, serial=device.serial if device else "", zone=zone, window=window,
                             home=person.home if person is not None else None)
