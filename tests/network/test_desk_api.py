"""The desk API over a real WebSocket, with a real service on SQLite."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed, InvalidHandshake

from arm.alarms.local import LocalAlarmOperations
from arm.alarms.plugin import build as build_alarms
from arm.bus import Bus
from arm.desk_api.client import RemoteError, RemoteService
from arm.desk_api.server import DeskApiServer
from arm.desk_api.tokens import parse_token
from arm.events import AlarmChanged, DeviceStateChanged, EventsStored
from arm.protocols.servers import Gt06Listener
from arm.rules.conditions import ConditionChange, Kind
from arm.service import MonitoringService
from arm.simulate import gt06_device
from arm.simulate.clients import Gt06Client
from db.models import Resolution
from db.session import Database

from .test_servers import HOST, run

TOKENS = {"desk-1": "token-one-123", "desk-2": "token-two-456"}
PASSWORD = "desk-pass-123"


def add_users(db: Database) -> None:
    """The users desks log in as (the service checks their passwords)."""
    from arm import auth

    auth.reset_failures()
    with db.begin() as s:
        for role in ("operator", "supervisor"):
            auth.create_user(s, role, PASSWORD, role)


async def logged_in(remote: RemoteService, login: str = "operator") -> RemoteService:
    await remote.start()
    await remote.login(login, PASSWORD)
    return remote


async def service_with_api(db: Database, alarms: bool = False) -> tuple[MonitoringService, DeskApiServer, Gt06Listener]:
    add_users(db)
    service = MonitoringService(db)
    if alarms:
        runtime = build_alarms(db, service.bus, {"rules_tick": 3600})
        service.add_component(runtime)
        service.alarms = LocalAlarmOperations(runtime.manager)  # type: ignore[attr-defined]
    listener = Gt06Listener(0, HOST)
    api = DeskApiServer(0, TOKENS, HOST)
    service.add_component(listener)
    service.add_component(api)
    await service.start()
    return service, api, listener


def collect(bus: Bus, kind: type) -> list[Any]:
    got: list[Any] = []
    bus.subscribe(kind, got.append)
    return got


async def until(predicate: Any, timeout: float = 5.0) -> None:
    loop = asyncio.get_running_loop()
    end = loop.time() + timeout
    while not predicate():
        if loop.time() > end:
            raise AssertionError("condition not reached in time")
        await asyncio.sleep(0.02)


def test_bad_token_refused(db: Database) -> None:
    async def main() -> None:
        service, api, _ = await service_with_api(db)
        try:
            async with connect(f"ws://{HOST}:{api.port}/") as ws:
                await ws.send(json.dumps({"type": "hello", "token": "wrong-token"}))
                with pytest.raises(ConnectionClosed) as info:
                    await ws.recv()
                assert info.value.rcvd is not None and info.value.rcvd.code == 4401
            async with connect(f"ws://{HOST}:{api.port}/") as ws:  # hello-message login works too
                await ws.send(json.dumps({"type": "hello", "token": TOKENS["desk-2"]}))
                welcome = json.loads(await ws.recv())
                assert welcome["type"] == "welcome" and welcome["desk"] == "desk-2"
                assert "ping" in welcome["methods"]
        finally:
            await service.stop()

    run(main)


def test_remote_service_republishes_live_events(db: Database) -> None:
    async def main() -> None:
        service, api, listener = await service_with_api(db)
        local = Bus()
        events = collect(local, EventsStored)
        states = collect(local, DeviceStateChanged)
        remote = RemoteService(f"ws://{HOST}:{api.port}/", TOKENS["desk-1"], local)
        try:
            await logged_in(remote)
            assert remote.desk == "desk-1"
            assert await remote.call("ping") == "pong"
            assert await remote.call("desks") == ["desk-1"]
            with pytest.raises(RemoteError) as info:
                await remote.call("no.such.method")
            assert info.value.code == "unknown_method"
            client = Gt06Client("864717000000004", HOST, listener.port)
            t = datetime.now(UTC).replace(microsecond=0) - timedelta(minutes=1)
            await client.send_frame(gt06_device.encode_location(t, 51.12, 71.43, 30, 180, 9, True, client.next_serial()))
            await client.close()
            await until(lambda: any(s.event.kind == "POS" for e in events for s in e.events))
            pos = next(s for e in events for s in e.events if s.event.kind == "POS")
            assert pos.event.serial == "864717000000004" and abs(pos.event.fields["lat"] - 51.12) < 1e-5
            assert pos.event.time == t
            await until(lambda: any(s.serial == "864717000000004" for s in states))
        finally:
            await remote.stop()
            await service.stop()

    run(main)


def test_alarm_actions_through_the_api_reach_every_desk(db: Database) -> None:
    async def main() -> None:
        service, api, _ = await service_with_api(db, alarms=True)
        bus1, bus2 = Bus(), Bus()
        seen2 = collect(bus2, AlarmChanged)
        desk1 = RemoteService(f"ws://{HOST}:{api.port}/", TOKENS["desk-1"], bus1)
        desk2 = RemoteService(f"ws://{HOST}:{api.port}/", TOKENS["desk-2"], bus2)
        try:
            await logged_in(desk1, "operator")
            await logged_in(desk2, "supervisor")
            manager = service.alarms.manager  # type: ignore[attr-defined]
            change = ConditionChange(Kind.SOS, None, None, "test", True, datetime.now(UTC), momentary=True)
            await asyncio.wrap_future(manager.submit(manager.apply, [change]))
            await until(lambda: any(a.change == "raised" for a in seen2))
            alarm_id = seen2[-1].alarm_id
            opened = await desk1.call("alarms.open")
            assert [a["id"] for a in opened] == [alarm_id]
            start = asyncio.get_running_loop().time()
            view = await desk1.call("alarms.acknowledge", alarm_id=alarm_id, note="seen")
            assert view["acknowledged"] is True and view["acknowledged_by"] == "operator"  # the session's user
            assert desk_calls(db, "alarms.acknowledge") == [("operator", "desk-1")]  # audited with the desk
            await until(lambda: any(a.change == "acknowledged" for a in seen2), 1.0)
            assert asyncio.get_running_loop().time() - start < 1.0
            with pytest.raises(RemoteError) as info:
                await desk2.call("alarms.acknowledge", alarm_id=alarm_id)
            assert info.value.code == "already_acknowledged"
            with pytest.raises(RemoteError) as info:
                await desk2.call("alarms.shelve", alarm_id=alarm_id, minutes=10, reason="busy")
            assert info.value.code == "not_shelvable"  # SOS may never be shelved
            closed = await desk2.call("alarms.close", alarm_id=alarm_id, resolution="false_alarm", note="test")
            assert closed["state"] == "closed"
            assert await desk1.call("alarms.open") == []
        finally:
            await desk1.stop()
            await desk2.stop()
            await service.stop()
            service.alarms.manager.shutdown()  # type: ignore[attr-defined]

    run(main)


def test_slow_desk_is_dropped_not_the_service(db: Database) -> None:
    async def main() -> None:
        service, api, _ = await service_with_api(db)
        api.queue_limit = 5
        try:
            async with connect(f"ws://{HOST}:{api.port}/",
                               additional_headers={"Authorization": f"Bearer {TOKENS['desk-1']}"}) as ws:
                await ws.recv()  # welcome
                await ws.send(json.dumps({"type": "call", "id": 1, "method": "session.login",
                                          "params": {"login": "operator", "password": PASSWORD}}))
                assert json.loads(await ws.recv())["result"]["login"] == "operator"
                await until(lambda: api.desks == ["desk-1"])
                # flood the bus faster than the queue allows, without reading
                for i in range(200):
                    service.bus.publish(DeviceStateChanged(i, f"S{i}", None, None, ""))
                await until(lambda: api.desks == [])
        finally:
            await service.stop()

    run(main)


def desk_calls(db: Database, method: str) -> list[tuple[str, str]]:
    """(user, desk) of the audit rows of a desk-API method."""
    from sqlalchemy import select

    from db.models import AuditEntry

    with db.session() as s:
        rows = s.execute(select(AuditEntry).where(AuditEntry.action == "desk_call",
                                                  AuditEntry.object_id == method)).scalars()
        return [(r.user, r.detail.get("desk")) for r in rows]


def test_token_parsing() -> None:
    assert parse_token("desk-3=abcdefgh") == ("desk-3", "abcdefgh")
    for bad in ("nodelimiter", "=abcdefgh", "d=short"):
        with pytest.raises(ValueError):
            parse_token(bad)


def test_remote_alarm_manager_has_the_widgets_face(db: Database) -> None:
    """The alarm panel uses ``service.alarms``; on a remote desk that is RemoteAlarmManager."""
    from types import SimpleNamespace

    from arm.alarms.views import AlarmDetail, AlarmView, HandoverReport

    async def main() -> None:
        service, api, _ = await service_with_api(db, alarms=True)
        bus2 = Bus()
        seen2 = collect(bus2, AlarmChanged)
        desk1 = RemoteService(f"ws://{HOST}:{api.port}/", TOKENS["desk-1"], Bus())
        desk2 = RemoteService(f"ws://{HOST}:{api.port}/", TOKENS["desk-2"], bus2)
        try:
            await logged_in(desk1, "operator")
            await logged_in(desk2, "supervisor")
            await until(lambda: desk1.alarms.config.max_shelve.total_seconds() > 0)
            assert "sos" in desk1.alarms.config.unshelvable
            manager = service.alarms.manager  # type: ignore[attr-defined]
            change = ConditionChange(Kind.GNSS_LOST, None, None, "dev-1", True, datetime.now(UTC))
            await asyncio.wrap_future(manager.submit(manager.apply, [change]))
            await until(lambda: len(desk2.alarms.open_views()) == 1)
            view = desk2.alarms.open_views()[0]
            assert isinstance(view, AlarmView) and view.kind == Kind.GNSS_LOST and view.needs_ack
            assert seen2 and desk2.alarms.view(seen2[-1].alarm_id) == view  # cache before publish

            operator = SimpleNamespace(login="operator")  # the GUI passes its CurrentUser
            acked = await asyncio.wrap_future(desk1.alarms.acknowledge(view.id, operator))
            assert isinstance(acked, AlarmView) and acked.acknowledged_by == "operator"  # the session's, not the arg
            await until(lambda: desk2.alarms.view(view.id) is not None and desk2.alarms.view(view.id).acknowledged)
            assert desk2.alarms.unacknowledged_count() == 0
            shelved = await asyncio.wrap_future(
                desk2.alarms.shelve(view.id, operator, timedelta(minutes=15), "patrol on site"))
            assert shelved.state == "shelved" and shelved.shelve_reason == "patrol on site"
            detail = await asyncio.wrap_future(desk1.alarms.detail(view.id, operator, False))
            assert isinstance(detail, AlarmDetail) and detail.alarm.id == view.id
            assert any(a.action == "shelved" for a in detail.actions)
            report = await asyncio.wrap_future(desk1.alarms.handover(operator))
            assert isinstance(report, HandoverReport) and [a.id for a in report.shelved] == [view.id]
            from arm.alarms.journal import Report

            closed = await asyncio.wrap_future(desk2.alarms.close(
                view.id, operator, Resolution.FALSE_ALARM, "antenna replaced", Report("duty officer")))
            assert closed.state == "closed"
            await until(lambda: desk1.alarms.open_views() == [])
            with pytest.raises(RemoteError) as info:
                await asyncio.wrap_future(desk1.alarms.acknowledge(view.id, operator))
            assert info.value.code == "closed"
        finally:
            await desk1.stop()
            await desk2.stop()
            await service.stop()
            service.alarms.manager.shutdown()  # type: ignore[attr-defined]

    run(main)


def test_tokens_file_created_once_and_reused(tmp_data_dir, monkeypatch) -> None:
    from arm.config import Settings
    from arm.desk_api.tokens import server_tokens, stored_tokens, tokens_file

    monkeypatch.delenv("ARM_DESK_TOKENS", raising=False)
    monkeypatch.delenv("ARM_DESK_TOKEN", raising=False)
    first = stored_tokens()
    assert list(first) == ["desk-1"] and len(first["desk-1"]) >= 20
    assert tokens_file().stat().st_mode & 0o077 == 0  # only the service account may read it
    assert stored_tokens() == first
    assert server_tokens(Settings()) == first
    assert server_tokens(Settings().with_overrides({"service.desk_tokens": {"desk-9": "abcdefgh"}})) == {
        "desk-9": "abcdefgh"}


def test_desk_api_over_tls(db: Database, tmp_path) -> None:
    """With a certificate the API is wss://; desks verify it against the centre's CA."""
    import shutil
    import ssl
    import subprocess

    from arm.desk_api.plugin import server_tls

    if shutil.which("openssl") is None:
        pytest.skip("openssl is needed to make a test certificate")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out",
                    str(cert), "-days", "1", "-subj", "/CN=arm-test", "-addext", "subjectAltName=IP:127.0.0.1"],
                   check=True, capture_output=True)

    async def main() -> None:
        add_users(db)
        service = MonitoringService(db)
        api = DeskApiServer(0, TOKENS, HOST, ssl_context=server_tls(str(cert), str(key)))
        service.add_component(api)
        await service.start()
        try:
            desk = RemoteService(f"wss://{HOST}:{api.port}/", TOKENS["desk-1"], Bus(), ca_file=str(cert))
            await desk.start()
            assert await desk.call("ping") == "pong"
            await desk.login("operator", PASSWORD)
            assert await desk.call("ping") == "pong"
            await desk.stop()
            with pytest.raises(ssl.SSLCertVerificationError):  # a desk that does not trust the CA
                async with connect(f"wss://{HOST}:{api.port}/"):
                    pass
            with pytest.raises((OSError, InvalidHandshake, TimeoutError)):  # plain ws:// to a TLS port
                async with connect(f"ws://{HOST}:{api.port}/", open_timeout=2):
                    pass
        finally:
            await service.stop()

    run(main)


