"""One journey of one role in one language, in a process of its own (``python -m tests.journeys.journey``).

A process per journey: QtWebEngine does not survive several workstation
windows and service restarts in one process's event loop (it crashed at the
third), and a desk runs one session per process anyway. Prints the saved
screenshots, one per line; exits 1 with the failed check on stderr.

    python -m tests.journeys.journey operator kk 1366x768 OUT_DIR
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import traceback
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.journeys.screen_words import CODE, LATIN, catalogue_words, foreign
from widgets.alarm_model import ViewRole

ROLES = {"operator": "operator", "supervisor": "supervisor", "technician": "technician", "administrator": "admin"}
CHROME = 40  # the desktop's panel and the title bar


def _within_screen(window: Any, width: int, height: int) -> None:
    assert window.width() <= width and window.height() <= height, (window.width(), window.height())
    assert window.minimumSizeHint().width() <= width
    for name, dock in window.docks.items():
        if dock.isVisible() and not dock.visibleRegion().isEmpty():
            rect = dock.geometry()
            assert rect.right() < window.width() and rect.width() >= 150, (name, rect)


def _no_english(widget: Any, words: set[str], what: str) -> None:
    found = foreign(widget, words)
    assert not found, f"{what}: English or raw codes on screen:\n" + "\n".join(found)


async def _wait(condition: Any, timeout: float = 10.0) -> bool:
    loop = asyncio.get_running_loop()
    end = loop.time() + timeout
    while loop.time() < end:
        if condition():
            return True
        await asyncio.sleep(0.05)
    return bool(condition())


async def journey(role: str, lang: str, size: tuple[int, int], shots: Path) -> list[str]:
    from PySide6.QtTest import QTest

    from arm import auth
    from arm.bus import Bus
    from arm.config import Settings
    from scripts.screenshots.main_window import _events
    from widgets.app import build_service, build_window, open_database, seed_demo

    width, height = size[0], size[1] - CHROME
    prefix = f"{role}_{lang}_{size[0]}x{size[1]}"
    saved: list[str] = []
    words = catalogue_words()
    db = open_database(None)
    seed_demo(db)
    settings = Settings()
    settings.general.language = lang
    bus = Bus()
    service = build_service(db, bus, settings, argparse.Namespace(db=None, demo=True, lang=lang))
    await service.start()
    window = None
    try:
        with db.begin() as s:
            user = auth.authenticate(s, ROLES[role], "demo1234")
        window = build_window(db, bus, service, settings, user)
        window.confirm_on_close = False
        window.resize(width, height)
        window.show()
        window.activateWindow()
        await service.ingest.store(_events(db))
        persons = window.panels["persons"]
        assert await _wait(lambda: persons.model.rowCount() > 0)
        alarms = window.panels.get("alarms")
        if alarms is not None:
            assert await _wait(lambda: alarms.model.rowCount() >= 2), "the events raise alarms"
        await asyncio.sleep(1.0)
        _within_screen(window, width, height)

        def shot(name: str, widget: Any = None) -> None:
            path = shots / f"{prefix}_{name}.png"
            (widget or window).grab().save(str(path))
            saved.append(str(path))

        shot("start")
        _no_english(window, words, f"{prefix} main window")

        if alarms is not None:
            # F2 from the person search: the keyboard goes to the alarm list, on the most urgent alarm
            persons.search.setFocus()
            QTest.keyClick(persons.search, Qt.Key.Key_F2)
            assert QApplication.focusWidget() is alarms.table
            top = alarms.proxy.index(0, 0).data(ViewRole)
            current = alarms.selected()
            assert current is not None and current.priority == top.priority, "an alarm of the top priority is selected"
            before = alarms.unackedCount
            QTest.keyClick(alarms.table, Qt.Key.Key_Space)  # the most urgent unacknowledged one
            assert alarms.selected().id == top.id
            QTest.keyClick(alarms.table, Qt.Key.Key_A)
            assert await _wait(lambda: alarms.unackedCount == before - 1), "A acknowledges"
            QTest.keyClick(alarms.table, Qt.Key.Key_J)
            QTest.keyClick(alarms.table, Qt.Key.Key_K)
            assert alarms.selected() is not None
            await asyncio.sleep(0.3)
            shot("alarm_list")
            _no_english(window, words, f"{prefix} after acknowledging")
            # Ctrl+F in the alarm list: its own filter
            QTest.keyClick(alarms.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
            assert QApplication.focusWidget() is alarms.person
            # H: the shift handover, named people, in the screen's language
            alarms.table.setFocus()
            QTest.keyClick(alarms.table, Qt.Key.Key_H)
            dialog = alarms.active_dialog
            assert dialog is not None and await _wait(lambda: dialog.report is not None)
            shot("handover", dialog)
            assert dialog.width() <= width
            text = dialog.browser.toPlainText()
            assert f"{user.login})" not in text and user.full_name in text
            _no_english(dialog, words, f"{prefix} handover buttons")
            english = sorted({w for w in LATIN.findall(text) if w.lower() in words} | set(CODE.findall(text)))
            assert not english, f"{prefix} handover text: {english}"
            dialog.close()
        # Ctrl+F elsewhere: the person search
        window.activateWindow()
        await _wait(lambda: QApplication.activeWindow() is window, 2.0)
        window.centralWidget().setFocus()
        QTest.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
        assert QApplication.focusWidget() is persons.search
        QTest.keyClicks(persons.search, "BRC-10010")  # by a serial (QTest types Latin keys only)
        await asyncio.sleep(0.3)
        assert 0 < persons.proxy.rowCount() < persons.model.rowCount()
        shot("person_search")
        QTest.keyClick(persons.search, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        QTest.keyClick(persons.search, Qt.Key.Key_Delete)
        # F1: the guides inside the application
        QTest.keyClick(persons.search, Qt.Key.Key_F1)
        viewer = window.help_viewer
        assert viewer is not None and viewer.isVisible()
        assert viewer.width() <= width and viewer.height() <= height
        shot("help", viewer)
        _no_english(viewer, words, f"{prefix} guides list")  # the guide itself: docs/ru, docs/kk (tests/gui/test_help_viewer.py)
        viewer.close()
        if "map" in window.panels and window.ctx.may_see_personal_data():
            from datetime import UTC, datetime, timedelta

            end = datetime.now(UTC)
            window.panels["map"].show_track(persons.model.row(0).id, end - timedelta(hours=24), end)
            assert await _wait(lambda: window.panels["map"].track_panel.isVisible())
            await asyncio.sleep(0.5)
            _within_screen(window, width, height)
            shot("track")
            _no_english(window, words, f"{prefix} with a track")
        return saved
    finally:
        if window is not None:
            window.close()
            window.ctx.close()
            window.deleteLater()
        await service.stop()
        db.dispose()



def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("role", choices=list(ROLES))
    parser.add_argument("lang")
    parser.add_argument("size")
    parser.add_argument("out", type=Path)
    args = parser.parse_args()
    width, height = (int(v) for v in args.size.split("x"))
    args.out.mkdir(parents=True, exist_ok=True)
    import qasync

    from widgets import app as arm_app

    arm_app.register_map_schemes()
    application = arm_app.make_application(args.lang)
    application.setQuitOnLastWindowClosed(False)
    loop = qasync.QEventLoop(application)
    asyncio.set_event_loop(loop)
    try:
        with loop:
            saved = loop.run_until_complete(asyncio.wait_for(journey(args.role, args.lang, (width, height), args.out),
                                                             120))
    except Exception:  # noqa: BLE001 - the failed check, for the test to show
        traceback.print_exc()
        return 1
    print("\n".join(saved))
    return 0


if __name__ == "__main__":
    sys.exit(main())
