"""asyncio listeners for GT06, Watch and OsmAnd, each on its own port.

Every listener follows one rule: a device is acknowledged only after
``await service.ingest.store(events)`` returned, i.e. after the commit. If the
store fails (database down), nothing is acknowledged and the connection is
closed, so the device keeps the report and resends it after reconnecting;
ingest deduplicates the resend.

Robustness: each connection is its own task with a bounded input buffer, an
idle timeout and a write timeout, and waits for its own commit before reading
more; a client that floods, stalls or sends garbage only ever slows itself.
Malformed input is counted per connection (``ConnectionStats.errors``) and in
the listener's totals, logged (first few per connection, then a summary at
close), and never stored as a position.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from arm.events import DeviceEvent
from arm.protocols import gt06, osmand, watch
from arm.protocols.mapping import to_events
from arm.protocols.position import Position, ProtocolError

if TYPE_CHECKING:
    from arm.service import MonitoringService

log = logging.getLogger("arm.protocols")

READ_CHUNK = 4096
#: errors logged one by one per connection before only counting them
LOG_FIRST_ERRORS = 5


@dataclass
class ConnectionStats:
    """Counters of one device connection (also summed per listener)."""

    peer: str
    device: str | None = None
    frames: int = 0
    events: int = 0
    acks: int = 0
    errors: Counter[str] = field(default_factory=Counter)

    def count(self, code: str, detail: str = "") -> None:
        self.errors[code] += 1
        if sum(self.errors.values()) <= LOG_FIRST_ERRORS:
            log.warning("%s %s: malformed input %s %s", self.peer, self.device or "?", code, detail)


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
        self._pending: list[tuple[list[DeviceEvent], asyncio.Future[list[tuple[DeviceEvent, str]]]]] = []
        self._scheduled = False

    async def store(self, events: list[DeviceEvent]) -> list[tuple[DeviceEvent, str]]:
        """Wait for the commit; returns the rejected events with reasons."""
        loop = asyncio.get_running_loop()
        fut: asyncio.Future[list[tuple[DeviceEvent, str]]] = loop.create_future()
        self._pending.append((events, fut))
        if not self._scheduled:
            self._scheduled = True
            loop.call_soon(self._flush)
        return await fut

    def _flush(self) -> None:
        self._scheduled = False
        pending, self._pending = self._pending, []
        if not pending:
            return
        everything = [ev for events, _ in pending for ev in events]
        try:
            cfut = self.service.ingest.submit(everything)
        except Exception as exc:  # noqa: BLE001 - every waiter learns it
            for _, fut in pending:
                if not fut.done():
                    fut.set_exception(exc)
            return
        done = asyncio.wrap_future(cfut)
        done.add_done_callback(lambda f: self._resolve(f, pending))

    @staticmethod
    def _resolve(f: asyncio.Future[Any], pending: list[tuple[list[DeviceEvent], asyncio.Future[Any]]]) -> None:
        exc = f.exception() if not f.cancelled() else asyncio.CancelledError()
        if exc is not None:
            for _, fut in pending:
                if not fut.done():
                    fut.set_exception(exc)
            return
        rejected = {id(ev): (ev, reason) for ev, reason in f.result().rejected}
        for events, fut in pending:
            if not fut.done():
                fut.set_result([rejected[id(ev)] for ev in events if id(ev) in rejected] if rejected else [])


class Listener:
    """Common lifecycle of one TCP listener (a MonitoringService component)."""

    protocol = "base"

    def __init__(
        self, port: int, host: str = "0.0.0.0", *, idle_timeout: float = 600.0,
        write_timeout: float = 10.0, max_buffer: int = 64 * 1024,
    ) -> None:
        self.host = host
        self.port = port
        self.idle_timeout = idle_timeout
        self.write_timeout = write_timeout
        self.max_buffer = max_buffer
        self.totals = ListenerTotals()
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
        self._server = await asyncio.start_server(self._accept, self.host, self.port, limit=self.max_buffer)
        sock = self._server.sockets[0]
        self.port = sock.getsockname()[1]  # port 0 in tests: the real one
        log.info("%s listening on %s:%d", self.protocol, self.host, self.port)

    async def stop(self) -> None:
        """Stop accepting; connections finish the frame they are storing, then close."""
        self._stopping = True
        if self._server is not None:
            self._server.close()
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
        stats = ConnectionStats(peer=f"{peer[0]}:{peer[1]}" if peer else "?")
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
            log.error("%s %s: %s; connection closed without ack so the device resends", self.protocol, stats.peer, exc)
        except Exception:
            log.exception("%s %s: unexpected failure; connection closed", self.protocol, stats.peer)
            stats.errors["internal"] += 1
        finally:
            self._idle.pop(task, None)
            self.totals.open_connections -= 1
            self.totals.absorb(stats)
            if stats.errors:
                log.info("%s %s %s closed: %d frames, %d events, errors %s", self.protocol, stats.peer,
                         stats.device or "?", stats.frames, stats.events, dict(stats.errors))
            writer.close()
            with contextlib.suppress(Exception):
                await asyncio.wait_for(writer.wait_closed(), 1.0)

    # -- helpers for subclasses ------------------------------------------------------

    async def read(self, reader: asyncio.StreamReader) -> bytes:
        """Read with the idle timeout; marks the connection idle so stop() may cancel it."""
        task = asyncio.current_task()
        assert task is not None
        if self._stopping:
            return b""
        self._idle[task] = True
        try:
            # asyncio.timeout, not wait_for: no extra task per read (10,000 connections)
            async with asyncio.timeout(self.idle_timeout):
                data = await reader.read(READ_CHUNK)
        except TimeoutError:
            return b""
        finally:
            self._idle[task] = False
        return data

    async def store(self, events: list[DeviceEvent], stats: ConnectionStats) -> None:
        if not events:
            return
        assert self._batcher is not None
        try:
            rejected = await self._batcher.store(events)
        except Exception as exc:
            raise StoreFailed(f"store failed: {exc}") from exc
        for ev, reason in rejected:
            stats.count("rejected", f"{ev.kind}: {reason}")
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


class Gt06Listener(Listener):
    protocol = "gt06"

    async def handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, stats: ConnectionStats) -> None:
        framer = gt06.Gt06Framer()
        decoder = gt06.Gt06Decoder(verify_crc=True)
        garbage = 0
        while True:
            data = await self.read(reader)
            if not data:
                return
            frames = framer.feed(data)
            if framer.garbage_bytes > garbage:
                stats.count("garbage", f"{framer.garbage_bytes - garbage} bytes")
                garbage = framer.garbage_bytes
            if framer.pending() > self.max_buffer or (not frames and framer.garbage_bytes > self.max_buffer):
                stats.count("too_large", "unframed input over the buffer limit")
                return
            if frames:
                framer.garbage_bytes = garbage = 0
            events: list[DeviceEvent] = []
            replies: list[bytes] = []
            now = datetime.now(UTC)
            for frame in frames:
                stats.frames += 1
                self.totals.frames += 1
                try:
                    msg = decoder.decode(frame)
                except gt06.Unsupported as exc:
                    stats.count(exc.code, exc.detail)
                    replies += exc.message.responses
                    continue
                except ProtocolError as exc:
                    stats.count(exc.code, exc.detail)
                    continue
                if msg is None:
                    continue
                if msg.login_imei:
                    stats.device = msg.login_imei
                    mapped = to_events(Position("gt06", msg.login_imei), now, login=True)
                elif msg.position is not None:
                    mapped = to_events(msg.position, now)
                else:
                    replies += msg.responses
                    continue
                for problem in mapped.problems:
                    stats.count(problem, f"type 0x{msg.msg_type:02x}")
                events += mapped.events
                replies += msg.responses
            await self.store(events, stats)
            await self.send(writer, replies, stats)


class WatchListener(Listener):
    protocol = "watch"

    async def handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, stats: ConnectionStats) -> None:
        framer = watch.WatchFramer()
        decoder = watch.WatchDecoder()
        garbage = 0
        oversized = 0
        while True:
            data = await self.read(reader)
            if not data:
                return
            frames = framer.feed(data)
            if framer.garbage_bytes > garbage:
                stats.count("garbage", f"{framer.garbage_bytes - garbage} bytes")
                garbage = framer.garbage_bytes
            if framer.oversized > oversized:
                stats.count("too_large", "frame over the size limit")
                oversized = framer.oversized
            if framer.pending() > self.max_buffer or (not frames and framer.garbage_bytes > self.max_buffer):
                stats.count("too_large", "unframed input over the buffer limit")
                return
            if frames:
                framer.garbage_bytes = garbage = 0
            events: list[DeviceEvent] = []
            replies: list[bytes] = []
            now = datetime.now(UTC)
            for frame in frames:
                stats.frames += 1
                self.totals.frames += 1
                try:
                    msg = decoder.decode(frame)
                except ProtocolError as exc:
                    stats.count(exc.code, exc.detail)
                    continue
                if msg is None:
                    continue
                stats.device = msg.device_id
                if msg.position is not None:
                    mapped = to_events(msg.position, now)
                    for problem in mapped.problems:
                        stats.count(problem, msg.msg_type)
                    events += mapped.events
                elif msg.msg_type in ("LK", "INIT"):
                    events += to_events(Position("watch", msg.device_id, outdated=True, time=now), now).events
                replies += msg.responses
            await self.store(events, stats)
            await self.send(writer, replies, stats)


class OsmAndListener(Listener):
    """A small HTTP/1.1 server (keep-alive) for the Traccar Client phone app."""

    protocol = "osmand"
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
                position = osmand.decode_request(method, target, headers, body, now)
            except ProtocolError as exc:
                stats.count(exc.code, exc.detail)
                await self._respond(writer, 400, stats, close=False)
                continue
            if position is None:
                stats.count("bad_value", "no device id")
                await self._respond(writer, 400, stats, close=False)
                continue
            stats.device = position.unique_id
            mapped = to_events(position, now)
            for problem in mapped.problems:
                stats.count(problem, "")
            await self.store(mapped.events, stats)
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
        if not length_text.isdigit():
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
