"""The scratch database a replay writes its alarms and incidents into, never the live one.

The alarm manager is the real one, so it needs the tables it writes (alarms,
incidents, actions, audit) and the rows it reads (persons, devices). A scratch
SQLite file is created in a temporary directory with the declared schema; the
supervision data (persons, zones, restrictions, devices, assignments) is copied
from the source database or read from a caseload exchange document. Durability
is switched off there: it is thrown away after the replay.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import orjson
from sqlalchemy import Table, event, insert, inspect, select

import db.models_all  # noqa: F401  (every table declared before create_all)
from arm.rules.seed import circle
from db.integrity import start_chains
from db.models import (
    Assignment,
    Base,
    Device,
    DeviceStatus,
    Person,
    Restriction,
    Role,
    User,
    Zone,
)
from db.session import Database

#: tables of supervision data a replay needs, in foreign-key order
SUPERVISION_TABLES: tuple[Table, ...] = tuple(
    Base.metadata.tables[name] for name in ("persons", "zones", "zone_schedules", "restrictions", "devices", "assignments"))
#: the login of the replay's simulated operator (it exists only in the scratch database)
REPLAY_OPERATOR = "replay-operator"


class CaseloadError(ValueError):
    """A caseload document replay cannot use; the message names the JSON path."""


def _fast(dbapi_conn: Any, _record: Any) -> None:
    """No fsync (thrown away after), and no foreign keys: ``alarms.event_id`` names the source's event rows."""
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA synchronous=OFF")
    cur.execute("PRAGMA foreign_keys=OFF")
    cur.close()


@contextmanager
def scratch_database(path: Path | None = None) -> Iterator[Database]:
    """A fresh database with the declared schema; in a temporary directory unless ``path`` is given."""
    with tempfile.TemporaryDirectory(prefix="arm-replay-") as tmp:
        file = path or Path(tmp) / "replay.sqlite3"
        if file.exists():
            raise FileExistsError(f"the scratch database {file} exists already; replay writes a new one")
        scratch = Database(f"sqlite:///{file}")
        event.listen(scratch.engine, "connect", _fast)
        Base.metadata.create_all(scratch.engine)
        with scratch.begin() as s:
            start_chains(s)  # the manager's audit rows are hash-chained, as in the live journals
        with scratch.begin() as s:
            s.add(User(login=REPLAY_OPERATOR, full_name="replay", role=Role.OPERATOR, password_hash="!"))
        try:
            yield scratch
        finally:
            scratch.dispose()


def copy_supervision(source: Database, scratch: Database) -> int:
    """Copy persons, zones, restrictions, devices and assignments (same ids); returns the persons copied."""
    persons = 0
    names = set(inspect(source.engine).get_table_names())
    with source.session() as src, scratch.begin() as dst:
        for table in SUPERVISION_TABLES:
            if table.name not in names:
                continue
            rows = [dict(r) for r in src.execute(select(table)).mappings()]
            if table.name == "devices":  # the state as of now is not the state at the replay's start
                rows = [{**r, "last_contact": None, "battery": None} for r in rows]
            if table.name == "persons":
                persons = len(rows)
            for start in range(0, len(rows), 500):
                dst.execute(insert(table), rows[start:start + 500])
    return persons


def _date(value: Any, path: str) -> date:
    try:
        return date.fromisoformat(str(value))
    except ValueError as exc:
        raise CaseloadError(f"{path}: bad date {value!r}") from exc


def _time(value: Any, path: str) -> datetime:
    try:
        at = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError as exc:
        raise CaseloadError(f"{path}: bad time {value!r}") from exc
    if at.tzinfo is None:
        raise CaseloadError(f"{path}: time {value!r} needs a zone")
    return at.astimezone(UTC)


def _geometry(zone: dict[str, Any], path: str) -> dict[str, Any]:
    geometry = zone.get("geometry") or {}
    if geometry.get("type") == "Point":
        radius = zone.get("radius_m")
        if not isinstance(radius, int | float) or radius <= 0:
            raise CaseloadError(f"{path}.radius_m: a Point zone needs a radius > 0")
        lon, lat = geometry["coordinates"][:2]
        return circle(float(lat), float(lon), float(radius))
    if geometry.get("type") not in ("Polygon", "MultiPolygon"):
        raise CaseloadError(f"{path}.geometry: Polygon, MultiPolygon or Point expected")
    return dict(geometry)


