"""Command/answer against the emulator on a real pty: seq echo, retries, errors."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest

from serial_drivers.emulator import EmulatedDevice
from serial_drivers.icd.link import DeviceError, DeviceNotAnswering, PortClosed
from serial_drivers.icd.session import IcdSession
from tests.serial.conftest import stored_evseqs, wait_for

Emu = Callable[..., EmulatedDevice]
Factory = Callable[..., IcdSession]


def test_info_time_and_pairing_errors(emulator: Emu, session_factory: Factory) -> None:
    dev = emulator("SKU", "SKU-000417", bracelets={"BRC-102938": "482913", "BRC-555555": "111111"})
    session = session_factory(dev.port)
    info = session.start()
    assert (info.type, info.serial, info.firmware, info.hardware, info.battery) == ("SKU", "SKU-000417", "2.4.1", "B3", 100)
    assert any(c.name == "TIME" for c in dev.commands)  # the clock is set on connection

    def err(*cmd: str) -> str:
        with pytest.raises(DeviceError) as exc:
            session.call(*cmd)
        return exc.value.code

    assert err("PAIR", "BRC-102938", "000000") == "E_PAIR_CODE"
    assert err("PAIR", "BRC-999999", "482913") == "E_NOT_FOUND"
    assert session.call("PAIR", "BRC-102938", "482913") == ("BRC-102938",)
    assert err("PAIR", "BRC-102938", "482913") == "E_ALREADY"
    assert session.call("PAIRS") == ("1", "BRC-102938")
    assert err("UNPAIR", "BRC-555555") == "E_NOT_PAIRED"
    assert err("CFG", "SET", "REPORT_S", "5") == "E_RANGE"
    assert err("CFG", "SET", "BAC_LIMIT", "0.2") == "E_KEY"  # a SKU has no breath sensor
    assert session.call("CFG", "SET", "ABSENT_S", "300") == ("ABSENT_S", "300")
    assert session.call("CFG", "GET", "HB_S") == ("HB_S", "300")
    assert err("TEST", "TAMPER") == "E_TYPE"
    assert err("REBOOT") == "E_CMD"


def test_bracelet_tamper_self_test(emulator: Emu, session_factory: Factory) -> None:
    good = emulator("BRC", "BRC-102938")
    bad = emulator("BRC", "BRC-102939", tamper_fail="STRAP_OPEN")
    s1, s2 = session_factory(good.port), session_factory(bad.port)
    s1.start()
    s2.start()
    assert s1.call("TEST", "TAMPER") == ("PASS",)
    assert s2.call("TEST", "TAMPER") == ("FAIL", "STRAP_OPEN")


def test_lost_answer_is_retried_with_same_seq_and_runs_once(emulator: Emu, session_factory: Factory) -> None:
    dev = emulator("SKU", "SKU-000417", bracelets={"BRC-102938": "482913"})
    session = session_factory(dev.port, timeout=0.3)
    session.start()
    dev.faults.corrupt_next = 1  # the answer to PAIR is garbled on the wire
    assert session.call("PAIR", "BRC-102938", "482913") == ("BRC-102938",)
    assert dev.counters["repeated"] == 1  # the device repeated its answer, did not pair twice
    assert dev.paired == ["BRC-102938"]
    assert session.link.counters["retries"] == 1
    assert session.framer.counters["bad_checksum"] >= 1


def test_silent_device_three_tries_then_not_answering_then_recovers(emulator: Emu, session_factory: Factory) -> None:
    dev = emulator("TRK", "TRK-000001")
    session = session_factory(dev.port, timeout=0.2)
    session.start()
    dev.faults.silent = True
    before = dev.counters["ignored_silent"]
    t0 = time.monotonic()
    with pytest.raises(DeviceNotAnswering):
        session.call("CFG", "GET", "REPORT_S")
    assert 0.55 < time.monotonic() - t0 < 2.0
    assert dev.counters["ignored_silent"] - before == 3  # exactly 3 sends in all
    assert session.status().state == "not_answering"
    assert session.status().counters["not_answering"] == 1
    dev.faults.silent = False
    assert session.call("CFG", "GET", "REPORT_S") == ("REPORT_S", "60")
    assert session.status().state == "connected"


def test_events_between_command_and_answer_are_kept(emulator: Emu, session_factory: Factory, db: object) -> None:
    dev = emulator("TRK", "TRK-000002")
    session = session_factory(dev.port)
    session.start()
    dev.faults.chatter = 3
    session.call("CFG", "GET", "HB_S")
    dev.faults.chatter = 0
    assert wait_for(lambda: stored_evseqs(db, "TRK-000002") == [1, 2, 3])
    assert wait_for(lambda: dev.unacked == [])


def test_port_vanishing_mid_command(emulator: Emu, session_factory: Factory) -> None:
    dev = emulator("TRK", "TRK-000003")
    session = session_factory(dev.port, timeout=0.5)
    session.start()
    dev.faults.silent = True
    dev.unplug()  # cable pulled while nobody answers
    with pytest.raises((PortClosed, DeviceNotAnswering)):
        session.call("INFO")
    assert wait_for(lambda: session.status().state == "lost")
    with pytest.raises(PortClosed):
        session.call("INFO")


def test_power_cycle_keeps_evseq_and_held_events(
    emulator: Emu, session_factory: Factory, db: object, tmp_path: Path
) -> None:
    first = emulator("BAC", "BAC-000321")
    for _ in range(3):
        first.emit_generated()
    first.save_state(str(tmp_path / "bac.json"))
    first.stop()
    again = emulator("BAC", "BAC-000321")
    again.load_state(str(tmp_path / "bac.json"))
    assert again.unacked == [1, 2, 3]
    assert again.emit_generated() == 4  # evseq never repeats across power cycles
    session = session_factory(again.port)
    session.start()
    assert wait_for(lambda: again.unacked == [])
    assert sorted(stored_evseqs(db, "BAC-000321")) == [1, 2, 3, 4]
