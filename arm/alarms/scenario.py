"""A scenario world: real database, real ingest core, real rules runtime.

Shared by tests/rules and tests/alarms, ``bench/rules.py`` and the alarm
screenshot scripts (so none of them imports the tests). Events go through
``Ingest`` exactly as a device source sends them; the runtime's own worker
evaluates them. Like :mod:`arm.rules.seed`, it only drives the real core: no Qt.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select

from arm.alarms.holds import HoldPolicy
from arm.alarms.local import LocalAlarmOperations
from arm.alarms.plugin import build
from arm.alarms.runtime import RulesRuntime
from arm.auth import CurrentUser, snapshot
from arm.bus import Bus
from arm.events import AlarmChanged, DeviceEvent, stored_fields
from arm.ingest import Ingest
from arm.rules.seed import Seeder
from db.models import Alarm, AlarmAction, AuditEntry, Incident, Role, User, UserDistrict, ViolationEntry

ALMATY = ZoneInfo("Asia/Almaty")


def local(y: int, mo: int, d: int, h: int, mi: int = 0, s: int = 0) -> datetime:
    """An Almaty wall-clock time as aware UTC."""
    return datetime(y, mo, d, h, mi, s, tzinfo=ALMATY).astimezone(UTC)


class World:
    def __init__(self, db: Any, bus: Bus, ingest: Ingest, options: dict[str, Any] | None = None,
                 clock: Callable[[], datetime] | None = None, holds: HoldPolicy | None = None) -> None:
        """``clock``: a virtual "now" for ingest's receive times, the engine and the manager (replay tests);
        ``holds``: the on-delay of technical conditions (:mod:`arm.alarms.holds`)."""
        self.db, self.bus, self.ingest = db, bus, ingest
        self.seed = Seeder(db)
        if clock is not None:
            ingest.clock = clock
            self.runtime: RulesRuntime = build(db, bus, {"rules_tick": 0, **(options or {})}, clock=clock,
                                               holds=holds)
        else:
            self.runtime = build(db, bus, {"rules_tick": 0, **(options or {})}, holds=holds)
        self.manager = self.runtime.manager
        #: what the service exposes as ``service.alarms`` (the typed, future-returning face of the manager)
        self.operations = LocalAlarmOperations(self.manager)
        self.changes: list[AlarmChanged] = []
        self._seq: dict[str, int] = {}
        bus.subscribe(AlarmChanged, self.changes.append)
        self.runtime.start_sync(bus)

    def close(self) -> None:
        self.runtime.stop_sync()

    # ------------------------------------------------------------ who acts
    def user(self, login: str, role: str = Role.OPERATOR, districts: tuple[str, ...] = ()) -> CurrentUser:
        """A real account (created once; it cannot log in with a password) as the operations expect it.

        The alarm operations re-read the account from the database, so a
        scenario's operator must exist there, like a logged-in user.
        """
        with self.db.begin() as s:
            row = s.scalars(select(User).where(User.login == login)).one_or_none()
            if row is None:
                row = User(login=login, full_name=login, role=Role(role), password_hash="!",
                           districts=[UserDistrict(district=d) for d in districts])
                s.add(row)
                s.flush()
            return snapshot(row)

    @property
    def op1(self) -> CurrentUser:
        """The scenarios' operator of a central desk (every district)."""
        return self.user("op1")

    # ------------------------------------------------------------ input
    def ev(self, serial: str, at: datetime, kind: str, **fields: Any) -> DeviceEvent:
        seq = self._seq[serial] = self._seq.get(serial, 0) + 1
        return DeviceEvent(serial, seq, at, kind, stored_fields(fields), "serial", serial.split("-")[0])

    def fix(self, serial: str, at: datetime, lat: float, lon: float, *, fix: int = 1, sats: int | None = 9,
            hdop: float | None = 1.0, **extra: Any) -> DeviceEvent:
        return self.ev(serial, at, "POS", lat=lat, lon=lon, fix=fix, sats=sats, hdop=hdop, speed_kmh=0.0,
                       course=None, **extra)

    def feed(self, *events: DeviceEvent) -> None:
        result = self.ingest.store_sync(list(events))
        if result.rejected:
            raise AssertionError(f"ingest rejected scenario events: {result.rejected}")
        self.runtime.flush()

    def reload(self) -> None:
        self.runtime.submit_reload().result(10)

    def tick(self, now: datetime) -> None:
        self.runtime.submit_tick(now).result(10)

    # ------------------------------------------------------------ output
    def alarms(self) -> list[Alarm]:
        with self.db.session() as s:
            rows = list(s.scalars(select(Alarm).order_by(Alarm.id)))
            s.expunge_all()
            return rows

    def summary(self) -> list[tuple[str, str, bool]]:
        """(kind, state, acknowledged) of every alarm, in raise order."""
        return [(a.kind, str(a.state), a.acknowledged) for a in self.alarms()]

    def incidents(self) -> list[Incident]:
        with self.db.session() as s:
            rows = list(s.scalars(select(Incident).order_by(Incident.id)))
            s.expunge_all()
            return rows

    def journal(self) -> list[ViolationEntry]:
        with self.db.session() as s:
            rows = list(s.scalars(select(ViolationEntry).order_by(ViolationEntry.id)))
            s.expunge_all()
            return rows

    def actions(self, alarm_id: int) -> list[tuple[str, str, str]]:
        with self.db.session() as s:
            return [(a.user, a.action, a.note) for a in s.scalars(
                select(AlarmAction).where(AlarmAction.alarm_id == alarm_id).order_by(AlarmAction.id))]

    def audit(self, action_prefix: str = "alarm_") -> list[tuple[str, str, str]]:
        with self.db.session() as s:
            return [(a.user, a.action, a.object_id) for a in s.scalars(
                select(AuditEntry).where(AuditEntry.action.startswith(action_prefix)).order_by(AuditEntry.id))]


def later(at: datetime, **kw: float) -> datetime:
    return at + timedelta(**kw)
