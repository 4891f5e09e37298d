""""Who was here" on the live map (issue 18): real MapView, real SQLite with positions, the core's search."""

from __future__ import annotations

import subprocess
from datetime import timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from sqlalchemy import select

from db.models import AuditEntry
from tests.history.test_near import SCENE, T0, make_world, offset
from tests.history.test_near_polygon import notched_square
from tests.maps.conftest import js


def _panel(qtbot: Any, db: Any, make_ctx: Any, open_map: Any) -> Any:
    make_world(db)
    view = open_map(make_ctx(db, "supervisor"), size=(1200, 700))
    assert view.near_action.isVisible()
    panel = view.open_near()
    assert panel is not None and panel.isVisible()
    panel.set_circle(*SCENE, 200)
    panel.set_window(T0, T0 + timedelta(hours=2))
    return panel


def _audit(db: Any, action: str) -> list[AuditEntry]:
    with db.session() as s:
        return list(s.scalars(select(AuditEntry).where(AuditEntry.action == action)))


def test_supervisor_finds_who_was_here_sees_the_track_and_exports_the_pdf(
        qtbot: Any, db: Any, make_ctx: Any, open_map: Any, tmp_path: Path) -> None:
    panel = _panel(qtbot, db, make_ctx, open_map)
    panel.reason.setText("Запрос УП № 123/45")
    with qtbot.waitSignal(panel.searched, timeout=10_000) as blocker:
        panel.search_button.click()
    result = blocker.args[0]
    assert [h.name for h in result.hits] == ["Сериков1 Асан", "Сериков3 Асан"]
    table = panel.table
    assert table.rowCount() == 2
    assert [table.item(r, 0).text() for r in range(2)] == ["Сериков1 Асан", "Сериков3 Асан"]
    assert table.item(0, 2).text() in ("10 m", "10 м")  # the closest fix of the walk, 10 m from the scene
    assert table.item(0, 1).text() == panel.ctx.format_time(T0 + timedelta(minutes=40))
    # the first person's walk through the window, on the map with the replay controls
    track_panel = panel.map_view.track_panel
    assert track_panel.isVisible() and len(track_panel.track.points) == 13
    view = panel.map_view
    qtbot.waitUntil(lambda: (js(qtbot, view, "ARM.track.state()") or {}).get("points") == 13, timeout=10_000)
    # the circle searched is drawn on the map
    assert js(qtbot, view, "(function(){ const m = Object.values(window).find(v => v instanceof L.Map); let n = 0;"
                           " m.eachLayer(l => { if (l instanceof L.Polygon) n++; }); return n; })()") >= 1
    table.selectRow(1)
    assert len(track_panel.track.points) == 1 and track_panel.track.person_id == result.hits[1].person_id
    (row,) = _audit(db, "near_search")
    assert row.user == "supervisor1" and row.detail["reason"] == "Запрос УП № 123/45"
    out = tmp_path / "near.pdf"
    with qtbot.waitSignal(panel.exported, timeout=10_000):
        panel.export_pdf(out)
    text = " ".join(subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True,
                                   check=True).stdout.split())
    assert "Сериков1 Асан" in text and "Запрос УП № 123/45" in text


def test_a_circle_drawn_on_the_map_is_the_place_searched(qtbot: Any, db: Any, make_ctx: Any, open_map: Any) -> None:
    panel = _panel(qtbot, db, make_ctx, open_map)
    panel.on_geometry({"circle": {"center": [76.95, 43.24], "radius_m": 420.0}})  # not waiting for one: ignored
    assert panel.radius.value() == 200
    panel.draw_button.click()
    panel.map_view.zoneGeometry.emit({"circle": {"center": [76.95, 43.24], "radius_m": 420.0}})
    assert (panel.lat.value(), panel.lon.value(), panel.radius.value()) == (43.24, 76.95, 420)


def test_no_reason_no_search_and_nothing_audited(qtbot: Any, db: Any, make_ctx: Any, open_map: Any) -> None:
    panel = _panel(qtbot, db, make_ctx, open_map)
    panel.reason.setText("  ab ")
    with qtbot.waitSignal(panel.failed, timeout=5_000):
        panel.search_button.click()
    assert panel.error.isVisible() and panel.table.rowCount() == 0
    panel.set_window(T0, T0 - timedelta(hours=1))
    panel.reason.setText("Запрос УП № 1")
    panel.search()
    assert panel.error.text() == "'To' must be after 'From'."
    assert _audit(db, "near_search") == []


def test_the_tool_is_not_offered_to_an_operator(qtbot: Any, db: Any, make_ctx: Any, open_map: Any) -> None:
    view = open_map(make_ctx(db, "operator"))
    assert not view.near_action.isVisible()
    assert view.open_near() is None and view.near_panel is None


