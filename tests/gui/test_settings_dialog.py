"""Settings: bad values beside their field; good ones saved through arm.config."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from arm.config import Settings, config_dir
from widgets.settings_dialog import SettingsDialog


def test_bad_values_are_refused_beside_the_field(qtbot: Any, tmp_data_dir: Path) -> None:
    settings = Settings()
    dialog = SettingsDialog(settings)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.timezone.setCurrentText("Asia/Nowhere")
    dialog.remote.setChecked(True)
    dialog.remote_url.setText("http://server")
    dialog.tile_url.setText("https://tiles.example/{z}/{x}.png")
    dialog.submit()
    for name in ("timezone", "remote_url", "remote_token", "tile_url"):
        assert not dialog.errors[name].isHidden() and dialog.errors[name].text().startswith("⚠"), name
    assert dialog.errors["db_url"].isHidden()
    assert dialog.tabs.currentIndex() == 0 and dialog.errors["timezone"].isVisible()
    assert dialog.isVisible()
    assert not (config_dir() / "settings.json").exists()
    assert settings.general.timezone == "Asia/Almaty"


def test_good_values_are_saved_and_applied(qtbot: Any, tmp_data_dir: Path) -> None:
    settings = Settings()
    dialog = SettingsDialog(settings)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.timezone.setCurrentText("Asia/Aqtobe")
    dialog.language.setCurrentIndex(dialog.language.findData("kk"))
    dialog.remote.setChecked(True)
    dialog.remote_url.setText("wss://arm-server:8765")
    dialog.remote_token.setText("desk-token-1")
    dialog.sound.setChecked(False)
    with qtbot.waitSignal(dialog.applied) as applied:
        dialog.submit()
    assert applied.args == [True]  # the service connection changed: restart needed
    saved = Settings.load()
    assert saved.general.timezone == "Asia/Aqtobe" and saved.general.language == "kk"
    assert saved.service.mode == "remote" and saved.service.remote_token == "desk-token-1"
    assert saved.alarms.sound is False
    assert settings.general.timezone == "Asia/Aqtobe"  # the live object every panel holds


def test_desk_time_zone_is_used_for_display(qapp: Any, db: Any, users: dict, make_ctx: Any) -> None:
    from datetime import UTC, datetime

    ctx = make_ctx(db, users["operator"])
    when = datetime(2026, 11, 23, 3, 0, tzinfo=UTC)
    assert ctx.format_time(when) == "23.11.2026 08:00:00"  # Asia/Almaty, UTC+5
    ctx.settings.general.timezone = "UTC"
    assert ctx.format_time(when) == "23.11.2026 03:00:00"


def test_window_applies_language_and_time_zone_at_once(
    qtbot: Any, db: Any, users: dict, make_ctx: Any, tmp_data_dir: Path
) -> None:
    from widgets import i18n
    from widgets.main_window import MainWindow

    ctx = make_ctx(db, users["operator"])
    window = MainWindow(ctx, only=frozenset())
    qtbot.addWidget(window)
    window.open_settings()
    dialog = window.findChild(SettingsDialog)
    dialog.language.setCurrentIndex(dialog.language.findData("kk"))
    dialog.timezone.setCurrentText("UTC")
    dialog.submit()
    assert i18n.current_language() == "kk" and window.language_actions["kk"].isChecked()
    assert window.status.clock_label.text().endswith("UTC")
    assert Settings.load().general.language == "kk"


def test_only_an_administrator_changes_the_technical_alarm_holds(qtbot: Any, tmp_data_dir: Path) -> None:
    settings = Settings()
    operator = SettingsDialog(settings, may_switch_sound=False)
    qtbot.addWidget(operator)
    assert not operator.holds.isEnabled() and operator.holds.currentData() == "field"
    operator.holds.setCurrentIndex(operator.holds.findData("none"))
    assert operator.values()["holds"] == "field"  # a disabled box keeps the stored value
    admin = SettingsDialog(settings, may_switch_sound=True)
    qtbot.addWidget(admin)
    assert admin.holds.isEnabled()
    admin.holds.setCurrentIndex(admin.holds.findData("none"))
    with qtbot.waitSignal(admin.applied) as applied:
        admin.submit()
    assert applied.args == [True]  # the rules runtime is built at start: restart needed
    assert Settings.load().alarms.holds == "none" and settings.alarms.holds == "none"
