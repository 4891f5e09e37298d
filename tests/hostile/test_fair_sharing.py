"""Fair sharing (issue 14): a flooding connection delays only itself.

One GT06 connection writes valid reports as fast as the socket takes them
while a well-behaved tracker sends a report every quarter second: every one of
the tracker's reports is stored and acknowledged, and no batch ever holds more
than the flooder's bounded share (before, a flood put its whole 64 KiB buffer,
some 2,000 reports, into one batch ahead of everyone). Latency figures are
bench/isolation.py's job, not this test's.
"""

from __future__ import annotations

import asyncio
import contextlib
import multiprocessing as mp
from datetime import timedelta
from typing import Any

from arm.events import EventKind
from arm.protocols import gt06
from arm.protocols.servers import Gt06Listener
from arm.simulate import gt06_device
from db.session import Database
from tests.network.test_servers import HOST, closed, rows, run, started, t0

FLOODER, GOOD = "359339075007001", "359339075007002"


def _flood_main(port: int, stop: Any, sent: Any) -> None:
    """The flooder, in its own process (in the test's event loop it could never outpace the server)."""

    async def main() -> None:
        reader, writer = await asyncio.open_connection(HOST, port)
        writer.write(gt06_device.encode_login(FLOODER, 1))
        await asyncio.wait_for(reader.readexactly(10), 5)

        async def read_acks() -> None:
            with contextlib.suppress(Exception):
                while await reader.read(65536):
                    pass

        acks = asyncio.create_task(read_acks())
        base = t0() - timedelta(hours=1)
        n = 0
        while not stop.is_set():
            chunk = [gt06_device.encode_location(base + timedelta(seconds=n + i), 43.2, 76.9, 10, 90, 8, True,
                                                 (n + i) & 0xFFFF) for i in range(400)]
            n += len(chunk)
            writer.write(b"".join(chunk))
            await writer.drain()
            sent.value = n
        acks.cancel()
        writer.close()

    asyncio.run(main())


def test_flooder_beside_a_well_behaved_device(db: Database) -> None:
    good_reports = 12
    ctx = mp.get_context("spawn")
    stop, sent = ctx.Event(), ctx.Value("i", 0)

    async def main() -> None:
        listener = Gt06Listener(0, HOST)
        service = await started(db, listener)
        flooder = ctx.Process(target=_flood_main, args=(listener.port, stop, sent), daemon=True)
        try:
            flooder.start()
            loop = asyncio.get_running_loop()
            end = loop.time() + 30
            while sent.value < 4000 and loop.time() < end:
                await asyncio.sleep(0.05)
            reader, writer = await asyncio.open_connection(HOST, listener.port)
            writer.write(gt06_device.encode_login(GOOD, 1))
            await asyncio.wait_for(reader.readexactly(10), 5)
            for i in range(good_reports):
                writer.write(gt06_device.encode_location(t0() + timedelta(seconds=i), 51.1, 71.4, 10, 90, 9, True,
                                                         2 + i))
                ack = await asyncio.wait_for(reader.readexactly(10), 5)
                assert ack == gt06.build_response(gt06.MSG_GPS_LBS_1, 2 + i)
                await asyncio.sleep(0.25)
            await closed(writer)
            assert sent.value > 4000  # it did flood
        finally:
            stop.set()
            flooder.join(10)
            if flooder.is_alive():
                flooder.kill()
            await service.stop()
        stats = service.ingest.stats
        assert stats.stored > 500  # the flooder was served too, in its shares
        assert listener.max_frames_per_store == 32
        assert stats.largest_batch <= 32 + 8, stats.largest_batch

    run(main)
    assert len(rows(db, GOOD, EventKind.POS)) == good_reports