def test_typed_operations_round_trip_and_remote_changes_carry_their_row(db: Database) -> None:
    """Every operation of ``AlarmOperations`` through a real WebSocket; each change on the desk's bus has its row."""
    from arm.alarms.views import AlarmView
    from arm.auth import CurrentUser

    async def main() -> None:
        service, api, _ = await service_with_api(db, alarms=True)
        bus = Bus()
        seen = collect(bus, AlarmChanged)
        desk = RemoteService(f"ws://{HOST}:{api.port}/", TOKENS["desk-1"], bus)
        operator = CurrentUser(id=1, login="operator", full_name="Operator", role="operator")
        try:
            await logged_in(desk, "operator")
            manager = service.alarms.manager  # type: ignore[attr-defined]
            change = ConditionChange(Kind.GNSS_LOST, None, None, "dev-2", True, datetime.now(UTC))
            await asyncio.wrap_future(manager.submit(manager.apply, [change]))
            await until(lambda: len(seen) == 1)
            raised = seen[0]
            assert isinstance(raised.view, AlarmView) and raised.view == desk.alarms.view(raised.alarm_id)
            assert raised.view == manager.view(raised.alarm_id)  # the same row as on the service
            alarm_id = raised.alarm_id

            noted = await asyncio.wrap_future(desk.alarms.add_note(alarm_id, operator, "antenna checked"))
            assert noted.notes == 1
            acted = await asyncio.wrap_future(desk.alarms.add_action(alarm_id, operator, "called_person", "no answer"))
            assert acted.notes == 2
            shelved = await asyncio.wrap_future(desk.alarms.shelve(alarm_id, operator, timedelta(minutes=30), "outage"))
            assert shelved.state == "shelved" and desk.alarms.unacknowledged_count() == 0
            unshelved = await asyncio.wrap_future(desk.alarms.unshelve(alarm_id, operator))
            assert unshelved.state == "active" and desk.alarms.unacknowledged_count() == 1
            acked = await asyncio.wrap_future(desk.alarms.acknowledge(alarm_id, operator, "seen"))
            assert acked.acknowledged_by == "operator"
            await until(lambda: [m.change for m in seen][-1] == "acknowledged")
            assert [m.change for m in seen] == ["raised", "note", "called_person", "shelved", "unshelved",
                                                "acknowledged"]
            assert seen[-1].view == acked == desk.alarms.view(alarm_id) == manager.view(alarm_id)
            with pytest.raises(RemoteError) as info:
                await asyncio.wrap_future(desk.alarms.add_action(alarm_id, operator, "drank_tea"))
            assert info.value.code == "bad_action"
            closed = await asyncio.wrap_future(desk.alarms.close(alarm_id, operator, Resolution.TECHNICAL, "fixed"))
            assert closed.state == "closed" and closed.resolution == "technical_fault"
            await until(lambda: seen[-1].change == "closed")
            assert seen[-1].view is None and desk.alarms.open_views() == []
        finally:
            await desk.stop()
            await service.stop()
            service.alarms.manager.shutdown()  # type: ignore[attr-defined]

    run(main)


