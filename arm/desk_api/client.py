"""RemoteService: a desk's view of a remote ``arm serve`` through the desk API.

It republishes every message it receives on a local :class:`arm.bus.Bus`, so
the GUI (through ``widgets.qt_bridge``) works the same whether the service runs
inside it or on another machine. ``alarms`` (:class:`RemoteAlarmManager`) is the
typed :class:`arm.alarms.api.AlarmOperations` the widgets use, as on a local
service; ``call(method, **params)`` is the raw desk-API call underneath. It
reconnects with back-off when the link breaks and publishes ``ServiceStatus``
on the local bus so the status bar can say so.

A desk logs its user in with :meth:`RemoteService.login` (the service checks
the password); every later call runs as that user. The login and password are
kept in memory only, for as long as the session lasts, so that after a broken
link the desk logs the same user in again by itself; a refused re-login (the
password changed, the account was disabled or locked) forgets them and tells
the status bar.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import logging
import os
import ssl
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import replace
from datetime import timedelta
from typing import Any, TypeVar

from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed, InvalidHandshake, InvalidURI

from arm.alarm_view import AlarmView
from arm.alarms.api import AlarmConfig, AlarmOperations, AlarmUser
from arm.alarms.journal import Report
from arm.alarms.views import AlarmDetail, HandoverReport, sort_key
from arm.auth import AuthError, CurrentUser
from arm.bus import Bus
from arm.caseload.users import UserInvalid
from arm.desk_api import wire
from arm.events import AlarmChanged, ServiceStatus
from db.models import Resolution

log = logging.getLogger("arm.desk_api.client")

_T = TypeVar("_T")


class RemoteError(Exception):
    """A call the remote service refused; ``code`` is stable for widgets to translate."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.field = ""


class NotConnected(RemoteError):
    def __init__(self) -> None:
        super().__init__("not_connected", "the remote monitoring service is not connected")


