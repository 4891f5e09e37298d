"""An NMEA 0183 receiver on one port: read, decode, store (NMEA has no acknowledgement)."""

from __future__ import annotations

import logging
import threading
from collections import Counter
from collections.abc import Callable
from typing import Any

from arm.bus import Bus
from arm.channels import CHANNEL_REASONS
from arm.events import DeviceEvent
from serial_drivers.icd.delivery import IngestLike
from serial_drivers.nmea import NMEA_DEVICE_TYPE, NmeaStream
from serial_drivers.port_reader import PortReader
from serial_drivers.status import SerialPortStatus

log = logging.getLogger("serial_drivers.nmea")


class NmeaSession:
    """Owns an open NMEA port until it is lost or closed."""

    protocol = "nmea"

    def __init__(
        self,
        port: str,
        ingest: IngestLike,
        serial: str,
        *,
        baudrate: int = 9600,
        bus: Bus | None = None,
        on_end: Callable[[NmeaSession], None] | None = None,
    ) -> None:
        self.port = port
        self.ingest = ingest
        self.serial = serial
        self.bus = bus
        self.on_end = on_end
        self.stream = NmeaStream(serial)
        self.counters: Counter[str] = Counter()
        self.reader = PortReader(port, self._on_bytes, self._on_lost, baudrate=baudrate)
        self.state = "opening"
        self.detail = ""
        self._lock = threading.Lock()
        self._ended = False

    def start(self) -> None:
        self.reader.open()
        self._set_state("connected")

    def close(self, state: str = "closed") -> None:
        self.reader.close()
        self._store(self.stream.decoder.flush())
        self._end(state)

    @property
    def alive(self) -> bool:
        return not self._ended

    def _on_bytes(self, data: bytes) -> None:
        self._store(self.stream.feed(data))

    def _store(self, events: list[DeviceEvent]) -> None:
        if not events:
            return
        try:
            fut = self.ingest.submit(events)
        except Exception as exc:  # noqa: BLE001 - counted; NMEA has no retransmission
            self.counters["store_failed"] += len(events)
            log.error("storing NMEA fixes failed: %s", exc)
            return
        fut.add_done_callback(self._stored)

    def _stored(self, fut: Any) -> None:
        exc = fut.exception()
        if exc is not None:
            self.counters["store_failed"] += 1
            return
        res = fut.result()
        self.counters["stored"] += len(res.stored)
        self.counters["already_stored"] += res.duplicates
        self.counters["rejected"] += len(res.rejected)
        for _ev, reason in res.rejected:
            if reason in CHANNEL_REASONS:
                self.counters[reason] += 1

    def _on_lost(self, reason: str) -> None:
        self._store(self.stream.decoder.flush())
        self._end("lost", reason)

    def _end(self, state: str, detail: str = "") -> None:
        with self._lock:
            if self._ended:
                return
            self._ended = True
        self._set_state(state, detail)
        if self.on_end is not None:
            self.on_end(self)

    def _set_state(self, state: str, detail: str = "") -> None:
        self.state, self.detail = state, detail
        if self.bus is not None:
            self.bus.publish(self.status())

    def status(self) -> SerialPortStatus:
        counters: Counter[str] = Counter(self.stream.counters)
        counters.update(self.counters)
        return SerialPortStatus(
            port=self.port,
            protocol="nmea",
            state=self.state,
            serial=self.serial,
            device_type=NMEA_DEVICE_TYPE,
            counters=dict(counters),
            detail=self.detail,
        )
