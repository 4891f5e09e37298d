"""The GUI with its embedded service follows the OTHER service on the same PostgreSQL.

Service A is built exactly as the GUI builds it (``widgets.app.build_service``,
embedded mode: every plugin configured, the PostgreSQL relay among them) and
feeds real widgets through a real ``QtBridge``: the device status panel, the
alarm panel and the live map (a real QWebEngine page). Service B is a second
``MonitoringService`` configured like ``arm serve`` with a real GT06 listener
and a desk API on 127.0.0.1. A tracker reporting to B must move its person's
marker in A's map and its row in A's device panel within a second; an alarm
raised by B's rules and acknowledged through B's desk API must show as
acknowledged in A's alarm panel within a second; and A's rules engine must
never judge B's events (no alarm twice).

Both services run on one asyncio loop in a worker thread (the core is Qt-free
and publishes from its own threads anyway); the test thread is the GUI thread.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import threading
import time
from collections.abc import Coroutine, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QEvent

from maps.scheme import register_schemes

register_schemes()  # before the QApplication exists, as widgets/app.py does

from sqlalchemy import func, select  # noqa: E402

from arm import demo  # noqa: E402
from arm.auth import CurrentUser  # noqa: E402
from arm.bus import Bus  # noqa: E402
from arm.cli import build_parser  # noqa: E402
from arm.config import Settings  # noqa: E402
from arm.demo import DEMO_PASSWORD  # noqa: E402
from arm.desk_api.client import RemoteService  # noqa: E402
from arm.desk_api.pg_relay import PgRelay  # noqa: E402
from arm.desk_api.wire import RemoteEventsStored  # noqa: E402
from arm.events import AlarmChanged, EventsStored  # noqa: E402
from arm.simulate import gt06_device  # noqa: E402
from arm.simulate.clients import Gt06Client  # noqa: E402
from db.models import Alarm, Assignment, Device, DeviceType  # noqa: E402
from db.session import Database  # noqa: E402
from widgets import app as arm_app  # noqa: E402
from widgets.context import AppContext  # noqa: E402
from widgets.qt_bridge import QtBridge  # noqa: E402

from .conftest import PgServer, free_port  # noqa: E402

pytestmark = [pytest.mark.pg, pytest.mark.gui]
TOKEN_A = "token-desk-a-1"
TOKEN_B = "token-desk-b-2"
PAGE_TIMEOUT_MS = 30_000


class LoopThread:
    """An asyncio loop in a daemon thread: where both monitoring services live."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, name="test-services-loop", daemon=True)
        self.thread.start()

    def submit(self, coro: Coroutine[Any, Any, Any]) -> Any:
        return asyncio.run_coroutine_threadsafe(coro, self.loop)

    def run(self, coro: Coroutine[Any, Any, Any], timeout: float = 60) -> Any:
        return self.submit(coro).result(timeout)

    def close(self) -> None:
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(10)
        self.loop.close()


@dataclass
class Desks:
    url: str
    loop: LoopThread
    db_a: Database
    bus_a: Bus
    service_a: Any
    db_b: Database
    bus_b: Bus
    service_b: Any
    gt06_port: int
    api_a: int
    api_b: int
    imei: str
    device_id: int
    person_id: int


def _tracker(db: Database) -> tuple[str, int, int]:
    """A GT06 tracker of the demo data issued to a person: (IMEI, device id, person id)."""
    with db.session() as s:
        row = s.execute(
            select(Device.serial, Device.id, Assignment.person_id)
            .join(Assignment, Assignment.device_id == Device.id)
            .where(Device.type == DeviceType.GT06, Assignment.returned_at.is_(None))
            .order_by(Device.serial).limit(1)).first()
    assert row is not None, "the demo seed has no GT06 tracker issued to a person"
    return str(row[0]), int(row[1]), int(row[2])


@pytest.fixture(scope="module")
def desks(pg_server: PgServer, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Desks]:
    data = tmp_path_factory.mktemp("gui-desks")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("ARM_DATA_DIR", str(data))
        mp.setenv("ARM_CONFIG_DIR", str(data / "config"))
        mp.setenv("ARM_DESK_TOKENS", f"desk-a={TOKEN_A}")  # A's desk API: the GUI's own setting below
        url = pg_server.create_database("arm_gui_desks")
        db_a = arm_app.open_database(url)
        with db_a.begin() as s:
            demo.seed(s, persons_per_city=2)
        imei, device_id, person_id = _tracker(db_a)
        db_b = Database(url)
        bus_a, bus_b = Bus(), Bus()
        gt06_port, api_a, api_b = free_port(), free_port(), free_port()
        # A: the GUI's own way (embedded mode, its settings, no arguments beyond the database);
        # it also serves remote desks (settings: service.desk_api_port)
        settings_a = Settings()
        settings_a.service.desk_api_port = api_a
        service_a = arm_app.build_service(db_a, bus_a, settings_a, argparse.Namespace(db=url, demo=False, lang="en"))
        # B: like `ARM_DESK_TOKENS=desk-b=... arm serve --gt06 PORT --desk-api PORT`
        mp.setenv("ARM_DESK_TOKENS", f"desk-b={TOKEN_B}")
        service_b = arm_app.build_service(db_b, bus_b, Settings(), build_parser().parse_args([
            "serve", "--gt06", str(gt06_port), "--protocols-host", "127.0.0.1", "--desk-api", str(api_b),
            ]))
        loop = LoopThread()
        try:
            loop.run(service_a.start())
            try:
                loop.run(service_b.start())
                try:
                    yield Desks(url, loop, db_a, bus_a, service_a, db_b, bus_b, service_b, gt06_port, api_a,
                                api_b, imei, device_id, person_id)
                finally:
                    loop.run(service_b.stop())
            finally:
                loop.run(service_a.stop())
        finally:
            loop.close()
            db_a.dispose()
            db_b.dispose()


