"""asyncio listeners for GT06, Watch and OsmAnd, each on its own port.

Every listener follows one rule: a device is acknowledged only after its
events were committed by ``service.ingest`` (``StoreBatcher`` submits the events
of all connections of one loop turn together and answers each after the
commit). If the
store fails (database down), nothing is acknowledged and the connection is
closed, so the device keeps the report and resends it after reconnecting;
ingest deduplicates the resend.

Robustness: each connection has a bounded input buffer and an idle timeout,
stops reading while its own events are being committed, and is dropped when
it does not read its acks; a client that floods, stalls or sends garbage only
ever slows itself.
Malformed input is counted per connection (``ConnectionStats.errors``) and in
the listener's totals, logged (first few per connection, then a summary at
close), and never stored as a position.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, cast

from arm.channels import CHANNEL_REASONS
from arm.events import DeviceEvent, EventKind
from arm.media import store as media_store
from arm.media.amr import amr_problem
from arm.media.store import MediaEvent, MediaPart
from arm.protocols import gt06, osmand, watch
from arm.protocols.limits import ConnectionGate, Limits
from arm.protocols.mapping import screen
from arm.protocols.position import Position, ProtocolError
from arm.ratelog import RateLimitedLog, one_line

if TYPE_CHECKING:
    from arm.service import MonitoringService

log = logging.getLogger("arm.protocols")

#: errors logged one by one per connection before only counting them (the rest in the closing summary)
LOG_FIRST_ERRORS = 1
#: events per ingest submission from one loop turn (see StoreBatcher._flush)
MAX_SUBMISSION = 2000


@dataclass
class ConnectionStats:
    """Counters of one device connection (also summed per listener)."""

    peer: str
    device: str | None = None
    frames: int = 0
    events: int = 0
    acks: int = 0
    errors: Counter[str] = field(default_factory=Counter)
    #: the listener's per-peer rate limit on these lines (a storm of bad connections logs once per interval)
    ratelog: RateLimitedLog | None = None

    def count(self, code: str, detail: str = "") -> None:
        """Count a problem; the connection's first one is logged, escaped (no forged log lines)."""
        self.errors[code] += 1
        if sum(self.errors.values()) <= LOG_FIRST_ERRORS:
            args = (one_line(self.peer, 60), one_line(self.device or "?", 40), code, one_line(detail))
            if self.ratelog is None:
                log.warning("%s %s: malformed input %s %s", *args)
            else:
                self.ratelog.warning(self.peer.rsplit(":", 1)[0], "%s %s: malformed input %s %s", *args)

    def summary(self, protocol: str) -> None:
        """The closing line of a connection that had problems (rate-limited per peer like ``count``)."""
        args = (protocol, one_line(self.peer, 60), one_line(self.device or "?", 40), self.frames, self.events,
                dict(self.errors))
        msg = "%s %s %s closed: %d frames, %d events, errors %s"
        if self.ratelog is None:
            log.info(msg, *args)
        else:
            self.ratelog.log(logging.INFO, "closed " + self.peer.rsplit(":", 1)[0], msg, *args)

    def count_rejected(self, rejected: Rejected) -> None:
        """Count what ingest refused: a wrong channel under its own code (ingest logs it, rate-limited)."""
        for ev, reason in rejected:
            if reason in CHANNEL_REASONS:
                self.errors[reason] += 1
            else:
                self.count("rejected", f"{ev.kind}: {reason}")


@dataclass
class ListenerTotals:
    connections: int = 0
    open_connections: int = 0
    frames: int = 0
    events: int = 0
    acks: int = 0
    errors: Counter[str] = field(default_factory=Counter)

    def absorb(self, c: ConnectionStats) -> None:
        self.errors.update(c.errors)


class StoreFailed(RuntimeError):
    """The ingest core could not commit: acknowledge nothing, drop the connection."""


Rejected = list[tuple[DeviceEvent, str]]
StoreCallback = Callable[[Rejected | None, BaseException | None], None]


