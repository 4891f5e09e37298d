"""The ``arm`` command as a script sees it: real subprocesses on a tmp database."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from arm.events import DeviceEvent
from arm.ingest import Ingest
from db.session import Database

ROOT = Path(__file__).resolve().parents[2]
T0 = datetime(2026, 11, 22, 9, 30, tzinfo=UTC)


def arm(*args: str, env_dir: Path, check: bool = True, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, ARM_DATA_DIR=str(env_dir), PYTHONPATH=str(ROOT))
    proc = subprocess.run([sys.executable, "-m", "arm", *args], capture_output=True, text=True, env=env,
                          input=stdin, timeout=120)
    if check:
        assert proc.returncode == 0, proc.stderr
    return proc


@pytest.fixture
def filled(db: Database, ingest: Ingest, tmp_data_dir: Path) -> Database:
    from arm.demo import seed

    with db.begin() as s:
        seed(s, persons_per_city=2)
    events = [
        DeviceEvent("SKU-200101", 77, T0, "PRESENCE", {"bracelet": "BRC-100101", "state": "IN", "rssi": -61}),
        DeviceEvent("MKU-300102", 5, T0 + timedelta(minutes=1), "POS",
                    {"lat": 51.13, "lon": 71.43, "fix": 1, "sats": 8, "hdop": 1.1, "speed_kmh": 4, "course": 10}),
        DeviceEvent("MKU-300102", 6, T0 + timedelta(hours=2), "POS",
                    {"lat": 51.14, "lon": 71.44, "fix": 1, "sats": 8, "hdop": 1.1, "speed_kmh": 4, "course": 10}),
    ]
    ingest.store_sync(events)
    return db


def lines(proc: subprocess.CompletedProcess[str]) -> list[dict]:
    return [json.loads(line) for line in proc.stdout.splitlines() if line.strip()]


def test_events_json(filled: Database, tmp_data_dir: Path) -> None:
    rows = lines(arm("events", "--db", filled.url, "--json", env_dir=tmp_data_dir))
    assert [(r["serial"], r["evseq"], r["kind"]) for r in rows] == [
        ("SKU-200101", 77, "PRESENCE"), ("MKU-300102", 5, "POS"), ("MKU-300102", 6, "POS")]
    assert rows[0]["time"] == "2026-11-22T09:30:00Z"
    assert rows[0]["fields"] == {"bracelet": "BRC-100101", "state": "IN", "rssi": -61}


def test_positions_filters(filled: Database, tmp_data_dir: Path) -> None:
    rows = lines(arm("positions", "--db", filled.url, "--json", "--device", "MKU-300102",
                     "--since", "2026-11-22T10:00:00Z", env_dir=tmp_data_dir))
    assert len(rows) == 1
    assert rows[0] == {**rows[0], "serial": "MKU-300102", "lat": 51.14, "lon": 71.44, "time": "2026-11-22T11:30:00Z"}


def test_person_filter_by_iin(filled: Database, tmp_data_dir: Path) -> None:
    from sqlalchemy import select

    from db.models import Assignment, Device, Person

    with filled.session() as s:
        iin = s.execute(
            select(Person.iin).join(Assignment).join(Device).where(Device.serial == "MKU-300102")
        ).scalar_one()
    rows = lines(arm("positions", "--db", filled.url, "--json", "--person", iin, env_dir=tmp_data_dir))
    assert {r["serial"] for r in rows} == {"MKU-300102"}
    rows = lines(arm("events", "--db", filled.url, "--json", "--person", iin, env_dir=tmp_data_dir))
    assert {r["serial"] for r in rows} == {"MKU-300102"}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["events", "--since", "yesterday"], "ISO 8601"),
        (["events", "--since", "2026-11-22", "--until", "2026-11-21"], "--until must be after --since"),
        (["positions", "--device", "NOPE-1"], "no device with serial"),
        (["alarms", "--person", "123456789012"], "no person"),
        (["events", "--limit", "0"], "positive"),
        (["frobnicate"], "invalid choice"),
    ],
)
def test_bad_arguments_exit_2_with_a_message(filled: Database, tmp_data_dir: Path, args, message) -> None:
    proc = arm(*args, "--db", filled.url, env_dir=tmp_data_dir, check=False) if args[0] != "frobnicate" else \
        arm(*args, env_dir=tmp_data_dir, check=False)
    assert proc.returncode == 2
    assert message in proc.stderr
    assert "Traceback" not in proc.stderr


def test_missing_database_is_a_clear_failure(tmp_data_dir: Path, tmp_path: Path) -> None:
    proc = arm("events", "--db", f"sqlite:///{tmp_path}/none.sqlite3", env_dir=tmp_data_dir, check=False)
    assert proc.returncode == 1
    assert "arm db upgrade" in proc.stderr and "Traceback" not in proc.stderr


def test_db_upgrade_demo_seed_and_user_add(tmp_data_dir: Path) -> None:
    arm("db", "upgrade", env_dir=tmp_data_dir)
    assert (tmp_data_dir / "arm.sqlite3").exists()
    out = arm("demo", "seed", "--persons", "2", env_dir=tmp_data_dir).stdout
    assert "demo data created: 4 persons" in out
    assert "already present" in arm("demo", "seed", env_dir=tmp_data_dir).stdout
    arm("user", "add", "ivanova", "--role", "operator", "--password-stdin", stdin="s3cret-pass\n", env_dir=tmp_data_dir)
    dup = arm("user", "add", "ivanova", "--role", "operator", "--password-stdin", stdin="s3cret-pass\n",
              env_dir=tmp_data_dir, check=False)
    assert dup.returncode == 2 and "taken" in dup.stderr


def test_journal_view_is_audited(filled: Database, tmp_data_dir: Path) -> None:
    from sqlalchemy import select

    from db.models import AuditEntry

    arm("journal", "--db", filled.url, "--json", env_dir=tmp_data_dir)
    with filled.session() as s:
        actions = list(s.execute(select(AuditEntry.action)).scalars())
    assert "cli_view_journal" in actions


def test_serve_runs_until_sigterm_and_exits_0(tmp_data_dir: Path) -> None:
    env = dict(os.environ, ARM_DATA_DIR=str(tmp_data_dir), PYTHONPATH=str(ROOT))
    proc = subprocess.Popen([sys.executable, "-m", "arm", "serve"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, env=env)
    assert proc.stdout is not None
    deadline = time.monotonic() + 60
    line = ""
    while time.monotonic() < deadline and "ready" not in line:
        line = proc.stdout.readline()
    assert "ready" in line
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == 0, err
    assert "stopped" in err
