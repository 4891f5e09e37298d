"""Event delivery of one ICD device (section 5): store, then `EACK`; never before.

Events arrive from the reader thread; each batch goes to the ingest core with
``submit`` and is acknowledged only from the future's callback, i.e. after the
commit. `EACK,<n>` is cumulative ("every event with evseq <= n is delivered"),
so the acknowledged point only moves over a contiguous run of stored events;
a hole in evseq is asked for with `LOG,<first missing>`, and what `LOG` does
not bring back is counted as lost and stepped over (the device no longer has
it). Duplicates known to this session are dropped here; anything else goes to
ingest, which stores each (device, evseq) once. Ordering by event time is the
database's job: every event keeps the device's own time.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable
from concurrent.futures import Future
from typing import Any, Protocol

from arm.channels import CHANNEL_REASONS
from arm.events import DeviceEvent
from serial_drivers.icd.codec import RawEvent, to_device_event
from serial_drivers.icd.link import LINE_S, Link, LinkError

log = logging.getLogger("serial_drivers.delivery")

#: How long a hole in evseq may stay open (events still on their way, or a
#: retransmission) before it is asked for with LOG.
GAP_GRACE_S = 0.3
#: LOG,1 attempts to find where an unknown device's run starts before the lowest seen is taken.
BASE_ATTEMPTS = 5
#: Pause after a failed EACK or LOG before trying again.
RETRY_PAUSE_S = 0.5


class IngestLike(Protocol):
    def submit(self, events: Iterable[DeviceEvent]) -> Future[Any]: ...


class Delivery:
    """Acknowledgement bookkeeping and the worker that sends EACK and LOG."""

    def __init__(
        self,
        link: Link,
        ingest: IngestLike,
        *,
        baseline: int | None = None,
        device_type: str | None = None,
        gap_grace_s: float = GAP_GRACE_S,
        discards: Callable[[], int] | None = None,
    ) -> None:
        self.link = link
        #: lines the port discarded so far; a LOG during which one was discarded
        #: proves nothing about what the device still holds
        self._discards = discards or (lambda: 0)
        self.ingest = ingest
        self.device_type = device_type
        self.gap_grace_s = gap_grace_s
        self.counters: Counter[str] = Counter()
        self._lock = threading.Condition()
        #: every evseq <= acked is handled (stored, rejected or lost); None: unknown yet
        self.acked: int | None = baseline
        self._session_floor = baseline if baseline is not None else 0
        self._done: set[int] = set()
        self._inflight: set[int] = set()
        self._lost: list[tuple[int, int]] = []
        self._seen_max = baseline or 0
        self._sent_ack: int | None = None
        self._reack = False
        self._gap_since: float | None = None
        self._in_log = False
        self._log_min: int | None = None
        self._log_min_discards = 0
        self._seen_min: int | None = None
        self._base_attempts = 0
        self._base_pending_since: float | None = None
        self._stopping = False
        self._thread = threading.Thread(target=self._run, name="icd-delivery", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        with self._lock:
            self._stopping = True
            self._lock.notify_all()
        if self._thread.is_alive() and self._thread is not threading.current_thread():
            self._thread.join(timeout)

    # ------------------------------------------------------------ reader thread
    def on_events(self, events: list[RawEvent]) -> None:
        batch: list[DeviceEvent] = []
        with self._lock:
            for raw in events:
                self.counters["received"] += 1
                if self._is_known(raw.evseq):
                    self.counters["duplicates"] += 1
                    if self.acked is not None and raw.evseq <= self.acked:
                        self._reack = True  # our EACK was lost: say it again
                    continue
                self._inflight.add(raw.evseq)
                self._seen_max = max(self._seen_max, raw.evseq)
                self._seen_min = raw.evseq if self._seen_min is None else min(self._seen_min, raw.evseq)
                batch.append(to_device_event(raw, self.device_type))
            if self._in_log:
                discards = self._discards()
                for raw in events:
                    if self._log_min is None or raw.evseq <= self._log_min:
                        # the lowest evseq, and the discard count when it last arrived
                        self._log_min, self._log_min_discards = raw.evseq, discards
            self._lock.notify_all()
        if batch:
            self._submit(batch)

    def _is_known(self, evseq: int) -> bool:
        if evseq in self._inflight or evseq in self._done:
            return True
        return self.acked is not None and self._session_floor < evseq <= self.acked

    def _submit(self, batch: list[DeviceEvent]) -> None:
        evseqs = [ev.evseq for ev in batch if ev.evseq is not None]
        try:
            fut = self.ingest.submit(batch)
        except Exception as exc:  # noqa: BLE001 - the device resends; count and go on
            self._failed(evseqs, exc)
            return
        fut.add_done_callback(lambda f: self._committed(evseqs, f))

    def _committed(self, evseqs: list[int], fut: Future[Any]) -> None:
        """Runs in the ingest writer thread after the commit: only bookkeeping here."""
        exc = fut.exception()
        if exc is not None:
            self._failed(evseqs, exc)
            return
        result = fut.result()
        with self._lock:
            self.counters["stored"] += len(getattr(result, "stored", ()))
            self.counters["already_stored"] += int(getattr(result, "duplicates", 0))
            rejected = getattr(result, "rejected", ())
            self.counters["rejected"] += len(rejected)
            for ev, reason in rejected:
                if reason in CHANNEL_REASONS:  # ingest logs these once per device and channel
                    self.counters[reason] += 1
                else:
                    log.warning("device %s event %s rejected by ingest: %s", ev.serial, ev.evseq, reason)
            for evseq in evseqs:
                self._inflight.discard(evseq)
                self._done.add(evseq)
            self._advance()
            self._lock.notify_all()

    def _failed(self, evseqs: list[int], exc: BaseException) -> None:
        log.error("storing %d events failed (%s); the device will send them again", len(evseqs), exc)
        with self._lock:
            self.counters["store_failed"] += len(evseqs)
            for evseq in evseqs:
                self._inflight.discard(evseq)

    # ------------------------------------------------------------ bookkeeping
    def _advance(self) -> None:
        if self.acked is None:
            return  # the start of the run is not known yet (see _establish_base)
        while True:
            nxt = self.acked + 1
            if nxt in self._done:
                self._done.discard(nxt)
                self.acked = nxt
                continue
            span = next((r for r in self._lost if r[0] <= nxt <= r[1]), None)
            if span is None:
                return
            self._lost.remove(span)
            self.acked = span[1]

    def first_missing(self) -> int | None:
        """The lowest evseq below the highest seen that is neither stored nor on its way."""
        with self._lock:
            return self._first_missing()

    def _first_missing(self) -> int | None:
        if self.acked is None:
            return None
        nxt = self.acked + 1
        while nxt in self._done or nxt in self._inflight:
            nxt += 1
        return nxt if nxt < self._seen_max else None

    def snapshot(self) -> dict[str, Any]:
        with self._lock:
            return {
                "acked": self.acked,
                "pending": len(self._inflight),
                "waiting": len(self._done),
                **dict(self.counters),
            }

    def wait_acked(self, evseq: int, timeout: float) -> bool:
        """True once the device was told that ``evseq`` is delivered (tests, tools)."""
        end = time.monotonic() + timeout
        with self._lock:
            while self._sent_ack is None or self._sent_ack < evseq:
                left = end - time.monotonic()
                if left <= 0:
                    return False
                self._lock.wait(left)
            return True

    # ------------------------------------------------------------ worker thread
    def _run(self) -> None:
        while True:
            with self._lock:
                action = self._next_action()
                while action is None and not self._stopping:
                    self._lock.wait(self._wait_time())
                    action = self._next_action()
                if self._stopping or action is None:
                    return
            kind, value = action
            if kind == "ack":
                ok = self._send_ack(value)
            elif kind == "base":
                ok = self._base_attempt()
            else:
                ok = self._fetch_gap(value)
            if not ok:
                with self._lock:
                    self._lock.wait(RETRY_PAUSE_S)

    def _wait_time(self) -> float:
        since = self._gap_since if self._gap_since is not None else self._base_pending_since
        if since is None:
            return 1.0
        return max(0.01, since + self.gap_grace_s - time.monotonic())

    def _next_action(self) -> tuple[str, int] | None:
        if self.acked is None:
            if self._seen_max == 0:
                return None
            now = time.monotonic()
            if self._base_pending_since is None:
                self._base_pending_since = now
            return ("base", 1) if now - self._base_pending_since >= self.gap_grace_s else None
        if self.acked is not None and (self._reack or self._sent_ack is None or self.acked > self._sent_ack):
            if self.acked > 0 or self._reack:
                return ("ack", self.acked)
        missing = self._first_missing()
        if missing is None:
            self._gap_since = None
            return None
        now = time.monotonic()
        if self._gap_since is None:
            self._gap_since = now
        if now - self._gap_since >= self.gap_grace_s:
            return ("log", missing)
        return None

    def _base_attempt(self) -> bool:
        try:
            self._establish_base()
        except LinkError as exc:
            self.counters["log_failed"] += 1
            log.warning("LOG,1 failed: %s", exc)
            return False
        return True

    def _send_ack(self, evseq: int) -> bool:
        try:
            self.link.call("EACK", str(evseq))
        except LinkError as exc:
            self.counters["eack_failed"] += 1
            log.warning("EACK,%d failed: %s", evseq, exc)
            return not self.link.closed and False
        with self._lock:
            self.counters["eacks"] += 1
            self._reack = False
            self._sent_ack = max(evseq, self._sent_ack or 0)
            self._lock.notify_all()
        return True

    def _fetch_gap(self, first: int) -> bool:
        with self._lock:
            upto = self._seen_max
            self.counters["gaps"] += 1
        log.info("evseq gap from %d: asking LOG,%d", first, first)
        try:
            conclusive, lowest = self._conclusive_log(first, self._budget(first))
        except LinkError as exc:
            self.counters["log_failed"] += 1
            log.warning("LOG,%d failed: %s", first, exc)
            return False
        with self._lock:
            if not conclusive:
                # a replayed line may have been garbled: ask again later, lose nothing
                self.counters["log_inconclusive"] += 1
                self._gap_since = None
                return True
            # below the device's lowest held evseq, what is missing is gone for good
            self._mark_lost(first, upto if lowest is None else min(upto, lowest - 1))
            self._gap_since = None
            self._advance()
            self._lock.notify_all()
        return True

    def initial_sync(self) -> None:
        """Ask for everything the device still holds: `LOG,<first not stored>`.

        Called once before :meth:`start`, so the host does not depend on the
        device noticing that the host restarted. Without stored history it
        also establishes where the device's unacknowledged run starts.
        Raises LinkError.
        """
        if self.acked is None:
            self._establish_base()
            return
        self.counters["log_requests"] += 1
        self.link.call("LOG", str(self.acked + 1), streaming=True, budget_s=self._budget(self.acked + 1))

    def _budget(self, first: int) -> float:
        """How long one LOG try may stream: 1.5 times the lines expected, at least 20 of them.

        If the device holds more, the try ends early and the retry (same seq)
        gets the repeated answer: the replayed events were kept anyway.
        """
        expected = max(20, self._seen_max - first + 1) if self._seen_max >= first else 20
        return self.link.timeout + 1.5 * min(expected, 10_000) * LINE_S

    def _conclusive_log(self, first: int, budget_s: float) -> tuple[bool, int | None]:
        """`LOG,first`: (whether the reply tells what the device holds, lowest evseq it holds).

        The device replays oldest first, so its lowest held event is the first
        replayed line. The reply is conclusive when no line was discarded
        between sending `LOG` and the last arrival of the lowest evseq seen
        (a garbled oldest line would be counted before the next one arrives);
        with `OK,0`, when nothing was discarded at all.
        """
        before = self._discards()
        with self._lock:
            self._in_log, self._log_min, self._log_min_discards = True, None, before
        try:
            self.counters["log_requests"] += 1
            result = self.link.call("LOG", str(first), streaming=True, budget_s=budget_s)
        finally:
            with self._lock:
                self._in_log = False
        count = int(result[0]) if result and result[0].isdigit() else -1
        with self._lock:
            lowest, at = self._log_min, self._log_min_discards
        if count == 0:
            return self._discards() == before, None
        if lowest is None:
            return False, None
        return at == before, lowest

    def _establish_base(self) -> bool:
        """No stored history: the lowest evseq the device holds starts the acknowledged run.

        Only a `LOG,1` during which no line was discarded tells that reliably
        (a garbled replay line would make a later event look like the first,
        and the cumulative EACK would then drop the garbled one); so it is
        asked again until one is clean. Returns True when the base is known.
        """
        conclusive, lowest = self._conclusive_log(1, self._budget(1))
        with self._lock:
            self._base_pending_since = None
            self._base_attempts += 1
            if not conclusive and self._base_attempts < BASE_ATTEMPTS:
                self.counters["log_inconclusive"] += 1
                return False
            if not conclusive:
                # every attempt replayed the oldest line first; after this many, the
                # lowest evseq seen at all is the device's oldest (docs/serial-icd-readings.md)
                lowest = self._seen_min
                self.counters["base_by_attempts"] += 1
            if lowest is not None and self.acked is None:
                self.acked = lowest - 1
                self._session_floor = self.acked
                self._advance()
                self._lock.notify_all()
            return self.acked is not None

    def _mark_lost(self, first: int, upto: int) -> None:
        """Whatever in [first, upto] LOG did not bring back is gone from the device."""
        known = sorted(e for e in self._done | self._inflight if first <= e <= upto)
        start = first
        for evseq in [*known, upto + 1]:
            if evseq > start:
                self._lost.append((start, evseq - 1))
                self.counters["lost"] += evseq - start
                log.warning("events %d..%d are lost: the device no longer has them", start, evseq - 1)
            start = evseq + 1
