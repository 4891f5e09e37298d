"""The desk API: a WebSocket endpoint through which other desks follow and act.

A desk connects to ``ws://host:port/``, authenticates with its token (header
``Authorization: Bearer <token>`` or a first ``hello`` message), and then
receives every live bus message (stored events, device state, alarm changes,
service status) as JSON, and may call methods (``alarms.acknowledge``...)
registered with :meth:`DeskApiServer.register_method`. The wire format is in
docs/desk-api.md.

Each desk has a bounded outgoing queue; a desk that cannot keep up is
disconnected with code 1013 (it reconnects and reloads) instead of slowing the
service or the other desks. Bus handlers only hand messages to the event loop;
JSON is built once per message on the loop, not on the ingest thread.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import json
import logging
import ssl
from collections.abc import Awaitable, Callable
from concurrent.futures import Future
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any, TypeVar

from websockets.asyncio.server import Server, ServerConnection, serve
from websockets.exceptions import ConnectionClosed

from arm.alarms.api import AlarmOperations
from arm.alarms.journal import Report
from arm.desk_api import wire
from arm.events import AlarmChanged
from db.models import Resolution

if TYPE_CHECKING:
    from arm.service import MonitoringService

log = logging.getLogger("arm.desk_api")

HELLO_TIMEOUT_S = 5.0
CLOSE_BAD_TOKEN = 4401
CLOSE_TOO_SLOW = 1013

_T = TypeVar("_T")


class MethodError(Exception):
    """A call failed in a way the desk should show: stable ``code`` + English text."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


@dataclass
class CallContext:
    """Who is calling: the desk (authenticated by token) and the user it names."""

    desk: str
    user: str

    @property
    def actor(self) -> str:
        """What is written to the audit journal: ``login@desk``."""
        return f"{self.user}@{self.desk}" if self.user else self.desk

    @property
    def named_user(self) -> NamedUser:
        """The user the desk names, for the alarm core: it re-reads the account (exists, active)
        and takes the role and districts from the database, never from the desk.

        Until desk sessions log users in (issue 13, desk sessions), the name is the desk's word.
        """
        return NamedUser(self.user)


@dataclass(frozen=True)
class NamedUser:
    """A login without a role of its own: ``arm.access.current_account`` supplies role and districts."""

    login: str
    role: str = ""
    districts: tuple[str, ...] = ()


Method = Callable[[CallContext, dict[str, Any]], Awaitable[Any]]


@dataclass
class _Desk:
    name: str
    ws: ServerConnection
    queue: asyncio.Queue[str]
    sender: asyncio.Task[None] | None = None
    calls: set[asyncio.Task[None]] = field(default_factory=set)
    sent: int = 0


