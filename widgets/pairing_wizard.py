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
from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QWidget, QWizard

from arm import inventory
from arm.caseload import devices
from arm.channels import DeviceChannelChanged
from db.models import DeviceProtocol
from serial_drivers.icd.codec import DeviceInfo
from serial_drivers.icd.link import LinkError
from serial_drivers.technician import DeviceLink
from widgets.context import AppContext
from widgets.fit import FitTitle
from widgets.pairing_helpers import (
    PAGE_ASSIGN,
    PAGE_CONFIG,
    PAGE_PAIR,
    PAGE_PORT,
    PAGE_TAMPER,
    TAMPER_TYPES,
    UNITS,
    _inventory_error_text,
    _result_label,
    _searchable,
    _show,
    device_error_text,
)
from widgets.pairing_jobs import SerialJobs
from widgets.pairing_pages import AssignPage, ConfigPage, PairPage, PortPage, TamperPage

log = logging.getLogger("arm.gui.pairing")

#: The pieces moved to pairing_helpers / pairing_jobs / pairing_pages stay importable from here.
__all__ = [
    "PAGE_ASSIGN", "PAGE_CONFIG", "PAGE_PAIR", "PAGE_PORT", "PAGE_TAMPER", "TAMPER_TYPES", "UNITS",
    "AssignPage", "ConfigPage", "PairPage", "PairingWizard", "PortPage", "SerialJobs", "TamperPage",
    "_inventory_error_text", "_result_label", "_searchable", "_show", "device_error_text",
]


class PairingWizard(FitTitle, QWizard):
    """Plug in, detect, pair, configure, test, assign; each step audited."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("Pair a device"))
        self.setObjectName("pairingWizard")
        self.info: DeviceInfo | None = None
        self.device_id: int | None = None
        self.link: DeviceLink | None = None
        #: The inventory's record of the detected device (what the last page still has to ask for).
        self.record: inventory.InventoryRow | None = None
        self._closed = False
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
        self.finished.connect(lambda _r: self._cleanup())
        # the parent going away destroys the wizard without finished(): release the port then too
        self._held: list[DeviceLink] = []
        jobs, held = self.jobs, self._held
        self.destroyed.connect(lambda _obj=None: _release(jobs, held))

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
        """Open the port (or borrow the service's session), read INFO, record the device.

        ``done`` hears of success only once the inventory holds the device (so
        the last page never meets "device not in inventory"), and of any failure,
        the inventory's included.
        """
        old, self.link = self.link, DeviceLink(self.ctx, port)
        self.info, self.device_id, self.record = None, None, None
        link = self.link
        self._held.append(link)

        def job() -> DeviceInfo:
            if old is not None:
                old.close()
            return link.open()

        def finished(info: DeviceInfo | None, error: BaseException | None) -> None:
            if error is not None:
                self._audit(inventory.record_step, "device.detect", "", port=port, error=getattr(error, "code", str(error)))
                done(None, error)
                return
            assert info is not None

            def record(session: Any) -> inventory.InventoryRow | None:
                device_id = devices.upsert_from_info(session, self.ctx.user, info, port)
                return inventory.device_row(session, device_id)

            def recorded(row: inventory.InventoryRow | None) -> None:
                if row is None:
                    done(None, inventory.InventoryError("NO_DEVICE", "The device is not in the inventory."))
                    return
                self.info, self.device_id, self.record = info, row.device_id, row
                # the inventory now says it speaks ICD: a running ingest applies it at once
                self.ctx.bus.publish(DeviceChannelChanged(info.serial, DeviceProtocol.ICD.value))
                done(info, None)

            self.ctx.write(record, on_done=recorded, on_error=lambda e: done(None, e))

        self.run(job, finished)

    def pair(self, bracelet: str, code: str, done: Callable[[Any, BaseException | None], None]) -> None:
        serial = self.info.serial if self.info else ""

        def finished(result: Any, error: BaseException | None) -> None:
            outcome = "OK" if error is None else getattr(error, "code", "ERROR")
            self._audit(devices.set_paired, serial, bracelet, error is None, outcome)
            done(result, error)

        self.run(lambda: self.link_call("PAIR", bracelet, code), finished)

    def configure(self, values: dict[str, str], done: Callable[[Any, BaseException | None], None]) -> None:
        serial = self.info.serial if self.info else ""

        def job() -> None:
            for key, value in values.items():
                self.link_call("CFG", "SET", key, value)

        def finished(result: Any, error: BaseException | None) -> None:
            outcome = "OK" if error is None else getattr(error, "code", "ERROR")
            self._audit(devices.save_config, serial, values, outcome)
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
               done: Callable[[Any, BaseException | None], None], *, received_by: str = "",
               technician_name: str = "") -> None:
        """The inventory number, then (optionally) the issue, naming who received and who handed over."""
        device_id = self.device_id

        def job(session: Any) -> None:
            devices.assign(session, self.ctx.user, device_id, inventory_no, None, note)
            if person_id is not None and device_id is not None:
                devices.issue(session, self.ctx.user, device_id, person_id, note, received_by=received_by,
                              technician_name=technician_name)

        self.ctx.write(job, on_done=lambda r: done(r, None), on_error=lambda e: done(None, e))

    def needs_inventory_no(self) -> bool:
        """A device new to the inventory (or only heard on the wire) must get its inventory number."""
        return self.record is not None and not self.record.inventory_no

    def done(self, result: int) -> None:
        super().done(result)
        self._cleanup()

    def closeEvent(self, event: Any) -> None:
        super().closeEvent(event)
        self._cleanup()

    def _cleanup(self) -> None:
        """Release the port on every way out (Finish, Cancel, Esc, closing the window, the parent going).

        Pending device work is cancelled first and the link closed on this thread:
        a close queued behind a command in its retries could otherwise be
        cancelled with it, leaving the port locked for the next run.
        """
        if self._closed:
            return
        self._closed = True
        self.link = None
        _release(self.jobs, self._held)


def _release(jobs: SerialJobs, held: list[DeviceLink]) -> None:
    """Cancel pending device work, close the links (waking a command in its retries), stop the worker."""
    jobs.cancel_pending()
    for link in held:
        link.close()
    held.clear()
    jobs.shutdown()
