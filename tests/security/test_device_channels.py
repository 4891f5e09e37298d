"""Devices speak on their own channel (issue 13, item 3): real listeners on 127.0.0.1, real SQLite.

A registered device's reports are accepted only from the channel its
``devices.protocol`` names; a report for a known serial on another channel is
answered as usual, never stored, counted (listener totals, ingest stats) and
logged once per (device, channel) per interval. Unknown identifiers still
become unregistered devices, recorded with the channel they first spoke on.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import create_engine, func, select, text

from arm.auth import CurrentUser
from arm.bus import Bus
from arm.caseload import devices as inventory_service
from arm.channels import SOURCE_CHANNELS, UNKNOWN_CHANNEL, WRONG_CHANNEL, DeviceChannelChanged, RefusalLog
from arm.events import DeviceEvent, EventKind
from arm.ingest import Ingest
from arm.inventory import InventoryError
from arm.protocols import gt06
from arm.protocols.servers import Gt06Listener, OsmAndListener, WatchListener
from arm.service import MonitoringService
from arm.simulate import gt06_device, osmand_device, watch_device
from arm.simulate.clients import OsmAndClient
from db import migrate
from db.models import Device, DeviceEventRow, DeviceProtocol, DeviceStatus, Position, Role, User, protocol_for_type
from db.session import Database

HOST = "127.0.0.1"
GT06_IMEI = "864717000000104"
BRACELET = "BRC-100101"
PHONE = "48241179"
TECH = CurrentUser(id=1, login="tech1", full_name="Test technician", role=Role.TECHNICIAN, districts=())


def run(coro_fn: Callable[[], Awaitable[Any]]) -> Any:
    return asyncio.run(asyncio.wait_for(coro_fn(), 60))


def t0() -> datetime:
    return datetime.now(UTC).replace(microsecond=0) - timedelta(minutes=30)


def add_device(db: Database, serial: str, type_: str, **extra: Any) -> int:
    with db.begin() as s:
        extra.setdefault("status", DeviceStatus.IN_STOCK)
        row = Device(serial=serial, type=type_, created_at=datetime.now(UTC), **extra)
        s.add(row)
        s.flush()
        return int(row.id)


def device(db: Database, serial: str) -> Device | None:
    with db.session() as s:
        return s.execute(select(Device).where(Device.serial == serial)).scalar_one_or_none()


def events_of(db: Database, serial: str) -> list[DeviceEventRow]:
    with db.session() as s:
        q = select(DeviceEventRow).join(Device, Device.id == DeviceEventRow.device_id).where(Device.serial == serial)
        return list(s.scalars(q.order_by(DeviceEventRow.id)))


def positions_of(db: Database, serial: str) -> int:
    with db.session() as s:
        q = select(func.count()).select_from(Position).join(Device, Device.id == Position.device_id)
        return int(s.execute(q.where(Device.serial == serial)).scalar() or 0)


def refusal_logs(caplog: pytest.LogCaptureFixture, serial: str, arrived: str) -> list[str]:
    return [r.getMessage() for r in caplog.records
            if r.name == "arm.ingest" and f"refused reports of {serial} arriving via {arrived}:" in r.getMessage()]


class Listeners:
    """The three network listeners of one service on ephemeral ports."""

    def __init__(self, db: Database) -> None:
        self.gt06 = Gt06Listener(0, HOST)
        self.watch = WatchListener(0, HOST)
        self.osmand = OsmAndListener(0, HOST)
        self.service = MonitoringService(db)
        for listener in (self.gt06, self.watch, self.osmand):
            self.service.add_component(listener)

    async def __aenter__(self) -> Listeners:
        await self.service.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.service.stop()

    async def osmand_post(self, device_id: str, reports: int, start: datetime) -> list[int]:
        """``reports`` OsmAnd points over one keep-alive connection; the HTTP statuses."""
        client = OsmAndClient(device_id, HOST, self.osmand.port)
        try:
            statuses = []
            for k in range(reports):
                q = osmand_device.encode_query(device_id, start + timedelta(seconds=10 * k), 43.25 + k * 1e-4,
                                               76.95, 4.0, 90, 8.0, 77)
                statuses.append((await client.request("GET", f"/?{q}")).status)
            return statuses
        finally:
            await client.close()

    async def watch_send(self, device_id: str, reports: int, start: datetime) -> bytes:
        """LK, ``reports`` UD positions and LK again over one connection; the last LK's answer.

        The answer to a frame that carried events is written only after ingest
        decided on them, so once the second LK is answered every UD is settled.
        """
        reader, writer = await asyncio.open_connection(HOST, self.watch.port)
        try:
            writer.write(watch_device.build_frame("3G", device_id, "LK,0,0,88"))
            await asyncio.wait_for(reader.readuntil(b"]"), 5)
            for k in range(reports):
                writer.write(watch_device.encode_position(device_id, start + timedelta(seconds=10 * k),
                                                          51.1 + k * 1e-4, 71.4, 3.0, 10, 7, 80))
            writer.write(watch_device.build_frame("3G", device_id, "LK,0,0,87"))
            return await asyncio.wait_for(reader.readuntil(b"]"), 5)
        finally:
            writer.close()
            await writer.wait_closed()

    async def gt06_send(self, imei: str, start: datetime) -> tuple[bytes, bytes]:
        """Login and one location report; the two acks."""
        reader, writer = await asyncio.open_connection(HOST, self.gt06.port)
        try:
            writer.write(gt06_device.encode_login(imei, 1))
            login_ack = await asyncio.wait_for(reader.readexactly(10), 5)
            writer.write(gt06_device.encode_location(start, 51.1282, 71.4307, 12, 90, 9, True, 2))
            pos_ack = await asyncio.wait_for(reader.readexactly(10), 5)
            return login_ack, pos_ack
        finally:
            writer.close()
            await writer.wait_closed()


async def settled(*listeners: Any) -> None:
    """Connection counters reach the listener totals when the connection is gone."""
    for _ in range(200):
        if all(listener.totals.open_connections == 0 for listener in listeners):
            return
        await asyncio.sleep(0.01)


def test_registered_gt06_device_refused_on_osmand_and_watch_ports_stored_on_gt06(
    db: Database, caplog: pytest.LogCaptureFixture
) -> None:
    add_device(db, GT06_IMEI, "GT06")
    assert device(db, GT06_IMEI).protocol == DeviceProtocol.GT06  # from the type
    caplog.set_level(logging.INFO, logger="arm.ingest")

    async def main() -> dict[str, Any]:
        async with Listeners(db) as net:
            # the phone app's channel: answered as usual (no retry loop, no oracle), nothing stored
            assert await net.osmand_post(GT06_IMEI, 3, t0()) == [200, 200, 200]
            # a Watch frame naming the IMEI: answered as usual, nothing stored
            assert await net.watch_send(GT06_IMEI, 2, t0()) == f"[3G*{GT06_IMEI}*0002*LK]".encode()
            await settled(net.osmand, net.watch)
            refused_before_gt06 = (len(events_of(db, GT06_IMEI)), positions_of(db, GT06_IMEI))
            # its own channel: stored
            login_ack, pos_ack = await net.gt06_send(GT06_IMEI, t0() + timedelta(minutes=1))
            assert login_ack == gt06.build_response(gt06.MSG_LOGIN, 1)
            assert pos_ack == gt06.build_response(gt06.MSG_GPS_LBS_1, 2)
            await settled(net.gt06)
            return {
                "refused_before_gt06": refused_before_gt06,
                "osmand": net.osmand.totals.errors[WRONG_CHANNEL],
                "watch": net.watch.totals.errors[WRONG_CHANNEL],
                "gt06": net.gt06.totals.errors[WRONG_CHANNEL],
                "ingest_wrong": net.service.ingest.stats.wrong_channel,
                "ingest_rejected": net.service.ingest.stats.rejected,
            }

    seen = run(main)
    assert seen["refused_before_gt06"] == (0, 0)
    # 3 OsmAnd points (each a POS and a STAT), the Watch's 2 LK (outdated POS) and 2 UD (POS + STAT)
    assert seen["osmand"] == 6 and seen["watch"] == 6 and seen["gt06"] == 0
    assert seen["ingest_wrong"] == 12 and seen["ingest_rejected"] >= 12
    rows = events_of(db, GT06_IMEI)
    assert {r.source for r in rows} == {"gt06"} and EventKind.POS in {r.kind for r in rows}
    assert positions_of(db, GT06_IMEI) == 1
    # logged once per (device, channel), however many reports were refused
    assert len(refusal_logs(caplog, GT06_IMEI, "osmand")) == 1
    assert len(refusal_logs(caplog, GT06_IMEI, "watch")) == 1
    assert "registered for channel gt06 (wrong_channel)" in refusal_logs(caplog, GT06_IMEI, "osmand")[0]
    assert device(db, GT06_IMEI).status == DeviceStatus.IN_STOCK  # a refusal changes nothing about the device


def test_icd_bracelet_serial_posted_via_osmand_is_refused(db: Database, caplog: pytest.LogCaptureFixture) -> None:
    """The issue's example: ``id=BRC-100101`` on the OsmAnd port stored a position for a bracelet."""
    add_device(db, BRACELET, "BRC")
    caplog.set_level(logging.INFO, logger="arm.ingest")

    async def main() -> int:
        async with Listeners(db) as net:
            assert await net.osmand_post(BRACELET, 2, t0()) == [200, 200]
            await settled(net.osmand)
            return net.osmand.totals.errors[WRONG_CHANNEL]

    assert run(main) == 4
    assert events_of(db, BRACELET) == [] and positions_of(db, BRACELET) == 0
    assert device(db, BRACELET).type == "BRC" and device(db, BRACELET).protocol == DeviceProtocol.ICD
    assert len(refusal_logs(caplog, BRACELET, "osmand")) == 1


