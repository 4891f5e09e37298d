"""Journal speed: one million violations, a filtered page, a 100,000-row XLSX export.

    .venv/bin/python bench/journal.py [--rows 1000000] [--export-rows 100000] [--keep DIR]

Fills a fresh SQLite database (migrated, with the journal indexes and
triggers) with chained violation entries and their alarms, then prints the
time of: the first page of the review table filtered by district and
period, a deep keyset page, a filtered count, the chain verification, and an
XLSX and a PDF export. Figures, not assertions: compare them between runs.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def _timed(label: str, fn, *args, **kw):  # type: ignore[no-untyped-def]
    t0 = time.perf_counter()
    result = fn(*args, **kw)
    print(f"{label:<58} {time.perf_counter() - t0:9.3f} s", flush=True)
    return result


def _export(label: str, s, fmt: str, out: Path, rows: int):  # type: ignore[no-untyped-def]
    """One export of the violation journal, with its rate and file size."""
    from arm.access import ShellUser
    from arm.reports import exporter
    from db.queries.filters import JournalFilter

    t0 = time.perf_counter()
    res = exporter.export_journal(s, ShellUser("bench"), "violations", JournalFilter(), fmt, out, max_rows=rows,
                                  force=True)  # a re-run with --keep replaces its own files
    took = time.perf_counter() - t0
    print(f"{label:<58} {took:9.3f} s", flush=True)
    print(f"   ({res.rows:,} rows, {res.rows / took:,.0f} rows/s, {out.stat().st_size / 1e6:.1f} MB)")
    return res


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--persons", type=int, default=5_000)
    ap.add_argument("--export-rows", type=int, default=100_000)
    ap.add_argument("--pdf-rows", type=int, default=5_000)
    ap.add_argument("--keep", help="use this directory for the database (kept)")
    ap.add_argument("--skip-verify", action="store_true")
    args = ap.parse_args()
    folder = Path(args.keep or tempfile.mkdtemp(prefix="arm-bench-journal-"))
    folder.mkdir(parents=True, exist_ok=True)
    os.environ["ARM_DATA_DIR"] = str(folder)

    from sqlalchemy import select

    from arm.auth import CurrentUser
    from arm.reports import data
    from arm.reports.fill import DISTRICTS, fill
    from db.integrity import verify_all
    from db.models import Role, User
    from db.queries.filters import JournalFilter
    from db.session import Database

    db = Database(f"sqlite:///{folder / 'bench.sqlite3'}")
    fresh = not db.has_table("violation_journal")
    db.upgrade()
    start = datetime(2024, 1, 1, tzinfo=UTC)
    with db.session() as s:
        from sqlalchemy import func, select

        from db.models import ViolationEntry

        have = s.scalar(select(func.count()).select_from(ViolationEntry)) or 0
    if fresh or have == 0:
        with db.begin() as s:
            _timed(f"fill {args.rows:,} violations (+ alarms, chained)", fill, s, args.persons, args.rows,
                   start=start)
    print(f"database: {folder / 'bench.sqlite3'}  ({(folder / 'bench.sqlite3').stat().st_size / 1e6:.0f} MB)")
    with db.begin() as s:  # the account behind the user: journal reads re-read it
        if s.scalar(select(User.id).where(User.login == "bench")) is None:
            s.add(User(login="bench", full_name="bench", role=Role.SUPERVISOR, password_hash="!"))
    sup = CurrentUser(1, "bench", "Bench", "supervisor", tuple(DISTRICTS))
    now = datetime.now(UTC)
    f = JournalFilter(district="Медеуский", date_from=now - timedelta(days=365), date_to=now)
    with db.begin() as s:
        page = _timed("first page (200 rows), district + 1 year, newest first", data.page, s, sup, "violations", f)
        cursor = page.cursor
        for _ in range(50):
            page = data.page(s, sup, "violations", f, cursor=cursor)
            cursor = page.cursor
        _timed("page 52 by keyset (after 50 more pages)", data.page, s, sup, "violations", f, cursor=cursor)
        _timed("first page, no filter", data.page, s, sup, "violations", JournalFilter())
        _timed("first page, operator 'oper3' + kind 'curfew'", data.page, s, sup, "violations",
               JournalFilter(operator="oper3", kind="curfew"))
        _timed("first page, person surname prefix 'Өмір'", data.page, s, sup, "violations",
               JournalFilter(person="Өмір"))
        n = _timed("count, district + 1 year", data.count, s, sup, "violations", f)
        print(f"   ({n:,} matching rows)")
        _timed("first page of the alarm log sorted by kind (offset paging)", data.page, s, sup, "alarms",
               JournalFilter(), sort="kind", descending=False)
    with db.begin() as s:
        _export(f"XLSX export of {args.export_rows:,} rows", s, "xlsx", folder / "export.xlsx", args.export_rows)
    with db.begin() as s:
        _export(f"CSV export of {args.export_rows:,} rows", s, "csv", folder / "export.csv", args.export_rows)
    with db.begin() as s:
        _export(f"PDF export of {args.pdf_rows:,} rows", s, "pdf", folder / "export.pdf", args.pdf_rows)
    if not args.skip_verify:
        with db.session() as s:
            problems = _timed("verify every hash chain", verify_all, s)
        print(f"   ({len(problems)} problems)")
    db.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
