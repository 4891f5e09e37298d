"""The inventory's return dialog (who hands the device back, who receives it) and the history after it.

    QT_QPA_PLATFORM=offscreen $PY -m scripts.screenshots.device_return OUT_DIR --lang kk

Saves ``device_return_dialog_<lang>.png`` and ``device_return_history_<lang>.png``.
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
    os.environ["ARM_DATA_DIR"] = tempfile.mkdtemp(prefix="arm-return-shot-")
    from PySide6.QtWidgets import QApplication, QLineEdit

    from arm.auth import CurrentUser
    from arm.bus import Bus
    from arm.config import Settings
    from arm.demo import seed_all
    from db.session import Database
    from widgets import i18n
    from widgets.context import AppContext
    from widgets.device_inventory import DeviceInventory
    from widgets.qt_bridge import QtBridge

    app = QApplication.instance() or QApplication(sys.argv)
    i18n.set_language(args.lang)
    db = Database()
    db.upgrade()
    seed_all(db, persons_per_city=2)
    user = CurrentUser(3, "technician", "Данияр Омаров (демо-техник)", "technician", ())
    bus = Bus()
    ctx = AppContext(db=db, service=None, bus=bus, bridge=QtBridge(bus), user=user, settings=Settings())
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    try:
        panel = DeviceInventory(ctx)
        panel.resize(1366, 700)
        panel.show()
        _settle(app, ctx)
        serial = next(r.serial for r in panel.rows if r.status == "issued")
        for i in range(panel.table.rowCount()):
            if panel.table.item(i, 0).text() == serial:
                panel.table.selectRow(i)
        _settle(app, ctx)
        dlg = panel.return_dialog()
        assert dlg is not None
        dlg.findChild(QLineEdit, "note").setText("ремешок цел")
        dlg.show()
        _settle(app, ctx)
        dlg.grab().save(str(out / f"device_return_dialog_{args.lang}.png"))
        dlg.buttons.accepted.emit()
        _settle(app, ctx)
        for i in range(panel.table.rowCount()):
            if panel.table.item(i, 0).text() == serial:
                panel.table.selectRow(i)
        _settle(app, ctx)
        panel.grab().save(str(out / f"device_return_history_{args.lang}.png"))
    finally:
        ctx.close()
    return 0


def _settle(app, ctx, rounds: int = 6) -> None:  # type: ignore[no-untyped-def]
    for _ in range(rounds):
        ctx.worker.submit(lambda: None).result(timeout=30)
        for _ in range(5):
            app.processEvents()
            time.sleep(0.02)


if __name__ == "__main__":
    sys.exit(main())