class StoreBatcher:
    """Merges the stores of every connection in one loop turn into one ingest submission.

    With thousands of trackers each waiting for its own commit, a future per
    connection crossing threads costs more than decoding; one submission per
    loop turn (ingest merges submissions into batches anyway) keeps the event
    loop's share small. Each waiter still learns exactly which of its events
    were rejected, and nobody is answered before the commit.
    """

    def __init__(self, service: MonitoringService) -> None:
        self.service = service
        self._pending: list[tuple[list[DeviceEvent], StoreCallback]] = []
        self._scheduled = False

    def submit(self, events: list[DeviceEvent], callback: StoreCallback) -> None:
        """``callback(rejected, None)`` after the commit, or ``callback(None, error)``; on the loop."""
        self._pending.append((events, callback))
        if not self._scheduled:
            self._scheduled = True
            asyncio.get_running_loop().call_soon(self._flush)

    async def store(self, events: list[DeviceEvent]) -> Rejected:
        """Wait for the commit; returns the rejected events with reasons."""
        fut: asyncio.Future[Rejected] = asyncio.get_running_loop().create_future()

        def done(rejected: Rejected | None, exc: BaseException | None) -> None:
            if fut.done():
                return
            if exc is not None:
                fut.set_exception(exc)
            else:
                fut.set_result(rejected or [])

        self.submit(events, done)
        return await fut

    def _flush(self) -> None:
        self._scheduled = False
        pending, self._pending = self._pending, []
        # bounded submissions: ingest inserts unknown devices in one multi-row
        # statement, and PostgreSQL allows 65,535 parameters per statement
        group: list[tuple[list[DeviceEvent], StoreCallback]] = []
        size = 0
        for item in pending:
            if group and size + len(item[0]) > MAX_SUBMISSION:
                self._submit(group)
                group, size = [], 0
            group.append(item)
            size += len(item[0])
        if group:
            self._submit(group)

    def _submit(self, pending: list[tuple[list[DeviceEvent], StoreCallback]]) -> None:
        everything = [ev for events, _ in pending for ev in events]
        try:
            cfut = self.service.ingest.submit(everything)
        except Exception as exc:  # noqa: BLE001 - every waiter learns it
            self._fail(pending, exc)
            return
        done = asyncio.wrap_future(cfut)
        done.add_done_callback(lambda f: self._resolve(f, pending))

    @staticmethod
    def _fail(pending: list[tuple[list[DeviceEvent], StoreCallback]], exc: BaseException) -> None:
        for _, callback in pending:
            try:
                callback(None, exc)
            except Exception:
                log.exception("store callback failed")

    @classmethod
    def _resolve(cls, f: asyncio.Future[Any], pending: list[tuple[list[DeviceEvent], StoreCallback]]) -> None:
        exc = f.exception() if not f.cancelled() else asyncio.CancelledError()
        if exc is not None:
            cls._fail(pending, exc)
            return
        rejected = {id(ev): (ev, reason) for ev, reason in f.result().rejected}
        for events, callback in pending:
            mine = [rejected[id(ev)] for ev in events if id(ev) in rejected] if rejected else []
            try:
                callback(mine, None)
            except Exception:
                log.exception("store callback failed")


