"""Device-side network clients that behave like real trackers: resend until acked.

A GT06 tracker keeps each report in its memory until the server acknowledges
it, and reconnects when the link breaks; a phone retries a POST until it gets
HTTP 200. These clients do the same over real sockets, so the simulator, the
restart test and the ingest benchmark exercise exactly the path real devices
take (frame -> decode -> commit -> ack).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections import deque
from dataclasses import dataclass, field

from arm.protocols import gt06
from arm.simulate import gt06_device, watch_device

log = logging.getLogger("arm.simulate.clients")


@dataclass
class ClientStats:
    sent: int = 0
    acked: int = 0
    resent: int = 0
    reconnects: int = 0


@dataclass
class _Pending:
    frame: bytes
    #: bytes the server answers with for this frame (None: no ack expected)
    ack_prefix: bytes | None


class _StreamClient:
    """Shared reconnect/resend loop of the TCP protocols."""

    def __init__(self, host: str, port: int, *, ack_timeout: float = 5.0, retry_delay: float = 0.2) -> None:
        self.host = host
        self.port = port
        self.ack_timeout = ack_timeout
        self.retry_delay = retry_delay
        self.stats = ClientStats()
        self.outbox: deque[_Pending] = deque()
        self._reader: asyncio.StreamReader | None = None
        self._writer: asyncio.StreamWriter | None = None
        self._rx = bytearray()
        self.closed = False

    async def connect(self) -> None:
        self._reader, self._writer = await asyncio.open_connection(self.host, self.port)
        self._rx.clear()
        await self.on_connect()

    async def on_connect(self) -> None:
        """Protocol handshake (GT06 login)."""

    async def close(self) -> None:
        self.closed = True
        if self._writer is not None:
            self._writer.close()
            with contextlib.suppress(Exception):
                await self._writer.wait_closed()
        self._writer = None
        self._reader = None

    def _drop(self) -> None:
        if self._writer is not None:
            self._writer.close()
        self._writer = None
        self._reader = None

    async def _exchange(self, frame: bytes, ack_prefix: bytes | None) -> None:
        """Send one frame and wait for its ack; raises on timeout or broken link."""
        assert self._writer is not None and self._reader is not None
        self._writer.write(frame)
        await self._writer.drain()
        self.stats.sent += 1
        if ack_prefix is None:
            return
        await asyncio.wait_for(self._await_ack(ack_prefix), self.ack_timeout)
        self.stats.acked += 1

    async def _await_ack(self, prefix: bytes) -> None:
        assert self._reader is not None
        while True:
            idx = self._rx.find(prefix)
            if idx >= 0:
                del self._rx[: idx + len(prefix)]
                return
            data = await self._reader.read(4096)
            if not data:
                raise ConnectionError("server closed the connection")
            self._rx += data

    async def send(self, frame: bytes, ack_prefix: bytes | None) -> None:
        """Queue a report and deliver everything queued, reconnecting as needed."""
        self.outbox.append(_Pending(frame, ack_prefix))
        await self.flush()

    async def flush(self, deadline_s: float = 60.0) -> None:
        loop = asyncio.get_running_loop()
        end = loop.time() + deadline_s
        while self.outbox and not self.closed:
            try:
                if self._writer is None:
                    await self.connect()
                item = self.outbox[0]
                await self._exchange(item.frame, item.ack_prefix)
                self.outbox.popleft()
            except (OSError, ConnectionError, TimeoutError, asyncio.IncompleteReadError):
                self._drop()
                self.stats.reconnects += 1
                if loop.time() > end:
                    raise
                self.stats.resent += 1
                await asyncio.sleep(self.retry_delay)


class Gt06Client(_StreamClient):
    """A GT06 tracker: logs in with its IMEI on every connection, then reports."""

    def __init__(self, imei: str, host: str, port: int, **kw: float) -> None:
        super().__init__(host, port, **kw)
        self.imei = imei
        self.serial = 0

    def next_serial(self) -> int:
        self.serial = (self.serial + 1) & 0xFFFF
        return self.serial

    async def on_connect(self) -> None:
        s = self.next_serial()
        await self._exchange(gt06_device.encode_login(self.imei, s), _gt06_ack(gt06.MSG_LOGIN, s))

    async def send_frame(self, frame: bytes) -> None:
        msg_type = frame[3] if frame[:2] == b"\x78\x78" else frame[4]
        serial = int.from_bytes(frame[-6:-4], "big")
        await self.send(frame, _gt06_ack(msg_type, serial))


def _gt06_ack(msg_type: int, serial: int) -> bytes:
    return gt06.build_response(msg_type, serial)[:6]


class WatchClient(_StreamClient):
    """A Watch-protocol wrist tracker: LK keep-alive, UD reports, AL alarms, TK/JXTK voice (acked)."""

    def __init__(self, device_id: str, host: str, port: int, **kw: float) -> None:
        super().__init__(host, port, **kw)
        self.device_id = device_id

    async def on_connect(self) -> None:
        await self._exchange(watch_device.build_frame("3G", self.device_id, "LK,0,0,100"),
                             f"[3G*{self.device_id}*0002*LK]".encode())

    async def send_report(self, frame: bytes) -> None:
        is_alarm = b"*AL," in frame[:40]
        # UD reports are not acknowledged by the protocol: follow each with an LK
        # round trip, whose answer proves the UD before it was committed.
        await self.send(frame, f"[3G*{self.device_id}*0002*AL]".encode() if is_alarm else None)
        if not is_alarm:
            await self.send(watch_device.build_frame("3G", self.device_id, "LK"),
                            f"[3G*{self.device_id}*0002*LK]".encode())

    async def send_voice(self, frame: bytes) -> None:
        """A ``TK`` voice message or one ``JXTK`` part: resent until the server answers it stored."""
        answer = "JXTKR,1" if b"*JXTK," in frame[:40] else "TK,1"
        await self.send(frame, f"[3G*{self.device_id}*{len(answer):04X}*{answer}]".encode())


@dataclass
class HttpResult:
    status: int
    headers: dict[str, str] = field(default_factory=dict)


class OsmAndClient:
    """A Traccar Client phone: POSTs each point until the server answers 200."""

    def __init__(self, device_id: str, host: str, port: int, *, timeout: float = 5.0) -> None:
        self.device_id = device_id
        self.host = host
        self.port = port
        self.timeout = timeout
        self.stats = ClientStats()
        self._reader: asyncio.StreamReader | None = None
        self._writer: asyncio.StreamWriter | None = None

    async def request(self, method: str, target: str, body: bytes = b"",
                      headers: dict[str, str] | None = None) -> HttpResult:
        if self._writer is None:
            self._reader, self._writer = await asyncio.open_connection(self.host, self.port)
        assert self._reader is not None
        head = f"{method} {target} HTTP/1.1\r\nHost: {self.host}\r\nContent-Length: {len(body)}\r\n"
        for k, v in (headers or {}).items():
            head += f"{k}: {v}\r\n"
        self._writer.write(head.encode() + b"\r\n" + body)
        await self._writer.drain()
        self.stats.sent += 1
        raw = await asyncio.wait_for(self._reader.readuntil(b"\r\n\r\n"), self.timeout)
        lines = raw.decode("iso-8859-1").split("\r\n")
        status = int(lines[0].split(" ")[1])
        hdrs = {k.strip().lower(): v.strip() for k, _, v in (ln.partition(":") for ln in lines[1:] if ln)}
        length = int(hdrs.get("content-length", "0"))
        if length:
            await self._reader.readexactly(length)
        if hdrs.get("connection", "").lower() == "close":
            await self.close()
        return HttpResult(status, hdrs)

    async def post_point(self, query: str, deadline_s: float = 60.0) -> None:
        loop = asyncio.get_running_loop()
        end = loop.time() + deadline_s
        while True:
            try:
                result = await self.request("POST", f"/?{query}")
                if result.status == 200:
                    self.stats.acked += 1
                    return
                if 400 <= result.status < 500:
                    return  # the phone drops what the server refuses as malformed
            except (OSError, ConnectionError, TimeoutError, asyncio.IncompleteReadError, ValueError, IndexError):
                await self.close()
                self.stats.reconnects += 1
            if loop.time() > end:
                raise TimeoutError("OsmAnd point not accepted in time")
            self.stats.resent += 1
            await asyncio.sleep(0.2)

    async def close(self) -> None:
        if self._writer is not None:
            self._writer.close()
            with contextlib.suppress(Exception):
                await self._writer.wait_closed()
        self._writer = None
        self._reader = None
