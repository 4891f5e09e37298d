"""The caseload exchange format, version 1 (``../shared/exchange/caseload-format.md``): import and export.

Import is all or nothing: :func:`check` reads the whole document and lists
every problem with its JSON path (``persons[12].restrictions[0].schedule[1].end:
bad time "25:00"``) before anything is written; :func:`import_document` then
writes everything in the caller's transaction (the CLI's ``--dry-run`` rolls
it back) with one audit row, ``caseload.import``. Importing the same document
twice changes nothing the second time: a zone is found by its ``ref``
(``zone_refs``), a device by its serial, a person by the IIN, a restriction
by (kind, zone) and an issued device by its open assignment; equal values are
left alone. :func:`export_document` writes what is stored in the same shape,
so exporting an import gives the same document but for ``exported_at``, key
order, absent-versus-``null`` optional keys and the time zone times are
written in (the desk's, Asia/Almaty).

Stored codes are written as names: a person's (and a zone's) ``district`` as
the Russian official name of the reference list (unique: names shared by
several regions carry the region in brackets), the officer as the full name;
``region`` is not written, the district names it. On import any official
name (ru/kk/en), alias or code is accepted, and a given region must be the
district's.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from shapely.geometry import shape
from shapely.validation import explain_validity
from sqlalchemy import select
from sqlalchemy.orm import Session

from arm import audit
from arm.caseload import reference
from arm.caseload.revision import bump
from arm.caseload.rights import Actor, Area, require_write
from arm.caseload.zone_shapes import ZoneShapeError
from arm.caseload.zone_shapes import validate as validate_shape
from arm.rules.schedule import ScheduleError, validate_schedule
from db.models import (
    Assignment,
    Category,
    Device,
    DeviceProtocol,
    DeviceStatus,
    DeviceType,
    Person,
    Restriction,
    RestrictionKind,
    Zone,
    ZoneKind,
    protocol_for_type,
)
from db.models_caseload import ZoneRef
from db.validation import SERIAL_RE, iin_error

FORMAT, VERSION = "arm-caseload", 1
DESK_ZONE = ZoneInfo("Asia/Almaty")

DOC_KEYS = {"format", "version", "exported_at", "zones", "devices", "persons"}
ZONE_KEYS = {"ref", "name", "kind", "geometry", "radius_m", "buffer_m", "district"}
DEVICE_KEYS = {"serial", "type", "protocol", "inventory_no", "model", "paired_with"}
PERSON_KEYS = {"iin", "last_name", "first_name", "middle_name", "birth_date", "category", "court", "supervision",
               "registered_on", "deregistered_on", "region", "district", "officer", "home", "phone",
               "restrictions", "devices"}
COURT_KEYS = {"decision_no", "decision_date", "name"}
SUPERVISION_KEYS = {"start", "end"}
HOME_KEYS = {"address", "lat", "lon", "radius_m"}
RESTRICTION_KEYS = {"kind", "zone", "schedule", "valid_from", "valid_until", "note"}
ISSUE_KEYS = {"serial", "issued_at", "issued_by"}
WINDOW_KEYS = {"days", "start", "end"}
ZONE_RESTRICTIONS = {"exclusion_zone", "inclusion_zone", "travel_permission"}
_HHMM = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$|^24:00$")


class ExchangeInvalid(ValueError):
    """The document was refused; ``problems`` lists every one as ``path: message``."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass
class ImportSummary:
    zones_created: int = 0
    zones_updated: int = 0
    devices_created: int = 0
    devices_updated: int = 0
    persons_created: int = 0
    persons_updated: int = 0
    restrictions_written: int = 0
    restrictions_removed: int = 0
    devices_issued: int = 0
    unchanged: bool = True
    person_ids: list[int] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if k != "person_ids"}


# ---------------------------------------------------------------- reading values
class _Reader:
    """Collects problems with their paths while turning JSON values into typed ones."""

    def __init__(self) -> None:
        self.problems: list[str] = []

    def bad(self, path: str, message: str) -> None:
        self.problems.append(f"{path}: {message}")

    def obj(self, value: Any, path: str, keys: set[str], required: Iterable[str] = ()) -> dict[str, Any] | None:
        if not isinstance(value, dict):
            self.bad(path, "must be an object")
            return None
        for key in sorted(set(value) - keys):
            self.bad(f"{path}.{key}", "unknown key")
        for key in required:
            if value.get(key) is None:
                self.bad(f"{path}.{key}", "required")
        return value

    def text(self, value: Any, path: str, required: bool = False, limit: int = 500) -> str | None:
        if value is None:
            if required:
                self.bad(path, "required")
            return None
        if not isinstance(value, str):
            self.bad(path, "must be a string")
            return None
        if required and not value.strip():
            self.bad(path, "must not be empty")
            return None
        if len(value) > limit:
            self.bad(path, f"longer than {limit} characters")
            return None
        return value

    def day(self, value: Any, path: str, required: bool = False) -> date | None:
        if value is None:
            if required:
                self.bad(path, "required")
            return None
        if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            try:
                return date.fromisoformat(value)
            except ValueError:
                pass
        self.bad(path, f"bad date {value!r}, expected YYYY-MM-DD")
        return None

    def time(self, value: Any, path: str, required: bool = False) -> datetime | None:
        if value is None:
            if required:
                self.bad(path, "required")
            return None
        try:
            parsed = datetime.fromisoformat(str(value).replace("Z", "+00:00")) if isinstance(value, str) else None
        except ValueError:
            parsed = None
        if parsed is None or parsed.tzinfo is None:
            self.bad(path, f"bad time {value!r}, expected ISO 8601 with its zone")
            return None
        return parsed.astimezone(UTC)

    def number(self, value: Any, path: str, *, minimum: float | None = None, above: float | None = None,
               required: bool = False) -> float | None:
        if value is None:
            if required:
                self.bad(path, "required")
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
            self.bad(path, "must be a number")
            return None
        if minimum is not None and value < minimum:
            self.bad(path, f"must be >= {minimum:g}")
            return None
        if above is not None and value <= above:
            self.bad(path, f"must be > {above:g}")
            return None
        return float(value)

    def items(self, value: Any, path: str) -> list[Any]:
        if value is None:
            return []
        if not isinstance(value, list):
            self.bad(path, "must be a list")
            return []
        return value


