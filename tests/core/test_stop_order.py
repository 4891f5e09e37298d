"""The service stops in the order docs/architecture.md promises, so the last batch is evaluated.

Sources stop first (a listener finishes the store it is in), then the ingest
core stores what it already received and publishes it, and only then do the
rules stop: an alarm for a report received just before a stop or a SIGTERM
is in the database afterwards.
"""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select

from arm.bus import Bus
from arm.config import Settings
from arm.events import DeviceEvent
from arm.rules.seed import Seeder
from arm.service import MonitoringService
from db.models import Alarm
from db.session import Database

ROOT = Path(__file__).resolve().parents[2]


class Recorder:
    """A component that notes when it stops; ``on_stop`` runs first (a source's last report)."""

    def __init__(self, name: str, log: list[str], *, consumes_events: bool = False, on_stop: Any = None) -> None:
        self.name = name
        self.log = log
        self.consumes_events = consumes_events
        self.on_stop = on_stop

    async def start(self, service: MonitoringService) -> None:
        pass

    async def stop(self) -> None:
        if self.on_stop is not None:
            self.on_stop()
        self.log.append(self.name)


def test_sources_stop_then_ingest_flushes_then_consumers(db: Database, bus: Bus) -> None:
    order: list[str] = []
    service = MonitoringService(db, bus)
    for component in (Recorder("rules", order, consumes_events=True), Recorder("source-a", order),
                      Recorder("source-b", order)):
        service.add_component(component)
    real_stop = service.ingest.stop

    def ingest_stop(timeout: float = 30.0) -> None:
        order.append("ingest")
        real_stop(timeout)

    service.ingest.stop = ingest_stop  # type: ignore[method-assign]

    async def run() -> None:
        await service.start()
        await service.stop()

    asyncio.run(run())
    assert order == ["source-b", "source-a", "ingest", "rules"]


def test_a_batch_submitted_as_the_service_stops_is_evaluated(db: Database, bus: Bus) -> None:
    """A source hands the ingest core its last report while stopping (not waiting for the store)."""
    seed = Seeder(db)
    seed.kit(seed.person(), "77", ("BRC",))
    # about the stop order, not the holds: the strap alarm at once ("field" would hold it for 60 s)
    service = MonitoringService(db, bus, Settings().with_overrides({"alarms.rules_tick_s": 3600.0,
                                                                    "alarms.holds": "none"}))
    service.configure_plugins()
    last = DeviceEvent("BRC-77", 1, datetime.now(UTC), "TAMPER", {"part": "STRAP", "state": "OPEN"})
    service.add_component(Recorder("source", [], on_stop=lambda: service.ingest.submit([last])))

    async def run() -> None:
        await service.start()
        await service.stop()

    asyncio.run(run())
    with db.session() as s:
        assert list(s.scalars(select(Alarm.kind))) == ["tamper_strap"]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_arm_serve_evaluates_the_report_received_just_before_sigterm(db: Database, db_url: str,
                                                                      tmp_data_dir: Path) -> None:
    """A real `arm serve` and a real OsmAnd phone: SOS, then SIGTERM at once; the alarm is stored."""
    from arm.simulate.clients import OsmAndClient

    seed = Seeder(db)
    seed.assign(seed.device("phone-sos-1", "PHONE"), seed.person())
    db.dispose()
    port = _free_port()
    env = dict(os.environ, ARM_DATA_DIR=str(tmp_data_dir), PYTHONPATH=str(ROOT))
    proc = subprocess.Popen(
        [sys.executable, "-m", "arm", "serve", "--db", db_url, "--osmand", str(port), "--protocols-host", "127.0.0.1",
         "--rules-tick", "3600", "--loop", "asyncio"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        assert proc.stdout is not None
        deadline = time.monotonic() + 60
        line = ""
        while time.monotonic() < deadline and "ready" not in line:
            line = proc.stdout.readline()
        assert "ready" in line

        async def press_sos() -> None:
            phone = OsmAndClient("phone-sos-1", "127.0.0.1", port)
            now = int(datetime.now(UTC).timestamp())
            try:
                await phone.post_point(f"id=phone-sos-1&timestamp={now}&lat=43.256700&lon=76.928600&alarm=sos",
                                       deadline_s=20)
            finally:
                await phone.close()

        asyncio.run(press_sos())  # answered 200: stored; the rules have not necessarily seen it yet
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert proc.returncode == 0, err
    check = Database(db_url)
    try:
        with check.session() as s:
            kinds = list(s.scalars(select(Alarm.kind)))
    finally:
        check.dispose()
    assert kinds == ["sos"], err
