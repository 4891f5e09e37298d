"""Scripted screenshot of the main window with demo data and live events.

    xvfb-run -a .venv/bin/python -m scripts.screenshots.main_window docs/screenshots/main_window.png

Uses a throw-away data directory, the real demo seed, the real monitoring
service with its plugins (rules and alarms), and feeds device events through
the real ingest core: positions around home, heartbeats, one strap tamper and
one device that went silent, so every panel shows what an operator would see.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

#: network trackers report on their own channel (arm.channels); "sim" is the ICD units' in-process source
NETWORK_SOURCE = {"GT06": "gt06", "WATCH": "watch", "PHONE": "osmand"}


def _events(db: Any) -> list[Any]:
    from sqlalchemy import select

    from arm.events import DeviceEvent
    from db.models import Assignment, Device, Person

    now = datetime.now(UTC)
    out = []
    with db.session() as s:
        rows = s.execute(
            select(Device, Person).join(Assignment, Assignment.device_id == Device.id)
            .join(Person, Person.id == Assignment.person_id).where(Assignment.returned_at.is_(None))
        ).all()
    for i, (device, person) in enumerate(rows):
        if i % 7 == 5:
            continue  # silent: never heard since issue
        age = timedelta(minutes=45) if i % 9 == 4 else timedelta(seconds=20 + 7 * i)
        t = now - age
        kind = device.type
        out.append(DeviceEvent(device.serial, 1000 + i, t, "STAT",
                               {"battery": 95 - (i * 13) % 90, "charging": False, "rssi": -70, "temperature": 31.0},
                               NETWORK_SOURCE.get(str(kind), "sim"), kind))  # each on its own channel
        if kind in ("GT06", "WATCH", "PHONE"):
            continue  # the demo fleet simulator drives these over the network
        if person.home_lat is not None and kind in ("TRK", "MKU"):
            for k in range(3):
                out.append(DeviceEvent(
                    device.serial, 2000 + i * 10 + k, t - timedelta(minutes=3 - k), "POS",
                    {"lat": person.home_lat + 0.001 * k * ((i % 3) - 1), "lon": person.home_lon + 0.0012 * k,
                     "fix": 1, "sats": 9, "hdop": 0.9, "speed_kmh": 3.0, "course": 90.0},
                    "sim", kind))
        if i == 2:
            out.append(DeviceEvent(device.serial, 3000 + i, now - timedelta(seconds=40), "TAMPER",
                                   {"part": "STRAP", "state": "OPEN"}, "sim", kind))
        if i == 8:
            out.append(DeviceEvent(device.serial, 3000 + i, now - timedelta(seconds=90), "POWER",
                                   {"state": "LOW_BATTERY"}, "sim", kind))
    return out


async def _run(out: Path, lang: str, role: str, wait_s: float, card_out: Path | None = None,
               form_out: Path | None = None) -> None:
    from PySide6.QtWidgets import QApplication

    from arm import auth
    from arm.bus import Bus
    from arm.config import Settings
    from widgets.app import build_service, build_window, open_database, seed_demo, start_demo_fleet

    db = open_database(None)
    seed_demo(db)
    settings = Settings()
    settings.general.language = lang
    bus = Bus()
    service = build_service(db, bus, settings, argparse.Namespace(db=None, demo=True, lang=lang))
    await service.start()
    fleet = start_demo_fleet(db, service.settings, service.ingest, serial_dir=service.extensions.get("demo_serial_dir"))
    with db.begin() as s:
        user = auth.authenticate(s, {"administrator": "admin"}.get(role, role), "demo1234")  # the demo logins
    window = build_window(db, bus, service, settings, user)
    window.resize(1920, 1080)
    window.show()
    await asyncio.sleep(1.0)
    await service.ingest.store(_events(db))  # the serial (ICD) devices: as if heard on the line
    await asyncio.sleep(wait_s)
    QApplication.processEvents()
    out.parent.mkdir(parents=True, exist_ok=True)
    window.grab().save(str(out))
    print(f"saved {out}")
    persons = window.panels["persons"]
    if card_out is not None:
        person_id = persons.model.row(2).id
        card = window.open_person_card(person_id)
        for _ in range(40):
            if card.data is not None:
                break
            await asyncio.sleep(0.05)
        card.tabs.setCurrentIndex(1)
        await asyncio.sleep(0.2)
        card.grab().save(str(card_out))
        card.close()
        print(f"saved {card_out}")
    if form_out is not None:
        from datetime import date

        form = window.open_person_edit(None)
        form.set_values({"last_name": "Тестов", "first_name": "", "iin": "900517300123",
                         "birth_date": date(1990, 5, 17), "supervision_start": date(2026, 3, 1),
                         "supervision_end": date(2026, 2, 1), "registered_on": date(2026, 3, 1)})
        form.validate()
        await asyncio.sleep(0.2)
        form.grab().save(str(form_out))
        form.close()
        print(f"saved {form_out}")
    window.close()
    window.ctx.close()
    if fleet is not None:
        fleet.cancel()
        await asyncio.gather(fleet, return_exceptions=True)
    await service.stop()
    db.dispose()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("out", type=Path)
    parser.add_argument("--lang", default="ru")
    parser.add_argument("--role", default="operator")
    parser.add_argument("--wait", type=float, default=6.0)
    parser.add_argument("--card", type=Path, default=None, help="also save a person card here")
    parser.add_argument("--form", type=Path, default=None, help="also save a person form with errors here")
    args = parser.parse_args()
    os.environ["ARM_DATA_DIR"] = tempfile.mkdtemp(prefix="arm-shot-")
    os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--no-sandbox --disable-gpu")
    import qasync

    from widgets import app as arm_app

    arm_app.register_map_schemes()
    application = arm_app.make_application(args.lang)
    application.setQuitOnLastWindowClosed(False)
    loop = qasync.QEventLoop(application)
    asyncio.set_event_loop(loop)
    with loop:
        loop.run_until_complete(_run(args.out.resolve(), args.lang, args.role, args.wait, args.card, args.form))
    return 0


if __name__ == "__main__":
    sys.exit(main())
