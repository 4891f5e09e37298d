"""What every panel receives: the core objects plus a few GUI-side helpers.

Panels never hold a database session on the GUI thread. Anything that touches
the database goes through :meth:`AppContext.run_in_worker`, which runs the
function on the single database worker thread (as Anki does) and delivers the
result or the error back on the GUI thread. Times are shown in the desk time
zone through :meth:`AppContext.format_time`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from PySide6.QtCore import QObject, Qt, Signal, Slot

from widgets.qt_bridge import QtBridge

if TYPE_CHECKING:
    from arm.auth import CurrentUser
    from arm.bus import Bus
    from arm.config import Settings
    from arm.service import MonitoringService
    from db.session import Database

log = logging.getLogger("arm.gui")

DEFAULT_TIMEZONE = "Asia/Almaty"
#: Roles that may see personal data when arm.access is not available.
PERSONAL_DATA_ROLES = frozenset({"operator", "supervisor", "administrator"})


class _ResultRelay(QObject):
    """Carries a worker's outcome back to the GUI thread (queued signal)."""

    finished = Signal(object, object, object)  # callback, result, error

    def __init__(self) -> None:
        super().__init__()
        self.finished.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    @Slot(object, object, object)
    def _deliver(self, callback: Any, result: object, error: object) -> None:
        try:
            callback(result, error)
        except Exception:
            log.exception("GUI callback failed")


class DbWorker:
    """One worker thread for database work: no lock contention, ordered writes."""

    def __init__(self, name: str = "arm-db") -> None:
        """``name``: the thread's; a long job (a what-if replay) gets a worker of its own, named for it."""
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix=name)
        self._relay = _ResultRelay()
        self._closed = False

    def submit(
        self,
        fn: Callable[..., Any],
        *args: Any,
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
    ) -> Future[Any]:
        if self._closed:  # the window is closing; late timers and signals are ignored
            dropped: Future[Any] = Future()
            dropped.cancel()
            return dropped
        future: Future[Any] = self._pool.submit(fn, *args)
        if on_done is not None or on_error is not None:
            future.add_done_callback(lambda f: self._relay_outcome(f, on_done, on_error))
        return future

    def _relay_outcome(
        self,
        future: Future[Any],
        on_done: Callable[[Any], None] | None,
        on_error: Callable[[BaseException], None] | None,
    ) -> None:
        if future.cancelled() or self._closed:
            return
        error = future.exception()
        if error is not None:
            log.error("database work failed", exc_info=error)

        def callback(result: object, err: object) -> None:
            if err is not None:
                if on_error is not None:
                    on_error(err)  # type: ignore[arg-type]
            elif on_done is not None:
                on_done(result)

        self._relay.finished.emit(callback, None if error else future.result(), error)

    def close(self) -> None:
        """Stop without waiting: a job still running finishes, its answer is dropped (a long read's thread)."""
        self._closed = True
        self._pool.shutdown(wait=False, cancel_futures=True)

    def shutdown(self) -> None:
        self._closed = True
        self._pool.shutdown(wait=True)  # queued writes (audit rows) must still be stored


@dataclass
class AppContext:
    """The core objects a panel needs (see docs/architecture.md, GUI)."""

    db: Database
    #: The embedded service, or arm.desk_api.client.RemoteService (same start/stop face).
    service: MonitoringService | Any
    bus: Bus
    bridge: QtBridge
    user: CurrentUser
    settings: Settings
    worker: DbWorker = field(default_factory=DbWorker)

    # ------------------------------------------------------------ threads
    def run_in_worker(
        self,
        fn: Callable[..., Any],
        *args: Any,
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
    ) -> Future[Any]:
        """Run ``fn(*args)`` on the database worker; callbacks run on the GUI thread."""
        return self.worker.submit(fn, *args, on_done=on_done, on_error=on_error)

    def read(self, fn: Callable[..., Any], *args: Any, **callbacks: Any) -> Future[Any]:
        """Run ``fn(session, *args)`` in a fresh session on the worker."""

        def job() -> Any:
            with self.db.session() as session:
                return fn(session, *args)

        return self.run_in_worker(job, **callbacks)

    def write(self, fn: Callable[..., Any], *args: Any, **callbacks: Any) -> Future[Any]:
        """Run ``fn(session, *args)`` in a transaction on the worker."""

        def job() -> Any:
            with self.db.begin() as session:
                return fn(session, *args)

        return self.run_in_worker(job, **callbacks)

    # ------------------------------------------------------------ people and rights
    @property
    def role(self) -> str:
        return str(getattr(self.user, "role", "") or "")

    @property
    def login(self) -> str:
        return str(getattr(self.user, "login", "") or "")

    def may_see_personal_data(self) -> bool:
        """Whether this user may see a person's full personal data."""
        try:
            from arm import access  # journals engineer's rules, when present
        except ImportError:
            return self.role in PERSONAL_DATA_ROLES
        check = getattr(access, "may_see_personal_data", None) or getattr(access, "can_view_personal_data", None)
        if check is None:
            return self.role in PERSONAL_DATA_ROLES
        try:
            return bool(check(self.user))
        except Exception:
            log.exception("arm.access check failed; using the built-in rule")
            return self.role in PERSONAL_DATA_ROLES

    # ------------------------------------------------------------ time
    @property
    def timezone(self) -> ZoneInfo:
        general = getattr(self.settings, "general", None)
        name = getattr(general, "timezone", None) or DEFAULT_TIMEZONE
        try:
            return ZoneInfo(str(name))
        except (ZoneInfoNotFoundError, ValueError):
            log.warning("unknown time zone %r, using %s", name, DEFAULT_TIMEZONE)
            return ZoneInfo(DEFAULT_TIMEZONE)

    def local(self, when: datetime) -> datetime:
        """``when`` (aware UTC) in the desk time zone."""
        if when.tzinfo is None:
            when = when.replace(tzinfo=UTC)
        return when.astimezone(self.timezone)

    def format_time(self, when: datetime | None, *, seconds: bool = True) -> str:
        if when is None:
            return "—"
        return self.local(when).strftime("%d.%m.%Y %H:%M:%S" if seconds else "%d.%m.%Y %H:%M")

    def format_day(self, when: date | datetime | None) -> str:
        """A value that means a day (a court decision's "valid from", a cutoff date): no clock time.

        A ``date`` prints as is; a timestamp at midnight UTC is how a day-only value
        is stored, so its UTC day is printed (converting it would show "05:00"); any
        other timestamp is a real moment and keeps its local time.
        """
        if when is None:
            return "—"
        if not isinstance(when, datetime):
            return when.strftime("%d.%m.%Y")
        utc = when if when.tzinfo is None else when.astimezone(UTC)
        if (utc.hour, utc.minute, utc.second, utc.microsecond) == (0, 0, 0, 0):
            return utc.strftime("%d.%m.%Y")
        return self.format_time(when, seconds=False)

    def close(self) -> None:
        """Stop the worker and detach the bridge (window closing)."""
        self.bridge.close()
        self.worker.shutdown()
