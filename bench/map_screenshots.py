"""Screenshots of the map with demo data, for docs/screenshots/map_*.png.

    xvfb-run -a .venv/bin/python bench/map_screenshots.py [--out docs/screenshots]

Seeds a throw-away database with ``arm.demo`` (fictitious persons in Astana and
Almaty), gives everyone positions, a few alarms, a stale and a faulty device,
a track with a violation, and saves what an operator would see.
"""

from __future__ import annotations

import argparse
import math
import os
import random
import sys
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--no-sandbox --disable-gpu")

from maps.scheme import register_schemes


def seed(db, rng: random.Random) -> dict[str, int]:  # type: ignore[no-untyped-def]
    from sqlalchemy import select

    from arm import demo
    from db.models import Alarm, AlarmPriority, Assignment, Device, DeviceEventRow, DeviceType, Person, Position

    now = datetime.now(UTC)
    with db.begin() as s:
        demo.seed(s, persons_per_city=30)
        persons = s.scalars(select(Person).order_by(Person.id)).all()
        evseq = 1
        picks: dict[str, int] = {}
        for i, p in enumerate(persons):
            devs = {d.type: d for d in s.scalars(select(Device).join(Assignment).where(Assignment.person_id == p.id))}
            tracker = next((devs[t] for t in (DeviceType.TRK, DeviceType.MKU, DeviceType.GT06, DeviceType.WATCH)
                            if t in devs), None)
            if tracker is None:
                continue
            away = rng.random() < 0.6
            lat = p.home_lat + (rng.gauss(0, 0.02) if away else rng.gauss(0, 0.0003))
            lon = p.home_lon + (rng.gauss(0, 0.03) if away else rng.gauss(0, 0.0004))
            age = 20 + rng.random() * 60
            if i == 7:
                age = 3 * 3600  # stale, and no communication for hours
                picks["stale"] = p.id
            last_contact = now - timedelta(seconds=age if i == 7 else rng.random() * 30)
            for d in devs.values():
                d.last_contact = last_contact
            ev = DeviceEventRow(device_id=tracker.id, evseq=evseq, time=now - timedelta(seconds=age), received=now,
                                kind="POS", source="serial", fields={"lat": lat, "lon": lon, "fix": 1})
            evseq += 1
            s.add(ev)
            s.flush()
            s.add(Position(device_id=tracker.id, event_id=ev.id, time=now - timedelta(seconds=age), lat=lat, lon=lon,
                           fix=1, sats=9, hdop=0.9, accuracy_m=8 + rng.random() * 30))
            if i in (3, 40, 47):
                s.add(Alarm(person_id=p.id, device_id=tracker.id, kind="curfew", priority=AlarmPriority.HIGH,
                            message="Away from home during curfew", raised_at=now - timedelta(minutes=1)))
                picks.setdefault("alarm", p.id)
            if i in (12, 44):
                s.add(DeviceEventRow(device_id=tracker.id, evseq=evseq, time=now - timedelta(minutes=10),
                                     received=now, kind="FAULT", source="serial",
                                     fields={"code": "E12", "text": "GNSS module fault"}))
                evseq += 1
        # A two-hour track for the alarm person through one of their exclusion zones.
        pid = picks["alarm"]
        person = s.get(Person, pid)
        tracker_id = s.scalars(select(Position.device_id).join(Assignment, Assignment.device_id == Position.device_id)
                               .where(Assignment.person_id == pid)).first()
        start = now - timedelta(hours=2)
        lat0, lon0 = person.home_lat, person.home_lon
        current = s.scalars(select(Position).where(Position.device_id == tracker_id)).one()
        for k in range(120):
            t = start + timedelta(minutes=k)
            a = k / 119
            lat = lat0 + 0.018 * a + 0.002 * math.sin(a * 9)
            lon = lon0 + 0.025 * a + 0.003 * math.cos(a * 7)
            fix = 3 if 40 <= k < 46 else 1
            ev = DeviceEventRow(device_id=tracker_id, evseq=evseq, time=t, received=t, kind="POS", source="serial",
                                fields={})
            evseq += 1
            s.add(ev)
            s.flush()
            s.add(Position(device_id=tracker_id, event_id=ev.id, time=t, lat=lat, lon=lon, fix=fix,
                           sats=4 if 70 <= k < 75 else 9, hdop=0.9, accuracy_m=300 if fix == 3 else 10))
        # the live fix continues the track
        current.lat, current.lon, current.time = lat, lon, now - timedelta(seconds=20)
        s.add(Alarm(person_id=pid, device_id=tracker_id, kind="exclusion_zone", priority=AlarmPriority.HIGH,
                    message="Entered exclusion zone", raised_at=start + timedelta(minutes=88)))
        picks["track"] = pid
    return picks


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(Path(__file__).resolve().parents[1] / "docs" / "screenshots"))
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    register_schemes()
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    _app = QApplication(sys.argv)  # kept alive until the end
    from arm.auth import CurrentUser
    from arm.bus import Bus
    from arm.config import Settings
    from db.session import Database
    from maps.map_view import MapView
    from maps.zone_editor import ZoneEditor
    from widgets.context import AppContext
    from widgets.qt_bridge import QtBridge

    def wait(ms: int) -> None:
        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()

    with tempfile.TemporaryDirectory() as tmp:
        db = Database(f"sqlite:///{tmp}/demo.sqlite3")
        db.upgrade()
        picks = seed(db, random.Random(7))
        bus = Bus()
        ctx = AppContext(db=db, service=None, bus=bus, bridge=QtBridge(bus),
                         user=CurrentUser(id=1, login="supervisor", full_name="Demo Supervisor", role="supervisor"),
                         settings=Settings())
        view = MapView(ctx)
        view.resize(1280, 800)
        view.show()
        wait(4000)
        view.grab().save(str(out / "map_overview.png"))
        view.center_on(43.238, 76.945, 12)
        wait(1500)
        view.grab().save(str(out / "map_city.png"))
        view.focus_person(picks["alarm"])
        wait(2000)
        view.grab().save(str(out / "map_focus.png"))
        view.clear_focus()
        view.focus_person(picks["stale"])
        wait(1500)
        view.grab().save(str(out / "map_stale.png"))
        view.clear_focus()
        now = datetime.now(UTC)
        view.show_track(picks["track"], now - timedelta(hours=2, minutes=5), now)
        wait(2000)
        view.track_panel.set_index(88)
        wait(1200)
        view.grab().save(str(out / "map_track.png"))
        view.track_panel.close_track()
        view.release()
        view.close()

        editor = ZoneEditor(ctx, map_view=None)
        editor.resize(1280, 800)
        editor.show()
        wait(4000)
        editor.map_view.center_on(51.1282, 71.4307, 14)
        wait(500)
        editor.start_new("Polygon")
        editor.map_view.bridge.call("ARM.zones.cancel")
        ring = [[71.4200, 51.1330], [71.4330, 51.1345], [71.4370, 51.1270], [71.4260, 51.1235], [71.4200, 51.1330]]
        editor.name.setText("Пр. Туран: бар «Демо» (exclusion)")
        editor.buffer.setValue(30)
        editor.schedule.setText("Mon-Fri 18:00-06:00; Sat,Sun 00:00-24:00")
        editor.map_view.bridge.call("ARM.zones.edit", {"kind": "exclusion",
                                                       "geometry": {"type": "Polygon", "coordinates": [ring]}})
        wait(2000)
        editor.grab().save(str(out / "map_zone_editor.png"))
        editor.map_view.release()
        ctx.close()
        db.dispose()
    print("screenshots written to", out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
