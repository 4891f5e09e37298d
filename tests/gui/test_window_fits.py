"""Every role's default layout fits 1366x768 and 1920x1080, before and after a track opens.

The real window with every panel of the role (the map too), in Russian (the
longer words), on demo data in a real database.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QToolButton

from tests.gui.conftest import wait_worker
from widgets import i18n
from widgets.main_window import MainWindow

SCREENS = ((1366, 768), (1920, 1080))
#: what a desktop's panel and the title bar take from the screen height
CHROME = 40


def _visible_docks(window: MainWindow) -> dict[str, QRect]:
    return {k: d.geometry() for k, d in window.docks.items() if d.isVisible() and not d.visibleRegion().isEmpty()}


def _assert_fits(window: MainWindow, width: int, height: int) -> None:
    assert window.width() <= width, f"window {window.width()} px wide on a {width} px screen"
    assert window.height() <= height
    assert window.minimumSizeHint().width() <= width
    for name, rect in _visible_docks(window).items():
        assert rect.right() < window.width(), f"{name} ends at {rect.right()} beyond {window.width()}"
        assert rect.width() >= 150, f"{name} only {rect.width()} px wide"


@pytest.mark.parametrize("size", SCREENS, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("role", ["operator", "supervisor", "technician", "administrator"])
def test_default_layout_fits(qtbot: Any, demo_db: Any, users: dict, make_ctx: Any, role: str,
                             size: tuple[int, int]) -> None:
    i18n.set_language("ru")
    width, height = size[0], size[1] - CHROME
    ctx = make_ctx(demo_db, users[role])
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.resize(width, height)
    window.show()
    wait_worker(qtbot, ctx)
    qtbot.wait(300)
    _assert_fits(window, width, height)
    if "zones" in window.panels and "map" in window.panels:  # the editor draws on the window's map
        assert window.panels["zones"].map_view is window.panels["map"]
    if "alarms" in window.docks:
        alarms = window.panels["alarms"]
        assert window.docks["alarms"].width() >= 0.25 * width
        bar = alarms.action_bar
        for name, action in alarms.buttons.items():  # every alarm button on screen, none behind a chevron
            button = bar.findChild(QToolButton, f"{name}Button")
            assert button is not None and button.isVisible(), name
            assert bar.rect().contains(button.geometry()), name
            assert action.text().startswith(button.text()[:3])
    if "map" not in window.panels or not ctx.may_see_personal_data():
        return  # no map, or no tracks for this role (arm.access)
    persons = window.panels["persons"]
    qtbot.waitUntil(lambda: persons.model.rowCount() > 0, timeout=5000)
    end = datetime.now(UTC)
    window.panels["map"].show_track(persons.model.row(0).id, end - timedelta(hours=24), end)
    track = window.panels["map"].track_panel
    qtbot.waitUntil(track.isVisible, timeout=5000)
    wait_worker(qtbot, ctx)
    qtbot.wait(300)
    _assert_fits(window, width, height)
    if "alarms" in window.docks:
        assert window.docks["alarms"].geometry().right() < width
