"""What a desk's logged-in user may receive: every stream and snapshot is filtered here, on the service.

The desk never decides what it sees: :class:`Visibility` cuts each bus
message down to the session user's :class:`Audience` before it is sent.

- **Districts.** A user with districts (``UserDistrict``) receives only what
  belongs to a person of those districts: positions and events of the devices
  issued to them, their devices' state, their alarms. What belongs to no
  person (a device in stock, an unregistered identifier, an alarm without a
  person) goes only to users without districts (a central desk).
- **Personal data.** Roles that may not see personal data
  (``arm.access.may_see_personal_data``: technician, administrator) receive
  device state (``device_state``), the technical events of devices (HB, STAT,
  TAMPER, POWER, GNSS, FAULT, LOGIN, MOVED; without the ``raw`` line, which
  may hold a position) and ``service_status``/``ingest_rejected``: no
  positions, beacons, presence, alcohol tests or tracker alarms, and no
  alarms at all (alarm handling needs the person: the GUI gives these roles
  no alarm panel either).

The device -> person -> district map comes from the database: loaded at
start, refreshed every ``refresh_s`` seconds and at once (in the background)
when a message names a device or person it does not know yet.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import select

from arm.access import may_see_personal_data
from arm.alarm_view import AlarmView
from arm.alarms.views import AlarmDetail, HandoverReport
from arm.desk_api.wire import RemoteEventsStored
from arm.events import (
    AlarmChanged,
    ConnectionLimits,
    DeviceStateChanged,
    EventKind,
    EventsStored,
    IngestRejected,
    ServiceStatus,
    StoredEvent,
)
from db.models import Alarm, Assignment, Device, Person, User
from db.session import Database

#: event kinds about the device itself, sent to every role (without ``raw``)
TECHNICAL_KINDS = frozenset({EventKind.HB, EventKind.STAT, EventKind.TAMPER, EventKind.POWER, EventKind.GNSS,
                             EventKind.FAULT, EventKind.LOGIN, EventKind.MOVED})


@dataclass(frozen=True)
class Audience:
    """What one session may receive; desks with equal audiences share one encoding of each message."""

    #: may see persons: names, positions, alarms (operator, supervisor)
    personal: bool
    #: districts whose persons are visible; None: every district (a user without districts)
    districts: frozenset[str] | None

    def sees(self, district: str | None) -> bool:
        return self.districts is None or (district is not None and district in self.districts)


def audience_of(user: Any) -> Audience:
    """The audience of a logged-in user (``arm.auth.CurrentUser``)."""
    districts = frozenset(getattr(user, "districts", ()) or ())
    return Audience(personal=may_see_personal_data(user), districts=districts or None)


class Visibility:
    """Resolves device/person -> district from the database (cached) and filters messages for an audience."""

    def __init__(self, db: Database, refresh_s: float = 15.0) -> None:
        self.db = db
        self.refresh_s = refresh_s
        self._person_district: dict[int, str] = {}
        self._device_person: dict[int, int] = {}
        self._serial_device: dict[str, int] = {}
        self._active_logins: frozenset[str] = frozenset()
        self._loaded_at = 0.0
        self._lock = threading.Lock()
        self._refreshing = False

    # ------------------------------------------------------------ the map
    def refresh(self) -> None:
        """Re-read persons, current assignments and devices (any thread; a few ms for thousands)."""
        with self.db.session() as s:
            persons = {pid: district or "" for pid, district in s.execute(select(Person.id, Person.district))}
            issued = {dev: person for dev, person in s.execute(
                select(Assignment.device_id, Assignment.person_id).where(Assignment.returned_at.is_(None)))}
            serials = {serial: dev for dev, serial in s.execute(select(Device.id, Device.serial))}
            active = frozenset(login for login, on in s.execute(select(User.login, User.active)) if on)
        with self._lock:
            self._person_district, self._device_person, self._serial_device = persons, issued, serials
            self._active_logins = active
            self._loaded_at = time.monotonic()

    def stale(self) -> bool:
        return time.monotonic() - self._loaded_at > self.refresh_s

    def refresh_soon(self) -> None:
        """A message named something unknown: re-read the map on a thread (once at a time)."""
        with self._lock:
            if self._refreshing:
                return
            self._refreshing = True

        def run() -> None:
            try:
                self.refresh()
            finally:
                with self._lock:
                    self._refreshing = False

        threading.Thread(target=run, name="arm-desk-visibility", daemon=True).start()

    def is_active(self, login: str) -> bool:
        """Whether the login is still an active user (as of the last refresh)."""
        return login in self._active_logins

    def district_of_person(self, person_id: int | None) -> str | None:
        if person_id is None:
            return None
        district = self._person_district.get(person_id)
        if district is None:
            self.refresh_soon()
        return district

    def person_of_device(self, device_id: int | None) -> int | None:
        return None if device_id is None else self._device_person.get(device_id)

    def district_of_device(self, device_id: int | None) -> str | None:
        person = self.person_of_device(device_id)
        if person is None:
            if device_id is not None and device_id not in self._serial_device.values():
                self.refresh_soon()
            return None
        return self.district_of_person(person)

    def district_of_alarm(self, person_id: int | None, device_id: int | None, fallback: str = "") -> str | None:
        if person_id is not None:
            return self.district_of_person(person_id) or fallback or None
        return self.district_of_device(device_id)

    def alarm_of(self, alarm_id: int) -> tuple[int | None, int | None] | None:
        """(person_id, device_id) of an alarm read from the database (closed ones too), or None if unknown."""
        with self.db.session() as s:
            row = s.execute(select(Alarm.person_id, Alarm.device_id).where(Alarm.id == alarm_id)).first()
        return None if row is None else (row[0], row[1])

    # ------------------------------------------------------------ messages
    def filter(self, audience: Audience, message: object) -> object | None:
        """``message`` as this audience may receive it, or None (nothing to send)."""
        if isinstance(message, ServiceStatus | ConnectionLimits):
            return message  # the service's own health: no person's data in it
        if isinstance(message, EventsStored | RemoteEventsStored):
            kept = tuple(e for e in (self._event(audience, s) for s in message.events) if e is not None)
            return type(message)(kept) if kept else None
        if isinstance(message, DeviceStateChanged):
            return message if audience.sees(self.district_of_device(message.device_id)) else None
        if isinstance(message, IngestRejected):
            device = self._serial_device.get(message.serial)
            return message if audience.sees(self.district_of_device(device)) else None
        if isinstance(message, AlarmChanged):
            if not audience.personal:
                return None
            district = self.district_of_alarm(message.person_id, message.device_id,
                                              message.view.district if message.view else "")
            return message if audience.sees(district) else None
        return None

    def _event(self, audience: Audience, stored: StoredEvent) -> StoredEvent | None:
        if not audience.sees(self.district_of_device(stored.device_id)):
            return None
        if audience.personal:
            return stored
        if stored.event.kind not in TECHNICAL_KINDS:
            return None
        fields = {k: v for k, v in dict(stored.event.fields).items() if k != "raw"}
        return replace(stored, event=replace(stored.event, fields=fields))  # type: ignore[arg-type]

    def view(self, audience: Audience, view: AlarmView) -> bool:
        """Whether this audience may see (and act on) this alarm."""
        return audience.personal and audience.sees(self.district_of_alarm(view.person_id, view.device_id,
                                                                           view.district))

    def views(self, audience: Audience, views: list[AlarmView]) -> list[AlarmView]:
        return [v for v in views if self.view(audience, v)]

    def detail(self, audience: Audience, detail: AlarmDetail) -> bool:
        return self.view(audience, detail.alarm)

    def handover(self, audience: Audience, report: HandoverReport) -> HandoverReport:
        """The handover report cut to the audience's districts."""
        if audience.districts is None:
            return report
        return replace(
            report,
            incidents=[i for i in report.incidents if audience.sees(self.district_of_person(i.person_id))],
            shelved=self.views(audience, report.shelved),
            not_monitored=[p for p in report.not_monitored if audience.sees(p.district)],
            unacknowledged=self.views(audience, report.unacknowledged),
        )
