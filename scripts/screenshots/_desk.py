"""The start of every screenshot script that shows a seeded demo desk.

Command line (output folder, ``--lang``, ``--size``), an offscreen Qt
application with the desk's style and language, and a throw-away demo
database: written once here, so the pictures of different scripts come from
the same desk.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass
class DemoDesk:
    app: Any
    db: Any
    out: Path
    lang: str
    width: int
    height: int


def demo_desk(argv: list[str] | None, prefix: str) -> DemoDesk:
    parser = argparse.ArgumentParser()
    parser.add_argument("out", nargs="?", default="docs/screenshots")
    parser.add_argument("--lang", default="ru")
    parser.add_argument("--size", default="1366x768")
    args = parser.parse_args(argv)
    width, height = (int(v) for v in args.size.split("x"))
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["ARM_DATA_DIR"] = tempfile.mkdtemp(prefix=prefix)
    from PySide6.QtWidgets import QApplication

    from arm import demo
    from db.session import Database
    from widgets import i18n

    app = QApplication.instance() or QApplication(sys.argv)
    i18n.set_language(args.lang)
    style = Path(__file__).resolve().parents[2] / "resources" / "style.qss"
    if style.exists():
        app.setStyleSheet(style.read_text(encoding="utf-8"))
    db = Database()
    db.upgrade()
    with db.begin() as s:
        demo.seed(s, persons_per_city=4)
    return DemoDesk(app, db, Path(args.out), args.lang, width, height)
