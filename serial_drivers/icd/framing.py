"""Line framing of the ICD (section 2): `$<body>*HH<CR><LF>`, NMEA-style XOR checksum.

The framer is fed whatever bytes the port gave and returns whole, valid line
bodies (the bytes between `$` and `*`). Everything else is discarded and
counted by reason, so a noisy cable shows up in the device's status instead of
as a crash or a wrong event. It resynchronises on the next `$`, as NMEA readers
do, and never holds more than one line's worth of bytes, so a flood without
newlines cannot exhaust memory.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

#: ICD 2: at most 250 bytes from `$` to `LF` inclusive.
MAX_LINE = 250

_DOLLAR = 0x24
_STAR = 0x2A
_CR = 0x0D
_LF = 0x0A
_FORBIDDEN_IN_FIELD = frozenset("$,*\r\n")


class FramingError(ValueError):
    """A message that cannot be put on the wire (bad field, too long)."""


def checksum(body: bytes) -> str:
    """XOR of every byte of ``body`` as two upper-case hex digits (NMEA 0183)."""
    value = 0
    for byte in body:
        value ^= byte
    return f"{value:02X}"


def encode_line(fields: list[str] | tuple[str, ...]) -> bytes:
    """Join ``fields`` into one checked line with CR LF.

    Raises FramingError for a field that holds `$ , * CR LF` or non-printable
    characters, or a line longer than 250 bytes: the device would discard it,
    so it is better to refuse it here with a clear reason.
    """
    for value in fields:
        if any(ch in _FORBIDDEN_IN_FIELD for ch in value):
            raise FramingError(f"field {value!r} contains a reserved character")
        if not all(" " <= ch <= "~" for ch in value):
            raise FramingError(f"field {value!r} is not printable ASCII")
    body = ",".join(fields).encode("ascii")
    line = b"$" + body + b"*" + checksum(body).encode("ascii") + b"\r\n"
    if len(line) > MAX_LINE:
        raise FramingError(f"line of {len(line)} bytes exceeds {MAX_LINE}")
    return line


#: Reasons a framer discards input; the keys of :attr:`LineFramer.counters`.
REASONS = (
    "noise",  # bytes outside any line (before a `$`)
    "too_long",  # a line longer than the limit
    "bad_checksum",  # checksum present but wrong
    "no_checksum",  # line ended without `*HH`
    "cut",  # a line cut by a new `$`
    "bad_char",  # non-printable byte inside a line
)


@dataclass
class LineFramer:
    """Incremental framer. ``feed(data)`` returns the bodies of the valid lines.

    ``max_line`` is 250 for the ICD; the NMEA reader uses a larger bound since
    proprietary sentences of some receivers are longer than NMEA's 82.
    A bare LF ends a line as well as CR LF (robust-reader reading, see
    docs/serial-icd-readings.md).
    """

    max_line: int = MAX_LINE
    counters: Counter[str] = field(default_factory=Counter)
    _buf: bytearray = field(default_factory=bytearray)
    _in_line: bool = False
    _overlong: bool = False

    @property
    def frames(self) -> int:
        return self.counters["frames"]

    @property
    def discarded(self) -> int:
        """Every discarded line (noise bytes are counted separately, per byte)."""
        return sum(self.counters[r] for r in REASONS if r != "noise")

    def feed(self, data: bytes) -> list[bytes]:
        out: list[bytes] = []
        pos = 0
        n = len(data)
        while pos < n:
            if not self._in_line:
                start = data.find(b"$", pos)
                stop = n if start < 0 else start
                self._count_noise(data[pos:stop])
                if start < 0:
                    return out
                self._in_line, self._overlong = True, False
                self._buf.clear()
                pos = start + 1
                continue
            # inside a line: look for the end or a new `$`
            lf = data.find(b"\n", pos)
            dollar = data.find(b"$", pos)
            end = min(i for i in (lf, dollar, n) if i >= 0)
            self._append(data[pos:end])
            if end == n:
                return out
            if end == dollar:
                self.counters["too_long" if self._overlong else "cut"] += 1
                self._buf.clear()
                self._overlong = False
                pos = dollar + 1  # stay in a line: the new `$` starts it
                continue
            self._in_line = False
            pos = lf + 1
            body = self._finish()
            if body is not None:
                out.append(body)
        return out

    def _count_noise(self, chunk: bytes) -> None:
        if chunk:
            # stray line ends between lines are not noise
            self.counters["noise"] += len(chunk) - chunk.count(b"\r") - chunk.count(b"\n")

    def _append(self, chunk: bytes) -> None:
        if self._overlong:
            return
        self._buf += chunk
        # `$` + buffer + LF must fit: buffer may hold at most max_line - 2 bytes
        if len(self._buf) > self.max_line - 2:
            self._overlong = True
            self._buf.clear()

    def _finish(self) -> bytes | None:
        if self._overlong:
            self._overlong = False
            self.counters["too_long"] += 1
            return None
        line = bytes(self._buf)
        self._buf.clear()
        if line.endswith(b"\r"):
            line = line[:-1]
        star = line.rfind(b"*")
        if star < 0 or len(line) - star != 3:
            self.counters["no_checksum"] += 1
            return None
        body, given = line[:star], line[star + 1 :]
        if any(b < 0x20 or b > 0x7E for b in body):
            self.counters["bad_char"] += 1
            return None
        if given.upper() != checksum(body).encode("ascii") or not _is_hex(given):
            self.counters["bad_checksum"] += 1
            return None
        self.counters["frames"] += 1
        return body


def _is_hex(value: bytes) -> bool:
    return all(b in b"0123456789ABCDEFabcdef" for b in value)