def test_unknown_osmand_id_becomes_unregistered_osmand_device_then_watch_is_refused(
    db: Database, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="arm.ingest")

    async def main() -> tuple[int, int]:
        async with Listeners(db) as net:
            assert await net.osmand_post(PHONE, 2, t0()) == [200, 200]
            assert await net.watch_send(PHONE, 1, t0() + timedelta(minutes=5)) == f"[3G*{PHONE}*0002*LK]".encode()
            await settled(net.osmand, net.watch)
            return net.osmand.totals.errors[WRONG_CHANNEL], net.watch.totals.errors[WRONG_CHANNEL]

    assert run(main) == (0, 4)
    row = device(db, PHONE)
    assert row is not None and row.status == DeviceStatus.UNREGISTERED
    assert row.protocol == DeviceProtocol.OSMAND and row.type == "PHONE"
    rows = events_of(db, PHONE)
    assert rows and {r.source for r in rows} == {"osmand"}
    assert positions_of(db, PHONE) == 2
    assert len(refusal_logs(caplog, PHONE, "watch")) == 1


# ---------------------------------------------------------------- the ingest core, every source


def ev(serial: str, source: str, seq: int, kind: str = "STAT", device_type: str | None = None) -> DeviceEvent:
    fields: Any = {"battery": 50, "charging": False} if kind == "STAT" else {}
    return DeviceEvent(serial, seq, datetime.now(UTC).replace(microsecond=0) - timedelta(seconds=seq), kind,
                       fields, source, device_type)


