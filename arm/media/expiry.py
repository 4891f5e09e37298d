"""The service component that gives staged clip parts a lifetime (``arm.media.store.expire_parts``).

A Watch device that sends a clip in several ``JXTK`` frames and loses one
for good (out of coverage, switched off, a firmware that gives up) would
leave its parts in ``device_media_parts`` forever. This component looks once
every ``interval_s`` (15 minutes by default, and once at start so a server
restarted after a long stop catches up) and stores, as incomplete clips,
those no part of which arrived for ``lifetime_s`` (24 hours). The database
work runs on a worker thread, never on the event loop.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from arm.media import store

if TYPE_CHECKING:
    from arm.service import MonitoringService

log = logging.getLogger(__name__)


class MediaPartsExpiry:
    """Periodically stores the clips whose missing parts will not come (see the module docstring)."""

    name = "media-parts-expiry"

    def __init__(self, interval_s: float = 900.0, lifetime_s: float = store.PARTS_LIFETIME_S,
                 clock: Callable[[], datetime] | None = None) -> None:
        self.interval_s = interval_s
        self.lifetime_s = lifetime_s
        self.clock = clock or (lambda: datetime.now(UTC))
        #: incomplete clips stored so far, and failed runs (status views, tests)
        self.expired = 0
        self.failures = 0
        #: set after every run, successful or not (tests wait on it)
        self.ran = asyncio.Event()
        self._service: MonitoringService | None = None
        self._task: asyncio.Task[None] | None = None

    async def start(self, service: MonitoringService) -> None:
        self._service = service
        self._task = asyncio.get_running_loop().create_task(self._loop(), name=self.name)

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            try:
                await self._task
            except asyncio.CancelledError:
                pass
            self._task = None

    async def run_once(self) -> list[int]:
        """One pass now; returns the ids of the clips it stored."""
        assert self._service is not None
        service = self._service
        ids = await asyncio.to_thread(store.expire_parts, service.db, service.ingest, self.clock(), self.lifetime_s)
        self.expired += len(ids)
        return ids

    async def _loop(self) -> None:
        while True:
            try:
                await self.run_once()
            except asyncio.CancelledError:
                raise
            except Exception:  # logged, counted, retried next period
                self.failures += 1
                log.exception("expiring staged voice-message parts failed; retried in %.0f s", self.interval_s)
            self.ran.set()
            await asyncio.sleep(self.interval_s)
