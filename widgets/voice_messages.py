"""The voice messages a supervised person sent from their watch: list, listen, save.

Shown as a tab of the person card to the roles that may hear recorded
material (``arm.media.library.may_listen``: operators and supervisors), and
behind the "Listen…" action of a voice-message alarm in the alarm detail
pane (:class:`VoiceAlarmAction` opens a :class:`VoiceMessageDialog` holding
the same view, listing the alarm's clips instead of the person's). Every
list, listen and export goes through ``arm.media.library`` on the database
worker, which checks the role and district and writes the audit row in the
same transaction that reads the clip; nothing is played that was not
journalled. The clip is played from memory (QBuffer) with QtMultimedia's
FFmpeg backend, which decodes AMR-NB; it is never written to a temporary file.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QBuffer, QByteArray, QEvent, QIODevice, Qt, QUrl, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from arm.access import AccessDenied
from arm.media import library
from arm.media.library import Clip, ClipInfo
from arm.media.store import VOICE_ALARM
from widgets.fit import FitTitle

if TYPE_CHECKING:
    from PySide6.QtMultimedia import QAudioOutput, QMediaPlayer

    from arm.alarms.views import AlarmView
    from widgets.context import AppContext


class VoiceMessagesView(QWidget):
    """A person's (or an alarm's) voice messages, newest first, with Play / Stop / Save as…."""

    #: emitted after each load with the number of clips listed (tests, the card's tab title)
    loaded = Signal(int)
    #: emitted with the clip id once playback started
    playing = Signal(int)
    #: emitted with the file path once an export was written
    saved = Signal(str)

    def __init__(self, ctx: AppContext, person_id: int | None, parent: QWidget | None = None, *,
                 alarm_id: int | None = None, autoplay: bool = False) -> None:
        super().__init__(parent)
        self.setObjectName("voiceMessages")
        self._ctx = ctx
        self.person_id = person_id
        #: list the clips behind this alarm (``library.alarm_clips``) instead of the person's
        self.alarm_id = alarm_id
        #: play the newest clip as soon as the list is loaded (the alarm's "Listen…")
        self.autoplay = autoplay
        self.clips: list[ClipInfo] = []
        self._player: QMediaPlayer | None = None
        self._output: QAudioOutput | None = None
        self._buffer: QBuffer | None = None
        self.table = QTableWidget(0, 5, self)
        self.table.setObjectName("voiceTable")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.itemDoubleClicked.connect(lambda _item: self.play())
        self.play_button = QPushButton(self)
        self.play_button.setObjectName("voicePlay")
        self.play_button.clicked.connect(self.play)
        self.stop_button = QPushButton(self)
        self.stop_button.setObjectName("voiceStop")
        self.stop_button.clicked.connect(self.stop)
        self.save_button = QPushButton(self)
        self.save_button.setObjectName("voiceSave")
        self.save_button.clicked.connect(self.save_as)
        self.status = QLabel(self)
        self.status.setObjectName("voiceStatus")
        self.status.setWordWrap(True)
        self.note = QLabel(self)
        self.note.setObjectName("voiceNote")
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: palette(mid);")
        buttons = QHBoxLayout()
        for b in (self.play_button, self.stop_button, self.save_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        layout.addWidget(self.note)
        self._loaded_once = False
        self.retranslateUi()
        self._update_buttons()

    def showEvent(self, event: Any) -> None:
        # listed (and journalled) when the tab is first looked at, not when the card opens
        if not self._loaded_once:
            self._loaded_once = True
            self.reload()
        super().showEvent(event)

    # -------------------------------------------------------------- text
    def retranslateUi(self) -> None:
        self.table.setHorizontalHeaderLabels(
            [self.tr("Sent"), self.tr("Device"), self.tr("Length"), self.tr("Size"), self.tr("Note")]
        )
        self.play_button.setText(self.tr("Play"))
        self.stop_button.setText(self.tr("Stop"))
        self.save_button.setText(self.tr("Save as…"))
        self.note.setText(self.tr("Voice messages are recorded material: every listening and every export "
                                  "is recorded in the audit journal under your name."))
        if self.clips:
            self._fill(self.clips)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)

    # -------------------------------------------------------------- data
    def reload(self) -> None:
        self.status.setText(self.tr("Loading…"))
        if self.alarm_id is not None:
            alarm_id = self.alarm_id
            self._ctx.write(lambda s: library.alarm_clips(s, self._ctx.user, alarm_id),
                            on_done=self._loaded, on_error=self._failed)
            return
        self._ctx.write(lambda s: library.list_clips(s, self._ctx.user, person_id=self.person_id),
                        on_done=self._loaded, on_error=self._failed)

    def _loaded(self, clips: list[ClipInfo]) -> None:
        self.clips = clips
        self._fill(clips)
        if clips:
            self.status.setText("")
        elif self.alarm_id is not None:
            self.status.setText(self.tr("The voice message of this alarm is not stored (yet). "
                                        "Try again in a moment."))
        else:
            self.status.setText(self.tr("No voice messages from this person."))
        self._update_buttons()
        self.loaded.emit(len(clips))
        if clips and self.autoplay:
            self.autoplay = False
            self.play()

    def _fill(self, clips: list[ClipInfo]) -> None:
        self.table.setRowCount(len(clips))
        for row, c in enumerate(clips):
            length = "—" if c.duration_s is None else self.tr("{seconds:.1f} s").format(seconds=c.duration_s)
            note = ""
            if c.parts_missing:
                note = self.tr("incomplete: {missing} of {parts} parts did not arrive").format(
                    missing=c.parts_missing, parts=c.parts)
            cells = [self._ctx.format_time(c.time), c.serial, length,
                     self.tr("{kb:.1f} KB").format(kb=c.size / 1024), note]
            for column, value in enumerate(cells):
                item = QTableWidgetItem(value)
                if column in (2, 3):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, column, item)
        if clips and not self.table.selectedItems():
            self.table.selectRow(0)

    def _failed(self, error: BaseException) -> None:
        if isinstance(error, AccessDenied):
            text = self.tr("Your role may not listen to voice messages.")
        elif isinstance(error, OSError):
            text = self.tr("Could not save the file: {error}").format(error=error)
        elif isinstance(error, library.ClipCorrupt):
            text = self.tr("This voice message does not match its checksum and is not played. "
                           "Report it to the administrator.")
        else:
            text = self.tr("Could not read the voice message: {error}").format(error=error)
        self.status.setText(text)

    def selected(self) -> ClipInfo | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows or rows[0].row() >= len(self.clips):
            return None
        return self.clips[rows[0].row()]

    def _update_buttons(self) -> None:
        has = self.selected() is not None
        self.play_button.setEnabled(has)
        self.save_button.setEnabled(has)
        self.stop_button.setEnabled(self._player is not None and self._player.isPlaying())

    # -------------------------------------------------------------- listen
    def play(self) -> None:
        info = self.selected()
        if info is None:
            return
        self.status.setText(self.tr("Opening the voice message…"))
        self._ctx.write(library.fetch_clip, self._ctx.user, info.id, on_done=self._play, on_error=self._failed)

    def _play(self, clip: Clip) -> None:
        from PySide6.QtMultimedia import QAudioOutput, QMediaDevices, QMediaPlayer

        if self._player is None:
            self._player = QMediaPlayer(self)
            self._output = QAudioOutput(self)
            self._player.setAudioOutput(self._output)
            self._player.playbackStateChanged.connect(lambda _s: self._update_buttons())
            self._player.errorOccurred.connect(self._player_error)
        self._player.stop()
        self._buffer = QBuffer(self)
        self._buffer.setData(QByteArray(clip.data))
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self._player.setSourceDevice(self._buffer, QUrl(f"clip.{clip.info.format}"))
        self._player.play()
        when = self._ctx.format_time(clip.info.time)
        if QMediaDevices.audioOutputs():
            self.status.setText(self.tr("Playing the voice message of {time}.").format(time=when))
        else:
            self.status.setText(self.tr("No sound device on this computer: use Save as… to listen "
                                        "to the message of {time} elsewhere.").format(time=when))
        self._update_buttons()
        self.playing.emit(clip.info.id)

    def _player_error(self, _error: Any, text: str) -> None:
        self.status.setText(self.tr("The voice message cannot be played: {error}").format(error=text))

    def stop(self) -> None:
        if self._player is not None:
            self._player.stop()
        self._update_buttons()

    # -------------------------------------------------------------- export
    def save_as(self) -> None:
        info = self.selected()
        if info is None:
            return
        path, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Save voice message"), library.suggested_filename(info), self.tr("AMR audio (*.amr)"))
        if path:
            self.save_to(info.id, path)

    def save_to(self, clip_id: int, path: str) -> None:
        """Export (audited) on the worker; the file is the clip byte for byte."""
        self.status.setText(self.tr("Saving…"))
        user = self._ctx.user
        # force: the save dialog asked before an existing file is replaced (never a link: safe_write)
        self._ctx.write(lambda s: library.export_clip(s, user, clip_id, path, force=True),
                        on_done=self._saved, on_error=self._failed)

    def _saved(self, result: tuple[Clip, Any]) -> None:
        _clip, target = result
        self.status.setText(self.tr("Saved to {path}").format(path=str(target)))
        self.saved.emit(str(target))

    def closeEvent(self, event: Any) -> None:
        self.stop()
        super().closeEvent(event)


# ------------------------------------------------------------------ from an alarm
def is_voice_alarm(alarm: AlarmView | None) -> bool:
    """A device alarm whose latest report was a voice message (``ALARM voiceMessage``)."""
    if alarm is None or alarm.kind != "device_alarm":
        return False
    return dict(alarm.explanation_params).get("alarm") == VOICE_ALARM


class VoiceMessageDialog(FitTitle, QDialog):
    """The voice messages behind one alarm, the newest playing at once; the person card's player."""

    def __init__(self, ctx: AppContext, alarm: AlarmView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("voiceMessageDialog")
        self.alarm_id = alarm.id
        self._who = alarm.person_name if ctx.may_see_personal_data() else ""
        self._serial = alarm.device_serial
        self.heading = QLabel(self)
        self.heading.setObjectName("voiceDialogHeading")
        self.heading.setWordWrap(True)
        self.view = VoiceMessagesView(ctx, alarm.person_id, self, alarm_id=alarm.id, autoplay=True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.buttons)
        self.resize(720, 360)
        self.retranslateUi()

    def retranslateUi(self) -> None:
        self.setWindowTitle(self.tr("Voice message of alarm {number}").format(number=self.alarm_id))
        if self._who:
            text = self.tr("Sent from the watch {serial} of {person}.").format(serial=self._serial, person=self._who)
        else:
            text = self.tr("Sent from the watch {serial}.").format(serial=self._serial)
        self.heading.setText(text)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)

    def done(self, result: int) -> None:
        self.view.stop()
        super().done(result)


