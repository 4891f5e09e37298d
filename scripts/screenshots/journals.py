"""Scripted screenshots of the journal review and the charts panel.

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m scripts.screenshots.journals docs/screenshots
    (SHOT_LANG=ru|kk for the language)

Uses a throw-away data directory filled by ``arm.reports.fill``.
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path


def main(out_dir: str) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["ARM_DATA_DIR"] = tempfile.mkdtemp(prefix="arm-journal-shot-")
    from PySide6.QtWidgets import QApplication
    from sqlalchemy import select

    from arm.auth import CurrentUser
    from arm.bus import Bus
    from arm.config import Settings
    from arm.reports.fill import DISTRICTS, extras, fill
    from db.models import Role, User
    from db.session import Database
    from widgets.context import AppContext
    from widgets.qt_bridge import QtBridge

    app = QApplication.instance() or QApplication(sys.argv)
    if os.environ.get("SHOT_LANG"):  # ru or kk
        from widgets import i18n

        i18n.set_language(os.environ["SHOT_LANG"])
    db = Database()
    db.upgrade()
    with db.begin() as s:
        fill(s, persons=400, violations=8000, start=datetime.now(UTC) - timedelta(days=60))
        extras(s, datetime.now(UTC), first_alarm_id=100_000)
    with db.begin() as s:  # the account behind the user: journal reads re-read it
        if s.scalar(select(User.id).where(User.login == "nachalnik")) is None:
            s.add(User(login="nachalnik", full_name="nachalnik", role=Role.SUPERVISOR, password_hash="!"))
    user = CurrentUser(1, "nachalnik", "Серікбаев Әлихан", "supervisor", tuple(DISTRICTS))
    bus = Bus()
    ctx = AppContext(db=db, service=None, bus=bus, bridge=QtBridge(bus), user=user, settings=Settings())
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    try:
        _journals(app, ctx, out / "journals.png")
        _charts(app, ctx, out / "journals_charts.png")
    finally:
        ctx.close()
        db.dispose()
    return 0


def _settle(app, ctx, rounds: int = 6) -> None:
    import time

    for _ in range(rounds):
        ctx.worker.submit(lambda: None).result(timeout=30)
        for _ in range(5):
            app.processEvents()
            time.sleep(0.02)


def _journals(app, ctx, path: Path) -> None:
    from widgets.journal_view import JournalReview

    view = JournalReview(ctx)
    view.resize(1500, 720)
    view.show()
    _settle(app, ctx)  # the district list (named in the reader's language, stored as codes)
    view.filters.district.setCurrentIndex(view.filters.district.findData("KZ-75-almaly"))
    view.reload()
    _settle(app, ctx)
    view.table.selectRow(2)
    _settle(app, ctx)
    view.verify()
    _settle(app, ctx)
    view.grab().save(str(path))
    print(f"saved {path}")


def _charts(app, ctx, path: Path) -> None:
    try:
        from widgets.charts import ChartsPanel
    except ImportError:
        return
    panel = ChartsPanel(ctx)
    panel.resize(1400, 800)
    panel.show()
    panel.refresh()
    panel.subject.setText("1")
    panel.show_history()
    _settle(app, ctx, 10)
    panel.grab().save(str(path))
    print(f"saved {path}")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots"))
