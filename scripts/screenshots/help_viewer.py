"""Screenshot of the guides window (F1) in the interface language, as a 1366×768 desk shows it.

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m scripts.screenshots.help_viewer OUT.png [--lang ru|kk] [--guide NAME]

The window is the one F1 opens (``widgets.help_viewer.HelpViewer``), at its default size.
"""

from __future__ import annotations

import argparse
import os
import sys


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--lang", default="ru")
    ap.add_argument("--guide", default="operator-guide.md")
    args = ap.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from widgets.help_viewer import HelpViewer
    from widgets.i18n import set_language

    app = QApplication.instance() or QApplication(sys.argv)
    set_language(args.lang)
    app.processEvents()
    viewer = HelpViewer(None, args.guide)
    viewer.show()
    for _ in range(10):
        app.processEvents()
    ok = viewer.grab().save(args.out)
    viewer.close()
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
