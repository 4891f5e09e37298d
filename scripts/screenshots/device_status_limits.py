"""Scripted screenshot of the Device status panel's connection-limit line (issue 14).

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m scripts.screenshots.device_status_limits OUT.png --lang kk

A throw-away data directory with three network devices; the real GT06 listener
of a MonitoringService (small limits: 8 connections, 4 per address) takes a
storm of silent connections and a tracker that logs in, and the limit counts
reach the panel through the bus and the Qt bridge (LimitsReporter).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
import threading
import time
from datetime import timedelta


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("--lang", default="ru")
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["ARM_DATA_DIR"] = tempfile.mkdtemp(prefix="arm-limits-shot-")
    from PySide6.QtWidgets import QApplication

    from arm import auth
    from arm.bus import Bus
    from arm.config import Settings
    from arm.events import utcnow
    from arm.protocols.limits import Limits, LimitsReporter
    from arm.protocols.servers import Gt06Listener
    from arm.service import MonitoringService
    from arm.simulate import gt06_device
    from db.models import Device
    from db.session import Database
    from widgets import i18n
    from widgets.context import AppContext
    from widgets.device_status import DeviceStatusPanel
    from widgets.qt_bridge import QtBridge

    app = QApplication.instance() or QApplication([])
    i18n.set_language(args.lang)
    db = Database()
    db.upgrade()
    now = utcnow()
    with db.begin() as s:
        user = auth.snapshot(auth.create_user(s, "operator1", "correct horse 42", "operator", "Operator"))
        for serial, kind, age in (("868120300123456", "GT06", 35), ("WATCH-3G-0042", "WATCH", 140),
                                  ("PHONE-0007", "PHONE", 20)):
            s.add(Device(serial=serial, type=kind, status="issued", heartbeat_s=300,
                         last_contact=now - timedelta(seconds=age)))
    bus = Bus()
    service = MonitoringService(db, bus, Settings())
    listener = Gt06Listener(0, "127.0.0.1", limits=Limits(max_connections=8, max_per_peer=4, reserve=1,
                                                          identify_timeout_s=1.0))
    service.add_component(listener)
    service.add_component(LimitsReporter([listener], period_s=0.2))
    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()
    asyncio.run_coroutine_threadsafe(service.start(), loop).result(30)
    ctx = AppContext(db=db, service=service, bus=bus, bridge=QtBridge(bus), user=user, settings=service.settings)
    panel = DeviceStatusPanel(ctx)
    panel.resize(1000, 260)
    panel.show()

    async def storm() -> None:
        conns = [await asyncio.open_connection("127.0.0.1", listener.port) for _ in range(12)]
        _r, w = await asyncio.open_connection("127.0.0.1", listener.port)
        w.write(gt06_device.encode_login("868120300123456", 1))
        await asyncio.sleep(1.6)  # past the identify deadline
        for _r2, w2 in conns:
            w2.close()
        w.close()

    try:
        asyncio.run_coroutine_threadsafe(storm(), loop).result(30)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and "\n" not in panel.summary.text():
            app.processEvents()
            time.sleep(0.05)
        for _ in range(10):
            app.processEvents()
            time.sleep(0.05)
        panel.grab().save(args.out)
        print(f"saved {args.out}: {panel.summary.text()!r}")
    finally:
        ctx.close()
        asyncio.run_coroutine_threadsafe(service.stop(), loop).result(30)
        loop.call_soon_threadsafe(loop.stop)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
