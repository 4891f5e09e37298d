"""Regenerate the alarm sounds (one per priority) with the standard library only.

The patterns differ in rhythm as well as pitch, so priorities can be told
apart by ear without seeing the screen: critical is a fast two-tone warble,
high two beeps, medium one beep, low one soft low beep. Run:
``python resources/sounds/make_sounds.py``.
"""

from __future__ import annotations

import math
import struct
import wave
from pathlib import Path

RATE = 16000
HERE = Path(__file__).resolve().parent

#: (frequency Hz or 0 for silence, duration s, amplitude 0..1) segments
PATTERNS: dict[str, list[tuple[float, float, float]]] = {
    "critical": [(1320, 0.09, 0.8), (880, 0.09, 0.8)] * 3 + [(0, 0.35, 0)],
    "high": [(988, 0.14, 0.7), (0, 0.08, 0), (988, 0.14, 0.7), (0, 0.6, 0)],
    "medium": [(740, 0.2, 0.55), (0, 0.9, 0)],
    "low": [(440, 0.25, 0.35), (0, 1.4, 0)],
}


def synth(segments: list[tuple[float, float, float]]) -> bytes:
    frames = bytearray()
    for freq, duration, amp in segments:
        n = int(RATE * duration)
        fade = max(1, int(RATE * 0.008))  # 8 ms ramps: no clicks
        for i in range(n):
            env = min(1.0, i / fade, (n - i) / fade)
            value = amp * env * math.sin(2 * math.pi * freq * i / RATE) if freq else 0.0
            frames += struct.pack("<h", int(value * 32767))
    return bytes(frames)


def main() -> None:
    for name, segments in PATTERNS.items():
        with wave.open(str(HERE / f"{name}.wav"), "wb") as w:
            w.setnchannels(1)
            w.setsampwidth(2)
            w.setframerate(RATE)
            w.writeframes(synth(segments))


if __name__ == "__main__":
    main()
