"""Isolation benchmark (issue 14): a well-behaved device's send-to-stored latency under attack.

    .venv/bin/python bench/isolation.py [--seconds 10] [--interval 0.2] [--loop auto|uvloop|asyncio]

A real ``arm serve`` (SQLite, GT06 listener, no rules) runs as a child process;
the attackers run in a second child process; this process is the
well-behaved GT06 tracker: it logs in and sends one location report every
``--interval`` seconds, each timed from the write to its ack (the ack leaves
only after the commit, so this is send-to-stored). Printed, per scenario:
p50, p99 and max in milliseconds, and how many reports were acknowledged.

Scenarios, one after another on the same service:
  alone       nobody else
  flooder     one GT06 connection writing valid reports as fast as the socket takes them
  slowloris   1,000 connections each sending one byte of a frame per second, never a whole frame
  storm       connections opened as fast as possible and left idle (up to 5,000 at a time), with churn

Goal (issue 14): p99 under 100 ms in each, on the 2-core machine.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import multiprocessing as mp
import os
import resource
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

# bench/serial.py would shadow pyserial's ``serial``: drop this folder from the path
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from arm.protocols import gt06  # noqa: E402 - after the sys.path fix above
from arm.simulate import gt06_device  # noqa: E402

HOST = "127.0.0.1"
SCENARIOS = ("alone", "flooder", "slowloris", "storm")


def _raise_nofile(n: int) -> None:
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < n:
        resource.setrlimit(resource.RLIMIT_NOFILE, (min(n, hard), hard))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


# ---------------------------------------------------------------- attackers (child process)
async def _flooder(port: int, stop: Any) -> None:
    reader, writer = await asyncio.open_connection(HOST, port)
    writer.write(gt06_device.encode_login("359339075099001", 1))
    await reader.readexactly(10)

    async def drain_acks() -> None:
        with contextlib.suppress(Exception):
            while await reader.read(65536):
                pass

    acks = asyncio.create_task(drain_acks())
    base = datetime.now(UTC) - timedelta(hours=2)
    i = 0
    while not stop.is_set():
        chunk = []
        for _ in range(200):
            i += 1
            chunk.append(gt06_device.encode_location(base + timedelta(milliseconds=i * 10), 43.2, 76.9, 10, 90, 8,
                                                     True, i & 0xFFFF))
        writer.write(b"".join(chunk))
        await writer.drain()
    acks.cancel()
    writer.close()


async def _slowloris(port: int, stop: Any, n: int = 1000) -> None:
    frame = gt06_device.encode_login("359339075099002", 1)
    conns: list[tuple[asyncio.StreamWriter, int]] = []
    while not stop.is_set():
        while len(conns) < n:
            try:
                _r, w = await asyncio.open_connection(HOST, port)
            except OSError:
                break
            conns.append((w, 0))
        kept = []
        for w, sent in conns:
            if w.is_closing() or sent >= len(frame) - 1:
                w.close()
                continue
            try:
                w.write(frame[sent:sent + 1])
            except Exception:  # noqa: BLE001 - closed by the server: open another
                continue
            kept.append((w, sent + 1))
        conns = kept
        await asyncio.sleep(1.0)
    for w, _ in conns:
        w.close()


async def _storm(port: int, stop: Any, n: int = 5000) -> None:
    conns: list[tuple[asyncio.StreamReader, asyncio.StreamWriter]] = []
    while not stop.is_set():
        conns = [(r, w) for r, w in conns if not r.at_eof()]
        for _ in range(200):
            if len(conns) >= n:
                r, w = conns.pop(0)  # churn: the oldest goes
                w.close()
            try:
                conns.append(await asyncio.open_connection(HOST, port))
            except OSError:
                await asyncio.sleep(0.01)
                break
        await asyncio.sleep(0.01)
    for _r, w in conns:
        w.close()


def _attacker_main(kind: str, port: int, stop: Any) -> None:
    _raise_nofile(12000)

    async def main() -> None:
        await {"flooder": _flooder, "slowloris": _slowloris, "storm": _storm}[kind](port, stop)

    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(main())


# ---------------------------------------------------------------- the well-behaved device
async def _measure(port: int, seconds: float, interval: float, imei: str) -> list[float]:
    reader, writer = await asyncio.open_connection(HOST, port)
    writer.write(gt06_device.encode_login(imei, 1))
    await asyncio.wait_for(reader.readexactly(10), 10)
    latencies: list[float] = []
    base = datetime.now(UTC) - timedelta(minutes=30)
    serial = 1
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        serial = serial % 0xFFFF + 1
        frame = gt06_device.encode_location(base + timedelta(seconds=serial), 51.1, 71.4, 10, 90, 9, True, serial)
        start = time.perf_counter()
        writer.write(frame)
        try:
            ack = await asyncio.wait_for(reader.readexactly(10), 10)
        except (TimeoutError, asyncio.IncompleteReadError) as exc:
            print(f"  the good device lost its ack: {type(exc).__name__}", flush=True)
            break
        latencies.append(time.perf_counter() - start)
        assert ack == gt06.build_response(gt06.MSG_GPS_LBS_1, serial)
        await asyncio.sleep(max(0.0, interval - (time.perf_counter() - start)))
    writer.close()
    return latencies


def _report(name: str, lat: list[float], expected: int) -> None:
    if not lat:
        print(f"{name:10s}  no report acknowledged")
        return
    ms = sorted(x * 1000 for x in lat)
    p99 = ms[min(len(ms) - 1, int(round(0.99 * (len(ms) - 1))))]
    print(f"{name:10s}  p50 {statistics.median(ms):7.1f} ms   p99 {p99:7.1f} ms   max {ms[-1]:7.1f} ms   "
          f"acked {len(ms)} (about {expected} fit in the window)", flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=10.0, help="measuring time per scenario")
    parser.add_argument("--interval", type=float, default=0.2, help="seconds between the good device's reports")
    parser.add_argument("--loop", default="auto", choices=("auto", "uvloop", "asyncio"))
    parser.add_argument("--scenarios", default=",".join(SCENARIOS))
    args = parser.parse_args()
    _raise_nofile(12000)
    workdir = Path(tempfile.mkdtemp(prefix="arm-isolation-"))
    url = f"sqlite:///{workdir / 'bench.sqlite3'}"
    port = _free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT), "ARM_DATA_DIR": str(workdir)}
    log = (workdir / "serve.log").open("w")
    proc = subprocess.Popen([sys.executable, "-m", "arm", "serve", "--db", url, "--gt06", str(port),
                             "--protocols-host", HOST, "--no-rules", "--loop", args.loop],
                            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 60
        while "arm serve: ready" not in (workdir / "serve.log").read_text():
            if proc.poll() is not None or time.monotonic() > deadline:
                print((workdir / "serve.log").read_text())
                return 1
            time.sleep(0.1)
        print(f"arm serve (SQLite, --loop {args.loop}) on {HOST}:{port}; the good device reports every "
              f"{args.interval:g} s for {args.seconds:g} s per scenario; send-to-stored (ack after commit):")
        expected = int(args.seconds / args.interval)
        for k, name in enumerate(args.scenarios.split(",")):
            stop = mp.Event()
            attacker = None
            if name != "alone":
                attacker = mp.Process(target=_attacker_main, args=(name, port, stop), daemon=True)
                attacker.start()
                time.sleep(3.0)  # let the attack build up
            try:
                lat = asyncio.run(_measure(port, args.seconds, args.interval, f"35933907509{k:04d}"))
            finally:
                stop.set()
                if attacker is not None:
                    attacker.join(10)
                    if attacker.is_alive():
                        attacker.kill()
            _report(name, lat, expected)
            time.sleep(1.0)
        limits = [line.strip() for line in (workdir / "serve.log").read_text().splitlines() if "limit" in line]
        if limits:
            print("limit lines in the service log:", len(limits))
    finally:
        proc.terminate()
        with contextlib.suppress(subprocess.TimeoutExpired):
            proc.wait(30)
        log.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
