"""A zone's own schedule (saved by the map's zone editor) combined with its restriction's schedule.

Zones are saved exactly as the operator's zone editor saves them
(``arm.caseload.zones.save_zone``, which the editor calls: the circle as a 64-gon with its ``circle``
member, the schedule text parsed by ``maps.schedule`` into ``zone_schedules``).
A zone is enforced only while *both* the restriction's and the zone's
schedules are open. Times are Almaty wall-clock; 2026-11-13 is a Friday (all before
the test run, so no device looks silent).
"""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from arm.access import ShellUser
from arm.alarms.scenario import World, later, local
from arm.caseload.zones import ZoneDraft, save_zone
from arm.rules.schedule import schedule_active, validate_schedule
from arm.rules.seed import offset
from db.models import ZoneSchedule
from maps.schedule import parse

HOME = (43.2567, 76.9286)
CENTRE = offset(*HOME, north_m=2000)
INSIDE = offset(*CENTRE, north_m=50)
FAR = offset(*CENTRE, north_m=3000)


def editor_zone(world: World, schedule_text: str, kind: str = "exclusion", zone_id: int | None = None) -> int:
    """Save a 200 m circle zone through the zone editor's own save function."""
    data = ZoneDraft(name="Bar street", kind=kind,
                     geometry={"circle": {"center": [CENTRE[1], CENTRE[0]], "radius_m": 200.0}},
                     buffer_m=20.0, district="", schedule=parse(schedule_text))
    with world.db.begin() as s:
        return save_zone(s, ShellUser("supervisor1"), zone_id, data)


def tracked_person(world: World, zone: int, kind: str = "exclusion_zone", schedule: list | None = None) -> int:
    pid = world.seed.person(home=HOME)
    world.seed.kit(pid, "1", ("TRK",))
    world.seed.restriction(pid, kind, zone_id=zone, schedule=schedule)
    world.reload()
    return pid


def two_fixes(world: World, at: datetime, where: tuple[float, float]) -> None:
    world.feed(world.fix("TRK-1", at, *where), world.fix("TRK-1", later(at, minutes=1), *where))


def test_zone_schedule_closed_raises_nothing_then_opening_raises(world: World) -> None:
    zone = editor_zone(world, "Mon-Fri 08:00-18:00")
    tracked_person(world, zone)
    # Friday 19:00: the zone's window is closed, the person is confirmed inside: quiet.
    two_fixes(world, local(2026, 11, 13, 19, 0), INSIDE)
    world.tick(local(2026, 11, 13, 23, 0))
    world.tick(local(2026, 11, 15, 12, 0))  # Sunday: still closed
    assert world.summary() == []
    # Monday 08:00 the window opens with the person still inside: raised at that tick, no new fix needed.
    world.tick(local(2026, 11, 16, 8, 0, 5))
    alarms = world.alarms()
    assert world.summary() == [("exclusion_zone", "active", False)]
    assert alarms[0].details["zone_id"] == zone
    # 18:00 the window closes: the condition returns to normal although the person is still inside.
    world.tick(local(2026, 11, 16, 18, 0, 1))
    assert world.summary() == [("exclusion_zone", "returned", False)]


def test_zone_schedule_open_raises_on_the_fixes(world: World) -> None:
    zone = editor_zone(world, "Mon-Fri 08:00-18:00")
    tracked_person(world, zone)
    two_fixes(world, local(2026, 11, 13, 12, 0), INSIDE)
    assert world.summary() == [("exclusion_zone", "active", False)]


def test_both_schedules_must_be_open(world: World) -> None:
    # Restriction: daily 20:00-23:00; zone: weekdays 08:00-21:00. Enforced only Mon-Fri 20:00-21:00.
    zone = editor_zone(world, "Mon-Fri 08:00-21:00")
    tracked_person(world, zone, schedule=[{"days": list(range(7)), "start": "20:00", "end": "23:00"}])
    two_fixes(world, local(2026, 11, 13, 19, 0), INSIDE)  # zone open, restriction closed
    world.tick(local(2026, 11, 13, 19, 59))
    world.tick(local(2026, 11, 13, 21, 0, 1))  # restriction open, zone closed
    world.tick(local(2026, 11, 14, 20, 30))  # Saturday: restriction open, zone closed
    assert world.summary() == []
    world.tick(local(2026, 11, 16, 20, 30))  # Monday 20:30: both open
    assert world.summary() == [("exclusion_zone", "active", False)]


def test_inclusion_zone_only_enforced_in_its_window(world: World) -> None:
    zone = editor_zone(world, "daily 22:00-06:00", kind="inclusion")
    tracked_person(world, zone, kind="inclusion_zone")
    two_fixes(world, local(2026, 11, 13, 14, 0), FAR)  # outside, but the zone applies only at night
    assert world.summary() == []
    world.tick(local(2026, 11, 13, 22, 0, 5))
    assert world.summary() == [("inclusion_zone", "active", False)]
    world.tick(local(2026, 11, 14, 6, 0, 1))
    assert world.summary() == [("inclusion_zone", "returned", False)]


def test_editing_the_zone_schedule_applies_at_the_next_tick(world: World) -> None:
    zone = editor_zone(world, "")  # empty: always
    tracked_person(world, zone)
    two_fixes(world, local(2026, 11, 13, 12, 0), INSIDE)
    assert world.summary() == [("exclusion_zone", "active", False)]
    # The supervisor restricts the zone to weekends in the editor; nobody calls submit_reload().
    editor_zone(world, "Sat,Sun 00:00-24:00", zone_id=zone)
    world.tick(local(2026, 11, 13, 12, 5))
    assert world.summary() == [("exclusion_zone", "returned", False)]
    # Saturday (00:00-24:00 covers the whole day) with the person still inside: the same alarm re-alarms.
    world.tick(local(2026, 11, 14, 23, 59))
    assert world.summary() == [("exclusion_zone", "active", False)]
    assert world.alarms()[0].details["occurrences"] == 2


def test_unreadable_zone_schedule_means_always(world: World) -> None:
    zone = editor_zone(world, "")
    with world.db.begin() as s:
        s.get(ZoneSchedule, zone).schedule = [{"days": [9], "start": "25:00", "end": "06:00"}]
    tracked_person(world, zone)
    two_fixes(world, local(2026, 11, 13, 12, 0), INSIDE)
    assert world.summary() == [("exclusion_zone", "active", False)]


def test_end_of_day_2400_as_the_editor_writes_it() -> None:
    tz = ZoneInfo("Asia/Almaty")
    weekend = parse("Sat,Sun 00:00-24:00")
    validate_schedule(weekend)
    sat_late = datetime(2026, 11, 21, 23, 59, 59, tzinfo=tz).astimezone(UTC)
    sat_midnight = datetime(2026, 11, 21, 0, 0, tzinfo=tz).astimezone(UTC)
    fri_late = datetime(2026, 11, 20, 23, 59, 59, tzinfo=tz).astimezone(UTC)
    mon_midnight = datetime(2026, 11, 23, 0, 0, tzinfo=tz).astimezone(UTC)
    assert schedule_active(weekend, sat_late, tz) and schedule_active(weekend, sat_midnight, tz)
    assert not schedule_active(weekend, fri_late, tz)
    assert not schedule_active(weekend, mon_midnight, tz)
    evening = [{"days": [4], "start": "22:00", "end": "24:00"}]
    assert schedule_active(evening, datetime(2026, 11, 20, 23, 30, tzinfo=tz), tz)
    assert not schedule_active(evening, datetime(2026, 11, 21, 0, 30, tzinfo=tz), tz)