class RemoteService:
    """Connects to ``url`` with ``token``; ``await start()`` / ``await stop()``."""

    def __init__(self, url: str, token: str, bus: Bus | None = None, *,
                 reconnect_max_s: float = 10.0, call_timeout_s: float = 15.0, ca_file: str | None = None) -> None:
        self.url = url
        #: for wss:// with the centre's own CA (``ARM_DESK_CA`` if not given); system CAs otherwise
        self.ca_file = ca_file or os.environ.get("ARM_DESK_CA") or None
        self.token = token
        self.bus = bus or Bus()
        #: the user logged in through :meth:`login` (None before, and after a refused re-login)
        self.user: CurrentUser | None = None
        self._credentials: tuple[str, str] | None = None  # memory only, for re-login after a reconnect
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
                    if isinstance(message, AlarmChanged) and "view" in msg:
                        # the row travels beside the change: cache it, and hand it on with the change
                        view = wire.build(AlarmView, msg["view"]) if msg["view"] else None
                        message = replace(message, view=view)
                        self.alarms.update(message.alarm_id, view)
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
                        fut.set_exception(remote_error(err))
            elif kind == "welcome":
                self.desk = msg.get("desk")
                self.methods = list(msg.get("methods") or [])
                self.connected.set()
                if self._credentials is not None:  # a reconnect: the same user again, then reload
                    task = asyncio.create_task(self._relogin())
                    self._background.add(task)
                    task.add_done_callback(self._background.discard)

    # ------------------------------------------------------------ the session's user
    async def login(self, login: str, password: str) -> CurrentUser:
        """Log ``login`` in on the service (it checks the password); raises :class:`arm.auth.AuthError`.

        On success the open alarms are loaded and ``ServiceStatus(True)`` is
        published (panels reload on it).
        """
        try:
            data = await self.call("session.login", login=login, password=password)
        except RemoteError as exc:
            if exc.code.startswith("auth."):
                raise AuthError(str(exc), getattr(exc, "field", "password"), exc.code[5:]) from exc
            raise
        self.user = CurrentUser(id=int(data.get("id", 0)), login=str(data["login"]),
                                full_name=str(data.get("full_name", "")), role=str(data["role"]),
                                districts=tuple(data.get("districts") or ()),
                                must_change_password=bool(data.get("must_change_password")))
        self._credentials = (login, password)
        if not self.user.must_change_password:  # a temporary password opens nothing until it is changed
            await self._after_login()
        return self.user

    async def change_password(self, old_password: str, new_password: str) -> CurrentUser:
        """The session's user chooses a new password on the service (``session.change_password``).

        The service checks the old password and the policy
        (``arm.caseload.users.change_own_password``); a refusal raises
        :class:`arm.caseload.users.UserInvalid` naming its field, as on an
        embedded desk. After a temporary password the user is then logged in
        fully and the open alarms are loaded.
        """
        try:
            await self.call("session.change_password", old_password=old_password, new_password=new_password)
        except RemoteError as exc:
            if exc.code == "user.invalid":
                raise UserInvalid({getattr(exc, "field", "new_password"): str(exc)}) from exc
            raise
        if self.user is not None:
            forced = self.user.must_change_password
            self.user = replace(self.user, must_change_password=False)
            self._credentials = (self.user.login, new_password)
            if forced:
                await self._after_login()
        assert self.user is not None
        return self.user

    async def logout(self) -> None:
        """End the session's user on the service and forget the credentials."""
        self._credentials = None
        self.user = None
        self.alarms.clear()
        with contextlib.suppress(RemoteError, TimeoutError):
            await self.call("session.logout")

    async def _relogin(self) -> None:
        if self._credentials is None:
            return
        try:
            await self.login(*self._credentials)
        except AuthError as exc:
            log.error("the remote service refused to log %s in again: %s", self._credentials[0], exc)
            self._credentials = None
            self.user = None
            self.bus.publish(ServiceStatus(False, (), "remote service: log in again"))
        except (RemoteError, TimeoutError) as exc:
            log.warning("re-login on the remote service failed: %s", exc)

    async def _after_login(self) -> None:
        if "alarms.open" in self.methods:
            try:
                await self.alarms.sync()
            except (RemoteError, TimeoutError) as exc:
                log.warning("could not load the remote alarms: %s", exc)
        who = self.user.login if self.user else "?"
        self.bus.publish(ServiceStatus(True, (), f"remote service {self.url} as desk {self.desk}, user {who}"))


def remote_error(err: dict[str, Any]) -> RemoteError:
    """The error of a call's answer; ``field`` (log-in refusals) says which form field it concerns."""
    error = RemoteError(str(err.get("code", "error")), str(err.get("message", "")))
    error.field = str(err.get("field") or "password")
    return error


