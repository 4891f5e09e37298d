"""The close dialog of a low-battery alarm, after Enter with "confirmed violation" and no reason.

``QT_QPA_PLATFORM=offscreen $PY -m scripts.screenshots.close_dialog OUT.png --lang kk``: a real
database, ingest and alarm manager; the dialog shows the choices for the kind, the error under the
note with the focus in it, "reported at" in the desk zone.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication

from arm.alarms.scenario import World, later, local
from arm.bus import Bus
from arm.ingest import Ingest
from db.session import Database
from widgets import i18n
from widgets.alarm_actions_dialog import CloseDialog


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("--lang", default="ru")
    args = parser.parse_args()
    app = QApplication.instance() or QApplication(sys.argv)
    i18n.set_language(args.lang)
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["ARM_DATA_DIR"] = tmp
        db = Database(f"sqlite:///{tmp}/shot.sqlite3")
        db.upgrade()
        bus = Bus()
        ingest = Ingest(db, bus)
        ingest.start()
        world = World(db, bus, ingest)
        pid = world.seed.person("Ахметов", "Ержан", district="Алмалинский", home=(43.2567, 76.9286))
        world.seed.kit(pid, "1", ("BRC", "SKU", "TRK"))
        world.reload()
        world.feed(world.ev("BRC-1", later(local(2026, 12, 7, 19, 0), minutes=1), "STAT", battery=5, charging=False,
                            rssi=-70))
        (alarm,) = world.alarms()
        dialog = CloseDialog(world.manager.view(alarm.id))
        dialog.show()
        dialog.resolution.setCurrentIndex(dialog.resolution.findData("confirmed_violation"))
        dialog.accept()
        deadline = time.monotonic() + 1
        while time.monotonic() < deadline:
            app.processEvents()
            time.sleep(0.02)
        dialog.grab().save(args.out)
        print(f"saved {args.out}; focus on the note: {dialog.note.hasFocus()}")
        dialog.close()
        world.close()
        ingest.stop()
        db.dispose()


if __name__ == "__main__":
    main()
