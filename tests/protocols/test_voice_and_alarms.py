"""Watch voice messages are kept and answered after the commit; GT06 alarms accumulate.

The conformance vectors check field values; these tests check what ARM does with
them: a voice clip becomes a stored ``voiceMessage`` alarm event (answered
``TK,1`` only once stored), and a GT06 status packet that carries an alarm in its
terminal-info bits *and* in its alarm byte yields both events.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from arm.events import EventKind
from arm.protocols import gt06, watch
from arm.protocols.mapping import to_events
from arm.protocols.servers import WatchListener
from arm.service import MonitoringService
from arm.simulate import gt06_device
from db.models import Device, DeviceEventRow
from db.session import Database

HOST = "127.0.0.1"
DEV = "6907919734"
#: an AMR-NB clip (two 12.2 kbit/s frames: ToC 0x3C + 31 bytes) whose bytes must be escaped on the
#: wire (} [ ] , *) and include a high byte; not AMR, a clip is not kept (arm.media.amr)
CLIP = b"#!AMR\n" + b"\x3c" + bytes(range(0x20, 0x3F)) + b"\x3c" + b"}[],*\xff" + bytes(25)


def _escape(data: bytes) -> bytes:
    table = {0x7D: b"}\x01", 0x5B: b"}\x02", 0x5D: b"}\x03", 0x2C: b"}\x04", 0x2A: b"}\x05"}
    return b"".join(table.get(b, bytes([b])) for b in data)


def voice_frame(device_id: str, clip: bytes) -> bytes:
    content = b"TK," + clip
    return b"[3G*" + device_id.encode() + b"*" + f"{len(content):04X}".encode() + b"*" + b"TK," + _escape(clip) + b"]"


def test_voice_message_decodes_to_an_alarm_event() -> None:
    frame = watch.WatchFramer().feed(voice_frame(DEV, CLIP))[0]
    msg = watch.WatchDecoder().decode(frame)
    assert msg is not None and msg.position is not None and msg.media == CLIP
    assert msg.position.attributes["audio"].startswith(f"{DEV}-") and msg.position.attributes["audio"].endswith(".amr")
    assert msg.position.attributes["audioSize"] == len(CLIP)
    assert msg.responses == [b"[3G*6907919734*0004*TK,1]"]
    now = datetime.now(UTC)
    events = to_events(msg.position, now).events
    assert [(e.kind, e.fields["alarm"], e.fields["size"]) for e in events] == \
        [(EventKind.ALARM, "voiceMessage", len(CLIP))]


def test_empty_voice_frame_is_acked_without_event() -> None:
    msg = watch.WatchDecoder().decode(b"[3G*6907919734*0003*TK,]")
    assert msg is not None and msg.position is None and msg.responses == [b"[3G*6907919734*0004*TK,1]"]


def test_voice_message_stored_then_acked_over_tcp(db: Database) -> None:
    async def main() -> None:
        listener = WatchListener(0, HOST)
        service = MonitoringService(db)
        service.add_component(listener)
        await service.start()
        try:
            reader, writer = await asyncio.open_connection(HOST, listener.port)
            writer.write(voice_frame(DEV, CLIP))
            ack = await asyncio.wait_for(reader.readuntil(b"]"), 5)
            assert ack == b"[3G*6907919734*0004*TK,1]"
            # the ack is only sent after the commit: the event is already there
            with db.session() as s:
                stored = list(s.scalars(select(DeviceEventRow).join(Device, Device.id == DeviceEventRow.device_id)
                                        .where(Device.serial == DEV, DeviceEventRow.kind == EventKind.ALARM)))
            assert [(r.fields["alarm"], r.fields["size"]) for r in stored] == [("voiceMessage", len(CLIP))]
            assert stored[0].fields["audio"].endswith(".amr")
            writer.close()
            await writer.wait_closed()
        finally:
            await service.stop()
        assert not listener.totals.errors

    asyncio.run(asyncio.wait_for(main(), 60))


def _status_alarm_frame(status: int, alarm_byte: int) -> bytes:
    t = datetime.now(UTC).replace(microsecond=0) - timedelta(minutes=1)
    payload = (
        gt06.encode_gt06_time(t) + b"\xc8"
        + round(51.13 * 60 * 30000).to_bytes(4, "big") + round(71.43 * 60 * 30000).to_bytes(4, "big")
        + b"\x00" + ((1 << 12) | (1 << 10)).to_bytes(2, "big")
        + b"\x09" + (401).to_bytes(2, "big") + b"\x01" + (1).to_bytes(2, "big") + (1).to_bytes(3, "big")
        + bytes([status, 0x04, 0x04, alarm_byte, 0x02])
    )
    return gt06_device.build_frame(gt06.MSG_GPS_LBS_STATUS_1, payload, 7)


def test_gt06_status_bits_and_alarm_byte_both_reported() -> None:
    decoder = gt06.Gt06Decoder()
    decoder.decode(gt06_device.encode_login("359339075005244"))
    # terminal-info bits 3-5 = 4 (SOS) and alarm byte 0x02 (power cut)
    msg = decoder.decode(_status_alarm_frame(0x20 | 0x01, 0x02))
    assert msg is not None and msg.position is not None
    assert msg.position.alarms() == ["sos", "powerCut"]
    assert msg.position.attributes["batteryLevel"] == 66  # voltage level 4 of 6
    assert msg.responses == [gt06.build_response(gt06.MSG_GPS_LBS_STATUS_1, 7)]
    events = to_events(msg.position, datetime.now(UTC)).events
    kinds = [(e.kind, e.fields.get("alarm") or e.fields.get("state")) for e in events]
    assert (EventKind.ALARM, "sos") in kinds and (EventKind.POWER, "MAINS_LOST") in kinds


def test_gt06_battery_percent_layout() -> None:
    """Newer firmwares send the battery as a percentage (7..100) instead of a 0-6 level."""
    decoder = gt06.Gt06Decoder()
    decoder.decode(gt06_device.encode_login("359339075005244"))
    frame = _status_alarm_frame(0x01, 0x00)
    frame = frame[:-11] + bytes([0x01, 93, 0x04, 0x00, 0x02]) + frame[-6:]
    frame = frame[:-4] + gt06.crc16_x25(frame[2:-4]).to_bytes(2, "big") + b"\r\n"
    msg = decoder.decode(frame)
    assert msg is not None and msg.position is not None
    assert msg.position.attributes["batteryLevel"] == 93 and not msg.position.alarms()


def test_gt06_alarm_table_matches_traccar_codes() -> None:
    """A few codes no vector covers: low battery 0x0E and the 12-bit jamming codes of 0x27/0xA4."""
    decoder = gt06.Gt06Decoder()
    assert decoder._alarm(0x0E) == "lowBattery"
    assert decoder._alarm(0x0107) == decoder._alarm(0x010B) == "jamming"
    assert decoder._alarm(0x18) == "removing" and decoder._alarm(0x07) is None
    decoder.model = "LW4G-4B"
    assert decoder._alarm(0x18) == "accident"
    decoder.model = "VL103"
    assert decoder._alarm(0x09) == "tow" and decoder._alarm(0x28) == "powerOff"
