"""The zone editor's what-if check: the alarms a drawn zone would have raised, listed and marked on the map."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from arm.alarms.scenario import World
from arm.replay.clock import VirtualClock
from arm.rules.seed import circle, offset
from tests.maps.conftest import js

HOME = (43.2567, 76.9286)


@pytest.mark.gui
def test_check_against_the_last_days_lists_and_marks_the_alarms(db, bus, ingest, make_ctx, open_map, qtbot) -> None:
    from maps.zone_editor import ZoneEditor

    now = datetime.now(UTC).replace(microsecond=0)
    clock = VirtualClock(now - timedelta(days=2))
    world = World(db, bus, ingest, clock=clock)
    pid = world.seed.person(home=HOME)
    world.seed.kit(pid, "1", ("TRK",))
    world.reload()
    shop = offset(*HOME, north_m=1500)
    for day in (2, 1):  # yesterday and the day before: 20 minutes at the shop
        t = now - timedelta(days=day)
        for i in range(0, 60, 5):
            at = t + timedelta(minutes=i)
            clock.advance(at)
            world.feed(world.fix("TRK-1", at, *(shop if 20 <= i < 40 else HOME)))
    world.close()

    ctx = make_ctx(db, role="supervisor")
    view = open_map(ctx)
    editor = ZoneEditor(ctx, map_view=view)
    qtbot.addWidget(editor)
    editor.show()
    editor.name.setText("Shop")
    editor.kind.setCurrentIndex(editor.kind.findData("exclusion"))
    editor._geometry = {"geometry": circle(*shop, 120)}
    editor.check_days.setValue(3)
    editor.check_button.click()
    qtbot.waitUntil(lambda: editor.check_button.isEnabled(), timeout=60_000)
    assert editor.check_list.count() == 2, editor.check_result.text()
    assert "2" in editor.check_result.text() and editor.check_list.isVisible()
    qtbot.waitUntil(lambda: js(qtbot, view, "ARM.whatIf.count()") == 2, timeout=5_000)

    editor._geometry = {"geometry": circle(*offset(*HOME, east_m=4000), 120)}  # nowhere near the route
    editor.check_button.click()
    qtbot.waitUntil(lambda: editor.check_button.isEnabled(), timeout=60_000)
    assert editor.check_list.count() == 0 and not editor.check_list.isVisible()
    qtbot.waitUntil(lambda: js(qtbot, view, "ARM.whatIf.count()") == 0, timeout=5_000)
