"""Make ``resources/map/rivers/kz_rivers.geojson``: the main rivers drawn on the country map without any import.

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

from shapely.geometry import LineString, MultiLineString
from shapely.ops import linemerge

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "resources" / "map" / "rivers" / "kz_rivers.geojson"
#: Kazakhstan and its surroundings: west, east, south, north (degrees)
BBOX = (46.0, 88.0, 40.0, 56.0)
LEVELS = (1, 2, 3)
#: degrees; ~400 m: under a pixel at zoom 8, and hardly seen at zoom 10-11 where the layer still shows
SIMPLIFY = 0.004
DIGITS = 3
SOURCE = ("GSHHG 2.3.7 rivers (WDBII), LGPL-3.0-or-later, Debian package gmt-gshhg-high, "
          "exported with gmt coast (Debian package gmt)")

_HEADER = re.compile(r"^>.*Level\s+(\d+)")


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
    gmt = shutil.which("gmt")
    if gmt is None:
        raise SystemExit("gmt not found: apt-get install -y gmt gmt-gshhg-high (or run `make rivers`)")
    region = "/".join(f"{v:g}" for v in bbox)
    with tempfile.TemporaryDirectory() as tmp:  # gmt leaves gmt.history in its working directory
        proc = subprocess.run([gmt, "coast", f"-I{level}", "-M", f"-R{region}", f"-D{resolution}"],
                              check=True, capture_output=True, text=True, cwd=tmp)
    return proc.stdout


def _lines(geom: Any) -> Iterable[LineString]:
    if isinstance(geom, LineString):
        yield geom
    elif isinstance(geom, MultiLineString):
        yield from geom.geoms


def build(segments_by_level: dict[int, list[list[tuple[float, float]]]],
          tolerance: float = SIMPLIFY, digits: int = DIGITS) -> dict[str, Any]:
    """Join the bin pieces of each level, simplify, and make one GeoJSON feature per river line."""
    features: list[dict[str, Any]] = []
    for level in sorted(segments_by_level):
        merged = linemerge(MultiLineString([LineString(p) for p in segments_by_level[level]]))
        for line in _lines(merged):
            simple = line.simplify(tolerance, preserve_topology=False)
            coords: list[list[float]] = []
            for x, y in simple.coords:
                pt = [round(x, digits), round(y, digits)]
                if not coords or coords[-1] != pt:
                    coords.append(pt)
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
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args(argv)
    by_level: dict[int, list[list[tuple[float, float]]]] = {}
    for level in (int(v) for v in args.levels.split(",")):
        for seg_level, points in parse_segments(export_level(level, args.resolution)):
            by_level.setdefault(seg_level if seg_level >= 0 else level, []).append(points)
    data = build(by_level)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(data, separators=(",", ":")) + "\n", encoding="utf-8")
    npts = sum(len(f["geometry"]["coordinates"]) for f in data["features"])
    print(f"wrote {len(data['features'])} river lines ({npts} points) to {args.out}")


if __name__ == "__main__":
    main()
