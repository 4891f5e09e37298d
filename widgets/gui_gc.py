"""Python's cycle collector runs on the GUI thread only.

CPython starts a collection in whichever thread happens to allocate when a
generation's threshold is crossed: a database worker compiling a query, the
monitoring service's loop. If that collection frees a widget caught in a
reference cycle (a lambda connected to a signal that captures ``self``), Qt
deletes the C++ object from the wrong thread and the process dies with a
segmentation fault (the journal export crashed this way in CI). Automatic
collection is therefore switched off and pyqtgraph's ``GarbageCollector``
(the field's known cure, from our own plotting library) collects on a GUI
timer with the same generation thresholds.
"""

from __future__ import annotations

import gc

from pyqtgraph.util.garbage_collector import GarbageCollector

_collector: GarbageCollector | None = None


def collect_on_gui_thread(interval_s: float = 1.0) -> GarbageCollector:
    """Install (once) the GUI-thread collector; call after the QApplication exists."""
    global _collector
    if _collector is None:
        _collector = GarbageCollector(interval=interval_s)
    return _collector


def collect_now() -> None:
    """A collection due by the thresholds, run here (the GUI thread) if the collector is installed."""
    if _collector is not None:
        _collector.check()


def restore_automatic() -> None:
    """Back to CPython's own collection (a test session's end)."""
    global _collector
    if _collector is not None:
        _collector.timer.stop()
        _collector = None
    gc.enable()
