"""Scripted screenshot of the person card's "Voice messages" tab.

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m scripts.screenshots.voice_messages docs/screenshots/voice_messages.png

Throw-away data directory, migrated database, two persons whose watches sent
voice messages through the listener's own storing steps (one multi-part clip
with a lost part), the operator opens the card and plays the newest clip.
"""

from __future__ import annotations

import sys
from datetime import timedelta


def main(out: str) -> int:
    from arm.config import Settings
    from arm.media import store
    from tests.network.media_fixtures import T0, amr_clip, media_set, screenshot_setup, user
    from widgets.context import AppContext
    from widgets.person_card import PersonCard
    from widgets.qt_bridge import QtBridge

    app, db, bus, ingest = screenshot_setup("arm-voice-shot-")
    media = media_set(db, ingest)
    # a clip sent in three JXTK parts, the second lost on the way
    clip = amr_clip(4.5, seed=42)
    step = -(-len(clip) // 3)
    for n in (1, 3):
        carrier = store.MediaEvent(media.serials[0], None, T0 + timedelta(hours=2, minutes=5), "ALARM", {},
                                   "watch", "WATCH",
                                   media=store.MediaPart(clip[(n - 1) * step:n * step], "watch_7_20261120131500",
                                                         part=n, total=3))
        ready = store.prepare(db, [carrier])
        if ready:
            ingest.store_sync(ready)
            store.store_clips(db, ready)
    ingest.stop()
    ctx = AppContext(db=db, service=None, bus=bus, bridge=QtBridge(bus), user=user("operator", "oper1"),
                     settings=Settings())
    card = PersonCard(ctx, media.person_ids[0])
    card.resize(900, 520)
    card.show()
    assert card.voice is not None
    card.tabs.setCurrentWidget(card.voice)
    view = card.voice
    for _ in range(200):
        app.processEvents()
        if view.clips:
            break
        ctx.worker.submit(lambda: None).result(timeout=10)
    view.table.selectRow(1)
    view.play()
    for _ in range(100):
        ctx.worker.submit(lambda: None).result(timeout=10)
        app.processEvents()
        if view._player is not None and view._player.duration() > 0:
            break
    app.processEvents()
    card.grab().save(out)
    view.stop()
    card.close()
    ctx.close()
    db.dispose()
    print(f"saved {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "voice_messages.png"))