def test_every_source_maps_to_one_channel() -> None:
    assert SOURCE_CHANNELS == {"serial": "icd", "nmea": "icd", "sim": "icd", "gt06": "gt06", "watch": "watch",
                               "osmand": "osmand"}
    assert {protocol_for_type(t) for t in ("BRC", "TRK", "SKU", "MKU", "BAC", "RCV")} == {DeviceProtocol.ICD}
    assert [protocol_for_type(t) for t in ("GT06", "WATCH", "PHONE")] == ["gt06", "watch", "osmand"]


def test_ingest_refuses_other_sources_for_an_icd_device_and_accepts_its_own(db: Database, ingest: Ingest) -> None:
    add_device(db, BRACELET, "BRC")
    add_device(db, "NMEA-TTYGPS0", "RCV")
    res = ingest.store_sync([ev(BRACELET, "gt06", 1), ev(BRACELET, "watch", 2), ev(BRACELET, "osmand", 3),
                             ev(BRACELET, "serial", 4), ev(BRACELET, "sim", 5), ev("NMEA-TTYGPS0", "nmea", 6)])
    assert sorted(e.evseq for e, reason in res.rejected if reason == WRONG_CHANNEL) == [1, 2, 3]
    assert len(res.stored) == 3
    assert ingest.stats.wrong_channel == 3 and ingest.stats.rejected == 3
    assert {r.source for r in events_of(db, BRACELET)} == {"serial", "sim"}


def test_unknown_source_is_refused_and_creates_no_device(db: Database, ingest: Ingest) -> None:
    res = ingest.store_sync([ev("X-1", "telnet", 1)])
    assert [reason for _, reason in res.rejected] == [UNKNOWN_CHANNEL]
    assert device(db, "X-1") is None


def test_first_channel_of_an_unknown_device_is_its_channel_even_within_one_batch(db: Database, ingest: Ingest) -> None:
    res = ingest.store_sync([ev("359339075005244", "gt06", 1), ev("359339075005244", "osmand", 2)])
    assert [(e.evseq, reason) for e, reason in res.rejected] == [(2, WRONG_CHANNEL)]
    assert device(db, "359339075005244").protocol == DeviceProtocol.GT06


