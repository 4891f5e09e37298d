"""Person lifecycle (register, change, transfer, deregister) and restriction checks, on a real SQLite file.

The last tests drive the real rules runtime (``arm.alarms.scenario.World``):
a restriction ended through the service stops its alarm at the next tick,
with no reload asked for and no restart.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from arm.access import AccessDenied, ShellUser
from arm.alarms.scenario import World, later, local
from arm.caseload import lifecycle
from arm.caseload import reference as ref
from arm.caseload.devices import issue
from arm.caseload.persons import PersonInvalid
from arm.caseload.restrictions import RestrictionDraft, RestrictionInvalid, add_restriction, end_restriction
from arm.rules.schedule import schedule_active
from arm.rules.seed import offset
from db.models import Assignment, Device, DeviceStatus, Person, Restriction
from db.session import Database
from tests.caseload.conftest import EAST, WEST, add_device, add_zone, audit_rows, count, draft, user

SUPERVISOR = user("supervisor")
T0 = datetime(2026, 3, 1, tzinfo=UTC)


def registered(db: Database, n: int = 1, district: str = EAST, **changes: object) -> int:
    with db.begin() as s:
        return lifecycle.register(s, SUPERVISOR, draft(n, district, court_decision_no="1-234/2026",
                                                        court_decision_date=date(2026, 1, 5), **changes)).person_id


def test_register_names_every_bad_field_and_writes_nothing(db: Database) -> None:
    bad_check_digit = draft(1).iin[:11] + str((int(draft(1).iin[11]) + 1) % 10)
    with pytest.raises(PersonInvalid) as caught, db.begin() as s:
        lifecycle.register(s, SUPERVISOR, draft(1, iin=bad_check_digit, district="Нет такого"))
    assert {"iin", "district", "court_decision_no", "court_decision_date"} <= set(caught.value.errors)
    assert "check digit" in caught.value.errors["iin"]
    with pytest.raises(PersonInvalid) as born, db.begin() as s:
        lifecycle.register(s, SUPERVISOR, draft(2, birth_date=date(1991, 1, 1), court_decision_no="1",
                                                court_decision_date=date(2026, 1, 5)))
    assert born.value.errors == {"iin": "The IIN does not match the birth date."}
    assert count(db, Person) == 0 and audit_rows(db, "person_create") == []


def test_register_then_change_stores_codes_and_audits(db: Database) -> None:
    pid = registered(db, district="Есиль ауданы" if False else "район Есиль")
    with db.begin() as s:
        saved = lifecycle.change(s, SUPERVISOR, pid, phone="+7 701 000 00 00")
    assert saved.fields == ("phone",)
    with db.session() as s:
        person = s.get(Person, pid)
        assert person is not None and person.district == EAST and person.region == "KZ-71"


def test_transfer_one_person_and_an_officers_whole_caseload(db: Database) -> None:
    with db.begin() as s:
        east = ref.add_officer(s, user("administrator"), "Инспектор Восток В.", f"PO-{EAST}")
        west = ref.add_officer(s, user("administrator"), "Инспектор Запад З.", f"PO-{WEST}")
    ids = [registered(db, n, officer=east.code) for n in (1, 2, 3)]
    with pytest.raises(AccessDenied) as narrow, db.begin() as s:
        lifecycle.transfer(s, user("supervisor", EAST), ids[:1], WEST)
    assert narrow.value.code == "denied.district"
    with pytest.raises(AccessDenied) as operator, db.begin() as s:
        lifecycle.transfer(s, user("operator"), ids[:1], WEST)
    assert operator.value.code == "denied.lifecycle"
    with pytest.raises(PersonInvalid) as wrong_officer, db.begin() as s:
        lifecycle.transfer(s, SUPERVISOR, ids[:1], WEST, east.code)  # east's officer does not serve the west
    assert set(wrong_officer.value.errors) == {"officer"}
    with db.begin() as s:
        one = lifecycle.transfer(s, SUPERVISOR, ids[:1], "район Алматы", west.full_name)
    assert one == lifecycle.TransferResult((ids[0],), WEST, west.code)
    with db.begin() as s:
        rest = lifecycle.transfer_caseload(s, SUPERVISOR, from_officer=east.code, to_district=WEST,
                                           to_officer=west.code)
    assert rest.person_ids == tuple(ids[1:])
    with db.session() as s:
        assert {(p.district, p.officer) for p in s.scalars(select(Person))} == {(WEST, west.code)}
    assert [r.detail["district_before"] for r in audit_rows(db, "person.transfer")] == [EAST] * 3


def test_deregister_ends_restrictions_returns_devices_and_keeps_the_record(db: Database) -> None:
    pid = registered(db)
    zone = add_zone(db)
    device = add_device(db)
    with db.begin() as s:
        rid = add_restriction(s, SUPERVISOR, RestrictionDraft(pid, "exclusion_zone", T0, zone_id=zone))
        issue(s, SUPERVISOR, device, pid, received_by="Тестов И.", technician_name="Техник Т.")
    with pytest.raises(AccessDenied), db.begin() as s:
        lifecycle.deregister(s, user("operator"), pid)
    with db.begin() as s:
        done = lifecycle.deregister(s, SUPERVISOR, pid, reason="срок истёк")
    assert done.ended_restrictions == (rid,) and done.returned_devices == ("BRC-100001",)
    with db.session() as s:
        person = s.get(Person, pid)
        assert person is not None and person.deregistered_on == done.on
        restriction = s.get(Restriction, rid)
        assert restriction is not None and restriction.valid_until is not None
        assert restriction.valid_until <= datetime.now(UTC) + timedelta(seconds=1)
        assert s.scalars(select(Assignment.returned_at)).one() is not None
        assert s.get(Device, device).status == DeviceStatus.IN_STOCK  # type: ignore[union-attr]
        assert s.scalars(select(Assignment.received_by)).one() == "Тестов И."
        # the return names default as a return's do: the person, and the acting user
        back = s.execute(select(Assignment.returned_by_name, Assignment.return_technician_name)).one()
        assert tuple(back) == (person.full_name, "Test supervisor")
    with pytest.raises(PersonInvalid), db.begin() as s:
        lifecycle.deregister(s, SUPERVISOR, pid)  # twice: refused, named
    assert len(audit_rows(db, "person.deregister")) == 1


@pytest.mark.parametrize(("window", "named"), [
    ({"days": [0], "start": "25:00", "end": "06:00"}, "schedule[1]: bad time '25:00'"),
    ({"days": [7], "start": "22:00", "end": "06:00"}, "schedule[1]: bad weekday"),
    ({"except": "2026-02-30"}, "schedule[1]: bad date '2026-02-30'"),
])
def test_a_bad_schedule_window_is_refused_by_its_index(db: Database, window: dict, named: str) -> None:
    pid = registered(db)
    good = {"days": [0, 1, 2, 3, 4], "start": "22:00", "end": "06:00"}
    with pytest.raises(RestrictionInvalid) as caught, db.begin() as s:
        add_restriction(s, SUPERVISOR, RestrictionDraft(pid, "curfew", T0, schedule=[good, window]))
    assert caught.value.code == "bad_schedule" and named in str(caught.value)
    assert count(db, Restriction) == 0


def test_contradictions_and_overlaps_are_refused(db: Database) -> None:
    pid = registered(db)
    zone = add_zone(db)
    with pytest.raises(RestrictionInvalid) as backwards, db.begin() as s:
        add_restriction(s, SUPERVISOR, RestrictionDraft(pid, "curfew", T0, T0 - timedelta(days=1)))
    assert backwards.value.code == "bad_validity" and "valid_until" in str(backwards.value)
    with db.begin() as s:
        add_restriction(s, SUPERVISOR, RestrictionDraft(pid, "curfew", T0, schedule=[
            {"days": [0, 1, 2, 3, 4], "start": "22:00", "end": "06:00"}, {"days": [6], "start": "00:00", "end": "24:00"}]))
        add_restriction(s, SUPERVISOR, RestrictionDraft(pid, "exclusion_zone", T0, zone_id=zone))
    for bad, code in (
        (RestrictionDraft(pid, "curfew", T0 + timedelta(days=3)), "overlap"),
        (RestrictionDraft(pid, "exclusion_zone", T0, zone_id=zone), "overlap"),
        (RestrictionDraft(pid, "inclusion_zone", T0, zone_id=zone), "bad_zone_kind"),  # the zone is an exclusion
        (RestrictionDraft(pid, "travel_permission", T0, T0 + timedelta(days=2), zone_id=zone), "bad_zone_kind"),
        (RestrictionDraft(pid, "travel_permission", T0), "bad_validity"),
    ):
        with pytest.raises(RestrictionInvalid) as caught, db.begin() as s:
            add_restriction(s, SUPERVISOR, bad)
        assert caught.value.code == code, bad
    assert count(db, Restriction) == 2


def test_single_date_windows_and_exceptions() -> None:
    tz = ZoneInfo("Asia/Almaty")
    curfew = [{"days": [0, 1, 2, 3, 4, 5, 6], "start": "22:00", "end": "06:00"},
              {"except": "2026-12-31", "start": "22:00", "end": "24:00"}, {"date": "2027-01-02", "start": "12:00",
                                                                        "end": "14:00"}]
    at = lambda *a: datetime(*a, tzinfo=tz).astimezone(UTC)  # noqa: E731
    assert schedule_active(curfew, at(2026, 12, 30, 23, 0), tz)
    assert not schedule_active(curfew, at(2026, 12, 31, 23, 0), tz)  # New Year's Eve: lifted until midnight
    assert schedule_active(curfew, at(2027, 1, 1, 1, 0), tz)
    assert schedule_active(curfew, at(2027, 1, 2, 13, 0), tz) and not schedule_active(curfew, at(2027, 1, 3, 13, 0), tz)


HOME = (43.2567, 76.9286)
CENTRE = offset(*HOME, north_m=2000)


def test_an_ended_restriction_stops_its_alarm_at_the_next_tick_without_reload(world: World) -> None:
    ring = [[CENTRE[1] + dx, CENTRE[0] + dy] for dx, dy in ((-0.003, -0.002), (0.003, -0.002), (0.003, 0.002),
                                                             (-0.003, 0.002), (-0.003, -0.002))]
    zone = world.seed.zone("Школа", "exclusion", {"type": "Polygon", "coordinates": [ring]})
    pid = world.seed.person(home=HOME)
    world.seed.kit(pid, "1", ("TRK",))
    with world.db.begin() as s:
        rid = add_restriction(s, ShellUser("supervisor1"),
                              RestrictionDraft(pid, "exclusion_zone", local(2026, 11, 1, 0), zone_id=zone))
    world.reload()
    at = local(2026, 11, 13, 12, 0)
    world.feed(world.fix("TRK-1", at, *CENTRE), world.fix("TRK-1", later(at, minutes=1), *CENTRE))
    assert world.summary() == [("exclusion_zone", "active", False)]
    with world.db.begin() as s:  # the count and the highest id of restrictions stay as they were
        end_restriction(s, ShellUser("supervisor1"), rid, at=later(at, minutes=2))
    world.tick(later(at, minutes=3))
    assert world.summary() == [("exclusion_zone", "returned", False)]
    with world.db.session() as s:
        assert s.get(Restriction, rid).valid_until is not None  # type: ignore[union-attr]
