"""The one place where core messages cross into the GUI thread.

The core publishes on :class:`arm.bus.Bus` from whatever thread did the work
(the ingest writer, the rules worker, a serial reader). Qt widgets must only be
touched from the GUI thread, so widgets never subscribe to the bus themselves:
they connect to the signals of :class:`QtBridge`. Each bus handler here only
emits an internal signal; the queued connection delivers it in the thread the
bridge lives in (the GUI thread), where it is re-emitted as a typed signal.

Events another service on the same PostgreSQL stored reach this bus as
``arm.desk_api.wire.RemoteEventsStored`` (``arm.desk_api.pg_relay``): a type of
their own so the rules engine, which subscribes to ``EventsStored`` on the
bus, never judges them twice. The desks must show them all the same, so the
bridge emits them on ``eventsStored`` as an ``EventsStored``, exactly as a
remote desk receives them over the desk API (``arm.desk_api.client``): every
widget sees one type, whichever service stored the event.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, Signal, Slot

from arm.bus import Bus
from arm.desk_api.wire import RemoteEventsStored
from arm.events import (
    AlarmChanged,
    ConnectionLimits,
    DeviceStateChanged,
    EventsStored,
    IngestRejected,
    ServiceStatus,
)
from serial_drivers.status import SerialPortStatus

log = logging.getLogger("arm.gui.bridge")


class QtBridge(QObject):
    """Re-emits bus messages as Qt signals on the GUI thread."""

    eventsStored = Signal(object)
    deviceStateChanged = Signal(object)
    alarmChanged = Signal(object)
    serviceStatus = Signal(object)
    ingestRejected = Signal(object)
    #: a serial port's state and link counters (at most 1/s per port, serial_drivers.manager)
    serialPortStatus = Signal(object)
    #: the device listeners' connection-limit counts (arm.protocols.limits.LimitsReporter)
    connectionLimits = Signal(object)

    #: Emitted from any thread; received (queued) in the bridge's own thread.
    _relay = Signal(object)

    def __init__(self, bus: Bus, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._bus = bus
        self._targets: dict[type, Signal] = {
            EventsStored: self.eventsStored,
            DeviceStateChanged: self.deviceStateChanged,
            AlarmChanged: self.alarmChanged,
            ServiceStatus: self.serviceStatus,
            IngestRejected: self.ingestRejected,
            RemoteEventsStored: self.eventsStored,
            SerialPortStatus: self.serialPortStatus,
            ConnectionLimits: self.connectionLimits,
        }
        self._relay.connect(self._dispatch, Qt.ConnectionType.QueuedConnection)
        self._unsubscribers: list[Callable[[], None]] = [
            bus.subscribe(message_type, self._relay.emit) for message_type in self._targets
        ]
        #: The last service status seen, so a status bar built later starts right.
        self.last_service_status: ServiceStatus | None = None
        #: the last connection-limit counts seen, so a panel built later starts right
        self.last_connection_limits: ConnectionLimits | None = None

    @property
    def bus(self) -> Bus:
        return self._bus

    @Slot(object)
    def _dispatch(self, message: object) -> None:
        if isinstance(message, ServiceStatus):
            self.last_service_status = message
        elif isinstance(message, ConnectionLimits):
            self.last_connection_limits = message
        signal = self._targets.get(type(message))
        if signal is None:  # pragma: no cover - only subscribed types arrive
            log.warning("unexpected message on the bridge: %r", message)
            return
        if isinstance(message, RemoteEventsStored):
            message = EventsStored(message.events)  # one type for widgets (see the module docstring)
        signal.emit(message)

    def close(self) -> None:
        """Stop listening to the bus (on shutdown; late messages are dropped)."""
        for unsubscribe in self._unsubscribers:
            unsubscribe()
        self._unsubscribers.clear()
