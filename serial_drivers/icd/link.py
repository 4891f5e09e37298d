"""Command/answer over one ICD port (section 4): seq echo, 1 s timeout, 3 tries.

The reader thread hands every answer to :meth:`Link.on_answer` and every event
elsewhere (delivery), so events that arrive between a command and its answer
are kept. A retry resends the *same* line with the same seq: the device repeats
its last answer instead of running the command twice (ICD 4), so a retried
`PAIR` or `EACK` is safe. Commands are serialised: one is in flight at a time.
"""

from __future__ import annotations

import random
import threading
import time
from collections import Counter
from collections.abc import Callable

from serial_drivers.icd.codec import MAX_SEQ, Answer, Command, encode

ANSWER_TIMEOUT_S = 1.0
TRIES = 3
#: one typical event line (about 100 bytes) at 115200 baud, 10 bits a byte
LINE_S = 100 * 10 / 115200
#: 10,000 lines of the longest kind (250 bytes)
MAX_STREAM_S = 10_000 * 250 * 10 / 115200


class LinkError(Exception):
    """Base of the errors a command can end with; ``code`` is stable, text is English."""

    code = "E_LINK"


class DeviceNotAnswering(LinkError):
    """No answer after every try (ICD 4: report the device as not answering)."""

    code = "NOT_ANSWERING"


class PortClosed(LinkError):
    """The port went away while the command waited."""

    code = "PORT_CLOSED"


class DeviceError(LinkError):
    """The device answered `ERR,<code>,<text>`."""

    def __init__(self, code: str, text: str, command: str = "") -> None:
        super().__init__(f"{command}: {code} {text}".strip(": "))
        self.code = code
        self.text = text
        self.command = command


class Link:
    """One outstanding command at a time; answers matched by seq.

    ``write`` puts bytes on the wire (it may raise OSError if the port is gone).
    ``seq_start`` defaults to a random value: after a host restart the first
    seq must not equal the last one the device answered, or the device would
    repeat an old answer instead of running the new command.
    """

    def __init__(
        self,
        write: Callable[[bytes], None],
        *,
        timeout: float = ANSWER_TIMEOUT_S,
        tries: int = TRIES,
        seq_start: int | None = None,
    ) -> None:
        self._write = write
        self.timeout = timeout
        self.tries = tries
        self._seq = random.randint(0, MAX_SEQ) if seq_start is None else seq_start % (MAX_SEQ + 1)
        self._cmd_lock = threading.Lock()
        self._cond = threading.Condition()
        self._pending_seq: int | None = None
        self._answer: Answer | None = None
        self._activity = 0.0
        self._closed = False
        self.counters: Counter[str] = Counter()

    # ---------------------------------------------------------- reader side
    def on_answer(self, answer: Answer) -> None:
        with self._cond:
            if answer.seq != self._pending_seq or self._answer is not None:
                self.counters["stale_answers"] += 1
                return
            self._answer = answer
            self._cond.notify_all()

    def on_activity(self) -> None:
        """Something arrived from the device: a streaming command is alive."""
        with self._cond:
            self._activity = time.monotonic()

    def close(self) -> None:
        with self._cond:
            self._closed = True
            self._cond.notify_all()

    @property
    def closed(self) -> bool:
        return self._closed

    # ---------------------------------------------------------- caller side
    def next_seq(self) -> int:
        self._seq = (self._seq + 1) % (MAX_SEQ + 1)
        return self._seq

    def request(self, name: str, *args: str, streaming: bool = False, budget_s: float | None = None) -> Answer:
        """Send a command and wait for its answer (blocking; never on the GUI thread).

        ``streaming`` (for `LOG`): the 1 s timer restarts whenever the device
        sends anything, since `LOG` streams its events before it answers; but a
        try never lasts longer than ``budget_s`` (default: the time 10,000
        lines take at 115200 baud), so live traffic cannot hide a lost answer.
        Raises DeviceNotAnswering or PortClosed; an `ERR` answer is returned.
        """
        with self._cmd_lock:
            if self._closed:
                raise PortClosed("port closed")
            seq = self.next_seq()
            line = encode(Command(seq, name, tuple(args)))
            with self._cond:
                self._pending_seq, self._answer = seq, None
            try:
                return self._exchange(name, line, streaming, budget_s)
            finally:
                with self._cond:
                    self._pending_seq = None

    def call(
        self, name: str, *args: str, streaming: bool = False, budget_s: float | None = None
    ) -> tuple[str, ...]:
        """Like :meth:`request` but raises DeviceError on `ERR`; returns the result fields."""
        answer = self.request(name, *args, streaming=streaming, budget_s=budget_s)
        if not answer.ok:
            raise DeviceError(answer.code, answer.text, name)
        return answer.result

    def _exchange(self, name: str, line: bytes, streaming: bool, budget_s: float | None) -> Answer:
        self.counters["commands"] += 1
        for attempt in range(self.tries):
            if attempt:
                self.counters["retries"] += 1
            try:
                self._write(line)
            except OSError as exc:
                raise PortClosed(str(exc)) from exc
            answer = self._wait(streaming, budget_s)
            if answer is not None:
                return answer
        self.counters["not_answering"] += 1
        raise DeviceNotAnswering(f"{name}: no answer after {self.tries} tries")

    def _wait(self, streaming: bool, budget_s: float | None) -> Answer | None:
        sent = time.monotonic()
        cap = sent + max(self.timeout, budget_s if budget_s is not None else MAX_STREAM_S)
        with self._cond:
            while self._answer is None:
                if self._closed:
                    raise PortClosed("port closed")
                start = max(sent, self._activity) if streaming else sent
                left = min(start + self.timeout, cap) - time.monotonic()
                if left <= 0:
                    return None
                self._cond.wait(left)
            return self._answer
