"""Make ``resources/map/rivers/kz_rivers.geojson``: the main rivers and lakes drawn on the country map without any import.

Run by a developer (never by the application, and not in CI: the file is committed)::

    make rivers            # installs the two Debian packages below if missing, then runs this
    python -m maps.tools.rivers [--resolution h] [--levels 1,2]

Source: **GSHHG 2.3.7** (Wessel & Smith, https://www.soest.hawaii.edu/pwessel/gshhg/),
licence **LGPL-3.0-or-later**, whose river set is the CIA World Data Bank II (WDBII,
public domain) river layer. It comes from the Debian package ``gmt-gshhg-high``
(``/usr/share/gmt-gshhg/binned_river_h.nc``) and is read with the field's own tool,
``gmt coast`` from the Debian package ``gmt`` (GMT 6): ``gmt coast -I<level> -M -R…``
writes each river level as multi-segment text, so no netCDF decoding is done here.

WDBII river levels (``gmt coast -I``): 0 river-lakes (double-lined), 1 permanent
major rivers, 2 additional major rivers, 3 additional rivers, 4 minor rivers,
5–7 intermittent, 8–10 canals. Levels 1 to 3 are kept: the Irtysh (level 1), the
Ishim, Tobol, Ural, Syr Darya, Ili (level 2), the Nura, Chu, Karatal, Talas (level 3)
and the like, enough to see at country and region zoom where a dot is, without
clutter (103 lines, about 120 kB). GSHHG cuts every
river at the edges of its storage bins: the pieces are joined again
(:func:`shapely.ops.linemerge`) and simplified for country/region zoom
(:meth:`shapely.LineString.simplify`, about 400 m), coordinates rounded to
0.001° (about 100 m). GSHHG rivers have no names; the layer is drawn without labels.

The same file holds the **lakes** of 500 km² or more (GSHHG shoreline level 2,
``gmt coast -W2 -M -A500``: Balkhash, Zaysan/Bukhtarma, Alakol, Sasykkol, Tengiz,
Kapchagay, Shardara, Issyk-Kul and their neighbours), their pieces joined and
closed into polygons (:func:`shapely.ops.polygonize`). The **Aral Sea is left
out** on purpose: GSHHG has its shoreline of before the 1990s, about ten times
the water there is today, and the fragments of that old shore with it.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from shapely.geometry import LineString, MultiLineString, Polygon
from shapely.ops import linemerge, polygonize

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "resources" / "map" / "rivers" / "kz_rivers.geojson"
#: Kazakhstan and its surroundings: west, east, south, north (degrees)
BBOX = (46.0, 88.0, 40.0, 56.0)
LEVELS = (1, 2, 3)
#: degrees; ~400 m: under a pixel at zoom 8, and hardly seen at zoom 10-11 where the layer still shows
SIMPLIFY = 0.004
DIGITS = 3
#: lakes of at least this area (km², GSHHG's own polygon areas)
LAKE_MIN_KM2 = 500
#: west, east, south, north of the Aral Sea's old basin: no lake from there (GSHHG's shore is out of date)
ARAL = (57.5, 62.5, 43.0, 47.5)
SOURCE = ("GSHHG 2.3.7 rivers (WDBII) and lakes, LGPL-3.0-or-later, Debian package gmt-gshhg-high, "
          "exported with gmt coast (Debian package gmt)")

_HEADER = re.compile(r"^>.*Level\s+(\d+)")


def _gmt_coast(args: list[str]) -> str:
    gmt = shutil.which("gmt")
    if gmt is None:
        raise SystemExit("gmt not found: apt-get install -y gmt gmt-gshhg-high (or run `make rivers`)")
    with tempfile.TemporaryDirectory() as tmp:  # gmt leaves gmt.history in its working directory
        return subprocess.run([gmt, "coast", "-M", *args], check=True, capture_output=True, text=True,
                              cwd=tmp).stdout


def parse_segments(text: str) -> list[tuple[int, list[tuple[float, float]]]]:
    """``gmt coast -M`` output: ``> River Bin # N, Level L`` then ``lon<TAB>lat`` lines, per segment."""
    segments: list[tuple[int, list[tuple[float, float]]]] = []
    level = -1
    points: list[tuple[float, float]] = []
    for line in text.splitlines():
        if line.startswith(">"):
            if len(points) >= 2:
                segments.append((level, points))
            m = _HEADER.match(line)
            level = int(m.group(1)) if m else -1
            points = []
        elif line.strip():
            lon, lat = line.split()[:2]
            points.append((round(float(lon), 6), round(float(lat), 6)))
    if len(points) >= 2:
        segments.append((level, points))
    return segments


