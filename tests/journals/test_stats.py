"""Chart figures: counted in the database, scoped to the user's districts."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from arm import access
from arm.reports import stats
from arm.reports.fill import DISTRICTS, extras, fill
from tests.journals.conftest import T0, settle, user
from widgets.charts import ChartsPanel

ALMATY = ZoneInfo("Asia/Almaty")


def test_alarms_per_local_day_by_kind_and_priority(journal_db, supervisor):
    with journal_db.db.session() as s:
        by_kind = stats.alarms_per_day(s, supervisor, T0 - timedelta(days=1), T0 + timedelta(days=2), ALMATY)
        by_prio = stats.alarms_per_day(s, supervisor, T0 - timedelta(days=1), T0 + timedelta(days=2), ALMATY,
                                       by="priority")
    # T0 = 06:00 UTC = 11:00 Almaty: alarms at 11:00..22:00 local fall on 2 Nov; none spill to 3 Nov.
    day = datetime(2026, 11, 2).date()
    assert by_kind == {day: {"exclusion_zone": 6, "strap_open": 6}}
    assert by_prio == {day: {"critical": 4, "high": 8}}


def test_operator_times_and_district_scope(journal_db):
    almaty_only = user("supervisor", "s", ("Алмалинский",))
    with journal_db.db.session() as s:
        ops = stats.operator_figures(s, almaty_only, T0 - timedelta(hours=1), T0 + timedelta(days=1))
    assert [(o.operator, o.alarms) for o in ops] == [("oper1", 4), ("oper2", 2)]
    oper1 = ops[0]
    assert oper1.ack_median_s == pytest.approx(((2 + 1) + (2 + 4)) / 2 * 60, abs=61)  # k=0,1,4,5: 2..7 min
    assert oper1.close_median_s == 30 * 60


def test_floods_standing_and_shelved(db, supervisor):
    now = datetime.now(UTC)
    with db.begin() as s:
        fill(s, persons=30, violations=50, start=now - timedelta(days=5))
        extras(s, now, first_alarm_id=10_000)
    everyone = user("supervisor", "s", tuple(DISTRICTS))
    with db.session() as s:
        floods = stats.floods(s, everyone, now - timedelta(days=4), now)
        ss = stats.standing_and_shelved(s, everyone, now)
    assert len(floods) == 1 and floods[0].alarms >= 40
    assert floods[0].end - floods[0].start <= timedelta(minutes=30)
    assert len(ss["standing"]) == 3 and len(ss["shelved"]) == 2


def test_battery_history_of_a_device_and_role_rules(db):
    now = datetime.now(UTC)
    with db.begin() as s:
        fill(s, persons=3, violations=3, start=now - timedelta(days=2))
        extras(s, now, first_alarm_id=1000, persons=3)
    with db.begin() as s:
        rows = stats.battery_history(s, user("technician"), serial="BRC100000", start=now - timedelta(days=8),
                                     end=now + timedelta(hours=1))
        assert len(rows) == 7 * 48 and all(0 < b <= 100 for _, b, _ in rows)
        with pytest.raises(access.AccessDenied):
            stats.battery_history(s, user("technician"), person_id=1, start=now - timedelta(days=1), end=now)
        with pytest.raises(access.AccessDenied):
            stats.operator_figures(s, user("technician"), now - timedelta(days=1), now)
        assert stats.devices_by_state(s, user("technician")) == {"issued": 3}


def test_charts_panel_draws_and_names_what_the_role_cannot_see(qtbot, journal_db, make_ctx, supervisor):
    ctx = make_ctx(journal_db.db, user("administrator", "admin"))
    panel = ChartsPanel(ctx)
    qtbot.addWidget(panel)
    panel.period.setCurrentIndex(3)
    panel.refresh()
    settle(qtbot, ctx)
    assert "alarms per day" in panel.status.text() and panel.operators_table.rowCount() == 0
    ctx2 = make_ctx(journal_db.db, supervisor)
    panel2 = ChartsPanel(ctx2)
    qtbot.addWidget(panel2)
    panel2.period.setCurrentIndex(3)
    panel2.refresh()
    settle(qtbot, ctx2)
    assert panel2.operators_table.rowCount() == 2 and "Not available" not in panel2.status.text()


def test_charts_load_when_shown_and_legends_read_words(qtbot, journal_db, make_ctx, supervisor):
    ctx = make_ctx(journal_db.db, supervisor)
    panel = ChartsPanel(ctx)
    qtbot.addWidget(panel)
    panel.period.setCurrentIndex(3)
    panel.show()  # no "Refresh" pressed
    qtbot.waitUntil(lambda: panel.operators_table.rowCount() == 2, timeout=10000)
    labels = [label.text for _, label in panel.per_day.legend.items]
    assert "Entered an exclusion zone" in labels and not any("_" in text for text in labels)
    ticks = panel.devices.getAxis("bottom")._tickLevels[0]
    assert [text for _, text in ticks] == ["issued"] and ticks  # a status in words, not a code
