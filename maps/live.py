"""Live map state per person, kept outside Qt so it can be tested and reused.

What the map shows for one person comes from four sources: the last fix of the
device issued to them, their open alarms, the device's last contact, and its
fault reports. :class:`LiveModel` folds bus messages into that state and hands
out compact rows for the page: ``[person_id, lat, lon, fix_time_ms, state, accuracy_m]``.

States (worst wins): ``alarm`` (an active alarm, or one that returned but is not
acknowledged) > ``fault`` (a FAULT event, GNSS jamming or a low/shut-down
battery within the last hour) > ``nocomm`` (no device of the person within its
allowed silence, or none ever heard) > ``normal``. Contact and fault are decided
by :mod:`arm.device_health`, the same definition the rules engine raises
``no_communication`` with and the device table and status bar show. A *stale* position (older than ``stale_after_s``) is drawn faded
and dashed by the page, which knows the fix time.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from arm.device_health import (
    DEFAULT_THRESHOLDS,
    FAULT_EVENT_KINDS,
    ContactState,
    DeviceContact,
    HealthThresholds,
    best_contact,
    fault_showing,
    fault_signal,
    heartbeat_or_default,
)
from arm.events import AlarmChanged, EventKind, EventsStored
from db.history import LastPosition
from db.models import Alarm, AlarmState, Assignment, Device, DeviceEventRow, Person

STATE_CODES = {"normal": 0, "alarm": 1, "nocomm": 2, "fault": 3}
FAULT_HOLD = DEFAULT_THRESHOLDS.fault_hold


@dataclass(slots=True)
class PersonLive:
    person_id: int
    device_id: int
    label: str
    lat: float | None = None
    lon: float | None = None
    fix_time: datetime | None = None
    accuracy_m: float | None = None
    last_contact: datetime | None = None
    fault_at: datetime | None = None
    alarms: dict[int, tuple[str, bool]] = field(default_factory=dict)
    #: every device issued to the person (bracelet, home unit, tracker...)
    device_ids: set[int] = field(default_factory=set)
    #: device id -> its last contact and heartbeat; ``last_contact`` above is the newest of them
    contacts: dict[int, DeviceContact] = field(default_factory=dict)

    def heard(self, device_id: int, received: datetime) -> None:
        """A device of this person was heard: its own contact and the person's newest move on."""
        old = self.contacts.get(device_id)
        if old is None:
            self.contacts[device_id] = DeviceContact(received)
        elif old.last_contact is None or received > old.last_contact:
            self.contacts[device_id] = DeviceContact(received, old.heartbeat_s)
        if self.last_contact is None or received > self.last_contact:
            self.last_contact = received

    def contact_state(self, now: datetime, thresholds: HealthThresholds = DEFAULT_THRESHOLDS) -> ContactState:
        """Online if any device of the person is; without per-device data, the newest contact."""
        contacts = self.contacts.values() or [DeviceContact(self.last_contact)]
        return best_contact(contacts, now, thresholds)

    def state(self, now: datetime, thresholds: HealthThresholds = DEFAULT_THRESHOLDS) -> str:
        if any(s == AlarmState.ACTIVE or (s == AlarmState.RETURNED and not ack) for s, ack in self.alarms.values()):
            return "alarm"
        if fault_showing(self.fault_at, now, thresholds):
            return "fault"
        if self.contact_state(now, thresholds) != ContactState.ONLINE:
            return "nocomm"
        return "normal"

    def row(self, now: datetime, thresholds: HealthThresholds = DEFAULT_THRESHOLDS) -> list[Any] | None:
        if self.lat is None or self.lon is None or self.fix_time is None:
            return None
        return [
            self.person_id,
            round(self.lat, 6),
            round(self.lon, 6),
            int(self.fix_time.timestamp() * 1000),
            STATE_CODES[self.state(now, thresholds)],
            round(self.accuracy_m or 0.0, 1),
        ]


def person_label(person: Person, personal_data: bool) -> str:
    """``Ivanov A. B.`` for roles that may see names, ``#17`` otherwise."""
    if not personal_data:
        return f"#{person.id}"
    initials = " ".join(f"{n[0]}." for n in (person.first_name, person.middle_name) if n)
    return f"{person.last_name} {initials}".strip()


@dataclass(slots=True)
class Snapshot:
    """Everything the map needs at start, read in one worker job."""

    persons: list[PersonLive]
    #: devices issued to persons this desk's user may not see (another district): their
    #: reports are ignored, not mistaken for newly issued devices (which would reload the map)
    hidden_devices: frozenset[int] = frozenset()
    #: the user may see no person at all (a role without personal data): every report is ignored
    nobody: bool = False


