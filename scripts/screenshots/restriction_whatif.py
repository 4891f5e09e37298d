"""Scripted screenshots of the restrictions editor's "check against the last N days" and the alarm settings.

    xvfb-run -a -s "-screen 0 1366x768x24" \
        .venv/bin/python -m scripts.screenshots.restriction_whatif OUT.png --lang ru

``OUT.png``: the editor with the result; ``OUT-settings.png`` beside it: Settings → Alarms as an administrator.

A throw-away data directory; one supervised person whose tracker passed a shop
on each of the last three days (events through the real ingest core), a
supervisor drafting an exclusion zone around the shop in the person's card, and the real
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
    os.environ["ARM_DATA_DIR"] = tempfile.mkdtemp(prefix="arm-rwhatif-shot-")
    from PySide6.QtWidgets import QApplication

    from arm import auth
    from arm.alarms.scenario import World
    from arm.bus import Bus
    from arm.config import Settings
    from arm.ingest import Ingest
    from arm.replay.clock import VirtualClock
    from arm.rules.seed import offset
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
    from widgets.restrictions_editor import SOURCE_MAP, RestrictionEditor
    from widgets.settings_dialog import SettingsDialog

    editor = RestrictionEditor(ctx, pid, kind="exclusion_zone")
    editor.show()
    for _ in range(40):
        app.processEvents()
        time.sleep(0.05)
    editor.source.setCurrentIndex(editor.source.findData(SOURCE_MAP))
    editor.zone_name.setText("Магазин «Достык»" if args.lang == "ru" else "«Достық» дүкені")
    editor.set_point(*shop, radius_m=150)
    editor.check_button.click()
    deadline = time.monotonic() + 60
    while (not editor.check_button.isEnabled() or editor.check_list.count() == 0) and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.05)
    app.processEvents()
    editor.grab().save(args.out)
    print(args.out, editor.check_list.count(), "alarms listed")
    dialog = SettingsDialog(Settings(), may_switch_sound=True)
    dialog.show()
    dialog.tabs.setCurrentIndex(3)
    for _ in range(10):
        app.processEvents()
        time.sleep(0.05)
    settings_out = args.out[:-4] + "-settings.png" if args.out.endswith(".png") else args.out + "-settings.png"
    dialog.grab().save(settings_out)
    print(settings_out)
    ctx.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
