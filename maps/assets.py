"""Where every file the map page loads comes from, on disk.

No asset is ever fetched from the internet. Leaflet comes from the installed
PyPI package ``xstatic-leaflet``; the drawing plugin (leaflet-geoman) and the
regions of Kazakhstan are vendored under ``resources/map/`` with their licences;
the app's own JavaScript and CSS live in ``resources/map/js`` and ``css``.
``arm://assets/<library>/<path>`` URLs map onto these directories.
"""

from __future__ import annotations

import mimetypes
from functools import cache
from pathlib import Path

RESOURCES = Path(__file__).resolve().parents[1] / "resources" / "map"
REGIONS_FILE = RESOURCES / "regions" / "kz_regions.geojson"
PLACES_FILE = RESOURCES / "places" / "kz_places.geojson"
RIVERS_FILE = RESOURCES / "rivers" / "kz_rivers.geojson"


class AssetMissing(RuntimeError):
    """A required offline asset is not installed; the message says how to fix it."""


@cache
def leaflet_dir() -> Path:
    try:
        import xstatic.pkg.leaflet as xl
    except ImportError as exc:  # pragma: no cover - depends on the install
        raise AssetMissing(
            "Leaflet is not installed: install the Python package xstatic-leaflet"
        ) from exc
    return Path(xl.BASE_DIR)


def leaflet_version() -> str:
    import xstatic.pkg.leaflet as xl

    return str(xl.VERSION)


def library_roots() -> dict[str, Path]:
    """Library name (first path segment after ``arm://assets/``) -> directory."""
    return {
        "leaflet": leaflet_dir(),
        "geoman": RESOURCES / "vendor" / "leaflet-geoman",
        "protomaps": RESOURCES / "vendor" / "protomaps-leaflet",
        "arm": RESOURCES,
    }


def resolve(library: str, rel_path: str) -> Path | None:
    """The file for ``arm://assets/<library>/<rel_path>``, or None (never escapes the root)."""
    root = library_roots().get(library)
    if root is None:
        return None
    target = (root / rel_path.lstrip("/")).resolve()
    if not target.is_file() or root.resolve() not in target.parents:
        return None
    return target


def mime_type(path: str) -> bytes:
    if path.endswith(".js"):
        return b"application/javascript"
    if path.endswith((".geojson", ".json")):
        return b"application/json"
    guessed, _ = mimetypes.guess_type(path)
    return (guessed or "application/octet-stream").encode()
