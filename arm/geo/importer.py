"""``arm map import FILE``: an OSM extract -> address index + vector-tile basemap, swapped in atomically.

Steps, each reported through ``progress`` (the CLI prints them; the GUI shows
them under its progress bar):

1. check the file is an OSM extract (PBF or XML) and that the disk has room;
2. build the address index with pyosmium (:mod:`arm.geo.build`);
3. cut the vector tiles with **tilemaker** (Debian package ``tilemaker``),
   configured by ``resources/map/tilemaker/config.json`` and ``process.lua``;
   tilemaker reads only PBF, so an ``.osm`` XML file is first rewritten as PBF
   with pyosmium;
4. move the new folder into place and switch ``current.json`` (:mod:`arm.geo.store`).

Everything is built inside ``<data dir>/map/import-<time>.tmp``; any failure
(bad file, no addresses, tilemaker error, disk full) removes that folder and
raises :class:`ImportFailed` with a sentence for the user, and the previous
import stays in use, untouched.
"""

from __future__ import annotations

import errno
import shutil
import sqlite3
import subprocess
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from arm.geo import store
from arm.geo.build import BuildError, build_index

TILEMAKER_DIR = Path(__file__).resolve().parents[2] / "resources" / "map" / "tilemaker"
Progress = Callable[[str], None]


#: why an import was refused: code -> English text with ``{file}`` (the GUI translates these)
FAILURES = {
    "no_file": "{file}: no such file",
    "unreadable": "{file} is not a readable OpenStreetMap extract (truncated or another format)",
    "not_osm": "{file} is not an OpenStreetMap extract (.osm.pbf or .osm expected)",
    "not_wgs84": "{file}: the coordinates are not WGS 84 longitude/latitude",
    "no_addresses": "{file} holds no addresses: no named street and no house number",
    "no_tilemaker": "tilemaker is not installed",
    "no_space": "not enough free disk space for the import",
    "disk_full": "the disk filled up during the import",
    "no_tiles": "the extract gave no map tiles",
    "failed": "the import failed",
}


class ImportFailed(Exception):
    """The import did not happen; the previous basemap is still in use. The message is for the user.

    ``code`` is a key of :data:`FAILURES` (``arm map import --codes`` prints it for the GUI).
    """

    def __init__(self, message: str, code: str = "failed") -> None:
        super().__init__(message)
        self.code = code


