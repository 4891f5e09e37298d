"""Keying the chains once, and rotating the key.

A database written before the journals were keyed has plain SHA-256 chains.
On the first start with a key (:func:`ensure_keyed`, called when a command,
the service or the GUI opens the database) or on ``arm journal rekey``, each
such chain is verified as it is, then recomputed with HMAC — never a broken
chain: that is refused and said, so the evidence stays as it was found. The
re-keying is an audit row in the same transaction and a checkpoint after it.
A second start finds the chains keyed and does nothing.

:func:`rotate_key` (``arm journal rekey --new-key``) re-keys every chain with
a fresh key: the new key is written beside the old one (``journal.key.new``),
the database is re-keyed in one transaction, then the old key and checkpoint
file are kept under their key's fingerprint and the new key takes their place.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from arm import audit
from arm.journal_anchor import checkpoints
from arm.journal_anchor.files import create_exclusive
from arm.journal_anchor.key import KeyFileError, encode, journal_key, key_path, new_key, read_key
from db import integrity

log = logging.getLogger("arm.journal_anchor")

UNKEYED = "unkeyed"


@dataclass
class RekeyResult:
    """What re-keying did: rows per journal, the refusal if a chain was broken, the checkpoints."""

    rows: dict[str, int] = field(default_factory=dict)
    refused: str = ""
    checkpoints: list[checkpoints.Checkpoint] = field(default_factory=list)


def pending_key_path() -> Path:
    return key_path().with_name(key_path().name + ".new")


def _plain_chains(session: Any, key: bytes, restart_missing: bool = False) -> list[str]:
    return [j for j in integrity.CHAINED_JOURNALS
            if integrity.needs_rekey(session, j, key, restart_missing=restart_missing)]


def ensure_keyed(db: Any, actor: str) -> RekeyResult:
    """Key every plain chain of ``db`` once; a no-op when all are keyed (cheap: one read per journal)."""
    _finish_interrupted_rotation(db)
    key = journal_key()
    with db.session() as session:
        if not _plain_chains(session, key):
            return RekeyResult()
    return rekey(db, actor, explicit=False)


def rekey(db: Any, actor: str, *, explicit: bool = True) -> RekeyResult:
    """Verify and re-key the plain chains with the key file's key (``arm journal rekey``).

    Explicitly (the command, not a start-up) it also starts a new chain for an
    empty journal whose chain record is missing — recorded like any re-keying.
    """
    key = journal_key()
    result = RekeyResult()
    try:
        with db.begin() as session:
            for journal in integrity.CHAINED_JOURNALS:
                integrity.lock_chain(session, journal)
            todo = _plain_chains(session, key, explicit)  # again under the lock: another process may have done it
            if not todo:
                return result
            restarted = [j for j in todo if integrity.chain_state(session, j) is None
                         and not integrity.chain_head(session, j).count]
            integrity.start_chains(session)  # a new chain for an emptied journal (explicit only)
            counts = {j: integrity.chain_head(session, j).count for j in todo}
            audit.record(session, actor, "journal_rekeyed", "journal", ",".join(todo),
                         journals=todo, rows=counts, previous=UNKEYED, key=integrity.key_id(key),
                         **({"new_chain": restarted} if restarted else {}))
            for journal in todo:
                result.rows[journal] = 0 if journal in restarted else integrity.rekey_journal(
                    session, journal, None, key)
    except integrity.ChainBroken as exc:
        result.refused = str(exc)
        log.error("journal re-keying refused: %s", exc)
        with db.begin() as session:
            audit.record(session, actor, "journal_rekey_refused", "journal", "",
                         problems=len(exc.problems), first=str(exc.problems[0]))
        return result
    result.checkpoints = checkpoints.take_now(db, "rekey")
    log.warning("journals re-keyed with the journal key %s: %s", integrity.key_id(key), result.rows)
    return result


def rotate_key(db: Any, actor: str) -> RekeyResult:
    """Re-key every chain with a new key and put the new key in place (``arm journal rekey --new-key``)."""
    old = journal_key()
    new = new_key()
    pending = pending_key_path()
    if not create_exclusive(pending, encode(new)):
        raise KeyFileError("key.rotation_pending",
                           f"{pending} exists: a rotation was interrupted. If the database is keyed with it "
                           "(arm journal verify reports key_mismatch), starting ARM finishes the rotation; "
                           "otherwise remove it and try again.")
    result = RekeyResult()
    try:
        with db.begin() as session:
            for journal in integrity.CHAINED_JOURNALS:
                integrity.lock_chain(session, journal)
            audit.record(session, actor, "journal_rekeyed", "journal", "rotation",
                         previous=integrity.key_id(old), key=integrity.key_id(new))
            for journal in integrity.CHAINED_JOURNALS:
                state = integrity.chain_state(session, journal)
                if state is None and not integrity.chain_head(session, journal).count:
                    continue
                keyed = state is not None and state.scheme == integrity.KEYED
                result.rows[journal] = integrity.rekey_journal(session, journal, old if keyed else None, new)
    except BaseException:
        pending.unlink(missing_ok=True)
        raise
    _put_in_place(integrity.key_id(old))
    result.checkpoints = checkpoints.take_now(db, "key rotation")
    return result


def _put_in_place(old_id: str) -> None:
    """Keep the old key and its checkpoints under its fingerprint; the new key becomes the key."""
    path, pending = key_path(), pending_key_path()
    cp = checkpoints.checkpoint_path()
    if cp.exists():
        os.replace(cp, cp.with_name(f"journal-checkpoints.{old_id}.log"))
    if path.exists():
        os.replace(path, path.with_name(f"{path.name}.{old_id}.retired"))
    os.replace(pending, path)


def _finish_interrupted_rotation(db: Any) -> None:
    """A rotation that re-keyed the database but did not swap the files: finish it."""
    pending = pending_key_path()
    if not pending.exists():
        return
    new_id = integrity.key_id(read_key(pending))
    with db.session() as session:
        states = [integrity.chain_state(session, j) for j in integrity.CHAINED_JOURNALS]
    if any(s is not None and s.key_id == new_id for s in states):
        old_id = integrity.key_id(read_key(key_path())) if key_path().exists() else "lost"
        log.warning("finishing an interrupted key rotation: the database is keyed with %s", new_id)
        _put_in_place(old_id)
        checkpoints.take_now(db, "key rotation")


__all__ = ["RekeyResult", "ensure_keyed", "rekey", "rotate_key"]
