"""Watch voice messages over real sockets into a real SQLite file: stored, then acknowledged.

What must hold (docs/protocols.md, "Voice messages"): the clip is stored byte
for byte (escapes undone), bound to its ``ALARM voiceMessage`` event; the
device hears ``TK,1`` only after both are committed; a resend (after a crash
or a lost ack) stores nothing twice; multi-part ``JXTK`` clips are staged part
by part and stored whole; clips are never updated.
"""

from __future__ import annotations

import asyncio
import hashlib
import sqlite3
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import DBAPIError

from arm.events import EventKind
from arm.media import store as media_store
from arm.media.library import amr_duration
from arm.protocols import watch
from arm.protocols.servers import WatchListener
from arm.service import MonitoringService
from arm.simulate import watch_device
from db.models import Device, DeviceEventRow
from db.models_media import DeviceMedia, DeviceMediaPart
from db.session import Database
from tests.network.media_fixtures import amr_clip

HOST = "127.0.0.1"
DEV = "8800000015"
TK_ACK = b"[3G*8800000015*0004*TK,1]"
JX_ACK = b"[3G*8800000015*0007*JXTKR,1]"


def run(coro_fn: Callable[[], Awaitable[Any]]) -> Any:
    return asyncio.run(asyncio.wait_for(coro_fn(), 60))


async def started(db: Database) -> tuple[MonitoringService, WatchListener]:
    listener = WatchListener(0, HOST)
    service = MonitoringService(db)
    service.add_component(listener)
    await service.start()
    return service, listener


async def close(writer: asyncio.StreamWriter) -> None:
    writer.close()
    try:
        await writer.wait_closed()
    except (ConnectionError, OSError):
        pass


def clips(db: Database) -> list[DeviceMedia]:
    with db.session() as s:
        return list(s.scalars(select(DeviceMedia).order_by(DeviceMedia.id)))


def voice_events(db: Database) -> list[DeviceEventRow]:
    with db.session() as s:
        q = (select(DeviceEventRow).join(Device, Device.id == DeviceEventRow.device_id)
             .where(Device.serial == DEV, DeviceEventRow.kind == EventKind.ALARM))
        return list(s.scalars(q))


def staged(db: Database) -> int:
    with db.session() as s:
        return int(s.scalar(select(func.count()).select_from(DeviceMediaPart)) or 0)


def test_clip_round_trips_byte_for_byte_and_is_bound_to_its_event(db: Database) -> None:
    clip = amr_clip(3.0)
    frame = watch_device.encode_voice(DEV, clip)
    assert len(frame) > len(clip) + 20  # escapes were needed on the wire

    async def main() -> None:
        service, listener = await started(db)
        try:
            reader, writer = await asyncio.open_connection(HOST, listener.port)
            # in pieces, one cut inside an escape pair: the framer must wait for the rest
            cut = frame.index(b"}\x01") + 1
            for piece in (frame[:cut], frame[cut:cut + 5000], frame[cut + 5000:]):
                writer.write(piece)
                await writer.drain()
                await asyncio.sleep(0.01)
            assert await asyncio.wait_for(reader.readuntil(b"]"), 10) == TK_ACK
            await close(writer)
        finally:
            await service.stop()
        assert not listener.totals.errors

    run(main)
    [row] = clips(db)
    assert row.data == clip and row.size == len(clip) and row.sha256 == hashlib.sha256(clip).hexdigest()
    assert (row.kind, row.format, row.parts, row.parts_missing) == ("voice", "amr", 1, 0)
    assert amr_duration(row.data) == pytest.approx(3.0)
    [event] = voice_events(db)
    assert row.event_id == event.id and row.time == event.time
    assert event.fields["alarm"] == "voiceMessage" and event.fields["sha256"] == row.sha256
    assert event.fields["size"] == len(clip) and row.name == event.fields["audio"]


def test_ack_waits_until_event_and_clip_are_committed(db: Database, db_url: str) -> None:
    clip = amr_clip(1.0, seed=11)
    path = db_url.removeprefix("sqlite:///")

    async def main() -> None:
        service, listener = await started(db)
        blocker = sqlite3.connect(path, timeout=0, isolation_level=None)
        try:
            blocker.execute("BEGIN IMMEDIATE")  # another writer holds the database
            reader, writer = await asyncio.open_connection(HOST, listener.port)
            writer.write(watch_device.encode_voice(DEV, clip))
            await writer.drain()
            with pytest.raises(TimeoutError):
                await asyncio.wait_for(reader.readuntil(b"]"), 0.6)
            assert not clips(db)  # nothing committed, nothing acknowledged
            blocker.execute("ROLLBACK")
            assert await asyncio.wait_for(reader.readuntil(b"]"), 10) == TK_ACK
            # the ack is out: both rows are already durable
            assert [c.data for c in clips(db)] == [clip] and len(voice_events(db)) == 1
            await close(writer)
        finally:
            blocker.close()
            await service.stop()

    run(main)


