"""The map page loads nothing from the internet; the offline base layer shows."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QImage

from arm.config import Settings
from maps.guard import OfflineGuard, origin_of
from maps.mbtiles import write_tile
from maps.page import PageNotOffline, build_page, check_offline
from maps.settings import MapSettings
from tests.maps.conftest import js

pytestmark = pytest.mark.gui


def _png(color: str) -> bytes:
    from PySide6.QtCore import QBuffer, QIODevice

    img = QImage(256, 256, QImage.Format.Format_RGB32)
    img.fill(QColor(color))
    buf = QBuffer()
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    img.save(buf, "PNG")
    return bytes(buf.data())


def test_built_page_names_no_internet_url() -> None:
    html = build_page(MapSettings())
    assert "cdn" not in html.lower()
    assert "arm://assets/leaflet/leaflet.js" in html
    assert "qrc:///qtwebchannel/qwebchannel.js" in html
    with pytest.raises(PageNotOffline):
        check_offline('<script src="https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.js"></script>')


def test_tile_server_url_is_the_only_http_url_allowed() -> None:
    cfg = MapSettings(tile_url="http://osm.lan:8080/tile/{z}/{x}/{y}.png")
    html = build_page(cfg)
    assert cfg.tile_url in html
    assert origin_of(cfg.tile_url) == "http://osm.lan:8080"
    assert MapSettings(tile_url="osm.lan/{z}").tile_url_error()


def test_page_requests_only_local_sources_and_shows_regions(
    db, make_ctx, open_map, qtbot, tmp_path: Path
) -> None:
    mb = tmp_path / "almaty.mbtiles"
    for x in range(0, 8):
        for y in range(0, 8):
            write_tile(mb, 3, x, y, _png("#ffcc00"))
    settings = Settings()
    settings.map.mbtiles = str(mb)
    guard = OfflineGuard.instance()
    guard.requested.clear()
    guard.blocked.clear()
    ctx = make_ctx(db, settings=settings)
    view = open_map(ctx)

    # Offline base: the regions layer is the base layer when no tile source is preferred;
    # with an MBTiles file the tiles are the base. Switch to the regions base and look.
    n_regions = js(qtbot, view, """(function(){
        let n = 0; let names = [];
        Object.values(window).forEach(v => { if (v instanceof L.GeoJSON) { n = Math.max(n, v.getLayers().length); } });
        return n; })()""")
    assert n_regions == 20  # 17 regions + Astana, Almaty, Shymkent
    qtbot.waitUntil(lambda: any(u.startswith("arm://tiles/almaty/3/") for u in guard.requested), timeout=10_000)

    requested = list(guard.requested)
    assert "arm://assets/leaflet/leaflet.js" in requested
    assert "arm://assets/geoman/leaflet-geoman.min.js" in requested
    outside = [u for u in requested if not u.startswith(("arm://", "qrc:", "data:", "blob:", "about:"))]
    assert outside == []
    assert list(guard.blocked) == []

    # The guard does block: a request to a CDN made from the page is recorded and refused.
    view.page.runJavaScript("var s = document.createElement('script'); s.src = 'https://unpkg.com/leaflet@1.9.4/dist/leaflet.js'; document.head.appendChild(s);")
    qtbot.waitUntil(lambda: any("unpkg.com" in u for u in guard.blocked), timeout=10_000)

    # ...and the page never navigates away from its arm:// page (an attribution link, a script).
    page_url = view.page.url().toString()
    view.page.runJavaScript("window.location.href = 'https://example.com/';")
    qtbot.wait(500)
    assert view.page.url().toString() == page_url
    assert js(qtbot, view, "typeof ARM.live.count") == "function"


def test_regions_are_drawn_without_any_tile_source(db, make_ctx, open_map, qtbot) -> None:
    ctx = make_ctx(db)
    view = open_map(ctx)
    js(qtbot, view, "ARM.center(48.0, 67.5, 5)")
    qtbot.wait(400)
    img = view.view.grab().toImage()
    # Centre of the view lies inside Karaganda region: the region fill colour, not the sea-blue background.
    c = img.pixelColor(img.width() // 2, img.height() // 2)
    assert (c.red(), c.green(), c.blue()) != (0xCF, 0xDB, 0xE3)
    assert c.green() > 220 and c.red() > 220  # #eef1e6 region fill
    corner = img.pixelColor(5, img.height() - 5)
    assert abs(corner.blue() - 0xE3) < 12  # outside the country: background


def test_png_helper_round_trip() -> None:
    data = _png("#123456")
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert io.BytesIO(data).getbuffer().nbytes > 0


def test_intranet_tile_server_is_used_and_allowed(db, make_ctx, open_map, qtbot) -> None:
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    tile = _png("#88aa44")
    hits: list[str] = []

    class Tiles(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            hits.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.send_header("Content-Length", str(len(tile)))
            self.end_headers()
            self.wfile.write(tile)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Tiles)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        settings = Settings()
        settings.map.tile_url = f"http://127.0.0.1:{server.server_port}/osm/{{z}}/{{x}}/{{y}}.png"
        guard = OfflineGuard.instance()
        guard.blocked.clear()
        view = open_map(make_ctx(db, settings=settings))
        qtbot.waitUntil(lambda: len(hits) > 0, timeout=10_000)
        assert hits[0].startswith("/osm/5/")
        assert list(guard.blocked) == []
        assert view.cfg.tile_url == settings.map.tile_url
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def test_new_settings_rebuild_the_page_and_keep_the_markers(db, make_ctx, open_map, qtbot, tmp_path: Path) -> None:
    from tests.maps.conftest import seed_persons

    seed_persons(db, [(43.238, 76.945), (51.128, 71.43)])
    ctx = make_ctx(db)
    view = open_map(ctx)
    qtbot.waitUntil(lambda: js(qtbot, view, "ARM.live.count()") == 2, timeout=10_000)
    mb = tmp_path / "new.mbtiles"
    write_tile(mb, 5, 22, 11, _png("#00ff00"))
    settings = Settings()
    settings.map.mbtiles = str(mb)
    guard = OfflineGuard.instance()
    with qtbot.waitSignal(view.ready, timeout=30_000):
        view.apply_settings(settings)
    assert js(qtbot, view, "ARM.live.count()") == 2
    qtbot.waitUntil(lambda: any(u.startswith("arm://tiles/new/") for u in guard.requested), timeout=10_000)


def test_the_imported_basemaps_source_is_named_in_the_readers_language(qapp) -> None:
    """The OSM attribution (ODbL) reaches the basemap layer in the desk's words, as the map view translates it."""
    from maps.page import PageLabels
    from widgets import i18n

    i18n.set_language("kk")
    try:
        word = qapp.translate("MapView", "© OpenStreetMap contributors")
    finally:
        i18n.set_language("en")
    assert word == "© OpenStreetMap қатысушылары"
    html = build_page(MapSettings(), labels=PageLabels(basemap_attribution=word), basemap=True)
    import json
    import re

    found = re.search(r'"basemap": \{"url": "[^"]*", "attribution": ("(?:[^"\\]|\\.)*")', html)
    assert found is not None and json.loads(found.group(1)) == "© OpenStreetMap қатысушылары"
