"""Retention as a user: role checks and audit rows around ``db.retention``.

A deletion act needs two different people who each proved who they are
(issue 13): a supervisor proposes it, a *different* supervisor confirms it,
and both are authenticated ARM users (the GUI's logged-in user, or ``--as
LOGIN`` with its password on the command line), never the shell user
``cli:<os user>``. The proposer is checked again when the act is confirmed
(still an active supervisor), so an act written by hand or by an older
version cannot slip through. An administrator changes retention periods.
Every step is in the audit journal.
"""

from __future__ import annotations

import logging
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from arm import access, audit
from arm.auth import CurrentUser
from db import retention
from db.models import User
from db.retention import DeletionAct, RecordKind

log = logging.getLogger("arm.reports.retention")

#: stable refusal codes of the two-person rule
NOT_AUTHENTICATED = "retention.not_authenticated"
NOT_SUPERVISOR = "retention.not_supervisor"
SAME_PERSON = "retention.same_person"
PROPOSER_NOT_SUPERVISOR = "retention.proposer_not_supervisor"


def policies(session: Session, user: Any) -> dict[RecordKind, int]:
    return retention.retention_days(session)


def set_policy(session: Session, user: Any, kind: str | None, days: int | None) -> None:
    access.require(user, access.Action.RETENTION_POLICY)
    if not kind or days is None:
        raise ValueError("Give --kind and --days.")
    retention.set_retention(session, kind, days, user.login)
    audit.record(session, user, "retention_policy", "retention", kind, days=days)


def _authenticated_supervisor(user: Any, step: str) -> None:
    """Only a logged-in ARM user (``CurrentUser``), and only a supervisor, takes part in a deletion act."""
    if not isinstance(user, CurrentUser):
        raise access.AccessDenied(
            NOT_AUTHENTICATED,
            f"A deletion act is {step} by a named supervisor who gave their password: use --as LOGIN.",
        )
    if not user.has_role(access.SUPERVISOR):
        raise access.AccessDenied(NOT_SUPERVISOR, f"Only a supervisor {step} a deletion act.")


def propose(session: Session, user: Any, kind: str | None, reason: str = "") -> DeletionAct:
    access.require(user, access.Action.RETENTION_PROPOSE)
    _authenticated_supervisor(user, "proposed")
    if not kind:
        raise ValueError("Give the record kind (--kind).")
    act = retention.propose_act(session, kind, user.login, reason=reason)
    audit.record(session, user, "deletion_act_proposed", "deletion_act", act.id, kind=act.record_kind,
                 rows=act.row_count, cutoff=act.cutoff, reason=reason)
    return act


def _check_proposer(session: Session, act: DeletionAct, confirmer: CurrentUser) -> None:
    proposer = session.execute(select(User).where(User.login == act.proposed_by)).scalar_one_or_none()
    if proposer is None:
        raise access.AccessDenied(
            NOT_AUTHENTICATED,
            f"Deletion act {act.id} was proposed by {act.proposed_by!r}, not an ARM user; "
            "cancel it and have a supervisor propose it again.",
        )
    if proposer.login == confirmer.login:
        raise access.AccessDenied(
            SAME_PERSON, f"Deletion act {act.id} was proposed by you; a different supervisor confirms it."
        )
    if not proposer.active or str(proposer.role) != access.SUPERVISOR:
        raise access.AccessDenied(
            PROPOSER_NOT_SUPERVISOR,
            f"Deletion act {act.id} was proposed by {act.proposed_by!r}, who is not an active supervisor.",
        )


def confirm(session: Session, user: Any, act_id: int | None,
            checkpoints_written: list[Any] | None = None) -> DeletionAct:
    access.require(user, access.Action.RETENTION_CONFIRM)
    _authenticated_supervisor(user, "confirmed")
    if act_id is None:
        raise ValueError("Give the number of the act to confirm.")
    pending = session.get(DeletionAct, act_id)
    if pending is not None and pending.state == retention.ActState.PROPOSED:
        _check_proposer(session, pending, user)
    act = retention.execute_act(session, act_id, user.login)
    audit.record(session, user, "deletion_act_executed", "deletion_act", act.id, kind=act.record_kind,
                 rows=act.row_count, first_id=act.first_id, last_id=act.last_id, cutoff=act.cutoff,
                 proposed_by=act.proposed_by)
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
