"""Reference names on screen: the cost of one cell and of a whole alarm-table repaint.

    .venv/bin/python bench/reference_names.py [--rows 2000]

Prints the time of ``arm.caseload.reference.load_names`` on a migrated SQLite
database (every code, three languages, once per journal reload / panel start)
and of ``reference.name`` per cell, from the shipped list and after a load;
and the time of the alarm table's ``data()`` for the district column of
``--rows`` rows (what one repaint asks). Figures, not assertions.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=2000)
    args = ap.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from arm.caseload import reference
    from db.reference import units
    from db.session import Database

    codes = [u.code for u in units() if u.code.count("-") >= 2] or ["KZ-75-medeu"]
    n = 200_000
    t0 = time.perf_counter()
    for i in range(n):
        reference.name(codes[i % len(codes)], "kk")
    print(f"{'reference.name, shipped list (per call)':<52} {(time.perf_counter() - t0) / n * 1e6:8.2f} µs")
    with tempfile.TemporaryDirectory() as tmp:
        db = Database(f"sqlite:///{Path(tmp) / 'bench.sqlite3'}")
        db.upgrade()
        with db.session() as s:
            t0 = time.perf_counter()
            reference.load_names(s)
            print(f"{'reference.load_names (all codes, ru/kk/en)':<52} {(time.perf_counter() - t0) * 1e3:8.2f} ms")
        db.dispose()
    t0 = time.perf_counter()
    for i in range(n):
        reference.name(codes[i % len(codes)], "ru")
    print(f"{'reference.name, after a load (per call)':<52} {(time.perf_counter() - t0) / n * 1e6:8.2f} µs")

    from PySide6.QtWidgets import QApplication

    from arm.alarm_view import AlarmView
    from widgets.alarm_model import AlarmTableModel

    app = QApplication.instance() or QApplication(sys.argv)
    model = AlarmTableModel(lambda t: str(t))
    from datetime import UTC, datetime

    now = datetime.now(UTC)
    model.reset_to([AlarmView(id=i, kind="curfew_absent", priority="high", state="active", acknowledged=False,
                              message="", raised_at=now, person_id=i, district=codes[i % len(codes)])
                    for i in range(args.rows)])
    _ = app
    column = AlarmTableModel.COLUMNS.index("district")
    t0 = time.perf_counter()
    for r in range(args.rows):
        model.data(model.index(r, column))
    print(f"{f'alarm table district column, {args.rows} rows':<52} {(time.perf_counter() - t0) * 1e3:8.2f} ms")


if __name__ == "__main__":
    main()
