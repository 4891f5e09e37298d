"""GT06 0xF1 device status (Jimi IoT 4G), ported from Traccar's 2026 decoder.

Beyond the one conformance vector (power only): every known status item, an
unknown item skipped by its length, both frame kinds acknowledged with a
basic ack, and the report mapped to a heartbeat (it carries no location).
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from arm.events import EventKind
from arm.protocols import gt06
from arm.protocols.mapping import to_events
from arm.simulate import gt06_device

T = datetime(2026, 11, 23, 6, 0, 0, tzinfo=UTC)


def _items() -> bytes:
    return b"".join([
        bytes.fromhex("0001 01 04"),        # motion status 4: moving
        bytes.fromhex("0002 01 01"),        # armed
        bytes.fromhex("0004 01 00"),        # ignition off
        bytes.fromhex("0005 02 0195"),      # power 4.05 V
        bytes.fromhex("0007 01 01"),        # charging
        bytes.fromhex("000A 02 1388"),      # charge voltage 5000
        bytes.fromhex("000B 02 0159"),      # battery temperature 34.5
        bytes.fromhex("1000 03 AABBCC"),    # unknown: skipped by its length
    ])


@pytest.mark.parametrize("extended", [True, False])
def test_device_status_items_and_ack(extended: bool) -> None:
    decoder = gt06.Gt06Decoder()
    decoder.decode(gt06_device.encode_login("359339075005244", 1))
    frame = gt06.build_response(gt06.MSG_DEVICE_STATUS, 0x80, int(T.timestamp()).to_bytes(4, "big") + _items(),
                                extended=extended)
    msg = decoder.decode(frame)
    assert msg is not None and msg.position is not None
    p = msg.position
    assert p.outdated and p.time == T
    assert p.attributes == {"motion": True, "armed": True, "ignition": False, "power": 4.05, "charge": True,
                            "chargeVoltage": 5000, "batteryTemp": 34.5}
    assert msg.responses == [gt06.build_response(gt06.MSG_DEVICE_STATUS, 0x80)]
    events = to_events(p, T).events
    assert [e.kind for e in events] == [EventKind.HB]


def test_device_status_stationary_and_overlong_item() -> None:
    decoder = gt06.Gt06Decoder()
    decoder.decode(gt06_device.encode_login("359339075005244", 1))
    still = gt06.build_response(gt06.MSG_DEVICE_STATUS, 2, int(T.timestamp()).to_bytes(4, "big")
                                + bytes.fromhex("0001 01 01"), extended=True)
    assert decoder.decode(still).position.attributes == {"motion": False}
    # an item claiming more bytes than the frame holds is refused, not read past the end
    cut = gt06.build_response(gt06.MSG_DEVICE_STATUS, 3, int(T.timestamp()).to_bytes(4, "big")
                              + bytes.fromhex("1000 20 AABB"), extended=True)
    with pytest.raises(gt06.ProtocolError):
        decoder.decode(cut)


def test_trx16i_location_without_a_card_has_no_driver() -> None:
    """A TRX16i 0x36 report with an empty card slot: position and battery, no driver id."""
    from datetime import UTC, datetime

    from arm.protocols import gt06

    t = datetime(2026, 11, 23, 6, 0, tzinfo=UTC)
    body = (gt06.encode_gt06_time(t) + bytes([0xCF]) + round(43.25 * 1_800_000).to_bytes(4, "big")
            + round(76.95 * 1_800_000).to_bytes(4, "big") + b"\x00" + (0x1400).to_bytes(2, "big")
            + (401).to_bytes(2, "big") + b"\x01" + (0x25EF).to_bytes(2, "big") + (0x0540E88C).to_bytes(4, "big")
            + bytes(9) + bytes([37]) + bytes(3) + bytes(8))
    frame = gt06_device.build_frame(gt06.MSG_STATUS_2, body, 9)
    assert len(frame) == 58
    decoder = gt06.Gt06Decoder(model="VL103")
    decoder.decode(gt06_device.encode_login("359710049095095", 1))
    msg = decoder.decode(frame)
    assert msg is not None and msg.position is not None
    p = msg.position
    assert p.time == t and p.valid and abs(p.latitude - 43.25) < 1e-6 and abs(p.longitude - 76.95) < 1e-6
    assert p.attributes["battery"] == 3.7 and "driverUniqueId" not in p.attributes
    assert p.cell_towers == [{"mcc": 401, "mnc": 1, "lac": 0x25EF, "cid": 0x0540E88C}]
    assert msg.responses == [gt06.build_response(gt06.MSG_STATUS_2, 9)]
    # without the VL model the same bytes are read as 0x36 status modules, which they are not
    import pytest

    from arm.protocols.position import ProtocolError

    plain = gt06.Gt06Decoder()
    plain.decode(gt06_device.encode_login("359710049095095", 1))
    with pytest.raises(ProtocolError):
        plain.decode(frame)
