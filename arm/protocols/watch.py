"""The "Watch" text protocol of wrist trackers: ``[SG*id*LLLL*TYPE,values...]``.

Used by 3G/4G child and elderly watches (SG, 3G, ZJ, CS manufacturers). A frame
is ``[`` + 2-char manufacturer + ``*`` + device id + ``*`` + optional 4-hex
index ``*`` + 4-hex content length + ``*`` + content + ``]``. Binary content
(voice, images) escapes ``} [ ] , *`` as ``}\\x01..}\\x05``. The watch expects
``LK`` (link keep-alive) and ``AL`` (alarm) to be answered with the same type,
otherwise it repeats the alarm; position reports (UD, UD2, UD_LTE...) are not
answered. Field meanings follow Traccar's ``WatchProtocolDecoder``.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from arm.protocols.position import KNOTS_PER_KMH, Position, ProtocolError, now_utc

PROTOCOL = "watch"
#: the length field has 4 hex digits (65,535 content bytes) and escaping at most
#: doubles binary content: the largest frame a watch can send (a TK voice clip)
MAX_FRAME = 2 * 0xFFFF + 64
#: frames whose length field is small (text reports) are dropped past this size
TEXT_FRAME_LIMIT = 16384

#: returned by the framer's step when it skipped garbage and should look again
_AGAIN = b""
ESCAPES = {1: 0x7D, 2: 0x5B, 3: 0x5D, 4: 0x2C, 5: 0x2A}
_HEADER = re.compile(rb"\[([A-Za-z0-9]{2})\*([0-9A-Za-z]{1,20})\*(?:([0-9A-Fa-f]{4})\*)?([0-9A-Fa-f]{4})\*")


def unescape(data: bytes) -> bytes:
    out = bytearray()
    i = 0
    while i < len(data):
        b = data[i]
        if b == 0x7D and i + 1 < len(data) and data[i + 1] in ESCAPES:
            out.append(ESCAPES[data[i + 1]])
            i += 2
        else:
            out.append(b)
            i += 1
    return bytes(out)


class WatchFramer:
    """Splits the byte stream into ``[...]`` frames (length-aware for binary content)."""

    def __init__(self, max_frame: int = MAX_FRAME) -> None:
        self._buf = bytearray()
        self.max_frame = max_frame
        self.garbage_bytes = 0
        self.oversized = 0

    def pending(self) -> int:
        return len(self._buf)

    def feed(self, data: bytes) -> list[bytes]:
        self._buf += data
        out: list[bytes] = []
        while True:
            frame = self._next()
            if frame is None:
                return out
            if frame is not _AGAIN:
                out.append(frame)

    def _next(self) -> bytes | None:
        """One frame, None (need more bytes) or _AGAIN (skipped garbage; look again)."""
        buf = self._buf
        start = buf.find(b"[")
        if start < 0:
            self.garbage_bytes += len(buf)
            buf.clear()
            return None
        if start:
            self.garbage_bytes += start
            del buf[:start]
        m = _HEADER.match(buf)
        if m is None:
            if len(buf) > 64 or (b"]" in buf and len(buf) > 1):
                # not a header and cannot become one: skip this '[' and resync
                self.garbage_bytes += 1
                del buf[:1]
                return _AGAIN
            return None
        length = int(m.group(4), 16)
        # walk `length` unescaped bytes, then expect ']'
        i = m.end()
        got = 0
        while got < length and i < len(buf):
            if buf[i] == 0x7D and i + 1 < len(buf) and buf[i + 1] in ESCAPES:
                i += 2
            else:
                i += 1
            got += 1
        if got == length and i < len(buf) and buf[i] == 0x5D:
            frame = bytes(buf[: i + 1])
            del buf[: i + 1]
            return unescape(frame)
        # Incomplete, or the length field lies (some firmwares count differently):
        # the frame ends at a ']' followed by the next '[' or by the end of what
        # arrived (binary content escapes ']', so it cannot end a frame early).
        j = m.end()
        while True:
            end = buf.find(b"]", j)
            if end < 0:
                break
            if end + 1 == len(buf) or buf[end + 1] == 0x5B:
                frame = bytes(buf[: end + 1])
                del buf[: end + 1]
                return unescape(frame)
            j = end + 1
        # a frame may be as long as its length field allows (binary content escaped
        # at most twice), but never longer than the old text-frame limit needs
        if len(buf) > min(self.max_frame, max(TEXT_FRAME_LIMIT, m.end() + 2 * length + 64)):
            self.oversized += 1
            self.garbage_bytes += len(buf)
            buf.clear()
        return None


@dataclass(slots=True)
class WatchMessage:
    manufacturer: str
    device_id: str
    msg_type: str
    position: Position | None = None
    responses: list[bytes] = field(default_factory=list)
    #: binary media the frame carried (a TK voice clip or one JXTK part), named by ``media_name``
    media: bytes | None = None
    media_name: str = ""
    #: JXTK: this part's number (1-based) and the clip's number of parts; 1/1 for TK
    media_part: int = 1
    media_parts: int = 1
    #: (code, detail) of input that is answered but not used (the listener counts it)
    problem: tuple[str, str] | None = None


def build_response(manufacturer: str, device_id: str, index: str | None, content: str) -> bytes:
    body = content.encode("ascii")
    if index:
        return f"[{manufacturer}*{device_id}*{index}*{len(body):04X}*".encode() + body + b"]"
    return f"[{manufacturer}*{device_id}*{len(body):04X}*".encode() + body + b"]"


def _coordinate(value: str, hemisphere: str) -> float:
    v = float(value.strip() or 0.0)
    if hemisphere in ("S", "W"):
        v = -abs(v) if v > 0 else v
    return v


def _alarm_from_status(status: int) -> str | None:
    for mask, alarm in ((0x1, "lowBattery"), (0x2, "geofenceExit"), (0x4, "geofenceEnter"),
                        (0x4000, "powerCut"), (0x10000, "sos"), (0x20000, "lowBattery"),
                        (0x40000, "geofenceExit"), (0x80000, "geofenceEnter"), (0x100000, "removing"),
                        (0x200000, "fallDown"), (0x400000, "fallDown")):
        if status & mask:
            return alarm
    return None


def _number(text: str) -> int | float | None:
    try:
        return int(text)
    except ValueError:
        try:
            return float(text)
        except ValueError:
            return None


#: Names a media clip: (device id, content, extension) -> name. Traccar's MediaManager
#: writes the file and returns its name; ARM's decoders stay pure, so the default
#: only names the clip (the content travels on ``WatchMessage.media``).
MediaNamer = Callable[[str, bytes, str], str]


def default_media_name(device_id: str, data: bytes, extension: str) -> str:
    """``<id>-<UTC receipt time>-<content hash>.<ext>``: unique per clip."""
    digest = hashlib.blake2b(data, digest_size=4).hexdigest()
    return f"{device_id}-{now_utc():%Y%m%dT%H%M%SZ}-{digest}.{extension}"


class WatchDecoder:
    """Decodes one unescaped frame; stateless except for the last device id."""

    def __init__(self, media_namer: MediaNamer | None = None) -> None:
        self.device_id: str | None = None
        self.media_namer: MediaNamer = media_namer or default_media_name

    def decode(self, frame: bytes) -> WatchMessage | None:
        m = _HEADER.match(frame)
        if m is None or not frame.endswith(b"]"):
            raise ProtocolError("garbage", "not a [XX*id*len*...] frame")
        manufacturer = m.group(1).decode()
        device_id = m.group(2).decode()
        index = m.group(3).decode() if m.group(3) else None
        raw = frame[m.end():-1]
        comma = raw.find(b",")
        type_bytes = raw if comma < 0 else raw[:comma]
        try:
            msg_type = type_bytes.decode("ascii")
        except UnicodeDecodeError as exc:
            raise ProtocolError("not_utf8", "message type is not text") from exc
        if msg_type == "TK" and comma >= 0 and len(raw) - comma - 1 > 1:
            # a voice message (AMR): kept as a report with the clip's name and size,
            # answered "TK,1" after it is stored (as Traccar does once the file is written)
            self.device_id = device_id
            data = raw[comma + 1:]
            name = self.media_namer(device_id, data, "amr")
            msg = WatchMessage(manufacturer, device_id, msg_type, media=data, media_name=name)
            p = Position(PROTOCOL, device_id, time=now_utc(), outdated=True)
            p.set("audio", name)
            p.set("audioSize", len(data))
            msg.position = p
            msg.responses.append(build_response(manufacturer, device_id, index, "TK,1"))
            return msg
        if msg_type == "JXTK":
            self.device_id = device_id
            return self._voice_part(manufacturer, device_id, index, raw[comma + 1:] if comma >= 0 else b"")
        if msg_type in ("TK", "TK2", "img", "IMG"):
            # empty TK and images: acknowledged, not stored (ARM keeps voice only)
            self.device_id = device_id
            msg = WatchMessage(manufacturer, device_id, msg_type)
            if msg_type == "TK":
                msg.responses.append(build_response(manufacturer, device_id, index, "TK,1"))
            return msg
        try:
            content = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise ProtocolError("not_utf8", f"{msg_type} content is not UTF-8") from exc
        self.device_id = device_id
        values = content.split(",")[1:]
        msg = WatchMessage(manufacturer, device_id, msg_type)
        p = Position(PROTOCOL, device_id)

        if msg_type == "INIT":
            msg.responses.append(build_response(manufacturer, device_id, index, "INIT,1"))
            return msg
        if msg_type == "LK":
            msg.responses.append(build_response(manufacturer, device_id, index, "LK"))
            if len(values) >= 3:
                p.outdated = True
                p.time = now_utc()
                p.set("steps", _int(values[0]))
                p.set("batteryLevel", _int(values[2]))
                msg.position = p
            return msg
        if msg_type.startswith(("UD", "AL", "WT")):
            self._position(p, values)
            if msg_type.startswith("AL"):
                if "alarm" not in p.attributes:
                    p.attributes["alarm"] = "general"
                msg.responses.append(build_response(manufacturer, device_id, index, "AL"))
            msg.position = p
            return msg
        if msg_type in ("TKQ", "TKQ2"):
            msg.responses.append(build_response(manufacturer, device_id, index, msg_type))
            return msg
        lower = msg_type.lower()
        if lower in ("pulse", "heart", "blood", "bphrt", "temp", "btemp2", "oxygen"):
            p.outdated = True
            p.time = now_utc()
            if lower in ("pulse", "heart"):
                p.set("heartRate", _int(values[0]) if values else None)
            elif lower == "blood" and len(values) >= 2:
                p.set("pressureHigh", _int(values[0]))
                p.set("pressureLow", _int(values[1]))
            elif lower == "bphrt" and len(values) >= 3:
                p.set("pressureHigh", _int(values[0]))
                p.set("pressureLow", _int(values[1]))
                p.set("heartRate", _int(values[2]))
            elif lower == "temp" and values:
                p.set("temp1", _float(values[0]))
            elif lower == "btemp2" and len(values) >= 2:
                p.set("temp1", _float(values[1]))
            elif lower == "oxygen" and len(values) >= 2:
                p.set("bloodOxygen", _int(values[1]))
            if lower in ("pulse", "heart", "blood", "bphrt"):
                msg.responses.append(build_response(manufacturer, device_id, index, msg_type))
            msg.position = p if p.attributes else None
            return msg
        raise ProtocolError("unknown_type", f"watch message type {msg_type!r}")

    @staticmethod
    def _voice_part(manufacturer: str, device_id: str, index: str | None, body: bytes) -> WatchMessage:
        """``JXTK,<flag>,<file name>,<part>,<parts>,<AMR bytes>``, answered ``JXTKR,1`` (Traccar's layout).

        Parts are numbered 1..parts; the first one starts with the ``#!AMR``
        header, so the clip is the parts' bytes in order. The listener stages
        each part durably before the answer and stores the clip with the last.

        Malformed heads, as Traccar's ``WatchProtocolDecoder`` treats them: a
        head without its four fields (``JXTK,0,0,0,0``) or with a part number
        that is not a number makes Traccar throw before answering, so it is
        counted and not answered here either. A head that parses but makes no
        sense (part 0 of 0, part 4 of 3, an unprintable name) Traccar answers
        ``JXTKR,1``; ARM answers it too, so the watch does not resend a part
        that can never be used, but counts it (``bad_value``) and stores nothing.
        """
        head = body.split(b",", 4)
        if len(head) < 5:
            raise ProtocolError("truncated", f"JXTK with {len(head)} fields")
        try:
            name = head[1].decode("ascii").strip()
            part, parts = int(head[2]), int(head[3])
        except (UnicodeDecodeError, ValueError) as exc:
            raise ProtocolError("bad_value", f"JXTK header: {exc}") from exc
        if not 1 <= part <= parts <= 999 or not name.isprintable() or len(name) > 120:
            msg = WatchMessage(manufacturer, device_id, "JXTK",
                               problem=("bad_value", f"JXTK part {part} of {parts}, name {name[:40]!r}"))
            msg.responses.append(build_response(manufacturer, device_id, index, "JXTKR,1"))
            return msg
        msg = WatchMessage(manufacturer, device_id, "JXTK", media=head[4], media_name=name or "jxtk",
                           media_part=part, media_parts=parts)
        msg.responses.append(build_response(manufacturer, device_id, index, "JXTKR,1"))
        return msg

    def _position(self, p: Position, v: list[str]) -> None:
        if len(v) < 16:
            raise ProtocolError("truncated", f"position with {len(v)} fields")
        try:
            day, month, year = int(v[0][0:2]), int(v[0][2:4]), int(v[0][4:6])
            hour, minute, second = int(v[1][0:2]), int(v[1][2:4]), int(v[1][4:6])
            p.time = datetime(2000 + year, month, day, hour, minute, second, tzinfo=UTC)
            p.valid = v[2] == "A"
            p.latitude = _coordinate(v[3], v[4])
            p.longitude = _coordinate(v[5], v[6])
            p.speed = float(v[7] or 0) * KNOTS_PER_KMH
            p.course = float(v[8] or 0)
            p.altitude = float(v[9] or 0)
        except ValueError as exc:
            raise ProtocolError("bad_value", f"position field: {exc}") from exc
        p.set("sat", _int(v[10]))
        p.set("rssi", _int(v[11]))
        p.set("batteryLevel", _int(v[12]))
        p.set("steps", _int(v[13]))
        p.set("tumbles", _int(v[14]))
        try:
            status = int(v[15] or "0", 16)
        except ValueError as exc:
            raise ProtocolError("bad_value", f"status {v[15]!r}") from exc
        alarm = _alarm_from_status(status)
        if alarm:
            p.attributes["alarm"] = alarm
        if status & 0x10:
            p.set("motion", True)
        rest = v[16:]
        try:
            self._network(p, rest)
        except (ValueError, IndexError):
            pass  # cell/wifi lists are optional context; a short list never loses the fix

    @staticmethod
    def _network(p: Position, rest: list[str]) -> None:
        if not rest:
            return
        cells = int(rest[0] or 0)
        i = 1
        if cells > 0:
            i += 1  # timing advance
            mcc = int(rest[i])
            mnc = int(rest[i + 1])
            i += 2
            for _ in range(cells):
                lac, cid, rssi = rest[i], rest[i + 1], rest[i + 2]
                i += 3
                try:
                    p.cell_towers.append({"mcc": mcc, "mnc": mnc, "lac": int(lac, 16) if not lac.isdigit() else int(lac),
                                          "cid": int(cid, 16) if not cid.isdigit() else int(cid),
                                          "rssi": int(rssi or 0)})
                except ValueError:
                    continue
        else:
            i += 1
        if i < len(rest) and rest[i]:
            wifi = int(rest[i])
            i += 1
            for _ in range(wifi):
                p.wifi.append({"name": rest[i], "mac": rest[i + 1], "rssi": int(rest[i + 2] or 0)})
                i += 3


def _int(text: str) -> int | None:
    try:
        return int(text)
    except ValueError:
        return None


def _float(text: str) -> float | None:
    try:
        return float(text)
    except ValueError:
        return None
