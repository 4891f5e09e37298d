"""The last-position table follows the ingest writer's inserts, in its transaction, never backwards."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from arm.events import DeviceEvent
from arm.ingest import Ingest
from db.history import LastPosition
from db.session import Database

T0 = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


def pos(serial: str, evseq: int, minutes: float, lat: float) -> DeviceEvent:
    return DeviceEvent(serial, evseq, T0 + timedelta(minutes=minutes), "POS",
                       {"lat": lat, "lon": 76.9, "fix": 1, "sats": 9, "hdop": 0.9}, "serial", "TRK")


def last(db: Database) -> dict[str, tuple[float, datetime]]:
    from db.models import Device

    with db.session() as s:
        rows = s.execute(select(Device.serial, LastPosition.lat, LastPosition.time)
                         .join(LastPosition, LastPosition.device_id == Device.id)).all()
    return {serial: (lat, t) for serial, lat, t in rows}


def test_newest_fix_per_device_and_a_late_replay_does_not_move_it_back(db: Database, ingest: Ingest) -> None:
    ingest.store_sync([pos("TRK-1", 1, 0, 43.1), pos("TRK-1", 2, 1, 43.2), pos("TRK-2", 1, 0, 44.0)])
    assert last(db) == {"TRK-1": (43.2, T0 + timedelta(minutes=1)), "TRK-2": (44.0, T0)}
    ingest.store_sync([pos("TRK-1", 3, -10, 42.0)])  # stored late (the device resent its buffer)
    assert last(db)["TRK-1"] == (43.2, T0 + timedelta(minutes=1))
    ingest.store_sync([pos("TRK-1", 4, 5, 43.5), DeviceEvent("TRK-1", 5, T0 + timedelta(minutes=6), "HB", {},
                                                             "serial", "TRK")])
    assert last(db)["TRK-1"] == (43.5, T0 + timedelta(minutes=5))  # a heartbeat is no fix
