"""The desk API: a WebSocket endpoint through which other desks follow and act.

A desk connects to ``ws://host:port/``, authenticates with its token (header
``Authorization: Bearer <token>`` or a first ``hello`` message), and then must
log a user in (``session.login``: the password is checked here, by
``arm.auth.authenticate``, with its lock-out). Until then it receives nothing
and may call only ``session.login`` and ``ping``. Afterwards every call runs as
that user (an ``arm.auth.CurrentUser``; no call names a user), is audited with
the desk's name, and every live bus message (stored events, device state, alarm
changes, service status) is sent as JSON cut to what the user's role and
districts may see (:mod:`arm.desk_api.visibility`). Methods
(``alarms.acknowledge``...) are registered with
:meth:`DeskApiServer.register_method`. The wire format is in docs/desk-api.md.

Each desk has a bounded outgoing queue; a desk that cannot keep up is
disconnected with code 1013 (it reconnects and reloads) instead of slowing the
service or the other desks. Bus handlers only hand messages to the event loop;
JSON is built once per message on the loop, not on the ingest thread.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import ipaddress
import json
import logging
import ssl
from collections.abc import Awaitable, Callable
from concurrent.futures import Future
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any, TypeVar

from websockets.asyncio.server import Server, ServerConnection, serve
from websockets.exceptions import ConnectionClosed

from arm import audit
from arm.access import AccessDenied
from arm.alarms.api import AlarmOperations
from arm.alarms.journal import Report
from arm.auth import AuthError, CurrentUser, authenticate
from arm.caseload.users import UserInvalid, change_own_password
from arm.desk_api import wire
from arm.desk_api.visibility import Audience, Visibility, audience_of
from arm.events import AlarmChanged
from db.models import Resolution

if TYPE_CHECKING:
    from arm.service import MonitoringService

log = logging.getLogger("arm.desk_api")

HELLO_TIMEOUT_S = 5.0
CLOSE_BAD_TOKEN = 4401
CLOSE_TOO_SLOW = 1013
#: the session's user was disabled or deleted while logged in
CLOSE_USER_GONE = 4403

#: methods a desk may call before a user is logged in
BEFORE_LOGIN = frozenset({"ping", "session.login"})
#: what a user logged in with a temporary password may call before choosing their own
WHILE_CHANGING = frozenset({"ping", "session.login", "session.logout", "session.change_password"})
#: calls not written to the audit journal (they carry no data; the password change audits itself)
NOT_AUDITED = frozenset({"ping", "session.login", "session.logout", "session.change_password"})

_T = TypeVar("_T")


class InsecureBind(ValueError):
    """Plain ws:// on an interface other than loopback, not explicitly allowed."""

    code = "insecure_bind"

    def __init__(self, host: str) -> None:
        super().__init__(
            f"the desk API would listen on {host} without TLS: tokens, passwords and personal data would travel "
            "in clear. Configure a certificate (--desk-api-cert/--desk-api-key, service.desk_api_cert), bind to "
            "127.0.0.1, or allow plain ws:// explicitly (--desk-api-insecure, service.desk_api_allow_plain).")


