"""What-if: the alarms a drafted zone or curfew would have raised over the last days, nothing saved."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import func, select

from arm.access import AccessDenied
from arm.alarms.scenario import World, later, local
from arm.replay.clock import VirtualClock
from arm.replay.whatif import DraftRule, WhatIfError, what_if
from arm.rules.seed import circle, offset
from db.models import Alarm, AuditEntry, Restriction, Role, Zone

HOME = (43.2567, 76.9286)
NOW = local(2026, 11, 23, 12, 0)


@pytest.fixture
def world(db, bus, ingest) -> Any:
    """One person walking the same route past a shop every day at 10:00 for three days."""
    clock = VirtualClock(NOW - timedelta(days=4))
    w = World(db, bus, ingest, clock=clock)
    pid = w.seed.person(home=HOME)
    w.seed.kit(pid, "1", ("TRK",))
    w.reload()
    shop = offset(*HOME, north_m=1500)
    for day in (20, 21, 22):
        t = local(2026, 11, day, 9, 0)
        for i in range(0, 180, 5):
            at = later(t, minutes=i)
            where = shop if 60 <= i < 90 else HOME
            clock.advance(at)
            w.feed(w.fix("TRK-1", at, *where))
    w.pid, w.shop = pid, shop
    yield w
    w.close()


def test_a_zone_across_the_route_would_have_raised_an_alarm_a_day(world: World, db) -> None:
    sup = world.user("sup", Role.SUPERVISOR)
    with db.session() as s:
        before = (s.scalar(select(func.count(Zone.id))), s.scalar(select(func.count(Restriction.id))),
                  s.scalar(select(func.count(Alarm.id))))
    draft = DraftRule("exclusion_zone", geometry=circle(*world.shop, 150), buffer_m=20)
    result = what_if(db, sup, draft, None, days=4, now=NOW)
    assert result.persons == 1
    assert [(a.kind, a.person_id, a.at.astimezone(NOW.tzinfo).date().day) for a in result.alarms] == [
        ("exclusion_zone", world.pid, day) for day in (20, 21, 22)]
    assert all(a.lat is not None and abs(a.lat - world.shop[0]) < 0.001 for a in result.alarms)
    # a zone elsewhere would have raised nothing
    quiet = what_if(db, sup, DraftRule("exclusion_zone", geometry=circle(*offset(*HOME, east_m=5000), 150)),
                    [world.pid], days=4, now=NOW)
    assert quiet.alarms == [] and quiet.events > 0
    with db.session() as s:  # nothing saved, the checks audited
        assert (s.scalar(select(func.count(Zone.id))), s.scalar(select(func.count(Restriction.id))),
                s.scalar(select(func.count(Alarm.id)))) == before
        assert s.scalar(select(func.count(AuditEntry.id)).where(AuditEntry.action == "what_if_check")) == 2


def test_a_curfew_draft_and_the_limits(world: World, db) -> None:
    sup = world.user("sup", Role.SUPERVISOR)
    morning = DraftRule("curfew", schedule=[{"days": [0, 1, 2, 3, 4, 5, 6], "start": "10:00", "end": "10:20"}])
    result = what_if(db, sup, morning, [world.pid], days=4, now=NOW)
    assert [a.kind for a in result.alarms] == ["curfew"] * 3
    with pytest.raises(WhatIfError) as bad:
        what_if(db, sup, DraftRule("curfew", schedule=[{"start": "25:00", "end": "06:00"}]), None, days=1, now=NOW)
    assert bad.value.code == "bad_schedule"
    with pytest.raises(WhatIfError):
        what_if(db, sup, morning, None, days=90, now=NOW)
    tech = world.user("tech1", Role.TECHNICIAN)
    with pytest.raises(AccessDenied):
        what_if(db, tech, morning, None, days=1, now=NOW)
