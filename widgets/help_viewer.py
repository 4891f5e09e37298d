"""The bundled guides (docs/*.md), read inside the workstation (F1).

A desk computer may have no Markdown viewer at all, and a guide opened in
another program hides the alarm panel; so the guides are rendered here by
``QTextBrowser.setMarkdown``, with their screenshots and their links to each
other. The window is not modal: alarms stay workable while it is open.

Each guide is read in the interface language: ``docs/ru/<name>`` and
``docs/kk/<name>`` are the translations of ``docs/<name>`` (screenshots stay in
``docs/screenshots`` and are referenced as ``../screenshots/...``). A guide not
translated yet is shown in English, and the window says so.
"""

from __future__ import annotations

import logging
import re
import sys
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, Qt, QUrl
from PySide6.QtGui import QImage, QTextDocument
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from widgets.fit import FitTitle
from widgets.i18n import current_language

log = logging.getLogger("arm.gui.help")

IMAGE_WIDTH = 760

#: file -> title (translated in the "Guides" context), in the order a desk reads them
GUIDES: dict[str, str] = {
    "operator-guide.md": QT_TRANSLATE_NOOP("Guides", "Operator guide: the window, log-in, settings"),
    "supervisor-guide.md": QT_TRANSLATE_NOOP("Guides", "Supervisor: registration, restrictions, deregistration"),
    "admin-guide.md": QT_TRANSLATE_NOOP("Guides", "Administrator: accounts and reference lists"),
    "technician-guide.md": QT_TRANSLATE_NOOP("Guides", "Technician: device inventory and pairing"),
    "alarms.md": QT_TRANSLATE_NOOP("Guides", "Alarms: handling, keys, sounds"),
    "map.md": QT_TRANSLATE_NOOP("Guides", "The live map and tracks"),
    "journals.md": QT_TRANSLATE_NOOP("Guides", "Journals and reports"),
    "serial.md": QT_TRANSLATE_NOOP("Guides", "Technician: serial and USB devices"),
    "protocols.md": QT_TRANSLATE_NOOP("Guides", "Technician: network trackers and phones"),
    "security.md": QT_TRANSLATE_NOOP("Guides", "Security: who may do what"),
}


#: the guide F1 opens first for each role (its own guide)
ROLE_GUIDES: dict[str, str] = {
    "supervisor": "supervisor-guide.md",
    "administrator": "admin-guide.md",
    "technician": "technician-guide.md",
}


def first_guide(role: str) -> str:
    return ROLE_GUIDES.get(role, "operator-guide.md")


def docs_dir() -> Path:
    """``docs/`` beside the code, or inside a PyInstaller bundle (pyinstaller.spec copies it)."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "docs"
    return Path(__file__).resolve().parent.parent / "docs"


def available_guides(directory: Path | None = None) -> list[str]:
    directory = directory or docs_dir()
    return [name for name in GUIDES if (directory / name).is_file()]


def guide_path(name: str, lang: str, directory: Path | None = None) -> Path:
    """``docs/<lang>/<name>`` when that translation exists, else the English ``docs/<name>``."""
    directory = directory or docs_dir()
    translated = directory / lang / name
    if lang != "en" and translated.is_file():
        return translated
    return directory / name


def is_translated(name: str, lang: str, directory: Path | None = None) -> bool:
    return lang == "en" or guide_path(name, lang, directory).parent != (directory or docs_dir())


#: a table whose rows hold only screenshots ("| Russian | Kazakh |" above two images a row)
_IMAGE_TABLE = re.compile(
    r"^\|[^\n]*\|\n\|[-| :]+\|\n((?:\|\s*!\[[^\]]*\]\([^)]+\)\s*\|\s*!\[[^\]]*\]\([^)]+\)\s*\|[ \t]*(?:\n|$))+)",
    re.M)
_IMAGE = re.compile(r"!\[[^\]]*\]\(([^)]+)\)")


def images_out_of_tables(text: str, lang: str) -> str:
    """Screenshot tables as plain images, in the reader's language where there is one.

    Qt's Markdown reader leaves an image inside a table cell empty, so the
    side-by-side Russian/Kazakh screenshots would show as an empty grid; a
    Russian or Kazakh reader gets the screenshot of their own language, an
    English reader both.
    """
    def plain(match: re.Match[str]) -> str:
        # the column heading ("Русский", "Қазақша") is the image's alt text: Qt drops an image without one
        headings = [cell.strip() for cell in match.group(0).split("\n", 1)[0].strip("|").split("|")]
        shots = [(headings[i % len(headings)] or "—", path)
                 for i, path in enumerate(_IMAGE.findall(match.group(1)))]
        own = [(alt, path) for alt, path in shots if f"_{lang}_" in path or path.endswith(f"_{lang}.png")]
        return "".join(f"![{alt}]({path})\n\n" for alt, path in own or shots)

    return _IMAGE_TABLE.sub(plain, text)


class GuideBrowser(QTextBrowser):
    """Shows a guide's screenshots (1920 px wide) at most ``IMAGE_WIDTH`` wide, not behind a scroll bar."""

    def loadResource(self, kind: int, url: QUrl | str) -> Any:
        if kind == QTextDocument.ResourceType.ImageResource.value:
            name = url.toString() if isinstance(url, QUrl) else str(url)
            path = Path(QUrl(name).toLocalFile()) if name.startswith("file:") else self.directory / name
            image = QImage(str(path))
            if not image.isNull():
                if image.width() > IMAGE_WIDTH:
                    image = image.scaledToWidth(IMAGE_WIDTH, Qt.TransformationMode.SmoothTransformation)
                return image
        return super().loadResource(kind, url)

    directory = Path()


