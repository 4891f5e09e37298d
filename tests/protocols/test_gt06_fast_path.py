"""The 0x12 fast path of the GT06 decoder must say exactly what the general path says."""

from __future__ import annotations

import random
from datetime import timedelta

import pytest

from arm.protocols import gt06
from arm.protocols.position import ProtocolError
from arm.simulate import gt06_device
from tests.protocols.conformance import load, message_bytes


def _decoders(model: str | None = None, tz: timedelta = timedelta(0)) -> tuple[gt06.Gt06Decoder, gt06.Gt06Decoder]:
    fast, slow = gt06.Gt06Decoder(model=model), gt06.Gt06Decoder(model=model)
    slow.fast_path = False
    for d in (fast, slow):
        d.decode(gt06_device.encode_login("359710049095095", 1))
        d.tz_offset = tz
    return fast, slow


def _outcome(decoder: gt06.Gt06Decoder, frame: bytes) -> object:
    try:
        return decoder.decode(frame)
    except ProtocolError as exc:
        return ("error", exc.code)


def _random_0x12(rng: random.Random) -> bytes:
    payload = bytes(rng.randrange(256) for _ in range(26))
    if rng.random() < 0.5:  # plenty of well-formed dates and MCCs too
        payload = bytes([rng.randrange(100), rng.randrange(1, 13), rng.randrange(1, 29), rng.randrange(24),
                         rng.randrange(60), rng.randrange(60)]) + payload[6:16] + bytes([1, 145]) + payload[18:]
    return gt06_device.build_frame(gt06.MSG_GPS_LBS_1, payload, rng.randrange(65536))


@pytest.mark.parametrize("tz", [timedelta(0), timedelta(hours=5)])
def test_random_location_reports_decode_alike(tz: timedelta) -> None:
    rng = random.Random(12)
    fast, slow = _decoders(tz=tz)
    taken = 0
    for _ in range(3000):
        frame = _random_0x12(rng)
        assert len(frame) == 36
        if not frame[22] & 0x80:
            taken += 1
        assert _outcome(fast, frame) == _outcome(slow, frame), frame.hex()
    assert taken > 1000  # the fast path really ran


def test_fast_path_is_taken_and_skipped_where_it_must() -> None:
    frame = gt06_device.encode_location(gt06.datetime(2026, 11, 23, 6, 0, tzinfo=gt06.UTC), 43.25, 76.95, 30, 90, 9, True, 7)
    fast, slow = _decoders()
    msg = fast.decode(frame)
    assert msg is not None and msg.position is not None
    assert msg.position.latitude == pytest.approx(43.25) and msg.position.longitude == pytest.approx(76.95)
    assert msg.responses == [gt06.build_response(gt06.MSG_GPS_LBS_1, 7)]
    assert msg == slow.decode(frame)
    # a model with its own layout, and a decoder before login, never take the fast path
    for model in ("QH302R", "NT20"):
        f2, s2 = _decoders(model)
        assert _outcome(f2, frame) == _outcome(s2, frame)
    assert gt06.Gt06Decoder().decode(frame) is None


def test_conformance_location_vectors_decode_alike() -> None:
    records = [r for r in load("gt06") if not r.get("decoder_state", {}).get("modelOverride")]
    fast, slow = _decoders()
    compared = 0
    for r in records:
        frame = message_bytes(r)
        if len(frame) == 36 and frame[3] == gt06.MSG_GPS_LBS_1:
            compared += 1
            assert _outcome(fast, frame) == _outcome(slow, frame), r.get("test")
        else:  # keep both decoders in the same state (login, time zone, variant)
            _outcome(fast, frame), _outcome(slow, frame)
    assert compared >= 1
