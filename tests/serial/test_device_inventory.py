"""The inventory panel on a real database: register/reject, issue/return with history."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit
from sqlalchemy import select

from db.models import Assignment
from serial_drivers.emulator import EmulatedDevice
from serial_drivers.icd.session import IcdSession
from tests.serial.conftest import audit_actions, wait_for
from widgets.device_inventory import COLUMNS, DeviceInventory

pytestmark = pytest.mark.gui
Emu = Callable[..., EmulatedDevice]


def _select(qtbot: Any, panel: DeviceInventory, serial: str) -> None:
    qtbot.waitUntil(lambda: any(r.serial == serial for r in panel.rows), timeout=5000)
    for i in range(panel.table.rowCount()):
        if panel.table.item(i, 0).text() == serial:
            panel.table.selectRow(i)
            return
    raise AssertionError(serial)


def _cell(panel: DeviceInventory, serial: str, column: str) -> str:
    for i in range(panel.table.rowCount()):
        if panel.table.item(i, 0).text() == serial:
            return panel.table.item(i, COLUMNS.index(column)).text()
    raise AssertionError(serial)


def _done(qtbot: Any, ctx: Any) -> None:
    ctx.worker.submit(lambda: None).result(timeout=5)
    qtbot.wait(30)


def test_register_issue_return_with_history(
    qtbot: Any, gui_ctx: Any, emulator: Emu, db: Any, person_id: int, tmp_path: Path
) -> None:
    # two devices heard on the wire: ingest created them as unregistered
    for serial in ("TRK-000901", "TRK-000902"):
        dev = emulator("TRK", serial)
        dev.emit_generated()
        session = IcdSession(dev.port, gui_ctx.service.ingest, db=db)
        session.start()
        assert wait_for(lambda d=dev: d.unacked == [])
        session.close()
    panel = DeviceInventory(gui_ctx)
    qtbot.addWidget(panel)
    panel.resize(1100, 500)
    panel.show()
    _select(qtbot, panel, "TRK-000901")
    assert _cell(panel, "TRK-000901", "status") == "unregistered"
    assert panel.buttons["register"].isEnabled() and not panel.buttons["issue"].isEnabled()

    # reject one: the reason is required, shown beside the field
    _select(qtbot, panel, "TRK-000902")
    dlg = panel.reject_dialog()
    assert dlg is not None
    dlg.buttons.accepted.emit()
    assert dlg.errors["reason"].text() == "Say why the device is rejected."
    dlg.findChild(QLineEdit, "reason").setText("not ours: foreign firmware")
    dlg.buttons.accepted.emit()
    _done(qtbot, gui_ctx)
    qtbot.waitUntil(lambda: _cell(panel, "TRK-000902", "status") == "rejected", timeout=5000)

    # register the other with an inventory number; a taken number is refused beside the field
    _select(qtbot, panel, "TRK-000902")
    dlg = panel.register_dialog()
    # the channel its reports will be accepted on: the one it has (heard on the serial line), changeable
    channel = dlg.findChild(QComboBox, "protocol")
    assert channel.currentData() == "icd" and channel.count() == 4
    assert channel.currentText() == "Serial line (USB cable, home unit)"  # a word, not the stored code
    dlg.findChild(QLineEdit, "inventoryNo").setText("ИНВ-0001")
    dlg.buttons.accepted.emit()
    _done(qtbot, gui_ctx)
    _select(qtbot, panel, "TRK-000901")
    dlg = panel.register_dialog()
    dlg.findChild(QLineEdit, "inventoryNo").setText("ИНВ-0001")
    dlg.buttons.accepted.emit()
    _done(qtbot, gui_ctx)
    assert dlg.errors["inventoryNo"].text() == "This inventory number is already used."
    dlg.findChild(QLineEdit, "inventoryNo").setText("ИНВ-0002")
    dlg.buttons.accepted.emit()
    _done(qtbot, gui_ctx)
    qtbot.waitUntil(lambda: _cell(panel, "TRK-000901", "status") == "in stock", timeout=5000)
    assert _cell(panel, "TRK-000901", "inventory_no") == "ИНВ-0002"

    # issue to a person, then return; the history says who and when
    _select(qtbot, panel, "TRK-000901")
    dlg = panel.issue_dialog()
    combo = dlg.findChild(QComboBox, "person")
    qtbot.waitUntil(lambda: combo.count() == 1, timeout=5000)
    received = dlg.findChild(QLineEdit, "receivedBy")
    assert received.text() == "Ахметов Серик Болатович"  # the chosen person, unless someone signs for them
    assert dlg.findChild(QLineEdit, "technicianName").text() == "Test Technician"
    received.setText("")
    dlg.buttons.accepted.emit()
    assert dlg.errors["receivedBy"].text() == "Who receives the device?"
    received.setText("Ахметова Айгуль (супруга)")
    dlg.findChild(QLineEdit, "note").setText("with charger")
    dlg.buttons.accepted.emit()
    _done(qtbot, gui_ctx)
    qtbot.waitUntil(lambda: _cell(panel, "TRK-000901", "holder") == "Ахметов Серик Болатович", timeout=5000)
    with db.session() as s:
        issued = s.execute(select(Assignment)).scalar_one()
        assert (issued.received_by, issued.technician_name) == ("Ахметова Айгуль (супруга)", "Test Technician")
    assert _cell(panel, "TRK-000901", "status") == "issued"
    panel.grab().save(str(tmp_path / "inventory.png"))
    _select(qtbot, panel, "TRK-000901")
    dlg = panel.return_dialog()
    returned_by = dlg.findChild(QLineEdit, "returnedBy")
    assert returned_by.text() == "Ахметов Серик Болатович"  # the holder, unless someone hands it back for them
    assert dlg.findChild(QLineEdit, "technicianName").text() == "Test Technician"
    returned_by.setText(" ")
    dlg.buttons.accepted.emit()
    assert dlg.errors["returnedBy"].text() == "Who hands the device back?"
    returned_by.setText("Ахметов Болат (брат)")
    dlg.findChild(QLineEdit, "technicianName").setText("Сериков Бауыржан")
    dlg.findChild(QLineEdit, "note").setText("strap worn")
    dlg.buttons.accepted.emit()
    _done(qtbot, gui_ctx)
    qtbot.waitUntil(lambda: _cell(panel, "TRK-000901", "status") == "in stock", timeout=5000)
    _select(qtbot, panel, "TRK-000901")
    # the history of the earlier selection (before the return) may still be on screen: wait for the return's
    qtbot.waitUntil(lambda: panel.history.rowCount() == 1 and panel.history.item(0, 5) is not None
                    and panel.history.item(0, 5).text() == "Сериков Бауыржан (tech1)", timeout=5000)
    with db.session() as s:
        back = s.execute(select(Assignment)).scalar_one()
        assert (back.returned_by_name, back.return_technician_name) == ("Ахметов Болат (брат)", "Сериков Бауыржан")
    row = [panel.history.item(0, j).text() for j in range(8)]
    assert row[0] == "Ахметов Серик Болатович" and row[2] == "Test Technician (tech1)"
    assert row[3] == "Ахметова Айгуль (супруга)" and row[6] == "Ахметов Болат (брат)"
    assert row[1] and row[4] and "with charger" in row[7] and "strap worn" in row[7]
    panel.grab().save(str(tmp_path / "inventory-history.png"))

    actions = [(a, o) for a, o, _d in audit_actions(db)]
    for expected in [("device.reject", "TRK-000902"), ("device.register", "TRK-000902"),
                     ("device.register", "TRK-000901"), ("device.issue", "TRK-000901"),
                     ("device.return", "TRK-000901")]:
        assert expected in actions
    assert ("person.list_view", "TRK-000901") in actions
    assert isinstance(panel.message, QLabel) and "returned to stock" in panel.message.text()


def test_link_column_counts_errors_in_the_status_panels_window_not_since_the_port_opened(
    qtbot: Any, gui_ctx: Any
) -> None:
    """After a restart a port's counters may hold thousands of noise lines: the inventory, like the
    device status panel, counts only what happened in its window since this desk started watching."""
    from serial_drivers.status import SerialPortStatus

    panel = DeviceInventory(gui_ctx)
    qtbot.addWidget(panel)
    old = SerialPortStatus("/dev/ttyUSB0", "icd", "connected", serial="SKU-1",
                           counters={"frames": 500, "noise": 1, "bad_checksum": 1627})
    text, tip = panel._link_cell(old)
    assert "1627" not in text and "%" not in text and "1627" in tip  # the history stays in the tooltip
    worse = SerialPortStatus("/dev/ttyUSB0", "icd", "connected", serial="SKU-1",
                             counters={"frames": 590, "noise": 1, "bad_checksum": 1637})
    text, _ = panel._link_cell(worse)
    assert "% errors" in text  # 10 damaged of the lines seen since: the status panel's figure
