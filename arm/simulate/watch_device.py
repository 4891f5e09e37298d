"""Watch (3G/SG/CS...) frames as a wrist tracker sends them: simulator and tests only.

ARM decodes Watch frames and answers them (``arm.protocols.watch``); building a
report, a link message or a voice clip frame is the device's side.
"""

from __future__ import annotations

from datetime import UTC, datetime

from arm.protocols.watch import ESCAPES, build_response


def build_frame(manufacturer: str, device_id: str, content: str) -> bytes:
    """Device-side frame (simulator, tests)."""
    return build_response(manufacturer, device_id, None, content)


_ESCAPE_OUT = {v: bytes((0x7D, k)) for k, v in ESCAPES.items()}


def escape(data: bytes) -> bytes:
    """Device-side escaping of binary content (``} [ ] , *`` -> ``}\x01..}\x05``)."""
    return b"".join(_ESCAPE_OUT.get(b, bytes((b,))) for b in data)


def build_binary_frame(manufacturer: str, device_id: str, head: str, data: bytes) -> bytes:
    """Device-side frame with binary content after a text head (``TK,`` / ``JXTK,...,``)."""
    length = len(head) + len(data)
    if length > 0xFFFF:
        raise ValueError(f"content of {length} bytes does not fit a watch frame (65,535)")
    return f"[{manufacturer}*{device_id}*{length:04X}*{head}".encode("ascii") + escape(data) + b"]"


def encode_voice(device_id: str, clip: bytes, manufacturer: str = "3G") -> bytes:
    """A ``TK`` voice message (AMR clip) as the watch sends it (simulator, tests)."""
    return build_binary_frame(manufacturer, device_id, "TK,", clip)


def encode_voice_parts(device_id: str, name: str, clip: bytes, parts: int, manufacturer: str = "3G") -> list[bytes]:
    """The ``JXTK`` frames of a clip split into ``parts`` (Traccar's layout, parts numbered from 1)."""
    step = -(-len(clip) // parts)
    chunks = [clip[i * step:(i + 1) * step] for i in range(parts)]
    return [build_binary_frame(manufacturer, device_id, f"JXTK,1,{name},{n},{parts},", chunk)
            for n, chunk in enumerate(chunks, start=1)]


def encode_position(
    device_id: str, t: datetime, lat: float | None, lon: float | None, speed_kmh: float, course: float,
    sats: int, battery: int, status: int = 0, msg_type: str = "UD", rssi: int = 80, steps: int = 0,
) -> bytes:
    """A UD/UD2/AL report; ``lat=None`` reports 'V' with no fix (indoors)."""
    t = t.astimezone(UTC)
    valid = "A" if lat is not None and lon is not None else "V"
    la, lo = (lat or 0.0), (lon or 0.0)
    content = (
        f"{msg_type},{t:%d%m%y},{t:%H%M%S},{valid},{abs(la):.6f},{'N' if la >= 0 else 'S'},"
        f"{abs(lo):.6f},{'E' if lo >= 0 else 'W'},{speed_kmh:.2f},{course:.1f},0.0,{sats},{rssi},"
        f"{battery},{steps},0,{status:08X},1,1,401,1,1001,20001,150,0"
    )
    return build_frame("3G", device_id, content)
