"""``arm map import|where|find`` as real subprocesses: import, answers, atomic replacement, bad input."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from arm.geo import store
from tests.geo.osm_city import HOUSE_40, KENESARY_FAR, write_city


def arm(data: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "ARM_DATA_DIR": str(data), "ARM_CONFIG_DIR": str(data / "config")}
    return subprocess.run([sys.executable, "-m", "arm", "map", *args], env=env, capture_output=True,
                          text=True, timeout=120)


@pytest.fixture
def imported(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    data.mkdir()
    src = write_city(tmp_path / "astana.osm.pbf")
    r = arm(data, "import", str(src))
    assert r.returncode == 0, r.stderr
    assert "addresses: 2 streets, 4 houses, 1 settlements" in r.stdout
    assert "tiles: " in r.stdout and "in use" in r.stdout
    return data


def test_import_then_where_and_find(imported: Path) -> None:
    r = arm(imported, "where", str(HOUSE_40[0]), str(HOUSE_40[1]), "--json")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout) == {"street": "улица Кенесары", "house": "40", "settlement": "Астана",
                                    "distance_m": pytest.approx(0.0, abs=3), "lat": HOUSE_40[0],
                                    "lon": HOUSE_40[1]}
    r = arm(imported, "where", str(KENESARY_FAR[0]), str(KENESARY_FAR[1]), "--lang", "kk")
    assert r.stdout.startswith("Кенесары көшесі маңы, 89 м, Астана")
    r = arm(imported, "find", "Kenesary", "40", "--json")
    rows = [json.loads(line) for line in r.stdout.splitlines()]
    assert [(x["street"], x["house"], x["settlement"]) for x in rows] == [("улица Кенесары", "40", "Астана")]
    r = arm(imported, "find", "Кенесары 40", "--lang", "kk")
    assert r.stdout.startswith("Кенесары көшесі 40, Астана  (51.128")
    assert arm(imported, "find", "Satpaev 1").returncode == 1


def test_tiles_are_vector_tiles_with_kazakh_and_russian_names(imported: Path) -> None:
    folder = store.current_dir(imported / "map")
    assert folder is not None
    conn = sqlite3.connect(folder / store.BASEMAP_FILE)
    meta = dict(conn.execute("SELECT name, value FROM metadata"))
    assert meta["format"] == "pbf"
    w, s, e, n = (float(v) for v in meta["bounds"].split(","))
    assert w < HOUSE_40[1] < e and s < HOUSE_40[0] < n
    zooms = {z for (z,) in conn.execute("SELECT DISTINCT zoom_level FROM tiles")}
    assert {4, 10, 14} <= zooms


def test_second_import_replaces_the_first_and_bad_input_keeps_it(imported: Path, tmp_path: Path) -> None:
    first = store.current_dir(imported / "map")
    r = arm(imported, "import", str(write_city(tmp_path / "again.osm")))  # XML this time
    assert r.returncode == 0, r.stderr
    second = store.current_dir(imported / "map")
    assert second is not None and second != first and first is not None and not first.exists()

    good = (tmp_path / "again.osm").read_bytes()
    cases = {
        "truncated.osm.pbf": (write_city(tmp_path / "t.osm.pbf").read_bytes()[:300], "not a readable"),
        "notes.osm.pbf": (b"hello, this is not OSM\n" * 10, "is not an OpenStreetMap extract"),
        "broken.osm": (good[: len(good) // 2], "not a readable"),
    }
    for name, (content, message) in cases.items():
        (tmp_path / name).write_bytes(content)
        r = arm(imported, "import", str(tmp_path / name))
        assert r.returncode == 1, name
        assert message in r.stderr, (name, r.stderr)
    r = arm(imported, "import", str(write_city(tmp_path / "bare.osm.pbf", addresses=False)))
    assert r.returncode == 1 and "holds no addresses" in r.stderr
    # nothing half-built is left and the second import is still the one in use
    assert store.current_dir(imported / "map") == second
    assert sorted(p.name for p in (imported / "map").iterdir()) == sorted([second.name, "current.json"])
    r = arm(imported, "where", str(HOUSE_40[0]), str(HOUSE_40[1]))
    assert r.stdout.startswith("улица Кенесары 40, Астана")


def test_disk_full_during_import_keeps_the_previous(imported: Path, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """A disk that fills while tilemaker writes: the ENOSPC surfaces as a clear message."""
    import errno

    from arm.geo import importer

    def full(*_a: object, **_k: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(importer, "_run_tilemaker", full)
    before = store.current_dir(imported / "map")
    with pytest.raises(importer.ImportFailed, match="disk filled up"):
        importer.run_import(write_city(tmp_path / "x.osm.pbf"), base=imported / "map")
    assert store.current_dir(imported / "map") == before
    assert not list((imported / "map").glob("*.tmp"))


def test_not_enough_space_is_refused_before_starting(imported: Path, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    import shutil

    from arm.geo import importer

    monkeypatch.setattr(shutil, "disk_usage", lambda _p: shutil._ntuple_diskusage(10**9, 10**9 - 1000, 1000))
    with pytest.raises(importer.ImportFailed, match="not enough disk space"):
        importer.run_import(write_city(tmp_path / "x.osm.pbf"), base=imported / "map")


def test_failure_codes_match_the_gui_texts(tmp_path: Path) -> None:
    """Every refusal has a code the GUI words in the operator's language (maps.import_dialog.FAILURES)."""
    from arm.geo.importer import FAILURES
    from maps.import_dialog import FAILURES as GUI

    assert GUI == FAILURES
    data = tmp_path / "data"
    (tmp_path / "notes.osm").write_text("hello\n")
    r = arm(data, "import", "--codes", str(tmp_path / "notes.osm"))
    assert r.returncode == 1 and "error-code: not_osm" in r.stderr