def test_alarm_change_wire_form_is_unchanged() -> None:
    """The row travels as the envelope's ``view``, not inside the change's ``data`` (docs/desk-api.md)."""
    from arm.alarm_view import AlarmView
    from arm.desk_api import wire

    row = AlarmView(7, "sos", "critical", "active", False, "SOS", datetime(2026, 11, 20, tzinfo=UTC))
    message = AlarmChanged(7, None, None, "sos", "critical", "active", False, "raised", row)
    data = wire.to_json(message)
    assert set(data) == {"alarm_id", "person_id", "device_id", "kind", "priority", "state", "acknowledged", "change"}
    assert wire.from_json("alarm", data) == AlarmChanged(7, None, None, "sos", "critical", "active", False, "raised")
    assert wire.build(AlarmView, wire.to_json(row)) == row


# ---------------------------------------------------------------- tokens and transport security
def test_plain_ws_is_refused_off_loopback_unless_allowed(tmp_path) -> None:
    from arm.desk_api.server import InsecureBind, is_loopback

    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.10") and not is_loopback("")
    with pytest.raises(InsecureBind) as info:
        DeskApiServer(0, TOKENS, "0.0.0.0")
    assert "without TLS" in str(info.value) and "--desk-api-insecure" in str(info.value)
    DeskApiServer(0, TOKENS, "0.0.0.0", allow_plain=True)  # explicitly allowed (a closed network)
    import ssl

    DeskApiServer(0, TOKENS, "0.0.0.0", ssl_context=ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER))  # wss:// anywhere
    DeskApiServer(0, TOKENS, "127.0.0.1")


