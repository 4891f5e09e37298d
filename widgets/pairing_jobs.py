"""The pairing wizard's worker: device I/O on one thread, outcomes back on the GUI thread.

Serial commands block for up to a few seconds (1 s per try, 3 tries), so they
never run on the GUI thread; a queued signal hands each result to its callback
in the GUI thread, where it may touch widgets.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal, Slot

log = logging.getLogger("arm.gui.pairing")


class _Relay(QObject):
    done = Signal(object, object, object)

    def __init__(self) -> None:
        super().__init__()
        self.done.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    @Slot(object, object, object)
    def _deliver(self, callback: Any, result: object, error: object) -> None:
        try:
            callback(result, error)
        except Exception:
            log.exception("pairing callback failed")


class SerialJobs:
    """One worker thread for device I/O; outcomes come back on the GUI thread."""

    def __init__(self) -> None:
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="arm-pairing")
        self._relay = _Relay()
        self._closed = False

    def run(self, fn: Callable[[], Any], done: Callable[[Any, BaseException | None], None]) -> Future[Any]:
        fut = self._pool.submit(fn)

        def relay(f: Future[Any]) -> None:
            if not self._closed:
                err = f.exception()
                self._relay.done.emit(lambda r, e: done(r, e), None if err else f.result(), err)

        fut.add_done_callback(relay)
        return fut

    def cancel_pending(self) -> None:
        """Drop queued work and stop delivering outcomes (the wizard is closing); a running job ends on its own."""
        self._closed = True
        self._pool.shutdown(wait=False, cancel_futures=True)

    def shutdown(self) -> None:
        self._closed = True
        self._pool.shutdown(wait=True, cancel_futures=True)
