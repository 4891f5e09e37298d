"""A bounds-checked big-endian byte reader for binary protocols.

Every read past the end raises ``ProtocolError("truncated")`` instead of an
IndexError, so a short or lying frame is counted as malformed by the server
and can never crash a connection handler.
"""

from __future__ import annotations

import binascii

from arm.protocols.position import ProtocolError


class Reader:
    __slots__ = ("data", "pos", "end")

    def __init__(self, data: bytes, pos: int = 0, end: int | None = None) -> None:
        self.data = data
        self.pos = pos
        self.end = len(data) if end is None else end

    def readable(self) -> int:
        return self.end - self.pos

    def _need(self, n: int) -> None:
        if n < 0 or self.pos + n > self.end:
            raise ProtocolError("truncated", f"need {n} bytes at {self.pos}, have {self.end - self.pos}")

    def u8(self) -> int:
        pos = self.pos
        if pos >= self.end:
            self._need(1)
        self.pos = pos + 1
        return self.data[pos]

    def s8(self) -> int:
        v = self.u8()
        return v - 256 if v >= 128 else v

    def u16(self) -> int:
        self._need(2)
        v = int.from_bytes(self.data[self.pos:self.pos + 2], "big")
        self.pos += 2
        return v

    def s16(self) -> int:
        v = self.u16()
        return v - 65536 if v >= 32768 else v

    def u24(self) -> int:
        self._need(3)
        v = int.from_bytes(self.data[self.pos:self.pos + 3], "big")
        self.pos += 3
        return v

    def u32(self) -> int:
        self._need(4)
        v = int.from_bytes(self.data[self.pos:self.pos + 4], "big")
        self.pos += 4
        return v

    def u32le(self) -> int:
        self._need(4)
        v = int.from_bytes(self.data[self.pos:self.pos + 4], "little")
        self.pos += 4
        return v

    def s32(self) -> int:
        v = self.u32()
        return v - 2**32 if v >= 2**31 else v

    def s64(self) -> int:
        self._need(8)
        v = int.from_bytes(self.data[self.pos:self.pos + 8], "big", signed=True)
        self.pos += 8
        return v

    def take(self, n: int) -> bytes:
        self._need(n)
        v = self.data[self.pos:self.pos + n]
        self.pos += n
        return v

    def skip(self, n: int) -> None:
        self._need(max(n, 0))
        self.pos += max(n, 0)

    def peek_u8(self, offset: int = 0) -> int:
        if self.pos + offset >= self.end:
            raise ProtocolError("truncated", "peek past end")
        return self.data[self.pos + offset]


def crc16_x25(data: bytes) -> int:
    """CRC-ITU (CRC-16/X-25) as used by GT06 frames (reflected 0x1021, init/xorout 0xFFFF).

    Computed in C: X-25 is CRC-CCITT (``binascii.crc_hqx``, not reflected) over
    bit-reversed bytes, bit-reversed at the end. A Python loop per byte cost
    2 us a frame, twice per report (check and ack).
    """
    crc = binascii.crc_hqx(bytes(data).translate(_REVERSED_BITS), 0xFFFF)
    return ((_REVERSED_BITS[crc & 0xFF] << 8) | _REVERSED_BITS[crc >> 8]) ^ 0xFFFF


def crc16_x25_reference(data: bytes) -> int:
    """The table-driven textbook form, kept to test the fast one against."""
    crc = 0xFFFF
    for b in data:
        crc = (crc >> 8) ^ _X25_TABLE[(crc ^ b) & 0xFF]
    return crc ^ 0xFFFF


_REVERSED_BITS = bytes(int(f"{i:08b}"[::-1], 2) for i in range(256))


def _make_table() -> list[int]:
    table = []
    for i in range(256):
        c = i
        for _ in range(8):
            c = (c >> 1) ^ 0x8408 if c & 1 else c >> 1
        table.append(c)
    return table


_X25_TABLE = _make_table()
