"""GPX 1.1 and GeoJSON writers for a track: pure functions, no Qt, no database.

GPX carries time, position and (as standard GPX elements) satellites and HDOP,
with violations as waypoints; GeoJSON is a FeatureCollection of one LineString
plus one Point per fix and per violation, properties in plain JSON.
"""

from __future__ import annotations

import json
from datetime import UTC
from xml.sax.saxutils import escape, quoteattr

from maps.track import Track

_QUALITY_NAMES = {0: "good", 1: "poor", 2: "cell", 3: "none"}


def _iso(t) -> str:  # type: ignore[no-untyped-def]
    return t.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def to_gpx(track: Track, name: str = "", creator: str = "ARM") -> str:
    """The track as a GPX 1.1 document (one trk, one trkseg, violations as wpt)."""
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<gpx version="1.1" creator={quoteattr(creator)} xmlns="http://www.topografix.com/GPX/1/1">',
        f"  <metadata><name>{escape(name)}</name><time>{_iso(track.start)}</time></metadata>",
    ]
    for v in track.violations:
        lines.append(
            f'  <wpt lat="{v.lat:.7f}" lon="{v.lon:.7f}"><time>{_iso(v.time)}</time>'
            f"<name>{escape(v.text)}</name><type>{escape(v.kind)}</type></wpt>"
        )
    lines.append(f"  <trk><name>{escape(name)}</name><trkseg>")
    for p in track.points:
        extra = ""
        if p.sats is not None:
            extra += f"<sat>{p.sats}</sat>"
        if p.hdop is not None:
            extra += f"<hdop>{p.hdop:g}</hdop>"
        lines.append(f'    <trkpt lat="{p.lat:.7f}" lon="{p.lon:.7f}"><time>{_iso(p.time)}</time>{extra}</trkpt>')
    lines.append("  </trkseg></trk>")
    lines.append("</gpx>")
    return "\n".join(lines) + "\n"


def to_geojson(track: Track, name: str = "") -> str:
    """The track as a GeoJSON FeatureCollection (RFC 7946, lon/lat order)."""
    features: list[dict] = []
    if track.points:
        features.append(
            {
                "type": "Feature",
                "geometry": {"type": "LineString", "coordinates": [[p.lon, p.lat] for p in track.points]},
                "properties": {
                    "kind": "track", "name": name, "person_id": track.person_id,
                    "start": _iso(track.start), "end": _iso(track.end),
                },
            }
        )
    for p in track.points:
        features.append(
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [p.lon, p.lat]},
                "properties": {
                    "kind": "fix", "time": _iso(p.time), "fix": p.fix, "quality": _QUALITY_NAMES[p.quality],
                    "sats": p.sats, "hdop": p.hdop, "accuracy_m": p.accuracy_m, "speed_kmh": p.speed_kmh,
                },
            }
        )
    for v in track.violations:
        features.append(
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [v.lon, v.lat]},
                "properties": {"kind": "violation", "time": _iso(v.time), "alarm": v.kind, "text": v.text,
                               "alarm_id": v.alarm_id},
            }
        )
    return json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False, indent=1)
