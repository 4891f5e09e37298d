"""Roles by operations over the data layer: who may do what, checked where the data is (issue 13).

A real scenario world (SQLite file, ingest, rules runtime, alarm manager on
its worker) with one person in the user's district (``OWN``) and one in
another (``OTHER``), each with a tamper alarm and a mains-lost alarm. Every
user of the matrix is a real account (``World.user``) except ``ghost`` (a
user object whose account does not exist) and ``disabled`` (an account
disabled after the user object was made). For each cell the expected
outcome is asserted: allowed (and what it wrote), or refused with its stable
code, nothing written, and one ``denied`` audit row naming the caller.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from concurrent.futures import Future
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import func, select, update

from arm import access, auth
from arm.access import AccessDenied, Action
from arm.alarms.journal import Report
from arm.alarms.scenario import World, later, local
from arm.auth import CurrentUser
from arm.caseload import devices
from arm.caseload.persons import save_person
from arm.caseload.zones import ZoneDraft, save_zone
from arm.media import library
from arm.reports import data
from db.models import (
    Alarm,
    AlarmAction,
    Assignment,
    AuditEntry,
    Device,
    DeviceStatus,
    Person,
    Resolution,
    User,
    ViolationEntry,
    Zone,
)
from db.queries.filters import JournalFilter
from tests.caseload.conftest import draft
from widgets.person_card import load_card

OWN, OTHER = "KZ-75-almaly", "KZ-75-bostandyk"  # reference codes (arm.caseload.reference): Алмалинский, Бостандыкский
HOME = (43.2567, 76.9286)
T0 = local(2026, 11, 20, 12, 0)
SQUARE = {"geometry": {"type": "Polygon", "coordinates": [
    [[76.92, 43.25], [76.93, 43.25], [76.93, 43.26], [76.92, 43.26], [76.92, 43.25]]]}}

#: who -> (role, districts); "ghost" has no account, "disabled" an account disabled after log-in
USERS: dict[str, tuple[str, tuple[str, ...]]] = {
    "operator": ("operator", ()),
    "operator_own": ("operator", (OWN,)),
    "supervisor": ("supervisor", ()),
    "supervisor_own": ("supervisor", (OWN,)),
    "technician": ("technician", ()),
    "technician_own": ("technician", (OWN,)),
    "administrator": ("administrator", ()),
    "administrator_own": ("administrator", (OWN,)),
    "ghost": ("operator", ()),
    "disabled": ("operator", ()),
}
ACCOUNT_CODES = {"ghost": access.DENIED_UNKNOWN_USER, "disabled": access.DENIED_DISABLED_USER}
TARGETS = ("own", "other")


# ---------------------------------------------------------------- the world


@dataclass
class Scene:
    world: World
    users: dict[str, CurrentUser]
    persons: dict[str, int]  # target -> person id
    tamper: dict[str, int]  # target -> tamper alarm id
    mains: dict[str, int]  # target -> mains-lost alarm id

    @property
    def db(self) -> Any:
        return self.world.db


@pytest.fixture
def scene(db: Any, bus: Any, ingest: Any) -> Iterator[Scene]:
    world = World(db, bus, ingest)
    try:
        persons = {}
        for target, (last, first, district, prefix) in {
            "own": ("Ахметов", "Ержан", OWN, "1"), "other": ("Бекова", "Айгуль", OTHER, "2"),
        }.items():
            pid = world.seed.person(last, first, home=HOME, district=district)
            world.seed.kit(pid, prefix, ("BRC", "SKU", "TRK"))
            persons[target] = pid
        world.reload()
        events = []
        for prefix in ("1", "2"):
            events += [world.fix(f"TRK-{prefix}", T0, *HOME),
                       world.ev(f"BRC-{prefix}", later(T0, seconds=5), "TAMPER", part="STRAP", state="OPEN"),
                       world.ev(f"SKU-{prefix}", later(T0, seconds=6), "POWER", state="MAINS_LOST")]
        world.feed(*events)
        by = {(a.person_id, a.kind): a.id for a in world.alarms()}
        tamper = {t: by[(pid, "tamper_strap")] for t, pid in persons.items()}
        mains = {t: by[(pid, "mains_lost")] for t, pid in persons.items()}
        users = {who: world.user(who, role, districts) for who, (role, districts) in USERS.items()
                 if who != "ghost"}
        users["ghost"] = CurrentUser(id=999, login="ghost", full_name="Nobody", role="operator")
        with db.begin() as s:  # disabled after logging in: the user object lives on, the account does not
            s.execute(update(User).where(User.login == "disabled").values(active=False))
        yield Scene(world, users, persons, tamper, mains)
    finally:
        world.close()


def written(scene: Scene) -> tuple[Any, ...]:
    """Everything an operation may write, except the refusal's own audit row."""
    with scene.db.session() as s:
        return (
            [(a.id, str(a.state), a.acknowledged, a.shelved_until, a.closed_at) for a in
             s.scalars(select(Alarm).order_by(Alarm.id))],
            s.scalar(select(func.count(AlarmAction.id))),
            s.scalar(select(func.count(ViolationEntry.id))),
            s.scalar(select(func.count(AuditEntry.id)).where(AuditEntry.action != "denied")),
            s.scalar(select(func.count(Person.id))),
            s.scalar(select(func.count(Zone.id))),
            [(d.serial, str(d.status), d.inventory_no) for d in s.scalars(select(Device).order_by(Device.id))],
        )


