"""After a restart the rules engine rebuilds its state from the last fixes and every newest event."""

from __future__ import annotations

from datetime import timedelta

import pytest

from arm.alarms import runtime
from arm.alarms.scenario import ALMATY, World
from arm.events import utcnow

HOME = (43.2567, 76.9286)
AWAY = (43.3100, 76.8500)


def curfew_world(db, bus, ingest, now) -> tuple[World, int]:
    start = (now + timedelta(minutes=2)).astimezone(ALMATY)
    end = (now + timedelta(hours=2)).astimezone(ALMATY)
    world = World(db, bus, ingest)
    pid = world.seed.person(home=HOME)
    world.seed.kit(pid, "1", ("BRC", "SKU", "TRK"))
    world.seed.restriction(pid, "curfew", schedule=[{"start": start.strftime("%H:%M"), "end": end.strftime("%H:%M")}])
    world.reload()
    return world, pid


def test_the_newest_events_reach_the_state_however_many_came_before(db, bus, ingest, monkeypatch) -> None:
    """A window with more events than one read: the newest (person went out) is not lost."""
    monkeypatch.setattr(runtime, "REPLAY_CHUNK", 7)
    now = utcnow()
    world, _pid = curfew_world(db, bus, ingest, now)
    # 40 reports of the home unit "in", then the newest: "out"
    world.feed(*[world.ev("SKU-1", now - timedelta(minutes=60 - i), "PRESENCE", bracelet="BRC-1", state="IN",
                          rssi=None) for i in range(40)])
    world.feed(world.ev("SKU-1", now - timedelta(minutes=5), "PRESENCE", bracelet="BRC-1", state="OUT", rssi=None))
    world.close()
    again = World(db, bus, ingest)
    try:
        assert again.runtime.replay() == 41  # every event of the window, in chunks of 7
        again.tick(now + timedelta(minutes=3))
        assert ("curfew", "active", False) in again.summary()
    finally:
        again.close()


@pytest.mark.parametrize("fix_age_h", [5])
def test_a_fix_older_than_the_window_is_still_where_the_person_was_last_seen(db, bus, ingest, fix_age_h) -> None:
    now = utcnow()
    world, _pid = curfew_world(db, bus, ingest, now)
    world.feed(world.fix("TRK-1", now - timedelta(hours=fix_age_h), *AWAY))  # outside the 2-hour replay window
    world.feed(world.ev("SKU-1", now - timedelta(minutes=30), "PRESENCE", bracelet="BRC-1", state="OUT", rssi=None))
    world.close()
    again = World(db, bus, ingest)
    try:
        again.tick(now + timedelta(minutes=3))
        curfew = [a for a in again.alarms() if a.kind == "curfew"]
        assert len(curfew) == 1
        # the alarm says where the person was last seen: the fix from the maintained last-position table
        assert (curfew[0].details.get("lat"), curfew[0].details.get("lon")) == pytest.approx(AWAY)
    finally:
        again.close()
