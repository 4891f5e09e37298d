"""Issue 12: the pairing wizard finishes for every ICD type, also when the service saw the device first.

Reproductions of the field reports: the service registering the same serial at
the same moment (``UNIQUE constraint failed: devices.serial`` then "device not
in inventory"), a second run that cannot open the port, and the assign page's
``run_in_worker() got an unexpected keyword argument 'purpose'``.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import serial
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QPushButton, QWizard
from sqlalchemy import event, select

from db.models import Assignment, Device
from serial_drivers.emulator import EmulatedDevice
from serial_drivers.icd.codec import DEVICE_TYPES
from tests.serial.conftest import audit_actions
from widgets.pairing_wizard import PAGE_ASSIGN, PAGE_CONFIG, PAGE_PAIR, PAGE_TAMPER, PairingWizard

Emu = Callable[..., EmulatedDevice]
pytestmark = pytest.mark.gui


def _label(wizard: QWizard, name: str) -> QLabel:
    label = wizard.findChild(QLabel, name)
    assert label is not None
    return label


def _click(wizard: QWizard, name: str) -> None:
    button = wizard.findChild(QPushButton, name)
    assert button is not None and button.isEnabled(), name
    button.click()


def _next_enabled(wizard: QWizard) -> bool:
    return wizard.button(QWizard.WizardButton.NextButton).isEnabled()


@pytest.fixture
def service_inserts_first(db: Any) -> Iterator[list[str]]:
    """Just before the wizard inserts a device row, the service stores the same serial (as ingest does).

    The race of the field report made deterministic: another connection commits
    an unregistered row for the serial between the wizard's look-up and its insert.
    """
    raced: list[str] = []
    path = db.engine.url.database

    def before(conn: Any, cursor: Any, statement: str, params: Any, context: Any, executemany: bool) -> None:
        if not statement.lstrip().upper().startswith("INSERT INTO DEVICES") or raced:
            return
        values = params if isinstance(params, dict) else {}
        serial_no = values.get("serial") if values else (params[0] if params else None)
        if not isinstance(serial_no, str):
            return
        raced.append(serial_no)
        other = sqlite3.connect(path, timeout=10)
        with other:
            other.execute(  # OR IGNORE: the service's own ingest may have stored it already (the device reports)
                "INSERT OR IGNORE INTO devices (serial, type, status, protocol, notes, heartbeat_s, report_s, is_demo, created_at)"
                " VALUES (?, 'TRK', 'unregistered', 'icd', 'first heard via icd', 300, 60, 0, '2026-12-07 18:00:00')",
                (serial_no,),
            )
        other.close()

    event.listen(db.engine, "before_cursor_execute", before)
    yield raced
    event.remove(db.engine, "before_cursor_execute", before)


def _walk(qtbot: Any, wizard: PairingWizard, dev: EmulatedDevice, inventory_no: str, person: bool) -> None:
    """Detect, then every page the type has, then Finish."""
    wizard.findChild(QComboBox, "port").setEditText(dev.port)
    _click(wizard, "detect")
    qtbot.waitUntil(lambda: wizard.device_id is not None or "rror" in _label(wizard, "detectResult").text()
                    or "UNIQUE" in _label(wizard, "detectResult").text(), timeout=10_000)
    assert wizard.device_id is not None, _label(wizard, "detectResult").text()
    qtbot.waitUntil(lambda: _next_enabled(wizard), timeout=5000)
    wizard.next()
    if wizard.currentId() == PAGE_PAIR:
        wizard.findChild(QLineEdit, "bracelet").setText("BRC-102938")
        wizard.findChild(QLineEdit, "code").setText("482913")
        _click(wizard, "pair")
        qtbot.waitUntil(lambda: _next_enabled(wizard), timeout=5000)
        wizard.next()
    assert wizard.currentId() == PAGE_CONFIG
    qtbot.waitUntil(lambda: wizard.findChild(QPushButton, "apply").isEnabled(), timeout=5000)
    _click(wizard, "apply")
    qtbot.waitUntil(lambda: _next_enabled(wizard), timeout=5000)
    wizard.next()
    if wizard.currentId() == PAGE_TAMPER:
        _click(wizard, "tamperTest")
        qtbot.waitUntil(lambda: _next_enabled(wizard), timeout=5000)
        wizard.next()
    assert wizard.currentId() == PAGE_ASSIGN
    combo = wizard.findChild(QComboBox, "person")
    qtbot.waitUntil(lambda: combo.count() >= (2 if person else 1), timeout=5000)
    if person:
        combo.setCurrentIndex(1)
    wizard.findChild(QLineEdit, "inventoryNo").setText(inventory_no)
    with qtbot.waitSignal(wizard.accepted, timeout=5000):
        wizard.button(QWizard.WizardButton.FinishButton).click()


def _port_free(port: str) -> bool:
    try:
        s = serial.Serial(port, 115200, timeout=0.1, exclusive=True)
    except (serial.SerialException, OSError):
        return False
    s.close()
    return True


@pytest.mark.parametrize("device_type", DEVICE_TYPES)
def test_every_type_pairs_when_the_service_registered_the_serial_first(
    qtbot: Any, gui_ctx: Any, emulator: Emu, person_id: int, db: Any, service_inserts_first: list[str],
    device_type: str,
) -> None:
    serial_no = f"{device_type}-000701"
    dev = emulator(device_type, serial_no, bracelets={"BRC-102938": "482913"}, rate=5)
    wizard = PairingWizard(gui_ctx)
    qtbot.addWidget(wizard)
    wizard.show()
    _walk(qtbot, wizard, dev, f"ИНВ-{device_type}-1", person=True)
    assert service_inserts_first == [serial_no]  # the race did happen
    gui_ctx.worker.submit(lambda: None).result(timeout=5)
    with db.session() as s:
        row = s.execute(select(Device).where(Device.serial == serial_no)).scalar_one()
        assert (str(row.type), str(row.status), row.inventory_no) == (device_type, "issued", f"ИНВ-{device_type}-1")
        assert s.execute(select(Assignment.person_id)).scalar_one() == person_id
    names = [a[0] for a in audit_actions(db)]
    assert "device.detect" in names and "device.issue" in names and "person.list_view" in names
    qtbot.waitUntil(lambda: _port_free(dev.port), timeout=5000)


def test_assign_page_lists_persons_and_audits_the_view(qtbot: Any, gui_ctx: Any, emulator: Emu, person_id: int,
                                                        db: Any) -> None:
    """The field report's TypeError: the list view's audit row is written, the page stays usable."""
    dev = emulator("TRK", "TRK-000702")
    wizard = PairingWizard(gui_ctx)
    qtbot.addWidget(wizard)
    wizard.show()
    _walk(qtbot, wizard, dev, "ИНВ-TRK-2", person=False)
    gui_ctx.worker.submit(lambda: None).result(timeout=5)
    views = [a for a in audit_actions(db) if a[0] == "person.list_view"]
    assert views and views[0][2]["purpose"] == "issue device" and views[0][2]["shown"] == 1
    with db.session() as s:
        row = s.execute(select(Device).where(Device.serial == "TRK-000702")).scalar_one()
        assert (str(row.status), row.inventory_no) == ("in_stock", "ИНВ-TRK-2")


@pytest.mark.parametrize("how", ["finish", "cancel_while_reading", "detect_twice_then_close"])
def test_port_is_released_on_every_path_and_a_second_run_opens_it(
    qtbot: Any, gui_ctx: Any, emulator: Emu, person_id: int, how: str
) -> None:
    dev = emulator("MKU", "MKU-000703", bracelets={"BRC-102938": "482913"})
    wizard = PairingWizard(gui_ctx)
    qtbot.addWidget(wizard)
    wizard.show()
    if how == "finish":
        _walk(qtbot, wizard, dev, "ИНВ-MKU-3", person=False)
    else:
        wizard.findChild(QComboBox, "port").setEditText(dev.port)
        _click(wizard, "detect")
        qtbot.waitUntil(lambda: wizard.device_id is not None, timeout=10_000)
        if how == "detect_twice_then_close":
            wizard.device_id = None
            _click(wizard, "detect")
            qtbot.waitUntil(lambda: wizard.device_id is not None, timeout=10_000)
            wizard.close()
        else:
            dev.faults.silent = True  # the PAIRS read hangs in its retries while the technician cancels
            wizard.next()
            wizard.reject()
            dev.faults.silent = False
    assert not wizard.isVisible()
    qtbot.waitUntil(lambda: _port_free(dev.port), timeout=8000)

    again = PairingWizard(gui_ctx)
    qtbot.addWidget(again)
    again.show()
    again.findChild(QComboBox, "port").setEditText(dev.port)
    _click(again, "detect")
    qtbot.waitUntil(lambda: again.device_id is not None or "cannot be opened" in _label(again, "detectResult").text(),
                    timeout=10_000)
    assert "Device detected" in _label(again, "detectResult").text()
    again.reject()
    qtbot.waitUntil(lambda: _port_free(dev.port), timeout=8000)


def test_wizard_waits_for_the_service_attaching_the_port(
    qtbot: Any, gui_ctx: Any, emulator: Emu, db: Any, link_dir: Path
) -> None:
    """The service's poller is probing the port when Detect is pressed: the wizard borrows, never fights."""
    from serial_drivers.manager import SerialManager

    dev = emulator("SKU", "SKU-000704", link=str(link_dir / "ttyEM4"), rate=5)
    manager = SerialManager([dev.port], poll_s=0.05, probe_timeout=0.5)
    gui_ctx.service.extensions["serial"] = manager
    manager.start_with(gui_ctx.service.ingest, db=db, bus=gui_ctx.bus)
    try:
        wizard = PairingWizard(gui_ctx)
        qtbot.addWidget(wizard)
        wizard.show()
        wizard.findChild(QComboBox, "port").setEditText(dev.port)
        _click(wizard, "detect")
        qtbot.waitUntil(lambda: wizard.device_id is not None or "cannot" in _label(wizard, "detectResult").text(),
                        timeout=10_000)
        assert "Device detected" in _label(wizard, "detectResult").text()
        wizard.reject()
        qtbot.waitUntil(lambda: manager.session_for_serial("SKU-000704") is not None, timeout=8000)
    finally:
        manager.stop_sync()


