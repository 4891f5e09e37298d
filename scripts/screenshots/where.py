"""Screenshots of "where": the violation journal with addresses and the map's "who was here" tool.

    QTWEBENGINE_CHROMIUM_FLAGS=--no-sandbox xvfb-run -a -s "-screen 0 1366x768x24" \
        .venv/bin/python -m scripts.screenshots.where docs/screenshots --lang kk

A throw-away data directory gets the small synthetic Astana extract of the
tests (``tests/geo/osm_city.py``) imported as the offline map and address
index, three supervised persons with trackers walking near its houses, and
violations whose alarms say where they happened. Writes
``where_journal_<lang>.png``, ``where_near_<lang>.png`` (a circle) and
``where_near_polygon_<lang>.png`` (a concave polygon) at 1366x768.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

SIZE = (1366, 768)
NAMES = [("Әбілқасымов", "Нұрлан", "Өмірұлы"), ("Иванов", "Пётр", "Сергеевич"), ("Қайыржанова", "Ғалия", "Үмітқызы")]


def _settle(app: Any, ctx: Any, seconds: float = 1.0) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        ctx.worker.submit(lambda: None).result(timeout=30)
        app.processEvents()
        time.sleep(0.02)


def _seed(db: Any, now: datetime) -> None:
    from db.integrity import append_chained
    from db.models import (
        Alarm,
        AlarmPriority,
        AlarmState,
        Assignment,
        Device,
        DeviceEventRow,
        DeviceStatus,
        Person,
        Position,
        Resolution,
        Role,
        User,
        ViolationEntry,
    )
    from tests.geo.osm_city import DLAT, DLON, HOUSE_40, HOUSE_45, KENESARY_FAR, LAT0, LON0

    places = [HOUSE_40, HOUSE_45, KENESARY_FAR]
    with db.begin() as s:
        s.add(User(login="nachalnik", full_name="Серікбаев Ә.", role=Role.SUPERVISOR, password_hash="!"))
        for i, (last, first, middle) in enumerate(NAMES):
            p = Person(last_name=last, first_name=first, middle_name=middle, iin=f"90010130{i:04d}",
                       birth_date=date(1990, 1, 1 + i), category="parole", supervision_start=date(2026, 1, 1),
                       registered_on=date(2026, 1, 1), district="Есильский", officer="ст. л-т Серікбаев Ә.",
                       home_lat=LAT0 + 3 * DLAT, home_lon=LON0 + (2 + 3 * i) * DLON, created_at=now)
            d = Device(serial=f"TRK-{100 + i}", type="TRK", status=DeviceStatus.ISSUED, created_at=now,
                       last_contact=now)
            s.add_all([p, d])
            s.flush()
            s.add(Assignment(device_id=d.id, person_id=p.id, issued_at=now - timedelta(days=30), issued_by="tech"))
            lat, lon = places[i]
            for k in range(24):  # a walk along the street over the last two hours, through the place
                t = now - timedelta(minutes=115 - 5 * k)
                flat, flon = lat + (k - 12) * 0.00005, lon + (k - 12) * 0.0002
                ev = DeviceEventRow(device_id=d.id, evseq=k, time=t, received=t, kind="POS", source="serial",
                                    fields={"lat": flat, "lon": flon, "fix": 1})
                s.add(ev)
                s.flush()
                s.add(Position(device_id=d.id, event_id=ev.id, time=t, lat=flat, lon=flon, fix=1, sats=9, hdop=0.9))
            raised = now - timedelta(minutes=60 - 10 * i)
            a = Alarm(person_id=p.id, device_id=d.id, kind="exclusion_zone", priority=AlarmPriority.HIGH,
                      state=AlarmState.CLOSED, acknowledged=True, message="Вход в запретную зону",
                      raised_at=raised, acknowledged_at=raised + timedelta(minutes=2), acknowledged_by="nachalnik",
                      closed_at=raised + timedelta(minutes=20), closed_by="nachalnik",
                      resolution=Resolution.CONFIRMED,
                      details={"explanation": {"code": "exclusion_zone", "params": {"lat": lat, "lon": lon}}})
            s.add(a)
            s.flush()
            append_chained(s, ViolationEntry(
                detected_at=raised, person_id=p.id, device_id=d.id, alarm_id=a.id,
                violation="Вход в запретную зону", detected_by=f"Трекер {d.serial}",
                measures="Звонок подучётному", reported_to="Начальник ОП",
                reported_at=raised + timedelta(minutes=10), operator="nachalnik", recorded_at=raised))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("out", type=Path)
    parser.add_argument("--lang", default="ru")
    args = parser.parse_args()
    data = tempfile.mkdtemp(prefix="arm-where-shot-")
    os.environ["ARM_DATA_DIR"] = data
    os.environ["ARM_CONFIG_DIR"] = str(Path(data) / "config")
    os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--no-sandbox --disable-gpu")
    from widgets import app as arm_app

    arm_app.register_map_schemes()
    app = arm_app.make_application(args.lang)

    from arm.auth import CurrentUser
    from arm.bus import Bus
    from arm.config import Settings
    from arm.geo.importer import run_import
    from db.session import Database
    from tests.geo.osm_city import HOUSE_40, write_city
    from widgets.context import AppContext
    from widgets.qt_bridge import QtBridge

    run_import(write_city(Path(data) / "astana.osm.pbf"))
    db = Database()
    db.upgrade()
    now = datetime.now(UTC).replace(microsecond=0)
    _seed(db, now)
    settings = Settings()
    settings.general.language = args.lang
    user = CurrentUser(1, "nachalnik", "Серікбаев Әлихан", "supervisor", ("Есильский",))
    bus = Bus()
    ctx = AppContext(db=db, service=None, bus=bus, bridge=QtBridge(bus), user=user, settings=settings)
    out = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    try:
        from widgets.journal_view import JournalReview

        review = JournalReview(ctx)
        review.resize(*SIZE)
        review.show()
        review.journal_box.setCurrentIndex(review.journal_box.findData("violations"))
        review.reload()
        _settle(app, ctx, 2)
        review.table.selectRow(0)
        model = review.table.model()
        keys = [c.key for c in review.model.columns]
        review.table.resizeColumnToContents(keys.index("place"))
        review.table.scrollTo(model.index(0, keys.index("place")))
        _settle(app, ctx, 1)
        path = out / f"where_journal_{args.lang}.png"
        review.grab().save(str(path))
        print(f"saved {path}")
        review.close()

        from maps.map_view import MapView

        view = MapView(ctx)
        view.resize(*SIZE)
        view.show()
        _settle(app, ctx, 4)
        panel = view.open_near()
        assert panel is not None
        panel.set_circle(HOUSE_40[0], HOUSE_40[1], 300)
        panel.set_window(now - timedelta(hours=2), now)
        panel.reason.setText("КУИ № 1234 от 07.12.2026")
        panel.search()
        _settle(app, ctx, 3)
        view.center_on(HOUSE_40[0] + 0.001, HOUSE_40[1] + 0.002, 16)
        _settle(app, ctx, 3)
        path = out / f"where_near_{args.lang}.png"
        view.grab().save(str(path))
        print(f"saved {path}")
        # a polygon with a notch along the street: the walks through house 40 and Kenesary, not house 45
        panel.set_polygon([(51.1272, 71.4300), (51.1272, 71.4390), (51.1298, 71.4390), (51.1298, 71.4350),
                           (51.1286, 71.4338), (51.1298, 71.4300)])
        panel.search()
        _settle(app, ctx, 3)
        view.center_on(51.1288, 71.4345, 16)
        _settle(app, ctx, 3)
        path = out / f"where_near_polygon_{args.lang}.png"
        view.grab().save(str(path))
        print(f"saved {path}")
        view.release()
    finally:
        ctx.close()
        db.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
