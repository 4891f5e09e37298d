"""Decoded reports -> ICD event kinds (docs/protocols.md, "mapping")."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from arm.events import EventKind, Fix
from arm.protocols import gt06, watch
from arm.protocols.mapping import screen, to_events
from arm.protocols.position import Position
from arm.simulate import gt06_device, watch_device

NOW = datetime(2026, 11, 23, 3, 0, tzinfo=UTC)


def position(**kw: object) -> Position:
    p = Position("gt06", "359339075005244", time=NOW - timedelta(minutes=1), valid=True,
                 latitude=51.1, longitude=71.4, speed=10.0, course=90.0)
    for k, v in kw.items():
        setattr(p, k, v)
    return p


@pytest.mark.parametrize(("alarm", "kind", "fields"), [
    ("tampering", EventKind.TAMPER, {"part": "STRAP", "state": "OPEN"}),
    ("removing", EventKind.TAMPER, {"part": "STRAP", "state": "OPEN"}),
    ("powerCut", EventKind.POWER, {"state": "MAINS_LOST"}),
    ("lowBattery", EventKind.POWER, {"state": "LOW_BATTERY"}),
    ("powerOff", EventKind.POWER, {"state": "SHUTDOWN"}),
    ("jamming", EventKind.GNSS, {"state": "JAMMING"}),
    ("sos", EventKind.ALARM, {"alarm": "sos"}),
    ("fallDown", EventKind.ALARM, {"alarm": "fallDown"}),
])
def test_alarm_mapping(alarm: str, kind: str, fields: dict[str, str]) -> None:
    p = position(outdated=True, latitude=None, longitude=None)
    p.add_alarm(alarm)
    events = to_events(p, NOW).events
    assert [(e.kind, dict(e.fields)) for e in events] == [(kind, fields)]
    assert events[0].source == "gt06" and events[0].device_type == "GT06" and events[0].evseq is None


def test_position_battery_and_two_alarms() -> None:
    p = position(attributes={"sat": 9, "batteryLevel": 66, "charge": True})
    p.add_alarm("sos")
    p.add_alarm("removing")
    events = to_events(p, NOW).events
    kinds = [e.kind for e in events]
    assert kinds == [EventKind.POS, EventKind.STAT, EventKind.ALARM, EventKind.TAMPER]
    pos = events[0].fields
    assert pos["fix"] == Fix.GNSS and pos["sats"] == 9 and pos["speed_kmh"] == pytest.approx(18.52)
    assert events[1].fields["battery"] == 66 and events[1].fields["charging"] is True


def test_no_fix_is_kept_without_coordinates() -> None:
    events = to_events(position(valid=False), NOW).events
    assert events[0].kind == EventKind.POS and events[0].fields["fix"] == Fix.NONE
    assert events[0].fields["lat"] is None and events[0].fields["lon"] is None


def test_impossible_values_never_become_positions_but_alarms_survive() -> None:
    """What a listener submits: mapping, then the core's plausibility screen."""
    bad = position(latitude=123.0)
    bad.add_alarm("sos")
    mapped = screen(bad, NOW)
    assert mapped.problems == ["bad_coordinates"]
    assert [e.kind for e in mapped.events] == [EventKind.ALARM]

    future = position(time=NOW + timedelta(days=2))
    future.add_alarm("sos")
    mapped = screen(future, NOW)
    assert mapped.problems == ["bad_time"]
    assert [e.kind for e in mapped.events] == [EventKind.ALARM] and mapped.events[0].time == NOW


def test_resent_report_maps_to_the_same_evseq() -> None:
    """What makes a resend after reconnection a duplicate for ingest."""
    frame = gt06_device.encode_location(NOW - timedelta(minutes=5), 43.2, 76.9, 5, 10, 7, True, 9)

    def events_of() -> list[int]:
        dec = gt06.Gt06Decoder()
        dec.decode(gt06_device.encode_login("359339075005244", 1))
        msg = dec.decode(frame)
        assert msg is not None and msg.position is not None
        return [e.effective_evseq() for e in to_events(msg.position, datetime.now(UTC)).events]

    assert events_of() == events_of()


def test_encoders_round_trip() -> None:
    t = NOW.replace(second=0) - timedelta(minutes=3)
    dec = gt06.Gt06Decoder()
    login = dec.decode(gt06_device.encode_login("864717000000004", 3))
    assert login is not None and login.login_imei == "864717000000004"
    assert login.responses == [gt06.build_response(gt06.MSG_LOGIN, 3)]
    msg = dec.decode(gt06_device.encode_location(t, -33.5, -70.75, 36, 271, 11, True, 4))
    assert msg is not None and msg.position is not None
    p = msg.position
    assert (p.time, p.valid, p.course) == (t, True, 271.0)
    assert p.latitude == pytest.approx(-33.5, abs=1e-5) and p.longitude == pytest.approx(-70.75, abs=1e-5)
    alarm = dec.decode(gt06_device.encode_alarm(t, 51.0, 71.0, 0x13, 5))
    assert alarm is not None and alarm.position is not None and alarm.position.alarms() == ["tampering"]

    wd = watch.WatchDecoder()
    w = wd.decode(watch_device.encode_position("6907919734", t, 43.25, 76.95, 5.0, 45.0, 8, 77, status=0x10000,
                                        msg_type="AL"))
    assert w is not None and w.position is not None
    assert w.position.alarms() == ["sos"] and w.position.attributes["batteryLevel"] == 77
    assert w.responses == [b"[3G*6907919734*0002*AL]"]


def test_framers_resynchronise_after_garbage_and_split_reads() -> None:
    frame = gt06_device.encode_location(NOW, 43.2, 76.9, 5, 10, 7, True, 9)
    framer = gt06.Gt06Framer()
    data = b"\x00\x01junk" + frame + frame
    out = []
    for i in range(0, len(data), 7):  # arrives in 7-byte pieces
        out += framer.feed(data[i:i + 7])
    assert out == [frame, frame] and framer.garbage_bytes == 6

    wf = watch.WatchFramer()
    w = watch_device.build_frame("3G", "123456", "LK,0,0,90")
    got = wf.feed(b"xx" + w[:10]) + wf.feed(w[10:] + w)
    assert got == [w, w] and wf.garbage_bytes == 2


def test_framers_survive_floods_without_growing() -> None:
    wf = watch.WatchFramer()
    assert wf.feed(b"[" * 50_000) == [] and wf.pending() <= 64  # no recursion, no unbounded buffer
    assert wf.feed(b"[3G*123456*0010*" + b"x" * 40_000) == [] and wf.pending() == 0 and wf.oversized == 1
    w = watch_device.build_frame("3G", "123456", "LK")
    assert wf.feed(w) == [w]
    gf = gt06.Gt06Framer()
    assert gf.feed(b"\x78\x78\x10" + b"\x00" * 10_000) == [] and gf.pending() <= 2048
    frame = gt06_device.encode_login("359339075005244", 1)
    assert gf.feed(frame) == [frame]
