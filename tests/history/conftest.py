"""Fill a real SQLite database with history quickly (straight through the driver, triggers included)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from arm.ingest_sqlite import sqlite_time
from db.models import Device, DeviceStatus
from db.session import Database, json_dumps


def add_devices(db: Database, count: int, prefix: str = "TRK") -> list[int]:
    with db.begin() as s:
        devices = [Device(serial=f"{prefix}-{i:06d}", type="TRK", status=DeviceStatus.ISSUED) for i in range(count)]
        s.add_all(devices)
        s.flush()
        return [d.id for d in devices]


def fill(db: Database, device_ids: list[int], start: datetime, minutes: int, *, lat: float = 43.25,
         lon: float = 76.9, spread: float = 0.05, extra_events: bool = True) -> int:
    """A POS event and its position for every device every minute; plus a heartbeat without position."""
    raw = db.engine.raw_connection()
    try:
        cur = raw.cursor()
        next_id = (cur.execute("SELECT coalesce(max(id), 0) FROM device_events").fetchone()[0] or 0) + 1
        events, positions = [], []
        for m in range(minutes):
            at = start + timedelta(minutes=m)
            t, seq = sqlite_time(at), int(at.timestamp()) // 60 * 2
            for n, dev in enumerate(device_ids):
                la = lat + spread * ((n * 7919 + m * 31) % 1000) / 1000.0
                lo = lon + spread * ((n * 104729 + m * 17) % 1000) / 1000.0
                fields = {"lat": la, "lon": lo, "fix": 1, "sats": 9, "hdop": 0.9}
                events.append((next_id, dev, seq, t, t, "POS", "serial", json_dumps(fields)))
                positions.append((dev, next_id, t, la, lo, 1, 9, 0.9, None, 3.0, 90.0))
                next_id += 1
                if extra_events:
                    events.append((next_id, dev, seq + 1, t, t, "HB", "serial", "{}"))
                    next_id += 1
        cur.executemany("INSERT INTO device_events (id, device_id, evseq, time, received, kind, source, fields) "
                        "VALUES (?,?,?,?,?,?,?,?)", events)
        cur.executemany("INSERT INTO positions (device_id, event_id, time, lat, lon, fix, sats, hdop, accuracy_m, "
                        "speed_kmh, course) VALUES (?,?,?,?,?,?,?,?,?,?,?)", positions)
        raw.commit()
    finally:
        raw.close()
    return len(positions)


def days_ago(days: float) -> datetime:
    return (datetime.now(UTC) - timedelta(days=days)).replace(second=0, microsecond=0)
