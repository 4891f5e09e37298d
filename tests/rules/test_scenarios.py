"""Scenarios: event sequences through the real ingest core, and exactly what results.

Each test states the complete list of alarms (kind, state, acknowledged) it
expects, so a spurious extra alarm fails as surely as a missing one. Times
are Almaty wall-clock (UTC+5); 2026-11-20 is a Friday.
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from arm.alarms.scenario import World, later, local
from arm.rules.seed import circle, offset

HOME = (43.2567, 76.9286)
CURFEW = [{"days": [0, 1, 2, 3, 4, 5, 6], "start": "22:00", "end": "06:00"}]
CITY_CENTRE = (43.24, 76.92)


def supervised(world: World, types: tuple[str, ...] = ("BRC", "SKU", "MKU"), prefix: str = "1", **kw) -> int:
    pid = world.seed.person(home=HOME, **kw)
    world.seed.kit(pid, prefix, types)
    return pid


# ---------------------------------------------------------------- curfew
def test_bracelet_absent_outside_curfew_hours_is_quiet(world: World) -> None:
    pid = supervised(world)
    world.seed.restriction(pid, "curfew", schedule=CURFEW)
    world.reload()
    world.feed(world.ev("SKU-1", local(2026, 11, 20, 14, 0), "PRESENCE", bracelet="BRC-1", state="OUT", rssi=None))
    world.tick(local(2026, 11, 20, 21, 59))
    assert world.summary() == []


def test_already_out_when_curfew_begins_raises_at_that_moment(world: World) -> None:
    pid = supervised(world)
    world.seed.restriction(pid, "curfew", schedule=CURFEW)
    world.reload()
    world.feed(world.ev("SKU-1", local(2026, 11, 20, 14, 0), "PRESENCE", bracelet="BRC-1", state="OUT", rssi=None))
    world.tick(local(2026, 11, 20, 22, 0, 5))
    assert world.summary() == [("curfew", "active", False)]
    assert world.alarms()[0].priority == "high"
    world.feed(world.ev("SKU-1", local(2026, 11, 20, 22, 40), "PRESENCE", bracelet="BRC-1", state="IN", rssi=-60))
    assert world.summary() == [("curfew", "returned", False)]


def test_curfew_window_crossing_midnight_and_ending(world: World) -> None:
    pid = supervised(world)
    world.seed.restriction(pid, "curfew", schedule=[{"days": [4], "start": "23:00", "end": "05:00"}])  # Friday
    world.reload()
    # Saturday 02:00 belongs to Friday's window: the absence is a violation.
    world.feed(world.ev("SKU-1", local(2026, 11, 21, 2, 0), "PRESENCE", bracelet="BRC-1", state="OUT", rssi=None))
    assert world.summary() == [("curfew", "active", False)]
    # At 05:00 the window ends: the condition returns to normal although the person is still out.
    world.tick(local(2026, 11, 21, 5, 0, 1))
    assert world.summary() == [("curfew", "returned", False)]
    # Saturday 23:30 is not in any window (only Friday is scheduled).
    world.tick(local(2026, 11, 21, 23, 30))
    assert world.summary() == [("curfew", "returned", False)]


def test_curfew_from_gnss_outside_home_buffer_needs_two_fixes(world: World) -> None:
    pid = supervised(world, types=("TRK",))
    world.seed.restriction(pid, "curfew", schedule=CURFEW)
    world.reload()
    far = offset(*HOME, north_m=400)
    t = local(2026, 11, 20, 23, 0)
    world.feed(world.fix("TRK-1", t, *far))
    assert world.summary() == []  # one stray fix decides nothing
    world.feed(world.fix("TRK-1", later(t, minutes=1), *HOME))
    world.feed(world.fix("TRK-1", later(t, minutes=2), *far))
    assert world.summary() == []  # in, out alternating: never two in a row
    world.feed(world.fix("TRK-1", later(t, minutes=3), *far))
    assert world.summary() == [("curfew", "active", False)]


def test_fix_inside_accuracy_band_of_home_is_uncertain(world: World) -> None:
    pid = supervised(world, types=("TRK",))
    world.seed.restriction(pid, "curfew", schedule=CURFEW)
    world.reload()
    edge = offset(*HOME, north_m=60)  # 10 m past the 50 m buffer, hdop 4 -> 20 m accuracy
    t = local(2026, 11, 20, 23, 0)
    world.feed(*[world.fix("TRK-1", later(t, minutes=i), *edge, hdop=4.0) for i in range(5)])
    assert world.summary() == []


# ---------------------------------------------------------------- zones
def test_gnss_jitter_at_exclusion_zone_edge_is_quiet(world: World) -> None:
    pid = supervised(world, types=("TRK",))
    centre = offset(*HOME, north_m=2000)
    zone = world.seed.zone("School No. 12", "exclusion", circle(*centre, 200), buffer_m=50)
    world.seed.restriction(pid, "exclusion_zone", zone_id=zone)
    world.reload()
    t = local(2026, 11, 20, 12, 0)
    # 250 m effective radius; fixes 240..262 m from the centre with hdop 1.6 (8 m): inside, uncertain, outside...
    jitter = [offset(*centre, north_m=d) for d in (262, 240, 262, 249, 255, 240, 262, 251)]
    world.feed(*[world.fix("TRK-1", later(t, seconds=30 * i), *p, hdop=1.6) for i, p in enumerate(jitter)])
    assert world.summary() == []
    inside = offset(*centre, north_m=50)
    world.feed(world.fix("TRK-1", later(t, minutes=10), *inside), world.fix("TRK-1", later(t, minutes=11), *inside))
    alarms = world.alarms()
    assert world.summary() == [("exclusion_zone", "active", False)]
    assert alarms[0].priority == "critical"
    assert alarms[0].details["zone_id"] == zone
    assert abs(alarms[0].details["lat"] - inside[0]) < 1e-9


def test_poor_fixes_never_decide(world: World) -> None:
    pid = supervised(world, types=("TRK",))
    centre = offset(*HOME, north_m=2000)
    zone = world.seed.zone("Victim's home", "exclusion", circle(*centre, 200))
    world.seed.restriction(pid, "exclusion_zone", zone_id=zone)
    world.reload()
    t = local(2026, 11, 20, 12, 0)
    world.feed(
        world.fix("TRK-1", t, *centre, sats=3),  # too few satellites
        world.fix("TRK-1", later(t, minutes=1), *centre, hdop=15.0),  # too imprecise
        world.fix("TRK-1", later(t, minutes=2), *centre, fix=3, sats=None, hdop=None),  # cell: ~1.5 km
        world.fix("TRK-1", later(t, minutes=3), *centre, sats=2),
    )
    assert world.summary() == []


def test_repeated_exits_at_zone_edge_make_one_alarm_and_one_incident(world: World) -> None:
    pid = supervised(world, types=("TRK",))
    city = world.seed.zone("Almaty city", "inclusion", circle(*CITY_CENTRE, 5000), buffer_m=100)
    world.seed.restriction(pid, "inclusion_zone", zone_id=city)
    world.reload()
    inside = offset(*CITY_CENTRE, north_m=4800)
    outside = offset(*CITY_CENTRE, north_m=5300)
    t = local(2026, 11, 20, 12, 0)
    for i, p in enumerate([inside, inside, outside, outside, inside, inside, outside, outside, inside, inside]):
        world.feed(world.fix("TRK-1", later(t, minutes=i), *p))
    assert world.summary() == [("inclusion_zone", "returned", False)]
    alarm = world.alarms()[0]
    assert alarm.details["occurrences"] == 2
    (incident,) = world.incidents()
    assert incident.explanation.startswith("Repeated exits at the edge of a zone")
    assert [a for _, a, _ in world.actions(alarm.id)] == ["raised", "returned", "reactivated", "returned"]


def test_permitted_trip_is_quiet_until_the_permission_ends(world: World) -> None:
    pid = supervised(world, types=("TRK",))
    city = world.seed.zone("Almaty city", "inclusion", circle(*CITY_CENTRE, 5000))
    world.seed.restriction(pid, "inclusion_zone", zone_id=city)
    world.seed.restriction(pid, "travel_permission", zone_id=city, valid_from=local(2026, 11, 20, 8, 0),
                           valid_until=local(2026, 11, 20, 20, 0), note="visit to the court in Talgar")
    world.reload()
    talgar = (43.30, 77.24)
    t = local(2026, 11, 20, 10, 0)
    world.feed(*[world.fix("TRK-1", later(t, minutes=i), *talgar) for i in range(4)])
    world.tick(local(2026, 11, 20, 19, 59))
    assert world.summary() == []
    world.tick(local(2026, 11, 20, 20, 0, 10))  # still out of town when the permission ends
    assert world.summary() == [("inclusion_zone", "active", False)]


def test_zone_with_its_own_schedule_and_validity(world: World) -> None:
    pid = supervised(world, types=("TRK",))
    centre = offset(*HOME, east_m=3000)
    bar = world.seed.zone("Bar district", "exclusion", circle(*centre, 300))
    world.seed.restriction(pid, "exclusion_zone", zone_id=bar, schedule=[{"start": "18:00", "end": "23:00"}],
                           valid_until=local(2026, 11, 21, 22, 0))
    world.reload()
    t = local(2026, 11, 20, 17, 0)
    world.feed(world.fix("TRK-1", t, *centre), world.fix("TRK-1", later(t, minutes=1), *centre))
    assert world.summary() == []  # inside, but the zone applies from 18:00
    world.tick(local(2026, 11, 20, 18, 0, 3))
    assert world.summary() == [("exclusion_zone", "active", False)]
    world.tick(local(2026, 11, 20, 23, 0, 3))  # the window ends
    assert world.summary() == [("exclusion_zone", "returned", False)]
    world.tick(local(2026, 11, 21, 18, 0, 3))  # next evening, still there: the same alarm re-alarms
    assert world.summary() == [("exclusion_zone", "active", False)]
    world.tick(local(2026, 11, 21, 22, 0, 1))  # the restriction's validity ends inside the window
    assert world.summary() == [("exclusion_zone", "returned", False)]


# ---------------------------------------------------------------- devices
def test_strap_tamper_and_restoration(world: World) -> None:
    supervised(world)
    world.reload()
    t = local(2026, 11, 20, 12, 0)
    world.feed(world.ev("BRC-1", t, "TAMPER", part="STRAP", state="OPEN"))
    assert world.summary() == [("tamper_strap", "active", False)]
    world.feed(world.ev("BRC-1", later(t, minutes=2), "TAMPER", part="STRAP", state="RESTORED"))
    assert world.summary() == [("tamper_strap", "returned", False)]
    # A late replay of the old OPEN (device reconnected) does not re-alarm.
    world.feed(world.ev("BRC-1", later(t, seconds=30), "TAMPER", part="STRAP", state="OPEN"))
    assert world.summary() == [("tamper_strap", "returned", False)]
    assert world.alarms()[0].priority == "critical"


def test_new_kind_raises_its_own_alarm_in_the_same_incident(world: World) -> None:
    supervised(world)
    world.reload()
    t = local(2026, 11, 20, 12, 0)
    world.feed(world.ev("BRC-1", t, "TAMPER", part="STRAP", state="OPEN"))
    world.feed(world.ev("SKU-1", later(t, seconds=5), "TAMPER", part="CASE", state="OPEN"))
    assert world.summary() == [("tamper_strap", "active", False), ("tamper_case", "active", False)]
    (incident,) = world.incidents()
    assert incident.cause == "tamper"
    assert {a.incident_id for a in world.alarms()} == {incident.id}


def test_home_unit_moved_and_off_mains(world: World) -> None:
    supervised(world)
    world.reload()
    t = local(2026, 11, 20, 12, 0)
    world.feed(world.ev("SKU-1", t, "MOVED"), world.ev("SKU-1", later(t, seconds=1), "POWER", state="MAINS_LOST"))
    assert world.summary() == [("unit_moved", "returned", False), ("mains_lost", "active", False)]
    world.feed(world.ev("SKU-1", later(t, minutes=5), "POWER", state="MAINS_RESTORED"))
    assert world.summary() == [("unit_moved", "returned", False), ("mains_lost", "returned", False)]


def test_device_discharged_is_one_incident_of_three_alarms(world: World) -> None:
    pid = supervised(world, types=("TRK",))
    world.reload()
    t = local(2026, 11, 20, 12, 0)
    world.feed(world.ev("TRK-1", t, "STAT", battery=30, charging=False, rssi=-70, temperature=None))
    world.feed(world.ev("TRK-1", later(t, minutes=5), "STAT", battery=14, charging=False, rssi=-70,
                        temperature=None))
    world.feed(world.ev("TRK-1", later(t, minutes=6), "GNSS", state="LOST"))
    assert world.summary() == [("low_battery", "active", False), ("gnss_lost", "active", False)]
    # The device then falls silent: received times are real, so look 15 minutes past now.
    from arm.events import utcnow

    world.tick(utcnow() + timedelta(minutes=15))
    assert world.summary() == [("low_battery", "active", False), ("gnss_lost", "active", False),
                               ("no_communication", "active", False)]
    (incident,) = world.incidents()
    assert incident.person_id == pid
    assert incident.cause == "device_discharged"
    assert incident.explanation == "Battery falling, then silence, then no fix: device discharged"


def test_low_battery_has_hysteresis(world: World) -> None:
    supervised(world, types=("TRK",))
    world.reload()
    t = local(2026, 11, 20, 12, 0)
    levels = [15, 17, 14, 20, 24]  # below 25 (15 + 10) the alarm does not return
    world.feed(*[world.ev("TRK-1", later(t, minutes=i), "STAT", battery=b, charging=False, rssi=None,
                          temperature=None) for i, b in enumerate(levels)])
    assert world.summary() == [("low_battery", "active", False)]
    world.feed(world.ev("TRK-1", later(t, minutes=9), "STAT", battery=26, charging=False, rssi=None,
                        temperature=None))
    assert world.summary() == [("low_battery", "returned", False)]


def test_gnss_jamming_fault_and_shutdown(world: World) -> None:
    supervised(world, types=("MKU",))
    world.reload()
    t = local(2026, 11, 20, 12, 0)
    world.feed(world.ev("MKU-1", t, "GNSS", state="JAMMING"),
               world.ev("MKU-1", later(t, seconds=1), "FAULT", code="E17", text="flash write error"),
               world.ev("MKU-1", later(t, seconds=2), "POWER", state="SHUTDOWN"))
    assert world.summary() == [("gnss_jamming", "active", False), ("device_fault", "returned", False),
                               ("device_shutdown", "returned", False)]
    world.feed(world.ev("MKU-1", later(t, minutes=1), "GNSS", state="RESTORED"))
    assert world.summary()[0] == ("gnss_jamming", "returned", False)


def test_breath_alcohol_results_and_face_match(world: World) -> None:
    supervised(world, types=("BAC",))
    world.reload()
    t = local(2026, 11, 20, 9, 0)
    world.feed(
        world.ev("BAC-1", t, "BAC", test_id="T1", mg_l=0.02, face_match=97, result="PASS"),
        world.ev("BAC-1", later(t, hours=1), "BAC", test_id="T2", mg_l=0.31, face_match=95, result="FAIL"),
        world.ev("BAC-1", later(t, hours=2), "BAC", test_id="T3", mg_l=None, face_match=None, result="REFUSED"),
        world.ev("BAC-1", later(t, hours=3), "BAC", test_id="T4", mg_l=None, face_match=None, result="NO_SHOW"),
        world.ev("BAC-1", later(t, hours=4), "BAC", test_id="T5", mg_l=0.0, face_match=41, result="PASS"),
    )
    assert world.summary() == [("alcohol_positive", "returned", False), ("alcohol_refused", "returned", False),
                               ("alcohol_missed", "returned", False), ("face_mismatch", "returned", False)]
    assert world.alarms()[0].details["mg_l"] == 0.31
    assert len(world.incidents()) == 1


def test_not_monitored_is_a_standing_state_until_fixed(world: World) -> None:
    nobody = world.seed.person("Петров", "Пётр", home=HOME)
    silent = world.seed.person("Сидоров", "Сидор", home=HOME)
    world.seed.kit(silent, "9", ("TRK",))
    world.reload()
    now = local(2026, 11, 20, 12, 0)
    world.tick(now)
    alarms = world.alarms()
    assert world.summary() == [("not_monitored", "active", False), ("not_monitored", "active", False)]
    assert {(a.person_id, a.details["reason"]) for a in alarms} == {(nobody, "no_device"), (silent, "never_reported")}
    world.tick(later(now, minutes=1))
    assert len(world.alarms()) == 2  # standing, not repeated
    from arm.alarms.manager import AlarmError

    with pytest.raises(AlarmError) as err:  # a standing state cannot be closed away
        world.manager.close(alarms[1].id, world.op1, "technical_fault", "will call the technician")
    assert err.value.code == "still_active"
    world.feed(world.ev("TRK-9", now, "HB"))
    world.tick(later(now, minutes=2))
    assert world.summary() == [("not_monitored", "active", False), ("not_monitored", "returned", False)]
    world.manager.close(alarms[1].id, world.op1, "technical_fault", "device reported")


def test_events_of_unassigned_devices_and_unsupervised_persons_raise_nothing(world: World) -> None:
    world.seed.device("BRC-77", "BRC")
    later_person = world.seed.person(home=HOME, since=local(2027, 1, 1, 12).date())
    world.seed.kit(later_person, "5", ("BRC",))
    world.reload()
    t = local(2026, 11, 20, 12, 0)
    world.feed(world.ev("BRC-77", t, "TAMPER", part="STRAP", state="OPEN"),
               world.ev("BRC-5", t, "TAMPER", part="STRAP", state="OPEN"),
               world.ev("BRC-404", t, "TAMPER", part="STRAP", state="OPEN"))  # unknown serial: unregistered
    world.tick(t)
    assert world.summary() == []


def test_sos_from_a_network_tracker(world: World) -> None:
    supervised(world, types=("TRK",))
    world.reload()
    world.feed(world.ev("TRK-1", local(2026, 11, 20, 12, 0), "ALARM", alarm="sos"))
    assert world.summary() == [("sos", "returned", False)]
    assert world.alarms()[0].priority == "critical"


def test_presence_from_the_mobile_unit_is_not_home_presence(world: World) -> None:
    pid = supervised(world)
    world.seed.restriction(pid, "curfew", schedule=CURFEW)
    world.reload()
    t = local(2026, 11, 20, 23, 0)
    world.feed(world.ev("SKU-1", t, "PRESENCE", bracelet="BRC-1", state="IN", rssi=-50),
               world.ev("MKU-1", later(t, minutes=1), "PRESENCE", bracelet="BRC-1", state="OUT", rssi=None))
    # at home (the home unit hears the bracelet), but the mobile unit was left behind: not a curfew violation
    assert world.summary() == [("bracelet_away", "active", False)]
    world.feed(world.ev("MKU-1", later(t, minutes=5), "PRESENCE", bracelet="BRC-1", state="IN", rssi=-40))
    assert world.summary() == [("bracelet_away", "returned", False)]
