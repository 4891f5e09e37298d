"""The inventory's changes: register, reject, issue, return, model, pairing; access-checked and audited.

Serial ICD devices (found by the pairing wizard) and network trackers (GT06,
watches, phones, heard on the wire and registered in the inventory) alike.
Each function checks that the acting user's role writes devices
(:mod:`arm.caseload.rights`; issuing also checks the receiving person's
district), changes the rows over the caller's session and writes its audit row
in the same transaction. Refusals of the inventory's own rules are
``arm.inventory.InventoryError`` (stable ``code``), refusals of rights
``arm.access.AccessDenied``. Audit actions: ``device.register``,
``device.reject``, ``device.issue``, ``device.return``, ``device.model``,
``device.detect``, ``device.pair``, ``device.configure``, ``device.inventory_no``.
"""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from arm import audit
from arm.caseload.revision import bump
from arm.caseload.rights import Actor, Area, require_write
from arm.events import utcnow
from arm.inventory import ISSUABLE, InventoryError, record_step
from db.models import Assignment, Device, DeviceProtocol, DeviceStatus, DeviceType, Person, protocol_for_type
from db.validation import SERIAL_RE


class DetectedDevice(Protocol):
    """What a device says about itself when read over a cable (the ICD's ``INFO`` answer)."""

    @property
    def type(self) -> str: ...
    @property
    def serial(self) -> str: ...
    @property
    def firmware(self) -> str: ...
    @property
    def hardware(self) -> str: ...
    @property
    def battery(self) -> int | None: ...
    @property
    def imei(self) -> str: ...


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


def register(session: Session, actor: Actor, device_id: int, inventory_no: str = "",
             protocol: str | None = None) -> None:
    """Accept a device heard on the wire (or a rejected one) into stock.

    ``protocol`` is the only channel the device's reports will be accepted on
    (:class:`db.models.DeviceProtocol`); None keeps the one it has: the channel
    it first spoke on, or its type's. A running ingest learns a change from the
    caller's ``arm.channels.DeviceChannelChanged`` (or within a minute).
    """
    require_write(actor, Area.DEVICES, session=session)
    device = _device(session, device_id)
    if str(device.status) not in (DeviceStatus.UNREGISTERED.value, DeviceStatus.REJECTED.value):
        raise InventoryError("NOT_UNREGISTERED", "Only an unregistered or rejected device can be registered.")
    device.inventory_no = _check_inventory_no(session, device, inventory_no) or None
    before = str(device.protocol or protocol_for_type(str(device.type)))
    device.protocol = _check_protocol(protocol) if protocol else DeviceProtocol(before)
    device.status = DeviceStatus.IN_STOCK
    session.flush()
    audit.record(session, actor, "device.register", "device", device.serial, inventory_no=device.inventory_no,
                 protocol=str(device.protocol), protocol_before=before)


def _check_protocol(protocol: str) -> DeviceProtocol:
    try:
        return DeviceProtocol(protocol.strip().lower())
    except ValueError:
        raise InventoryError(
            "PROTOCOL_INVALID", f"A device speaks on one of {', '.join(p.value for p in DeviceProtocol)}."
        ) from None


def reject(session: Session, actor: Actor, device_id: int, reason: str) -> None:
    """Refuse a device that is not ours (its events stay stored)."""
    require_write(actor, Area.DEVICES, session=session)
    device = _device(session, device_id)
    if str(device.status) != DeviceStatus.UNREGISTERED.value:
        raise InventoryError("NOT_UNREGISTERED", "Only an unregistered device can be rejected.")
    if not reason.strip():
        raise InventoryError("REASON_MISSING", "Say why the device is rejected.")
    device.status = DeviceStatus.REJECTED
    device.notes = (device.notes + "\n" if device.notes else "") + f"rejected: {reason.strip()}"
    audit.record(session, actor, "device.reject", "device", device.serial, reason=reason.strip())