def _serve(args: list[str], env: dict[str, str], timeout: float = 60) -> Any:
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    return subprocess.run([sys.executable, "-m", "arm", "serve", *args], cwd=root, capture_output=True, text=True,
                          timeout=timeout, env={**os.environ, "PYTHONPATH": str(root), **env})


def test_arm_serve_refuses_plain_lan_binding_and_token_options(tmp_data_dir, db_url) -> None:
    """Real `arm serve` processes: a clear error at start, exit code 2."""
    env = {"ARM_DATA_DIR": str(tmp_data_dir), "ARM_CONFIG_DIR": str(tmp_data_dir / "config"),
           "ARM_DESK_TOKENS": "desk-1=abcdefgh-123"}
    import socket

    with socket.socket() as sock:
        sock.bind((HOST, 0))
        port = str(sock.getsockname()[1])
    lan = _serve(["--db", db_url, "--desk-api", port, "--desk-api-host", "0.0.0.0"], env, timeout=30)
    assert lan.returncode == 2, lan.stdout + lan.stderr
    assert "without TLS" in lan.stderr and "--desk-api-insecure" in lan.stderr
    # a token on the command line is no option any more (ps shows every argument)
    old = _serve(["--db", db_url, "--desk-api", port, "--desk-token", "desk-1=abcdefgh-123"], env, timeout=30)
    assert old.returncode == 2 and "--desk-token" in old.stderr


