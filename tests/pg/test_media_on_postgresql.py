"""Voice messages on a real PostgreSQL server: stored once over real sockets, never changed."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import DBAPIError

from arm.media import library
from arm.protocols.servers import WatchListener
from arm.service import MonitoringService
from arm.simulate import watch_device
from db import retention
from db.models import Role, User
from db.models_media import DeviceMedia, DeviceMediaPart
from db.session import Database
from tests.network.media_fixtures import amr_clip, user

DEV = "8800000077"


@pytest.fixture(scope="module")
def pg_db(pg_server) -> Database:
    db = Database(pg_server.create_database("media"))
    db.upgrade()
    with db.begin() as s:  # the account behind user("supervisor"): the library re-reads it
        s.add(User(login="supervisor", full_name="supervisor", role=Role.SUPERVISOR, password_hash="!"))
    yield db
    db.dispose()


def test_clips_stored_once_and_guarded_on_postgresql(pg_db: Database) -> None:
    tk = amr_clip(1.0, seed=31)
    parts = amr_clip(1.5, seed=32)
    frames = [watch_device.encode_voice(DEV, tk), watch_device.encode_voice(DEV, tk),  # a resend
              *watch_device.encode_voice_parts(DEV, "watch_9", parts, 2)]

    async def main() -> None:
        listener = WatchListener(0, "127.0.0.1")
        service = MonitoringService(pg_db)
        service.add_component(listener)
        await service.start()
        try:
            reader, writer = await asyncio.open_connection("127.0.0.1", listener.port)
            for frame in frames:
                writer.write(frame)
                await asyncio.wait_for(reader.readuntil(b"]"), 10)
            writer.close()
            await writer.wait_closed()
        finally:
            await service.stop()
        assert not listener.totals.errors

    asyncio.run(asyncio.wait_for(main(), 60))
    with pg_db.begin() as s:
        clips = library.list_clips(s, user("supervisor"), serial=DEV)
        assert sorted(c.size for c in clips) == sorted([len(tk), len(parts)])
        assert {library.fetch_clip(s, user("supervisor"), c.id).data for c in clips} == {tk, parts}
        assert s.scalar(select(func.count()).select_from(DeviceMediaPart)) == 0
    for statement in ("UPDATE device_media SET name = 'x'", "DELETE FROM device_media", "TRUNCATE device_media"):
        with pytest.raises(DBAPIError, match="recorded material"), pg_db.begin() as s:
            s.execute(text(statement))
    with pg_db.begin() as s:
        act = retention.propose_act(s, "device_media", "boss", now=datetime.now(UTC) + timedelta(days=3 * 365 + 1))
        assert act.row_count == 2
        retention.execute_act(s, act.id, "chief")
    with pg_db.session() as s:
        assert s.scalar(select(func.count()).select_from(DeviceMedia)) == 0
