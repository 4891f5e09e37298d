"""Zone schedules as one line of text: ``Mon-Fri 22:00-06:00; Sat,Sun 00:00-24:00``.

The operator types what a court order says; this module turns it into the
window list used by ``Restriction.schedule`` and back. Day names are accepted
in English and Russian (``Mon``/``Пн``), or ``daily``/``ежедневно``; an empty
line means "always". Errors carry a stable code and an English sentence.
"""

from __future__ import annotations

import re
from typing import Any

_DAYS = {
    "mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6,
    "пн": 0, "вт": 1, "ср": 2, "чт": 3, "пт": 4, "сб": 5, "вс": 6,
}
_NAMES = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
_ALL = {"daily", "ежедневно", "every day"}
_TIME = re.compile(r"^([01]?\d|2[0-4]):([0-5]\d)$")


class ScheduleError(ValueError):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


def _day(token: str) -> int:
    key = token.strip().lower()[:3] if not token.strip().lower().startswith(("пн", "вт", "ср", "чт", "пт", "сб", "вс")) else token.strip().lower()[:2]
    if key not in _DAYS:
        raise ScheduleError("bad_day", f"Unknown day '{token.strip()}': use Mon..Sun.")
    return _DAYS[key]


def _days(text: str) -> list[int]:
    if text.strip().lower() in _ALL:
        return list(range(7))
    days: list[int] = []
    for part in text.split(","):
        if "-" in part:
            a, b = part.split("-", 1)
            lo, hi = _day(a), _day(b)
            span = list(range(lo, hi + 1)) if lo <= hi else list(range(lo, 7)) + list(range(0, hi + 1))
            days.extend(span)
        else:
            days.append(_day(part))
    return sorted(set(days))


def _time(text: str) -> str:
    m = _TIME.match(text.strip())
    if not m or (m.group(1) == "24" and m.group(2) != "00"):
        raise ScheduleError("bad_time", f"'{text.strip()}' is not a time: use HH:MM.")
    return f"{int(m.group(1)):02d}:{m.group(2)}"


def parse(text: str) -> list[dict[str, Any]]:
    """``"Mon-Fri 22:00-06:00"`` -> ``[{"days": [0..4], "start": "22:00", "end": "06:00"}]``."""
    windows = []
    for chunk in filter(None, (c.strip() for c in text.replace("\n", ";").split(";"))):
        m = re.match(r"^(.*?)\s*(\d{1,2}:\d{2})\s*[-–]\s*(\d{1,2}:\d{2})$", chunk)
        if not m:
            raise ScheduleError("bad_window", f"'{chunk}' is not like 'Mon-Fri 22:00-06:00'.")
        days_text, start, end = m.group(1), _time(m.group(2)), _time(m.group(3))
        if start == end:
            raise ScheduleError("empty_window", f"'{chunk}' starts and ends at the same time.")
        windows.append({"days": _days(days_text) if days_text.strip() else list(range(7)), "start": start, "end": end})
    return windows


def format_schedule(windows: list[dict[str, Any]] | None) -> str:
    """The inverse of :func:`parse` (English day names)."""
    out = []
    for w in windows or []:
        days = sorted(w.get("days", []))
        if days == list(range(7)):
            d = "daily"
        elif days and days == list(range(days[0], days[-1] + 1)) and len(days) > 2:
            d = f"{_NAMES[days[0]]}-{_NAMES[days[-1]]}"
        else:
            d = ",".join(_NAMES[i] for i in days)
        out.append(f"{d} {w['start']}-{w['end']}")
    return "; ".join(out)
