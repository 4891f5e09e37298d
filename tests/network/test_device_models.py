"""The GT06 listener decodes each tracker with the model set in the inventory.

Real sockets on 127.0.0.1, a real MonitoringService on a SQLite file. The
frames are Traccar's model-dependent vectors (conformance seq 173 and 170,
CRCs correct): the NT20 0x22 report carries a location source, the IMEI, a
device time and a status block before the fix; with the NT20 layout it is a
fix in Paraguay, with the default layout the same bytes give a latitude of 638
degrees, which ARM counts as ``bad_coordinates`` and never stores. The LW4G
0x16 alarm byte 0x19 is a harsh acceleration on LW models and a low battery
on the others.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from sqlalchemy import update

from arm.events import DeviceStateChanged, EventKind
from arm.protocols import gt06
from arm.protocols.device_models import DeviceModelChanged, DeviceModels, load_models, normalize
from arm.protocols.servers import Gt06Listener
from arm.simulate import gt06_device
from db.models import Device, DeviceStatus, DeviceType
from db.session import Database

from .test_servers import HOST, closed, rows, run, started

#: Gt06ProtocolDecoderTest (Traccar 2026), modelOverride "NT20"
NT20_FRAME = bytes.fromhex(
    "78783c22010357789648774484180c06142038180c06142038cb03313ee4061fe98300185e0900000000000000004609842"
    "84c000200000000017101d6f35d0d0a")
NT20_LAT, NT20_LON = -29.755006666666667, -57.08593944444444
#: the same test, modelOverride "LW4G-4B": alarm extension 0x19
LW4G_FRAME = bytes.fromhex("78782516180516150812c804b50ee80880e40805dcf909012e000000986633460604190106c393490d0a")

CONFIGURED = "357789648774484"
PLAIN = "357789648774485"
LATE = "357789648774486"


def _serial_no(frame: bytes) -> int:
    return int.from_bytes(frame[-6:-4], "big")


def _add_devices(db: Database, models: dict[str, str | None]) -> None:
    with db.begin() as s:
        for serial, model in models.items():
            s.add(Device(serial=serial, type=DeviceType.GT06, status=DeviceStatus.IN_STOCK, model=model))


async def _login(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, imei: str) -> None:
    writer.write(gt06_device.encode_login(imei, 1))
    assert await asyncio.wait_for(reader.readexactly(10), 5) == gt06.build_response(gt06.MSG_LOGIN, 1)


async def _send(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, frame: bytes) -> None:
    """Send one frame and wait for its ack (sent only after the commit)."""
    writer.write(frame)
    ack = await asyncio.wait_for(reader.readexactly(10), 5)
    assert ack == gt06.build_response(frame[3], _serial_no(frame))


async def _until(predicate: Callable[[], bool], timeout: float = 5.0) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not predicate():
        assert loop.time() < deadline, "condition not reached in time"
        await asyncio.sleep(0.01)


def test_listener_decodes_with_the_inventory_model(db: Database) -> None:
    _add_devices(db, {CONFIGURED: "nt20", PLAIN: None})

    async def main() -> None:
        listener = Gt06Listener(0, HOST)
        service = await started(db, listener)
        try:
            loads = listener.models.loads
            for imei in (CONFIGURED, PLAIN):
                reader, writer = await asyncio.open_connection(HOST, listener.port)
                await _login(reader, writer, imei)
                await _send(reader, writer, NT20_FRAME)
                await closed(writer)
            # logins read the in-memory map: no reload (no database query) per login
            assert listener.models.loads == loads
        finally:
            await service.stop()
        assert listener.totals.errors["bad_coordinates"] == 1  # the unconfigured tracker's report

    run(main)
    pos = rows(db, CONFIGURED, EventKind.POS)
    assert len(pos) == 1
    assert abs(pos[0].fields["lat"] - NT20_LAT) < 1e-6 and abs(pos[0].fields["lon"] - NT20_LON) < 1e-6
    assert rows(db, PLAIN, EventKind.POS) == []


def test_model_set_while_connected_applies_to_the_next_frame(db: Database) -> None:
    """The technician saves a model (the inventory publishes DeviceModelChanged): no reconnect needed."""
    _add_devices(db, {LATE: None})

    async def main() -> None:
        listener = Gt06Listener(0, HOST)
        service = await started(db, listener)
        try:
            reader, writer = await asyncio.open_connection(HOST, listener.port)
            await _login(reader, writer, LATE)
            await _send(reader, writer, LW4G_FRAME)
            assert [r.fields["state"] for r in rows(db, LATE, EventKind.POWER)] == ["LOW_BATTERY"]
            with db.begin() as s:
                s.execute(update(Device).where(Device.serial == LATE).values(model="LW4G-4B"))
            loads = listener.models.loads
            await asyncio.to_thread(service.bus.publish, DeviceModelChanged(LATE, "LW4G-4B"))
            await _send(reader, writer, _with_serial(LW4G_FRAME, 7))
            alarms = [r.fields.get("alarm") for r in rows(db, LATE, EventKind.ALARM)]
            assert alarms == ["hardAcceleration"]
            # and the map is re-read from the database soon after
            await _until(lambda: listener.models.loads > loads)
            assert listener.models.get(LATE) == "LW4G-4B"
            await closed(writer)
        finally:
            await service.stop()

    run(main)


def _with_serial(frame: bytes, serial: int) -> bytes:
    """``frame`` with another serial number and its CRC (a new report, not a resend)."""
    body = frame[:-6] + serial.to_bytes(2, "big")
    return body + gt06.crc16_x25(body[2:]).to_bytes(2, "big") + b"\r\n"


def test_cache_reloads_on_registration_changes_and_periodically(db: Database) -> None:
    _add_devices(db, {CONFIGURED: None})

    async def main() -> None:
        from arm.bus import Bus

        bus = Bus()
        models = DeviceModels(refresh_s=60.0, debounce_s=0.01)
        await models.start(db, bus)
        try:
            assert models.loads == 1 and models.get(CONFIGURED) is None
            with db.begin() as s:
                s.execute(update(Device).where(Device.serial == CONFIGURED).values(model=" sl4x "))
            # contact updates from ingest (status "") never trigger a reload
            for _ in range(50):
                await asyncio.to_thread(bus.publish, DeviceStateChanged(1, CONFIGURED, None, 50, ""))
            await asyncio.sleep(0.1)
            assert models.loads == 1 and models.get(CONFIGURED) is None
            # a registration change does
            await asyncio.to_thread(bus.publish, DeviceStateChanged(1, CONFIGURED, None, 50, "in_stock"))
            await _until(lambda: models.get(CONFIGURED) == "SL4X")
        finally:
            await models.stop()
        # and without any message, the periodic refresh picks changes up
        periodic = DeviceModels(refresh_s=0.05)
        await periodic.start(db)
        try:
            with db.begin() as s:
                s.execute(update(Device).where(Device.serial == CONFIGURED).values(model=None))
            await _until(lambda: periodic.get(CONFIGURED) is None)
        finally:
            await periodic.stop()

    run(main)


def test_load_models_keys_serial_and_imei(db: Database) -> None:
    with db.begin() as s:
        s.add(Device(serial="TRK-000001", imei="861234567890123", type=DeviceType.GT06, model="R11"))
        s.add(Device(serial="TRK-000002", type=DeviceType.GT06, model="   "))
        s.add(Device(serial="TRK-000003", type=DeviceType.GT06))
    assert load_models(db) == {"TRK-000001": "R11", "861234567890123": "R11"}
    assert normalize(" lw4g-4b ") == "LW4G-4B" and normalize("") is None and normalize(None) is None
