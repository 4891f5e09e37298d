"""The imported OSM basemap, the shipped settlements and the base-layer choice, in a real page."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from arm.geo.importer import run_import
from maps import scheme
from maps.guard import OfflineGuard
from tests.geo.osm_city import HOUSE_40, write_city
from tests.maps.conftest import js, seed_persons

pytestmark = pytest.mark.gui


def _tile_xy(lat: float, lon: float, z: int) -> tuple[int, int]:
    import math

    n = 1 << z
    x = int((lon + 180.0) / 360.0 * n)
    y = int((1.0 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2.0 * n)
    return x, y


@pytest.fixture
def imported(tmp_data_dir: Path, tmp_path: Path) -> Path:
    run_import(write_city(tmp_path / "astana.osm.pbf"))
    return tmp_data_dir


def test_basemap_tiles_through_the_url_scheme(imported: Path, qapp) -> None:
    handler = scheme.scheme_handler()
    x, y = _tile_xy(*HOUSE_40, 14)
    mime, data = handler._lookup("basemap", ["14", str(x), f"{y}.pbf"])
    assert mime == b"application/x-protobuf"
    assert data[:2] != b"\x1f\x8b"  # un-gzipped for the page
    for text in ("transportation", "building", "housenumber", "Кенесары көшесі", "улица Кенесары", "40"):
        assert text.encode() in data, text
    around = b"".join(handler._lookup("basemap", ["14", str(x + dx), f"{y + dy}.pbf"])[1]
                      for dx in (-1, 0, 1) for dy in (-1, 0, 1))
    for text in ("waterway", "Есіл", "Ишим", "park", "railway", "Абай даңғылы", "проспект Абая"):
        assert text.encode() in around, text
    # a country-zoom tile names the city
    x4, y4 = _tile_xy(*HOUSE_40, 4)
    assert "Астана".encode() in handler._lookup("basemap", ["4", str(x4), f"{y4}.pbf"])[1]
    # where the extract has nothing: an empty tile, not an error
    assert handler._lookup("basemap", ["14", "0", "0.pbf"]) == (b"application/x-protobuf", b"")
    # a second import is served at once, without a restart
    from arm.geo import store

    first = store.basemap_path()
    run_import(write_city(imported / "again.osm.pbf"))
    assert store.basemap_path() != first
    assert handler.basemap() is not None and handler.basemap().path == store.basemap_path()
    raw = handler.basemap().tile(14, x, y)
    assert raw is not None and gzip.decompress(raw) == handler._lookup("basemap", ["14", str(x), f"{y}.pbf"])[1]


def test_page_shows_the_imported_basemap_and_settlements_offline(imported: Path, db, make_ctx, open_map,
                                                                  qtbot) -> None:
    pid, = seed_persons(db, [HOUSE_40])
    guard = OfflineGuard.instance()
    guard.requested.clear()
    guard.blocked.clear()
    view = open_map(make_ctx(db))
    # with an import and no earlier choice, the imported map is the base layer
    assert js(qtbot, view, "ARM.layers.current()") == "basemap"
    assert sorted(js(qtbot, view, "ARM.layers.keys()")) == ["basemap", "regions"]
    # the country view: settlements from the shipped GeoNames file, the biggest labelled
    qtbot.waitUntil(lambda: js(qtbot, view, "ARM.layers.placesCount()") == 344, timeout=10_000)
    view.center_on(48.0, 67.5, 5)
    qtbot.waitUntil(lambda: js(qtbot, view, "document.querySelectorAll('.arm-place').length") >= 3, timeout=5_000)
    shown = js(qtbot, view, "Array.from(document.querySelectorAll('.arm-place b')).map(e => e.textContent)")
    assert "Astana" in shown or "Астана" in shown
    # street zoom: vector tiles of the import are requested through arm://basemap
    view.center_on(HOUSE_40[0], HOUSE_40[1], 17)
    x, y = _tile_xy(*HOUSE_40, 14)
    qtbot.waitUntil(lambda: f"arm://basemap/14/{x}/{y}.pbf" in guard.requested, timeout=10_000)
    # the scale bar is metric only
    assert js(qtbot, view, "document.querySelectorAll('.leaflet-control-scale-line').length") == 1
    # the tooltip address: the page asks, Python answers from the index
    view.bridge.call("ARM.send", "addressWanted", pid, HOUSE_40[0], HOUSE_40[1])
    js(qtbot, view, f"ARM.live.get({pid}) && ARM.live.get({pid}).id")  # the person is known to the page
    requested = list(guard.requested)
    assert "arm://assets/protomaps/protomaps-leaflet.js" in requested
    assert not [u for u in requested if "places" in u]  # the settlements are inside the page, not fetched
    assert [u for u in requested if not u.startswith(("arm://", "qrc:", "data:", "blob:", "about:"))] == []
    assert list(guard.blocked) == []


def test_tooltip_has_address_and_coordinates_and_copy(imported: Path, db, make_ctx, open_map, qtbot) -> None:
    from PySide6.QtGui import QGuiApplication

    pid, = seed_persons(db, [HOUSE_40])
    view = open_map(make_ctx(db))
    view.center_on(HOUSE_40[0], HOUSE_40[1], 16)
    qtbot.waitUntil(lambda: js(qtbot, view, "ARM.live.rendered().singles") == 1, timeout=5_000)
    x, y = js(qtbot, view, f"ARM.live.screenPoint({pid})")
    # the pointer over the marker (a DOM event: Chromium's own hover needs a real window manager)
    js(qtbot, view, f"""(function(){{ const c = document.querySelector('.leaflet-container');
        const r = c.getBoundingClientRect();
        c.dispatchEvent(new MouseEvent('mousemove', {{clientX: r.left + {x}, clientY: r.top + {y}, bubbles: true}}));
        return true; }})()""")
    from arm import geo

    expected = geo.describe(*HOUSE_40, view._lang())  # the desk's language (ru: "улица Кенесары 40, Астана")
    assert expected in ("улица Кенесары 40, Астана", "Кенесары көшесі 40, Астана")
    qtbot.waitUntil(lambda: expected in (js(qtbot, view,
                    "(document.querySelector('.arm-hover') || {}).textContent || ''") or ""), timeout=5_000)
    text = js(qtbot, view, "document.querySelector('.arm-hover').textContent")
    assert f"{HOUSE_40[0]:.6f}, {HOUSE_40[1]:.6f}" in text
    assert not view.copy_action.isEnabled()
    view.focus_person(pid)
    assert view.copy_action.isEnabled()
    view.copy_action.trigger()
    assert QGuiApplication.clipboard().text() == f"{expected} ({HOUSE_40[0]:.6f}, {HOUSE_40[1]:.6f})"


def test_base_layer_switches_at_once_and_is_remembered_per_desk(imported: Path, db, make_ctx, open_map,
                                                                qtbot) -> None:
    from maps.map_view import MapView

    view = open_map(make_ctx(db))
    assert js(qtbot, view, "ARM.layers.current()") == "basemap"
    loads: list[bool] = []
    view.page.loadStarted.connect(lambda: loads.append(True))
    view.choose_base_layer("regions")
    qtbot.waitUntil(lambda: js(qtbot, view, "ARM.layers.current()") == "regions", timeout=5_000)
    qtbot.waitUntil(lambda: MapView.base_layer_choice() == "regions", timeout=5_000)
    assert loads == []  # no page reload, no restart
    assert (imported / "config" / "map.ini").is_file()
    second = open_map(make_ctx(db))
    assert js(qtbot, second, "ARM.layers.current()") == "regions"


def test_without_import_no_basemap_layer_but_settlements(db, make_ctx, open_map, qtbot) -> None:
    view = open_map(make_ctx(db))
    assert js(qtbot, view, "ARM.layers.keys()") == ["regions"]
    assert js(qtbot, view, "ARM.layers.current()") == "regions"
    qtbot.waitUntil(lambda: js(qtbot, view, "ARM.layers.placesCount()") == 344, timeout=10_000)
    # no label cut by the map's edge: one that would not fit waits until it does
    outside = ("(function(){ const c = document.querySelector('.leaflet-container').getBoundingClientRect();"
               " return Array.from(document.querySelectorAll('.arm-place b')).filter(e => {"
               " const r = e.getBoundingClientRect(); return r.left < c.left || r.right > c.right"
               " || r.top < c.top || r.bottom > c.bottom; }).map(e => e.textContent); })()")
    for lat, lon, zoom in ((51.6, 77.6, 7), (43.3, 76.9, 8), (48.0, 67.5, 5)):
        view.center_on(lat, lon, zoom)
        qtbot.waitUntil(lambda z=zoom: js(qtbot, view, "ARM.layers.zoom()") == z, timeout=5_000)
        qtbot.waitUntil(lambda: js(qtbot, view, "ARM.layers.placesShown()") > 3, timeout=5_000)
        assert js(qtbot, view, outside) == []


def test_address_search_box_centres_the_map(imported: Path, db, make_ctx, open_map, qtbot) -> None:
    view = open_map(make_ctx(db))
    box = view.search
    assert box.edit.isEnabled()
    box.edit.setText("Kenesary 40")
    found = box.search()
    assert [(a.house, round(a.lat, 4), round(a.lon, 4)) for a in found] == [("40", round(HOUSE_40[0], 4),
                                                                              round(HOUSE_40[1], 4))]
    with qtbot.waitSignal(box.picked, timeout=2_000) as sig:
        box.choose(0)
    assert sig.args[2].endswith("40, Астана")
    qtbot.waitUntil(lambda: js(qtbot, view, "ARM.layers.pinned()") is not None, timeout=5_000)
    pin = js(qtbot, view, "ARM.layers.pinned()")
    assert abs(pin["lat"] - HOUSE_40[0]) < 1e-4 and abs(pin["lng"] - HOUSE_40[1]) < 1e-4
    qtbot.waitUntil(lambda: js(qtbot, view, "ARM.layers.zoom()") == 18, timeout=5_000)


def test_address_search_box_is_disabled_without_an_import(db, make_ctx, open_map) -> None:
    view = open_map(make_ctx(db))
    assert not view.search.edit.isEnabled()
    assert "OSM" in view.search.edit.placeholderText()


def test_zone_editor_starts_a_circle_around_a_found_address(imported: Path, db, make_ctx, open_map,
                                                            qtbot) -> None:
    from sqlalchemy import select

    from db.models import Zone
    from maps.zone_editor import ZoneEditor

    ctx = make_ctx(db, role="administrator")
    view = open_map(ctx)
    editor = ZoneEditor(ctx, map_view=view)
    qtbot.addWidget(editor)
    editor.address.edit.setText("Кенесары 40")
    assert len(editor.address.search()) == 1
    editor.address.choose(0)
    qtbot.waitUntil(lambda: editor._geometry is not None, timeout=5_000)
    assert "Circle" in editor.shape_info.text()
    assert editor.name.text().endswith("40, Астана")
    with qtbot.waitSignal(editor.saved, timeout=10_000):
        editor.save()
    with db.session() as s:
        circle = s.scalars(select(Zone)).one().geometry["circle"]
    assert circle["center"] == pytest.approx([HOUSE_40[1], HOUSE_40[0]], abs=2e-4)
    assert circle["radius_m"] == pytest.approx(100, rel=0.01)


def test_a_new_tile_server_applies_at_once(db, make_ctx, open_map, qtbot, tmp_data_dir: Path) -> None:
    """Settings -> Map: the dialog asks for no restart; the open map gets the server layer at once."""
    from arm.config import Settings
    from widgets.settings_dialog import SettingsDialog

    settings = Settings()
    ctx = make_ctx(db, settings=settings)
    view = open_map(ctx)
    assert "server" not in js(qtbot, view, "ARM.layers.keys()")
    dialog = SettingsDialog(settings)
    qtbot.addWidget(dialog)
    dialog.tile_url.setText("http://osm.lan:8080/tile/{z}/{x}/{y}.png")
    with qtbot.waitSignal(dialog.applied) as applied:
        dialog.submit()
    assert applied.args == [False]  # no restart asked for a map source
    with qtbot.waitSignal(view.ready, timeout=20_000):
        view.apply_settings()  # what the main window does after the dialog
    assert sorted(js(qtbot, view, "ARM.layers.keys()")) == ["regions", "server"]
    view.choose_base_layer("server")
    qtbot.waitUntil(lambda: js(qtbot, view, "ARM.layers.current()") == "server", timeout=5_000)


def test_import_from_the_gui_with_progress(db, make_ctx, open_map, qtbot, tmp_path: Path) -> None:
    from maps.import_dialog import progress_percent

    assert progress_percent("tiles: Zoom level 14, writing tile 50 of 100", 40) == 72
    assert progress_percent("addresses: reading x.osm.pbf", 72) == 72  # never backwards
    view = open_map(make_ctx(db, role="administrator"))
    assert view.import_action.isVisible() and not view.search.edit.isEnabled()
    dialog = view.open_import()
    qtbot.addWidget(dialog)
    (tmp_path / "bad.osm.pbf").write_bytes(b"not osm at all\n" * 20)
    dialog.path.setText(str(tmp_path / "bad.osm.pbf"))
    dialog.start()
    qtbot.waitUntil(lambda: dialog.start_button.isEnabled(), timeout=60_000)
    assert not dialog.succeeded and "bad.osm.pbf is not an OpenStreetMap extract" in dialog.line.text()
    dialog.path.setText(str(write_city(tmp_path / "astana.osm.pbf")))
    with qtbot.waitSignal(view.ready, timeout=120_000):  # the page is rebuilt with the new basemap
        dialog.start()
    assert dialog.succeeded and dialog.bar.value() == 100
    assert view.search.edit.isEnabled()
    assert "basemap" in js(qtbot, view, "ARM.layers.keys()")


def test_track_point_shows_its_address(imported: Path, db, make_ctx, open_map, qtbot) -> None:
    from datetime import UTC, datetime, timedelta

    pid, = seed_persons(db, [HOUSE_40])
    view = open_map(make_ctx(db))
    now = datetime.now(UTC)
    view.show_track(pid, now - timedelta(hours=1), now + timedelta(minutes=1))
    qtbot.waitUntil(lambda: view.track_panel.track is not None, timeout=10_000)
    view.track_panel.set_index(0)
    text = view.track_panel.place_label.text()
    assert "40, Астана" in text and f"({HOUSE_40[0]:.6f}, {HOUSE_40[1]:.6f})" in text
