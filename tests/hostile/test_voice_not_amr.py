"""A clip that is not an AMR stream is not kept as evidence (issue 14): no clip, no alarm, still answered."""

from __future__ import annotations

import asyncio
import random

from sqlalchemy import func, select

from arm.events import EventKind
from arm.media import store as media_store
from arm.media.amr import amr_problem
from arm.protocols.servers import WatchListener
from arm.simulate import watch_device
from arm.simulate.amr import amr_clip
from db.models_media import DeviceMedia, DeviceMediaPart
from db.session import Database
from tests.network.test_servers import HOST, closed, rows, run, started

DEV = "8800000099"
TK_ACK = f"[3G*{DEV}*0004*TK,1]".encode()


def test_amr_problem() -> None:
    good = amr_clip(1.0)
    assert amr_problem(good) is None
    assert amr_problem(good[:-5]) is None  # a last frame cut short
    assert amr_problem(b"#!AMR-WB\n" + b"\x44" + bytes(60)) is None  # wideband mode 8 (23.85 kbit/s)
    assert amr_problem(b"") == "no AMR header"
    assert amr_problem(b"#!AMR\n") == "no AMR frames"
    assert amr_problem(b"#!AMR\n\x3c" + bytes(5)) == "no whole AMR frame"
    assert amr_problem(good + b"\xff" + bytes(40)) is not None  # padding bits set
    assert amr_problem(good[:38] + b"\x6c" + good[39:]) is not None  # frame type 13: reserved
    assert amr_problem(good + b"\xff" + bytes(40), complete=False) is None  # parts missing: the start judged
    rnd = random.Random(1)
    fuzzed = [b"#!AMR\n" + rnd.randbytes(rnd.randrange(1, 400)) for _ in range(300)]
    assert sum(amr_problem(f) is not None for f in fuzzed) > 250


def test_fuzzed_voice_clips_not_kept_good_one_kept(db: Database) -> None:
    rnd = random.Random(14)
    junk = [rnd.randbytes(200), b"#!AMR\n" + b"\xff" * 100, b"RIFF....WAVEfmt " + bytes(64)]

    async def main() -> None:
        listener = WatchListener(0, HOST)
        service = await started(db, listener)
        try:
            reader, writer = await asyncio.open_connection(HOST, listener.port)
            for clip in junk:
                writer.write(watch_device.encode_voice(DEV, clip))
                assert await asyncio.wait_for(reader.readexactly(len(TK_ACK)), 5) == TK_ACK
            # a clip in JXTK parts that assembles to something else than AMR: parts dropped, answered
            for frame in watch_device.encode_voice_parts(DEV, "junk_1", b"\x00" * 3000, 3):
                writer.write(frame)
                await asyncio.wait_for(reader.readuntil(b"]"), 5)
            writer.write(watch_device.encode_voice(DEV, amr_clip(1.0)))
            assert await asyncio.wait_for(reader.readexactly(len(TK_ACK)), 5) == TK_ACK
            await closed(writer)
            await asyncio.sleep(0.2)
        finally:
            await service.stop()
        assert listener.totals.errors["bad_audio"] == len(junk)

    before = media_store.refused_clips
    run(main)
    assert media_store.refused_clips == before + 1  # the assembled JXTK clip
    alarms = rows(db, DEV, EventKind.ALARM)
    assert [r.fields["alarm"] for r in alarms] == ["voiceMessage"]
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(DeviceMedia)) == 1
        assert s.scalar(select(func.count()).select_from(DeviceMediaPart)) == 0