# ---------------------------------------------------------------- checked document
@dataclass
class _Zone:
    ref: str
    name: str
    kind: str
    geometry: dict[str, Any]
    buffer_m: float
    district: str


@dataclass
class _Device:
    serial: str
    type: str
    protocol: str
    inventory_no: str | None
    model: str | None
    paired_with: str | None


@dataclass
class _Restriction:
    kind: str
    zone_ref: str | None
    schedule: list[dict[str, Any]] | None
    valid_from: datetime
    valid_until: datetime | None
    note: str


@dataclass
class _Person:
    path: str
    values: dict[str, Any]
    restrictions: list[_Restriction]
    devices: list[tuple[str, datetime, str]]


@dataclass
class Checked:
    """A document that passed every check; what :func:`import_document` writes."""

    zones: list[_Zone]
    devices: list[_Device]
    persons: list[_Person]


def check(session: Session, doc: Any) -> Checked:
    """Every problem of ``doc`` (``ExchangeInvalid``), or the typed document. Writes nothing."""
    r = _Reader()
    top = r.obj(doc, "$", DOC_KEYS, ("format", "version"))
    if top is None:
        raise ExchangeInvalid(r.problems)
    if top.get("format") is not None and top.get("format") != FORMAT:
        r.bad("format", f"must be {FORMAT!r}")
    if top.get("version") is not None and top.get("version") != VERSION:
        r.bad("version", f"version {top.get('version')!r} is not supported (only {VERSION})")
    if r.problems:
        raise ExchangeInvalid(r.problems)
    zones = [z for n, raw in enumerate(r.items(top.get("zones"), "zones"))
             if (z := _check_zone(session, r, raw, f"zones[{n}]")) is not None]
    refs: dict[str, str] = {}
    for n, z in enumerate(zones):
        if z.ref in refs:
            r.bad(f"zones[{n}].ref", f"{z.ref!r} appears twice")
        refs[z.ref] = z.kind
    known_refs = {ref: str(kind) for ref, kind in session.execute(
        select(ZoneRef.ref, Zone.kind).join(Zone, Zone.id == ZoneRef.zone_id))}
    devices = [d for n, raw in enumerate(r.items(top.get("devices"), "devices"))
               if (d := _check_device(session, r, raw, f"devices[{n}]")) is not None]
    serials: dict[str, int] = {}
    inventory: dict[str, int] = {}
    for n, d in enumerate(devices):
        if d.serial in serials:
            r.bad(f"devices[{n}].serial", f"{d.serial!r} appears twice")
        serials[d.serial] = n
        if d.inventory_no:
            if d.inventory_no in inventory:
                r.bad(f"devices[{n}].inventory_no", f"{d.inventory_no!r} appears twice")
            inventory[d.inventory_no] = n
    if inventory:
        for serial, number in session.execute(select(Device.serial, Device.inventory_no)
                                              .where(Device.inventory_no.in_(list(inventory)))):
            n = inventory[str(number)]
            if devices[n].serial != serial:
                r.bad(f"devices[{n}].inventory_no", f"{number!r} is the inventory number of device {serial}")
    persons: list[_Person] = []
    iins: dict[str, int] = {}
    issued_here: dict[str, str] = {}
    lookup = _Lookup(session)
    for n, raw in enumerate(r.items(top.get("persons"), "persons")):
        p = _check_person(session, r, raw, f"persons[{n}]", lookup, {**known_refs, **refs}, set(serials))
        if p is None:
            continue
        iin = p.values["iin"]
        if iin in iins:
            r.bad(f"persons[{n}].iin", f"{iin} appears twice (persons[{iins[iin]}])")
        iins[iin] = n
        for k, (serial, _, _) in enumerate(p.devices):
            if serial in issued_here:
                r.bad(f"persons[{n}].devices[{k}].serial", f"{serial} is issued twice in this document "
                                                           f"({issued_here[serial]})")
            issued_here[serial] = f"persons[{n}]"
        persons.append(p)
    _check_holders(session, r, persons)
    if r.problems:
        raise ExchangeInvalid(r.problems)
    return Checked(zones, devices, persons)


