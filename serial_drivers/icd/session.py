"""One ICD device on one port: reader, framer, codec, link and delivery wired together.

The reader thread frames and decodes; answers go to the link, events to
delivery in arrival order (events that precede an answer are handed over
first, so a `LOG` replay is fully counted before its answer is seen).
"""

from __future__ import annotations

import logging
import threading
from collections import Counter
from collections.abc import Callable
from typing import Any

from sqlalchemy import func, select

from arm.bus import Bus
from arm.events import utcnow
from serial_drivers.icd.codec import Answer, CodecError, DeviceInfo, RawEvent, decode, format_time
from serial_drivers.icd.delivery import GAP_GRACE_S, Delivery, IngestLike
from serial_drivers.icd.framing import LineFramer
from serial_drivers.icd.link import ANSWER_TIMEOUT_S, TRIES, DeviceNotAnswering, Link, LinkError
from serial_drivers.port_reader import PortReader
from serial_drivers.status import SerialPortStatus

log = logging.getLogger("serial_drivers.icd")


def stored_baseline(db: Any, serial: str) -> int | None:
    """Highest ICD evseq stored for ``serial``, or None when the device has no history."""
    from db.models import Device, DeviceEventRow

    with db.session() as s:
        value = s.execute(
            select(func.max(DeviceEventRow.evseq))
            .join(Device, Device.id == DeviceEventRow.device_id)
            .where(Device.serial == serial, DeviceEventRow.evseq < 2**32)
        ).scalar()
    return int(value) if value is not None else None


def record_info(db: Any, info: DeviceInfo) -> None:
    """Keep the inventory's firmware/hardware/IMEI of a known device current (INFO is the truth)."""
    from sqlalchemy import update

    from db.models import Device

    values: dict[str, Any] = {"firmware": info.firmware, "hardware": info.hardware}
    if info.imei:
        values["imei"] = info.imei
    if info.battery is not None:
        values["battery"] = info.battery
    try:
        with db.begin() as s:
            s.execute(update(Device).where(Device.serial == info.serial).values(**values))
    except Exception as exc:  # noqa: BLE001 - a busy database must not stop the device link
        log.warning("could not record INFO of %s: %s", info.serial, exc)


