"""F1 opens the bundled guides inside the workstation, rendered from Markdown."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QUrl
from PySide6.QtGui import QTextDocument

from tests.gui.conftest import wait_worker
from widgets.help_viewer import GUIDES, HelpViewer, available_guides, docs_dir
from widgets.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[2]


def test_every_listed_guide_is_bundled() -> None:
    assert docs_dir() == ROOT / "docs"
    assert available_guides() == list(GUIDES)
    spec = (ROOT / "pyinstaller.spec").read_text(encoding="utf-8")
    assert '(str(root / "docs"), "docs")' in spec


def test_f1_opens_the_guide_in_the_window(qtbot: Any, db: Any, users: dict, make_ctx: Any) -> None:
    ctx = make_ctx(db, users["operator"])
    window = MainWindow(ctx, only=frozenset({"persons"}))
    qtbot.addWidget(window)
    window.show()
    wait_worker(qtbot, ctx)
    assert window.guide_action.shortcut().toString() == "F1"
    window.guide_action.trigger()
    viewer = window.help_viewer
    assert isinstance(viewer, HelpViewer) and viewer.isVisible() and not viewer.isModal()
    assert viewer.current == "operator-guide.md"
    text = viewer.browser.toPlainText()
    assert text.startswith("ARM operator guide") and "# " not in text.splitlines()[0]  # rendered, not raw
    image = viewer.browser.loadResource(QTextDocument.ResourceType.ImageResource.value,
                                        QUrl("screenshots/main_window.png"))
    assert 0 < image.width() <= 760  # a 1920 px screenshot fits the viewer
    viewer._follow(QUrl("alarms.md"))  # a link to another guide opens it here
    assert viewer.current == "alarms.md" and "Space" in viewer.browser.toPlainText()
    assert viewer.list.currentItem().text() == "Alarms: handling, keys, sounds"
    window.guide_action.trigger()  # F1 again: the same window comes forward
    assert window.help_viewer is viewer
    assert "not installed" not in window.statusBar().currentMessage()
