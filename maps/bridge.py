"""The one road between Python and the map page.

Python -> page: :meth:`MapBridge.call` turns ``call("ARM.center", 43.2, 76.9)``
into ``ARM.center(43.2, 76.9);`` with every argument encoded by ``json.dumps``
(no string is ever pasted into JavaScript by hand). Calls made before the page
has said it is ready are queued and sent, in order, when it is; calls made in
one turn of the event loop go to the page in a single ``runJavaScript``.

Page -> Python: the page talks only to the QWebChannel object ``armBridge``
(:class:`PageEndpoint`), whose slots re-emit as Qt signals on MapBridge.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QTimer, Signal, Slot
from PySide6.QtWebChannel import QWebChannel
from PySide6.QtWebEngineCore import QWebEnginePage

log = logging.getLogger("arm.maps.bridge")

_FUNCTION = re.compile(r"^ARM(\.[A-Za-z_][A-Za-z0-9_]*)+$")


def js_call(function: str, *args: Any) -> str:
    """One JavaScript statement calling ``function`` with JSON-encoded arguments."""
    if not _FUNCTION.match(function):
        raise ValueError(f"not a map API function: {function!r}")
    encoded = ", ".join(json.dumps(a, ensure_ascii=False, allow_nan=False) for a in args)
    return f"{function}({encoded});"


class PageEndpoint(QObject):
    """The object the page sees as ``armBridge``: its slot names are the page's vocabulary.

    Signals carry other names than the slots so the channel never confuses them.
    """

    gotReady = Signal()
    gotMarker = Signal(int)
    gotZone = Signal(int)
    gotGeometry = Signal(str)
    gotTrackIndex = Signal(int)
    gotError = Signal(str)
    gotBaseLayer = Signal(str)
    gotAddressWanted = Signal(int, float, float)

    @Slot()
    def pageReady(self) -> None:
        self.gotReady.emit()

    @Slot(int)
    def markerClicked(self, person_id: int) -> None:
        self.gotMarker.emit(int(person_id))

    @Slot(int)
    def zoneClicked(self, zone_id: int) -> None:
        self.gotZone.emit(int(zone_id))

    @Slot(str)
    def zoneGeometry(self, text: str) -> None:
        self.gotGeometry.emit(text)

    @Slot(int)
    def trackIndexPicked(self, index: int) -> None:
        self.gotTrackIndex.emit(int(index))

    @Slot(str)
    def baseLayerChosen(self, key: str) -> None:
        self.gotBaseLayer.emit(str(key))

    @Slot(int, float, float)
    def addressWanted(self, person_id: int, lat: float, lon: float) -> None:
        self.gotAddressWanted.emit(int(person_id), float(lat), float(lon))

    @Slot(str)
    def jsError(self, text: str) -> None:
        log.error("map page error: %s", text)
        self.gotError.emit(text)


class MapBridge(QObject):
    """Queues, batches and sends calls to one map page; relays the page's signals."""

    ready = Signal()
    markerClicked = Signal(int)
    zoneClicked = Signal(int)
    zoneGeometry = Signal(dict)
    trackIndexPicked = Signal(int)
    jsError = Signal(str)
    baseLayerChosen = Signal(str)
    addressWanted = Signal(int, float, float)

    def __init__(self, page: QWebEnginePage, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._page = page
        self._ready = False
        self._queue: list[str] = []
        self._pending: list[str] = []
        self.sent_batches = 0
        self._endpoint = PageEndpoint(self)
        self._channel = QWebChannel(self)
        self._channel.registerObject("armBridge", self._endpoint)
        page.setWebChannel(self._channel)
        self._flush_timer = QTimer(self)
        self._flush_timer.setSingleShot(True)
        self._flush_timer.setInterval(0)
        self._flush_timer.timeout.connect(self.flush)
        self._endpoint.gotReady.connect(self._on_ready)
        self._endpoint.gotMarker.connect(self.markerClicked)
        self._endpoint.gotZone.connect(self.zoneClicked)
        self._endpoint.gotTrackIndex.connect(self.trackIndexPicked)
        self._endpoint.gotError.connect(self.jsError)
        self._endpoint.gotBaseLayer.connect(self.baseLayerChosen)
        self._endpoint.gotAddressWanted.connect(self.addressWanted)
        self._endpoint.gotGeometry.connect(self._on_geometry)
        page.loadStarted.connect(self._on_load_started)

    @property
    def is_ready(self) -> bool:
        return self._ready

    def call(self, function: str, *args: Any) -> None:
        """Call ``function(*args)`` in the page, now or as soon as it is ready."""
        stmt = js_call(function, *args)
        if not self._ready:
            self._queue.append(stmt)
            return
        self._pending.append(stmt)
        if not self._flush_timer.isActive():
            self._flush_timer.start()

    def flush(self) -> None:
        """Send everything pending as one script (one IPC round to the renderer)."""
        if not self._ready or not self._pending or not shiboken6.isValid(self._page):
            return
        script, self._pending = "\n".join(self._pending), []
        self.sent_batches += 1
        self._page.runJavaScript(script)

    def evaluate(self, expression: str, callback: Callable[[Any], None]) -> None:
        """Evaluate a read-only expression (tests, benchmarks); result to ``callback``."""
        self.flush()
        if shiboken6.isValid(self._page):
            self._page.runJavaScript(expression, 0, callback)

    def _on_load_started(self) -> None:
        # A (re)load forgets everything the old page had; the owner re-sends state on ready.
        self._ready = False
        self._pending.clear()

    def _on_ready(self) -> None:
        self._ready = True
        self._pending = self._queue + self._pending
        self._queue = []
        self.flush()
        self.ready.emit()

    def _on_geometry(self, text: str) -> None:
        try:
            data = json.loads(text)
        except ValueError:
            log.error("page sent malformed zone geometry: %.200s", text)
            return
        if isinstance(data, dict):
            self.zoneGeometry.emit(data)
