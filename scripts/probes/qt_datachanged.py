"""Probe for the PySide6 pin: a table model emitting dataChanged in a loop.

PySide6 6.12.0 aborts here with "bool_dealloc ... refcount error"; the pinned
version must run it to the end. Run as a subprocess: an abort kills only it.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QApplication, QTableView

Index = QModelIndex | QPersistentModelIndex


class Model(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        self.values = [[0] * 4 for _ in range(200)]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return len(self.values)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 4

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role == Qt.ItemDataRole.DisplayRole:
            return self.values[index.row()][index.column()]
        return None

    def bump(self, row: int) -> None:
        self.values[row][1] += 1
        ix = self.index(row, 1)
        self.dataChanged.emit(ix, ix, [Qt.ItemDataRole.DisplayRole])


def main() -> int:
    app = QApplication(sys.argv[:1])
    model = Model()
    view = QTableView()
    view.setModel(model)
    view.show()
    for i in range(int(sys.argv[1]) if len(sys.argv) > 1 else 50_000):
        model.bump(i % 200)
        if i % 1000 == 0:
            app.processEvents()
    print("ok", model.values[0][1])
    view.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
