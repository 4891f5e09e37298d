"""What a supervisor filters a journal by; empty fields do not filter."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from datetime import datetime
from typing import Any


@dataclass(frozen=True)
class JournalFilter:
    date_from: datetime | None = None  # aware, inclusive
    date_to: datetime | None = None  # aware, exclusive
    district: str | None = None
    officer: str | None = None  # inspector of the person (substring)
    person: str | None = None  # surname prefix, or IIN prefix when digits
    person_id: int | None = None
    category: str | None = None
    kind: str | None = None  # violation / alarm kind / audit action
    resolution: str | None = None
    operator: str | None = None  # who recorded / acknowledged / acted
    device: str | None = None  # device serial

    def __post_init__(self) -> None:
        for name in ("date_from", "date_to"):
            value = getattr(self, name)
            if value is not None and value.tzinfo is None:
                raise ValueError(f"{name} must be an aware datetime")
        if self.date_from and self.date_to and self.date_to <= self.date_from:
            raise ValueError("The end of the period must be after its start.")

    def describe(self) -> dict[str, Any]:
        """The set fields, for the audit journal and the header of an export."""
        out: dict[str, Any] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if value not in (None, ""):
                out[f.name] = value.isoformat() if isinstance(value, datetime) else value
        return out

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)
