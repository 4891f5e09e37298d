"""OsmAnd / Traccar Client requests as the phone app sends them: simulator and tests only."""

from __future__ import annotations

from datetime import datetime
from urllib.parse import quote, urlencode

from arm.protocols.position import KMH_PER_KNOT


def encode_query(
    device_id: str, t: datetime, lat: float | None, lon: float | None, speed_kmh: float = 0.0,
    bearing: float = 0.0, accuracy: float | None = None, batt: float | None = None,
    charge: bool = False, alarm: str | None = None,
) -> str:
    """The URL query the legacy Traccar Client sends (speed in knots)."""
    fields: list[tuple[str, str]] = [("id", device_id), ("timestamp", str(int(t.timestamp())))]
    if lat is not None and lon is not None:
        fields += [("lat", f"{lat:.6f}"), ("lon", f"{lon:.6f}")]
    fields += [("speed", f"{speed_kmh / KMH_PER_KNOT:.2f}"), ("bearing", f"{bearing:.1f}")]
    if accuracy is not None:
        fields.append(("accuracy", f"{accuracy:.1f}"))
    if batt is not None:
        fields.append(("batt", f"{batt:.0f}"))
    if charge:
        fields.append(("charge", "true"))
    if alarm:
        fields.append(("alarm", alarm))
    return urlencode(fields, quote_via=quote)
