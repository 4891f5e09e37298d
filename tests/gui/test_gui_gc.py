"""Cycles holding Qt objects are collected on the GUI thread, never on a worker.

A collection started by a worker thread's allocations once freed a widget there
and crashed the test run (journal export); the application and the test
session both switch automatic collection off and collect on a GUI timer.
"""

from __future__ import annotations

import gc
import threading
import weakref

from PySide6.QtCore import QObject


class _Cyclic(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.me = self  # a reference cycle: only the cycle collector frees it


def test_a_worker_threads_allocations_never_collect_a_qt_cycle(qapp):
    from widgets.app import make_application

    make_application("ru")
    assert not gc.isenabled()
    gc.collect()
    obj = _Cyclic()
    alive = weakref.ref(obj)
    del obj
    freed_on: list[str] = []

    def churn() -> None:
        kept = [[] for _ in range(200_000)]  # kept alive: far past every generation's threshold
        del kept
        freed_on.append("worker" if alive() is None else "")

    worker = threading.Thread(target=churn)
    worker.start()
    worker.join()
    assert freed_on == [""], "the cycle was collected on the worker thread"
    gc.collect()  # what the GUI timer does, here on the GUI thread
    assert alive() is None
