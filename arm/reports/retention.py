"""Retention as a user: role checks and audit rows around ``db.retention``.

A supervisor or an administrator proposes a deletion act; only a supervisor
confirms it, and must be a named ARM user (the shell user may propose but not
confirm). Every step is in the audit journal.
"""

from __future__ import annotations

import logging
from typing import Any

from sqlalchemy.orm import Session

from arm import access, audit
from db import retention
from db.retention import DeletionAct, RecordKind

log = logging.getLogger("arm.reports.retention")


def policies(session: Session, user: Any) -> dict[RecordKind, int]:
    return retention.retention_days(session)


def set_policy(session: Session, user: Any, kind: str | None, days: int | None) -> None:
    access.require(user, access.Action.RETENTION_POLICY)
    if not kind or days is None:
        raise ValueError("Give --kind and --days.")
    retention.set_retention(session, kind, days, user.login)
    audit.record(session, user, "retention_policy", "retention", kind, days=days)


def propose(session: Session, user: Any, kind: str | None, reason: str = "") -> DeletionAct:
    access.require(user, access.Action.RETENTION_PROPOSE)
    if not kind:
        raise ValueError("Give the record kind (--kind).")
    act = retention.propose_act(session, kind, user.login, reason=reason)
    audit.record(session, user, "deletion_act_proposed", "deletion_act", act.id, kind=act.record_kind,
                 rows=act.row_count, cutoff=act.cutoff, reason=reason)
    return act


def confirm(session: Session, user: Any, act_id: int | None,
            checkpoints_written: list[Any] | None = None) -> DeletionAct:
    access.require(user, access.Action.RETENTION_CONFIRM)
    if isinstance(user, access.ShellUser):
        raise access.AccessDenied("denied.retention_confirm",
                                  "A deletion act is confirmed by a named supervisor: use --as LOGIN.")
    if act_id is None:
        raise ValueError("Give the number of the act to confirm.")
    act = retention.execute_act(session, act_id, user.login)
    audit.record(session, user, "deletion_act_executed", "deletion_act", act.id, kind=act.record_kind,
                 rows=act.row_count, first_id=act.first_id, last_id=act.last_id, cutoff=act.cutoff)
    checkpoint_after_commit(session, f"deletion act {act.id}", checkpoints_written)
    return act


def checkpoint_after_commit(session: Session, reason: str, written: list[Any] | None = None) -> None:
    """Once the act is committed, anchor the journals outside the database (a signed checkpoint).

    After the commit, not before: a checkpoint of rows that are then rolled
    back would later read as a truncated tail. ``written`` receives the
    checkpoints, for the command line to print them with the act.
    """
    from sqlalchemy import event

    bind = session.get_bind()

    def take(_session: Session) -> None:
        from arm.journal_anchor import checkpoints

        try:
            with Session(bind) as fresh:
                done = checkpoints.take(fresh, reason)
        except Exception:  # the act is done; the next checkpoint anchors it
            log.exception("no journal checkpoint after %s", reason)
            return
        if written is not None:
            written.extend(done)

    event.listen(session, "after_commit", take, once=True)
