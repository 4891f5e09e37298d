"""Screenshots of the imported OSM basemap and the country view, for docs/screenshots/map_basemap_*.png.

    xvfb-run -a .venv/bin/python bench/map_basemap_screenshots.py [--out docs/screenshots] [--lang ru|kk]

Writes a synthetic OSM extract of a district of Astana with pyosmium (named
streets in Kazakh and Russian, addressed buildings, a river, a park, a railway),
imports it with the real ``arm map import`` machinery into a throw-away data
directory, places live persons in it and saves:

* ``map_basemap_city_<lang>.png``: street zoom with live markers and the tooltip
  (address + coordinates) of one of them;
* ``map_country_<lang>.png``: the whole country on the regions layer with the
  shipped settlements and main rivers (no import needed for these);
* ``map_region_<lang>.png``: the same at region zoom (7), Pavlodar and Semey on the Irtysh.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--no-sandbox --disable-gpu")

import osmium

from maps.scheme import register_schemes

LAT0, LON0 = 51.1240, 71.4200
DLAT, DLON = 0.0011, 0.0016  # one block ~ 120 m x 110 m
EW = [("Кенесары көшесі", "улица Кенесары"), ("Бейбітшілік көшесі", "улица Бейбитшилик"),
      ("Абай даңғылы", "проспект Абая"), ("Сейфуллин көшесі", "улица Сейфуллина"),
      ("Жеңіс даңғылы", "проспект Победы"), ("Иманов көшесі", "улица Иманова")]
NS = [("Республика даңғылы", "проспект Республики"), ("Желтоқсан көшесі", "улица Желтоксан"),
      ("Бөгенбай батыр даңғылы", "проспект Богенбай батыра"), ("Ш. Уәлиханов көшесі", "улица Ш. Уалиханова"),
      ("Сарыарқа даңғылы", "проспект Сарыарка"), ("Пушкин көшесі", "улица Пушкина"),
      ("Мәскеу көшесі", "улица Московская")]


def write_district(path: Path) -> None:
    nid = wid = 0
    nodes: list[osmium.osm.mutable.Node] = []
    ways: list[osmium.osm.mutable.Way] = []

    def node(lat: float, lon: float, tags: dict[str, str] | None = None) -> int:
        nonlocal nid
        nid += 1
        nodes.append(osmium.osm.mutable.Node(id=nid, location=(lon, lat), tags=tags or {}, version=1))
        return nid

    def way(refs: list[int], tags: dict[str, str]) -> None:
        nonlocal wid
        wid += 1
        ways.append(osmium.osm.mutable.Way(id=wid, nodes=refs, tags=tags, version=1))

    node(51.1605, 71.4704, {"place": "city", "name": "Астана", "name:kk": "Астана", "name:ru": "Астана",
                            "population": "1350228"})
    grid = {(i, j): node(LAT0 + i * DLAT, LON0 + j * DLON) for i in range(len(EW)) for j in range(len(NS))}
    for i, (kk, ru) in enumerate(EW):
        way([grid[(i, j)] for j in range(len(NS))], {"highway": "primary" if i in (2, 4) else "residential",
                                                       "name": kk, "name:kk": kk, "name:ru": ru})
    for j, (kk, ru) in enumerate(NS):
        way([grid[(i, j)] for i in range(len(EW))], {"highway": "secondary" if j in (0, 2, 4) else "residential",
                                                       "name": kk, "name:kk": kk, "name:ru": ru})
    for i in range(len(EW) - 1):
        for j in range(len(NS) - 1):
            if (i, j) == (1, 4):
                ring = [node(LAT0 + (i + fy) * DLAT, LON0 + (j + fx) * DLON)
                        for fy, fx in ((0.15, 0.1), (0.15, 0.9), (0.85, 0.9), (0.85, 0.1))]
                way(ring + ring[:1], {"leisure": "park", "name": "Саябақ"})
                continue
            for k in range(4):  # four houses on the south street of the block, numbered along it
                la = LAT0 + (i + 0.28) * DLAT
                lo = LON0 + (j + 0.14 + 0.21 * k) * DLON
                hw, hh = 0.075 * DLON, 0.16 * DLAT
                ring = [node(la - hh, lo - hw), node(la - hh, lo + hw), node(la + hh, lo + hw), node(la + hh, lo - hw)]
                way(ring + ring[:1], {"building": "apartments", "addr:street": EW[i][0],
                                      "addr:housenumber": str(2 * (j * 4 + k) + 1)})
    river = [node(LAT0 - 0.0035 + 0.0006 * ((j % 3) - 1), LON0 - 0.002 + j * DLON * 0.5) for j in range(15)]
    way(river, {"waterway": "river", "name": "Есіл", "name:kk": "Есіл", "name:ru": "Ишим"})
    rail = [node(LAT0 + (len(EW) - 1) * DLAT + 0.0016, LON0 - 0.002 + j * DLON) for j in range(8)]
    way(rail, {"railway": "rail"})
    writer = osmium.SimpleWriter(str(path))
    try:
        for n in nodes:
            writer.add_node(n)
        for w in ways:
            writer.add_way(w)
    finally:
        writer.close()


def seed_persons(db) -> list[int]:  # type: ignore[no-untyped-def]
    from db.models import Assignment, Device, DeviceEventRow, DeviceType, Person, Position

    now = datetime.now(UTC)
    spots = [(1.28, 1.35, "Ахметов", "Ержан"), (3.5, 4.0, "Иванов", "Сергей"), (2.9, 2.3, "Сейтқали", "Асель"),
             (0.7, 5.2, "Омаров", "Даурен"), (4.3, 0.6, "Ким", "Виктор")]
    ids = []
    with db.begin() as s:
        for i, (fi, fj, last, first) in enumerate(spots):
            lat, lon = LAT0 + fi * DLAT, LON0 + fj * DLON
            p = Person(last_name=last, first_name=first, middle_name="", iin=f"{850101300000 + i}",
                       birth_date=date(1985, 1, 1), category="parole", supervision_start=date(2026, 1, 1),
                       registered_on=date(2026, 1, 1), home_lat=lat + 0.0004, home_lon=lon, home_radius_m=50,
                       created_at=now)
            d = Device(serial=f"TRK{i:06d}", type=DeviceType.TRK, created_at=now, last_contact=now)
            s.add_all([p, d])
            s.flush()
            s.add(Assignment(device_id=d.id, person_id=p.id, issued_at=now - timedelta(days=30), issued_by="tech"))
            ev = DeviceEventRow(device_id=d.id, evseq=1, time=now - timedelta(seconds=20), received=now, kind="POS",
                                source="serial", fields={"lat": lat, "lon": lon, "fix": 1})
            s.add(ev)
            s.flush()
            s.add(Position(device_id=d.id, event_id=ev.id, time=now - timedelta(seconds=20), lat=lat, lon=lon,
                           fix=1, sats=9, hdop=0.9, accuracy_m=10.0))
            ids.append(p.id)
    return ids


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(Path(__file__).resolve().parents[1] / "docs" / "screenshots"))
    parser.add_argument("--lang", default="ru", choices=["ru", "kk"])
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    tmp = tempfile.mkdtemp(prefix="arm-map-shots-")
    os.environ["ARM_DATA_DIR"] = tmp
    os.environ["ARM_CONFIG_DIR"] = str(Path(tmp) / "config")
    register_schemes()
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    _app = QApplication(sys.argv)
    from widgets import i18n

    i18n.set_language(args.lang)
    from arm.auth import CurrentUser
    from arm.bus import Bus
    from arm.config import Settings
    from arm.geo.importer import run_import
    from db.session import Database
    from maps.map_view import MapView
    from widgets.context import AppContext
    from widgets.qt_bridge import QtBridge

    def wait(ms: int) -> None:
        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()

    src = Path(tmp) / "astana.osm.pbf"
    write_district(src)
    run_import(src)
    db = Database(f"sqlite:///{tmp}/demo.sqlite3")
    db.upgrade()
    ids = seed_persons(db)
    bus = Bus()
    ctx = AppContext(db=db, service=None, bus=bus, bridge=QtBridge(bus),
                     user=CurrentUser(id=1, login="operator", full_name="Demo Operator", role="operator"),
                     settings=Settings())
    view = MapView(ctx)
    view.resize(1280, 800)
    view.show()
    wait(4000)
    view.center_on(LAT0 + 2.2 * DLAT, LON0 + 2.6 * DLON, 17)
    wait(3000)
    box: list[object] = []
    view.bridge.evaluate(f"JSON.stringify(ARM.live.screenPoint({ids[0]}))", box.append)
    wait(500)
    import json

    x, y = json.loads(str(box[0]))
    view.bridge.call("ARM.send", "addressWanted", ids[0], LAT0 + 1.28 * DLAT, LON0 + 1.35 * DLON)
    hover = ("(function(){ const c = document.querySelector('.leaflet-container'); const r = c.getBoundingClientRect();"
             f" c.dispatchEvent(new MouseEvent('mousemove', {{clientX: r.left + {x}, clientY: r.top + {y},"
             " bubbles: true})); return true; })()")
    view.bridge.evaluate(hover, lambda _r: None)
    wait(800)
    view.bridge.evaluate(hover, lambda _r: None)
    wait(1200)
    view.grab().save(str(out / f"map_basemap_city_{args.lang}.png"))
    view.bridge.evaluate("(function(){ const c = document.querySelector('.leaflet-container');"
                         " c.dispatchEvent(new MouseEvent('mousemove', {clientX: 5, clientY: 790, bubbles: true}));"
                         " return true; })()", lambda _r: None)
    view.choose_base_layer("regions")
    view.center_on(48.2, 67.0, 5)
    wait(3000)
    view.grab().save(str(out / f"map_country_{args.lang}.png"))
    view.center_on(51.6, 77.6, 7)  # a region: the Irtysh from Semey past Pavlodar, the shipped rivers
    wait(2000)
    view.grab().save(str(out / f"map_region_{args.lang}.png"))
    view.release()
    view.close()
    ctx.close()
    db.dispose()
    print("screenshots written to", out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
