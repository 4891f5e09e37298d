"""In-process publish/subscribe of typed events.

The core publishes dataclasses from whatever thread did the work (the ingest
writer, the rules worker). Subscribers are called synchronously in that thread,
so they must be quick; Qt code subscribes through ``widgets.qt_bridge`` which
re-emits on the GUI thread. One failing subscriber is logged and the others
still get the message.
"""

from __future__ import annotations

import logging
import threading
from collections import defaultdict
from collections.abc import Callable
from typing import Any, TypeVar

log = logging.getLogger("arm.bus")

T = TypeVar("T")
Handler = Callable[[Any], None]


class Bus:
    """Type-keyed fan-out; ``subscribe(EventsStored, fn)`` gets every EventsStored."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._handlers: dict[type, list[Handler]] = defaultdict(list)

    def subscribe(self, message_type: type[T], handler: Callable[[T], None]) -> Callable[[], None]:
        """Register ``handler``; returns a function that unsubscribes it."""
        with self._lock:
            self._handlers[message_type].append(handler)

        def unsubscribe() -> None:
            with self._lock:
                if handler in self._handlers[message_type]:
                    self._handlers[message_type].remove(handler)

        return unsubscribe

    def publish(self, message: object) -> None:
        with self._lock:
            handlers = list(self._handlers.get(type(message), ()))
        for handler in handlers:
            try:
                handler(message)
            except Exception:
                log.exception("subscriber %r failed on %s", handler, type(message).__name__)