def _click(qtbot: Any, view: Any, lat: float, lon: float) -> None:
    x, y = js(qtbot, view, f"(function(){{ const m = Object.values(window).find(v => v instanceof L.Map);"
                           f" const p = m.latLngToContainerPoint([{lat}, {lon}]); return [p.x, p.y]; }})()")
    QTest.mouseClick(view.view.focusProxy(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     QPoint(round(x), round(y)))
    qtbot.wait(120)


def test_a_polygon_drawn_with_the_mouse_finds_the_persons_inside_it(
        qtbot: Any, db: Any, make_ctx: Any, open_map: Any, tmp_path: Path) -> None:
    """The concave notched square of the core's tests, drawn corner by corner on the map: the person in the
    notch (inside its bounding box) is not found."""
    panel = _panel(qtbot, db, make_ctx, open_map)
    view = panel.map_view
    panel.set_shape("polygon")
    assert not panel.radius.isVisible() and panel.finish_button.isVisible()
    assert panel.polygon_info.isVisible() and panel.polygon is None
    view.center_on(*SCENE, 16)
    qtbot.wait(300)
    panel.draw_button.click()
    qtbot.waitUntil(lambda: js(qtbot, view, "ARM.zones.drawing()"), timeout=5_000)
    corners = notched_square()
    for lat, lon in corners:
        _click(qtbot, view, lat, lon)
    panel.finish_button.click()  # closes the polygon, as clicking the first corner does
    qtbot.waitUntil(lambda: panel.polygon is not None, timeout=5_000)
    assert len(panel.polygon) == 8 and not js(qtbot, view, "ARM.zones.drawing()")
    for (lat, lon), (dlat, dlon) in zip(panel.polygon, corners, strict=True):  # a pixel at zoom 16 is ~1.7 m
        assert abs(lat - dlat) < 3e-5 and abs(lon - dlon) < 4e-5
    assert "8" in panel.polygon_info.text()
    panel.reason.setText("Запрос УП № 55/1")
    with qtbot.waitSignal(panel.searched, timeout=10_000) as blocker:
        panel.search_button.click()
    result = blocker.args[0]
    assert [h.name for h in result.hits] == ["Сериков1 Асан", "Сериков3 Асан"] and len(result.polygon) == 8
    assert [panel.table.item(r, 0).text() for r in range(2)] == ["Сериков1 Асан", "Сериков3 Асан"]
    assert panel.table.horizontalHeaderItem(2).text() == "To the centre"
    assert panel.map_view.track_panel.isVisible() and len(panel.map_view.track_panel.track.points) == 13
    # the polygon searched is on the map with the results
    assert js(qtbot, view, "(function(){ const m = Object.values(window).find(v => v instanceof L.Map); let n = 0;"
                           " m.eachLayer(l => { if (l instanceof L.Polygon && l.getLatLngs()[0].length === 8) n++; });"
                           " return n; })()") >= 1
    (row,) = _audit(db, "near_search")
    assert len(row.detail["polygon"]) == 8 and row.detail["reason"] == "Запрос УП № 55/1"
    out = tmp_path / "poly.pdf"
    with qtbot.waitSignal(panel.exported, timeout=10_000):
        panel.export_pdf(out)
    text = " ".join(subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True,
                                   check=True).stdout.split())
    assert "Polygon of 8 corners" in text and "Сериков3 Асан" in text  # the desk language (en in tests)


def test_a_polygon_that_cannot_be_searched_is_explained_and_nothing_is_audited(
        qtbot: Any, db: Any, make_ctx: Any, open_map: Any) -> None:
    panel = _panel(qtbot, db, make_ctx, open_map)
    panel.set_shape("polygon")
    panel.reason.setText("Запрос УП № 1")
    panel.search()
    assert panel.error.text() == "Draw the polygon on the map first."
    panel.draw_button.click()
    bow_tie = [offset(*SCENE, n, e) for n, e in [(0, 0), (200, 200), (0, 200), (200, 0)]]
    panel.map_view.zoneGeometry.emit({"geometry": {"type": "Polygon", "coordinates": [
        [[lon, lat] for lat, lon in [*bow_tie, bow_tie[0]]]]}})
    assert panel.polygon == bow_tie and "edges cross" in panel.error.text()
    panel.search()
    assert "edges cross" in panel.error.text() and panel.table.rowCount() == 0
    assert _audit(db, "near_search") == []
    panel.set_shape("circle")  # back to the circle: its fields, and the circle searched
    assert panel.radius.isVisible() and not panel.finish_button.isVisible()
    with qtbot.waitSignal(panel.searched, timeout=10_000) as blocker:
        panel.search()
    assert blocker.args[0].radius_m == 200 and not blocker.args[0].polygon
    circle = blocker.args[0]
    assert panel.map_view.track_panel.track.person_id == circle.hits[0].person_id
    # a new search whose first person is another: their track is shown, not the last one's
    panel.set_polygon([offset(*SCENE, n, e) for n, e in [(30, 30), (30, 70), (70, 70), (70, 30)]])
    with qtbot.waitSignal(panel.searched, timeout=10_000) as blocker:
        panel.search()
    (only,) = blocker.args[0].hits
    assert only.name == "Сериков3 Асан" and panel.map_view.track_panel.track.person_id == only.person_id
