"""Screens of the journals-and-forms work on the demo data, in one language.

    QT_QPA_PLATFORM=offscreen $PY -m scripts.screenshots.forms_screens OUT_DIR --lang kk

A throw-away demo database (``arm.demo.seed_all``: thirty days of history made by the real
alarm code), then: the violation journal and the audit journal (words, desk-zone times), the
charts panel as it opens (no "Refresh"), each saved as ``forms_<screen>_<lang>.png``.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("--lang", default="ru")
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["ARM_DATA_DIR"] = tempfile.mkdtemp(prefix="arm-forms-shot-")
    from PySide6.QtWidgets import QApplication

    from arm.auth import CurrentUser
    from arm.bus import Bus
    from arm.config import Settings
    from arm.demo import ALMATY, ASTANA, seed_all
    from db.session import Database
    from widgets import i18n
    from widgets.context import AppContext
    from widgets.qt_bridge import QtBridge

    app = QApplication.instance() or QApplication(sys.argv)
    i18n.set_language(args.lang)
    db = Database()
    db.upgrade()
    seed_all(db, persons_per_city=4)
    user = CurrentUser(2, "supervisor", "Ерлан Сейітов", "supervisor", ASTANA.districts + ALMATY.districts)
    bus = Bus()
    ctx = AppContext(db=db, service=None, bus=bus, bridge=QtBridge(bus), user=user, settings=Settings())
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    try:
        from widgets.charts import ChartsPanel
        from widgets.journal_view import JournalReview

        admin = CurrentUser(4, "admin", "Администратор", "administrator", ())
        admin_ctx = AppContext(db=db, service=None, bus=bus, bridge=QtBridge(bus), user=admin, settings=Settings())
        for journal, jctx in (("violations", ctx), ("audit", admin_ctx)):
            view = JournalReview(jctx)
            view.resize(1366, 700)
            view.show()
            view.journal_box.setCurrentIndex(view.journal_box.findData(journal))
            view.reload()
            _settle(app, jctx)
            view.table.selectRow(1)
            _settle(app, jctx)
            path = out / f"forms_{journal}_{args.lang}.png"
            view.grab().save(str(path))
            print(f"saved {path}")
            view.close()
        panel = ChartsPanel(ctx)
        panel.resize(1366, 760)
        panel.show()
        _settle(app, ctx, 10)
        path = out / f"forms_charts_{args.lang}.png"
        panel.grab().save(str(path))
        print(f"saved {path}")
    finally:
        ctx.close()
        db.dispose()
    return 0


def _settle(app, ctx, rounds: int = 6) -> None:  # type: ignore[no-untyped-def]
    for _ in range(rounds):
        ctx.worker.submit(lambda: None).result(timeout=30)
        for _ in range(5):
            app.processEvents()
            time.sleep(0.02)


if __name__ == "__main__":
    sys.exit(main())