def test_a_new_device_is_not_finished_without_its_inventory_number(
    qtbot: Any, gui_ctx: Any, emulator: Emu, db: Any
) -> None:
    dev = emulator("BAC", "BAC-000705")
    wizard = PairingWizard(gui_ctx)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.findChild(QComboBox, "port").setEditText(dev.port)
    _click(wizard, "detect")
    qtbot.waitUntil(lambda: wizard.device_id is not None, timeout=10_000)
    assert "inventory number on the last page" in _label(wizard, "detectResult").text()
    wizard.next()
    qtbot.waitUntil(lambda: wizard.findChild(QPushButton, "apply").isEnabled(), timeout=5000)
    _click(wizard, "apply")
    qtbot.waitUntil(lambda: _next_enabled(wizard), timeout=5000)
    wizard.next()
    assert wizard.currentId() == PAGE_ASSIGN
    wizard.button(QWizard.WizardButton.FinishButton).click()
    assert wizard.isVisible() and "needs its inventory number" in wizard.currentPage().inventory_error.text()
    wizard.findChild(QLineEdit, "inventoryNo").setText("ИНВ-BAC-5")
    with qtbot.waitSignal(wizard.accepted, timeout=5000):
        wizard.button(QWizard.WizardButton.FinishButton).click()
    gui_ctx.worker.submit(lambda: None).result(timeout=5)
    with db.session() as s:
        assert s.execute(select(Device.inventory_no).where(Device.serial == "BAC-000705")).scalar_one() == "ИНВ-BAC-5"
