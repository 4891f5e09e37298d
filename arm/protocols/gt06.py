"""GT06 (Concox / Jimi family) binary protocol: framer, decoder and acknowledgements.

Frames are ``78 78 LEN TYPE ... SERIAL(2) CRC(2) 0D 0A`` (LEN one byte) or the
extended ``79 79 LEN(2) TYPE ...``. The device logs in with its IMEI (type 0x01)
and expects every login, heartbeat, location and alarm packet to be acknowledged
with ``78 78 05 TYPE SERIAL CRC 0D 0A``; a tracker that gets no ack resends (and
after a few misses reconnects), which is what makes "ack only after commit" safe.

Field meanings follow Traccar's ``Gt06ProtocolDecoder`` so the recorded Traccar
test vectors decode to the same values (see ``tests/protocols``). The decoder is
stateful per connection (it remembers the IMEI from the login, the device's time
zone, and the model variant of the last frame), exactly like a Traccar channel.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone

from arm.protocols.buffer import Reader, crc16_x25

__all__ = ["crc16_x25"]
from arm.protocols.position import KNOTS_PER_KMH, Position, ProtocolError, now_utc

PROTOCOL = "gt06"
#: GT06 frames are small; a "frame" longer than this is garbage or an attack.
MAX_FRAME = 2048

MSG_LOGIN = 0x01
MSG_GPS = 0x10
MSG_GPS_LBS_6 = 0x11
MSG_GPS_LBS_1 = 0x12
MSG_STATUS = 0x13
MSG_SATELLITE = 0x14
MSG_STRING = 0x15
MSG_GPS_LBS_STATUS_1 = 0x16
MSG_WIFI = 0x17
MSG_LBS_EXTEND = 0x18
MSG_LBS_STATUS = 0x19
MSG_GPS_PHONE = 0x1A
MSG_GPS_LBS_EXTEND = 0x1E
MSG_STRING_INFO = 0x21
MSG_GPS_LBS_2 = 0x22
MSG_HEARTBEAT = 0x23
MSG_LBS_MULTIPLE_3 = 0x24
MSG_GPS_LBS_STATUS_2 = 0x26
MSG_GPS_LBS_STATUS_3 = 0x27
MSG_LBS_MULTIPLE_1 = 0x28
MSG_ADDRESS_REQUEST = 0x2A
MSG_LBS_WIFI = 0x2C
MSG_GPS_LBS_4 = 0x2D
MSG_LBS_MULTIPLE_2 = 0x2E
MSG_GPS_LBS_5 = 0x31
MSG_GPS_LBS_STATUS_4 = 0x32
MSG_WIFI_5 = 0x33
MSG_AZ735_GPS = 0x32
MSG_AZ735_ALARM = 0x33
MSG_X1_GPS = 0x34
MSG_GPS_LBS_3 = 0x37
MSG_WIFI_2 = 0x69
MSG_GPS_MODULAR = 0x70
MSG_COMMAND_0 = 0x80
MSG_COMMAND_1 = 0x81
MSG_COMMAND_2 = 0x82
MSG_TIME_REQUEST = 0x8A
MSG_OBD = 0x8C
MSG_INFO = 0x94
MSG_ALARM = 0x95
MSG_ADDRESS_RESPONSE = 0x97
MSG_SERIAL = 0x9B
MSG_GPS_2 = 0xA0
MSG_LBS_2 = 0xA1
MSG_WIFI_3 = 0xA2
MSG_FENCE_SINGLE = 0xA3
MSG_FENCE_MULTI = 0xA4
MSG_LBS_ALARM = 0xA5
MSG_LBS_ADDRESS = 0xA7
MSG_WIFI_4 = 0xF3

_GPS = {MSG_GPS, MSG_GPS_LBS_1, MSG_GPS_LBS_2, MSG_GPS_LBS_3, MSG_GPS_LBS_4, MSG_GPS_LBS_5,
        MSG_GPS_LBS_6, MSG_GPS_LBS_STATUS_1, MSG_GPS_LBS_STATUS_2, MSG_GPS_LBS_STATUS_3,
        MSG_GPS_LBS_STATUS_4, MSG_GPS_PHONE, MSG_GPS_LBS_EXTEND, MSG_GPS_2, MSG_FENCE_SINGLE,
        MSG_FENCE_MULTI}
_LBS = {MSG_LBS_STATUS, MSG_GPS_LBS_1, MSG_GPS_LBS_2, MSG_GPS_LBS_3, MSG_GPS_LBS_4,
        MSG_GPS_LBS_5, MSG_GPS_LBS_6, MSG_GPS_LBS_STATUS_1, MSG_GPS_LBS_STATUS_2,
        MSG_GPS_LBS_STATUS_3, MSG_GPS_LBS_STATUS_4, MSG_GPS_2, MSG_FENCE_SINGLE,
        MSG_FENCE_MULTI, MSG_LBS_ALARM, MSG_LBS_ADDRESS}
_STATUS = {MSG_STATUS, MSG_LBS_STATUS, MSG_GPS_LBS_STATUS_1, MSG_GPS_LBS_STATUS_2,
           MSG_GPS_LBS_STATUS_3, MSG_GPS_LBS_STATUS_4, MSG_FENCE_MULTI}
_LANGUAGE = {MSG_GPS_PHONE, MSG_HEARTBEAT, MSG_GPS_LBS_STATUS_3, MSG_LBS_MULTIPLE_1,
             MSG_LBS_MULTIPLE_2, MSG_LBS_2, MSG_FENCE_MULTI}
_LBS_MULTI = {MSG_LBS_MULTIPLE_1, MSG_LBS_MULTIPLE_2, MSG_LBS_MULTIPLE_3, MSG_LBS_EXTEND,
              MSG_LBS_WIFI, MSG_LBS_2, MSG_WIFI_3, MSG_WIFI_5}

NT_MODELS = {"NT11", "NT20", "NT26", "NT40", "NT46", "VL100", "XT40"}
VL_MODELS = {"VL103", "LL303", "VL512", "G18"}


# --------------------------------------------------------------------------- framing

#: framer step result: skipped bytes, look again
_AGAIN = b""


class Gt06Framer:
    """Splits a TCP byte stream into GT06 frames.

    Uses the length field when the frame ends in CR LF where the length says;
    some devices put a wrong length in WiFi/LBS packets (Traccar's frame tests),
    so otherwise the frame runs to the next CR LF. Bytes before a 7878/7979
    header are skipped and counted as ``garbage``.
    """

    def __init__(self, max_frame: int = MAX_FRAME) -> None:
        self._buf = bytearray()
        self.max_frame = max_frame
        self.garbage_bytes = 0
        self.oversized = 0

    def feed(self, data: bytes) -> list[bytes]:
        self._buf += data
        frames: list[bytes] = []
        while True:
            frame = self._next()
            if frame is None:
                break
            frames.append(frame)
        return frames

    def pending(self) -> int:
        return len(self._buf)

    def _resync(self) -> bool:
        """Drop bytes up to the next header; True if a header is at the front now."""
        buf = self._buf
        i78 = buf.find(b"\x78\x78")
        i79 = buf.find(b"\x79\x79")
        starts = [i for i in (i78, i79) if i >= 0]
        if not starts:
            keep = 1 if buf and buf[-1] in (0x78, 0x79) else 0
            self.garbage_bytes += len(buf) - keep
            del buf[: len(buf) - keep]
            return False
        start = min(starts)
        if start:
            self.garbage_bytes += start
            del buf[:start]
        return True

    def _next(self) -> bytes | None:
        while True:
            frame = self._step()
            if frame is not _AGAIN:
                return frame

    def _step(self) -> bytes | None:
        """One frame, None (need more bytes) or _AGAIN (dropped a false header; look again)."""
        buf = self._buf
        if len(buf) < 2:
            return None
        if buf[:2] not in (b"\x78\x78", b"\x79\x79") and not self._resync():
            return None
        if len(buf) < 5:
            return None
        if buf[0] == 0x78:
            length = 2 + 1 + buf[2] + 2
        else:
            length = 2 + 2 + int.from_bytes(buf[2:4], "big") + 2
        if len(buf) >= length and buf[length - 2:length] == b"\r\n" and length >= 7:
            frame = bytes(buf[:length])
            del buf[:length]
            return frame
        end = buf.find(b"\r\n", 4)
        if end < 0:
            if len(buf) > self.max_frame:
                self.oversized += 1
                self.garbage_bytes += 2
                del buf[:2]  # not a frame start after all: skip the header and resync
                return _AGAIN
            return None
        if end + 2 > self.max_frame:
            self.oversized += 1
            self.garbage_bytes += 2
            del buf[:2]
            return _AGAIN
        frame = bytes(buf[: end + 2])
        del buf[: end + 2]
        return frame


# --------------------------------------------------------------------------- acks

def build_response(msg_type: int, serial: int, content: bytes = b"", extended: bool = False) -> bytes:
    """An acknowledgement / response frame with a correct CRC-ITU."""
    length = 5 + len(content)
    head = (b"\x79\x79" + length.to_bytes(2, "big")) if extended else (b"\x78\x78" + bytes([length & 0xFF]))
    body = head + bytes([msg_type]) + content + (serial & 0xFFFF).to_bytes(2, "big")
    crc = crc16_x25(body[2:])
    return body + crc.to_bytes(2, "big") + b"\r\n"


def build_frame(msg_type: int, payload: bytes, serial: int) -> bytes:
    """A device-side frame (used by the simulator and tests): same layout as a response."""
    return build_response(msg_type, serial, payload, extended=len(payload) + 5 > 255)


def encode_login(imei: str, serial: int = 1) -> bytes:
    digits = imei.rjust(16, "0")
    return build_frame(MSG_LOGIN, bytes.fromhex(digits) + b"\x00\x00", serial)


def encode_gt06_time(t: datetime) -> bytes:
    t = t.astimezone(UTC)
    return bytes([t.year - 2000, t.month, t.day, t.hour, t.minute, t.second])


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


# --------------------------------------------------------------------------- decoding

def lenient_datetime(year: int, month: int, day: int, hour: int, minute: int, second: int,
                     offset: timedelta = timedelta(0)) -> datetime:
    """Build a time the way Java's lenient Calendar does (Traccar's DateBuilder).

    Devices without a fix send dates like 00-00-00 or FF-FF-01; Traccar rolls them
    over instead of failing, and so do we: the result is then judged by the
    plausibility check in ``arm.protocols.mapping`` (never stored as a position
    when it is before 2000 or more than 25 h ahead).
    """
    month0 = month - 1
    year += month0 // 12
    month0 %= 12
    base = datetime(year, month0 + 1, 1, tzinfo=timezone(offset)) if 1 <= year <= 9999 else datetime(1, 1, 1, tzinfo=UTC)
    try:
        local = base + timedelta(days=day - 1, hours=hour, minutes=minute, seconds=second)
    except OverflowError:
        return datetime(1, 1, 1, tzinfo=UTC)
    return local.astimezone(UTC)


@dataclass(slots=True)
class Gt06Message:
    """What one frame meant: the position (if any) and the bytes to answer with."""

    msg_type: int
    serial: int
    position: Position | None = None
    login_imei: str | None = None
    responses: list[bytes] = field(default_factory=list)


class Gt06Decoder:
    """Stateful per-connection decoder (remembers IMEI, time zone, model)."""

    def __init__(self, verify_crc: bool = True, model: str | None = None) -> None:
        self.verify_crc = verify_crc
        self.imei: str | None = None
        self.model = (model or "").upper()
        self.tz_offset = timedelta(0)
        self.variant = "STANDARD"

    # -- helpers ---------------------------------------------------------------------

    def _date(self, r: Reader) -> datetime:
        y, mo, d, h, mi, s = (r.u8() for _ in range(6))
        return lenient_datetime(2000 + y, mo, d, h, mi, s, self.tz_offset)

    def _gps(self, p: Position, r: Reader, has_length: bool, sats: bool = True, speed: bool = True) -> bool:
        p.time = self._date(r)
        if has_length and r.u8() == 0:
            return False
        if sats:
            p.set("sat", r.u8() & 0x0F)
        lat = r.u32() / 60.0 / 30000.0
        lon = r.u32() / 60.0 / 30000.0
        if speed:
            p.speed = r.u8() * KNOTS_PER_KMH
        flags = r.u16()
        p.course = float(flags & 0x3FF)
        p.valid = bool(flags & (1 << 12))
        if not flags & (1 << 10):
            lat = -lat
        if flags & (1 << 11):
            lon = -lon
        p.latitude, p.longitude = lat, lon
        if flags & (1 << 14):
            p.set("ignition", bool(flags & (1 << 15)))
        return True

    def _lbs(self, p: Position, r: Reader, msg_type: int, has_length: bool) -> bool:
        length = 0
        if has_length:
            length = r.u8()
            if length == 0:
                zeroed = all(b == 0 for b in r.data[r.pos + 9: min(r.pos + 45, r.end)])
                if zeroed:
                    r.skip(min(r.readable(), 45))
                return False
        mcc = r.u16()
        mnc = r.u16() if (mcc & 0x8000 or msg_type == MSG_GPS_LBS_6) else r.u8()
        lac = r.u16()
        cid = r.u32() if msg_type == MSG_GPS_LBS_6 else r.u24()
        p.cell_towers.append({"mcc": mcc & 0x7FFF, "mnc": mnc, "lac": lac, "cid": cid})
        if length > 9:
            r.skip(length - 9)
        return True

    def _status(self, p: Position, r: Reader, battery_level: bool) -> None:
        status = r.u8()
        p.set("status", status)
        p.set("ignition", bool(status & 0x02))
        p.set("charge", bool(status & 0x04))
        p.set("blocked", bool(status & 0x80))
        bits = (status >> 3) & 0x07
        alarm = {1: "vibration", 2: "powerCut", 3: "lowBattery", 4: "sos", 6: "geofence"}.get(bits)
        if bits == 7:
            alarm = "overspeed" if self.variant == "VXT01" else "removing"
        if alarm:
            p.attributes["alarm"] = alarm
        if battery_level:
            p.set("batteryLevel", r.u8() * 100 // 6)
        else:
            p.set("power", r.u16() * 0.01)
        p.set("rssi", r.u8())

    def _alarm(self, value: int) -> str | None:
        lw = self.model.startswith("LW")
        sw = self.model == "SEEWORLD"
        vl = self.model in VL_MODELS
        if value == 0x09:
            return "tow" if vl else "vibration"
        if value == 0x18:
            return "accident" if lw else "removing"
        if value == 0x19:
            return "hardAcceleration" if lw else "lowBattery"
        if value == 0x28:
            return "hardCornering" if sw else ("powerOff" if vl else "hardBraking")
        if value == 0x29:
            return "accident" if sw else "hardAcceleration"
        if value == 0x30:
            return "hardBraking" if vl else "jamming"
        if value == 0x0E:
            return "lowBattery"
        return _ALARMS.get(value)

    def _last_location(self, p: Position, device_time: datetime | None) -> None:
        p.outdated = True
        p.time = device_time or now_utc()

    # -- entry point -----------------------------------------------------------------

    def decode(self, frame: bytes) -> Gt06Message | None:
        """Decode one frame; None when it is valid but carries nothing (Traccar's null)."""
        if len(frame) < 6 or frame[-2:] != b"\r\n":
            raise ProtocolError("truncated", f"frame of {len(frame)} bytes")
        if len(frame) < 10:
            return None  # e.g. "78 78 01 08 0D 0A": a bare keep-alive without serial or CRC
        extended = frame[:2] == b"\x79\x79"
        if not extended and frame[:2] != b"\x78\x78":
            raise ProtocolError("garbage", "bad header")
        if self.verify_crc:
            want = int.from_bytes(frame[-4:-2], "big")
            got = crc16_x25(frame[2:-4])
            if want != got:
                raise ProtocolError("bad_crc", f"crc {want:04x} != {got:04x}")
        self._variant(frame)
        r = Reader(frame, 2)
        if extended:
            return self._extended(r, frame)
        return self._basic(r, frame)

    def _variant(self, f: bytes) -> None:
        header = f[:2]
        if header == b"\x78\x78":
            length, msg_type = f[2], f[3]
            variants = {
                (MSG_GPS_LBS_1, 0x24): "VXT01", (MSG_GPS_LBS_STATUS_1, 0x24): "VXT01",
                (MSG_LBS_MULTIPLE_3, 0x31): "WANWAY_S20", (MSG_LBS_MULTIPLE_3, 0x2E): "SR411_MINI",
                (MSG_GPS_LBS_1, 0x21): "BENWAY", (MSG_GPS_LBS_1, 0x2B): "S5",
            }
            self.variant = variants.get((msg_type, length), "STANDARD")
            if msg_type == MSG_GPS_LBS_1 and length >= 0x71:
                self.variant = "GT06E_CARD"
            elif msg_type == MSG_LBS_STATUS and length >= 0x17:
                self.variant = "SPACE10X"
        else:
            self.variant = "STANDARD"

    @staticmethod
    def _serial_of(frame: bytes) -> int:
        return int.from_bytes(frame[-6:-4], "big")

    def _basic(self, r: Reader, frame: bytes) -> Gt06Message | None:
        length = r.u8()
        data_length = length - 5
        msg_type = r.u8()
        serial = self._serial_of(frame)
        msg = Gt06Message(msg_type, serial)
        ack = build_response(msg_type, serial)
        r.end = len(frame) - 2  # the CR LF is never data
        if msg_type == MSG_LOGIN:
            imei_bytes = r.take(8)
            imei = imei_bytes.hex()[1:]
            if not imei.isdigit():
                raise ProtocolError("bad_value", f"login IMEI {imei_bytes.hex()} is not BCD digits")
            if r.readable() >= 6:
                r.u16()  # type identification code
            if data_length > 10 and r.readable() >= 6:
                ext = r.u16()
                hours, minutes = divmod(ext >> 4, 100)
                offset = timedelta(hours=hours, minutes=minutes)
                if ext & 0x8:
                    offset = -offset
                if self.tz_offset == timedelta(0):
                    self.tz_offset = offset
            self.imei = imei
            msg.login_imei = imei
            msg.responses.append(ack)
            return msg
        if self.imei is None:
            # Traccar: no device session before login -> nothing decoded, no ack.
            return None
        p = Position(PROTOCOL, self.imei)
        msg.position = p
        body_end = len(frame) - 6  # serial(2) + crc(2) + CRLF(2)

        if msg_type == MSG_HEARTBEAT:
            self._last_location(p, None)
            status = r.u8()
            p.set("armed", bool(status & 1))
            p.set("ignition", bool(status & 2))
            p.set("charge", bool(status & 4))
            if r.readable() >= 2 + 4:
                p.set("battery", r.u16() * 0.01)
            if r.readable() >= 1 + 4:
                p.set("rssi", r.u8())
            msg.responses.append(ack)
            return msg
        if msg_type == MSG_ADDRESS_REQUEST:
            text = b"NA&&NA&&0##"
            msg.responses.append(build_response(MSG_ADDRESS_RESPONSE, 0, bytes([len(text)]) + b"\0\0\0\0" + text, True))
            msg.position = None
            return msg
        if msg_type == MSG_TIME_REQUEST:
            now = now_utc()
            msg.responses.append(build_response(MSG_TIME_REQUEST, 0, encode_gt06_time(now)))
            msg.position = None
            return msg
        if msg_type == MSG_X1_GPS:
            r.u32()
            self._gps(p, r, False)
            r.u16()
            p.set("odometer", r.u32())
            p.cell_towers.append({"mcc": r.u16(), "mnc": r.u8(), "lac": r.u16(), "cid": r.u32()})
            driver = r.u32()
            if driver > 0:
                p.set("driverUniqueId", str(driver))
            p.set("battery", r.u16() * 0.01)
            p.set("power", r.u16() * 0.01)
            port_info = r.u32()
            p.set("input", r.u8())
            p.set("output", r.u8())
            for i in range(1, ((port_info >> 20) & 0xF) + 1):
                p.set(f"adc{i}", r.u16() * 0.01)
            msg.responses.append(ack)
            return msg
        if msg_type in (MSG_WIFI, MSG_WIFI_2, MSG_WIFI_4):
            t = r.take(6)
            try:
                vals = [int(f"{b:02x}") for b in t]
                dt = datetime(2000 + vals[0], vals[1], vals[2], vals[3], vals[4], vals[5], tzinfo=UTC)
            except ValueError:
                dt = None
            self._last_location(p, dt)
            if msg_type == MSG_WIFI_4:
                count = r.u8()
            else:
                count = frame[2]  # the length byte doubles as the access point count
            for _ in range(count):
                if msg_type == MSG_WIFI_4:
                    r.skip(2)
                mac = ":".join(f"{b:02x}" for b in r.take(6))
                ap: dict[str, object] = {"mac": mac}
                if msg_type != MSG_WIFI_4:
                    ap["rssi"] = r.u8()
                p.wifi.append(ap)
            if msg_type != MSG_WIFI_4:
                cells = r.u8()
                mcc, mnc = r.u16(), r.u8()
                for _ in range(cells):
                    p.cell_towers.append({"mcc": mcc, "mnc": mnc, "lac": r.u16(), "cid": r.u16(), "rssi": r.u8()})
                msg.responses.append(b"\x78\x78\x00" + bytes([msg_type]) + t + b"\r\n")
            return msg
        if msg_type == MSG_INFO:
            self._last_location(p, None)
            p.set("power", r.s16() * 0.01)
            msg.responses.append(ack)
            return msg
        if msg_type == MSG_LBS_MULTIPLE_3 and self.variant == "SR411_MINI":
            self._gps(p, r, False)
            self._lbs(p, r, msg_type, False)
            p.set("ignition", r.u8() > 0)
            p.set("power", r.u16() * 0.01)
            p.set("battery", r.u16() * 0.01)
            msg.responses.append(ack)
            return msg
        if msg_type in _LBS_MULTI:
            long_format = msg_type in (MSG_LBS_2, MSG_WIFI_3, MSG_WIFI_5)
            self._last_location(p, self._date(r))
            if self.variant == "WANWAY_S20":
                r.u8()
            mcc = r.u16()
            mnc = r.u16() if mcc & 0x8000 else r.u8()
            count = r.u8() if self.variant == "WANWAY_S20" else (6 if msg_type == MSG_WIFI_5 else 7)
            for _ in range(count):
                lac = r.s32() if long_format else r.u16()
                cid = r.s64() if long_format else r.u24()
                rssi = -r.u8()
                if lac > 0:
                    p.cell_towers.append({"mcc": mcc & 0x7FFF, "mnc": mnc, "lac": lac, "cid": cid, "rssi": rssi})
            if self.variant != "WANWAY_S20":
                r.u8()  # timing advance
            if msg_type not in (MSG_LBS_MULTIPLE_1, MSG_LBS_MULTIPLE_2, MSG_LBS_MULTIPLE_3, MSG_LBS_2):
                for _ in range(r.u8()):
                    mac = ":".join(f"{b:02x}" for b in r.take(6))
                    p.wifi.append({"mac": mac, "rssi": r.u8()})
        elif msg_type == MSG_STRING:
            self._last_location(p, None)
            command_length = r.u8()
            if command_length > 0:
                r.u32()
                data = r.take(command_length - 4).decode("ascii", "replace")
                if data.startswith("<ICCID:"):
                    p.set("iccid", data[7:27])
                else:
                    p.set("result", data)
        elif msg_type == MSG_STATUS and (body_end - r.pos) == 16:
            self._last_location(p, None)
            r.u8()
            r.u16()
            r.u8()
            r.u8()
            p.set("batteryLevel", r.u8())
            r.u8()
            r.u16()
            r.u8()
            r.u16()
            r.u16()
            value = r.u16()
            temperature = (value & 0x7FFF) * 0.1
            p.set("temp1", temperature if value & 0x8000 else -temperature)
        elif msg_type == MSG_LBS_ALARM:
            # GK310-family LBS alarm: long cell format (4-byte LAC, 8-byte CID), then status + alarm
            self._last_location(p, None)
            mcc = r.u16()
            mnc = r.u16() if mcc & 0x8000 else r.u8()
            p.cell_towers.append({"mcc": mcc & 0x7FFF, "mnc": mnc, "lac": r.s32(), "cid": r.s64()})
            self._status(p, r, True)
            alarm = self._alarm(r.u8())
            if alarm is not None:
                p.attributes["alarm"] = alarm
        elif msg_type in _GPS or msg_type in _LBS or msg_type in _STATUS:
            if msg_type == MSG_LBS_STATUS and self.variant == "SPACE10X":
                return None
            if msg_type in _GPS:
                self._gps(p, r, False)
            else:
                self._last_location(p, None)
            if msg_type in _LBS:
                # 0x19 carries its cell without a length byte (as the recorded GK310/JM vectors show)
                self._lbs(p, r, msg_type, msg_type in _STATUS and msg_type != MSG_LBS_STATUS)
            if msg_type in _STATUS:
                self._status(p, r, True)
                alarm_code = r.u8()
                if msg_type in (MSG_GPS_LBS_STATUS_3, MSG_FENCE_MULTI) and r.pos < body_end:
                    alarm_code |= (r.peek_u8() >> 4) << 8
                alarm = self._alarm(alarm_code) if alarm_code not in (0x0107, 0x010B) else "jamming"
                if alarm is not None:
                    p.attributes["alarm"] = alarm
                elif "alarm" in p.attributes and alarm_code == 0:
                    pass
            if msg_type == MSG_GPS_LBS_1:
                if self.variant == "GT06E_CARD":
                    p.set("odometer", r.u32())
                    data = r.take(r.u8()).decode("ascii", "replace")
                    r.u8()
                    r.u8()
                    p.set("driverLicense", data.strip())
                elif self.variant == "BENWAY":
                    mask = r.u16()
                    p.set("ignition", bool(mask & (1 << 15)))
                    p.set("in2", bool(mask & (1 << 14)))
                    if mask & (1 << 12):
                        v = mask & 0x1FF
                        p.set("temp1", -v if mask & (1 << 9) else v)
                    else:
                        v = mask & 0x3FF
                        p.set("adc1", v if mask & (1 << 13) else v * 0.1)
                elif self.variant == "VXT01":
                    self._status(p, r, False)
                    r.u8()
                elif self.variant == "S5":
                    self._status(p, r, False)
                    alarm = self._alarm(r.u8())
                    if alarm:
                        p.attributes["alarm"] = alarm
                    p.set("oil", r.u16())
                    temperature = r.u8()
                    if temperature & 0x80:
                        temperature = -(temperature & 0x7F)
                    p.set("temp1", temperature)
                    p.set("odometer", r.u32() * 10)
            if msg_type in (MSG_GPS_LBS_2, MSG_GPS_LBS_3, MSG_GPS_LBS_4) and body_end - r.pos >= 3:
                p.set("ignition", r.u8() > 0)
                p.set("event", r.u8())
                p.set("archive", r.u8() > 0)
            if msg_type == MSG_GPS_LBS_3:
                module = r.u16()
                sub_length = r.u8()
                if module == 0x0027:
                    p.set("power", r.u16() * 0.01)
                elif module == 0x002E:
                    p.set("odometer", r.u32())
                elif module == 0x003B:
                    p.accuracy = r.u16() * 0.01
                else:
                    r.skip(sub_length)
            if body_end - r.pos == 4:
                p.set("odometer", r.u32())
        elif msg_type == MSG_ALARM:
            extended_alarm = data_length > 7
            if extended_alarm:
                self._gps(p, r, False, sats=False, speed=False)
            else:
                self._last_location(p, self._date(r))
            event = r.u8()
            p.set("event", event)
            alarm = {0x01: "sos" if extended_alarm else "general", 0x0E: "lowPower", 0x76: "temperature",
                     0x80: "vibration", 0x87: "overspeed", 0x88: "powerCut", 0x90: "hardAcceleration",
                     0x91: "hardBraking", 0x92: "hardCornering", 0x93: "accident"}.get(event)
            p.add_alarm(alarm)
            if body_end - r.pos >= 2:
                p.set("eventData", r.u16())
        else:
            msg.position = None
            if msg_type not in (MSG_COMMAND_0, MSG_COMMAND_1, MSG_COMMAND_2):
                msg.responses.append(ack)
            if msg_type not in _KNOWN_NO_DATA:
                msg.msg_type = msg_type
                raise _Unsupported(msg)
            return msg

        if msg_type in _LANGUAGE and body_end - r.pos >= 2:
            r.u16()
        if msg_type in (MSG_GPS_LBS_STATUS_3, MSG_FENCE_MULTI) and body_end - r.pos >= 1:
            p.set("geofence", r.u8())
        msg.responses.append(ack)
        return msg

    def _extended(self, r: Reader, frame: bytes) -> Gt06Message | None:
        if self.imei is None:
            return None
        r.u16()  # length
        msg_type = r.u8()
        serial = self._serial_of(frame)
        msg = Gt06Message(msg_type, serial)
        r.end = len(frame) - 2
        body_end = len(frame) - 6
        p = Position(PROTOCOL, self.imei)
        msg.position = p
        ack = build_response(msg_type, serial, extended=True)
        if msg_type == MSG_STRING_INFO:
            r.u32()
            encoding = r.u8()
            raw = r.take(body_end - r.pos)
            data = raw.decode("ascii", "replace") if encoding == 1 else raw.decode("utf-16-be", "replace")
            self._last_location(p, None)
            p.set("result", data)
            return msg
        if msg_type == MSG_INFO:
            sub = r.u8()
            self._last_location(p, None)
            if sub == 0x00:
                p.set("adc1", r.u16() * 0.01)
                return msg
            if sub == 0x05:
                flags = r.u8()
                p.set("door", bool(flags & 1))
                p.set("io1", bool(flags & 4))
                return msg
            if sub == 0x0A:
                r.skip(16)
                p.set("iccid", r.take(10).hex().replace("f", ""))
                return msg
            if sub == 0x1B:
                if chr(r.peek_u8()).isalpha():
                    p.set("serial", r.take(body_end - r.pos).decode("ascii", "replace").strip())
                else:
                    r.u8()
                    r.u8()
                    p.set("driverUniqueId", r.take(4).hex())
                return msg
            return None
        if msg_type in (MSG_AZ735_GPS, MSG_AZ735_ALARM):
            if not self._gps(p, r, True):
                self._last_location(p, p.time)
            if self._lbs(p, r, msg_type, True):
                p.set("rssi", r.u8())
            r.skip(r.u8())
            r.skip(r.u8())
            status = r.u8()
            p.set("status", status)
            if msg_type == MSG_AZ735_ALARM:
                if status == 0xA0:
                    p.set("armed", True)
                elif status == 0xA1:
                    p.set("armed", False)
                elif status in (0xA2, 0xA3):
                    p.attributes["alarm"] = "lowBattery"
                elif status == 0xA4:
                    p.attributes["alarm"] = "general"
                elif status == 0xA5:
                    p.attributes["alarm"] = "door"
            r.skip(r.u8())
            msg.responses.append(ack)
            return msg
        if msg_type == MSG_GPS_MODULAR:
            has_time = False
            while body_end - r.pos > 0:
                module_type = r.u16()
                module_length = r.u16()
                start = r.pos
                if module_type == 0x03:
                    p.set("iccid", r.take(10).hex())
                elif module_type == 0x09:
                    p.set("sat", r.u8())
                elif module_type == 0x0A:
                    p.set("satVisible", r.u8())
                elif module_type == 0x11:
                    cell = {"mcc": r.u16(), "mnc": r.u16(), "lac": r.u16(), "cid": r.u24(), "rssi": r.u8()}
                    if cell["cid"] > 0:
                        p.cell_towers.append(cell)
                elif module_type == 0x18:
                    p.set("battery", r.u16() * 0.01)
                elif module_type == 0x28:
                    p.set("hdop", r.u8() * 0.1)
                elif module_type == 0x29:
                    p.set("index", r.u32())
                elif module_type == 0x2A:
                    value = r.u8()
                    p.set("door", (value & 0x0F) > 0)
                    p.set("tamper", (value >> 4) > 0)
                elif module_type == 0x2B:
                    event = r.u8()
                    alarm = {0x11: "lowBattery", 0x12: "lowPower", 0x13: "powerCut", 0x14: "removing"}.get(event)
                    if alarm:
                        p.attributes["alarm"] = alarm
                    p.set("event", event)
                elif module_type == 0x2E:
                    p.set("odometer", r.u32le())
                elif module_type == 0x33:
                    p.time = datetime.fromtimestamp(r.u32(), UTC)
                    has_time = True
                    p.set("sat", r.u8())
                    p.altitude = float(r.s16())
                    lat = r.u32() / 60.0 / 30000.0
                    lon = r.u32() / 60.0 / 30000.0
                    p.speed = r.u8() * KNOTS_PER_KMH
                    flags = r.u16()
                    p.course = float(flags & 0x3FF)
                    p.valid = bool(flags & (1 << 12))
                    p.latitude = lat if flags & (1 << 10) else -lat
                    p.longitude = -lon if flags & (1 << 11) else lon
                elif module_type == 0x34:
                    event = r.u8()
                    p.set("event", event)
                    if event in _MODULAR_ALARMS:
                        p.attributes["alarm"] = _MODULAR_ALARMS[event]
                    r.u32le()
                    r.skip(r.u8())
                else:
                    r.skip(module_length)
                # keep module boundaries even if a module held more than we read
                if r.pos < start + module_length:
                    r.pos = start + module_length
            if not has_time:
                self._last_location(p, None)
            msg.responses.append(build_response(MSG_GPS_MODULAR, serial))
            return msg
        if msg_type == MSG_OBD:
            self._last_location(p, self._date(r))
            p.set("ignition", r.u8() > 0)
            data = r.take(max(0, len(frame) - 18 - r.pos)).decode("ascii", "replace")
            for pair in data.split(","):
                values = pair.split("=")
                if len(values) >= 2 and len(values[0]) >= 2:
                    try:
                        key = int(values[0][:2], 16)
                        if key == 74:
                            p.set("vin", values[1])
                            continue
                        value = int(values[1], 16) * 0.01
                    except ValueError:
                        continue
                    name = {40: "odometer", 43: "fuelLevel", 45: "coolantTemp", 53: "obdSpeed",
                            54: "rpm", 71: "fuelUsed", 73: "hours"}.get(key)
                    if name:
                        p.set(name, value)
            return msg
        if msg_type == MSG_SERIAL:
            self._last_location(p, None)
            r.u8()
            length = body_end - r.pos - 3
            if length <= 0:
                return None
            if length < 8:
                text = r.take(length - 1).decode("ascii", "replace")
                try:
                    p.set("temp1", float(text))
                except ValueError as exc:
                    raise ProtocolError("bad_value", f"temperature {text!r}") from exc
            else:
                r.u8()
                p.set("driverUniqueId", r.take(length - 1).decode("ascii", "replace"))
            return msg
        msg.position = None
        msg.responses.append(ack)
        raise _Unsupported(msg)


class _Unsupported(ProtocolError):
    """A well-formed frame of a type ARM does not decode; acked so the device moves on."""

    def __init__(self, msg: Gt06Message) -> None:
        super().__init__("unknown_type", f"type 0x{msg.msg_type:02x}")
        self.message = msg


Unsupported = _Unsupported

#: Well-formed types that carry nothing ARM stores (acked, no position).
_KNOWN_NO_DATA = {MSG_SATELLITE, MSG_COMMAND_0, MSG_COMMAND_1, MSG_COMMAND_2, 0x08, 0x1F, 0x35, 0x36,
                  0x40, 0x41, 0x65, 0x66, 0x84, 0x8A, 0x97, 0xFD}

_ALARMS: dict[int, str] = {
    0x01: "sos", 0x02: "powerCut", 0x03: "vibration", 0x04: "geofenceEnter", 0x05: "geofenceExit",
    0x06: "overspeed", 0x0F: "lowBattery", 0x11: "powerOff",
    0x0C: "tampering", 0x13: "tampering", 0x25: "tampering", 0x32: "tampering",
    0x14: "door", 0x1A: "hardBraking", 0x27: "hardBraking", 0xF1: "hardBraking",
    0x1B: "hardCornering", 0x2A: "hardCornering", 0x2B: "hardCornering", 0x2E: "hardCornering",
    0x23: "fallDown", 0x26: "hardAcceleration", 0xF0: "hardAcceleration",
    0x2C: "accident", 0xF2: "accident", 0x33: "lock", 0x34: "unlock", 0x53: "fuelLeak",
    0x5B: "temperature", 0x5C: "temperature", 0xC9: "idle",
}

_MODULAR_ALARMS: dict[int, str] = {
    0x10: "door", 0x12: "removing", 0x14: "geofenceEnter", 0x15: "geofenceExit", 0x16: "temperature",
    0x1A: "lowBattery", 0x1B: "overspeed", 0x1C: "powerOn", 0x1D: "powerOff", 0x20: "vibration",
    0x21: "powerCut", 0x23: "tampering",
}