class RemoteAlarmManager:
    """:class:`arm.alarms.api.AlarmOperations` over the desk API: ``service.alarms`` on a remote desk.

    ``open_views()`` / ``view()`` read a local cache (filled at connection and
    updated from the ``view`` carried by every alarm change, before the change
    is republished). Each operation sends its ``alarms.*`` call with named
    params (docs/desk-api.md) on the desk's event loop and returns a
    ``concurrent.futures.Future`` at once, like the local operations, so the
    alarm panel works unchanged on a remote desk. Refusals fail the future with
    :class:`RemoteError` (the server's code); an offline desk with
    :class:`NotConnected`.
    """

    def __init__(self, remote: RemoteService) -> None:
        self.remote = remote
        self.config = AlarmConfig()
        self._views: dict[int, AlarmView] = {}

    # ------------------------------------------------------------ cache
    async def sync(self) -> None:
        cfg = await self.remote.call("alarms.config")
        self.config = AlarmConfig(
            escalate_after_s=float(cfg["escalate_after_s"]),
            escalate_priorities=frozenset(cfg["escalate_priorities"]),
            max_shelve=timedelta(seconds=float(cfg["max_shelve_s"])),
            unshelvable=frozenset(cfg["unshelvable"]), note_required=frozenset(cfg["note_required"]),
            default_report_to=str(cfg["default_report_to"]))
        views = [wire.build(AlarmView, v) for v in await self.remote.call("alarms.open")]
        self._views = {v.id: v for v in views}

    def clear(self) -> None:
        """Forget the cached alarms (the user logged out)."""
        self._views = {}

    def update(self, alarm_id: int, view: AlarmView | None) -> None:
        """Keep the cache in step with a change (None or a closed row: the alarm left)."""
        if view is None or not view.is_open:
            self._views.pop(alarm_id, None)
        else:
            self._views[alarm_id] = view

    def open_views(self) -> list[AlarmView]:
        return sorted(self._views.values(), key=sort_key)

    def view(self, alarm_id: int) -> AlarmView | None:
        return self._views.get(alarm_id)

    def unacknowledged_count(self) -> int:
        return sum(1 for v in self._views.values() if v.needs_ack)

    # ------------------------------------------------------------ operations
    def acknowledge(self, alarm_id: int, user: AlarmUser, note: str = "") -> Future[AlarmView]:
        return self._send_for_view("alarms.acknowledge", alarm_id=alarm_id, note=note)

    def add_action(self, alarm_id: int, user: AlarmUser, action: str, note: str = "") -> Future[AlarmView]:
        return self._send_for_view("alarms.add_action", alarm_id=alarm_id, action=action,
                                   note=note)

    def add_note(self, alarm_id: int, user: AlarmUser, note: str) -> Future[AlarmView]:
        return self.add_action(alarm_id, user, "note", note)

    def shelve(self, alarm_id: int, user: AlarmUser, duration: timedelta, reason: str) -> Future[AlarmView]:
        return self._send_for_view("alarms.shelve", alarm_id=alarm_id,
                                   minutes=duration.total_seconds() / 60, reason=reason)

    def unshelve(self, alarm_id: int, user: AlarmUser) -> Future[AlarmView]:
        return self._send_for_view("alarms.unshelve", alarm_id=alarm_id)

    def close(self, alarm_id: int, user: AlarmUser, resolution: Resolution, note: str = "",
              report: Report | None = None) -> Future[AlarmView]:
        params: dict[str, Any] = {"alarm_id": alarm_id,
                                  "resolution": Resolution(resolution).value, "note": note}
        if report is not None:
            params["report"] = wire.to_json(report)
        return self._send_for_view("alarms.close", **params)

    def detail(self, alarm_id: int, user: AlarmUser, with_person: bool = True) -> Future[AlarmDetail]:
        return self._send(lambda data: wire.build(AlarmDetail, data), "alarms.detail",
                          alarm_id=alarm_id, with_person=with_person)

    def handover(self, user: AlarmUser) -> Future[HandoverReport]:
        return self._send(lambda data: wire.build(HandoverReport, data), "alarms.handover")

    # ------------------------------------------------------------ transport
    def _send_for_view(self, method: str, **params: Any) -> Future[AlarmView]:
        """An operation answered with the alarm's row: the cache takes it before the caller does."""

        def received(data: Any) -> AlarmView:
            view: AlarmView = wire.build(AlarmView, data)
            self.update(view.id, view)
            return view

        return self._send(received, method, **params)

    def _send(self, build: Callable[[Any], _T], method: str, **params: Any) -> Future[_T]:
        """Call ``method`` on the desk's event loop (from any thread); the result arrives through the future."""
        loop = self.remote._loop
        if loop is None or loop.is_closed():
            failed: Future[_T] = Future()
            failed.set_exception(NotConnected())
            return failed

        async def call() -> _T:
            return build(await self.remote.call(method, **params))

        return asyncio.run_coroutine_threadsafe(call(), loop)


#: mypy proves the remote desk offers the same operations as a local service
_check_remote: type[AlarmOperations] = RemoteAlarmManager
