"""Small layout helpers: a dialog as wide as its title; a day without a clock time."""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any

import pytest
from PySide6.QtWidgets import QDialog, QInputDialog, QMessageBox, QWidget

from widgets import i18n
from widgets.fit import TITLE_FRAME_PX, FitTitle, fit_title, message_box


def test_a_dialog_is_widened_to_its_title(qtbot: Any, qapp: Any) -> None:
    dialog = QDialog()
    qtbot.addWidget(dialog)
    dialog.setWindowTitle("Отложить тревогу на время обслуживания устройства")
    dialog.resize(120, 80)
    fit_title(dialog)
    dialog.show()
    needed = dialog.fontMetrics().horizontalAdvance(dialog.windowTitle())
    assert dialog.width() >= needed + 100


def test_days_show_without_a_clock_time(demo_db: Any, users: dict, make_ctx: Any) -> None:
    ctx = make_ctx(demo_db, users["operator"])
    assert ctx.format_day(date(2026, 2, 22)) == "22.02.2026"
    assert ctx.format_day(datetime(2026, 2, 22, tzinfo=UTC)) == "22.02.2026"  # a day stored as UTC midnight
    assert ctx.format_day(datetime(2026, 2, 22, 9, 30, tzinfo=UTC)) == ctx.format_time(
        datetime(2026, 2, 22, 9, 30, tzinfo=UTC), seconds=False)
    assert ctx.format_day(None) == "—"


# ------------------------------------------------------------------ every dialog of ours
def _dialog_classes() -> list[type]:
    """Every QDialog/QWizard subclass defined in widgets/ (each module imported)."""
    import widgets

    for info in pkgutil.iter_modules(widgets.__path__):
        importlib.import_module(f"widgets.{info.name}")
    found: list[type] = []
    todo = [QDialog]
    while todo:
        for sub in todo.pop().__subclasses__():
            todo.append(sub)
            if sub.__module__.startswith("widgets."):
                found.append(sub)
    return found


def test_every_dialog_class_fits_its_title() -> None:
    classes = _dialog_classes()
    assert len(classes) >= 20  # the search found them
    assert [c.__qualname__ for c in classes if not issubclass(c, FitTitle)] == []


def _fits(dialog: QWidget) -> bool:
    """The title and the frame's decorations (icon, buttons) fit the dialog's width, within the screen."""
    needed = dialog.fontMetrics().horizontalAdvance(dialog.windowTitle()) + TITLE_FRAME_PX
    return dialog.width() >= min(needed, dialog.screen().availableGeometry().width() - 40)


FACTORIES: dict[str, Callable[[Any, Any], QWidget]] = {
    "about": lambda db, ctx: importlib.import_module("widgets.about").AboutDialog(),
    "change_password": lambda db, ctx: importlib.import_module("widgets.change_password").ChangePasswordDialog(
        db, ctx.user),
    "login": lambda db, ctx: importlib.import_module("widgets.login_dialog").LoginDialog(db),
    "settings": lambda db, ctx: importlib.import_module("widgets.settings_dialog").SettingsDialog(ctx.settings),
    "user": lambda db, ctx: importlib.import_module("widgets.user_admin").UserDialog(ctx),
    "reference": lambda db, ctx: importlib.import_module("widgets.reference_admin").ReferenceDialog(ctx, "office"),
    "device_form": lambda db, ctx: importlib.import_module("widgets.device_inventory")._FormDialog(
        "Құрылғыны беру"),
    "person_edit": lambda db, ctx: importlib.import_module("widgets.person_edit").PersonEditForm(ctx),
    "caseload_import": lambda db, ctx: importlib.import_module("widgets.caseload_import").CaseloadImportDialog(ctx),
    "retention": lambda db, ctx: importlib.import_module("widgets.journal_retention").RetentionDialog(ctx),
    "pairing": lambda db, ctx: importlib.import_module("widgets.pairing_wizard").PairingWizard(ctx),
    "help": lambda db, ctx: importlib.import_module("widgets.help_viewer").HelpViewer(),
    "map_import": lambda db, ctx: importlib.import_module("maps.import_dialog").ImportDialog(),
}
LONG_TITLE = "Дабылды құрылғыға қызмет көрсету уақытына кейінге қалдыру — {}"


@pytest.mark.parametrize("name", sorted(FACTORIES))
def test_a_dialog_shown_fits_its_title(name: str, qtbot: Any, db: Any, users: dict, make_ctx: Any) -> None:
    """Shown in Kazakh (the longest titles), and again after a longer title is set (a language switch)."""
    i18n.set_language("kk")
    ctx = make_ctx(db, users["administrator" if name in ("user", "reference") else "supervisor"])
    dialog = FACTORIES[name](db, ctx)
    qtbot.addWidget(dialog)
    dialog.resize(200, dialog.height())
    dialog.show()
    assert dialog.windowTitle() and _fits(dialog), (dialog.windowTitle(), dialog.width())
    if name == "map_import":
        return  # maps/ does not use widgets/: its dialog widens itself when shown
    dialog.setWindowTitle(LONG_TITLE.format(dialog.windowTitle()))
    qtbot.waitUntil(lambda: _fits(dialog), timeout=2000)


def test_message_boxes_and_input_dialogs_fit_their_titles(qtbot: Any, qapp: Any) -> None:
    title = "Қазақ тіліндегі өте ұзын тақырып: жою актісін растау, бұл әрекетті болдырмау мүмкін емес"
    box = message_box(None, QMessageBox.Icon.Question, title, "Иә?",
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    qtbot.addWidget(box)
    box.show()
    assert _fits(box), box.width()
    plain = QMessageBox(QMessageBox.Icon.Question, title, "Иә?")  # without fit_title: QMessageBox's own
    qtbot.addWidget(plain)
    plain.show()
    assert plain.width() < box.width()  # ...which would cut it
    dialog = QInputDialog()
    qtbot.addWidget(dialog)
    dialog.setWindowTitle(title)
    dialog.setComboBoxItems(["бір", "екі"])
    fit_title(dialog)
    dialog.show()
    assert _fits(dialog)
