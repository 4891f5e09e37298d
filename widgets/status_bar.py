"""The desk's status bar: is monitoring working, and how much needs attention.

Service state (from ``ServiceStatus`` on the bridge), devices online of those
expected to report, active persons, unacknowledged alarms (from the alarm
panel's signal), who is logged in and the desk clock. States are a property
the style sheet selects on, and every state also has a word and a symbol.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, QSize, Qt, QTimer
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QStatusBar, QWidget
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from arm.device_health import ContactState, contact_state
from arm.events import ServiceStatus
from db.models import Device, Person
from widgets.context import AppContext

log = logging.getLogger("arm.gui.status")

COUNTS_REFRESH_MS = 15_000
COUNTS_DEBOUNCE_MS = 1_500


def load_counts(session: Session) -> dict[str, int]:
    """Devices online of those expected to report (issued or heard), and active persons.

    Online is :func:`arm.device_health.contact_state`: the rules engine's limit, so a
    device counted online here never has an active "No communication" alarm.
    """
    now = datetime.now(UTC)
    devices = session.execute(
        select(Device.last_contact, Device.heartbeat_s).where(Device.status.in_(("issued", "unregistered")))
    ).all()
    online = sum(1 for last, hb in devices if contact_state(last, hb, now) == ContactState.ONLINE)
    persons = session.scalar(select(func.count(Person.id)).where(Person.deregistered_on.is_(None))) or 0
    return {"online": online, "devices": len(devices), "persons": int(persons)}


def service_is_running(service: Any) -> bool:
    """The embedded service has ``running``; the remote client a ``connected`` event."""
    running = getattr(service, "running", None)
    if running is not None:
        return bool(running)
    connected = getattr(service, "connected", None)
    return bool(connected is not None and connected.is_set())


def role_text(role: str) -> str:
    names = {
        "operator": QT_TRANSLATE_NOOP("Role", "operator"),
        "supervisor": QT_TRANSLATE_NOOP("Role", "supervisor"),
        "technician": QT_TRANSLATE_NOOP("Role", "technician"),
        "administrator": QT_TRANSLATE_NOOP("Role", "administrator"),
    }
    return QCoreApplication.translate("Role", names.get(role, role))


class ElidingLabel(QLabel):
    """A status item that gives way on a narrow screen: its text is cut with "…" (whole in the tooltip)
    instead of forcing the window wider than the screen (a long Russian user name did at 1366 px)."""

    MIN_WIDTH = 48

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._full = ""

    def setText(self, text: str) -> None:
        self._full = text
        self.setToolTip(text)
        self._elide()
        self.updateGeometry()

    def text(self) -> str:
        return self._full

    def sizeHint(self) -> QSize:
        margins = self.contentsMargins()
        width = self.fontMetrics().horizontalAdvance(self._full) + margins.left() + margins.right() + 2 * self.margin()
        return QSize(width + 4, super().sizeHint().height())

    def minimumSizeHint(self) -> QSize:
        return QSize(min(self.sizeHint().width(), self.MIN_WIDTH), super().minimumSizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        available = self.contentsRect().width() - 2 * self.margin()
        metrics = self.fontMetrics()
        shown = self._full
        if available > 0 and metrics.horizontalAdvance(self._full) > available:
            shown = metrics.elidedText(self._full, Qt.TextElideMode.ElideRight, available)
        QLabel.setText(self, shown)


class DeskStatusBar(QStatusBar):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("DeskStatusBar")
        self.ctx = ctx
        self._counts = {"online": 0, "devices": 0, "persons": 0}
        self.unacked: int | None = None
        self.escalated = 0
        self._running = service_is_running(ctx.service)
        self._detail = ""
        self.service_label = self._label("serviceState", elide=True)
        self.devices_label = self._label("devicesOnline", elide=True)
        self.persons_label = self._label("personsCount", elide=True)
        self.alarms_label = self._label("unackedAlarms")  # never cut: the count is what the operator must see
        self.user_label = self._label("currentUser", elide=True)
        self.clock_label = self._label("deskClock")
        for label in (self.service_label, self.devices_label, self.persons_label):
            self.addWidget(label)
        # permanent: a status message (F1, a saved file...) never covers the alarm count
        self.addPermanentWidget(self.alarms_label)
        self.addPermanentWidget(self.user_label)
        self.addPermanentWidget(self.clock_label)
        self._clock = self._timer(1000, self._tick_clock, start=True)
        self._refresh = self._timer(COUNTS_REFRESH_MS, self.refresh_counts, start=True)
        self._debounce = self._timer(COUNTS_DEBOUNCE_MS, self.refresh_counts, single=True)
        ctx.bridge.serviceStatus.connect(self.set_service_status)
        # a throttle, not a debounce: under steady traffic a restarted timer would never fire
        ctx.bridge.deviceStateChanged.connect(lambda _msg: self._debounce.isActive() or self._debounce.start())
        if ctx.bridge.last_service_status is not None:
            self.set_service_status(ctx.bridge.last_service_status)
        self.retranslateUi()
        self.refresh_counts()

    def _label(self, name: str, elide: bool = False) -> QLabel:
        label = ElidingLabel(self) if elide else QLabel(self)
        label.setObjectName(name)
        label.setProperty("role", "statusItem")
        return label

    def _timer(self, ms: int, slot: Any, start: bool = False, single: bool = False) -> QTimer:
        timer = QTimer(self)
        timer.setInterval(ms)
        timer.setSingleShot(single)
        timer.timeout.connect(slot)
        if start:
            timer.start()
        return timer

    def stop(self) -> None:
        for timer in (self._clock, self._refresh, self._debounce):
            timer.stop()

    # ------------------------------------------------------------ inputs
    def refresh_counts(self) -> None:
        self.ctx.read(load_counts, on_done=self._on_counts, on_error=lambda e: log.warning("counts: %s", e))

    def _on_counts(self, counts: dict[str, int]) -> None:
        self._counts = counts
        self.retranslateUi()

    def set_service_status(self, status: ServiceStatus) -> None:
        self._running = status.running
        self._detail = status.detail
        self.retranslateUi()

    def set_unacked(self, count: int) -> None:
        self.unacked = count
        self.retranslateUi()

    def set_escalated(self, count: int) -> None:
        """Unacknowledged alarms escalated to the supervisor: shown next to the count, always on screen."""
        self.escalated = max(0, count)
        self.retranslateUi()

    # ------------------------------------------------------------ text
    def retranslateUi(self) -> None:
        if self._running:
            self.service_label.setText(self.tr("● Service running"))
        else:
            detail = f" ({self._detail})" if self._detail else ""
            self.service_label.setText(self.tr("■ Service stopped") + detail)
        self._set_state(self.service_label, "ok" if self._running else "alarm")
        self.devices_label.setText(
            self.tr("Devices online: {online} of {total}").format(
                online=self._counts["online"], total=self._counts["devices"]
            )
        )
        self.persons_label.setText(self.tr("Persons: {n}").format(n=self._counts["persons"]))
        if self.unacked is None:
            self.alarms_label.setText(self.tr("Unacknowledged alarms: —"))
            self._set_state(self.alarms_label, "")
        else:
            text = self.tr("Unacknowledged alarms: {n}").format(n=self.unacked)
            if self.escalated:
                text += " " + self.tr("(escalated: {n})").format(n=self.escalated)
            self.alarms_label.setText(text)
            self._set_state(self.alarms_label, "alarm" if self.unacked else "ok")
        name = getattr(self.ctx.user, "full_name", "") or self.ctx.login
        self.user_label.setText(self.tr("{name} ({role})").format(name=name, role=role_text(self.ctx.role)))
        self._tick_clock()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)

    def _set_state(self, label: QLabel, state: str) -> None:
        if label.property("state") != state:
            label.setProperty("state", state)
            label.style().unpolish(label)
            label.style().polish(label)

    def _tick_clock(self) -> None:
        now = self.ctx.local(datetime.now(UTC))
        self.clock_label.setText(f"{now:%d.%m.%Y %H:%M:%S} {now.tzname()}")
