"""Where the imported map lives, and the switch from one import to the next.

``<data dir>/map/`` holds one folder per import (``import-<UTC time>/`` with
``address.sqlite`` and ``basemap.mbtiles``) and ``current.json`` naming the
folder in use. An import is built in a folder ``*.tmp`` that nobody reads;
only when everything in it is complete is ``current.json`` replaced (one
``os.replace``, atomic on every platform), then the previous folder is
removed. A reader therefore always sees the old import or the new one, never
half of one, and a failed import leaves the old one as it was.

Readers notice a new import by the pointer file's modification time, so a
running desk or service switches without a restart.
"""

from __future__ import annotations

import json
import os
import shutil
import threading
from pathlib import Path
from typing import Any

from arm.geo.index import AddressIndex

INDEX_FILE = "address.sqlite"
BASEMAP_FILE = "basemap.mbtiles"
POINTER = "current.json"


def map_dir() -> Path:
    """``<data dir>/map`` (``ARM_DATA_DIR`` moves it, as for the database)."""
    from db.session import data_dir

    path = data_dir() / "map"
    path.mkdir(parents=True, exist_ok=True)
    return path


def current_dir(base: Path | None = None) -> Path | None:
    """The folder of the import in use, or None before the first import."""
    base = base or map_dir()
    try:
        info = json.loads((base / POINTER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    folder = base / str(info.get("dir", ""))
    return folder if info.get("dir") and folder.is_dir() else None


def current_info(base: Path | None = None) -> dict[str, Any] | None:
    """What ``current.json`` says about the import in use (source, time, counts)."""
    base = base or map_dir()
    try:
        info = json.loads((base / POINTER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return info if isinstance(info, dict) else None


def basemap_path(base: Path | None = None) -> Path | None:
    folder = current_dir(base)
    path = folder / BASEMAP_FILE if folder else None
    return path if path is not None and path.is_file() else None


def switch_to(folder: Path, info: dict[str, Any]) -> None:
    """Make ``folder`` (inside map_dir) the import in use, atomically; remove the previous one."""
    base = folder.parent
    previous = current_dir(base)
    tmp = base / (POINTER + ".tmp")
    tmp.write_text(json.dumps({**info, "dir": folder.name}, ensure_ascii=False), encoding="utf-8")
    with open(tmp, "rb+") as fh:
        os.fsync(fh.fileno())
    os.replace(tmp, base / POINTER)
    if previous is not None and previous != folder:
        # a reader that still has the old file open keeps it (POSIX); on Windows
        # the removal may fail and is retried by the next import
        shutil.rmtree(previous, ignore_errors=True)
    for stale in base.glob("import-*"):
        if stale.is_dir() and stale != folder and stale.suffix != ".tmp":
            shutil.rmtree(stale, ignore_errors=True)


_lock = threading.Lock()
_cached: tuple[Path, float, AddressIndex | None] | None = None


def open_index(base: Path | None = None) -> AddressIndex | None:
    """The address index of the import in use (cached; reopened after a new import), or None."""
    global _cached
    base = base or map_dir()
    pointer = base / POINTER
    try:
        stamp = pointer.stat().st_mtime_ns
    except OSError:
        return None
    with _lock:
        if _cached is not None and _cached[0] == base and _cached[1] == stamp:
            return _cached[2]
        folder = current_dir(base)
        index = None
        if folder is not None and (folder / INDEX_FILE).is_file():
            try:
                index = AddressIndex(folder / INDEX_FILE)
            except (OSError, ValueError):
                index = None
        _cached = (base, stamp, index)
        return index
