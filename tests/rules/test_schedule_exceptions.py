"""Curfew windows with single-date exceptions (issue 12): lifted on the date a window starts."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from arm.rules.schedule import ScheduleError, schedule_active, validate_schedule, window_contains

TZ = ZoneInfo("Asia/Almaty")
COURT = [
    {"days": [0, 1, 2, 3, 4], "start": "22:00", "end": "06:00"},
    {"days": [6], "start": "00:00", "end": "24:00"},
    {"except": ["2026-12-31"]},
]


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=TZ)


@pytest.mark.parametrize(("when", "active"), [
    ("2026-12-30 23:00", True),   # Wednesday night
    ("2026-12-31 06:30", False),  # Thursday morning after the window
    ("2026-12-31 05:00", True),   # the Wednesday window, not lifted
    ("2026-12-31 23:00", False),  # Thursday's window is lifted ...
    ("2027-01-01 05:00", False),  # ... until it ends on Friday morning
    ("2027-01-01 23:00", True),   # Friday night again
    ("2027-01-03 12:00", True),   # all day Sunday
    ("2027-01-02 12:00", False),  # Saturday noon
])
def test_court_schedule_with_an_exception(when: str, active: bool) -> None:
    assert schedule_active(COURT, at(when), TZ) is active


def test_exception_entry_is_no_window_and_is_validated() -> None:
    assert not window_contains({"except": ["2026-12-31"]}, at("2026-12-31 12:00"))
    validate_schedule(COURT)
    with pytest.raises(ScheduleError):
        validate_schedule([{"except": ["31.12.2026"]}])
    with pytest.raises(ScheduleError):
        validate_schedule([{"days": [0], "start": "25:00", "end": "06:00"}])


def test_only_exceptions_means_always_but_those_dates() -> None:
    schedule = [{"except": ["2026-12-31"]}]
    assert schedule_active(schedule, at("2026-12-30 12:00"), TZ)
    assert not schedule_active(schedule, at("2026-12-31 12:00"), TZ)
