"""Build supervision data in code: persons, zones, restrictions, devices.

Used by the scenario tests, the benches and demos, so that each of them
creates data through the same real models the GUI does (no fakes).
"""

from __future__ import annotations

import itertools
import math
from datetime import UTC, date, datetime
from typing import Any

from db.models import (
    Assignment,
    Category,
    Device,
    DeviceStatus,
    Person,
    Restriction,
    Zone,
)

_iin = itertools.count(100000000000)


def circle(lat: float, lon: float, radius_m: float, points: int = 32) -> dict[str, Any]:
    """A GeoJSON polygon approximating a circle (zones are drawn as polygons)."""
    kx = 111_320.0 * math.cos(math.radians(lat))
    ring = [
        [lon + radius_m * math.cos(a) / kx, lat + radius_m * math.sin(a) / 110_574.0]
        for a in (2 * math.pi * i / points for i in range(points))
    ]
    ring.append(ring[0])
    return {"type": "Polygon", "coordinates": [ring]}


def rectangle(south: float, west: float, north: float, east: float) -> dict[str, Any]:
    return {"type": "Polygon", "coordinates": [[[west, south], [east, south], [east, north], [west, north],
                                                [west, south]]]}


def offset(lat: float, lon: float, north_m: float = 0.0, east_m: float = 0.0) -> tuple[float, float]:
    """The point ``north_m``/``east_m`` metres from (lat, lon)."""
    return lat + north_m / 110_574.0, lon + east_m / (111_320.0 * math.cos(math.radians(lat)))


class Seeder:
    """Adds rows in its own short transactions and returns their ids."""

    def __init__(self, db: Any) -> None:
        self.db = db

    def _add(self, row: Any) -> int:
        with self.db.begin() as s:
            s.add(row)
            s.flush()
            return int(row.id)

    def person(self, last_name: str = "Иванов", first_name: str = "Иван", *, district: str = "Алмалинский",
               home: tuple[float, float] | None = (43.2567, 76.9286), home_radius_m: float = 50.0,
               since: date = date(2026, 1, 1), until: date | None = None, **extra: Any) -> int:
        return self._add(Person(
            last_name=last_name, first_name=first_name, iin=str(next(_iin)), birth_date=date(1990, 1, 1),
            category=Category.RESTRICTED_FREEDOM, supervision_start=since, supervision_end=until,
            address=extra.pop("address", "ул. Абая, 1"), home_lat=home[0] if home else None,
            home_lon=home[1] if home else None, home_radius_m=home_radius_m, region="Алматы", district=district,
            officer=extra.pop("officer", "капитан Серикова А."), registered_on=since,
            created_at=datetime.now(UTC), **extra,
        ))

    def zone(self, name: str, kind: str, geometry: dict[str, Any], buffer_m: float = 0.0,
             district: str = "") -> int:
        return self._add(Zone(name=name, kind=kind, geometry=geometry, buffer_m=buffer_m, district=district,
                              created_at=datetime.now(UTC)))

    def restriction(self, person_id: int, kind: str, *, zone_id: int | None = None,
                    schedule: list[dict[str, Any]] | None = None, valid_from: datetime | None = None,
                    valid_until: datetime | None = None, note: str = "") -> int:
        return self._add(Restriction(
            person_id=person_id, kind=kind, zone_id=zone_id, schedule=schedule,
            valid_from=valid_from or datetime(2026, 1, 1, tzinfo=UTC), valid_until=valid_until, note=note,
            created_at=datetime.now(UTC),
        ))

    def device(self, serial: str, type_: str, *, heartbeat_s: int = 300, status: str = DeviceStatus.IN_STOCK,
               last_contact: datetime | None = None) -> int:
        return self._add(Device(serial=serial, type=type_, status=status, heartbeat_s=heartbeat_s,
                                last_contact=last_contact, created_at=datetime.now(UTC)))

    def assign(self, device_id: int, person_id: int, *, by: str = "tech") -> int:
        with self.db.begin() as s:
            device = s.get(Device, device_id)
            assert device is not None
            device.status = DeviceStatus.ISSUED
            row = Assignment(device_id=device_id, person_id=person_id, issued_at=datetime.now(UTC), issued_by=by)
            s.add(row)
            s.flush()
            return int(row.id)

    def kit(self, person_id: int, prefix: str, types: tuple[str, ...] = ("BRC", "SKU", "MKU"),
            heartbeat_s: int = 300) -> dict[str, int]:
        """Issue a set of devices to a person: {"BRC": id, ...}; serials ``<TYPE>-<prefix>``."""
        ids = {}
        for t in types:
            ids[t] = self.device(f"{t}-{prefix}", t, heartbeat_s=heartbeat_s)
            self.assign(ids[t], person_id)
        return ids

    def bulk(self, count: int, types: tuple[str, ...] = ("BRC",), *, home: tuple[float, float] = (43.2567, 76.9286),
             district: str = "Алмалинский", prefix: str = "B") -> list[int]:
        """``count`` persons with a kit each, in one transaction (benches, demos); serials ``<TYPE>-<prefix><n>``."""
        now = datetime.now(UTC)
        with self.db.begin() as s:
            persons = [Person(
                last_name=f"Person{n}", first_name="Bench", iin=str(next(_iin)), birth_date=date(1990, 1, 1),
                category=Category.RESTRICTED_FREEDOM, supervision_start=date(2026, 1, 1), address="",
                home_lat=home[0], home_lon=home[1], home_radius_m=50.0, region="", district=district,
                officer="", registered_on=date(2026, 1, 1), created_at=now,
            ) for n in range(count)]
            s.add_all(persons)
            s.flush()
            devices = [Device(serial=f"{t}-{prefix}{n}", type=t, status=DeviceStatus.ISSUED, heartbeat_s=300,
                              created_at=now) for n in range(count) for t in types]
            s.add_all(devices)
            s.flush()
            s.add_all([Assignment(device_id=devices[n * len(types) + k].id, person_id=persons[n].id, issued_at=now,
                                  issued_by="bench") for n in range(count) for k in range(len(types))])
            return [p.id for p in persons]