def test_token_files_must_be_owner_only(tmp_data_dir, monkeypatch) -> None:
    import os

    from arm.config import Settings, config_dir
    from arm.desk_api.tokens import TokenFileError, client_token, server_tokens, stored_tokens, tokens_file

    monkeypatch.delenv("ARM_DESK_TOKENS", raising=False)
    monkeypatch.delenv("ARM_DESK_TOKEN", raising=False)
    stored_tokens()
    os.chmod(tokens_file(), 0o644)
    with pytest.raises(TokenFileError) as info:
        server_tokens(Settings())
    assert info.value.code == "token_file_not_private" and "chmod 600" in str(info.value)
    os.chmod(tokens_file(), 0o600)
    assert server_tokens(Settings())

    # the desk: settings.json (written 0600 by Settings.save) or a token file, refused if others may read it
    settings = Settings()
    settings.service.remote_token = "desk-token-from-settings"
    settings.save()
    assert (config_dir() / "settings.json").stat().st_mode & 0o077 == 0
    assert client_token(Settings.load()) == "desk-token-from-settings"
    os.chmod(config_dir() / "settings.json", 0o640)
    with pytest.raises(TokenFileError):
        client_token(Settings.load())
    token_file = tmp_data_dir / "desk.token"
    token_file.write_text("desk-token-from-file\n")
    os.chmod(token_file, 0o600)
    settings.service.remote_token_file = str(token_file)
    assert client_token(settings) == "desk-token-from-file"
    os.chmod(token_file, 0o604)
    with pytest.raises(TokenFileError):
        client_token(settings)
    # the environment first, for the desk and the service alike
    monkeypatch.setenv("ARM_DESK_TOKEN", "desk-token-from-env")
    assert client_token(settings) == "desk-token-from-env"
    assert server_tokens(Settings())["desk-1"] == "desk-token-from-env"
    monkeypatch.setenv("ARM_DESK_TOKENS", "duty-1=abcdefgh-1,duty-2=abcdefgh-2")
    monkeypatch.delenv("ARM_DESK_TOKEN")
    assert server_tokens(Settings()) == {"duty-1": "abcdefgh-1", "duty-2": "abcdefgh-2"}
