"""Switching the interface language at run time.

English is the source language. Russian and Kazakh come from
``resources/translations/arm_<lang>.qm`` (produced from the ``.ts`` files at
install; ``ARM_TRANSLATIONS_DIR`` points elsewhere, e.g. a build directory) plus Qt's own ``qtbase_<lang>.qm`` (standard buttons, the file dialog) and our
``qtextra_<lang>.qm`` for what Qt's own file leaves in English. Installing a
translator makes Qt send ``QEvent.LanguageChange`` to every widget; our widgets
answer it with ``retranslateUi()``, so nothing has to be rebuilt.

This module uses QtCore: it is the GUI's (widgets/), never the core's.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

log = logging.getLogger("arm.i18n")

#: Language code -> its own name (shown in the menu untranslated, as is usual).
LANGUAGES: dict[str, str] = {"ru": "Русский", "kk": "Қазақша", "en": "English"}
DEFAULT_LANGUAGE = "ru"

TRANSLATIONS_DIR = Path(__file__).resolve().parent.parent / "resources" / "translations"

_installed: list[QTranslator] = []
_current = "en"


def current_language() -> str:
    return _current


def normalise(lang: str | None) -> str:
    """A supported code for ``lang`` ("ru_RU" -> "ru", "kz" -> "kk"; unknown -> default)."""
    if not lang:
        return DEFAULT_LANGUAGE
    code = lang.replace("-", "_").split("_")[0].lower()
    code = {"kz": "kk"}.get(code, code)
    return code if code in LANGUAGES else DEFAULT_LANGUAGE


def set_language(lang: str, translations_dir: Path | None = None) -> bool:
    """Install the translators for ``lang``; returns False if its file is missing.

    A missing ``.qm`` is not an error (a developer checkout before ``make``):
    the interface stays in English and the fact is logged.
    """
    global _current
    app = QCoreApplication.instance()
    if app is None:
        raise RuntimeError("set_language needs a QApplication")
    lang = normalise(lang)
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    _current = lang
    QLocale.setDefault(QLocale(lang))
    if lang == "en":
        return True
    ok = True
    directory = translations_dir or Path(os.environ.get("ARM_TRANSLATIONS_DIR") or TRANSLATIONS_DIR)
    ours = QTranslator(app)
    if ours.load(f"arm_{lang}", str(directory)):
        app.installTranslator(ours)
        _installed.append(ours)
    else:
        log.warning("no translation file arm_%s.qm in %s; showing English", lang, directory)
        ok = False
    for name, where in ((f"qtbase_{lang}", qt_translations_dir()), (f"qtextra_{lang}", str(directory))):
        # Qt's own dialogs (file dialog, standard buttons); qtextra_* fills what qtbase_kk leaves in
        # English ("Look in:", "Files of type:"). Installed last, so it is asked first.
        qt = QTranslator(app)
        if qt.load(name, where):
            app.installTranslator(qt)
            _installed.append(qt)
        else:
            log.warning("no Qt translation %s.qm in %s", name, where)
    return ok


def qt_translations_dir() -> str:
    """Qt's own translations (PySide6's; PyInstaller's Qt hook bundles them and points Qt at them)."""
    return QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
