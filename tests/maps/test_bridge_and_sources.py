"""The JavaScript bridge escapes and queues; local sources (assets, MBTiles) resolve safely."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from maps import assets
from maps.bridge import js_call
from maps.mbtiles import MBTiles, write_tile, xyz_to_tms_y
from maps.scheme import ArmSchemeHandler
from maps.settings import MapSettings
from tests.maps.conftest import js

NASTY = "O'Brien \"</script><img src=x onerror=alert(1)>\" \u2028 line\nbreak Қазақ"


def test_js_call_encodes_every_argument_as_json() -> None:
    stmt = js_call("ARM.live.labels", {"1": NASTY})
    assert stmt.startswith("ARM.live.labels(") and stmt.endswith(");")
    assert json.loads(stmt[len("ARM.live.labels("):-2]) == {"1": NASTY}
    assert js_call("ARM.center", 43.2, 76.9, None) == "ARM.center(43.2, 76.9, null);"
    for bad in ("alert", "ARM.x();alert", "window.ARM.x", "ARM..x", "ARM.x(1)"):
        with pytest.raises(ValueError):
            js_call(bad)
    with pytest.raises(ValueError):
        js_call("ARM.center", float("nan"), 0.0)


def test_mbtiles_reads_xyz_tiles_from_tms_rows(tmp_path: Path) -> None:
    path = tmp_path / "city.mbtiles"
    write_tile(path, 10, 700, 380, b"tile-700-380")
    with sqlite3.connect(path) as conn:
        row = conn.execute("SELECT tile_row FROM tiles").fetchone()
    assert row[0] == xyz_to_tms_y(10, 380) == 1023 - 380
    mb = MBTiles(path)
    assert mb.tile(10, 700, 380) == b"tile-700-380"
    assert mb.tile(10, 700, 381) is None
    assert mb.info.fmt == "png" and mb.mime() == b"image/png"
    assert (mb.info.min_zoom, mb.info.max_zoom) == (10, 10)
    mb.close()
    (tmp_path / "junk.mbtiles").write_bytes(b"not sqlite at all" * 100)
    with pytest.raises(ValueError):
        MBTiles(tmp_path / "junk.mbtiles")
    with pytest.raises(FileNotFoundError):
        MBTiles(tmp_path / "missing.mbtiles")


def test_scheme_lookup_serves_local_files_only(qapp, tmp_path: Path) -> None:
    handler = ArmSchemeHandler()
    mime, data = handler._lookup("assets", ["leaflet", "leaflet.js"])
    assert mime == b"application/javascript" and b"Leaflet" in data[:400]
    assert handler._lookup("assets", ["leaflet", "..", "..", "..", "etc", "passwd"]) is None
    assert handler._lookup("assets", ["nosuchlib", "x.js"]) is None
    assert handler._lookup("data", ["regions.geojson"])[0] == b"application/json"
    url = handler.set_page("p1", "<html>hi</html>")
    assert url == "arm://page/p1.html"
    assert handler._lookup("page", ["p1.html"]) == (b"text/html;charset=utf-8", b"<html>hi</html>")
    write_tile(tmp_path / "a.mbtiles", 3, 5, 2, b"T")
    handler.add_mbtiles(tmp_path / "a.mbtiles")
    assert handler._lookup("tiles", ["a", "3", "5", "2.png"]) == (b"image/png", b"T")
    assert handler._lookup("tiles", ["a", "3", "5", "x"]) is None
    assert handler._lookup("tiles", ["b", "3", "5", "2"]) is None


def test_regions_data_is_the_shipped_simplified_geojson() -> None:
    data = json.loads(assets.REGIONS_FILE.read_text(encoding="utf-8"))
    assert len(data["features"]) == 20
    isos = {f["properties"]["iso"] for f in data["features"]}
    assert {"KZ-10", "KZ-33", "KZ-62", "KZ-71", "KZ-75", "KZ-79"} <= isos  # Abai, Jetisu, Ulytau; 3 cities
    assert assets.REGIONS_FILE.stat().st_size < 150_000
    assert (assets.RESOURCES / "regions" / "LICENSE-amcharts-geodata.md").is_file()
    assert (assets.RESOURCES / "vendor" / "leaflet-geoman" / "LICENSE").is_file()


def test_settings_read_from_mapping_and_config() -> None:
    cfg = MapSettings.from_settings({"map/tile_url": "http://osm.lan/{z}/{x}/{y}.png", "map/mbtiles": "a.mbtiles;b.mbtiles",
                                     "map/center": "51.1,71.4", "map/zoom": 9})
    assert cfg.mbtiles == [Path("a.mbtiles"), Path("b.mbtiles")]
    assert cfg.center == (51.1, 71.4) and cfg.zoom == 9 and not cfg.tile_url_error()
    assert "{z}" in MapSettings(tile_url="http://osm.lan/tiles").tile_url_error()


@pytest.mark.gui
def test_calls_before_ready_are_queued_and_strings_arrive_intact(qtbot) -> None:
    from types import SimpleNamespace

    from maps.live import PersonLive, Snapshot
    from maps.map_view import MapView

    # No database: the snapshot below is the only data source.
    view = MapView(SimpleNamespace(db=None, bridge=None, settings=None, user=SimpleNamespace(login="t", role="operator")))
    qtbot.addWidget(view)
    assert not view.bridge.is_ready
    view.center_on(50.0, 70.0, 7)  # queued: the page is not loaded yet
    from datetime import UTC, datetime

    view.set_snapshot(Snapshot([PersonLive(1, 1, NASTY, 50.0, 70.0, datetime.now(UTC), 5.0, datetime.now(UTC))]))
    with qtbot.waitSignal(view.ready, timeout=30_000):
        view.show()
    try:
        assert js(qtbot, view, "Object.values(window).find(v => v instanceof L.Map).getZoom()") == 7
        assert js(qtbot, view, "ARM.live.get(1).label") == NASTY
        assert js(qtbot, view, "document.querySelectorAll('img[src=x]').length") == 0
    finally:
        view.release()
