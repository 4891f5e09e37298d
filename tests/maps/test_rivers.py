"""The main rivers and lakes shipped with the application (GSHHG, ``maps/tools/rivers.py``), and their layer on the page."""

from __future__ import annotations

import json
import math
import shutil
from pathlib import Path
from typing import Any

import pytest
from shapely.geometry import LineString, Point, shape

from maps import assets
from maps.tools import rivers as tool
from tests.maps.conftest import js

#: (name, lat, lon, km): a point on the river's bank in a town it flows through, and how far the
#: simplified line may be (the towns' centres are given; a reservoir shore for Kapchagay)
ON_RIVERS = [
    ("Irtysh at Pavlodar", 52.29, 76.95, 3),
    ("Irtysh at Semey", 50.41, 80.25, 3),
    ("Ili at Kapchagay", 43.88, 77.07, 8),
    ("Syr Darya at Kyzylorda", 44.85, 65.51, 4),
    ("Ural at Oral", 51.23, 51.37, 8),
    ("Ural at Atyrau", 47.11, 51.88, 4),
    ("Ishim at Astana", 51.13, 71.43, 3),
    ("Tobol at Kostanay", 53.21, 63.62, 3),
    ("Nura at Temirtau", 50.06, 72.96, 8),
]
#: points inside lakes of 500 km² or more
IN_LAKES = [("Balkhash, west", 46.5, 74.5), ("Balkhash, east", 46.6, 78.5), ("Zaysan", 48.0, 84.0),
            ("Alakol", 46.1, 81.7), ("Kapchagay", 43.9, 77.5), ("Tengiz", 50.4, 69.0), ("Issyk-Kul", 42.45, 77.3)]
#: no water drawn: the Aral Sea (GSHHG's shore is decades old), Astana, the Betpak-Dala desert
DRY = [("Aral, south basin of old", 45.0, 60.0), ("Aral, north", 46.5, 61.0), ("Astana", 51.13, 71.43),
       ("Betpak-Dala", 45.5, 69.5)]


def _km(line: Any, lat: float, lon: float) -> tuple[float, float]:
    """Distance (km) from (lat, lon) to a lon/lat line, and the line's length (km), on a local plane."""
    k = math.cos(math.radians(lat))

    def plane(coords: Any) -> LineString:
        return LineString([((x - lon) * 111.32 * k, (y - lat) * 110.57) for x, y in coords])

    local = plane(line.coords)
    return local.distance(Point(0, 0)), local.length


@pytest.fixture(scope="module")
def data() -> dict[str, Any]:
    assert assets.RIVERS_FILE.is_file(), "resources/map/rivers/kz_rivers.geojson missing: run `make rivers`"
    return json.loads(assets.RIVERS_FILE.read_text(encoding="utf-8"))


def _rivers(data: dict[str, Any]) -> list[Any]:
    return [shape(f["geometry"]) for f in data["features"] if f["geometry"]["type"] == "LineString"]


def _lakes(data: dict[str, Any]) -> list[Any]:
    return [shape(f["geometry"]) for f in data["features"] if f["geometry"]["type"] == "Polygon"]


def test_resource_is_geojson_lines_inside_the_bbox(data: dict[str, Any]) -> None:
    assert data["type"] == "FeatureCollection"
    assert "GSHHG" in data["source"] and "LGPL" in data["source"]
    feats = data["features"]
    lines = [f for f in feats if f["geometry"]["type"] == "LineString"]
    lakes = [f for f in feats if f["geometry"]["type"] == "Polygon"]
    assert len(lines) + len(lakes) == len(feats)
    assert 60 <= len(lines) <= 400 and 5 <= len(lakes) <= 60
    assert {f["properties"]["level"] for f in lines} == {1, 2, 3}
    assert all(f["properties"] == {"lake": True} for f in lakes)
    assert feats[:len(lakes)] == lakes  # lakes first: drawn under the rivers
    west, east, south, north = tool.BBOX
    for f in feats:
        assert f["type"] == "Feature"
        coords = f["geometry"]["coordinates"] if f in lines else f["geometry"]["coordinates"][0]
        assert len(coords) >= (2 if f in lines else 4)
        assert all(west <= x <= east and south <= y <= north for x, y in coords)
        assert all(a != b for a, b in zip(coords, coords[1:], strict=False))  # no repeated vertex
        geom = shape(f["geometry"])
        assert geom.is_valid and (geom.length > 0 if f in lines else geom.area > 0.02)  # 0.02 deg² ≈ 150 km²
        if f in lakes:
            assert coords[0] == coords[-1]
    # compact enough to sit inside the page
    assert assets.RIVERS_FILE.stat().st_size < 250_000


