"""``arm person list|show|deregister`` and ``arm device add|issue|return`` as scripts use them (--json)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from sqlalchemy import select

from db.models import Assignment, AuditEntry
from db.session import Database

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = Path(__file__).with_name("data") / "format_example.json"
IIN = "850312300459"  # the format example's person


def arm(*args: str, db: Database) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "ARM_PASSWORD"}
    env["PYTHONPATH"] = str(ROOT)
    return subprocess.run([sys.executable, "-m", "arm", *args, "--db", db.url], capture_output=True, text=True,
                          env=env, timeout=120)


def test_person_and_device_commands(db: Database) -> None:
    assert arm("caseload", "import", str(EXAMPLE), db=db).returncode == 0
    listed = [json.loads(line) for line in arm("person", "list", "--json", db=db).stdout.splitlines()]
    assert [(p["iin"], p["district"], p["district_name"]) for p in listed] == [
        (IIN, "KZ-75-medeu", "Медеуский район")]
    card = json.loads(arm("person", "show", IIN, "--json", db=db).stdout)
    assert card["devices"][0]["serial"] == "864717000000104" and len(card["restrictions"]) == 2
    assert arm("device", "add", "BRC-123456", "--type", "BRC", db=db).returncode == 0
    twice = arm("device", "add", "BRC-123456", "--type", "BRC", db=db)
    assert twice.returncode == 2 and "serial: BRC-123456 is already in the inventory" in twice.stderr
    taken = arm("device", "issue", "864717000000104", "--person", IIN, db=db)
    assert taken.returncode == 2 and "already issued to Серікбаев Ержан" in taken.stderr
    issued = json.loads(arm("device", "issue", "BRC-123456", "--person", IIN, "--technician", "Омаров Д.",
                            "--json", db=db).stdout)
    assert (issued["received_by"], issued["technician_name"]) == ("Серікбаев Ержан", "Омаров Д.")
    back = json.loads(arm("device", "return", "BRC-123456", "--returned-by", "Серікбаева Айгүл (жұбайы)",
                          "--technician", "Омаров Д.", "--json", db=db).stdout)
    assert (back["returned_by_name"], back["technician_name"], back["status"]) == (
        "Серікбаева Айгүл (жұбайы)", "Омаров Д.", "in_stock")
    with db.session() as s:
        row = s.get(Assignment, back["assignment_id"])
        assert row is not None and row.returned_at is not None
        assert (row.returned_by_name, row.return_technician_name) == ("Серікбаева Айгүл (жұбайы)", "Омаров Д.")
        audited = s.scalars(select(AuditEntry).where(AuditEntry.action == "device.return")).one()
        assert audited.detail["returned_by_name"] == "Серікбаева Айгүл (жұбайы)"
        assert audited.detail["technician_name"] == "Омаров Д."
    again = arm("device", "return", "BRC-123456", db=db)
    assert again.returncode == 2 and "NOT_ISSUED" in again.stderr
    gone = json.loads(arm("person", "deregister", IIN, "--reason", "срок истёк", "--json", db=db).stdout)
    assert gone["returned_devices"] == ["864717000000104"] and len(gone["ended_restrictions"]) == 2
    assert arm("person", "list", "--json", db=db).stdout == ""
    assert json.loads(arm("person", "list", "--all", "--json", db=db).stdout)["deregistered_on"] == gone["on"]
    unknown = arm("person", "show", "000000000000", db=db)
    assert unknown.returncode == 2 and "no person" in unknown.stderr


def test_reference_commands(db: Database) -> None:
    districts = [json.loads(x) for x in arm("reference", "list", "districts", "--region", "г. Шымкент", "--json",
                                            db=db).stdout.splitlines()]
    assert {d["code"] for d in districts} == {"KZ-79-abai", "KZ-79-alfarabi", "KZ-79-enbekshi", "KZ-79-karatau",
                                              "KZ-79-turan"}
    added = json.loads(arm("reference", "add-officer", "Инспектор Нурланова А.", "--district", "Медеу ауданы",
                           "--json", db=db).stdout)
    assert added["district"] == "KZ-75-medeu" and added["office"] == "PO-KZ-75-medeu"
    assert arm("reference", "deactivate", "officer", added["code"], db=db).returncode == 0
    assert arm("reference", "list", "officers", db=db).stdout == ""
    bad = arm("reference", "add-officer", "X", "--district", "Нигде", db=db)
    assert bad.returncode == 2 and "district: Unknown district 'Нигде'" in bad.stderr
    denied = arm("reference", "activate", "officer", added["code"], "--as", "nobody", db=db)
    assert denied.returncode == 1
