"""Map settings: the keys the settings dialog writes and the map reads.

``arm.config.Settings.map`` holds them (``settings.map.tile_url``); a QSettings
or a plain mapping with the same ``map/<name>`` keys works too. Keys:

=========================  =======================================================
``map/tile_url``           intranet tile server template, e.g.
                           ``http://osm.lan/tile/{z}/{x}/{y}.png`` (empty: none)
``map/tile_attribution``   attribution text shown for that server
``map/mbtiles``            MBTiles files, a list or a ``;``-separated string
``map/stale_after_s``      a fix older than this looks stale (default 600)
``map/center``             ``"lat,lon"`` of the start view (default Kazakhstan)
``map/zoom``               start zoom (default 5)
``map/cluster_below_zoom`` markers cluster below this zoom (default 13)
=========================  =======================================================
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

KZ_CENTER = (48.0, 67.5)


def read_setting(settings: Any, key: str, default: Any = None) -> Any:
    """Read ``key`` from a QSettings-like (``value``) or Mapping-like (``get``) object."""
    if settings is None:
        return default
    section, _, name = key.partition("/")
    if hasattr(settings, section) and not isinstance(settings, Mapping):
        # arm.config.Settings: dataclass sections (settings.map.tile_url)
        value = getattr(getattr(settings, section), name, default)
    elif hasattr(settings, "value"):
        value = settings.value(key, default)
    elif isinstance(settings, Mapping) or hasattr(settings, "get"):
        value = settings.get(key, default)
    else:
        value = getattr(settings, key.replace("/", "_"), default)
    return default if value is None else value


def _as_list(value: Any) -> list[str]:
    if not value:
        return []
    if isinstance(value, str):
        return [p.strip() for p in value.split(";") if p.strip()]
    return [str(v) for v in value if str(v).strip()]


@dataclass(slots=True)
class MapSettings:
    tile_url: str = ""
    tile_attribution: str = ""
    mbtiles: list[Path] = field(default_factory=list)
    stale_after_s: int = 600
    center: tuple[float, float] = KZ_CENTER
    zoom: int = 5
    cluster_below_zoom: int = 13

    @classmethod
    def from_settings(cls, settings: Any) -> MapSettings:
        cfg = cls()
        cfg.tile_url = str(read_setting(settings, "map/tile_url", "") or "").strip()
        cfg.tile_attribution = str(read_setting(settings, "map/tile_attribution", "") or "")
        cfg.mbtiles = [Path(p) for p in _as_list(read_setting(settings, "map/mbtiles", []))]
        cfg.stale_after_s = int(read_setting(settings, "map/stale_after_s", 600))
        center = read_setting(settings, "map/center", "")
        if center:
            try:
                lat, lon = (float(v) for v in str(center).split(","))
                cfg.center = (lat, lon)
            except ValueError:
                pass
        cfg.zoom = int(read_setting(settings, "map/zoom", 5))
        cfg.cluster_below_zoom = int(read_setting(settings, "map/cluster_below_zoom", 13))
        return cfg

    def tile_url_error(self) -> str:
        """Empty when ``tile_url`` is usable, else a sentence for the settings dialog."""
        url = self.tile_url
        if not url:
            return ""
        if not url.startswith(("http://", "https://")):
            return "The tile server address must start with http:// or https://"
        if not all(part in url for part in ("{z}", "{x}", "{y}")):
            return "The tile server address must contain {z}, {x} and {y}"
        return ""