class _Lookup:
    """Reference lists and existing rows read once per document (10,000 persons must not mean 10,000 queries)."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self._districts: dict[tuple[str, str | None], str | reference.UnknownReference] = {}
        self.region_of = {d.code: d.region_code for d in reference.districts(session)}
        self.known_serials = set(session.scalars(select(Device.serial)))

    def district(self, text: str, region: str | None) -> str:
        key = (text, region)
        if key not in self._districts:
            try:
                self._districts[key] = reference.resolve_district(self.session, text, region)
            except reference.UnknownReference as exc:
                self._districts[key] = exc
        found = self._districts[key]
        if isinstance(found, reference.UnknownReference):
            raise found
        return found


def _check_zone(session: Session, r: _Reader, raw: Any, path: str) -> _Zone | None:
    z = r.obj(raw, path, ZONE_KEYS, ("ref", "name", "kind", "geometry"))
    if z is None:
        return None
    before = len(r.problems)
    ref = r.text(z.get("ref"), f"{path}.ref", True, 100)
    name = r.text(z.get("name"), f"{path}.name", True, 200)
    kind = z.get("kind")
    if kind is not None and kind not in ("exclusion", "inclusion"):
        r.bad(f"{path}.kind", f"{kind!r} is neither 'exclusion' nor 'inclusion'")
    buffer_m = r.number(z.get("buffer_m"), f"{path}.buffer_m", minimum=0) if "buffer_m" in z else 0.0
    district = ""
    if z.get("district") is not None:
        text = r.text(z.get("district"), f"{path}.district")
        if text:
            try:
                district = reference.resolve_district(session, text)
            except reference.UnknownReference as exc:
                r.bad(f"{path}.district", str(exc))
    geometry = _check_geometry(r, z.get("geometry"), z.get("radius_m"), f"{path}", "radius_m" in z)
    if len(r.problems) > before or ref is None or name is None or geometry is None:
        return None
    return _Zone(ref, name, str(kind), geometry, float(buffer_m or 0.0), district)


def _check_geometry(r: _Reader, geometry: Any, radius: Any, path: str, has_radius: bool) -> dict[str, Any] | None:
    if geometry is None:
        return None
    if not isinstance(geometry, dict) or geometry.get("type") not in ("Polygon", "MultiPolygon", "Point"):
        r.bad(f"{path}.geometry", "must be a GeoJSON Polygon, MultiPolygon or Point")
        return None
    if set(geometry) - {"type", "coordinates"}:
        r.bad(f"{path}.geometry", f"unknown key {sorted(set(geometry) - {'type', 'coordinates'})[0]!r}")
        return None
    if geometry["type"] == "Point":
        radius_m = r.number(radius, f"{path}.radius_m", above=0, required=True)
        coords = geometry.get("coordinates")
        if (not isinstance(coords, list) or len(coords) != 2
                or not all(isinstance(c, (int, float)) and not isinstance(c, bool) for c in coords)):
            r.bad(f"{path}.geometry.coordinates", "a Point needs [lon, lat]")
            return None
        if radius_m is None:
            return None
        try:
            geometry = validate_shape({"circle": {"center": coords, "radius_m": radius_m}}).geometry
        except ZoneShapeError as exc:
            r.bad(f"{path}.geometry", str(exc))
            return None
        # the drawn polygon is the editor's; the centre and radius stay exactly as exchanged
        geometry["circle"] = {"center": list(coords), "radius_m": radius}
        return geometry
    if has_radius:
        r.bad(f"{path}.radius_m", "only a Point has a radius")
    polygons = geometry.get("coordinates")
    parts = [polygons] if geometry["type"] == "Polygon" else polygons
    if not isinstance(parts, list) or not parts:
        r.bad(f"{path}.geometry.coordinates", "no polygon")
        return None
    for k, part in enumerate(parts):
        where = f"{path}.geometry.coordinates" + ("" if geometry["type"] == "Polygon" else f"[{k}]")
        try:
            poly = shape({"type": "Polygon", "coordinates": part})
        except (ValueError, TypeError, IndexError, AttributeError):
            r.bad(where, "not a polygon (rings of [lon, lat] that close)")
            return None
        if poly.is_empty or not poly.is_valid:
            reason = explain_validity(poly) if not poly.is_empty else "empty"
            message = ("the zone's border crosses itself" if "Self-intersection" in reason
                       else f"not a valid polygon ({reason})")
            r.bad(where, message)
            return None
        for x, y in poly.exterior.coords:
            if not (-180 <= x <= 180 and -90 <= y <= 90):
                r.bad(where, "a corner lies outside valid coordinates (lon-lat order?)")
                return None
    return {"type": geometry["type"], "coordinates": polygons}


def _check_device(session: Session, r: _Reader, raw: Any, path: str) -> _Device | None:
    from arm.protocols.device_models import model_error, normalize

    d = r.obj(raw, path, DEVICE_KEYS, ("serial", "type"))
    if d is None:
        return None
    before = len(r.problems)
    serial = r.text(d.get("serial"), f"{path}.serial", True, 32)
    if serial and not SERIAL_RE.fullmatch(serial) and not re.fullmatch(r"\d{8,17}", serial):
        r.bad(f"{path}.serial", f"{serial!r}: a serial is 4 to 20 of A-Z, 0-9 and '-' (or an IMEI)")
    kind = d.get("type")
    if kind is not None and kind not in {t.value for t in DeviceType}:
        r.bad(f"{path}.type", f"unknown device type {kind!r}")
    protocol = d.get("protocol")
    if protocol is not None and protocol not in {p.value for p in DeviceProtocol}:
        r.bad(f"{path}.protocol", f"unknown channel {protocol!r}")
    inventory_no = r.text(d.get("inventory_no"), f"{path}.inventory_no", limit=64)
    model = r.text(d.get("model"), f"{path}.model", limit=32)
    if model and (error := model_error(model)):
        r.bad(f"{path}.model", error)
    paired = r.text(d.get("paired_with"), f"{path}.paired_with", limit=32)
    if len(r.problems) > before or serial is None:
        return None
    return _Device(serial, str(kind), str(protocol or protocol_for_type(str(kind)).value), inventory_no or None,
                   normalize(model) if model else None, paired or None)


def _check_person(session: Session, r: _Reader, raw: Any, path: str, lookup: _Lookup, zone_kinds: dict[str, str],
                  doc_serials: set[str]) -> _Person | None:
    p = r.obj(raw, path, PERSON_KEYS, ("iin", "last_name", "first_name", "birth_date", "category",
                                       "supervision", "registered_on", "district"))
    if p is None:
        return None
    before = len(r.problems)
    v: dict[str, Any] = {}
    v["last_name"] = r.text(p.get("last_name"), f"{path}.last_name", True, 100)
    v["first_name"] = r.text(p.get("first_name"), f"{path}.first_name", True, 100)
    v["middle_name"] = r.text(p.get("middle_name"), f"{path}.middle_name", limit=100) or None
    v["birth_date"] = r.day(p.get("birth_date"), f"{path}.birth_date", True)
    iin = p.get("iin")
    if iin is not None:
        if not isinstance(iin, str):
            r.bad(f"{path}.iin", "must be a string of 12 digits")
        elif error := iin_error(iin, v["birth_date"]):
            r.bad(f"{path}.iin", error)
    v["iin"] = iin
    category = p.get("category")
    if category is not None and category not in {c.value for c in Category}:
        r.bad(f"{path}.category", f"unknown category {category!r}")
    v["category"] = category
    court = r.obj(p.get("court"), f"{path}.court", COURT_KEYS) if p.get("court") is not None else {}
    court = court or {}
    v["court_decision_no"] = r.text(court.get("decision_no"), f"{path}.court.decision_no", limit=255) or None
    v["court_decision_date"] = r.day(court.get("decision_date"), f"{path}.court.decision_date")
    v["court_name"] = r.text(court.get("name"), f"{path}.court.name", limit=255) or None
    sup = r.obj(p.get("supervision"), f"{path}.supervision", SUPERVISION_KEYS, ("start",)) \
        if p.get("supervision") is not None else None
    v["supervision_start"] = r.day((sup or {}).get("start"), f"{path}.supervision.start") if sup else None
    v["supervision_end"] = r.day((sup or {}).get("end"), f"{path}.supervision.end") if sup else None
    if v["supervision_start"] and v["supervision_end"] and v["supervision_end"] < v["supervision_start"]:
        r.bad(f"{path}.supervision.end", "before the start")
    v["registered_on"] = r.day(p.get("registered_on"), f"{path}.registered_on", True)
    v["deregistered_on"] = r.day(p.get("deregistered_on"), f"{path}.deregistered_on")
    if v["registered_on"] and v["deregistered_on"] and v["deregistered_on"] < v["registered_on"]:
        r.bad(f"{path}.deregistered_on", "before registered_on")
    region_code = None
    if (region_text := r.text(p.get("region"), f"{path}.region", limit=200)):
        try:
            region_code = reference.resolve_region(session, region_text)
        except reference.UnknownReference as exc:
            r.bad(f"{path}.region", str(exc))
    v["district"] = ""
    if (district_text := r.text(p.get("district"), f"{path}.district", True, 200)):
        try:
            v["district"] = lookup.district(district_text, region_code)
        except reference.UnknownReference as exc:
            r.bad(f"{path}.district", str(exc))
    v["region"] = lookup.region_of.get(v["district"], region_code or "")
    if region_code and v["district"] and lookup.region_of.get(v["district"]) != region_code:
        r.bad(f"{path}.region", f"the district {district_text!r} is not in {region_text!r}")
    v["officer"] = ""
    if (officer_text := r.text(p.get("officer"), f"{path}.officer", limit=200)) and v["district"]:
        try:
            v["officer"] = reference.resolve_officer(session, officer_text, v["district"])
        except reference.UnknownReference as exc:
            r.bad(f"{path}.officer", f"{exc} (the administrator adds officers to the reference list)")
    home = r.obj(p.get("home"), f"{path}.home", HOME_KEYS) if p.get("home") is not None else {}
    home = home or {}
    v["address"] = r.text(home.get("address"), f"{path}.home.address", limit=500) or ""
    v["home_lat"] = r.number(home.get("lat"), f"{path}.home.lat", minimum=-90)
    v["home_lon"] = r.number(home.get("lon"), f"{path}.home.lon", minimum=-180)
    if v["home_lat"] is not None and v["home_lat"] > 90:
        r.bad(f"{path}.home.lat", "must be <= 90")
    if v["home_lon"] is not None and v["home_lon"] > 180:
        r.bad(f"{path}.home.lon", "must be <= 180")
    radius = r.number(home.get("radius_m"), f"{path}.home.radius_m", above=0)
    v["home_radius_m"] = radius if radius is not None else 50.0
    v["phone"] = r.text(p.get("phone"), f"{path}.phone", limit=255) or None
    restrictions: list[_Restriction] = []
    seen: dict[tuple[str, str | None], int] = {}
    for k, raw_r in enumerate(r.items(p.get("restrictions"), f"{path}.restrictions")):
        rr = _check_restriction(r, raw_r, f"{path}.restrictions[{k}]", zone_kinds)
        if rr is None:
            continue
        key = (rr.kind, rr.zone_ref)
        if key in seen:
            r.bad(f"{path}.restrictions[{k}]", f"the same kind and zone as restrictions[{seen[key]}]")
        seen[key] = k
        restrictions.append(rr)
    for rr in restrictions:
        if rr.kind == "travel_permission" and rr.zone_ref and ("inclusion_zone", rr.zone_ref) not in seen:
            r.bad(f"{path}.restrictions[{seen[(rr.kind, rr.zone_ref)]}].zone",
                  f"the person has no inclusion_zone {rr.zone_ref!r} to travel out of")
        if rr.kind == "exclusion_zone" and ("inclusion_zone", rr.zone_ref) in seen:
            r.bad(f"{path}.restrictions[{seen[(rr.kind, rr.zone_ref)]}].zone",
                  f"zone {rr.zone_ref!r} would be both forbidden and required")
    devices: list[tuple[str, datetime, str]] = []
    for k, raw_d in enumerate(r.items(p.get("devices"), f"{path}.devices")):
        d = r.obj(raw_d, f"{path}.devices[{k}]", ISSUE_KEYS, ("serial", "issued_at", "issued_by"))
        if d is None:
            continue
        serial = r.text(d.get("serial"), f"{path}.devices[{k}].serial", True, 32)
        at = r.time(d.get("issued_at"), f"{path}.devices[{k}].issued_at", True)
        by = r.text(d.get("issued_by"), f"{path}.devices[{k}].issued_by", True, 64)
        if serial and serial not in doc_serials and serial not in lookup.known_serials:
            r.bad(f"{path}.devices[{k}].serial", f"{serial} is neither in devices nor known")
        if serial and at and by:
            devices.append((serial, at, by))
    if len(r.problems) > before:
        return None
    return _Person(path, v, restrictions, devices)


def _check_restriction(r: _Reader, raw: Any, path: str, zone_kinds: dict[str, str]) -> _Restriction | None:
    x = r.obj(raw, path, RESTRICTION_KEYS, ("kind", "valid_from"))
    if x is None:
        return None
    before = len(r.problems)
    kind = x.get("kind")
    if kind is not None and kind not in {k.value for k in RestrictionKind}:
        r.bad(f"{path}.kind", f"unknown restriction kind {kind!r}")
    zone = x.get("zone")
    if kind in ("exclusion_zone", "inclusion_zone", "travel_permission") and zone is None:
        r.bad(f"{path}.zone", "required for this kind")
    elif zone is not None and kind in ("curfew", "alcohol_ban"):
        r.bad(f"{path}.zone", f"a {kind} names no zone")
    elif zone is not None:
        if not isinstance(zone, str) or zone not in zone_kinds:
            r.bad(f"{path}.zone", f"no zone with ref {zone!r} in zones or already known")
        else:
            want = "inclusion" if kind in ("inclusion_zone", "travel_permission") else "exclusion"
            if zone_kinds[zone] not in (want, "home"):
                r.bad(f"{path}.zone", f"zone {zone!r} is an {zone_kinds[zone]} zone, not {want}")
    schedule = x.get("schedule")
    if schedule is not None:
        if not isinstance(schedule, list):
            r.bad(f"{path}.schedule", "must be a list of windows or null")
            schedule = None
        else:
            for w, window in enumerate(schedule):
                wpath = f"{path}.schedule[{w}]"
                win = r.obj(window, wpath, WINDOW_KEYS, ("start", "end"))
                if win is None:
                    continue
                days = win.get("days")
                if days is not None and (not isinstance(days, list) or not all(
                        isinstance(d, int) and not isinstance(d, bool) and 0 <= d <= 6 for d in days)):
                    r.bad(f"{wpath}.days", f"bad days {days!r}, expected a list of 0 (Monday)..6")
                for end in ("start", "end"):
                    value = win.get(end)
                    if value is not None and (not isinstance(value, str) or not _HHMM.fullmatch(value)):
                        r.bad(f"{wpath}.{end}", f"bad time {value!r}, expected HH:MM")
            if len(r.problems) == before:
                try:
                    validate_schedule(schedule)
                except ScheduleError as exc:
                    r.bad(f"{path}.schedule", str(exc))
    valid_from = r.time(x.get("valid_from"), f"{path}.valid_from", True)
    valid_until = r.time(x.get("valid_until"), f"{path}.valid_until")
    if valid_from and valid_until and valid_until <= valid_from:
        r.bad(f"{path}.valid_until", "not after valid_from")
    if kind == "travel_permission" and x.get("valid_until") is None:
        r.bad(f"{path}.valid_until", "a travel permission needs its end")
    note = r.text(x.get("note"), f"{path}.note", limit=5000) or ""
    if len(r.problems) > before or valid_from is None:
        return None
    return _Restriction(str(kind), zone, schedule, valid_from, valid_until, note)


def _check_holders(session: Session, r: _Reader, persons: list[_Person]) -> None:
    """A device the document issues must not be issued to someone else already."""
    wanted = {serial: p for p in persons for serial, _, _ in p.devices}
    if not wanted:
        return
    rows = session.execute(
        select(Device.serial, Person.iin, Person.last_name, Person.first_name)
        .join(Assignment, Assignment.device_id == Device.id).join(Person, Person.id == Assignment.person_id)
        .where(Assignment.returned_at.is_(None), Device.serial.in_(list(wanted)))).all()
    for serial, iin, last, first in rows:
        p = wanted[serial]
        if iin != p.values["iin"]:
            k = [s for s, _, _ in p.devices].index(serial)
            r.bad(f"{p.path}.devices[{k}].serial", f"{serial} is already issued to someone else ({last} {first})")


# ---------------------------------------------------------------- writing
def import_document(session: Session, actor: Actor, doc: Any) -> ImportSummary:
    """Check ``doc`` then write it all in the caller's transaction (``ExchangeInvalid``: nothing written)."""
    checked = check(session, doc)
    districts = {p.values["district"] for p in checked.persons} | {z.district for z in checked.zones}
    for area in (Area.PERSONS, Area.RESTRICTIONS):
        require_write(actor, area, *{p.values["district"] for p in checked.persons}, session=session,
                      object_type="caseload")
    if checked.zones:
        require_write(actor, Area.ZONES, *{z.district for z in checked.zones}, session=session,
                      object_type="caseload")
    if checked.devices or any(p.devices for p in checked.persons):
        require_write(actor, Area.DEVICES, *districts, session=session, object_type="caseload")
    summary = ImportSummary()
    zone_ids = _write_zones(session, checked.zones, summary)
    device_ids = _write_devices(session, checked.devices, summary)
    _write_persons(session, actor, checked.persons, zone_ids, device_ids, summary)
    summary.unchanged = not any(v for k, v in summary.as_dict().items() if k != "unchanged")
    if not summary.unchanged:
        session.flush()
        bump(session)
        audit.record(session, actor, "caseload.import", "caseload", "", **summary.as_dict())
    return summary


