"""The shift handover lists what happened in the shift, with names, and prints to PDF."""

from __future__ import annotations

import subprocess
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from arm.access import AccessDenied
from arm.alarms.scenario import World, later
from arm.alarms.shift import shift_start, shift_summary
from arm.events import utcnow
from db.models import Resolution, User
from tests.alarms.test_attention import actx, panel  # noqa: F401 - the fixtures
from tests.alarms.test_panel import T0, feed_and_wait
from widgets.handover_dialog import HandoverDialog

pytestmark = pytest.mark.gui


def _named(world: World, login: str, name: str) -> None:
    with world.db.begin() as s:
        s.scalars(select(User).where(User.login == login)).one().full_name = name


def _shift(qtbot: Any, panel: Any, world: World) -> None:  # noqa: F811
    feed_and_wait(qtbot, panel, world, world.ev("BRC-1", T0, "TAMPER", part="STRAP", state="OPEN"),
                  world.ev("TRK-2", T0, "STAT", battery=9, charging=False, rssi=None, temperature=None), count=2)
    strap = next(a for a in world.alarms() if a.kind == "tamper_strap")
    world.operations.acknowledge(strap.id, world.op1).result(10)
    world.operations.add_action(strap.id, world.op1, "called_person", "рядом с домом, ремешок цел").result(10)
    world.operations.close(strap.id, world.op1, Resolution("false_alarm"), "техник поправил ремешок").result(10)
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1, timeout=10000)


def test_the_shift_summary_names_people_and_keeps_closed_alarms(qtbot: Any, panel: Any, world: World) -> None:  # noqa: F811
    _named(world, "op1", "Серикова Айгерим")
    _shift(qtbot, panel, world)
    with world.db.begin() as s:
        summary = shift_summary(s, world.op1, T0 - timedelta(hours=1), utcnow() + timedelta(minutes=1))
    assert [a.kind for a in summary.alarms] == ["tamper_strap", "low_battery"]
    assert summary.reader == "Серикова Айгерим"
    closed = summary.closed()
    assert [a.kind for a in closed] == ["tamper_strap"] and closed[0].closed_by == "Серикова Айгерим"
    assert closed[0].acknowledged_by == "Серикова Айгерим" and closed[0].resolution == "false_alarm"
    assert {x.user for x in summary.actions if x.user != "system"} == {"Серикова Айгерим"}
    assert "called_person" in {x.action for x in summary.actions}
    with world.db.begin() as s:
        assert shift_start(s, "op1", later(T0, hours=1)) == later(T0, hours=1) - timedelta(hours=12)
        technician = world.user("tech1", "technician")
        with pytest.raises(AccessDenied):
            shift_summary(s, technician, T0, later(T0, hours=1))


def test_the_dialog_shows_the_shift_and_prints_a_pdf(qtbot: Any, panel: Any, world: World, actx: Any,  # noqa: F811
                                                    tmp_path: Path) -> None:
    _named(world, "op1", "Серикова Айгерим")
    _shift(qtbot, panel, world)
    # the shift: since the last log-in (none here: the last 12 hours); the strap alarm was raised at T0,
    # weeks ago, and acknowledged and closed now, so it is in; the low battery alarm is not
    dialog = HandoverDialog(actx, panel.manager, panel)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=10000)
    text = dialog.browser.toPlainText()
    assert "During the shift" in text and "Alarms: 1, of them closed: 1, actions taken:" in text
    assert "Prepared " in text and "by Серикова Айгерим" in text
    assert "closed " in text and "by Серикова Айгерим: False alarm" in text
    assert "рядом с домом, ремешок цел" in text
    assert " op1" not in text and "by op1" not in text  # names, not logins
    pdf = dialog.write_pdf(tmp_path / "handover.pdf")
    printed = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                             check=True).stdout
    assert "Shift handover" in printed and "Серикова Айгерим" in printed and "ремешок" in printed
