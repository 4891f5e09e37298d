"""Expired records go only by a confirmed deletion act, which is itself recorded."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import IntegrityError, OperationalError

from arm import access, audit
from arm.reports import retention
from db import retention as dbret
from db.integrity import verify_all
from db.models import AuditEntry, ViolationEntry
from tests.journals.conftest import user


def test_defaults_and_policy_change(journal_db, supervisor):
    with journal_db.db.begin() as s:
        days = retention.policies(s, supervisor)
        assert days[dbret.RecordKind.POSITIONS] == 90 and days[dbret.RecordKind.VIOLATION_JOURNAL] == 1095
        retention.set_policy(s, supervisor, "positions", 120)
        with pytest.raises(dbret.RetentionError, match="at least"):
            retention.set_policy(s, supervisor, "positions", 3)
        with pytest.raises(access.AccessDenied):
            retention.set_policy(s, user("operator"), "positions", 100)
    with journal_db.db.session() as s:
        assert dbret.retention_days(s)[dbret.RecordKind.POSITIONS] == 120


def test_deletion_act_removes_an_expired_prefix_and_the_chain_stays_valid(journal_db, supervisor, second_supervisor):
    later = datetime.now(UTC) + timedelta(days=3 * 365 + 30)
    with journal_db.db.begin() as s:
        # Nothing is old yet: a proposal now finds nothing.
        assert retention.propose(s, supervisor, "violation_journal").row_count == 0
        act = dbret.propose_act(s, "violation_journal", supervisor.login, now=later)
        act_id = act.id
        assert act.row_count == 11  # everything but the newest row, which anchors later appends
    with journal_db.db.begin() as s:
        assert s.scalar(select(func.count()).select_from(ViolationEntry)) == 12  # proposing deletes nothing
        retention.confirm(s, second_supervisor, act_id)
    with journal_db.db.session() as s:
        assert s.scalar(select(func.count()).select_from(ViolationEntry)) == 1
        assert verify_all(s) == []
        actions = s.scalars(select(AuditEntry.action).where(AuditEntry.object_type == "deletion_act")).all()
        assert actions == ["deletion_act_proposed", "deletion_act_executed"]
    with journal_db.db.begin() as s, pytest.raises(dbret.RetentionError, match="executed"):
        retention.confirm(s, second_supervisor, act_id)


def test_only_a_named_supervisor_confirms(journal_db, supervisor, second_supervisor):
    with journal_db.db.begin() as s:
        # a deletion act is proposed by a supervisor who logged in (issue 13: no longer an administrator)
        with pytest.raises(access.AccessDenied):
            retention.propose(s, user("administrator"), "audit_journal")
        with pytest.raises(access.AccessDenied, match="named supervisor") as shell:
            retention.propose(s, access.ShellUser("cli:root"), "audit_journal")
        assert shell.value.code == retention.NOT_AUTHENTICATED
        act = retention.propose(s, supervisor, "audit_journal")
        audit.record(s, supervisor, "x")
    with journal_db.db.begin() as s:
        with pytest.raises(access.AccessDenied):
            retention.confirm(s, user("administrator"), act.id)
        with pytest.raises(access.AccessDenied, match="named supervisor"):
            retention.confirm(s, access.ShellUser("cli:root"), act.id)
        with pytest.raises(access.AccessDenied) as same:
            retention.confirm(s, supervisor, act.id)
        assert same.value.code == retention.SAME_PERSON
    with journal_db.db.begin() as s:
        assert retention.confirm(s, second_supervisor, act.id).state == dbret.ActState.EXECUTED


def test_an_act_proposed_outside_arm_is_not_confirmed(journal_db, supervisor, second_supervisor):
    with journal_db.db.begin() as s:
        shell_act = dbret.propose_act(s, "positions", "cli:root")
        admin_act = dbret.propose_act(s, "positions", "admin")
        with pytest.raises(access.AccessDenied) as shell:
            retention.confirm(s, supervisor, shell_act.id)
        assert shell.value.code == retention.NOT_AUTHENTICATED
        with pytest.raises(dbret.RetentionError, match="other than its proposer"):
            dbret.execute_act(s, admin_act.id, "admin")


def test_executed_acts_cannot_be_changed_or_removed(journal_db, supervisor, second_supervisor):
    with journal_db.db.begin() as s:
        act = retention.propose(s, supervisor, "positions")
        retention.confirm(s, second_supervisor, act.id)
    for statement in ("UPDATE deletion_acts SET row_count = 0", "DELETE FROM deletion_acts"):
        with pytest.raises((IntegrityError, OperationalError)), journal_db.db.engine.begin() as conn:
            conn.execute(text(statement))
