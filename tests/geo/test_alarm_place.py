"""The address of a curfew/zone violation in the alarm's explanation, from the imported extract."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from arm.alarms.scenario import World, later, local
from arm.geo.importer import run_import
from arm.rules import explain
from arm.rules.conditions import Kind
from arm.rules.seed import circle
from tests.geo.osm_city import HOUSE_40, HOUSE_45, write_city

ASTANA = ZoneInfo("Asia/Almaty")


@pytest.fixture
def world(db, bus, ingest) -> Iterator[World]:
    w = World(db, bus, ingest)
    yield w
    w.close()


def test_zone_alarm_explains_distance_from_home_and_address(world: World, tmp_data_dir: Path,
                                                           tmp_path: Path) -> None:
    run_import(write_city(tmp_path / "astana.osm.pbf"))
    pid = world.seed.person(home=HOUSE_45)  # home on Abai avenue, about 500 m from the violation
    world.seed.kit(pid, "1", ("TRK",))
    zone = world.seed.zone("Victim's house", "exclusion", circle(*HOUSE_40, 100))
    world.seed.restriction(pid, "exclusion_zone", zone_id=zone)
    world.reload()
    t = local(2026, 11, 20, 12, 0)
    world.feed(*[world.fix("TRK-1", later(t, minutes=i), *HOUSE_40) for i in range(2)])
    (alarm,) = [a for a in world.alarms() if a.kind == Kind.EXCLUSION_ZONE]
    why = alarm.details["explanation"]
    assert why["params"]["lat"] == pytest.approx(HOUSE_40[0]) and why["params"]["lon"] == pytest.approx(HOUSE_40[1])
    assert 495 <= why["params"]["home_m"] <= 505
    # English has no name:en here: the default OSM name
    assert explain.text(why, ASTANA) == ("Entered the exclusion zone “Victim's house” at 12:01; "
                                         "500 m from home, near Кенесары көшесі 40, Астана")
    assert explain.place(why["params"], "ru") == "500 м от дома, рядом: улица Кенесары 40, Астана"
    assert explain.place(why["params"], "kk") == "үйден 500 м, маңы: Кенесары көшесі 40, Астана"
