"""The five pages of the pairing wizard: port, pair, settings, tamper self-test, assign.

Each page only shows and validates; the device and database work is done by
the wizard (``PairingWizard.detect``, ``pair``, ...) on its worker thread, and
the page shows the outcome as a sentence.
"""

from __future__ import annotations

import os
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWizardPage,
)

from arm import inventory
from serial_drivers.icd.codec import PAIR_CODE_RE, SERIAL_RE, DeviceInfo
from serial_drivers.technician import candidate_ports
from widgets.pairing_helpers import (
    PAGE_CONFIG,
    PAGE_PAIR,
    PAGE_PORT,
    PAGE_TAMPER,
    UNITS,
    _inventory_error_text,
    _result_label,
    _searchable,
    _show,
    device_error_text,
)
from widgets.pairing_host import WizardHost


class PortPage(QWizardPage):
    """Step 1: choose the port, read INFO."""

    def __init__(self, wizard: WizardHost) -> None:
        super().__init__()
        self.w = wizard
        self.setTitle(self.tr("Connect the device"))
        self.setSubTitle(self.tr("Plug the device into a USB port, choose the port and press Detect."))
        self.port = QComboBox()
        self.port.setEditable(True)
        self.port.setObjectName("port")
        self.refresh = QPushButton(self.tr("Refresh"))
        self.detect = QPushButton(self.tr("Detect"))
        self.detect.setObjectName("detect")
        self.result = _result_label()
        self.result.setObjectName("detectResult")
        self.info = QLabel()
        self.info.setObjectName("info")
        row = QHBoxLayout()
        row.addWidget(self.port, 1)
        row.addWidget(self.refresh)
        row.addWidget(self.detect)
        lay = QVBoxLayout(self)
        lay.addWidget(QLabel(self.tr("Port:")))
        lay.addLayout(row)
        lay.addWidget(self.info)
        lay.addWidget(self.result)
        lay.addStretch(1)
        self.refresh.clicked.connect(self.fill_ports)
        self.detect.clicked.connect(self.on_detect)
        self.fill_ports()

    def fill_ports(self) -> None:
        current = self.port.currentText()
        self.port.clear()
        self.port.addItems(candidate_ports(self.w.ctx))
        if current:
            self.port.setEditText(current)

    def on_detect(self) -> None:
        port = self.port.currentText().strip()
        if not port:
            _show(self.result, self.tr("Choose or type a port first."), False)
            return
        if not os.path.exists(port):
            _show(self.result, self.tr("There is no port {port}. Is the device plugged in?").format(port=port), False)
            return
        self.detect.setEnabled(False)
        _show(self.result, self.tr("Reading the device…"), None)
        self.w.detect(port, self._detected)

    def _detected(self, info: DeviceInfo | None, error: BaseException | None) -> None:
        self.detect.setEnabled(True)
        if error is not None:
            _show(self.result, device_error_text(error), False)
        else:
            assert info is not None
            self.info.setText(
                self.tr("Type {type}, serial {serial}, firmware {fw}, hardware {hw}, battery {bat} %").format(
                    type=info.type, serial=info.serial, fw=info.firmware, hw=info.hardware,
                    bat="—" if info.battery is None else info.battery,
                )
                + (self.tr(", IMEI {imei}").format(imei=info.imei) if info.imei else "")
            )
            record = self.w.record
            if record is not None and not record.inventory_no:
                _show(self.result, self.tr(
                    "Device detected and recorded in the inventory as new: give it an inventory number on the last page."
                ), True)
            else:
                _show(self.result, self.tr("Device detected and recorded in the inventory."), True)
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self.w.info is not None

    def nextId(self) -> int:
        return self.w.next_after(PAGE_PORT)


