"""Is it an AMR voice clip? Checked before a clip is kept as evidence (issue 14).

A watch's ``TK``/``JXTK`` frame carries whatever bytes its sender put there; a
fuzzer or a broken device once left 226 "voice messages" in the store for
three years, each raising an alarm. A clip is kept only when it is an AMR
stream in the storage format of RFC 4867 section 5: the magic ``#!AMR\\n``
(narrowband) or ``#!AMR-WB\\n`` (wideband), then whole speech frames, each a
table-of-contents byte (padding bits zero, a frame type the codec defines)
followed by that frame type's number of bytes. A last frame cut short is
tolerated (a recording stopped mid-frame); anything else that does not parse
is not AMR.

A clip assembled with parts missing (``complete=False``) cannot parse to its
end (a lost part shifts every later frame), so only its beginning is judged:
the magic and at least one whole frame.
"""

from __future__ import annotations

AMR_NB_MAGIC = b"#!AMR\n"
AMR_WB_MAGIC = b"#!AMR-WB\n"
#: speech bytes after the ToC byte per frame type (None: a type no AMR-NB stream carries)
_NB: tuple[int | None, ...] = (12, 13, 15, 17, 19, 20, 26, 31, 5, 5, 5, 5, None, None, None, 0)
_WB: tuple[int | None, ...] = (17, 23, 32, 36, 40, 46, 50, 58, 60, 5, None, None, None, None, 0, 0)


def amr_problem(data: bytes, *, complete: bool = True) -> str | None:
    """Why ``data`` is not an AMR stream, or None when it is."""
    if data.startswith(AMR_NB_MAGIC):
        sizes, i = _NB, len(AMR_NB_MAGIC)
    elif data.startswith(AMR_WB_MAGIC):
        sizes, i = _WB, len(AMR_WB_MAGIC)
    else:
        return "no AMR header"
    frames = 0
    end = len(data)
    while i < end:
        toc = data[i]
        size = sizes[(toc >> 3) & 0x0F]
        if toc & 0x83 or size is None:  # F bit and padding must be 0 in the storage format
            if not complete and frames:
                return None
            return f"not an AMR frame at byte {i}"
        if i + 1 + size > end:
            if frames:
                return None  # a last frame cut short
            return "no whole AMR frame"
        i += 1 + size
        frames += 1
    return None if frames else "no AMR frames"