def load_snapshot(session: Session, personal_data: bool, districts: Iterable[str] = ()) -> Snapshot:
    """Persons with an issued device, their last fix, open alarms and device contact.

    ``districts``: the desk user's districts (``arm.access.covers``: none = every
    district); persons of other districts are left out, so their tracks never
    reach this desk's map.
    """
    own = tuple(districts)
    rows = session.execute(
        select(Assignment.person_id, Assignment.device_id, Person, Device.last_contact, Device.heartbeat_s)
        .join(Person, Person.id == Assignment.person_id)
        .join(Device, Device.id == Assignment.device_id)
        .where(Assignment.returned_at.is_(None))
    ).all()
    by_person: dict[int, PersonLive] = {}
    by_device: dict[int, PersonLive] = {}
    hidden: set[int] = set()
    for person_id, device_id, person, last_contact, heartbeat_s in rows:
        if own and person.district and person.district not in own:
            hidden.add(device_id)
            continue
        # A person usually carries several devices (bracelet, home unit, tracker):
        # one marker, fed by whichever device reports.
        live = by_person.get(person_id)
        if live is None:
            live = by_person[person_id] = PersonLive(
                person_id=person_id, device_id=device_id, label=person_label(person, personal_data)
            )
        live.contacts[device_id] = DeviceContact(last_contact, heartbeat_or_default(heartbeat_s))
        if last_contact is not None and (live.last_contact is None or last_contact > live.last_contact):
            live.last_contact = last_contact
        by_device[device_id] = live
    if by_device:
        # one row per device, kept by the database (db/history.py): no scan of history
        lp = LastPosition
        for pos in session.execute(select(lp.device_id, lp.lat, lp.lon, lp.time, lp.accuracy_m)
                                   .where(lp.device_id.in_(list(by_device)))):
            live = by_device[pos.device_id]
            if live.fix_time is None or pos.time > live.fix_time:
                live.lat, live.lon, live.fix_time, live.accuracy_m = pos.lat, pos.lon, pos.time, pos.accuracy_m
                live.device_id = pos.device_id
        for alarm in session.scalars(
            select(Alarm).where(Alarm.state != AlarmState.CLOSED, Alarm.person_id.in_(list(by_person)))
        ):
            by_person[alarm.person_id].alarms[alarm.id] = (str(alarm.state), alarm.acknowledged)
        for device_id, live in by_device.items():
            live.device_ids.add(device_id)
        since = datetime.now(UTC) - FAULT_HOLD
        for device_id, kind, fields, t in session.execute(
            select(DeviceEventRow.device_id, DeviceEventRow.kind, DeviceEventRow.fields, DeviceEventRow.time).where(
                DeviceEventRow.device_id.in_(list(by_device)),
                DeviceEventRow.time >= since,
                DeviceEventRow.kind.in_(sorted(FAULT_EVENT_KINDS)),
            ).order_by(DeviceEventRow.time)
        ):
            live = by_device[device_id]
            signal = fault_signal(kind, fields)
            if signal is True:
                live.fault_at = t
            elif signal is False:
                live.fault_at = None
    return Snapshot(persons=list(by_person.values()), hidden_devices=frozenset(hidden))


class LiveModel:
    """Folds snapshots and bus messages into per-person live state."""

    def __init__(self, thresholds: HealthThresholds = DEFAULT_THRESHOLDS) -> None:
        #: the rules engine's contact and fault thresholds (arm.device_health)
        self.thresholds = thresholds
        self.by_person: dict[int, PersonLive] = {}
        self.by_device: dict[int, PersonLive] = {}
        self.hidden_devices: frozenset[int] = frozenset()
        self.nobody = False

    def load(self, snapshot: Snapshot) -> None:
        self.hidden_devices, self.nobody = snapshot.hidden_devices, snapshot.nobody
        self.by_person = {p.person_id: p for p in snapshot.persons}
        self.by_device = {}
        for p in snapshot.persons:
            for device_id in p.device_ids or {p.device_id}:
                self.by_device[device_id] = p

    def unknown_devices(self, message: EventsStored) -> set[int]:
        """Devices heard that the model has no person for (maybe newly issued)."""
        if self.nobody:
            return set()
        return {e.device_id for e in message.events
                if e.device_id not in self.by_device and e.device_id not in self.hidden_devices}

    def apply_events(self, message: EventsStored) -> set[int]:
        """Returns the person ids whose marker changed."""
        changed: set[int] = set()
        for stored in message.events:
            live = self.by_device.get(stored.device_id)
            if live is None:
                continue
            ev = stored.event
            live.heard(stored.device_id, stored.received)
            f = ev.fields
            if ev.kind == EventKind.POS and f.get("lat") is not None and f.get("lon") is not None:
                if live.fix_time is None or ev.time >= live.fix_time:
                    live.lat, live.lon, live.fix_time = float(f["lat"]), float(f["lon"]), ev.time
                    acc = f.get("accuracy_m")
                    if acc is None and f.get("hdop") is not None:
                        acc = float(f["hdop"]) * 5.0  # rough GNSS rule of thumb: 5 m per HDOP unit
                    live.accuracy_m = float(acc) if acc is not None else None
            elif (signal := fault_signal(ev.kind, f)) is True:
                live.fault_at = ev.time
            elif signal is False:
                live.fault_at = None
            changed.add(live.person_id)
        return changed

    def apply_alarm(self, change: AlarmChanged) -> set[int]:
        if change.person_id is None:
            return set()
        live = self.by_person.get(change.person_id)
        if live is None:
            return set()
        if change.state == AlarmState.CLOSED:
            live.alarms.pop(change.alarm_id, None)
        else:
            live.alarms[change.alarm_id] = (change.state, change.acknowledged)
        return {live.person_id}

    def rows(self, person_ids: Iterable[int] | None = None, now: datetime | None = None) -> list[list[Any]]:
        now = now or datetime.now(UTC)
        ids = self.by_person.keys() if person_ids is None else person_ids
        out = []
        for pid in ids:
            live = self.by_person.get(pid)
            row = live.row(now, self.thresholds) if live else None
            if row is not None:
                out.append(row)
        return out

    def labels(self) -> dict[str, str]:
        return {str(p.person_id): p.label for p in self.by_person.values()}

    def states(self, now: datetime | None = None) -> dict[int, str]:
        now = now or datetime.now(UTC)
        return {pid: p.state(now, self.thresholds) for pid, p in self.by_person.items()}
