"""Connection limits (issue 14): a storm of idle connections never locks a good device out.

In process with small caps (eviction order, per-peer cap, identify deadline,
refusal when every slot is identified), and against a real ``arm serve`` whose
file limit is 4,096 while 6,000 idle connections arrive from one address.
"""

from __future__ import annotations

import asyncio
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

from arm.events import EventKind
from arm.protocols import gt06
from arm.protocols.limits import EVICTED, IDENTIFY_TIMEOUT, PER_PEER, TOTAL, ConnectionGate, Limits
from arm.protocols.servers import Gt06Listener, OsmAndListener
from arm.simulate import gt06_device
from db.session import Database
from tests.network.test_servers import HOST, closed, rows, run, started, t0

ROOT = Path(__file__).resolve().parents[2]


async def is_closed(reader: asyncio.StreamReader, timeout: float = 2.0) -> bool:
    try:
        return await asyncio.wait_for(reader.read(1), timeout) == b""
    except TimeoutError:
        return False
    except ConnectionError:
        return True


async def login(port: int, imei: str) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
    reader, writer = await asyncio.open_connection(HOST, port)
    writer.write(gt06_device.encode_login(imei, 1))
    assert await asyncio.wait_for(reader.readexactly(10), 5) == gt06.build_response(gt06.MSG_LOGIN, 1)
    return reader, writer


def test_gate_evicts_oldest_never_identified_first() -> None:
    closed_: list[int] = []
    gate = ConnectionGate("gt06", Limits(max_connections=10, max_per_peer=6, reserve=2, identify_timeout_s=5))
    for k in range(6):
        assert gate.admit(k, "10.0.0.1", lambda k=k: closed_.append(k), now=float(k))
    gate.identified(1)
    # the peer is at its cap: its oldest never-identified connection (0) goes, not the identified 1
    assert gate.admit(6, "10.0.0.1", lambda: closed_.append(6), now=6.0)
    assert closed_ == [0] and gate.hits[EVICTED] == 1
    assert gate.admit(7, "10.0.0.1", lambda: closed_.append(7), now=7.0)
    assert closed_ == [0, 2]
    # another address fills up to the reserve; then every newcomer evicts the oldest waiting one anywhere
    for k in range(100, 102):
        assert gate.admit(k, "10.0.0.2", lambda k=k: closed_.append(k), now=8.0)
    assert gate.open == 8
    assert gate.admit(102, "10.0.0.2", lambda: closed_.append(102), now=9.0)
    assert closed_[-1] == 3 and gate.open == 8
    # past the identify deadline: closed oldest first, identified ones stay
    assert gate.expired(now=11.5) == 3  # 4, 5, 6 opened at 4..6 s, before the deadline 6.5
    assert closed_[-3:] == [4, 5, 6] and gate.hits[IDENTIFY_TIMEOUT] == 3
    # every slot identified: the next one is refused, nothing evicted
    for k in (7, 100, 101, 102):
        gate.identified(k)
    for k in range(200, 205):
        assert gate.admit(k, f"10.0.1.{k}", lambda: None, now=15.0)
        gate.identified(k)
    assert gate.open == 10
    assert not gate.admit(300, "10.0.2.1", lambda: None, now=16.0)
    assert gate.hits[TOTAL] == 1
    for k in range(400, 410):
        gate.release(k)  # unknown handles are ignored
    assert gate.open == 10


def test_storm_from_one_address_then_good_device_stored(db: Database) -> None:
    """A NAT address holds 60 silent connections at its cap; a tracker behind it still gets in and is stored."""
    imei = "359339075006001"

    async def main() -> None:
        listener = Gt06Listener(0, HOST, limits=Limits(max_connections=100, max_per_peer=40, reserve=5,
                                                       identify_timeout_s=30))
        service = await started(db, listener)
        try:
            storm = [await asyncio.open_connection(HOST, listener.port) for _ in range(60)]
            await asyncio.sleep(0.2)
            assert listener.gate.open == 40
            assert listener.gate.hits[EVICTED] == 20 and listener.gate.hits[PER_PEER] == 0
            # the first 20 were closed (oldest first), the last 40 are open
            assert all([await is_closed(r, 1.0) for r, _w in storm[:20]])
            reader, writer = await login(listener.port, imei)
            writer.write(gt06_device.encode_location(t0(), 51.1, 71.4, 10, 90, 9, True, 2))
            assert await asyncio.wait_for(reader.readexactly(10), 5) == gt06.build_response(gt06.MSG_GPS_LBS_1, 2)
            # more storm: the identified tracker is never the one evicted
            storm += [await asyncio.open_connection(HOST, listener.port) for _ in range(100)]
            await asyncio.sleep(0.2)
            writer.write(gt06_device.encode_location(t0(), 51.2, 71.4, 10, 90, 9, True, 3))
            assert await asyncio.wait_for(reader.readexactly(10), 5) == gt06.build_response(gt06.MSG_GPS_LBS_1, 3)
            await closed(writer)
            for _r, w in storm:
                w.close()
        finally:
            await service.stop()

    run(main)
    assert len(rows(db, imei, EventKind.POS)) == 2


