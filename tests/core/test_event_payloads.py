"""Every producer's DeviceEvent.fields match the payload TypedDict of its kind.

The payload types in ``arm.events`` are plain dicts at run time, so nothing
stops a producer from drifting; these tests run the real producers (the
Traccar conformance vectors through the network decoders and mapping, the ICD
emulator through the serial codec, the NMEA captures, the demo fleet) and
check each event's keys against ``FIELDS_BY_KIND``: required keys present,
no key the type does not declare (besides ``EXTRA_KEYS``), states that are
members of their StrEnum.
"""

from __future__ import annotations

import typing
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from pathlib import Path
from typing import Any

import orjson
import pytest

from arm.events import (
    EXTRA_KEYS,
    FIELDS_BY_KIND,
    BacResult,
    DeviceEvent,
    EventKind,
    GnssState,
    PowerState,
    PresenceState,
    TamperPart,
    TamperState,
)
from arm.ingest import rejection_reason
from arm.plausibility import screen_report
from arm.protocols import gt06, osmand, watch
from arm.protocols.mapping import screen, to_events
from arm.protocols.position import Position, ProtocolError
from db.session import json_dumps
from serial_drivers.emulator import EmulatedDevice
from serial_drivers.emulator_model import GENERATED_KINDS
from serial_drivers.icd.codec import RawEvent, decode, to_device_event
from serial_drivers.nmea import NmeaStream
from tests.protocols import conformance

NOW = datetime(2026, 11, 23, 3, 0, tzinfo=UTC)
STATE_ENUMS = (TamperPart, TamperState, PresenceState, PowerState, GnssState, BacResult)


def payload_problems(ev: DeviceEvent) -> list[str]:
    """What is wrong with ``ev.fields`` for its kind (empty when it fits)."""
    cls = FIELDS_BY_KIND[EventKind(ev.kind)]
    hints = typing.get_type_hints(cls)
    required: frozenset[str] = cls.__required_keys__  # type: ignore[attr-defined]
    keys = set(ev.fields)
    problems = [f"{ev.kind}: missing {k}" for k in sorted(required - keys)]
    problems += [f"{ev.kind}: unknown key {k}" for k in sorted(keys - set(hints) - EXTRA_KEYS)]
    for key, hint in hints.items():
        if key in ev.fields and isinstance(hint, type) and issubclass(hint, StrEnum):
            if ev.fields[key] not in {m.value for m in hint}:
                problems.append(f"{ev.kind}: {key}={ev.fields[key]!r} is not a {hint.__name__}")
    return problems


def assert_payloads(events: list[DeviceEvent], at_least: int = 1) -> set[str]:
    assert len(events) >= at_least
    problems = [p for ev in events for p in payload_problems(ev)]
    assert problems == [], problems[:10]
    return {ev.kind for ev in events}


# ------------------------------------------------------------------ network protocols
def _network_events(protocol: str) -> list[DeviceEvent]:
    events: list[DeviceEvent] = []
    for records in conformance.groups(conformance.load(protocol)).values():
        gt06_decoder = gt06.Gt06Decoder(verify_crc=False)
        watch_decoder = watch.WatchDecoder()
        for r in records:
            try:
                if protocol == "gt06":
                    model = r.get("decoder_state", {}).get("modelOverride")
                    if model:
                        gt06_decoder.model = model.upper()
                    msg = gt06_decoder.decode(conformance.message_bytes(r))
                    positions = [msg.position] if msg is not None else []
                elif protocol == "watch":
                    wmsg = watch_decoder.decode(conformance.message_bytes(r))
                    positions = [wmsg.position] if wmsg is not None else []
                else:
                    http = r.get("http", {})
                    method = http.get("method", "GET")
                    headers = {k.lower(): v for k, v in http.get("headers", {}).items()}
                    target, body = ((r["message"], b"") if method == "GET"
                                    else (http.get("uri", "/"), conformance.message_bytes(r)))
                    positions = list(osmand.decode_request_all(method, target, headers, body, NOW))
            except (ProtocolError, UnicodeDecodeError):
                continue
            for p in positions:
                if p is not None:
                    if not p.unique_id:
                        p.unique_id = "359339075005244"
                    events += to_events(p, NOW).events
    return events


