"""Retention periods and deletion acts, for supervisors and administrators.

Shows the period in force for each record kind, lets an administrator or a
supervisor change it and propose a deletion act for what has expired, and lets
a supervisor confirm a proposed act after a second question. Nothing is
deleted anywhere else (``db.retention``, enforced by database triggers).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select

from arm import access
from arm.reports import retention
from db import retention as dbretention
from db.retention import MIN_RETENTION_DAYS, DeletionAct, RecordKind
from widgets.fit import FitTitle, ask

KIND_TITLES = {
    RecordKind.POSITIONS: QT_TRANSLATE_NOOP("RetentionDialog", "Positions (tracks)"),
    RecordKind.DEVICE_EVENTS: QT_TRANSLATE_NOOP("RetentionDialog", "Device events"),
    RecordKind.ALARMS: QT_TRANSLATE_NOOP("RetentionDialog", "Alarms"),
    RecordKind.ASSIGNMENTS: QT_TRANSLATE_NOOP("RetentionDialog", "Device issue and return"),
    RecordKind.VIOLATION_JOURNAL: QT_TRANSLATE_NOOP("RetentionDialog", "Violation journal"),
    RecordKind.AUDIT_JOURNAL: QT_TRANSLATE_NOOP("RetentionDialog", "Audit journal"),
    RecordKind.MEDIA: QT_TRANSLATE_NOOP("RetentionDialog", "Voice messages"),
}

#: a deletion act's state (``db.retention.ActState``) in words
STATE_TITLES = {
    dbretention.ActState.PROPOSED: QT_TRANSLATE_NOOP("RetentionDialog", "Proposed, awaiting confirmation"),
    dbretention.ActState.EXECUTING: QT_TRANSLATE_NOOP("RetentionDialog", "Confirmed, records being removed"),
    dbretention.ActState.EXECUTED: QT_TRANSLATE_NOOP("RetentionDialog", "Executed"),
    dbretention.ActState.CANCELLED: QT_TRANSLATE_NOOP("RetentionDialog", "Cancelled"),
}


def kind_title(kind: str) -> str:
    """A record kind of a deletion act in the reader's language (the code when unknown)."""
    try:
        return QCoreApplication.translate("RetentionDialog", KIND_TITLES[RecordKind(str(kind))])
    except (ValueError, KeyError):
        return str(kind)


def state_title(state: str) -> str:
    """A deletion act's state in the reader's language (the code when unknown)."""
    try:
        return QCoreApplication.translate("RetentionDialog", STATE_TITLES[dbretention.ActState(str(state))])
    except (ValueError, KeyError):
        return str(state)


def _acts(session: Any) -> list[DeletionAct]:
    return list(session.execute(select(DeletionAct).order_by(DeletionAct.id.desc()).limit(200)).scalars())


