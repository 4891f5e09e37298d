"""The map page may load only local files and the tile server the user set.

Every request the map profile makes passes through :class:`OfflineGuard`: it
records the URL (the test reads that record) and blocks anything that is not
``arm:``, ``qrc:``, ``data:``, ``blob:`` or ``about:``, or the origin of the
configured intranet tile server. A CDN URL slipping into a template therefore
fails visibly in the log instead of silently calling the internet.
"""

from __future__ import annotations

import logging
import threading
from collections import deque

from PySide6.QtCore import QObject, QUrl
from PySide6.QtWebEngineCore import QWebEngineUrlRequestInfo, QWebEngineUrlRequestInterceptor

log = logging.getLogger("arm.maps.guard")

LOCAL_SCHEMES = frozenset({"arm", "qrc", "data", "blob", "about"})


def origin_of(url: str) -> str:
    """``scheme://host[:port]`` of a URL template such as ``http://osm.lan/{z}/{x}/{y}.png``."""
    q = QUrl(url.replace("{", "").replace("}", ""))
    if not q.scheme() or not q.host():
        return ""
    port = q.port()
    return f"{q.scheme()}://{q.host()}" + (f":{port}" if port > 0 else "")


class OfflineGuard(QWebEngineUrlRequestInterceptor):
    """Records every URL the map requests and blocks those outside the allowed sources."""

    _instance: OfflineGuard | None = None

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lock = threading.Lock()
        self._allowed_origins: set[str] = set()
        self.requested: deque[str] = deque(maxlen=20000)
        self.blocked: deque[str] = deque(maxlen=1000)

    @classmethod
    def instance(cls, parent: QObject | None = None) -> OfflineGuard:
        if cls._instance is None:
            cls._instance = cls(parent)
        return cls._instance

    def allow_tile_server(self, url_template: str) -> None:
        """Allow the origin of the user's tile server (an empty template allows nothing)."""
        origin = origin_of(url_template)
        with self._lock:
            self._allowed_origins = {origin} if origin else set()

    def is_allowed(self, url: QUrl) -> bool:
        if url.scheme() in LOCAL_SCHEMES:
            return True
        port = url.port()
        origin = f"{url.scheme()}://{url.host()}" + (f":{port}" if port > 0 else "")
        with self._lock:
            return origin in self._allowed_origins

    def interceptRequest(self, info: QWebEngineUrlRequestInfo) -> None:
        url = info.requestUrl()
        text = url.toString()
        self.requested.append(text)
        if not self.is_allowed(url):
            self.blocked.append(text)
            log.warning("map request blocked (not an offline source): %s", text)
            info.block(True)
