"""Cross-service change propagation through PostgreSQL LISTEN/NOTIFY.

Two ``arm serve`` processes may share one PostgreSQL database (two desks'
servers, or a hot standby). An alarm acknowledged through one must show on the
desks of the other within a second. Each service NOTIFYs channel
``arm_changes`` with its alarm and device-state changes (and the id ranges of
newly stored events), tagged with a random origin id; each LISTENs on the same
channel and republishes the other services' messages on its own bus (which
feeds its GUI and its desk API). Before republishing an alarm change it
reloads the alarm manager's cache of open alarms and gives the change its row
from it (``AlarmChanged.view``; rows do not travel in the notification), so
the widgets and desks of this service see the new state.

Stored events are relayed as ``RemoteEventsStored`` (ids in the notification,
rows read back from the database): desks see them, the rules engine of the
other service does not, so no alarm is ever raised twice.

NOTIFY is delivered only on commit and only to live listeners; a service that
was down catches up by reading the database at start (the alarm cache loads
all open alarms), so nothing depends on a notification never being missed.
"""

from __future__ import annotations

import json
import logging
import queue
import threading
import uuid
from dataclasses import replace
from typing import TYPE_CHECKING, Any

import psycopg
from sqlalchemy import or_, select
from sqlalchemy.engine import make_url

from arm.alarms.local import LocalAlarmOperations
from arm.desk_api import wire
from arm.events import AlarmChanged, DeviceEvent, DeviceStateChanged, EventsStored, StoredEvent, stored_fields
from db.models import Device, DeviceEventRow

if TYPE_CHECKING:
    from arm.service import MonitoringService

log = logging.getLogger("arm.desk_api.pg_relay")

CHANNEL = "arm_changes"
#: PostgreSQL's NOTIFY payload limit is 8000 bytes
MAX_PAYLOAD = 7900
_STOP = object()


def libpq_dsn(sqlalchemy_url: str) -> str:
    url = make_url(sqlalchemy_url).set(drivername="postgresql")
    return url.render_as_string(hide_password=False)


def _ranges(ids: list[int]) -> list[list[int]]:
    out: list[list[int]] = []
    for i in sorted(ids):
        if out and i == out[-1][1] + 1:
            out[-1][1] = i
        else:
            out.append([i, i])
    return out


