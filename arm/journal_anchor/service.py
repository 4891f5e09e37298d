"""The monitoring service's checkpoint writer: a signed checkpoint at start and every hour.

A component of :class:`arm.service.MonitoringService` (added by the journals
area's plugin, so it runs in ``arm serve`` and in the workstation's embedded
service alike). The database work runs in a worker thread; a failure is
logged and retried at the next tick, never stops the service.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from arm.journal_anchor import checkpoints

log = logging.getLogger("arm.journal_anchor")


class CheckpointWriter:
    """Writes a checkpoint of every keyed chain at start, every ``interval_s`` and at stop."""

    consumes_events = False

    def __init__(self, db: Any, interval_s: float | None = None) -> None:
        self.db = db
        self.interval_s = interval_s or checkpoints.CHECKPOINT_INTERVAL.total_seconds()
        self._task: asyncio.Task[None] | None = None
        self.written = 0

    @property
    def name(self) -> str:
        return "journal checkpoints"

    async def start(self, service: Any) -> None:
        self._task = asyncio.get_running_loop().create_task(self._run(), name="journal-checkpoints")

    async def _write(self, reason: str) -> None:
        try:
            self.written += len(await asyncio.to_thread(checkpoints.take_now, self.db, reason))
        except Exception:  # logged; the next tick tries again
            log.exception("the journal checkpoint could not be written")

    async def _run(self) -> None:
        await self._write("service start")
        while True:
            await asyncio.sleep(self.interval_s)
            await self._write("hourly")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            try:
                await self._task
            except asyncio.CancelledError:
                pass
            self._task = None


def configure(service: Any, settings: Any) -> None:
    """Add the writer to a monitoring service (called from the journals area's plugin)."""
    service.add_component(CheckpointWriter(service.db))


__all__ = ["CheckpointWriter", "configure"]