@pytest.mark.parametrize(("name", "lat", "lon", "km"), ON_RIVERS, ids=[r[0] for r in ON_RIVERS])
def test_main_rivers_are_where_they_flow(data: dict[str, Any], name: str, lat: float, lon: float, km: float) -> None:
    dist, length = min(_km(line, lat, lon) for line in _rivers(data))
    assert dist <= km, f"{name}: nearest river line {dist:.1f} km away"
    # the pieces GSHHG stores per bin were joined again: a long river, not a 1° fragment
    assert length > 250, f"{name}: the line there is only {length:.0f} km long"


def test_no_river_where_there_is_none(data: dict[str, Any]) -> None:
    lines = _rivers(data)
    # the middle of the Betpak-Dala desert and the middle of Lake Balkhash
    for lat, lon in ((45.5, 69.5), (46.5, 74.5)):
        assert min(_km(line, lat, lon)[0] for line in lines) > 50


@pytest.mark.parametrize(("name", "lat", "lon"), IN_LAKES, ids=[r[0] for r in IN_LAKES])
def test_lakes_are_where_they_are(data: dict[str, Any], name: str, lat: float, lon: float) -> None:
    assert any(lake.contains(Point(lon, lat)) for lake in _lakes(data)), name


@pytest.mark.parametrize(("name", "lat", "lon"), DRY, ids=[r[0] for r in DRY])
def test_no_lake_where_there_is_no_water(data: dict[str, Any], name: str, lat: float, lon: float) -> None:
    assert not any(lake.distance(Point(lon, lat)) < 0.3 for lake in _lakes(data)), name


GMT_TEXT = """> River Bin # 10, Level 1
70.0\t50.0
70.5\t50.2
71.0\t50.0
> River Bin # 11, Level 1
71.0\t50.0
71.5\t50.1
> River Bin # 11, Level 2
72.0\t51.0
72.0005\t51.0004
72.001\t51.0
72.3\t51.2
> River Bin # 12, Level 2
72.3\t51.2
"""


def test_tool_joins_bin_pieces_and_simplifies() -> None:
    segments = tool.parse_segments(GMT_TEXT)
    assert [(lv, len(p)) for lv, p in segments] == [(1, 3), (1, 2), (2, 4)]  # a one-point piece is dropped
    by_level: dict[int, list[list[tuple[float, float]]]] = {}
    for lv, points in segments:
        by_level.setdefault(lv, []).append(points)
    out = tool.build(by_level)
    assert [f["properties"]["level"] for f in out["features"]] == [1, 2]
    assert out["features"][0]["geometry"]["coordinates"] == [[70.0, 50.0], [70.5, 50.2], [71.0, 50.0], [71.5, 50.1]]
    # the 50 m wiggle is simplified away
    assert out["features"][1]["geometry"]["coordinates"] == [[72.0, 51.0], [72.3, 51.2]]


LAKE_TEXT = """> Shore Bin # 20, Level 2
70.0\t48.0
70.0\t48.5
70.5\t48.5
> Shore Bin # 21, Level 2
70.5\t48.5
70.5\t48.0
70.0\t48.0
> Shore Bin # 21, Level 3
70.2\t48.2
70.3\t48.2
70.3\t48.3
70.2\t48.2
> Shore Bin # 30, Level 2
60.0\t45.0
60.5\t45.0
60.5\t45.5
60.0\t45.0
"""


def test_tool_closes_lake_shores_and_leaves_out_the_aral() -> None:
    lakes = tool.lake_features(tool.parse_segments(LAKE_TEXT))
    # the two halves cut at a bin edge are one lake; the island (level 3) is not a lake; the Aral is left out
    assert lakes == [{"type": "Feature", "properties": {"lake": True}, "geometry": {"type": "Polygon", "coordinates": [
        [[70.0, 48.0], [70.0, 48.5], [70.5, 48.5], [70.5, 48.0], [70.0, 48.0]]]}}]
    out = tool.build({}, lakes=lakes)
    assert out["features"] == lakes


@pytest.mark.skipif(shutil.which("gmt") is None or not Path("/usr/share/gmt-gshhg/binned_river_h.nc").is_file(),
                    reason="gmt and gmt-gshhg-high are build-time packages (make rivers), not in CI")
def test_committed_file_is_what_the_tool_makes(tmp_path: Path, data: dict[str, Any]) -> None:
    out = tmp_path / "rivers.geojson"
    tool.main(["--out", str(out)])
    assert json.loads(out.read_text(encoding="utf-8")) == data


# -- the page


