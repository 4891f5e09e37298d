"""The restrictions editor's "Check against the last N days" (issue 17 what-if): real widgets, real replay."""

from __future__ import annotations

import threading
from datetime import timedelta
from typing import Any

from sqlalchemy import func, select

from arm.alarms.scenario import World, later
from arm.events import utcnow
from arm.replay import whatif
from arm.replay.clock import VirtualClock
from arm.rules.seed import offset
from db.models import AuditEntry, Restriction, Zone
from tests.gui.conftest import wait_worker
from widgets.restrictions_editor import SOURCE_MAP, RestrictionEditor

HOME = (43.2567, 76.9286)


def _walked_to_the_shop(db: Any, bus: Any, ingest: Any) -> tuple[int, tuple[float, float]]:
    """A person who went to a shop 1.5 km north for half an hour yesterday: fixes every 5 minutes for 3 hours."""
    start = utcnow() - timedelta(days=1)
    clock = VirtualClock(start - timedelta(minutes=1))
    world = World(db, bus, ingest, clock=clock)
    try:
        pid = world.seed.person(home=HOME)
        world.seed.kit(pid, "1", ("TRK",))
        world.reload()
        shop = offset(*HOME, north_m=1500)
        for i in range(0, 180, 5):
            at = later(start, minutes=i)
            clock.advance(at)
            world.feed(world.fix("TRK-1", at, *(shop if 60 <= i < 90 else HOME)))
    finally:
        world.close()
    return pid, shop


def _counts(db: Any) -> tuple[int, int]:
    with db.session() as s:
        return s.scalar(select(func.count(Zone.id))) or 0, s.scalar(select(func.count(Restriction.id))) or 0


def test_a_drafted_exclusion_zone_lists_the_alarm_it_would_have_raised(
    qtbot: Any, db: Any, bus: Any, ingest: Any, users: dict, make_ctx: Any, monkeypatch: Any
) -> None:
    pid, shop = _walked_to_the_shop(db, bus, ingest)
    ctx = make_ctx(db, users["supervisor"])
    threads: list[str] = []
    real = whatif.what_if

    def spy(*args: Any, **kwargs: Any) -> Any:
        threads.append(threading.current_thread().name)
        return real(*args, **kwargs)

    monkeypatch.setattr(whatif, "what_if", spy)
    editor = RestrictionEditor(ctx, pid, kind="exclusion_zone")
    qtbot.addWidget(editor)
    editor.show()
    wait_worker(qtbot, ctx)
    before = _counts(db)
    editor.source.setCurrentIndex(editor.source.findData(SOURCE_MAP))
    editor.zone_name.setText("Магазин")
    editor.set_point(*shop, radius_m=150)
    editor.check_days.setValue(3)
    assert editor.check_button.isEnabled()
    editor.check_button.click()
    assert not editor.check_button.isEnabled()  # one check at a time
    qtbot.waitUntil(editor.check_button.isEnabled, timeout=60_000)
    assert editor.check_result.text() == "Alarms it would have raised in the last 3 days: 1."
    assert editor.check_list.isVisible() and editor.check_list.count() == 1
    line = editor.check_list.item(0).text()
    assert "entered the zone" in line and f"{shop[0]:.2f}" in line
    # the replay ran on the editor's own thread, not on the desk's database worker ("arm-db")
    assert threads and all(not name.startswith("arm-db") for name in threads)
    assert editor.check_worker is not None and editor.check_worker is not ctx.worker
    ctx.read(lambda s: None).result(timeout=5)  # the desk's worker stays free for other reads
    # a circle far from the route: no alarm; nothing saved by either check, both audited
    editor.set_point(*offset(*HOME, east_m=5000), radius_m=150)
    editor.check_button.click()
    qtbot.waitUntil(editor.check_button.isEnabled, timeout=60_000)
    assert editor.check_result.text() == "No alarm in the last 3 days."
    assert not editor.check_list.isVisible()
    assert _counts(db) == before
    with db.session() as s:
        assert s.scalar(select(func.count(AuditEntry.id)).where(AuditEntry.action == "what_if_check")) == 2
    editor.reject()
    assert editor.check_worker is None


def test_the_check_needs_a_complete_draft_and_a_kind_it_can_replay(
    qtbot: Any, db: Any, users: dict, make_ctx: Any
) -> None:
    from datetime import date

    from db.models import Person
    from db.validation import make_iin

    with db.begin() as s:
        p = Person(last_name="Ахметов", first_name="Серик", iin=make_iin(date(1985, 1, 1), 123),
                   birth_date=date(1985, 1, 1), category="parole", supervision_start=date(2026, 1, 10),
                   registered_on=date(2026, 1, 10), district="KZ-71-esil")
        s.add(p)
        s.flush()
        pid = p.id
    ctx = make_ctx(db, users["supervisor"])
    editor = RestrictionEditor(ctx, pid, kind="exclusion_zone")
    qtbot.addWidget(editor)
    editor.show()
    wait_worker(qtbot, ctx)
    editor.source.setCurrentIndex(editor.source.findData(SOURCE_MAP))
    editor.check_button.click()  # no centre picked: the problem beside the field, no replay
    assert editor.check_worker is None
    assert editor.errors["zone"].text() and "complete restriction" in editor.check_result.text()
    editor.kind.setCurrentIndex(editor.kind.findData("alcohol_ban"))
    assert not editor.check_button.isEnabled() and not editor.check_days.isEnabled()
    editor.kind.setCurrentIndex(editor.kind.findData("curfew"))
    assert editor.check_button.isEnabled()
