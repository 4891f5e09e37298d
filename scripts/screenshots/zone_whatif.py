"""Scripted screenshot of the zone editor's "check against the last N days" (what-if) result.

    QTWEBENGINE_CHROMIUM_FLAGS=--no-sandbox xvfb-run -a -s "-screen 0 1366x768x24" \
        .venv/bin/python -m scripts.screenshots.zone_whatif OUT.png --lang ru

A throw-away data directory; one supervised person whose tracker passed a shop
on each of the last three days (events through the real ingest core), a
supervisor drafting an exclusion zone around the shop, and the real
:func:`arm.replay.whatif.what_if` behind the button.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from datetime import UTC, datetime, timedelta


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--lang", default="ru")
    args = ap.parse_args()
    os.environ["ARM_DATA_DIR"] = tempfile.mkdtemp(prefix="arm-whatif-shot-")
    from PySide6.QtWidgets import QApplication

    from arm import auth
    from arm.alarms.scenario import World
    from arm.bus import Bus
    from arm.config import Settings
    from arm.ingest import Ingest
    from arm.replay.clock import VirtualClock
    from arm.rules.seed import circle, offset
    from db.session import Database
    from widgets import i18n
    from widgets.context import AppContext
    from widgets.qt_bridge import QtBridge

    app = QApplication.instance() or QApplication([])
    i18n.set_language(args.lang)
    db = Database()
    db.upgrade()
    bus = Bus()
    ingest = Ingest(db, bus)
    ingest.start()
    now = datetime.now(UTC).replace(microsecond=0)
    clock = VirtualClock(now - timedelta(days=4))
    world = World(db, bus, ingest, clock=clock)
    home = (43.2385, 76.9455)
    pid = world.seed.person("Ахметов", "Серик", home=home)
    world.seed.kit(pid, "1", ("TRK",))
    world.reload()
    shop = offset(*home, north_m=900, east_m=600)
    for day in (3, 2, 1):
        t = now - timedelta(days=day, hours=2)
        for i in range(0, 90, 5):
            at = t + timedelta(minutes=i)
            clock.advance(at)
            world.feed(world.fix("TRK-1", at, *(offset(*shop, north_m=15 * day) if 30 <= i < 55 else home)))
    world.close()
    ingest.stop()
    with db.begin() as s:
        user = auth.snapshot(auth.create_user(s, "supervisor1", "correct horse 42", "supervisor", "Supervisor"))
    ctx = AppContext(db=db, service=None, bus=bus, bridge=QtBridge(bus), user=user, settings=Settings())
    from maps.zone_editor import ZoneEditor

    editor = ZoneEditor(ctx)
    editor.resize(1280, 720)
    editor.show()
    editor.map_view.center_on(shop[0], shop[1], 15)
    editor.name.setText("Магазин «Достык»" if args.lang == "ru" else "«Достық» дүкені")
    editor.kind.setCurrentIndex(editor.kind.findData("exclusion"))
    editor.buffer.setValue(20)
    editor._geometry = {"geometry": circle(*shop, 150)}
    editor.map_view.bridge.call("ARM.zones.edit", {"kind": "exclusion", "geometry": circle(*shop, 150)})
    editor.check_days.setValue(7)
    editor.check_button.click()
    deadline = time.monotonic() + 60
    while (not editor.check_button.isEnabled() or editor.check_list.count() == 0) and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.05)
    end = time.monotonic() + 3
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.05)
    editor.grab().save(args.out)
    ctx.close()
    print(args.out, editor.check_list.count(), "alarms listed")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
