"""RemoteService: a desk's view of a remote ``arm serve`` through the desk API.

It republishes every message it receives on a local :class:`arm.bus.Bus`, so
the GUI (through ``widgets.qt_bridge``) works the same whether the service runs
inside it or on another machine, and offers ``call(method, **params)`` for
operator actions. It reconnects with back-off when the link breaks and
publishes ``ServiceStatus`` on the local bus so the status bar can say so.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import logging
from typing import Any

from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed, InvalidHandshake, InvalidURI

from arm.bus import Bus
from arm.desk_api import wire
from arm.events import ServiceStatus

log = logging.getLogger("arm.desk_api.client")


class RemoteError(Exception):
    """A call the remote service refused; ``code`` is stable for widgets to translate."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


class NotConnected(RemoteError):
    def __init__(self) -> None:
        super().__init__("not_connected", "the remote monitoring service is not connected")


class RemoteService:
    """Connects to ``url`` with ``token``; ``await start()`` / ``await stop()``."""

    def __init__(self, url: str, token: str, bus: Bus | None = None, *, user: str = "",
                 reconnect_max_s: float = 10.0, call_timeout_s: float = 15.0) -> None:
        self.url = url
        self.token = token
        self.bus = bus or Bus()
        self.user = user
        self.reconnect_max_s = reconnect_max_s
        self.call_timeout_s = call_timeout_s
        self.desk: str | None = None
        self.methods: list[str] = []
        self.connected = asyncio.Event()
        self.received = 0
        self._ws: ClientConnection | None = None
        self._task: asyncio.Task[None] | None = None
        self._ids = itertools.count(1)
        self._pending: dict[int, asyncio.Future[Any]] = {}
        self._stopping = False

    async def start(self, wait: float | None = 10.0) -> None:
        """Start the connection loop; by default wait until the first welcome."""
        self._stopping = False
        self._task = asyncio.create_task(self._run(), name="arm-remote-service")
        if wait:
            await asyncio.wait_for(self.connected.wait(), wait)

    async def stop(self) -> None:
        self._stopping = True
        if self._ws is not None:
            with contextlib.suppress(Exception):
                await self._ws.close()
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self._task
            self._task = None

    async def call(self, method: str, **params: Any) -> Any:
        """Call a desk API method; raises RemoteError with the server's code."""
        ws = self._ws
        if ws is None or not self.connected.is_set():
            raise NotConnected()
        call_id = next(self._ids)
        fut: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
        self._pending[call_id] = fut
        if self.user and "user" not in params:
            params["user"] = self.user
        try:
            await ws.send(wire.dumps({"type": "call", "id": call_id, "method": method, "params": params}))
            return await asyncio.wait_for(fut, self.call_timeout_s)
        finally:
            self._pending.pop(call_id, None)

    async def _run(self) -> None:
        delay = 0.2
        while not self._stopping:
            try:
                async with connect(self.url, additional_headers={"Authorization": f"Bearer {self.token}"},
                                   max_size=1 << 24, open_timeout=5) as ws:
                    self._ws = ws
                    delay = 0.2
                    await self._receive(ws)
            except (OSError, ConnectionClosed, InvalidHandshake, InvalidURI, TimeoutError) as exc:
                if isinstance(exc, ConnectionClosed) and exc.rcvd is not None and exc.rcvd.code == 4401:
                    log.error("remote service refused this desk's token")
                else:
                    log.info("remote service %s: %s", self.url, exc)
            finally:
                was = self.connected.is_set()
                self._ws = None
                self.connected.clear()
                for fut in self._pending.values():
                    if not fut.done():
                        fut.set_exception(NotConnected())
                if was:
                    self.bus.publish(ServiceStatus(False, (), "remote service disconnected"))
            if self._stopping:
                return
            await asyncio.sleep(delay)
            delay = min(self.reconnect_max_s, delay * 2)

    async def _receive(self, ws: ClientConnection) -> None:
        async for raw in ws:
            try:
                msg = json.loads(raw)
            except ValueError:
                log.warning("remote service sent non-JSON; ignored")
                continue
            kind = msg.get("type")
            if kind == "event":
                try:
                    message = wire.from_json(msg["topic"], msg["data"])
                except (KeyError, TypeError, ValueError) as exc:
                    log.warning("remote message %s not understood: %s", msg.get("topic"), exc)
                    continue
                self.received += 1
                self.bus.publish(message)
            elif kind in ("result", "error"):
                fut = self._pending.get(msg.get("id"))
                if fut is not None and not fut.done():
                    if kind == "result":
                        fut.set_result(msg.get("result"))
                    else:
                        err = msg.get("error") or {}
                        fut.set_exception(RemoteError(str(err.get("code", "error")), str(err.get("message", ""))))
            elif kind == "welcome":
                self.desk = msg.get("desk")
                self.methods = list(msg.get("methods") or [])
                self.connected.set()
                self.bus.publish(ServiceStatus(True, (), f"remote service {self.url} as desk {self.desk}"))
