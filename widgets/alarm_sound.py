"""One sound per priority, repeating until the alarms calling for it are acknowledged.

Only the most severe unacknowledged priority sounds (a critical warble is not
drowned by a low beep). "Silence" stops the sound until a *new* alarm calls
for attention, as ISA-18.2 HMIs do; acknowledging is still required. Where
the multimedia backend is missing (no audio library on the machine), the
panel falls back to the system beep so an alarm is never silent by accident.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer, QUrl, Signal
from PySide6.QtWidgets import QApplication

log = logging.getLogger("arm.gui.alarms")

SOUND_DIR = Path(__file__).resolve().parent.parent / "resources" / "sounds"
ORDER = ("critical", "high", "medium", "low")
#: Seconds between system beeps when only the fallback is available.
BEEP_PERIOD_MS = {"critical": 700, "high": 1200, "medium": 2000, "low": 3000}


def _load_effects(parent: QObject) -> dict[str, Any] | None:
    try:
        from PySide6.QtMultimedia import QSoundEffect
    except ImportError as exc:  # libpulse or the multimedia plugin missing
        log.warning("alarm sounds unavailable (%s); using the system beep", exc)
        return None
    effects = {}
    for priority in ORDER:
        effect = QSoundEffect(parent)
        effect.setSource(QUrl.fromLocalFile(str(SOUND_DIR / f"{priority}.wav")))
        effect.setLoopCount(QSoundEffect.Loop.Infinite.value)
        effects[priority] = effect
    return effects


class AlarmSounder(QObject):
    """Decides which priority sounds, and plays it in a loop."""

    soundingChanged = Signal(str)  # priority now sounding, "" for none

    def __init__(self, parent: QObject | None = None, *, enabled: bool = True) -> None:
        super().__init__(parent)
        self.enabled = enabled
        self._effects: dict[str, Any] | None = _load_effects(self) if enabled else None
        self._beep = QTimer(self)
        self._beep.timeout.connect(QApplication.beep)
        self._sounding = ""
        self._silenced: set[int] = set()

    @property
    def sounding(self) -> str:
        return self._sounding

    @property
    def backend(self) -> str:
        return "none" if not self.enabled else ("multimedia" if self._effects else "beep")

    def update(self, unacked: dict[int, str]) -> None:
        """``unacked``: alarm id -> priority of every unacknowledged alarm."""
        if self._silenced:
            self._silenced &= unacked.keys()
        calling = {p for a, p in unacked.items() if a not in self._silenced} if self._silenced \
            else set(unacked.values())
        wanted = next((p for p in ORDER if p in calling), "")
        self._set(wanted)

    def silence(self, unacked_ids: set[int]) -> None:
        """Stop the sound for the alarms unacknowledged now; a new one sounds again."""
        self._silenced |= unacked_ids
        self._set("")

    def _set(self, priority: str) -> None:
        if priority == self._sounding:
            return
        self._stop()
        self._sounding = priority
        if priority and self.enabled:
            if self._effects:
                self._effects[priority].play()
            else:
                QApplication.beep()
                self._beep.start(BEEP_PERIOD_MS[priority])
        self.soundingChanged.emit(priority)

    def _stop(self) -> None:
        self._beep.stop()
        if self._effects:
            for effect in self._effects.values():
                effect.stop()