def export_level(level: int, resolution: str, bbox: tuple[float, float, float, float] = BBOX) -> str:
    """One river level of the bbox as ``gmt coast`` multi-segment text."""
    region = "/".join(f"{v:g}" for v in bbox)
    return _gmt_coast([f"-I{level}", f"-R{region}", f"-D{resolution}"])


def export_lakes(resolution: str, min_km2: int = LAKE_MIN_KM2, bbox: tuple[float, float, float, float] = BBOX) -> str:
    """The lake shores (GSHHG level 2) of the bbox, lakes of ``min_km2`` or more, as multi-segment text."""
    region = "/".join(f"{v:g}" for v in bbox)
    return _gmt_coast(["-W2", f"-A{min_km2}", f"-R{region}", f"-D{resolution}"])


def _round_ring(coords: Iterable[tuple[float, ...]], digits: int) -> list[list[float]]:
    out: list[list[float]] = []
    for x, y in coords:
        pt = [round(x, digits), round(y, digits)]
        if not out or out[-1] != pt:
            out.append(pt)
    return out


def lake_features(segments: list[tuple[int, list[tuple[float, float]]]], tolerance: float = SIMPLIFY,
                  digits: int = DIGITS, exclude: tuple[float, float, float, float] = ARAL) -> list[dict[str, Any]]:
    """Close the lake-shore pieces into polygons (islands, level 3, are not kept), the Aral's left out."""
    shores = [LineString(p) for lv, p in segments if lv == 2]
    if not shores:
        return []
    west, east, south, north = exclude
    features = []
    for poly in sorted(polygonize(linemerge(MultiLineString(shores))), key=lambda p: -p.area):
        c = poly.representative_point()
        if west <= c.x <= east and south <= c.y <= north:
            continue
        ring = _round_ring(Polygon(poly.exterior).simplify(tolerance).exterior.coords, digits)
        if len(ring) < 4:
            continue
        features.append({"type": "Feature", "properties": {"lake": True},
                         "geometry": {"type": "Polygon", "coordinates": [ring]}})
    return features


def _lines(geom: Any) -> Iterable[LineString]:
    if isinstance(geom, LineString):
        yield geom
    elif isinstance(geom, MultiLineString):
        yield from geom.geoms


def build(segments_by_level: dict[int, list[list[tuple[float, float]]]],
          tolerance: float = SIMPLIFY, digits: int = DIGITS,
          lakes: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """Join the bin pieces of each level, simplify, and make one GeoJSON feature per river line (lakes first)."""
    features: list[dict[str, Any]] = list(lakes or [])
    for level in sorted(segments_by_level):
        merged = linemerge(MultiLineString([LineString(p) for p in segments_by_level[level]]))
        for line in _lines(merged):
            simple = line.simplify(tolerance, preserve_topology=False)
            coords = _round_ring(simple.coords, digits)
            if len(coords) < 2:
                continue
            features.append({"type": "Feature", "properties": {"level": level},
                             "geometry": {"type": "LineString", "coordinates": coords}})
    return {"type": "FeatureCollection", "source": SOURCE, "bbox": [BBOX[0], BBOX[2], BBOX[1], BBOX[3]],
            "features": features}


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--resolution", default="h", choices=list("cilhf"), help="GSHHG resolution (h: gmt-gshhg-high)")
    ap.add_argument("--levels", default=",".join(map(str, LEVELS)), help="WDBII river levels, e.g. 1,2")
    ap.add_argument("--no-lakes", action="store_true", help="rivers only")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args(argv)
    by_level: dict[int, list[list[tuple[float, float]]]] = {}
    for level in (int(v) for v in args.levels.split(",")):
        for seg_level, points in parse_segments(export_level(level, args.resolution)):
            by_level.setdefault(seg_level if seg_level >= 0 else level, []).append(points)
    lakes = [] if args.no_lakes else lake_features(parse_segments(export_lakes(args.resolution)))
    data = build(by_level, lakes=lakes)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(data, separators=(",", ":")) + "\n", encoding="utf-8")
    lines = [f for f in data["features"] if f["geometry"]["type"] == "LineString"]
    npts = sum(len(f["geometry"]["coordinates"]) for f in lines)
    print(f"wrote {len(lines)} river lines ({npts} points) and {len(data['features']) - len(lines)} lakes to {args.out}")


if __name__ == "__main__":
    main()
