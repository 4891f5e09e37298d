"""Events per second through the serial path: emulator pty -> framer -> delivery -> ingest -> SQLite -> EACK.

Run: .venv/bin/python bench/serial.py [--events N] [--ports 1 8]
Prints, for 1 port and for 8 ports at once, how many events per second were
stored and acknowledged end to end. The emulated devices run in the same
process (their CPU is counted too), so the figures are a lower bound.
"""

from __future__ import annotations

import argparse
import logging
import sys
import tempfile
import threading
import time
from pathlib import Path

# this file is named like the pyserial package: keep its folder off the import path
_HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != _HERE]
sys.path.insert(0, str(_HERE.parent))

from arm.bus import Bus  # noqa: E402
from arm.ingest import Ingest  # noqa: E402
from db.session import Database  # noqa: E402
from serial_drivers.emulator import EmulatedDevice  # noqa: E402
from serial_drivers.icd.session import IcdSession  # noqa: E402


def run(ports: int, events: int, workdir: Path) -> tuple[float, int, float]:
    db = Database(f"sqlite:///{workdir / f'bench-{ports}.sqlite3'}")
    db.upgrade()
    ingest = Ingest(db, Bus())
    ingest.start()
    devices = [EmulatedDevice("TRK", f"TRK-{900000 + i}", retransmit_s=30, seed=i).start() for i in range(ports)]
    sessions = [IcdSession(d.port, ingest, db=db) for d in devices]
    for s in sessions:
        s.start()

    def produce(dev: EmulatedDevice) -> None:
        for n in range(events):
            dev.emit_generated()
            if n % 200 == 199:
                time.sleep(0.001)  # a real UART is not infinitely fast either

    t0 = time.perf_counter()
    threads = [threading.Thread(target=produce, args=(d,)) for d in devices]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and any(d.acked_upto < events for d in devices):
        time.sleep(0.005)
    elapsed = time.perf_counter() - t0
    stored = ingest.stats.stored
    for s in sessions:
        s.close()
    for d in devices:
        d.stop()
    ingest.stop()
    db.dispose()
    return elapsed, stored, stored / elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=3000, help="events per port (default 3000)")
    parser.add_argument("--ports", type=int, nargs="*", default=[1, 8])
    args = parser.parse_args()
    logging.basicConfig(level=logging.ERROR)
    with tempfile.TemporaryDirectory() as tmp:
        for ports in args.ports:
            elapsed, stored, rate = run(ports, args.events, Path(tmp))
            print(f"{ports} port(s): {stored} events stored and acknowledged in {elapsed:.2f} s "
                  f"= {rate:,.0f} events/s ({rate / ports:,.0f} per port)", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
