"""Panels that scroll inside themselves instead of growing the window.

A dock takes its minimum width from the widget it holds; one wide table or a
row of filters would otherwise force the whole window wider than a 1366 px
screen (the supervisor's default layout needed 2010 px). :class:`ScrollFit`
holds a panel in a frameless scroll area whose own minimum is small: when the
dock is narrower than the panel would like, the panel scrolls, the window
keeps its size and every other panel stays on screen.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QFrame, QLayout, QLayoutItem, QScrollArea, QWidget

#: The least a docked panel asks for; anything more scrolls inside the panel.
MIN_WIDTH = 160
MIN_HEIGHT = 90


class ScrollFit(QScrollArea):
    """A panel in a scroll area whose minimum size never exceeds ``MIN_WIDTH`` × ``MIN_HEIGHT``."""

    def __init__(self, panel: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"fit_{panel.objectName() or type(panel).__name__}")
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setWidget(panel)
        self.panel = panel

    def minimumSizeHint(self) -> QSize:
        inner = self.panel.minimumSizeHint()
        return QSize(min(max(inner.width(), 0), MIN_WIDTH), min(max(inner.height(), 0), MIN_HEIGHT))

    def sizeHint(self) -> QSize:
        return self.panel.sizeHint()


class FlowLayout(QLayout):
    """Lays buttons out left to right and wraps to a new row: nothing hides behind a chevron."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 4) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._spacing = spacing
        self.setContentsMargins(0, 0, 0, 0)

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), apply=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, apply=True)

    def sizeHint(self) -> QSize:
        width = sum(i.sizeHint().width() + self._spacing for i in self._items)
        return QSize(width, self.heightForWidth(max(width, 1)))

    def minimumSize(self) -> QSize:
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        m = self.contentsMargins()
        return size + QSize(m.left() + m.right(), m.top() + m.bottom())

    def _arrange(self, rect: QRect, apply: bool) -> int:
        m = self.contentsMargins()
        area = rect.adjusted(m.left(), m.top(), -m.right(), -m.bottom())
        x, y, row_height = area.x(), area.y(), 0
        for item in self._items:
            if item.isEmpty():
                continue
            hint = item.sizeHint()
            if x > area.x() and x + hint.width() > area.right() + 1:
                x, y, row_height = area.x(), y + row_height + self._spacing, 0
            if apply:
                item.setGeometry(QRect(QPoint(x, y), hint))
            x += hint.width() + self._spacing
            row_height = max(row_height, hint.height())
        return y + row_height - rect.y() + m.bottom()


#: the frame's icon and buttons, and " — ARM" that the desktop appends to a title
TITLE_FRAME_PX = 160


def fit_title(dialog: QWidget) -> None:
    """Widen ``dialog`` so its window title is not cut, within the screen it is on.

    Window managers cut a title that does not fit the frame ("Отложить ... огу");
    the places that open dialogs (the alarm panel, the main window) call this
    before showing one. (An application-wide event filter would do it for every
    dialog, but a Python filter on every event of every object crashed QtWebEngine.)
    """
    title = dialog.windowTitle()
    if not title:
        return
    needed = dialog.fontMetrics().horizontalAdvance(title) + TITLE_FRAME_PX
    screen = dialog.screen()
    if screen is not None:
        needed = min(needed, screen.availableGeometry().width() - 40)
    if dialog.minimumWidth() < needed:
        dialog.setMinimumWidth(needed)