class Listener:
    """Common lifecycle of one TCP listener (a MonitoringService component).

    This base runs one stream-handler task per connection (used by the HTTP
    listener); GT06 and Watch use :class:`FramedListener` (asyncio Protocols).
    """

    protocol = "base"
    #: seconds of silence after which an identified connection is closed, when the setting
    #: ``service.device_idle_timeout_s`` is 0: twice the protocol's usual heartbeat plus a minute
    default_idle_timeout = 600.0
    #: frames of one connection decoded and stored together at most (fair sharing, see _DeviceConnection):
    #: a tracker that resends its stored-up reports after a dead zone gets them in shares this big
    max_frames_per_store = 32

    def __init__(
        self, port: int, host: str = "0.0.0.0", *, idle_timeout: float | None = None,
        write_timeout: float = 10.0, max_buffer: int = 64 * 1024, limits: Limits | None = None,
    ) -> None:
        self.host = host
        self.port = port
        self.idle_timeout = idle_timeout or self.default_idle_timeout
        #: connection caps, the reserve and the identify deadline (arm.protocols.limits)
        self.gate = ConnectionGate(self.protocol, limits)
        self._gate_sweeper: asyncio.Task[None] | None = None
        self.write_timeout = write_timeout
        self.max_buffer = max_buffer
        self.totals = ListenerTotals()
        #: malformed-input lines: one per peer address per interval, however many connections it opens
        self.problem_log = RateLimitedLog(log, 10.0)
        self.service: MonitoringService | None = None
        self._batcher: StoreBatcher | None = None
        self._server: asyncio.base_events.Server | None = None
        self._idle: dict[asyncio.Task[Any], bool] = {}
        self._stopping = False

    @property
    def name(self) -> str:
        return f"{self.protocol}:{self.port}"

    async def start(self, service: MonitoringService) -> None:
        self.service = service
        self._batcher = StoreBatcher(service)
        self._stopping = False
        self.gate.bind_to_fd_limit()
        self._server = await asyncio.start_server(self._accept, self.host, self.port, limit=self.max_buffer,
                                                  backlog=1024)
        sock = self._server.sockets[0]
        self.port = sock.getsockname()[1]  # port 0 in tests: the real one
        self._gate_sweeper = asyncio.create_task(self._sweep_gate(), name=f"{self.protocol}-identify-sweeper")
        log.info("%s listening on %s:%d", self.protocol, self.host, self.port)

    def sweep_period(self) -> float:
        return max(0.05, min(5.0, self.idle_timeout / 4, self.gate.limits.identify_timeout_s / 4))

    async def _sweep_gate(self) -> None:
        """Close connections past the identify deadline (one timer for all)."""
        loop = asyncio.get_running_loop()
        while True:
            await asyncio.sleep(self.sweep_period())
            self.gate.expired(loop.time())

    async def _stop_sweeper(self, task: asyncio.Task[None] | None) -> None:
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    async def stop(self) -> None:
        """Stop accepting; connections finish the frame they are storing, then close."""
        self._stopping = True
        if self._server is not None:
            self._server.close()
        await self._stop_sweeper(self._gate_sweeper)
        self._gate_sweeper = None
        for task, idle in list(self._idle.items()):
            if idle:
                task.cancel()
        pending = list(self._idle)
        if pending:
            _done, still = await asyncio.wait(pending, timeout=10.0)
            for task in still:
                task.cancel()
            if still:
                await asyncio.wait(still, timeout=2.0)
        if self._server is not None:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(self._server.wait_closed(), 2.0)
            self._server = None

    async def _accept(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        assert task is not None
        if self._stopping:
            writer.close()
            return
        peer = writer.get_extra_info("peername")
        stats = ConnectionStats(peer=f"{peer[0]}:{peer[1]}" if peer else "?", ratelog=self.problem_log)
        if not self.gate.admit(task, str(peer[0]) if peer else "?", writer.transport.abort,
                               asyncio.get_running_loop().time()):
            writer.transport.abort()
            return
        self.totals.connections += 1
        self.totals.open_connections += 1
        self._idle[task] = True
        try:
            await self.handle(reader, writer, stats)
        except asyncio.CancelledError:
            pass
        except (ConnectionError, TimeoutError, asyncio.IncompleteReadError):
            pass
        except StoreFailed as exc:
            self.problem_log.error("store_failed", "%s %s: %s; connection closed without ack so the device resends",
                                   self.protocol, stats.peer, one_line(exc))
        except Exception:  # noqa: BLE001 - logged with its stack (rate-limited), the connection closed
            self.problem_log.log(logging.ERROR, "internal", "%s %s: unexpected failure; connection closed",
                                 self.protocol, stats.peer, exc_info=True)
            stats.errors["internal"] += 1
        finally:
            self.gate.release(task)
            self._idle.pop(task, None)
            self.totals.open_connections -= 1
            self.totals.absorb(stats)
            if stats.errors:
                stats.summary(self.protocol)
            writer.close()
            with contextlib.suppress(Exception):
                await asyncio.wait_for(writer.wait_closed(), 1.0)

    # -- helpers for subclasses ------------------------------------------------------

    async def store(self, events: list[DeviceEvent], stats: ConnectionStats) -> None:
        if not events:
            return
        assert self._batcher is not None
        try:
            rejected = await self._batcher.store(events)
        except Exception as exc:
            raise StoreFailed(f"store failed: {exc}") from exc
        stats.count_rejected(rejected)
        accepted = len(events) - len(rejected)
        stats.events += accepted
        self.totals.events += accepted

    async def send(self, writer: asyncio.StreamWriter, data: list[bytes], stats: ConnectionStats) -> None:
        if not data:
            return
        writer.write(b"".join(data) if len(data) > 1 else data[0])
        transport = writer.transport
        if transport.get_write_buffer_size() > 16 * 1024:
            # the device does not read its acks: wait a little, then give up on it
            async with asyncio.timeout(self.write_timeout):
                await writer.drain()
        stats.acks += len(data)
        self.totals.acks += len(data)

    async def handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, stats: ConnectionStats) -> None:
        raise NotImplementedError


