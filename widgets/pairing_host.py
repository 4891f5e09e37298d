"""What a pairing page needs of its wizard, so the pages do not import the wizard.

``widgets.pairing_wizard.PairingWizard`` builds the pages and satisfies this
protocol; the pages (``widgets.pairing_pages``) depend only on it, which keeps
the import graph one-way (wizard -> pages).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from serial_drivers.icd.codec import DeviceInfo
    from widgets.context import AppContext

#: A step's outcome callback: ``(result, None)`` or ``(None, error)``, on the GUI thread.
Done = Callable[[Any, BaseException | None], None]


class WizardHost(Protocol):
    ctx: AppContext
    info: DeviceInfo | None
    finished_ok: bool
    tamper_failed: bool

    record: Any  # arm.inventory.InventoryRow | None: the inventory's record of the detected device

    def accept(self) -> None: ...
    def needs_inventory_no(self) -> bool: ...
    def next_after(self, page: int) -> int: ...
    def run(self, fn: Callable[[], Any], done: Done) -> None: ...
    def link_call(self, name: str, *args: str) -> tuple[str, ...]: ...
    def detect(self, port: str, done: Done) -> None: ...
    def pair(self, bracelet: str, code: str, done: Done) -> None: ...
    def configure(self, values: dict[str, str], done: Done) -> None: ...
    def tamper_test(self, done: Done) -> None: ...
    def assign(self, inventory_no: str, person_id: int | None, note: str, done: Done, *, received_by: str = "",
               technician_name: str = "") -> None: ...
