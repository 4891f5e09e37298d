"""Caseload exchange benchmark: import and export of 10,000 persons with restrictions.

    .venv/bin/python bench/caseload_import.py [--persons 10000] [--db URL]

Builds one version 1 document (``arm.caseload.exchange``, the format of
``../shared/exchange/caseload-format.md``): N persons spread over the Almaty
districts, each with a night curfew and an exclusion zone (one zone per 10
persons, a circle), every third with a tracker issued; then times, on a fresh
SQLite file (or ``--db``): the check and import in one transaction (the
``arm caseload import`` path), the same document imported again (idempotent:
nothing changes), and the export. Goal: import under 30 s for 10,000 persons.
Prints the figures; asserts only that the round trip gives the same document.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from arm.access import ShellUser
from arm.caseload import exchange
from db.session import Database
from db.validation import make_iin

DISTRICTS = ("Алатауский район", "Алмалинский район", "Ауэзовский район", "Бостандыкский район",
             "Жетысуский район", "Медеуский район", "Наурызбайский район", "Турксибский район")


def document(n: int) -> dict[str, Any]:
    zones = [{"ref": f"z{k}", "name": f"Школа №{k}", "kind": "exclusion",
              "geometry": {"type": "Point", "coordinates": [76.85 + (k % 40) * 0.004, 43.20 + (k // 40) * 0.004]},
              "radius_m": 250, "buffer_m": 20} for k in range(max(1, n // 10))]
    devices = [{"serial": f"TRK-{500000 + k}", "type": "TRK"} for k in range(0, n, 3)]
    persons = []
    used: set[str] = set()
    for k in range(n):
        birth = date(1960, 1, 1) + timedelta(days=(k * 37) % 14000)
        iin = make_iin(birth, k % 9000)
        while iin in used:
            birth += timedelta(days=1)
            iin = make_iin(birth, k % 9000)
        used.add(iin)
        p: dict[str, Any] = {
            "iin": iin, "last_name": f"Тестов{k}", "first_name": "Иван", "birth_date": birth.isoformat(),
            "category": "parole", "supervision": {"start": "2026-10-01", "end": "2027-10-01"},
            "registered_on": "2026-10-02", "district": DISTRICTS[k % len(DISTRICTS)],
            "home": {"address": f"ул. Абая, {k}", "lat": 43.24 + (k % 100) * 0.0005, "lon": 76.9 + (k // 100) * 0.0005,
                     "radius_m": 60},
            "restrictions": [
                {"kind": "curfew", "schedule": [{"days": [0, 1, 2, 3, 4, 5, 6], "start": "22:00", "end": "06:00"}],
                 "valid_from": "2026-10-02T00:00:00+05:00"},
                {"kind": "exclusion_zone", "zone": f"z{k // 10}", "valid_from": "2026-10-02T00:00:00+05:00"}],
        }
        if k % 3 == 0:
            p["devices"] = [{"serial": f"TRK-{500000 + k}", "issued_at": "2026-10-02T10:00:00+05:00",
                             "issued_by": "tech1"}]
        persons.append(p)
    return {"format": "arm-caseload", "version": 1, "zones": zones, "devices": devices, "persons": persons}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--persons", type=int, default=10_000)
    parser.add_argument("--db", help="database URL (default: a fresh SQLite file)")
    args = parser.parse_args()
    url = args.db or f"sqlite:///{Path(tempfile.mkdtemp()) / 'bench.sqlite3'}"
    db = Database(url)
    db.upgrade()
    doc = document(args.persons)
    actor = ShellUser("bench")
    restrictions = sum(len(p["restrictions"]) for p in doc["persons"])
    print(f"document: {len(doc['persons'])} persons, {restrictions} restrictions, {len(doc['zones'])} zones, "
          f"{len(doc['devices'])} devices")
    t0 = time.perf_counter()
    with db.begin() as s:
        summary = exchange.import_document(s, actor, doc)
    t_import = time.perf_counter() - t0
    print(f"import (check + write, one transaction): {t_import:6.2f} s  "
          f"({summary.persons_created} persons created; goal < 30 s for 10,000)")
    t0 = time.perf_counter()
    with db.begin() as s:
        again = exchange.import_document(s, actor, doc)
    print(f"import again (nothing to change):        {time.perf_counter() - t0:6.2f} s  (unchanged: {again.unchanged})")
    t0 = time.perf_counter()
    with db.begin() as s:
        out = exchange.export_document(s, actor)
    print(f"export:                                  {time.perf_counter() - t0:6.2f} s")
    same = exchange.normalised(out) == exchange.normalised(doc)
    print(f"round trip gives the same document: {same}")
    db.dispose()
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
