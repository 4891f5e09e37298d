"""One sound per priority, repeating until the alarms calling for it are acknowledged.

Only the most severe unacknowledged priority sounds, so a critical warble is
not drowned by a low beep. "Silence" stops the sound until a *new* alarm
calls for attention, as ISA-18.2 HMIs do; acknowledging is still required.

The sounds play through Qt Multimedia's ``QSoundEffect`` (PulseAudio on
Linux). An alarm must never be silent by accident, so the panel falls back to
the system beep, at a rhythm that depends on the priority, whenever a sound
cannot play. That happens when Qt Multimedia cannot load (no libpulse), when
the machine has no audio output (no sound server, no device), or when the
effect fails to load its file (``QSoundEffect.Status.Error``). A sound that
fails while it is playing switches to the beep at once. The beep may well be
inaudible too (no speaker), so :attr:`AlarmSounder.problem` says why the sound
cannot play and ``problemChanged`` tells the panel to show a banner.
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
#: Milliseconds between system beeps when only the fallback is available.
BEEP_PERIOD_MS = {"critical": 700, "high": 1200, "medium": 2000, "low": 3000}


def multimedia_problem() -> str:
    """Why Qt Multimedia cannot play here ("" when it can load)."""
    try:
        from PySide6.QtMultimedia import QSoundEffect  # noqa: F401
    except ImportError as exc:  # libpulse0 or the multimedia plugin missing
        return str(exc)
    return ""


#: Why an alarm sound cannot play (AlarmSounder.problem); the panel words each one.
NO_MULTIMEDIA = "no_multimedia"
NO_OUTPUT = "no_output"
SOUND_ERROR = "sound_error"
SWITCHED_OFF = "switched_off"


def has_audio_output() -> bool:
    from PySide6.QtMultimedia import QMediaDevices

    return bool(QMediaDevices.audioOutputs())


def _load_effects(parent: QObject) -> dict[str, Any] | None:
    problem = multimedia_problem()
    if problem:
        log.warning("alarm sounds unavailable (%s); using the system beep", problem)
        return None
    from PySide6.QtMultimedia import QSoundEffect

    if not has_audio_output():
        log.warning("no audio output device (is a sound server running?); alarm sounds use the system beep")
    effects = {}
    for priority in ORDER:
        effect = QSoundEffect(parent)
        effect.setObjectName(f"alarmSound_{priority}")
        effect.setSource(QUrl.fromLocalFile(str(SOUND_DIR / f"{priority}.wav")))
        effect.setLoopCount(QSoundEffect.Loop.Infinite.value)
        effects[priority] = effect
    return effects


class AlarmSounder(QObject):
    """Decides which priority sounds, and plays it in a loop (sound effect or system beep)."""

    soundingChanged = Signal(str)  # priority now sounding, "" for none
    problemChanged = Signal(str)  # why sound cannot play ("" when it can): see ``problem``

    def __init__(self, parent: QObject | None = None, *, enabled: bool = True) -> None:
        super().__init__(parent)
        self.enabled = enabled
        self._effects: dict[str, Any] | None = _load_effects(self) if enabled else None
        self._beep = QTimer(self)
        self._beep.timeout.connect(QApplication.beep)
        self._sounding = ""
        self._silenced: set[int] = set()
        self._connect_effects()
        self._problem = self._find_problem()

    def _connect_effects(self) -> None:
        if self._effects is None:
            return
        from PySide6.QtMultimedia import QMediaDevices

        for priority, effect in self._effects.items():
            effect.statusChanged.connect(lambda p=priority: self._on_status(p))
        self._devices = QMediaDevices(self)
        self._devices.audioOutputsChanged.connect(self.recheck)

    def set_enabled(self, on: bool) -> None:
        """Switch alarm sounds on or off for this desk (an administrator's setting)."""
        if on == self.enabled:
            return
        self._stop()
        self.enabled = on
        if on and self._effects is None:
            self._effects = _load_effects(self)
            self._connect_effects()
        self._start()
        self.recheck()

    @property
    def problem(self) -> str:
        """``""`` when alarm sounds can play; else NO_MULTIMEDIA, NO_OUTPUT, SOUND_ERROR or SWITCHED_OFF."""
        return self._problem

    def _find_problem(self) -> str:
        if not self.enabled:
            return SWITCHED_OFF
        if self._effects is None:
            return NO_MULTIMEDIA
        if not has_audio_output():
            return NO_OUTPUT
        if not all(self._playable(p) for p in ORDER):
            return SOUND_ERROR
        return ""

    def recheck(self) -> None:
        """Look again (a device plugged in or removed); emits ``problemChanged`` on a change."""
        problem = self._find_problem()
        if problem != self._problem:
            self._problem = problem
            self.problemChanged.emit(problem)

    @property
    def sounding(self) -> str:
        return self._sounding

    @property
    def backend(self) -> str:
        """``multimedia`` while every sound can play, ``beep`` when any falls back, ``none`` when disabled."""
        if not self.enabled:
            return "none"
        if self._effects and all(self._playable(p) for p in ORDER):
            return "multimedia"
        return "beep"

    def effects(self) -> dict[str, Any]:
        """The ``QSoundEffect`` of each priority (empty without Qt Multimedia)."""
        return dict(self._effects or {})

    def is_beeping(self) -> bool:
        return self._beep.isActive()

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

    # ------------------------------------------------------------ playing
    def _playable(self, priority: str) -> bool:
        """Whether the effect can play: loaded or still loading; an error means beep."""
        if not self._effects:
            return False
        from PySide6.QtMultimedia import QSoundEffect

        return self._effects[priority].status() != QSoundEffect.Status.Error

    def _set(self, priority: str) -> None:
        if priority == self._sounding:
            return
        self._stop()
        self._sounding = priority
        self._start()
        self.soundingChanged.emit(priority)

    def _start(self) -> None:
        priority = self._sounding
        if not priority or not self.enabled:
            return
        if self._effects and self._playable(priority):
            self._effects[priority].play()  # a loading effect starts once loaded
        else:
            QApplication.beep()
            self._beep.start(BEEP_PERIOD_MS[priority])

    def _on_status(self, priority: str) -> None:
        """A sound that fails while it is wanted is replaced by the beep at once (and back, if it recovers)."""
        if self._effects is None:
            return
        if not self._playable(priority):
            log.warning("alarm sound %s cannot play: %s", priority, self._effects[priority].source().toString())
        self.recheck()
        if priority == self._sounding:
            self._stop()
            self._start()

    def _stop(self) -> None:
        self._beep.stop()
        if self._effects:
            for effect in self._effects.values():
                effect.stop()
