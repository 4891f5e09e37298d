"""A pseudo-terminal that behaves as one ICD device (tests, the demo, `arm emulate`).

It follows the device side of ../shared/icd/serial-icd.md: answers within the
second, repeats its last answer for a repeated seq, keeps up to 10,000
unacknowledged events, sends an event again after 5 s without `EACK`, resends
everything unacknowledged after it is plugged in again, replays with `LOG`,
checks pair codes and `CFG` ranges and runs a tamper self-test. Fault switches
(garbage bytes, bad checksums, cut lines, silence, dropped events, a 10 kB
flood, unplug and come back) let tests prove the host survives them.
"""

from __future__ import annotations

import contextlib
import errno
import json
import logging
import math
import os
import random
import select
import threading
import time
import tty
from collections import Counter, OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from arm.events import utcnow
from serial_drivers.icd.codec import (
    DEVICE_TYPES,
    MAX_EVSEQ,
    PAIR_CODE_RE,
    SERIAL_RE,
    Answer,
    CodecError,
    Command,
    RawEvent,
    decode,
    encode,
    event_line_fields,
    parse_time,
)
from serial_drivers.icd.framing import LineFramer

log = logging.getLogger("serial_drivers.emulator")

BUFFER_SIZE = 10_000
RETRANSMIT_S = 5.0
MAX_PAIRED = 4
USB_VID = 0x1209
USB_PIDS = {"BRC": 0xEA01, "TRK": 0xEA02, "SKU": 0xEA03, "MKU": 0xEA04, "BAC": 0xEA05, "RCV": 0xEA06}

#: CFG keys: (types that have the key, lowest, highest, default, is_float)
CFG_KEYS: dict[str, tuple[tuple[str, ...], float, float, float, bool]] = {
    "REPORT_S": (DEVICE_TYPES, 10, 3600, 60, False),
    "HB_S": (DEVICE_TYPES, 30, 3600, 300, False),
    "ABSENT_S": (("SKU", "MKU"), 30, 1800, 120, False),
    "BAC_LIMIT": (("BAC",), 0.0, 1.0, 0.16, True),
}

#: Event kinds each type produces on its own, cycled by the generator.
GENERATED_KINDS = {
    "BRC": ("HB", "STAT"),
    "TRK": ("POS", "POS", "STAT", "HB"),
    "SKU": ("PRESENCE", "STAT", "HB"),
    "MKU": ("POS", "PRESENCE", "STAT"),
    "BAC": ("BAC", "STAT", "HB"),
    "RCV": ("BEACON", "STAT", "HB"),
}
HOME = (43.238949, 76.889709)  # Almaty


@dataclass
class Faults:
    """Fault switches; each may be changed while the emulator runs."""

    garbage: float = 0.0  # probability of random bytes before a line
    bad_checksum: float = 0.0  # probability of a wrong checksum on a line
    cut: float = 0.0  # probability that a line is cut in half (the next `$` cuts it)
    silent: bool = False  # ignore commands and send nothing (a hung device)
    drop_live: int = 0  # that many next new events are not sent live (a gap)
    flood: bool = False  # send 10 kB without a newline once
    corrupt_next: int = 0  # the next that many lines get a wrong checksum (a lost answer)
    chatter: int = 0  # events the device makes between a command and its answer


@dataclass
class _Stored:
    event: RawEvent
    line: bytes
    sent_at: float = 0.0


@dataclass
class EmulatorState:
    """What survives a power cycle / replug: the evseq counter and the buffer."""

    evseq: int = 0
    buffer: OrderedDict[int, _Stored] = field(default_factory=OrderedDict)