@pytest.fixture
def ctx_a(desks: Desks, qapp: Any) -> Iterator[AppContext]:
    """A's GUI context, as widgets.app.build_window makes it (a real bridge on A's bus)."""
    user = CurrentUser(id=1, login="operator", full_name="Demo Operator", role="operator")
    ctx = AppContext(db=desks.db_a, service=desks.service_a, bus=desks.bus_a, bridge=QtBridge(desks.bus_a),
                     user=user, settings=Settings())
    yield ctx
    ctx.close()


def _delete_now(widget: Any) -> None:
    """Close and delete a widget now (QtWebEngine pages must go before their profile at exit)."""
    widget.close()
    widget.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def _ids(messages: list[Any], device_id: int) -> set[int]:
    """Ids of the stored events of ``device_id`` in bridge messages."""
    return {s.id for m in messages for s in m.events if s.device_id == device_id}


def _rules(service: Any) -> Any:
    return next(c for c in service.components if c.name == "rules")


def test_the_embedded_gui_service_relays_through_postgresql(desks: Desks) -> None:
    """The GUI's embedded service (built by widgets.app) runs the PostgreSQL relay and the rules."""
    relays = [c for c in desks.service_a.components if isinstance(c, PgRelay)]
    assert len(relays) == 1 and relays[0]._threads and all(t.is_alive() for t in relays[0]._threads)
    assert desks.service_a.running and getattr(desks.service_a, "alarms", None) is not None


def test_a_device_reporting_to_the_other_service_moves_in_this_guis_widgets(
        desks: Desks, ctx_a: AppContext, qtbot: Any) -> None:
    from maps.map_view import MapView
    from widgets.device_status import DeviceStatusPanel

    devices = DeviceStatusPanel(ctx_a)
    qtbot.addWidget(devices)
    qtbot.waitUntil(lambda: any(r.id == desks.device_id for r in devices.model.rows()), timeout=10_000)
    map_view = MapView(ctx_a)  # deleted at the end (_delete_now)
    map_view.resize(900, 650)
    try:
        with qtbot.waitSignal(map_view.ready, timeout=PAGE_TIMEOUT_MS):
            map_view.show()
        qtbot.waitUntil(lambda: map_view._loaded and desks.person_id in map_view.model.by_person, timeout=10_000)

        remote_on_a: list[RemoteEventsStored] = []
        local_on_a: list[EventsStored] = []
        stored_on_b: list[float] = []
        unsubscribe = [
            desks.bus_a.subscribe(RemoteEventsStored, remote_on_a.append),
            desks.bus_a.subscribe(EventsStored, local_on_a.append),
            desks.bus_b.subscribe(EventsStored, lambda m: stored_on_b.append(time.monotonic())
                                  if any(s.device_id == desks.device_id for s in m.events) else None),
        ]
        # what widgets get: from A's own bridge, and from the bridge of a remote desk of A
        # (a GUI in remote mode: RemoteService over A's desk API, its own bus and bridge)
        embedded_seen: list[Any] = []
        ctx_a.bridge.eventsStored.connect(embedded_seen.append)
        remote_bus = Bus()
        remote_bridge = QtBridge(remote_bus)
        remote_seen: list[Any] = []
        remote_bridge.eventsStored.connect(remote_seen.append)
        desk_a = RemoteService(f"ws://127.0.0.1:{desks.api_a}/", TOKEN_A, remote_bus)
        desks.loop.run(desk_a.start())
        desks.loop.run(desk_a.login("operator", DEMO_PASSWORD))
        rules_a = _rules(desks.service_a)
        batches_before = rules_a.batches
        lat, lon = 43.2567, 76.9286  # a point in Almaty no demo fix is at
        t = datetime.now(UTC).replace(microsecond=0) - timedelta(seconds=2)
        tracker = Gt06Client(desks.imei, "127.0.0.1", desks.gt06_port)
        try:
            desks.loop.run(tracker.send_frame(gt06_device.encode_location(t, lat, lon, 3.0, 90.0, 9, True,
                                                                   tracker.next_serial())), 30)

            def on_map() -> bool:
                live = map_view.model.by_person[desks.person_id]
                return live.lat == pytest.approx(lat, abs=1e-4) and live.lon == pytest.approx(lon, abs=1e-4)

            def on_panel() -> bool:
                row = next(r for r in devices.model.rows() if r.id == desks.device_id)
                return row.last_contact is not None and row.last_contact >= t

            qtbot.waitUntil(lambda: bool(stored_on_b), timeout=10_000)
            qtbot.waitUntil(lambda: on_map() and on_panel(), timeout=5_000)
            shown = time.monotonic()
            qtbot.waitUntil(lambda: bool(_ids(remote_seen, desks.device_id)), timeout=5_000)
        finally:
            desks.loop.run(tracker.close())
            desks.loop.run(desk_a.stop())
            remote_bridge.close()
            for u in unsubscribe:
                u()
        assert shown - stored_on_b[0] < 1.0, f"B stored the fix, A's widgets showed it {shown - stored_on_b[0]:.3f} s later"
        # the page itself drew the marker there (through the map's web bridge)
        box: list[Any] = []

        def marker() -> Any:
            box.clear()
            map_view.bridge.evaluate(f"JSON.stringify(ARM.live.get({desks.person_id}))", box.append)
            qtbot.waitUntil(lambda: bool(box), timeout=10_000)
            return json.loads(box[0]) if box[0] else None

        qtbot.waitUntil(lambda: (m := marker()) is not None and m["lat"] == pytest.approx(lat, abs=1e-4),
                        timeout=10_000)
        # it came as a remote event on A's bus, never as A's own: A's rules engine did not judge it
        assert any(s.device_id == desks.device_id for m in remote_on_a for s in m.events)
        assert not any(s.device_id == desks.device_id for m in local_on_a for s in m.events)
        assert rules_a.batches == batches_before
        # both paths hand widgets the same message: an EventsStored with the same stored rows
        assert _ids(embedded_seen, desks.device_id) == _ids(remote_seen, desks.device_id) != set()
        assert {type(m) for m in embedded_seen + remote_seen} == {EventsStored}
    finally:
        map_view.release()
        _delete_now(map_view)


