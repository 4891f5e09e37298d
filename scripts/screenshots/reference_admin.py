"""Scripted screenshot of the administrator's Reference lists panel for docs/admin-guide.md.

    QTWEBENGINE_CHROMIUM_FLAGS=--no-sandbox xvfb-run -a -s "-screen 0 1366x768x24" \\
        .venv/bin/python -m scripts.screenshots.reference_admin docs/screenshots --lang kk --size 1366x768

A throw-away data directory holds the demo data set; as the demo administrator
the script adds three officers through ``arm.caseload.reference`` (audited, as
the panel would) and deactivates one. Two pictures: the panel filling the
screen (the officers' list with the deactivated row greyed and selected),
``reference_admin_<lang>_<W>x<H>.png``, and the "new district" form where a
code already taken is refused beside the code field,
``reference_admin_new_<lang>_<W>x<H>.png``.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from scripts.screenshots._desk import demo_desk

OFFICERS = (
    ("Сейткали Асхат Нурланович", "PO-KZ-75-medeu", "старший инспектор"),
    ("Жумабаева Гульнар Ериковна", "PO-KZ-75-medeu", "инспектор"),
    ("Омаров Данияр Сагатович", "PO-KZ-71-esil", "инспектор"),
)


def main(argv: list[str] | None = None) -> int:
    desk = demo_desk(argv, "arm-reference-shot-")
    app, db, width, height = desk.app, desk.db, desk.width, desk.height
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtGui import QColor, QPainter, QPixmap
    from sqlalchemy import select

    from arm import auth
    from arm.bus import Bus
    from arm.caseload import reference
    from arm.config import Settings
    from arm.service import MonitoringService
    from db.models import User
    from widgets.context import AppContext
    from widgets.qt_bridge import QtBridge
    from widgets.reference_admin import ReferenceAdminPanel
    with db.session() as s:
        admin = auth.snapshot(s.scalars(select(User).where(User.role == "administrator")).first())
    with db.begin() as s:
        codes = [reference.add_officer(s, admin, name, office, position=position).code
                 for name, office, position in OFFICERS]
        reference.set_active(s, admin, "officer", codes[-1], False)  # left the service: greyed, kept
    bus, settings = Bus(), Settings()
    ctx = AppContext(db=db, service=MonitoringService(db, bus, settings), bus=bus, bridge=QtBridge(bus), user=admin,
                     settings=settings)

    def settle(rounds: int = 6) -> None:
        for _ in range(rounds):
            ctx.worker.submit(lambda: None).result(timeout=30)
            for _ in range(5):
                app.processEvents()
                time.sleep(0.02)

    try:
        panel = ReferenceAdminPanel(ctx)
        panel.resize(width - 40, height - 90)  # the screen less the window's frame, as a docked tab at most
        panel.show()
        settle()
        panel.set_kind("officer")
        panel.show_inactive.setChecked(True)
        panel.select_code(codes[0])
        panel.set_kind("district")
        dialog = panel.add_dialog()
        settle()
        dialog.parent_box.choose("KZ-75")
        dialog.code.setText("KZ-75-medeu")  # taken: the core refuses, the form says so beside the code
        dialog.name_ru.setText("Медеуский район")
        dialog.name_kk.setText("Медеу ауданы")
        dialog.submit()
        settle()
        panel.set_kind("officer")
        panel.select_code(codes[-1])  # the deactivated officer: greyed, "Reactivate" offered
        app.processEvents()
        out = Path(desk.out)
        out.mkdir(parents=True, exist_ok=True)
        path = out / f"reference_admin_{desk.lang}_{width}x{height}.png"
        panel.grab().save(str(path))
        print(f"saved {path}")
        dialog.resize(dialog.width(), dialog.sizeHint().height())
        app.processEvents()
        form = dialog.grab()
        bar = 28
        picture = QPixmap(form.width() + 2, form.height() + bar + 2)  # the form as its window: title bar, frame
        picture.fill(QColor("#5a5a5a"))
        painter = QPainter(picture)
        painter.fillRect(1, 1, form.width(), bar, QColor("#d8dde3"))
        painter.setPen(QColor("#202020"))
        painter.drawText(11, 1, form.width() - 20, bar,
                         int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft), dialog.windowTitle())
        painter.drawPixmap(QPoint(1, bar + 1), form)
        painter.end()
        path = out / f"reference_admin_new_{desk.lang}_{width}x{height}.png"
        picture.save(str(path))
        print(f"saved {path}")
        dialog.close()
        panel.close()
    finally:
        ctx.close()
        db.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