@pytest.mark.parametrize("protocol", ["gt06", "watch", "osmand"])
def test_conformance_vectors_map_to_typed_payloads(protocol: str) -> None:
    if not conformance.load(protocol):
        pytest.fail(f"conformance vectors for {protocol} missing in {conformance.CONFORMANCE}")
    kinds = assert_payloads(_network_events(protocol), at_least=10)
    assert EventKind.POS in kinds


def test_mapping_alarms_and_login_fit_their_payloads() -> None:
    p = Position("gt06", "359339075005244", time=NOW, outdated=True, attributes={"batteryLevel": 50})
    for alarm in ("tampering", "powerCut", "powerRestored", "lowBattery", "powerOff", "jamming", "sos"):
        p.add_alarm(alarm)
    p.attributes["audio"] = "clip.amr"
    events = to_events(p, NOW).events + to_events(Position("gt06", "359339075005244"), NOW, login=True).events
    kinds = assert_payloads(events)
    assert kinds >= {EventKind.STAT, EventKind.TAMPER, EventKind.POWER, EventKind.GNSS, EventKind.ALARM,
                     EventKind.LOGIN}
    assert assert_payloads(to_events(Position("watch", "123", outdated=True, time=NOW), NOW).events) == {"HB"}


# ------------------------------------------------------------------ serial devices
def test_icd_emulator_output_fits_the_payloads() -> None:
    events: list[DeviceEvent] = []
    for dtype in GENERATED_KINDS:
        emu = EmulatedDevice(dtype, f"{dtype}-000042", seed=7)
        lines: list[bytes] = []

        def capture(stored: Any, lines: list[bytes] = lines) -> None:
            lines.append(stored.line)

        emu._send_event = capture  # type: ignore[method-assign]  # no pty: keep the lines it would write
        for _ in range(12):
            emu.emit_generated()
        emu.emit("TAMPER", {"part": TamperPart.CASE, "state": TamperState.OPEN})
        emu.emit("POWER", {"state": PowerState.MAINS_LOST})
        emu.emit("GNSS", {"state": GnssState.JAMMING})
        emu.emit("MOVED", {})
        emu.emit("FAULT", {"code": "E42", "text": "sensor"})
        emu.emit_raw("POS", ("x",))  # a firmware that says something odd: a HOST_DECODE fault
        for line in lines:
            raw = decode(line[1:line.rindex(b"*")])
            assert isinstance(raw, RawEvent)
            events.append(to_device_event(raw, dtype))
    kinds = assert_payloads(events, at_least=50)
    assert kinds >= {"HB", "POS", "STAT", "PRESENCE", "BAC", "BEACON", "TAMPER", "POWER", "GNSS", "MOVED",
                     "FAULT"}
    faults = [e for e in events if e.kind == "FAULT" and e.fields["code"] == "HOST_DECODE"]
    assert faults and all("raw" in e.fields for e in faults)
    states = [e.fields["state"] for e in events if e.kind in ("TAMPER", "POWER", "GNSS", "PRESENCE")]
    assert states and all(isinstance(s, StrEnum) for s in states)  # the codec builds enum members


def test_nmea_captures_fit_the_payloads() -> None:
    corpus = Path(__file__).resolve().parents[1] / "serial" / "vectors" / "nmea"
    logs = sorted(corpus.glob("*.log"))
    if not logs:
        pytest.fail(f"NMEA captures missing in {corpus}")
    events: list[DeviceEvent] = []
    for log in logs:
        stream = NmeaStream("NMEA-TEST")
        events += stream.feed(log.read_bytes()) + stream.decoder.flush()
    assert {"POS", "GNSS"} <= assert_payloads(events, at_least=50)


