"""``arm journal verify`` and the GUI's verify button: one core function, :func:`verify_journals`.

It checks, per chained journal,
- the chain itself with the journal key (``db.integrity``): a changed row, a
  broken link, a removed tail behind the recorded head, a chain keyed with
  another key or not keyed at all;
- the chain against the newest signed checkpoint outside the database:
  ``tail_truncated`` when the row the checkpoint ends at is gone (and no
  deletion act removed it), ``checkpoint_head_changed`` when that row differs;
- the checkpoint file: ``checkpoint_tampered`` for a line whose signature
  fails, ``checkpoint_missing`` when a chain keyed longer ago than the
  checkpoint interval has no checkpoint (the file, or its lines, removed).
Every finding is a ``db.integrity.IntegrityProblem`` with a stable code.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy.orm import Session

from arm.journal_anchor import checkpoints
from arm.journal_anchor.key import journal_key
from db import integrity
from db.integrity import IntegrityProblem

CHECKPOINT_FILE_JOURNAL = "checkpoints"


def _covered_by_act(session: Session, journal: str, row_id: int) -> bool:
    from db.retention import anchors

    return any(last_id >= row_id for last_id, _ in anchors(session, journal))


def _against_checkpoint(session: Session, journal: str, cp: checkpoints.Checkpoint) -> list[IntegrityProblem]:
    if cp.last_id is None:
        return []
    now_hash = integrity.row_hash_of(session, journal, cp.last_id)
    if now_hash is None:
        if _covered_by_act(session, journal, cp.last_id):
            return []
        head = integrity.chain_head(session, journal)
        ends = f"row {head.last_id}" if head.last_id is not None else "no row"
        return [IntegrityProblem(
            journal, cp.last_id, "tail_truncated",
            f"the newest rows are missing: the checkpoint of {cp.at} recorded {cp.count} rows up to "
            f"row {cp.last_id}, the journal now ends at {ends}",
        )]
    if now_hash != cp.head:
        return [IntegrityProblem(
            journal, cp.last_id, "checkpoint_head_changed",
            f"the row differs from the one the checkpoint of {cp.at} recorded: the chain was rewritten",
        )]
    return []


def _checkpoint_problems(session: Session, key: bytes, now: datetime) -> list[IntegrityProblem]:
    path = checkpoints.checkpoint_path()
    read = checkpoints.read_checkpoints(key, path)
    good, bad = read if read is not None else ([], [])
    problems = [
        IntegrityProblem(CHECKPOINT_FILE_JOURNAL, line.number, "checkpoint_tampered",
                         f"line {line.number} of {path} was changed: {line.reason}")
        for line in bad
    ]
    for journal in integrity.CHAINED_JOURNALS:
        state = integrity.chain_state(session, journal)
        if state is None or state.scheme != integrity.KEYED or state.key_id != integrity.key_id(key):
            continue  # reported by the chain check (not keyed / another key)
        cp = checkpoints.latest(good, state.chain_id)
        if cp is not None:
            problems += _against_checkpoint(session, journal, cp)
            continue
        overdue = now - state.keyed_at > checkpoints.CHECKPOINT_INTERVAL + checkpoints.CHECKPOINT_GRACE
        if overdue and integrity.chain_head(session, journal).count:
            where = f"the checkpoint file {path} is missing" if read is None else f"{path} has no checkpoint of it"
            problems.append(IntegrityProblem(
                journal, None, "checkpoint_missing",
                f"the chain was keyed at {state.keyed_at.isoformat()} and {where}: "
                "checkpoints were removed or never written",
            ))
    return problems


def verify_journals(session: Session, now: datetime | None = None) -> list[IntegrityProblem]:
    """Every finding about the chained journals and their checkpoints; empty when all is intact."""
    key = journal_key()
    problems = integrity.verify_all(session, key)
    problems += _checkpoint_problems(session, key, now or datetime.now(UTC))
    return problems


__all__ = ["verify_journals"]
