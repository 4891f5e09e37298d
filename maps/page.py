"""Build the map page with folium, with every asset pointing at ``arm://``.

folium's templates link Leaflet, jQuery, Bootstrap and friends from CDNs. The
page here replaces the Map's asset lists with local ``arm://assets`` URLs, adds
only what the map uses, and finally refuses (``PageNotOffline``) any page that
still names an ``http(s)`` URL other than the user's own tile server.
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from typing import Any

import folium
from branca.element import MacroElement
from jinja2 import Template

from maps import assets
from maps.mbtiles import MBTilesInfo
from maps.settings import MapSettings

LEAFLET_JS = "arm://assets/leaflet/leaflet.js"
LEAFLET_CSS = "arm://assets/leaflet/leaflet.css"
GEOMAN_JS = "arm://assets/geoman/leaflet-geoman.min.js"
GEOMAN_CSS = "arm://assets/geoman/leaflet-geoman.css"
QWEBCHANNEL_JS = "qrc:///qtwebchannel/qwebchannel.js"
ARM_JS = "arm://assets/arm/js/arm_map.js"
ARM_BASEMAP_JS = "arm://assets/arm/js/arm_basemap.js"
PROTOMAPS_JS = "arm://assets/protomaps/protomaps-leaflet.js"
BASEMAP_URL = "arm://basemap/{z}/{x}/{y}.pbf"
ARM_CSS = "arm://assets/arm/css/arm_map.css"
REGIONS_ATTRIBUTION = "Regions © amCharts geodata (free linkware licence)"
PLACES_ATTRIBUTION = "Settlements © GeoNames (CC BY 4.0)"
RIVERS_ATTRIBUTION = "Rivers © GSHHG (LGPL)"  # lakes too: kept short, the line must fit one row

_URL_RE = re.compile(r"""(?:src|href)\s*=\s*["'](https?://[^"']+)["']""")


class PageNotOffline(RuntimeError):
    """The built page still refers to an internet URL (a template changed)."""


@dataclass(frozen=True, slots=True)
class PageLabels:
    """Translated layer names (the widget translates; this module is Qt-free)."""

    regions: str = "Regions of Kazakhstan (offline)"
    borders: str = "Region borders"
    tile_server: str = "Tile server"
    mbtiles: str = "Offline tiles: {name}"
    basemap: str = "Imported map (streets, addresses)"
    places: str = "Settlements"
    rivers: str = "Rivers and lakes"
    #: the attribution's words (proper names and licence names stay as they are)
    regions_attribution: str = REGIONS_ATTRIBUTION
    places_attribution: str = PLACES_ATTRIBUTION
    rivers_attribution: str = RIVERS_ATTRIBUTION
    #: the imported basemap's source (ODbL asks for it; OSM allows it translated)
    basemap_attribution: str = "© OpenStreetMap contributors"


def attribution_text(labels: PageLabels) -> str:
    """The line in the map's corner: the map library and the sources of the offline layers."""
    return ("Leaflet | " + labels.regions_attribution
            + (" | " + labels.places_attribution if assets.PLACES_FILE.is_file() else "")
            + (" | " + labels.rivers_attribution if assets.RIVERS_FILE.is_file() else ""))


class ArmMapScript(MacroElement):
    """Loads our scripts and hands the folium map object to ``ARM.init``."""

    default_js = [("qwebchannel", QWEBCHANNEL_JS), ("geoman", GEOMAN_JS), ("protomaps", PROTOMAPS_JS),
                  ("arm_map", ARM_JS), ("arm_basemap", ARM_BASEMAP_JS)]
    default_css = [("geoman_css", GEOMAN_CSS), ("arm_map_css", ARM_CSS)]
    _template = Template(
        """{% macro script(this, kwargs) %}
        ARM.init({{ this._parent.get_name() }}, {{ this.options_json }});
        ARM.layers.init({{ this._parent.get_name() }}, {{ this.control_name }}, {{ this.options_json }});
        {% endmacro %}"""
    )

    def __init__(self, options: dict[str, Any], control_name: str = "null") -> None:
        super().__init__()
        self._name = "ArmMapScript"
        self.options_json = json.dumps(options)
        self.control_name = control_name

    def render(self, **kwargs: Any) -> None:
        figure = self.get_root()
        for name, url in self.default_js:
            figure.header.add_child(folium.JavascriptLink(url), name=name)
        for name, url in self.default_css:
            figure.header.add_child(folium.CssLink(url), name=name)
        super().render(**kwargs)


@functools.cache
def _places() -> list[Any]:
    """The shipped settlements (GeoJSON features), put into the page itself: no request, no race on close."""
    if not assets.PLACES_FILE.is_file():
        return []
    return list(json.loads(assets.PLACES_FILE.read_text(encoding="utf-8")).get("features", []))


@functools.cache
def _rivers() -> list[Any]:
    """The shipped main rivers (LineStrings, ``level`` 1-3) and lakes (Polygons), in the page like the settlements."""
    if not assets.RIVERS_FILE.is_file():
        return []
    return list(json.loads(assets.RIVERS_FILE.read_text(encoding="utf-8")).get("features", []))


