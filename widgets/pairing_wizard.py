"""The technician's pairing wizard: plug in, detect, pair, configure, test, assign.

Every step talks to the device over the ICD on a worker thread (never on the
GUI thread) and shows its result as a sentence; every step's result goes to
the audit journal. If the monitoring service already serves the port, the
wizard uses that session (commands and the service's event delivery share one
link); otherwise it opens the port itself, with the same delivery, so events
the device sends during pairing are stored and acknowledged as usual.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal, Slot
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
    QWidget,
    QWizard,
    QWizardPage,
)

from serial_drivers import inventory
from serial_drivers.icd.codec import PAIR_CODE_RE, SERIAL_RE, CodecError, DeviceInfo
from serial_drivers.icd.link import DeviceError, LinkError
from serial_drivers.technician import DeviceLink, candidate_ports
from widgets.context import AppContext

log = logging.getLogger("arm.gui.pairing")

PAGE_PORT, PAGE_PAIR, PAGE_CONFIG, PAGE_TAMPER, PAGE_ASSIGN = range(5)
UNITS = ("SKU", "MKU")
TAMPER_TYPES = ("BRC", "TRK")


def device_error_text(exc: BaseException) -> str:
    """A sentence the technician understands for any failure of a device step."""
    code = getattr(exc, "code", "")
    texts = {
        "E_PAIR_CODE": QCoreApplication.translate("DeviceErrors", "The pair code does not match this bracelet. Check the 6 digits printed on it."),
        "E_NOT_FOUND": QCoreApplication.translate("DeviceErrors", "The unit does not hear this bracelet. Bring the bracelet close and try again."),
        "E_ALREADY": QCoreApplication.translate("DeviceErrors", "This bracelet is already paired with this unit."),
        "E_NOT_PAIRED": QCoreApplication.translate("DeviceErrors", "This bracelet is not paired with this unit."),
        "E_RANGE": QCoreApplication.translate("DeviceErrors", "The device refused the value: it is outside the allowed range (or the unit is full)."),
        "E_KEY": QCoreApplication.translate("DeviceErrors", "This device type has no such setting."),
        "E_TYPE": QCoreApplication.translate("DeviceErrors", "This device type does not support this operation."),
        "E_ARG": QCoreApplication.translate("DeviceErrors", "The device did not accept the values given. Check their format."),
        "E_BUSY": QCoreApplication.translate("DeviceErrors", "The device is busy. Wait a moment and try again."),
        "E_SYNTAX": QCoreApplication.translate("DeviceErrors", "The device did not understand the command (a communication fault)."),
        "E_CMD": QCoreApplication.translate("DeviceErrors", "The device does not know this command (firmware too old?)."),
        "NOT_ANSWERING": QCoreApplication.translate("DeviceErrors", "The device does not answer. Check the cable and that the device is switched on."),
        "PORT_CLOSED": QCoreApplication.translate("DeviceErrors", "The port was closed: the device was unplugged."),
    }
    if code in texts:
        return texts[code]
    if isinstance(exc, DeviceError):
        return QCoreApplication.translate("DeviceErrors", "The device reported an error: {code} {text}").format(code=exc.code, text=exc.text)
    if isinstance(exc, CodecError):
        return QCoreApplication.translate("DeviceErrors", "The device on this port does not speak the device protocol.")
    if isinstance(exc, OSError):
        return QCoreApplication.translate("DeviceErrors", "The port cannot be opened: {reason}").format(reason=str(exc))
    return QCoreApplication.translate("DeviceErrors", "Unexpected error: {reason}").format(reason=str(exc))


class _Relay(QObject):
    done = Signal(object, object, object)

    def __init__(self) -> None:
        super().__init__()
        self.done.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    @Slot(object, object, object)
    def _deliver(self, callback: Any, result: object, error: object) -> None:
        try:
            callback(result, error)
        except Exception:
            log.exception("pairing callback failed")


class SerialJobs:
    """One worker thread for device I/O; outcomes come back on the GUI thread."""

    def __init__(self) -> None:
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="arm-pairing")
        self._relay = _Relay()
        self._closed = False

    def run(self, fn: Callable[[], Any], done: Callable[[Any, BaseException | None], None]) -> Future[Any]:
        fut = self._pool.submit(fn)

        def relay(f: Future[Any]) -> None:
            if not self._closed:
                err = f.exception()
                self._relay.done.emit(lambda r, e: done(r, e), None if err else f.result(), err)

        fut.add_done_callback(relay)
        return fut

    def shutdown(self) -> None:
        self._closed = True
        self._pool.shutdown(wait=True, cancel_futures=True)


def _searchable(combo: QComboBox) -> None:
    """A long list of people: type part of a name to find it."""
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    completer = combo.completer()
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    completer.setCompletionMode(completer.CompletionMode.PopupCompletion)


def _result_label() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def _show(label: QLabel, text: str, ok: bool | None) -> None:
    label.setText(text)
    label.setProperty("severity", {True: "ok", False: "error", None: "info"}[ok])
    label.setStyleSheet({True: "color: #1b6e20;", False: "color: #b00020; font-weight: bold;", None: ""}[ok])


class PortPage(QWizardPage):
    """Step 1: choose the port, read INFO."""

    def __init__(self, wizard: PairingWizard) -> None:
        super().__init__(wizard)
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
            _show(self.result, self.tr("Device detected and recorded in the inventory."), True)
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self.w.info is not None

    def nextId(self) -> int:
        return self.w.next_after(PAGE_PORT)


class PairPage(QWizardPage):
    """Step 2 (SKU/MKU): pair a bracelet by its pair code."""

    def __init__(self, wizard: PairingWizard) -> None:
        super().__init__(wizard)
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

    def __init__(self, wizard: PairingWizard) -> None:
        super().__init__(wizard)
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

    def __init__(self, wizard: PairingWizard) -> None:
        super().__init__(wizard)
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

    def __init__(self, wizard: PairingWizard) -> None:
        super().__init__(wizard)
        self.w = wizard
        self.setTitle(self.tr("Assign"))
        self.setSubTitle(self.tr("Give the inventory number and choose who receives the device."))
        self.inventory_no = QLineEdit(objectName="inventoryNo")
        self.person = QComboBox(objectName="person")
        _searchable(self.person)
        self.note = QLineEdit(objectName="note")
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
        form.addRow(self.tr("Note:"), self.note)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(self.result)
        lay.addStretch(1)

    def initializePage(self) -> None:
        self.person.clear()
        self.person.addItem(self.tr("— keep in stock —"), None)
        self.person.setEnabled(not self.w.tamper_failed)
        if self.w.tamper_failed:
            _show(self.result, self.tr("The tamper self-test failed: the device stays in stock."), False)
        self.w.ctx.read(inventory.persons_for_issue, on_done=self._persons)

    def _persons(self, persons: list[tuple[int, str]]) -> None:
        for pid, name in persons:
            self.person.addItem(name, pid)
        self.w.ctx.write(
            inventory.record_step, self.w.ctx.user, "person.list_view", self.w.info.serial if self.w.info else "",
            purpose="issue device", shown=len(persons),
        )

    def nextId(self) -> int:
        return -1

    def validatePage(self) -> bool:
        if self.w.finished_ok:
            return True
        self.w.assign(self.inventory_no.text(), self.person.currentData(), self.note.text(), self._assigned)
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


def _inventory_error_text(error: inventory.InventoryError) -> str:
    texts = {
        "INVENTORY_NO_TAKEN": QCoreApplication.translate("Inventory", "This inventory number is already used."),
        "INVENTORY_NO_LONG": QCoreApplication.translate("Inventory", "At most 64 characters."),
        "NOT_IN_STOCK": QCoreApplication.translate("Inventory", "Only a device in stock can be issued."),
        "NOT_ISSUED": QCoreApplication.translate("Inventory", "The device is not issued to anybody."),
        "NOT_UNREGISTERED": QCoreApplication.translate(
            "Inventory", "Only an unregistered device can be registered or rejected."
        ),
        "NO_PERSON": QCoreApplication.translate("Inventory", "The person is not in the register."),
        "NO_DEVICE": QCoreApplication.translate("Inventory", "The device is not in the inventory."),
        "REASON_MISSING": QCoreApplication.translate("Inventory", "Say why the device is rejected."),
    }
    return texts.get(error.code, str(error))


class PairingWizard(QWizard):
    """Plug in, detect, pair, configure, test, assign; each step audited."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("Pair a device"))
        self.setObjectName("pairingWizard")
        self.info: DeviceInfo | None = None
        self.device_id: int | None = None
        self.link: DeviceLink | None = None
        self.finished_ok = False
        self.tamper_failed = False
        self.jobs = SerialJobs()
        self.setPage(PAGE_PORT, PortPage(self))
        self.setPage(PAGE_PAIR, PairPage(self))
        self.setPage(PAGE_CONFIG, ConfigPage(self))
        self.setPage(PAGE_TAMPER, TamperPage(self))
        self.setPage(PAGE_ASSIGN, AssignPage(self))
        self.setStartId(PAGE_PORT)
        self.resize(640, 460)
        self.finished.connect(self._cleanup)

    # ------------------------------------------------------------ flow
    def next_after(self, page: int) -> int:
        t = self.info.type if self.info else ""
        order = [PAGE_PORT]
        if t in UNITS:
            order.append(PAGE_PAIR)
        order.append(PAGE_CONFIG)
        if t in TAMPER_TYPES:
            order.append(PAGE_TAMPER)
        order.append(PAGE_ASSIGN)
        return order[order.index(page) + 1] if page in order and page != order[-1] else -1

    def run(self, fn: Callable[[], Any], done: Callable[[Any, BaseException | None], None]) -> None:
        self.jobs.run(fn, done)

    def link_call(self, name: str, *args: str) -> tuple[str, ...]:
        if self.link is None:
            raise LinkError("no device")
        return self.link.call(name, *args)

    def _audit(self, fn: Callable[..., Any], *args: Any, **detail: Any) -> None:
        self.ctx.write(lambda session: fn(session, self.ctx.user, *args, **detail))

    # ------------------------------------------------------------ steps
    def detect(self, port: str, done: Callable[[Any, BaseException | None], None]) -> None:
        old, self.link = self.link, DeviceLink(self.ctx, port)

        def job() -> DeviceInfo:
            if old is not None:
                old.close()
            assert self.link is not None
            return self.link.open()

        def finished(info: DeviceInfo | None, error: BaseException | None) -> None:
            self.info = info if error is None else None
            if error is not None:
                self._audit(inventory.record_step, "device.detect", "", port=port, error=getattr(error, "code", str(error)))
                done(None, error)
                return
            assert info is not None
            self.ctx.write(inventory.upsert_from_info, self.ctx.user, info, port,
                           on_done=lambda device_id: self._remember(device_id), on_error=lambda e: log.error("%s", e))
            done(info, None)

        self.run(job, finished)

    def _remember(self, device_id: int) -> None:
        self.device_id = device_id

    def pair(self, bracelet: str, code: str, done: Callable[[Any, BaseException | None], None]) -> None:
        serial = self.info.serial if self.info else ""

        def finished(result: Any, error: BaseException | None) -> None:
            outcome = "OK" if error is None else getattr(error, "code", "ERROR")
            self._audit(inventory.set_paired, serial, bracelet, error is None, outcome)
            done(result, error)

        self.run(lambda: self.link_call("PAIR", bracelet, code), finished)

    def configure(self, values: dict[str, str], done: Callable[[Any, BaseException | None], None]) -> None:
        serial = self.info.serial if self.info else ""

        def job() -> None:
            for key, value in values.items():
                self.link_call("CFG", "SET", key, value)

        def finished(result: Any, error: BaseException | None) -> None:
            outcome = "OK" if error is None else getattr(error, "code", "ERROR")
            self._audit(inventory.save_config, serial, values, outcome)
            done(result, error)

        self.run(job, finished)

    def tamper_test(self, done: Callable[[Any, BaseException | None], None]) -> None:
        serial = self.info.serial if self.info else ""

        def finished(result: tuple[str, ...] | None, error: BaseException | None) -> None:
            outcome = ",".join(result) if result else getattr(error, "code", "ERROR")
            self._audit(inventory.record_step, "device.tamper_test", serial, result=outcome)
            done(result, error)

        self.run(lambda: self.link_call("TEST", "TAMPER"), finished)

    def assign(self, inventory_no: str, person_id: int | None, note: str,
               done: Callable[[Any, BaseException | None], None]) -> None:
        device_id = self.device_id

        def job(session: Any) -> None:
            if device_id is None:
                raise inventory.InventoryError("NO_DEVICE", "The device is not in the inventory.")
            from db.models import Device

            device = session.get(Device, device_id)
            device.inventory_no = inventory._check_inventory_no(session, device, inventory_no) or None
            inventory.record_step(session, self.ctx.user, "device.inventory_no", device.serial,
                                  inventory_no=device.inventory_no)
            if person_id is not None:
                inventory.issue(session, self.ctx.user, device_id, person_id, note)

        self.ctx.write(job, on_done=lambda r: done(r, None), on_error=lambda e: done(None, e))

    def _cleanup(self) -> None:
        link, self.link = self.link, None
        if link is not None:
            self.jobs.run(link.close, lambda _r, _e: None)
        self.jobs.shutdown()
