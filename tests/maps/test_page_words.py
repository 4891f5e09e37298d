"""The page's own controls: the scale is metric only, Leaflet's English titles are replaced by ours."""

from __future__ import annotations

import json
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


def test_attribution_words_are_in_the_interface_language(db: Any, make_ctx: Any, open_map: Any, qtbot: Any) -> None:
    """The corner line names the sources in Russian or Kazakh; amCharts, GeoNames and the licences stay as they are."""
    from widgets import i18n

    i18n.set_language("ru")
    try:
        view = open_map(make_ctx(db))
        corner = "document.querySelector('.leaflet-control-attribution').innerText"
        qtbot.waitUntil(lambda: "amCharts" in (js(qtbot, view, corner) or ""), timeout=5000)
        text = js(qtbot, view, corner)
        assert "Области © amCharts geodata (бесплатная лицензия linkware)" in text
        assert "Leaflet" in text and "Regions" not in text and "licence" not in text
        if "GeoNames" in text:
            assert "Населённые пункты © GeoNames (CC BY 4.0)" in text and "Settlements" not in text
        # a run-time switch (a track shown: the page is not rebuilt) replaces the line through ARM.setI18n;
        # here no track is shown, so the switch also rebuilds the page: wait for it, not to ask a page
        # that is still loading
        with qtbot.waitSignal(view.ready, timeout=30_000):
            i18n.set_language("kk")
        qtbot.waitUntil(lambda: "amCharts" in (js(qtbot, view, corner) or ""), timeout=5000)
        words = view._i18n()
        assert words["attribution"].startswith("Leaflet | Облыстар © amCharts geodata (тегін linkware лицензиясы)")
        js(qtbot, view, f"ARM.setI18n({json.dumps(words)})")
        text = js(qtbot, view, corner)
        assert "Облыстар © amCharts" in text and "Области" not in text and text.count("amCharts") == 1
    finally:
        i18n.set_language("en")
