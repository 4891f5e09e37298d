"""Settings of this desk: language, time zone, database, service, map, sound, technical-alarm holds.

Edits a copy of :class:`arm.config.Settings` and writes it with
``Settings.save()`` only when every field is valid; a bad field is shown beside
itself. Language, time zone and sound apply at once; the database, the service
connection, the map source and the technical-alarm holds (``alarms.holds``: the
rules runtime is built when the service starts) take effect at the next start
(the dialog says so). Sound and holds are an administrator's to change.
"""

from __future__ import annotations

import copy
import zoneinfo
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from widgets import i18n
from widgets.fit import FitTitle

COMMON_ZONES = ("Asia/Almaty", "Asia/Qostanay", "Asia/Aqtobe", "Asia/Aqtau", "Asia/Atyrau", "Asia/Oral",
                "Asia/Qyzylorda", "UTC")


def check_settings(values: dict[str, Any]) -> dict[str, str]:
    """Field -> English message for values this desk cannot use."""
    errors: dict[str, str] = {}
    try:
        zoneinfo.ZoneInfo(values["timezone"])
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        errors["timezone"] = QT_TRANSLATE_NOOP("Settings", "Unknown time zone; choose one from the list.")
    url = values["db_url"]
    if url and not url.startswith(("sqlite:///", "postgresql://", "postgresql+psycopg://")):
        errors["db_url"] = QT_TRANSLATE_NOOP("Settings", "A database URL starts with sqlite:/// or postgresql://.")
    if values["mode"] == "remote":
        if not values["remote_url"].startswith(("ws://", "wss://")):
            errors["remote_url"] = QT_TRANSLATE_NOOP("Settings", "The service URL starts with ws:// or wss://.")
        if not values["remote_token"]:
            errors["remote_token"] = QT_TRANSLATE_NOOP("Settings", "Enter this desk's token for the remote service.")
    tile = values["tile_url"]
    if tile and not all(p in tile for p in ("{z}", "{x}", "{y}")):
        errors["tile_url"] = QT_TRANSLATE_NOOP("Settings", "A tile URL contains {z}, {x} and {y}.")
    mbtiles = values["mbtiles"]
    if mbtiles and not Path(mbtiles).is_file():
        errors["mbtiles"] = QT_TRANSLATE_NOOP("Settings", "This MBTiles file does not exist.")
    return errors


