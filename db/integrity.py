"""Hash chains over the journals that must never be edited.

Each row stores the hash of the previous row of its journal and its own hash
over its content and that previous hash. A row changed, inserted or removed
outside the application breaks the chain from that row on, which
``verify_all`` (journals area) reports.

The chain is keyed: ``row_hash`` is HMAC-SHA-256 with a secret kept outside
the database (the core's key file), so someone who can write the database but
not read the key cannot recompute the chain after an edit. This package
imports nothing of the core: the core registers a *key provider*
(:func:`set_key_provider`) at start-up, and every writer of chained rows
(:func:`append_chained`) and the verification get the key from it. How each
journal is hashed is recorded in ``journal_chains`` (:class:`ChainState`):
a chain written before keying stays plain SHA-256 until the core re-keys it
(:func:`rekey_journal`).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any, TypeVar

from sqlalchemy import bindparam, false, func, select, update
from sqlalchemy.orm import Session

from db.models import AuditEntry, Base, ViolationEntry

GENESIS = "0" * 64
HASH_EXCLUDED = frozenset({"id", "prev_hash", "row_hash"})
PLAIN = "sha256"
KEYED = "hmac-sha256"

M = TypeVar("M", bound=Base)

#: Returns the journal key (bytes) or None when no key is available (a program without the core).
KeyProvider = Callable[[], bytes | None]
_key_provider: KeyProvider | None = None


class ChainKeyError(RuntimeError):
    """A keyed journal cannot be written or re-keyed with the key at hand (message for the user)."""


def set_key_provider(provider: KeyProvider | None) -> None:
    """Register where the journal key comes from (the core does this once, at import)."""
    global _key_provider
    _key_provider = provider


def current_key() -> bytes | None:
    return _key_provider() if _key_provider is not None else None


def key_id(key: bytes | None) -> str:
    """A fingerprint of the key that says which key a chain uses without revealing it."""
    if not key:
        return ""
    return hmac.new(key, b"arm journal key id", hashlib.sha256).hexdigest()[:16]


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


def chain_hash(prev_hash: str, payload: dict[str, Any], key: bytes | None = None) -> str:
    """The row hash: HMAC-SHA-256 with ``key``, plain SHA-256 without (chains not yet keyed)."""
    data = (prev_hash + json.dumps(payload, sort_keys=True, ensure_ascii=False, default=str)).encode("utf-8")
    if key:
        return hmac.new(key, data, hashlib.sha256).hexdigest()
    return hashlib.sha256(data).hexdigest()


def last_hash(session: Session, model: type[Base]) -> str:
    stmt = select(model.row_hash).order_by(model.id.desc()).limit(1)  # type: ignore[attr-defined]
    return session.execute(stmt).scalar_one_or_none() or GENESIS


# ---------------------------------------------------------------- how each chain is hashed
def state_mac(key: bytes | None, state: Any) -> str:
    if not key:
        return ""
    fields = [state.journal, state.scheme, state.key_id, state.chain_id, _canonical(state.keyed_at)]
    return hmac.new(key, json.dumps(fields).encode("utf-8"), hashlib.sha256).hexdigest()


def chain_state(session: Session, journal: str) -> Any:
    """The ``journal_chains`` row of a journal, or None (never written, or written before keying)."""
    from db.queries.schema import JournalChain

    return session.get(JournalChain, journal)


def _new_state(session: Session, journal: str, key: bytes | None, now: datetime | None = None) -> Any:
    from db.queries.schema import JournalChain

    state = JournalChain(journal=journal, scheme=KEYED if key else PLAIN, key_id=key_id(key),
                         chain_id=uuid.uuid4().hex, keyed_at=now or datetime.now(UTC), state="ready")
    state.mac = state_mac(key, state)
    session.add(state)
    session.flush()
    return state


def start_chains(session: Session) -> None:
    """Record how each empty journal will be hashed before its first row (at every schema upgrade).

    So the first append of a new database writes its row and nothing else: the
    append path reads the chain's record and head in one statement under the
    writer lock, and does not have to create the record there.
    """
    for journal, model in CHAINED_JOURNALS.items():
        if chain_state(session, journal) is None and not _has_rows(session, model):
            _new_state(session, journal, current_key())


def _journal_of(model: type[Base]) -> str:
    return str(model.__tablename__)


def _has_rows(session: Session, model: type[Base]) -> bool:
    return session.execute(select(model.id).limit(1)).first() is not None  # type: ignore[attr-defined]


def _writing_state(session: Session, model: type[Base]) -> tuple[str | None, str, str]:
    """(scheme or None, key id, last hash) of a journal in one statement: appends read once under the lock."""
    from db.queries.schema import JournalChain

    journal = _journal_of(model)
    scheme, kid, head = session.execute(select(
        select(JournalChain.scheme).where(JournalChain.journal == journal).scalar_subquery(),
        select(JournalChain.key_id).where(JournalChain.journal == journal).scalar_subquery(),
        select(model.row_hash).order_by(model.id.desc()).limit(1).scalar_subquery(),  # type: ignore[attr-defined]
    )).one()
    return scheme, kid or "", head or GENESIS


def writing_key(session: Session, model: type[Base], state: tuple[str | None, str, str] | None = None) -> bytes | None:
    """The key to chain a new row with, creating the chain's record on its first row."""
    journal = _journal_of(model)
    scheme, kid, head = state or _writing_state(session, model)
    key = current_key()
    if scheme is None:
        if head != GENESIS:  # no row hashes to the genesis value: the journal has rows
            return None  # a chain from before keying: stays plain until the core re-keys it
        # Every schema upgrade records empty journals (start_chains): an empty journal without its
        # record was emptied around ARM. Starting a new chain here would hide that; say it instead.
        raise ChainKeyError(
            f"The {journal} is empty and its chain record is missing (emptied around ARM?): nothing was "
            "written. Run arm journal verify; arm journal rekey starts a new chain, recorded in the audit journal."
        )
    if scheme == PLAIN:
        return None
    if not key:
        raise ChainKeyError(f"The {journal} is keyed and the journal key is not available: nothing was written.")
    if kid != key_id(key):
        raise ChainKeyError(
            f"The {journal} is keyed with another key ({kid}) than the key file's "
            f"({key_id(key)}): nothing was written. Restore the right key file."
        )
    return key


