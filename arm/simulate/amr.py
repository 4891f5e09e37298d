"""AMR-NB voice clips made locally, for simulated watches (and the tests' fixtures).

There is no AMR encoder in the stack and the simulator must not download
recordings, so a clip is built frame by frame: the ``#!AMR\\n`` header, then
one valid 12.2 kbit/s frame (header byte 0x3C, 31 payload bytes) per 20 ms.
The payload is pseudo-random speech parameters from the given seed, which
FFmpeg's ``amrnb`` decoder (QtMultimedia's backend) turns into 20 ms of noisy
audio each, exactly like a recording; ``arm.media.library.amr_duration``
reads the length back. Same seed, same bytes.
"""

from __future__ import annotations

import random

AMR_HEADER = b"#!AMR\n"
#: bytes of one 12.2 kbit/s frame (header included) and its duration
FRAME_BYTES = 32
FRAME_S = 0.02


def amr_clip(seconds: float = 2.0, seed: int = 7) -> bytes:
    """A valid AMR-NB file of ``seconds`` (rounded down to 20 ms frames, at least one)."""
    rnd = random.Random(seed)
    frames = max(1, int(round(seconds / FRAME_S, 6)))
    return AMR_HEADER + b"".join(b"\x3c" + rnd.randbytes(FRAME_BYTES - 1) for _ in range(frames))
