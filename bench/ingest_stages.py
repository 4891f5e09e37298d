"""Where the ingest core spends its time, stage by stage (no sockets).

    .venv/bin/python bench/ingest_stages.py [--devices 2000] [--messages 5] [--db URL]

Submits ready GT06 location events the way the listeners do (one submission
per report, merged by ingest into batches) and times each stage of
``arm.ingest.Ingest`` by wrapping its methods (the code is not changed):
validation + evseq derivation, device lookup, event insert, position insert,
device update, commit (fsync), result matching, bus publish. It prints
microseconds per message for each, next to the SQLAlchemy Core ceiling for
the same rows, so the lead can see which stage keeps ingest from 10,000 msg/s.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from ingest import _ceiling, _events_of, _frames

import arm.ingest as ingest_module
from arm.bus import Bus
from arm.events import DeviceEvent
from db.session import Database

TIMES: dict[str, float] = defaultdict(float)


def _timed(name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        t0 = time.perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            TIMES[name] += time.perf_counter() - t0

    return wrapper


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--devices", type=int, default=2000)
    parser.add_argument("--messages", type=int, default=5)
    parser.add_argument("--db", default=None, help="database URL (default: a fresh SQLite file)")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="arm-bench-stages-"))
    url = args.db or f"sqlite:///{tmp / 'stages.sqlite3'}"
    events, _ = _events_of(_frames(args.devices, args.messages))

    db = Database(url)
    db.upgrade()
    core = ingest_module.Ingest(db, Bus())
    cls = ingest_module.Ingest
    # wrap the stages (instance attributes shadow the class methods)
    for name in ("_resolve_devices", "_insert_events", "_insert_positions", "_update_devices", "_results",
                 "_publish", "_write", "_commit"):
        setattr(core, name, _timed(name, getattr(core, name)))
    original_reason = ingest_module.rejection_reason
    ingest_module.rejection_reason = _timed("validation", original_reason)  # type: ignore[assignment]
    original_evseq = DeviceEvent.effective_evseq
    evseq_time = [0.0]
    calls = [0]

    def counted_evseq(self: DeviceEvent) -> int:
        t0 = time.perf_counter()
        try:
            return original_evseq(self)
        finally:
            evseq_time[0] += time.perf_counter() - t0
            calls[0] += 1

    DeviceEvent.effective_evseq = counted_evseq  # type: ignore[method-assign]
    core.start()
    firsts: dict[str, DeviceEvent] = {}
    for e in events:
        firsts.setdefault(e.serial, e)
    core.store_sync(list(firsts.values()), timeout=600)
    TIMES.clear()
    evseq_time[0] = 0.0
    calls[0] = 0
    rest = [e for e in events if firsts[e.serial] is not e]
    t0 = time.perf_counter()
    for f in [core.submit([e]) for e in rest]:
        f.result(600)
    wall = time.perf_counter() - t0
    core.stop()
    DeviceEvent.effective_evseq = original_evseq  # type: ignore[method-assign]
    ingest_module.rejection_reason = original_reason
    db.dispose()
    n = len(rest)
    per = {k: v / n * 1e6 for k, v in TIMES.items()}
    commit_only = per.get("_commit", 0) - per.get("_write", 0) - per.get("_results", 0) - per.get("_publish", 0)
    write_other = per.get("_write", 0) - sum(per.get(k, 0) for k in (
        "_resolve_devices", "_insert_events", "_insert_positions", "_update_devices")) - per.get("validation", 0)
    print(f"bench/ingest_stages: {n} reports of {args.devices} devices, {cls.__module__}.Ingest, db {url}")
    print(f"  ingest core: {n / wall:,.0f} msg/s = {wall / n * 1e6:.0f} us/msg (wall, one writer thread)")
    rows = [
        ("validation (rejection_reason)", per.get("validation", 0)),
        (f"  of which evseq derivation ({calls[0] / n:.1f} calls/msg: json.dumps + blake2b; "
         "inside _write and _results)", evseq_time[0] / n * 1e6),
        ("device lookup (_resolve_devices)", per.get("_resolve_devices", 0)),
        ("event insert, ORM bulk path + RETURNING (_insert_events)", per.get("_insert_events", 0)),
        ("position insert (_insert_positions)", per.get("_insert_positions", 0)),
        ("device last_contact update, one UPDATE per device (_update_devices)", per.get("_update_devices", 0)),
        ("rest of _write (dedupe dict, loops)", write_other),
        ("transaction begin/commit incl. fsync", commit_only),
        ("result matching (_results)", per.get("_results", 0)),
        ("bus publish (_publish)", per.get("_publish", 0)),
    ]
    for label, us in rows:
        print(f"    {us:7.1f} us/msg  {label}")
    if not args.db:
        ceiling = _ceiling(f"sqlite:///{tmp / 'ceiling.sqlite3'}", events)
        print(f"  ceiling, SQLAlchemy Core executemany of the same event+position rows: {ceiling:,.0f} msg/s "
              f"= {1e6 / ceiling:.0f} us/msg")
    import shutil

    shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