def is_loopback(host: str) -> bool:
    """Whether ``host`` (an address or ``localhost``) only accepts connections from this machine."""
    if host in ("localhost", "localhost.localdomain"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False  # a host name or "" (every interface): not provably local


class MethodError(Exception):
    """A call failed in a way the desk should show: stable ``code`` + English text."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


@dataclass
class CallContext:
    """Who is calling: the desk (authenticated by token) and the user logged in on it (``session.login``)."""

    desk: str
    user: CurrentUser
    audience: Audience

    @property
    def login(self) -> str:
        return self.user.login


Method = Callable[[CallContext, dict[str, Any]], Awaitable[Any]]


@dataclass
class _Desk:
    name: str
    ws: ServerConnection
    queue: asyncio.Queue[str]
    sender: asyncio.Task[None] | None = None
    calls: set[asyncio.Task[None]] = field(default_factory=set)
    sent: int = 0
    #: the logged-in user; None until ``session.login`` succeeds (the desk then receives nothing)
    user: CurrentUser | None = None
    audience: Audience | None = None
    #: a user whose password is temporary: logged in for ``session.change_password`` only (no data, no call)
    pending: CurrentUser | None = None


class DeskApiServer:
    """MonitoringService component serving the desk API."""

    def __init__(self, port: int, tokens: dict[str, str], host: str = "127.0.0.1", *,
                 queue_limit: int = 10_000, ssl_context: ssl.SSLContext | None = None,
                 allow_plain: bool = False, refresh_s: float = 15.0) -> None:
        if not tokens:
            raise ValueError("the desk API needs at least one desk token (desk-tokens.json or $ARM_DESK_TOKENS)")
        if ssl_context is None and not allow_plain and not is_loopback(host):
            raise InsecureBind(host)
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
        self.refresh_s = refresh_s
        self.visibility: Visibility | None = None
        self._refresher: asyncio.Task[None] | None = None
        self.register_method("ping", self._ping)
        self.register_method("desks", self._list_desks)
        self.register_method("session.login", self._session)
        self.register_method("session.logout", self._session)
        self.register_method("session.change_password", self._session)

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
        self.visibility = Visibility(service.db, self.refresh_s)
        await asyncio.to_thread(self.visibility.refresh)
        self._refresher = asyncio.create_task(self._refresh_loop(), name="arm-desk-visibility")
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
        if self._refresher is not None:
            self._refresher.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self._refresher
            self._refresher = None
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
        """Send ``message`` to each logged-in desk, cut to its user's audience (encoded once per audience)."""
        topic = wire.TOPIC_OF.get(type(message))
        if topic is None or not self._desks or self.visibility is None:
            return
        texts: dict[Audience, str | None] = {}
        for desk in list(self._desks):
            if desk.audience is None:
                continue  # no user logged in: no data
            if desk.audience not in texts:
                texts[desk.audience] = self._encode(topic, self.visibility.filter(desk.audience, message))
            text = texts[desk.audience]
            if text is not None:
                self._enqueue(desk, text)

    def _encode(self, topic: str, message: object | None) -> str | None:
        if message is None:
            return None
        envelope: dict[str, Any] = {"type": "event", "topic": topic, "data": wire.to_json(message)}
        if isinstance(message, AlarmChanged) and self._alarms is not None:
            # the alarm row as the panel shows it (None once closed), carried by the
            # change itself: desks update their cache before they republish the change
            envelope["view"] = wire.to_json(message.view) if message.view is not None else None
        return wire.dumps(envelope)

    async def _refresh_loop(self) -> None:
        """Keep the district map current; end sessions of users disabled or deleted meanwhile."""
        while True:
            await asyncio.sleep(self.refresh_s)
            if self.visibility is None:
                continue
            try:
                await asyncio.to_thread(self.visibility.refresh)
            except Exception:
                log.exception("desk API: could not refresh the district map")
                continue
            for desk in list(self._desks):
                who = desk.user or desk.pending
                if who is not None and not self.visibility.is_active(who.login):
                    log.warning("desk %s: user %s is no longer active; closing the session", desk.name, who.login)
                    desk.user = desk.audience = desk.pending = None
                    asyncio.ensure_future(desk.ws.close(CLOSE_USER_GONE, "user disabled"))

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
            name = str(msg.get("method"))
            if desk.pending is not None and name not in WHILE_CHANGING:
                raise MethodError("password_change_required",
                                  "the password is temporary: choose a new one first (session.change_password)")
            if (desk.user is None or desk.audience is None) and name not in BEFORE_LOGIN \
                    and not (desk.pending is not None and name in WHILE_CHANGING):
                # before a log-in nothing is answered, not even which methods exist
                raise MethodError("login_required", "log a user in first (session.login)")
            method = self.methods.get(name)
            if method is None:
                raise MethodError("unknown_method", f"no method {msg.get('method')!r}")
            params = msg.get("params") or {}
            if not isinstance(params, dict):
                raise MethodError("bad_request", "params must be an object")
            if name == "session.login":
                result = await self._login_call(desk, params)
            elif name == "session.change_password":
                result = await self._change_password_call(desk, params)
            elif desk.pending is not None and name == "session.logout":
                log.info("desk %s: user %s logged out before choosing a password", desk.name, desk.pending.login)
                desk.pending = None
                result = True
            elif desk.user is None or desk.audience is None:
                result = "pong"  # the only other call before a log-in
            else:
                if "user" in params:
                    # an old client naming its user: refused, never trusted (the session's user acts)
                    raise MethodError("bad_request", "calls do not name a user; the logged-in user acts")
                ctx = CallContext(desk.name, desk.user, desk.audience)
                if name not in NOT_AUDITED:
                    await self._audit(ctx, name, params)
                if name == "session.logout":
                    desk.user = desk.audience = None  # at once: later calls already see no user
                    log.info("desk %s: user %s logged out", desk.name, ctx.login)
                    await self._audit(ctx, name, {})
                    result = True
                else:
                    result = await method(ctx, params)
            reply: dict[str, Any] = {"type": "result", "id": call_id, "result": wire._plain(result)}
        except MethodError as exc:
            reply = {"type": "error", "id": call_id, "error": {"code": exc.code, "message": str(exc)}}
        except AuthError as exc:
            reply = {"type": "error", "id": call_id,
                     "error": {"code": f"auth.{exc.code}", "message": str(exc), "field": exc.field}}
        except UserInvalid as exc:  # the password change: each refusal with its form field
            field_name, message = next(iter(exc.errors.items()))
            reply = {"type": "error", "id": call_id,
                     "error": {"code": "user.invalid", "message": message, "field": field_name}}
        except AccessDenied as exc:
            reply = {"type": "error", "id": call_id, "error": {"code": exc.code, "message": str(exc)}}
        except ValueError as exc:
            reply = {"type": "error", "id": call_id, "error": {"code": getattr(exc, "code", "bad_request"),
                                                               "message": str(exc)}}
        except Exception as exc:
            log.exception("desk %s: call failed", desk.name)
            reply = {"type": "error", "id": call_id, "error": {"code": "internal", "message": str(exc)}}
        if desk in self._desks:
            self._enqueue(desk, wire.dumps(reply))

    # ------------------------------------------------------------ sessions
    async def _login_call(self, desk: _Desk, params: dict[str, Any]) -> Any:
        """``session.login``: the password is checked here (argon2id, the same lock-out as the GUI's)."""
        login, password = params.get("login"), params.get("password")
        if not isinstance(login, str) or not isinstance(password, str):
            raise MethodError("bad_request", "login and password (strings) are required")
        assert self.service is not None
        db = self.service.db

        def check() -> CurrentUser:
            session = db.session()
            try:
                try:
                    user = authenticate(session, login, password)
                except AuthError as exc:
                    audit.record(session, login.strip(), "desk_login_failed", "desk", desk.name, desk=desk.name,
                                 code=exc.code)
                    session.commit()  # the failed attempt stays in the journal
                    raise
                audit.record(session, user, "desk_login", "desk", desk.name, desk=desk.name,
                             districts=list(user.districts))
                session.commit()
                return user
            finally:
                session.close()

        if desk.user is not None:  # another log-in on this desk ends the current user's session first
            log.info("desk %s: %s logged out by a new log-in", desk.name, desk.user.login)
        desk.user = desk.audience = desk.pending = None
        user = await asyncio.to_thread(check)
        if user.must_change_password:
            # a temporary password opens nothing but the change: the user's own password comes first
            desk.pending = user
            log.info("desk %s: user %s logged in with a temporary password", desk.name, user.login)
            return {**self._user_reply(user), "personal_data": False, "must_change_password": True}
        desk.user, desk.audience = user, audience_of(user)
        log.info("desk %s: user %s (%s) logged in", desk.name, user.login, user.role)
        return {**self._user_reply(user), "personal_data": desk.audience.personal}

    @staticmethod
    def _user_reply(user: CurrentUser) -> dict[str, Any]:
        return {"login": user.login, "full_name": user.full_name, "role": user.role, "id": user.id,
                "districts": list(user.districts), "must_change_password": user.must_change_password}

    async def _change_password_call(self, desk: _Desk, params: dict[str, Any]) -> Any:
        """``session.change_password``: the logged-in user (or one with a temporary password) sets their own.

        The core checks the old password and the policy and audits the change
        (``arm.caseload.users.change_own_password``); a user who had a
        temporary password is then logged in fully, with their data.
        """
        old, new = params.get("old_password"), params.get("new_password")
        if not isinstance(old, str) or not isinstance(new, str):
            raise MethodError("bad_request", "old_password and new_password (strings) are required")
        who = desk.pending or desk.user
        if who is None:
            raise MethodError("login_required", "log a user in first (session.login)")
        assert self.service is not None
        db = self.service.db

        def change() -> None:
            with db.begin() as session:
                change_own_password(session, who, old, new)

        await asyncio.to_thread(change)
        user = who
        if desk.pending is not None:
            user = replace(desk.pending, must_change_password=False)
            desk.pending = None
            desk.user, desk.audience = user, audience_of(user)
            log.info("desk %s: user %s chose a password and is logged in", desk.name, user.login)
        return {**self._user_reply(user), "personal_data": audience_of(user).personal}

    async def _audit(self, ctx: CallContext, method: str, params: dict[str, Any]) -> None:
        """One audit row per call, as the session's user, with the desk's name."""
        assert self.service is not None
        db = self.service.db
        detail = {f"param_{k}" if k == "action" else k: v for k, v in params.items()
                  if k in ("alarm_id", "with_person", "resolution", "action")}

        def write() -> None:
            with db.begin() as s:
                audit.record(s, ctx.user, "desk_call", "desk_api", method, desk=ctx.desk, **detail)

        await asyncio.to_thread(write)

    # ------------------------------------------------------------ built-in methods
    async def _session(self, ctx: CallContext, params: dict[str, Any]) -> Any:
        """``session.login`` / ``session.logout`` act on the connection (``_call``); listed for the welcome."""
        raise MethodError("bad_request", "handled by the connection")

    async def _ping(self, ctx: CallContext, params: dict[str, Any]) -> str:
        return "pong"

    async def _list_desks(self, ctx: CallContext, params: dict[str, Any]) -> list[str]:
        return self.desks


def register_alarm_methods(server: DeskApiServer, alarms: AlarmOperations) -> None:
    """Expose the service's alarm operations as ``alarms.*`` (they run on the manager's worker thread).

    Each method reads its named params (docs/desk-api.md), checks their types,
    and calls the typed operation as the session's ``CurrentUser`` (the core
    checks role and districts and raises ``AccessDenied``). The desk API itself
    refuses an alarm its user may not see (:mod:`arm.desk_api.visibility`):
    ``denied.alarms`` for a role without personal data, ``denied.district``
    for another district's alarm.
    """

    async def done(future: Future[_T]) -> _T:
        try:
            return await asyncio.wrap_future(future)
        except AccessDenied as exc:
            raise MethodError(exc.code, str(exc)) from exc
        except ValueError as exc:  # AlarmError carries a stable code
            raise MethodError(getattr(exc, "code", "bad_request"), str(exc)) from exc

    def may_handle(ctx: CallContext) -> None:
        if not ctx.audience.personal:
            raise MethodError("denied.alarms", f"The role {ctx.user.role!r} does not handle alarms (personal data).")

    def visible(ctx: CallContext, alarm: int) -> int:
        """The alarm id, if the session's user may see that alarm (unknown ids go on to the core's not_found)."""
        may_handle(ctx)
        visibility = server.visibility
        if visibility is None or ctx.audience.districts is None:
            return alarm
        view = alarms.view(alarm)
        if view is None:
            found = visibility.alarm_of(alarm)
            if found is None:
                return alarm
            person_id, device_id = found
            district = visibility.district_of_alarm(person_id, device_id)
        else:
            district = visibility.district_of_alarm(view.person_id, view.device_id, view.district)
        if not ctx.audience.sees(district):
            raise MethodError("denied.district", f"Alarm {alarm} belongs to a district outside {ctx.login}'s.")
        return alarm

    def alarm_id(ctx: CallContext, params: dict[str, Any]) -> int:
        try:
            number = int(params["alarm_id"])
        except (KeyError, TypeError, ValueError) as exc:
            raise MethodError("bad_request", "alarm_id (integer) is required") from exc
        return visible(ctx, number)

    def text(params: dict[str, Any], name: str) -> str:
        return str(params.get(name, ""))

    async def open_alarms(ctx: CallContext, params: dict[str, Any]) -> Any:
        views = alarms.open_views()
        if server.visibility is not None:
            views = server.visibility.views(ctx.audience, views)
        return [wire.to_json(v) for v in views]

    async def acknowledge(ctx: CallContext, params: dict[str, Any]) -> Any:
        return wire.to_json(await done(alarms.acknowledge(alarm_id(ctx, params), ctx.user, text(params, "note"))))

    async def shelve(ctx: CallContext, params: dict[str, Any]) -> Any:
        try:
            minutes = float(params["minutes"])
        except (KeyError, TypeError, ValueError) as exc:
            raise MethodError("bad_request", "minutes (number) is required") from exc
        return wire.to_json(await done(alarms.shelve(alarm_id(ctx, params), ctx.user, timedelta(minutes=minutes),
                                                     text(params, "reason"))))

    async def unshelve(ctx: CallContext, params: dict[str, Any]) -> Any:
        return wire.to_json(await done(alarms.unshelve(alarm_id(ctx, params), ctx.user)))

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
        return wire.to_json(await done(alarms.close(alarm_id(ctx, params), ctx.user, resolution, text(params, "note"),
                                                    report)))

    async def detail(ctx: CallContext, params: dict[str, Any]) -> Any:
        number = alarm_id(ctx, params)
        with_person = bool(params.get("with_person", ctx.audience.personal))
        if with_person and not ctx.audience.personal:
            raise MethodError("denied.personal_data", f"The role {ctx.user.role!r} may not see personal data.")
        return wire.to_json(await done(alarms.detail(number, ctx.user, with_person)))

    async def handover(ctx: CallContext, params: dict[str, Any]) -> Any:
        may_handle(ctx)
        report = await done(alarms.handover(ctx.user))
        if server.visibility is not None:
            report = server.visibility.handover(ctx.audience, report)
        return wire.to_json(report)

    async def config(ctx: CallContext, params: dict[str, Any]) -> Any:
        c = alarms.config
        return {"escalate_after_s": c.escalate_after_s, "escalate_priorities": sorted(c.escalate_priorities),
                "max_shelve_s": c.max_shelve.total_seconds(), "unshelvable": sorted(c.unshelvable),
                "note_required": sorted(c.note_required), "default_report_to": c.default_report_to}

    async def add_action(ctx: CallContext, params: dict[str, Any]) -> Any:
        return wire.to_json(await done(alarms.add_action(alarm_id(ctx, params), ctx.user, text(params, "action"),
                                                         text(params, "note"))))

    for name, fn in (("alarms.open", open_alarms), ("alarms.acknowledge", acknowledge), ("alarms.shelve", shelve),
                     ("alarms.unshelve", unshelve), ("alarms.close", close), ("alarms.add_action", add_action),
                     ("alarms.detail", detail), ("alarms.handover", handover), ("alarms.config", config)):
        server.register_method(name, fn)
