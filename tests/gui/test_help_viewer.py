"""F1 opens the bundled guides inside the workstation, rendered from Markdown."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QTextDocument

from tests.gui.conftest import wait_worker
from widgets import i18n
from widgets.help_viewer import GUIDES, ROLE_GUIDES, HelpViewer, available_guides, docs_dir, guide_path
from widgets.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[2]
#: the guides every role reads first: each must exist in Russian and Kazakh
USER_GUIDES = ("operator-guide.md", "supervisor-guide.md", "admin-guide.md", "technician-guide.md")
#: a heading each translated guide starts with, as a person sees it
HEADINGS = {
    ("ru", "operator-guide.md"): "Руководство оператора АРМ",
    ("kk", "operator-guide.md"): "АЖО операторының нұсқаулығы",
    ("ru", "supervisor-guide.md"): "Руководство руководителя",
    ("kk", "supervisor-guide.md"): "Басшы нұсқаулығы",
    ("ru", "admin-guide.md"): "Руководство администратора",
    ("kk", "admin-guide.md"): "Әкімші нұсқаулығы",
    ("ru", "technician-guide.md"): "Руководство техника",
    ("kk", "technician-guide.md"): "Техник нұсқаулығы",
}
LINK = re.compile(r"\]\(([^)\s]+)\)")


def test_every_listed_guide_is_bundled() -> None:
    assert docs_dir() == ROOT / "docs"
    assert available_guides() == list(GUIDES)
    spec = (ROOT / "pyinstaller.spec").read_text(encoding="utf-8")
    assert '(str(root / "docs"), "docs")' in spec  # docs/ru and docs/kk with it
    assert set(ROLE_GUIDES.values()) | {"operator-guide.md"} <= set(GUIDES)


@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_translated_guides_match_the_english_ones(lang: str) -> None:
    """docs/<lang> holds a translation of each user guide, of nothing else, and every link in it leads somewhere."""
    directory = docs_dir() / lang
    translated = sorted(p.name for p in directory.glob("*.md"))
    assert set(USER_GUIDES) <= set(translated)
    assert set(translated) <= set(GUIDES)  # only guides the viewer offers
    for name in translated:
        text = (directory / name).read_text(encoding="utf-8")
        assert text.startswith("# " + HEADINGS[(lang, name)]), name
        for target in LINK.findall(text):
            if target.startswith(("http:", "https:", "#")):
                continue
            path = target.split("#")[0]
            if path.endswith(".md"):  # another guide: in this language, else in English
                assert guide_path(Path(path).name, lang).is_file(), f"{lang}/{name}: {target}"
            else:  # a screenshot, the same as the English guide's
                assert (directory / path).resolve().is_file(), f"{lang}/{name}: {target}"
                assert path.startswith("../screenshots/"), f"{lang}/{name}: {target}"
        latin = re.findall(r"(?<![`\w/.-])[A-Za-z]{4,}(?![`\w/.-])", re.sub(r"`[^`]*`|\([^)]*\)|```.*?```", "", text, flags=re.S))
        allowed = {"Qt", "Asia", "Almaty", "SQLite", "MBTiles", "Watch", "OsmAnd", "English", "VLC", "TRK", "BRC",
                   "SKU", "MKU", "RCV", "USB", "IMEI", "ICD", "NMEA", "SIGTERM", "HTTP", "GT06", "Windows", "UTC",
                   "JSON", "INFO", "DEMO", "Serial", "LWG", "SEEWORLD"}
        assert not [w for w in latin if w not in allowed], f"{lang}/{name}: English words {sorted(set(latin) - allowed)}"


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


@pytest.mark.parametrize(("lang", "role", "guide"), [
    ("ru", "operator", "operator-guide.md"), ("kk", "operator", "operator-guide.md"),
    ("ru", "supervisor", "supervisor-guide.md"), ("kk", "technician", "technician-guide.md"),
])
def test_f1_opens_the_guide_in_the_interface_language(qtbot: Any, db: Any, users: dict, make_ctx: Any,
                                                      lang: str, role: str, guide: str) -> None:
    i18n.set_language(lang)
    ctx = make_ctx(db, users[role])
    window = MainWindow(ctx, only=frozenset({"persons"}))
    qtbot.addWidget(window)
    window.show()
    wait_worker(qtbot, ctx)
    window.guide_action.trigger()
    viewer = window.help_viewer
    assert isinstance(viewer, HelpViewer) and viewer.isVisible()
    assert viewer.current == guide
    text = viewer.browser.toPlainText()
    assert text.startswith(HEADINGS[(lang, guide)]), text[:80]
    assert viewer.note.text() == ""  # translated: no "English only" notice
    image = viewer.browser.loadResource(QTextDocument.ResourceType.ImageResource.value,
                                        QUrl("../screenshots/enroll_users_ru_1366x768.png"))
    assert 0 < image.width() <= 760  # screenshots are found from docs/<lang>/
    other = "admin-guide.md" if guide != "admin-guide.md" else "operator-guide.md"
    viewer._follow(QUrl(other))  # a link between guides opens the other one, in the same language
    assert viewer.current == other and viewer.browser.toPlainText().startswith(HEADINGS[(lang, other)])
    assert viewer.list.currentItem().data(Qt.ItemDataRole.UserRole) == other
    if other == "admin-guide.md":  # its side-by-side screenshot table: the reader's language only, as an image
        html = viewer.browser.toHtml()
        assert f'<img src="../screenshots/enroll_users_{lang}_1366x768.png"' in html
        assert ("_kk_" if lang == "ru" else "_ru_") not in html
    viewer._follow(QUrl("alarms.md"))  # not translated yet: English, and the window says so
    assert viewer.browser.toPlainText().startswith("Alarms")
    assert viewer.note.text() and "English" not in viewer.note.text()
    assert "English" not in " ".join(viewer.list.item(i).text() for i in range(viewer.list.count()))
    switched = "kk" if lang == "ru" else "ru"
    viewer._follow(QUrl(other))
    i18n.set_language(switched)  # the language switch re-reads the open guide
    qtbot.waitUntil(lambda: viewer.browser.toPlainText().startswith(HEADINGS[(switched, other)]), timeout=3000)
