"""Journals that cannot be rewritten quietly (issue 13, item 4).

Real SQLite files, the real key file and checkpoint file in a temporary
configuration directory, and ``arm journal verify`` as a real subprocess: an
attacker edits the database file (triggers dropped, hashes recomputed without
the key), and verify must say what was done, with a stable code, and fail.
"""

from __future__ import annotations

import asyncio
import json
import os
import stat
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from arm import audit
from arm.journal_anchor import checkpoints
from arm.journal_anchor.key import KeyFileError, key_path, read_key
from arm.journal_anchor.verify import verify_journals
from db import integrity
from db.integrity import chain_hash, current_key
from db.models import AuditEntry, ViolationEntry
from db.queries.schema import JournalChain
from db.session import Database
from tests.journals.conftest import journal_db, second_supervisor, supervisor  # noqa: F401  (fixtures)

ROOT = Path(__file__).resolve().parents[2]
TRIGGERS = ("trg_violation_journal_no_update", "trg_violation_journal_no_delete",
            "trg_audit_journal_no_update", "trg_audit_journal_no_delete")


def arm_cli(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "arm", *args], capture_output=True, text=True, env=env,
                          timeout=120, cwd=ROOT)


def verify_cli(db_url: str) -> tuple[int, set[str], str]:
    """Exit code, the finding codes, and all output of ``arm journal verify --json``."""
    done = arm_cli("journal", "verify", "--json", "--db", db_url)
    codes = {json.loads(line)["code"] for line in done.stdout.splitlines() if line.startswith("{")}
    return done.returncode, codes, done.stdout + done.stderr


def raw(db: Database, *statements: str) -> None:
    with db.engine.begin() as conn:
        for st in statements:
            conn.exec_driver_sql(st)


def drop_triggers(db: Database) -> None:
    """What someone with a SQLite shell does before editing the file."""
    raw(db, *(f"DROP TRIGGER {t}" for t in TRIGGERS))


def rehash_plain(db: Database, model: type, from_id: int) -> None:
    """The attacker's best without the key: every later hash recomputed (plain SHA-256) and the head."""
    table = model.__table__
    with db.engine.begin() as conn:
        rows = conn.execute(select(table).order_by(table.c.id)).all()
        prev = None
        for row in rows:
            if row.id < from_id:
                prev = row.row_hash
                continue
            payload = {c.key: integrity._canonical(getattr(row, c.key)) for c in table.columns
                       if c.key not in integrity.HASH_EXCLUDED}
            new = chain_hash(prev or integrity.GENESIS, payload)
            conn.execute(table.update().where(table.c.id == row.id).values(prev_hash=prev or integrity.GENESIS,
                                                                            row_hash=new))
            prev = new
        conn.exec_driver_sql(f"UPDATE journal_heads SET last_hash = '{prev}' WHERE journal = '{table.name}'")


def age_chain(db: Database, journal: str, hours: float) -> None:
    """Move the time the chain was keyed back (re-signed with the key: this is the test, not an attacker)."""
    with db.begin() as s:
        state = s.get(JournalChain, journal)
        state.keyed_at = state.keyed_at - timedelta(hours=hours)
        state.mac = integrity.state_mac(current_key(), state)


# ---------------------------------------------------------------- the key file
def test_key_file_is_created_owner_only_on_first_use(db, tmp_data_dir):
    with db.begin() as s:
        audit.record(s, "tester", "login")
    path = key_path()
    assert path.parent == tmp_data_dir / "config"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert len(read_key(path)) == 32
    with db.session() as s:
        state = s.get(JournalChain, "audit_journal")
        assert state.scheme == integrity.KEYED and state.key_id == integrity.key_id(read_key(path))


def test_a_key_file_others_can_read_is_refused(db, db_url):
    with db.begin() as s:
        audit.record(s, "tester", "login")
    key_path().chmod(0o644)
    with pytest.raises(KeyFileError, match="can be read by others") as caught, db.begin() as s:
        audit.record(s, "tester", "login")
    assert caught.value.code == "key.readable_by_others"
    done = arm_cli("journal", "verify", "--db", db_url)
    assert done.returncode == 1
    assert "can be read by others (mode 0644)" in done.stderr and "chmod 600" in done.stderr


