"""Schedule windows and validity periods of restrictions, in the desk time zone.

A court says "at home from 22:00 to 06:00": local wall-clock time, so windows
are evaluated in the desk zone (Asia/Almaty by default), never in UTC. A
window whose end is before its start runs past midnight and belongs to the day
it starts on (Friday 22:00 - Saturday 06:00 is a Friday window). ``24:00``
is the end of the day, as the zone editor writes it (``Sat,Sun 00:00-24:00``).

Single dates (the caseload's restrictions editor, ``arm.caseload.restrictions``):
a window with ``"date": "YYYY-MM-DD"`` instead of ``days`` applies on that
date only (an extra curfew on a holiday); an entry ``{"except": "YYYY-MM-DD"}``
(optionally with ``start``/``end``, else the whole day) lifts the schedule at
those times of that date ("may be out on 31 December until 02:00") and wins
over every window.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime, time
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo

ALL_DAYS = (0, 1, 2, 3, 4, 5, 6)


class ScheduleError(ValueError):
    """A schedule window that cannot be understood (bad time, bad day)."""


@lru_cache(maxsize=512)
def parse_hhmm(text: str) -> time:
    try:
        hours, minutes = str(text).split(":")[:2]
        return time(int(hours), int(minutes))
    except (ValueError, TypeError) as exc:
        raise ScheduleError(f"bad time {text!r}, expected HH:MM") from exc


@lru_cache(maxsize=512)
def _minute_of_day(text: str) -> int:
    """``"HH:MM"`` as minutes since midnight; ``"24:00"`` is 1440, the end of the day."""
    if str(text).strip() == "24:00":
        return 24 * 60
    t = parse_hhmm(text)
    return t.hour * 60 + t.minute


def _days(window: Mapping[str, Any]) -> frozenset[int]:
    days = window.get("days")
    if days is None:
        return frozenset(ALL_DAYS)
    result = frozenset(int(d) for d in days)
    if not result <= set(ALL_DAYS):
        raise ScheduleError(f"bad weekday in {sorted(result)}, expected 0 (Monday)..6")
    return result


@lru_cache(maxsize=512)
def parse_date(text: str) -> date:
    try:
        return date.fromisoformat(str(text))
    except (ValueError, TypeError) as exc:
        raise ScheduleError(f"bad date {text!r}, expected YYYY-MM-DD") from exc


def window_contains(window: Mapping[str, Any], local: datetime) -> bool:
    """Whether the local time falls in one window ``{"days" | "date" | "except", "start", "end"}``."""
    start = _minute_of_day(window.get("start", "00:00"))
    end = _minute_of_day(window.get("end", "00:00"))
    single = window.get("date", window.get("except"))
    now = local.hour * 60 + local.minute + (local.second + local.microsecond / 1e6) / 60
    if single is not None:
        day = parse_date(single)
        today, yesterday = local.date(), local.date().toordinal() - 1
        if start == end:
            return today == day
        if start < end:
            return today == day and start <= now < end
        return (today == day and now >= start) or (yesterday == day.toordinal() and now < end)
    days = _days(window)
    weekday = local.weekday()
    if start == end:  # the whole day
        return weekday in days
    if start < end:
        return weekday in days and start <= now < end
    # crosses midnight: the evening part today, the morning part from yesterday's window
    return (weekday in days and now >= start) or ((weekday - 1) % 7 in days and now < end)


def schedule_active(schedule: Iterable[Mapping[str, Any]] | None, at: datetime, tz: ZoneInfo) -> bool:
    """No schedule means always; otherwise any window containing ``at`` (aware UTC)."""
    if not schedule:
        return True
    local = at.astimezone(tz)
    windows = list(schedule)
    if any("except" in w and window_contains(w, local) for w in windows):
        return False
    rules = [w for w in windows if "except" not in w]
    return not rules or any(window_contains(w, local) for w in rules)


def validate_schedule(schedule: Iterable[Mapping[str, Any]] | None) -> None:
    """Raise :class:`ScheduleError` for a schedule the engine could not apply."""
    for window in schedule or ():
        _minute_of_day(window.get("start", "00:00"))
        _minute_of_day(window.get("end", "00:00"))
        if "date" in window or "except" in window:
            parse_date(window.get("date", window.get("except")))
        else:
            _days(window)


def valid_at(valid_from: datetime | None, valid_until: datetime | None, at: datetime) -> bool:
    """Validity is half-open: from ``valid_from`` included to ``valid_until`` excluded."""
    if valid_from is not None and at < valid_from:
        return False
    return valid_until is None or at < valid_until
