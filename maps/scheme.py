"""The ``arm://`` URL scheme that serves the whole map page from local files.

Qt requires a custom scheme to be *registered* before the QApplication exists,
and its *handler* to be installed on a profile afterwards:

    # widgets/app.py, before QApplication(...)
    from maps.scheme import register_schemes
    register_schemes()
    app = QApplication(sys.argv)
    # anything after that: MapView calls maps.scheme.map_profile() itself

URLs served (all from disk or memory, never from a network):

* ``arm://assets/<library>/<path>``  Leaflet, leaflet-geoman, our JS/CSS (maps.assets)
* ``arm://page/<key>.html``          a page built by maps.page and registered here
* ``arm://data/regions.geojson``     the shipped regions of Kazakhstan
* ``arm://tiles/<name>/<z>/<x>/<y>`` a tile from a registered MBTiles file
* ``arm://basemap/<z>/<x>/<y>.pbf``  a vector tile of the imported OSM basemap
  (``arm map import``; the import in use is looked up per request, so a new
  import shows without a restart); gzip is undone here, the page gets plain MVT
"""

from __future__ import annotations

import gzip
import logging
import os
import threading
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QIODevice, QObject, Qt
from PySide6.QtWebEngineCore import (
    QWebEngineProfile,
    QWebEngineUrlRequestJob,
    QWebEngineUrlScheme,
    QWebEngineUrlSchemeHandler,
)

from maps import assets
from maps.mbtiles import MBTiles

log = logging.getLogger("arm.maps.scheme")

SCHEME = b"arm"
_registered = False


def register_schemes() -> None:
    """Declare the ``arm://`` scheme to QtWebEngine; call once BEFORE QApplication.

    Also turns on the OpenGL context sharing that QtWebEngine needs and, when
    running as root (containers, CI), disables Chromium's sandbox which refuses
    to start as root otherwise.
    """
    global _registered
    if _registered:
        return
    if QCoreApplication.instance() is not None:
        raise RuntimeError("maps.scheme.register_schemes() must run before the QApplication is created")
    scheme = QWebEngineUrlScheme(SCHEME)
    scheme.setSyntax(QWebEngineUrlScheme.Syntax.Host)
    # Neither SecureScheme nor LocalScheme: a secure origin would auto-upgrade the
    # intranet tile server's http:// images to https, and a local one may not load
    # remote URLs at all. What the page may load is decided by maps.guard instead.
    scheme.setFlags(
        QWebEngineUrlScheme.Flag.LocalAccessAllowed
        | QWebEngineUrlScheme.Flag.CorsEnabled
        | QWebEngineUrlScheme.Flag.FetchApiAllowed
    )
    QWebEngineUrlScheme.registerScheme(scheme)
    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
    # The web view's frames are composited by Qt Quick on the GUI thread. Through
    # OpenGL on a machine without a GPU (llvmpipe: VMs, many desk PCs) the GUI
    # thread waits for the rasteriser threads and stalls under load; the software
    # scene graph does not (bench/map.py: p99 stall 95 ms -> 14 ms). A 2D map needs
    # no GPU. Set QT_QUICK_BACKEND yourself (e.g. "opengl") to override.
    os.environ.setdefault("QT_QUICK_BACKEND", "software")
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")
    _registered = True


