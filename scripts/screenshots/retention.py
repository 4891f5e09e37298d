"""Screenshot of the retention dialog right after a supervisor confirmed a positions act on SQLite.

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m scripts.screenshots.retention OUT.png [--lang ru|kk]

The act's positions are removed in the background in batches (``db.retention``);
the dialog says so. A throw-away data directory with 100 days old positions.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--lang", default="ru")
    args = ap.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["ARM_DATA_DIR"] = tempfile.mkdtemp(prefix="arm-retention-shot-")
    from PySide6.QtWidgets import QApplication

    from arm.auth import CurrentUser, create_user
    from arm.bus import Bus
    from arm.config import Settings
    from db.retention import RecordKind
    from db.session import Database
    from tests.history.conftest import add_devices, days_ago, fill
    from widgets.context import AppContext
    from widgets.i18n import set_language
    from widgets.journal_view import JournalReview
    from widgets.qt_bridge import QtBridge

    app = QApplication.instance() or QApplication(sys.argv)
    set_language(args.lang)
    db = Database()
    db.upgrade()
    with db.begin() as s:
        create_user(s, "zamestitel", "secret-pass-1", "supervisor")
        create_user(s, "nachalnik", "secret-pass-1", "supervisor")
    fill(db, add_devices(db, 100), days_ago(100), 300)
    bus = Bus()

    def settle(ctx: AppContext) -> None:
        for _ in range(6):
            ctx.worker.submit(lambda: None).result(timeout=30)
            for _ in range(5):
                app.processEvents()
                time.sleep(0.02)

    first = AppContext(db=db, service=None, bus=bus, bridge=QtBridge(bus), settings=Settings(),
                       user=CurrentUser(1, "zamestitel", "Серікбаев Әлихан", "supervisor", ()))
    dialog = JournalReview(first).open_retention()
    settle(first)
    dialog._propose(RecordKind.POSITIONS)
    settle(first)
    act_id = int(dialog.acts.item(0, 0).text())
    dialog.close()
    second = AppContext(db=db, service=None, bus=bus, bridge=QtBridge(bus), settings=Settings(),
                        user=CurrentUser(2, "nachalnik", "Жумабаев Арман", "supervisor", ()))
    view = JournalReview(second)
    dialog = view.open_retention()
    settle(second)
    dialog.confirm(act_id)
    settle(second)
    dialog.resize(1000, 560)
    dialog.show()
    settle(second)
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    dialog.grab().save(args.out)
    print(f"saved {args.out}: {dialog.message.text()}")
    first.close()
    second.close()
    db.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