class EmulatedDevice:
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
    @property
    def port(self) -> str:
        """Where a host opens the device: the link path if given, else the pty name."""
        return self.link_path or self._slave_name

    @property
    def pty_name(self) -> str:
        return self._slave_name

    @property
    def plugged(self) -> bool:
        return self._master is not None

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

    def plug(self) -> None:
        """Appear on a new pty and resend every unacknowledged event, oldest first."""
        with self._lock:
            master, slave = os.openpty()
            tty.setraw(slave)
            os.set_blocking(master, False)
            self._master, self._slave = master, slave
            self._slave_name = os.ttyname(slave)
            self._out.clear()
            self._framer = LineFramer()
            if self.link_path:
                tmp = f"{self.link_path}.{os.getpid()}.tmp"
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(tmp)
                os.symlink(self._slave_name, tmp)
                os.replace(tmp, self.link_path)
            self.counters["plugs"] += 1
            for stored in self.state.buffer.values():
                self._send_event(stored)
        log.info("%s plugged in at %s", self.serial, self.port)

    def unplug(self, come_back_after: float | None = None) -> None:
        """Vanish from the host (the port disappears); optionally come back later."""
        with self._lock:
            self._close_pty()
            self.counters["unplugs"] += 1
            self._plug_at = None if come_back_after is None else time.monotonic() + come_back_after
        log.info("%s unplugged", self.serial)

    def _close_pty(self) -> None:
        with self._lock:
            for fd in (self._master, self._slave):
                if fd is not None:
                    with contextlib.suppress(OSError):
                        os.close(fd)
            self._master = self._slave = None
            if self.link_path and os.path.islink(self.link_path):
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(self.link_path)

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

    def _send(self, line: bytes) -> None:
        if self._master is None or self.faults.silent:
            return
        f, rng = self.faults, self._rng
        if f.flood:
            f.flood = False
            self._out += b"$EMEVT," + b"X" * 10_240
        if f.garbage and rng.random() < f.garbage:
            self._out += bytes(rng.randrange(256) for _ in range(rng.randint(1, 40))).replace(b"$", b"")
            self.counters["garbage"] += 1
        if f.corrupt_next > 0 or (f.bad_checksum and rng.random() < f.bad_checksum):
            f.corrupt_next = max(0, f.corrupt_next - 1)
            line = line[:-4] + (b"00" if line[-4:-2] != b"00" else b"11") + b"\r\n"
            self.counters["bad_checksums"] += 1
        elif f.cut and rng.random() < f.cut:
            line = line[: max(2, len(line) // 2)]
            self.counters["cut_lines"] += 1
        self._out += line
        self._flush()

    def _flush(self) -> None:
        if self._master is None or not self._out:
            return
        try:
            n = os.write(self._master, self._out)
        except BlockingIOError:
            return
        except OSError as exc:
            if exc.errno in (errno.EAGAIN, errno.EIO):
                return
            raise
        del self._out[:n]

    # ------------------------------------------------------------ main loop
    def _run(self) -> None:
        while not self._stop.is_set():
            master = self._master
            if master is None:
                self._maybe_come_back()
                time.sleep(0.02)
                continue
            wlist = [master] if self._out else []
            try:
                readable, _, _ = select.select([master], wlist, [], 0.02)
            except (OSError, ValueError):
                continue
            if readable:
                self._read(master)
            with self._lock:
                self._flush()
                self._tick()

    def _maybe_come_back(self) -> None:
        if self._plug_at is not None and time.monotonic() >= self._plug_at:
            self._plug_at = None
            self.plug()

    def _read(self, master: int) -> None:
        try:
            data = os.read(master, 65536)
        except (BlockingIOError, InterruptedError):
            return
        except OSError:
            return  # EIO: nobody has the slave open; that is fine for a pty
        with self._lock:
            if self._master != master:
                return
            for body in self._framer.feed(data):
                self._on_line(body)

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

    # ------------------------------------------------------------ commands
    def _on_line(self, body: bytes) -> None:
        if self.faults.silent:
            self.counters["ignored_silent"] += 1
            return
        try:
            msg = decode(body)
        except CodecError:
            msg = None
        if not isinstance(msg, Command):
            seq = _seq_of(body)
            if seq is not None:
                self._answer(Answer(seq, False, (), "E_SYNTAX", "malformed command"), None)
            return
        if self._last is not None and self._last[0] == msg.seq:
            self.counters["repeated"] += 1
            self._send(encode(self._last[1]))
            return
        self.commands.append(msg)
        self.counters["commands"] += 1
        try:
            result = self._run_command(msg)
            answer = Answer(msg.seq, True, tuple(result))
        except _Err as err:
            answer = Answer(msg.seq, False, (), err.code, err.text)
        self._answer(answer, msg)

    def _answer(self, answer: Answer, msg: Command | None) -> None:
        for _ in range(self.faults.chatter):
            self.emit_generated()
        if msg is not None:
            self._last = (msg.seq, answer)
        self._send(encode(answer))

    def _run_command(self, cmd: Command) -> list[str]:
        handler = _HANDLERS.get(cmd.name)
        if handler is None:
            raise _Err("E_CMD", f"unknown command {cmd.name}")
        return handler(self, cmd.args)

    def _cmd_info(self, args: tuple[str, ...]) -> list[str]:
        _nargs(args, 0)
        return [self.type, self.serial, self.firmware, self.hardware, str(self.battery), self.imei]

    def _cmd_time(self, args: tuple[str, ...]) -> list[str]:
        _nargs(args, 1)
        try:
            self.clock_offset = parse_time(args[0]) - utcnow().replace(microsecond=0)
        except CodecError as exc:
            raise _Err("E_ARG", "bad time") from exc
        return []

    def _need_unit(self) -> None:
        if self.type not in ("SKU", "MKU"):
            raise _Err("E_TYPE", f"{self.type} has no pairing")

    def _cmd_pair(self, args: tuple[str, ...]) -> list[str]:
        self._need_unit()
        _nargs(args, 2)
        bracelet, code = args
        if not SERIAL_RE.match(bracelet) or not PAIR_CODE_RE.match(code):
            raise _Err("E_ARG", "bracelet serial or pair code malformed")
        if bracelet in self.paired:
            raise _Err("E_ALREADY", "already paired")
        if bracelet not in self.bracelets:
            raise _Err("E_NOT_FOUND", "bracelet not heard")
        if self.bracelets[bracelet] != code:
            raise _Err("E_PAIR_CODE", "wrong pair code")
        if len(self.paired) >= MAX_PAIRED:
            raise _Err("E_RANGE", "4 bracelets paired already")
        self.paired.append(bracelet)
        return [bracelet]

    def _cmd_unpair(self, args: tuple[str, ...]) -> list[str]:
        self._need_unit()
        _nargs(args, 1)
        if args[0] not in self.paired:
            raise _Err("E_NOT_PAIRED", "not paired")
        self.paired.remove(args[0])
        return []

    def _cmd_pairs(self, args: tuple[str, ...]) -> list[str]:
        self._need_unit()
        _nargs(args, 0)
        return [str(len(self.paired)), *self.paired]

    def _cmd_cfg(self, args: tuple[str, ...]) -> list[str]:
        if not args or args[0] not in ("GET", "SET"):
            raise _Err("E_ARG", "CFG GET or SET")
        _nargs(args, 2 if args[0] == "GET" else 3)
        key = args[1]
        if key not in self.cfg:
            raise _Err("E_KEY", f"unknown key {key}")
        if args[0] == "SET":
            self.cfg[key] = _cfg_value(key, args[2])
        return [key, _cfg_text(key, self.cfg[key])]

    def _cmd_test(self, args: tuple[str, ...]) -> list[str]:
        if self.type not in ("BRC", "TRK"):
            raise _Err("E_TYPE", f"{self.type} has no tamper sensor test")
        _nargs(args, 1)
        if args[0] != "TAMPER":
            raise _Err("E_ARG", "only TAMPER")
        return ["FAIL", self.tamper_fail] if self.tamper_fail else ["PASS"]

    def _cmd_log(self, args: tuple[str, ...]) -> list[str]:
        _nargs(args, 1)
        if not args[0].isdigit():
            raise _Err("E_ARG", "evseq")
        first = int(args[0])
        count = 0
        for evseq, stored in self.state.buffer.items():
            if evseq >= first:
                self._send_event(stored)
                count += 1
        self.counters["log_replays"] += 1
        return [str(count)]

    def _cmd_eack(self, args: tuple[str, ...]) -> list[str]:
        _nargs(args, 1)
        if not args[0].isdigit():
            raise _Err("E_ARG", "evseq")
        upto = int(args[0])
        if self.on_eack is not None:
            self.on_eack(upto)
        self.counters["eacks"] += 1
        self.acked_upto = max(self.acked_upto, upto)
        for evseq in [e for e in self.state.buffer if e <= upto]:
            del self.state.buffer[evseq]
        return []


class _Err(Exception):
    def __init__(self, code: str, text: str) -> None:
        super().__init__(code)
        self.code, self.text = code, text


def _nargs(args: tuple[str, ...], n: int) -> None:
    if len(args) != n:
        raise _Err("E_ARG", f"{n} arguments expected")


def _cfg_value(key: str, text: str) -> float:
    _types, lo, hi, _default, is_float = CFG_KEYS[key]
    try:
        value = float(text) if is_float else int(text)
    except ValueError as exc:
        raise _Err("E_ARG", "not a number") from exc
    if not math.isfinite(value):
        raise _Err("E_ARG", "not a number")
    if not lo <= value <= hi:
        raise _Err("E_RANGE", f"{key} {lo:g}..{hi:g}")
    return value


def _cfg_text(key: str, value: float) -> str:
    return f"{value:.2f}" if CFG_KEYS[key][4] else str(int(value))


def _seq_of(body: bytes) -> int | None:
    parts = body.split(b",")
    if len(parts) >= 2 and parts[0] == b"EMCMD" and parts[1].isdigit() and int(parts[1]) <= 65535:
        return int(parts[1])
    return None


_HANDLERS: dict[str, Callable[[EmulatedDevice, tuple[str, ...]], list[str]]] = {
    "INFO": EmulatedDevice._cmd_info,
    "TIME": EmulatedDevice._cmd_time,
    "PAIR": EmulatedDevice._cmd_pair,
    "UNPAIR": EmulatedDevice._cmd_unpair,
    "PAIRS": EmulatedDevice._cmd_pairs,
    "CFG": EmulatedDevice._cmd_cfg,
    "TEST": EmulatedDevice._cmd_test,
    "LOG": EmulatedDevice._cmd_log,
    "EACK": EmulatedDevice._cmd_eack,
}

