"""A person's track: loaded, replayed with the slider/play controls, exported, audited."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from db.models import Alarm, AlarmPriority, AuditEntry, Device, DeviceEventRow, Position
from maps.track import CELL, GOOD, NONE, POOR, Track, TrackPoint, Violation, fix_quality, load_track
from maps.track_export import to_geojson, to_gpx
from tests.maps.conftest import js, seed_persons

T0 = datetime(2026, 11, 20, 8, 0, tzinfo=UTC)


def _seed_track(db) -> int:
    pid, = seed_persons(db, [(43.2300, 76.9000)])
    with db.begin() as s:
        dev = s.scalars(select(Device)).one()
        for i in range(20):
            t = T0 + timedelta(minutes=i)
            ev = DeviceEventRow(device_id=dev.id, evseq=100 + i, time=t, received=t, kind="POS", source="serial",
                                fields={})
            s.add(ev)
            s.flush()
            s.add(Position(device_id=dev.id, event_id=ev.id, time=t, lat=43.2300 + i * 0.001, lon=76.9000 + i * 0.0015,
                           fix=3 if i == 5 else 1, sats=4 if i == 6 else 9, hdop=1.0, accuracy_m=10.0))
        s.add(Alarm(person_id=pid, device_id=dev.id, kind="exclusion_zone", priority=AlarmPriority.HIGH,
                    message="Entered exclusion zone", raised_at=T0 + timedelta(minutes=10, seconds=20)))
    return pid


def test_fix_quality_codes() -> None:
    assert fix_quality(1, 9, 0.9) == GOOD
    assert fix_quality(1, 4, 0.9) == POOR
    assert fix_quality(1, 9, 3.5) == POOR
    assert fix_quality(2, None, None) == GOOD
    assert fix_quality(3, None, None) == CELL
    assert fix_quality(0, None, None) == NONE


def test_load_track_period_and_violation_position(db) -> None:
    pid = _seed_track(db)
    with db.session() as s:
        track = load_track(s, pid, T0 + timedelta(minutes=2), T0 + timedelta(minutes=12))
        with pytest.raises(ValueError):
            load_track(s, pid, T0, T0)
    assert len(track.points) == 11
    assert track.points[0].time == T0 + timedelta(minutes=2)
    assert [p.quality for p in track.points[3:5]] == [CELL, POOR]
    assert len(track.violations) == 1
    v = track.violations[0]
    assert (v.lat, v.lon) == (track.points[8].lat, track.points[8].lon)  # last fix before the alarm (08:10)
    assert track.index_at(T0 + timedelta(minutes=4, seconds=30)) == 2


def _sample_track() -> Track:
    pts = [TrackPoint(T0 + timedelta(seconds=30 * i), 43.0 + i / 1000, 76.0 + i / 1000, 1, 8, 1.2, 5.0)
           for i in range(3)]
    return Track(1, T0, T0 + timedelta(hours=1), pts,
                 [Violation(T0 + timedelta(seconds=45), 43.001, 76.001, "exclusion_zone", "Zone <A> & B", 9)])


def test_gpx_export_is_valid_gpx() -> None:
    root = ET.fromstring(to_gpx(_sample_track(), name="Testov & Co"))
    ns = {"g": "http://www.topografix.com/GPX/1/1"}
    assert root.tag == "{http://www.topografix.com/GPX/1/1}gpx" and root.get("version") == "1.1"
    pts = root.findall("g:trk/g:trkseg/g:trkpt", ns)
    assert [p.get("lat") for p in pts] == ["43.0000000", "43.0010000", "43.0020000"]
    assert pts[1].find("g:time", ns).text == "2026-11-20T08:00:30Z"
    assert pts[0].find("g:sat", ns).text == "8"
    wpt = root.find("g:wpt", ns)
    assert wpt.find("g:name", ns).text == "Zone <A> & B"
    assert root.find("g:metadata/g:name", ns).text == "Testov & Co"


def test_geojson_export_is_lon_lat_feature_collection() -> None:
    data = json.loads(to_geojson(_sample_track(), name="t"))
    assert data["type"] == "FeatureCollection"
    line = data["features"][0]
    assert line["geometry"]["type"] == "LineString"
    assert line["geometry"]["coordinates"][0] == [76.0, 43.0]
    kinds = [f["properties"]["kind"] for f in data["features"]]
    assert kinds == ["track", "fix", "fix", "fix", "violation"]
    assert data["features"][1]["properties"]["quality"] == "good"


@pytest.mark.gui
def test_track_replayed_on_the_map_and_audited(db, make_ctx, open_map, qtbot, tmp_path: Path) -> None:
    pid = _seed_track(db)
    view = open_map(make_ctx(db, role="supervisor"))
    view.show_track(pid, T0, T0 + timedelta(hours=1))
    qtbot.waitUntil(lambda: (js(qtbot, view, "ARM.track.state()") or {}).get("points") == 20, timeout=10_000)
    panel = view.track_panel
    assert panel.isVisible() and panel.slider.maximum() == 19
    assert "Testov0 I. P." in panel.name_label.text()

    panel.set_index(7)
    qtbot.waitUntil(lambda: js(qtbot, view, "ARM.track.state().index") == 7, timeout=5_000)
    head = js(qtbot, view, "ARM.track.state().head")
    assert head == pytest.approx([43.237, 76.9105])

    panel.set_index(0)
    panel.play(speed=1800)  # 3 minutes of track per 100 ms tick
    qtbot.waitUntil(lambda: not panel.playing, timeout=10_000)
    assert panel.slider.value() == 19
    assert js(qtbot, view, "ARM.track.state().index") == 19
    assert js(qtbot, view, "ARM.track.state().done") == 20

    gpx = panel.export_to(tmp_path / "t.gpx", "gpx")
    assert len(ET.parse(gpx).getroot().findall(".//{http://www.topografix.com/GPX/1/1}trkpt")) == 20
    gj = json.loads(panel.export_to(tmp_path / "t.geojson", "geojson").read_text())
    assert [f["properties"]["kind"] for f in gj["features"]].count("violation") == 1

    def audited() -> list[tuple[str, str]]:
        with db.session() as s:
            return [(a.action, a.object_id) for a in s.scalars(select(AuditEntry))]

    qtbot.waitUntil(lambda: ("map.track_view", str(pid)) in audited(), timeout=5_000)
    panel.close_track()
    qtbot.waitUntil(lambda: js(qtbot, view, "ARM.track.state().points") == 0, timeout=5_000)


@pytest.mark.gui
def test_technician_may_not_view_tracks(db, make_ctx, open_map, qtbot) -> None:
    pid = _seed_track(db)
    view = open_map(make_ctx(db, role="technician"))
    view.show_track(pid, T0, T0 + timedelta(hours=1))
    assert "may not" in view.notice.text()
    assert not view.track_panel.isVisible()
    qtbot.wait(200)
    assert js(qtbot, view, "ARM.track.state().points") == 0
    # positions are personal data (issue 13): no marker at all, not even one labelled "#id"
    assert js(qtbot, view, f"ARM.live.get({pid})") is None
    with db.session() as s:
        assert s.scalars(select(AuditEntry).where(AuditEntry.action.like("map.%"))).all() == []


@pytest.mark.gui
def test_track_button_shows_the_selected_persons_recent_track(db, make_ctx, open_map, qtbot) -> None:
    pid, = seed_persons(db, [(43.2300, 76.9000)])
    view = open_map(make_ctx(db))
    assert not view.track_button.isEnabled()
    view.focus_person(pid)
    assert view.track_button.isEnabled()
    actions = view.track_button.menu().actions()
    assert [a.text() for a in actions] == ["Last hour", "Last 6 hours", "Last 24 hours", "Last 7 days"]
    actions[0].trigger()
    qtbot.waitUntil(lambda: (js(qtbot, view, "ARM.track.state()") or {}).get("points") == 1, timeout=10_000)
    assert view.track_panel.isVisible()