def _regions() -> dict[str, Any]:
    return json.loads(assets.REGIONS_FILE.read_text(encoding="utf-8"))


def build_page(
    cfg: MapSettings,
    mbtiles: list[MBTilesInfo] | None = None,
    labels: PageLabels | None = None,
    options: dict[str, Any] | None = None,
    basemap: bool = False,
) -> str:
    """The complete HTML of the map page (loaded from ``arm://page/...``).

    ``basemap``: an imported OSM basemap exists (``arm map import``); it is added
    as a base layer drawn by protomaps-leaflet from ``arm://basemap/...``.
    ``options["baseLayer"]`` is the key of the base layer the desk chose last
    ("basemap", "regions", "server", "mbtiles:<name>"), shown first if it exists.
    """
    labels = labels or PageLabels()
    mbtiles = mbtiles or []
    m = folium.Map(
        location=list(cfg.center),
        zoom_start=cfg.zoom,
        tiles=None,
        prefer_canvas=True,
        control_scale=False,  # a metric-only scale bar is added by arm_basemap.js (folium's shows feet and miles)
        min_zoom=3,
        max_zoom=19,
        world_copy_jump=False,
    )
    # The only two assets folium itself needs, from the installed package.
    m.default_js = [("leaflet", LEAFLET_JS)]
    m.default_css = [("leaflet_css", LEAFLET_CSS)]

    default_base = "mbtiles" if mbtiles else ("server" if cfg.tile_url else "regions")
    regions = _regions()
    folium.GeoJson(
        regions,
        name=labels.regions,
        overlay=False,
        show=default_base == "regions",
        style_function=lambda f: {
            "color": "#5b6f86",
            "weight": 1.2,
            "fillColor": "#eef1e6" if f["properties"].get("type") == "Region" else "#e2d9c8",
            "fillOpacity": 1.0,
        },
        highlight_function=lambda f: {"fillColor": "#e3ead2"},
        tooltip=folium.GeoJsonTooltip(fields=["name"], labels=False, sticky=True),
        attr=labels.regions_attribution,
        smooth_factor=1.0,
    ).add_to(m)
    if cfg.tile_url and not cfg.tile_url_error():
        folium.TileLayer(
            tiles=cfg.tile_url,
            attr=cfg.tile_attribution or labels.tile_server,
            name=labels.tile_server,
            overlay=False,
            show=default_base == "server",
            max_zoom=19,
        ).add_to(m)
    for i, info in enumerate(mbtiles):
        folium.TileLayer(
            tiles=f"arm://tiles/{info.name}/{{z}}/{{x}}/{{y}}",
            attr=info.attribution or info.name,
            name=labels.mbtiles.format(name=info.name),
            overlay=False,
            show=default_base == "mbtiles" and i == 0,
            min_zoom=0,
            max_native_zoom=info.max_zoom,
            max_zoom=19,
        ).add_to(m)
    folium.GeoJson(
        regions,
        name=labels.borders,
        overlay=True,
        show=default_base != "regions",
        style_function=lambda f: {"color": "#46607a", "weight": 1.5, "fill": False, "dashArray": "6 4"},
        attr=labels.regions_attribution,
    ).add_to(m)
    control = folium.LayerControl(position="topright", collapsed=True)
    control.add_to(m)
    base_keys = {labels.regions: "regions", labels.tile_server: "server"}
    base_keys.update({labels.mbtiles.format(name=info.name): f"mbtiles:{info.name}" for info in mbtiles})
    opts = {
        "clusterBelowZoom": cfg.cluster_below_zoom,
        "staleAfterS": cfg.stale_after_s,
        "defaultBase": default_base,
        "attribution": attribution_text(labels),
        "baseKeys": base_keys,
        "basemap": {"url": BASEMAP_URL, "attribution": labels.basemap_attribution} if basemap else None,
        "places": _places(),
        "rivers": _rivers(),
    }
    opts.update(options or {})
    # "layerNames", not "layers": that key is the layer button's title (ARM.setI18n)
    opts.setdefault("i18n", {})["layerNames"] = {"basemap": labels.basemap, "places": labels.places,
                                                  "rivers": labels.rivers}
    ArmMapScript(opts, control.get_name()).add_to(m)
    html = m.get_root().render()
    check_offline(html, cfg.tile_url)
    return html


def check_offline(html: str, tile_url: str = "") -> None:
    """Raise PageNotOffline if the page links any internet asset."""
    bad = [u for u in _URL_RE.findall(html)]
    if bad:
        raise PageNotOffline(f"map page links internet assets: {bad}")
    urls = set(re.findall(r"https?://[^\s\"'<>)]+", html))
    allowed = {tile_url} if tile_url else set()
    # Attribution links and SVG namespaces are text, not requests; tile URLs are allowed.
    stray = {u for u in urls if u not in allowed and "w3.org" not in u}
    if stray:
        raise PageNotOffline(f"map page names internet URLs: {sorted(stray)}")
