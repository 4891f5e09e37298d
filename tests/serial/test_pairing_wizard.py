"""The pairing wizard driven end to end with pytest-qt against an emulated device on a pty."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QPushButton, QSpinBox, QWizard
from sqlalchemy import select

from db.models import Assignment, Device
from serial_drivers.emulator import EmulatedDevice
from tests.serial.conftest import audit_actions
from widgets.pairing_wizard import PAGE_ASSIGN, PAGE_CONFIG, PAGE_PAIR, PAGE_TAMPER, PairingWizard

Emu = Callable[..., EmulatedDevice]
pytestmark = pytest.mark.gui


def _click(qtbot: Any, wizard: QWizard, name: str) -> None:
    button = wizard.findChild(QPushButton, name)
    assert button is not None and button.isEnabled()
    button.click()


def _label(wizard: QWizard, name: str) -> QLabel:
    label = wizard.findChild(QLabel, name)
    assert label is not None
    return label


def _detect(qtbot: Any, wizard: PairingWizard, port: str) -> None:
    wizard.findChild(QComboBox, "port").setEditText(port)
    _click(qtbot, wizard, "detect")
    qtbot.waitUntil(lambda: wizard.info is not None and wizard.device_id is not None, timeout=10_000)
    assert "Device detected" in _label(wizard, "detectResult").text()


def test_unit_pairing_end_to_end(qtbot: Any, gui_ctx: Any, emulator: Emu, person_id: int, db: Any, tmp_path: Path) -> None:
    dev = emulator("SKU", "SKU-000417", bracelets={"BRC-102938": "482913"})
    wizard = PairingWizard(gui_ctx)
    qtbot.addWidget(wizard)
    wizard.show()
    _detect(qtbot, wizard, dev.port)
    assert "SKU-000417" in _label(wizard, "info").text() and "2.4.1" in _label(wizard, "info").text()
    wizard.grab().save(str(tmp_path / "pairing-1.png"))

    wizard.next()
    assert wizard.currentId() == PAGE_PAIR
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()  # nothing paired yet
    bracelet, code = wizard.findChild(QLineEdit, "bracelet"), wizard.findChild(QLineEdit, "code")
    result = _label(wizard, "pairResult")
    # a malformed entry is shown beside the field, nothing is sent
    bracelet.setText("brc 1")
    _click(qtbot, wizard, "pair")
    assert wizard.currentPage().bracelet_error.text()
    # wrong code, unknown bracelet: the device's errors as sentences
    bracelet.setText("BRC-102938")
    code.setText("000000")
    _click(qtbot, wizard, "pair")
    qtbot.waitUntil(lambda: "pair code does not match" in result.text(), timeout=5000)
    bracelet.setText("BRC-999999")
    code.setText("482913")
    _click(qtbot, wizard, "pair")
    qtbot.waitUntil(lambda: "does not hear this bracelet" in result.text(), timeout=5000)
    bracelet.setText("BRC-102938")
    _click(qtbot, wizard, "pair")
    qtbot.waitUntil(lambda: "BRC-102938 paired" in result.text(), timeout=5000)
    qtbot.waitUntil(lambda: wizard.button(QWizard.WizardButton.NextButton).isEnabled(), timeout=5000)
    assert dev.paired == ["BRC-102938"]
    wizard.grab().save(str(tmp_path / "pairing-2.png"))

    wizard.next()
    assert wizard.currentId() == PAGE_CONFIG
    report = wizard.findChild(QSpinBox, "REPORT_S")
    qtbot.waitUntil(lambda: report.value() == 60, timeout=5000)  # read from the device
    report.setValue(30)
    wizard.findChild(QSpinBox, "ABSENT_S").setValue(600)
    _click(qtbot, wizard, "apply")
    qtbot.waitUntil(lambda: "written to the device" in _label(wizard, "configResult").text(), timeout=5000)
    assert dev.cfg["REPORT_S"] == 30 and dev.cfg["ABSENT_S"] == 600

    wizard.next()
    assert wizard.currentId() == PAGE_ASSIGN  # a SKU has no tamper self-test
    person = wizard.findChild(QComboBox, "person")
    qtbot.waitUntil(lambda: person.count() == 2, timeout=5000)
    person.setCurrentIndex(1)
    wizard.findChild(QLineEdit, "inventoryNo").setText("ИНВ-СКУ-0417")
    wizard.grab().save(str(tmp_path / "pairing-3.png"))
    with qtbot.waitSignal(wizard.accepted, timeout=5000):
        wizard.button(QWizard.WizardButton.FinishButton).click()

    gui_ctx.worker.submit(lambda: None).result(timeout=5)
    with db.session() as s:
        unit = s.execute(select(Device).where(Device.serial == "SKU-000417")).scalar_one()
        bracelet_row = s.execute(select(Device).where(Device.serial == "BRC-102938")).scalar_one()
        assignment = s.execute(select(Assignment)).scalar_one()
        assert (str(unit.status), unit.inventory_no, unit.firmware, unit.report_s) == ("issued", "ИНВ-СКУ-0417", "2.4.1", 30)
        assert bracelet_row.paired_with == "SKU-000417"
        assert (assignment.person_id, assignment.issued_by) == (person_id, "tech1")
        # the issue act's names: the chosen person received it, the logged-in technician handed it over
        assert (assignment.received_by, assignment.technician_name) == ("Ахметов Серик Болатович", "Test Technician")
    actions = audit_actions(db)
    names = [a[0] for a in actions]
    for step in ("device.detect", "device.pair", "device.configure", "device.inventory_no", "device.issue"):
        assert step in names, names
    pair_results = [a[2]["result"] for a in actions if a[0] == "device.pair"]
    assert pair_results == ["E_PAIR_CODE", "E_NOT_FOUND", "OK"]


def test_bracelet_tamper_failure_is_shown_and_recorded(qtbot: Any, gui_ctx: Any, emulator: Emu, db: Any) -> None:
    dev = emulator("BRC", "BRC-102940", tamper_fail="STRAP_OPEN")
    wizard = PairingWizard(gui_ctx)
    qtbot.addWidget(wizard)
    wizard.show()
    _detect(qtbot, wizard, dev.port)
    wizard.next()
    assert wizard.currentId() == PAGE_CONFIG  # a bracelet is paired from its unit, not here
    qtbot.waitUntil(lambda: wizard.findChild(QSpinBox, "REPORT_S").value() == 60, timeout=5000)
    assert not wizard.currentPage().form.isRowVisible(wizard.findChild(QSpinBox, "ABSENT_S"))
    _click(qtbot, wizard, "apply")
    qtbot.waitUntil(lambda: wizard.button(QWizard.WizardButton.NextButton).isEnabled(), timeout=5000)
    wizard.next()
    assert wizard.currentId() == PAGE_TAMPER
    _click(qtbot, wizard, "tamperTest")
    qtbot.waitUntil(lambda: "FAILED (STRAP_OPEN)" in _label(wizard, "tamperResult").text(), timeout=5000)
    gui_ctx.worker.submit(lambda: None).result(timeout=5)
    assert ("device.tamper_test", "BRC-102940", {"result": "FAIL,STRAP_OPEN"}) in audit_actions(db)


def test_device_not_answering_and_missing_port(qtbot: Any, gui_ctx: Any, emulator: Emu) -> None:
    wizard = PairingWizard(gui_ctx)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.findChild(QComboBox, "port").setEditText("/dev/does-not-exist")
    _click(qtbot, wizard, "detect")
    assert "There is no port" in _label(wizard, "detectResult").text()
    dev = emulator("TRK", "TRK-000417")
    dev.faults.silent = True
    wizard.findChild(QComboBox, "port").setEditText(dev.port)
    _click(qtbot, wizard, "detect")
    qtbot.waitUntil(lambda: "does not answer" in _label(wizard, "detectResult").text(), timeout=10_000)
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()


def test_wizard_shares_the_service_connection_and_inventory_shows_link_faults(
    qtbot: Any, gui_ctx: Any, emulator: Emu, db: Any, link_dir: Path
) -> None:
    """The service already serves the port: the wizard uses that session; events keep flowing."""
    from serial_drivers.manager import SerialManager
    from widgets.device_inventory import COLUMNS, DeviceInventory

    dev = emulator("MKU", "MKU-000555", link=str(link_dir / "ttyEM3"), rate=20,
                   bracelets={"BRC-102938": "482913"})
    manager = SerialManager([dev.port], poll_s=0.1, probe_timeout=0.5)
    gui_ctx.service.extensions["serial"] = manager
    manager.start_with(gui_ctx.service.ingest, db=db, bus=gui_ctx.bus)
    try:
        qtbot.waitUntil(lambda: manager.session_for_serial("MKU-000555") is not None, timeout=5000)
        served = manager.session_for_serial("MKU-000555")
        dev.faults.bad_checksum = 0.2
        wizard = PairingWizard(gui_ctx)
        qtbot.addWidget(wizard)
        wizard.show()
        _detect(qtbot, wizard, dev.port)
        assert wizard.link is not None and wizard.link.session is served and not wizard.link.own
        wizard.next()
        wizard.findChild(QLineEdit, "bracelet").setText("BRC-102938")
        wizard.findChild(QLineEdit, "code").setText("482913")
        _click(qtbot, wizard, "pair")
        qtbot.waitUntil(lambda: "BRC-102938 paired" in _label(wizard, "pairResult").text(), timeout=8000)
        wizard.reject()
        assert served.alive  # the service's connection outlives the wizard
        dev.rate, dev.faults.bad_checksum = 0, 0.0
        qtbot.waitUntil(lambda: dev.unacked == [], timeout=10_000)

        panel = DeviceInventory(gui_ctx)
        qtbot.addWidget(panel)
        qtbot.waitUntil(lambda: any(r.serial == "MKU-000555" for r in panel.rows), timeout=5000)
        # the link column counts line errors over the status panel's window, as that panel does: a noisy
        # line while the table is open shows as an error rate; every counter since the port opened is in the tooltip
        dev.faults.bad_checksum = 0.2
        dev.rate = 20

        def link_text() -> tuple[str, str]:
            row = next(i for i in range(panel.table.rowCount()) if panel.table.item(i, 0).text() == "MKU-000555")
            item = panel.table.item(row, COLUMNS.index("link"))
            return item.text(), item.toolTip()

        qtbot.waitUntil(lambda: link_text()[0].startswith("connected (") and "%" in link_text()[0], timeout=15_000)
        assert "bad_checksum" in link_text()[1]
        dev.rate, dev.faults.bad_checksum = 0, 0.0
    finally:
        manager.stop_sync()
