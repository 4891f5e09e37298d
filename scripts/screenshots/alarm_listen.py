"""Scripted screenshot of the alarm panel with a voice-message alarm and its "Listen…" action.

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m scripts.screenshots.alarm_listen docs/screenshots/alarm_listen.png

Throw-away data directory, migrated database, a person whose watch sent a
voice message through the listener's storing steps, the real rules engine and
alarm manager, the operator's alarm panel with the alarm selected; a second
image (``*_dialog.png``) shows the player opened by "Listen…".
"""

from __future__ import annotations

import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path


def main(out: str) -> int:
    from arm.alarms.scenario import World
    from arm.config import Settings
    from arm.service import MonitoringService
    from tests.network.media_fixtures import DISTRICTS, amr_clip, media_persons, screenshot_setup, store_clip, user
    from widgets.alarm_model import ViewRole
    from widgets.alarm_panel import AlarmPanel
    from widgets.context import AppContext
    from widgets.qt_bridge import QtBridge

    app, db, bus, ingest = screenshot_setup("arm-listen-shot-")
    world = World(db, bus, ingest)
    _persons, serials = media_persons(db)
    world.reload()
    now = datetime.now(UTC).replace(microsecond=0)
    store_clip(db, ingest, serials[0], amr_clip(4.2, seed=42), now - timedelta(minutes=3))
    world.runtime.flush()
    service = MonitoringService(db, bus, Settings())
    service.alarms = world.operations
    ctx = AppContext(db=db, service=service, bus=bus, bridge=QtBridge(bus),
                     user=user("operator", "oper1", DISTRICTS), settings=Settings())
    panel = AlarmPanel(ctx, sound=False)
    panel.resize(1150, 640)
    panel.show()

    def pump(until: object, what: str) -> None:
        for _ in range(500):  # at most 10 s
            app.processEvents()
            if until():  # type: ignore[operator]
                return
            time.sleep(0.02)
        raise SystemExit(f"timed out waiting for {what}")

    pump(lambda: panel.proxy.rowCount() >= 1, "the alarm row")
    assert panel.proxy.index(0, 0).data(ViewRole).device_serial == serials[0]
    panel.table.selectRow(0)
    pump(lambda: panel.detail.detail is not None, "the alarm detail")
    app.processEvents()
    panel.grab().save(out)
    action = panel.detail.voice
    assert action is not None and action.isVisible()
    action.button.click()
    dialog = action.dialog
    assert dialog is not None
    pump(lambda: dialog.view._player is not None and dialog.view._player.duration() > 0, "the player")
    app.processEvents()
    second = str(Path(out).with_name(Path(out).stem + "_dialog.png"))
    dialog.grab().save(second)
    dialog.close()
    panel.close()
    ctx.close()
    world.close()
    ingest.stop()
    db.dispose()
    print(f"saved {out} and {second}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "alarm_listen.png"))
