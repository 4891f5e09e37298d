"""Zone schedules as one line of text: ``Mon-Fri 22:00-06:00; Sat,Sun 00:00-24:00``.

The operator types what a court order says; this module turns it into the
window list used by ``Restriction.schedule`` and back. Day names are accepted
in English, Russian and Kazakh (``Mon``/``Пн``/``Дс``, full names, unambiguous
prefixes of three letters or more), or ``daily``/``ежедневно``/``күн сайын``;
an empty line means "always". Errors carry a stable code, an English sentence
and named parameters; :func:`error_text` gives a bad day's sentence in the
interface language (docs/map.md lists every accepted spelling).
"""

from __future__ import annotations

import re
from typing import Any

#: Full day names, Monday first. Any unambiguous prefix of three letters or more is accepted too
#: ("Tues", "Thurs", "Пон", "Дүй", "Сен"), as operators shorten them in many ways.
_FULL_NAMES: dict[str, tuple[str, ...]] = {
    "en": ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"),
    "ru": ("понедельник", "вторник", "среда", "четверг", "пятница", "суббота", "воскресенье"),
    "kk": ("дүйсенбі", "сейсенбі", "сәрсенбі", "бейсенбі", "жұма", "сенбі", "жексенбі"),
    # the official Kazakh Latin alphabet (2021), for operators who type Kazakh in Latin letters
    "kk_latn": ("dúisenbi", "seisenbi", "sársenbi", "beisenbi", "juma", "senbi", "jeksenbi"),
}
#: The usual short forms (calendars, court orders). Kazakh "Ср" is Сәрсенбі, Wednesday, the same
#: day as Russian "Ср" (среда). Kazakh CLDR locale data (Qt's QLocale("kk")) writes Saturday "Сб",
#: again the same day as Russian "Сб", so it is accepted through the Russian list. No short form
#: means two different days (checked when this module loads, and by tests/maps/test_schedule_days.py).
_SHORT: dict[str, tuple[str, ...]] = {
    "en": ("mo", "tu", "we", "th", "fr", "sa", "su"),
    "ru": ("пн", "вт", "ср", "чт", "пт", "сб", "вс"),
    "kk": ("дс", "сс", "ср", "бс", "жм", "сн", "жс"),
}
#: What a bad-day message lists as accepted: the same in every interface language.
ACCEPTED = "Mon…Sun, Пн…Вс, Дс…Жс (Дс Сс Ср Бс Жм Сн Жс)"
_NAMES = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
_ALL = {"daily", "ежедневно", "every day", "күн сайын", "кун сайын", "күнде", "кунде", "kún saiyn"}
_TIME = re.compile(r"^([01]?\d|2[0-4]):([0-5]\d)$")
#: Kazakh letters folded to their Russian look-alikes, so a day typed on a Russian keyboard
#: ("Дуйсенби", "Сарсенби", "Жума") or with a Latin "i" still matches; Latin Kazakh accents likewise.
_FOLD = str.maketrans({"ә": "а", "ү": "у", "ұ": "у", "і": "и", "ө": "о", "ғ": "г", "қ": "к", "ң": "н", "һ": "х",
                       "á": "a", "ú": "u", "ó": "o", "ı": "i", "ё": "е"})
_CYRILLIC_I = str.maketrans({"i": "и"})


def _fold(word: str) -> str:
    word = word.casefold().translate(_FOLD)
    if any("а" <= ch <= "я" for ch in word):  # a Cyrillic word typed with a Latin "i" (Сенбi)
        word = word.translate(_CYRILLIC_I)
    return word


_EXACT: dict[str, int] = {}
for _names in (*_FULL_NAMES.values(), *_SHORT.values()):
    for _number, _name in enumerate(_names):
        if _EXACT.setdefault(_fold(_name), _number) != _number:
            raise RuntimeError(f"day name {_name!r} would mean two days")
_PREFIXABLE = [(_fold(name), number) for names in _FULL_NAMES.values() for number, name in enumerate(names)]


class ScheduleError(ValueError):
    """Bad schedule text: a stable ``code``, an English sentence, and named ``params`` for the widget's text."""

    def __init__(self, code: str, message: str, **params: str) -> None:
        super().__init__(message)
        self.code = code
        self.params = params


#: English source of the bad-day sentence (context "ZoneSchedule"); ``{accepted}`` is :data:`ACCEPTED`.
DAY_ERROR = "Unknown day “{day}”: use {accepted} or the full day names."


def _day(token: str) -> int:
    """One day name in English, Russian or Kazakh (any case, a trailing dot allowed)."""
    shown = token.strip()
    key = _fold(shown.rstrip("."))
    if key in _EXACT:
        return _EXACT[key]
    days = {number for name, number in _PREFIXABLE if len(key) >= 3 and name.startswith(key)}
    if len(days) == 1:  # no prefix of 3+ letters means two days today; a test keeps it so
        return days.pop()
    raise ScheduleError("bad_day", DAY_ERROR.format(day=shown, accepted=ACCEPTED), day=shown, accepted=ACCEPTED)


def error_text(exc: ScheduleError) -> str | None:
    """A bad day's sentence in the interface language; None for other codes (the editor words those).

    Qt is imported here only, so the parser itself stays usable without it.
    """
    if exc.code != "bad_day" or "day" not in exc.params:
        return None
    from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

    source = QT_TRANSLATE_NOOP("ZoneSchedule", "Unknown day “{day}”: use {accepted} or the full day names.")
    try:
        return QCoreApplication.translate("ZoneSchedule", source).format(**exc.params)
    except (KeyError, IndexError, ValueError):
        return source.format(**exc.params)


def _days(text: str) -> list[int]:
    if " ".join(_fold(text).split()) in {_fold(a) for a in _ALL}:
        return list(range(7))
    days: list[int] = []
    spaced = re.sub(r"\s*[-–—]\s*", "-", text.strip())  # "Пн – Пт" is a range like "Пн-Пт"
    for part in re.split(r"[,;\s]+", spaced):
        if not part:
            continue
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
