"""The complete language switch at run time, on the real catalogues: every panel of a supervisor.

The .ts files of the repository are compiled into a temporary folder (the
lead regenerates the shipped .qm), and the expected words come from the
translation dictionaries, so a panel left in Russian after a switch to Kazakh fails.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel

from tests.gui.conftest import wait_worker
from widgets import i18n
from widgets.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[2]
TRANSLATIONS = ROOT / "resources" / "translations"


def words(lang: str) -> dict[str, str]:
    return json.loads((TRANSLATIONS / f"dict_{lang}.json").read_text(encoding="utf-8"))


@pytest.fixture
def catalogues(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The repository's .ts files compiled by pyside6-lrelease, used by widgets.i18n."""
    lrelease = shutil.which("pyside6-lrelease", path=str(Path(sys.executable).parent))
    assert lrelease
    for ts in TRANSLATIONS.glob("*.ts"):
        subprocess.run([lrelease, "-silent", str(ts), "-qm", str(tmp_path / f"{ts.stem}.qm")], check=True)
    monkeypatch.setenv("ARM_TRANSLATIONS_DIR", str(tmp_path))
    yield tmp_path


def test_switch_ru_to_kk_retranslates_every_panel(qtbot: Any, demo_db: Any, users: dict, make_ctx: Any,
                                                  catalogues: Path) -> None:
    ru, kk = words("ru"), words("kk")
    i18n.set_language("ru")
    ctx = make_ctx(demo_db, users["supervisor"])
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.resize(1366, 728)
    window.show()
    wait_worker(qtbot, ctx)
    alarms, map_view = window.panels["alarms"], window.panels["map"]
    assert alarms.buttons["acknowledge"].text() == ru["Acknowledge"] + " [A]"
    zones_before = window.panels["zones"]

    window.set_language("kk")
    qtbot.wait(50)
    assert alarms.buttons["acknowledge"].text() == kk["Acknowledge"] + " [A]"
    assert alarms.kind.itemText(0) == kk["All alarms"]
    assert alarms.state.itemText(0) == kk["All open"]
    assert alarms.person.placeholderText() == kk["Person or device…"]
    assert alarms.model.headerData(0, Qt_horizontal()) == kk["Priority"]
    assert alarms.filter_labels[0].text() == kk["&District:"]
    assert map_view.follow_action.text() == kk["Follow"]
    assert map_view.home_action.text() == kk["Whole country"]
    assert map_view.track_button.text() == kk["Track"]
    assert kk["Clear selection"] == map_view.clear_action.text()
    assert "normal" not in map_view.legend.text() and ru["Follow"] != kk["Follow"]
    assert map_view.track_panel.close_button.text() == kk["Close track"]
    # panels without a retranslation of their own are built again in Kazakh
    zones = window.panels["zones"]
    assert zones is not zones_before
    labels = {lab.text() for lab in zones.findChildren(QLabel)}
    assert kk["Zone name"] in labels and ru["Zone name"] not in labels
    assert window.docks["alarms"].windowTitle() == QCoreApplication.translate("Panels", "Alarms") != ru["Alarms"]
    # Qt's own dialogs: qtbase_kk plus our supplement
    assert QCoreApplication.translate("QFileDialog", "Look in:") == "Қарау орны:"
    assert QCoreApplication.translate("QFileDialog", "Files of type:") == "Файл түрлері:"


def Qt_horizontal() -> Any:
    from PySide6.QtCore import Qt

    return Qt.Orientation.Horizontal
