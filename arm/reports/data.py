"""Journal reads as a user: the access rules first, then the query, then the audit row.

This is the only way the review widgets, the exports and the CLI read a
journal, so a role that may not see a journal gets ``AccessDenied`` whatever
screen or command asked. Opening a journal (its first page), opening one
entry and exporting are recorded in the audit journal with the filter used;
scrolling to further pages is not, as it shows nothing the first view did not
already announce.

Who reads is re-read from the database first (``arm.access.checked_account``):
a user that does not exist or is disabled reads nothing, and every refusal
is audited (``denied``, with its code).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from arm import access, audit
from db.queries import journals
from db.queries.filters import JournalFilter
from db.queries.journals import Page


def _scope(session: Session, user: Any, journal: str) -> access.Scope:
    """The rows ``user``'s current account may read, or the audited refusal."""
    account = access.checked_account(session, user, "journal", journal)
    try:
        return access.scope_for(account, journal)
    except access.AccessDenied as error:
        access.refuse(session, user, error, "journal", journal)


def page(
    session: Session,
    user: Any,
    journal: str,
    f: JournalFilter,
    *,
    sort: str | None = None,
    descending: bool = True,
    cursor: tuple[Any, ...] | None = None,
    limit: int = journals.DEFAULT_PAGE,
) -> Page:
    """A page of ``journal`` as ``user`` may see it; the first page is audited."""
    scope = _scope(session, user, journal)
    result = journals.page(session, journal, f, scope, sort=sort, descending=descending, cursor=cursor, limit=limit)
    if cursor is None:
        audit.record(session, user, "view_journal", "journal", journal, filter=f.describe(), rows=len(result.rows))
    return result


def count(session: Session, user: Any, journal: str, f: JournalFilter) -> int:
    return journals.count(session, journal, f, _scope(session, user, journal))


def detail(session: Session, user: Any, journal: str, row_id: int) -> dict[str, Any]:
    """One entry; outside the user's scope it does not exist for them."""
    scope = _scope(session, user, journal)
    row = journals.detail(session, journal, row_id, scope)
    if row is None:
        access.refuse(session, user, access.AccessDenied(
            "denied.row", f"Entry {row_id} of the {journal} journal is not available to you."), journal, row_id)
    audit.record(session, user, "view_journal_entry", journal, row_id)
    return row


def choices(session: Session, user: Any, journal: str, key: str) -> list[str]:
    """Values for a filter drop-down, from the rows the user may see."""
    return journals.distinct_values(session, journal, key, _scope(session, user, journal))