def _write_zones(session: Session, zones: list[_Zone], s: ImportSummary) -> dict[str, int]:
    ids = dict(session.execute(select(ZoneRef.ref, ZoneRef.zone_id)).all())
    now = datetime.now(UTC)
    for z in zones:
        row = session.get(Zone, ids[z.ref]) if z.ref in ids else None
        if row is None:
            row = Zone(name=z.name, kind=z.kind, geometry=z.geometry, buffer_m=z.buffer_m, district=z.district,
                       created_at=now)
            session.add(row)
            session.flush()
            session.add(ZoneRef(ref=z.ref, zone_id=row.id))
            ids[z.ref] = row.id
            s.zones_created += 1
        elif (row.name, str(row.kind), row.geometry, row.buffer_m, row.district) != (
                z.name, z.kind, z.geometry, z.buffer_m, z.district):
            row.name, row.geometry, row.buffer_m, row.district = z.name, z.geometry, z.buffer_m, z.district
            row.kind = ZoneKind(z.kind)
            row.updated_at = now
            s.zones_updated += 1
    return ids


def _write_devices(session: Session, devices: list[_Device], s: ImportSummary) -> dict[str, int]:
    rows = {d.serial: d for d in session.scalars(select(Device).where(Device.serial.in_([x.serial for x in devices])))}
    now = datetime.now(UTC)
    for d in devices:
        row = rows.get(d.serial)
        values = (d.type, d.protocol, d.inventory_no, d.model, d.paired_with)
        if row is None:
            row = Device(serial=d.serial, type=d.type, protocol=d.protocol, inventory_no=d.inventory_no, model=d.model,
                         paired_with=d.paired_with, status=DeviceStatus.IN_STOCK, created_at=now)
            session.add(row)
            rows[d.serial] = row
            s.devices_created += 1
        elif (str(row.type), str(row.protocol), row.inventory_no, row.model, row.paired_with) != values:
            row.type, row.protocol, row.inventory_no, row.model, row.paired_with = values  # type: ignore[assignment]
            if str(row.status) == DeviceStatus.UNREGISTERED.value:
                row.status = DeviceStatus.IN_STOCK
            s.devices_updated += 1
    session.flush()
    return {serial: row.id for serial, row in rows.items()}


