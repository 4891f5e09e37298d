"""The emulator's command side: decode a host line, run the ICD command, answer once.

A repeated seq gets the last answer again without running the command twice
(ICD: idempotent retries); a malformed command with a readable seq gets
``E_SYNTAX``. ``CommandHandlers`` is a mixin of ``EmulatedDevice``: it uses the
device's settings, pairs, buffer and ``_send``.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable
from datetime import timedelta

from arm.events import utcnow
from serial_drivers.emulator_faults import Faults
from serial_drivers.emulator_model import CFG_KEYS, MAX_PAIRED, EmulatorState, _Stored
from serial_drivers.icd.codec import (
    PAIR_CODE_RE,
    SERIAL_RE,
    Answer,
    CodecError,
    Command,
    decode,
    encode,
    parse_time,
)


class CommandHandlers:
    """INFO, TIME, PAIR, UNPAIR, PAIRS, CFG, TEST, LOG and EACK as the device runs them."""

    # provided by EmulatedDevice and the transport mixin (annotations only: nothing is shadowed)
    type: str
    serial: str
    firmware: str
    hardware: str
    battery: int
    imei: str
    bracelets: dict[str, str]
    tamper_fail: str | None
    paired: list[str]
    cfg: dict[str, float]
    clock_offset: timedelta
    acked_upto: int
    counters: Counter[str]
    faults: Faults
    state: EmulatorState
    on_eack: Callable[[int], None] | None
    commands: list[Command]
    _last: tuple[int, Answer] | None
    _send: Callable[[bytes], None]
    _send_event: Callable[[_Stored], None]
    emit_generated: Callable[[], int]

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


_HANDLERS: dict[str, Callable[[CommandHandlers, tuple[str, ...]], list[str]]] = {
    "INFO": CommandHandlers._cmd_info,
    "TIME": CommandHandlers._cmd_time,
    "PAIR": CommandHandlers._cmd_pair,
    "UNPAIR": CommandHandlers._cmd_unpair,
    "PAIRS": CommandHandlers._cmd_pairs,
    "CFG": CommandHandlers._cmd_cfg,
    "TEST": CommandHandlers._cmd_test,
    "LOG": CommandHandlers._cmd_log,
    "EACK": CommandHandlers._cmd_eack,
}
