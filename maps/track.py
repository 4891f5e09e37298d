"""A person's track for a period: the fixes, their quality, and the violations on it.

Read on the database worker (never on the GUI thread). Quality codes drive the
colours on the map and in the legend: 0 good GNSS or home beacon, 1 poor GNSS
(HDOP > 2 or fewer than 5 satellites), 2 cell-network fix, 3 no fix.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from db.models import Alarm, Assignment, DeviceEventRow, Position

GOOD, POOR, CELL, NONE = 0, 1, 2, 3


@dataclass(frozen=True, slots=True)
class TrackPoint:
    time: datetime
    lat: float
    lon: float
    fix: int
    sats: int | None = None
    hdop: float | None = None
    accuracy_m: float | None = None
    speed_kmh: float | None = None
    course: float | None = None

    @property
    def quality(self) -> int:
        return fix_quality(self.fix, self.sats, self.hdop)


@dataclass(frozen=True, slots=True)
class Violation:
    time: datetime
    lat: float
    lon: float
    kind: str
    text: str
    alarm_id: int | None = None


@dataclass(slots=True)
class Track:
    person_id: int
    start: datetime
    end: datetime
    points: list[TrackPoint] = field(default_factory=list)
    violations: list[Violation] = field(default_factory=list)

    def page_data(self) -> dict[str, Any]:
        """The JSON handed to ``ARM.track.show``."""
        return {
            "points": [
                [p.lat, p.lon, int(p.time.timestamp() * 1000), p.quality, p.accuracy_m or 0] for p in self.points
            ],
            "violations": [
                {"lat": v.lat, "lon": v.lon, "t": int(v.time.timestamp() * 1000), "text": v.text}
                for v in self.violations
            ],
        }

    def index_at(self, when: datetime) -> int:
        """Index of the last point at or before ``when`` (0 if before the first)."""
        times = [p.time for p in self.points]
        return max(0, bisect.bisect_right(times, when) - 1)


def fix_quality(fix: int, sats: int | None, hdop: float | None) -> int:
    if fix == 1:
        if (hdop is not None and hdop > 2.0) or (sats is not None and sats < 5):
            return POOR
        return GOOD
    if fix == 2:
        return GOOD
    if fix == 3:
        return CELL
    return NONE


def load_track(session: Session, person_id: int, start: datetime, end: datetime) -> Track:
    """Fixes of every device issued to the person during [start, end], in time order."""
    if end <= start:
        raise ValueError("the end of the period must be after its start")
    spans = session.execute(
        select(Assignment.device_id, Assignment.issued_at, Assignment.returned_at).where(
            Assignment.person_id == person_id,
            Assignment.issued_at <= end,
            or_(Assignment.returned_at.is_(None), Assignment.returned_at >= start),
        )
    ).all()
    track = Track(person_id=person_id, start=start, end=end)
    for device_id, issued, returned in spans:
        lo = max(start, issued)
        hi = min(end, returned) if returned else end
        for pos in session.scalars(
            select(Position)
            .where(Position.device_id == device_id, Position.time >= lo, Position.time <= hi)
            .order_by(Position.time)
        ):
            track.points.append(
                TrackPoint(pos.time, pos.lat, pos.lon, pos.fix, pos.sats, pos.hdop, pos.accuracy_m,
                           pos.speed_kmh, pos.course)
            )
    track.points.sort(key=lambda p: p.time)
    for alarm in session.scalars(
        select(Alarm).where(Alarm.person_id == person_id, Alarm.raised_at >= start, Alarm.raised_at <= end)
        .order_by(Alarm.raised_at)
    ):
        where = _alarm_location(session, alarm, track)
        if where is not None:
            track.violations.append(
                Violation(alarm.raised_at, where[0], where[1], alarm.kind, alarm.message or alarm.kind, alarm.id)
            )
    return track


def _alarm_location(session: Session, alarm: Alarm, track: Track) -> tuple[float, float] | None:
    details = alarm.details or {}
    if details.get("lat") is not None and details.get("lon") is not None:
        return float(details["lat"]), float(details["lon"])
    if alarm.event_id is not None:
        ev = session.get(DeviceEventRow, alarm.event_id)
        if ev is not None and ev.fields.get("lat") is not None and ev.fields.get("lon") is not None:
            return float(ev.fields["lat"]), float(ev.fields["lon"])
    if track.points:
        p = track.points[track.index_at(alarm.raised_at)]
        return p.lat, p.lon
    return None
