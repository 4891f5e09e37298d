"""Scripted screenshot of the Device status panel's Link column (real parts, 5-minute window).

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m scripts.screenshots.device_status_link docs/screenshots/device_status_link.png

A throw-away data directory, two emulated ICD units on pseudo-terminals served
by the real SerialManager in a MonitoringService (one on a clean cable, one
whose cable corrupts a quarter of the lines), a bracelet paired to the clean
unit and three network devices; the panel is grabbed once the bad link shows
as degraded.
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
import time
from datetime import date, timedelta


def main(out: str) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["ARM_DATA_DIR"] = tempfile.mkdtemp(prefix="arm-link-shot-")
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from arm import auth
    from arm.bus import Bus
    from arm.config import Settings
    from arm.events import utcnow
    from arm.service import MonitoringService
    from db.models import Assignment, Device, Person
    from db.session import Database
    from serial_drivers.emulator import EmulatedDevice, Faults
    from serial_drivers.manager import SerialManager
    from widgets import i18n
    from widgets.context import AppContext
    from widgets.device_status import DeviceStatusModel, DeviceStatusPanel
    from widgets.qt_bridge import QtBridge

    app = QApplication.instance() or QApplication([])
    i18n.set_language("en")
    db = Database()
    db.upgrade()
    now = utcnow()
    devices = [("SKU-000417", "SKU", None), ("TRK-000001", "TRK", None), ("BRC-102938", "BRC", None),
               ("868120300123456", "GT06", 35), ("WATCH-3G-0042", "WATCH", 140), ("PHONE-0007", "PHONE", 20)]
    names = [("Ахметов", "Серик"), ("Иванова", "Мария"), ("Ахметов", "Серик"), ("Сейтказиев", "Нурлан"),
             ("Ким", "Елена"), ("Жумабаев", "Ержан")]
    with db.begin() as s:
        user = auth.snapshot(auth.create_user(s, "operator1", "correct horse 42", "operator", "Operator"))
        people: dict[str, Person] = {}
        for (serial, kind, age), (last, first) in zip(devices, names, strict=True):
            d = Device(serial=serial, type=kind, status="issued", heartbeat_s=300,
                       paired_with="SKU-000417" if kind == "BRC" else None,
                       last_contact=None if age is None else now - timedelta(seconds=age))
            s.add(d)
            if last not in people:
                people[last] = Person(last_name=last, first_name=first, iin=f"8501013{len(people):05d}",
                                      birth_date=date(1985, 1, 1), category="parole",
                                      supervision_start=date(2026, 1, 10), registered_on=date(2026, 1, 10),
                                      district="Алмалинский", created_at=now)
                s.add(people[last])
            s.flush()
            s.add(Assignment(device_id=d.id, person_id=people[last].id, issued_at=now, issued_by="tech1"))
    clean = EmulatedDevice("SKU", "SKU-000417", rate=2.0, seed=1).start()
    noisy = EmulatedDevice("TRK", "TRK-000001", rate=6.0, seed=2, faults=Faults(bad_checksum=0.25)).start()
    bus = Bus()
    service = MonitoringService(db, bus, Settings())
    manager = SerialManager([clean.port, noisy.port], poll_s=0.2, probe_timeout=0.5)
    service.add_component(manager)
    service.extensions["serial"] = manager
    asyncio.run(service.start())
    ctx = AppContext(db=db, service=service, bus=bus, bridge=QtBridge(bus), user=user, settings=service.settings)
    panel = DeviceStatusPanel(ctx)
    panel.resize(1400, 275)
    panel.show()
    try:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            app.processEvents()
            link = panel.model.link_summary("TRK-000001")
            if link is not None and link.degraded and panel.model.link_summary("SKU-000417") is not None:
                break
            time.sleep(0.05)
        for _ in range(30):  # a few more counter updates, and the summary line
            app.processEvents()
            time.sleep(0.05)
        panel.table.sortByColumn(DeviceStatusModel.LINK, Qt.SortOrder.AscendingOrder)
        for col in range(DeviceStatusModel.LINK + 1):
            panel.table.resizeColumnToContents(col)
        panel.grab().save(out)
        print(f"saved {out}")
    finally:
        ctx.close()
        asyncio.run(service.stop())
        clean.stop()
        noisy.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "device_status_link.png"))