# ---------------------------------------------------------------- rewritten chain, truncated tail
def test_a_rewritten_row_with_every_later_hash_recomputed_is_reported(journal_db, db_url):  # noqa: F811
    v = journal_db.violation_ids
    checkpoints.take_now(journal_db.db, "test")
    assert verify_cli(db_url)[0] == 0
    drop_triggers(journal_db.db)
    raw(journal_db.db, f"UPDATE violation_journal SET measures = 'ничего не было' WHERE id = {v[3]}")
    rehash_plain(journal_db.db, ViolationEntry, v[3])
    code, codes, out = verify_cli(db_url)
    assert code == 1
    assert "changed" in codes  # the HMAC of every rewritten row fails: no key, no valid hash
    assert "checkpoint_head_changed" in codes  # and the newest row is not the one the checkpoint saw
    assert "link_broken" not in codes and "tail_removed" not in codes  # the plain links and head were redone
    assert f'"row_id": {v[3]}' in out and "without the journal key" in out


def test_deleting_the_newest_rows_is_a_truncated_tail(journal_db, db_url):  # noqa: F811
    v = journal_db.violation_ids
    checkpoints.take_now(journal_db.db, "test")
    drop_triggers(journal_db.db)
    raw(journal_db.db, f"DELETE FROM violation_journal WHERE id >= {v[-3]}",
        f"UPDATE journal_heads SET last_id = {v[-4]}, last_hash = "
        f"(SELECT row_hash FROM violation_journal WHERE id = {v[-4]}) WHERE journal = 'violation_journal'")
    code, codes, out = verify_cli(db_url)
    assert code == 1 and codes == {"tail_truncated"}, out
    assert f"up to row {v[-1]}" in out and f"now ends at row {v[-4]}" in out


def test_a_deletion_act_is_not_a_truncation_and_takes_a_checkpoint(
    journal_db, supervisor, second_supervisor  # noqa: F811
):
    from arm.reports import retention

    checkpoints.take_now(journal_db.db, "before")
    written: list[checkpoints.Checkpoint] = []
    with journal_db.db.begin() as s:
        act = retention.propose(s, second_supervisor, "violation_journal")
        retention.confirm(s, supervisor, act.id, written)
        assert written == []  # only once the act is committed
    assert {cp.journal for cp in written} == {"violation_journal", "audit_journal"}
    assert all(cp.reason == f"deletion act {act.id}" for cp in written)
    lines = checkpoints.checkpoint_path().read_text().splitlines()
    assert json.loads(lines[-1])["reason"] == f"deletion act {act.id}"
    with journal_db.db.session() as s:
        assert verify_journals(s) == []


# ---------------------------------------------------------------- the checkpoint file
def test_a_missing_checkpoint_file_is_reported_once_the_chain_is_older_than_an_hour(journal_db, db_url):  # noqa: F811
    checkpoints.take_now(journal_db.db, "test")
    checkpoints.checkpoint_path().unlink()
    assert verify_cli(db_url)[0] == 0  # keyed minutes ago: the service has not had to write one yet
    age_chain(journal_db.db, "violation_journal", 2)
    code, codes, out = verify_cli(db_url)
    assert code == 1 and codes == {"checkpoint_missing"}, out
    assert "journal-checkpoints.log is missing" in out


def test_a_tampered_checkpoint_line_is_reported(journal_db, db_url):  # noqa: F811
    checkpoints.take_now(journal_db.db, "test")
    path = checkpoints.checkpoint_path()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    lines = path.read_text().splitlines()
    fields = json.loads(lines[0])
    fields["count"] -= 3  # hide three rows
    lines[0] = json.dumps(fields)
    path.write_text("\n".join(lines) + "\n")
    code, codes, out = verify_cli(db_url)
    assert code == 1 and codes == {"checkpoint_tampered"}, out
    assert "line 1 of" in out and "signature does not match" in out


# ---------------------------------------------------------------- an old database, keyed once
def _old_unkeyed_database(url: str) -> Database:
    """A database as the previous release left it: plain SHA-256 chains, no journal_chains table."""
    from db.migrate import upgrade

    db = Database(url)
    upgrade(db.engine, "journals_sort_indexes")
    with db.engine.begin() as conn:
        prev = integrity.GENESIS
        for k in range(5):
            row = {"at": datetime(2026, 1, 1, tzinfo=UTC) + timedelta(days=k), "user": "oper1", "role": "operator",
                   "action": "view_person", "object_type": "person", "object_id": str(k), "detail": {"k": k}}
            payload = {c.key: integrity._canonical(row.get(c.key)) for c in AuditEntry.__table__.columns
                       if c.key not in integrity.HASH_EXCLUDED}
            row_hash = chain_hash(prev, payload)
            conn.execute(AuditEntry.__table__.insert().values(**row, prev_hash=prev, row_hash=row_hash))
            prev = row_hash
    db.upgrade()
    return db