def load_caseload(path: Path, scratch: Database) -> dict[str, int]:
    """Write a caseload exchange document (``../shared/exchange/caseload-format.md``) into the scratch database.

    Only what a replay needs is read, and all of it is written or none. The
    caseload import of :mod:`arm.caseload` is the full, validating importer for
    the live database; this reader never touches that. Returns IIN -> person id.
    """
    try:
        doc = orjson.loads(path.read_bytes())
    except (OSError, orjson.JSONDecodeError) as exc:
        raise CaseloadError(f"{path}: {exc}") from exc
    if not isinstance(doc, dict) or doc.get("format") != "arm-caseload" or doc.get("version") != 1:
        raise CaseloadError(f"{path}: not an arm-caseload document of version 1")
    ids: dict[str, int] = {}
    with scratch.begin() as s:
        zones: dict[str, Zone] = {}
        for i, z in enumerate(doc.get("zones") or []):
            where = f"zones[{i}]"
            if z.get("kind") not in ("exclusion", "inclusion"):
                raise CaseloadError(f"{where}.kind: exclusion or inclusion expected")
            zones[str(z["ref"])] = Zone(name=str(z.get("name", "")), kind=z["kind"], geometry=_geometry(z, where),
                                        buffer_m=float(z.get("buffer_m") or 0.0), district=str(z.get("district", "")))
        s.add_all(zones.values())
        devices: dict[str, Device] = {}
        for d in doc.get("devices") or []:
            devices[str(d["serial"])] = Device(serial=str(d["serial"]), type=str(d["type"]),
                                               status=DeviceStatus.IN_STOCK, paired_with=d.get("paired_with"),
                                               heartbeat_s=int(d.get("heartbeat_s") or 300))
        s.add_all(devices.values())
        s.flush()
        for i, p in enumerate(doc.get("persons") or []):
            where = f"persons[{i}]"
            home = p.get("home") or {}
            sup = p.get("supervision") or {}
            person = Person(
                iin=str(p["iin"]), last_name=str(p.get("last_name", "")), first_name=str(p.get("first_name", "")),
                middle_name=p.get("middle_name"), birth_date=_date(p.get("birth_date"), f"{where}.birth_date"),
                category=str(p.get("category", "conditional")),
                supervision_start=_date(sup.get("start"), f"{where}.supervision.start"),
                supervision_end=_date(sup["end"], f"{where}.supervision.end") if sup.get("end") else None,
                registered_on=_date(p.get("registered_on"), f"{where}.registered_on"),
                district=str(p.get("district", "")), region=str(p.get("region", "")),
                address=str(home.get("address", "")), home_lat=home.get("lat"), home_lon=home.get("lon"),
                home_radius_m=float(home.get("radius_m") or 50.0),
            )
            s.add(person)
            s.flush()
            ids[person.iin] = person.id
            for j, r in enumerate(p.get("restrictions") or []):
                ref = r.get("zone")
                if ref is not None and ref not in zones:
                    raise CaseloadError(f"{where}.restrictions[{j}].zone: unknown zone {ref!r}")
                s.add(Restriction(person_id=person.id, kind=str(r["kind"]),
                                  zone_id=zones[ref].id if ref is not None else None, schedule=r.get("schedule"),
                                  valid_from=_time(r.get("valid_from"), f"{where}.restrictions[{j}].valid_from"),
                                  valid_until=_time(r["valid_until"], f"{where}.restrictions[{j}].valid_until")
                                  if r.get("valid_until") else None))
            for j, d in enumerate(p.get("devices") or []):
                device = devices.get(str(d.get("serial")))
                if device is None:
                    raise CaseloadError(f"{where}.devices[{j}].serial: {d.get('serial')!r} is not in devices")
                device.status = DeviceStatus.ISSUED
                s.add(Assignment(device_id=device.id, person_id=person.id,
                                 issued_at=_time(d.get("issued_at"), f"{where}.devices[{j}].issued_at"),
                                 issued_by=str(d.get("issued_by", "replay"))))
    return ids
