"""The operator's Device status panel shows the serial link's health, live.

Real parts: an emulated ICD home unit on a pseudo-terminal, the real serial
source (SerialManager) inside a MonitoringService with its ingest core, the
Qt bridge and the panel offscreen. The link goes healthy -> degraded (the
emulator corrupts checksums) -> healthy (the window slides past the errors);
a network tracker's row shows its protocol instead.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from arm.config import Settings
from arm.events import utcnow
from arm.service import MonitoringService
from db.models import Device
from serial_drivers import link_health
from serial_drivers.emulator import EmulatedDevice
from serial_drivers.link_health import LinkHealth
from serial_drivers.manager import SerialManager
from serial_drivers.status import SerialPortStatus
from widgets.context import AppContext
from widgets.device_status import WARN_BACKGROUND, DeviceStatusModel, DeviceStatusPanel
from widgets.qt_bridge import QtBridge

pytestmark = pytest.mark.gui
UNIT, TRACKER, BRACELET = "SKU-000417", "868120300123456", "BRC-000417"
#: a short window so "healthy again" takes seconds, not five minutes
WINDOW_S = 2.0


@pytest.fixture
def served(
    qapp: Any, db: Any, bus: Any, technician: Any, emulator: Callable[..., EmulatedDevice], link_dir: Path
) -> Iterator[Any]:
    """A home unit on a pty served by the real serial source of a started MonitoringService."""
    with db.begin() as s:
        s.add(Device(serial=UNIT, type="SKU", status="issued", heartbeat_s=300))
        s.add(Device(serial=TRACKER, type="GT06", status="issued", heartbeat_s=300,
                     last_contact=utcnow() - timedelta(seconds=40)))
        s.add(Device(serial=BRACELET, type="BRC", status="issued", heartbeat_s=300, paired_with=UNIT))
    dev = emulator("SKU", UNIT, rate=15.0, link=str(link_dir / "ttyEM0"))  # a stable name across replugs
    service = MonitoringService(db, bus, Settings())
    manager = SerialManager([dev.port], poll_s=0.1, probe_timeout=0.5)
    service.add_component(manager)
    service.extensions["serial"] = manager
    asyncio.run(service.start())
    ctx = AppContext(db=db, service=service, bus=bus, bridge=QtBridge(bus), user=technician, settings=service.settings)
    try:
        yield dev, ctx
    finally:
        ctx.close()
        asyncio.run(service.stop())


def _row(panel: DeviceStatusPanel, serial: str) -> int:
    return next(i for i, r in enumerate(panel.model.rows()) if r.serial == serial)


def _cell(panel: DeviceStatusPanel, serial: str, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
    return panel.model.index(_row(panel, serial), DeviceStatusModel.LINK).data(role)


def test_link_column_healthy_degraded_healthy(qtbot: Any, served: Any, tmp_path: Path) -> None:
    dev, ctx = served
    panel = DeviceStatusPanel(ctx)
    qtbot.addWidget(panel)
    panel.model.set_link_window(WINDOW_S)
    panel._timer.setInterval(200)  # the window slides on the panel's refresh timer
    panel.resize(1280, 260)
    panel.show()
    qtbot.waitUntil(lambda: panel.model.rowCount() == 3, timeout=5000)
    assert panel.model.headerData(DeviceStatusModel.LINK, Qt.Orientation.Horizontal) == "Link"

    def link() -> Any:
        return panel.model.link_summary(UNIT)

    # healthy: connected, frames flowing, no errors in the window
    qtbot.waitUntil(lambda: link() is not None and link().state == "connected" and link().frames > 5
                    and not link().degraded, timeout=10000)
    text = _cell(panel, UNIT)
    assert text == "● OK · ttyEM0 · connected · 0.0 % errors / 2 s"
    assert _cell(panel, UNIT, Qt.ItemDataRole.BackgroundRole) is None
    assert "Port " in _cell(panel, UNIT, Qt.ItemDataRole.ToolTipRole)

    # the cable goes bad: a third of the lines arrive with a wrong checksum
    dev.faults.bad_checksum = 0.3
    qtbot.waitUntil(lambda: link().degraded and "errors" in link().reasons, timeout=10000)
    text = _cell(panel, UNIT)
    assert text.startswith("▲ Degraded · ") and "last: checksum (CRC) error" in text
    assert _cell(panel, UNIT, Qt.ItemDataRole.BackgroundRole).color().name() == WARN_BACKGROUND
    tip = _cell(panel, UNIT, Qt.ItemDataRole.ToolTipRole)
    assert "Degraded: line errors above 5 % of frames" in tip and "checksum)" in tip
    assert "Last error: checksum (CRC) error" in tip
    qtbot.waitUntil(lambda: "serial links degraded: 1" in panel.summary.text(), timeout=3000)
    # sorted by link: the degraded unit comes before the network tracker
    panel.table.sortByColumn(DeviceStatusModel.LINK, Qt.SortOrder.AscendingOrder)
    assert panel.proxy.index(0, 0).data() == UNIT
    # filtering by the link text finds it
    panel.filter.setText("degraded")
    assert panel.proxy.rowCount() == 1
    panel.filter.setText("")
    panel.table.resizeColumnToContents(DeviceStatusModel.LINK)
    panel.grab().save(str(tmp_path / "device-status-link-degraded.png"))

    # the cable is fixed: once the errors are out of the window the link is healthy again
    dev.faults.bad_checksum = 0.0
    qtbot.waitUntil(lambda: not link().degraded and link().frames > 0, timeout=15000)
    assert _cell(panel, UNIT).startswith("● OK · ")
    assert _cell(panel, UNIT, Qt.ItemDataRole.BackgroundRole) is None

    # unplugged and back: an outage keeps the link degraded for the window, then it is healthy
    dev.unplug(come_back_after=0.3)
    qtbot.waitUntil(lambda: link().outages >= 1, timeout=5000)
    assert "outage" in link().reasons and link().last_error == "lost"
    assert "last: port lost" in _cell(panel, UNIT)
    qtbot.waitUntil(lambda: link().state == "connected", timeout=10000)
    assert link().port_state == "connected" and link().degraded
    qtbot.waitUntil(lambda: not link().degraded, timeout=10000)

    # a network device shows its protocol and last contact, not an empty cell
    tracker = _cell(panel, TRACKER)
    assert tracker.startswith("GT06 / TCP · ") and tracker.endswith("s ago")
    assert "Network device (GT06 / TCP)" in _cell(panel, TRACKER, Qt.ItemDataRole.ToolTipRole)
    # a bracelet has no port of its own: it talks by radio to its unit
    assert _cell(panel, BRACELET) == f"Radio via {UNIT}"


def test_manager_throttles_counter_updates(served: Any, bus: Any) -> None:
    """A busy link (15 events/s plus EACKs) reaches the bus at most about once a second."""
    import time

    seen: list[float] = []
    unsubscribe = bus.subscribe(SerialPortStatus, lambda s: seen.append(time.monotonic()) if s.serial == UNIT else None)
    try:
        time.sleep(2.6)
    finally:
        unsubscribe()
    assert 1 <= len(seen) <= 4


def test_link_health_window_and_replug() -> None:
    """Counters restart with a new session (replug): accumulated, and the outage counts."""
    now = [0.0]
    health = LinkHealth(window_s=300, clock=lambda: now[0])

    def status(state: str, **counters: int) -> SerialPortStatus:
        return SerialPortStatus("/dev/ttyUSB0", "icd", state, serial=UNIT, counters=counters)

    health.update(status("connected", frames=1000, bad_checksum=50))  # history before we watched
    now[0] = 10
    health.update(status("connected", frames=1100, bad_checksum=50, commands=20))
    s = health.summary()
    assert s is not None and s.frames == 100 and s.errors == 0 and not s.degraded
    now[0] = 20
    health.update(status("lost", frames=1100, bad_checksum=50))
    now[0] = 25
    health.update(status("connected", frames=40, commands=3))  # the new session starts at 0
    s = health.summary()
    assert s.frames == 140 and s.errors == 0 and s.outages == 1 and s.reasons == ("outage",)
    assert s.last_error == "lost"
    now[0] = 30
    health.update(status("connected", frames=60, bad_checksum=12, commands=4, retries=1))
    s = health.summary()
    assert s.errors == 12 and s.crc_errors == 12 and "errors" in s.reasons and s.last_error == "bad_checksum"
    # five minutes later, with the link quiet and clean, nothing is held against it
    now[0] = 30 + link_health.WINDOW_S + 1
    s = health.summary()
    assert s.errors == 0 and s.outages == 0 and not s.degraded
