"""Device status: live updates through the real ingest core, stale as a state."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import select

from arm.events import DeviceEvent, DeviceStateChanged, EventsStored
from db.models import Device
from tests.gui.conftest import wait_worker
from widgets.device_status import (
    NEVER,
    ONLINE,
    STALE,
    DeviceStatusModel,
    DeviceStatusPanel,
    contact_state,
    format_age,
)
from widgets.qt_bridge import QtBridge


def _row_of(panel: DeviceStatusPanel, serial: str) -> int:
    for i, r in enumerate(panel.model.rows()):
        if r.serial == serial:
            return i
    raise AssertionError(serial)


def test_contact_state_and_age() -> None:
    now = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
    assert contact_state(None, 300, now) == NEVER
    # the rules engine's limit (arm.device_health): 300 s x 2 + 60 s
    assert contact_state(now - timedelta(seconds=660), 300, now) == ONLINE
    assert contact_state(now - timedelta(seconds=661), 300, now) == STALE
    assert format_age(12) == "12 s ago"
    assert format_age(3 * 3600 + 4 * 60) == "3 h 04 min ago"


def test_live_update_from_ingest(qtbot: Any, demo_db: Any, users: dict, make_ctx: Any, ingest: Any) -> None:
    ctx = make_ctx(demo_db, users["technician"])
    panel = DeviceStatusPanel(ctx)
    qtbot.addWidget(panel)
    qtbot.waitUntil(lambda: panel.model.rowCount() > 0, timeout=5000)
    with demo_db.session() as s:
        device = s.scalars(select(Device).where(Device.status == "issued").order_by(Device.id)).first()
    row = _row_of(panel, device.serial)
    assert panel.model.row_state(row) == NEVER
    assert "Never" in panel.model.index(row, DeviceStatusModel.STATUS).data()
    event = DeviceEvent(device.serial, 7, datetime.now(UTC), "STAT", {"battery": 15, "charging": False},
                        "sim", str(device.type))
    with qtbot.waitSignal(ctx.bridge.deviceStateChanged, timeout=5000):
        ingest.submit([event]).result(timeout=5)
    assert panel.model.row_state(row) == ONLINE
    assert panel.model.index(row, DeviceStatusModel.BATTERY).data() == "15 % ▼"
    assert panel.model.index(row, DeviceStatusModel.CONTACT).data().endswith("s ago")
    qtbot.waitUntil(lambda: "1 online" in panel.summary.text(), timeout=2000)


def test_stale_is_its_own_state(qtbot: Any, demo_db: Any, users: dict, make_ctx: Any, bus: Any) -> None:
    ctx = make_ctx(demo_db, users["operator"])
    panel = DeviceStatusPanel(ctx)
    qtbot.addWidget(panel)
    qtbot.waitUntil(lambda: panel.model.rowCount() > 0, timeout=5000)
    r = panel.model.rows()[0]
    bus.publish(DeviceStateChanged(r.id, r.serial, datetime.now(UTC) - timedelta(hours=1), 80, "issued"))
    qtbot.waitUntil(lambda: panel.model.row_state(0) == STALE, timeout=2000)
    status = panel.model.index(0, DeviceStatusModel.STATUS)
    assert "Stale" in status.data() and status.data().startswith("◌")
    assert status.data(panel.model.StateRole) == STALE
    assert status.data(0x0006).italic()  # FontRole: not colour alone
    qtbot.waitUntil(lambda: "1 stale" in panel.summary.text(), timeout=2000)


def test_unknown_device_triggers_a_reload(qtbot: Any, db: Any, users: dict, make_ctx: Any, ingest: Any) -> None:
    ctx = make_ctx(db, users["operator"])
    panel = DeviceStatusPanel(ctx)
    qtbot.addWidget(panel)
    wait_worker(qtbot, ctx)
    assert panel.model.rowCount() == 0
    ingest.submit([DeviceEvent("TRK-555001", 1, datetime.now(UTC), "HB", {}, "serial", "TRK")]).result(timeout=5)
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1, timeout=5000)
    assert panel.model.row_state(0) == "unregistered"
    assert "Unregistered" in panel.model.index(0, DeviceStatusModel.STATUS).data()


def test_bridge_delivers_on_the_gui_thread(qtbot: Any, bus: Any) -> None:
    bridge = QtBridge(bus)
    seen: list[str] = []
    bridge.eventsStored.connect(lambda _m: seen.append(threading.current_thread().name))
    worker = threading.Thread(target=bus.publish, args=(EventsStored(()),), name="ingest-writer")
    worker.start()
    worker.join()
    assert seen == []  # not delivered in the publishing thread
    qtbot.waitUntil(lambda: seen == [threading.main_thread().name], timeout=2000)
    bridge.close()
    bus.publish(EventsStored(()))
    qtbot.wait(20)
    assert len(seen) == 1


def test_a_flood_of_updates_redraws_the_summary_once(
    qtbot: Any, demo_db: Any, users: dict, make_ctx: Any, bus: Any
) -> None:
    ctx = make_ctx(demo_db, users["operator"])
    panel = DeviceStatusPanel(ctx)
    qtbot.addWidget(panel)
    qtbot.waitUntil(lambda: panel.model.rowCount() > 0, timeout=5000)
    counts: list[tuple[int, int]] = []
    panel.countsChanged.connect(lambda online, total: counts.append((online, total)))
    rows = panel.model.rows()
    now = datetime.now(UTC)
    for k in range(500):
        r = rows[k % len(rows)]
        bus.publish(DeviceStateChanged(r.id, r.serial, now, 50 + k % 50, "issued"))
    qtbot.waitUntil(lambda: bool(counts), timeout=3000)
    qtbot.wait(600)
    assert len(counts) <= 2  # not 500
    assert counts[-1] == (len(rows), len(rows))  # every device just reported


def test_a_district_desk_lists_only_its_districts_devices_and_stock(db) -> None:
    """Issue 13: a holder's name is personal data of their district; stock devices stay visible."""
    from arm import demo
    from db.models import Assignment, DeviceStatus, Person
    from widgets.device_status import load_visible_device_rows

    with db.begin() as s:
        demo.seed(s, persons_per_city=2)
        districts = sorted({d for d in s.scalars(select(Person.district)) if d})
        mine = districts[0]
        issued = dict(s.execute(select(Assignment.device_id, Person.district)
                                .join(Person, Person.id == Assignment.person_id)
                                .where(Assignment.returned_at.is_(None))).all())
        stock = Device(serial="BRC-199999", type="BRC", status=DeviceStatus.IN_STOCK)
        s.add(stock)
        s.flush()
        stock_id = stock.id
    with db.session() as s:
        everyone, none_hidden = load_visible_device_rows(s, ())
        rows, hidden = load_visible_device_rows(s, (mine,))
    assert not none_hidden and len(everyone) == len(rows) + len(hidden)
    shown = {r.id for r in rows}
    assert stock_id in shown
    assert hidden == {d for d, district in issued.items() if district != mine} and hidden
    assert all(issued.get(d, mine) == mine for d in shown)


def test_connection_limits_shown_in_the_summary(qtbot: Any, demo_db: Any, users: dict, make_ctx: Any,
                                                bus: Any) -> None:
    """Limit hits of the device listeners (issue 14) reach the panel's summary, in words."""
    from arm.events import ConnectionLimits

    ctx = make_ctx(demo_db, users["operator"])
    panel = DeviceStatusPanel(ctx)
    qtbot.addWidget(panel)
    qtbot.waitUntil(lambda: panel.model.rowCount() > 0, timeout=5000)
    assert "Connection limits" not in panel.summary.text()
    bus.publish(ConnectionLimits((("gt06", "evicted", 20), ("gt06", "idle_timeout", 3), ("osmand", "total", 1))))
    qtbot.waitUntil(lambda: "Connection limits" in panel.summary.text(), timeout=2000)
    text = panel.summary.text()
    assert "GT06 — unidentified connections closed near the limit: 20" in text
    assert "OsmAnd — refused at the connection limit: 1" in text
    assert "silence" not in text  # idle timeouts are routine, not a limit