def test_a_technician_sets_the_channel_when_registering_and_ingest_applies_it(db: Database, bus: Bus) -> None:
    with db.begin() as s:  # the core re-reads the acting account (issue 13): it must exist and be active
        s.add(User(login=TECH.login, full_name=TECH.full_name, role=Role.TECHNICIAN, password_hash="!"))
    core = Ingest(db, bus)
    core.start()
    try:
        # heard first over OsmAnd (unregistered, channel osmand) ...
        assert len(core.store_sync([ev(GT06_IMEI, "osmand", 1)]).stored) == 1
        assert core.store_sync([ev(GT06_IMEI, "gt06", 2)]).rejected[0][1] == WRONG_CHANNEL
        did = device(db, GT06_IMEI).id
        # ... the technician knows better: it is a GT06 tracker
        with db.begin() as s:
            inventory_service.register(s, TECH, did, "ИНВ-GT-1", protocol="gt06")
        bus.publish(DeviceChannelChanged(GT06_IMEI, "gt06"))
        assert len(core.store_sync([ev(GT06_IMEI, "gt06", 3)]).stored) == 1
        assert core.store_sync([ev(GT06_IMEI, "osmand", 4)]).rejected[0][1] == WRONG_CHANNEL
    finally:
        core.stop()
    assert device(db, GT06_IMEI).protocol == DeviceProtocol.GT06
    other = add_device(db, "X-2", "GT06", status=DeviceStatus.UNREGISTERED)
    with pytest.raises(InventoryError, match="one of icd, gt06, watch, osmand") as refused, db.begin() as s:
        inventory_service.register(s, TECH, other, protocol="telnet")
    assert refused.value.code == "PROTOCOL_INVALID"
    assert device(db, "X-2").status == DeviceStatus.UNREGISTERED


def test_a_change_made_elsewhere_applies_when_the_cache_expires(db: Database, ingest: Ingest) -> None:
    add_device(db, GT06_IMEI, "GT06")
    assert ingest.store_sync([ev(GT06_IMEI, "osmand", 1)]).rejected
    with db.begin() as s:  # another process (or a database tool) changes the channel
        s.execute(text("UPDATE devices SET protocol = 'osmand' WHERE serial = :s"), {"s": GT06_IMEI})
    ingest.channel_refresh_s = 0.0
    assert len(ingest.store_sync([ev(GT06_IMEI, "osmand", 2)]).stored) == 1


def test_refusal_log_once_per_device_and_channel_per_interval(caplog: pytest.LogCaptureFixture) -> None:
    now = [0.0]
    refusals = RefusalLog(interval_s=300.0, clock=lambda: now[0])
    caplog.set_level(logging.INFO, logger="arm.ingest")
    assert refusals.refused("A", "osmand", "gt06") is True
    assert not any(refusals.refused("A", "osmand", "gt06") for _ in range(1000))
    assert refusals.refused("A", "watch", "gt06") is True  # another channel: its own line
    now[0] = 301.0
    assert refusals.refused("A", "osmand", "gt06") is True
    lines = [r.getMessage() for r in caplog.records if r.name == "arm.ingest"]
    assert len(lines) == 3 and "1000 more refused since" in lines[2]


# ---------------------------------------------------------------- migration of existing rows


def test_migration_fills_the_channel_of_existing_devices_from_their_type(tmp_path: Any) -> None:
    engine = create_engine(f"sqlite:///{tmp_path / 'old.sqlite3'}")
    try:
        migrate.upgrade(engine, "network_device_model")  # the devices table as it was before
        types = ["BRC", "TRK", "SKU", "MKU", "BAC", "RCV", "GT06", "WATCH", "PHONE"]
        with engine.begin() as conn:
            for n, type_ in enumerate(types):
                conn.execute(text(
                    "INSERT INTO devices (serial, type, status, heartbeat_s, report_s, notes, is_demo, created_at) "
                    "VALUES (:serial, :type, :status, 300, 60, '', 0, '2026-11-01 00:00:00')"),
                    {"serial": f"S-{n}", "type": type_, "status": "unregistered" if n % 2 else "issued"})
        migrate.upgrade(engine)
        with engine.connect() as conn:
            got = dict(conn.execute(text("SELECT type, protocol FROM devices")).all())
        assert got == {"BRC": "icd", "TRK": "icd", "SKU": "icd", "MKU": "icd", "BAC": "icd", "RCV": "icd",
                       "GT06": "gt06", "WATCH": "watch", "PHONE": "osmand"}
        migrate.downgrade(engine, "network_device_model")
        with engine.connect() as conn:
            assert "protocol" not in {r[1] for r in conn.execute(text("PRAGMA table_info(devices)"))}
    finally:
        engine.dispose()
