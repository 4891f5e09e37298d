"""Switching the language at run time re-translates open widgets in place.

The project's own .qm files are produced at the end by the lead; this test
compiles a small real .ts with pyside6-lrelease so it does not depend on them.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from tests.gui.conftest import wait_worker
from widgets import i18n
from widgets.main_window import MainWindow

TS = """<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru_RU">
<context><name>MainWindow</name>
<message><source>&amp;File</source><translation>&amp;Файл</translation></message>
</context>
<context><name>DeskStatusBar</name>
<message><source>Persons: {n}</source><translation>Лиц: {n}</translation></message>
</context>
<context><name>Panels</name>
<message><source>Persons</source><translation>Поднадзорные</translation></message>
</context>
<context><name>PersonListPanel</name>
<message><source>Open card</source><translation>Открыть карточку</translation></message>
</context>
<context><name>PersonListModel</name>
<message><source>Name</source><translation>ФИО</translation></message>
</context>
</TS>
"""


@pytest.fixture
def qm_dir(tmp_path: Path) -> Path:
    lrelease = shutil.which("pyside6-lrelease", path=str(Path(sys.executable).parent))
    assert lrelease, "pyside6-lrelease is part of PySide6"
    ts = tmp_path / "arm_ru.ts"
    ts.write_text(TS, encoding="utf-8")
    subprocess.run([lrelease, str(ts), "-qm", str(tmp_path / "arm_ru.qm")], check=True, capture_output=True)
    return tmp_path


def test_switch_language_at_run_time(qtbot: Any, demo_db: Any, users: dict, make_ctx: Any, qm_dir: Path) -> None:
    ctx = make_ctx(demo_db, users["operator"])
    window = MainWindow(ctx, only=frozenset({"persons"}))
    qtbot.addWidget(window)
    window.show()
    wait_worker(qtbot, ctx)
    qtbot.waitUntil(lambda: "Persons: 8" in window.persons_label.text(), timeout=5000)
    persons = window.panels["persons"]
    assert window.file_menu.title() == "&File"

    assert i18n.set_language("ru", qm_dir)
    qtbot.wait(50)  # LanguageChange is posted to the windows
    assert window.file_menu.title() == "&Файл"
    assert window.docks["persons"].windowTitle() == "Поднадзорные"
    assert window.persons_label.text() == "Лиц: 8"
    assert persons.open_button.text() == "Открыть карточку"
    assert persons.model.headerData(0, Qt.Orientation.Horizontal) == "ФИО"
    assert window.language_actions["ru"].isChecked() is False  # set_language() bypassed the menu

    window.set_language("en")
    qtbot.wait(50)
    assert window.file_menu.title() == "&File"
    assert persons.open_button.text() == "Open card"
    assert window.language_actions["en"].isChecked()
    assert ctx.settings.general.language == "en"


def test_missing_translation_falls_back_to_english(qapp: Any, tmp_path: Path) -> None:
    assert i18n.set_language("kk", tmp_path) is False
    assert i18n.current_language() == "kk"


def test_language_codes_are_normalised() -> None:
    assert i18n.normalise("ru_RU") == "ru"
    assert i18n.normalise("kz") == "kk"
    assert i18n.normalise("de") == i18n.DEFAULT_LANGUAGE
