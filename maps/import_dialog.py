"""Import an OpenStreetMap extract from the GUI: file choice, progress bar, the map refreshed at the end.

The import runs as a separate process (``python -m arm map import FILE``, the
same code as the command line), so reading a national extract and cutting its
tiles never holds the GUI or the monitoring service in this process: the desk
goes on showing positions and alarms meanwhile. Its progress lines fill the bar:
the address index is the first 40 %, tilemaker's "writing tile N of M" the rest.
A refused file shows the command's one-sentence reason; the previous basemap
stays in use.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QProcess, QProcessEnvironment, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

_TILE_RE = re.compile(r"writing tile (\d+) of (\d+)")

#: the reasons of arm.geo.importer.FAILURES in the operator's language (same codes, same {file})
FAILURES = {
    "no_file": QT_TRANSLATE_NOOP("MapImport", "{file}: no such file"),
    "unreadable": QT_TRANSLATE_NOOP("MapImport",
                                    "{file} is not a readable OpenStreetMap extract (truncated or another format)"),
    "not_osm": QT_TRANSLATE_NOOP("MapImport", "{file} is not an OpenStreetMap extract (.osm.pbf or .osm expected)"),
    "not_wgs84": QT_TRANSLATE_NOOP("MapImport", "{file}: the coordinates are not WGS 84 longitude/latitude"),
    "no_addresses": QT_TRANSLATE_NOOP("MapImport", "{file} holds no addresses: no named street and no house number"),
    "no_tilemaker": QT_TRANSLATE_NOOP("MapImport", "tilemaker is not installed"),
    "no_space": QT_TRANSLATE_NOOP("MapImport", "not enough free disk space for the import"),
    "disk_full": QT_TRANSLATE_NOOP("MapImport", "the disk filled up during the import"),
    "no_tiles": QT_TRANSLATE_NOOP("MapImport", "the extract gave no map tiles"),
    "failed": QT_TRANSLATE_NOOP("MapImport", "the import failed"),
}


def failure_text(code: str, file: str) -> str:
    """The reason of a refused import in the operator's language."""
    source = FAILURES.get(code, FAILURES["failed"])
    return QCoreApplication.translate("MapImport", source).format(file=file)


def progress_percent(line: str, current: int) -> int:
    """Where an import progress line puts the bar (never backwards)."""
    value = current
    if line.startswith("addresses: reading"):
        value = 5
    elif line.startswith("addresses:") and "linking" in line:
        value = 30
    elif line.startswith("addresses:"):
        value = max(current, 10)
    elif line.startswith("tiles: tilemaker"):
        value = 40
    elif (m := _TILE_RE.search(line)) is not None and int(m.group(2)) > 0:
        value = 50 + int(45 * int(m.group(1)) / int(m.group(2)))
    elif line.startswith("tiles:") and "Sorting" in line:
        value = max(current, 45)
    elif line.startswith("done"):
        value = 100
    return max(current, min(value, 100))


class ImportDialog(QDialog):
    """Choose an .osm.pbf / .osm file and import it in a background process."""

    #: the import finished and its basemap and address index are in use
    imported = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Import an OpenStreetMap extract"))
        self.path = QLineEdit(self)
        self.browse = QPushButton(self.tr("Choose…"), self)
        self.browse.clicked.connect(self._choose)
        self.bar = QProgressBar(self)
        self.bar.setRange(0, 100)
        self.bar.setValue(0)
        self.line = QLabel(self)
        self.line.setWordWrap(True)
        self.buttons = QDialogButtonBox(self)
        self.start_button = self.buttons.addButton(self.tr("Import"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.start_button.clicked.connect(self.start)
        self.close_button.clicked.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(self.browse)
        layout = QVBoxLayout(self)
        note = QLabel(self.tr("The extract (.osm.pbf or .osm) becomes the offline street map and the address "
                              "index. Monitoring goes on during the import; the current map stays until the "
                              "new one is complete."), self)
        note.setWordWrap(True)
        layout.addWidget(note)
        layout.addLayout(row)
        layout.addWidget(self.bar)
        layout.addWidget(self.line)
        layout.addWidget(self.buttons)
        self.resize(560, 200)
        self.process: QProcess | None = None
        self._errors: list[str] = []
        self.succeeded = False

    def _choose(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, self.tr("OpenStreetMap extract"), "",
                                              self.tr("OpenStreetMap (*.osm.pbf *.pbf *.osm)"))
        if name:
            self.path.setText(name)


    def showEvent(self, event: QShowEvent) -> None:
        """As wide as its title plus the frame's buttons (widgets/fit.py does this for widgets/)."""
        needed = self.fontMetrics().horizontalAdvance(self.windowTitle()) + 160
        screen = self.screen()
        if screen is not None:
            needed = min(needed, screen.availableGeometry().width() - 40)
        self.setMinimumWidth(max(self.minimumWidth(), needed))
        super().showEvent(event)

    def start(self) -> None:
        """Start the import of the chosen file (a separate process)."""
        path = self.path.text().strip()
        if not path:
            self.line.setText(self.tr("Choose the file first."))
            return
        self.bar.setValue(0)
        self._errors = []
        self.succeeded = False
        self.start_button.setEnabled(False)
        self.browse.setEnabled(False)
        self.line.setText(self.tr("Importing…"))
        proc = QProcess(self)
        proc.setProcessEnvironment(QProcessEnvironment.systemEnvironment())
        proc.readyReadStandardOutput.connect(self._stdout)
        proc.readyReadStandardError.connect(self._stderr)
        proc.finished.connect(self._finished)
        self.process = proc
        proc.start(sys.executable, ["-m", "arm", "map", "import", "--codes", path])

    def _stdout(self) -> None:
        assert self.process is not None
        text = bytes(self.process.readAllStandardOutput().data()).decode("utf-8", "replace")
        for line in text.splitlines():
            if line.strip():
                self.bar.setValue(progress_percent(line.strip(), self.bar.value()))

    def _stderr(self) -> None:
        assert self.process is not None
        text = bytes(self.process.readAllStandardError().data()).decode("utf-8", "replace")
        self._errors.extend(line[len("error-code: "):].strip() for line in text.splitlines()
                            if line.startswith("error-code: "))

    def _finished(self, code: int, _status: QProcess.ExitStatus) -> None:
        self.start_button.setEnabled(True)
        self.browse.setEnabled(True)
        if code == 0:
            self.succeeded = True
            self.bar.setValue(100)
            self.line.setText(self.tr("Done: the new map and address index are in use."))
            self.imported.emit()
        else:
            reason = failure_text(self._errors[-1] if self._errors else "failed", Path(self.path.text()).name)
            self.line.setText(self.tr("The import failed, the previous map is kept: {reason}").format(reason=reason))

    def closeEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        if self.process is not None and self.process.state() != QProcess.ProcessState.NotRunning:
            self.process.kill()  # the half-built folder is removed by the next import
            self.process.waitForFinished(3000)
        super().closeEvent(event)