def test_resend_after_a_crash_stores_the_clip_once(db: Database) -> None:
    clip = amr_clip(1.5, seed=3)
    frame = watch_device.encode_voice(DEV, clip)

    async def crash_after_the_event_commit() -> None:
        # what a crash between step 2 (event) and step 3 (clip) leaves behind: the
        # event is stored by the same code path, the clip is not, no ack was sent
        service = MonitoringService(db)
        await service.start()
        try:
            decoded = watch.WatchDecoder().decode(watch.WatchFramer().feed(frame)[0])
            assert decoded is not None and decoded.media == clip
            carrier = media_store.MediaEvent(DEV, None, datetime.now(UTC), EventKind.ALARM, {}, "watch", "WATCH",
                                             media=media_store.MediaPart(clip, decoded.media_name))
            ready = media_store.prepare(db, [carrier])
            assert (await service.ingest.store(ready)).accepted == 1
        finally:
            await service.stop()

    async def device_resends(times: int) -> None:
        service, listener = await started(db)
        try:
            for _ in range(times):
                reader, writer = await asyncio.open_connection(HOST, listener.port)
                writer.write(frame)
                assert await asyncio.wait_for(reader.readuntil(b"]"), 10) == TK_ACK
                await close(writer)
        finally:
            await service.stop()

    run(crash_after_the_event_commit)
    assert len(voice_events(db)) == 1 and clips(db) == []
    # the resend completes the clip; a second resend (its ack was lost) changes nothing
    run(lambda: device_resends(2))
    [row] = clips(db)
    [event] = voice_events(db)
    assert row.data == clip and row.event_id == event.id


def test_multi_part_clip_is_staged_then_stored_whole_across_a_reconnect(db: Database) -> None:
    clip = amr_clip(2.0, seed=5)
    frames = watch_device.encode_voice_parts(DEV, "watch_7_20261123061500", clip, 3)

    async def main() -> None:
        service, listener = await started(db)
        try:
            reader, writer = await asyncio.open_connection(HOST, listener.port)
            for i, frame in enumerate(frames[:2], start=1):
                writer.write(frame)
                assert await asyncio.wait_for(reader.readuntil(b"]"), 10) == JX_ACK
                assert staged(db) == i  # each part is durable before its ack
            await close(writer)  # the watch loses its connection mid-clip
            assert clips(db) == []
            reader, writer = await asyncio.open_connection(HOST, listener.port)
            writer.write(frames[1] + frames[2])  # resends part 2 with part 3
            assert await asyncio.wait_for(reader.readexactly(2 * len(JX_ACK)), 10) == JX_ACK * 2
            await close(writer)
        finally:
            await service.stop()
        assert not listener.totals.errors

    run(main)
    [row] = clips(db)
    assert row.data == clip and (row.parts, row.parts_missing) == (3, 0)
    assert row.name == "watch_7_20261123061500"
    assert staged(db) == 0
    [event] = voice_events(db)
    assert event.fields["parts"] == 3 and event.fields["sha256"] == row.sha256


def test_a_multi_part_clip_with_a_lost_part_is_kept_and_says_so(db: Database) -> None:
    clip = amr_clip(1.2, seed=9)
    frames = watch_device.encode_voice_parts(DEV, "watch_8", clip, 3)

    async def main() -> None:
        service, listener = await started(db)
        try:
            reader, writer = await asyncio.open_connection(HOST, listener.port)
            writer.write(frames[0] + frames[2])
            assert await asyncio.wait_for(reader.readexactly(2 * len(JX_ACK)), 10) == JX_ACK * 2
            await close(writer)
        finally:
            await service.stop()

    run(main)
    [row] = clips(db)
    step = -(-len(clip) // 3)
    assert row.data == clip[:step] + clip[2 * step:] and (row.parts, row.parts_missing) == (3, 1)
    assert voice_events(db)[0].fields["parts_missing"] == [2]


def test_malformed_multi_part_heads_are_counted_and_answered_as_traccar_does(db: Database) -> None:
    """Traccar throws (no answer) on a short or non-numeric head, answers JXTKR,1 to a nonsense one."""

    def frame(content: bytes) -> bytes:
        return f"[3G*{DEV}*{len(content):04X}*".encode() + content + b"]"

    silent = [frame(b"JXTK,0,0,0,0"), frame(b"JXTK,1,x"), frame(b"JXTK,1,x,a,3,#!AMR")]
    answered = [frame(b"JXTK,0,0,0,0,"), frame(b"JXTK,1,x,4,3,#!AMR\n<")]
    clip = amr_clip(0.4, seed=3)

    async def main() -> dict[str, int]:
        service, listener = await started(db)
        try:
            reader, writer = await asyncio.open_connection(HOST, listener.port)
            writer.write(b"".join(silent + answered) + watch_device.encode_voice(DEV, clip))
            # the silent heads got nothing: the first bytes back are the two JXTKR,1 then the TK,1
            expected = JX_ACK * 2 + TK_ACK
            assert await asyncio.wait_for(reader.readexactly(len(expected)), 10) == expected
            await close(writer)
            for _ in range(200):  # the counters are summed when the server side has closed
                if listener.totals.errors:
                    break
                await asyncio.sleep(0.01)
            return dict(listener.totals.errors)
        finally:
            await service.stop()

    errors = run(main)
    assert errors == {"truncated": 2, "bad_value": 3}
    assert staged(db) == 0 and [c.data for c in clips(db)] == [clip]


def test_clip_rows_refuse_update_and_delete(db: Database) -> None:
    clip = amr_clip(0.5, seed=2)

    async def main() -> None:
        service, listener = await started(db)
        try:
            reader, writer = await asyncio.open_connection(HOST, listener.port)
            writer.write(watch_device.encode_voice(DEV, clip))
            assert await asyncio.wait_for(reader.readuntil(b"]"), 10) == TK_ACK
            await close(writer)
        finally:
            await service.stop()

    run(main)
    for statement in ("UPDATE device_media SET data = x'00'", "UPDATE device_media SET name = 'x'",
                      "DELETE FROM device_media"):
        with pytest.raises(DBAPIError, match="recorded material"), db.begin() as s:
            s.execute(text(statement))
    assert [c.data for c in clips(db)] == [clip]
