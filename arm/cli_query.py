"""``arm events|positions|alarms|journal``: the journals for scripts and supervisors.

``--json`` prints one JSON object per line, times in ISO 8601 UTC. Every query
returns personal data (tracks, alarms, journal entries of persons), so every
run is recorded in the audit journal like any view: who (``--as LOGIN`` after
its password, else ``cli:<os user>``), which command and which filter (device,
person, since/until, the districts the user is limited to) and how many rows.
With ``--as`` the rows are those the user's role and districts may see.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Select, or_, select
from sqlalchemy.orm import Session, aliased

from arm import access, audit, messages
from arm.cli_common import (
    CommandFailed,
    UsageError,
    add_as_argument,
    add_db_argument,
    cli_actor,
    open_db,
    run_as,
)
from db.models import Alarm, Assignment, Device, DeviceEventRow, Person, Position, ViolationEntry
from db.types import comparable


def parse_time(text: str, option: str) -> datetime:
    """ISO 8601 date or date-time; without a zone it is taken as UTC."""
    try:
        value = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise UsageError(f"{option}: {text!r} is not an ISO 8601 time (e.g. 2026-11-22T09:30:00Z)") from None
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def iso(value: datetime | date | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat().replace("+00:00", "Z")
    return value.isoformat()


def _person_id(session: Session, ref: str) -> int:
    """``--person`` takes the record id or the IIN."""
    if ref.isdigit() and len(ref) == 12:
        pid = session.execute(select(Person.id).where(Person.iin == ref)).scalar_one_or_none()
    elif ref.isdigit():
        pid = int(ref) if session.get(Person, int(ref)) is not None else None
    else:
        pid = None
    if not pid:
        raise UsageError(f"--person: no person with id or IIN {ref!r}")
    return pid


def _device_id(session: Session, serial: str) -> int:
    did = session.execute(select(Device.id).where(Device.serial == serial)).scalar_one_or_none()
    if did is None:
        raise UsageError(f"--device: no device with serial {serial!r}")
    return did


def _worn_by(time_col: Any, device_col: Any, person_id: int) -> Any:
    """Rows whose device was issued to the person at the row's time (``time_col``: a history time,
    ``db.types.UtcTime``; the assignment's times are made comparable with it)."""
    a = aliased(Assignment)
    return (
        select(a.id)
        .where(
            a.person_id == person_id,
            a.device_id == device_col,
            comparable(a.issued_at) <= time_col,
            or_(a.returned_at.is_(None), comparable(a.returned_at) > time_col),
        )
        .exists()
    )


Districts = frozenset[str] | None  # None: every district


def _worn_in(time_col: Any, device_col: Any, districts: frozenset[str]) -> Any:
    """Rows whose device was issued, at the row's time (a history time, as in :func:`_worn_by`), to a
    person of one of ``districts``."""
    a = aliased(Assignment)
    return (
        select(a.id)
        .join(Person, Person.id == a.person_id)
        .where(
            a.device_id == device_col,
            comparable(a.issued_at) <= time_col,
            or_(a.returned_at.is_(None), comparable(a.returned_at) > time_col),
            Person.district.in_(districts),
        )
        .exists()
    )


def _persons_in(districts: frozenset[str]) -> Any:
    return select(Person.id).where(Person.district.in_(districts))


def _window(stmt: Select[*tuple[Any, ...]], col: Any, args: argparse.Namespace) -> Select[*tuple[Any, ...]]:
    if args.since:
        stmt = stmt.where(col >= args.since)
    if args.until:
        stmt = stmt.where(col < args.until)
    return stmt


