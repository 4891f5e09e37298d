"""Map-owned table: the time windows in which a zone applies (Qt-free).

``db.models.Zone`` has no schedule column; the zone editor keeps the zone's
default schedule here, one row per zone, in the same window format as
``Restriction.schedule``: ``[{"days": [0..6], "start": "HH:MM", "end": "HH:MM"}]``
in the desk's local time (an end before the start runs past midnight).
An empty list or no row means "always".
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey
from sqlalchemy.orm import Mapped, mapped_column

from db.models import Base, UtcDateTime


class ZoneSchedule(Base):
    __tablename__ = "zone_schedules"

    zone_id: Mapped[int] = mapped_column(ForeignKey("zones.id", ondelete="CASCADE"), primary_key=True)
    schedule: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime())