def test_demo_fleet_events_fit_the_payloads() -> None:
    from arm.simulate import demo_fleet

    source = Path(demo_fleet.__file__).read_text()
    # the demo builds its events as (serial, type, kind, fields, time); every state literal goes through the enums
    for literal in ('"state": "', '"result": "', '"part": "'):
        assert literal not in source


# ------------------------------------------------------------------ storage stays identical
def test_states_serialise_as_plain_strings() -> None:
    fields: dict[str, Any] = {"part": TamperPart.STRAP, "state": TamperState.OPEN}
    assert orjson.dumps(fields) == b'{"part":"STRAP","state":"OPEN"}'
    assert json_dumps(fields) == '{"part":"STRAP","state":"OPEN"}'
    ev = DeviceEvent("X1", None, NOW, EventKind.TAMPER, fields)
    plain = DeviceEvent("X1", None, NOW, "TAMPER", {"part": "STRAP", "state": "OPEN"})
    assert ev.effective_evseq() == plain.effective_evseq()  # resends dedupe across versions


@pytest.mark.parametrize("states", STATE_ENUMS)
def test_state_enums_compare_and_hash_like_their_stored_text(states: type[StrEnum]) -> None:
    """Rows read back from JSON hold plain str: they must equal, hash and look up like the members."""
    for member in states:
        assert member.name == member.value
        assert member == member.value and hash(member) == hash(member.value)
        lookup: dict[str, int] = {member: 1}
        assert lookup.get(member.value) == 1


# ------------------------------------------------------------------ plausibility lives in ingest
def _position(**kw: Any) -> Position:
    p = Position("gt06", "359339075005244", time=NOW - timedelta(minutes=1), valid=True,
                 latitude=51.1, longitude=71.4, speed=10.0, course=90.0)
    for k, v in kw.items():
        setattr(p, k, v)
    return p


def test_mapping_translates_impossible_values_and_ingest_refuses_them() -> None:
    bad = _position(latitude=123.0)
    mapped = to_events(bad, NOW)
    pos = [e for e in mapped.events if e.kind == EventKind.POS]
    assert len(pos) == 1 and pos[0].fields["lat"] == 123.0  # mapping judges nothing
    assert rejection_reason(pos[0], NOW) == "impossible coordinates"
    assert screen(bad, NOW).problems == ["bad_coordinates"]

    future = _position(time=NOW + timedelta(days=2))
    mapped = to_events(future, NOW)
    assert [e.kind for e in mapped.events] == [EventKind.POS] and mapped.events[0].time == future.time
    assert rejection_reason(mapped.events[0], NOW) == "time in the future"
    screened = screen(future, NOW)
    assert screened.problems == ["bad_time"] and screened.events == []

    old = _position(time=datetime(1999, 12, 31, tzinfo=UTC))
    mapped = to_events(old, NOW)
    assert rejection_reason(mapped.events[0], NOW) == "time before 2000"
    assert screen(old, NOW).problems == ["bad_time"]


def test_screen_keeps_alarms_of_a_report_with_a_broken_clock() -> None:
    p = _position(time=None, outdated=True, latitude=None, longitude=None)
    p.add_alarm("sos")
    screened = screen(p, NOW)
    assert screened.problems == ["bad_time"]
    assert [(e.kind, e.time) for e in screened.events] == [(EventKind.ALARM, NOW)]
    # a heartbeat with a broken clock is dropped, as before
    broken = _position(time=NOW + timedelta(days=3), outdated=True)
    assert [e.kind for e in to_events(broken, NOW).events] == [EventKind.HB]
    assert screen(broken, NOW).events == [] and screen(broken, NOW).problems == ["bad_time"]
    hb = to_events(_position(outdated=True), NOW).events
    assert not screen_report(hb, NOW, None, None, False, NOW) and [e.kind for e in hb] == [EventKind.HB]
    # a login claims nothing: never a problem
    assert not screen(Position("gt06", "359339075005244"), NOW, login=True).problems
