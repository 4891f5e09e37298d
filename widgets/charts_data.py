"""Everything the charts panel draws, gathered in one worker call.

Each figure is computed on its own so one the role may not see (``AccessDenied``)
is simply left out and named, while the others still appear.
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from arm import access
from arm.reports import stats


def _rate(session: Session, user: Any, start: datetime, end: datetime) -> list[tuple[float, int]]:
    """Alarms per 10-minute interval as (interval start, epoch seconds; count), empty intervals included."""
    sub = stats._scoped_alarms(session, user, start, end)
    counts = Counter(int((r - start) / stats.BUCKET) for (r,) in session.execute(select(sub.c.raised_at)))
    n = int((end - start) / stats.BUCKET)
    return [((start + stats.BUCKET * b).timestamp(), counts.get(b, 0)) for b in range(n)]


def collect(session: Session, user: Any, start: datetime, end: datetime, tz: ZoneInfo, by: str) -> dict[str, Any]:
    figures: dict[str, Any] = {"start": start, "denied": []}
    jobs = {
        "per_day": lambda: stats.alarms_per_day(session, user, start, end, tz, by),
        "operators": lambda: stats.operator_figures(session, user, start, end),
        "rate": lambda: _rate(session, user, start, end),
        "floods": lambda: stats.floods(session, user, start, end),
        "standing_shelved": lambda: stats.standing_and_shelved(session, user),
        "devices": lambda: stats.devices_by_state(session, user),
    }
    for name, job in jobs.items():
        try:
            figures[name] = job()
        except access.AccessDenied:
            figures["denied"].append(name)
    return figures
