"""Replay controls under the map: time slider, play/pause, speed, GPX/GeoJSON export."""

from __future__ import annotations

import logging
from datetime import timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QLocale, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QSizePolicy,
    QSlider,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from arm.geo import describe
from maps.bridge import MapBridge
from maps.track import Track
from maps.track_export import to_geojson, to_gpx

log = logging.getLogger("arm.maps.track")

SPEEDS = (1, 10, 60, 300, 1800)
TICK_MS = 100


class TrackPanel(QWidget):
    """Drives ``ARM.track`` in the page; the panel is the only owner of the replay clock."""

    closed = Signal()
    indexChanged = Signal(int)

    def __init__(self, bridge: MapBridge, format_time: Any = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._bridge = bridge
        self._format_time = format_time or (lambda t: t.strftime("%d.%m.%Y %H:%M:%S"))
        self.track: Track | None = None
        self.title = ""
        self._clock = None
        self._timer = QTimer(self)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self._tick)

        self.name_label = QLabel()
        self.name_label.setStyleSheet("font-weight: 600")
        self.play_button = QToolButton()
        self.play_button.setText(self.tr("Play"))
        self.play_button.setCheckable(True)
        self.play_button.toggled.connect(self._on_play)
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setMinimum(0)
        self.slider.valueChanged.connect(self._on_slider)
        self.time_label = QLabel("—")
        self.time_label.setMinimumWidth(150)
        # the current point's address (imported extract) and coordinates, selectable to copy
        self.place_label = QLabel()
        self.place_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.speed = QComboBox()
        for s in SPEEDS:
            self.speed.addItem(self.tr("{factor}×").format(factor=s), s)
        self.speed.setCurrentIndex(2)
        self.speed.setToolTip(self.tr("Replay speed"))
        self.legend = QLabel(self._legend_text())
        self.gpx_button = QToolButton()
        self.gpx_button.setText(self.tr("Export GPX…"))
        self.gpx_button.clicked.connect(lambda: self._export_dialog("gpx"))
        self.geojson_button = QToolButton()
        self.geojson_button.setText(self.tr("Export GeoJSON…"))
        self.geojson_button.clicked.connect(lambda: self._export_dialog("geojson"))
        self.close_button = QToolButton()
        self.close_button.setText(self.tr("Close track"))
        self.close_button.clicked.connect(self.close_track)

        self.slider.setMinimumWidth(120)
        # a long name or legend must not widen the map (and push the docks off screen): they wrap or clip
        self.name_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.legend.setWordWrap(True)
        self.legend.setMinimumWidth(120)
        rows = QVBoxLayout(self)
        rows.setContentsMargins(6, 2, 6, 2)
        rows.setSpacing(2)
        top = QHBoxLayout()
        for w in (self.play_button, self.speed, self.slider, self.time_label):
            top.addWidget(w)
        top.setStretchFactor(self.slider, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.name_label, 1)
        bottom.addWidget(self.place_label, 1)
        for w in (self.gpx_button, self.geojson_button, self.close_button):
            bottom.addWidget(w)
        rows.addLayout(top)
        rows.addLayout(bottom)
        rows.addWidget(self.legend)  # a row of its own: it wraps across the map's width, never widens it

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange and hasattr(self, "close_button"):
            self.retranslateUi()
        super().changeEvent(event)

    def retranslateUi(self) -> None:
        """The buttons and the legend in the language just switched to."""
        self.play_button.setText(self.tr("Play"))
        self.speed.setToolTip(self.tr("Replay speed"))
        for i in range(self.speed.count()):
            self.speed.setItemText(i, self.tr("{factor}×").format(factor=self.speed.itemData(i)))
        self.legend.setText(self._legend_text())
        self.gpx_button.setText(self.tr("Export GPX…"))
        self.geojson_button.setText(self.tr("Export GeoJSON…"))
        self.close_button.setText(self.tr("Close track"))

    def _legend_text(self) -> str:
        return self.tr(
            "<span style='color:#2e7d32'>●</span> good fix "
            "<span style='color:#f9a825'>●</span> poor GNSS "
            "<span style='color:#ef6c00'>●</span> cell "
            "<span style='color:#c62828'>●</span> no fix "
            "<span style='color:#b71c1c'>◉</span> violation"
        )

    # ------------------------------------------------------------ public
    def set_track(self, track: Track, title: str) -> None:
        self.stop()
        self.track = track
        self.title = title
        self.name_label.setText(title)
        self.name_label.setToolTip(title)
        n = len(track.points)
        self.slider.blockSignals(True)
        self.slider.setMaximum(max(0, n - 1))
        self.slider.setValue(0)
        self.slider.blockSignals(False)
        self.slider.setEnabled(n > 1)
        self.play_button.setEnabled(n > 1)
        for b in (self.gpx_button, self.geojson_button):
            b.setEnabled(n > 0)
        self._bridge.call("ARM.track.show", track.page_data())
        self._show_time(0)
        if n == 0:
            self.time_label.setText(self.tr("No positions in this period"))
        self.show()

    def set_index(self, index: int) -> None:
        self.slider.setValue(index)

    def play(self, speed: int | None = None) -> None:
        if speed is not None:
            i = self.speed.findData(speed)
            if i >= 0:
                self.speed.setCurrentIndex(i)
        self.play_button.setChecked(True)

    def stop(self) -> None:
        self.play_button.setChecked(False)

    @property
    def playing(self) -> bool:
        return self._timer.isActive()

    def export_to(self, path: str | Path, fmt: str) -> Path:
        """Write the shown track as ``gpx`` or ``geojson``; returns the path."""
        if self.track is None:
            raise ValueError("no track shown")
        text = to_gpx(self.track, self.title) if fmt == "gpx" else to_geojson(self.track, self.title)
        target = Path(path)
        target.write_text(text, encoding="utf-8")
        return target

    @Slot()
    def close_track(self) -> None:
        self.stop()
        self.track = None
        self._bridge.call("ARM.track.clear")
        self.hide()
        self.closed.emit()

    # ------------------------------------------------------------ internals
    def _on_slider(self, index: int) -> None:
        self._bridge.call("ARM.track.setIndex", index)
        self._show_time(index)
        self.indexChanged.emit(index)

    def _show_time(self, index: int) -> None:
        if self.track and self.track.points:
            p = self.track.points[index]
            self.time_label.setText(self._format_time(p.time))
            lang = QLocale().name()[:2]
            address = describe(p.lat, p.lon, lang if lang in ("ru", "kk") else "en")
            coords = f"{p.lat:.6f}, {p.lon:.6f}"
            self.place_label.setText(f"{address} ({coords})" if address else coords)

    def _on_play(self, on: bool) -> None:
        if on and self.track and len(self.track.points) > 1:
            if self.slider.value() >= self.slider.maximum():
                self.slider.setValue(0)
            self._clock = self.track.points[self.slider.value()].time
            self.play_button.setText(self.tr("Pause"))
            self._timer.start()
        else:
            self._timer.stop()
            self.play_button.setText(self.tr("Play"))
            if on:
                self.play_button.setChecked(False)

    def _tick(self) -> None:
        if self.track is None or self._clock is None:
            self.stop()
            return
        self._clock += timedelta(milliseconds=TICK_MS * int(self.speed.currentData()))
        index = self.track.index_at(self._clock)
        if index != self.slider.value():
            self.slider.setValue(index)
        if index >= len(self.track.points) - 1:
            self.stop()

    def _export_dialog(self, fmt: str) -> None:
        if self.track is None:
            return
        if fmt == "gpx":
            caption, filt, suffix = self.tr("Export track as GPX"), self.tr("GPX files (*.gpx)"), ".gpx"
        else:
            caption, filt, suffix = self.tr("Export track as GeoJSON"), self.tr("GeoJSON files (*.geojson)"), ".geojson"
        path, _ = QFileDialog.getSaveFileName(self, caption, f"track-{self.track.person_id}{suffix}", filt)
        if not path:
            return
        if not path.endswith(suffix):
            path += suffix
        try:
            self.export_to(path, fmt)
        except OSError as exc:
            QMessageBox.warning(self, caption, self.tr("The file could not be written: {error}").format(error=exc))
