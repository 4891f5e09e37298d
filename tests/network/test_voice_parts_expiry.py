"""Staged JXTK parts whose clip never completes: stored as an incomplete clip after their lifetime.

Real sockets into a real SQLite file; the expiry component runs in the real
service with a clock moved forward instead of waiting 24 hours.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select

from arm.events import EventKind
from arm.media.expiry import MediaPartsExpiry
from arm.protocols.plugin import configure
from arm.protocols.servers import WatchListener
from arm.service import MonitoringService
from arm.simulate import watch_device
from db.models import Device, DeviceEventRow
from db.models_media import DeviceMedia, DeviceMediaPart
from db.session import Database
from tests.network.media_fixtures import amr_clip

HOST = "127.0.0.1"
DEV = "8800000031"
JX_ACK = b"[3G*8800000031*0007*JXTKR,1]"


def count(db: Database, model: type) -> int:
    with db.session() as s:
        return int(s.scalar(select(func.count()).select_from(model)) or 0)


def test_parts_past_their_lifetime_become_an_incomplete_clip_and_fresh_ones_wait(db: Database) -> None:
    old_clip, new_clip = amr_clip(1.5, seed=11), amr_clip(1.0, seed=12)
    old_frames = watch_device.encode_voice_parts(DEV, "watch_old", old_clip, 3)
    new_frames = watch_device.encode_voice_parts(DEV, "watch_new", new_clip, 2)
    later = {"now": datetime.now(UTC)}

    async def main() -> tuple[list[int], list[int]]:
        listener = WatchListener(0, HOST)
        expiry = MediaPartsExpiry(interval_s=3600, clock=lambda: later["now"])
        service = MonitoringService(db)
        service.add_component(listener)
        service.add_component(expiry)
        await service.start()
        try:
            await asyncio.wait_for(expiry.ran.wait(), 10)  # the pass at start: nothing to do yet
            reader, writer = await asyncio.open_connection(HOST, listener.port)
            writer.write(old_frames[0] + old_frames[1])  # the third part never comes
            assert await asyncio.wait_for(reader.readexactly(2 * len(JX_ACK)), 10) == JX_ACK * 2
            writer.close()
            # the old parts were received 25 h "ago"; the new clip's first part just now
            with db.begin() as s:
                s.execute(DeviceMediaPart.__table__.update().values(
                    received=datetime.now(UTC) - timedelta(hours=25)))
            reader, writer = await asyncio.open_connection(HOST, listener.port)
            writer.write(new_frames[0])
            assert await asyncio.wait_for(reader.readexactly(len(JX_ACK)), 10) == JX_ACK
            writer.close()
            first = await expiry.run_once()
            again = await expiry.run_once()  # idempotent: nothing left to expire
            return first, again
        finally:
            await service.stop()

    first, again = asyncio.run(asyncio.wait_for(main(), 60))
    assert len(first) == 1 and again == []
    with db.session() as s:
        row = s.scalars(select(DeviceMedia)).one()
        event = s.get(DeviceEventRow, row.event_id)
        assert event is not None
        parts = s.execute(select(DeviceMediaPart.name, DeviceMediaPart.part)).all()
        serial = s.scalar(select(Device.serial).where(Device.id == row.device_id))
    step = -(-len(old_clip) // 3)
    assert row.data == old_clip[:2 * step] and (row.parts, row.parts_missing) == (3, 1)
    assert row.name == "watch_old" and serial == DEV
    assert event.kind == EventKind.ALARM and event.fields["alarm"] == "voiceMessage"
    assert event.fields["parts_missing"] == [3]
    # the event is dated by the newest part present (25 h ago), not by the expiry run
    assert abs((datetime.now(UTC) - event.time) - timedelta(hours=25)) < timedelta(minutes=5)
    assert parts == [("watch_new", 1)]  # the fresh clip still waits for its last part


def test_the_watch_plugin_runs_the_expiry_with_its_listener(db: Database) -> None:
    service = MonitoringService(db)
    configure(service, service.settings.with_overrides({"service.watch_port": 0}))
    assert not any(isinstance(c, MediaPartsExpiry) for c in service.components)  # watch off
    configure(service, service.settings.with_overrides({"service.watch_port": 15093, "service.protocols_host": HOST}))
    expiry = service.extensions["media_expiry"]
    assert isinstance(expiry, MediaPartsExpiry) and expiry in service.components
    assert expiry.lifetime_s == 24 * 3600
    assert count(db, DeviceMedia) == 0
