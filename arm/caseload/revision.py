"""The caseload revision: one counter every caseload write increments, read by the rules engine.

The rules runtime compares ``arm.rules.snapshot.zones_fingerprint`` on every
tick and reloads its snapshot when it changed; counting rows misses an edit
(an ended restriction, a deregistered person, a returned device), so the
services bump this counter in the transaction of the change: when it commits,
the next tick (seconds) applies it, no restart needed.
"""

from __future__ import annotations

from sqlalchemy import update
from sqlalchemy.orm import Session

from db.models_caseload import CaseloadRevision


def bump(session: Session) -> None:
    """Count one caseload change (in the caller's transaction)."""
    done = session.execute(update(CaseloadRevision).where(CaseloadRevision.id == 1)
                           .values(revision=CaseloadRevision.revision + 1))
    if not getattr(done, "rowcount", 0):
        session.add(CaseloadRevision(id=1, revision=1))
        session.flush()
