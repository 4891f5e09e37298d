"""``arm reference list|add-officer|add-district|rename|deactivate|activate``: the reference lists from the shell.

Reading is open to every user; changes are the administrator's (without
``--as``: the owner of the database file, as administrator). Each change is
one audited call of :mod:`arm.caseload.reference`.
"""

from __future__ import annotations

import argparse
from typing import Any

from sqlalchemy.orm import Session

from arm.access import ADMINISTRATOR
from arm.caseload import reference as ref
from arm.caseload.cli_support import emit, run
from arm.cli_common import UsageError, add_as_argument, add_db_argument

KINDS = ("regions", "districts", "offices", "officers")


def _list(args: argparse.Namespace) -> int:
    def work(session: Session, actor: Any) -> None:
        region = ref.resolve_region(session, args.region) if args.region else None
        district = ref.resolve_district(session, args.district) if args.district else None
        if args.kind == "regions":
            for r in ref.regions(session, include_inactive=args.all):
                emit(args, {"code": r.code, "kind": r.kind, "ru": r.names.ru, "kk": r.names.kk, "en": r.names.en,
                            "active": r.active}, f"{r.code}\t{r.names.get(args.lang)}")
        elif args.kind == "districts":
            for d in ref.districts(session, region, include_inactive=args.all):
                emit(args, {"code": d.code, "region": d.region_code, "kind": d.kind, "ru": d.names.ru,
                            "kk": d.names.kk, "en": d.names.en, "active": d.active},
                     f"{d.code}\t{d.names.get(args.lang)}")
        elif args.kind == "offices":
            for o in ref.offices(session, district, include_inactive=args.all):
                emit(args, {"code": o.code, "district": o.district_code, "ru": o.names.ru, "kk": o.names.kk,
                            "en": o.names.en, "active": o.active}, f"{o.code}\t{o.names.get(args.lang)}")
        else:
            for f in ref.officers(session, district, include_inactive=args.all):
                emit(args, {"code": f.code, "full_name": f.full_name, "office": f.office_code,
                            "district": f.district_code, "position": f.position, "active": f.active},
                     f"{f.code}\t{f.full_name}\t{f.district_code}")

    return run(args, work)


def _add_officer(args: argparse.Namespace) -> int:
    def work(session: Session, actor: Any) -> None:
        district = ref.resolve_district(session, args.district)
        office = args.office or f"PO-{district}"
        officer = ref.add_officer(session, actor, args.full_name, office, code=args.code or "",
                                  position=args.position or "", login=args.login or "")
        emit(args, {"code": officer.code, "full_name": officer.full_name, "office": officer.office_code,
                    "district": officer.district_code}, f"officer {officer.code} added: {officer.full_name}")

    return run(args, work, shell_role=ADMINISTRATOR)


def _add_district(args: argparse.Namespace) -> int:
    def work(session: Session, actor: Any) -> None:
        region = ref.resolve_region(session, args.region)
        added = ref.add_district(session, actor, args.code, region, args.kind,
                                 ref.Names(args.ru, args.kk, args.en or args.ru), tuple(args.alias))
        emit(args, {"code": added.code, "region": added.region_code}, f"district {added.code} added")

    return run(args, work, shell_role=ADMINISTRATOR)


def _rename(args: argparse.Namespace) -> int:
    def work(session: Session, actor: Any) -> None:
        if args.kind == "officer":
            if not args.ru:
                raise UsageError("--ru: the officer's new full name")
            ref.rename(session, actor, args.kind, args.code, args.ru)
        else:
            if not (args.ru and args.kk):
                raise UsageError("--ru and --kk are required (and --en)")
            ref.rename(session, actor, args.kind, args.code, ref.Names(args.ru, args.kk, args.en or args.ru))
        emit(args, {"kind": args.kind, "code": args.code}, f"{args.kind} {args.code} renamed")

    return run(args, work, shell_role=ADMINISTRATOR)


def _active(active: bool) -> Any:
    def handler(args: argparse.Namespace) -> int:
        def work(session: Session, actor: Any) -> None:
            ref.set_active(session, actor, args.kind, args.code, active)
            emit(args, {"kind": args.kind, "code": args.code, "active": active},
                 f"{args.kind} {args.code} {'activated' if active else 'deactivated'}")

        return run(args, work, shell_role=ADMINISTRATOR)

    return handler


def _common(p: argparse.ArgumentParser) -> None:
    add_db_argument(p)
    add_as_argument(p)
    p.add_argument("--json", action="store_true", help="one JSON object per line")


def register_cli(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    r = sub.add_parser("reference", help="reference lists: regions, districts, probation offices, officers")
    rsub = r.add_subparsers(dest="reference_command", required=True, metavar="ACTION")
    ls = rsub.add_parser("list", help="list a reference list")
    _common(ls)
    ls.add_argument("kind", choices=KINDS)
    ls.add_argument("--region", help="districts of this region (code or name)")
    ls.add_argument("--district", help="offices or officers of this district (code or name)")
    ls.add_argument("--all", action="store_true", help="deactivated rows too")
    ls.add_argument("--lang", choices=["ru", "kk", "en"], default="ru", help="language of the names shown")
    ls.set_defaults(handler=_list)
    ao = rsub.add_parser("add-officer", help="add a probation officer (administrator)")
    _common(ao)
    ao.add_argument("full_name")
    ao.add_argument("--district", required=True, help="the officer's district (code or name)")
    ao.add_argument("--office", help="office code (default: the district's, PO-<district>)")
    ao.add_argument("--code", help="officer code (default: OF-NNNN)")
    ao.add_argument("--position")
    ao.add_argument("--login", help="the officer's ARM login, if any")
    ao.set_defaults(handler=_add_officer)
    ad = rsub.add_parser("add-district", help="add a district or a city of regional significance (administrator)")
    _common(ad)
    ad.add_argument("code")
    ad.add_argument("--region", required=True)
    ad.add_argument("--kind", choices=["district", "city"], default="district")
    ad.add_argument("--ru", required=True)
    ad.add_argument("--kk", required=True)
    ad.add_argument("--en")
    ad.add_argument("--alias", action="append", default=[], help="a former name (repeatable)")
    ad.set_defaults(handler=_add_district)
    rn = rsub.add_parser("rename", help="rename a row (administrator)")
    _common(rn)
    rn.add_argument("kind", choices=[k.value for k in ref.RefKind])
    rn.add_argument("code")
    rn.add_argument("--ru", help="Russian name (an officer's full name)")
    rn.add_argument("--kk")
    rn.add_argument("--en")
    rn.set_defaults(handler=_rename)
    for name, active in (("deactivate", False), ("activate", True)):
        p = rsub.add_parser(name, help=f"{name} a row (administrator): still shown where used, offered nowhere"
                            if not active else "offer a deactivated row again (administrator)")
        _common(p)
        p.add_argument("kind", choices=[k.value for k in ref.RefKind])
        p.add_argument("code")
        p.set_defaults(handler=_active(active))