def _rekey_rows(db: Database) -> list[AuditEntry]:
    with db.session() as s:
        return list(s.execute(select(AuditEntry).where(AuditEntry.action == "journal_rekeyed")).scalars())


def test_an_old_unkeyed_database_is_keyed_once_and_recorded(tmp_data_dir, db_url):
    db = _old_unkeyed_database(db_url)
    code, codes, out = verify_cli(db_url)  # the first start with a key
    assert code == 0, out
    assert "journals keyed with the journal key once: audit_journal 6 rows" in out
    [row] = _rekey_rows(db)
    assert row.detail["previous"] == "unkeyed" and row.detail["rows"] == {"audit_journal": 5}
    lines = [json.loads(line) for line in checkpoints.checkpoint_path().read_text().splitlines()]
    assert {(cp["journal"], cp["reason"]) for cp in lines} == {("audit_journal", "rekey"), ("violation_journal", "rekey")}
    code, _, out = verify_cli(db_url)  # the second start does not re-key
    assert code == 0 and "keyed" not in out
    assert len(_rekey_rows(db)) == 1
    with db.session() as s:
        assert s.get(JournalChain, "audit_journal").scheme == integrity.KEYED
        assert verify_journals(s) == []
    db.dispose()


def test_a_broken_old_chain_is_not_rekeyed(tmp_data_dir, db_url):
    db = _old_unkeyed_database(db_url)
    raw(db, "DROP TRIGGER trg_audit_journal_no_update", "UPDATE audit_journal SET user = 'ghost' WHERE id = 2")
    code, codes, out = verify_cli(db_url)
    assert code == 1 and "was not re-keyed" in out
    assert {"changed", "not_keyed"} <= codes
    assert _rekey_rows(db) == []
    with db.session() as s:
        refused = s.execute(select(AuditEntry).where(AuditEntry.action == "journal_rekey_refused")).scalars().all()
    assert refused
    db.dispose()


def test_rotating_the_key_rekeys_every_chain(journal_db, db_url):  # noqa: F811
    old = read_key(key_path())
    done = arm_cli("journal", "rekey", "--new-key", "--db", db_url)
    assert done.returncode == 0, done.stderr
    assert "violation_journal: 12 rows re-keyed" in done.stdout and "journal checkpoint: " in done.stdout
    new = read_key(key_path())
    assert new != old and stat.S_IMODE(key_path().stat().st_mode) == 0o600
    assert read_key(key_path().with_name(f"journal.key.{integrity.key_id(old)}.retired")) == old
    assert verify_cli(db_url)[0] == 0
    with journal_db.db.session() as s:
        assert integrity.verify_all(s, old)  # the old key no longer verifies the chains
    assert arm_cli("journal", "rekey", "--db", db_url).stdout.startswith("every journal is already keyed")


# ---------------------------------------------------------------- where the checkpoint is printed
def test_the_reconciliation_act_prints_the_latest_checkpoint(journal_db, supervisor, tmp_path):  # noqa: F811
    from arm.reports import forms

    with journal_db.db.begin() as s:
        audit.record(s, supervisor, "login")
    [cp_v, cp_a] = checkpoints.take_now(journal_db.db, "test")
    with journal_db.db.begin() as s:
        forms.export_reconciliation(s, supervisor, 2026, 4, "pdf", tmp_path / "act.pdf", lang="en")
        forms.export_reconciliation(s, supervisor, 2026, 4, "pdf", tmp_path / "act-ru.pdf", lang="ru")
        forms.export_reconciliation(s, supervisor, 2026, 4, "xlsx", tmp_path / "act.xlsx", lang="kk")
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(tmp_path / "act.pdf").pages)
    local = cp_v.time.astimezone(forms.DEFAULT_TZ).strftime("%d.%m.%Y %H:%M")
    assert (f"Journal checkpoint (violations): 12 records, head {cp_v.head[:16]}, {local} Asia/Almaty"
            in text), text
    assert f"Journal checkpoint (audit): {cp_a.count} records, head {cp_a.head[:16]}" in text
    ru = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(tmp_path / "act-ru.pdf").pages)
    assert f"Контрольная точка журнала (нарушения): число записей 12, хеш {cp_v.head[:16]}" in ru
    from openpyxl import load_workbook

    cells = [str(c.value) for row in load_workbook(tmp_path / "act.xlsx").active.iter_rows() for c in row if c.value]
    assert any(c.startswith("Журналдың бақылау нүктесі (бұзушылықтар): 12 жазба") for c in cells)


