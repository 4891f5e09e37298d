"""From an empty database to an alarm, with the command line only (real ``python -m arm`` processes).

The administrator (made by the owner of the database file) creates a
supervisor, an operator and a technician; the supervisor imports a caseload
document and registers one more person by hand with a curfew and an
exclusion zone around their victim's address; the technician puts a tracker
in stock and issues it; the tracker's fixes go through the real ingest and
rules runtime, and the operator's ``arm alarms --json`` shows the zone alarm
of the newly registered person.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from arm.alarms.scenario import World
from db.session import Database
from db.validation import make_iin

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = Path(__file__).with_name("data") / "format_example.json"
PASSWORDS = {"admin1": "Admin-pass-1", "sup1": "Super-pass-2", "op1": "Opera-pass-3", "tech1": "Techn-pass-4"}
VICTIM = (43.2390, 76.9450)  # the victim's address, Almaty


def arm(db: Database, *args: str, who: str | None = None, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "ARM_PASSWORD"}
    env["PYTHONPATH"] = str(ROOT)
    extra: list[str] = []
    if who:
        env["ARM_PASSWORD"] = PASSWORDS[who]
        extra = ["--as", who]
    proc = subprocess.run([sys.executable, "-m", "arm", *args, "--db", db.url, *extra], capture_output=True,
                          text=True, env=env, input=stdin, timeout=120)
    assert proc.returncode == 0, f"arm {' '.join(args)}: {proc.stderr}"
    return proc


def test_from_an_empty_database_to_the_first_alarm(bus: Any, tmp_path: Path) -> None:
    db = Database(f"sqlite:///{tmp_path / 'journey.sqlite3'}")  # a file of its own: nothing in it yet
    arm(db, "db", "upgrade")
    arm(db, "user", "add", "admin1", "--role", "administrator", "--password-stdin", stdin="Admin-pass-1\n")
    for login, role, districts in (("sup1", "supervisor", ["Медеуский район"]), ("op1", "operator", []),
                                   ("tech1", "technician", [])):
        flags = [f"--district={d}" for d in districts]
        arm(db, "user", "add", login, "--role", role, "--name", f"{role} one", *flags, "--password-stdin",
            who="admin1", stdin=PASSWORDS[login] + "\n")
    listed = [json.loads(line) for line in arm(db, "user", "list", "--json", who="admin1").stdout.splitlines()]
    assert {u["login"]: u["districts"] for u in listed}["sup1"] == ["KZ-75-medeu"]

    imported = json.loads(arm(db, "caseload", "import", str(EXAMPLE), "--json", who="sup1").stdout)
    assert imported["persons_created"] == 1
    iin = make_iin(date(1991, 6, 15), 321)
    arm(db, "person", "register", "--iin", iin, "--last-name", "Жанов", "--first-name", "Бауыржан",
        "--birth-date", "1991-06-15", "--category", "restricted_freedom", "--court-no", "2-77/2026",
        "--court-date", "2026-11-30", "--start", "2026-12-01", "--district", "Медеу ауданы",
        "--address", "г. Алматы, ул. Жандосова, 5", "--lat", "43.2200", "--lon", "76.9000", who="sup1")
    now = datetime.now(UTC).replace(microsecond=0)
    arm(db, "person", "restrict", iin, "--kind", "curfew", "--window", "0,1,2,3,4 22:00-06:00",
        "--window", "6 00:00-24:00", "--from", (now - timedelta(hours=1)).isoformat(), who="sup1")
    zone = json.loads(arm(db, "person", "restrict", iin, "--kind", "exclusion_zone", "--circle",
                          f"{VICTIM[0]},{VICTIM[1]},300", "--zone-name", "Дом потерпевшей",
                          "--from", (now - timedelta(hours=1)).isoformat(), "--json", who="sup1").stdout)
    arm(db, "device", "add", "TRK-700001", "--type", "TRK", "--inventory-no", "ИНВ-ТРК-7001", who="tech1")
    issued = json.loads(arm(db, "device", "issue", "TRK-700001", "--person", iin, "--received-by", "Жанов Б.",
                            "--json", who="tech1").stdout)
    assert (issued["received_by"], issued["technician_name"]) == ("Жанов Б.", "technician one")
    card = json.loads(arm(db, "person", "show", iin, "--json", who="sup1").stdout)
    assert [r["kind"] for r in card["restrictions"]] == ["curfew", "exclusion_zone"]
    assert card["devices"][0]["serial"] == "TRK-700001" and card["district_name"] == "Медеуский район"

    from arm.ingest import Ingest

    ingest = Ingest(db, bus)
    ingest.start()
    world = World(db, bus, ingest)
    try:
        world.reload()
        at = now - timedelta(minutes=2)
        world.feed(world.fix("TRK-700001", at, *VICTIM), world.fix("TRK-700001", at + timedelta(minutes=1), *VICTIM))
    finally:
        world.close()
        ingest.stop()
    alarms = [json.loads(line) for line in arm(db, "alarms", "--json", who="op1").stdout.splitlines()]
    mine = [a for a in alarms if a.get("person_id") == card["id"]]
    # the zone alarm; the curfew may fire too, depending on the hour the test runs (the person is away from home)
    assert "exclusion_zone" in [a["kind"] for a in mine], alarms
    assert zone["zone_id"] is not None
    db.dispose()
