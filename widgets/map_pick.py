"""A small map dialog: pick a point (a home, a circle's centre and radius) or look at a person's zones.

``widgets`` and ``maps`` are independent packages (import-linter), so the map
view is loaded by name at run time, as the main window's panels are. The page
draws a circle (click the centre, then the radius); its centre is the point,
its radius the radius. Nothing is written here: the caller saves through the
caseload services.
"""

from __future__ import annotations

import importlib
import logging
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPushButton, QVBoxLayout, QWidget

from widgets.fit import FitTitle

log = logging.getLogger("arm.gui.map_pick")

MAP_VIEW = ("maps.map_view", "MapView")


def make_map_view(ctx: Any, parent: QWidget) -> Any:
    """The map panel (``maps.map_view.MapView``), loaded by name."""
    module, name = MAP_VIEW
    return getattr(importlib.import_module(module), name)(ctx, parent)


class MapPickDialog(FitTitle, QDialog):
    """Click a point (and, for a circle, its radius) on the map; ``picked`` gives lat, lon, radius in metres."""

    picked = Signal(float, float, float)

    def __init__(self, ctx: Any, parent: QWidget | None = None, *, center: tuple[float, float] | None = None,
                 circle: bool = False) -> None:
        super().__init__(parent)
        self.setObjectName("MapPickDialog")
        self.ctx = ctx
        self.circle = circle
        self.point: tuple[float, float] | None = None
        self.radius_m = 0.0
        self.map_view = make_map_view(ctx, self)
        self.map_view.zoneGeometry.connect(self.on_geometry)
        self.hint = QLabel(self)
        self.hint.setObjectName("pickHint")
        self.hint.setWordWrap(True)
        self.result_label = QLabel(self)
        self.result_label.setObjectName("pickResult")
        self.again = QPushButton(self)
        self.again.clicked.connect(self.start)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.buttons.addButton(self.again, QDialogButtonBox.ButtonRole.ResetRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addWidget(self.map_view, 1)
        layout.addWidget(self.result_label)
        layout.addWidget(self.buttons)
        self.resize(900, 640)
        self.retranslateUi()
        self._ok().setEnabled(False)
        if center is not None:
            self.map_view.center_on(center[0], center[1], 16)
        self.start()

    def retranslateUi(self) -> None:
        self.setWindowTitle(self.tr("Pick on the map"))
        self.hint.setText(
            self.tr("Click the centre on the map, then click again at the radius.") if self.circle
            else self.tr("Click the place on the map, then click once more nearby to confirm it.")
        )
        self.again.setText(self.tr("Pick again"))

    def _ok(self) -> Any:
        return self.buttons.button(QDialogButtonBox.StandardButton.Ok)

    def start(self) -> None:
        self.map_view.bridge.call("ARM.zones.draw", "Circle")

    def on_geometry(self, drawn: dict[str, Any]) -> None:
        """The page's circle: its centre is the point, its radius the radius."""
        circle = drawn.get("circle") if isinstance(drawn, dict) else None
        try:
            lon, lat = float(circle["center"][0]), float(circle["center"][1])  # type: ignore[index]
            radius = float(circle.get("radius_m", 0.0))  # type: ignore[union-attr]
        except (TypeError, KeyError, ValueError, IndexError):
            return
        self.point, self.radius_m = (lat, lon), radius
        text = self.tr("Point {lat}, {lon}").format(lat=f"{lat:.6f}", lon=f"{lon:.6f}")
        if self.circle:
            text += self.tr(", radius {radius} m").format(radius=f"{radius:.0f}")
        self.result_label.setText(text)
        self._ok().setEnabled(True)

    def accept(self) -> None:
        if self.point is None:
            return
        self.picked.emit(self.point[0], self.point[1], self.radius_m)
        super().accept()

    def done(self, result: int) -> None:
        release = getattr(self.map_view, "release", None)
        if callable(release):
            release()
        super().done(result)


class ZonesMapDialog(FitTitle, QDialog):
    """A person's zones and home on the map (what the restrictions editor shows after a change)."""

    def __init__(self, ctx: Any, zones: list[dict[str, Any]], home: tuple[float, float] | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ZonesMapDialog")
        self.map_view = make_map_view(ctx, self)
        self.zones = zones
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.map_view, 1)
        layout.addWidget(close)
        self.setWindowTitle(self.tr("Restrictions on the map"))
        self.resize(900, 640)
        self.map_view.bridge.call("ARM.zones.show", zones)
        if home is not None:
            self.map_view.center_on(home[0], home[1], 14)

    def done(self, result: int) -> None:
        release = getattr(self.map_view, "release", None)
        if callable(release):
            release()
        super().done(result)