def sniff(path: Path) -> str:
    """``"pbf"`` or ``"xml"`` from the first bytes (names lie), else ImportFailed."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(64)
    except OSError as exc:
        raise ImportFailed(f"{path}: cannot be read ({exc.strerror})", "unreadable") from exc
    if len(head) >= 13 and b"OSMHeader" in head[:20]:
        return "pbf"
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if text.startswith(b"<?xml") or text.startswith(b"<osm"):
        return "xml"
    if head[:3] in (b"BZh", b"\x1f\x8b\x08"):
        suffix = "".join(path.suffixes[-2:])
        if suffix in (".osm.bz2", ".osm.gz"):
            return "xml"
    raise ImportFailed(f"{path.name} is not an OpenStreetMap extract (.osm.pbf or .osm expected)", "not_osm")


def _tilemaker() -> str:
    exe = shutil.which("tilemaker")
    if exe is None:
        raise ImportFailed("tilemaker is not installed (Debian/Ubuntu package 'tilemaker'); "
                           "it cuts the basemap tiles", "no_tilemaker")
    return exe


def _to_pbf(source: Path, target: Path) -> None:
    import osmium

    with osmium.SimpleWriter(str(target)) as writer:
        for obj in osmium.FileProcessor(str(source)):
            writer.add(obj)


def _run_tilemaker(source: Path, target: Path, progress: Progress) -> None:
    # --store: nodes, ways and relations in memory-mapped files of the work folder
    # (in the user data directory), not in RAM: its anonymous memory stays small and the mapped
    # pages are the kernel's to drop (a national extract then fits in a desk PC's memory while
    # monitoring goes on); removed afterwards, and with the work folder on any failure
    store_dir = target.parent / "tilemaker-store"
    store_dir.mkdir(exist_ok=True)
    cmd = [_tilemaker(), "--input", str(source), "--output", str(target), "--store", str(store_dir),
           "--config", str(TILEMAKER_DIR / "config.json"), "--process", str(TILEMAKER_DIR / "process.lua")]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, cwd=str(target.parent))
    assert proc.stdout is not None
    tail: list[str] = []
    last = 0.0
    buf = b""
    while True:
        chunk = proc.stdout.read1(4096) if hasattr(proc.stdout, "read1") else proc.stdout.read(4096)
        if not chunk:
            break
        buf += chunk
        # tilemaker rewrites its progress line with \r; report at most twice a second
        *lines, buf = buf.replace(b"\r", b"\n").split(b"\n")
        for raw in lines:
            line = raw.decode("utf-8", "replace").strip()
            if not line:
                continue
            tail = (tail + [line])[-8:]
            now = time.monotonic()
            if now - last >= 0.5 or line.startswith(("Reading", "Sorting", "Filled")):
                progress(f"tiles: {line}")
                last = now
    rc = proc.wait()
    proc.stdout.close()
    shutil.rmtree(store_dir, ignore_errors=True)
    if rc != 0:
        text = " / ".join(tail)
        if "No space" in text or "disk" in text.lower():
            raise OSError(errno.ENOSPC, "No space left on device")
        raise ImportFailed(f"tilemaker failed (exit {rc}): {text}")


def _check_tiles(path: Path, bounds: tuple[float, float, float, float] | None) -> int:
    try:
        conn = sqlite3.connect(str(path))
        try:
            count = int(conn.execute("SELECT COUNT(*) FROM tiles").fetchone()[0])
            if bounds is not None:
                w, s, e, n = bounds
                conn.execute("UPDATE metadata SET value=? WHERE name='bounds'", (f"{w:.6f},{s:.6f},{e:.6f},{n:.6f}",))
                conn.execute("UPDATE metadata SET value=? WHERE name='center'",
                             (f"{(w + e) / 2:.6f},{(s + n) / 2:.6f},10",))
                conn.commit()
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise ImportFailed(f"tilemaker wrote no readable MBTiles file: {exc}") from exc
    if count == 0:
        raise ImportFailed("the extract gave no map tiles (no roads, water or buildings in it)", "no_tiles")
    return count


def _bounds(index_file: Path) -> tuple[float, float, float, float] | None:
    conn = sqlite3.connect(str(index_file))
    try:
        row = conn.execute(
            "SELECT MIN(min_lon), MIN(min_lat), MAX(max_lon), MAX(max_lat) FROM segs_rt").fetchone()
    finally:
        conn.close()
    return tuple(float(v) for v in row) if row and row[0] is not None else None  # type: ignore[return-value]


def run_import(source: str | Path, progress: Progress | None = None, base: Path | None = None) -> dict[str, Any]:
    """Import ``source``; returns what ``current.json`` now says. ImportFailed on any failure."""
    report: Progress = progress or (lambda _line: None)
    source = Path(source).expanduser()
    if not source.is_file():
        raise ImportFailed(f"{source}: no such file", "no_file")
    kind = sniff(source)
    _tilemaker()
    base = base or store.map_dir()
    # what the import writes, per MB of .osm.pbf (~120,000 nodes): the node-location file of the
    # address index (16 bytes a node, ~2 MB, removed before the tiles) and tilemaker's --store
    # (~55 bytes a node measured, ~7 MB), beside the index and the tiles themselves
    need = source.stat().st_size * 10 + 50_000_000
    free = shutil.disk_usage(base).free
    if free < need:
        raise ImportFailed(f"not enough disk space in {base}: {need // 1_000_000} MB needed, "
                           f"{free // 1_000_000} MB free; the previous basemap is kept", "no_space")
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    work = base / f"import-{stamp}.tmp"
    work.mkdir()
    started = time.monotonic()
    try:
        pbf = source
        if kind == "xml":
            report("reading the XML extract and writing it as PBF for tilemaker")
            pbf = work / "source.osm.pbf"
            try:
                _to_pbf(source, pbf)
            except RuntimeError as exc:
                raise ImportFailed(f"{source.name} is not a readable OpenStreetMap extract: {exc}", "unreadable") from exc
        report(f"addresses: reading {source.name}")
        try:
            counts = build_index(pbf, work / store.INDEX_FILE, report)
        except BuildError as exc:
            raise ImportFailed(str(exc), exc.code) from exc
        report(f"addresses: {counts['streets']} streets, {counts['houses']} houses, "
               f"{counts['places']} settlements")
        report("tiles: tilemaker")
        _run_tilemaker(pbf, work / store.BASEMAP_FILE, report)
        tiles = _check_tiles(work / store.BASEMAP_FILE, _bounds(work / store.INDEX_FILE))
        report(f"tiles: {tiles} tiles")
        if pbf != source:
            pbf.unlink()
        final = base / work.name[: -len(".tmp")]
        work.rename(final)
        info = {
            "source": source.name,
            "imported_at": datetime.now(UTC).isoformat().replace("+00:00", "Z"),
            "seconds": round(time.monotonic() - started, 1),
            "tiles": tiles,
            **counts,
        }
        store.switch_to(final, info)
        report(f"done in {info['seconds']} s: the new basemap and address index are in use")
        return info
    except OSError as exc:
        shutil.rmtree(work, ignore_errors=True)
        if exc.errno == errno.ENOSPC:
            raise ImportFailed(f"the disk filled up during the import ({base}); "
                               "the previous basemap is kept", "disk_full") from exc
        raise ImportFailed(f"import failed: {exc}; the previous basemap is kept") from exc
    except sqlite3.OperationalError as exc:
        shutil.rmtree(work, ignore_errors=True)
        if "full" in str(exc):
            raise ImportFailed(f"the disk filled up during the import ({base}); "
                               "the previous basemap is kept", "disk_full") from exc
        raise ImportFailed(f"import failed: {exc}; the previous basemap is kept") from exc
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
