"""An address search field for forms: type "Кенесары 40", pick a candidate, get its point.

The person form sets the home point from it and the restrictions editor the
centre of a circle zone. It asks the offline address index of the imported
OSM extract (:func:`arm.geo.find`) directly: widgets may use the core, not the
map area (``maps.address_search`` is the map's own box). Without an imported
extract the field is disabled and says so.
"""

from __future__ import annotations

from PySide6.QtCore import QStringListModel, Qt, QTimer, Signal
from PySide6.QtWidgets import QCompleter, QHBoxLayout, QLineEdit, QWidget

from arm import geo
from arm.geo import store as geo_store
from arm.geo.index import Address
from widgets.i18n import current_language

SEARCH_DELAY_MS = 150
MAX_CANDIDATES = 10


def extract_imported() -> bool:
    return geo_store.current_dir() is not None


class AddressField(QWidget):
    """A line edit with the candidates of the address index as its completer."""

    #: latitude, longitude, the address as shown
    picked = Signal(float, float, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = QLineEdit(self)
        self.edit.setObjectName("addressSearch")
        self.edit.setClearButtonEnabled(True)
        self._model = QStringListModel(self)
        self._found: list[Address] = []
        self.completer = QCompleter(self._model, self)
        self.completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setMaxVisibleItems(MAX_CANDIDATES)
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
        imported = extract_imported()
        self.edit.setEnabled(imported)
        self.edit.setPlaceholderText(
            self.tr("Find an address, e.g. Кенесары 40") if imported
            else self.tr("Address search: import an OSM extract first"))

    def label(self, addr: Address) -> str:
        return geo.format_address(addr, current_language()) or f"{addr.lat:.5f}, {addr.lon:.5f}"

    def candidates(self) -> list[str]:
        return [self.label(a) for a in self._found]

    def search(self) -> list[str]:
        """Look the typed text up now (the field does it by itself shortly after typing)."""
        self._timer.stop()
        text = self.edit.text().strip()
        self._found = geo.find(text, current_language(), MAX_CANDIDATES) if len(text) >= 2 else []
        self._model.setStringList(self.candidates())
        if self._found and self.edit.hasFocus():
            self.completer.complete()
        return self.candidates()

    def choose(self, index: int) -> None:
        """Take candidate ``index``: its point is emitted with its text."""
        if 0 <= index < len(self._found):
            addr = self._found[index]
            label = self.label(addr)
            self.edit.setText(label)
            self.picked.emit(addr.lat, addr.lon, label)

    def _choose_text(self, text: str) -> None:
        labels = self.candidates()
        if text in labels:
            self.choose(labels.index(text))

    def _choose_first(self) -> None:
        if self.completer.popup().isVisible():
            return  # the popup's own Enter picks its current row
        if self._timer.isActive() or not self._found:
            self.search()
        self.choose(0)
