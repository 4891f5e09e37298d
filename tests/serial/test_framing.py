"""The line framer and checksum (ICD section 2) on real wire bytes of the ICD example."""

from __future__ import annotations

import pytest

from serial_drivers.icd.framing import MAX_LINE, FramingError, LineFramer, checksum, encode_line

# ICD section 6, checksums are real
EXAMPLE = [
    b"$EMCMD,1,INFO*7D\r\n",
    b"$EMACK,1,OK,SKU,SKU-000417,2.4.1,B3,100,*2C\r\n",
    b"$EMCMD,2,PAIR,BRC-102938,482913*00\r\n",
    b"$EMACK,2,OK,BRC-102938*24\r\n",
    b"$EMEVT,SKU-000417,77,20261122093000,PRESENCE,BRC-102938,IN,-61*46\r\n",
    b"$EMCMD,3,EACK,77*51\r\n",
    b"$EMACK,3,OK*76\r\n",
]


@pytest.mark.parametrize("line", EXAMPLE)
def test_icd_example_checksums(line: bytes) -> None:
    body = line[1 : line.index(b"*")]
    assert checksum(body) == line[-4:-2].decode()
    assert encode_line(body.decode().split(",")) == line


def test_whole_session_byte_by_byte() -> None:
    framer = LineFramer()
    out = []
    for byte in b"".join(EXAMPLE):
        out += framer.feed(bytes([byte]))
    assert out == [ln[1 : ln.index(b"*")] for ln in EXAMPLE]
    assert framer.discarded == 0 and framer.counters["noise"] == 0


def test_garbage_cut_bad_checksum_counted_and_resync() -> None:
    framer = LineFramer()
    data = (
        b"\x00\xffjunk"  # noise before a `$`
        + b"$EMACK,1,OK,SKU"  # cut by the next `$`
        + EXAMPLE[3]
        + b"$EMACK,3,OK*77\r\n"  # wrong checksum
        + b"$EMACK,3,OK\r\n"  # no checksum
        + b"$EMACK,3,\x01OK*76\r\n"  # control byte inside
        + EXAMPLE[6]
    )
    assert framer.feed(data) == [b"EMACK,2,OK,BRC-102938", b"EMACK,3,OK"]
    c = framer.counters
    assert (c["noise"], c["cut"], c["bad_checksum"], c["no_checksum"], c["bad_char"]) == (6, 1, 1, 1, 1)


def test_ten_kilobytes_without_newline_is_one_overlong_line_then_resync() -> None:
    framer = LineFramer()
    assert framer.feed(b"$EMEVT," + b"X" * 10_240) == []
    assert len(framer._buf) == 0  # never holds more than one line's worth
    assert framer.feed(b"\r\n" + EXAMPLE[6]) == [b"EMACK,3,OK"]
    assert framer.counters["too_long"] == 1


def test_flood_cut_by_dollar_counts_too_long() -> None:
    framer = LineFramer()
    assert framer.feed(b"$" + b"A" * 600 + EXAMPLE[6]) == [b"EMACK,3,OK"]
    assert framer.counters["too_long"] == 1 and framer.counters["cut"] == 0


def test_limit_is_250_bytes_including_dollar_and_lf() -> None:
    def line_of(total: int) -> bytes:
        # `$` + body + `*HH` + CR LF == total
        body = b"EMACK,1,OK," + b"A" * (total - 6 - len(b"EMACK,1,OK,"))
        return b"$" + body + b"*" + checksum(body).encode() + b"\r\n"

    assert len(line_of(MAX_LINE)) == MAX_LINE
    framer = LineFramer()
    assert len(framer.feed(line_of(MAX_LINE))) == 1
    assert framer.feed(line_of(MAX_LINE + 1)) == []
    assert framer.counters["too_long"] == 1


def test_bare_lf_and_lower_case_checksum_accepted() -> None:
    framer = LineFramer()
    assert framer.feed(b"$EMCMD,1,INFO*7d\n") == [b"EMCMD,1,INFO"]


@pytest.mark.parametrize("bad", ["a,b", "x*y", "$", "line\r", "caf\u00e9", "tab\there"])
def test_encode_refuses_reserved_or_unprintable(bad: str) -> None:
    with pytest.raises(FramingError):
        encode_line(["EMCMD", "1", bad])


def test_encode_refuses_too_long() -> None:
    with pytest.raises(FramingError):
        encode_line(["EMCMD", "1", "X" * 250])
