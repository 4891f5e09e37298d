"""The page's own controls: the scale is metric only, Leaflet's English titles are replaced by ours."""

from __future__ import annotations

from typing import Any

from tests.maps.conftest import js


def test_scale_is_metric_and_layers_button_is_ours(db: Any, make_ctx: Any, open_map: Any, qtbot: Any) -> None:
    view = open_map(make_ctx(db))
    qtbot.waitUntil(lambda: js(qtbot, view, "document.querySelectorAll('.leaflet-control-scale-line').length") == 1,
                    timeout=5000)
    scale = js(qtbot, view, "document.querySelector('.leaflet-control-scale').innerText")
    assert ("km" in scale or " m" in scale) and "ft" not in scale and "mi" not in scale
    title = js(qtbot, view, "document.querySelector('.leaflet-control-layers-toggle').title")
    assert title == view.tr("Map layers") and title != "Layers"
    assert js(qtbot, view, "document.querySelector('.leaflet-control-zoom-in').title") == view.tr("Zoom in")
    # a language switch sends the new words without rebuilding the page
    js(qtbot, view, "ARM.setI18n(Object.assign({}, {layers: 'Карта қабаттары'}))")
    assert js(qtbot, view, "document.querySelector('.leaflet-control-layers-toggle').title") == "Карта қабаттары"
