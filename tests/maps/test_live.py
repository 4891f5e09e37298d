"""Markers appear, move and change state in a real QWebEngineView, fed by the real ingest."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from arm.events import AlarmChanged, DeviceEvent
from db.models import AuditEntry
from tests.maps.conftest import js, seed_persons

pytestmark = pytest.mark.gui


def test_markers_appear_and_move_through_ingest(db, bus, ingest, make_ctx, open_map, qtbot) -> None:
    ids = seed_persons(db, [(43.238, 76.945), (43.250, 76.910)])
    view = open_map(make_ctx(db))
    qtbot.waitUntil(lambda: js(qtbot, view, "ARM.live.count()") == 2, timeout=10_000)
    first = js(qtbot, view, f"ARM.live.get({ids[0]})")
    assert first["label"] == "Testov0 I. P."
    assert first["lat"] == pytest.approx(43.238)

    now = datetime.now(UTC)
    ingest.submit([DeviceEvent("TRK000000", 2, now, "POS",
                               {"lat": 43.2401, "lon": 76.9502, "fix": 1, "sats": 8, "hdop": 1.0, "speed_kmh": 4.0,
                                "course": 90.0}, source="serial", device_type="TRK")]).result(10)
    qtbot.waitUntil(lambda: js(qtbot, view, f"ARM.live.get({ids[0]}).lat") == pytest.approx(43.2401), timeout=10_000)
    moved = js(qtbot, view, f"ARM.live.get({ids[0]})")
    assert moved["lon"] == pytest.approx(76.9502)
    assert moved["state"] == "normal"
    assert abs(moved["t"] - now.timestamp() * 1000) < 1000
    # the other person did not move
    assert js(qtbot, view, f"ARM.live.get({ids[1]}).lat") == pytest.approx(43.250)


def test_alarm_state_colours_marker_and_its_cluster(db, bus, make_ctx, open_map, qtbot) -> None:
    ids = seed_persons(db, [(43.2380 + i * 0.0004, 76.945) for i in range(30)])
    view = open_map(make_ctx(db))
    qtbot.waitUntil(lambda: js(qtbot, view, "ARM.live.count()") == 30, timeout=10_000)
    view.center_on(43.24, 76.945, 10)
    qtbot.waitUntil(lambda: js(qtbot, view, "ARM.live.rendered().clusters") >= 1, timeout=5_000)
    assert js(qtbot, view, "ARM.live.rendered().singles") == 0

    bus.publish(AlarmChanged(alarm_id=7, person_id=ids[3], device_id=None, kind="strap_tamper", priority="critical",
                             state="active", acknowledged=False, change="raised"))
    qtbot.waitUntil(lambda: js(qtbot, view, f"ARM.live.get({ids[3]}).state") == "alarm", timeout=5_000)
    qtbot.waitUntil(lambda: js(qtbot, view, "ARM.live.rendered().clusteredAlarms") == 1, timeout=5_000)
    assert js(qtbot, view, "ARM.live.rendered().alarmClusters") == 1
    # zoomed in, nobody is clustered
    view.center_on(43.24, 76.945, 16)
    qtbot.waitUntil(lambda: js(qtbot, view, "ARM.live.rendered().clusters") == 0, timeout=5_000)

    bus.publish(AlarmChanged(alarm_id=7, person_id=ids[3], device_id=None, kind="strap_tamper", priority="critical",
                             state="closed", acknowledged=True, change="closed"))
    qtbot.waitUntil(lambda: js(qtbot, view, f"ARM.live.get({ids[3]}).state") == "normal", timeout=5_000)


def test_stale_and_no_communication_are_shown(db, make_ctx, open_map, qtbot) -> None:
    # the fix is stored two hours old (positions are never updated: the last-position table follows inserts)
    fresh, = seed_persons(db, [(51.128, 71.430)], fix_age_s=7200)
    with db.begin() as s:
        from db.models import Device

        dev = s.scalars(select(Device)).one()
        dev.last_contact = datetime.now(UTC) - timedelta(hours=2)
    view = open_map(make_ctx(db))
    qtbot.waitUntil(lambda: js(qtbot, view, "ARM.live.count()") == 1, timeout=10_000)
    p = js(qtbot, view, f"ARM.live.get({fresh})")
    assert p["state"] == "nocomm"
    view.focus_person(fresh)
    qtbot.waitUntil(lambda: js(qtbot, view, "document.querySelector('.arm-selected-label') !== null"), timeout=5_000)
    label = js(qtbot, view, "document.querySelector('.arm-selected-label').textContent")
    assert "2 h ago" in label
    assert js(qtbot, view, "document.querySelector('.arm-selected-label').classList.contains('arm-stale-label')")


def test_focus_shows_home_and_zones_and_is_audited(db, make_ctx, open_map, qtbot) -> None:
    from arm.caseload.zone_shapes import validate
    from db.models import Restriction, RestrictionKind, Zone, ZoneKind

    pid, = seed_persons(db, [(43.238, 76.945)])
    now = datetime.now(UTC)
    with db.begin() as s:
        z = Zone(name="School No. 5", kind=ZoneKind.EXCLUSION, created_at=now, buffer_m=25,
                 geometry=validate({"circle": {"center": [76.95, 43.24], "radius_m": 150}}).geometry)
        s.add(z)
        s.flush()
        s.add(Restriction(person_id=pid, kind=RestrictionKind.EXCLUSION_ZONE, zone_id=z.id,
                          valid_from=now - timedelta(days=1), created_at=now))
    view = open_map(make_ctx(db))
    view.focus_person(pid, follow=True)
    qtbot.waitUntil(lambda: js(qtbot, view, "map_ready_zoom = Object.values(window).find(v => v instanceof L.Map).getZoom()") >= 15, timeout=5_000)
    # home circle + home dot + zone (and its buffer outline)
    qtbot.waitUntil(lambda: js(qtbot, view, """(function(){ let n = 0;
        Object.values(window).find(v => v instanceof L.Map).eachLayer(l => { if (l instanceof L.Circle) n++; });
        return n; })()""") >= 2, timeout=5_000)
    qtbot.waitUntil(lambda: _audit_actions(db) == ["map.person_focus"], timeout=5_000)


def _audit_actions(db) -> list[str]:
    with db.session() as s:
        return [a.action for a in s.scalars(select(AuditEntry).order_by(AuditEntry.id))]


def test_one_marker_per_person_with_several_devices(db) -> None:
    """Demo-like persons carry a bracelet, a home unit and a tracker: one marker each, newest fix."""
    from arm import demo
    from maps.live import LiveModel, load_snapshot

    with db.begin() as s:
        demo.seed(s, persons_per_city=2)
        from db.models import Assignment, DeviceEventRow, Position

        pid = s.scalars(select(Assignment.person_id)).first()
        devs = s.scalars(select(Assignment.device_id).where(Assignment.person_id == pid)).all()
        assert len(devs) >= 3
        now = datetime.now(UTC)
        for k, (dev, age) in enumerate(((devs[0], 60), (devs[-1], 5))):
            ev = DeviceEventRow(device_id=dev, evseq=k + 1, time=now - timedelta(seconds=age), received=now,
                                kind="POS", source="serial", fields={})
            s.add(ev)
            s.flush()
            s.add(Position(device_id=dev, event_id=ev.id, time=now - timedelta(seconds=age), lat=51.1 + k,
                           lon=71.4, fix=1))
    with db.session() as s:
        snap = load_snapshot(s, personal_data=False)
    assert len(snap.persons) == 4
    model = LiveModel()
    model.load(snap)
    live = model.by_person[pid]
    assert live.lat == 51.1 + 1 and live.label == f"#{pid}"
    assert all(model.by_device[d] is live for d in devs)
    rows = model.rows()
    assert [r[0] for r in rows] == [pid]


@pytest.mark.gui
def test_clicking_a_marker_selects_the_person_once(db, make_ctx, open_map, qtbot) -> None:
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtTest import QTest

    ids = seed_persons(db, [(43.238, 76.945), (43.240, 76.955)])
    view = open_map(make_ctx(db))
    view.center_on(43.239, 76.95, 15)
    qtbot.waitUntil(lambda: js(qtbot, view, "ARM.live.rendered().singles") == 2, timeout=5_000)
    x, y = js(qtbot, view, f"ARM.live.screenPoint({ids[1]})")
    clicked: list[int] = []
    view.personClicked.connect(clicked.append)
    view.personClicked.connect(view.focus_person)  # what the main window's echo amounts to
    QTest.mouseClick(view.view.focusProxy(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     QPoint(round(x), round(y)))
    qtbot.waitUntil(lambda: clicked == [ids[1]], timeout=5_000)
    qtbot.waitUntil(lambda: js(qtbot, view, "document.querySelector('.arm-selected-label') !== null"), timeout=5_000)
    assert "Testov1" in js(qtbot, view, "document.querySelector('.arm-selected-label').textContent")
    qtbot.waitUntil(lambda: _audit_actions(db) == ["map.person_focus"], timeout=5_000)
    qtbot.wait(200)
    assert _audit_actions(db) == ["map.person_focus"]  # the echo did not record a second view


def test_fix_arriving_while_the_snapshot_is_read_is_not_lost(db, make_ctx, qtbot) -> None:
    """A fix stored between the snapshot query and its result must still be on the map."""
    from arm.events import EventsStored, StoredEvent
    from maps.live import load_snapshot
    from maps.map_view import MapView

    pid, = seed_persons(db, [(43.238, 76.945)], fix_age_s=60)
    with db.session() as s:
        snapshot = load_snapshot(s, True)  # read "before" the new fix
        device_id = snapshot.persons[0].device_id
    view = MapView(make_ctx(db))
    qtbot.addWidget(view)
    qtbot.waitUntil(lambda: view._loaded, timeout=10_000)
    view._replay = []  # as during reload()
    now = datetime.now(UTC)
    ev = DeviceEvent("TRK000000", 9, now, "POS", {"lat": 43.3, "lon": 76.99, "fix": 1}, device_type="TRK")
    view._on_events(EventsStored((StoredEvent(99, device_id, 9, ev, now),)))
    view._on_snapshot(snapshot)  # the older snapshot arrives last
    live = view.model.by_person[pid]
    assert (live.lat, live.lon) == (43.3, 76.99)
    view.release()


def test_a_desk_with_districts_sees_only_their_persons_and_ignores_the_others_reports(db) -> None:
    """Issue 13: the map of a district operator carries no track of another district's person,
    and that person's reports are not mistaken for a newly issued device (no reload storm)."""
    from arm import demo
    from arm.events import DeviceEvent, EventsStored, StoredEvent
    from db.models import Assignment, Person
    from maps.live import LiveModel, load_snapshot

    with db.begin() as s:
        demo.seed(s, persons_per_city=2)
        districts = sorted({d for d in s.scalars(select(Person.district)) if d})
        mine, other = districts[0], districts[-1]
        theirs = s.scalars(select(Assignment.device_id).join(Person, Person.id == Assignment.person_id)
                           .where(Person.district == other, Assignment.returned_at.is_(None))).all()
        own_persons = set(s.scalars(select(Person.id).where(Person.district == mine)))
    assert mine != other and theirs and own_persons
    with db.session() as s:
        snap = load_snapshot(s, True, (mine,))
    assert {p.person_id for p in snap.persons} <= own_persons and snap.persons
    assert set(theirs) <= snap.hidden_devices
    model = LiveModel()
    model.load(snap)
    now = datetime.now(UTC)
    ev = DeviceEvent("X", 1, now, "POS", {"lat": 43.0, "lon": 76.0, "fix": 1, "sats": 8, "hdop": 1.0,
                                          "speed_kmh": 0.0, "course": None})
    message = EventsStored((StoredEvent(1, theirs[0], 1, ev, now),))
    assert model.apply_events(message) == set()
    assert model.unknown_devices(message) == set()
