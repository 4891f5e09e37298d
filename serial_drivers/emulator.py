"""A pseudo-terminal that behaves as one ICD device (tests, the demo, `arm emulate`).

It follows the device side of ../shared/icd/serial-icd.md: answers within the
second, repeats its last answer for a repeated seq, keeps up to 10,000
unacknowledged events, sends an event again after 5 s without `EACK`, resends
everything unacknowledged after it is plugged in again, replays with `LOG`,
checks pair codes and `CFG` ranges and runs a tamper self-test. Fault switches
(garbage bytes, bad checksums, cut lines, silence, dropped events, a 10 kB
flood, unplug and come back) let tests prove the host survives them.

This module is the device itself (settings, events, buffer, power cycles);
the pty transport is in ``emulator_pty``, the command handlers in
``emulator_commands``, the fault switches in ``emulator_faults`` and the
limits and stored state in ``emulator_model``. Everything stays importable
from here.
"""

from __future__ import annotations

import json
import logging
import os
import random
import threading
import time
from collections import Counter
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from arm.events import utcnow
from serial_drivers.emulator_commands import (
    _HANDLERS,
    CommandHandlers,
    _cfg_text,
    _cfg_value,
    _Err,
    _nargs,
    _seq_of,
)
from serial_drivers.emulator_faults import Faults, faulty_bytes
from serial_drivers.emulator_model import (
    BUFFER_SIZE,
    CFG_KEYS,
    GENERATED_KINDS,
    HOME,
    MAX_PAIRED,
    RETRANSMIT_S,
    USB_PIDS,
    USB_VID,
    EmulatorState,
    _Stored,
)
from serial_drivers.emulator_pty import PtyTransport
from serial_drivers.icd.codec import (
    DEVICE_TYPES,
    MAX_EVSEQ,
    SERIAL_RE,
    Answer,
    Command,
    RawEvent,
    decode,
    encode,
    event_line_fields,
)
from serial_drivers.icd.framing import LineFramer

log = logging.getLogger("serial_drivers.emulator")

#: Everything that lived here before the split stays importable from here.
__all__ = [
    "BUFFER_SIZE", "CFG_KEYS", "GENERATED_KINDS", "HOME", "MAX_PAIRED", "RETRANSMIT_S", "USB_PIDS", "USB_VID",
    "_HANDLERS", "CommandHandlers", "EmulatedDevice", "EmulatorState", "Faults", "PtyTransport", "_Err",
    "_Stored", "_cfg_text", "_cfg_value", "_nargs", "_seq_of", "faulty_bytes",
]


