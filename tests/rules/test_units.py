"""Unit tests of the pure parts: schedules, fix accuracy, zone verdicts, debounce."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from arm.rules.engine import Debounce
from arm.rules.geo import FixPolicy, ZoneGeometryError, ZoneIndex, fix_accuracy
from arm.rules.schedule import ScheduleError, schedule_active, valid_at, validate_schedule
from arm.rules.seed import circle, offset, rectangle

TZ = ZoneInfo("Asia/Almaty")


def at(y, mo, d, h, mi=0):
    return datetime(y, mo, d, h, mi, tzinfo=TZ).astimezone(UTC)


@pytest.mark.parametrize(
    ("when", "expected"),
    [
        (at(2026, 11, 20, 21, 59), False),  # Friday before
        (at(2026, 11, 20, 22, 0), True),
        (at(2026, 11, 21, 5, 59), True),  # Saturday morning, Friday's window
        (at(2026, 11, 21, 6, 0), False),
        (at(2026, 11, 21, 23, 0), False),  # Saturday is not scheduled
        (at(2026, 11, 22, 2, 0), False),
        (at(2026, 11, 23, 3, 0), True),  # Monday 03:00 belongs to Sunday's window
    ],
)
def test_window_crossing_midnight(when: datetime, expected: bool) -> None:
    schedule = [{"days": [4, 6], "start": "22:00", "end": "06:00"}]
    assert schedule_active(schedule, when, TZ) is expected


def test_schedule_is_local_time_not_utc() -> None:
    # 22:30 Almaty is 17:30 UTC: a UTC evaluation would say "not in 22:00-23:00".
    assert schedule_active([{"start": "22:00", "end": "23:00"}], at(2026, 11, 20, 22, 30), TZ)
    assert not schedule_active([{"start": "22:00", "end": "23:00"}], datetime(2026, 11, 20, 22, 30, tzinfo=UTC), TZ)


def test_no_schedule_means_always_and_bad_schedules_are_refused() -> None:
    assert schedule_active(None, at(2026, 11, 20, 3), TZ)
    with pytest.raises(ScheduleError):
        validate_schedule([{"start": "25:00", "end": "06:00"}])
    with pytest.raises(ScheduleError):
        validate_schedule([{"days": [7], "start": "22:00", "end": "06:00"}])


def test_validity_is_half_open() -> None:
    start, end = at(2026, 11, 20, 8), at(2026, 11, 20, 20)
    assert not valid_at(start, end, at(2026, 11, 20, 7, 59))
    assert valid_at(start, end, start)
    assert not valid_at(start, end, end)


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"lat": 43.0, "lon": 76.0, "fix": 1, "sats": 8, "hdop": 1.2}, 6.0),
        ({"lat": 43.0, "lon": 76.0, "fix": 1, "sats": 8, "hdop": 0.4}, 5.0),  # floor
        ({"lat": 43.0, "lon": 76.0, "fix": 1, "sats": 3, "hdop": 1.0}, None),
        ({"lat": 43.0, "lon": 76.0, "fix": 1, "sats": 8, "hdop": 12.0}, None),
        ({"lat": 43.0, "lon": 76.0, "fix": 1, "sats": 8, "hdop": 1.0, "accuracy_m": 35.0}, 35.0),
        ({"lat": 43.0, "lon": 76.0, "fix": 2}, 30.0),
        ({"lat": 43.0, "lon": 76.0, "fix": 3}, None),  # cell: 1.5 km, too coarse
        ({"lat": 43.0, "lon": 76.0, "fix": 3, "accuracy_m": 120.0}, 120.0),
        ({"lat": None, "lon": None, "fix": 0}, None),
    ],
)
def test_fix_accuracy(fields: dict, expected: float | None) -> None:
    assert fix_accuracy(fields, FixPolicy()) == expected


def test_zone_verdict_uses_buffer_and_accuracy() -> None:
    centre = (43.25, 76.95)
    index = ZoneIndex([(1, circle(*centre, 200, points=128), 50.0)])
    assert index.verdicts(*offset(*centre, north_m=100), 10, [1]) == {1: True}
    assert index.verdicts(*offset(*centre, north_m=245), 10, [1]) == {1: None}  # 5 m from the 250 m edge
    assert index.verdicts(*offset(*centre, north_m=270), 10, [1]) == {1: False}
    assert index.verdicts(*offset(*centre, north_m=5000), 10, [1]) == {1: False}  # not even near


def test_index_finds_only_near_zones_among_many() -> None:
    zones = [(i, rectangle(43 + i * 0.01, 76.0, 43 + i * 0.01 + 0.005, 76.005), 0.0) for i in range(500)]
    index = ZoneIndex(zones)
    assert index.near(43.0525, 76.0025, 10) == [5]
    assert index.verdicts(43.0525, 76.0025, 10, range(500))[5] is True
    pairs = index.bulk_candidates([43.0525, 43.0075], [76.0025, 76.5])
    assert pairs == [(0, 5)]


def test_bad_zone_geometry_is_reported_not_raised() -> None:
    index = ZoneIndex([(1, {"type": "Point", "coordinates": [76, 43]}, 0), (2, {"type": "Nonsense"}, 0)])
    assert len(index) == 0
    assert set(index.errors) == {1, 2}
    with pytest.raises(ZoneGeometryError):
        from arm.rules.geo import _local_shape

        _local_shape(3, {"type": "LineString", "coordinates": [[76, 43], [77, 44]]}, 0)


def test_debounce_needs_consecutive_decisive_verdicts() -> None:
    d = Debounce(2)
    assert [d.observe(v) for v in (True, None, True)] == [False, False, True]  # uncertain neither counts nor resets
    assert d.state is True
    assert [d.observe(v) for v in (False, True, False, None, False)] == [False, False, False, False, True]
    assert d.state is False
