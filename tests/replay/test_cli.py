"""``arm replay`` as a script sees it: a real subprocess over a real database, which it must not change."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from sqlalchemy import func, select

from arm.alarms.scenario import World, later, local
from arm.replay.clock import VirtualClock
from arm.rules.seed import offset
from db.models import Alarm, AuditEntry, Incident

ROOT = Path(__file__).resolve().parents[2]
HOME = (43.2567, 76.9286)
CURFEW = [{"days": [0, 1, 2, 3, 4, 5, 6], "start": "22:00", "end": "06:00"}]


def arm(*args: str, env_dir: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, ARM_DATA_DIR=str(env_dir), PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, "-m", "arm", *args], capture_output=True, text=True, env=env, timeout=300)


def test_replay_prints_alarms_incidents_and_load_and_leaves_the_database_alone(
        db, bus, ingest, db_url: str, tmp_data_dir: Path) -> None:
    clock = VirtualClock(local(2026, 11, 20, 19, 0))
    w = World(db, bus, ingest, clock=clock)
    try:
        pid = w.seed.person(home=HOME)
        w.seed.kit(pid, "1", ("TRK",))
        w.seed.restriction(pid, "curfew", schedule=CURFEW)
        w.reload()
        far = offset(*HOME, north_m=800)
        t = local(2026, 11, 20, 19, 30)  # the replay's warm-up (2 h before --from) learns the device is heard
        for i in range(0, 245, 5):  # out from 22:20 to 22:40
            at = later(t, minutes=i)
            clock.advance(at)
            w.feed(w.fix("TRK-1", at, *(far if 170 <= i < 190 else HOME)))
    finally:
        w.close()
    with db.session() as s:
        before = (s.scalar(select(func.count(Alarm.id))), s.scalar(select(func.count(Incident.id))))
    truth = tmp_data_dir / "truth.json"
    truth.write_text(json.dumps({"violations": [
        {"iin": _iin(db, pid), "kind": "curfew_breach", "at": local(2026, 11, 20, 22, 20).isoformat()}]}))
    proc = arm("replay", "--db", db_url, "--from", "2026-11-20T21:00:00+05:00", "--to", "2026-11-20T23:30:00+05:00",
               "--truth", str(truth), "--json", env_dir=tmp_data_dir)
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)
    assert [a["kind"] for a in doc["alarms"]] == ["curfew"]
    assert doc["alarms"][0]["raised_at"].startswith("2026-11-20T17:25")  # the second fix outside, 22:25 local
    assert [i["cause"].split(":")[0] for i in doc["incidents"]] == ["curfew"]
    f = doc["figures"]
    assert f["events"] == 30 and f["raw_alarm_conditions"] == 1 and f["incidents_presented"]["total"] == 1
    assert f["ground_truth"]["found"] == 1 and f["ground_truth"]["delay_s"]["median"] == 300.0
    assert doc["goals"]["every_true_violation_raised"] is True
    with db.session() as s:
        assert (s.scalar(select(func.count(Alarm.id))), s.scalar(select(func.count(Incident.id)))) == before
        assert s.scalar(select(func.count(AuditEntry.id)).where(AuditEntry.action == "replay_run")) == 1

    text = arm("replay", "--db", db_url, "--from", "2026-11-20", "--to", "2026-11-20", env_dir=tmp_data_dir)
    assert text.returncode == 0, text.stderr
    # the whole local day: before 19:30 the tracker was never heard ("not monitored"), after 23:30 it is silent
    assert "incidents presented       3" in text.stdout, text.stdout
    assert all(f" {kind} " in text.stdout for kind in ("curfew", "not_monitored", "no_communication"))


def test_replay_refuses_a_bad_period(db, tmp_data_dir: Path, db_url: str) -> None:
    proc = arm("replay", "--db", db_url, "--from", "2026-11-21", "--to", "2026-11-20", env_dir=tmp_data_dir)
    assert proc.returncode == 2
    assert "--to must be after --from" in proc.stderr


def _iin(db, pid: int) -> str:
    from db.models import Person

    with db.session() as s:
        return s.get(Person, pid).iin
