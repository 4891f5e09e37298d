"""Every setting the code reads is in the schema (arm/config.py), checked statically.

A key read but not defined used to fall back to its default silently (the map
read five keys the schema lacked), so the settings file could never change it.
This parses every module of ours with ``ast`` and checks three ways of reading:

- attribute chains on a settings object: ``settings.map.zoom``,
  ``self.ctx.settings.general.language``, ``new_settings.alarms.sound``;
- ``getattr(settings.map, "zoom")``;
- string keys: ``read_setting(obj, "map/zoom")``, ``settings.get("map.zoom")``,
  ``settings["map/zoom"]``, ``qsettings.value("map/zoom")``.

A settings object is a name or attribute called ``settings`` or ending in
``_settings``.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import fields
from pathlib import Path

from arm.config import Settings

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("arm", "db", "serial_drivers", "widgets", "maps")
STRING_READERS = {"read_setting", "get", "value"}


def schema() -> dict[str, set[str]]:
    settings = Settings()
    return {f.name: {g.name for g in fields(getattr(settings, f.name))} for f in fields(settings)}


def _is_settings(node: ast.expr) -> bool:
    name = node.id if isinstance(node, ast.Name) else node.attr if isinstance(node, ast.Attribute) else ""
    return name == "settings" or name.endswith("_settings")


def _split(key: str) -> tuple[str, str] | None:
    for sep in ("/", "."):
        section, found, name = key.partition(sep)
        if found and section and name:
            return section, name
    return None


def reads(tree: ast.AST) -> Iterator[tuple[int, str, str | None]]:
    """``(line, section, key)`` of each settings read in ``tree`` (key None: a section alone)."""
    sections = set(schema())
    for node in ast.walk(tree):
        # settings.<section>.<key>
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Attribute):
            inner = node.value
            if _is_settings(inner.value):
                if inner.attr in sections or not hasattr(Settings, inner.attr):
                    yield node.lineno, inner.attr, node.attr
        # getattr(settings.<section>, "<key>")
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "getattr"
                and len(node.args) >= 2 and isinstance(node.args[0], ast.Attribute)
                and _is_settings(node.args[0].value) and isinstance(node.args[1], ast.Constant)
                and isinstance(node.args[1].value, str)):
            yield node.lineno, node.args[0].attr, node.args[1].value
        # read_setting(obj, "section/key"), settings.get("section.key"), qsettings.value("section/key")
        if isinstance(node, ast.Call):
            func = node.func
            name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
            on_settings = isinstance(func, ast.Attribute) and _is_settings(func.value)
            if name == "read_setting" or (name in STRING_READERS and on_settings):
                for arg in node.args[:2]:
                    if isinstance(arg, ast.Constant) and isinstance(arg.value, str) and (parts := _split(arg.value)):
                        yield node.lineno, parts[0], parts[1]
        # settings["section/key"]
        if isinstance(node, ast.Subscript) and _is_settings(node.value):
            sl = node.slice
            if isinstance(sl, ast.Constant) and isinstance(sl.value, str) and (parts := _split(sl.value)):
                yield node.lineno, parts[0], parts[1]


def undefined_reads(source: str, where: str = "<string>") -> list[str]:
    known = schema()
    out = []
    for line, section, key in reads(ast.parse(source)):
        if section not in known or (key is not None and key not in known[section]):
            out.append(f"{where}:{line}: {section}.{key}")
    return out


def test_every_setting_read_is_in_the_schema() -> None:
    problems: list[str] = []
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            problems += undefined_reads(path.read_text(encoding="utf-8"), str(path.relative_to(ROOT)))
    assert not problems, "settings read but not in arm/config.py:\n" + "\n".join(problems)


def test_the_check_sees_every_way_of_reading() -> None:
    source = '''
def f(settings, self, cfg):
    settings.map.no_such_key
    self.ctx.settings.maps.zoom
    new_settings.general.nope
    getattr(settings.map, "nope2")
    read_setting(cfg, "map/nope3", 5)
    settings.get("alarms.nope4")
    settings["service/nope5"]
    settings.map.zoom, settings.tz, settings.to_dict(), settings.serial.usb_pids.items()
    options.get("map.not_settings"), cfg.map.not_settings
'''
    assert [p.split(": ")[1] for p in undefined_reads(source)] == [
        "map.no_such_key", "maps.zoom", "general.nope", "map.nope2", "map.nope3", "alarms.nope4", "service.nope5",
    ]


def test_the_map_keys_are_seen_and_defined() -> None:
    """The keys maps/settings.py reads by name (the five the schema once lacked among them)."""
    tree = ast.parse((ROOT / "maps" / "settings.py").read_text(encoding="utf-8"))
    seen = {(section, key) for _line, section, key in reads(tree)}
    for key in ("tile_attribution", "center", "zoom", "cluster_below_zoom", "tile_url"):
        assert ("map", key) in seen
        assert key in schema()["map"]
