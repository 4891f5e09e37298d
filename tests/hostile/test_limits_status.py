"""Limit hits reach the service status: the bus, the desk API (real WebSocket) and a remote desk's bus."""

from __future__ import annotations

import asyncio

from arm.bus import Bus
from arm.desk_api.client import RemoteService
from arm.desk_api.server import DeskApiServer
from arm.desk_api.wire import from_json, to_json
from arm.events import ConnectionLimits
from arm.protocols.limits import Limits, LimitsReporter
from arm.protocols.servers import Gt06Listener
from arm.service import MonitoringService
from db.session import Database
from tests.network.test_desk_api import TOKENS, add_users, collect, logged_in, until
from tests.network.test_servers import HOST, closed, run


def test_wire_round_trip() -> None:
    msg = ConnectionLimits((("gt06", "evicted", 5), ("watch", "identify_timeout", 2)))
    assert from_json("connection_limits", to_json(msg)) == msg


def test_identify_timeout_counted_and_sent_to_desks(db: Database) -> None:
    async def main() -> None:
        add_users(db)
        service = MonitoringService(db)
        listener = Gt06Listener(0, HOST, limits=Limits(identify_timeout_s=0.3))
        service.add_component(listener)
        reporter = LimitsReporter([listener], period_s=0.1)
        service.add_component(reporter)
        api = DeskApiServer(0, TOKENS, HOST)
        service.add_component(api)
        local_hits = collect(service.bus, ConnectionLimits)
        await service.start()
        desk_bus = Bus()
        remote_hits = collect(desk_bus, ConnectionLimits)
        remote = RemoteService(f"ws://{HOST}:{api.port}/", TOKENS["desk-1"], desk_bus)
        try:
            await logged_in(remote)
            _r, w = await asyncio.open_connection(HOST, listener.port)  # never says who it is
            await until(lambda: any(m.hits for m in remote_hits), 5)
            assert remote_hits[-1].hits == (("gt06", "identify_timeout", 1),)
            assert local_hits[-1] == remote_hits[-1]
            await closed(w)
        finally:
            await remote.stop()
            await service.stop()

    run(main)
