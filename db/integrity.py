"""Hash chains over the journals that must never be edited.

Each row stores the hash of the previous row of its journal and its own hash
over its content and that previous hash. A row changed, inserted or removed
outside the application breaks the chain from that row on, which
``verify_all`` (journals area) reports.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any, TypeVar

from sqlalchemy import false, func, select, update
from sqlalchemy.orm import Session

from db.models import AuditEntry, Base, ViolationEntry

GENESIS = "0" * 64
HASH_EXCLUDED = frozenset({"id", "prev_hash", "row_hash"})

M = TypeVar("M", bound=Base)


def _canonical(value: Any) -> Any:
    if isinstance(value, datetime):
        # Hashed as UTC: the value read back from the database is UTC whatever zone it was written in.
        return (value.astimezone(UTC) if value.tzinfo else value).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return value


def row_payload(row: Base) -> dict[str, Any]:
    """The hashed content of a row: every column except id and the hashes."""
    return {
        col.key: _canonical(getattr(row, col.key))
        for col in row.__table__.columns
        if col.key not in HASH_EXCLUDED
    }


def chain_hash(prev_hash: str, payload: dict[str, Any]) -> str:
    data = json.dumps(payload, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256((prev_hash + data).encode("utf-8")).hexdigest()


def last_hash(session: Session, model: type[Base]) -> str:
    stmt = select(model.row_hash).order_by(model.id.desc()).limit(1)  # type: ignore[attr-defined]
    return session.execute(stmt).scalar_one_or_none() or GENESIS


def append_chained(session: Session, row: M) -> M:
    """Add ``row`` to its journal with its chain hashes; flushes to get the id.

    Chained journals are appended one row at a time under the caller's
    transaction; on SQLite the writer lock serialises appends, on PostgreSQL
    an advisory transaction lock does.
    """
    if session.get_bind().dialect.name == "postgresql":
        key = 7_000 + (1 if isinstance(row, ViolationEntry) else 2)
        session.execute(select(func.pg_advisory_xact_lock(key)))
    else:
        # pysqlite opens the transaction only at the first write, so the last hash
        # read before it may be stale by the time the INSERT gets the writer lock:
        # take the lock first with a write that touches nothing.
        model = type(row)
        session.execute(update(model).where(false()).values(id=model.id))  # type: ignore[attr-defined]
    prev = last_hash(session, type(row))
    # Defaults (timestamps) must be resolved before hashing.
    for col in row.__table__.columns:
        if getattr(row, col.key) is None and col.default is not None and col.default.is_callable:
            setattr(row, col.key, col.default.arg(None))
        elif getattr(row, col.key) is None and col.default is not None and col.default.is_scalar:
            setattr(row, col.key, col.default.arg)  # hash what the database will store
    row.prev_hash = prev  # type: ignore[attr-defined]
    row.row_hash = chain_hash(prev, row_payload(row))  # type: ignore[attr-defined]
    session.add(row)
    session.flush()
    return row


CHAINED_JOURNALS: dict[str, type[Base]] = {
    "violation_journal": ViolationEntry,
    "audit_journal": AuditEntry,
}


# ---------------------------------------------------------------- verification (journals area)
@dataclass(frozen=True)
class IntegrityProblem:
    """One broken link: which journal, which row, what is wrong (code + English text)."""

    journal: str
    row_id: int | None
    code: str  # "changed" | "link_broken" | "tail_removed" | "head_changed" | "unrecorded_append"
    message: str

    def as_dict(self) -> dict[str, Any]:
        return {"journal": self.journal, "row_id": self.row_id, "code": self.code, "message": self.message}

    def __str__(self) -> str:
        where = f"row {self.row_id}" if self.row_id is not None else "journal"
        return f"{self.journal}, {where}: {self.message}"


VERIFY_BATCH = 5_000


def _rows(session: Session, model: type[Base]) -> Iterator[Any]:
    """All rows of a journal in id order, in batches (constant memory)."""
    table = model.__table__
    after = None
    while True:
        stmt = select(table).order_by(table.c.id).limit(VERIFY_BATCH)
        if after is not None:
            stmt = stmt.where(table.c.id > after)
        batch = session.connection().execute(stmt).all()  # Core rows: no ORM overhead per row
        if not batch:
            return
        yield from batch
        after = batch[-1].id


def _payload(model: type[Base], row: Any) -> dict[str, Any]:
    table = model.__table__
    return {c.key: _canonical(getattr(row, c.key)) for c in table.columns if c.key not in HASH_EXCLUDED}


def _anchor_for(anchors: list[tuple[int, str]], first_id: int) -> str:
    """The hash the first kept row must point to: the last deletion act before it."""
    best = GENESIS
    for last_id, anchor in anchors:
        if last_id < first_id:
            best = anchor
    return best


def verify_journal(session: Session, journal: str, model: type[Base]) -> list[IntegrityProblem]:
    """Recompute the chain of one journal; every broken link is one problem."""
    from db.retention import anchors  # the deletion acts live beside the retention rules

    problems: list[IntegrityProblem] = []
    acts = anchors(session, journal)
    expected: str | None = None
    prev_id: int | None = None
    for row in _rows(session, model):
        if expected is None:
            expected = _anchor_for(acts, row.id)
        if row.prev_hash != expected:
            before = f"row {prev_id}" if prev_id is not None else "the start of the journal"
            problems.append(IntegrityProblem(
                journal, row.id, "link_broken",
                f"does not follow {before}: a row before it was removed, inserted or changed",
            ))
        if chain_hash(row.prev_hash, _payload(model, row)) != row.row_hash:
            problems.append(IntegrityProblem(
                journal, row.id, "changed", "its content no longer matches its hash: the row was changed",
            ))
        expected, prev_id = row.row_hash, row.id
    problems += _verify_head(session, journal, prev_id, expected)
    return problems


def _verify_head(
    session: Session, journal: str, last_id: int | None, last_row_hash: str | None
) -> list[IntegrityProblem]:
    """Compare the newest row with the head the insert trigger recorded."""
    from db.queries.schema import JournalHead

    head = session.get(JournalHead, journal)
    if head is None:
        if last_id is None:
            return []
        return [IntegrityProblem(journal, last_id, "unrecorded_append",
                                 "the journal has rows but no recorded head: rows were added around the triggers")]
    if last_id is None or last_id < head.last_id:
        from db.retention import anchors

        if any(a_id == head.last_id for a_id, _ in anchors(session, journal)):
            return []
        return [IntegrityProblem(
            journal, head.last_id, "tail_removed",
            f"the newest rows are missing: the journal ends at {last_id or 'no row'}, "
            f"the last row appended was {head.last_id}",
        )]
    if last_id > head.last_id:
        return [IntegrityProblem(journal, last_id, "unrecorded_append",
                                 f"rows after {head.last_id} were added around the triggers")]
    if last_row_hash != head.last_hash:
        return [IntegrityProblem(journal, last_id, "head_changed",
                                 "the newest row differs from the one appended")]
    return []


def verify_all(session: Session) -> list[IntegrityProblem]:
    """Verify every chained journal; an empty list means every chain is intact."""
    problems: list[IntegrityProblem] = []
    for journal, model in CHAINED_JOURNALS.items():
        problems += verify_journal(session, journal, model)
    return problems