def _events(session: Session, args: argparse.Namespace, districts: Districts) -> Iterator[dict[str, Any]]:
    stmt: Select[*tuple[Any, ...]] = select(DeviceEventRow, Device.serial).join(Device, Device.id == DeviceEventRow.device_id)
    stmt = _window(stmt, DeviceEventRow.time, args)
    if districts is not None:
        stmt = stmt.where(_worn_in(DeviceEventRow.time, DeviceEventRow.device_id, districts))
    if args.device:
        stmt = stmt.where(DeviceEventRow.device_id == _device_id(session, args.device))
    if args.person:
        stmt = stmt.where(_worn_by(DeviceEventRow.time, DeviceEventRow.device_id, _person_id(session, args.person)))
    stmt = stmt.order_by(DeviceEventRow.time, DeviceEventRow.id).limit(args.limit)
    for ev, serial in session.execute(stmt):
        yield {
            "serial": serial,
            "evseq": ev.evseq,
            "time": iso(ev.time),
            "kind": ev.kind,
            "source": ev.source,
            "received": iso(ev.received),
            "fields": ev.fields,
        }


def _positions(session: Session, args: argparse.Namespace, districts: Districts) -> Iterator[dict[str, Any]]:
    stmt: Select[*tuple[Any, ...]] = select(Position, Device.serial).join(Device, Device.id == Position.device_id)
    stmt = _window(stmt, Position.time, args)
    if districts is not None:
        stmt = stmt.where(_worn_in(Position.time, Position.device_id, districts))
    if args.device:
        stmt = stmt.where(Position.device_id == _device_id(session, args.device))
    if args.person:
        stmt = stmt.where(_worn_by(Position.time, Position.device_id, _person_id(session, args.person)))
    stmt = stmt.order_by(Position.time, Position.id).limit(args.limit)
    for pos, serial in session.execute(stmt):
        yield {
            "serial": serial,
            "time": iso(pos.time),
            "lat": pos.lat,
            "lon": pos.lon,
            "fix": pos.fix,
            "sats": pos.sats,
            "hdop": pos.hdop,
            "accuracy_m": pos.accuracy_m,
            "speed_kmh": pos.speed_kmh,
            "course": pos.course,
        }


def _alarms(session: Session, args: argparse.Namespace, districts: Districts) -> Iterator[dict[str, Any]]:
    stmt: Select[*tuple[Any, ...]] = select(Alarm, Device.serial).outerjoin(Device, Device.id == Alarm.device_id)
    stmt = _window(stmt, Alarm.raised_at, args)
    if districts is not None:
        stmt = stmt.where(Alarm.person_id.in_(_persons_in(districts)))
    if args.device:
        stmt = stmt.where(Alarm.device_id == _device_id(session, args.device))
    if args.person:
        stmt = stmt.where(Alarm.person_id == _person_id(session, args.person))
    stmt = stmt.order_by(Alarm.raised_at, Alarm.id).limit(args.limit)
    for alarm, serial in session.execute(stmt):
        yield {
            "id": alarm.id,
            "time": iso(alarm.raised_at),
            "serial": serial,
            "person_id": alarm.person_id,
            "kind": alarm.kind,
            "priority": alarm.priority,
            "state": alarm.state,
            "acknowledged": alarm.acknowledged,
            "acknowledged_by": alarm.acknowledged_by,
            "acknowledged_at": iso(alarm.acknowledged_at),
            "closed_at": iso(alarm.closed_at),
            "resolution": alarm.resolution,
            "message": messages.render(alarm.message, "en"),
        }