class PairPage(QWizardPage):
    """Step 2 (SKU/MKU): pair a bracelet by its pair code."""

    def __init__(self, wizard: WizardHost) -> None:
        super().__init__()
        self.w = wizard
        self.setTitle(self.tr("Pair a bracelet"))
        self.setSubTitle(self.tr("Enter the bracelet's serial and the 6-digit pair code printed on it."))
        self.bracelet = QLineEdit()
        self.bracelet.setObjectName("bracelet")
        self.bracelet.setPlaceholderText("BRC-102938")
        self.code = QLineEdit()
        self.code.setObjectName("code")
        self.code.setMaxLength(6)
        self.code.setInputMask("999999;_")
        self.bracelet_error = QLabel()
        self.code_error = QLabel()
        for lab in (self.bracelet_error, self.code_error):
            lab.setStyleSheet("color: #b00020;")
        self.pair = QPushButton(self.tr("Pair"))
        self.pair.setObjectName("pair")
        self.paired = QListWidget()
        self.result = _result_label()
        self.result.setObjectName("pairResult")
        form = QFormLayout()
        b_row, c_row = QHBoxLayout(), QHBoxLayout()
        b_row.addWidget(self.bracelet)
        b_row.addWidget(self.bracelet_error)
        c_row.addWidget(self.code)
        c_row.addWidget(self.code_error)
        form.addRow(self.tr("Bracelet serial:"), b_row)
        form.addRow(self.tr("Pair code:"), c_row)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(self.pair)
        lay.addWidget(self.result)
        lay.addWidget(QLabel(self.tr("Bracelets paired with this unit:")))
        lay.addWidget(self.paired)
        self.pair.clicked.connect(self.on_pair)

    def initializePage(self) -> None:
        self.w.run(lambda: self.w.link_call("PAIRS"), self._pairs)

    def _pairs(self, result: tuple[str, ...] | None, error: BaseException | None) -> None:
        self.paired.clear()
        if error is None and result:
            self.paired.addItems(list(result[1:]))
        self.completeChanged.emit()

    def on_pair(self) -> None:
        bracelet, code = self.bracelet.text().strip().upper(), self.code.text().strip()
        self.bracelet_error.setText("" if SERIAL_RE.match(bracelet) else self.tr("4 to 20 of A-Z, 0-9, -"))
        self.code_error.setText("" if PAIR_CODE_RE.match(code) else self.tr("6 digits"))
        if self.bracelet_error.text() or self.code_error.text():
            return
        self.pair.setEnabled(False)
        _show(self.result, self.tr("Pairing…"), None)
        self.w.pair(bracelet, code, self._paired)

    def _paired(self, result: Any, error: BaseException | None) -> None:
        self.pair.setEnabled(True)
        if error is not None:
            _show(self.result, device_error_text(error), False)
        else:
            _show(self.result, self.tr("Bracelet {serial} paired.").format(serial=result[0]), True)
        self.initializePage()

    def isComplete(self) -> bool:
        return self.paired.count() > 0

    def nextId(self) -> int:
        return self.w.next_after(PAGE_PAIR)