def denied_rows(scene: Scene) -> list[tuple[str, str, str]]:
    with scene.db.session() as s:
        return [(a.user, a.role, a.detail.get("code", "")) for a in
                s.scalars(select(AuditEntry).where(AuditEntry.action == "denied").order_by(AuditEntry.id))]


def assert_refused(scene: Scene, who: str, code: str, attempt: Callable[[], Any]) -> None:
    before, refusals = written(scene), denied_rows(scene)
    with pytest.raises(AccessDenied) as caught:
        attempt()
    assert caught.value.code == code, f"{who}: {caught.value}"
    assert written(scene) == before, "a refused operation wrote something"
    assert denied_rows(scene) == [*refusals, (who, scene.users[who].role, code)]


# ---------------------------------------------------------------- alarms

ALARM_OPS: dict[str, Action] = {
    "view": Action.ALARM_VIEW,
    "detail": Action.ALARM_VIEW,
    "acknowledge": Action.ALARM_ACKNOWLEDGE,
    "note": Action.ALARM_NOTE,
    "shelve": Action.ALARM_SHELVE,
    "close_confirmed": Action.ALARM_CLOSE,
    "handover": Action.ALARM_HANDOVER,
}


def run_alarm_op(scene: Scene, op: str, user: CurrentUser, target: str) -> Any:
    ops, tamper, mains = scene.world.operations, scene.tamper[target], scene.mains[target]
    starts: dict[str, Callable[[], Future[Any]]] = {
        "view": lambda: ops.detail(tamper, user, with_person=False),
        "detail": lambda: ops.detail(tamper, user, with_person=True),
        "acknowledge": lambda: ops.acknowledge(tamper, user, "seen"),
        "note": lambda: ops.add_note(tamper, user, "called the officer"),
        "shelve": lambda: ops.shelve(mains, user, timedelta(minutes=30), "district outage"),
        "close_confirmed": lambda: ops.close(tamper, user, Resolution.CONFIRMED, "strap cut",
                                             Report("duty officer", None, "patrol sent")),
        "handover": lambda: ops.handover(user),
    }
    return starts[op]().result(10)


def expected_alarm(who: str, op: str, target: str) -> str | None:
    """The refusal code, or None when allowed."""
    if who in ACCOUNT_CODES:
        return ACCOUNT_CODES[who]
    role, districts = USERS[who]
    action = ALARM_OPS[op]
    if role == "administrator" or (role == "technician" and action != Action.ALARM_VIEW):
        return access.denied_code(action)
    if op != "handover" and districts and target == "other":
        return access.DENIED_DISTRICT
    return None


@pytest.mark.parametrize(("who", "op", "target"), [
    (who, op, target) for who in USERS for op in ALARM_OPS for target in TARGETS
    if op != "handover" or target == "own"  # the handover concerns no one alarm
])
def test_alarm_operations(scene: Scene, who: str, op: str, target: str) -> None:
    user, code = scene.users[who], expected_alarm(who, op, target)
    if code is not None:
        assert_refused(scene, who, code, lambda: run_alarm_op(scene, op, user, target))
        return
    violations = len(scene.world.journal())
    result = run_alarm_op(scene, op, user, target)
    role = USERS[who][0]
    if op == "detail":
        if role == "technician":  # the device's state without personal data
            assert result.person == {} and result.last_position is None
            assert result.alarm.person_name == "" and result.alarm.lat is None
            assert all(e.kind != "POS" for e in result.events) and result.devices
        else:
            assert result.person["iin"] and result.last_position is not None
        viewed = [a for a in scene.world.audit("view_person") if a[0] == who]
        assert len(viewed) == (0 if role == "technician" else 1)
    elif op == "view":
        assert result.person == {} and result.devices
    elif op == "close_confirmed":
        assert len(scene.world.journal()) == violations + 1
        assert scene.world.journal()[-1].operator == who
    elif op == "handover":
        if USERS[who][1]:
            assert {v.district for v in result.unacknowledged} == {OWN}
        else:
            assert {v.district for v in result.unacknowledged} == {OWN, OTHER}
    else:
        assert result.id in (scene.tamper[target], scene.mains[target])
        assert scene.world.actions(result.id)[-1][0] == who
    assert not [r for r in denied_rows(scene) if r[0] == who]


