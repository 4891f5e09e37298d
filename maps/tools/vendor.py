"""Refresh the map assets that ship in ``resources/map/`` from the npm registry.

Run by a developer when upgrading (never at run time, never by the app)::

    python -m maps.tools.vendor

Leaflet itself comes from the installed PyPI package ``xstatic-leaflet`` and is
not copied. Two things have no PyPI packaging and are vendored here, with their
licences next to them:

* ``@geoman-io/leaflet-geoman-free`` (MIT): the drawing/editing plugin of the
  zone editor -> ``resources/map/vendor/leaflet-geoman/``.
* ``protomaps-leaflet`` (BSD-3-Clause): the vector-tile renderer of the
  imported OSM basemap (``arm map import``), its self-contained browser build
  ``dist/protomaps-leaflet.js`` (global ``protomapsL``; its npm dependencies
  pbf, @mapbox/vector-tile, rbush, potpack, color2k are bundled in it) ->
  ``resources/map/vendor/protomaps-leaflet/``; the ``sourceMappingURL`` line is
  dropped so the page never asks for the map file.
* ``@amcharts/amcharts5-geodata`` (amCharts free linkware licence): the 2023
  boundaries of Kazakhstan's 17 regions and 3 cities of republican significance
  (``kazakhstan2023Low.json``), simplified with shapely to a small GeoJSON ->
  ``resources/map/regions/kz_regions.geojson``.

``npm pack`` is the ordinary npm client; it downloads the pinned tarballs only.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import tarfile
import tempfile
from pathlib import Path
from typing import Any

from shapely.geometry import mapping, shape

ROOT = Path(__file__).resolve().parents[2]
MAP_RES = ROOT / "resources" / "map"
GEOMAN = "@geoman-io/leaflet-geoman-free@2.20.2"
GEODATA = "@amcharts/amcharts5-geodata@5.1.6"
PROTOMAPS = "protomaps-leaflet@5.1.0"
#: Degrees; about 1.5 km: region borders stay recognisable at country and region zoom.
SIMPLIFY_TOLERANCE = 0.015


def npm_pack(spec: str, dest: Path) -> Path:
    """Download one pinned npm tarball and unpack it; returns the package dir."""
    out = subprocess.run(
        ["npm", "pack", spec, "--silent"], cwd=dest, check=True, capture_output=True, text=True
    )
    tgz = dest / out.stdout.strip().splitlines()[-1]
    target = dest / tgz.stem
    with tarfile.open(tgz) as tar:
        tar.extractall(target, filter="data")
    return target / "package"


def round_coords(obj: Any, digits: int = 4) -> Any:
    if isinstance(obj, float):
        return round(obj, digits)
    if isinstance(obj, list | tuple):
        return [round_coords(o, digits) for o in obj]
    return obj


def simplify_regions(src: Path, dst: Path, tolerance: float = SIMPLIFY_TOLERANCE) -> int:
    """Write a simplified copy of an amCharts geodata FeatureCollection; returns features."""
    data = json.loads(src.read_text(encoding="utf-8"))
    features = []
    for feat in data["features"]:
        geom = shape(feat["geometry"]).simplify(tolerance, preserve_topology=True)
        if not geom.is_valid:
            geom = geom.buffer(0)
        props = feat["properties"]
        features.append(
            {
                "type": "Feature",
                "id": props["id"],
                "properties": {
                    "iso": props["id"],
                    "name": props["name"],
                    "name_en": props.get("NAME_ENG", props["name"]),
                    "type": props.get("TYPE", "Region"),
                },
                "geometry": round_coords(mapping(geom)),
            }
        )
    out = {
        "type": "FeatureCollection",
        "source": f"{GEODATA} json/kazakhstan2023Low.json, simplified {tolerance} deg",
        "features": features,
    }
    dst.write_text(json.dumps(out, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return len(features)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tolerance", type=float, default=SIMPLIFY_TOLERANCE)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        gm = npm_pack(GEOMAN, work)
        dest = MAP_RES / "vendor" / "leaflet-geoman"
        dest.mkdir(parents=True, exist_ok=True)
        for name in ("dist/leaflet-geoman.min.js", "dist/leaflet-geoman.css", "LICENSE"):
            shutil.copy(gm / name, dest / Path(name).name)
        pm = npm_pack(PROTOMAPS, work)
        dest = MAP_RES / "vendor" / "protomaps-leaflet"
        dest.mkdir(parents=True, exist_ok=True)
        js = (pm / "dist" / "protomaps-leaflet.js").read_text(encoding="utf-8")
        js = "\n".join(line for line in js.splitlines() if not line.startswith("//# sourceMappingURL="))
        (dest / "protomaps-leaflet.js").write_text(js + "\n", encoding="utf-8")
        shutil.copy(pm / "LICENSE", dest / "LICENSE")
        geo = npm_pack(GEODATA, work)
        regions = MAP_RES / "regions"
        regions.mkdir(parents=True, exist_ok=True)
        shutil.copy(geo / "LICENSE", regions / "LICENSE-amcharts-geodata.md")
        n = simplify_regions(geo / "json" / "kazakhstan2023Low.json", regions / "kz_regions.geojson", args.tolerance)
        print(f"vendored {GEOMAN}, {PROTOMAPS}; wrote {n} regions")


if __name__ == "__main__":
    main()
