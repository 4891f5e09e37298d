"""Append-only journals: triggers refuse edits; verify finds edits made around them."""

from __future__ import annotations

import pytest
from sqlalchemy.exc import IntegrityError, OperationalError

from arm import audit
from arm.cli import main as cli_main
from db.integrity import verify_all

TRIGGERS = ("trg_violation_journal_no_update", "trg_violation_journal_no_delete",
            "trg_audit_journal_no_update", "trg_audit_journal_no_delete")


def _raw(db, *statements: str) -> None:
    with db.engine.begin() as conn:
        for st in statements:
            conn.exec_driver_sql(st)


def _drop_triggers(db) -> None:
    """What someone with a SQLite shell would do before editing the file."""
    _raw(db, *(f"DROP TRIGGER {t}" for t in TRIGGERS))


def test_intact_journals_verify_clean(journal_db, supervisor):
    with journal_db.db.begin() as s:
        audit.record(s, supervisor, "view_person", "person", journal_db.person_ids[0])
    with journal_db.db.session() as s:
        assert verify_all(s) == []


@pytest.mark.parametrize("statement", [
    "UPDATE violation_journal SET measures = 'nothing' WHERE id = {vid}",
    "DELETE FROM violation_journal WHERE id = {vid}",
    "UPDATE audit_journal SET user = 'ghost'",
    "DELETE FROM audit_journal",
])
def test_database_refuses_update_and_delete(journal_db, supervisor, statement):
    with journal_db.db.begin() as s:
        audit.record(s, supervisor, "login")
    with pytest.raises((IntegrityError, OperationalError), match="append-only"):
        _raw(journal_db.db, statement.format(vid=journal_db.violation_ids[3]))


def test_verify_finds_changed_deleted_and_truncated_rows(journal_db):
    v = journal_db.violation_ids
    _drop_triggers(journal_db.db)
    _raw(journal_db.db,
         f"UPDATE violation_journal SET violation = 'ничего не было' WHERE id = {v[2]}",
         f"DELETE FROM violation_journal WHERE id = {v[5]}",
         f"DELETE FROM violation_journal WHERE id = {v[-1]}")
    with journal_db.db.session() as s:
        problems = verify_all(s)
    found = {(p.journal, p.row_id, p.code) for p in problems}
    assert ("violation_journal", v[2], "changed") in found
    assert ("violation_journal", v[6], "link_broken") in found  # the row after the removed one
    assert ("violation_journal", v[-1], "tail_removed") in found
    assert len(problems) == 3, problems
    assert "was changed" in str(next(p for p in problems if p.code == "changed"))


@pytest.mark.parametrize("with_key", [True, False])
def test_verify_finds_a_rehashed_row_by_its_successor(journal_db, with_key):
    """Recomputing the edited row's own hash still breaks the next link; without the key, the row too."""
    from db.integrity import chain_hash, current_key
    from db.models import ViolationEntry

    v = journal_db.violation_ids
    _drop_triggers(journal_db.db)
    with journal_db.db.begin() as s:
        row = s.get(ViolationEntry, v[4])
        row.measures = "исправлено задним числом"
        from db.integrity import row_payload
        row.row_hash = chain_hash(row.prev_hash, row_payload(row), current_key() if with_key else None)
    with journal_db.db.session() as s:
        problems = verify_all(s)
    expected = [(v[5], "link_broken")] if with_key else [(v[4], "changed"), (v[5], "link_broken")]
    assert [(p.row_id, p.code) for p in problems] == expected


def test_cli_journal_verify_reports_and_fails(journal_db, db_url, capsys):
    assert cli_main(["journal", "verify", "--db", db_url]) == 0
    assert "intact" in capsys.readouterr().out
    _drop_triggers(journal_db.db)
    _raw(journal_db.db, f"DELETE FROM violation_journal WHERE id = {journal_db.violation_ids[1]}")
    assert cli_main(["journal", "verify", "--db", db_url]) == 1
    out = capsys.readouterr()
    assert f"row {journal_db.violation_ids[2]}" in out.out and "1 integrity problem" in out.err


def test_concurrent_appends_stay_one_chain(journal_db):
    """A second writer must read the last hash only once the first has committed."""
    import threading
    import time

    flushed = threading.Event()
    errors: list[BaseException] = []

    def first() -> None:
        try:
            with journal_db.db.begin() as s:
                audit.record(s, "desk1", "login")
                flushed.set()
                time.sleep(0.4)  # still uncommitted while the second desk appends
        except BaseException as exc:  # noqa: BLE001 - reported by the assertion below
            errors.append(exc)
            flushed.set()

    t = threading.Thread(target=first)
    t.start()
    flushed.wait(5)
    with journal_db.db.begin() as s:
        audit.record(s, "desk2", "login")
    t.join(5)
    assert not errors
    with journal_db.db.session() as s:
        assert verify_all(s) == []
