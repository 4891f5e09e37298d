"""Two `arm serve` processes on one PostgreSQL database, one desk on each.

A demo GT06 tracker presses SOS on service A; the alarm appears on the desk of
service B; B's desk acknowledges it and A's desk sees that within a second.
Everything is real: PostgreSQL from initdb, two `python -m arm serve`
processes, TCP for the tracker, WebSocket for the desks.
"""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from arm.bus import Bus
from arm.demo import DEMO_PASSWORD
from arm.desk_api.client import RemoteService
from arm.events import AlarmChanged, EventsStored
from arm.simulate import gt06_device
from arm.simulate.clients import Gt06Client
from db.models import Assignment, Device, DeviceType
from db.session import Database

from .conftest import PgServer, free_port

pytestmark = pytest.mark.pg
ROOT = Path(__file__).resolve().parents[2]
TOKENS = {"desk-a": "token-desk-a-1", "desk-b": "token-desk-b-2"}


class Serve:
    """One `arm serve` subprocess, stopped with SIGTERM like an init system would."""

    def __init__(self, args: list[str], env: dict[str, str]) -> None:
        self.proc = subprocess.Popen([sys.executable, "-m", "arm", "serve", *args], cwd=ROOT, env=env,
                                     stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        self.output: list[str] = []
        deadline = time.monotonic() + 60
        assert self.proc.stdout is not None
        while time.monotonic() < deadline:
            line = self.proc.stdout.readline()
            if not line:
                raise AssertionError("arm serve exited:\n" + "".join(self.output))
            self.output.append(line)
            if "arm serve: ready" in line:
                return
        raise AssertionError("arm serve did not get ready:\n" + "".join(self.output))

    def stop(self) -> int:
        self.proc.send_signal(signal.SIGTERM)
        try:
            out, _ = self.proc.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            out, _ = self.proc.communicate()
        self.output.append(out or "")
        return self.proc.returncode


@pytest.fixture
def pg_url(pg_server: PgServer, tmp_path: Path) -> str:
    return pg_server.create_database("arm_two_desks")


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return {**os.environ, "ARM_DATA_DIR": str(tmp_path / "data"), "ARM_CONFIG_DIR": str(tmp_path / "config"),
            "PYTHONPATH": str(ROOT)}


@pytest.fixture
def services(pg_url: str, env: dict[str, str]) -> Iterator[dict[str, Any]]:
    seed = subprocess.run([sys.executable, "-m", "arm", "demo", "seed", "--db", pg_url], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)
    assert seed.returncode == 0, seed.stdout + seed.stderr
    gt06_port, api_a, api_b = free_port(), free_port(), free_port()
    # desk tokens from the environment, never the command line
    a = Serve(["--db", pg_url, "--gt06", str(gt06_port), "--protocols-host", "127.0.0.1",
               "--desk-api", str(api_a)], {**env, "ARM_DESK_TOKENS": f"desk-a={TOKENS['desk-a']}"})
    try:
        b = Serve(["--db", pg_url, "--desk-api", str(api_b)], {**env, "ARM_DESK_TOKENS": f"desk-b={TOKENS['desk-b']}"})
    except Exception:
        a.stop()
        raise
    info = {"gt06": gt06_port, "api_a": api_a, "api_b": api_b, "a": a, "b": b, "url": pg_url}
    try:
        yield info
    finally:
        codes = (a.stop(), b.stop())
        assert codes == (0, 0), "".join(a.output[-20:] + b.output[-20:])


def _assigned_gt06(url: str) -> str:
    db = Database(url)
    try:
        with db.session() as s:
            serial = s.scalar(
                select(Device.serial).join(Assignment, Assignment.device_id == Device.id)
                .where(Device.type == DeviceType.GT06).order_by(Device.serial).limit(1))
    finally:
        db.dispose()
    assert serial, "the demo seed has no GT06 tracker assigned to a person"
    return str(serial)


def test_alarm_change_on_one_service_reaches_the_other_desk(services: dict[str, Any]) -> None:
    imei = _assigned_gt06(services["url"])

    async def main() -> None:
        bus_a, bus_b = Bus(), Bus()
        alarms_a: list[tuple[float, AlarmChanged]] = []
        alarms_b: list[tuple[float, AlarmChanged]] = []
        events_b: list[EventsStored] = []
        bus_a.subscribe(AlarmChanged, lambda m: alarms_a.append((time.monotonic(), m)))
        bus_b.subscribe(AlarmChanged, lambda m: alarms_b.append((time.monotonic(), m)))
        bus_b.subscribe(EventsStored, events_b.append)
        desk_a = RemoteService(f"ws://127.0.0.1:{services['api_a']}/", TOKENS["desk-a"], bus_a)
        desk_b = RemoteService(f"ws://127.0.0.1:{services['api_b']}/", TOKENS["desk-b"], bus_b)
        await desk_a.start()
        await desk_b.start()
        await desk_a.login("operator", DEMO_PASSWORD)  # the demo's users; each service checks the password
        await desk_b.login("supervisor", DEMO_PASSWORD)
        tracker = Gt06Client(imei, "127.0.0.1", services["gt06"])
        try:
            t = datetime.now(UTC).replace(microsecond=0) - timedelta(seconds=5)
            await tracker.send_frame(gt06_device.encode_alarm(t, 51.13, 71.43, 0x01, tracker.next_serial()))

            async def raised(seen: list[tuple[float, AlarmChanged]]) -> AlarmChanged:
                for _ in range(200):
                    for _t, m in seen:
                        if m.kind == "sos" and m.change == "raised":
                            return m
                    await asyncio.sleep(0.05)
                raise AssertionError(f"no SOS alarm raised; seen {[m for _, m in seen]}")

            on_a = await raised(alarms_a)
            on_b = await raised(alarms_b)
            assert on_a.alarm_id == on_b.alarm_id
            # the stored SOS event itself also reached the desk of the other service
            assert any(s.event.serial == imei and s.event.kind == "ALARM" for e in events_b for s in e.events)
            # service B's alarm cache knows the alarm raised by A
            assert on_a.alarm_id in [a["id"] for a in await desk_b.call("alarms.open")]

            start = time.monotonic()
            view = await desk_b.call("alarms.acknowledge", alarm_id=on_a.alarm_id, note="calling the person")
            assert view["acknowledged_by"] == "supervisor"  # the user logged in on desk B
            for _ in range(100):
                acked = [ts for ts, m in alarms_a if m.alarm_id == on_a.alarm_id and m.change == "acknowledged"]
                if acked:
                    break
                await asyncio.sleep(0.01)
            assert acked, "the acknowledgement made on service B never reached desk A"
            assert acked[0] - start < 1.0, f"took {acked[0] - start:.3f} s"
            opened = {a["id"]: a for a in await desk_a.call("alarms.open")}
            assert opened[on_a.alarm_id]["acknowledged"] is True
        finally:
            await tracker.close()
            await desk_a.stop()
            await desk_b.stop()

    asyncio.run(asyncio.wait_for(main(), 120))