def issue(session: Session, actor: Actor, device_id: int, person_id: int, note: str = "", *,
          received_by: str = "", technician_name: str = "", issued_at: datetime | None = None) -> int:
    """Hand a device in stock to a person; returns the assignment id.

    ``received_by`` is who took it (the person's full name when not given),
    ``technician_name`` who handed it over (the acting user's full name when
    not given); both are kept on the assignment, as the issue act names them.
    A device issued to someone already is refused naming its holder
    (``ALREADY_ISSUED``); a deregistered person gets no device (``DEREGISTERED``).
    """
    require_write(actor, Area.DEVICES, session=session)
    device = _device(session, device_id)
    if str(device.status) == DeviceStatus.ISSUED.value:
        holder = session.execute(
            select(Person).join(Assignment, Assignment.person_id == Person.id)
            .where(Assignment.device_id == device.id, Assignment.returned_at.is_(None))).scalars().first()
        who = holder.full_name if holder is not None else "another person"
        raise InventoryError("ALREADY_ISSUED", f"The device {device.serial} is already issued to {who}.")
    if str(device.status) not in ISSUABLE:
        raise InventoryError("NOT_IN_STOCK", "Only a device in stock can be issued.")
    person = session.get(Person, person_id)
    if person is None:
        raise InventoryError("NO_PERSON", "The person is not in the register.")
    if person.deregistered_on is not None:
        raise InventoryError("DEREGISTERED", "The person is deregistered: no device can be issued.")
    require_write(actor, Area.DEVICES, person.district, session=session)
    technician = technician_name.strip() or str(getattr(actor, "full_name", "") or actor.login)
    receiver = received_by.strip() or person.full_name
    assignment = Assignment(
        device_id=device.id, person_id=person.id, issued_at=issued_at or utcnow(), issued_by=actor.login,
        note=note.strip(), received_by=receiver[:200], technician_name=technician[:200],
    )
    session.add(assignment)
    device.status = DeviceStatus.ISSUED
    session.flush()
    bump(session)
    audit.record(session, actor, "device.issue", "device", device.serial, person_id=person.id, note=note.strip(),
                 received_by=receiver, technician_name=technician)
    return assignment.id


def return_device(session: Session, actor: Actor, device_id: int, note: str = "", *,
                  returned_by_name: str = "", technician_name: str = "") -> None:
    """Take a device back into stock; closes its open assignment.

    ``returned_by_name`` is who handed it back (the person's full name when not
    given: usually the person, or their representative), ``technician_name`` who
    took it back (the acting user's full name when not given); both are kept on
    the assignment and in the audit row, as the return act names them.
    """
    require_write(actor, Area.DEVICES, session=session)
    device = _device(session, device_id)
    open_rows = session.execute(
        select(Assignment).where(Assignment.device_id == device.id, Assignment.returned_at.is_(None))
    ).scalars().all()
    if not open_rows:
        raise InventoryError("NOT_ISSUED", "The device is not issued to anybody.")
    now = utcnow()
    technician = technician_name.strip() or str(getattr(actor, "full_name", "") or actor.login)
    givers: list[str] = []
    for a in open_rows:
        giver = returned_by_name.strip() or (a.person.full_name if a.person is not None else "")
        a.returned_at, a.returned_by = now, actor.login
        a.returned_by_name, a.return_technician_name = giver[:200], technician[:200]
        givers.append(giver)
        if note.strip():
            a.note = (a.note + "\n" if a.note else "") + note.strip()
    device.status = DeviceStatus.IN_STOCK
    bump(session)
    audit.record(session, actor, "device.return", "device", device.serial, note=note.strip(),
                 returned_by_name=", ".join(dict.fromkeys(givers)), technician_name=technician)


def set_model(session: Session, actor: Actor, device_id: int, model: str) -> str | None:
    """Set (or clear, when blank) the tracker model a network listener decodes the device with.

    Some GT06 models reuse message numbers with other layouts (Traccar's
    ``modelOverride``, see docs/protocols.md); returns the stored form (upper case).
    """
    from arm.protocols.device_models import model_error, normalize

    require_write(actor, Area.DEVICES, session=session)
    device = _device(session, device_id)
    error = model_error(model)
    if error:
        raise InventoryError("MODEL_INVALID", error)
    value = normalize(model)
    before = device.model
    device.model = value
    audit.record(session, actor, "device.model", "device", device.serial, model=value, before=before)
    return value