# ---------------------------------------------------------------- the service writes them
def test_the_service_component_writes_checkpoints(journal_db):  # noqa: F811
    from arm.journal_anchor.service import CheckpointWriter

    writer = CheckpointWriter(journal_db.db, interval_s=0.05)

    async def run() -> None:
        await writer.start(None)
        await asyncio.sleep(0.4)
        await writer.stop()

    asyncio.run(run())
    reasons = [json.loads(line)["reason"] for line in checkpoints.checkpoint_path().read_text().splitlines()]
    assert reasons[0] == "service start" and "hourly" in reasons
    assert 4 <= writer.written <= len(reasons)  # a write the stop interrupted still lands in the file


def test_arm_journal_checkpoint_on_demand(journal_db, db_url):  # noqa: F811
    done = arm_cli("journal", "checkpoint", "--db", db_url)
    assert done.returncode == 0, done.stderr
    assert "journal checkpoint: violation_journal: 12 records, head " in done.stdout
    with journal_db.db.session() as s:
        assert verify_journals(s) == []


def test_the_deletion_act_prints_the_checkpoint_taken_after_it(
    journal_db, db_url, capsys, monkeypatch, second_supervisor  # noqa: F811
):
    """``arm retention confirm``: the act, then the checkpoint written once it was committed.

    In process (like tests/journals/test_exports.py): one supervisor proposes with
    ``--as``, a different one confirms (each with the password, issue 13).
    """
    from arm.cli import main as cli_main

    monkeypatch.setenv("ARM_PASSWORD", "secret-pass-1")
    assert cli_main(["retention", "propose", "--kind", "positions", "--db", db_url, "--as", "zamestitel"]) == 0
    capsys.readouterr()
    assert cli_main(["retention", "confirm", "1", "--db", db_url, "--as", "nachalnik", "--tz", "UTC"]) == 0
    out = capsys.readouterr().out
    [cp_v, cp_a] = checkpoints.read_checkpoints(current_key())[0][-2:]
    assert cp_v.reason == cp_a.reason == "deletion act 1"
    assert f"journal checkpoint: violation_journal: 12 records, head {cp_v.head[:16]}" in out
    assert f"journal checkpoint: audit_journal: {cp_a.count} records, head {cp_a.head[:16]}" in out


def test_sqlite_allows_only_the_hashes_to_change_and_only_while_rekeying(journal_db):  # noqa: F811
    from sqlalchemy.exc import IntegrityError, OperationalError

    v = journal_db.violation_ids[0]
    with pytest.raises((IntegrityError, OperationalError), match="append-only"):
        raw(journal_db.db, f"UPDATE violation_journal SET row_hash = 'x' WHERE id = {v}")
    with journal_db.db.engine.connect() as conn:
        trans = conn.begin()
        conn.exec_driver_sql("UPDATE journal_chains SET state = 'rekeying' WHERE journal = 'violation_journal'")
        conn.exec_driver_sql(f"UPDATE violation_journal SET row_hash = 'y' WHERE id = {v}")  # allowed now
        with pytest.raises((IntegrityError, OperationalError), match="append-only"):
            conn.exec_driver_sql(f"UPDATE violation_journal SET operator = 'x', row_hash = 'y' WHERE id = {v}")
        trans.rollback()


def test_an_emptied_journal_without_its_chain_record_is_reported_not_restarted(journal_db, db_url):  # noqa: F811
    """Emptying a journal and removing its record must not let the next append start a fresh chain quietly."""
    checkpoints.take_now(journal_db.db, "test")
    drop_triggers(journal_db.db)
    raw(journal_db.db, "DELETE FROM violation_journal", "DELETE FROM journal_heads",
        "DELETE FROM journal_chains WHERE journal = 'violation_journal'")
    with pytest.raises(integrity.ChainKeyError, match="chain record is missing"), journal_db.db.begin() as s:
        integrity.append_chained(s, ViolationEntry(detected_at=datetime.now(UTC), person_id=journal_db.person_ids[0],
                                                   violation="x", detected_by="x", operator="x"))
    code, codes, out = verify_cli(db_url)
    assert code == 1 and codes == {"chain_record_missing"}, out
    done = arm_cli("journal", "rekey", "--db", db_url)  # the explicit decision to start again
    assert done.returncode == 0 and "violation_journal: 0 rows re-keyed" in done.stdout, done.stderr
    assert verify_cli(db_url)[0] == 0
    with journal_db.db.session() as s:
        [row] = s.execute(select(AuditEntry).where(AuditEntry.action == "journal_rekeyed")).scalars()
    assert row.detail["new_chain"] == ["violation_journal"]