PERSON_FIELDS = ("last_name", "first_name", "middle_name", "iin", "birth_date", "category", "court_decision_no",
                 "court_decision_date", "court_name", "supervision_start", "supervision_end", "address", "home_lat",
                 "home_lon", "home_radius_m", "region", "district", "officer", "registered_on", "deregistered_on",
                 "phone")


def _write_persons(session: Session, actor: Actor, persons: list[_Person], zone_ids: dict[str, int],
                   device_ids: dict[str, int], s: ImportSummary) -> None:
    """Persons, then their restrictions and issued devices, with a handful of queries for the whole document."""
    iins = [x.values["iin"] for x in persons]
    existing: dict[str, Person] = {}
    for chunk in range(0, len(iins), 500):
        existing.update({p.iin: p for p in session.scalars(select(Person).where(Person.iin.in_(iins[chunk:chunk + 500])))})
    now = datetime.now(UTC)
    rows: list[Person] = []
    with session.no_autoflush:
        for p in persons:
            row = existing.get(p.values["iin"])
            values = {k: p.values[k] for k in PERSON_FIELDS}
            if row is None:
                row = Person(created_at=now, notes="", **values)
                session.add(row)
                s.persons_created += 1
            elif any(getattr(row, k) != v for k, v in values.items()):
                for k, v in values.items():
                    setattr(row, k, v)
                s.persons_updated += 1
            rows.append(row)
    session.flush()
    s.person_ids = [r.id for r in rows]
    known = {r.id for r in existing.values()}
    current: dict[int, list[Restriction]] = {}
    if known:
        for restriction in session.scalars(select(Restriction).where(Restriction.person_id.in_(known))):
            current.setdefault(restriction.person_id, []).append(restriction)
    serials = [serial for p in persons for serial, _, _ in p.devices]
    open_rows: dict[int, Assignment] = {}
    if serials:
        ids = [device_ids.get(x) for x in serials]
        for a in session.scalars(select(Assignment).where(Assignment.returned_at.is_(None),
                                                          Assignment.device_id.in_([i for i in ids if i]))):
            open_rows[a.device_id] = a
    with session.no_autoflush:
        for p, row in zip(persons, rows, strict=True):
            _write_restrictions(session, row, p.restrictions, current.get(row.id, []), zone_ids, s)
            _write_issues(session, row, p.devices, device_ids, open_rows, s)
    session.flush()


