"""The device inventory as the technician sees it: every device with its holder, and its history.

Serial ICD units and bracelets and network trackers (GT06, watches, phones)
alike. Read functions over a caller's session; the inventory's changes
(register, reject, issue, return, model, pairing) are the caseload service
:mod:`arm.caseload.devices`, access-checked and audited. Errors are
:class:`InventoryError` with a stable ``code`` that widgets translate.
The inventory shows only a holder's name: no other personal data.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from arm import audit
from db.models import Assignment, Device, DeviceStatus, Person

#: Inventory states a device can be issued from.
ISSUABLE = {DeviceStatus.IN_STOCK.value}


class InventoryError(Exception):
    """A refused inventory action; ``code`` is stable, the text is English."""

    def __init__(self, code: str, text: str) -> None:
        super().__init__(text)
        self.code = code


@dataclass(frozen=True, slots=True)
class InventoryRow:
    device_id: int
    serial: str
    inventory_no: str
    type: str
    firmware: str
    status: str
    holder: str  # full name of the person holding it, or ""
    holder_id: int | None
    last_contact: datetime | None
    battery: int | None
    paired_with: str
    model: str = ""  # tracker model a network listener decodes with ("" = default layout)
    protocol: str = ""  # the only channel its reports are accepted on (db.models.DeviceProtocol)


@dataclass(frozen=True, slots=True)
class HistoryRow:
    person: str
    issued_at: datetime
    issued_by: str
    returned_at: datetime | None
    returned_by: str
    note: str
    #: the names on the issue act (who received it, the technician who handed it over)
    received_by: str = ""
    technician_name: str = ""
    #: the names on the return act (who handed it back, the technician who took it back)
    returned_by_name: str = ""
    return_technician_name: str = ""


def list_devices(session: Session) -> list[InventoryRow]:
    return list_devices_where(session)


def history(session: Session, device_id: int) -> list[HistoryRow]:
    q = (
        select(Assignment, Person)
        .join(Person, Person.id == Assignment.person_id)
        .where(Assignment.device_id == device_id)
        .order_by(Assignment.issued_at.desc())
    )
    return [
        HistoryRow(p.full_name, a.issued_at, a.issued_by, a.returned_at, a.returned_by or "", a.note,
                   a.received_by or "", a.technician_name or "", a.returned_by_name or "",
                   a.return_technician_name or "")
        for a, p in session.execute(q).all()
    ]


def persons_for_issue(session: Session) -> list[tuple[int, str]]:
    """People under supervision, by name only (what a technician needs to hand a device over)."""
    q = select(Person).where(Person.deregistered_on.is_(None)).order_by(Person.last_name, Person.first_name)
    return [(p.id, p.full_name) for p in session.execute(q).scalars()]


def record_step(session: Session, actor: Any, action: str, serial: str, **detail: Any) -> None:
    """Audit a view or a step that changes no row (inventory shown, tamper test run, a failed read)."""
    audit.record(session, actor, action, "device", serial, **detail)


def device_row(session: Session, device_id: int) -> InventoryRow | None:
    """One device as the inventory lists it (the pairing wizard asks what its record still lacks)."""
    return next((r for r in list_devices_where(session, Device.id == device_id)), None)


def list_devices_where(session: Session, *where: Any) -> list[InventoryRow]:
    """:func:`list_devices` narrowed by SQLAlchemy conditions on :class:`Device`."""
    open_assign = (
        select(Assignment.device_id, Person.id, Person.last_name, Person.first_name, Person.middle_name)
        .join(Person, Person.id == Assignment.person_id)
        .where(Assignment.returned_at.is_(None))
    )
    holders = {r[0]: (r[1], " ".join(p for p in r[2:] if p)) for r in session.execute(open_assign)}
    rows = []
    for d in session.execute(select(Device).where(*where).order_by(Device.serial)).scalars():
        holder_id, holder = holders.get(d.id, (None, ""))
        rows.append(
            InventoryRow(
                d.id, d.serial, d.inventory_no or "", str(d.type), d.firmware or "", str(d.status),
                holder, holder_id, d.last_contact, d.battery, d.paired_with or "", model=d.model or "",
                protocol=str(d.protocol or ""),
            )
        )
    return rows