def append_chained(session: Session, row: M) -> M:
    """Add ``row`` to its journal with its chain hashes; flushes to get the id.

    Chained journals are appended one row at a time under the caller's
    transaction; on SQLite the writer lock serialises appends, on PostgreSQL
    an advisory transaction lock does.
    """
    if session.get_bind().dialect.name == "postgresql":
        lock = 7_000 + (1 if isinstance(row, ViolationEntry) else 2)
        session.execute(select(func.pg_advisory_xact_lock(lock)))
    else:
        # pysqlite opens the transaction only at the first write, so the last hash
        # read before it may be stale by the time the INSERT gets the writer lock:
        # take the lock first with a write that touches nothing.
        model = type(row)
        session.execute(update(model).where(false()).values(id=model.id))  # type: ignore[attr-defined]
    state = _writing_state(session, type(row))
    key = writing_key(session, type(row), state)
    prev = state[2]
    # Defaults (timestamps) must be resolved before hashing.
    for col in row.__table__.columns:
        if getattr(row, col.key) is None and col.default is not None and col.default.is_callable:
            setattr(row, col.key, col.default.arg(None))
        elif getattr(row, col.key) is None and col.default is not None and col.default.is_scalar:
            setattr(row, col.key, col.default.arg)  # hash what the database will store
    row.prev_hash = prev  # type: ignore[attr-defined]
    row.row_hash = chain_hash(prev, row_payload(row), key)  # type: ignore[attr-defined]
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
    #: stable codes: "changed" | "link_broken" | "tail_removed" | "head_changed" | "unrecorded_append" |
    #: "not_keyed" | "key_unavailable" | "key_mismatch" | "chain_record_changed" | "chain_record_missing";
    #: the core adds "tail_truncated" | "checkpoint_head_changed" | "checkpoint_tampered" | "checkpoint_missing"
    code: str
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


