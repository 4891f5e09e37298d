"""Read tiles from MBTiles files (SQLite) for the ``arm://tiles/`` URL scheme.

MBTiles stores rows in TMS order (y counted from the south), while Leaflet
asks for XYZ tiles (y from the north): ``tms_y = 2**z - 1 - y``. Files are
opened read-only (``mode=ro``) so the map can never change them.
"""

from __future__ import annotations

import sqlite3
import threading
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class MBTilesInfo:
    name: str
    path: Path
    fmt: str
    min_zoom: int
    max_zoom: int
    bounds: tuple[float, float, float, float] | None
    attribution: str


def xyz_to_tms_y(z: int, y: int) -> int:
    return (1 << z) - 1 - y


class MBTiles:
    """One MBTiles file; thread-safe reads through a per-thread connection."""

    def __init__(self, path: str | Path, name: str | None = None) -> None:
        self.path = Path(path)
        if not self.path.is_file():
            raise FileNotFoundError(f"MBTiles file not found: {self.path}")
        self.name = name or self.path.stem
        self._local = threading.local()
        self.info = self._read_info()

    def _conn(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
            self._local.conn = conn
        return conn

    def _read_info(self) -> MBTilesInfo:
        try:
            rows = dict(self._conn().execute("SELECT name, value FROM metadata").fetchall())
            zooms = self._conn().execute("SELECT MIN(zoom_level), MAX(zoom_level) FROM tiles").fetchone()
        except sqlite3.DatabaseError as exc:
            raise ValueError(f"{self.path.name} is not an MBTiles file: {exc}") from exc
        bounds = None
        if rows.get("bounds"):
            try:
                w, s, e, n = (float(v) for v in str(rows["bounds"]).split(","))
                bounds = (w, s, e, n)
            except ValueError:
                bounds = None
        return MBTilesInfo(
            name=self.name,
            path=self.path,
            fmt=str(rows.get("format", "png")),
            min_zoom=int(rows.get("minzoom", zooms[0] if zooms[0] is not None else 0)),
            max_zoom=int(rows.get("maxzoom", zooms[1] if zooms[1] is not None else 18)),
            bounds=bounds,
            attribution=str(rows.get("attribution", "")),
        )

    def tile(self, z: int, x: int, y: int) -> bytes | None:
        """The tile at XYZ coordinates, or None when the file has none there."""
        row = self._conn().execute(
            "SELECT tile_data FROM tiles WHERE zoom_level=? AND tile_column=? AND tile_row=?",
            (z, x, xyz_to_tms_y(z, y)),
        ).fetchone()
        return bytes(row[0]) if row else None

    def mime(self) -> bytes:
        return {
            "png": b"image/png",
            "jpg": b"image/jpeg",
            "jpeg": b"image/jpeg",
            "webp": b"image/webp",
            "pbf": b"application/x-protobuf",
        }.get(self.info.fmt, b"application/octet-stream")

    def close(self) -> None:
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
            self._local.conn = None


def write_tile(path: str | Path, z: int, x: int, y: int, data: bytes, fmt: str = "png") -> None:
    """Create or extend an MBTiles file with one XYZ tile (tests, demo data, tooling)."""
    conn = sqlite3.connect(str(path))
    try:
        conn.execute("CREATE TABLE IF NOT EXISTS metadata (name TEXT, value TEXT)")
        conn.execute(
            "CREATE TABLE IF NOT EXISTS tiles (zoom_level INTEGER, tile_column INTEGER,"
            " tile_row INTEGER, tile_data BLOB, UNIQUE (zoom_level, tile_column, tile_row))"
        )
        if not conn.execute("SELECT 1 FROM metadata WHERE name='format'").fetchone():
            conn.executemany(
                "INSERT INTO metadata VALUES (?, ?)", [("format", fmt), ("name", Path(path).stem)]
            )
        conn.execute(
            "INSERT OR REPLACE INTO tiles VALUES (?, ?, ?, ?)", (z, x, xyz_to_tms_y(z, y), data)
        )
        conn.commit()
    finally:
        conn.close()
