"""Small layout helpers: a dialog as wide as its title; a day without a clock time."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from PySide6.QtWidgets import QDialog

from widgets.fit import fit_title


def test_a_dialog_is_widened_to_its_title(qtbot: Any, qapp: Any) -> None:
    dialog = QDialog()
    qtbot.addWidget(dialog)
    dialog.setWindowTitle("Отложить тревогу на время обслуживания устройства")
    dialog.resize(120, 80)
    fit_title(dialog)
    dialog.show()
    needed = dialog.fontMetrics().horizontalAdvance(dialog.windowTitle())
    assert dialog.width() >= needed + 100


def test_days_show_without_a_clock_time(demo_db: Any, users: dict, make_ctx: Any) -> None:
    ctx = make_ctx(demo_db, users["operator"])
    assert ctx.format_day(date(2026, 2, 22)) == "22.02.2026"
    assert ctx.format_day(datetime(2026, 2, 22, tzinfo=UTC)) == "22.02.2026"  # a day stored as UTC midnight
    assert ctx.format_day(datetime(2026, 2, 22, 9, 30, tzinfo=UTC)) == ctx.format_time(
        datetime(2026, 2, 22, 9, 30, tzinfo=UTC), seconds=False)
    assert ctx.format_day(None) == "—"
