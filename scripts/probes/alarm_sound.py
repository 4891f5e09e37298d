"""Plays the alarm sounds in a fresh process and prints what happened, as JSON (one line).

Qt Multimedia connects to the sound server once per process, so
``tests/alarms/test_sound.py`` runs this with ``PULSE_SERVER`` pointing at
the server it wants (a private null sink, or none at all).
Run: ``QT_QPA_PLATFORM=offscreen python -m scripts.probes.alarm_sound``.
"""

from __future__ import annotations

import json
import os
import sys
import time
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication

from widgets.alarm_sound import ORDER, AlarmSounder, multimedia_problem


def _pump(app: QApplication, seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.01)


def _state(sounder: AlarmSounder) -> dict[str, Any]:
    return {"sounding": sounder.sounding, "beeping": sounder.is_beeping(),
            "playing": sorted(p for p, e in sounder.effects().items() if e.isPlaying())}


def main() -> None:
    app = QApplication.instance() or QApplication(sys.argv)
    result: dict[str, Any] = {"multimedia_problem": multimedia_problem()}
    sounder = AlarmSounder()
    effects = sounder.effects()
    if effects:
        from PySide6.QtMultimedia import QMediaDevices, QSoundEffect

        result["outputs"] = [d.description() for d in QMediaDevices.audioOutputs()]
        settling = (QSoundEffect.Status.Null, QSoundEffect.Status.Loading)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and any(e.status() in settling for e in effects.values()):
            _pump(app, 0.02)
    result["status"] = {p: e.status().name for p, e in effects.items()}
    result["backend"] = sounder.backend
    steps = []
    for unacked in ({1: "low", 2: "critical"}, {1: "low"}, {}):
        sounder.update(unacked)
        _pump(app, 0.4)
        steps.append(_state(sounder))
    result["steps"] = steps
    result["order"] = list(ORDER)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
