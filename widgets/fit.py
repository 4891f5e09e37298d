"""Panels that scroll inside themselves instead of growing the window.

A dock takes its minimum width from the widget it holds; one wide table or a
row of filters would otherwise force the whole window wider than a 1366 px
screen (the supervisor's default layout needed 2010 px). :class:`ScrollFit`
holds a panel in a frameless scroll area whose own minimum is small: when the
dock is narrower than the panel would like, the panel scrolls, the window
keeps its size and every other panel stays on screen.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QGridLayout,
    QInputDialog,
    QLayout,
    QLayoutItem,
    QMessageBox,
    QScrollArea,
    QSizePolicy,
    QSpacerItem,
    QWidget,
)

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
    dialog.sizeHint()  # QInputDialog builds its layout only when asked for a size
    layout = dialog.layout()
    if isinstance(dialog, QMessageBox) or (
            layout is not None and layout.sizeConstraint() in _LAYOUT_SIZED):
        # the layout sets the size (a message box fixes its own when shown, QInputDialog and
        # fixed-size layouts follow their layout's minimum): a spacer as wide as needed widens it
        if layout is not None:
            _title_spacer(dialog, layout, needed)
        return
    if dialog.minimumWidth() < needed:
        dialog.setMinimumWidth(needed)


_LAYOUT_SIZED = (QLayout.SizeConstraint.SetFixedSize, QLayout.SizeConstraint.SetMinAndMaxSize,
                 QLayout.SizeConstraint.SetMinimumSize)


def _title_spacer(dialog: QWidget, layout: QLayout, needed: int) -> None:
    margins = layout.contentsMargins()
    width = needed - margins.left() - margins.right()
    spacer = getattr(dialog, "_arm_title_spacer", None)
    if spacer is None:
        spacer = QSpacerItem(width, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Minimum)
        if isinstance(layout, QGridLayout):
            layout.addItem(spacer, layout.rowCount(), 0, 1, max(1, layout.columnCount()))
        else:
            layout.addItem(spacer)
        dialog._arm_title_spacer = spacer  # type: ignore[attr-defined]
    elif spacer.sizeHint().width() < width:
        spacer.changeSize(width, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Minimum)
        layout.invalidate()
    else:
        return
    layout.activate()


class FitTitle:
    """Mixin, the first base of every dialog class of ours: its title is never cut.

    ``class PersonCard(FitTitle, QDialog)``: whenever the dialog is shown or its
    title changes (a language switch), :func:`fit_title` widens it. A per-class
    mixin, not an application-wide event filter (that crashed QtWebEngine).
    """

    def showEvent(self, event: QShowEvent) -> None:
        fit_title(self)  # type: ignore[arg-type]
        super().showEvent(event)  # type: ignore[misc]

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.WindowTitleChange:
            fit_title(self)  # type: ignore[arg-type]
        super().changeEvent(event)  # type: ignore[misc]


def message_box(parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str,
                buttons: QMessageBox.StandardButton = QMessageBox.StandardButton.Ok,
                default: QMessageBox.StandardButton = QMessageBox.StandardButton.NoButton) -> QMessageBox:
    """A message box as wide as its title (instead of the static ``QMessageBox.question`` & co.)."""
    box = QMessageBox(icon, title, text, buttons, parent)
    if default != QMessageBox.StandardButton.NoButton:
        box.setDefaultButton(default)
    fit_title(box)
    return box


def ask(parent: QWidget | None, title: str, text: str,
        buttons: QMessageBox.StandardButton = QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        default: QMessageBox.StandardButton = QMessageBox.StandardButton.No,
        icon: QMessageBox.Icon = QMessageBox.Icon.Question) -> QMessageBox.StandardButton:
    """``QMessageBox.question`` with the whole title: the button pressed."""
    box = message_box(parent, icon, title, text, buttons, default)
    return QMessageBox.StandardButton(box.exec())


def choose_item(parent: QWidget | None, title: str, label: str, items: list[str],
                current: int = 0) -> tuple[str, bool]:
    """``QInputDialog.getItem`` (not editable) with the whole title: the item and whether OK was pressed."""
    dialog = QInputDialog(parent)
    dialog.setWindowTitle(title)
    dialog.setLabelText(label)
    dialog.setComboBoxItems(items)
    dialog.setComboBoxEditable(False)
    if items:
        dialog.setTextValue(items[current])
    fit_title(dialog)
    ok = dialog.exec() == QDialog.DialogCode.Accepted
    return dialog.textValue(), ok