def _write_restrictions(session: Session, person: Person, wanted: list[_Restriction], current: list[Restriction],
                        zone_ids: dict[str, int], s: ImportSummary) -> None:
    for rr in wanted:
        zone_id = zone_ids.get(rr.zone_ref) if rr.zone_ref else None
        same = [c for c in current if str(c.kind) == rr.kind and c.zone_id == zone_id]
        if len(same) == 1 and (same[0].schedule, same[0].valid_from, same[0].valid_until, same[0].note) == (
                rr.schedule, rr.valid_from, rr.valid_until, rr.note):
            continue
        for old in same[1:]:  # several of one kind and zone: the document's one replaces them all
            session.delete(old)
            s.restrictions_removed += 1
        if same:  # replaced in place: the row keeps its id (and its place in an export)
            row = same[0]
            row.schedule, row.valid_from, row.valid_until, row.note = (rr.schedule, rr.valid_from, rr.valid_until,
                                                                        rr.note)
            s.restrictions_removed += 1
        else:
            session.add(Restriction(person_id=person.id, kind=rr.kind, zone_id=zone_id, schedule=rr.schedule,
                                    valid_from=rr.valid_from, valid_until=rr.valid_until, note=rr.note,
                                    created_at=datetime.now(UTC)))
        s.restrictions_written += 1


