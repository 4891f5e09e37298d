"""The demo's thirty days of history, made by the real alarm code, fill the forms, marked as demo."""

from __future__ import annotations

import subprocess
from datetime import UTC, datetime, timedelta

from openpyxl import load_workbook
from sqlalchemy import func, select

from arm import messages
from arm.demo import ALMATY, ASTANA, seed_all
from arm.reports import exporter, forms
from db.integrity import verify_all
from db.models import Alarm, AlarmAction, AlarmState, Assignment, AuditEntry, User, UserDistrict, ViolationEntry
from db.queries.filters import JournalFilter
from tests.journals.conftest import user

NOW = datetime.now(UTC)


def test_demo_history_fills_journals_and_forms_marked_as_demo(db, tmp_path):
    summary, history = seed_all(db, persons_per_city=3, history_days=30)
    assert summary.created and history.created and history.alarms > 60 and history.violations > 5
    assert not seed_all(db, persons_per_city=3)[1].created  # twice adds nothing
    with db.session() as s:
        alarms = list(s.scalars(select(Alarm)))
        assert {a.state for a in alarms} == {AlarmState.CLOSED}  # every history alarm was handled and closed
        assert min(a.raised_at for a in alarms) >= NOW - timedelta(days=31)
        assert max(a.closed_at for a in alarms) <= NOW
        assert len({a.kind for a in alarms}) >= 6 and len({a.raised_at.date() for a in alarms}) >= 25
        kinds = {a.kind: a.resolution for a in alarms}
        assert kinds["low_battery"] == "technical_fault"  # a battery alarm is never a violation without reason
        entries = list(s.scalars(select(ViolationEntry)))
        assert len(entries) == history.violations
        assert all(messages.parse(e.violation) and messages.parse(e.reported_to) for e in entries)  # codes
        assert s.scalar(select(func.count()).select_from(AlarmAction).where(AlarmAction.user == "operator")) > 100
        assert s.scalar(select(func.count()).select_from(Assignment).where(Assignment.returned_at.is_not(None))) == 2
        assert s.scalar(select(func.count()).select_from(AuditEntry).where(AuditEntry.action == "device.return")) == 2
        assert verify_all(s) == []  # the chains the real code wrote are whole
    supervisor = user("supervisor", "nachalnik", ASTANA.districts + ALMATY.districts)
    with db.begin() as s:  # the fixture's account of that login, given the demo districts
        account = s.execute(select(User).where(User.login == "nachalnik")).scalar_one()
        s.add_all([UserDistrict(user_id=account.id, district=d) for d in supervisor.districts])
    with db.begin() as s:
        res = exporter.export_journal(s, supervisor, "violations", JournalFilter(), "pdf", tmp_path / "v.pdf",
                                      lang="ru")
        exporter.export_journal(s, supervisor, "alarms", JournalFilter(), "xlsx", tmp_path / "a.xlsx", lang="kk")
        rec = forms.export_reconciliation(s, supervisor, NOW.year, (NOW.month - 1) // 3 + 1, "pdf",
                                          tmp_path / "act.pdf", lang="kk")
    assert res.rows == history.violations
    text = subprocess.run(["pdftotext", str(tmp_path / "v.pdf"), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert text.lstrip().startswith("ДЕМОНСТРАЦИОННЫЕ ДАННЫЕ")
    assert "Low battery" not in text and "electronic monitoring" not in text
    rows = list(load_workbook(tmp_path / "a.xlsx").active.iter_rows(values_only=True))
    assert rows[0][0] == "ДЕМОНСТРАЦИЯЛЫҚ ДЕРЕКТЕР" and len(rows) > history.alarms
    assert rec.demo and rec.total.at_end == 6  # the demo persons are counted, not an empty act
    act = subprocess.run(["pdftotext", str(tmp_path / "act.pdf"), "-"], capture_output=True, text=True,
                         check=True).stdout
    assert "ДЕМОНСТРАЦИЯЛЫҚ ДЕРЕКТЕР" in act