class ConfigPage(QWizardPage):
    """Step 3: REPORT_S / HB_S / ABSENT_S / BAC_LIMIT."""

    def __init__(self, wizard: WizardHost) -> None:
        super().__init__()
        self.w = wizard
        self.setTitle(self.tr("Settings"))
        self.setSubTitle(self.tr("Read from the device; change and press Apply."))
        self.report = QSpinBox(objectName="REPORT_S", minimum=10, maximum=3600, suffix=self.tr(" s"))
        self.hb = QSpinBox(objectName="HB_S", minimum=30, maximum=3600, suffix=self.tr(" s"))
        self.absent = QSpinBox(objectName="ABSENT_S", minimum=30, maximum=1800, suffix=self.tr(" s"))
        self.bac = QDoubleSpinBox(objectName="BAC_LIMIT", minimum=0.0, maximum=1.0, decimals=2, singleStep=0.01)
        self.bac.setSuffix(self.tr(" mg/L"))
        self.form = QFormLayout()
        self.form.addRow(self.tr("Report every:"), self.report)
        self.form.addRow(self.tr("Heartbeat every:"), self.hb)
        self.form.addRow(self.tr("Bracelet absent after:"), self.absent)
        self.form.addRow(self.tr("Breath alcohol limit:"), self.bac)
        self.apply = QPushButton(self.tr("Apply"))
        self.apply.setObjectName("apply")
        self.result = _result_label()
        self.result.setObjectName("configResult")
        lay = QVBoxLayout(self)
        lay.addLayout(self.form)
        lay.addWidget(self.apply)
        lay.addWidget(self.result)
        lay.addStretch(1)
        self.apply.clicked.connect(self.on_apply)
        self.applied = False

    def keys(self) -> dict[str, QSpinBox | QDoubleSpinBox]:
        t = self.w.info.type if self.w.info else ""
        keys: dict[str, QSpinBox | QDoubleSpinBox] = {"REPORT_S": self.report, "HB_S": self.hb}
        if t in UNITS:
            keys["ABSENT_S"] = self.absent
        if t == "BAC":
            keys["BAC_LIMIT"] = self.bac
        return keys

    def initializePage(self) -> None:
        keys = self.keys()
        for name, box in (("ABSENT_S", self.absent), ("BAC_LIMIT", self.bac)):
            self.form.setRowVisible(box, name in keys)
        self.apply.setEnabled(False)
        self.w.run(lambda: {k: self.w.link_call("CFG", "GET", k)[1] for k in keys}, self._read)

    def _read(self, values: dict[str, str] | None, error: BaseException | None) -> None:
        self.apply.setEnabled(True)
        if error is not None:
            _show(self.result, device_error_text(error), False)
            return
        assert values is not None
        for key, text in values.items():
            box = self.keys()[key]
            box.setValue(float(text) if isinstance(box, QDoubleSpinBox) else int(text))
        _show(self.result, self.tr("Current settings read from the device."), None)

    def on_apply(self) -> None:
        values = {
            k: (f"{b.value():.2f}" if isinstance(b, QDoubleSpinBox) else str(b.value())) for k, b in self.keys().items()
        }
        self.apply.setEnabled(False)
        self.w.configure(values, self._applied)

    def _applied(self, _result: Any, error: BaseException | None) -> None:
        self.apply.setEnabled(True)
        if error is not None:
            _show(self.result, device_error_text(error), False)
        else:
            self.applied = True
            _show(self.result, self.tr("Settings written to the device."), True)
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self.applied

    def nextId(self) -> int:
        return self.w.next_after(PAGE_CONFIG)


class TamperPage(QWizardPage):
    """Step 4 (BRC/TRK): the strap and case sensor self-test."""

    def __init__(self, wizard: WizardHost) -> None:
        super().__init__()
        self.w = wizard
        self.setTitle(self.tr("Tamper self-test"))
        self.setSubTitle(self.tr("Close the strap, then run the self-test of the strap and case sensors."))
        self.test = QPushButton(self.tr("Run self-test"))
        self.test.setObjectName("tamperTest")
        self.result = _result_label()
        self.result.setObjectName("tamperResult")
        lay = QVBoxLayout(self)
        lay.addWidget(self.test)
        lay.addWidget(self.result)
        lay.addStretch(1)
        self.test.clicked.connect(self.on_test)
        self.done = False

    def on_test(self) -> None:
        self.test.setEnabled(False)
        _show(self.result, self.tr("Testing…"), None)
        self.w.tamper_test(self._tested)

    def _tested(self, result: tuple[str, ...] | None, error: BaseException | None) -> None:
        self.test.setEnabled(True)
        if error is not None:
            _show(self.result, device_error_text(error), False)
        elif result and result[0] == "PASS":
            self.done = True
            _show(self.result, self.tr("Self-test passed: the strap and case sensors work."), True)
        else:
            self.done = True
            self.w.tamper_failed = True
            detail = result[1] if result and len(result) > 1 else ""
            _show(
                self.result,
                self.tr("Self-test FAILED ({detail}). Do not issue this device; send it to repair.").format(
                    detail=detail
                ),
                False,
            )
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self.done

    def nextId(self) -> int:
        return self.w.next_after(PAGE_TAMPER)


