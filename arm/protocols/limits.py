"""Connection limits of a device listener: no storm of connections locks a good device out (issue 14).

6,000 idle connections from one address once used every file descriptor,
so every good device's connection attempt failed, with nothing logged. A
:class:`ConnectionGate` per listener keeps:

* a **total** cap (``max_connections``, never more than the process's file
  limit allows, :func:`fd_budget`) and a **per-peer** cap (``max_per_peer``:
  one address, which may be a NAT or a mobile operator's gateway, cannot take
  every slot);
* a **reserve**: once fewer than ``reserve`` slots are free, every new
  connection first closes one that never identified a device (no login, no
  report yet), the oldest first, so a new good device can always connect,
  also from the address the flood shares; the same eviction happens within a
  peer at its cap. A connection is refused only when every slot it could take
  is held by identified devices;
* an **identify deadline**: a connection that has not identified its device
  within ``identify_timeout_s`` is closed (the listener's sweeper calls
  :meth:`ConnectionGate.expired`).

Each hit of a limit is counted (``hits``: ``total``, ``per_peer``,
``evicted``, ``identify_timeout``, ``idle_timeout``), shown in the service
status (desk API ``service_status``, the GUI's device status panel), and
logged once per interval per limit.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import resource
from collections import Counter
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Any

from arm.events import ConnectionLimits
from arm.ratelog import RateLimitedLog

log = logging.getLogger("arm.protocols.limits")

#: limit codes as counted and shown (the GUI translates them)
TOTAL, PER_PEER, EVICTED, IDENTIFY_TIMEOUT, IDLE_TIMEOUT = (
    "total", "per_peer", "evicted", "identify_timeout", "idle_timeout")
LIMIT_CODES = (TOTAL, PER_PEER, EVICTED, IDENTIFY_TIMEOUT, IDLE_TIMEOUT)

#: file descriptors kept for everything else (database, logs, desk API, serial ports)
FD_HEADROOM = 256
#: listeners sharing the descriptors (GT06, Watch, OsmAnd)
LISTENER_SHARE = 3


def fd_budget() -> int:
    """Connections one listener may hold within the process's file limit (RLIMIT_NOFILE)."""
    soft, _hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft == resource.RLIM_INFINITY:
        return 100_000
    return max(16, (soft - FD_HEADROOM) // LISTENER_SHARE)


@dataclass
class Limits:
    """A listener's caps; ``max_connections`` is further bounded by :func:`fd_budget` at start."""

    max_connections: int = 20_000
    max_per_peer: int = 5_000
    #: slots kept free for new connections by closing never-identified ones
    reserve: int = 64
    #: seconds a new connection has to identify its device (login, first report)
    identify_timeout_s: float = 30.0


@dataclass
class _Entry:
    peer: str
    close: Callable[[], None]
    opened: float
    identified: bool = False


class ConnectionGate:
    """Admission and eviction of one listener's connections; see the module docstring. Event loop only."""

    def __init__(self, protocol: str, limits: Limits | None = None, *, log_interval_s: float = 60.0) -> None:
        self.protocol = protocol
        self.limits = limits or Limits()
        self.max_connections = self.limits.max_connections
        self.hits: Counter[str] = Counter()
        self._open: dict[Hashable, _Entry] = {}
        #: never-identified connections in arrival order (oldest first), all and per peer
        self._waiting: dict[Hashable, _Entry] = {}
        self._waiting_by_peer: dict[str, dict[Hashable, _Entry]] = {}
        self._per_peer: Counter[str] = Counter()
        self._log = RateLimitedLog(log, log_interval_s)

    def bind_to_fd_limit(self) -> None:
        """Never promise more connections than the process can open (called when the listener starts)."""
        budget = fd_budget()
        self.max_connections = min(self.limits.max_connections, budget)

    @property
    def open(self) -> int:
        return len(self._open)

    def waiting(self) -> int:
        return len(self._waiting)

    def admit(self, handle: Hashable, peer: str, close: Callable[[], None], now: float) -> bool:
        """Take a new connection, closing never-identified ones to make room; False: refuse it."""
        limits = self.limits
        if self._per_peer[peer] >= limits.max_per_peer and not self._evict(peer):
            self._hit(PER_PEER, "%s: connection from %s refused: %d connections from that address, all identified",
                      self.protocol, peer, self._per_peer[peer])
            return False
        if len(self._open) >= self.max_connections - limits.reserve and not self._evict(None) \
                and len(self._open) >= self.max_connections:
            self._hit(TOTAL, "%s: connection from %s refused: %d connections open, the limit, all identified",
                      self.protocol, peer, len(self._open))
            return False
        entry = _Entry(peer, close, now)
        self._open[handle] = entry
        self._waiting[handle] = entry
        self._waiting_by_peer.setdefault(peer, {})[handle] = entry
        self._per_peer[peer] += 1
        return True

    def identified(self, handle: Hashable) -> None:
        """The connection named its device: it is no longer first to go."""
        entry = self._waiting.pop(handle, None)
        if entry is None:
            return
        entry.identified = True
        self._unwait(handle, entry.peer)

    def release(self, handle: Hashable) -> None:
        entry = self._open.pop(handle, None)
        if entry is None:
            return
        if self._waiting.pop(handle, None) is not None:
            self._unwait(handle, entry.peer)
        self._per_peer[entry.peer] -= 1
        if self._per_peer[entry.peer] <= 0:
            del self._per_peer[entry.peer]

    def expired(self, now: float) -> int:
        """Close the connections past the identify deadline (oldest first); returns how many."""
        deadline = now - self.limits.identify_timeout_s
        late = []
        for handle, entry in self._waiting.items():
            if entry.opened > deadline:
                break  # arrival order: the rest are younger
            late.append((handle, entry))
        for handle, entry in late:
            self._drop(handle, entry)
        if late:
            self._hit(IDENTIFY_TIMEOUT, "%s: %d connection(s) closed that identified no device within %.0f s",
                      self.protocol, len(late), self.limits.identify_timeout_s, count=len(late))
        return len(late)

    def idle_closed(self, count: int) -> None:
        """The listener closed ``count`` identified connections silent past their idle timeout."""
        if count:
            self._hit(IDLE_TIMEOUT, "%s: %d connection(s) closed after their idle timeout", self.protocol, count,
                      count=count)

    # ------------------------------------------------------------------ internals
    def _evict(self, peer: str | None) -> bool:
        """Close the oldest never-identified connection (of ``peer``, or of anyone); False if there is none."""
        pool = self._waiting if peer is None else self._waiting_by_peer.get(peer)
        if not pool:
            return False
        handle, entry = next(iter(pool.items()))
        self._drop(handle, entry)
        self._hit(EVICTED, "%s: near the connection limit (%d open, %d from %s): closing never-identified "
                  "connections, oldest first", self.protocol, len(self._open), self._per_peer[entry.peer],
                  entry.peer)
        return True

    def _drop(self, handle: Hashable, entry: _Entry) -> None:
        self.release(handle)
        try:
            entry.close()
        except Exception:  # a transport already gone is closed enough
            log.debug("closing an evicted connection failed", exc_info=True)

    def _unwait(self, handle: Hashable, peer: str) -> None:
        mine = self._waiting_by_peer.get(peer)
        if mine is not None:
            mine.pop(handle, None)
            if not mine:
                del self._waiting_by_peer[peer]

    def _hit(self, code: str, msg: str, *args: object, count: int = 1) -> None:
        self.hits[code] += count
        self._log.warning(code, msg + " [limit hit %d times so far]", *args, self.hits[code])


class LimitsReporter:
    """Service component: publishes the listeners' limit counts as ``ConnectionLimits`` on the bus.

    Every ``period_s`` when a count changed, and every ``refresh_s`` anyway (so a
    desk that connected later learns the counts within that time).
    """

    name = "connection-limits"

    def __init__(self, listeners: list[Any], period_s: float = 5.0, refresh_s: float = 60.0) -> None:
        self.listeners = listeners
        self.period_s = period_s
        self.refresh_s = refresh_s
        self._task: asyncio.Task[None] | None = None
        self._last: tuple[tuple[str, str, int], ...] | None = None
        self._bus: Any = None

    def snapshot(self) -> tuple[tuple[str, str, int], ...]:
        return tuple((listener.protocol, code, listener.gate.hits[code])
                     for listener in self.listeners for code in LIMIT_CODES if listener.gate.hits[code])

    async def start(self, service: Any) -> None:
        self._bus = service.bus
        self._task = asyncio.create_task(self._run(), name="arm-connection-limits")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None
        self.publish(force=False)

    def publish(self, force: bool) -> None:
        """Publish the counts if they changed (or ``force``)."""
        hits = self.snapshot()
        if self._bus is not None and (force or hits != self._last):
            self._last = hits
            self._bus.publish(ConnectionLimits(hits))

    async def _run(self) -> None:
        loop = asyncio.get_running_loop()
        last_forced = loop.time()
        while True:
            await asyncio.sleep(self.period_s)
            force = loop.time() - last_forced >= self.refresh_s
            if force:
                last_forced = loop.time()
            self.publish(force)
