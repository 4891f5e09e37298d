"""The C-backed CRC-16/X-25 must equal the textbook table form on any input."""

from __future__ import annotations

import random

from arm.protocols.buffer import crc16_x25, crc16_x25_reference


def test_check_value_of_the_catalogue() -> None:
    # CRC-16/X-25 check value for "123456789" (CRC RevEng catalogue)
    assert crc16_x25(b"123456789") == 0x906E


def test_fast_crc_equals_reference_on_random_frames() -> None:
    rng = random.Random(7)
    for size in list(range(0, 64)) + [255, 1024]:
        data = bytes(rng.randrange(256) for _ in range(size))
        assert crc16_x25(data) == crc16_x25_reference(data), size
    assert crc16_x25(bytearray(b"\x05\x01\x00\x01")) == crc16_x25_reference(b"\x05\x01\x00\x01")