def test_an_alarm_acknowledged_through_the_other_services_desk_api_shows_here(
        desks: Desks, ctx_a: AppContext, qtbot: Any) -> None:
    from widgets.alarm_panel import AlarmPanel

    panel = AlarmPanel(ctx_a, sound=False)
    raised_on_b: list[AlarmChanged] = []
    unsubscribe = desks.bus_b.subscribe(
        AlarmChanged, lambda m: raised_on_b.append(m) if m.kind == "sos" and m.change == "raised" else None)
    desk_b = RemoteService(f"ws://127.0.0.1:{desks.api_b}/", TOKEN_B, Bus())
    tracker = Gt06Client(desks.imei, "127.0.0.1", desks.gt06_port)
    try:
        desks.loop.run(desk_b.start())
        desks.loop.run(desk_b.login("supervisor", DEMO_PASSWORD))
        t = datetime.now(UTC).replace(microsecond=0) - timedelta(seconds=2)
        desks.loop.run(tracker.send_frame(gt06_device.encode_alarm(t, 43.25, 76.93, 0x01, tracker.next_serial())), 30)
        qtbot.waitUntil(lambda: bool(raised_on_b), timeout=10_000)
        alarm_id = raised_on_b[0].alarm_id
        # raised by B's rules, shown in A's panel
        qtbot.waitUntil(lambda: panel.model.view(alarm_id) is not None, timeout=2_000)
        assert not panel.model.view(alarm_id).acknowledged

        start = time.monotonic()
        ack = desks.loop.submit(desk_b.call("alarms.acknowledge", alarm_id=alarm_id, note="calling the person"))
        qtbot.waitUntil(lambda: (v := panel.model.view(alarm_id)) is not None and v.acknowledged, timeout=5_000)
        shown = time.monotonic()
        assert ack.result(10)["acknowledged_by"] == "supervisor"  # the user logged in on desk B
        assert shown - start < 1.0, f"the acknowledgement took {shown - start:.3f} s to reach A's panel"
        assert "supervisor" == str(panel.model.view(alarm_id).acknowledged_by)
        # A's rules never saw B's SOS event: exactly one SOS alarm for the tracker
        with desks.db_a.session() as s:
            count = s.scalar(select(func.count()).select_from(Alarm).where(
                Alarm.device_id == desks.device_id, Alarm.kind == "sos"))
        assert count == 1
    finally:
        unsubscribe()
        desks.loop.run(tracker.close())
        desks.loop.run(desk_b.stop())
        _delete_now(panel)


def test_the_bridge_gives_widgets_remote_events_as_events_stored(qapp: Any, qtbot: Any) -> None:
    """Unit check of the mapping, the same shape a remote desk gets over the desk API."""
    from arm.events import DeviceEvent, StoredEvent

    bus = Bus()
    bridge = QtBridge(bus)
    now = datetime.now(UTC)
    stored = StoredEvent(7, 3, 11, DeviceEvent("X1", 11, now, "POS", {"lat": 1.0, "lon": 2.0}), now)
    try:
        with qtbot.waitSignal(bridge.eventsStored, timeout=2_000) as got:
            bus.publish(RemoteEventsStored((stored,)))
        assert type(got.args[0]) is EventsStored and got.args[0].events == (stored,)
    finally:
        bridge.close()
