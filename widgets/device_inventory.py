"""The technician's device inventory: what we own, where it is, who holds it.

One row per device (serial, inventory number, type, tracker model, firmware,
status, holder name only, last contact, battery, serial link state). Devices
heard on the wire but not registered are shown first and can be registered or
rejected; a GT06 tracker gets the model it is decoded with (Traccar's model
override); a device in stock is issued to a person and returned, and the selected device's
issue/return history shows who did it and when. All database work runs on the
context's worker; every action is audited by ``arm.caseload.devices``.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from arm import inventory
from arm.caseload import devices
from arm.channels import DeviceChannelChanged
from arm.inventory import HistoryRow, InventoryError, InventoryRow
from arm.protocols.device_models import DeviceModelChanged, model_error, normalize
from arm.protocols.gt06 import LAYOUT_MODELS
from db.models import DeviceProtocol
from serial_drivers.link_health import LinkHealth, LinkSummary
from widgets.caseload_errors import failure_text
from widgets.context import AppContext
from widgets.fit import FitTitle
from widgets.pairing_helpers import _inventory_error_text, _searchable

log = logging.getLogger("arm.gui.inventory")

COLUMNS = ("serial", "inventory_no", "type", "model", "firmware", "status", "holder", "last_contact", "battery", "link")
#: device types whose listener decodes by tracker model (arm.protocols.device_models)
MODEL_TYPES = {"GT06"}
RELOAD_DELAY_MS = 700
#: the link column (in-memory port states, no database) is refreshed this often
LINK_REFRESH_MS = 2000


def _who(name: str, login: str) -> str:
    """The name an act gives, with the login that recorded it when they differ."""
    if name and login and name != login:
        return f"{name} ({login})"
    return name or login


class _FormDialog(FitTitle, QDialog):
    """A small form whose errors are shown beside the field they concern."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.form = QFormLayout()
        self.errors: dict[str, QLabel] = {}
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addLayout(self.form)
        lay.addWidget(self.buttons)

    def add(self, key: str, label: str, widget: QWidget) -> QWidget:
        row = QHBoxLayout()
        row.addWidget(widget, 1)
        err = QLabel()
        err.setObjectName(f"{key}Error")
        err.setStyleSheet("color: #b00020;")
        row.addWidget(err)
        self.errors[key] = err
        self.form.addRow(label, row)
        widget.setObjectName(key)
        return widget

    def show_error(self, key: str, text: str) -> None:
        self.errors[key].setText(text)


