"""GT06 payload decoders that need no decoder state beyond the time zone.

The extended-frame (``79 79``) message bodies of Traccar's ``Gt06ProtocolDecoder``
(0x21 location text, 0x94 information sub-types, 0x70 modules, 0x8C OBD, 0xF2
peripherals, 0xF1 device status) and the date helpers, kept apart from
``gt06.py`` so the decoder there reads as the dispatcher it is. Each function fills a ``Position`` from a
``Reader`` positioned at the body; the reader spans the whole frame, as
Traccar's buffer does, so "readable" counts the 6 trailing bytes.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone

from arm.protocols.buffer import Reader
from arm.protocols.position import KNOTS_PER_KMH, Position, ProtocolError, now_utc


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


def read_date(r: Reader, tz_offset: timedelta) -> datetime:
    """Six bytes YY MM DD hh mm ss in the device's time zone (Traccar's DateBuilder)."""
    y, mo, d, h, mi, s = r.take(6)
    return date_of(y, mo, d, h, mi, s, tz_offset)


def date_of(y: int, mo: int, d: int, h: int, mi: int, s: int, tz_offset: timedelta) -> datetime:
    """The six date bytes as a time: the usual valid date directly, the odd ones leniently."""
    if not tz_offset:
        try:
            return datetime(2000 + y, mo, d, h, mi, s, tzinfo=UTC)  # the usual, valid UTC date
        except ValueError:
            pass
    return lenient_datetime(2000 + y, mo, d, h, mi, s, tz_offset)


def last_location(p: Position, device_time: datetime | None) -> None:
    """Traccar's getLastLocation: a report without a location of its own."""
    p.outdated = True
    p.time = device_time or now_utc()


def decode_info(p: Position, r: Reader, length: int, tz_offset: timedelta) -> bool:
    """0x94 information transfer; False for sub-types that carry nothing ARM keeps."""
    sub = r.u8()
    last_location(p, None)
    if sub == 0x00:
        p.set("adc1", r.u16() * 0.01)
    elif sub == 0x04:
        content = r.take(r.readable() - 4 - 2).decode("ascii", "replace")
        for item in content.split(";"):
            pair = item.split("=")
            key = pair[0]
            try:
                if key in ("ALM1", "ALM2", "ALM3"):
                    # Traccar falls through to STA1 here, so otherStatus takes this value too
                    p.set(f"alarm{key[3]}Status", int(pair[1], 16))
                    p.set("otherStatus", int(pair[1], 16))
                elif key == "STA1":
                    p.set("otherStatus", int(pair[1], 16))
                elif key == "DYD":
                    p.set("engineStatus", int(pair[1], 16))
            except (IndexError, ValueError) as exc:
                raise ProtocolError("bad_value", f"0x94/04 {item!r}") from exc
    elif sub == 0x05:
        if r.readable() >= 6 + 1 + 6:
            p.time = read_date(r, tz_offset)
        flags = r.u8()
        p.set("door", bool(flags & 1))
        p.set("io1", bool(flags & 4))
    elif sub == 0x0A:
        r.skip(8)  # imei
        r.skip(8)  # imsi
        p.set("iccid", r.take(10).hex().replace("f", ""))
    elif sub == 0x0B:
        data_length = length - 6
        if data_length == 1:
            p.set("networkTechnology", "4G" if r.s8() > 0 else "2G")
        elif data_length == 2:
            p.set("power", r.u16() / 100.0)
    elif sub == 0x0D:
        if r.peek_u8() != ord("!"):
            r.skip(6)
        match = _PATTERN_FUEL.fullmatch(r.data[r.pos:r.end - 4 - 2].decode("ascii", "replace"))
        if match is None:
            return False
        p.set("temp1", float(match.group(1)))
        p.set("fuel", float(match.group(2)))
    elif sub == 0x1B:
        if chr(r.peek_u8()).isalpha():
            p.set("serial", r.take(r.readable() - 6).decode("ascii", "replace").strip())
        else:
            r.u8()  # header
            r.u8()  # type
            p.set("driverUniqueId", r.take(4).hex())
    elif sub == 0x1E:
        p.set("temp1", r.s32() / 10.0)
        p.set("humidity", r.s32() / 10.0)
    else:
        return False
    return True


def decode_modular(p: Position, r: Reader) -> None:
    """0x70: a list of (type, length, value) modules."""
    has_time = False
    while r.readable() > 6:
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
            p.set("bootReason", r.u8())
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
            p.add_alarm(MODULAR_ALARMS.get(event))
            p.set("event", event)
            r.u32le()  # time
            r.skip(r.u8())  # content
        elif module_type == 0x7F:
            p.set("tag1Id", r.take(6).hex())
            p.set("tag1Battery", r.u16() / 1000.0)
            p.set("tag1BatteryLevel", r.u8())
            p.set("tag1Temp", r.s16() / 10.0)
            p.set("tag1Humidity", r.s16())
            p.set("tag1Status", r.u8())
        else:
            r.skip(module_length)
        if r.pos < start + module_length:  # keep module boundaries if a module held more
            r.pos = start + module_length
    if not has_time:
        last_location(p, None)