def _bluish(img: Any, x: float, y: float, r: int = 3) -> bool:
    for dx in range(-r, r + 1):
        for dy in range(-r, r + 1):
            c = img.pixelColor(int(x) + dx, int(y) + dy)
            if c.blue() - c.red() > 50 and c.blue() > 150:
                return True
    return False


@pytest.mark.gui
def test_page_draws_the_rivers_under_the_labels_offline(db: Any, make_ctx: Any, open_map: Any, qtbot: Any,
                                                        data: dict[str, Any]) -> None:
    from maps.guard import OfflineGuard

    guard = OfflineGuard.instance()
    guard.requested.clear()
    guard.blocked.clear()
    view = open_map(make_ctx(db))
    assert js(qtbot, view, "ARM.layers.riversCount()") == len(data["features"])
    # the Irtysh at Pavlodar: a vertex of the level-1 line nearest the town
    irtysh = [c for f in data["features"] if f["properties"].get("level") == 1 for c in f["geometry"]["coordinates"]]
    lon, lat = min(irtysh, key=lambda c: (c[0] - 76.95) ** 2 + (c[1] - 52.29) ** 2)
    view.center_on(lat, lon, 7)
    qtbot.waitUntil(lambda: js(qtbot, view, "ARM.layers.zoom()") == 7, timeout=5_000)
    qtbot.waitUntil(lambda: js(qtbot, view, "ARM.layers.riversShown()") >= 40, timeout=5_000)
    x, y = js(qtbot, view, f"ARM.layers.containerPoint({lat}, {lon})")
    qtbot.waitUntil(lambda: _bluish(view.view.grab().toImage(), x, y), timeout=5_000)
    # the lines never catch the mouse: what is under a river is the regions layer (its tooltip works)
    under = js(qtbot, view, f"(function(){{ const r = document.querySelector('.leaflet-container').getBoundingClientRect();"
                            f" const e = document.elementFromPoint(r.left + {x}, r.top + {y});"
                            f" return e ? (e.closest('.leaflet-pane') || {{}}).className || e.tagName : null; }})()")
    assert "armRivers" not in (under or "")
    # the settlements are drawn above the rivers
    z_places, z_rivers = js(qtbot, view, "[+document.querySelector('.leaflet-armPlaces-pane').style.zIndex,"
                                         " +document.querySelector('.leaflet-armRivers-pane').style.zIndex]")
    assert z_rivers < z_places
    # switched off in the layer button: the same place is no longer blue
    assert js(qtbot, view, "ARM.layers.showRivers(false)") == -1
    qtbot.waitUntil(lambda: not _bluish(view.view.grab().toImage(), x, y), timeout=5_000)
    assert js(qtbot, view, "ARM.layers.showRivers(true)") >= 40
    # Lake Balkhash is filled with the water colour, and not when the overlay is off
    view.center_on(46.5, 74.5, 7)
    qtbot.waitUntil(lambda: js(qtbot, view, "ARM.layers.zoom()") == 7, timeout=5_000)
    bx, by = js(qtbot, view, "ARM.layers.containerPoint(46.5, 74.5)")

    def lake_colour() -> bool:
        c = view.view.grab().toImage().pixelColor(int(bx), int(by))
        return (abs(c.red() - 0xA9) + abs(c.green() - 0xCB) + abs(c.blue() - 0xE8)) < 12

    qtbot.waitUntil(lake_colour, timeout=5_000)
    js(qtbot, view, "ARM.layers.showRivers(false)")
    qtbot.waitUntil(lambda: not lake_colour(), timeout=5_000)
    js(qtbot, view, "ARM.layers.showRivers(true)")
    # the whole country: the major rivers and the lakes only; street zoom: none (they are simplified to ~400 m)
    view.center_on(48.0, 67.5, 4)
    qtbot.waitUntil(lambda: js(qtbot, view, "ARM.layers.riversShown()") == sum(
        1 for f in data["features"] if f["properties"].get("level", 0) <= 2), timeout=5_000)
    view.center_on(lat, lon, 13)
    qtbot.waitUntil(lambda: js(qtbot, view, "ARM.layers.riversShown()") == 0, timeout=5_000)
    # inside the page, not fetched; nothing outside asked for
    requested = list(guard.requested)
    assert not [u for u in requested if "river" in u]
    assert [u for u in requested if not u.startswith(("arm://", "qrc:", "data:", "blob:", "about:"))] == []
    assert list(guard.blocked) == []


def test_attribution_names_the_rivers_source() -> None:
    from maps.page import PageLabels, attribution_text

    assert attribution_text(PageLabels()).endswith(" | Rivers © GSHHG (LGPL)")