class EmulatedDevice(PtyTransport, CommandHandlers):
    """One device behind a pty; ``port`` is the name a host opens."""

    def __init__(
        self,
        device_type: str,
        serial: str,
        *,
        link: str | None = None,
        rate: float = 0.0,
        retransmit_s: float = RETRANSMIT_S,
        buffer_size: int = BUFFER_SIZE,
        bracelets: dict[str, str] | None = None,
        tamper_fail: str | None = None,
        firmware: str = "2.4.1",
        hardware: str = "B3",
        battery: int = 100,
        evseq_start: int = 0,
        seed: int | None = None,
        faults: Faults | None = None,
    ) -> None:
        if device_type not in DEVICE_TYPES:
            raise ValueError(f"unknown device type {device_type!r}; one of {', '.join(DEVICE_TYPES)}")
        if not SERIAL_RE.match(serial):
            raise ValueError(f"bad serial {serial!r}: 4 to 20 of A-Z 0-9 -")
        self.type = device_type
        self.serial = serial
        self.link_path = link
        self.rate = rate
        self.retransmit_s = retransmit_s
        self.buffer_size = buffer_size
        self.bracelets = dict(bracelets or {})
        self.tamper_fail = tamper_fail
        self.firmware = firmware
        self.hardware = hardware
        self.battery = battery
        self.imei = "86" + str(abs(hash(serial)) % 10**13).zfill(13) if device_type in ("TRK", "MKU") else ""
        self.faults = faults or Faults()
        self.state = EmulatorState(evseq=evseq_start)
        self.paired: list[str] = []
        self.cfg: dict[str, float] = {k: v[3] for k, v in CFG_KEYS.items() if device_type in v[0]}
        self.clock_offset = timedelta(0)
        #: the highest evseq a host acknowledged
        self.acked_upto = 0
        self.counters: Counter[str] = Counter()
        #: called with the evseq of every EACK before it is applied (tests: check the DB)
        self.on_eack: Callable[[int], None] | None = None
        #: every command the device ran (not repeated ones), for tests and the CLI log
        self.commands: list[Command] = []
        self._rng = random.Random(seed)
        self._framer = LineFramer()
        self._lock = threading.RLock()
        self._master: int | None = None
        self._slave: int | None = None
        self._slave_name = ""
        self._out = bytearray()
        self._last: tuple[int, Answer] | None = None
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._plug_at: float | None = None
        self._next_gen = 0.0
        self._gen_index = 0
        self._pos = list(HOME)
        self._last_retx_scan = 0.0

    # ------------------------------------------------------------ lifecycle
    def start(self) -> EmulatedDevice:
        self.plug()
        self._thread = threading.Thread(target=self._run, name=f"emulator-{self.serial}", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(3.0)
        self._close_pty()

    def __enter__(self) -> EmulatedDevice:
        return self.start()

    def __exit__(self, *_exc: object) -> None:
        self.stop()

    # ------------------------------------------------------------ power cycles
    def save_state(self, path: str) -> None:
        """Write the evseq counter and the unacknowledged events (a device's flash)."""
        with self._lock:
            data = {
                "serial": self.serial,
                "evseq": self.state.evseq,
                "events": [st.line.decode("ascii") for st in self.state.buffer.values()],
            }
        tmp = f"{path}.tmp"
        with open(tmp, "w", encoding="ascii") as fh:
            json.dump(data, fh)
        os.replace(tmp, path)

    def load_state(self, path: str) -> None:
        """Continue after a power cycle: evseq never repeats, held events are sent again."""
        with open(path, encoding="ascii") as fh:
            data = json.load(fh)
        if data.get("serial") != self.serial:
            raise ValueError(f"state file {path} belongs to {data.get('serial')}, not {self.serial}")
        with self._lock:
            self.state.evseq = max(self.state.evseq, int(data["evseq"]))
            for text in data.get("events", []):
                line = text.encode("ascii")
                msg = decode(line[1 : line.rindex(b"*")])
                if isinstance(msg, RawEvent):
                    self.state.buffer[msg.evseq] = _Stored(msg, line)

    # ------------------------------------------------------------ events
    def emit(self, kind: str, fields: dict[str, Any] | None = None, at: datetime | None = None) -> int:
        """Make one event: buffer it and send it (unless a fault drops it). Returns its evseq."""
        return self.emit_raw(kind, event_line_fields(kind, fields or {}), at)

    def emit_raw(self, kind: str, raw_fields: tuple[str, ...], at: datetime | None = None) -> int:
        """Like :meth:`emit` with the fields as text: a firmware that says something odd."""
        with self._lock:
            if self.state.evseq >= MAX_EVSEQ:
                raise OverflowError("evseq exhausted")
            self.state.evseq += 1
            evseq = self.state.evseq
            raw = RawEvent(
                self.serial,
                evseq,
                (at or self.now()).replace(microsecond=0),
                kind,
                raw_fields,
            )
            stored = _Stored(raw, encode(raw))
            self.state.buffer[evseq] = stored
            while len(self.state.buffer) > self.buffer_size:
                self.state.buffer.popitem(last=False)
                self.counters["overflow_dropped"] += 1
            self.counters["events"] += 1
            if self.faults.drop_live > 0:
                self.faults.drop_live -= 1
                self.counters["dropped_live"] += 1
                stored.sent_at = time.monotonic()
            else:
                self._send_event(stored)
            return evseq

    def emit_generated(self) -> int:
        """One event of the kind this device type reports on its own."""
        kinds = GENERATED_KINDS[self.type]
        kind = kinds[self._gen_index % len(kinds)]
        self._gen_index += 1
        return self.emit(kind, self._fields_for(kind))

    def _fields_for(self, kind: str) -> dict[str, Any]:
        rng = self._rng
        if kind == "POS":
            self._pos[0] += rng.uniform(-0.0005, 0.0005)
            self._pos[1] += rng.uniform(-0.0005, 0.0005)
            return {
                "lat": round(self._pos[0], 6),
                "lon": round(self._pos[1], 6),
                "fix": 1,
                "sats": rng.randint(5, 14),
                "hdop": round(rng.uniform(0.6, 2.5), 1),
                "speed_kmh": round(rng.uniform(0, 6), 1),
                "course": round(rng.uniform(0, 359), 1),
            }
        if kind == "STAT":
            return {"battery": self.battery, "charging": False, "rssi": -rng.randint(50, 95), "temperature": 21.5}
        if kind == "PRESENCE":
            bracelet = self.paired[0] if self.paired else "BRC-000001"
            return {"bracelet": bracelet, "state": "IN", "rssi": -rng.randint(40, 80)}
        if kind == "BAC":
            return {"test_id": f"T{self.state.evseq + 1}", "mg_l": 0.0, "face_match": 97, "result": "PASS"}
        if kind == "BEACON":
            return {"bracelet": "BRC-102938", "rssi": -rng.randint(50, 95)}
        return {}

    def now(self) -> datetime:
        return utcnow() + self.clock_offset

    @property
    def unacked(self) -> list[int]:
        with self._lock:
            return list(self.state.buffer)

    # ------------------------------------------------------------ output
    def _send_event(self, stored: _Stored) -> None:
        stored.sent_at = time.monotonic()
        self._send(stored.line)

    # ------------------------------------------------------------ generator and retransmission
    def _tick(self) -> None:
        now = time.monotonic()
        if self.rate > 0 and now >= self._next_gen:
            self._next_gen = max(self._next_gen + 1 / self.rate, now - 1)
            self.emit_generated()
        if now - self._last_retx_scan >= min(0.5, self.retransmit_s / 2):
            self._last_retx_scan = now
            for stored in self.state.buffer.values():
                if now - stored.sent_at >= self.retransmit_s:
                    self.counters["retransmits"] += 1
                    self._send_event(stored)
