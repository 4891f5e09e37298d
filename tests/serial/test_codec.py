"""Typed ICD messages <-> lines, and device events -> DeviceEvent fields."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from serial_drivers.icd.codec import (
    Answer,
    CodecError,
    Command,
    DeviceInfo,
    RawEvent,
    decode,
    encode,
    event_fields,
    event_line_fields,
    to_device_event,
)


def test_icd_example_round_trip() -> None:
    assert encode(Command(1, "INFO")) == b"$EMCMD,1,INFO*7D\r\n"
    assert encode(Command(2, "PAIR", ("BRC-102938", "482913"))) == b"$EMCMD,2,PAIR,BRC-102938,482913*00\r\n"
    info = decode(b"EMACK,1,OK,SKU,SKU-000417,2.4.1,B3,100,")
    assert info == Answer(1, True, ("SKU", "SKU-000417", "2.4.1", "B3", "100", ""))
    assert DeviceInfo.from_answer(info) == DeviceInfo("SKU", "SKU-000417", "2.4.1", "B3", 100, "")
    ev = decode(b"EMEVT,SKU-000417,77,20261122093000,PRESENCE,BRC-102938,IN,-61")
    assert ev == RawEvent(
        "SKU-000417", 77, datetime(2026, 11, 22, 9, 30, tzinfo=UTC), "PRESENCE", ("BRC-102938", "IN", "-61")
    )
    assert encode(ev) == b"$EMEVT,SKU-000417,77,20261122093000,PRESENCE,BRC-102938,IN,-61*46\r\n"


def test_error_answer_keeps_code_and_text() -> None:
    ans = decode(b"EMACK,9,ERR,E_PAIR_CODE,wrong pair code")
    assert ans == Answer(9, False, (), "E_PAIR_CODE", "wrong pair code")
    assert decode(encode(ans)[1:-5]) == ans


@pytest.mark.parametrize(
    "body",
    [
        b"EMEVT,SKU-000417,0,20261122093000,HB",  # evseq starts at 1
        b"EMEVT,SKU-000417,4294967296,20261122093000,HB",
        b"EMEVT,sku-1,5,20261122093000,HB",  # serial: A-Z 0-9 -
        b"EMEVT,SKU-000417,5,20261322093000,HB",  # month 13
        b"EMEVT,SKU-000417,5,2026112209300,HB",
        b"EMACK,65536,OK",
        b"EMACK,1,MAYBE",
        b"EMCMD,1,",
        b"GPRMC,1,2",
        b"EMEVT,SKU-000417,5",
    ],
)
def test_malformed_lines_raise_codec_error(body: bytes) -> None:
    with pytest.raises(CodecError):
        decode(body)


def test_event_fields_typed_per_docstring() -> None:
    pos = event_fields("POS", ("43.238949", "76.889709", "1", "9", "0.9", "4.5", "181.0"))
    assert pos == {
        "lat": 43.238949, "lon": 76.889709, "fix": 1, "sats": 9, "hdop": 0.9, "speed_kmh": 4.5, "course": 181.0,
    }
    assert event_fields("POS", ("", "", "0", "", "", "", ""))["lat"] is None
    assert event_fields("STAT", ("87", "1", "-70", "21.5")) == {
        "battery": 87, "charging": True, "rssi": -70, "temperature": 21.5,
    }
    assert event_fields("BAC", ("T1", "0.21", "96", "FAIL"))["mg_l"] == 0.21
    assert event_fields("HB", ()) == {}


@pytest.mark.parametrize(
    ("kind", "raw"),
    [
        ("POS", ("43.1", "76.1", "0", "", "", "", "")),  # fix 0 with coordinates
        ("POS", ("", "", "1", "", "", "", "")),  # a fix without coordinates
        ("TAMPER", ("LID", "OPEN")),
        ("STAT", ("x", "0", "", "")),
        ("HB", ("extra",)),
        ("TELEPORT", ()),
    ],
)
def test_bad_event_fields_become_a_stored_fault(kind: str, raw: tuple[str, ...]) -> None:
    with pytest.raises(CodecError):
        event_fields(kind, raw)
    ev = to_device_event(RawEvent("TRK-1234", 5, datetime(2026, 1, 1, tzinfo=UTC), kind, raw), "TRK")
    assert ev.kind == "FAULT" and ev.fields["code"] == "HOST_DECODE" and ev.evseq == 5
    assert ev.fields["raw"].startswith(kind)


def test_event_line_fields_inverse() -> None:
    fields = {"lat": 43.25, "lon": -76.5, "fix": 1, "sats": 7, "hdop": 1.2, "speed_kmh": 0.0, "course": None}
    line = event_line_fields("POS", fields)
    assert line == ("43.250000", "-76.500000", "1", "7", "1.2", "0.0", "")
    assert event_fields("POS", line) == fields


def test_device_event_carries_type_and_source() -> None:
    raw = decode(b"EMEVT,SKU-000417,77,20261122093000,PRESENCE,BRC-102938,IN,-61")
    assert isinstance(raw, RawEvent)
    ev = to_device_event(raw, "SKU")
    assert (ev.serial, ev.evseq, ev.kind, ev.source, ev.device_type) == ("SKU-000417", 77, "PRESENCE", "serial", "SKU")
    assert ev.fields == {"bracelet": "BRC-102938", "state": "IN", "rssi": -61}
