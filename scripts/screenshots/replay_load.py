"""Scripted screenshot of the operator-load chart (widgets/replay_load.py) over a simulated day.

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m scripts.screenshots.replay_load OUT.png --lang ru [--persons 400]

A day of ``arm simulate day`` is replayed (arm.replay.run.run_replay, caseload
and event files in a temporary directory) and handed to the dialog as its
report: the same drawing the "Replay the last 24 hours" button produces.
"""

from __future__ import annotations

import argparse
import os
import tempfile
from datetime import date, datetime
from pathlib import Path


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--lang", default="ru")
    ap.add_argument("--persons", type=int, default=400)
    ap.add_argument("--tuned", action="store_true")
    args = ap.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from arm.alarms.holds import HoldPolicy
    from arm.replay.engine import ReplayOptions
    from arm.replay.run import read_truth, run_replay
    from arm.simulate.day import outputs, simulate_day
    from widgets import i18n
    from widgets.replay_load import ReplayLoadDialog

    app = QApplication.instance() or QApplication([])
    i18n.set_language(args.lang)
    with tempfile.TemporaryDirectory(prefix="arm-load-shot-") as tmp:
        out = Path(tmp) / "day.jsonl"
        summary = simulate_day(args.persons, 1, out, date(2026, 11, 20))
        caseload, truth = outputs(out)
        report = run_replay(datetime.fromisoformat(summary["from"]), datetime.fromisoformat(summary["to"]),
                            caseload=caseload, events_file=out, truth=read_truth(truth),
                            options=ReplayOptions(holds=HoldPolicy.tuned() if args.tuned else None))

    class Ctx:
        db = None
        user = None

    dialog = ReplayLoadDialog(Ctx())
    dialog.tuned.setChecked(args.tuned)
    dialog.show()
    dialog.show_report(report)
    for _ in range(20):
        app.processEvents()
    dialog.grab().save(args.out)
    print(args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