class SettingsDialog(FitTitle, QDialog):
    """``applied(restart_needed)`` after the settings were saved."""

    applied = Signal(bool)

    def __init__(self, settings: Any, parent: QWidget | None = None, *, may_switch_sound: bool = True) -> None:
        """``may_switch_sound``: only an administrator switches alarm sounds off for the desk."""
        super().__init__(parent)
        self.setObjectName("SettingsDialog")
        self.settings = settings
        self.may_switch_sound = may_switch_sound
        self.errors: dict[str, QLabel] = {}
        self.error_codes: dict[str, str] = {}
        self._build()
        self._load(settings)
        self.retranslateUi()

    # -------------------------------------------------------------- layout
    def _build(self) -> None:
        self.tabs = QTabWidget(self)
        self.language = QComboBox(self)
        for code, name in i18n.LANGUAGES.items():
            self.language.addItem(name, code)
        self.timezone = QComboBox(self)
        self.timezone.setEditable(True)
        self.timezone.addItems(list(COMMON_ZONES))
        self.db_url = QLineEdit(self)
        self.embedded = QRadioButton(self)
        self.remote = QRadioButton(self)
        self.remote_url = QLineEdit(self)
        self.remote_token = QLineEdit(self)
        self.remote_token.setEchoMode(QLineEdit.EchoMode.Password)
        self.embedded.toggled.connect(self._mode_changed)
        self.tile_url = QLineEdit(self)
        self.mbtiles = QLineEdit(self)
        self.browse = QPushButton(self)
        self.browse.clicked.connect(self._browse_mbtiles)
        self.sound = QCheckBox(self)
        self.sound.setEnabled(self.may_switch_sound)
        self.holds = QComboBox(self)  # items in retranslateUi: data = the arm.config.HOLD_PROFILES value
        self.holds.addItems(["", ""])
        self.holds.setItemData(0, "field")
        self.holds.setItemData(1, "none")
        self.holds.setEnabled(self.may_switch_sound)

        general, self.general_form = self._page()
        self.general_labels = [
            self._row(self.general_form, "language", self.language),
            self._row(self.general_form, "timezone", self.timezone),
            self._row(self.general_form, "db_url", self.db_url),
        ]
        service, self.service_form = self._page()
        mode = QWidget()
        mode_box = QVBoxLayout(mode)
        mode_box.setContentsMargins(0, 0, 0, 0)
        mode_box.addWidget(self.embedded)
        mode_box.addWidget(self.remote)
        self.service_labels = [
            self._row(self.service_form, "mode", mode),
            self._row(self.service_form, "remote_url", self.remote_url),
            self._row(self.service_form, "remote_token", self.remote_token),
        ]
        map_page, self.map_form = self._page()
        mb = QWidget()
        mb_box = QHBoxLayout(mb)
        mb_box.setContentsMargins(0, 0, 0, 0)
        mb_box.addWidget(self.mbtiles, 1)
        mb_box.addWidget(self.browse)
        self.map_labels = [
            self._row(self.map_form, "tile_url", self.tile_url),
            self._row(self.map_form, "mbtiles", mb),
        ]
        alarms, self.alarm_form = self._page()
        self.alarm_labels = [self._row(self.alarm_form, "sound", self.sound),
                             self._row(self.alarm_form, "holds", self.holds)]
        for page in (general, service, map_page, alarms):
            self.tabs.addTab(page, "")
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(self.note)
        layout.addWidget(self.buttons)
        layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        self.setMinimumWidth(560)

    def _page(self) -> tuple[QWidget, QFormLayout]:
        page = QWidget()
        form = QFormLayout(page)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        return page, form

    def _row(self, form: QFormLayout, name: str, widget: QWidget) -> QLabel:
        widget.setObjectName(f"setting_{name}")
        error = QLabel()
        error.setObjectName(f"error_{name}")
        error.setProperty("role", "fieldError")
        error.setWordWrap(True)
        error.hide()
        self.errors[name] = error
        cell = QWidget()
        box = QVBoxLayout(cell)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        box.addWidget(widget)
        box.addWidget(error)
        label = QLabel()
        form.addRow(label, cell)
        return label

    def retranslateUi(self) -> None:
        self.setWindowTitle(self.tr("Settings"))
        for i, text in enumerate((self.tr("General"), self.tr("Service"), self.tr("Map"), self.tr("Alarms"))):
            self.tabs.setTabText(i, text)
        for label, text in zip(
            self.general_labels + self.service_labels + self.map_labels + self.alarm_labels,
            (self.tr("Language:"), self.tr("Time zone:"), self.tr("Database URL:"),
             self.tr("Monitoring service:"), self.tr("Service URL:"), self.tr("Desk token:"),
             self.tr("Tile server URL:"), self.tr("MBTiles file:"), self.tr("Alarm sound:"),
             self.tr("Technical alarms:")),
            strict=True,
        ):
            label.setText(text)
        self.db_url.setPlaceholderText(self.tr("empty: the SQLite file in the data folder"))
        self.embedded.setText(self.tr("In this workstation (one desk)"))
        self.remote.setText(self.tr("Remote server (arm serve)"))
        self.remote_url.setPlaceholderText("wss://server:8765")
        self.tile_url.setPlaceholderText(self.tr("empty: offline map only"))
        self.browse.setText(self.tr("Browse…"))
        self.sound.setText(self.tr("Play a sound for new alarms"))
        self.sound.setToolTip("" if self.may_switch_sound else self.tr(
            "Only an administrator switches alarm sounds off. To quiet the alarms at hand, press M in the alarm list."))
        self.holds.setItemText(0, self.tr("Raise only if the condition lasts (recommended)"))
        self.holds.setItemText(1, self.tr("Raise every condition at once"))
        self.holds.setToolTip(self.tr(
            "Low battery, lost signal, lost satellite fix, strap opened and curfew become alarms only if they last; "
            "most end by themselves. Exclusion zones and SOS are always raised at once."
        ) if self.may_switch_sound else self.tr("Only an administrator changes how technical alarms are raised."))
        self.note.setText(self.tr(
            "Database, service, map source and technical-alarm changes take effect after a restart."))
        for name, code in self.error_codes.items():
            self.errors[name].setText("⚠ " + QCoreApplication.translate("Settings", code))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)

    # -------------------------------------------------------------- values
    def _load(self, settings: Any) -> None:
        self.language.setCurrentIndex(max(0, self.language.findData(settings.general.language)))
        self.timezone.setCurrentText(settings.general.timezone)
        self.db_url.setText(settings.general.db_url)
        (self.remote if settings.service.mode == "remote" else self.embedded).setChecked(True)
        self.remote_url.setText(settings.service.remote_url)
        self.remote_token.setText(settings.service.remote_token)
        self.tile_url.setText(settings.map.tile_url)
        self.mbtiles.setText(settings.map.mbtiles)
        self.sound.setChecked(bool(settings.alarms.sound))
        self.holds.setCurrentIndex(max(0, self.holds.findData(settings.alarms.holds)))
        self._mode_changed()

    def values(self) -> dict[str, Any]:
        return {
            "language": self.language.currentData(),
            "timezone": self.timezone.currentText().strip(),
            "db_url": self.db_url.text().strip(),
            "mode": "remote" if self.remote.isChecked() else "embedded",
            "remote_url": self.remote_url.text().strip(),
            "remote_token": self.remote_token.text().strip(),
            "tile_url": self.tile_url.text().strip(),
            "mbtiles": self.mbtiles.text().strip(),
            # a disabled box keeps the stored value: only an administrator changes it
            "sound": self.sound.isChecked() if self.may_switch_sound else bool(self.settings.alarms.sound),
            "holds": self.holds.currentData() if self.may_switch_sound else self.settings.alarms.holds,
        }

    def _mode_changed(self) -> None:
        remote = self.remote.isChecked()
        self.remote_url.setEnabled(remote)
        self.remote_token.setEnabled(remote)

    def _browse_mbtiles(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("MBTiles file"), "", self.tr("MBTiles (*.mbtiles)"))
        if path:
            self.mbtiles.setText(path)

    def show_errors(self, errors: dict[str, str]) -> None:
        self.error_codes = dict(errors)
        for name, label in self.errors.items():
            code = errors.get(name)
            label.setText("⚠ " + QCoreApplication.translate("Settings", code) if code else "")
            label.setVisible(bool(code))
        pages = {"language": 0, "timezone": 0, "db_url": 0, "mode": 1, "remote_url": 1, "remote_token": 1,
                 "tile_url": 2, "mbtiles": 2, "sound": 3, "holds": 3}
        if errors:
            self.tabs.setCurrentIndex(min(pages.get(n, 0) for n in errors))

    def submit(self) -> None:
        v = self.values()
        errors = check_settings(v)
        self.show_errors(errors)
        if errors:
            return
        new_settings = copy.deepcopy(self.settings)
        new_settings.general.language = v["language"]
        new_settings.general.timezone = v["timezone"]
        new_settings.general.db_url = v["db_url"]
        new_settings.service.mode = v["mode"]
        new_settings.service.remote_url = v["remote_url"]
        new_settings.service.remote_token = v["remote_token"]
        new_settings.map.tile_url = v["tile_url"]
        new_settings.map.mbtiles = v["mbtiles"]
        new_settings.alarms.sound = v["sound"]
        new_settings.alarms.holds = v["holds"]
        restart = (
            new_settings.general.db_url != self.settings.general.db_url
            or new_settings.service.mode != self.settings.service.mode
            or new_settings.service.remote_url != self.settings.service.remote_url
            or new_settings.service.remote_token != self.settings.service.remote_token
            or new_settings.alarms.holds != self.settings.alarms.holds
        )  # a new tile server or MBTiles file is applied to the open map at once (MapView.apply_settings)
        try:
            new_settings.save()
        except OSError as exc:
            self.note.setText(self.tr("Could not save the settings: {error}").format(error=exc))
            return
        # Apply to the live object every panel holds.
        for section in ("general", "service", "map", "alarms"):
            setattr(self.settings, section, getattr(new_settings, section))
        self.applied.emit(restart)
        self.accept()
