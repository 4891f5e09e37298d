"""Signed checkpoints of the journals' chains in an append-only file outside the database.

One JSON line per journal and checkpoint: the chain's id, its row count, its
newest row id and hash, the time (UTC) and why it was written, signed with
HMAC-SHA-256 under a key derived from the journal key. Lines are only ever
appended. ``arm journal verify`` compares the database with the newest valid
line of each chain: rows missing behind it are a truncated tail, a line whose
signature fails is a tampered file, no line at all for a chain older than the
checkpoint interval is a missing file (:mod:`arm.journal_anchor.verify`).

Written by the monitoring service at least hourly
(:mod:`arm.journal_anchor.service`), after every deletion act, after
re-keying, and on demand (``arm journal checkpoint``).
"""

from __future__ import annotations

import hmac
import json
import logging
from dataclasses import asdict, dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from arm.journal_anchor.files import append_line
from arm.journal_anchor.key import derived, journal_key
from db import integrity

log = logging.getLogger("arm.journal_anchor")

CHECKPOINT_FILE = "journal-checkpoints.log"
#: the service writes a checkpoint this often; verify reports a missing checkpoint after this plus the grace
CHECKPOINT_INTERVAL = timedelta(hours=1)
CHECKPOINT_GRACE = timedelta(minutes=15)
VERSION = 1


def checkpoint_path() -> Path:
    from arm.config import config_dir

    return config_dir() / CHECKPOINT_FILE


@dataclass(frozen=True)
class Checkpoint:
    """One signed line: the state of one chain at one time."""

    journal: str
    chain: str
    count: int
    last_id: int | None
    head: str
    at: str  # ISO 8601, UTC
    reason: str
    key: str  # fingerprint of the key that signed it

    @property
    def time(self) -> datetime:
        return datetime.fromisoformat(self.at)


@dataclass(frozen=True)
class BadLine:
    """A line of the file that does not verify: its number and why."""

    number: int
    reason: str


def _body(fields: dict[str, Any]) -> bytes:
    return json.dumps(fields, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def _sign(key: bytes, fields: dict[str, Any]) -> str:
    return hmac.new(derived(key, "checkpoints"), _body(fields), "sha256").hexdigest()


def encode_line(key: bytes, cp: Checkpoint) -> str:
    fields: dict[str, Any] = {"v": VERSION, **asdict(cp)}
    fields["mac"] = _sign(key, fields)
    return _body(fields).decode("utf-8")


def decode_line(key: bytes, number: int, line: str) -> Checkpoint | BadLine:
    try:
        fields = json.loads(line)
        if not isinstance(fields, dict):
            raise ValueError("not an object")
        mac = str(fields.pop("mac", ""))
        if not hmac.compare_digest(mac, _sign(key, fields)):
            signer = fields.get("key")
            if signer and signer != integrity.key_id(key):
                return BadLine(number, f"signed with another key ({signer})")
            return BadLine(number, "its signature does not match its content")
        fields.pop("v", None)
        return Checkpoint(**fields)
    except (ValueError, TypeError) as exc:
        return BadLine(number, f"not a checkpoint line ({exc})")


def read_checkpoints(key: bytes, path: Path | None = None) -> tuple[list[Checkpoint], list[BadLine]] | None:
    """Every line of the file, verified; None when there is no file."""
    path = path or checkpoint_path()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    good: list[Checkpoint] = []
    bad: list[BadLine] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        parsed = decode_line(key, number, line)
        (good if isinstance(parsed, Checkpoint) else bad).append(parsed)  # type: ignore[arg-type]
    return good, bad


def latest(checkpoints: list[Checkpoint], chain: str) -> Checkpoint | None:
    """The newest valid checkpoint of one chain (lines are appended in time order)."""
    found = None
    for cp in checkpoints:
        if cp.chain == chain:
            found = cp
    return found


def current(session: Session, key: bytes | None = None) -> list[Checkpoint]:
    """The newest valid checkpoint of each keyed chain of this database (for the printed acts)."""
    key = key or journal_key()
    read = read_checkpoints(key)
    if read is None:
        return []
    result = []
    for journal in integrity.CHAINED_JOURNALS:
        state = integrity.chain_state(session, journal)
        if state is not None and state.scheme == integrity.KEYED:
            cp = latest(read[0], state.chain_id)
            if cp is not None:
                result.append(cp)
    return result


def take(session: Session, reason: str, key: bytes | None = None) -> list[Checkpoint]:
    """Append a checkpoint of every keyed chain as the session sees it (call after the commit)."""
    key = key or journal_key()
    now = datetime.now(UTC).isoformat()
    written = []
    for journal in integrity.CHAINED_JOURNALS:
        state = integrity.chain_state(session, journal)
        if state is None or state.scheme != integrity.KEYED:
            continue
        head = integrity.chain_head(session, journal)
        cp = Checkpoint(journal, head.chain_id, head.count, head.last_id, head.head, now, reason,
                        integrity.key_id(key))
        append_line(checkpoint_path(), encode_line(key, cp))
        written.append(cp)
    if written:
        log.info("journal checkpoint (%s): %s", reason,
                 ", ".join(f"{c.journal} {c.count} rows head {c.head[:16]}" for c in written))
    return written


def take_now(db: Any, reason: str) -> list[Checkpoint]:
    """A checkpoint of the committed state, in its own read transaction."""
    with db.session() as session:
        return take(session, reason)


def describe(cp: Checkpoint, tz: Any = UTC) -> str:
    """English one-liner for the command line: ``journal: N records, head <16 hex>, time``."""
    when = cp.time.astimezone(tz).strftime("%Y-%m-%d %H:%M:%S %Z")
    return f"{cp.journal}: {cp.count} records, head {cp.head[:16]}, {when}"


__all__ = ["CHECKPOINT_FILE", "CHECKPOINT_INTERVAL", "BadLine", "Checkpoint", "checkpoint_path", "current",
           "describe", "latest", "read_checkpoints", "take", "take_now"]