def _write_issues(session: Session, person: Person, wanted: list[tuple[str, datetime, str]],
                  device_ids: dict[str, int], open_rows: dict[int, Assignment], s: ImportSummary) -> None:
    for serial, at, by in wanted:
        device_id = device_ids.get(serial) or session.scalar(select(Device.id).where(Device.serial == serial))
        if device_id is None:
            continue
        open_row = open_rows.get(device_id)
        if open_row is not None and open_row.person_id == person.id:
            if (open_row.issued_at, open_row.issued_by) != (at, by):
                open_row.issued_at, open_row.issued_by = at, by
                s.devices_issued += 1
            continue
        session.add(Assignment(device_id=device_id, person_id=person.id, issued_at=at, issued_by=by,
                               note="caseload import", received_by=person.full_name, technician_name=by))
        device = session.get(Device, device_id)
        if device is not None:
            device.status = DeviceStatus.ISSUED
        s.devices_issued += 1


# ---------------------------------------------------------------- export
#: the languages the format's official names are written in (``caseload-format.md``: Russian or Kazakh)
EXPORT_LANGUAGES = ("ru", "kk")


def export_document(session: Session, actor: Actor, district: str | None = None,
                    lang: str = "ru") -> dict[str, Any]:
    """The stored caseload (of one district, code or name, when given) as a version 1 document.

    Regions and districts are written by their official names in ``lang``
    (Russian or Kazakh, as the format allows; the importer reads both).
    """
    if lang not in EXPORT_LANGUAGES:
        raise ValueError(f"lang: {lang!r} is not one of {', '.join(EXPORT_LANGUAGES)}")
    from arm.access import require_in_district

    require_write(actor, Area.PERSONS, session=session, object_type="caseload")
    code = reference.resolve_district(session, district) if district else None
    if code:
        require_in_district(actor, code)
    names = {d.code: d.names.get(lang) for d in reference.districts(session, include_inactive=True)}
    region_names = {r.code: r.names.get(lang) for r in reference.regions(session, include_inactive=True)}
    officers = {o.code: o.full_name for o in reference.officers(session, include_inactive=True)}
    q = select(Person).order_by(Person.id)
    if code:
        q = q.where(Person.district == code)
    own = tuple(getattr(actor, "districts", None) or ())
    persons = [p for p in session.scalars(q) if not own or p.district in own]
    person_ids = [p.id for p in persons]
    restrictions: dict[int, list[Restriction]] = {}
    for row in session.scalars(select(Restriction).order_by(Restriction.id)):
        restrictions.setdefault(row.person_id, []).append(row)
    issues: dict[int, list[tuple[str, datetime, str]]] = {}
    for pid, serial, at, by in session.execute(
            select(Assignment.person_id, Device.serial, Assignment.issued_at, Assignment.issued_by)
            .join(Device, Device.id == Assignment.device_id).where(Assignment.returned_at.is_(None))
            .order_by(Assignment.id)):
        issues.setdefault(pid, []).append((serial, at, by))
    refs = {zone_id: ref for ref, zone_id in session.execute(select(ZoneRef.ref, ZoneRef.zone_id))}
    used_zones = {r.zone_id for pid in person_ids for r in restrictions.get(pid, []) if r.zone_id is not None}
    zones = [z for z in session.scalars(select(Zone).order_by(Zone.id))
             if z.id in used_zones or not code or z.district == code]
    issued_serials = {serial for pid in person_ids for serial, _, _ in issues.get(pid, [])}
    devices = [d for d in session.scalars(select(Device).order_by(Device.id))
               if str(d.status) not in (DeviceStatus.UNREGISTERED.value, DeviceStatus.REJECTED.value)
               and (not code or d.serial in issued_serials)]
    doc: dict[str, Any] = {
        "format": FORMAT, "version": VERSION,
        "exported_at": datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z"),
        "zones": [_zone_out(z, refs.get(z.id, f"zone-{z.id}"), names) for z in zones],
        "devices": [_device_out(d) for d in devices],
        "persons": [_person_out(p, restrictions.get(p.id, []), issues.get(p.id, []), refs, names, region_names,
                                officers) for p in persons],
    }
    audit.record(session, actor, "caseload.export", "caseload", code or "", persons=len(persons), lang=lang)
    return doc