class _Session:
    """Per-connection protocol state of a framed listener."""

    __slots__ = ("decoder", "framer", "garbage", "oversized")

    def __init__(self, framer: Any, decoder: Any) -> None:
        self.framer = framer
        self.decoder = decoder
        self.garbage = 0
        self.oversized = 0


class _DeviceConnection(asyncio.Protocol):
    """One tracker connection on a raw asyncio Protocol (cheap enough for 10,000).

    While the connection's events are being committed, what else it sends is
    only held back (``backlog``) and decoded after the commit, so replies keep
    the order of the frames and a flooding client only waits for itself; acks
    are written only from the commit callback. The socket itself is paused
    only when that backlog outgrows the buffer limit: pausing and resuming
    every report costs two epoll changes, which at 10,000 devices was half of
    the event loop's time.
    """

    def __init__(self, listener: FramedListener) -> None:
        self.listener = listener
        self.transport: asyncio.Transport | None = None
        self.session = listener.new_session()
        self.stats = ConnectionStats(peer="?", ratelog=listener.problem_log)
        self.last_rx = 0.0
        self.busy = False
        self.closed = False
        #: bytes received while busy, decoded once the commit is answered
        self.backlog = bytearray()
        self.paused = False
        #: the connection named its device (login, first report): no longer first to be evicted
        self.identified = False
        #: frames received but not yet decoded: taken ``max_frames_per_store`` at a time (fair sharing)
        self.queued: list[bytes] = []

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        # a stream transport by duck type: uvloop's is not an asyncio.Transport subclass
        self.transport = cast(asyncio.Transport, transport)
        listener = self.listener
        if listener._stopping:
            transport.close()
            self.closed = True
            return
        peer = transport.get_extra_info("peername")
        self.stats.peer = f"{peer[0]}:{peer[1]}" if peer else "?"
        self.last_rx = asyncio.get_running_loop().time()
        if not listener.gate.admit(self, str(peer[0]) if peer else "?", self.abort, self.last_rx):
            self.closed = True
            self.transport.abort()
            return
        listener.connections.add(self)
        listener.totals.connections += 1
        listener.totals.open_connections += 1

    def data_received(self, data: bytes) -> None:
        if self.closed or self.transport is None:
            return
        listener = self.listener
        self.last_rx = listener.clock()
        if self.busy:
            self.backlog += data
            if len(self.backlog) > listener.max_buffer and not self.paused:
                self.paused = True
                self.transport.pause_reading()
            return
        self._process(data)

    def _process(self, data: bytes) -> None:
        listener = self.listener
        assert self.transport is not None
        try:
            framer = self.session.framer
            frames = framer.feed(data)
            if framer.garbage_bytes > self.session.garbage:
                self.stats.count("garbage", f"{framer.garbage_bytes - self.session.garbage} bytes")
                self.session.garbage = framer.garbage_bytes
            if framer.oversized > self.session.oversized:
                self.stats.count("too_large", "frame over the size limit")
                self.session.oversized = framer.oversized
            if framer.pending() > listener.max_buffer or (not frames and framer.garbage_bytes > listener.max_buffer):
                self.stats.count("too_large", "unframed input over the buffer limit")
                self.close()
                return
            if frames:
                framer.garbage_bytes = self.session.garbage = 0
        except Exception:  # noqa: BLE001 - logged with its stack (rate-limited), the connection closed
            self._failed()
            return
        self.queued += frames
        self._next_share()

    def _next_share(self) -> None:
        """Decode and store the next share of the queued frames: at most ``max_frames_per_store`` at a time.

        Fair sharing (issue 14): one connection has at most one submission in
        ingest, of at most this many frames; what else it sent waits, undecoded,
        until that submission is committed and answered. A flooding client so
        adds a bounded share to each batch (like every other connection) and
        delays only itself, while a device that sends one report a second finds
        small batches ahead of it.
        """
        listener = self.listener
        share = listener.max_frames_per_store
        while self.queued and not self.busy and not self.closed:
            frames = self.queued[:share]
            del self.queued[:share]
            try:
                self.stats.frames += len(frames)
                listener.totals.frames += len(frames)
                events, replies = listener.process(self.session, self.stats, frames, datetime.now(UTC))
                if not self.identified and self.stats.device is not None:
                    self.identified = True
                    listener.gate.identified(self)
            except Exception:  # noqa: BLE001 - logged with its stack (rate-limited), the connection closed
                self._failed()
                return
            if events:
                assert listener._batcher is not None
                self.busy = True
                listener._batcher.submit(events, self._callback(events, replies))
            elif replies:
                self._write(replies)

    def _callback(self, events: list[DeviceEvent], replies: list[bytes]) -> StoreCallback:
        def stored(rejected: Rejected | None, exc: BaseException | None) -> None:
            self._stored(events, replies, rejected, exc)
        return stored

    def _failed(self) -> None:
        listener = self.listener
        listener.problem_log.log(logging.ERROR, "internal", "%s %s: unexpected failure; connection closed",
                                 listener.protocol, self.stats.peer, exc_info=True)
        self.stats.errors["internal"] += 1
        self.close()

    def _stored(self, events: list[DeviceEvent], replies: list[bytes], rejected: Rejected | None,
                exc: BaseException | None) -> None:
        self.busy = False
        listener = self.listener
        if exc is not None:
            listener.problem_log.error(
                "store_failed", "%s %s: store failed (%s); connection closed without ack so the device resends",
                listener.protocol, self.stats.peer, one_line(exc))
            self.stats.errors["store_failed"] += 1
            self.close()
            return
        if rejected:
            self.stats.count_rejected(rejected)
        accepted = len(events) - len(rejected or [])
        self.stats.events += accepted
        listener.totals.events += accepted
        if self.closed or self.transport is None:
            return  # the device went away: the events are durable, it will not get the ack
        self._write(replies)
        if listener._stopping:
            self.close()
            return
        if self.transport.is_closing():
            return
        if self.queued:
            self._next_share()
        if self.backlog and not self.busy:
            data, self.backlog = bytes(self.backlog), bytearray()
            self._process(data)
        if self.paused and not self.busy:
            self.paused = False
            self.transport.resume_reading()

    def _write(self, replies: list[bytes]) -> None:
        if not replies or self.transport is None or self.transport.is_closing():
            return
        self.transport.write(b"".join(replies) if len(replies) > 1 else replies[0])
        self.stats.acks += len(replies)
        self.listener.totals.acks += len(replies)
        if self.transport.get_write_buffer_size() > self.listener.max_buffer:
            self.stats.count("slow_reader", "the device does not read its acks")
            self.transport.abort()

    def close(self) -> None:
        if self.transport is not None and not self.transport.is_closing():
            self.transport.close()

    def abort(self) -> None:
        """Closed by the gate (evicted, past the identify deadline): the descriptor is freed at once."""
        if self.transport is not None:
            self.transport.abort()

    def connection_lost(self, exc: Exception | None) -> None:
        if self.closed:
            return
        self.closed = True
        listener = self.listener
        listener.gate.release(self)
        listener.connections.discard(self)
        listener.totals.open_connections -= 1
        listener.totals.absorb(self.stats)
        if self.stats.errors:
            self.stats.summary(listener.protocol)


