"""What a person sees on a Qt screen, and which of it is English or a raw code.

The word list is the translation catalogues' own English (every source
string's words: if one of them shows on a Russian or Kazakh screen, a
translation is missing) plus common interface words; device type codes,
units and file formats that are the same in every language are allowed.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QDockWidget,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMainWindow,
    QTabBar,
    QWidget,
)

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "translations" / "arm_ru.ts"

#: the same in every language: device types, protocols, units, formats, the product's name
ALLOWED = {
    "brc", "sku", "trk", "mku", "gt06", "watch", "bac", "phone", "gnss", "gps", "gpx", "geojson", "pdf", "xlsx",
    "csv", "txt", "tcp", "udp", "usb", "com", "tty", "icd", "osmand", "arm", "utc", "iin", "qt", "leaflet",
    "mbtiles", "wss", "http", "https", "ctrl", "alt", "shift", "space", "esc", "enter", "del", "sms", "demo",
    "mg", "kb", "mb", "gb", "rssi", "ppm",
}
COMMON = {
    "alarm", "alarms", "person", "persons", "device", "devices", "status", "open", "close", "save", "cancel",
    "layers", "look", "files", "type", "priority", "state", "district", "follow", "track", "clear", "selection",
    "settings", "file", "view", "help", "acknowledge", "note", "shelve", "silence", "handover", "battery",
    "low", "bracelet", "strap", "opened", "monitoring", "never", "online", "offline", "journal", "journals",
    "charts", "refresh", "export", "name", "kind", "zone", "schedule", "buffer", "shape", "polygon", "circle",
    "yes", "no", "apply", "the", "and", "of", "to", "in", "for", "with", "not", "none", "all", "active",
    "unacknowledged", "critical", "high", "medium", "search", "filter", "from", "until", "since",
}
CODE = re.compile(r"\b[a-z]+(?:[._][a-z]+)+\b")
LATIN = re.compile(r"[A-Za-z]{3,}")
TAG = re.compile(r"<[^>]+>")


def catalogue_words() -> set[str]:
    words: set[str] = set()
    for message in ET.parse(TS).getroot().iter("message"):
        source = re.sub(r"\{[^}]*\}|%\d|&(?=\w)", " ", message.findtext("source") or "")
        words |= {w.lower() for w in LATIN.findall(TAG.sub(" ", source))}
    return (words | COMMON) - ALLOWED


def visible(widget: QWidget, top: QWidget) -> bool:
    return widget.isVisibleTo(top) and widget.isVisible() and not widget.visibleRegion().isEmpty()


def screen_texts(top: QWidget, rows: int = 25) -> Iterator[tuple[str, str]]:
    """(where, text) of every visible text of ``top``: labels, buttons, fields' hints, headers, cells, titles."""
    yield "title", top.windowTitle()
    if isinstance(top, QMainWindow):
        for action in top.menuBar().actions():
            yield "menu", action.text()
    for w in top.findChildren(QWidget):
        if not visible(w, top):
            continue
        name = f"{type(w).__name__}#{w.objectName()}"
        if isinstance(w, QLabel):
            yield name, TAG.sub(" ", w.text())
        elif isinstance(w, QAbstractButton):
            yield name, w.text()
        elif isinstance(w, QLineEdit):
            yield name, w.placeholderText()
        elif isinstance(w, QComboBox):
            yield name, w.currentText()
        elif isinstance(w, QGroupBox):
            yield name, w.title()
        elif isinstance(w, QDockWidget):
            yield name, w.windowTitle()
        elif isinstance(w, QTabBar):
            for i in range(w.count()):
                yield name, w.tabText(i)
        elif isinstance(w, QAbstractItemView) and w.model() is not None:
            model = w.model()
            header = getattr(w, "horizontalHeader", lambda: None)()
            count = 1 if header is None else model.columnCount(QModelIndex())  # a list has one column
            columns = [c for c in range(count) if header is None or not header.isSectionHidden(c)]
            for c in columns if header is not None else ():
                yield f"{name} header", str(model.headerData(c, Qt.Orientation.Horizontal) or "")
            for r in range(min(rows, model.rowCount(QModelIndex()))):
                for c in columns:
                    yield f"{name} cell", str(model.index(r, c).data() or "")


def foreign(top: QWidget, words: set[str]) -> list[str]:
    """Every visible English word or raw code, with where it is."""
    found = []
    for where, text in screen_texts(top):
        text = text.replace("&", "")
        english = [w for w in LATIN.findall(text) if w.lower() in words]
        codes = CODE.findall(text)
        if english or codes:
            found.append(f"{where}: {text!r} ({', '.join(english + codes)})")
    return found
