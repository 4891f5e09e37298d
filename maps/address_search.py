"""A search box for addresses of the imported OSM extract: type, pick a candidate, get its position.

Used by the map (centre there) and meant for the zone editor (circle around a
house). Typing "Кенесары 40" or "Kenesary 40" lists up to 10 candidates
(:func:`arm.geo.find`, alphabet-tolerant); choosing one, or Enter for the
first, emits :attr:`AddressSearch.picked` with latitude, longitude and the text.
Without an imported extract the box is disabled and says so.
"""

from __future__ import annotations

from PySide6.QtCore import QStringListModel, Qt, QTimer, Signal
from PySide6.QtWidgets import QCompleter, QHBoxLayout, QLineEdit, QWidget

from arm import geo
from arm.geo import store as geo_store
from arm.geo.index import Address

SEARCH_DELAY_MS = 150


class AddressSearch(QWidget):
    """QLineEdit + candidate list over the address index."""

    #: latitude, longitude, the address as shown
    picked = Signal(float, float, str)

    def __init__(self, lang: str = "ru", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self.edit = QLineEdit(self)
        self.edit.setClearButtonEnabled(True)
        self.edit.setMinimumWidth(220)
        self.edit.setMaximumWidth(360)
        self._model = QStringListModel(self)
        self._found: list[Address] = []
        self.completer = QCompleter(self._model, self)
        self.completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setMaxVisibleItems(10)
        self.edit.setCompleter(self.completer)
        self.completer.activated[str].connect(self._choose_text)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.search)
        self.edit.textEdited.connect(lambda _t: self._timer.start())
        self.edit.returnPressed.connect(self._choose_first)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit)
        self.retranslateUi()

    def retranslateUi(self) -> None:
        if geo_store.basemap_path() is None and geo_store.current_dir() is None:
            self.edit.setPlaceholderText(self.tr("Address search: import an OSM extract first"))
            self.edit.setEnabled(False)
        else:
            self.edit.setPlaceholderText(self.tr("Find an address, e.g. Кенесары 40"))
            self.edit.setEnabled(True)

    def refresh(self) -> None:
        """Re-check whether an extract is imported (after ``arm map import``)."""
        self.retranslateUi()

    def candidates(self) -> list[Address]:
        return list(self._found)

    def label(self, addr: Address) -> str:
        return geo.format_address(addr, self.lang) or f"{addr.lat:.5f}, {addr.lon:.5f}"

    def search(self) -> list[Address]:
        """Look the typed text up now (the box does it by itself 150 ms after typing)."""
        self._timer.stop()
        text = self.edit.text().strip()
        self._found = geo.find(text, self.lang, 10) if len(text) >= 2 else []
        self._model.setStringList([self.label(a) for a in self._found])
        if self._found and self.edit.hasFocus():
            self.completer.complete()
        return self.candidates()

    def choose(self, index: int) -> None:
        """Pick candidate ``index`` (tests, keyboard)."""
        if 0 <= index < len(self._found):
            addr = self._found[index]
            label = self.label(addr)
            self.edit.setText(label)
            self.picked.emit(addr.lat, addr.lon, label)

    def _choose_text(self, text: str) -> None:
        labels = [self.label(a) for a in self._found]
        if text in labels:
            self.choose(labels.index(text))

    def _choose_first(self) -> None:
        if self.completer.popup().isVisible():
            return  # the popup's own Enter picks its current row
        if self._timer.isActive() or not self._found:
            self.search()
        self.choose(0)
