"""Render the alarm panel with realistic alarms into docs/screenshots/alarm_panel.png.

Run from the project root: ``QT_QPA_PLATFORM=offscreen .venv/bin/python -m scripts.screenshots.alarm_panel``
(``SHOT_LANG=ru|kk``, ``SHOT_OUT=file.png``, ``SHOT_HANDOVER=file.png`` for the handover dialog too).
Everything is real: a temporary SQLite database, the ingest core, the rules
runtime, the panel; only the window is drawn offscreen.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication

from arm.alarms.scenario import World, later, local
from arm.bus import Bus
from arm.config import Settings
from arm.ingest import Ingest
from arm.service import MonitoringService
from db.session import Database
from widgets.alarm_panel import AlarmPanel
from widgets.context import AppContext
from widgets.qt_bridge import QtBridge

OUT = Path(os.environ.get("SHOT_OUT", Path(__file__).resolve().parents[2] / "docs" / "screenshots" / "alarm_panel.png"))


def main() -> None:
    app = QApplication.instance() or QApplication(sys.argv)
    if os.environ.get("SHOT_LANG"):  # ru or kk (SHOT_LANG=kk SHOT_OUT=... for the Kazakh screen)
        from widgets import i18n

        i18n.set_language(os.environ["SHOT_LANG"])
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["ARM_DATA_DIR"] = tmp
        db = Database(f"sqlite:///{tmp}/shot.sqlite3")
        db.upgrade()
        bus = Bus()
        ingest = Ingest(db, bus)
        ingest.start()
        world = World(db, bus, ingest)
        home = (43.2567, 76.9286)
        # districts as persons store them: reference codes, shown by name in the reader's language
        people = [("Ахметов", "Ержан", "KZ-75-almaly"), ("Бекова", "Динара", "KZ-75-bostandyk"),
                  ("Касымов", "Тимур", "KZ-75-almaly"), ("Нургалиева", "Айгерим", "KZ-75-auezov")]
        for i, (last, first, district) in enumerate(people, 1):
            pid = world.seed.person(last, first, district=district, home=home)
            world.seed.kit(pid, str(i), ("BRC", "SKU", "TRK", "BAC"))
        world.seed.person("Жумабаев", "Арман", district="KZ-75-medeu", home=home)
        world.reload()
        t = local(2026, 11, 20, 22, 10)
        world.feed(world.fix("TRK-1", later(t, minutes=-3), *home))
        world.feed(world.ev("BRC-1", t, "TAMPER", part="STRAP", state="OPEN"))
        world.feed(world.ev("SKU-2", later(t, minutes=-40), "POWER", state="MAINS_LOST"))
        world.feed(world.ev("BAC-3", later(t, minutes=-25), "BAC", test_id="T9", mg_l=0.42, face_match=96,
                            result="FAIL"))
        world.feed(world.ev("TRK-4", later(t, minutes=-90), "STAT", battery=12, charging=False, rssi=-90,
                            temperature=None))
        world.feed(world.ev("TRK-4", later(t, minutes=-80), "GNSS", state="LOST"))
        for serial in ("BRC-2", "TRK-2", "BRC-3", "TRK-3", "SKU-3", "SKU-4", "BRC-4", "BAC-1", "BAC-2", "SKU-1"):
            world.feed(world.ev(serial, later(t, minutes=-5), "HB"))
        world.tick(later(t, minutes=1))
        alarms = {a.kind: a.id for a in world.alarms()}
        world.manager.acknowledge(alarms["alcohol_positive"], world.op1, "calling the person")
        world.manager.shelve(alarms["mains_lost"], world.op1, timedelta(hours=1), "district power outage")
        settings = Settings()
        service = MonitoringService(db, bus, settings)
        service.alarms = world.operations
        user = world.op1
        ctx = AppContext(db=db, service=service, bus=bus, bridge=QtBridge(bus), user=user, settings=settings)
        panel = AlarmPanel(ctx, sound=False)
        panel.resize(int(os.environ.get("SHOT_W", "1280")), int(os.environ.get("SHOT_H", "760")))
        panel.show()
        panel.select_alarm(alarms["tamper_strap"])
        deadline = time.monotonic() + 5
        while panel.detail.detail is None and time.monotonic() < deadline:
            app.processEvents()
            time.sleep(0.02)
        OUT.parent.mkdir(parents=True, exist_ok=True)
        panel.grab().save(str(OUT))
        print(f"saved {OUT}")
        handover = os.environ.get("SHOT_HANDOVER")
        if handover:  # the shift handover dialog too, for a look
            panel.show_handover()
            dialog = panel.active_dialog
            deadline = time.monotonic() + 5
            while dialog.report is None and time.monotonic() < deadline:
                app.processEvents()
                time.sleep(0.02)
            dialog.grab().save(handover)
            print(f"saved {handover}")
            dialog.close()
        panel.close()
        ctx.close()
        world.close()
        ingest.stop()
        db.dispose()


if __name__ == "__main__":
    main()