def _verify_rows(session: Session, journal: str, model: type[Base], key: bytes | None) -> list[IntegrityProblem]:
    """Recompute the chain of one journal with ``key``; every broken link is one problem."""
    from db.retention import anchors  # the deletion acts live beside the retention rules

    problems: list[IntegrityProblem] = []
    acts = anchors(session, journal)
    expected: str | None = None
    prev_id: int | None = None
    changed = (
        "its content no longer matches its keyed hash: the row was changed "
        "(a hash recomputed without the journal key does not verify)"
        if key else "its content no longer matches its hash: the row was changed"
    )
    for row in _rows(session, model):
        if expected is None:
            expected = _anchor_for(acts, row.id)
        if row.prev_hash != expected:
            before = f"row {prev_id}" if prev_id is not None else "the start of the journal"
            problems.append(IntegrityProblem(
                journal, row.id, "link_broken",
                f"does not follow {before}: a row before it was removed, inserted or changed",
            ))
        if chain_hash(row.prev_hash, _payload(model, row), key) != row.row_hash:
            problems.append(IntegrityProblem(journal, row.id, "changed", changed))
        expected, prev_id = row.row_hash, row.id
    problems += _verify_head(session, journal, prev_id, expected)
    return problems


def _chain_key_problems(session: Session, journal: str, model: type[Base],
                        key: bytes | None) -> tuple[bytes | None, list[IntegrityProblem], bool]:
    """(the key the rows were hashed with, problems with the chain's keying, whether rows can be checked)."""
    state = chain_state(session, journal)
    if state is None and key and not _has_rows(session, model):
        return None, [IntegrityProblem(
            journal, None, "chain_record_missing",
            "the journal is empty and its chain record is missing: it was emptied around ARM",
        )], False
    if state is None or state.scheme == PLAIN:
        if key and _has_rows(session, model):
            return None, [IntegrityProblem(
                journal, None, "not_keyed",
                "the chain is not keyed with the journal key: it was written before keying and not "
                "re-keyed (arm journal rekey), or its keying record was removed",
            )], True
        return None, [], True
    if not key:
        return None, [IntegrityProblem(journal, None, "key_unavailable",
                                       "the chain is keyed and the journal key is not available")], False
    if state.key_id != key_id(key):
        return None, [IntegrityProblem(
            journal, None, "key_mismatch",
            f"the chain is keyed with another key ({state.key_id}) than the key file's ({key_id(key)})",
        )], False
    problems = []
    if not hmac.compare_digest(state.mac or "", state_mac(key, state)):
        problems.append(IntegrityProblem(journal, None, "chain_record_changed",
                                         "the record of how the chain is keyed was changed"))
    return key, problems, True


def verify_journal(session: Session, journal: str, model: type[Base],
                   key: bytes | None = None) -> list[IntegrityProblem]:
    """Verify one journal with the registered key (or ``key``): its keying, every link, its head."""
    key = key if key is not None else current_key()
    rows_key, problems, checkable = _chain_key_problems(session, journal, model, key)
    if checkable:
        problems += _verify_rows(session, journal, model, rows_key)
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


def verify_all(session: Session, key: bytes | None = None) -> list[IntegrityProblem]:
    """Verify every chained journal; an empty list means every chain is intact."""
    problems: list[IntegrityProblem] = []
    for journal, model in CHAINED_JOURNALS.items():
        problems += verify_journal(session, journal, model, key)
    return problems


# ---------------------------------------------------------------- the head, for checkpoints
@dataclass(frozen=True)
class ChainHead:
    """What a checkpoint records of a chain: its id, row count, newest row and its hash."""

    journal: str
    chain_id: str
    count: int
    last_id: int | None
    head: str


