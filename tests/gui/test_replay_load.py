"""The supervisor's operator-load chart: the last 24 hours replayed from the live database, drawn."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pyqtgraph as pg
import pytest
from sqlalchemy import func, select

from arm.access import AccessDenied
from arm.alarms.scenario import World
from arm.replay.clock import VirtualClock
from arm.replay.run import load_report
from arm.rules.seed import offset
from db.models import Alarm, AuditEntry

HOME = (43.2567, 76.9286)


@pytest.fixture
def history(db, bus, ingest):
    """A tracker heard every 5 minutes for the last 26 hours, strap knocked twice, out of contact for an hour."""
    now = datetime.now(UTC).replace(minute=0, second=0, microsecond=0)
    clock = VirtualClock(now - timedelta(hours=27))
    world = World(db, bus, ingest, clock=clock)
    pid = world.seed.person(home=HOME)
    world.seed.kit(pid, "1", ("TRK",))
    world.reload()
    t0 = now - timedelta(hours=26)
    for i in range(0, 26 * 60, 5):
        at = t0 + timedelta(minutes=i)
        if 600 <= i < 660:
            continue
        clock.advance(at)
        world.feed(world.fix("TRK-1", at, *offset(*HOME, north_m=3)))
        if i in (120, 300):
            world.feed(world.ev("TRK-1", at + timedelta(seconds=1), "TAMPER", part="STRAP", state="OPEN"),
                       world.ev("TRK-1", at + timedelta(seconds=9), "TAMPER", part="STRAP", state="RESTORED"))
    world.close()
    return db


@pytest.mark.gui
def test_the_chart_shows_the_replayed_load(history, users, make_ctx, qtbot) -> None:
    from widgets.charts import ChartsPanel

    with history.session() as s:
        live_alarms = s.scalar(select(func.count(Alarm.id)))
    ctx = make_ctx(history, users["supervisor"])
    panel = ChartsPanel(ctx)
    qtbot.addWidget(panel)
    panel.load_button.click()
    dialog = panel.load_dialog
    dialog.run_button.click()
    qtbot.waitUntil(lambda: dialog.run_button.isEnabled(), timeout=60_000)
    assert dialog.figures["raw"].text() == "3", dialog.status.text()  # two knocks and the silence
    assert dialog.figures["technical"].text() == "33%"
    bars = [item for item in dialog.plot.getPlotItem().items if isinstance(item, pg.BarGraphItem)]
    assert len(bars) == 1 and sum(bars[0].opts["height"]) == pytest.approx(3 / 4)  # 3 incidents over 4 desks
    dialog.tuned.setChecked(True)
    dialog.run_button.click()
    qtbot.waitUntil(lambda: dialog.run_button.isEnabled(), timeout=60_000)
    assert dialog.figures["raw"].text() == "3" and dialog.figures["incidents"].text().startswith("1 ")
    with history.session() as s:  # the live alarms are untouched, both runs audited
        assert s.scalar(select(func.count(Alarm.id))) == live_alarms
        assert s.scalar(select(func.count(AuditEntry.id)).where(AuditEntry.action == "replay_run")) == 2


def test_a_technician_may_not_replay(history, users) -> None:
    end = datetime.now(UTC)
    with pytest.raises(AccessDenied):
        load_report(history, users["technician"], end - timedelta(hours=1), end)
    with history.session() as s:
        assert s.scalar(select(func.count(AuditEntry.id)).where(AuditEntry.action == "denied")) >= 1
