"""Person card: who this is, what the court ordered, which devices, what happened.

Opening a card is a view of personal data, so the loader writes the audit row
in the same transaction that reads the person: no card is ever shown without
its audit entry. Roles that may not see personal data (technicians, unless
``arm.access`` says otherwise) get the holder's name and devices only.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from arm import access, audit
from arm.caseload import reference
from arm.caseload.rights import Area, may_write
from arm.geo import describe
from arm.media.library import may_listen
from db.models import Assignment, Device, DeviceEventRow, Person, Restriction, Zone
from widgets.context import AppContext
from widgets.event_text import fields_text
from widgets.event_text import kind_text as event_kind_text
from widgets.fit import FitTitle, ask
from widgets.i18n import current_language
from widgets.person_list import EDITOR_ROLES, category_text
from widgets.voice_messages import VoiceMessagesView

log = logging.getLogger("arm.gui.person_card")

RECENT_EVENTS = 50
DETAIL_FIELDS = (
    "iin", "birth_date", "category", "court_decision_no", "court_decision_date", "court_name",
    "supervision_start", "supervision_end", "address", "home", "region", "district", "officer",
    "phone", "registered_on", "deregistered_on", "notes",
)


@dataclass
class CardData:
    """A snapshot of everything the card shows (built on the database worker)."""

    id: int
    name: str
    full: bool
    is_demo: bool = False
    active: bool = True
    details: dict[str, Any] = field(default_factory=dict)
    restrictions: list[dict[str, Any]] = field(default_factory=list)
    devices: list[dict[str, Any]] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)


class PersonNotFound(LookupError):
    pass


def load_card(session: Session, person_id: int, user: Any, full: bool) -> CardData:
    """Read the card and record the view (one transaction).

    ``full`` is what the caller asks for; the full card comes only when the
    account (re-read: it must exist and be active) may see personal data
    (``arm.access.Action.PERSON_VIEW``) and the person is of its districts;
    otherwise the holder's name and devices only.
    """
    account = access.checked_account(session, user, "person", person_id, operation=str(access.Action.PERSON_VIEW))
    person = session.get(Person, person_id)
    if person is None:
        raise PersonNotFound(person_id)
    full = full and access.may(account, access.Action.PERSON_VIEW) and access.covers(account, person.district)
    audit.record(session, user, "person_view", "person", person_id, scope="full" if full else "name")
    data = CardData(
        id=person.id, name=person.full_name, full=full, is_demo=person.is_demo,
        active=person.deregistered_on is None,
    )
    assignments = list(
        session.execute(
            select(Assignment, Device)
            .join(Device, Device.id == Assignment.device_id)
            .where(Assignment.person_id == person_id)
            .order_by(Assignment.issued_at.desc())
        )
    )
    data.devices = [_device_row(a, d) for a, d in assignments]
    if not full:
        return data
    data.details = _details(session, person)
    data.restrictions = _restrictions(session, person_id)
    data.events = _events(session, assignments)
    return data


def _details(session: Session, p: Person) -> dict[str, Any]:
    home = f"{p.home_lat:.5f}, {p.home_lon:.5f}" if p.home_lat is not None and p.home_lon is not None else None
    values = {name: getattr(p, name, None) for name in DETAIL_FIELDS if name != "home"}
    values["home"] = home
    for name in ("region", "district", "officer"):  # stored as reference codes, shown by name
        values[name] = reference.label(values.get(name), current_language(), session)
    return values


def _device_row(a: Assignment, d: Device) -> dict[str, Any]:
    return {
        "serial": d.serial, "type": str(d.type), "issued_at": a.issued_at,
        "returned_at": a.returned_at, "last_contact": d.last_contact, "battery": d.battery,
    }


def _restrictions(session: Session, person_id: int) -> list[dict[str, Any]]:
    rows = session.execute(
        select(Restriction, Zone)
        .outerjoin(Zone, Zone.id == Restriction.zone_id)
        .where(Restriction.person_id == person_id)
        .order_by(Restriction.valid_from)
    )
    return [
        {
            "id": r.id, "kind": str(r.kind), "zone": z.name if z else "", "schedule": r.schedule or [],
            "valid_from": r.valid_from, "valid_until": r.valid_until, "note": r.note,
            "zone_id": z.id if z else None, "zone_kind": str(z.kind) if z else "",
            "geometry": z.geometry if z else None, "home": _home(session, person_id),
        }
        for r, z in rows
    ]


def _home(session: Session, person_id: int) -> tuple[float, float] | None:
    p = session.get(Person, person_id)
    return (p.home_lat, p.home_lon) if p is not None and p.home_lat is not None and p.home_lon is not None else None


def _events(session: Session, assignments: list[tuple[Assignment, Device]]) -> list[dict[str, Any]]:
    if not assignments:
        return []
    periods = [
        and_(
            DeviceEventRow.device_id == a.device_id,
            DeviceEventRow.time >= a.issued_at,
            *([DeviceEventRow.time <= a.returned_at] if a.returned_at else []),
        )
        for a, _d in assignments
    ]
    serials = {d.id: d.serial for _a, d in assignments}
    rows = session.scalars(
        select(DeviceEventRow).where(or_(*periods)).order_by(DeviceEventRow.time.desc()).limit(RECENT_EVENTS)
    )
    return [
        {"time": e.time, "serial": serials.get(e.device_id, "?"), "kind": e.kind, "fields": dict(e.fields or {})}
        for e in rows
    ]


def event_summary(kind: str, fields: dict[str, Any]) -> str:
    """One short line describing an event's fields in words (``widgets.event_text``), for the events table;
    a position also gets its address when a map is imported."""
    if kind == "POS" and fields.get("lat") is not None:
        coords = f"{fields['lat']:.5f}, {fields.get('lon') or 0.0:.5f}"
        address = describe(fields["lat"], fields.get("lon") or 0.0, current_language())  # None without an import
        return f"{coords} — {address}" if address else coords
    return fields_text(kind, fields)


def schedule_text(schedule: list[dict[str, Any]]) -> str:
    days = QCoreApplication.translate("Schedule", "Mon,Tue,Wed,Thu,Fri,Sat,Sun").split(",")
    parts = []
    for window in schedule:
        if "except" in window or "date" in window:
            try:
                day = _fmt_date(date.fromisoformat(str(window.get("except", window.get("date")))))
            except ValueError:
                day = str(window.get("except", window.get("date")))
            hours = "" if window.get("start", "00:00") == window.get("end", "00:00") else \
                f" {window.get('start')}–{window.get('end')}"
            text = (QCoreApplication.translate("Schedule", "lifted on {day}") if "except" in window
                    else QCoreApplication.translate("Schedule", "also on {day}"))
            parts.append(text.format(day=day + hours))
            continue
        ds = window.get("days") or list(range(7))
        day_text = "" if len(ds) == 7 else " " + ",".join(days[d] for d in ds if 0 <= d < 7)
        start, end = window.get("start", "?"), window.get("end", "?")
        if start == "00:00" and end in ("24:00", "00:00"):
            hours = QCoreApplication.translate("Schedule", "around the clock")
        else:
            hours = f"{start}–{end}"
        parts.append(hours + day_text)
    return "; ".join(parts)


def _fmt_date(value: Any) -> str:
    if isinstance(value, date) and not isinstance(value, datetime):
        return value.strftime("%d.%m.%Y")
    return "" if value is None else str(value)


class PersonCard(FitTitle, QDialog):
    """A non-modal card; several may be open side by side."""

    loaded = Signal(object)
    failed = Signal(str)
    editRequested = Signal(int)
    showOnMap = Signal(int)
    showTrack = Signal(int)  # the last 24 hours

    def __init__(self, ctx: AppContext, person_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("PersonCard")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.resize(900, 600)
        self._ctx = ctx
        self.person_id = person_id
        self.data: CardData | None = None
        self._build()
        self.retranslateUi()
        self.reload()

    def _build(self) -> None:
        self.title = QLabel(self)
        self.title.setObjectName("cardTitle")
        self.subtitle = QLabel(self)
        self.subtitle.setObjectName("cardSubtitle")
        self.tabs = QTabWidget(self)
        self.details = QWidget()
        self.details_form = QFormLayout(self.details)
        self.details_form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self.restrictions = self._table(6)
        self.devices = self._table(6)
        self.events = self._table(4)
        self.restrictions_tab = self._restrictions_tab()
        for w in (self.details, self.restrictions_tab, self.devices, self.events):
            self.tabs.addTab(w, "")
        self.voice: VoiceMessagesView | None = None
        if may_listen(self._ctx.user):  # recorded material: only the roles that handle persons
            self.voice = VoiceMessagesView(self._ctx, self.person_id)
            self.tabs.addTab(self.voice, "")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.rejected.connect(self.close)
        self.edit_button = QPushButton(self)
        self.edit_button.setVisible(self._ctx.role in EDITOR_ROLES and self._ctx.may_see_personal_data())
        self.edit_button.clicked.connect(lambda: self.editRequested.emit(self.person_id))
        self.buttons.addButton(self.edit_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.map_button = QPushButton(self)
        self.map_button.clicked.connect(lambda: self.showOnMap.emit(self.person_id))
        self.track_button = QPushButton(self)
        self.track_button.clicked.connect(lambda: self.showTrack.emit(self.person_id))
        self.transfer_button = QPushButton(self)
        self.transfer_button.setObjectName("transferPerson")
        self.transfer_button.clicked.connect(self.open_transfer)
        self.deregister_button = QPushButton(self)
        self.deregister_button.setObjectName("deregisterPerson")
        self.deregister_button.clicked.connect(self.open_deregister)
        for button in (self.transfer_button, self.deregister_button):
            self.buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
            button.setVisible(may_write(self._ctx.user, Area.LIFECYCLE))  # after addButton, which shows it
        for button in (self.map_button, self.track_button):
            button.setVisible(self._ctx.may_see_personal_data())  # positions are personal data
            self.buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.subtitle)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.buttons)

    def open_transfer(self) -> Any:
        from widgets.person_lifecycle import TransferDialog

        dialog = TransferDialog(self._ctx, [self.person_id], self, person_name=self.title.text())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.transferred.connect(lambda _r: self.reload())
        dialog.open()
        self.lifecycle_dialog = dialog
        return dialog

    def open_deregister(self) -> Any:
        from widgets.person_lifecycle import DeregisterDialog

        dialog = DeregisterDialog(self._ctx, self.person_id, self.title.text(), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.deregistered.connect(lambda _r: self.reload())
        dialog.open()
        self.lifecycle_dialog = dialog
        return dialog

    def _restrictions_tab(self) -> QWidget:
        """The restrictions table with the editor's buttons (for the roles that write restrictions)."""
        tab = QWidget(self)
        self.add_restriction = QPushButton(tab)
        self.add_restriction.setObjectName("addRestriction")
        self.end_restriction_button = QPushButton(tab)
        self.end_restriction_button.setObjectName("endRestriction")
        self.restrictions_map = QPushButton(tab)
        self.restrictions_map.setObjectName("restrictionsMap")
        self.restriction_status = QLabel(tab)
        self.restriction_status.setObjectName("restrictionStatus")
        self.restriction_status.setWordWrap(True)
        writes = may_write(self._ctx.user, Area.RESTRICTIONS)
        self.add_restriction.setVisible(writes)
        self.end_restriction_button.setVisible(writes)
        self.add_restriction.clicked.connect(self.open_restriction_editor)
        self.end_restriction_button.clicked.connect(self.end_selected_restriction)
        self.restrictions_map.clicked.connect(self.show_restrictions_on_map)
        row = QHBoxLayout()
        for b in (self.add_restriction, self.end_restriction_button, self.restrictions_map):
            row.addWidget(b)
        row.addStretch(1)
        box = QVBoxLayout(tab)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.restrictions, 1)
        box.addWidget(self.restriction_status)
        box.addLayout(row)
        return tab

    def open_restriction_editor(self, kind: str = "curfew") -> Any:
        from widgets.restrictions_editor import RestrictionEditor

        editor = RestrictionEditor(self._ctx, self.person_id, self, kind=kind if isinstance(kind, str) else "curfew")
        editor.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        editor.saved.connect(lambda _id: self.reload())
        editor.open()
        self.restriction_editor = editor
        return editor

    def selected_restriction(self) -> dict[str, Any] | None:
        rows = self.restrictions.selectionModel().selectedRows() if self.restrictions.selectionModel() else []
        if not rows or self.data is None:
            return None
        index = rows[0].row()
        return self.data.restrictions[index] if index < len(self.data.restrictions) else None

    def end_selected_restriction(self, confirm: bool = True) -> None:
        """End the selected restriction now (after a confirmation); its history stays."""
        from PySide6.QtWidgets import QMessageBox

        from arm.caseload.restrictions import RestrictionInvalid, end_restriction
        from widgets.restrictions_editor import restriction_error_text

        chosen = self.selected_restriction()
        if chosen is None:
            self.restriction_status.setText(self.tr("Choose a restriction in the table first."))
            return
        if confirm and ask(
            self, self.tr("End the restriction"),
            self.tr("End “{kind}” now? It stays in the history.").format(kind=restriction_text(chosen["kind"])),
        ) != QMessageBox.StandardButton.Yes:
            return
        user, rid = self._ctx.user, int(chosen["id"])

        def failed(error: BaseException) -> None:
            text = restriction_error_text(error) if isinstance(error, RestrictionInvalid) else str(error)
            self.restriction_status.setText(text)

        self._ctx.write(lambda s: end_restriction(s, user, rid), on_done=lambda _r: self.reload(), on_error=failed)

    def show_restrictions_on_map(self) -> Any:
        from widgets.map_pick import ZonesMapDialog

        rows = self.data.restrictions if self.data is not None else []
        now = datetime.now(UTC)
        zones = [
            {"id": r["zone_id"], "name": r["zone"], "kind": r["zone_kind"] or "exclusion", "geometry": r["geometry"]}
            for r in rows if r.get("geometry") and (r["valid_until"] is None or r["valid_until"] > now)
        ]
        home = next((r["home"] for r in rows if r.get("home")), None)
        dialog = ZonesMapDialog(self._ctx, zones, home, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def _table(self, columns: int) -> QTableWidget:
        table = QTableWidget(0, columns, self)
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        table.setAlternatingRowColors(True)
        table.verticalHeader().hide()
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setStretchLastSection(True)
        return table

    # -------------------------------------------------------------- text
    def retranslateUi(self) -> None:
        self.setWindowTitle(self.tr("Person card"))
        self.tabs.setTabText(0, self.tr("Details"))
        self.tabs.setTabText(1, self.tr("Restrictions"))
        self.tabs.setTabText(2, self.tr("Devices"))
        self.tabs.setTabText(3, self.tr("Recent events"))
        if self.voice is not None:
            self.tabs.setTabText(self.tabs.indexOf(self.voice), self.tr("Voice messages"))
        self.edit_button.setText(self.tr("Edit…"))
        self.map_button.setText(self.tr("Show on map"))
        self.track_button.setText(self.tr("Track, last 24 h"))
        self.transfer_button.setText(self.tr("Transfer…"))
        self.deregister_button.setText(self.tr("Deregister…"))
        self.add_restriction.setText(self.tr("Add a restriction…"))
        self.end_restriction_button.setText(self.tr("End the restriction"))
        self.restrictions_map.setText(self.tr("Restrictions on the map"))
        self.restrictions.setHorizontalHeaderLabels(
            [self.tr("Restriction"), self.tr("Zone"), self.tr("Schedule"), self.tr("Valid from"),
             self.tr("Valid until"), self.tr("Note")]
        )
        self.devices.setHorizontalHeaderLabels(
            [self.tr("Serial"), self.tr("Type"), self.tr("Issued"), self.tr("Returned"),
             self.tr("Last contact"), self.tr("Battery")]
        )
        self.events.setHorizontalHeaderLabels(
            [self.tr("Time"), self.tr("Device"), self.tr("Event"), self.tr("Details")]
        )
        if self.data is not None:
            self._show(self.data)
        elif not self.title.text():
            self.title.setText(self.tr("Loading…"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)

    # -------------------------------------------------------------- data
    def reload(self) -> None:
        full = self._ctx.may_see_personal_data()
        self._ctx.write(
            load_card, self.person_id, self._ctx.user, full, on_done=self._loaded, on_error=self._failed
        )

    def _loaded(self, data: CardData) -> None:
        self.data = data
        self._show(data)
        self.loaded.emit(data)

    def _failed(self, error: BaseException) -> None:
        text = (
            self.tr("This person no longer exists.")
            if isinstance(error, PersonNotFound)
            else self.tr("Could not load the card: {error}").format(error=error)
        )
        self.title.setText(text)
        self.failed.emit(text)

    def _show(self, d: CardData) -> None:
        self.title.setText(d.name)
        self.setWindowTitle(self.tr("Person card: {name}").format(name=d.name))
        flags = []
        if d.full and d.details.get("category"):
            flags.append(category_text(str(d.details["category"])))
        flags.append(self.tr("under supervision") if d.active else self.tr("deregistered"))
        if d.is_demo:
            flags.append(self.tr("DEMO DATA"))
        if not d.full:
            flags.append(self.tr("personal data hidden for your role"))
        self.subtitle.setText(" · ".join(flags))
        for button in (self.deregister_button, self.add_restriction, self.end_restriction_button):
            button.setEnabled(d.active)  # a deregistered person keeps the record, gets nothing new
        for i in (0, 1, 3):
            self.tabs.setTabVisible(i, d.full)
        if d.full:
            self._fill_details(d.details)
            self._fill_restrictions(d.restrictions)
            self._fill_events(d.events)
        self._fill_devices(d.devices)

    def _labels(self) -> dict[str, str]:
        return {
            "iin": self.tr("IIN"), "birth_date": self.tr("Birth date"), "category": self.tr("Category"),
            "court_decision_no": self.tr("Court decision no."),
            "court_decision_date": self.tr("Court decision date"), "court_name": self.tr("Court"),
            "supervision_start": self.tr("Supervision start"), "supervision_end": self.tr("Supervision end"),
            "address": self.tr("Address"), "home": self.tr("Home coordinates"), "region": self.tr("Region"),
            "district": self.tr("District"), "officer": self.tr("Responsible officer"),
            "phone": self.tr("Phone"), "registered_on": self.tr("Registered"),
            "deregistered_on": self.tr("Deregistered"), "notes": self.tr("Notes"),
        }

    def _fill_details(self, details: dict[str, Any]) -> None:
        while self.details_form.rowCount():
            self.details_form.removeRow(0)
        labels = self._labels()
        for name in DETAIL_FIELDS:
            value = details.get(name)
            text = category_text(str(value)) if name == "category" else _fmt_date(value)
            label = QLabel(text or "—")
            label.setObjectName(f"detail_{name}")
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.details_form.addRow(labels[name] + ":", label)

    def _set_rows(self, table: QTableWidget, rows: list[list[str]]) -> None:
        table.setRowCount(len(rows))
        for r, values in enumerate(rows):
            for c, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setToolTip(value)
                table.setItem(r, c, item)
        table.resizeRowsToContents()  # notes wrap instead of being cut

    def _fill_restrictions(self, rows: list[dict[str, Any]]) -> None:
        self._set_rows(self.restrictions, [
            [restriction_text(r["kind"]), r["zone"], schedule_text(r["schedule"]).replace("; ", "\n"),
             self._moment(r["valid_from"]),
             self._moment(r["valid_until"]) if r["valid_until"] else self.tr("indefinite"),
             r["note"]]
            for r in rows
        ])

    def _fill_devices(self, rows: list[dict[str, Any]]) -> None:
        fmt = self._ctx.format_time
        self._set_rows(self.devices, [
            [r["serial"], r["type"], fmt(r["issued_at"], seconds=False),
             fmt(r["returned_at"], seconds=False) if r["returned_at"] else self.tr("in use"),
             fmt(r["last_contact"]), "—" if r["battery"] is None else f"{r['battery']} %"]
            for r in rows
        ])

    def _moment(self, when: datetime | None) -> str:
        """A restriction bound: a date alone when it falls at the desk's midnight, else date and time."""
        if when is None:
            return ""
        local = self._ctx.local(when)
        if (local.hour, local.minute, local.second) == (0, 0, 0):
            return local.strftime("%d.%m.%Y")
        return self._ctx.format_time(when, seconds=False)

    def _fill_events(self, rows: list[dict[str, Any]]) -> None:
        fmt = self._ctx.format_time
        self._set_rows(self.events, [
            [fmt(e["time"]), e["serial"], event_kind_text(e["kind"]), event_summary(e["kind"], e["fields"])]
            for e in rows
        ])


def restriction_text(kind: str) -> str:
    names = {
        "curfew": QT_TRANSLATE_NOOP("Restriction", "Curfew"),
        "exclusion_zone": QT_TRANSLATE_NOOP("Restriction", "Exclusion zone"),
        "inclusion_zone": QT_TRANSLATE_NOOP("Restriction", "Inclusion zone"),
        "alcohol_ban": QT_TRANSLATE_NOOP("Restriction", "Alcohol ban"),
        "travel_permission": QT_TRANSLATE_NOOP("Restriction", "Travel permission"),
    }
    return QCoreApplication.translate("Restriction", names.get(kind, kind))