class DeviceInventory(QWidget):
    """Inventory table + actions + history of the selected device."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.rows: list[InventoryRow] = []
        self.setObjectName("deviceInventory")
        self.filter = QLineEdit(placeholderText=self.tr("Filter by serial, inventory number, holder…"))
        self.status_filter = QComboBox()
        self.status_filter.addItem(self.tr("All states"), "")
        for code, text in self._status_texts().items():
            self.status_filter.addItem(text, code)
        self.buttons = {
            "register": QPushButton(self.tr("Register…")),
            "reject": QPushButton(self.tr("Reject…")),
            "issue": QPushButton(self.tr("Issue…")),
            "return": QPushButton(self.tr("Return…")),
            "pair": QPushButton(self.tr("Pairing wizard…")),
            "model": QPushButton(self.tr("Tracker model…")),
            "refresh": QPushButton(self.tr("Refresh")),
        }
        for key, button in self.buttons.items():
            button.setObjectName(key)
        self.message = QLabel()
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.table = self._make_table(self._headers())
        self.table.setObjectName("inventoryTable")
        self.history = self._make_table(
            [self.tr("Person"), self.tr("Issued"), self.tr("Issued by"), self.tr("Received by"), self.tr("Returned"),
             self.tr("Returned by"), self.tr("Handed back by"), self.tr("Note")]
        )
        self.history.setObjectName("historyTable")
        self.history_title = QLabel(self.tr("Issue and return history"))
        self._layout()
        self._reload_timer = QTimer(self, singleShot=True, interval=RELOAD_DELAY_MS)
        self._reload_timer.timeout.connect(lambda: self.reload(audit=False))
        self.filter.textChanged.connect(self._fill)
        self.status_filter.currentIndexChanged.connect(self._fill)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.buttons["refresh"].clicked.connect(lambda: self.reload())
        self.buttons["register"].clicked.connect(self.on_register)
        self.buttons["reject"].clicked.connect(self.on_reject)
        self.buttons["issue"].clicked.connect(self.on_issue)
        self.buttons["return"].clicked.connect(self.on_return)
        self.buttons["pair"].clicked.connect(self.on_pair)
        self.buttons["model"].clicked.connect(self.on_model)
        self.buttons["model"].setToolTip(self.tr("Some GT06 trackers send reports laid out for their model: "
                                                 "set it so they are decoded correctly."))
        ctx.bridge.deviceStateChanged.connect(lambda _m: self._reload_timer.start())
        self._health: dict[str, LinkHealth] = {}
        self._link_timer = QTimer(self, interval=LINK_REFRESH_MS)
        self._link_timer.timeout.connect(self._refresh_links)
        self._link_timer.start()
        self._update_buttons()
        self.reload()

    # ------------------------------------------------------------ layout
    def _headers(self) -> list[str]:
        return [
            self.tr("Serial"), self.tr("Inventory no."), self.tr("Type"), self.tr("Model"), self.tr("Firmware"),
            self.tr("Status"),
            self.tr("Holder"), self.tr("Last contact"), self.tr("Battery"), self.tr("Link"),
        ]

    def _status_texts(self) -> dict[str, str]:
        return {
            "unregistered": self.tr("unregistered"),
            "in_stock": self.tr("in stock"),
            "issued": self.tr("issued"),
            "repair": self.tr("in repair"),
            "rejected": self.tr("rejected"),
            "written_off": self.tr("written off"),
        }

    def _link_texts(self) -> dict[str, str]:
        return {
            "opening": self.tr("opening"),
            "identifying": self.tr("identifying"),
            "connected": self.tr("connected"),
            "not_answering": self.tr("not answering"),
            "unrecognised": self.tr("unknown device"),
            "lost": self.tr("unplugged"),
            "closed": self.tr("closed"),
        }

    @staticmethod
    def _make_table(headers: list[str]) -> QTableWidget:
        table = QTableWidget(0, len(headers))
        table.setHorizontalHeaderLabels(headers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.verticalHeader().setVisible(False)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setStretchLastSection(True)
        table.setSortingEnabled(False)
        return table

    def _layout(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.filter, 2)
        top.addWidget(self.status_filter)
        for key in ("register", "reject", "issue", "return", "model", "pair", "refresh"):
            top.addWidget(self.buttons[key])
        lower = QWidget()
        lower_lay = QVBoxLayout(lower)
        lower_lay.setContentsMargins(0, 0, 0, 0)
        lower_lay.addWidget(self.history_title)
        lower_lay.addWidget(self.history)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(lower)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(self.message)
        lay.addWidget(split, 1)

    # ------------------------------------------------------------ data
    def reload(self, audit: bool = True) -> None:
        """Load the table; ``audit``: record the view (not for live refreshes of the same view)."""

        def job(session: Any) -> list[InventoryRow]:
            rows = inventory.list_devices(session)
            shown = sum(1 for r in rows if r.holder)
            if audit and shown:
                inventory.record_step(session, self.ctx.user, "inventory.view", "", holders_shown=shown)
            return rows

        self.ctx.write(job, on_done=self._loaded, on_error=self._failed)

    def _loaded(self, rows: list[InventoryRow]) -> None:
        # unregistered devices first: they wait for a decision
        self.rows = sorted(rows, key=lambda r: (r.status != "unregistered", r.serial))
        self.table.blockSignals(True)
        self._fill()
        self.table.blockSignals(False)
        self._selection_changed()

    def _failed(self, error: BaseException) -> None:
        text = _inventory_error_text(error) if isinstance(error, InventoryError) else failure_text(error)
        self._say(text, ok=False)

    def _say(self, text: str, ok: bool) -> None:
        self.message.setText(text)
        self.message.setStyleSheet("color: #1b6e20;" if ok else "color: #b00020; font-weight: bold;")

    def _health_of(self, status: Any) -> LinkSummary | None:
        """The link over the status panel's window (``LinkHealth``), fed with every status this table sees."""
        health = self._health.get(status.serial)
        if health is None:
            health = self._health[status.serial] = LinkHealth()
        if health.status is not status:
            health.update(status)
        return health.summary()

    def _links(self) -> dict[str, Any]:
        manager = getattr(getattr(self.ctx, "service", None), "extensions", {}).get("serial")
        if manager is None:
            return {}
        return {s.serial: s for s in manager.statuses() if s.serial}

    def visible_rows(self) -> list[InventoryRow]:
        needle = self.filter.text().strip().casefold()
        status = self.status_filter.currentData()
        out = []
        for r in self.rows:
            if status and r.status != status:
                continue
            if needle and needle not in f"{r.serial} {r.inventory_no} {r.holder} {r.type} {r.model}".casefold():
                continue
            out.append(r)
        return out

    def _fill(self) -> None:
        selected = self.selected()
        rows = self.visible_rows()
        links, statuses = self._links(), self._status_texts()
        self.table.setRowCount(len(rows))
        bold = QFont()
        bold.setBold(True)
        for i, r in enumerate(rows):
            link_text, link_tip = self._link_cell(links.get(r.serial))
            values = [
                r.serial, r.inventory_no, r.type, r.model, r.firmware, statuses.get(r.status, r.status), r.holder,
                self.ctx.format_time(r.last_contact), "" if r.battery is None else f"{r.battery} %", link_text,
            ]
            for j, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setData(Qt.ItemDataRole.UserRole, r.device_id)
                if r.status == "unregistered":
                    item.setFont(bold)
                if j == len(values) - 1:
                    item.setToolTip(link_tip)
                self.table.setItem(i, j, item)
            if selected is not None and r.device_id == selected.device_id:
                self.table.selectRow(i)
        self._update_buttons()

    def _link_cell(self, link: Any) -> tuple[str, str]:
        """Text and tooltip of the link column: state, fault count, every counter."""
        if link is None:
            return "", ""
        text = self._link_texts().get(link.state, link.state)
        summary = self._health_of(link)
        if summary is not None and summary.errors:
            # the same figure as the device status panel: line errors in its window, not every
            # counter since the port was opened (which a demo restart's noise inflates into thousands)
            text += self.tr(" ({rate} % errors / {minutes} min)").format(
                rate=f"{summary.error_pct:.1f}", minutes=int(summary.window_s // 60))
        counters = ", ".join(f"{k} {v}" for k, v in sorted(link.counters.items()) if v)
        tip = self.tr("Port {port}, since it was opened: {counters}").format(port=link.port, counters=counters)
        if link.detail:
            tip += "\n" + link.detail
        return text, tip

    def _refresh_links(self) -> None:
        links = self._links()
        column = COLUMNS.index("link")
        for i in range(self.table.rowCount()):
            item = self.table.item(i, 0)
            if item is None:
                continue
            text, tip = self._link_cell(links.get(item.text()))
            cell = self.table.item(i, column)
            if cell is not None and (cell.text(), cell.toolTip()) != (text, tip):
                cell.setText(text)
                cell.setToolTip(tip)

    def selected(self) -> InventoryRow | None:
        items = self.table.selectedItems()
        if not items:
            return None
        device_id = items[0].data(Qt.ItemDataRole.UserRole)
        return next((r for r in self.rows if r.device_id == device_id), None)

    def _selection_changed(self) -> None:
        self._update_buttons()
        row = self.selected()
        if row is None:
            self.history.setRowCount(0)
            return
        self.history_title.setText(self.tr("Issue and return history of {serial}").format(serial=row.serial))
        self.ctx.read(inventory.history, row.device_id, on_done=self._show_history, on_error=self._failed)

    def _show_history(self, rows: list[HistoryRow]) -> None:
        self.history.setRowCount(len(rows))
        for i, h in enumerate(rows):
            values = [h.person, self.ctx.format_time(h.issued_at), _who(h.technician_name, h.issued_by), h.received_by,
                      self.ctx.format_time(h.returned_at) if h.returned_at else "",
                      _who(h.return_technician_name, h.returned_by), h.returned_by_name, h.note]
            for j, value in enumerate(values):
                self.history.setItem(i, j, QTableWidgetItem(value))

    def _update_buttons(self) -> None:
        row = self.selected()
        status = row.status if row else ""
        self.buttons["register"].setEnabled(status in ("unregistered", "rejected"))
        self.buttons["reject"].setEnabled(status == "unregistered")
        self.buttons["issue"].setEnabled(status == "in_stock")
        self.buttons["return"].setEnabled(status == "issued")
        self.buttons["model"].setEnabled(row is not None and row.type in MODEL_TYPES)

    # ------------------------------------------------------------ actions
    def _act(self, fn: Any, *args: Any, done_text: str, dialog: _FormDialog | None = None, field: str = "",
             then: Any = None) -> None:
        def ok(result: Any) -> None:
            if then is not None:
                then(result)
            if dialog is not None:
                dialog.accept()
            self._say(done_text, ok=True)
            self.reload()

        def failed(error: BaseException) -> None:
            text = _inventory_error_text(error) if isinstance(error, InventoryError) else failure_text(error)
            if dialog is not None and field:
                dialog.show_error(field, text)
            else:
                self._say(text, ok=False)

        self.ctx.write(lambda s: fn(s, self.ctx.user, *args), on_done=ok, on_error=failed)

    def register_dialog(self) -> _FormDialog | None:
        row = self.selected()
        if row is None:
            return None
        dlg = _FormDialog(self.tr("Register {serial}").format(serial=row.serial), self)
        number = dlg.add("inventoryNo", self.tr("Inventory number:"), QLineEdit(row.inventory_no))
        # the only channel its reports will be accepted on: the one it was heard on, unless the technician knows better
        channel = dlg.add("protocol", self.tr("Reports accepted on:"), QComboBox())
        assert isinstance(channel, QComboBox)
        names = {
            DeviceProtocol.ICD: self.tr("Serial line (USB cable, home unit)"),
            DeviceProtocol.GT06: "GT06 / TCP", DeviceProtocol.WATCH: "Watch / TCP", DeviceProtocol.OSMAND: "OsmAnd / HTTP",
        }
        for protocol in DeviceProtocol:  # the word for the technician, the stored code as the item's data
            channel.addItem(names.get(protocol, protocol.value), protocol.value)
        channel.setCurrentIndex(max(0, channel.findData(row.protocol or DeviceProtocol.ICD.value)))

        def go() -> None:
            chosen = str(channel.currentData())
            self._act(devices.register, row.device_id, number.text(), chosen, dialog=dlg, field="inventoryNo",
                      done_text=self.tr("{serial} registered.").format(serial=row.serial),
                      then=lambda _: self.ctx.bus.publish(DeviceChannelChanged(row.serial, chosen)))

        dlg.buttons.accepted.connect(go)
        return dlg

    def reject_dialog(self) -> _FormDialog | None:
        row = self.selected()
        if row is None:
            return None
        dlg = _FormDialog(self.tr("Reject {serial}").format(serial=row.serial), self)
        reason = dlg.add("reason", self.tr("Reason:"), QLineEdit())

        def go() -> None:
            if not reason.text().strip():
                dlg.show_error("reason", self.tr("Say why the device is rejected."))
                return
            self._act(devices.reject, row.device_id, reason.text(), dialog=dlg, field="reason",
                      done_text=self.tr("{serial} rejected.").format(serial=row.serial))

        dlg.buttons.accepted.connect(go)
        return dlg

    def issue_dialog(self) -> _FormDialog | None:
        row = self.selected()
        if row is None:
            return None
        dlg = _FormDialog(self.tr("Issue {serial}").format(serial=row.serial), self)
        dlg.setMinimumWidth(560)  # full names, not their tails
        ok = dlg.buttons.button(QDialogButtonBox.StandardButton.Ok)
        if ok is not None:
            ok.setText(self.tr("Issue"))
        person = dlg.add("person", self.tr("Person:"), QComboBox())
        _searchable(person)
        # the issue act names who took the device and who handed it over (arm.caseload.devices.issue)
        received = dlg.add("receivedBy", self.tr("Received by:"), QLineEdit())
        technician = dlg.add("technicianName", self.tr("Handed over by:"),
                             QLineEdit(str(getattr(self.ctx.user, "full_name", "") or self.ctx.login)))
        note = dlg.add("note", self.tr("Note:"), QLineEdit())
        assert isinstance(person, QComboBox) and isinstance(note, QLineEdit)
        assert isinstance(received, QLineEdit) and isinstance(technician, QLineEdit)
        received.setPlaceholderText(self.tr("the person's full name, or who signs for them"))
        person.currentIndexChanged.connect(
            lambda _i: received.setText(person.currentText() if person.currentData() is not None else ""))

        def fill(persons: list[tuple[int, str]]) -> None:
            for pid, name in persons:
                person.addItem(name, pid)
            self.ctx.write(lambda s: inventory.record_step(
                s, self.ctx.user, "person.list_view", row.serial, purpose="issue device", shown=len(persons)))

        self.ctx.read(inventory.persons_for_issue, on_done=fill)

        def go() -> None:
            if person.currentData() is None:
                dlg.show_error("person", self.tr("Choose a person."))
                return
            if not received.text().strip():
                dlg.show_error("receivedBy", self.tr("Who receives the device?"))
                return
            if not technician.text().strip():
                dlg.show_error("technicianName", self.tr("Who hands the device over?"))
                return
            pid, taker, giver, text = person.currentData(), received.text().strip(), technician.text().strip(), note.text()
            self._act(lambda s, user, device_id: devices.issue(s, user, device_id, pid, text, received_by=taker,
                                                             technician_name=giver),
                      row.device_id, dialog=dlg, field="person",
                      done_text=self.tr("{serial} issued to {name}.").format(serial=row.serial, name=taker))

        dlg.buttons.accepted.connect(go)
        return dlg

    def return_dialog(self) -> _FormDialog | None:
        row = self.selected()
        if row is None:
            return None
        dlg = _FormDialog(self.tr("Return {serial} from {name}").format(serial=row.serial, name=row.holder), self)
        # the return act names both sides, as the issue act does
        returned = dlg.add("returnedBy", self.tr("Handed back by:"), QLineEdit(row.holder))
        technician = dlg.add("technicianName", self.tr("Received back by:"),
                             QLineEdit(str(getattr(self.ctx.user, "full_name", "") or self.ctx.login)))
        note = dlg.add("note", self.tr("Condition / note:"), QLineEdit())
        assert isinstance(note, QLineEdit)
        assert isinstance(returned, QLineEdit) and isinstance(technician, QLineEdit)
        returned.setPlaceholderText(self.tr("the person's full name, or who hands it back for them"))

        def go() -> None:
            if not returned.text().strip():
                dlg.show_error("returnedBy", self.tr("Who hands the device back?"))
                return
            if not technician.text().strip():
                dlg.show_error("technicianName", self.tr("Who receives the device back?"))
                return
            giver, taker, text = returned.text().strip(), technician.text().strip(), note.text()
            self._act(lambda s, user, device_id: devices.return_device(s, user, device_id, text,
                                                                     returned_by_name=giver, technician_name=taker),
                      row.device_id, dialog=dlg, field="note",
                      done_text=self.tr("{serial} returned to stock.").format(serial=row.serial))

        dlg.buttons.accepted.connect(go)
        return dlg

    def model_dialog(self) -> _FormDialog | None:
        """Set the tracker model (Traccar's model override) a GT06 listener decodes this device with."""
        row = self.selected()
        if row is None or row.type not in MODEL_TYPES:
            return None
        dlg = _FormDialog(self.tr("Tracker model of {serial}").format(serial=row.serial), self)
        hint = QLabel(self.tr("Leave empty for a standard GT06. Some models (NT20, LW4G, SEEWORLD, VL103…) "
                              "send reports laid out differently; the listener applies the model from the "
                              "tracker's next report on."))
        hint.setWordWrap(True)
        dlg.form.addRow(hint)
        model = dlg.add("model", self.tr("Model:"), QComboBox())
        assert isinstance(model, QComboBox)
        model.setEditable(True)
        model.setMinimumWidth(180)
        model.addItem("")
        model.addItems(list(LAYOUT_MODELS))
        model.setCurrentText(row.model)

        def go() -> None:
            text = model.currentText()
            if model_error(text):
                dlg.show_error("model", self.tr("At most 32 characters.") if len(text.strip()) > 32 else
                               self.tr("Use letters A-Z, digits and . _ / - (e.g. NT20, LW4G-4B)."))
                return
            value = normalize(text)
            done = (self.tr("{serial}: model {model} saved.").format(serial=row.serial, model=value) if value
                    else self.tr("{serial}: model cleared (standard GT06).").format(serial=row.serial))
            self._act(devices.set_model, row.device_id, text, dialog=dlg, field="model", done_text=done,
                      then=lambda stored: self.ctx.bus.publish(DeviceModelChanged(row.serial, stored)))

        dlg.buttons.accepted.connect(go)
        return dlg

    def on_model(self) -> None:
        self._open(self.model_dialog())

    def on_register(self) -> None:
        self._open(self.register_dialog())

    def on_reject(self) -> None:
        self._open(self.reject_dialog())

    def on_issue(self) -> None:
        self._open(self.issue_dialog())

    def on_return(self) -> None:
        self._open(self.return_dialog())

    @staticmethod
    def _open(dialog: QDialog | None) -> None:
        if dialog is not None:
            dialog.setModal(True)
            dialog.show()

    def on_pair(self) -> None:
        from widgets.pairing_wizard import PairingWizard

        wizard = PairingWizard(self.ctx, self)
        wizard.finished.connect(lambda _r: self.reload())
        wizard.setModal(True)
        wizard.show()