class DeskApiServer:
    """MonitoringService component serving the desk API."""

    def __init__(self, port: int, tokens: dict[str, str], host: str = "127.0.0.1", *,
                 queue_limit: int = 10_000, ssl_context: ssl.SSLContext | None = None) -> None:
        if not tokens:
            raise ValueError("the desk API needs at least one desk token (--desk-token NAME=TOKEN)")
        self.port = port
        self.host = host
        self.tokens = dict(tokens)
        self.queue_limit = queue_limit
        #: with a certificate the API is wss:// (tokens and personal data never travel in clear)
        self.ssl_context = ssl_context
        self.methods: dict[str, Method] = {}
        self.service: MonitoringService | None = None
        self._desks: list[_Desk] = []
        self._server: Server | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._unsubscribe: list[Callable[[], None]] = []
        self._alarms: AlarmOperations | None = None
        self.register_method("ping", self._ping)
        self.register_method("desks", self._list_desks)

    name = "desk-api"

    # ------------------------------------------------------------ registry
    def register_method(self, name: str, fn: Method) -> None:
        """Expose ``async fn(ctx, params) -> JSON-able`` as ``name`` to every desk."""
        self.methods[name] = fn

    @property
    def desks(self) -> list[str]:
        return [d.name for d in self._desks]

    # ------------------------------------------------------------ lifecycle
    async def start(self, service: MonitoringService) -> None:
        self.service = service
        self._loop = asyncio.get_running_loop()
        alarms: AlarmOperations | None = (getattr(service, "alarms", None)
                                          or getattr(service, "extensions", {}).get("alarms"))
        self._alarms = alarms
        if alarms is not None:
            register_alarm_methods(self, alarms)
        for topic_type in wire.TOPIC_OF:
            self._unsubscribe.append(service.bus.subscribe(topic_type, self._on_bus))
        self._server = await serve(self._handler, self.host, self.port, max_size=1 << 20, ping_interval=20,
                                   ssl=self.ssl_context)
        self.port = next(iter(self._server.sockets)).getsockname()[1]
        scheme = "wss" if self.ssl_context else "ws"
        log.info("desk API on %s://%s:%d/ for desks %s", scheme, self.host, self.port, ", ".join(self.tokens))

    async def stop(self) -> None:
        for unsubscribe in self._unsubscribe:
            unsubscribe()
        self._unsubscribe.clear()
        if self._server is not None:
            self._server.close()
            with contextlib.suppress(Exception):
                await asyncio.wait_for(self._server.wait_closed(), 5)
            self._server = None

    # ------------------------------------------------------------ fan-out
    def _on_bus(self, message: object) -> None:
        """Any thread: hand the message to the loop (cheap when no desk is connected)."""
        if not self._desks or self._loop is None or self._loop.is_closed():
            return
        with contextlib.suppress(RuntimeError):
            self._loop.call_soon_threadsafe(self._fanout, message)

    def _fanout(self, message: object) -> None:
        topic = wire.TOPIC_OF.get(type(message))
        if topic is None or not self._desks:
            return
        envelope: dict[str, Any] = {"type": "event", "topic": topic, "data": wire.to_json(message)}
        if isinstance(message, AlarmChanged) and self._alarms is not None:
            # the alarm row as the panel shows it (None once closed), carried by the
            # change itself: desks update their cache before they republish the change
            envelope["view"] = wire.to_json(message.view) if message.view is not None else None
        text = wire.dumps(envelope)
        for desk in list(self._desks):
            self._enqueue(desk, text)

    def _enqueue(self, desk: _Desk, text: str) -> None:
        if desk.queue.qsize() >= self.queue_limit:
            log.warning("desk %s cannot keep up (%d queued); disconnecting it", desk.name, desk.queue.qsize())
            if desk in self._desks:
                self._desks.remove(desk)
            asyncio.ensure_future(desk.ws.close(CLOSE_TOO_SLOW, "too slow, reconnect"))
            return
        desk.queue.put_nowait(text)

    # ------------------------------------------------------------ connections
    def _desk_for(self, token: str | None) -> str | None:
        if not token:
            return None
        found = None
        for name, expected in self.tokens.items():
            if hmac.compare_digest(expected.encode(), token.encode()):
                found = name
        return found

    async def _handler(self, ws: ServerConnection) -> None:
        token = None
        auth = ws.request.headers.get("Authorization", "") if ws.request else ""
        if auth.lower().startswith("bearer "):
            token = auth[7:].strip()
        if token is None:
            try:
                first = json.loads(await asyncio.wait_for(ws.recv(), HELLO_TIMEOUT_S))
                token = first.get("token") if isinstance(first, dict) and first.get("type") == "hello" else None
            except (TimeoutError, ValueError, ConnectionClosed):
                token = None
        name = self._desk_for(token)
        if name is None:
            log.warning("desk API: refused a connection from %s (bad or missing token)", ws.remote_address)
            await ws.close(CLOSE_BAD_TOKEN, "bad token")
            return
        desk = _Desk(name, ws, asyncio.Queue())
        self._desks.append(desk)
        desk.sender = asyncio.create_task(self._send_loop(desk))
        self._enqueue(desk, wire.dumps({
            "type": "welcome", "desk": name, "version": wire.PROTOCOL_VERSION,
            "methods": sorted(self.methods), "topics": sorted(wire.TOPICS),
            "server_time": datetime.now(UTC).isoformat()}))
        log.info("desk %s connected from %s", name, ws.remote_address)
        try:
            async for raw in ws:
                task = asyncio.create_task(self._call(desk, raw))
                desk.calls.add(task)
                task.add_done_callback(desk.calls.discard)
        except ConnectionClosed:
            pass
        finally:
            if desk in self._desks:
                self._desks.remove(desk)
            if desk.sender is not None:
                desk.sender.cancel()
            for task in list(desk.calls):
                task.cancel()
            log.info("desk %s disconnected", name)

    async def _send_loop(self, desk: _Desk) -> None:
        try:
            while True:
                text = await desk.queue.get()
                await desk.ws.send(text)
                desk.sent += 1
        except (ConnectionClosed, asyncio.CancelledError):
            return

    async def _call(self, desk: _Desk, raw: str | bytes) -> None:
        call_id: Any = None
        try:
            msg = json.loads(raw)
            if not isinstance(msg, dict) or msg.get("type") != "call":
                raise MethodError("bad_request", "expected {\"type\": \"call\", ...}")
            call_id = msg.get("id")
            method = self.methods.get(str(msg.get("method")))
            if method is None:
                raise MethodError("unknown_method", f"no method {msg.get('method')!r}")
            params = msg.get("params") or {}
            if not isinstance(params, dict):
                raise MethodError("bad_request", "params must be an object")
            ctx = CallContext(desk.name, str(params.pop("user", "") or ""))
            result = await method(ctx, params)
            reply: dict[str, Any] = {"type": "result", "id": call_id, "result": wire._plain(result)}
        except MethodError as exc:
            reply = {"type": "error", "id": call_id, "error": {"code": exc.code, "message": str(exc)}}
        except ValueError as exc:
            reply = {"type": "error", "id": call_id, "error": {"code": getattr(exc, "code", "bad_request"),
                                                               "message": str(exc)}}
        except Exception as exc:
            log.exception("desk %s: call failed", desk.name)
            reply = {"type": "error", "id": call_id, "error": {"code": "internal", "message": str(exc)}}
        if desk in self._desks:
            self._enqueue(desk, wire.dumps(reply))

    # ------------------------------------------------------------ built-in methods
    async def _ping(self, ctx: CallContext, params: dict[str, Any]) -> str:
        return "pong"

    async def _list_desks(self, ctx: CallContext, params: dict[str, Any]) -> list[str]:
        return self.desks


