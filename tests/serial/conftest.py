"""Fixtures of the serial area: emulated devices on real pseudo-terminals."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from serial_drivers.emulator import EmulatedDevice
from serial_drivers.icd.session import IcdSession


@pytest.fixture
def emulator() -> Iterator[Callable[..., EmulatedDevice]]:
    """Factory: ``emulator("SKU", "SKU-000417", **options)`` -> a started device, stopped after."""
    made: list[EmulatedDevice] = []

    def make(device_type: str = "SKU", serial: str = "SKU-000417", **kwargs: Any) -> EmulatedDevice:
        kwargs.setdefault("seed", 7)
        dev = EmulatedDevice(device_type, serial, **kwargs).start()
        made.append(dev)
        return dev

    yield make
    for dev in made:
        dev.stop()


@pytest.fixture
def session_factory(ingest: Any, db: Any, bus: Any) -> Iterator[Callable[..., IcdSession]]:
    """Factory: an IcdSession on a port, with the real ingest core; closed after."""
    made: list[IcdSession] = []

    def make(port: str, **kwargs: Any) -> IcdSession:
        kwargs.setdefault("gap_grace_s", 0.1)
        session = IcdSession(port, ingest, db=db, bus=bus, **kwargs)
        made.append(session)
        return session

    yield make
    for session in made:
        session.close()


def stored_evseqs(db: Any, serial: str) -> list[int]:
    """Every stored evseq of a device, in storage order, duplicates included (there must be none)."""
    with db.session() as s:
        rows = s.execute(
            text(
                "SELECT e.evseq FROM device_events e JOIN devices d ON d.id = e.device_id "
                "WHERE d.serial = :serial ORDER BY e.id"
            ),
            {"serial": serial},
        ).all()
    return [int(r[0]) for r in rows]


def wait_for(predicate: Callable[[], bool], timeout: float = 10.0, step: float = 0.02) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(step)
    return predicate()


@pytest.fixture
def link_dir(tmp_path: Path) -> Path:
    d = tmp_path / "dev"
    d.mkdir()
    return d


@pytest.fixture
def technician(db: Any) -> Any:
    from arm import auth

    with db.begin() as s:
        user = auth.create_user(s, "tech1", "correct horse 42", "technician", "Test Technician")
        return auth.snapshot(user)


@pytest.fixture
def person_id(db: Any) -> int:
    from datetime import date

    from arm.events import utcnow
    from db.models import Person

    with db.begin() as s:
        p = Person(
            last_name="Ахметов", first_name="Серик", middle_name="Болатович", iin="850101300123",
            birth_date=date(1985, 1, 1), category="parole", supervision_start=date(2026, 1, 10),
            registered_on=date(2026, 1, 10), district="Алмалинский", created_at=utcnow(),
        )
        s.add(p)
        s.flush()
        return p.id


@pytest.fixture
def gui_ctx(qapp: Any, db: Any, bus: Any, technician: Any) -> Iterator[Any]:
    """An AppContext on the real core, with the service's ingest running."""
    from arm.config import Settings
    from arm.service import MonitoringService
    from widgets.context import AppContext
    from widgets.qt_bridge import QtBridge

    settings = Settings()
    service = MonitoringService(db, bus, settings)
    service.ingest.start()
    ctx = AppContext(db=db, service=service, bus=bus, bridge=QtBridge(bus), user=technician, settings=settings)
    yield ctx
    ctx.close()
    service.ingest.stop()


def audit_actions(db: Any) -> list[tuple[str, str, dict[str, Any]]]:
    from sqlalchemy import select

    from db.models import AuditEntry

    with db.session() as s:
        return [(a.action, a.object_id, a.detail) for a in s.execute(select(AuditEntry).order_by(AuditEntry.id)).scalars()]
