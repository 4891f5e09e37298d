"""The decoded form every network protocol produces before mapping to DeviceEvent.

The shape follows Traccar's ``Position`` on purpose: the conformance vectors in
``tests/protocols/vectors`` were recorded against it (speed in knots, attribute
names such as ``batteryLevel`` or ``alarm``), so decoders can be checked against
them value for value. ``arm.protocols.mapping`` turns a Position into the ICD
event kinds the rest of ARM understands.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

#: Speed units. Position.speed is knots only because Traccar's is (the
#: conformance vectors compare against it); decoders convert their device's unit
#: to knots here and ``arm.protocols.mapping`` converts knots to the km/h every
#: DeviceEvent carries (``PosFields.speed_kmh``). Nothing past mapping converts.
KMH_PER_KNOT = 1.852
KNOTS_PER_KMH = 1 / KMH_PER_KNOT
#: OsmAnd / Traccar Client report m/s
KNOTS_PER_MPS = 1.943844


class ProtocolError(ValueError):
    """Input that is not a valid message of the protocol; counted, never stored.

    ``code`` is a stable machine name used for the per-connection counters
    (``truncated``, ``bad_crc``, ``bad_length``, ``unknown_type``, ``not_utf8``,
    ``too_large``, ``bad_value``, ``garbage``).
    """

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code = code
        self.detail = detail


@dataclass(slots=True)
class Position:
    """One report of a device (Traccar-compatible field meanings)."""

    protocol: str
    unique_id: str | None = None
    #: fix time (aware UTC) when the message carries one, else the device/receipt time
    time: datetime | None = None
    valid: bool = False
    latitude: float | None = None
    longitude: float | None = None
    altitude: float | None = None
    #: knots, as in Traccar (see KMH_PER_KNOT); DeviceEvents carry km/h
    speed: float | None = None
    course: float | None = None
    accuracy: float | None = None
    #: True when the message carried no location of its own (status, heartbeat...)
    outdated: bool = False
    attributes: dict[str, Any] = field(default_factory=dict)
    cell_towers: list[dict[str, int]] = field(default_factory=list)
    wifi: list[dict[str, Any]] = field(default_factory=list)

    def set(self, key: str, value: Any) -> None:
        """Traccar's ``Position.set``: a None value leaves the attribute absent."""
        if value is not None:
            self.attributes[key] = value

    def add_alarm(self, alarm: str | None) -> None:
        """Traccar's ``addAlarm``: several alarms are comma-joined."""
        if alarm is None:
            return
        current = self.attributes.get("alarm")
        self.attributes["alarm"] = f"{current},{alarm}" if current else alarm

    def alarms(self) -> list[str]:
        value = self.attributes.get("alarm")
        return [a for a in str(value).split(",") if a] if value else []

    def has_location(self) -> bool:
        return not self.outdated and self.latitude is not None and self.longitude is not None


def now_utc() -> datetime:
    return datetime.now(UTC)
