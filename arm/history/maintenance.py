"""A service component that keeps the day partitions of positions created ahead (PostgreSQL).

Without it the rows of a day nobody created go to ``positions_default``
(never refused) and move to their day when it is created; with it, every day
up to a week ahead exists before its first report. Does nothing on SQLite.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from typing import Any

from db import partitions

log = logging.getLogger("arm.history")

#: how often the days ahead are checked
INTERVAL_S = 6 * 3600.0


class PartitionKeeper:
    name = "history-partitions"

    def __init__(self, db: Any, interval_s: float = INTERVAL_S) -> None:
        self.db = db
        self.interval_s = interval_s
        self._task: asyncio.Task[None] | None = None
        self.created: list[str] = []

    def ensure(self) -> list[str]:
        with self.db.engine.begin() as conn:
            made = partitions.ensure_ahead(conn)
        if made:
            log.info("day partitions of positions created: %s", ", ".join(made))
        self.created += made
        return made

    async def start(self, service: Any) -> None:
        await asyncio.to_thread(self.ensure)
        self._task = asyncio.get_running_loop().create_task(self._run(), name="history-partitions")

    async def _run(self) -> None:
        while True:
            await asyncio.sleep(self.interval_s)
            try:
                await asyncio.to_thread(self.ensure)
            except Exception:  # logged; the default partition takes the rows meanwhile
                log.exception("day partitions of positions not created")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
