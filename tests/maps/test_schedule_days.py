"""Zone schedule day names: English, Russian and Kazakh, and errors that say what is accepted."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QLocale

from maps import schedule
from maps.schedule import ACCEPTED, ScheduleError, error_text, format_schedule, parse

WEEKDAYS = list(range(5))

KAZAKH_FULL = ["Дүйсенбі", "Сейсенбі", "Сәрсенбі", "Бейсенбі", "Жұма", "Сенбі", "Жексенбі"]
KAZAKH_SHORT = ["Дс", "Сс", "Ср", "Бс", "Жм", "Сн", "Жс"]


def days_of(text: str) -> list[int]:
    (window,) = parse(f"{text} 08:00-18:00")
    return window["days"]


@pytest.mark.parametrize("number", range(7))
def test_kazakh_full_names_and_abbreviations_in_any_case(number: int) -> None:
    for name in (KAZAKH_FULL[number], KAZAKH_SHORT[number]):
        for typed in (name, name.upper(), name.lower(), name + "."):
            assert days_of(typed) == [number], typed


@pytest.mark.parametrize(("text", "days"), [
    ("Дс-Жм", WEEKDAYS),
    ("дс-жм", WEEKDAYS),
    ("ДС – ЖМ", WEEKDAYS),
    ("Сн,Жс", [5, 6]),
    ("Сенбі, Жексенбі", [5, 6]),
    ("Жс-Сс", [0, 1, 6]),  # a range across the week end
    ("Сс–Бс", [1, 2, 3]),
    ("Пн-Пт", WEEKDAYS),  # Russian keeps working
    ("Пн - Пт", WEEKDAYS),
    ("Сб,Вс", [5, 6]),
    ("Mon-Fri", WEEKDAYS),  # and English
    ("Tues,Thurs", [1, 3]),
    ("Monday", [0]),
    ("Дуйсенби-Жума", WEEKDAYS),  # Kazakh typed on a Russian keyboard (у for ү, и for і)
    ("Сарсенби", [2]),
    ("Сенбi", [5]),  # Latin "i" in a Cyrillic word
    ("Дүй-Жұм", WEEKDAYS),  # three-letter prefixes
    ("Сей", [1]),
    ("Сен", [5]),
    ("Juma, Senbi", [4, 5]),  # Kazakh Latin alphabet (2021)
    ("Dúisenbi-Sársenbi", [0, 1, 2]),
    ("Понедельник-Пятница", WEEKDAYS),  # full Russian names were rejected before
    ("күн сайын", list(range(7))),
    ("Күн сайын", list(range(7))),
    ("ежедневно", list(range(7))),
])
def test_day_lists_and_ranges(text: str, days: list[int]) -> None:
    assert days_of(text) == days


def test_every_short_form_and_prefix_means_one_day() -> None:
    """No spelling of one language means another day in another: Ср is Wednesday in both, Сб Saturday."""
    meaning: dict[str, set[int]] = {}
    for names in (*schedule._FULL_NAMES.values(), *schedule._SHORT.values()):
        for number, name in enumerate(names):
            meaning.setdefault(schedule._fold(name), set()).add(number)
    for names in schedule._FULL_NAMES.values():
        for number, name in enumerate(names):
            folded = schedule._fold(name)
            for n in range(3, len(folded) + 1):
                meaning.setdefault(folded[:n], set()).add(number)
    assert {k: v for k, v in meaning.items() if len(v) > 1} == {}
    assert days_of("Ср") == [2]  # Russian среда = Kazakh Сәрсенбі
    assert days_of("Сб") == [5] and days_of("Сн") == [5]  # Russian / Kazakh CLDR, and the usual Kazakh Сн
    assert days_of("Вс") == [6] and days_of("Бс") == [3]  # one letter apart, different days: both exact


def test_short_forms_agree_with_qt_locale_data() -> None:
    """Qt's CLDR names for kk and ru (what the desk's calendars show) are all accepted with their meaning."""
    for lang in ("kk", "ru"):
        locale = QLocale(lang)
        for qt_day in range(1, 8):  # Qt: 1 = Monday
            for fmt in (QLocale.FormatType.LongFormat, QLocale.FormatType.ShortFormat):
                assert days_of(locale.dayName(qt_day, fmt)) == [qt_day - 1], (lang, locale.dayName(qt_day, fmt))


@pytest.mark.parametrize("bad", ["Funday", "Се", "Д", "Жк", "Mo-Xyz"])
def test_a_bad_day_is_refused_with_what_is_accepted(bad: str) -> None:
    with pytest.raises(ScheduleError) as caught:
        parse(f"{bad} 10:00-11:00")
    exc = caught.value
    assert exc.code == "bad_day"
    assert "Дс" in str(exc) and "Пн" in str(exc) and "Mon" in str(exc)
    assert exc.params["accepted"] == ACCEPTED
    assert exc.params["day"] in bad


def test_error_text_goes_through_the_translator_with_named_parameters(qapp: Any) -> None:
    with pytest.raises(ScheduleError) as caught:
        parse("Жк 10:00-11:00")
    text = error_text(caught.value)
    assert text == f"Unknown day “Жк”: use {ACCEPTED} or the full day names."
    with pytest.raises(ScheduleError) as other:
        parse("Дс 25:00-26:00")
    assert other.value.code == "bad_time" and error_text(other.value) is None


def test_round_trip_keeps_english_output() -> None:
    windows = parse("Дс-Жм 22:00-06:00; Сн,Жс 00:00-24:00")
    assert format_schedule(windows) == "Mon-Fri 22:00-06:00; Sat,Sun 00:00-24:00"
    assert parse(format_schedule(windows)) == windows
