"""End-to-end ingest benchmark: GT06 over TCP -> decode -> commit -> ack.

    .venv/bin/python bench/ingest.py [--devices 10000] [--messages 20] [--db URL | --pg]
                                     [--loop auto|uvloop|asyncio] [--profile PREFIX]

The service (one ``MonitoringService`` with a ``Gt06Listener``) runs in a child
process pinned to CPU 0; the simulated devices run in this process pinned to
CPU 1, so "one core" is the service's core. Every device logs in, then sends
``--messages`` location reports, each only after the previous one was acked,
as a real tracker does. A report counts when its ack arrives, and an ack is
sent only after the commit, so the rate printed is socket-to-committed-row.

In the same run, on fresh databases, it also measures:
  * the ceiling: the same event and position rows inserted straight with
    SQLAlchemy Core (executemany, batches of 5000), no Python per row;
  * decode+map only: GT06 frames -> DeviceEvents in pure Python;
  * ingest only: ``Ingest.submit`` of ready DeviceEvents (batching, dedupe,
    device lookup, inserts, publishing), no sockets.
so a shortfall can be pinned on the stage that causes it.

Besides the wall-clock rate it prints the service's CPU time per report while
measured (user + kernel, and the kernel's share): on a shared 2-core machine the
wall rate moves with whatever else runs, the CPU per report much less.
``--loop`` picks the service's event loop as ``arm serve --loop`` does (default:
uvloop where installed); ``--profile`` writes cProfile stats of the event loop
and of the ingest writer thread (per-thread CPU clocks).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import multiprocessing as mp
import os
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

# bench/serial.py would shadow pyserial's ``serial`` for the service's plugins: drop this folder
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from arm.protocols import gt06  # noqa: E402 - after the sys.path fix above
from arm.protocols.mapping import to_events  # noqa: E402
from arm.simulate import gt06_device  # noqa: E402


def _pin(cpu: int) -> None:
    try:
        if cpu < (os.cpu_count() or 1):
            os.sched_setaffinity(0, {cpu})
    except (AttributeError, OSError):
        pass


def _imei(i: int) -> str:
    return f"35{i:013d}"


def _frames(devices: int, messages: int) -> list[list[bytes]]:
    base = datetime.now(UTC).replace(microsecond=0) - timedelta(hours=2)
    out = []
    for i in range(devices):
        lat = 43.0 + (i % 1000) * 0.001
        lon = 76.0 + (i // 1000) * 0.001
        out.append([gt06_device.encode_location(base + timedelta(seconds=k), lat + k * 1e-5, lon, 12, 90, 9, True, k + 2)
                    for k in range(messages)])
    return out


# --------------------------------------------------------------------------- service process

def _thread_cpu() -> dict[str, float]:
    """CPU seconds per thread of this process (Linux /proc), to see who uses the core."""
    import threading

    names = {t.native_id: t.name for t in threading.enumerate()}
    out: dict[str, float] = {}
    tick = os.sysconf("SC_CLK_TCK")
    for task in Path("/proc/self/task").glob("*"):
        try:
            name = names.get(int(task.name), "other")
            fields = (task / "stat").read_text().rsplit(")", 1)[1].split()
            out[name] = out.get(name, 0.0) + (int(fields[11]) + int(fields[12])) / tick
        except (OSError, IndexError, ValueError):
            continue
    return out


def _service_main(url: str, conn: Any, cpu: int, switch: float | None, profile: str | None = None,
                  event_loop: str = "asyncio", with_rules: bool = False) -> None:
    _pin(cpu)
    if event_loop == "uvloop":
        import uvloop

        asyncio.set_event_loop_policy(uvloop.EventLoopPolicy())
    if switch:
        sys.setswitchinterval(switch)
    import logging

    if profile:
        _profile_threads(profile)

    logging.basicConfig(level=logging.ERROR)
    from arm.protocols.servers import Gt06Listener
    from arm.service import MonitoringService
    from db.session import Database

    async def main() -> None:
        db = Database(url)
        db.upgrade()
        service = MonitoringService(db)
        if with_rules:  # what `arm serve` adds without options: the rules engine and the alarm manager
            service.configure_plugins()
        listener = Gt06Listener(0, "127.0.0.1", max_buffer=64 * 1024)
        service.add_component(listener)
        await service.start()
        conn.send(listener.port)
        loop = asyncio.get_running_loop()
        await loop.run_in_executor(None, conn.recv)  # "mark": the measured reports start now
        import resource

        threads_mark = _thread_cpu()
        cpu_mark = time.process_time()
        sys_mark = resource.getrusage(resource.RUSAGE_SELF).ru_stime
        await loop.run_in_executor(None, conn.recv)  # "stop"
        cpu_measured = time.process_time() - cpu_mark
        sys_measured = resource.getrusage(resource.RUSAGE_SELF).ru_stime - sys_mark
        threads = _thread_cpu()
        threads = {k: v - threads_mark.get(k, 0.0) for k, v in threads.items()}
        t0 = time.process_time()
        await service.stop()
        stats = service.ingest.stats
        conn.send({"stored": stats.stored, "duplicates": stats.duplicates, "rejected": stats.rejected,
                   "batches": stats.batches, "largest_batch": stats.largest_batch,
                   "cpu_s": time.process_time(), "stop_s": time.process_time() - t0, "cpu_measured": cpu_measured,
                   "sys_measured": sys_measured,
                   "errors": dict(listener.totals.errors), "threads": threads})
        db.dispose()

    if profile:
        import cProfile

        prof = cProfile.Profile(time.thread_time)  # CPU of this thread, not the wall clock
        prof.runcall(asyncio.run, main())
        prof.dump_stats(f"{profile}.main")
    else:
        asyncio.run(main())


def _profile_threads(prefix: str) -> None:
    """cProfile the ingest writer thread too (``--profile``): its stats go to ``PREFIX.ingest``."""
    import cProfile

    from arm.ingest import Ingest

    original = Ingest._run

    def profiled(self: Any) -> None:
        prof = cProfile.Profile(time.thread_time)
        try:
            prof.runcall(original, self)
        finally:
            prof.dump_stats(f"{prefix}.ingest")

    Ingest._run = profiled  # type: ignore[method-assign]


# --------------------------------------------------------------------------- device side

class _Device(asyncio.Protocol):
    """A tracker on a raw asyncio Protocol (cheap enough to run 10,000 of them)."""

    def __init__(self, frames: list[bytes], login: bytes, done: asyncio.Future[None], counter: list[int],
                 measuring: asyncio.Event) -> None:
        self.frames = frames
        self.login = login
        self.done = done
        self.counter = counter
        self.measuring = measuring
        self.next = -1  # -1: login pending
        self.rx = bytearray()
        self.transport: asyncio.Transport | None = None
        self.logged_in: asyncio.Future[None] = done.get_loop().create_future()

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self.transport = transport
        transport.write(self.login)

    def start(self) -> None:
        self.next = 0
        assert self.transport is not None
        self.transport.write(self.frames[0])

    def data_received(self, data: bytes) -> None:
        self.rx += data
        while len(self.rx) >= 10:
            del self.rx[:10]  # one ack (78 78 05 type serial crc 0d 0a)
            if self.next == -1:
                if not self.logged_in.done():
                    self.logged_in.set_result(None)
                continue
            self.counter[0] += 1
            self.next += 1
            if self.next < len(self.frames):
                assert self.transport is not None
                self.transport.write(self.frames[self.next])
            elif not self.done.done():
                self.done.set_result(None)

    def connection_lost(self, exc: Exception | None) -> None:
        if not self.done.done():
            self.done.set_exception(ConnectionError(f"connection lost: {exc}"))


_CLIENT_CPU = [0.0]


async def _drive(port: int, frames: list[list[bytes]], mark: Callable[[], None],
                 connect_parallel: int = 500) -> tuple[float, int, float]:
    loop = asyncio.get_running_loop()
    counter = [0]
    measuring = asyncio.Event()
    devices: list[_Device] = []
    sem = asyncio.Semaphore(connect_parallel)
    t_connect = time.perf_counter()

    async def open_one(i: int) -> None:
        async with sem:
            done: asyncio.Future[None] = loop.create_future()
            dev = _Device(frames[i], gt06_device.encode_login(_imei(i), 1), done, counter, measuring)
            await loop.create_connection(lambda: dev, "127.0.0.1", port)
            await dev.logged_in
            devices.append(dev)

    await asyncio.gather(*(open_one(i) for i in range(len(frames))))
    connect_s = time.perf_counter() - t_connect
    mark()
    t0 = time.perf_counter()
    cpu0 = time.process_time()
    for dev in devices:
        dev.start()
    await asyncio.gather(*(d.done for d in devices))
    elapsed = time.perf_counter() - t0
    _CLIENT_CPU[0] = time.process_time() - cpu0
    for dev in devices:
        if dev.transport is not None:
            dev.transport.close()
    await asyncio.sleep(0.2)
    return elapsed, counter[0], connect_s


# --------------------------------------------------------------------------- stage measurements

def _count_rows(url: str) -> tuple[int, int]:
    from sqlalchemy import func, select

    from db.models import DeviceEventRow, Position
    from db.session import Database

    db = Database(url)
    with db.session() as s:
        events = s.scalar(select(func.count()).select_from(DeviceEventRow).where(DeviceEventRow.kind == "POS")) or 0
        positions = s.scalar(select(func.count()).select_from(Position)) or 0
    db.dispose()
    return int(events), int(positions)


def _events_of(frames: list[list[bytes]]) -> tuple[list[Any], float]:
    t0 = time.perf_counter()
    events = []
    now = datetime.now(UTC)
    for i, dev_frames in enumerate(frames):
        dec = gt06.Gt06Decoder()
        dec.decode(gt06_device.encode_login(_imei(i), 1))
        for f in dev_frames:
            msg = dec.decode(f)
            assert msg is not None and msg.position is not None
            events += to_events(msg.position, now).events
    return events, time.perf_counter() - t0


def _ceiling(url: str, events: list[Any]) -> float:
    """The same rows via SQLAlchemy Core executemany: devices first (untimed), then events+positions."""
    from sqlalchemy import insert, select

    from db.models import Device, DeviceEventRow, Position
    from db.session import Database

    db = Database(url)
    db.upgrade()
    now = datetime.now(UTC)
    serials = sorted({e.serial for e in events})
    with db.begin() as s:
        s.execute(insert(Device), [{"serial": x, "type": "GT06", "status": "unregistered", "notes": "",
                                    "heartbeat_s": 300, "report_s": 60, "is_demo": False, "created_at": now}
                                   for x in serials])
        ids = dict(s.execute(select(Device.serial, Device.id)).all())
    rows = [{"device_id": ids[e.serial], "evseq": e.effective_evseq(), "time": e.time, "received": now,
             "kind": e.kind, "source": e.source, "fields": dict(e.fields)} for e in events]
    t0 = time.perf_counter()
    batch = 5000
    for k in range(0, len(rows), batch):
        chunk = rows[k:k + batch]
        with db.begin() as s:
            result = s.execute(insert(DeviceEventRow).returning(DeviceEventRow.id), chunk)
            event_ids = [r[0] for r in result]
            s.execute(insert(Position), [
                {"device_id": r["device_id"], "event_id": eid, "time": r["time"], "lat": r["fields"]["lat"],
                 "lon": r["fields"]["lon"], "fix": 1, "sats": r["fields"].get("sats"), "hdop": None,
                 "accuracy_m": None, "speed_kmh": r["fields"].get("speed_kmh"), "course": r["fields"].get("course")}
                for r, eid in zip(chunk, event_ids, strict=True)])
    elapsed = time.perf_counter() - t0
    db.dispose()
    return len(rows) / elapsed


def _ingest_only(url: str, events: list[Any], devices: int) -> float:
    from arm.bus import Bus
    from arm.ingest import Ingest
    from db.session import Database

    db = Database(url)
    db.upgrade()
    ingest = Ingest(db, Bus())
    ingest.start()
    # first contact of every device (creates the unregistered devices), untimed
    firsts = {}
    for e in events:
        firsts.setdefault(e.serial, e)
    first_list = list(firsts.values())
    for k in range(0, len(first_list), 2000):  # one huge job would exceed PostgreSQL's 65535 parameters
        ingest.store_sync(first_list[k:k + 2000], timeout=600)
    rest = [e for e in events if firsts[e.serial] is not e]
    t0 = time.perf_counter()
    futures = [ingest.submit([e]) for e in rest]  # one submission per report, like the listeners
    for f in futures:
        f.result(600)
    elapsed = time.perf_counter() - t0
    ingest.stop()
    db.dispose()
    return len(rest) / elapsed


@contextlib.contextmanager
def temporary_postgres() -> Iterator[Callable[[str], str]]:
    """A throw-away PostgreSQL cluster (initdb/pg_ctl; as root it runs as user postgres).

    Yields a function that creates a database and returns its URL.
    """
    import shutil
    import socket
    import subprocess

    initdb, pg_ctl = shutil.which("initdb"), shutil.which("pg_ctl")
    if not initdb or not pg_ctl:
        raise SystemExit("bench/ingest: --pg needs initdb and pg_ctl on PATH")
    base = Path(tempfile.mkdtemp(prefix="arm-bench-pg-"))
    prefix: list[str] = []
    if os.geteuid() == 0:
        shutil.chown(base, "postgres")
        prefix = ["runuser", "-u", "postgres", "--"]
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    data = base / "data"
    subprocess.run([*prefix, initdb, "-D", str(data), "-U", "arm", "--auth=trust", "-E", "UTF8"],
                   check=True, capture_output=True)
    opts = f"-p {port} -k {base} -c listen_addresses=127.0.0.1"
    subprocess.run([*prefix, pg_ctl, "-D", str(data), "-l", str(base / "log"), "-o", opts, "-w", "start"],
                   check=True, capture_output=True)

    def create(name: str) -> str:
        import psycopg

        with psycopg.connect(host="127.0.0.1", port=port, user="arm", dbname="postgres", autocommit=True) as c:
            c.execute(f'CREATE DATABASE "{name}"')
        return f"postgresql+psycopg://arm@127.0.0.1:{port}/{name}"

    try:
        yield create
    finally:
        subprocess.run([*prefix, pg_ctl, "-D", str(data), "-m", "fast", "-w", "stop"], capture_output=True)
        shutil.rmtree(base, ignore_errors=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--devices", type=int, default=10_000)
    parser.add_argument("--messages", type=int, default=20,
                        help="location reports per device (default 20: 200,000 reports, a sustained rate)")
    parser.add_argument("--switch-interval", type=float, default=None,
                        help="sys.setswitchinterval of the service process (GIL hand-over, default Python's 5 ms)")
    parser.add_argument("--loop", choices=("auto", "asyncio", "uvloop"), default="auto",
                        help="the service's event loop, as `arm serve --loop` (default auto: uvloop where installed)")
    parser.add_argument("--with-rules", action="store_true",
                        help="also run the rules engine and alarm manager in the service, as `arm serve` does "
                             "(every stored event is then evaluated against curfews and zones too)")
    parser.add_argument("--profile", metavar="PREFIX", default=None,
                        help="cProfile the service: PREFIX.main (event loop) and PREFIX.ingest (writer thread); "
                             "the rates printed are then lower than without it")
    parser.add_argument("--db", default=None, help="database URL (default: SQLite files in a temp dir)")
    parser.add_argument("--pg", action="store_true",
                        help="run everything on a temporary PostgreSQL cluster (initdb/pg_ctl) instead of SQLite")
    args = parser.parse_args()
    if args.pg:
        with temporary_postgres() as create:
            return run(args, create)
    return run(args, None)


def run(args: argparse.Namespace, create_pg: Callable[[str], str] | None) -> int:
    tmp = Path(tempfile.mkdtemp(prefix="arm-bench-ingest-"))

    def fresh(name: str) -> str:
        return create_pg(name) if create_pg else f"sqlite:///{tmp / (name + '.sqlite3')}"

    from arm.cli_serve import event_loop_name

    args.loop = event_loop_name(args.loop)
    url = args.db or fresh("e2e")
    total = args.devices * args.messages
    print(f"bench/ingest: {args.devices} GT06 devices x {args.messages} reports = {total} messages; db {url}; "
          f"service event loop {args.loop}{'; with the rules engine' if args.with_rules else ''}")
    frames = _frames(args.devices, args.messages)

    parent, child = mp.Pipe()
    proc = mp.get_context("spawn").Process(target=_service_main,
                                            args=(url, child, 0, args.switch_interval, args.profile, args.loop,
                                                  args.with_rules),
                                            daemon=True)
    proc.start()
    port = parent.recv()
    _pin(1)
    elapsed, acked, connect_s = asyncio.run(_drive(port, frames, lambda: parent.send("mark")))
    parent.send("stop")
    service_stats = parent.recv()
    proc.join(30)
    events, positions = _count_rows(url)
    print(f"  connect+login of {args.devices} devices: {connect_s:.1f} s")
    print(f"  END TO END  socket -> commit -> ack: {acked} acked in {elapsed:.2f} s = {acked / elapsed:,.0f} msg/s "
          f"(committed POS rows {events}, positions {positions}; service batches {service_stats['batches']}, "
          f"largest {service_stats['largest_batch']}, service CPU {service_stats['cpu_s']:.1f} s)")
    print(f"  simulated devices (this process, CPU 1) used {_CLIENT_CPU[0]:.1f} s CPU in the measured "
          f"{elapsed:.1f} s" + (": the load generator is near its limit" if _CLIENT_CPU[0] > 0.85 * elapsed else ""))
    cpu = service_stats["cpu_measured"]
    print(f"  service CPU while measured: {cpu:.2f} s = {cpu * 1e6 / max(acked, 1):.0f} us/msg, so one fully busy "
          f"core would do {acked / cpu if cpu else 0:,.0f} msg/s (a figure other load on the machine barely moves); "
          f"of it in the kernel (TCP, fsync): {service_stats['sys_measured'] * 1e6 / max(acked, 1):.0f} us/msg")
    print("  service CPU by thread while measured: " + ", ".join(f"{k} {v:.1f} s" for k, v in
                                                  sorted(service_stats["threads"].items(), key=lambda kv: -kv[1])))
    if service_stats["errors"]:
        print(f"  listener errors: {service_stats['errors']}")
    ok = acked == total == events == positions

    all_events, decode_s = _events_of(frames)
    print(f"  decode+map only (pure Python, 1 core): {len(all_events) / decode_s:,.0f} msg/s")
    if args.db:
        print("  (ceiling and ingest-only need fresh databases: skipped with --db)")
    else:
        ceiling = _ceiling(fresh("ceiling"), all_events)
        print(f"  CEILING  SQLAlchemy Core executemany, same rows: {ceiling:,.0f} msg/s "
              "(one event row + one position row each)")
        ingest_rate = _ingest_only(fresh("ingest"), all_events, args.devices)
        print(f"  ingest core only (one submit per report, no sockets): {ingest_rate:,.0f} msg/s")
    print(f"  goal 10,000 msg/s end to end: {'MET' if acked / elapsed >= 10_000 else 'NOT met'}; "
          f"all messages committed exactly once: {'yes' if ok else 'NO'}")
    import shutil

    shutil.rmtree(tmp, ignore_errors=True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