def chain_head(session: Session, journal: str) -> ChainHead:
    model = CHAINED_JOURNALS[journal]
    table = model.__table__
    count, last = session.execute(select(func.count(), func.max(table.c.id))).one()
    head = GENESIS
    if last is not None:
        head = session.execute(select(table.c.row_hash).where(table.c.id == last)).scalar_one()
    state = chain_state(session, journal)
    return ChainHead(journal, state.chain_id if state is not None else "", int(count), last, head)


def row_hash_of(session: Session, journal: str, row_id: int) -> str | None:
    table = CHAINED_JOURNALS[journal].__table__
    value = session.execute(select(table.c.row_hash).where(table.c.id == row_id)).scalar_one_or_none()
    return str(value) if value is not None else None


# ---------------------------------------------------------------- re-keying (core: arm.journal_anchor)
class ChainBroken(ChainKeyError):
    """Re-keying refused: the chain does not verify with the key it was written with."""

    def __init__(self, journal: str, problems: list[IntegrityProblem]) -> None:
        self.problems = problems
        super().__init__(
            f"The {journal} does not verify ({len(problems)} problem(s), first: {problems[0]}); "
            "it was not re-keyed. Find out what happened (arm journal verify) before re-keying."
        )


def lock_chain(session: Session, journal: str) -> None:
    """Serialise with every append to ``journal`` until the end of the transaction."""
    model = CHAINED_JOURNALS[journal]
    if session.get_bind().dialect.name == "postgresql":
        session.execute(select(func.pg_advisory_xact_lock(7_000 + (1 if model is ViolationEntry else 2))))
    else:
        session.execute(update(model).where(false()).values(id=model.id))  # type: ignore[attr-defined]


def needs_rekey(session: Session, journal: str, key: bytes, *, restart_missing: bool = False) -> bool:
    """True when the chain has rows hashed without this key's keying (plain SHA-256).

    ``restart_missing``: also an empty journal whose chain record is missing (only
    an explicit ``arm journal rekey`` starts a new chain there, never a start-up).
    """
    state = chain_state(session, journal)
    model = CHAINED_JOURNALS[journal]
    if state is None:
        return restart_missing or _has_rows(session, model)
    return state.scheme == PLAIN


def rekey_journal(session: Session, journal: str, old_key: bytes | None, new_key: bytes,
                  now: datetime | None = None) -> int:
    """Recompute one chain with ``new_key`` after verifying it with ``old_key``; returns the rows re-hashed.

    Runs in the caller's transaction: the chain's record says ``rekeying`` while
    the hash columns are rewritten (the only time the update trigger allows it),
    then ``ready`` with the new key's fingerprint, a new chain id and ``keyed_at``.
    The first kept row still points to the anchor of the last deletion act (that
    hash belongs to a deleted row and is kept as it was).
    """
    from db.queries.schema import JournalHead

    model = CHAINED_JOURNALS[journal]
    lock_chain(session, journal)
    problems = _verify_rows(session, journal, model, old_key)
    if problems:
        raise ChainBroken(journal, problems)
    state = chain_state(session, journal) or _new_state(session, journal, None, now)
    state.state = "rekeying"
    session.flush()
    table: Any = model.__table__
    prev: str | None = None
    count = 0
    batch: list[dict[str, Any]] = []
    stmt = (update(table).where(table.c.id == bindparam("b_id"))
            .values(prev_hash=bindparam("b_prev"), row_hash=bindparam("b_hash")))
    for row in _rows(session, model):  # batches by id: the updates do not move them
        link = row.prev_hash if prev is None else prev
        prev = chain_hash(link, _payload(model, row), new_key)
        batch.append({"b_id": row.id, "b_prev": link, "b_hash": prev})
        count += 1
        if len(batch) >= VERIFY_BATCH:
            session.connection().execute(stmt, batch)
            batch = []
    if batch:
        session.connection().execute(stmt, batch)
    if prev is not None:
        head = session.get(JournalHead, journal)
        if head is not None:
            head.last_hash = prev
    state.scheme, state.key_id, state.chain_id = KEYED, key_id(new_key), uuid.uuid4().hex
    state.keyed_at, state.state = now or datetime.now(UTC), "ready"
    state.mac = state_mac(new_key, state)
    session.flush()
    return count