def upsert_from_info(session: Session, actor: Actor, info: DetectedDevice, port: str) -> int:
    """The device the wizard just read: create it (in stock) or refresh its data."""
    require_write(actor, Area.DEVICES, session=session)
    device = session.execute(select(Device).where(Device.serial == info.serial)).scalar_one_or_none()
    created = device is None
    if device is None:
        # The service's ingest may store the same serial at this moment (the device reports
        # while the wizard reads it): its row wins, the wizard takes it over. An insert that
        # yields to an existing row (ON CONFLICT DO NOTHING), not one that fails in a savepoint:
        # on SQLite the failed insert's ROLLBACK TO kept the transaction's read snapshot without
        # the write lock, and when ingest committed before the next write that write failed with
        # "database is locked" (SQLITE_BUSY_SNAPSHOT, which no busy timeout waits out).
        dialect = session.get_bind().dialect.name
        insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
        new_id = session.execute(
            insert(Device).values(serial=info.serial, type=DeviceType(info.type), status=DeviceStatus.IN_STOCK,
                                  created_at=utcnow())
            .on_conflict_do_nothing(index_elements=["serial"]).returning(Device.id)
        ).scalar_one_or_none()
        created = new_id is not None
        device = session.execute(select(Device).where(Device.serial == info.serial)).scalar_one()
    was_unregistered = not created and str(device.status) == DeviceStatus.UNREGISTERED.value
    if was_unregistered:
        # what answered over the cable is the device; a row made for its serial by
        # someone else's report (another channel, another type) takes its identity
        device.status = DeviceStatus.IN_STOCK
        device.type = DeviceType(info.type)
    # read over the workstation's own cable: it speaks ICD, whatever channel its serial was heard on
    device.protocol = protocol_for_type(info.type)
    device.firmware, device.hardware = info.firmware, info.hardware
    device.imei = info.imei or device.imei
    if info.battery is not None:
        device.battery = info.battery
    session.flush()
    audit.record(
        session, actor, "device.detect", "device", info.serial, port=port, type=info.type,
        firmware=info.firmware, hardware=info.hardware, created=created, was_unregistered=was_unregistered,
    )
    return device.id


def set_paired(session: Session, actor: Actor, unit_serial: str, bracelet: str, code_ok: bool, result: str) -> None:
    """Record a pairing attempt; on success the bracelet row points to its unit."""
    require_write(actor, Area.DEVICES, session=session)
    if code_ok and SERIAL_RE.match(bracelet):
        row = session.execute(select(Device).where(Device.serial == bracelet)).scalar_one_or_none()
        if row is None:
            row = Device(serial=bracelet, type=DeviceType.BRC, status=DeviceStatus.IN_STOCK, created_at=utcnow())
            session.add(row)
        row.paired_with = unit_serial
    audit.record(session, actor, "device.pair", "device", unit_serial, bracelet=bracelet, result=result)


def save_config(session: Session, actor: Actor, serial: str, values: dict[str, str], result: str) -> None:
    """Record a settings write to a device; on success the inventory keeps the intervals."""
    require_write(actor, Area.DEVICES, session=session)
    device = session.execute(select(Device).where(Device.serial == serial)).scalar_one_or_none()
    if device is not None and result == "OK":
        if "REPORT_S" in values:
            device.report_s = int(values["REPORT_S"])
        if "HB_S" in values:
            device.heartbeat_s = int(values["HB_S"])
    audit.record(session, actor, "device.configure", "device", serial, result=result, **values)


def assign(session: Session, actor: Actor, device_id: int | None, inventory_no: str, person_id: int | None,
           note: str = "") -> None:
    """The pairing wizard's last step: give the device its inventory number and, optionally, a holder."""
    require_write(actor, Area.DEVICES, session=session)
    if device_id is None:
        raise InventoryError("NO_DEVICE", "The device is not in the inventory.")
    device = _device(session, device_id)
    device.inventory_no = _check_inventory_no(session, device, inventory_no) or None
    record_step(session, actor, "device.inventory_no", device.serial, inventory_no=device.inventory_no)
    if person_id is not None:
        issue(session, actor, device_id, person_id, note)
