"""``arm simulate day``: a reproducible day at field rates, whose true violations the replay raises."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, date, datetime
from pathlib import Path

from arm.replay.engine import TECHNICAL_KINDS
from arm.replay.run import read_truth, run_replay
from arm.simulate.day import DayGenerator, DayRates, iin_for, outputs, simulate_day

ROOT = Path(__file__).resolve().parents[2]
DAY = date(2026, 11, 20)


def _valid_iin(iin: str) -> bool:
    d = [int(c) for c in iin]
    check = sum(x * w for x, w in zip(d[:11], range(1, 12), strict=True)) % 11
    if check == 10:
        check = sum(x * w for x, w in zip(d[:11], (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2), strict=True)) % 11
    return check != 10 and check == d[11]


def test_the_cli_writes_events_caseload_and_truth_reproducibly(tmp_path: Path) -> None:
    env = dict(os.environ, ARM_DATA_DIR=str(tmp_path), PYTHONPATH=str(ROOT))
    outs = []
    for name in ("a.jsonl", "b.jsonl"):
        proc = subprocess.run([sys.executable, "-m", "arm", "simulate", "day", "--persons", "30", "--seed", "5",
                               "--out", str(tmp_path / name)], capture_output=True, text=True, env=env, timeout=120)
        assert proc.returncode == 0, proc.stderr
        assert "arm replay --from" in proc.stdout
        outs.append((tmp_path / name).read_bytes())
    assert outs[0] == outs[1]  # same seed, same day
    lines = [json.loads(x) for x in outs[0].splitlines()]
    arrivals = [datetime.fromisoformat(x.get("received", x["time"])) for x in lines]
    assert arrivals == sorted(arrivals)  # in arrival order, as the replay reads them
    assert {x["kind"] for x in lines} >= {"POS", "STAT"}
    assert len({x["serial"] for x in lines}) == 30
    caseload_path, truth_path = outputs(tmp_path / "a.jsonl")
    caseload = json.loads(caseload_path.read_text())
    assert caseload["format"] == "arm-caseload" and caseload["version"] == 1
    assert len(caseload["persons"]) == 30 and all(_valid_iin(p["iin"]) for p in caseload["persons"])
    assert all(p["birth_date"][2:4] + p["birth_date"][5:7] + p["birth_date"][8:10] == p["iin"][:6]
               for p in caseload["persons"])
    assert json.loads(truth_path.read_text())["format"] == "arm-ground-truth"


def test_the_cli_refuses_a_missing_out(tmp_path: Path) -> None:
    env = dict(os.environ, ARM_DATA_DIR=str(tmp_path), PYTHONPATH=str(ROOT))
    proc = subprocess.run([sys.executable, "-m", "arm", "simulate", "day", "--persons", "3"], capture_output=True,
                          text=True, env=env, timeout=60)
    assert proc.returncode == 2 and "--out" in proc.stderr


def test_iins_are_valid_for_any_birth_date() -> None:
    assert all(_valid_iin(iin_for(date(1990, 1, 1 + n % 28), n)) for n in range(300))
    # the century digit follows the year (a person born in 2003 has 5, not 3): the IIN matches the birth date
    from db.validation import iin_error

    for birth in (date(1961, 2, 3), date(1999, 12, 31), date(2003, 7, 9)):
        assert iin_error(iin_for(birth, 1000), birth) is None


def test_a_day_at_field_rates_and_every_scripted_violation_raised(tmp_path: Path) -> None:
    """Violations far more often than in the field (so 120 persons carry some of each), noise at field rates."""
    rates = DayRates(curfew_breach=0.06, zone_entry=0.12, strap_cut=0.03, left_city=0.03)
    out = tmp_path / "day.jsonl"
    summary = simulate_day(120, 11, out, DAY, rates)
    caseload, truth_file = outputs(out)
    truth = read_truth(truth_file)
    assert {v["kind"] for v in truth} == {"curfew_breach", "zone_entry", "strap_cut", "left_city"}
    start, end = (datetime.fromisoformat(summary[k]) for k in ("from", "to"))
    report = run_replay(start, end, caseload=caseload, events_file=out, truth=truth)
    f = report.figures
    gt = f["ground_truth"]
    assert gt["true_violations"] == len(truth) and gt["missed"] == 0, gt["missed_list"]
    assert gt["delay_s"]["max"] <= 15 * 60
    # the field: about 1.25 alarm conditions per person and day, mostly technical
    noise = [c for c in report.result.conditions if c.kind in TECHNICAL_KINDS]
    assert 0.8 <= f["raw_per_person_per_day"] <= 1.8, f["raw_by_kind"]
    assert 0.6 <= len(noise) / len(report.result.conditions) <= 0.9, f["raw_by_kind"]


def test_a_generator_is_deterministic_per_seed() -> None:
    a = DayGenerator(5, 1, DAY)
    b = DayGenerator(5, 1, DAY)
    c = DayGenerator(5, 2, DAY)
    first = [list(a.person_events(p)) for p in a.persons]
    assert first == [list(b.person_events(p)) for p in b.persons]
    assert first != [list(c.person_events(p)) for p in c.persons]
    assert a.midnight == datetime(2026, 11, 19, 19, 0, tzinfo=UTC)


def test_the_generated_caseload_is_a_valid_exchange_document(db) -> None:
    """The caseload a day writes is imported by the desk's own exchange importer (arm.caseload.exchange), so the
    simulated persons can be loaded into a real desk (`arm caseload import`) and the replay's reader agrees."""
    from sqlalchemy import func, select

    from arm.access import ShellUser
    from arm.caseload import exchange
    from db.models import Assignment, Person, Restriction

    gen = DayGenerator(6, 3, DAY)
    doc = gen.caseload()
    with db.begin() as s:
        exchange.import_document(s, ShellUser("cli:test"), doc)
    with db.session() as s:
        assert s.scalar(select(func.count(Person.id))) == 6
        assert s.scalar(select(func.count(Assignment.id))) == 6
        kinds = sorted(s.scalars(select(Restriction.kind)).all())
    expected = sorted(r["kind"] for p in doc["persons"] for r in p["restrictions"])
    assert kinds == expected