class FramedListener(Listener):
    """A listener for a framed binary/text protocol (GT06, Watch) on asyncio Protocols."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.connections: set[_DeviceConnection] = set()
        self._raw_server: asyncio.Server | None = None
        self._sweeper: asyncio.Task[None] | None = None
        #: the event loop's clock (set at start); read once per received chunk
        self.clock: Callable[[], float] = time.monotonic

    def new_session(self) -> _Session:
        raise NotImplementedError

    def process(self, session: _Session, stats: ConnectionStats, frames: list[bytes],
                now: datetime) -> tuple[list[DeviceEvent], list[bytes]]:
        """Decode frames -> (events to store, replies to send after the commit)."""
        raise NotImplementedError

    async def start(self, service: MonitoringService) -> None:
        self.service = service
        self._batcher = StoreBatcher(service)
        self._stopping = False
        self.gate.bind_to_fd_limit()
        loop = asyncio.get_running_loop()
        self.clock = loop.time
        self._raw_server = await loop.create_server(lambda: _DeviceConnection(self), self.host, self.port,
                                                    backlog=4096)
        self.port = self._raw_server.sockets[0].getsockname()[1]  # port 0 in tests: the real one
        self._sweeper = asyncio.create_task(self._sweep(), name=f"{self.protocol}-idle-sweeper")
        log.info("%s listening on %s:%d", self.protocol, self.host, self.port)

    async def _sweep(self) -> None:
        """Close connections silent past the idle timeout or unidentified past the deadline (one timer)."""
        loop = asyncio.get_running_loop()
        while True:
            await asyncio.sleep(self.sweep_period())
            now = loop.time()
            self.gate.expired(now)
            deadline = now - self.idle_timeout
            silent = [c for c in self.connections if not c.busy and c.last_rx < deadline]
            for conn in silent:
                conn.stats.count("idle_timeout", f"silent for {self.idle_timeout:.0f} s")
                conn.close()
            self.gate.idle_closed(len(silent))

    async def stop(self) -> None:
        """Stop accepting; connections finish the store they are in (and ack it), then close."""
        self._stopping = True
        if self._raw_server is not None:
            self._raw_server.close()
        if self._sweeper is not None:
            self._sweeper.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._sweeper
            self._sweeper = None
        for conn in list(self.connections):
            if not conn.busy:
                conn.close()
        loop = asyncio.get_running_loop()
        deadline = loop.time() + 10.0
        while self.connections and loop.time() < deadline:
            await asyncio.sleep(0.01)
        for conn in list(self.connections):
            if conn.transport is not None:
                conn.transport.abort()
        if self._raw_server is not None:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(self._raw_server.wait_closed(), 2.0)
            self._raw_server = None


class Gt06Listener(FramedListener):
    """GT06 trackers; each connection decodes with the model its IMEI has in the inventory.

    Some models reuse message numbers with other layouts (Traccar's
    ``modelOverride``): after a login the decoder takes ``devices.model`` of that
    IMEI from an in-memory map (``arm.protocols.device_models``, loaded off the
    event loop and kept fresh), and re-reads it for every chunk, so a model the
    technician sets applies to trackers already connected. No model: default layout.
    """

    protocol = "gt06"
    #: GT06/Concox trackers send a heartbeat (0x13) every 3 minutes by default
    default_idle_timeout = 420.0

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        from arm.protocols.device_models import DeviceModels

        super().__init__(*args, **kwargs)
        self.models = DeviceModels()

    async def start(self, service: MonitoringService) -> None:
        await self.models.start(service.db, service.bus)
        try:
            await super().start(service)
        except BaseException:  # e.g. the port is taken: leave no refresh task behind
            await self.models.stop()
            raise

    async def stop(self) -> None:
        await super().stop()
        await self.models.stop()

    def new_session(self) -> _Session:
        return _Session(gt06.Gt06Framer(), gt06.Gt06Decoder(verify_crc=True))

    def process(self, session: _Session, stats: ConnectionStats, frames: list[bytes],
                now: datetime) -> tuple[list[DeviceEvent], list[bytes]]:
        events: list[DeviceEvent] = []
        replies: list[bytes] = []
        decoder = session.decoder
        if decoder.imei is not None:
            decoder.model = self.models.get(decoder.imei) or ""
        for frame in frames:
            try:
                msg = session.decoder.decode(frame)
            except gt06.Unsupported as exc:
                stats.count(exc.code, exc.detail)
                replies += exc.message.responses
                continue
            except ProtocolError as exc:
                stats.count(exc.code, exc.detail)
                continue
            except Exception as exc:  # noqa: BLE001 - a frame the decoder chokes on is skipped, not the connection
                stats.count("undecodable", f"{type(exc).__name__}: {exc}")
                continue
            if msg is None:
                continue
            if msg.problem is not None:
                stats.count(*msg.problem)
            if msg.login_imei:
                stats.device = msg.login_imei
                decoder.model = self.models.get(msg.login_imei) or ""
                mapped = screen(Position("gt06", msg.login_imei), now, login=True)
            elif msg.position is not None:
                mapped = screen(msg.position, now)
            else:
                replies += msg.responses
                continue
            for problem in mapped.problems:
                stats.count(problem, f"type 0x{msg.msg_type:02x}")
            events += mapped.events
            replies += msg.responses
        return events, replies


class WatchListener(FramedListener):
    """Watch wrist trackers; voice clips are stored before the ``TK,1``/``JXTKR,1`` answer.

    A frame that carries a clip becomes a :class:`arm.media.store.MediaEvent`;
    ``start`` wraps the store batcher in :class:`_MediaBatcher`, which runs the
    media steps around the ordinary ingest commit (see ``arm.media.store``),
    so the connection classes above stay unaware of media.
    """

    protocol = "watch"
    #: Watch trackers keep the link with an LK every 5 minutes
    default_idle_timeout = 660.0

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # a voice clip frame may be up to ~128 KiB on the wire (watch.MAX_FRAME)
        kwargs.setdefault("max_buffer", watch.MAX_FRAME + 64 * 1024)
        super().__init__(*args, **kwargs)

    async def start(self, service: MonitoringService) -> None:
        await super().start(service)
        assert self._batcher is not None
        self._batcher = _MediaBatcher(self._batcher, service)  # type: ignore[assignment]

    def new_session(self) -> _Session:
        return _Session(watch.WatchFramer(), watch.WatchDecoder())

    def process(self, session: _Session, stats: ConnectionStats, frames: list[bytes],
                now: datetime) -> tuple[list[DeviceEvent], list[bytes]]:
        events: list[DeviceEvent] = []
        replies: list[bytes] = []
        for frame in frames:
            try:
                msg = session.decoder.decode(frame)
            except ProtocolError as exc:
                stats.count(exc.code, exc.detail)
                continue
            except Exception as exc:  # noqa: BLE001 - a frame the decoder chokes on is skipped, not the connection
                stats.count("undecodable", f"{type(exc).__name__}: {exc}")
                continue
            if msg is None:
                continue
            stats.device = msg.device_id
            if msg.problem is not None:
                stats.count(*msg.problem)  # answered as Traccar does, nothing stored
            if msg.media is not None and msg.media_parts <= 1 and (bad := amr_problem(msg.media)) is not None:
                stats.count("bad_audio", bad)  # not AMR: not kept as evidence, no alarm; answered all the same
            elif msg.media is not None:
                # stored (and answered) by _MediaBatcher: part staged or clip + its event committed
                part = MediaPart(msg.media, msg.media_name, part=msg.media_part, total=msg.media_parts)
                events.append(MediaEvent(msg.device_id, None, now, EventKind.ALARM, {}, "watch", "WATCH",
                                         media=part))
            elif msg.position is not None:
                mapped = screen(msg.position, now)
                for problem in mapped.problems:
                    stats.count(problem, msg.msg_type)
                events += mapped.events
            elif msg.msg_type in ("LK", "INIT"):
                events += screen(Position("watch", msg.device_id, outdated=True, time=now), now).events
            replies += msg.responses
        return events, replies


class _MediaBatcher:
    """The Watch listener's store step: media first staged, then events, then clips, then the ack.

    Wraps the shared :class:`StoreBatcher` (same ``submit`` contract):
    submissions without media pass straight through; with media, the callback
    (which writes the acks) runs only after ``arm.media.store.prepare``, the
    ingest commit of the events, and ``store_clips`` all succeeded. Any failure
    reaches the callback as an error, so the connection closes unacknowledged
    and the device resends. Database work runs on worker threads, never on the
    event loop.
    """

    def __init__(self, inner: StoreBatcher, service: MonitoringService) -> None:
        self.inner = inner
        self.service = service
        self._tasks: set[asyncio.Task[None]] = set()

    def submit(self, events: list[DeviceEvent], callback: StoreCallback) -> None:
        if not any(isinstance(ev, MediaEvent) for ev in events):
            self.inner.submit(events, callback)
            return
        task = asyncio.get_running_loop().create_task(self._store(events, callback))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def store(self, events: list[DeviceEvent]) -> Rejected:
        return await self.inner.store(events)

    async def _store(self, events: list[DeviceEvent], callback: StoreCallback) -> None:
        db = self.service.db
        carriers = [ev for ev in events if isinstance(ev, MediaEvent)]
        plain = [ev for ev in events if not isinstance(ev, MediaEvent)]
        try:
            ready = await asyncio.to_thread(media_store.prepare, db, carriers)
            rejected = await self.inner.store([*plain, *ready]) if plain or ready else []
            refused = {id(ev) for ev, _ in rejected}
            await asyncio.to_thread(media_store.store_clips, db, [ev for ev in ready if id(ev) not in refused])
        except Exception as exc:  # noqa: BLE001 - the connection learns it and acknowledges nothing
            callback(None, exc)
            return
        callback(rejected, None)


class OsmAndListener(Listener):
    """A small HTTP/1.1 server (keep-alive) for the Traccar Client phone app."""

    protocol = "osmand"
    #: an HTTP keep-alive connection between two reports; the phone reconnects for the next one
    default_idle_timeout = 120.0
    max_header = 8 * 1024
    max_body = 64 * 1024

    async def handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, stats: ConnectionStats) -> None:
        while True:
            request = await self._read_request(reader, writer, stats)
            if request is None:
                return
            method, target, headers, body = request
            stats.frames += 1
            self.totals.frames += 1
            now = datetime.now(UTC)
            if method not in ("GET", "POST"):
                stats.count("unknown_type", f"HTTP method {method}")
                await self._respond(writer, 405, stats, close=False)
                continue
            try:
                positions = osmand.decode_request_all(method, target, headers, body, now)
                if not positions or any(p is None for p in positions):
                    raise ProtocolError("bad_value", "no device id")
                events: list[DeviceEvent] = []
                for position in positions:
                    assert position is not None
                    if stats.device is None:
                        self.gate.identified(asyncio.current_task())
                    stats.device = position.unique_id
                    mapped = screen(position, now)
                    for problem in mapped.problems:
                        stats.count(problem, "")
                    events += mapped.events
            except ProtocolError as exc:
                stats.count(exc.code, exc.detail)
                await self._respond(writer, 400, stats, close=False)
                continue
            except Exception as exc:  # noqa: BLE001 - whatever a request makes the decoder do, it gets its 400
                stats.count("undecodable", f"{type(exc).__name__}: {exc}")
                await self._respond(writer, 400, stats, close=False)
                continue
            await self.store(events, stats)
            await self._respond(writer, 200, stats, close=headers.get("connection", "").lower() == "close")
            if headers.get("connection", "").lower() == "close":
                return

    async def _read_request(
        self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, stats: ConnectionStats,
    ) -> tuple[str, str, dict[str, str], bytes] | None:
        task = asyncio.current_task()
        assert task is not None
        if self._stopping:
            return None
        self._idle[task] = True
        try:
            head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), self.idle_timeout)
        except (TimeoutError, asyncio.IncompleteReadError):
            return None
        except asyncio.LimitOverrunError:
            stats.count("too_large", "HTTP header")
            await self._respond(writer, 431, stats, close=True)
            return None
        finally:
            self._idle[task] = False
        if len(head) > self.max_header:
            stats.count("too_large", "HTTP header")
            await self._respond(writer, 431, stats, close=True)
            return None
        try:
            text = head.decode("iso-8859-1")
            request_line, *header_lines = text.split("\r\n")
            method, target, _version = request_line.split(" ", 2)
            if not method.isascii() or not method.isalpha():
                raise ValueError(method)
        except ValueError:
            stats.count("garbage", "bad HTTP request line")
            await self._respond(writer, 400, stats, close=True)
            return None
        headers: dict[str, str] = {}
        for line in header_lines:
            if ":" in line:
                k, v = line.split(":", 1)
                headers[k.strip().lower()] = v.strip()
        body = b""
        length_text = headers.get("content-length", "0") or "0"
        if not (length_text.isascii() and length_text.isdigit()) or len(length_text) > 12:
            stats.count("bad_length", f"Content-Length {length_text!r}")
            await self._respond(writer, 400, stats, close=True)
            return None
        length = int(length_text)
        if length > self.max_body:
            stats.count("too_large", f"body of {length} bytes")
            await self._respond(writer, 413, stats, close=True)
            return None
        if headers.get("transfer-encoding", "").lower() == "chunked":
            stats.count("unknown_type", "chunked bodies are not accepted")
            await self._respond(writer, 411, stats, close=True)
            return None
        if length:
            try:
                body = await asyncio.wait_for(reader.readexactly(length), self.idle_timeout)
            except (TimeoutError, asyncio.IncompleteReadError):
                stats.count("truncated", "HTTP body")
                return None
        return method, target, headers, body

    async def _respond(self, writer: asyncio.StreamWriter, status: int, stats: ConnectionStats, close: bool) -> None:
        reason = {200: "OK", 400: "Bad Request", 405: "Method Not Allowed", 411: "Length Required",
                  413: "Payload Too Large", 431: "Request Header Fields Too Large"}.get(status, "Error")
        head = (f"HTTP/1.1 {status} {reason}\r\nContent-Length: 0\r\n"
                f"Connection: {'close' if close else 'keep-alive'}\r\n\r\n")
        await self.send(writer, [head.encode()], stats)


LISTENERS: dict[str, type[Listener]] = {"gt06": Gt06Listener, "watch": WatchListener, "osmand": OsmAndListener}
DEFAULT_PORTS = {"gt06": 5023, "watch": 5093, "osmand": 5055}