def _drop_none(d: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in d.items() if v is not None}


def _time_out(value: datetime | None) -> str | None:
    return value.astimezone(DESK_ZONE).isoformat() if value is not None else None


def _day_out(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _num(value: float) -> float | int:
    return int(value) if float(value).is_integer() else value


def _zone_out(z: Zone, ref: str, names: dict[str, str]) -> dict[str, Any]:
    geometry = dict(z.geometry)
    out: dict[str, Any] = {"ref": ref, "name": z.name, "kind": str(z.kind)}
    circle = geometry.get("circle")
    if circle:
        out["geometry"] = {"type": "Point", "coordinates": list(circle["center"])}
        out["radius_m"] = _num(circle["radius_m"])
    else:
        out["geometry"] = {"type": geometry.get("type"), "coordinates": geometry.get("coordinates")}
    if z.buffer_m:
        out["buffer_m"] = _num(z.buffer_m)
    if z.district:
        out["district"] = names.get(z.district, z.district)
    return out


def _device_out(d: Device) -> dict[str, Any]:
    return _drop_none({"serial": d.serial, "type": str(d.type), "protocol": str(d.protocol),
                       "inventory_no": d.inventory_no, "model": d.model, "paired_with": d.paired_with})


def _person_out(p: Person, restrictions: list[Restriction], issues: list[tuple[str, datetime, str]],
                refs: dict[int, str], names: dict[str, str], region_names: dict[str, str],
                officers: dict[str, str]) -> dict[str, Any]:
    court = _drop_none({"decision_no": p.court_decision_no, "decision_date": _day_out(p.court_decision_date),
                        "name": p.court_name})
    home = None
    if p.address or p.home_lat is not None:
        home = _drop_none({"address": p.address or None, "lat": p.home_lat, "lon": p.home_lon,
                           "radius_m": _num(p.home_radius_m) if p.home_lat is not None else None})
    return _drop_none({
        "iin": p.iin, "last_name": p.last_name, "first_name": p.first_name, "middle_name": p.middle_name,
        "birth_date": _day_out(p.birth_date), "category": str(p.category), "court": court or None,
        "supervision": _drop_none({"start": _day_out(p.supervision_start), "end": _day_out(p.supervision_end)}),
        "registered_on": _day_out(p.registered_on), "deregistered_on": _day_out(p.deregistered_on),
        "district": names.get(p.district, p.district),
        "officer": officers.get(p.officer, p.officer) or None, "home": home, "phone": p.phone,
        "restrictions": [_drop_none({
            "kind": str(r.kind), "zone": refs.get(r.zone_id, f"zone-{r.zone_id}") if r.zone_id else None,
            "schedule": r.schedule, "valid_from": _time_out(r.valid_from), "valid_until": _time_out(r.valid_until),
            "note": r.note or None}) for r in restrictions] or None,
        "devices": [{"serial": serial, "issued_at": _time_out(at), "issued_by": by} for serial, at, by in issues]
        or None,
    })


def normalised(doc: dict[str, Any]) -> Any:
    """A document as compared for "the same document".

    No ``exported_at``; an optional key that is ``null``, or a device's
    ``protocol`` equal to its type's default, is the same as an absent one;
    times compare as UTC instants (export writes the desk's zone).
    """
    def walk(value: Any, key: str = "") -> Any:
        if isinstance(value, dict):
            out = {k: walk(v, k) for k, v in value.items() if v is not None and k != "exported_at"}
            if "serial" in out and "type" in out and out.get("protocol") == protocol_for_type(str(out["type"])).value:
                out.pop("protocol")
            return out
        if isinstance(value, list):
            return [walk(v) for v in value]
        if isinstance(value, str) and key in ("valid_from", "valid_until", "issued_at"):
            try:
                return datetime.fromisoformat(value.replace("Z", "+00:00")).astimezone(UTC)
            except ValueError:
                return value
        if isinstance(value, float) and value.is_integer():
            return int(value)
        return value

    return walk(doc)


__all__ = ["Checked", "ExchangeInvalid", "ImportSummary", "check", "export_document", "import_document",
           "normalised"]
