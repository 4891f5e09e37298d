"""The virtual "now" a replay injects wherever the rules and alarms read the time.

Live, the ingest core stamps receive times, the rules engine ticks and the
alarm manager dates its actions with the wall clock. A replay hands all of them
this clock instead and moves it forward in event time, so silence, curfew
windows, escalation and shelving behave as they did live, only faster.
"""

from __future__ import annotations

from datetime import datetime


class VirtualClock:
    """A callable returning the replay's current time; it never runs backwards."""

    __slots__ = ("now",)

    def __init__(self, start: datetime) -> None:
        if start.tzinfo is None:
            raise ValueError("the virtual clock needs an aware UTC time")
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, to: datetime) -> datetime:
        """Move to ``to`` unless that is in the past (a late event does not turn time back)."""
        if to > self.now:
            self.now = to
        return self.now
