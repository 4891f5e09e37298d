"""About ARM: version, data location, and what this software is for."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from arm import __version__
from widgets.fit import FitTitle


class AboutDialog(FitTitle, QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("AboutDialog")
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(buttons)
        self.retranslateUi()

    def retranslateUi(self) -> None:
        from db.session import data_dir

        self.setWindowTitle(self.tr("About ARM"))
        self.text.setText(
            self.tr(
                "ARM {version}\n\nOperator workstation of the electronic monitoring system for persons "
                "under probation control.\n\nData folder: {folder}"
            ).format(version=__version__, folder=data_dir())
        )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)
