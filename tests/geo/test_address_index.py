"""Reverse geocoding and search on an index built from a real (small) OSM extract."""

from __future__ import annotations

from pathlib import Path

import pytest

from arm import geo
from arm.geo.build import BuildError, build_index
from arm.geo.index import AddressIndex
from arm.geo.names import fold, split_query
from tests.geo.osm_city import HOUSE_40, HOUSE_45, KENESARY_FAR, write_city


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> AddressIndex:
    folder = tmp_path_factory.mktemp("geo")
    counts = build_index(write_city(folder / "city.osm.pbf"), folder / "address.sqlite")
    # each street is two OSM ways; merged into one street per settlement
    assert counts == {"streets": 2, "houses": 4, "places": 1, "nodes": counts["nodes"]}
    return AddressIndex(folder / "address.sqlite")


def test_fold_makes_alphabets_meet() -> None:
    assert fold("Кенесары") == fold("Kenesary") == fold("Kenessary")
    assert fold("Абая") == fold("Abaya")
    assert fold("Абай") == fold("Abai") == fold("Abay")
    assert fold("Құнаев") == fold("Qunaev") == fold("Кунаев")
    assert split_query("ул. Кенесары, 40А") == (["kenesari"], "40a")
    assert split_query("8 Марта 12") == (["8", "marta"], "12")


def test_house_in_the_readers_language(index: AddressIndex) -> None:
    ru = index.where(*HOUSE_40, lang="ru")
    assert (ru.street, ru.house, ru.settlement) == ("улица Кенесары", "40", "Астана")
    assert ru.distance_m is not None and ru.distance_m < 5
    kk = index.where(*HOUSE_45, lang="kk")
    assert (kk.street, kk.house, kk.settlement) == ("Абай даңғылы", "45", "Астана")
    assert geo.format_address(ru, "ru") == "улица Кенесары 40, Астана"


def test_no_house_near_gives_distance_to_street(index: AddressIndex) -> None:
    addr = index.where(*KENESARY_FAR, lang="ru")
    assert addr.house is None and addr.street == "улица Кенесары"
    assert addr.distance_m is not None and 80 < addr.distance_m < 95  # 0.0008° of latitude = 89 m
    assert geo.format_address(addr, "ru") == "89 м от: улица Кенесары, Астана"
    assert geo.format_address(addr, "en") == "89 m from улица Кенесары, Астана"


def test_far_from_everything(index: AddressIndex) -> None:
    addr = index.where(43.0, 77.0)
    assert addr.street is None and addr.house is None and addr.settlement is None
    assert geo.format_address(addr) is None


@pytest.mark.parametrize("text", ["Кенесары 40", "Kenesary 40", "ул. Кенесары, 40", "Кенесары көшесі 40",
                                  "Kenesary 40 Astana"])
def test_find_any_alphabet(index: AddressIndex, text: str) -> None:
    found = index.find(text, "ru")
    assert [(a.street, a.house) for a in found] == [("улица Кенесары", "40")]
    assert abs(found[0].lat - HOUSE_40[0]) < 1e-4 and abs(found[0].lon - HOUSE_40[1]) < 1e-4


def test_find_number_is_exact_and_streets_alone(index: AddressIndex) -> None:
    assert [a.house for a in index.find("Kenesary 400")] == ["400"]
    assert index.find("Kenesary 41") == []
    assert [(a.street, a.house) for a in index.find("Abaya", "kk")] == [("Абай даңғылы", None)]
    assert [a.settlement for a in index.find("Astana")] == ["Астана"]
    assert index.find("Kenesary 40 Almaty") == []


def test_bad_extracts_are_refused(tmp_path: Path) -> None:
    junk = tmp_path / "junk.osm.pbf"
    good = write_city(tmp_path / "good.osm.pbf").read_bytes()
    junk.write_bytes(good[: len(good) // 2])
    with pytest.raises(BuildError, match="not a readable OpenStreetMap extract"):
        build_index(junk, tmp_path / "a.sqlite")
    bare = write_city(tmp_path / "bare.osm.pbf", addresses=False)
    with pytest.raises(BuildError, match="no addresses"):
        build_index(bare, tmp_path / "b.sqlite")


def test_describe_is_none_without_an_import(tmp_data_dir: Path) -> None:
    assert geo.describe(*HOUSE_40) is None
    assert geo.find("Kenesary 40") == []
