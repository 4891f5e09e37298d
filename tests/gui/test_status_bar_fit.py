"""The status bar never makes the window wider than a 1366 px screen: long items give way with "…"."""

from __future__ import annotations

from typing import Any

from widgets.status_bar import DeskStatusBar, ElidingLabel


def test_a_long_name_is_cut_not_the_window(qtbot: Any, db: Any, users: dict, make_ctx: Any) -> None:
    ctx = make_ctx(db, users["operator"])
    bar = DeskStatusBar(ctx)
    qtbot.addWidget(bar)
    long_name = "Нұрланқызы Айгерім Серікқызы Әбдірахманова (демо-оператор, бірінші ауысым)"
    bar.user_label.setText(long_name)
    bar.stop()
    # what the bar asks for at least stays small whatever the texts; the alarm count is never cut
    assert bar.minimumSizeHint().width() < 1000
    assert not isinstance(bar.alarms_label, ElidingLabel)
    bar.resize(700, 30)
    bar.show()
    qtbot.waitUntil(lambda: bar.user_label.width() > 0, timeout=3000)
    qtbot.waitUntil(lambda: bar.user_label.width() < bar.user_label.sizeHint().width(), timeout=3000)
    label = bar.user_label
    assert isinstance(label, ElidingLabel)
    assert label.text() == long_name and label.toolTip() == long_name  # the whole name stays readable
    shown = super(ElidingLabel, label).text()
    assert shown.endswith("…") and len(shown) < len(long_name)
