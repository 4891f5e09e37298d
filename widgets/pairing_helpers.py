"""Shared pieces of the pairing wizard: page order, error sentences, small label helpers.

The device inventory screen uses the same sentences and the searchable person
list, so they live apart from the wizard's pages and flow.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QComboBox, QLabel

from arm import inventory
from arm.access import AccessDenied
from serial_drivers.icd.codec import CodecError
from serial_drivers.icd.link import DeviceError
from widgets.caseload_errors import denied_text

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
    if isinstance(exc, AccessDenied):
        return denied_text(exc)
    if isinstance(exc, OSError):
        return QCoreApplication.translate("DeviceErrors", "The port cannot be opened: {reason}").format(reason=str(exc))
    return QCoreApplication.translate("DeviceErrors", "Unexpected error: {reason}").format(reason=str(exc))


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