def test_a_technician_does_not_see_alarms_of_persons(scene: Scene) -> None:
    """Only device kinds: an alcohol test is about the person, not the device."""
    world = scene.world
    world.seed.assign(world.seed.device("BAC-1", "BAC"), scene.persons["own"])
    world.reload()
    world.feed(world.ev("BAC-1", later(T0, minutes=1), "BAC", test_id="T1", mg_l=0.31, face_match=95, result="FAIL"))
    (alcohol,) = [a.id for a in world.alarms() if a.kind == "alcohol_positive"]
    assert_refused(scene, "technician", access.DENIED_KIND,
                   lambda: world.operations.detail(alcohol, scene.users["technician"], False).result(10))


def test_a_user_disabled_while_logged_in_loses_access_at_once(scene: Scene) -> None:
    operator = scene.users["operator"]
    run_alarm_op(scene, "acknowledge", operator, "own")
    with scene.db.begin() as s:
        s.execute(update(User).where(User.login == "operator").values(active=False))
    assert_refused(scene, "operator", access.DENIED_DISABLED_USER,
                   lambda: run_alarm_op(scene, "note", operator, "own"))
    with scene.db.begin() as s:  # deleted: the same
        s.execute(update(User).where(User.login == "operator").values(active=True, login="renamed"))
    assert_refused(scene, "operator", access.DENIED_UNKNOWN_USER,
                   lambda: run_alarm_op(scene, "note", operator, "own"))


def test_a_user_object_claiming_another_role_is_refused(scene: Scene) -> None:
    forged = CurrentUser(id=scene.users["technician"].id, login="technician", full_name="x", role="supervisor")
    scene.users["technician"] = forged
    assert_refused(scene, "technician", access.DENIED_ROLE_CHANGED,
                   lambda: run_alarm_op(scene, "close_confirmed", forged, "own"))


def test_a_login_as_text_is_not_a_user(scene: Scene) -> None:
    before = written(scene)
    with pytest.raises(AccessDenied) as caught:
        scene.world.operations.acknowledge(scene.tamper["own"], "operator", "").result(10)  # type: ignore[arg-type]
    assert caught.value.code == access.DENIED_NOT_AUTHENTICATED
    assert written(scene) == before and denied_rows(scene)[-1] == ("operator", "", access.DENIED_NOT_AUTHENTICATED)


# ---------------------------------------------------------------- the person's card


@pytest.mark.parametrize("target", TARGETS)
@pytest.mark.parametrize("who", list(USERS))
def test_person_card(scene: Scene, who: str, target: str) -> None:
    user, pid = scene.users[who], scene.persons[target]

    def read() -> Any:
        with scene.db.begin() as s:
            return load_card(s, pid, user, True)

    if who in ACCOUNT_CODES:
        assert_refused(scene, who, ACCOUNT_CODES[who], read)
        return
    role, districts = USERS[who]
    card = read()
    full = role in ("operator", "supervisor") and (not districts or target == "own")
    assert card.full is full and bool(card.details) is full and card.name
    assert ("iin" in card.details) is full


# ---------------------------------------------------------------- journals


@pytest.mark.parametrize("journal", list(access.Journal))
@pytest.mark.parametrize("who", list(USERS))
def test_journal_scopes(scene: Scene, who: str, journal: access.Journal) -> None:
    user = scene.users[who]

    def read() -> Any:
        with scene.db.begin() as s:
            return data.page(s, user, journal, JournalFilter())

    if who in ACCOUNT_CODES:
        assert_refused(scene, who, ACCOUNT_CODES[who], read)
        return
    role, _ = USERS[who]
    if journal not in access.JOURNALS_BY_ROLE[role]:
        assert_refused(scene, who, f"denied.journal.{journal}", read)
        return
    read()