class ArmSchemeHandler(QWebEngineUrlSchemeHandler):
    """Answers every ``arm://`` request from disk, from memory or from MBTiles."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pages: dict[str, bytes] = {}
        self._tiles: dict[str, MBTiles] = {}
        self._lock = threading.Lock()
        self._basemap: tuple[Path, MBTiles] | None = None
        self.served = 0

    # -- content registration
    def set_page(self, key: str, html: str) -> str:
        """Register a page; returns its URL (``arm://page/<key>.html``)."""
        with self._lock:
            self._pages[key] = html.encode("utf-8")
        return f"arm://page/{key}.html"

    def add_mbtiles(self, path: str | Path, name: str | None = None) -> MBTiles:
        tiles = MBTiles(path, name)
        with self._lock:
            old = self._tiles.get(tiles.name)
            self._tiles[tiles.name] = tiles
        if old is not None and old.path != tiles.path:
            old.close()
        return tiles

    def basemap(self) -> MBTiles | None:
        """The vector basemap of the import in use (reopened when a new import replaced it)."""
        from arm.geo.store import basemap_path

        path = basemap_path()
        with self._lock:
            current = self._basemap
            if path is None:
                self._basemap = None
                return None
            if current is not None and current[0] == path:
                return current[1]
            try:
                tiles = MBTiles(path, "basemap")
            except (OSError, ValueError):
                log.exception("imported basemap unreadable: %s", path)
                return None
            self._basemap = (path, tiles)
        if current is not None:
            current[1].close()
        return tiles

    def mbtiles(self) -> dict[str, MBTiles]:
        with self._lock:
            return dict(self._tiles)

    # -- request handling
    def requestStarted(self, job: QWebEngineUrlRequestJob) -> None:
        url = job.requestUrl()
        host = url.host()
        parts = [p for p in url.path().split("/") if p]
        try:
            found = self._lookup(host, parts)
        except Exception:
            log.exception("arm:// request failed: %s", url.toString())
            job.fail(QWebEngineUrlRequestJob.Error.RequestFailed)
            return
        if found is None:
            log.debug("arm:// not found: %s", url.toString())
            job.fail(QWebEngineUrlRequestJob.Error.UrlNotFound)
            return
        mime, data = found
        buf = QBuffer(job)
        buf.setData(QByteArray(data))
        buf.open(QIODevice.OpenModeFlag.ReadOnly)
        self.served += 1
        job.reply(mime, buf)

    def _lookup(self, host: str, parts: list[str]) -> tuple[bytes, bytes] | None:
        if host == "assets" and len(parts) >= 2:
            path = assets.resolve(parts[0], "/".join(parts[1:]))
            return (assets.mime_type(path.name), path.read_bytes()) if path else None
        if host == "page" and len(parts) == 1 and parts[0].endswith(".html"):
            with self._lock:
                page = self._pages.get(parts[0][: -len(".html")])
            return (b"text/html;charset=utf-8", page) if page is not None else None
        if host == "data" and parts == ["regions.geojson"]:
            return b"application/json", assets.REGIONS_FILE.read_bytes()
        if host == "basemap" and len(parts) == 3:
            base = self.basemap()
            if base is None:
                return None
            try:
                z, x, y = int(parts[0]), int(parts[1]), int(parts[2].split(".")[0])
            except ValueError:
                return None
            data = base.tile(z, x, y)
            if data is None:
                # no tile there: an empty vector tile, not an error (the renderer logs errors)
                return b"application/x-protobuf", b""
            if data[:2] == b"\x1f\x8b":
                data = gzip.decompress(data)
            return b"application/x-protobuf", data
        if host == "tiles" and len(parts) == 4:
            with self._lock:
                source = self._tiles.get(parts[0])
            if source is None:
                return None
            try:
                z, x, y = int(parts[1]), int(parts[2]), int(parts[3].split(".")[0])
            except ValueError:
                return None
            data = source.tile(z, x, y)
            return (source.mime(), data) if data is not None else None
        return None


_profile: QWebEngineProfile | None = None
_handler: ArmSchemeHandler | None = None


def scheme_handler() -> ArmSchemeHandler:
    """The handler installed on the map profile (created with it)."""
    map_profile()
    assert _handler is not None
    return _handler


def map_profile() -> QWebEngineProfile:
    """The off-the-record profile every map view uses, with the handler and the guard.

    Off-the-record: no disk cache or cookies, nothing personal left on disk.
    The request guard (maps.guard.OfflineGuard) is installed here so no map
    view can ever load anything outside the allowed sources.
    """
    global _profile, _handler
    if _profile is None:
        from maps.guard import OfflineGuard

        app = QCoreApplication.instance()
        _profile = QWebEngineProfile(app)
        _handler = ArmSchemeHandler(_profile)
        _profile.installUrlSchemeHandler(SCHEME, _handler)
        _profile.setUrlRequestInterceptor(OfflineGuard.instance(_profile))
    return _profile
