"""Ports recognised on their own: ICD device or NMEA receiver, by what they say."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import text

from arm.bus import Bus
from serial_drivers.discovery import probe
from serial_drivers.emulator import EmulatedDevice
from serial_drivers.manager import SerialManager
from serial_drivers.nmea_replayer import NmeaReplayer
from serial_drivers.status import SerialPortStatus
from tests.serial.conftest import wait_for

CAPTURE = Path(__file__).resolve().parent / "vectors" / "nmea" / "bu353s4.log"


def test_probe_tells_icd_from_nmea(emulator: Callable[..., EmulatedDevice], link_dir: Path) -> None:
    dev = emulator("RCV", "RCV-000001")
    gps = NmeaReplayer.from_file(str(CAPTURE), link=str(link_dir / "ttyGPS0"), interval_s=0.01).start()
    try:
        assert probe(dev.port, timeout=0.5) == ("icd", 115200)
        kind, _baud = probe(gps.port, timeout=0.5)
        assert kind == "nmea"
    finally:
        gps.stop()


def test_manager_serves_an_nmea_receiver_and_an_icd_device(
    emulator: Callable[..., EmulatedDevice], link_dir: Path, ingest: Any, db: Any
) -> None:
    dev = emulator("TRK", "TRK-000077")
    gps = NmeaReplayer.from_file(str(CAPTURE), link=str(link_dir / "ttyGPS0"), interval_s=0.005).start()
    bus = Bus()
    seen: list[SerialPortStatus] = []
    bus.subscribe(SerialPortStatus, seen.append)
    manager = SerialManager([dev.port, gps.port, str(link_dir / "absent")], poll_s=0.1, probe_timeout=0.5)
    manager.start_with(ingest, db=db, bus=bus)
    try:
        assert wait_for(lambda: {s.protocol for s in manager.statuses() if s.state == "connected"} == {"icd", "nmea"})
        dev.emit_generated()

        def positions() -> int:
            with db.session() as s:
                return int(s.execute(text(
                    "SELECT count(*) FROM device_events e JOIN devices d ON d.id=e.device_id "
                    "WHERE d.serial='NMEA-TTYGPS0' AND e.kind='POS' AND e.source='nmea'")).scalar() or 0)

        assert wait_for(lambda: positions() >= 5, timeout=10)
        assert wait_for(lambda: dev.unacked == [])
        nmea = next(s for s in manager.statuses() if s.protocol == "nmea")
        assert nmea.serial == "NMEA-TTYGPS0" and nmea.counters["fixes"] >= 5
        gps.stop()  # the receiver is unplugged: its port is shown lost, nothing crashes
        assert wait_for(lambda: any(s.protocol == "nmea" and s.state == "lost" for s in seen))
    finally:
        manager.stop_sync()
        gps.stop()


def test_a_silent_port_is_unrecognised_not_a_crash(ingest: Any, db: Any, link_dir: Path) -> None:
    import os
    import tty

    master, slave = os.openpty()  # something that never answers (a modem switched off)
    tty.setraw(slave)
    try:
        bus = Bus()
        seen: list[SerialPortStatus] = []
        bus.subscribe(SerialPortStatus, seen.append)
        manager = SerialManager([os.ttyname(slave)], poll_s=0.1, probe_timeout=0.1)
        manager.start_with(ingest, db=db, bus=bus)
        try:
            assert wait_for(lambda: any(s.state == "unrecognised" for s in seen), timeout=5)
            assert manager.sessions == {}
        finally:
            manager.stop_sync()
    finally:
        os.close(master)
        os.close(slave)