class VoiceAlarmAction(QWidget):
    """The "Listen…" button the alarm detail pane shows for a voice-message alarm.

    Hidden for other alarms. Shown disabled, with the reason beside it and as
    its tooltip, to roles that may not hear recorded material, so a technician
    knows the message exists and whom to ask. Listening itself goes through
    :class:`VoiceMessageDialog` (role, district, checksum, audit row).
    """

    #: emitted with the dialog once it is open (tests, the screenshot script)
    opened = Signal(object)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("voiceAlarmAction")
        self._ctx = ctx
        self.alarm: AlarmView | None = None
        self.dialog: VoiceMessageDialog | None = None
        self.button = QPushButton(self)
        self.button.setObjectName("alarmListen")
        self.button.clicked.connect(self.listen)
        self.reason = QLabel(self)
        self.reason.setObjectName("alarmListenReason")
        self.reason.setWordWrap(True)
        self.reason.setStyleSheet("color: palette(mid);")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 4)
        layout.addWidget(self.button)
        layout.addWidget(self.reason, 1)
        self.retranslateUi()
        self.show_for(None)

    def retranslateUi(self) -> None:
        self.button.setText(self.tr("Listen…"))
        if library.may_listen(getattr(self._ctx, "user", None)):
            self.button.setToolTip(self.tr("Play the voice message this alarm was raised for "
                                           "(recorded in the audit journal)."))
            self.reason.setText(self.tr("The watch sent a voice message with this alarm."))
        else:
            why = self.tr("Your role may not listen to voice messages: an operator or a supervisor can.")
            self.button.setToolTip(why)
            self.reason.setText(why)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)

    def show_for(self, alarm: AlarmView | None) -> None:
        """Offer the action for this alarm if it is a voice message; hide it otherwise."""
        self.retranslateUi()  # the signed-in user (and so the reason shown) may have changed
        self.alarm = alarm if is_voice_alarm(alarm) else None
        self.setVisible(self.alarm is not None)
        self.button.setEnabled(self.alarm is not None and library.may_listen(getattr(self._ctx, "user", None)))

    def listen(self) -> None:
        if self.alarm is None or not library.may_listen(getattr(self._ctx, "user", None)):
            return
        if self.dialog is not None:
            self.dialog.close()
            self.dialog.deleteLater()
        self.dialog = VoiceMessageDialog(self._ctx, self.alarm, self.window())
        self.dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
        self.dialog.show()
        self.opened.emit(self.dialog)
