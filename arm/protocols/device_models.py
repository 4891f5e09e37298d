"""Serial -> tracker model, for listeners whose decoding depends on the model.

Some GT06 models reuse message numbers with other layouts (NT20 0x22/0x25,
SEEWORLD 0x13, LW4G 0x13, R11 0x13, QH302R 0x12, VL103 alarm codes); Traccar
takes the model from the device (``modelOverride``) and so does ARM: the
technician sets ``devices.model`` in the inventory, and the listener applies it
to a connection as soon as the tracker logs in with its IMEI.

A login must never wait for the database (10,000 trackers reconnecting after
an outage would queue a query each on the event loop), so the models live in
this in-memory map: loaded in a worker thread when the listener starts,
reloaded every ``refresh_s`` seconds, and soon after the inventory changes: a
``DeviceModelChanged`` on the bus (the inventory publishes it when a model is
saved) or a ``DeviceStateChanged`` that carries a registration status. The
contact-only ``DeviceStateChanged`` of every ingest commit (status "") are
ignored: they cannot change a model, and at 10,000 trackers they would wake
the loop thousands of times a second. Lookups are a dict read; an unknown or
unconfigured device gets None (the default layout).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError

from arm.events import DeviceStateChanged
from db.models import Device

if TYPE_CHECKING:
    from arm.bus import Bus
    from db.session import Database

log = logging.getLogger("arm.protocols")

#: full reload period; the map also reloads shortly after ``invalidate``
REFRESH_S = 30.0
#: coalesce bursts of invalidations (an ingest commit publishes many) into one reload
DEBOUNCE_S = 0.5


@dataclass(frozen=True, slots=True)
class DeviceModelChanged:
    """Bus message: the technician set (or cleared) a device's tracker model."""

    serial: str
    model: str | None


#: what a model name may look like once normalized (Traccar's names: NT20, LW4G-4B, SEEWORLD...)
MODEL_RE = re.compile(r"[A-Z0-9][A-Z0-9 ._/-]{0,31}")


def normalize(model: str | None) -> str | None:
    """The form a model is compared in (Traccar upper-cases it too); blank -> None."""
    value = (model or "").strip().upper()
    return value or None


def model_error(model: str | None) -> str | None:
    """English reason why ``model`` cannot be saved, or None (blank is fine: no model)."""
    value = normalize(model)
    if value is None:
        return None
    if len(value) > 32:
        return "The model is longer than 32 characters."
    if not MODEL_RE.fullmatch(value):
        return "A model is letters A-Z, digits and . _ / - (e.g. NT20, LW4G-4B)."
    return None


def load_models(db: Database) -> dict[str, str]:
    """Every device with a model, keyed by serial and by IMEI (blocking: run in a thread)."""
    out: dict[str, str] = {}
    with db.session() as s:
        for serial, imei, model in s.execute(
            select(Device.serial, Device.imei, Device.model).where(Device.model.is_not(None))
        ):
            value = normalize(model)
            if value is None:
                continue
            if imei:
                out[imei] = value
            out[serial] = value
    return out


class DeviceModels:
    """The serial -> model map of one listener (start/stop with it)."""

    def __init__(self, refresh_s: float = REFRESH_S, debounce_s: float = DEBOUNCE_S) -> None:
        self.db: Database | None = None
        self.refresh_s = refresh_s
        self.debounce_s = debounce_s
        self.models: dict[str, str] = {}
        #: completed reloads (tests and status views)
        self.loads = 0
        self._loop: asyncio.AbstractEventLoop | None = None
        self._wake: asyncio.Event | None = None
        self._task: asyncio.Task[None] | None = None
        self._pending = False
        self._unsubscribe: list[Callable[[], None]] = []

    def get(self, serial: str | None) -> str | None:
        """The configured model of ``serial``, or None (default layout)."""
        return self.models.get(serial) if serial else None

    async def reload(self) -> None:
        """Reload now, off the event loop; a failed reload keeps the previous map."""
        if self.db is None:
            return
        try:
            models = await asyncio.to_thread(load_models, self.db)
        except (SQLAlchemyError, OSError) as exc:  # database briefly unavailable: keep what we know
            log.warning("device models not reloaded: %s", exc)
            return
        self.models = models
        self.loads += 1

    async def start(self, db: Database, bus: Bus | None = None) -> None:
        self.db = db
        self._loop = asyncio.get_running_loop()
        self._wake = asyncio.Event()
        await self.reload()
        self._task = asyncio.create_task(self._run(), name="device-models-refresh")
        if bus is not None:
            self._unsubscribe = [bus.subscribe(DeviceModelChanged, self._model_changed),
                                 bus.subscribe(DeviceStateChanged, self._state_changed)]

    def _model_changed(self, msg: DeviceModelChanged) -> None:
        """Apply the new model at once (the next frame uses it), then re-read the truth."""
        models = dict(self.models)  # replaced whole: readers never see a half-updated map
        value = normalize(msg.model)
        if value:
            models[msg.serial] = value
        else:
            models.pop(msg.serial, None)
        self.models = models
        self.invalidate()

    def _state_changed(self, msg: DeviceStateChanged) -> None:
        if msg.status:  # a registration change; "" is a contact update from ingest
            self.invalidate()

    async def stop(self) -> None:
        for unsubscribe in self._unsubscribe:
            unsubscribe()
        self._unsubscribe = []
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None

    def invalidate(self, *_args: object) -> None:
        """Reload soon; safe from any thread (bus handlers run in the publisher's thread)."""
        loop, wake = self._loop, self._wake
        if self._pending or loop is None or wake is None or loop.is_closed():
            return  # a reload is already due: one wake-up is enough
        self._pending = True
        with contextlib.suppress(RuntimeError):  # loop shutting down
            loop.call_soon_threadsafe(wake.set)

    async def _run(self) -> None:
        assert self._wake is not None
        while True:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), self.refresh_s)
                await asyncio.sleep(self.debounce_s)
            self._wake.clear()
            self._pending = False  # invalidations from here on are after this read
            await self.reload()
