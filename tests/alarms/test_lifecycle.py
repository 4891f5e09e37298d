"""ISA-18.2 lifecycle through the real manager: ack, actions, shelve, escalate, close, journal."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import text

from arm import messages
from arm.alarms.journal import JournalError, Report, correct_entry
from arm.alarms.manager import AlarmError
from arm.alarms.scenario import World, later, local
from arm.events import utcnow
from db.integrity import verify_all
from db.models import Resolution

HOME = (43.2567, 76.9286)
T0 = local(2026, 11, 20, 12, 0)


def tamper(world: World, state: str = "OPEN", minutes: int = 0) -> int:
    world.feed(world.ev("BRC-1", later(T0, minutes=minutes), "TAMPER", part="STRAP", state=state))
    return world.alarms()[-1].id


@pytest.fixture
def person(world: World) -> int:
    pid = world.seed.person("Ахметов", "Ержан", home=HOME)
    world.seed.kit(pid, "1", ("BRC", "SKU", "TRK"))
    world.reload()
    return pid


def test_acknowledge_records_action_audit_and_bus_message(world: World, person: int) -> None:
    alarm_id = tamper(world)
    assert world.manager.unacknowledged_count() == 1
    view = world.manager.acknowledge(alarm_id, world.op1, "seen on screen")
    assert view.acknowledged and view.acknowledged_by == "op1" and view.state == "active"
    assert world.manager.unacknowledged_count() == 0
    assert world.actions(alarm_id)[-1] == ("op1", "acknowledged", "seen on screen")
    assert ("op1", "alarm_acknowledged", str(alarm_id)) in world.audit()
    assert [c.change for c in world.changes] == ["raised", "acknowledged"]
    with pytest.raises(AlarmError) as err:
        world.manager.acknowledge(alarm_id, world.op1)
    assert err.value.code == "already_acknowledged"


def test_reactivation_makes_an_acknowledged_returned_alarm_unacknowledged(world: World, person: int) -> None:
    alarm_id = tamper(world)
    world.manager.acknowledge(alarm_id, world.op1)
    tamper(world, "RESTORED", 1)
    assert world.summary() == [("tamper_strap", "returned", True)]
    tamper(world, "OPEN", 2)
    assert world.summary() == [("tamper_strap", "active", False)]
    assert world.alarms()[0].details["occurrences"] == 2


def test_actions_taken_are_recorded(world: World, person: int) -> None:
    alarm_id = tamper(world)
    for action, note in [("called_person", "no answer"), ("informed_officer", "Capt. Serikova"),
                         ("patrol_sent", "crew 12"), ("note", "strap found cut")]:
        world.manager.add_action(alarm_id, world.op1, action, note)
    assert [a for _, a, _ in world.actions(alarm_id)] == [
        "raised", "called_person", "informed_officer", "patrol_sent", "note"]
    assert world.manager.view(alarm_id).notes == 4
    with pytest.raises(AlarmError):
        world.manager.add_action(alarm_id, world.op1, "drank_tea")
    with pytest.raises(AlarmError):
        world.manager.add_note(alarm_id, world.op1, "   ")


def test_tamper_cannot_be_closed_without_a_note_even_when_restored(world: World, person: int) -> None:
    alarm_id = tamper(world)
    tamper(world, "RESTORED", 1)
    with pytest.raises(AlarmError) as err:
        world.manager.close(alarm_id, world.op1, Resolution.FALSE_ALARM)
    assert err.value.code == "note_required"
    assert world.summary() == [("tamper_strap", "returned", False)]
    view = world.manager.close(alarm_id, world.op1, Resolution.FALSE_ALARM, "strap re-seated by technician")
    assert view.state == "closed" and view.resolution == "false_alarm"
    assert world.manager.view(alarm_id) is None  # no longer in the open cache
    assert world.journal() == []  # only confirmed violations go to the journal
    (incident,) = world.incidents()
    assert incident.closed_at is not None


def test_closing_a_confirmed_violation_writes_the_journal_entry(world: World, person: int) -> None:
    alarm_id = tamper(world)
    world.manager.add_action(alarm_id, world.op1, "called_person", "no answer")
    world.manager.add_action(alarm_id, world.op1, "patrol_sent", "crew 12")
    reported = utcnow()
    world.manager.close(alarm_id, world.op1, "confirmed_violation", "bracelet cut, person absent",
                        Report(reported_to="Maj. Dzhaksybekov, chief of public security", reported_at=reported))
    (entry,) = world.journal()
    assert entry.person_id == person and entry.alarm_id == alarm_id
    # codes with parameters, rendered in the reader's language; what the operator typed stays verbatim
    assert messages.parse(entry.violation) == ("kind.tamper_strap", {})
    assert messages.render(entry.violation, "ru") == "Размыкание ремешка браслета"
    assert messages.parse(entry.detected_by) == ("detected.device", {"type": "BRC", "serial": "BRC-1"})
    assert messages.render(entry.detected_by, "kk") == "электрондық бақылау құралы: білезік BRC-1"
    assert entry.detected_at == T0
    assert messages.render(entry.measures, "ru") == (
        "Звонок подучётному лицу: no answer; Направлен наряд полиции: crew 12; bracelet cut, person absent")
    assert messages.render(entry.measures, "en") == (
        "Called the person: no answer; Patrol sent: crew 12; bracelet cut, person absent")
    assert entry.reported_to == "Maj. Dzhaksybekov, chief of public security" and entry.reported_at == reported
    assert entry.operator == "op1" and entry.row_hash and entry.corrects_id is None
    with world.db.session() as s:
        assert verify_all(s) == []


def test_journal_entries_are_never_edited_only_corrected(world: World, person: int) -> None:
    alarm_id = tamper(world)
    world.manager.close(alarm_id, world.op1, Resolution.CONFIRMED, "cut", Report(reported_to="duty_unit"))
    (entry,) = world.journal()
    assert messages.render(entry.reported_to, "ru") == "Дежурная часть полиции"  # a list choice is a code
    with pytest.raises(Exception, match="append-only"), world.db.begin() as s:
        s.execute(text("UPDATE violation_journal SET measures = 'x' WHERE id = :i"), {"i": entry.id})
    with world.db.begin() as s:
        correction = correct_entry(s, entry.id, "sup1", reason="wrong officer named",
                                   reported_to="Lt. Col. Abenov")
        correction_id = correction.id
    old, new = world.journal()
    assert old.measures == entry.measures and old.row_hash == entry.row_hash
    assert messages.render(new.measures, "ru") == "cut\n[исправление: wrong officer named]"
    assert messages.render(new.measures, "kk") == "cut\n[түзету: wrong officer named]"
    assert new.id == correction_id and new.corrects_id == old.id and new.reported_to == "Lt. Col. Abenov"
    with world.db.begin() as s, pytest.raises(JournalError):
        correct_entry(s, entry.id, "sup1", reason=" ")
    with world.db.session() as s:
        assert verify_all(s) == []


def test_closed_condition_that_comes_back_raises_a_new_alarm(world: World, person: int) -> None:
    alarm_id = tamper(world)
    tamper(world, "RESTORED", 1)
    world.manager.close(alarm_id, world.op1, Resolution.TECHNICAL, "loose clasp")
    tamper(world, "OPEN", 5)
    assert world.summary() == [("tamper_strap", "closed", True), ("tamper_strap", "active", False)]
    assert len(world.incidents()) == 2


def test_shelve_needs_reason_and_limit_and_ends_by_itself(world: World, person: int) -> None:
    world.feed(world.ev("SKU-1", T0, "POWER", state="MAINS_LOST"))
    alarm_id = world.alarms()[0].id
    with pytest.raises(AlarmError) as err:
        world.manager.shelve(alarm_id, world.op1, timedelta(minutes=30), "")
    assert err.value.code == "reason_required"
    with pytest.raises(AlarmError) as err:
        world.manager.shelve(alarm_id, world.op1, timedelta(hours=9), "power cut in the district")
    assert err.value.code == "shelve_too_long"
    view = world.manager.shelve(alarm_id, world.op1, timedelta(minutes=30), "power cut in the district")
    assert view.state == "shelved" and view.shelve_reason == "power cut in the district"
    assert world.manager.unacknowledged_count() == 0  # shelved alarms do not call for attention
    world.manager.tick(utcnow() + timedelta(minutes=29))
    assert world.summary() == [("mains_lost", "shelved", False)]
    world.manager.tick(utcnow() + timedelta(minutes=31))
    assert world.summary() == [("mains_lost", "active", False)]
    assert world.actions(alarm_id)[-1] == ("system", "unshelved", "shelving time ended")


def test_condition_returning_while_shelved_unshelves_as_returned(world: World, person: int) -> None:
    world.feed(world.ev("SKU-1", T0, "POWER", state="MAINS_LOST"))
    alarm_id = world.alarms()[0].id
    world.manager.shelve(alarm_id, world.op1, timedelta(minutes=30), "district outage")
    world.feed(world.ev("SKU-1", later(T0, minutes=10), "POWER", state="MAINS_RESTORED"))
    assert world.summary() == [("mains_lost", "shelved", False)]
    world.manager.unshelve(alarm_id, world.op1)
    assert world.summary() == [("mains_lost", "returned", False)]


def test_tamper_alarms_cannot_be_shelved(world: World, person: int) -> None:
    alarm_id = tamper(world)
    with pytest.raises(AlarmError) as err:
        world.manager.shelve(alarm_id, world.op1, timedelta(minutes=5), "annoying")
    assert err.value.code == "not_shelvable"


def test_unacknowledged_critical_alarms_escalate_once(world: World, person: int) -> None:
    alarm_id = tamper(world)  # critical
    world.feed(world.ev("SKU-1", T0, "POWER", state="MAINS_LOST"))  # medium: never escalates
    raised = utcnow()  # escalation counts on the desk clock, not the (possibly late) event time
    world.manager.tick(later(raised, seconds=100))
    assert all(a.escalated_at is None for a in world.alarms())
    world.manager.tick(later(raised, seconds=122))
    escalated = [a.id for a in world.alarms() if a.escalated_at is not None]
    assert escalated == [alarm_id]
    assert world.changes[-1].change == "escalated" and world.changes[-1].alarm_id == alarm_id
    world.manager.tick(later(raised, seconds=300))
    assert [c.change for c in world.changes].count("escalated") == 1
    # a re-alarm (restored, then opened again) is a new activation: its own two minutes
    tamper(world, "RESTORED", 1)
    tamper(world, "OPEN", 2)
    reopened = utcnow()
    world.manager.tick(later(reopened, seconds=60))
    assert world.alarms()[0].escalated_at is None
    world.manager.tick(later(reopened, seconds=125))
    assert world.alarms()[0].escalated_at is not None
    assert ("system", "alarm_escalated", str(alarm_id)) in world.audit()


def test_acknowledged_critical_alarm_does_not_escalate(world: World, person: int) -> None:
    alarm_id = tamper(world)
    world.manager.acknowledge(alarm_id, world.op1)
    world.manager.tick(utcnow() + timedelta(minutes=10))
    assert world.alarms()[0].escalated_at is None


def test_priorities_are_configurable(db, bus, ingest) -> None:
    world = World(db, bus, ingest, {"alarm_priority_mains_lost": "critical", "escalate_after": 10})
    try:
        pid = world.seed.person(home=HOME)
        world.seed.kit(pid, "1", ("SKU",))
        world.reload()
        world.feed(world.ev("SKU-1", T0, "POWER", state="MAINS_LOST"))
        assert world.alarms()[0].priority == "critical"
        world.manager.tick(utcnow() + timedelta(seconds=11))
        assert world.alarms()[0].escalated_at is not None
    finally:
        world.close()


def test_open_views_order_most_severe_oldest_unacknowledged_first(world: World, person: int) -> None:
    world.feed(world.ev("TRK-1", T0, "STAT", battery=5, charging=False, rssi=None, temperature=None))  # low
    world.feed(world.ev("SKU-1", later(T0, minutes=1), "POWER", state="MAINS_LOST"))  # medium
    world.feed(world.ev("BRC-1", later(T0, minutes=2), "TAMPER", part="STRAP", state="OPEN"))  # critical
    world.feed(world.ev("SKU-1", later(T0, minutes=3), "TAMPER", part="CASE", state="OPEN"))  # critical, newer
    ids = {a.kind: a.id for a in world.alarms()}
    world.manager.acknowledge(ids["tamper_strap"], world.op1)
    order = [v.kind for v in world.manager.open_views()]
    assert order == ["tamper_case", "mains_lost", "low_battery", "tamper_strap"]


def test_detail_pane_data_and_its_view_is_audited(world: World, person: int) -> None:
    world.feed(world.fix("TRK-1", later(T0, minutes=-5), *HOME))
    alarm_id = tamper(world)
    detail = world.manager.detail(alarm_id, world.op1)
    assert detail.person["name"] == "Ахметов Ержан" and detail.person["district"] == "Алмалинский"
    assert {d["serial"] for d in detail.devices} == {"BRC-1", "SKU-1", "TRK-1"}
    assert [(e.serial, e.kind) for e in detail.events] == [("BRC-1", "TAMPER"), ("TRK-1", "POS")]
    assert detail.last_position is not None and abs(detail.last_position[0] - HOME[0]) < 1e-9
    assert [a.action for a in detail.actions] == ["raised"]
    assert ("op1", "view_person", str(person)) in world.audit("view_person")


def test_handover_report_lists_incidents_shelved_and_not_monitored(world: World, person: int) -> None:
    lonely = world.seed.person("Жумабаев", "Арман", home=HOME)
    world.reload()
    world.feed(world.ev("SKU-1", T0, "POWER", state="MAINS_LOST"))
    world.feed(world.ev("BRC-1", T0, "HB"), world.ev("TRK-1", T0, "HB"))
    world.tick(later(T0, minutes=1))
    mains = next(a.id for a in world.alarms() if a.kind == "mains_lost")
    world.manager.shelve(mains, world.op1, timedelta(hours=1), "district outage")
    report = world.manager.handover(world.op1)
    assert [(i.person_id, i.cause) for i in report.incidents] == [(person, "mains_lost"), (lonely, "not_monitored")]
    assert [a.id for a in report.shelved] == [mains]
    assert [(p.person_id, p.reason) for p in report.not_monitored] == [(lonely, "no_device")]
    text_report = report.as_text(world.runtime.engine.config.tz)
    assert "district outage" in text_report and "Жумабаев Арман" in text_report
    assert ("op1", "handover_report", "") in world.audit("handover")


def test_restart_does_not_raise_twice(db, bus, ingest) -> None:
    world = World(db, bus, ingest)
    pid = world.seed.person(home=HOME)
    world.seed.kit(pid, "1", ("BRC",))
    world.reload()
    world.feed(world.ev("BRC-1", T0, "TAMPER", part="STRAP", state="OPEN"))
    world.close()
    again = World(db, bus, ingest)
    try:
        again._seq["BRC-1"] = 1
        again.feed(again.ev("BRC-1", later(T0, minutes=1), "TAMPER", part="STRAP", state="RESTORED"))
        assert again.summary() == [("tamper_strap", "returned", False)]
    finally:
        again.close()


def test_restart_rebuilds_state_from_recent_events(db, bus, ingest) -> None:
    """Out before the restart, curfew begins after it: the alarm still comes, and nothing is raised twice."""
    from arm.alarms.scenario import ALMATY

    now = utcnow()
    start = (now + timedelta(minutes=2)).astimezone(ALMATY)
    end = (now + timedelta(hours=2)).astimezone(ALMATY)
    world = World(db, bus, ingest)
    pid = world.seed.person(home=HOME)
    world.seed.kit(pid, "1", ("BRC", "SKU"))
    world.seed.restriction(pid, "curfew", schedule=[{"start": start.strftime("%H:%M"), "end": end.strftime("%H:%M")}])
    world.reload()
    world.feed(world.ev("SKU-1", now - timedelta(minutes=30), "PRESENCE", bracelet="BRC-1", state="OUT", rssi=None),
               world.ev("BRC-1", now - timedelta(minutes=20), "TAMPER", part="STRAP", state="OPEN"))
    assert world.summary() == [("tamper_strap", "active", False)]
    world.close()
    again = World(db, bus, ingest)
    try:
        again.tick(now + timedelta(minutes=3))
        assert again.summary() == [("tamper_strap", "active", False), ("curfew", "active", False)]
    finally:
        again.close()


def test_changes_survive_a_locked_database(db_url, bus, ingest) -> None:
    """The engine has moved on; if the alarm write fails it is retried, not lost."""
    import sqlite3

    from db.session import Database

    impatient = Database(db_url, busy_timeout_ms=100)
    world = World(impatient, bus, ingest)
    try:
        pid = world.seed.person(home=HOME)
        world.seed.kit(pid, "1", ("BRC",))
        world.reload()
        world.runtime._unsubscribe()  # evaluate by hand, while another program holds the write lock
        stored = ingest.store_sync([world.ev("BRC-1", T0, "TAMPER", part="STRAP", state="OPEN")]).stored
        blocker = sqlite3.connect(db_url.removeprefix("sqlite:///"), isolation_level=None)
        blocker.execute("BEGIN IMMEDIATE")
        world.manager.submit(world.runtime.process, stored).result(10)
        assert world.runtime.failures == 1
        blocker.execute("ROLLBACK")
        blocker.close()
        assert world.summary() == []
        world.tick(later(T0, seconds=1))
        assert world.summary() == [("tamper_strap", "active", False)]
    finally:
        world.close()
        impatient.dispose()
