"""The audit journal: every view of personal data and every user action.

The seed rules for recorded material demand an access journal and no edits;
rows are appended through ``db.integrity.append_chained`` so tampering is
detectable.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, Protocol

from sqlalchemy.orm import Session

from db.integrity import append_chained
from db.models import AuditEntry


class Actor(Protocol):
    """Who acted; read-only, so frozen snapshots (``arm.auth.CurrentUser``) qualify."""

    @property
    def login(self) -> str: ...

    @property
    def role(self) -> str: ...


SYSTEM = "system"


def record(
    session: Session,
    actor: Actor | str,
    action: str,
    object_type: str = "",
    object_id: str | int = "",
    **detail: Any,
) -> AuditEntry:
    """Append one audit row in the caller's transaction."""
    if isinstance(actor, str):
        login, role = actor, ""
    else:
        login, role = actor.login, str(actor.role)
    entry = AuditEntry(
        at=datetime.now(UTC),
        user=login,
        role=role,
        action=action,
        object_type=object_type,
        object_id=str(object_id),
        detail={k: _jsonable(v) for k, v in detail.items()},
    )
    return append_chained(session, entry)


def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    return str(value)