class RetentionDialog(FitTitle, QDialog):
    def __init__(self, ctx: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("Retention and deletion acts"))
        self.resize(900, 560)
        self.kinds = list(RecordKind)
        self.policy = QTableWidget(len(self.kinds), 3, self)
        self.policy.setHorizontalHeaderLabels([self.tr("Records"), self.tr("Kept, days"), ""])
        self.policy.verticalHeader().setVisible(False)
        self.policy.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.spins: dict[RecordKind, QSpinBox] = {}
        may_policy = access.may(ctx.user, access.Action.RETENTION_POLICY)
        may_propose = access.may(ctx.user, access.Action.RETENTION_PROPOSE)
        for row, kind in enumerate(self.kinds):
            self.policy.setItem(row, 0, QTableWidgetItem(QCoreApplication.translate("RetentionDialog",
                                                                                    KIND_TITLES[kind])))
            spin = QSpinBox(self, minimum=MIN_RETENTION_DAYS, maximum=36500, enabled=may_policy)
            spin.editingFinished.connect(lambda k=kind: self._save_policy(k))
            self.spins[kind] = spin
            self.policy.setCellWidget(row, 1, spin)
            button = QPushButton(self.tr("Propose deletion act"), self, enabled=may_propose)
            button.clicked.connect(lambda _=False, k=kind: self._propose(k))
            self.policy.setCellWidget(row, 2, button)
        self.acts = QTableWidget(0, 7, self)
        self.acts.setHorizontalHeaderLabels([self.tr("Act"), self.tr("Records"), self.tr("Older than"),
                                             self.tr("Rows"), self.tr("State"), self.tr("Proposed by"),
                                             self.tr("Confirmed by")])
        self.acts.verticalHeader().setVisible(False)
        self.acts.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.acts.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.confirm_button = QPushButton(self.tr("Confirm and execute the selected act…"), self)
        self.confirm_button.setEnabled(access.may(ctx.user, access.Action.RETENTION_CONFIRM))
        self.confirm_button.clicked.connect(self._confirm)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Records are kept for these periods. Expired records are removed only by a "
                                        "deletion act that a supervisor confirms; the act is kept for ever."), self))
        layout.addWidget(self.policy)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Deletion acts"), self))
        row.addStretch(1)
        row.addWidget(self.confirm_button)
        layout.addLayout(row)
        layout.addWidget(self.acts, 1)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.refresh()

    def refresh(self) -> None:
        user = self.ctx.user
        self.ctx.read(lambda s: (retention.policies(s, user), _acts(s)), on_done=self._show,
                      on_error=self._error)

    def _show(self, result: tuple[dict[RecordKind, int], list[DeletionAct]]) -> None:
        days, acts = result
        for kind, spin in self.spins.items():
            spin.blockSignals(True)
            spin.setValue(days[kind])
            spin.blockSignals(False)
        self.acts.setRowCount(len(acts))
        for r, act in enumerate(acts):
            values = [act.id, kind_title(act.record_kind), self.ctx.format_time(act.cutoff, seconds=False),
                      act.row_count, state_title(act.state), act.proposed_by, act.confirmed_by or ""]
            for c, v in enumerate(values):
                self.acts.setItem(r, c, QTableWidgetItem(str(v)))

    def _save_policy(self, kind: RecordKind) -> None:
        user, days = self.ctx.user, self.spins[kind].value()
        self.ctx.write(lambda s: retention.set_policy(s, user, str(kind), days),
                       on_done=lambda _: self.message.setText(self.tr("Saved.")), on_error=self._error)

    def _propose(self, kind: RecordKind) -> None:
        user = self.ctx.user
        self.ctx.write(lambda s: retention.propose(s, user, str(kind)), on_done=self._proposed, on_error=self._error)

    def _proposed(self, act: DeletionAct) -> None:
        self.message.setText(self.tr("Deletion act {id} proposed: {rows} records. A supervisor confirms it below.")
                             .format(id=act.id, rows=act.row_count))
        self.refresh()

    def _confirm(self) -> None:
        row = self.acts.currentRow()
        if row < 0:
            self.message.setText(self.tr("Select a proposed act first."))
            return
        act_id = int(self.acts.item(row, 0).text())
        rows = self.acts.item(row, 3).text()
        answer = ask(self, self.tr("Confirm deletion act"), self.tr(
            "Act {id} removes {rows} records for good. The act and your name are recorded. Continue?"
        ).format(id=act_id, rows=rows))
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.confirm(act_id)

    def confirm(self, act_id: int) -> None:
        user = self.ctx.user
        def confirm(s: Any) -> DeletionAct:
            # positions/events on SQLite are removed in batches after the commit: in a thread of their
            # own, so this desk's database worker (alarms, journals) does not wait for them
            s.info[dbretention.PURGE_IN_BACKGROUND] = True
            return retention.confirm(s, user, act_id)

        self.ctx.write(confirm, on_done=self._executed, on_error=self._error)

    def _executed(self, act: DeletionAct) -> None:
        if act.state == dbretention.ActState.EXECUTING:  # removed in batches after the commit (SQLite)
            self.message.setText(self.tr("Deletion act {id} confirmed: {rows} records are being removed in the "
                                         "background; monitoring goes on.").format(id=act.id, rows=act.row_count))
        else:
            self.message.setText(self.tr("Deletion act {id} executed: {rows} records removed.").format(
                id=act.id, rows=act.row_count))
        self.refresh()

    def _error(self, error: BaseException) -> None:
        self.message.setText(self.tr("Not done: {reason}").format(reason=str(error)))
