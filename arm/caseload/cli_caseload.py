"""``arm caseload import|export``, ``arm person list|show|register|restrict|deregister``, ``arm device add|issue|return``.

Scripts' face of the caseload services: each command is one transaction
(all or nothing), acts as ``--as LOGIN`` or as the owner of the database file
(a supervisor of every district), and prints text or, with ``--json``, one
JSON object per line. Bad input exits 2 naming the field, the JSON path or
the row; a refusal of rights exits 1.
"""

from __future__ import annotations

import argparse
import json
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from arm.caseload import exchange, lifecycle
from arm.caseload import reference as ref
from arm.caseload.cli_support import emit, run
from arm.caseload.persons import PersonDraft
from arm.caseload.restrictions import RestrictionDraft, add_restriction
from arm.cli_common import CommandFailed, UsageError, add_as_argument, add_db_argument
from db.models import Assignment, Device, DeviceStatus, DeviceType, Person, Restriction


class _DryRun(Exception):
    """Raised inside the transaction of ``--dry-run`` so that it rolls back; carries what would have been done."""

    def __init__(self, payload: dict[str, Any]) -> None:
        super().__init__("dry run")
        self.payload = payload


def _common(p: argparse.ArgumentParser, json_flag: bool = True) -> None:
    add_db_argument(p)
    add_as_argument(p)
    if json_flag:
        p.add_argument("--json", action="store_true", help="JSON output (one object per line)")


# ---------------------------------------------------------------- caseload import / export
def _read_json(path: Path) -> Any:
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except OSError as exc:
        raise UsageError(f"{path}: {exc.strerror or exc}") from exc
    except UnicodeDecodeError as exc:
        raise UsageError(f"{path}: not UTF-8 (byte {exc.start})") from exc
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise UsageError(f"{path}: not JSON: {exc.msg} at line {exc.lineno} column {exc.colno}") from exc


def _import(args: argparse.Namespace) -> int:
    doc = _read_json(args.file)

    def work(session: Session, actor: Any) -> None:
        try:
            summary = exchange.import_document(session, actor, doc)
        except exchange.ExchangeInvalid as exc:
            raise UsageError("the document was refused, nothing written:\n" + "\n".join(exc.problems)) from exc
        result = {"dry_run": bool(args.dry_run), **summary.as_dict()}
        if args.dry_run:
            raise _DryRun(result)
        _print_summary(args, result)

    try:
        return run(args, work, migrate=True)
    except _DryRun as dry:
        _print_summary(args, dry.payload)
        return 0


def _print_summary(args: argparse.Namespace, result: dict[str, Any]) -> None:
    parts = ", ".join(f"{k.replace('_', ' ')} {v}" for k, v in result.items() if isinstance(v, int)
                      and not isinstance(v, bool))
    head = "dry run, nothing written" if result.get("dry_run") else (
        "nothing changed" if result.get("unchanged") else "imported")
    emit(args, result, f"{head}: {parts}")


