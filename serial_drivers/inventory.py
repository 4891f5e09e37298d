"""The technician's device inventory: register, reject, issue, return; with history.

Pure data functions over a caller's session (the caller owns the transaction,
STYLE.md); every change is written to the audit journal in the same
transaction, so an action and its record cannot part. Errors are
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
from arm.events import utcnow
from db.models import Assignment, Device, DeviceStatus, DeviceType, Person
from serial_drivers.icd.codec import SERIAL_RE, DeviceInfo

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


@dataclass(frozen=True, slots=True)
class HistoryRow:
    person: str
    issued_at: datetime
    issued_by: str
    returned_at: datetime | None
    returned_by: str
    note: str


def list_devices(session: Session) -> list[InventoryRow]:
    open_assign = (
        select(Assignment.device_id, Person.id, Person.last_name, Person.first_name, Person.middle_name)
        .join(Person, Person.id == Assignment.person_id)
        .where(Assignment.returned_at.is_(None))
    )
    holders = {r[0]: (r[1], " ".join(p for p in r[2:] if p)) for r in session.execute(open_assign)}
    rows = []
    for d in session.execute(select(Device).order_by(Device.serial)).scalars():
        holder_id, holder = holders.get(d.id, (None, ""))
        rows.append(
            InventoryRow(
                d.id, d.serial, d.inventory_no or "", str(d.type), d.firmware or "", str(d.status),
                holder, holder_id, d.last_contact, d.battery, d.paired_with or "", model=d.model or "",
            )
        )
    return rows


def history(session: Session, device_id: int) -> list[HistoryRow]:
    q = (
        select(Assignment, Person)
        .join(Person, Person.id == Assignment.person_id)
        .where(Assignment.device_id == device_id)
        .order_by(Assignment.issued_at.desc())
    )
    return [
        HistoryRow(p.full_name, a.issued_at, a.issued_by, a.returned_at, a.returned_by or "", a.note)
        for a, p in session.execute(q).all()
    ]


def persons_for_issue(session: Session) -> list[tuple[int, str]]:
    """People under supervision, by name only (what a technician needs to hand a device over)."""
    q = select(Person).where(Person.deregistered_on.is_(None)).order_by(Person.last_name, Person.first_name)
    return [(p.id, p.full_name) for p in session.execute(q).scalars()]


def _device(session: Session, device_id: int) -> Device:
    device = session.get(Device, device_id)
    if device is None:
        raise InventoryError("NO_DEVICE", "The device is not in the inventory.")
    return device


def _check_inventory_no(session: Session, device: Device, inventory_no: str) -> str:
    value = inventory_no.strip()
    if not value:
        return device.inventory_no or ""
    if len(value) > 64:
        raise InventoryError("INVENTORY_NO_LONG", "The inventory number is longer than 64 characters.")
    clash = session.execute(
        select(Device.serial).where(Device.inventory_no == value, Device.id != device.id)
    ).scalar()
    if clash:
        raise InventoryError("INVENTORY_NO_TAKEN", f"The inventory number is already used by {clash}.")
    return value


def register(session: Session, actor: Any, device_id: int, inventory_no: str = "") -> None:
    """Accept a device heard on the wire (or a rejected one) into stock."""
    device = _device(session, device_id)
    if str(device.status) not in (DeviceStatus.UNREGISTERED.value, DeviceStatus.REJECTED.value):
        raise InventoryError("NOT_UNREGISTERED", "Only an unregistered or rejected device can be registered.")
    device.inventory_no = _check_inventory_no(session, device, inventory_no) or None
    device.status = DeviceStatus.IN_STOCK
    session.flush()
    audit.record(session, actor, "device.register", "device", device.serial, inventory_no=device.inventory_no)


def reject(session: Session, actor: Any, device_id: int, reason: str) -> None:
    """Refuse a device that is not ours (its events stay stored)."""
    device = _device(session, device_id)
    if str(device.status) != DeviceStatus.UNREGISTERED.value:
        raise InventoryError("NOT_UNREGISTERED", "Only an unregistered device can be rejected.")
    if not reason.strip():
        raise InventoryError("REASON_MISSING", "Say why the device is rejected.")
    device.status = DeviceStatus.REJECTED
    device.notes = (device.notes + "\n" if device.notes else "") + f"rejected: {reason.strip()}"
    audit.record(session, actor, "device.reject", "device", device.serial, reason=reason.strip())


def issue(session: Session, actor: Any, device_id: int, person_id: int, note: str = "") -> int:
    """Hand a device in stock to a person; returns the assignment id."""
    device = _device(session, device_id)
    if str(device.status) not in ISSUABLE:
        raise InventoryError("NOT_IN_STOCK", "Only a device in stock can be issued.")
    person = session.get(Person, person_id)
    if person is None:
        raise InventoryError("NO_PERSON", "The person is not in the register.")
    assignment = Assignment(
        device_id=device.id, person_id=person.id, issued_at=utcnow(), issued_by=actor.login, note=note.strip()
    )
    session.add(assignment)
    device.status = DeviceStatus.ISSUED
    session.flush()
    audit.record(session, actor, "device.issue", "device", device.serial, person_id=person.id, note=note.strip())
    return assignment.id


def return_device(session: Session, actor: Any, device_id: int, note: str = "") -> None:
    """Take a device back into stock; closes its open assignment."""
    device = _device(session, device_id)
    open_rows = session.execute(
        select(Assignment).where(Assignment.device_id == device.id, Assignment.returned_at.is_(None))
    ).scalars().all()
    if not open_rows:
        raise InventoryError("NOT_ISSUED", "The device is not issued to anybody.")
    now = utcnow()
    for a in open_rows:
        a.returned_at, a.returned_by = now, actor.login
        if note.strip():
            a.note = (a.note + "\n" if a.note else "") + note.strip()
    device.status = DeviceStatus.IN_STOCK
    audit.record(session, actor, "device.return", "device", device.serial, note=note.strip())


def set_model(session: Session, actor: Any, device_id: int, model: str) -> str | None:
    """Set (or clear, when blank) the tracker model a network listener decodes the device with.

    Some GT06 models reuse message numbers with other layouts (Traccar's
    ``modelOverride``, see docs/protocols.md); returns the stored form (upper case).
    """
    from arm.protocols.device_models import model_error, normalize

    device = _device(session, device_id)
    error = model_error(model)
    if error:
        raise InventoryError("MODEL_INVALID", error)
    value = normalize(model)
    before = device.model
    device.model = value
    audit.record(session, actor, "device.model", "device", device.serial, model=value, before=before)
    return value


def upsert_from_info(session: Session, actor: Any, info: DeviceInfo, port: str) -> int:
    """The device the wizard just read: create it (in stock) or refresh its data."""
    device = session.execute(select(Device).where(Device.serial == info.serial)).scalar_one_or_none()
    created = device is None
    if device is None:
        device = Device(
            serial=info.serial, type=DeviceType(info.type), status=DeviceStatus.IN_STOCK, created_at=utcnow()
        )
        session.add(device)
    elif str(device.status) == DeviceStatus.UNREGISTERED.value:
        device.status = DeviceStatus.IN_STOCK
    device.firmware, device.hardware = info.firmware, info.hardware
    device.imei = info.imei or device.imei
    if info.battery is not None:
        device.battery = info.battery
    session.flush()
    audit.record(
        session, actor, "device.detect", "device", info.serial, port=port, type=info.type,
        firmware=info.firmware, hardware=info.hardware, created=created,
    )
    return device.id


def set_paired(session: Session, actor: Any, unit_serial: str, bracelet: str, code_ok: bool, result: str) -> None:
    """Record a pairing attempt; on success the bracelet row points to its unit."""
    if code_ok and SERIAL_RE.match(bracelet):
        row = session.execute(select(Device).where(Device.serial == bracelet)).scalar_one_or_none()
        if row is None:
            row = Device(serial=bracelet, type=DeviceType.BRC, status=DeviceStatus.IN_STOCK, created_at=utcnow())
            session.add(row)
        row.paired_with = unit_serial
    audit.record(session, actor, "device.pair", "device", unit_serial, bracelet=bracelet, result=result)


def save_config(session: Session, actor: Any, serial: str, values: dict[str, str], result: str) -> None:
    device = session.execute(select(Device).where(Device.serial == serial)).scalar_one_or_none()
    if device is not None and result == "OK":
        if "REPORT_S" in values:
            device.report_s = int(values["REPORT_S"])
        if "HB_S" in values:
            device.heartbeat_s = int(values["HB_S"])
    audit.record(session, actor, "device.configure", "device", serial, result=result, **values)


def record_step(session: Session, actor: Any, action: str, serial: str, **detail: Any) -> None:
    audit.record(session, actor, action, "device", serial, **detail)
