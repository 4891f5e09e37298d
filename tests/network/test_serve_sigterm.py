"""`arm serve` as a real process: SIGTERM under load, restart, and nothing is lost."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest

from arm.events import EventKind
from arm.simulate import gt06_device
from arm.simulate.clients import Gt06Client
from db.session import Database

from .test_servers import HOST, rows, t0

ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


def _serve(url: str, port: int, env: dict[str, str], loop: str = "auto") -> subprocess.Popen[str]:
    proc = subprocess.Popen([sys.executable, "-m", "arm", "serve", "--db", url, "--gt06", str(port),
                             "--protocols-host", HOST, "--no-rules", "--loop", loop],
                            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    assert proc.stdout is not None
    deadline = time.monotonic() + 60
    seen = []
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            raise AssertionError("arm serve exited:\n" + "".join(seen))
        seen.append(line)
        if "arm serve: ready" in line:
            return proc
    raise AssertionError("arm serve not ready:\n" + "".join(seen))


def _sigterm(proc: subprocess.Popen[str]) -> int:
    proc.send_signal(signal.SIGTERM)
    try:
        proc.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.communicate()
    return proc.returncode


@pytest.mark.parametrize("loop", ["uvloop", "asyncio"])
def test_sigterm_under_load_then_restart_loses_nothing(db: Database, db_url: str, tmp_data_dir: Path,
                                                       loop: str) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    port = _free_port()
    n_devices, n_reports = 4, 30
    base = t0()
    proc = _serve(db_url, port, env, loop)

    async def device(client: Gt06Client, k: int) -> None:
        for i in range(n_reports):
            await client.send_frame(gt06_device.encode_location(base + timedelta(seconds=i), 51.1 + k * 0.01, 71.4, 10, 0,
                                                         8, True, client.next_serial()))
            await asyncio.sleep(0.01)

    async def main() -> int:
        nonlocal proc
        clients = [Gt06Client(f"8600000001{k:05d}", HOST, port, ack_timeout=1.0, retry_delay=0.1)
                   for k in range(n_devices)]
        tasks = [asyncio.create_task(device(c, k)) for k, c in enumerate(clients)]
        await asyncio.sleep(0.3)
        code = await asyncio.to_thread(_sigterm, proc)  # stop accepting, store what came in, exit
        proc = await asyncio.to_thread(_serve, db_url, port, env, loop)
        try:
            await asyncio.wait_for(asyncio.gather(*tasks), 90)
        finally:
            for c in clients:
                await c.close()
        assert sum(c.stats.reconnects for c in clients) >= 1
        return code

    try:
        first_exit = asyncio.run(main())
    finally:
        second_exit = _sigterm(proc)
    assert (first_exit, second_exit) == (0, 0)
    for k in range(n_devices):
        pos = rows(db, f"8600000001{k:05d}", EventKind.POS)
        assert len(pos) == n_reports and len({p.evseq for p in pos}) == n_reports