class AssignPage(QWizardPage):
    """Step 5: the inventory number and, optionally, the person who receives the device."""

    def __init__(self, wizard: WizardHost) -> None:
        super().__init__()
        self.w = wizard
        self.setTitle(self.tr("Assign"))
        self.setSubTitle(self.tr("Give the inventory number and choose who receives the device."))
        self.inventory_no = QLineEdit(objectName="inventoryNo")
        self.person = QComboBox(objectName="person")
        _searchable(self.person)
        self.note = QLineEdit(objectName="note")
        # the issue act names who took the device and who handed it over (arm.caseload.devices.issue)
        self.received_by = QLineEdit(objectName="receivedBy")
        self.technician_name = QLineEdit(objectName="technicianName")
        self.person.currentIndexChanged.connect(
            lambda _i: self.received_by.setText(self.person.currentText() if self.person.currentData() is not None
                                                else ""))
        self.inventory_error = QLabel()
        self.inventory_error.setStyleSheet("color: #b00020;")
        self.result = _result_label()
        self.result.setObjectName("assignResult")
        form = QFormLayout()
        inv_row = QHBoxLayout()
        inv_row.addWidget(self.inventory_no)
        inv_row.addWidget(self.inventory_error)
        form.addRow(self.tr("Inventory number:"), inv_row)
        form.addRow(self.tr("Issue to:"), self.person)
        form.addRow(self.tr("Received by:"), self.received_by)
        form.addRow(self.tr("Handed over by:"), self.technician_name)
        form.addRow(self.tr("Note:"), self.note)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(self.result)
        lay.addStretch(1)

    def initializePage(self) -> None:
        self.person.clear()
        self.person.addItem(self.tr("— keep in stock —"), None)
        user = self.w.ctx.user
        if not self.technician_name.text():
            self.technician_name.setText(str(getattr(user, "full_name", "") or getattr(user, "login", "")))
        self.person.setEnabled(not self.w.tamper_failed)
        if self.w.tamper_failed:
            _show(self.result, self.tr("The tamper self-test failed: the device stays in stock."), False)
        record = self.w.record
        if record is not None:
            self.inventory_no.setText(record.inventory_no)
            if not record.inventory_no:
                self.inventory_no.setPlaceholderText(self.tr("required: the number on the device's label"))
        self.w.ctx.read(inventory.persons_for_issue, on_done=self._persons)

    def _persons(self, persons: list[tuple[int, str]]) -> None:
        for pid, name in persons:
            self.person.addItem(name, pid)
        serial = self.w.info.serial if self.w.info else ""
        user = self.w.ctx.user
        # keyword details go inside the job: ctx.write's own keywords are its callbacks
        self.w.ctx.write(lambda session: inventory.record_step(
            session, user, "person.list_view", serial, purpose="issue device", shown=len(persons)))

    def nextId(self) -> int:
        return -1

    def validatePage(self) -> bool:
        if self.w.finished_ok:
            return True
        self.inventory_error.setText("")
        if self.w.needs_inventory_no() and not self.inventory_no.text().strip():
            text = self.tr("A device new to the inventory needs its inventory number.")
            self.inventory_error.setText(text)
            _show(self.result, text, False)
            return False
        self.w.assign(self.inventory_no.text(), self.person.currentData(), self.note.text(), self._assigned,
                      received_by=self.received_by.text().strip(), technician_name=self.technician_name.text().strip())
        return False

    def _assigned(self, _result: Any, error: BaseException | None) -> None:
        if error is not None:
            text = device_error_text(error)
            if isinstance(error, inventory.InventoryError):
                text = _inventory_error_text(error)
                if error.code.startswith("INVENTORY_NO"):
                    self.inventory_error.setText(text)
            _show(self.result, text, False)
            return
        self.w.finished_ok = True
        self.w.accept()
