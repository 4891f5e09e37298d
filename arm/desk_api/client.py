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
import os
import ssl
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
                 reconnect_max_s: float = 10.0, call_timeout_s: float = 15.0, ca_file: str | None = None) -> None:
        self.url = url
        #: for wss:// with the centre's own CA (``ARM_DESK_CA`` if not given); system CAs otherwise
        self.ca_file = ca_file or os.environ.get("ARM_DESK_CA") or None
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
        self._background: set[asyncio.Task[None]] = set()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stopping = False
        #: the alarm manager's face for the widgets (``service.alarms``), over the API
        self.alarms = RemoteAlarmManager(self)

    async def start(self, wait: float | None = 10.0) -> None:
        """Start the connection loop; by default wait until the first welcome."""
        self._stopping = False
        self._loop = asyncio.get_running_loop()
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
                tls = None
                if self.url.startswith("wss://"):
                    tls = ssl.create_default_context(cafile=self.ca_file)
                async with connect(self.url, additional_headers={"Authorization": f"Bearer {self.token}"},
                                   max_size=1 << 24, open_timeout=5, ssl=tls) as ws:
                    self._ws = ws
                    delay = 0.2
                    await self._receive(ws)
            except (OSError, ConnectionClosed, InvalidHandshake, InvalidURI, TimeoutError, ssl.SSLError) as exc:
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
                    if msg["topic"] == "alarm" and "view" in msg:
                        self.alarms.update(message.alarm_id, msg["view"])
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
                # load the open alarms first, then say "connected" (panels reload on it)
                task = asyncio.create_task(self._after_welcome())
                self._background.add(task)
                task.add_done_callback(self._background.discard)

    async def _after_welcome(self) -> None:
        if "alarms.open" in self.methods:
            try:
                await self.alarms.sync()
            except (RemoteError, TimeoutError) as exc:
                log.warning("could not load the remote alarms: %s", exc)
        self.bus.publish(ServiceStatus(True, (), f"remote service {self.url} as desk {self.desk}"))


class RemoteAlarmManager:
    """The subset of ``arm.alarms.manager.AlarmManager`` the widgets use, over the desk API.

    ``open_views()`` / ``view()`` read a local cache (filled at connection and
    updated from the ``view`` carried by every alarm change, before the change
    is republished); ``call(method, ...)`` returns a ``concurrent.futures.Future``
    like the real manager, so the alarm panel works unchanged on a remote desk.
    """

    def __init__(self, remote: RemoteService) -> None:
        from arm.alarms.manager import AlarmConfig

        self.remote = remote
        self.config = AlarmConfig()
        self._views: dict[int, Any] = {}

    # ------------------------------------------------------------ cache
    async def sync(self) -> None:
        from datetime import timedelta

        from arm.alarms.manager import AlarmConfig
        from arm.alarms.views import AlarmView

        cfg = await self.remote.call("alarms.config")
        self.config = AlarmConfig(
            escalate_after_s=float(cfg["escalate_after_s"]),
            escalate_priorities=frozenset(cfg["escalate_priorities"]),
            max_shelve=timedelta(seconds=float(cfg["max_shelve_s"])),
            unshelvable=frozenset(cfg["unshelvable"]), note_required=frozenset(cfg["note_required"]),
            default_report_to=str(cfg["default_report_to"]))
        views = [wire.build(AlarmView, v) for v in await self.remote.call("alarms.open")]
        self._views = {v.id: v for v in views}

    def update(self, alarm_id: int, data: dict[str, Any] | None) -> None:
        from arm.alarms.views import AlarmView

        view = wire.build(AlarmView, data) if data else None
        if view is None or not view.is_open:
            self._views.pop(alarm_id, None)
        else:
            self._views[alarm_id] = view

    def open_views(self) -> list[Any]:
        from arm.alarms.manager import sort_key

        return sorted(self._views.values(), key=sort_key)

    def view(self, alarm_id: int) -> Any:
        return self._views.get(alarm_id)

    def unacknowledged_count(self) -> int:
        return sum(1 for v in self._views.values() if v.needs_ack)

    # ------------------------------------------------------------ actions
    def call(self, method: str, *args: Any, **kwargs: Any) -> Any:
        """Same signature as ``AlarmManager.call``; runs on the desk's event loop."""
        loop = self.remote._loop
        if loop is None:
            raise NotConnected()
        return asyncio.run_coroutine_threadsafe(self._call(method, *args, **kwargs), loop)

    async def _call(self, method: str, *args: Any, **kwargs: Any) -> Any:
        from arm.alarms.views import AlarmDetail, AlarmView, HandoverReport

        def login(user: Any) -> str:
            return user if isinstance(user, str) else str(getattr(user, "login", user))

        names = {
            "acknowledge": ("alarm_id", "user", "note"),
            "add_action": ("alarm_id", "user", "action", "note"),
            "add_note": ("alarm_id", "user", "note"),
            "shelve": ("alarm_id", "user", "duration", "reason"),
            "unshelve": ("alarm_id", "user"),
            "close": ("alarm_id", "user", "resolution", "note", "report"),
            "detail": ("alarm_id", "user", "with_person"),
            "handover": ("user",),
        }
        if method not in names:
            raise RemoteError("unknown_method", f"{method} is not available on a remote desk")
        params: dict[str, Any] = dict(zip(names[method], args, strict=False))
        params.update(kwargs)
        params["user"] = login(params.get("user", self.remote.user))
        if method == "add_note":
            method, params["action"] = "add_action", "note"
        if method == "shelve":
            params["minutes"] = params.pop("duration").total_seconds() / 60
        if method == "close":
            params["resolution"] = str(getattr(params.get("resolution"), "value", params.get("resolution")))
            if params.get("report") is not None:
                params["report"] = wire.to_json(params["report"])
        result = await self.remote.call(f"alarms.{method}", **params)
        if method == "detail":
            return wire.build(AlarmDetail, result)
        if method == "handover":
            return wire.build(HandoverReport, result)
        view = wire.build(AlarmView, result)
        self.update(view.id, result)
        return view
