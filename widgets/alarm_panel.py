"""The operator's alarm panel: the one real violation must be impossible to miss.

Rows are the open alarms, most severe and oldest unacknowledged first, with
colour *and* icon shape by priority; the most severe unacknowledged priority
sounds until acknowledged (or silenced until a new alarm comes). Everything is
reachable from the keyboard (see ``SHORTCUTS`` and docs/alarms.md). Rows
change one at a time as ``AlarmChanged`` messages arrive through the Qt
bridge; every action goes to the alarm manager's worker thread and comes back
through a queued signal, so the GUI thread never waits on the database.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future
from datetime import timedelta
from typing import Any

from PySide6.QtCore import Property, QEvent, QItemSelectionModel, QModelIndex, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QGridLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSplitter,
    QTableView,
    QTextEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from arm import access
from arm.alarm_view import AlarmView
from arm.alarms.api import AlarmOperations
from arm.alarms.journal import Report
from arm.caseload import reference
from arm.events import AlarmChanged
from db.models import Resolution
from widgets.alarm_actions_dialog import ActionDialog, CloseDialog, ShelveDialog
from widgets.alarm_detail import AlarmDetailPane
from widgets.alarm_model import AlarmFilterProxy, AlarmTableModel, ViewRole
from widgets.alarm_sound import NO_MULTIMEDIA, NO_OUTPUT, SOUND_ERROR, SWITCHED_OFF, AlarmSounder
from widgets.alarm_text import KINDS, error_text, kind_text
from widgets.fit import FlowLayout, fit_title
from widgets.i18n import current_language

log = logging.getLogger("arm.gui.alarms")

#: key -> panel method; documented in docs/alarms.md
SHORTCUTS = {
    "A": "acknowledge_selected",
    "N": "note_selected",
    "T": "action_selected",
    "S": "shelve_selected",
    "U": "unshelve_selected",
    "C": "close_selected",
    "Space": "select_next_unacknowledged",
    "J": "select_next",
    "K": "select_previous",
    "M": "silence",
    "H": "show_handover",
}
#: The window's keys that reach this panel from anywhere (widgets/main_window.py): F2 focuses the
#: alarm list; Ctrl+F searches the alarm list when the focus is in this panel, else the person list.
FOCUS_KEY = "F2"

#: most severe first (a new alarm of a lower rank number takes the selection)
PRIORITY_RANK = {"critical": 0, "high": 1, "medium": 2, "low": 3}


#: the state filter's choices (AlarmFilterProxy)
STATE_FILTERS = ("open", "unacknowledged", "active", "returned", "shelved")
#: columns shown only on request (the detail pane shows them)
HIDDEN_COLUMNS = frozenset({"device", "incident"})

#: how the width left by priority and time is shared (the alarm and the person first)
COLUMN_WEIGHTS = {"alarm": 3.0, "person": 2.6, "state": 1.8, "district": 1.6, "device": 1.2, "incident": 2.0}

#: button -> its key (SHORTCUTS), in toolbar order
BUTTON_KEYS = {"acknowledge": "A", "note": "N", "action": "T", "shelve": "S", "close": "C", "silence": "M",
               "handover": "H"}

#: The toolbar's buttons and what each needs (arm.access); "silence" only concerns this desk's sound.
BUTTON_ACTIONS: dict[str, access.Action] = {
    "acknowledge": access.Action.ALARM_ACKNOWLEDGE, "note": access.Action.ALARM_NOTE,
    "action": access.Action.ALARM_NOTE, "shelve": access.Action.ALARM_SHELVE,
    "close": access.Action.ALARM_CLOSE, "handover": access.Action.ALARM_HANDOVER,
}


def operator_is_typing() -> bool:
    """Whether the keyboard focus is in a text field (a new alarm must not take the selection then)."""
    focus = QApplication.focusWidget()
    if isinstance(focus, QComboBox):
        return focus.isEditable()
    return isinstance(focus, QLineEdit | QTextEdit | QPlainTextEdit | QAbstractSpinBox)


def find_manager(ctx: Any) -> AlarmOperations | None:
    """The alarm operations the service exposes (``service.alarms``, local or remote), or None."""
    service = getattr(ctx, "service", None)
    manager: AlarmOperations | None = getattr(service, "alarms", None)
    if manager is None:
        manager = (getattr(service, "extensions", None) or {}).get("alarms")
    return manager


class AlarmPanel(QWidget):
    """Open alarms, their detail, and every operator action on them."""

    unackedCountChanged = Signal(int)
    escalatedCountChanged = Signal(int)
    #: {"alarm_id", "person_id", "lat", "lon"}: the map centres on it
    alarmSelected = Signal(object)
    #: (callback, future) delivered on the GUI thread
    _done = Signal(object, object)

    def __init__(self, ctx: Any, parent: QWidget | None = None, *, sound: bool = True) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.manager = find_manager(ctx)
        self._unacked = -1
        self._escalated = -1
        self.active_dialog: Any = None
        self._selected_id: int | None = None
        self._columns_ready = False
        self._done.connect(self._deliver, Qt.ConnectionType.QueuedConnection)
        self.model = AlarmTableModel(ctx.format_time, self, timezone=lambda: self.ctx.timezone)
        self.proxy = AlarmFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.sort(0)
        alarm_settings = getattr(getattr(ctx, "settings", None), "alarms", None)
        self.sounder = AlarmSounder(self, enabled=sound and bool(getattr(alarm_settings, "sound", True)))
        self._build()
        self._bind_keys()
        self._detail_timer = QTimer(self, singleShot=True, interval=150)
        self._detail_timer.timeout.connect(self._load_detail)
        if self.manager is None:
            self.message.setText(self.tr("The alarm service is not running on this desk."))
        else:
            self.model.reset_to([v for v in self.manager.open_views() if self._mine(v)])
            ctx.bridge.alarmChanged.connect(self._on_alarm_changed)
            ctx.bridge.serviceStatus.connect(self._on_service_status)
        self._refresh_filters()
        self._after_change()
        if callable(getattr(ctx, "read", None)) and getattr(ctx, "db", None) is not None:
            # names of codes the shipped list lacks (renames, officers) into the cache the rows paint from
            ctx.read(reference.load_names, on_done=lambda _r: self._names_loaded())
        QTimer.singleShot(0, lambda: self.unackedCountChanged.emit(self._unacked))  # the status bar connects later

    # ------------------------------------------------------------ layout
    def _build(self) -> None:
        self.district = QComboBox()
        self.district.setObjectName("districtFilter")
        self.person = QLineEdit()
        self.person.setObjectName("personFilter")
        self.person.setClearButtonEnabled(True)
        self.kind = QComboBox()
        self.kind.setObjectName("kindFilter")
        self.kind.addItem("", "")
        for code in KINDS:
            self.kind.addItem("", code)
        self.state = QComboBox()
        self.state.setObjectName("stateFilter")
        for code in STATE_FILTERS:
            self.state.addItem("", code)
        self.district.currentIndexChanged.connect(lambda _i: self.proxy.set_filters(district=self.district.currentData() or ""))
        self.person.textChanged.connect(lambda text: self.proxy.set_filters(person=text))
        self.kind.currentIndexChanged.connect(lambda _i: self.proxy.set_filters(kind=self.kind.currentData() or ""))
        self.state.currentIndexChanged.connect(lambda _i: self.proxy.set_filters(state=self.state.currentData()))
        filters = QGridLayout()
        self.filter_labels: list[QLabel] = []
        for i, w in enumerate((self.district, self.kind, self.person, self.state)):
            lab = QLabel()
            lab.setBuddy(w)
            self.filter_labels.append(lab)
            if isinstance(w, QComboBox):  # long kind names must not widen a narrow dock
                w.setMinimumContentsLength(8)
                w.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            else:
                w.setMinimumWidth(80)
            filters.addWidget(lab, i // 2, (i % 2) * 2)
            filters.addWidget(w, i // 2, (i % 2) * 2 + 1)
        filters.setColumnStretch(1, 1)
        filters.setColumnStretch(3, 1)

        self.table = QTableView()
        self.table.setObjectName("alarmTable")
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSortingEnabled(False)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setMinimumSectionSize(40)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self._fit_timer = QTimer(self, singleShot=True, interval=0)  # a child: it dies with the panel
        self._fit_timer.timeout.connect(self._fit_columns)
        self.table.viewport().installEventFilter(self)
        self._size_columns()
        self.table.selectionModel().currentRowChanged.connect(self._on_current_changed)
        self.proxy.rowsInserted.connect(lambda *_: self._ensure_selection())

        self.detail = AlarmDetailPane(self.ctx.format_time, self, timezone=lambda: self.ctx.timezone, ctx=self.ctx)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)

        self.buttons: dict[str, QAction] = {}
        bar = QWidget()
        bar.setObjectName("alarmActions")
        flow = FlowLayout(bar)
        for name, key in BUTTON_KEYS.items():
            action = QAction(self)
            action.setObjectName(f"{name}Action")
            method = SHORTCUTS[key]
            action.triggered.connect(lambda _c=False, m=method: getattr(self, m)())
            self.buttons[name] = action
            button = QToolButton(bar)
            button.setObjectName(f"{name}Button")
            button.setDefaultAction(action)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            flow.addWidget(button)
        self.action_bar = bar
        self._update_actions(None)

        self.counts = QLabel()
        self.counts.setObjectName("alarmCounts")
        self.message = QLabel()
        self.message.setObjectName("alarmMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #c62828;")
        self.sound_banner = QLabel()
        self.sound_banner.setObjectName("soundBanner")
        self.sound_banner.setWordWrap(True)
        self.sound_banner.setStyleSheet(
            "background: #b71c1c; color: white; font-weight: 600; padding: 4px; border-radius: 3px;")
        self.sounder.problemChanged.connect(lambda _p: self._show_sound_problem())
        self.escalation_banner = QLabel()
        self.escalation_banner.setObjectName("escalationBanner")
        self.escalation_banner.setWordWrap(True)
        self.escalation_banner.setStyleSheet(
            "background: #6a1b9a; color: white; font-weight: 600; padding: 4px; border-radius: 3px;")
        self.escalation_banner.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(self.sound_banner)
        layout.addWidget(self.escalation_banner)
        layout.addLayout(filters)
        layout.addWidget(self.counts)
        layout.addWidget(splitter, 1)
        layout.addWidget(bar)
        layout.addWidget(self.message)
        self.retranslateUi()

    # ------------------------------------------------------------ text
    def retranslateUi(self) -> None:
        """Every word of the panel, again in the current language (run at start and on a switch)."""
        self.person.setPlaceholderText(self.tr("Person or device…"))
        for lab, text in zip(self.filter_labels, (self.tr("&District:"), self.tr("&Kind:"), self.tr("&Person:"),
                                                   self.tr("S&tate:")), strict=True):
            lab.setText(text)
        self.kind.setItemText(0, self.tr("All alarms"))
        for i, code in enumerate(KINDS, start=1):
            self.kind.setItemText(i, kind_text(code))
        states = {"open": self.tr("All open"), "unacknowledged": self.tr("Unacknowledged"),
                  "active": self.tr("Active"), "returned": self.tr("Returned to normal"), "shelved": self.tr("Shelved")}
        for i, code in enumerate(STATE_FILTERS):
            self.state.setItemText(i, states[code])
        if self.district.count():
            self._refresh_filters()  # "All districts" and the districts' names in the new language
        texts = {"acknowledge": self.tr("Acknowledge"), "note": self.tr("Note"), "action": self.tr("Action taken"),
                 "shelve": self.tr("Shelve"), "close": self.tr("Close"), "silence": self.tr("Silence"),
                 "handover": self.tr("Shift handover")}
        for name, key in BUTTON_KEYS.items():
            action = self.buttons[name]
            action.setText(f"{texts[name]} [{key}]")
            action.setToolTip(self.tr("{action} (key {key})").format(action=texts[name], key=key))
        self.model.retranslate()
        self._size_columns()
        self._show_sound_problem()
        if hasattr(self, "_detail_timer"):
            self._after_change()
            if self._selected_id is not None:
                self._detail_timer.start()

    def _show_sound_problem(self) -> None:
        """A red banner whenever an alarm would be silent: nobody must rely on a sound that cannot play."""
        reasons = {
            NO_OUTPUT: self.tr("Alarm sounds cannot play: this computer has no audio output device. "
                               "Watch the screen for new alarms."),
            NO_MULTIMEDIA: self.tr("Alarm sounds cannot play: the sound system is not installed. "
                                   "Watch the screen for new alarms."),
            SOUND_ERROR: self.tr("Alarm sounds cannot play: a sound file is damaged. "
                                 "Watch the screen for new alarms."),
            SWITCHED_OFF: self.tr("Alarm sounds are switched off on this desk by the administrator. "
                                  "Watch the screen for new alarms."),
        }
        text = reasons.get(self.sounder.problem, "")
        self.sound_banner.setText(text)
        self.sound_banner.setVisible(bool(text))

    def set_sound_enabled(self, on: bool) -> None:
        """The administrator's desk setting (Settings → Alarms)."""
        self.sounder.set_enabled(on)
        self._show_sound_problem()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)

    def _size_columns(self) -> None:
        """Priority and time fit their words; alarm, person, state and district share the rest.

        No column lies behind a horizontal scroll bar: a long text is elided
        and its row's tooltip shows it whole.

        The device and incident columns start hidden (the detail pane shows
        both); the header's context menu shows them again.
        """
        header = self.table.horizontalHeader()
        columns = self.model.COLUMNS
        for column, name in enumerate(columns):
            mode = QHeaderView.ResizeMode.ResizeToContents if name in ("priority", "raised") \
                else QHeaderView.ResizeMode.Interactive
            header.setSectionResizeMode(column, mode)
        if not self._columns_ready:
            self._columns_ready = True
            for column, name in enumerate(columns):
                action = QAction(self.table)
                action.setCheckable(True)
                action.setChecked(name not in HIDDEN_COLUMNS)
                action.toggled.connect(lambda on, c=column: (self.table.setColumnHidden(c, not on), self._fit_columns()))
                self.table.setColumnHidden(column, name in HIDDEN_COLUMNS)
                header.addAction(action)
        for column, action in enumerate(header.actions()):
            action.setText(str(self.model.headerData(column, Qt.Orientation.Horizontal)))
        self._fit_columns()

    def _fit_columns(self) -> None:
        """Share the width left by priority and time among the other visible columns, by weight."""
        header = self.table.horizontalHeader()
        columns = self.model.COLUMNS
        free = self.table.viewport().width() - sum(
            header.sectionSize(c) for c, name in enumerate(columns)
            if name in ("priority", "raised") and not header.isSectionHidden(c))
        shared = [(c, COLUMN_WEIGHTS.get(name, 1.0)) for c, name in enumerate(columns)
                  if name not in ("priority", "raised") and not header.isSectionHidden(c)]
        total = sum(w for _, w in shared) or 1.0
        for column, weight in shared:
            header.resizeSection(column, max(header.minimumSectionSize(), int(free * weight / total)))

    def eventFilter(self, watched: Any, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and watched is self.table.viewport():
            self._fit_timer.start()
        return super().eventFilter(watched, event)

    def _bind_keys(self) -> None:
        self.shortcuts: dict[str, QShortcut] = {}
        for key, method in SHORTCUTS.items():
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(getattr(self, method))
            self.shortcuts[key] = shortcut

    # ------------------------------------------------------------ the count for the status bar
    def _get_unacked(self) -> int:
        return max(0, self._unacked)

    unackedCount = Property(int, _get_unacked, notify=unackedCountChanged)

    # ------------------------------------------------------------ incoming changes
    @Slot(object)
    def _on_service_status(self, status: Any) -> None:
        """The service (re)started: its manager has just loaded the open alarms from the database."""
        if getattr(status, "running", False) and self.manager is not None:
            selected = self._selected_id
            self.model.reset_to([v for v in self.manager.open_views() if self._mine(v)])
            self._refresh_filters()
            self._after_change()
            if selected is not None:
                self.select_alarm(selected)


    @Slot(object)
    def _on_alarm_changed(self, message: AlarmChanged) -> None:
        view = message.view  # the row after the change, built on the alarm worker: no cache read here
        is_new = self.model.view(message.alarm_id) is None
        if view is None or not view.is_open or not self._mine(view):
            self.model.remove(message.alarm_id)
        else:
            self.model.upsert(view)
            if is_new and view.needs_ack:
                self._maybe_take_selection(view)
        if view is not None and view.district and self.district.findData(view.district) < 0:
            self._refresh_filters()
        self._after_change()
        if message.alarm_id == self._selected_id:
            self._detail_timer.start()

    def _after_change(self) -> None:
        """Counts and sound: O(1) per change (the model keeps the unacknowledged set)."""
        unacked = self.model.unacked
        self.sounder.update(unacked)
        escalated = len(self.model.escalated)
        text = self.tr("Open: {open}, unacknowledged: {unacked}").format(
            open=self.model.rowCount(), unacked=len(unacked))
        if escalated:
            text += " " + self.tr("— escalated to the supervisor: {n}").format(n=escalated)
        self.counts.setText(text)
        self.counts.setProperty("severity", "alarm" if escalated else "")
        self.escalation_banner.setText(self.tr(
            "Escalated to the supervisor, still unacknowledged: {n}. Acknowledge them first (Space selects the next)."
        ).format(n=escalated))
        self.escalation_banner.setVisible(bool(escalated))
        if len(unacked) != self._unacked:
            self._unacked = len(unacked)
            self.unackedCountChanged.emit(self._unacked)
        if escalated != self._escalated:
            self._escalated = escalated
            self.escalatedCountChanged.emit(escalated)

    def _names_loaded(self) -> None:
        self.model.retranslate()
        self._refresh_filters()

    def _refresh_filters(self) -> None:
        current = self.district.currentData() or ""
        districts = sorted({v.district for v in self.model.views() if v.district}
                           | set(getattr(self.ctx.user, "districts", ()) or ()))
        self.district.blockSignals(True)
        self.district.clear()
        self.district.addItem(self.tr("All districts"), "")
        lang = current_language()
        for name, code in sorted((reference.name(d, lang), d) for d in districts):
            self.district.addItem(name, code)  # named in the reader's language, filtered by the code
        self.district.setCurrentIndex(max(0, self.district.findData(current)))
        self.district.blockSignals(False)

    def _mine(self, view: AlarmView) -> bool:
        """Rows of the user's districts only (no districts: every row); the core refuses the others anyway."""
        return access.covers(self.ctx.user, view.district)

    def _update_actions(self, view: AlarmView | None) -> None:
        """Enable only what this user may do to the selected alarm (``arm.access``; the core checks again).

        A disabled button is a convenience: the keys still call the operation,
        and the core's refusal is shown translated.
        """
        user = self.ctx.user
        for name, action in BUTTON_ACTIONS.items():
            allowed = access.may(user, action)
            if view is not None and name != "handover":
                allowed = allowed and access.covers(user, view.district)
            self.buttons[name].setEnabled(allowed)

    # ------------------------------------------------------------ selection
    def selected(self) -> AlarmView | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        return index.data(ViewRole)

    def select_alarm(self, alarm_id: int) -> bool:
        for row in range(self.proxy.rowCount()):
            v = self.proxy.index(row, 0).data(ViewRole)
            if v is not None and v.id == alarm_id:
                self._select_row(row)
                return True
        return False

    def _select_row(self, row: int) -> None:
        if 0 <= row < self.proxy.rowCount():
            index = self.proxy.index(row, 0)
            self.table.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
            self.table.scrollTo(index)

    def _ensure_selection(self) -> None:
        if not self.table.currentIndex().isValid() and self.proxy.rowCount():
            self._select_row(0)

    def _maybe_take_selection(self, view: AlarmView) -> None:
        """A new alarm more severe than the selected one is selected (and the map follows it).

        Not while the operator types (a note, a filter) or has an alarm dialog
        open: the list must not move under their hands.
        """
        current = self.selected()
        if current is not None and current.id != view.id and \
                PRIORITY_RANK.get(view.priority, 9) >= PRIORITY_RANK.get(current.priority, 9):
            return
        if self.active_dialog is not None or operator_is_typing():
            return
        self.select_alarm(view.id)

    def focus_list(self) -> None:
        """F2 from anywhere: the alarm list gets the keyboard, on the selected (or most urgent) alarm."""
        if not self.table.currentIndex().isValid():
            self.select_next_unacknowledged()
            self._ensure_selection()
        self.table.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def select_next_unacknowledged(self) -> None:
        """Space: the most urgent unacknowledged alarm (the top one, rows are sorted so)."""
        for row in range(self.proxy.rowCount()):
            v = self.proxy.index(row, 0).data(ViewRole)
            if v is not None and v.needs_ack:
                self._select_row(row)
                self.table.setFocus()
                return

    def select_next(self) -> None:
        self._select_row(min(self.table.currentIndex().row() + 1, self.proxy.rowCount() - 1))

    def select_previous(self) -> None:
        self._select_row(max(self.table.currentIndex().row() - 1, 0))

    def focus_filter(self) -> None:
        self.person.setFocus()
        self.person.selectAll()

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        view: AlarmView | None = current.data(ViewRole) if current.isValid() else None
        new_id = view.id if view else None
        if new_id == self._selected_id:
            return
        self._selected_id = new_id
        self._update_actions(view)
        if view is None:
            self.detail.clear()
            return
        self.detail.show_loading(view)
        self._detail_timer.start()
        if view.lat is not None and view.lon is not None:
            self.alarmSelected.emit({"alarm_id": view.id, "person_id": view.person_id,
                                     "lat": view.lat, "lon": view.lon})

    def _load_detail(self) -> None:
        alarm_id, manager = self._selected_id, self.manager
        if alarm_id is None or manager is None:
            return
        personal = bool(self.ctx.may_see_personal_data())
        self._run(lambda: manager.detail(alarm_id, self.ctx.user, personal),
                  lambda detail: self._show_detail(alarm_id, detail, personal))

    def _show_detail(self, alarm_id: int, detail: Any, personal: bool) -> None:
        if alarm_id != self._selected_id:
            return
        self.detail.show_detail(detail, personal)
        v = detail.alarm
        if v.lat is None or v.lon is None:
            # the person's last position; with none known the map still focuses the person
            lat, lon = (detail.last_position[0], detail.last_position[1]) if detail.last_position else (None, None)
            self.alarmSelected.emit({"alarm_id": v.id, "person_id": v.person_id, "lat": lat, "lon": lon})

    # ------------------------------------------------------------ actions
    def _run(self, operation: Callable[[], Future[Any]], on_done: Callable[[Any], None] | None = None) -> None:
        """Start an alarm operation and deliver its outcome on the GUI thread.

        Operations fail through their future (``arm.alarms.api``); one that
        refuses at once all the same is shown to the operator, and logged, not raised.
        """
        try:
            future = operation()
        except Exception as exc:  # noqa: BLE001 - any refusal is shown to the operator, and logged
            log.warning("alarm action refused: %s", exc)
            self.message.setText(error_text(getattr(exc, "code", ""), str(exc) or type(exc).__name__))
            return
        future.add_done_callback(lambda f: self._done.emit(on_done, f))

    @Slot(object, object)
    def _deliver(self, on_done: Callable[[Any], None] | None, future: Future[Any]) -> None:
        error = future.exception()
        if error is not None:
            code = getattr(error, "code", "")
            self.message.setText(error_text(code, str(error)))
            if not code:
                log.error("alarm action failed", exc_info=error)
            return
        self.message.clear()
        if on_done is not None:
            on_done(future.result())

    def _target(self) -> AlarmView | None:
        view = self.selected()
        if view is None:
            self.message.setText(self.tr("Select an alarm first."))
        elif self.manager is None:
            return None
        return view

    def acknowledge_selected(self) -> None:
        view, manager = self._target(), self.manager
        if view is not None and manager is not None and not view.acknowledged:
            self._run(lambda: manager.acknowledge(view.id, self.ctx.user))

    def note_selected(self) -> None:
        self._open_action_dialog("note")

    def action_selected(self) -> None:
        self._open_action_dialog("called_person")

    def _open_action_dialog(self, action: str) -> None:
        view, manager = self._target(), self.manager
        if view is None or manager is None:
            return
        dialog = ActionDialog(view, self, action)
        dialog.accepted.connect(lambda: self._run(lambda: manager.add_action(view.id, self.ctx.user, *dialog.values())))
        self._open(dialog)

    def shelve_selected(self) -> None:
        view, manager = self._target(), self.manager
        if view is None or manager is None:
            return
        if view.kind in manager.config.unshelvable:
            self.message.setText(error_text("not_shelvable"))
            return
        max_minutes = int(manager.config.max_shelve.total_seconds() // 60)
        dialog = ShelveDialog(view, self, max_minutes)

        def done() -> None:
            minutes, reason = dialog.values()
            self._run(lambda: manager.shelve(view.id, self.ctx.user, timedelta(minutes=minutes), reason))

        dialog.accepted.connect(done)
        self._open(dialog)

    def unshelve_selected(self) -> None:
        view, manager = self._target(), self.manager
        if view is not None and manager is not None and view.state == "shelved":
            self._run(lambda: manager.unshelve(view.id, self.ctx.user))

    def close_selected(self) -> None:
        view, manager = self._target(), self.manager
        if view is None or manager is None:
            return
        required = view.kind in manager.config.note_required
        dialog = CloseDialog(view, self, note_required=required, has_note=view.notes > 0,
                             default_report_to=manager.config.default_report_to)

        def done() -> None:
            v = dialog.values()
            report = Report(str(v["reported_to"]), v["reported_at"], str(v["measures"]))  # type: ignore[arg-type]
            resolution = Resolution(str(v["resolution"]))
            self._run(lambda: manager.close(view.id, self.ctx.user, resolution, str(v["note"]), report))

        dialog.accepted.connect(done)
        self._open(dialog)

    def silence(self) -> None:
        self.sounder.silence({v.id for v in self.model.views() if v.needs_ack})

    def show_handover(self) -> None:
        if self.manager is None:
            return
        from widgets.handover_dialog import HandoverDialog

        dialog = HandoverDialog(self.ctx, self.manager, self)
        self._open(dialog)

    def _open(self, dialog: Any) -> None:
        """Window-modal, non-blocking: tests and the event loop keep running."""
        self.active_dialog = dialog
        dialog.finished.connect(lambda _r: setattr(self, "active_dialog", None))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        fit_title(dialog)  # "Shelve the alarm" whole in the title bar, in every language
        dialog.open()
