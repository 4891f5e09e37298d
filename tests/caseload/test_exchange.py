"""The caseload exchange format: the format document's own example, all-or-nothing refusals by JSON path,
idempotent re-import, export of an import gives the same document; the CLI on real files."""

from __future__ import annotations

import copy
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from arm.access import ShellUser
from arm.caseload import exchange
from db.models import Assignment, Device, Person, Restriction, Zone
from db.session import Database

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = Path(__file__).with_name("data") / "format_example.json"
SHELL = ShellUser("cli:test")


def example() -> dict[str, Any]:
    return json.loads(EXAMPLE.read_text(encoding="utf-8"))


def rows(db: Database) -> dict[str, int]:
    with db.session() as s:
        return {m.__name__: int(s.scalar(select(func.count()).select_from(m)) or 0)
                for m in (Person, Zone, Device, Restriction, Assignment)}


def test_the_formats_example_imports_once_and_exports_the_same_document(db: Database) -> None:
    with db.begin() as s:
        first = exchange.import_document(s, SHELL, example())
    assert (first.persons_created, first.zones_created, first.devices_created, first.restrictions_written,
            first.devices_issued) == (1, 1, 1, 2, 1)
    with db.begin() as s:
        again = exchange.import_document(s, SHELL, example())
    assert again.unchanged
    with db.session() as s:
        person = s.scalars(select(Person)).one()
        assert (person.district, person.region) == ("KZ-75-medeu", "KZ-75")
    with db.begin() as s:
        exported = exchange.export_document(s, SHELL)
    assert exchange.normalised(exported) == exchange.normalised(example())


def test_export_in_kazakh_names_the_districts_in_kazakh_and_imports_back_unchanged(db: Database) -> None:
    with db.begin() as s:
        exchange.import_document(s, SHELL, example())
    with db.begin() as s:
        kk = exchange.export_document(s, SHELL, lang="kk")
    person = kk["persons"][0]
    assert person["district"] == "Медеу ауданы"
    with db.begin() as s:
        assert exchange.export_document(s, SHELL, lang="ru")["persons"][0]["district"] == "Медеуский район"
    with db.begin() as s:
        again = exchange.import_document(s, SHELL, kk)
    assert again.unchanged  # the Kazakh names resolve to the same codes
    with db.begin() as s, pytest.raises(ValueError, match="lang"):
        exchange.export_document(s, SHELL, lang="de")


def bad_document() -> dict[str, Any]:
    doc = example()
    doc["zones"].append({"ref": "bow-tie", "name": "Бабочка", "kind": "exclusion", "geometry": {
        "type": "Polygon", "coordinates": [[[76.90, 43.20], [76.92, 43.22], [76.92, 43.20], [76.90, 43.22],
                                            [76.90, 43.20]]]}})
    p = doc["persons"][0]
    p["restrictions"][0]["schedule"][0]["end"] = "25:00"
    wrong_iin = copy.deepcopy(p)
    wrong_iin["iin"] = p["iin"][:11] + str((int(p["iin"][11]) + 1) % 10)
    wrong_iin.pop("devices")
    born = copy.deepcopy(wrong_iin)
    born["iin"], born["birth_date"] = p["iin"], "1985-03-13"
    nowhere = copy.deepcopy(wrong_iin)
    nowhere["iin"], nowhere["district"], nowhere["colour"] = "900101300017", "Атлантида", "red"
    nowhere["birth_date"] = "1990-01-01"
    doc["persons"] += [wrong_iin, born, nowhere]
    return doc


def test_every_problem_is_listed_by_path_and_nothing_is_written(db: Database) -> None:
    with pytest.raises(exchange.ExchangeInvalid) as caught, db.begin() as s:
        exchange.import_document(s, SHELL, bad_document())
    problems = "\n".join(caught.value.problems)
    for expected in (
        "zones[1].geometry.coordinates: the zone's border crosses itself",
        "persons[0].restrictions[0].schedule[0].end: bad time '25:00'",
        "persons[1].iin: The IIN check digit is wrong",
        "persons[2].iin: The IIN does not match the birth date",
        "persons[3].district: Unknown district 'Атлантида'",
        "persons[3].colour: unknown key",
    ):
        assert expected in problems, problems
    assert rows(db) == dict.fromkeys(rows(db), 0)


def test_a_device_issued_to_someone_else_is_refused(db: Database) -> None:
    with db.begin() as s:
        exchange.import_document(s, SHELL, example())
    other = example()
    other["zones"] = []
    other["persons"][0].update(iin="900101300017", birth_date="1990-01-01", last_name="Другой", restrictions=[])
    with pytest.raises(exchange.ExchangeInvalid) as caught, db.begin() as s:
        exchange.import_document(s, SHELL, other)
    assert caught.value.problems == [
        "persons[0].devices[0].serial: 864717000000104 is already issued to someone else (Серікбаев Ержан)"]
    assert rows(db)["Person"] == 1


def test_a_changed_restriction_replaces_the_one_of_the_same_kind_and_zone(db: Database) -> None:
    with db.begin() as s:
        exchange.import_document(s, SHELL, example())
    changed = example()
    changed["persons"][0]["restrictions"][0]["schedule"] = [{"days": [6], "start": "00:00", "end": "24:00"}]
    with db.begin() as s:
        summary = exchange.import_document(s, SHELL, changed)
    assert (summary.restrictions_written, summary.restrictions_removed, summary.persons_updated) == (1, 1, 0)
    with db.begin() as s:
        assert exchange.normalised(exchange.export_document(s, SHELL)) == exchange.normalised(changed)


def arm(*args: str, db: Database) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "ARM_PASSWORD"}
    env["PYTHONPATH"] = str(ROOT)
    return subprocess.run([sys.executable, "-m", "arm", *args, "--db", db.url], capture_output=True, text=True,
                          env=env, timeout=120)


def test_cli_dry_run_import_export_round_trip(db: Database, tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(bad_document(), ensure_ascii=False), encoding="utf-8")
    refused = arm("caseload", "import", str(bad), db=db)
    assert refused.returncode == 2 and "persons[3].district" in refused.stderr and "nothing written" in refused.stderr
    dry = arm("caseload", "import", str(EXAMPLE), "--dry-run", "--json", db=db)
    assert dry.returncode == 0, dry.stderr
    assert json.loads(dry.stdout)["persons_created"] == 1 and rows(db)["Person"] == 0
    assert arm("caseload", "import", str(EXAMPLE), db=db).returncode == 0
    assert "nothing changed" in arm("caseload", "import", str(EXAMPLE), db=db).stdout
    out = tmp_path / "out.json"
    done = arm("caseload", "export", "--district", "Медеу ауданы", "--out", str(out), db=db)
    assert done.returncode == 0, done.stderr
    assert exchange.normalised(json.loads(out.read_text(encoding="utf-8"))) == exchange.normalised(example())
    empty = arm("caseload", "export", "--district", "KZ-71-esil", "--out", str(tmp_path / "none.json"), db=db)
    assert empty.returncode == 0 and json.loads((tmp_path / "none.json").read_text())["persons"] == []
