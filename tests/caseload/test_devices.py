"""arm.caseload.devices: the inventory's changes, access-checked and audited; refusals write nothing."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from sqlalchemy import select

from arm.access import AccessDenied, ShellUser
from arm.caseload import devices
from arm.inventory import InventoryError, list_devices
from db.models import Assignment, AuditEntry, Device, DeviceStatus, DeviceType
from tests.caseload.conftest import EAST, WEST, add_device, add_person, audit_rows, count, user, written_audit

TECH = user("technician")


@dataclass(frozen=True)
class Info:
    type: str = "SKU"
    serial: str = "SKU-200001"
    firmware: str = "2.4.1"
    hardware: str = "B3"
    battery: int | None = 87
    imei: str = ""


def test_register_issue_return_are_written_and_audited(db) -> None:
    did = add_device(db, status=DeviceStatus.UNREGISTERED)
    pid = add_person(db, EAST)
    with db.begin() as s:
        devices.register(s, TECH, did, "ИНВ-1")
    with db.begin() as s:
        devices.issue(s, user("supervisor", EAST), did, pid, "под роспись")
    (row,) = [r for r in list_devices_now(db) if r.device_id == did]
    assert row.status == "issued" and row.holder_id == pid and row.inventory_no == "ИНВ-1"
    with db.begin() as s:
        devices.return_device(s, TECH, did, "исправен")
    with db.session() as s:
        a = s.scalars(select(Assignment)).one()
        assert a.issued_by == "supervisor1" and a.returned_by == "technician1"
        assert s.get(Device, did).status == DeviceStatus.IN_STOCK
    assert [r.object_id for r in audit_rows(db, "device.register")] == ["BRC-100001"]
    assert audit_rows(db, "device.issue")[0].detail == {"person_id": pid, "note": "под роспись",
                                                        "received_by": "Тестов Иван", "technician_name": "Test supervisor"}
    assert audit_rows(db, "device.return")[0].user == "technician1"


def test_return_names_are_stored_and_audited(db) -> None:
    did = add_device(db, status=DeviceStatus.IN_STOCK)
    pid = add_person(db, EAST)
    with db.begin() as s:
        devices.issue(s, TECH, did, pid)
    with db.begin() as s:
        devices.return_device(s, TECH, did, "ремешок цел", returned_by_name="  Тестова Айгуль (супруга) ",
                              technician_name="Сериков Бауыржан")
    with db.session() as s:
        a = s.scalars(select(Assignment)).one()
        assert (a.returned_by_name, a.return_technician_name) == ("Тестова Айгуль (супруга)", "Сериков Бауыржан")
        assert a.returned_by == "technician1" and a.received_by == "Тестов Иван"  # the issue act is untouched
    assert audit_rows(db, "device.return")[0].detail == {
        "note": "ремешок цел", "returned_by_name": "Тестова Айгуль (супруга)", "technician_name": "Сериков Бауыржан"}


def test_return_names_default_to_the_person_and_the_acting_user(db) -> None:
    did = add_device(db, status=DeviceStatus.IN_STOCK)
    pid = add_person(db, EAST)
    with db.begin() as s:
        devices.issue(s, TECH, did, pid)
    with db.begin() as s:
        devices.return_device(s, TECH, did)
    with db.session() as s:
        a = s.scalars(select(Assignment)).one()
        assert (a.returned_by_name, a.return_technician_name) == ("Тестов Иван", "Test technician")
    detail = audit_rows(db, "device.return")[0].detail
    assert detail["returned_by_name"] == "Тестов Иван" and detail["technician_name"] == "Test technician"


def list_devices_now(db):
    with db.session() as s:
        return list_devices(s)


@pytest.mark.parametrize("role", ["operator", ""])
def test_a_role_without_the_inventory_is_refused_and_nothing_written(db, role) -> None:
    did = add_device(db, status=DeviceStatus.UNREGISTERED)
    pid = add_person(db)
    calls = [
        lambda s: devices.register(s, user(role), did, "ИНВ-1"),
        lambda s: devices.reject(s, user(role), did, "чужой"),
        lambda s: devices.issue(s, user(role), did, pid),
        lambda s: devices.return_device(s, user(role), did),
        lambda s: devices.set_model(s, user(role), did, "NT20"),
        lambda s: devices.upsert_from_info(s, user(role), Info(), "/dev/ttyUSB0"),
        lambda s: devices.set_paired(s, user(role), "SKU-200001", "BRC-100009", True, "OK"),
        lambda s: devices.save_config(s, user(role), "BRC-100001", {"HB_S": "60"}, "OK"),
        lambda s: devices.assign(s, user(role), did, "ИНВ-2", pid),
    ]
    for call in calls:
        with pytest.raises(AccessDenied) as caught, db.begin() as s:
            call(s)
        assert caught.value.code == "denied.devices"
    with db.session() as s:
        device = s.get(Device, did)
        assert device.status == DeviceStatus.UNREGISTERED and device.inventory_no is None and device.model is None
    assert count(db, Device) == 1 and count(db, Assignment) == 0 and written_audit(db) == 0
    assert audit_rows(db, "denied") and all(r.detail["code"].startswith("denied.") for r in audit_rows(db, "denied"))


def test_issuing_to_a_person_of_another_district_is_refused(db) -> None:
    did = add_device(db)
    pid = add_person(db, WEST)
    with pytest.raises(AccessDenied) as caught, db.begin() as s:
        devices.issue(s, user("supervisor", EAST), did, pid)
    assert caught.value.code == "denied.district"
    assert count(db, Assignment) == 0 and audit_rows(db, "device.issue") == []


def test_pairing_steps_and_the_cli_user(db) -> None:
    pid = add_person(db)
    with db.begin() as s:
        did = devices.upsert_from_info(s, TECH, Info(), "/dev/ttyUSB0")
        devices.set_paired(s, TECH, "SKU-200001", "BRC-100009", True, "OK")
        devices.save_config(s, TECH, "SKU-200001", {"HB_S": "60"}, "OK")
        devices.assign(s, TECH, did, "ИНВ-7", pid, "выдан")
    with db.begin() as s:
        assert devices.set_model(s, ShellUser("cli:root"), did, "nt20") == "NT20"
    with db.session() as s:
        unit = s.get(Device, did)
        assert (unit.type, unit.heartbeat_s, unit.inventory_no, unit.status) == (
            DeviceType.SKU, 60, "ИНВ-7", DeviceStatus.ISSUED)
        bracelet = s.scalars(select(Device).where(Device.serial == "BRC-100009")).one()
        assert bracelet.paired_with == "SKU-200001"
    actions = [r.action for r in audit_rows_all(db)]
    assert actions == ["device.detect", "device.pair", "device.configure", "device.inventory_no",
                       "device.issue", "device.model"]
    assert audit_rows(db, "device.model")[0].user == "cli:root"


def test_inventory_rules_still_refuse_with_their_code(db) -> None:
    did = add_device(db)
    add_device(db, "BRC-100002", status=DeviceStatus.UNREGISTERED)
    with pytest.raises(InventoryError) as caught, db.begin() as s:
        devices.register(s, TECH, did)
    assert caught.value.code == "NOT_UNREGISTERED"
    with pytest.raises(InventoryError) as caught, db.begin() as s:
        devices.return_device(s, TECH, did)
    assert caught.value.code == "NOT_ISSUED"
    assert count(db, AuditEntry) == 0


def audit_rows_all(db) -> list[AuditEntry]:
    with db.session() as s:
        rows = list(s.scalars(select(AuditEntry).order_by(AuditEntry.id)))
        s.expunge_all()
        return rows