class IcdSession:
    """Owns an open ICD port until it is lost or closed."""

    protocol = "icd"

    def __init__(
        self,
        port: str,
        ingest: IngestLike,
        *,
        db: Any = None,
        bus: Bus | None = None,
        timeout: float = ANSWER_TIMEOUT_S,
        tries: int = TRIES,
        gap_grace_s: float = GAP_GRACE_S,
        sync_time: bool = True,
        on_end: Callable[[IcdSession], None] | None = None,
    ) -> None:
        self.port = port
        self.ingest = ingest
        self.db = db
        self.bus = bus
        self.sync_time = sync_time
        self.gap_grace_s = gap_grace_s
        self.on_end = on_end
        self.framer = LineFramer()
        self.counters: Counter[str] = Counter()
        self.reader = PortReader(port, self._on_bytes, self._on_lost)
        self.link = Link(self.reader.write, timeout=timeout, tries=tries)
        self.info: DeviceInfo | None = None
        self.delivery: Delivery | None = None
        self.state = "opening"
        self.detail = ""
        self._early: list[RawEvent] = []
        self._lock = threading.Lock()
        self._ended = False

    # ------------------------------------------------------------ lifecycle
    def start(self) -> DeviceInfo:
        """Open, identify with INFO, set the clock, start delivery. Raises OSError/LinkError."""
        self.reader.open()
        self._set_state("identifying")
        try:
            info = DeviceInfo.from_answer(self._ok(self.link.request("INFO")))
        except (LinkError, CodecError) as exc:
            self._set_state("unrecognised" if isinstance(exc, CodecError) else "not_answering", str(exc))
            self.close(state=self.state)
            raise
        self.info = info
        if self.sync_time:
            try:
                self.link.call("TIME", format_time(utcnow()))
            except LinkError as exc:
                log.warning("%s: TIME failed: %s", port_label(self), exc)
        baseline = stored_baseline(self.db, info.serial) if self.db is not None else None
        delivery = Delivery(
            self.link,
            self.ingest,
            baseline=baseline,
            device_type=info.type,
            gap_grace_s=self.gap_grace_s,
            discards=lambda: self.framer.discarded + self.counters["malformed"],
        )
        with self._lock:
            self.delivery = delivery
            early, self._early = self._early, []
        if early:
            delivery.on_events(early)
        try:
            delivery.initial_sync()
        except LinkError as exc:
            self._set_state("not_answering", str(exc))
            self.close(state=self.state)
            raise
        delivery.start()
        if self.db is not None:
            record_info(self.db, info)
        self._set_state("connected")
        return info

    @staticmethod
    def _ok(answer: Answer) -> Answer:
        if not answer.ok:
            raise CodecError(f"INFO refused: {answer.code} {answer.text}")
        return answer

    def close(self, state: str = "closed") -> None:
        self.link.close()  # first: wakes a command waiting for an answer
        if self.delivery is not None:
            self.delivery.stop()
        self.reader.close()
        self._end(state)

    def _on_lost(self, reason: str) -> None:
        self.link.close()
        if self.delivery is not None:
            self.delivery.stop()
        self._end("lost", reason)

    def _end(self, state: str, detail: str = "") -> None:
        with self._lock:
            if self._ended:
                return
            self._ended = True
        self._set_state(state, detail)
        if self.on_end is not None:
            self.on_end(self)

    @property
    def alive(self) -> bool:
        return not self._ended

    # ------------------------------------------------------------ commands
    def call(self, name: str, *args: str, streaming: bool = False) -> tuple[str, ...]:
        """A command for tools and the pairing wizard; keeps the state honest."""
        try:
            result = self.link.call(name, *args, streaming=streaming)
        except DeviceNotAnswering as exc:
            self._set_state("not_answering", str(exc))
            raise
        if self.state == "not_answering":
            self._set_state("connected")
        return result

    # ------------------------------------------------------------ reader thread
    def _on_bytes(self, data: bytes) -> None:
        events: list[RawEvent] = []
        for body in self.framer.feed(data):
            self.link.on_activity()
            try:
                msg = decode(body)
            except CodecError as exc:
                self.counters["malformed"] += 1
                log.debug("%s: malformed line %r: %s", self.port, body[:60], exc)
                continue
            if isinstance(msg, RawEvent):
                events.append(msg)
            elif isinstance(msg, Answer):
                self._hand_over(events)
                events = []
                self.link.on_answer(msg)
                if self.state == "not_answering":
                    self._set_state("connected")
            else:
                self.counters["unexpected"] += 1
        self._hand_over(events)

    def _hand_over(self, events: list[RawEvent]) -> None:
        if not events:
            return
        if self.info is not None:
            foreign = [e for e in events if e.serial != self.info.serial]
            if foreign:
                self.counters["foreign_serial"] += len(foreign)
                events = [e for e in events if e.serial == self.info.serial]
        with self._lock:
            delivery = self.delivery
            if delivery is None:
                self._early.extend(events)
                return
        delivery.on_events(events)

    # ------------------------------------------------------------ status
    def _set_state(self, state: str, detail: str = "") -> None:
        self.state, self.detail = state, detail
        if self.bus is not None:
            self.bus.publish(self.status())

    def status(self) -> SerialPortStatus:
        counters: Counter[str] = Counter()
        counters.update({k: v for k, v in self.framer.counters.items()})
        counters.update(self.counters)
        counters.update(self.link.counters)
        if self.delivery is not None:
            counters.update(self.delivery.counters)
        info = self.info
        return SerialPortStatus(
            port=self.port,
            protocol="icd",
            state=self.state,
            serial=info.serial if info else None,
            device_type=info.type if info else None,
            firmware=info.firmware if info else None,
            battery=info.battery if info else None,
            counters=dict(counters),
            detail=self.detail,
        )


def port_label(session: IcdSession) -> str:
    serial = session.info.serial if session.info else "?"
    return f"{session.port} ({serial})"
