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
            self.ctx.write(devices.upsert_from_info, self.ctx.user, info, port,
                           on_done=lambda device_id: self._remember(device_id), on_error=lambda e: log.error("%s", e))
            done(info, None)

        self.run(job, finished)

    def _remember(self, device_id: int) -> None:
        self.device_id = device_id
        if self.info is not None:  # the inventory now says it speaks ICD: a running ingest applies it at once
            self.ctx.bus.publish(DeviceChannelChanged(self.info.serial, DeviceProtocol.ICD.value))

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
               done: Callable[[Any, BaseException | None], None]) -> None:
        device_id = self.device_id

        def job(session: Any) -> None:
            devices.assign(session, self.ctx.user, device_id, inventory_no, person_id, note)

        self.ctx.write(job, on_done=lambda r: done(r, None), on_error=lambda e: done(None, e))

    def _cleanup(self) -> None:
        link, self.link = self.link, None
        if link is not None:
            self.jobs.run(link.close, lambda _r, _e: None)
        self.jobs.shutdown()