def test_identify_deadline_closes_silent_new_connections_not_devices(db: Database) -> None:
    async def main() -> None:
        listener = Gt06Listener(0, HOST, limits=Limits(identify_timeout_s=0.4))
        osm = OsmAndListener(0, HOST, limits=Limits(identify_timeout_s=0.4))
        service = await started(db, listener, osm)
        try:
            silent_r, silent_w = await asyncio.open_connection(HOST, listener.port)
            http_r, http_w = await asyncio.open_connection(HOST, osm.port)
            dev_r, dev_w = await login(listener.port, "359339075006002")
            assert await is_closed(silent_r, 3.0)
            assert await is_closed(http_r, 3.0)
            assert not await is_closed(dev_r, 0.5)  # identified: only the idle timeout applies
            assert listener.gate.hits[IDENTIFY_TIMEOUT] == 1 and osm.gate.hits[IDENTIFY_TIMEOUT] == 1
            for w in (silent_w, http_w, dev_w):
                await closed(w)
        finally:
            await service.stop()

    run(main)


def test_protocol_idle_timeouts_fit_their_heartbeats() -> None:
    from arm.protocols.servers import WatchListener

    assert Gt06Listener(0).idle_timeout == 420.0  # heartbeat every 3 min
    assert WatchListener(0).idle_timeout == 660.0  # LK every 5 min
    assert OsmAndListener(0).idle_timeout == 120.0
    assert Gt06Listener(0, idle_timeout=30).idle_timeout == 30


def _limited_nofile() -> None:
    resource.setrlimit(resource.RLIMIT_NOFILE, (4096, 4096))


def test_arm_serve_6000_idle_connections_then_good_device_stored(db: Database, db_url: str, tmp_path: Path) -> None:
    """The issue's storm against a real `arm serve` with a file limit of 4,096."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    need = 6000 + 512
    if soft < need:
        resource.setrlimit(resource.RLIMIT_NOFILE, (min(need, hard), hard))  # the test's own client sockets
    import socket

    with socket.socket() as s:
        s.bind((HOST, 0))
        port = int(s.getsockname()[1])
    out = tmp_path / "serve.log"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    with out.open("w") as sink:
        proc = subprocess.Popen([sys.executable, "-m", "arm", "serve", "--db", db_url, "--gt06", str(port),
                                 "--protocols-host", HOST, "--no-rules"], cwd=ROOT, env=env, stdout=sink,
                                stderr=subprocess.STDOUT, preexec_fn=_limited_nofile)
    imei = "359339075006003"
    try:
        deadline = time.monotonic() + 60
        while "arm serve: ready" not in out.read_text():
            assert proc.poll() is None and time.monotonic() < deadline, out.read_text()
            time.sleep(0.1)

        async def main() -> None:
            storm = []
            for _ in range(6000):
                try:
                    storm.append(await asyncio.open_connection(HOST, port))
                except OSError:
                    await asyncio.sleep(0.01)  # the accept queue is full for a moment
            await asyncio.sleep(1.0)
            start = time.monotonic()
            reader, writer = await login(port, imei)
            writer.write(gt06_device.encode_location(t0(), 51.1, 71.4, 10, 90, 9, True, 2))
            assert await asyncio.wait_for(reader.readexactly(10), 10) == gt06.build_response(gt06.MSG_GPS_LBS_1, 2)
            assert time.monotonic() - start < 10
            await closed(writer)
            for _r, w in storm:
                w.close()

        run(main)
    finally:
        proc.terminate()
        proc.wait(30)
        resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))
    assert len(rows(db, imei, EventKind.POS)) == 1
    log = out.read_text()
    assert "closing never-identified connections, oldest first" in log
    assert log.count("closing never-identified connections") <= 2  # logged once per interval, not per connection