def _journal(session: Session, args: argparse.Namespace, districts: Districts) -> Iterator[dict[str, Any]]:
    stmt: Select[*tuple[Any, ...]] = (
        select(ViolationEntry, Person, Device.serial)
        .join(Person, Person.id == ViolationEntry.person_id)
        .outerjoin(Device, Device.id == ViolationEntry.device_id)
    )
    stmt = _window(stmt, ViolationEntry.detected_at, args)
    if districts is not None:
        stmt = stmt.where(ViolationEntry.person_id.in_(_persons_in(districts)))
    if args.device:
        stmt = stmt.where(ViolationEntry.device_id == _device_id(session, args.device))
    if args.person:
        stmt = stmt.where(ViolationEntry.person_id == _person_id(session, args.person))
    stmt = stmt.order_by(ViolationEntry.detected_at, ViolationEntry.id).limit(args.limit)
    for entry, person, serial in session.execute(stmt):
        yield {
            "id": entry.id,
            "time": iso(entry.detected_at),
            "person_id": person.id,
            "person": person.full_name,
            "serial": serial,
            "violation": entry.violation,
            "detected_by": entry.detected_by,
            "measures": entry.measures,
            "reported_to": entry.reported_to,
            "reported_at": iso(entry.reported_at),
            "operator": entry.operator,
            "corrects_id": entry.corrects_id,
        }


Query = Callable[[Session, argparse.Namespace, Districts], Iterator[dict[str, Any]]]

#: name -> (query, help, the journal whose access rule applies; None: tracks, for personal-data roles)
QUERIES: dict[str, tuple[Query, str, access.Journal | None]] = {
    "events": (_events, "device events (stored once per device and evseq)", None),
    "positions": (_positions, "located fixes", None),
    "alarms": (_alarms, "alarms and their state", access.Journal.ALARMS),
    "journal": (_journal, "the journal of violations found by electronic means", access.Journal.VIOLATIONS),
}


def _districts(actor: Any, journal: access.Journal | None) -> Districts:
    """The districts ``actor`` may read (None: all), or ``AccessDenied`` for a role without personal data."""
    if journal is not None:
        return access.scope_for(actor, journal).districts
    if not access.may_see_personal_data(actor):
        raise access.AccessDenied(
            "denied.personal_data", f"The role {actor.role!r} may not read the tracks and events of persons."
        )
    raw = getattr(actor, "districts", None)
    if raw is None or (actor.role == access.OPERATOR and not raw):
        return None  # the shell user; an operator of a central desk (no district assigned)
    return frozenset(raw)


def _text_line(row: dict[str, Any]) -> str:
    parts = []
    for key, value in row.items():
        if value is None or value == {} or value == "":
            continue
        shown = json.dumps(value, ensure_ascii=False) if isinstance(value, (dict, list)) else str(value)
        parts.append(f"{key}={shown}")
    return "  ".join(parts)


def _run_query(name: str, args: argparse.Namespace) -> int:
    query, _, journal = QUERIES[name]

    def work(session: Session, actor: Any) -> int:
        districts = _districts(actor, journal)
        count = 0
        for row in query(session, args, districts):
            print(json.dumps(row, ensure_ascii=False) if args.json else _text_line(row), flush=False)
            count += 1
        audit.record(
            session, actor, f"cli_view_{name}", "query", "",
            device=args.device, person=args.person, since=iso(args.since), until=iso(args.until),
            district=sorted(districts) if districts is not None else None, limit=args.limit, rows=count,
        )
        return 0

    return run_as(args, work)


def _verify(args: argparse.Namespace) -> int:
    """Every chain with the key, against the latest checkpoints, as the user who may verify; exit 1 on any finding."""
    from arm.journal_anchor.verify import verify_journals

    found: list[Any] = []

    def work(session: Session, actor: Any) -> int:
        access.require(actor, access.Action.VERIFY)
        found.extend(verify_journals(session))
        audit.record(session, actor, "journal_verify", "journal", "", problems=len(found),
                     codes=sorted({p.code for p in found}))
        return 0

    run_as(args, work)
    problems = found
    for problem in problems:
        print(json.dumps(problem.as_dict(), ensure_ascii=False) if args.json else f"[{problem.code}] {problem}")
    if problems:
        raise CommandFailed(f"{len(problems)} integrity problem(s) found")
    print("all journals intact")
    return 0


