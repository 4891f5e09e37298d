"""Zone editor: shapes checked by shapely, drawn with the mouse on the real map, saved and audited."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from sqlalchemy import select

from arm.caseload.zone_shapes import ZoneShapeError, buffered, validate
from db.models import AuditEntry, Zone, ZoneSchedule
from maps.schedule import ScheduleError, format_schedule, parse
from tests.maps.conftest import js

SQUARE = {"type": "Polygon", "coordinates": [[[76.90, 43.20], [76.91, 43.20], [76.91, 43.21], [76.90, 43.21],
                                               [76.90, 43.20]]]}


@pytest.mark.parametrize(
    ("drawn", "code"),
    [
        (None, "empty"),
        ({"geometry": {"type": "Polygon", "coordinates": []}}, "empty"),
        ({"geometry": {"type": "Polygon", "coordinates": [[[76.9, 43.2], [76.9, 43.2], [76.91, 43.2], [76.9, 43.2]]]}},
         "empty"),
        ({"geometry": {"type": "Polygon", "coordinates": [[[76.90, 43.20], [76.91, 43.21], [76.91, 43.20],
                                                           [76.90, 43.21], [76.90, 43.20]]]}}, "self_intersection"),
        ({"geometry": {"type": "Polygon", "coordinates": [[[76.9, 43.2], [76.90005, 43.2], [76.90005, 43.20005],
                                                           [76.9, 43.2]]]}}, "too_small"),
        ({"circle": {"center": [76.9, 43.2], "radius_m": 4}}, "too_small"),
        ({"circle": {"center": [76.9, 43.2], "radius_m": 200_000}}, "too_large"),
        ({"geometry": {"type": "Polygon", "coordinates": [[[190, 43.2], [191, 43.2], [191, 44], [190, 43.2]]]}},
         "bad_coordinates"),
    ],
)
def test_invalid_shapes_are_refused(drawn, code) -> None:
    with pytest.raises(ZoneShapeError) as err:
        validate(drawn)
    assert err.value.code == code


def test_valid_shapes_and_circle_round_trip() -> None:
    square = validate({"geometry": SQUARE})
    assert 800_000 < square.area_m2 < 900_000  # ~810 m x 1110 m
    circle = validate({"circle": {"center": [76.9, 43.2], "radius_m": 300}})
    assert circle.geometry["type"] == "Polygon" and circle.geometry["circle"]["radius_m"] == 300
    assert validate({"geometry": circle.geometry}).is_circle  # a stored circle stays a circle
    grown = buffered(SQUARE, 100)
    assert grown is not None and grown["type"] == "Polygon"
    assert buffered(SQUARE, 0) is None


def test_schedule_text() -> None:
    windows = parse("Mon-Fri 22:00-06:00; Sat,Sun 00:00-24:00")
    assert windows == [{"days": [0, 1, 2, 3, 4], "start": "22:00", "end": "06:00"},
                       {"days": [5, 6], "start": "00:00", "end": "24:00"}]
    assert format_schedule(windows) == "Mon-Fri 22:00-06:00; Sat,Sun 00:00-24:00"
    assert parse("") == []
    assert parse("Пн-Ср 08:00-09:00")[0]["days"] == [0, 1, 2]
    for bad in ("Mon 25:00-06:00", "Funday 10:00-11:00", "whenever", "Mon 10:00-10:00"):
        with pytest.raises(ScheduleError):
            parse(bad)


def _click(qtbot, view, lat: float, lon: float) -> None:
    x, y = js(qtbot, view, f"(function(){{ const m = Object.values(window).find(v => v instanceof L.Map);"
                           f" const p = m.latLngToContainerPoint([{lat}, {lon}]); return [p.x, p.y]; }})()")
    target = view.view.focusProxy()
    QTest.mouseClick(target, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(round(x), round(y)))
    qtbot.wait(120)


@pytest.mark.gui
def test_zone_drawn_with_the_mouse_and_saved(db, make_ctx, open_map, qtbot) -> None:
    from maps.zone_editor import ZoneEditor

    ctx = make_ctx(db, role="supervisor")
    view = open_map(ctx)
    editor = ZoneEditor(ctx, map_view=view)
    qtbot.addWidget(editor)
    editor.show()
    view.center_on(43.238, 76.945, 15)
    qtbot.wait(200)

    # Save with nothing drawn: refused, messages beside the fields.
    editor.save()
    assert editor.errors["name"].isVisible() and editor.errors["shape"].isVisible()

    editor.new_polygon.click()
    qtbot.waitUntil(lambda: js(qtbot, view, "ARM.zones.drawing()"), timeout=5_000)
    corners = [(43.2400, 76.9420), (43.2400, 76.9480), (43.2360, 76.9480), (43.2360, 76.9420)]
    for lat, lon in corners:
        _click(qtbot, view, lat, lon)
    _click(qtbot, view, *corners[0])  # clicking the first corner closes the polygon
    qtbot.waitUntil(lambda: editor._geometry is not None, timeout=5_000)
    assert not editor.errors["shape"].isVisible()
    assert "ha" in editor.shape_info.text()

    editor.name.setText("Market square")
    editor.kind.setCurrentIndex(editor.kind.findData("exclusion"))
    editor.buffer.setValue(30)
    editor.schedule.setText("Mon-Fri 22:00-06:00")
    with qtbot.waitSignal(editor.saved, timeout=10_000):
        editor.save_button.click()

    with db.session() as s:
        zone = s.scalars(select(Zone)).one()
        assert zone.name == "Market square" and zone.kind == "exclusion" and zone.buffer_m == 30
        ring = zone.geometry["coordinates"][0]
        assert len(ring) == 5
        assert min(p[1] for p in ring) == pytest.approx(43.236, abs=2e-5)
        assert max(p[0] for p in ring) == pytest.approx(76.948, abs=2e-5)
        assert s.get(ZoneSchedule, zone.id).schedule == [{"days": [0, 1, 2, 3, 4], "start": "22:00", "end": "06:00"}]
        audit = s.scalars(select(AuditEntry).where(AuditEntry.action == "zone.create")).one()
        assert audit.user == "supervisor1" and audit.object_id == str(zone.id)
    qtbot.waitUntil(lambda: editor.zone_list.count() == 1, timeout=5_000)

    # Edit it again: pick it in the list, the shape comes back editable, rename and save.
    editor._geometry = None
    editor.zone_list.setCurrentRow(0)
    qtbot.waitUntil(lambda: js(qtbot, view, "ARM.zones.editing() !== null"), timeout=5_000)
    qtbot.waitUntil(lambda: editor._geometry is not None, timeout=5_000)
    assert editor.name.text() == "Market square" and editor.schedule.text() == "Mon-Fri 22:00-06:00"
    editor.name.setText("Market square (north)")
    with qtbot.waitSignal(editor.saved, timeout=10_000):
        editor.save()
    with db.session() as s:
        assert [z.name for z in s.scalars(select(Zone))] == ["Market square (north)"]
        assert [a.action for a in s.scalars(select(AuditEntry).where(AuditEntry.action.like("zone.%"))
                                            .order_by(AuditEntry.id))] == ["zone.create", "zone.update"]


@pytest.mark.gui
def test_self_intersecting_drawing_is_refused(db, make_ctx, open_map, qtbot) -> None:
    from maps.zone_editor import ZoneEditor

    ctx = make_ctx(db, role="supervisor")
    view = open_map(ctx)
    editor = ZoneEditor(ctx, map_view=view)
    qtbot.addWidget(editor)
    view.center_on(43.238, 76.945, 15)
    qtbot.wait(200)
    editor.new_polygon.click()
    qtbot.waitUntil(lambda: js(qtbot, view, "ARM.zones.drawing()"), timeout=5_000)
    bow_tie = [(43.2400, 76.9420), (43.2360, 76.9480), (43.2400, 76.9480), (43.2360, 76.9420)]
    for lat, lon in bow_tie:
        _click(qtbot, view, lat, lon)
    editor.finish_button.click()
    qtbot.waitUntil(lambda: editor._geometry is not None, timeout=5_000)
    assert "crosses itself" in editor.errors["shape"].text()
    editor.name.setText("Bow tie")
    editor.schedule.setText("Funday 10:00-11:00")
    editor.save()
    assert "not saved" in editor.status.text()
    assert "Unknown day" in editor.errors["schedule"].text()
    with db.session() as s:
        assert s.scalars(select(Zone)).all() == []


@pytest.mark.gui
def test_circle_zone_drawn_and_saved_as_circle(db, make_ctx, open_map, qtbot) -> None:
    from maps.zone_editor import ZoneEditor

    ctx = make_ctx(db, role="administrator")
    view = open_map(ctx)
    editor = ZoneEditor(ctx, map_view=view)
    qtbot.addWidget(editor)
    view.center_on(51.128, 71.43, 15)
    qtbot.wait(200)
    editor.new_circle.click()
    qtbot.waitUntil(lambda: js(qtbot, view, "ARM.zones.drawing()"), timeout=5_000)
    _click(qtbot, view, 51.128, 71.43)
    _click(qtbot, view, 51.128, 71.434)  # ~280 m east
    qtbot.waitUntil(lambda: editor._geometry is not None, timeout=5_000)
    assert "Circle" in editor.shape_info.text()
    editor.name.setText("Home of the victim")
    editor.kind.setCurrentIndex(editor.kind.findData("exclusion"))
    with qtbot.waitSignal(editor.saved, timeout=10_000):
        editor.save()
    with db.session() as s:
        zone = s.scalars(select(Zone)).one()
        circle = zone.geometry["circle"]
        assert circle["center"] == pytest.approx([71.43, 51.128], abs=2e-5)
        assert circle["radius_m"] == pytest.approx(280, rel=0.03)
        assert zone.geometry["type"] == "Polygon" and len(zone.geometry["coordinates"][0]) > 60
        assert s.get(ZoneSchedule, zone.id).schedule == []
