"""Fault injection for the emulator: the switches, and what they do to an outgoing line.

Tests use these to prove the host survives a misbehaving device: random bytes
before a line, wrong checksums, lines cut in half, a 10 kB flood without a
newline, silence, dropped live events.
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass


@dataclass
class Faults:
    """Fault switches; each may be changed while the emulator runs."""

    garbage: float = 0.0  # probability of random bytes before a line
    bad_checksum: float = 0.0  # probability of a wrong checksum on a line
    cut: float = 0.0  # probability that a line is cut in half (the next `$` cuts it)
    silent: bool = False  # ignore commands and send nothing (a hung device)
    drop_live: int = 0  # that many next new events are not sent live (a gap)
    flood: bool = False  # send 10 kB without a newline once
    corrupt_next: int = 0  # the next that many lines get a wrong checksum (a lost answer)
    chatter: int = 0  # events the device makes between a command and its answer


def faulty_bytes(faults: Faults, rng: random.Random, counters: Counter[str], line: bytes) -> bytes:
    """The bytes a device with ``faults`` really sends for ``line`` (counted in ``counters``)."""
    f = faults
    out = bytearray()
    if f.flood:
        f.flood = False
        out += b"$EMEVT," + b"X" * 10_240
    if f.garbage and rng.random() < f.garbage:
        out += bytes(rng.randrange(256) for _ in range(rng.randint(1, 40))).replace(b"$", b"")
        counters["garbage"] += 1
    if f.corrupt_next > 0 or (f.bad_checksum and rng.random() < f.bad_checksum):
        f.corrupt_next = max(0, f.corrupt_next - 1)
        line = line[:-4] + (b"00" if line[-4:-2] != b"00" else b"11") + b"\r\n"
        counters["bad_checksums"] += 1
    elif f.cut and rng.random() < f.cut:
        line = line[: max(2, len(line) // 2)]
        counters["cut_lines"] += 1
    out += line
    return bytes(out)