class HelpViewer(FitTitle, QDialog):
    """A list of guides on the left, the chosen guide on the right."""

    def __init__(self, parent: QWidget | None = None, guide: str = "operator-guide.md",
                 directory: Path | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("HelpViewer")
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self.directory = directory or docs_dir()
        self.current = ""
        self.list = QListWidget()
        self.list.setObjectName("guideList")
        self.list.setMaximumWidth(360)
        self.list.setMinimumWidth(240)
        self.list.setWordWrap(True)
        for name in available_guides(self.directory):
            item = QListWidgetItem()
            item.setData(Qt.ItemDataRole.UserRole, name)
            self.list.addItem(item)
        self.browser = GuideBrowser()
        self.browser.directory = self.directory
        self.browser.setObjectName("guideText")
        self.browser.setOpenLinks(False)  # links between guides open here; others are only shown
        self.browser.anchorClicked.connect(self._follow)
        self.browser.setSearchPaths([str(self.directory)])
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: #555;")
        splitter = QSplitter()
        splitter.addWidget(self.list)
        splitter.addWidget(self.browser)
        splitter.setStretchFactor(1, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        bottom = QHBoxLayout()
        bottom.addWidget(self.note, 1)
        bottom.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addLayout(bottom)
        self.list.currentItemChanged.connect(
            lambda item, _prev: item is not None and self.show_guide(item.data(Qt.ItemDataRole.UserRole)))
        self.retranslateUi()
        self.resize(1100, 700)
        self.show_guide(guide)

    def retranslateUi(self) -> None:
        self.setWindowTitle(self.tr("ARM guides"))
        for i in range(self.list.count()):
            item = self.list.item(i)
            item.setText(QCoreApplication.translate("Guides", GUIDES[item.data(Qt.ItemDataRole.UserRole)]))
        self._update_note()

    def _update_note(self) -> None:
        untranslated = bool(self.current) and not is_translated(self.current, current_language(), self.directory)
        self.note.setText(self.tr("This guide has not been translated yet: it is shown in English.")
                          if untranslated else "")

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
            if self.current:  # the same guide, in the new language
                self.show_guide(self.current)
        super().changeEvent(event)

    def show_guide(self, name: str, fragment: str = "") -> bool:
        """Render ``docs/<lang>/<name>`` (or ``docs/<name>``); False (and the list unchanged) if it is not there."""
        path = guide_path(name, current_language(), self.directory)
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            log.warning("guide %s cannot be read: %s", path, exc)
            return False
        self.current = name
        self.browser.directory = path.parent
        self.browser.setSearchPaths([str(path.parent)])
        self.browser.document().setBaseUrl(QUrl.fromLocalFile(str(path.parent) + "/"))
        self.browser.setMarkdown(images_out_of_tables(text, current_language()))
        for i in range(self.list.count()):
            if self.list.item(i).data(Qt.ItemDataRole.UserRole) == name:
                self.list.blockSignals(True)
                self.list.setCurrentRow(i)
                self.list.blockSignals(False)
        if fragment:
            self.browser.scrollToAnchor(fragment)
        self._update_note()
        return True

    def _follow(self, url: QUrl) -> None:
        """A link to another guide opens it here; a web address is not opened (no network at run time)."""
        if url.scheme() in ("", "file") and url.path().endswith(".md"):
            self.show_guide(Path(url.path()).name, url.fragment())
        elif not url.scheme() and url.fragment():
            self.browser.scrollToAnchor(url.fragment())