def decode_obd(p: Position, r: Reader, tz_offset: timedelta) -> None:
    last_location(p, read_date(r, tz_offset))
    p.set("ignition", r.u8() > 0)
    data = r.take(max(0, r.readable() - 18)).decode("ascii", "replace")
    for pair in data.split(","):
        values = pair.split("=")
        if len(values) < 2 or len(values[0]) < 2:
            continue
        try:
            key = int(values[0][:2], 16)
            if key == 74:
                p.set("vin", values[1])
                continue
            value = int(values[1], 16) * 0.01
        except ValueError:
            continue
        name = {40: "odometer", 43: "fuel", 45: "coolantTemp", 53: "obdSpeed", 54: "rpm", 71: "fuelUsed",
                73: "hours"}.get(key)
        if name:
            p.set(name, value)

def decode_peripheral(p: Position, r: Reader) -> None:
    """0xF2 (VL842): Bluetooth peripheral and external battery records."""
    last_location(p, datetime.fromtimestamp(r.u32(), UTC))
    while r.readable() > 6:
        status_id = r.u16()
        if status_id == 0x000A:
            status_length = r.u16()
            r.u8()  # mac address type
            p.set("mac", r.take(6).hex())
            event = r.u8()
            p.set("event", event)
            event_data = r.u8()
            p.set("eventData", event_data if event > 0 else None)
            p.set("dataType", r.u8())
            p.set("dataDetails", r.take(status_length - 10).hex())
        elif status_id == 0x000C:
            r.u8()  # length
            p.set("externalBatteryLevel", r.u8())
            p.set("externalBatteryCharge", True if r.u8() > 0 else None)
            p.set("externalBatteryCycles", r.u16())
            r.skip(6)
        else:
            status_length = r.u8()
            r.skip(r.u8() if status_length == 0 else status_length)


def decode_device_status(p: Position, r: Reader) -> None:
    """0xF1 device status (Jimi IoT 4G): a time, then (id, length, value) items.

    Layout from Traccar's ``Gt06ProtocolDecoder`` (2026, the ``MSG_DEVICE_STATUS``
    branch it shares with 0xF2): the known ids are read at their fixed size,
    unknown ones skipped by their length byte.
    """
    last_location(p, datetime.fromtimestamp(r.u32(), UTC))
    while r.readable() > 6:
        status_id = r.u16()
        status_length = r.u8()
        if status_id == 0x0001:
            motion = r.u8()
            p.set("motion", motion in (0x02, 0x04))
        elif status_id == 0x0002:
            p.set("armed", r.u8() > 0)
        elif status_id == 0x0004:
            p.set("ignition", r.u8() > 0)
        elif status_id == 0x0005:
            p.set("power", r.u16() / 100.0)
        elif status_id == 0x0007:
            p.set("charge", r.u8() > 0)
        elif status_id == 0x000A:
            p.set("chargeVoltage", r.u16())
        elif status_id == 0x000B:
            p.set("batteryTemp", r.u16() / 10.0)
        else:
            r.skip(status_length)


def decode_location_text(p: Position, data: str) -> bool:
    """Traccar's PATTERN_LOCATION: "Current position!Lat:N..,Lon:E..,Course:..,Speed:..,DateTime:..."."""
    m = _PATTERN_LOCATION.fullmatch(data)
    if m is None:
        return False
    lat, lon = float(m["lat"]), float(m["lon"])
    p.valid = True
    p.latitude = -lat if m["ns"] == "S" else lat
    p.longitude = -lon if m["ew"] == "W" else lon
    p.course = float(m["course"])
    p.speed = float(m["speed"])
    p.time = datetime(int(m["y"]), int(m["mo"]), int(m["d"]), int(m["h"]), int(m["mi"]), int(m["s"]), tzinfo=UTC)
    return True


_PATTERN_LOCATION = re.compile(
    r"Current position!Lat:(?P<ns>[NS])(?P<lat>\d+\.\d+),Lon:(?P<ew>[EW])(?P<lon>\d+\.\d+),"
    r"Course:(?P<course>\d+\.\d+),Speed:(?P<speed>\d+\.\d+),"
    r"DateTime:(?P<y>\d{4})-(?P<mo>\d\d)-(?P<d>\d\d) +(?P<h>\d\d):(?P<mi>\d\d):(?P<s>\d\d)")

#: Traccar's PATTERN_FUEL (0x94 sub-type 0x0D): temperature and measured fuel value.
_PATTERN_FUEL = re.compile(
    r"!AIOIL,\d+,\d+\.\d+,(\d+\.\d+),[^,]+,\d\d\d\d,(\d+\.\d+),[01],\d+,[0-9A-Fa-f]{2}")

#: 0x70 module 0x34 event codes -> alarm
MODULAR_ALARMS: dict[int, str] = {
    0x10: "door", 0x12: "removing", 0x14: "geofenceEnter", 0x15: "geofenceExit", 0x16: "temperature",
    0x1A: "lowBattery", 0x1B: "overspeed", 0x1C: "powerOn", 0x1D: "powerOff", 0x20: "vibration",
    0x21: "powerCut", 0x23: "tampering",
}