def _export(args: argparse.Namespace) -> int:
    from arm.safe_write import write_atomic

    def work(session: Session, actor: Any) -> None:
        try:
            doc = exchange.export_document(session, actor, args.district, args.lang)
        except ref.UnknownReference as exc:
            raise UsageError(f"--district: {exc}") from exc

        def write(tmp: Path) -> None:
            tmp.write_text(json.dumps(doc, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")

        write_atomic(args.out, write, force=args.force)
        emit(args, {"out": str(args.out), "persons": len(doc["persons"]), "zones": len(doc["zones"]),
                    "devices": len(doc["devices"])},
             f"exported {len(doc['persons'])} persons, {len(doc['zones'])} zones, {len(doc['devices'])} devices "
             f"to {args.out}")

    from arm.safe_write import UnsafeTarget

    try:
        return run(args, work)
    except UnsafeTarget as exc:
        raise CommandFailed(f"{exc} [{exc.code}]") from exc


# ---------------------------------------------------------------- persons
def _person_import(args: argparse.Namespace) -> int:
    from arm.caseload import tabular

    try:
        table = tabular.read_table(args.file)
        doc, header_of, rows = tabular.to_document(table)
    except OSError as exc:
        raise UsageError(f"{args.file}: {exc.strerror or exc}") from exc
    except tabular.TableInvalid as exc:
        raise UsageError("the file was refused, nothing written:\n" + "\n".join(exc.problems)) from exc

    def work(session: Session, actor: Any) -> None:
        try:
            summary = exchange.import_document(session, actor, doc)
        except exchange.ExchangeInvalid as exc:
            raise UsageError("the file was refused, nothing written:\n"
                             + "\n".join(tabular.row_problems(exc.problems, header_of, rows))) from exc
        result = {"dry_run": bool(args.dry_run), "unchanged": summary.unchanged, "rows": len(rows),
                  "encoding": table.encoding, "persons_created": summary.persons_created,
                  "persons_updated": summary.persons_updated}
        if args.dry_run:
            raise _DryRun(result)
        _print_summary(args, result)

    try:
        return run(args, work, migrate=True)
    except _DryRun as dry:
        _print_summary(args, dry.payload)
        return 0


def _person(session: Session, key: str) -> Person:
    q = select(Person).where(Person.iin == key) if not key.isdigit() or len(key) == 12 else \
        select(Person).where(Person.id == int(key))
    person = session.scalars(q).first()
    if person is None:
        raise UsageError(f"no person with IIN or id {key!r}")
    return person


def _visible(actor: Any, person: Person) -> None:
    from arm.access import AccessDenied, may_see_personal_data, require_in_district

    if not may_see_personal_data(actor):
        raise AccessDenied("denied.person_view", "Your role does not see persons' data.")
    require_in_district(actor, person.district)


def _person_obj(session: Session, p: Person, full: bool = False) -> dict[str, Any]:
    obj: dict[str, Any] = {
        "id": p.id, "iin": p.iin, "full_name": p.full_name, "birth_date": p.birth_date.isoformat(),
        "category": str(p.category), "region": p.region, "district": p.district,
        "district_name": ref.label(p.district, "ru", session), "officer": p.officer,
        "officer_name": ref.label(p.officer, "ru", session) if p.officer else "",
        "supervision_start": p.supervision_start.isoformat(),
        "supervision_end": p.supervision_end.isoformat() if p.supervision_end else None,
        "registered_on": p.registered_on.isoformat(),
        "deregistered_on": p.deregistered_on.isoformat() if p.deregistered_on else None,
    }
    if full:
        obj.update({
            "court_decision_no": p.court_decision_no,
            "court_decision_date": p.court_decision_date.isoformat() if p.court_decision_date else None,
            "court_name": p.court_name, "address": p.address, "home_lat": p.home_lat, "home_lon": p.home_lon,
            "phone": p.phone,
            "restrictions": [{"id": r.id, "kind": str(r.kind), "zone_id": r.zone_id, "schedule": r.schedule,
                              "valid_from": r.valid_from.isoformat(),
                              "valid_until": r.valid_until.isoformat() if r.valid_until else None, "note": r.note}
                             for r in session.scalars(select(Restriction).where(Restriction.person_id == p.id)
                                                      .order_by(Restriction.id))],
            "devices": [{"serial": serial, "issued_at": at.isoformat(), "issued_by": by, "received_by": rec}
                        for serial, at, by, rec in session.execute(
                            select(Device.serial, Assignment.issued_at, Assignment.issued_by, Assignment.received_by)
                            .join(Device, Device.id == Assignment.device_id)
                            .where(Assignment.person_id == p.id, Assignment.returned_at.is_(None)))],
        })
    return obj


def _person_list(args: argparse.Namespace) -> int:
    def work(session: Session, actor: Any) -> None:
        from arm.audit import record

        q = select(Person).order_by(Person.last_name, Person.first_name, Person.id)
        if args.district:
            try:
                q = q.where(Person.district == ref.resolve_district(session, args.district))
            except ref.UnknownReference as exc:
                raise UsageError(f"--district: {exc}") from exc
        if not args.all:
            q = q.where(Person.deregistered_on.is_(None))
        shown = 0
        for p in session.scalars(q):
            try:
                _visible(actor, p)
            except Exception:  # noqa: BLE001 - a person of another district is simply not listed
                continue
            shown += 1
            emit(args, _person_obj(session, p),
                 f"{p.iin}\t{p.full_name}\t{ref.label(p.district, 'ru', session)}"
                 + (f"\tderegistered {p.deregistered_on}" if p.deregistered_on else ""))
        record(session, actor, "cli_view_persons", "person", "", count=shown)

    return run(args, work)


def _person_show(args: argparse.Namespace) -> int:
    def work(session: Session, actor: Any) -> None:
        from arm.audit import record

        p = _person(session, args.person)
        _visible(actor, p)
        obj = _person_obj(session, p, full=True)
        record(session, actor, "person_view", "person", p.id, via="cli")
        if args.json:
            emit(args, obj, "")
            return
        for key, value in obj.items():
            print(f"{key}: {json.dumps(value, ensure_ascii=False) if isinstance(value, (list, dict)) else value}")

    return run(args, work)


def _person_deregister(args: argparse.Namespace) -> int:
    def work(session: Session, actor: Any) -> None:
        p = _person(session, args.person)
        done = lifecycle.deregister(session, actor, p.id, args.on, args.reason or "")
        emit(args, {"person_id": done.person_id, "on": done.on.isoformat(),
                    "ended_restrictions": list(done.ended_restrictions), "returned_devices": list(done.returned_devices)},
             f"{p.full_name} deregistered on {done.on}: {len(done.ended_restrictions)} restrictions ended, "
             f"devices returned: {', '.join(done.returned_devices) or 'none'}")

    return run(args, work)


def _person_register(args: argparse.Namespace) -> int:
    def work(session: Session, actor: Any) -> None:
        draft = PersonDraft(
            last_name=args.last_name, first_name=args.first_name, middle_name=args.middle_name, iin=args.iin,
            birth_date=args.birth_date, category=args.category, court_decision_no=args.court_no,
            court_decision_date=args.court_date, court_name=args.court_name, supervision_start=args.start,
            supervision_end=args.end, address=args.address or "", home_lat=args.lat, home_lon=args.lon,
            region=args.region or "", district=args.district, officer=args.officer or "", phone=args.phone,
            registered_on=args.registered_on or args.start,
        )
        saved = lifecycle.register(session, actor, draft)
        emit(args, {"person_id": saved.person_id, "iin": args.iin}, f"person {args.iin} registered (id {saved.person_id})")

    return run(args, work)


def _schedule(texts: list[str]) -> list[dict[str, Any]] | None:
    """``--window "0,1,2,3,4 22:00-06:00"`` (0 is Monday), ``--window "2026-12-31 22:00-24:00"`` (one date),
    ``--except "2026-12-31"`` or ``--except "2026-12-31 22:00-24:00"``, as schedule windows."""
    out: list[dict[str, Any]] = []
    for n, text in enumerate(texts):
        kind, _, rest = text.partition(":")
        parts = rest.split()
        try:
            head = parts[0]
            start, end = (parts[1].split("-", 1) if len(parts) > 1 else ("00:00", "00:00"))
        except (IndexError, ValueError):
            raise UsageError(f"--{kind} #{n + 1}: {rest!r} is not 'DAYS|DATE HH:MM-HH:MM'") from None
        if kind == "except":
            out.append({"except": head, "start": start, "end": end})
        elif "-" in head and len(head) == 10:
            out.append({"date": head, "start": start, "end": end})
        else:
            try:
                days = [int(d) for d in head.split(",")]
            except ValueError:
                raise UsageError(f"--window #{n + 1}: {head!r} is not a list of days 0 (Monday)..6") from None
            out.append({"days": days, "start": start, "end": end})
    return out or None


def _person_restrict(args: argparse.Namespace) -> int:
    def work(session: Session, actor: Any) -> None:
        from arm.caseload.zone_shapes import ZoneShapeError
        from arm.caseload.zones import ZoneDraft, save_zone

        p = _person(session, args.person)
        zone_id = args.zone
        if args.circle:
            try:
                lat, lon, radius = (float(x) for x in args.circle.split(","))
            except ValueError:
                raise UsageError(f"--circle: {args.circle!r} is not LAT,LON,RADIUS_M") from None
            kind = "inclusion" if args.kind in ("inclusion_zone", "travel_permission") else "exclusion"
            try:
                zone_id = save_zone(session, actor, None, ZoneDraft(
                    args.zone_name or f"{p.last_name}: {args.kind}", kind,
                    {"circle": {"center": [lon, lat], "radius_m": radius}}, args.buffer, p.district))
            except ZoneShapeError as exc:
                raise UsageError(f"--circle: {exc}") from exc
        windows = [f"window:{w}" for w in args.window] + [f"except:{w}" for w in args.except_]
        draft = RestrictionDraft(p.id, args.kind, args.valid_from or datetime.now(UTC), args.valid_until, zone_id,
                                 _schedule(windows), args.note or "")
        rid = add_restriction(session, actor, draft)
        emit(args, {"restriction_id": rid, "person_id": p.id, "zone_id": zone_id},
             f"restriction {rid} ({args.kind}) added to {p.full_name}" + (f", zone {zone_id}" if zone_id else ""))

    return run(args, work)


# ---------------------------------------------------------------- devices
def _device_row(session: Session, serial: str) -> Device:
    row = session.scalars(select(Device).where(Device.serial == serial)).first()
    if row is None:
        raise UsageError(f"no device {serial!r} in the inventory (add it: arm device add {serial} --type TYPE)")
    return row


def _device_add(args: argparse.Namespace) -> int:
    def work(session: Session, actor: Any) -> None:
        from arm import audit
        from arm.caseload.rights import Area, require_write
        from db.validation import validate_device

        require_write(actor, Area.DEVICES, session=session, object_type="device", object_id=args.serial)
        errors = validate_device({"serial": args.serial, "type": args.type})
        if errors:
            raise UsageError("\n".join(f"{k}: {v}" for k, v in errors.items()))
        if session.scalars(select(Device.id).where(Device.serial == args.serial)).first() is not None:
            raise UsageError(f"serial: {args.serial} is already in the inventory")
        if args.inventory_no and session.scalars(select(Device.id).where(Device.inventory_no == args.inventory_no)
                                                 ).first() is not None:
            raise UsageError(f"inventory_no: {args.inventory_no} is taken")
        row = Device(serial=args.serial, type=DeviceType(args.type), inventory_no=args.inventory_no or None,
                     status=DeviceStatus.IN_STOCK, created_at=datetime.now(UTC))
        session.add(row)
        session.flush()
        audit.record(session, actor, "device.register", "device", args.serial, type=args.type,
                     inventory_no=args.inventory_no or None)
        emit(args, {"serial": args.serial, "type": args.type, "status": "in_stock"},
             f"device {args.serial} ({args.type}) in stock")

    return run(args, work)


def _device_issue(args: argparse.Namespace) -> int:
    def work(session: Session, actor: Any) -> None:
        from arm.caseload.devices import issue

        device = _device_row(session, args.serial)
        p = _person(session, args.person)
        aid = issue(session, actor, device.id, p.id, args.note or "", received_by=args.received_by or "",
                    technician_name=args.technician or "")
        row = session.get(Assignment, aid)
        assert row is not None
        emit(args, {"serial": args.serial, "person_id": p.id, "assignment_id": aid, "received_by": row.received_by,
                    "technician_name": row.technician_name, "issued_at": row.issued_at.isoformat()},
             f"device {args.serial} issued to {p.full_name}; received by {row.received_by}, "
             f"handed over by {row.technician_name}")

    return run(args, work)


def _device_return(args: argparse.Namespace) -> int:
    def work(session: Session, actor: Any) -> None:
        from arm.caseload.devices import return_device

        device = _device_row(session, args.serial)
        return_device(session, actor, device.id, args.note or "", returned_by_name=args.returned_by or "",
                      technician_name=args.technician or "")
        row = session.scalars(select(Assignment).where(Assignment.device_id == device.id)
                              .order_by(Assignment.returned_at.desc(), Assignment.id.desc())).first()
        assert row is not None and row.returned_at is not None
        emit(args, {"serial": args.serial, "status": "in_stock", "person_id": row.person_id, "assignment_id": row.id,
                    "returned_by_name": row.returned_by_name, "technician_name": row.return_technician_name,
                    "returned_at": row.returned_at.isoformat()},
             f"device {args.serial} returned to stock; handed back by {row.returned_by_name}, "
             f"received by {row.return_technician_name}")

    return run(args, work)


# ---------------------------------------------------------------- parser
def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date YYYY-MM-DD") from None


def _time(text: str) -> datetime:
    try:
        value = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not an ISO 8601 time") from None
    if value.tzinfo is None:
        raise argparse.ArgumentTypeError(f"{text!r}: give the time zone (e.g. +05:00 or Z)")
    return value.astimezone(UTC)


def register_cli(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    c = sub.add_parser("caseload", help="caseload exchange documents (../shared/exchange/caseload-format.md)")
    csub = c.add_subparsers(dest="caseload_command", required=True, metavar="ACTION")
    imp = csub.add_parser("import", help="import a caseload document: all or nothing, every problem by JSON path")
    _common(imp)
    imp.add_argument("file", type=Path, metavar="FILE.json")
    imp.add_argument("--dry-run", action="store_true", help="check and count, write nothing")
    imp.set_defaults(handler=_import)
    exp = csub.add_parser("export", help="export the caseload (of one district) as a document")
    _common(exp)
    exp.add_argument("--district", help="only this district (code or name)")
    exp.add_argument("--lang", choices=exchange.EXPORT_LANGUAGES, default="ru",
                     help="language of the regions' and districts' official names (default ru)")
    exp.add_argument("--out", type=Path, required=True, metavar="FILE.json")
    exp.add_argument("--force", action="store_true", help="overwrite FILE.json")
    exp.set_defaults(handler=_export)

    p = sub.add_parser("person", help="supervised persons")
    psub = p.add_subparsers(dest="person_command", required=True, metavar="ACTION")
    im = psub.add_parser("import", help="import the registry's table (CSV in UTF-8 or cp1251, or XLSX): all or nothing")
    _common(im)
    im.add_argument("file", type=Path, metavar="FILE.csv|FILE.xlsx")
    im.add_argument("--dry-run", action="store_true", help="check every row, write nothing")
    im.set_defaults(handler=_person_import)
    ls = psub.add_parser("list", help="registered persons (of your districts)")
    _common(ls)
    ls.add_argument("--district", help="only this district (code or name)")
    ls.add_argument("--all", action="store_true", help="also deregistered persons")
    ls.set_defaults(handler=_person_list)
    sh = psub.add_parser("show", help="one person: card, restrictions, issued devices")
    _common(sh)
    sh.add_argument("person", metavar="IIN")
    sh.set_defaults(handler=_person_show)
    de = psub.add_parser("deregister", help="end supervision: restrictions end, devices returned, record kept")
    _common(de)
    de.add_argument("person", metavar="IIN")
    de.add_argument("--on", type=_date, help="deregistration date (default today)")
    de.add_argument("--reason", help="why (court decision, term ended...)")
    de.set_defaults(handler=_person_deregister)
    rg = psub.add_parser("register", help="register a person (IIN checked against the birth date)")
    _common(rg)
    for flag in ("--iin", "--last-name", "--first-name", "--category", "--court-no", "--district"):
        rg.add_argument(flag, required=True)
    rg.add_argument("--birth-date", type=_date, required=True)
    rg.add_argument("--court-date", type=_date, required=True)
    rg.add_argument("--start", type=_date, required=True, help="supervision start")
    for flag in ("--middle-name", "--court-name", "--region", "--officer", "--address", "--phone"):
        rg.add_argument(flag)
    rg.add_argument("--end", type=_date, help="supervision end")
    rg.add_argument("--registered-on", type=_date, help="default: the supervision start")
    rg.add_argument("--lat", type=float, help="home latitude")
    rg.add_argument("--lon", type=float, help="home longitude")
    rg.set_defaults(handler=_person_register)
    rs = psub.add_parser("restrict", help="add a restriction (curfew windows, a zone, alcohol, travel)")
    _common(rs)
    rs.add_argument("person", metavar="IIN")
    rs.add_argument("--kind", required=True,
                    choices=["curfew", "exclusion_zone", "inclusion_zone", "alcohol_ban", "travel_permission"])
    rs.add_argument("--window", action="append", default=[], metavar="DAYS|DATE HH:MM-HH:MM",
                    help="a schedule window, e.g. '0,1,2,3,4 22:00-06:00' (0 is Monday) or '2026-12-31 12:00-14:00'")
    rs.add_argument("--except", dest="except_", action="append", default=[], metavar="DATE [HH:MM-HH:MM]",
                    help="a date (and hours) the schedule is lifted")
    rs.add_argument("--zone", type=int, help="an existing zone id")
    rs.add_argument("--circle", metavar="LAT,LON,RADIUS_M", help="a new zone: a circle around a point (an address)")
    rs.add_argument("--zone-name", help="name of the new zone")
    rs.add_argument("--buffer", type=float, default=0.0, help="tolerance band of the new zone, metres")
    rs.add_argument("--from", dest="valid_from", type=_time, help="valid from (default now)")
    rs.add_argument("--until", dest="valid_until", type=_time, help="valid until")
    rs.add_argument("--note", help="e.g. the court's wording")
    rs.set_defaults(handler=_person_restrict)

    d = sub.add_parser("device", help="devices: add to stock, issue, return")
    dsub = d.add_subparsers(dest="device_command", required=True, metavar="ACTION")
    ad = dsub.add_parser("add", help="put a device in stock")
    _common(ad)
    ad.add_argument("serial", metavar="SERIAL")
    ad.add_argument("--type", required=True, choices=[t.value for t in DeviceType])
    ad.add_argument("--inventory-no")
    ad.set_defaults(handler=_device_add)
    iss = dsub.add_parser("issue", help="issue a device in stock to a person")
    _common(iss)
    iss.add_argument("serial", metavar="SERIAL")
    iss.add_argument("--person", required=True, metavar="IIN")
    iss.add_argument("--received-by", help="who took it (default: the person)")
    iss.add_argument("--technician", help="who handed it over (default: the acting user)")
    iss.add_argument("--note")
    iss.set_defaults(handler=_device_issue)
    rt = dsub.add_parser("return", help="take a device back into stock")
    _common(rt)
    rt.add_argument("serial", metavar="SERIAL")
    rt.add_argument("--returned-by", metavar="NAME", help="who handed it back (default: the person)")
    rt.add_argument("--technician", metavar="NAME", help="who took it back (default: the acting user)")
    rt.add_argument("--note")
    rt.set_defaults(handler=_device_return)

