"""Roles are enforced where the data is read, not by hidden buttons."""

from __future__ import annotations

from pathlib import Path

import pytest

from arm import access
from arm.reports import data, exporter, forms
from db.queries.filters import JournalFilter
from tests.journals.conftest import user


def test_technician_sees_devices_and_only_the_holders_name(journal_db):
    tech = user("technician")
    with journal_db.db.begin() as s:
        for journal in ("violations", "alarms", "audit"):
            with pytest.raises(access.AccessDenied):
                data.page(s, tech, journal, JournalFilter())
        p = data.page(s, tech, "assignments", JournalFilter())
    keys = [c.key for c in p.columns]
    assert "person" in keys and "iin" not in keys and len(p.rows) == 4
    assert not access.may_see_personal_data(tech)


def test_supervisor_sees_only_assigned_districts(journal_db):
    almaly = user("supervisor", "sup_a", ("Алмалинский",))
    with journal_db.db.begin() as s:
        rows = data.page(s, almaly, "violations", JournalFilter(), limit=100).rows
        assert {r[5] for r in rows} == {"Алмалинский"} and len(rows) == 6
        other = journal_db.violation_ids[2]  # a Бостандыкский person
        with pytest.raises(access.AccessDenied):
            data.detail(s, almaly, "violations", other)
        assert data.page(s, user("supervisor", "nobody"), "alarms", JournalFilter()).rows == []


def test_operator_sees_alarms_of_their_districts_and_those_they_handled(journal_db):
    oper = user("operator", "oper2", ("Алмалинский",))
    with journal_db.db.begin() as s:
        rows = data.page(s, oper, "alarms", JournalFilter(), limit=100).rows
        with pytest.raises(access.AccessDenied):
            data.page(s, oper, "audit", JournalFilter())
        with pytest.raises(access.AccessDenied):
            data.page(s, oper, "assignments", JournalFilter())
    districts = {r[4] for r in rows}
    assert "Алмалинский" in districts
    # Бостандыкский alarms appear only where oper2 acknowledged or closed them.
    assert all(r[4] == "Алмалинский" or r[11] == "oper2" or r[13] == "oper2" for r in rows)
    assert len(rows) == 10  # 6 of the district + 4 others oper2 handled


def test_operator_and_technician_cannot_export_or_print_reports(journal_db, tmp_path: Path):
    with journal_db.db.begin() as s:
        with pytest.raises(access.AccessDenied):
            exporter.export_journal(s, user("operator"), "alarms", JournalFilter(), "csv", tmp_path / "a.csv")
        with pytest.raises(access.AccessDenied):
            forms.reconciliation(s, user("technician"), 2026, 4)
        with pytest.raises(access.AccessDenied):
            exporter.export_journal(s, user("technician"), "violations", JournalFilter(), "csv", tmp_path / "v.csv")
    assert not (tmp_path / "a.csv").exists() and not (tmp_path / "v.csv").exists()


def test_views_are_audited_with_the_filter(journal_db, supervisor):
    from sqlalchemy import select

    from db.models import AuditEntry

    with journal_db.db.begin() as s:
        p = data.page(s, supervisor, "violations", JournalFilter(district="Алмалинский"), limit=2)
        data.page(s, supervisor, "violations", JournalFilter(district="Алмалинский"), cursor=p.cursor, limit=2)
        data.detail(s, supervisor, "violations", journal_db.violation_ids[0])
    with journal_db.db.session() as s:
        rows = s.execute(select(AuditEntry.action, AuditEntry.object_id, AuditEntry.detail)).all()
    assert [(a, o) for a, o, _ in rows] == [("view_journal", "violations"),
                                           ("view_journal_entry", str(journal_db.violation_ids[0]))]
    assert rows[0][2]["filter"] == {"district": "Алмалинский"}
