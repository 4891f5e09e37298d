"""GT06 frames as a device sends them: the simulator's and the tests' tracker side.

ARM itself only decodes GT06 and answers with acks (``arm.protocols.gt06``);
building a login, location, status or alarm frame is what a tracker does, so it
lives with the simulator. Layouts follow Traccar's ``Gt06ProtocolDecoder``.
"""

from __future__ import annotations

from datetime import datetime

from arm.protocols.gt06 import (
    MSG_GPS_LBS_1,
    MSG_GPS_LBS_STATUS_1,
    MSG_LOGIN,
    MSG_STATUS,
    build_response,
    encode_gt06_time,
)

__all__ = ["build_frame", "encode_alarm", "encode_gt06_time", "encode_location", "encode_login", "encode_status"]


def build_frame(msg_type: int, payload: bytes, serial: int) -> bytes:
    """A device-side frame (used by the simulator and tests): same layout as a response."""
    return build_response(msg_type, serial, payload, extended=len(payload) + 5 > 255)


def encode_login(imei: str, serial: int = 1) -> bytes:
    digits = imei.rjust(16, "0")
    return build_frame(MSG_LOGIN, bytes.fromhex(digits) + b"\x00\x00", serial)


def encode_location(
    t: datetime, lat: float, lon: float, speed_kmh: float, course: float, sats: int,
    valid: bool, serial: int, mcc: int = 401, mnc: int = 1, lac: int = 1, cid: int = 1,
) -> bytes:
    """A 0x12 GPS+LBS location packet as a GT06N sends it."""
    flags = int(course) & 0x3FF
    if valid:
        flags |= 1 << 12
    if lat >= 0:
        flags |= 1 << 10
    if lon < 0:
        flags |= 1 << 11
    payload = (
        encode_gt06_time(t)
        + bytes([0xC0 | min(sats, 15)])
        + round(abs(lat) * 60 * 30000).to_bytes(4, "big")
        + round(abs(lon) * 60 * 30000).to_bytes(4, "big")
        + bytes([max(0, min(255, round(speed_kmh)))])
        + flags.to_bytes(2, "big")
        + mcc.to_bytes(2, "big") + bytes([mnc]) + lac.to_bytes(2, "big") + cid.to_bytes(3, "big")
    )
    return build_frame(MSG_GPS_LBS_1, payload, serial)


def encode_status(
    battery_level_0_6: int, gsm: int, serial: int, alarm: int = 0, charging: bool = False,
    status_alarm_bits: int = 0,
) -> bytes:
    """A 0x13 status/heartbeat packet: terminal info, voltage level 0..6, GSM 0..4, alarm."""
    info = 0x01 | (0x04 if charging else 0) | ((status_alarm_bits & 7) << 3)
    payload = bytes([info, battery_level_0_6, gsm, alarm, 0x02])
    return build_frame(MSG_STATUS, payload, serial)


def encode_alarm(
    t: datetime, lat: float, lon: float, alarm_code: int, serial: int, battery_level_0_6: int = 4,
) -> bytes:
    """A 0x16 GPS+LBS+status alarm packet (alarm byte per Traccar's decodeAlarm table)."""
    flags = 1 << 12
    if lat >= 0:
        flags |= 1 << 10
    if lon < 0:
        flags |= 1 << 11
    payload = (
        encode_gt06_time(t) + bytes([0xC8])
        + round(abs(lat) * 60 * 30000).to_bytes(4, "big")
        + round(abs(lon) * 60 * 30000).to_bytes(4, "big")
        + b"\x00" + flags.to_bytes(2, "big")
        + b"\x09" + (401).to_bytes(2, "big") + b"\x01" + (1).to_bytes(2, "big") + (1).to_bytes(3, "big")
        + bytes([0x01, battery_level_0_6, 0x04, alarm_code, 0x02])
    )
    return build_frame(MSG_GPS_LBS_STATUS_1, payload, serial)