class PgRelay:
    """MonitoringService component; only meaningful on PostgreSQL."""

    name = "pg-relay"

    def __init__(self, relay_events: bool = True) -> None:
        self.origin = uuid.uuid4().hex[:12]
        self.relay_events = relay_events
        self.service: MonitoringService | None = None
        self.sent = 0
        self.received = 0
        self._out: queue.Queue[Any] = queue.Queue(maxsize=100_000)
        self._threads: list[threading.Thread] = []
        self._stop = threading.Event()
        self._republishing = threading.local()
        self._unsubscribe: list[Any] = []
        self._dsn = ""
        self._listening = threading.Event()

    async def start(self, service: MonitoringService) -> None:
        self.service = service
        self._dsn = libpq_dsn(service.db.url)
        self._stop.clear()
        for t in (AlarmChanged, DeviceStateChanged, EventsStored):
            self._unsubscribe.append(service.bus.subscribe(t, self._on_local))
        self._threads = [
            threading.Thread(target=self._listen, name="arm-pg-listen", daemon=True),
            threading.Thread(target=self._send, name="arm-pg-notify", daemon=True),
        ]
        for thread in self._threads:
            thread.start()
        self._listening.wait(10)

    async def stop(self) -> None:
        for u in self._unsubscribe:
            u()
        self._unsubscribe.clear()
        self._stop.set()
        self._out.put(_STOP)
        for thread in self._threads:
            thread.join(5)
        self._threads = []

    # ------------------------------------------------------------ outgoing
    def _on_local(self, message: object) -> None:
        if getattr(self._republishing, "active", False):
            return  # came from another service: do not echo it back
        if isinstance(message, EventsStored):
            if not self.relay_events or not message.events:
                return
            ranges = _ranges([s.id for s in message.events])
            # ids of one batch are mostly contiguous; interleaved services fragment them,
            # so the ranges go in as many notifications as the payload limit needs
            for k in range(0, len(ranges), 250):
                self._queue({"o": self.origin, "t": "event_ids", "d": ranges[k:k + 250]})
            return
        topic = wire.TOPIC_OF[type(message)]
        self._queue({"o": self.origin, "t": topic, "d": wire.to_json(message)})

    def _queue(self, payload: dict[str, Any]) -> None:
        text = wire.dumps(payload)
        if len(text.encode()) > MAX_PAYLOAD:
            log.warning("change too large for NOTIFY (%d bytes); other services will see it on reload", len(text))
            return
        try:
            self._out.put_nowait(text)
        except queue.Full:
            log.error("NOTIFY queue full; dropping a change notification")

    def _send(self) -> None:
        conn: psycopg.Connection[Any] | None = None
        while True:
            item = self._out.get()
            if item is _STOP:
                break
            batch = [item]
            while len(batch) < 500:
                try:
                    nxt = self._out.get_nowait()
                except queue.Empty:
                    break
                if nxt is _STOP:
                    self._out.put(_STOP)
                    break
                batch.append(nxt)
            try:
                if conn is None or conn.closed:
                    conn = psycopg.connect(self._dsn, autocommit=True)
                with conn.transaction(), conn.cursor() as cur:
                    for text in batch:
                        cur.execute("SELECT pg_notify(%s, %s)", (CHANNEL, text))
                self.sent += len(batch)
            except psycopg.Error as exc:
                log.error("NOTIFY failed (%s); %d change(s) not relayed", exc, len(batch))
                if conn is not None:
                    conn.close()
                conn = None
        if conn is not None:
            conn.close()

    # ------------------------------------------------------------ incoming
    def _listen(self) -> None:
        while not self._stop.is_set():
            try:
                with psycopg.connect(self._dsn, autocommit=True) as conn:
                    conn.execute(f"LISTEN {CHANNEL}")
                    self._listening.set()
                    while not self._stop.is_set():
                        for note in conn.notifies(timeout=0.25):
                            self._handle(note.payload)
            except psycopg.Error as exc:
                log.error("LISTEN connection failed (%s); retrying", exc)
                self._listening.set()
                self._stop.wait(1.0)

    def _handle(self, text: str) -> None:
        try:
            payload = json.loads(text)
            if payload.get("o") == self.origin:
                return
            topic, data = payload["t"], payload["d"]
            if topic == "event_ids":
                message: Any = self._load_events(data)
                if message is None:
                    return
            else:
                message = wire.from_json(topic, data)
        except (ValueError, KeyError, TypeError) as exc:
            log.warning("ignoring a change notification: %s", exc)
            return
        assert self.service is not None
        if isinstance(message, AlarmChanged):
            message = self._with_fresh_view(message)
        self.received += 1
        self._republishing.active = True
        try:
            self.service.bus.publish(message)
        finally:
            self._republishing.active = False

    def _with_fresh_view(self, message: AlarmChanged) -> AlarmChanged:
        """Reload this service's open alarms, and give the change its row as this service now sees it."""
        assert self.service is not None
        alarms = getattr(self.service, "alarms", None)
        if not isinstance(alarms, LocalAlarmOperations):
            return message
        try:
            alarms.reload().result(timeout=5)
        except Exception:
            log.exception("reloading open alarms after a remote change failed")
        return replace(message, view=alarms.view(message.alarm_id))

    def _load_events(self, ranges: list[list[int]]) -> wire.RemoteEventsStored | None:
        assert self.service is not None
        conditions = [DeviceEventRow.id.between(lo, hi) for lo, hi in ranges]
        if not conditions:
            return None
        with self.service.db.session() as s:
            rows = s.execute(
                select(DeviceEventRow, Device.serial, Device.type)
                .join(Device, Device.id == DeviceEventRow.device_id)
                .where(or_(*conditions)).order_by(DeviceEventRow.id)
            ).all()
            stored = tuple(
                StoredEvent(r.id, r.device_id, r.evseq,
                            DeviceEvent(serial, r.evseq, r.time, r.kind, stored_fields(r.fields), r.source, str(dtype)),
                            r.received)
                for r, serial, dtype in rows
            )
        return wire.RemoteEventsStored(stored) if stored else None
