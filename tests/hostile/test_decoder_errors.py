"""Every decoder error answered (issue 14): a 4xx for malformed HTTP, no crash, no forged log line."""

from __future__ import annotations

import asyncio
import logging
from datetime import UTC, datetime, timedelta

import pytest

from arm.events import EventKind
from arm.protocols import osmand
from arm.protocols.position import ProtocolError
from arm.protocols.servers import Gt06Listener, OsmAndListener
from arm.simulate import gt06_device
from db.session import Database
from tests.network.test_servers import HOST, closed, rows, run, started

T = datetime.now(UTC).replace(microsecond=0) - timedelta(minutes=5)


def post_json(body: bytes) -> bytes:
    return (b"POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: "
            + str(len(body)).encode() + b"\r\n\r\n" + body)


def test_malformed_http_each_gets_its_4xx_and_the_connection_serves_on(db: Database,
                                                                        caplog: pytest.LogCaptureFixture) -> None:
    ts = int(T.timestamp())
    deep = b"[" * 30_000 + b"]" * 30_000
    deep_obj = b'{"device_id": "ph9", "location": ' + b'{"a":' * 10_000 + b"1" + b"}" * 10_000 + b"}"
    huge = b'{"device_id": "ph9", "location": {"coords": {"latitude": ' + b"9" * 60_000 + b', "longitude": 1}}}'
    bad = [
        (post_json(deep), 400),
        (post_json(deep_obj), 400),
        (post_json(huge), 400),
        (post_json(b'[{"id": "ph9", "lat": ' + b"1" * 60_000 + b"}]"), 400),
        (b"GET /?id=ph9&lat=" + b"1" * 6000 + b"&lon=1 HTTP/1.1\r\nHost: x\r\n\r\n", 400),
        (b"GET /?id=ph9&lat=1&lon=1&timestamp=" + b"9" * 6000 + b" HTTP/1.1\r\nHost: x\r\n\r\n", 400),
    ]

    async def main() -> None:
        listener = OsmAndListener(0, HOST)
        service = await started(db, listener)
        try:
            reader, writer = await asyncio.open_connection(HOST, listener.port, limit=2**20)
            for request, status in bad:
                writer.write(request)
                head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), 10)
                assert head.startswith(b"HTTP/1.1 %d" % status), (request[:80], head)
            # still the same keep-alive connection: a good report is stored
            writer.write(f"GET /?id=ph9&lat=43.2&lon=76.9&timestamp={ts} HTTP/1.1\r\nHost: x\r\n\r\n".encode())
            head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), 5)
            assert head.startswith(b"HTTP/1.1 200")
            await closed(writer)
            # a Content-Length of 9,000 digits and a line feed in the method: 400 and closed, no crash
            for request in (b"POST / HTTP/1.1\r\nContent-Length: " + b"9" * 7000 + b"\r\n\r\n",
                            b"GE\nT\rFORGED arm.ingest: everything lost / HTTP/1.1\r\nHost: x\r\n\r\n",
                            b"G\x1b[2JET / HTTP/1.1\r\n\r\n"):
                r2, w2 = await asyncio.open_connection(HOST, listener.port)
                w2.write(request)
                head = await asyncio.wait_for(r2.readuntil(b"\r\n\r\n"), 5)
                assert head.startswith(b"HTTP/1.1 400"), (request[:40], head)
                await closed(w2)
            await asyncio.sleep(0.1)
        finally:
            await service.stop()
        assert listener.totals.errors["internal"] == 0

    with caplog.at_level(logging.INFO):
        run(main)
    assert len(rows(db, "ph9", EventKind.POS)) == 1
    for record in caplog.records:
        message = record.getMessage()
        assert "\n" not in message and "\r" not in message and "\x1b" not in message, message


def test_decode_json_depth_and_digits_are_protocol_errors() -> None:
    now = datetime.now(UTC)
    for body in (b"[" * 100_000, b'{"a":' * 40 + b"1" + b"}" * 40, b'{"device_id": ' + b"7" * 5000 + b"}"):
        with pytest.raises(ProtocolError):
            osmand.decode_json(body, now)
    # brackets inside strings do not count as nesting
    body = b'{"device_id": "x", "location": {"event": "' + b"[" * 100 + b'", "coords": {"latitude": 1, "longitude": 2}}}'
    p = osmand.decode_json(body, now)
    assert p is not None and p.latitude == 1


def test_gt06_garbage_frames_counted_skipped_logged_once(db: Database, caplog: pytest.LogCaptureFixture) -> None:
    imei = "359339075005500"

    async def main() -> None:
        listener = Gt06Listener(0, HOST)
        service = await started(db, listener)
        try:
            reader, writer = await asyncio.open_connection(HOST, listener.port)
            writer.write(gt06_device.encode_login(imei, 1))
            await asyncio.wait_for(reader.readexactly(10), 5)
            good = gt06_device.encode_location(T, 51.0, 71.0, 0, 0, 5, True, 2)
            bad_crc = good[:-4] + bytes([good[-4] ^ 0xFF, good[-3]]) + b"\r\n"
            for _ in range(50):
                writer.write(b"\x00\n\rFORGED\xff" + bad_crc)
            writer.write(good)
            await asyncio.wait_for(reader.readexactly(10), 5)
            await closed(writer)
            await asyncio.sleep(0.2)
        finally:
            await service.stop()
        assert listener.totals.errors["bad_crc"] == 50

    with caplog.at_level(logging.INFO, "arm.protocols"):
        run(main)
    assert len(rows(db, imei, EventKind.POS)) == 1
    malformed = [r for r in caplog.records if "malformed input" in r.getMessage()]
    assert len(malformed) == 1
    assert all("\n" not in r.getMessage() for r in caplog.records)