def test_a_district_operator_reads_the_violations_of_their_district_only(scene: Scene) -> None:
    supervisor = scene.users["supervisor"]
    for target in TARGETS:
        run_alarm_op(scene, "close_confirmed", supervisor, target)
    with scene.db.begin() as s:
        pages = {who: data.page(s, scene.users[who], "violations", JournalFilter())
                 for who in ("operator", "operator_own", "supervisor_own")}
    districts = {who: [dict(zip([c.key for c in p.columns], row, strict=True))["district"] for row in p.rows]
                 for who, p in pages.items()}
    assert sorted(districts["operator"]) == sorted([OWN, OTHER])
    assert districts["operator_own"] == districts["supervisor_own"] == [OWN]


# ---------------------------------------------------------------- caseload writes

WRITES: dict[str, tuple[str, ...]] = {  # area -> roles that write it
    "persons": ("operator", "supervisor"),
    "zones": ("supervisor", "administrator"),
    "devices": ("technician", "supervisor", "administrator"),
}


def caseload_write(scene: Scene, area: str, user: CurrentUser, target: str) -> Any:
    district = OWN if target == "own" else OTHER
    with scene.db.begin() as s:
        if area == "persons":
            return save_person(s, user, draft(7, district=district))
        if area == "zones":
            return save_zone(s, user, None, ZoneDraft("Школа", "exclusion", SQUARE, 30.0, district))
        device_id = s.scalar(select(Device.id).where(Device.serial == "BRC-9"))
        if target == "own":
            return devices.register(s, user, device_id, "ИНВ-9")
        return devices.issue(s, user, device_id, scene.persons[target])


@pytest.mark.parametrize("target", TARGETS)
@pytest.mark.parametrize("area", list(WRITES))
@pytest.mark.parametrize("who", list(USERS))
def test_caseload_writes(scene: Scene, who: str, area: str, target: str) -> None:
    """Persons and zones of the target's district; a device registered (own) or issued to the other person."""
    scene.world.seed.device("BRC-9", "BRC", status=DeviceStatus.UNREGISTERED if target == "own"
                            else DeviceStatus.IN_STOCK)
    user = scene.users[who]
    role, districts = USERS[who]
    if role not in WRITES[area]:  # what the user object claims is checked first, then the account
        code: str | None = f"denied.{area}"
    elif who in ACCOUNT_CODES:
        code = ACCOUNT_CODES[who]
    elif districts and target == "other":
        code = access.DENIED_DISTRICT
    else:
        code = None
    if code is not None:
        assert_refused(scene, who, code, lambda: caseload_write(scene, area, user, target))
        return
    caseload_write(scene, area, user, target)
    with scene.db.session() as s:
        if area == "devices" and target == "other":
            assert s.scalar(select(func.count(Assignment.id)).where(
                Assignment.person_id == scene.persons["other"], Assignment.issued_by == who)) == 1


# ---------------------------------------------------------------- voice messages


@pytest.mark.parametrize("who", list(USERS))
def test_media_list(scene: Scene, who: str) -> None:
    user = scene.users[who]

    def listing() -> Any:
        with scene.db.begin() as s:
            return library.list_clips(s, user, person_id=scene.persons["other"])  # type: ignore[arg-type]

    role, _ = USERS[who]
    if who in ACCOUNT_CODES:
        assert_refused(scene, who, ACCOUNT_CODES[who], listing)
    elif role not in ("operator", "supervisor"):
        assert_refused(scene, who, "denied.media", listing)
    else:
        assert listing() == []  # no clips stored; of another district none would be listed either


# ---------------------------------------------------------------- log-in


@pytest.mark.parametrize("who", ["ghost", "disabled"])
def test_authenticate_refuses_unknown_and_disabled_users_with_an_audit_row(scene: Scene, who: str) -> None:
    auth.reset_failures()
    with scene.db.begin() as s:
        if who == "disabled":  # give the disabled account a real password: still refused
            s.execute(update(User).where(User.login == who).values(password_hash=auth.hash_password("a good password")))
    with scene.db.session() as s:  # as the log-in dialog does: the failed attempt's row is committed
        with pytest.raises(auth.AuthError):
            auth.authenticate(s, who, "a good password")
        s.commit()
    with scene.db.session() as s:
        rows = [(a.user, a.action, a.detail.get("reason")) for a in s.scalars(
            select(AuditEntry).where(AuditEntry.user == who))]
    auth.reset_failures()
    assert rows == [(who, "login_failed", "unknown or inactive user")]
