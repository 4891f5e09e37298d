"""Roles by operations on the desk API: a real WebSocket on 127.0.0.1, a real service on a real SQLite file.

Two persons in two districts, each with a GT06 tracker and an open SOS alarm.
Every desk logs a user in through ``session.login`` (the service checks the
password) and the table below says, per user, what each operation gives and
which stream messages arrive. What the desk API itself guarantees: no data
and no call but ``ping``/``session.login`` before a user is logged in; the
session's user (never a name the desk sends) acts and is audited with the
desk; streams and snapshots cut to the user's districts; no personal data for
technician and administrator.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import select
from websockets.asyncio.client import connect

from arm import auth
from arm.access import ShellUser
from arm.alarms.local import LocalAlarmOperations
from arm.alarms.plugin import build as build_alarms
from arm.bus import Bus
from arm.caseload import users
from arm.desk_api.client import RemoteError, RemoteService
from arm.desk_api.server import DeskApiServer
from arm.desk_api.visibility import TECHNICAL_KINDS
from arm.events import AlarmChanged, DeviceStateChanged, EventsStored
from arm.protocols.servers import Gt06Listener
from arm.rules.conditions import ConditionChange, Kind
from arm.service import MonitoringService
from arm.simulate import gt06_device
from arm.simulate.clients import Gt06Client
from db.models import Assignment, AuditEntry, Device, DeviceType, Person, User
from db.session import Database

HOST = "127.0.0.1"
TOKEN = "matrix-desk-token-1"
DESK = "desk-m"
PASSWORD = "matrix-pass-123"
HOME, OTHER = "Bostandyk", "Esil"
IMEI_HOME, IMEI_OTHER = "864717000000101", "864717000000202"


@dataclass(frozen=True)
class Expect:
    """What one user gets from the desk API."""

    login: str  # "ok" or the refusal's code
    role: str = ""
    districts: tuple[str, ...] = ()
    open_alarms: str = "home"  # "home": only the home district's alarm; "none": no alarm
    acknowledge: str = "ok"  # "ok" or the refusal's code (the home district's alarm)
    other_district: str = "denied.district"  # acknowledging the other district's alarm
    close_confirmed: str = "ok"
    person_detail: str = "ok"
    positions: str = "home"  # positions received: "home" only, or "none"
    device_state: tuple[str, ...] = (IMEI_HOME,)  # trackers whose state arrives
    alarm_changes: bool = True  # AlarmChanged arrives (home district only)


OPERATOR = Expect("ok", "operator", (HOME,))
SUPERVISOR = Expect("ok", "supervisor", (HOME,))
# no personal data: device state of every district (no districts), no positions, no alarms
NO_PERSONAL = dict(open_alarms="none", acknowledge="denied.alarms", other_district="denied.alarms",
                   close_confirmed="denied.alarms", person_detail="denied.alarms", positions="none",
                   device_state=(IMEI_HOME, IMEI_OTHER), alarm_changes=False)
TECHNICIAN = Expect("ok", "technician", **NO_PERSONAL)  # type: ignore[arg-type]
ADMINISTRATOR = Expect("ok", "administrator", **NO_PERSONAL)  # type: ignore[arg-type]

MATRIX: dict[str, Expect] = {
    "operator": OPERATOR,
    "supervisor": SUPERVISOR,
    "technician": TECHNICIAN,
    "administrator": ADMINISTRATOR,
    "ghost": Expect("auth.unknown_user"),  # a user that does not exist
    "retired": Expect("auth.disabled"),  # a disabled user
    "locked": Expect("auth.locked"),  # locked after repeated failures, even with the right password
}


# ---------------------------------------------------------------- the world
def seed(db: Database) -> dict[str, int]:
    """Two persons in two districts, each with a tracker; the users of the matrix."""
    auth.reset_failures()
    ids: dict[str, int] = {}
    now = datetime.now(UTC)
    with db.begin() as s:
        for n, (district, imei) in enumerate(((HOME, IMEI_HOME), (OTHER, IMEI_OTHER))):
            person = Person(last_name=f"Person{n}", first_name="Test", iin=f"90010130000{n}",
                            birth_date=date(1990, 1, 1), category="probation", supervision_start=date(2026, 1, 1),
                            registered_on=date(2026, 1, 1), district=district, address=f"Street {n}")
            device = Device(serial=imei, type=DeviceType.GT06, status="issued")
            s.add_all([person, device])
            s.flush()
            s.add(Assignment(device_id=device.id, person_id=person.id, issued_at=now, issued_by="test"))
            ids[f"person_{district}"], ids[f"device_{district}"] = person.id, device.id
        auth.create_user(s, "operator", PASSWORD, "operator", districts=(HOME,))
        auth.create_user(s, "supervisor", PASSWORD, "supervisor", districts=(HOME,))
        auth.create_user(s, "technician", PASSWORD, "technician")
        auth.create_user(s, "administrator", PASSWORD, "administrator")
        auth.create_user(s, "retired", PASSWORD, "operator")
        auth.create_user(s, "locked", PASSWORD, "operator")
        s.execute(User.__table__.update().where(User.login == "retired").values(active=False))
    with db.session() as s:
        for _ in range(auth.MAX_FAILED_ATTEMPTS):
            with pytest.raises(auth.AuthError):
                auth.authenticate(s, "locked", "not the password")
        s.commit()
    return ids


async def start_service(db: Database) -> tuple[MonitoringService, DeskApiServer, Gt06Listener]:
    service = MonitoringService(db)
    runtime = build_alarms(db, service.bus, {"rules_tick": 3600})
    service.add_component(runtime)
    service.alarms = LocalAlarmOperations(runtime.manager)  # type: ignore[attr-defined]
    listener = Gt06Listener(0, HOST)
    api = DeskApiServer(0, {DESK: TOKEN}, HOST)
    service.add_component(listener)
    service.add_component(api)
    await service.start()
    return service, api, listener


async def raise_sos(service: MonitoringService, ids: dict[str, int]) -> dict[str, int]:
    """One open SOS alarm per district; district -> alarm id."""
    manager = service.alarms.manager  # type: ignore[attr-defined]
    now = datetime.now(UTC)
    changes = [ConditionChange(Kind.SOS, ids[f"person_{d}"], ids[f"device_{d}"], f"sos-{d}", True, now,
                               momentary=True) for d in (HOME, OTHER)]
    await asyncio.wrap_future(manager.submit(manager.apply, changes))
    by_person = {v.person_id: v.id for v in manager.open_views()}
    return {d: by_person[ids[f"person_{d}"]] for d in (HOME, OTHER)}


async def report_positions() -> None:
    """A fix from each tracker (GT06 login + location: a LOGIN and a POS event each)."""
    t = datetime.now(UTC).replace(microsecond=0) - timedelta(seconds=30)
    for imei, lat in ((IMEI_HOME, 43.2), (IMEI_OTHER, 51.1)):
        client = Gt06Client(imei, HOST, PORTS["gt06"])
        await client.send_frame(gt06_device.encode_location(t, lat, 76.9, 20, 90, 9, True, client.next_serial()))
        await client.close()


PORTS: dict[str, int] = {}


async def until(predicate: Callable[[], bool], timeout: float = 5.0) -> None:
    loop = asyncio.get_running_loop()
    end = loop.time() + timeout
    while not predicate():
        if loop.time() > end:
            raise AssertionError("condition not reached in time")
        await asyncio.sleep(0.02)


async def outcome(call: Any) -> tuple[str, Any]:
    try:
        return "ok", await call
    except RemoteError as exc:
        return exc.code, None


def run(main: Callable[[], Any]) -> None:
    asyncio.run(asyncio.wait_for(main(), 60))


# ---------------------------------------------------------------- the matrix
@pytest.mark.parametrize("login", list(MATRIX))
def test_desk_api_roles_by_operations(db: Database, login: str) -> None:
    expect = MATRIX[login]
    ids = seed(db)

    async def main() -> None:
        service, api, listener = await start_service(db)
        PORTS["gt06"] = listener.port
        bus = Bus()
        events: list[EventsStored] = []
        states: list[DeviceStateChanged] = []
        changes: list[AlarmChanged] = []
        bus.subscribe(EventsStored, events.append)
        bus.subscribe(DeviceStateChanged, states.append)
        bus.subscribe(AlarmChanged, changes.append)
        desk = RemoteService(f"ws://{HOST}:{api.port}/", TOKEN, bus)
        try:
            await desk.start()
            try:
                await desk.login(login, PASSWORD)
                result = "ok"
            except auth.AuthError as exc:
                result = f"auth.{exc.code}"
            assert result == expect.login
            if expect.login != "ok":
                # refused: still no data, no calls
                assert desk.user is None
                code, _ = await outcome(desk.call("alarms.open"))
                assert code == "login_required"
                return
            assert desk.user is not None and desk.user.role == expect.role
            assert desk.user.districts == expect.districts

            alarms = await raise_sos(service, ids)
            await report_positions()
            await asyncio.sleep(0.5)  # let every stream message that may arrive arrive

            # snapshots
            code, opened = await outcome(desk.call("alarms.open"))
            assert code == "ok"
            assert sorted(a["id"] for a in opened) == ([alarms[HOME]] if expect.open_alarms == "home" else [])
            # person detail (a personal-data read)
            code, detail = await outcome(desk.call("alarms.detail", alarm_id=alarms[HOME], with_person=True))
            assert code == expect.person_detail
            if code == "ok":
                assert detail["person"]["iin"] == "900101300000"
            # operations, as the session's user
            code, view = await outcome(desk.call("alarms.acknowledge", alarm_id=alarms[HOME], note="seen"))
            assert code == expect.acknowledge
            if code == "ok":
                assert view["acknowledged_by"] == login
            code, _ = await outcome(desk.call("alarms.acknowledge", alarm_id=alarms[OTHER]))
            assert code == expect.other_district
            code, view = await outcome(desk.call("alarms.close", alarm_id=alarms[HOME], resolution="confirmed_violation",
                                                 note="confirmed by phone",
                                                 report={"reported_to": "duty officer"}))
            assert code == expect.close_confirmed
            if code == "ok":
                assert view["state"] == "closed"

            # streams
            fixes = {s.event.serial for e in events for s in e.events if s.event.kind == "POS"}
            assert fixes == ({IMEI_HOME} if expect.positions == "home" else set())
            if expect.positions == "none":  # device events only, nothing that says where a person is
                assert {s.event.kind for e in events for s in e.events} <= TECHNICAL_KINDS
                assert all("lat" not in s.event.fields for e in events for s in e.events)
                assert {s.event.serial for e in events for s in e.events if s.event.kind == "LOGIN"} == {
                    IMEI_HOME, IMEI_OTHER}
            else:
                assert {s.event.serial for e in events for s in e.events} == {IMEI_HOME}
            assert {s.serial for s in states} == set(expect.device_state)
            if expect.alarm_changes:
                assert changes and {c.person_id for c in changes} == {ids[f"person_{HOME}"]}
                assert all(c.view is None or c.view.district == HOME for c in changes)
            else:
                assert changes == []
            # every call audited as the session's user, with the desk
            with db.session() as s:
                rows = s.scalars(select(AuditEntry).where(AuditEntry.action == "desk_call")).all()
            assert rows and {(r.user, r.detail.get("desk")) for r in rows} == {(login, DESK)}
        finally:
            await desk.stop()
            await service.stop()
            service.alarms.manager.shutdown()  # type: ignore[attr-defined]

    run(main)


def test_no_data_and_no_calls_before_login(db: Database) -> None:
    """A desk with a valid token but no user: ping and session.login only; no stream message arrives."""
    ids = seed(db)

    async def main() -> None:
        service, api, listener = await start_service(db)
        PORTS["gt06"] = listener.port
        try:
            async with connect(f"ws://{HOST}:{api.port}/",
                               additional_headers={"Authorization": f"Bearer {TOKEN}"}) as ws:
                welcome = json.loads(await ws.recv())
                assert welcome["type"] == "welcome" and "session.login" in welcome["methods"]
                await raise_sos(service, ids)
                await report_positions()
                answers: dict[int, Any] = {}
                for n, (method, params) in enumerate((("ping", {}), ("alarms.open", {}), ("desks", {}),
                                                      ("alarms.detail", {"alarm_id": 1}),
                                                      ("alarms.acknowledge", {"alarm_id": 1, "user": "supervisor"})),
                                                     start=1):
                    await ws.send(json.dumps({"type": "call", "id": n, "method": method, "params": params}))
                received: list[dict[str, Any]] = []
                try:
                    while True:
                        received.append(json.loads(await asyncio.wait_for(ws.recv(), 1.0)))
                except TimeoutError:
                    pass
                assert [m["type"] for m in received if m["type"] == "event"] == []  # no data at all
                answers = {m["id"]: m for m in received}
                assert answers[1]["result"] == "pong"
                for n in (2, 3, 4, 5):
                    assert answers[n]["error"]["code"] == "login_required"
                # the old clients' free-text user is refused, even after a login
                await ws.send(json.dumps({"type": "call", "id": 9, "method": "session.login",
                                          "params": {"login": "operator", "password": PASSWORD}}))
                while (reply := json.loads(await ws.recv())).get("id") != 9:
                    pass
                assert reply["result"]["login"] == "operator" and reply["result"]["personal_data"] is True
                await ws.send(json.dumps({"type": "call", "id": 10, "method": "alarms.open",
                                          "params": {"user": "supervisor"}}))
                while (reply := json.loads(await ws.recv())).get("id") != 10:
                    pass
                assert reply["error"]["code"] == "bad_request"
                # logged out: nothing again
                await ws.send(json.dumps({"type": "call", "id": 11, "method": "session.logout", "params": {}}))
                await ws.send(json.dumps({"type": "call", "id": 12, "method": "alarms.open", "params": {}}))
                while (reply := json.loads(await ws.recv())).get("id") != 12:
                    pass
                assert reply["error"]["code"] == "login_required"
        finally:
            await service.stop()
            service.alarms.manager.shutdown()  # type: ignore[attr-defined]

    run(main)


def test_wrong_password_counts_towards_the_same_lock_out(db: Database) -> None:
    """The service's lock-out is arm.auth's: after MAX_FAILED_ATTEMPTS the right password is refused too."""
    seed(db)

    async def main() -> None:
        service, api, _ = await start_service(db)
        desk = RemoteService(f"ws://{HOST}:{api.port}/", TOKEN, Bus())
        try:
            await desk.start()
            codes = []
            for _ in range(auth.MAX_FAILED_ATTEMPTS):
                with pytest.raises(auth.AuthError) as info:
                    await desk.login("technician", "wrong password")
                codes.append(info.value.code)
            assert codes == ["wrong_password"] * auth.MAX_FAILED_ATTEMPTS
            with pytest.raises(auth.AuthError) as info:
                await desk.login("technician", PASSWORD)
            assert info.value.code == "locked"
            with db.begin() as s:  # the administrator's unlock (arm user unlock), applied to the running service
                users.unlock(s, ShellUser("cli:admin", role="administrator"), "technician")
            assert (await desk.login("technician", PASSWORD)).role == "technician"
            with db.session() as s:
                failed = s.scalars(select(AuditEntry).where(AuditEntry.action == "desk_login_failed")).all()
            assert len(failed) == auth.MAX_FAILED_ATTEMPTS + 1 and {r.detail["desk"] for r in failed} == {DESK}
        finally:
            await desk.stop()
            await service.stop()
            service.alarms.manager.shutdown()  # type: ignore[attr-defined]

    run(main)


def test_a_user_disabled_while_logged_in_loses_the_session(db: Database) -> None:
    """The service re-reads its users: a disabled user's desk is closed (4403) and cannot log in again."""
    from arm.events import ServiceStatus

    seed(db)

    async def main() -> None:
        service = MonitoringService(db)
        api = DeskApiServer(0, {DESK: TOKEN}, HOST, refresh_s=0.2)
        service.add_component(api)
        await service.start()
        bus = Bus()
        statuses: list[ServiceStatus] = []
        bus.subscribe(ServiceStatus, statuses.append)
        desk = RemoteService(f"ws://{HOST}:{api.port}/", TOKEN, bus, reconnect_max_s=0.5)
        try:
            await desk.start()
            await desk.login("operator", PASSWORD)
            with db.begin() as s:
                s.execute(User.__table__.update().where(User.login == "operator").values(active=False))
            await until(lambda: any("log in again" in st.detail for st in statuses), 10)
            assert desk.user is None
            code, _ = await outcome(desk.call("alarms.open"))
            assert code == "login_required"
        finally:
            await desk.stop()
            await service.stop()

    run(main)