def _checkpoint(args: argparse.Namespace) -> int:
    """``arm journal checkpoint``: a signed checkpoint of every keyed chain now."""
    from arm.journal_anchor import checkpoints

    db = open_db(args.db)
    written = checkpoints.take_now(db, "manual")
    for cp in written:
        print(f"journal checkpoint: {checkpoints.describe(cp)}")
    if not written:
        print("no keyed journal to checkpoint yet")
    return 0


def _rekey(args: argparse.Namespace) -> int:
    """``arm journal rekey [--new-key]``: key the plain chains, or rotate the key."""
    from arm.cli_common import CommandFailed
    from arm.journal_anchor import checkpoints, rekey
    from arm.journal_anchor.key import KeyFileError
    from db.integrity import ChainKeyError

    db = open_db(args.db)  # keys plain chains on the way in
    try:
        result = rekey.rotate_key(db, cli_actor()) if args.new_key else rekey.rekey(db, cli_actor())
    except (KeyFileError, ChainKeyError) as exc:
        raise CommandFailed(str(exc)) from exc
    if result.refused:
        raise CommandFailed(result.refused)
    if not result.rows:
        print("every journal is already keyed with the journal key")
    for journal, rows in result.rows.items():
        print(f"{journal}: {rows} rows re-keyed")
    for cp in result.checkpoints:
        print(f"journal checkpoint: {checkpoints.describe(cp)}")
    return 0


JOURNAL_ACTIONS: dict[str, Callable[[argparse.Namespace], int]] = {
    "verify": _verify, "checkpoint": _checkpoint, "rekey": _rekey,
}


def _journal_command(args: argparse.Namespace) -> int:
    action = JOURNAL_ACTIONS.get(args.action)
    if action is None:
        return _run_query("journal", args)
    if args.new_key and args.action != "rekey":
        raise UsageError("--new-key goes with: arm journal rekey")
    return action(args)


def _add_filters(p: argparse.ArgumentParser) -> None:
    add_db_argument(p)
    add_as_argument(p)
    p.add_argument("--device", metavar="SERIAL", help="only this device (serial or IMEI)")
    p.add_argument("--person", metavar="ID|IIN", help="only this person (record id or IIN)")
    p.add_argument("--since", metavar="TIME", type=_time_arg, help="from (ISO 8601; UTC unless a zone is given)")
    p.add_argument("--until", metavar="TIME", type=_time_arg, help="before (ISO 8601; UTC unless a zone is given)")
    p.add_argument("--json", action="store_true", help="one JSON object per line")
    p.add_argument("--limit", type=_positive, default=1_000_000, help="at most this many rows")


def _time_arg(text: str) -> datetime:
    try:
        return parse_time(text, "time")
    except UsageError:
        raise argparse.ArgumentTypeError(f"{text!r} is not an ISO 8601 time (e.g. 2026-11-22T09:30:00Z)") from None


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value <= 0:
        raise argparse.ArgumentTypeError("must be positive")
    return value


def _check_window(handler: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
    def run(args: argparse.Namespace) -> int:
        if args.since and args.until and args.until <= args.since:
            raise UsageError("--until must be after --since")
        return handler(args)

    return run


def _query_handler(name: str) -> Callable[[argparse.Namespace], int]:
    def run(args: argparse.Namespace) -> int:
        return _run_query(name, args)

    return run


def register_cli(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    for name, (_, help_text, _) in QUERIES.items():
        p = sub.add_parser(name, help=help_text)
        _add_filters(p)
        if name == "journal":
            p.add_argument("action", nargs="?", choices=["list", *JOURNAL_ACTIONS], default="list",
                           help="list entries (default); verify the keyed hash chains and the checkpoints; "
                                "write a checkpoint; re-key the chains (once, or --new-key to rotate the key)")
            p.add_argument("--new-key", action="store_true", help="rekey: rotate the journal key")
            p.set_defaults(handler=_check_window(_journal_command))
        else:
            p.set_defaults(handler=_check_window(_query_handler(name)))


__all__ = ["iso", "parse_time", "register_cli"]