def register_alarm_methods(server: DeskApiServer, alarms: AlarmOperations) -> None:
    """Expose the service's alarm operations as ``alarms.*`` (they run on the manager's worker thread).

    Each method reads its named params (docs/desk-api.md), checks their types,
    and calls the typed operation; the caller is ``login@desk`` in the audit
    journal and the alarm's action rows.
    """

    async def done(future: Future[_T]) -> _T:
        try:
            return await asyncio.wrap_future(future)
        except (ValueError, PermissionError) as exc:  # AlarmError and AccessDenied carry a stable code
            raise MethodError(getattr(exc, "code", "bad_request"), str(exc)) from exc

    def alarm_id(params: dict[str, Any]) -> int:
        try:
            return int(params["alarm_id"])
        except (KeyError, TypeError, ValueError) as exc:
            raise MethodError("bad_request", "alarm_id (integer) is required") from exc

    def text(params: dict[str, Any], name: str) -> str:
        return str(params.get(name, ""))

    async def open_alarms(ctx: CallContext, params: dict[str, Any]) -> Any:
        return [wire.to_json(v) for v in alarms.open_views()]

    async def acknowledge(ctx: CallContext, params: dict[str, Any]) -> Any:
        return wire.to_json(await done(alarms.acknowledge(alarm_id(params), ctx.named_user, text(params, "note"))))

    async def shelve(ctx: CallContext, params: dict[str, Any]) -> Any:
        try:
            minutes = float(params["minutes"])
        except (KeyError, TypeError, ValueError) as exc:
            raise MethodError("bad_request", "minutes (number) is required") from exc
        return wire.to_json(await done(alarms.shelve(alarm_id(params), ctx.named_user, timedelta(minutes=minutes),
                                                     text(params, "reason"))))

    async def unshelve(ctx: CallContext, params: dict[str, Any]) -> Any:
        return wire.to_json(await done(alarms.unshelve(alarm_id(params), ctx.named_user)))

    async def close(ctx: CallContext, params: dict[str, Any]) -> Any:
        try:
            resolution = Resolution(text(params, "resolution"))
        except ValueError as exc:
            raise MethodError("bad_request", str(exc)) from exc
        report = None
        if isinstance(params.get("report"), dict):
            try:
                report = wire.build(Report, params["report"])
            except (TypeError, ValueError) as exc:
                raise MethodError("bad_request", f"report: {exc}") from exc
        return wire.to_json(await done(alarms.close(alarm_id(params), ctx.named_user, resolution, text(params, "note"),
                                                    report)))

    async def detail(ctx: CallContext, params: dict[str, Any]) -> Any:
        return wire.to_json(await done(alarms.detail(alarm_id(params), ctx.named_user,
                                                     bool(params.get("with_person", True)))))

    async def handover(ctx: CallContext, params: dict[str, Any]) -> Any:
        return wire.to_json(await done(alarms.handover(ctx.named_user)))

    async def config(ctx: CallContext, params: dict[str, Any]) -> Any:
        c = alarms.config
        return {"escalate_after_s": c.escalate_after_s, "escalate_priorities": sorted(c.escalate_priorities),
                "max_shelve_s": c.max_shelve.total_seconds(), "unshelvable": sorted(c.unshelvable),
                "note_required": sorted(c.note_required), "default_report_to": c.default_report_to}

    async def add_action(ctx: CallContext, params: dict[str, Any]) -> Any:
        return wire.to_json(await done(alarms.add_action(alarm_id(params), ctx.named_user, text(params, "action"),
                                                         text(params, "note"))))

    for name, fn in (("alarms.open", open_alarms), ("alarms.acknowledge", acknowledge), ("alarms.shelve", shelve),
                     ("alarms.unshelve", unshelve), ("alarms.close", close), ("alarms.add_action", add_action),
                     ("alarms.detail", detail), ("alarms.handover", handover), ("alarms.config", config)):
        server.register_method(name, fn)
