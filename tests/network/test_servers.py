"""The device listeners over real sockets on 127.0.0.1 with a real SQLite database."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import func, select

from arm.events import EventKind
from arm.protocols import gt06
from arm.protocols.servers import Gt06Listener, Listener, OsmAndListener, WatchListener
from arm.service import MonitoringService
from arm.simulate import gt06_device, osmand_device, watch_device
from arm.simulate.clients import Gt06Client, OsmAndClient
from db.models import Device, DeviceEventRow, DeviceStatus, Position
from db.session import Database

HOST = "127.0.0.1"


def run(coro_fn: Callable[[], Awaitable[Any]]) -> Any:
    return asyncio.run(asyncio.wait_for(coro_fn(), 60))


async def started(db: Database, *listeners: Listener) -> MonitoringService:
    service = MonitoringService(db)
    for listener in listeners:
        service.add_component(listener)
    await service.start()
    return service


async def closed(writer: asyncio.StreamWriter) -> None:
    writer.close()
    try:
        await writer.wait_closed()
    except (ConnectionError, OSError):
        pass


def rows(db: Database, serial: str, kind: str | None = None) -> list[DeviceEventRow]:
    with db.session() as s:
        q = select(DeviceEventRow).join(Device, Device.id == DeviceEventRow.device_id).where(Device.serial == serial)
        if kind:
            q = q.where(DeviceEventRow.kind == kind)
        return list(s.scalars(q.order_by(DeviceEventRow.time)))


def t0() -> datetime:
    return datetime.now(UTC).replace(microsecond=0) - timedelta(minutes=30)


def test_gt06_ack_only_after_commit_and_unregistered_device_kept(db: Database) -> None:
    imei = "359339075005244"

    async def main() -> None:
        listener = Gt06Listener(0, HOST)
        service = await started(db, listener)
        try:
            reader, writer = await asyncio.open_connection(HOST, listener.port)
            writer.write(gt06_device.encode_login(imei, 1))
            ack = await asyncio.wait_for(reader.readexactly(10), 5)
            assert ack == gt06.build_response(gt06.MSG_LOGIN, 1)
            frame = gt06_device.encode_location(t0(), 51.1282, 71.4307, 12, 90, 9, True, 2)
            writer.write(frame)
            ack = await asyncio.wait_for(reader.readexactly(10), 5)
            assert ack == gt06.build_response(gt06.MSG_GPS_LBS_1, 2)
            # the ack arrived, so the row must already be committed
            pos = rows(db, imei, EventKind.POS)
            assert len(pos) == 1 and abs(pos[0].fields["lat"] - 51.1282) < 1e-5
            await closed(writer)
        finally:
            await service.stop()

    run(main)
    with db.session() as s:
        device = s.scalars(select(Device).where(Device.serial == imei)).one()
        assert device.status == DeviceStatus.UNREGISTERED
        assert s.scalar(select(func.count()).select_from(Position).where(Position.device_id == device.id)) == 1
    assert [r.kind for r in rows(db, imei)].count(EventKind.LOGIN) == 1


def test_gt06_no_ack_when_store_fails(db: Database) -> None:
    """With the ingest core down the device gets no ack and the connection closes."""

    async def main() -> None:
        listener = Gt06Listener(0, HOST)
        service = await started(db, listener)
        service.ingest.stop()  # the database writer is gone
        try:
            reader, writer = await asyncio.open_connection(HOST, listener.port)
            writer.write(gt06_device.encode_login("359339075005245", 1))
            data = await asyncio.wait_for(reader.read(100), 5)
            assert data == b""  # closed, nothing acknowledged
            await closed(writer)
        finally:
            await service.stop()

    run(main)


def test_no_loss_across_service_restart(db: Database) -> None:
    """Devices that resend unacknowledged reports lose nothing when the service restarts."""
    n_devices, n_reports = 5, 40
    base = t0()

    async def device(client: Gt06Client, k: int) -> None:
        for i in range(n_reports):
            frame = gt06_device.encode_location(base + timedelta(seconds=i), 43.2 + k * 0.01, 76.9 + i * 1e-4,
                                         20, 45, 8, True, client.next_serial())
            await client.send_frame(frame)
            await asyncio.sleep(0.005)

    async def main() -> None:
        listener = Gt06Listener(0, HOST)
        service = await started(db, listener)
        port = listener.port
        clients = [Gt06Client(f"86000000000{k:04d}", HOST, port, ack_timeout=1.0, retry_delay=0.05)
                   for k in range(n_devices)]
        tasks = [asyncio.create_task(device(c, k)) for k, c in enumerate(clients)]
        await asyncio.sleep(0.25)
        await service.stop()  # SIGTERM-like: stop accepting, store what came in
        await asyncio.sleep(0.3)
        service2 = await started(db, Gt06Listener(port, HOST))
        try:
            await asyncio.gather(*tasks)
        finally:
            await service2.stop()
            for c in clients:
                await c.close()
        assert sum(c.stats.reconnects for c in clients) >= n_devices  # the restart was felt

    run(main)
    for k in range(n_devices):
        pos = rows(db, f"86000000000{k:04d}", EventKind.POS)
        assert len(pos) == n_reports, f"device {k}: {len(pos)} of {n_reports}"
        assert len({p.evseq for p in pos}) == n_reports


def test_bad_input_counted_and_other_clients_unaffected(db: Database) -> None:
    imei = "359339075005246"

    async def main() -> None:
        listener = Gt06Listener(0, HOST, idle_timeout=30)
        service = await started(db, listener)
        try:
            # a client that logs in, then sends garbage, a bad CRC, an unknown type,
            # impossible coordinates and a far-future time, and then stalls
            r1, w1 = await asyncio.open_connection(HOST, listener.port)
            w1.write(gt06_device.encode_login(imei, 1))
            await asyncio.wait_for(r1.readexactly(10), 5)
            good = gt06_device.encode_location(t0(), 51.0, 71.0, 0, 0, 5, True, 2)
            bad_crc = good[:-4] + bytes([good[-4] ^ 0xFF, good[-3]]) + b"\r\n"
            unknown = gt06_device.build_frame(0x5E, b"\x01\x02", 3)
            impossible = gt06_device.encode_location(t0(), 0, 0, 0, 0, 5, True, 4)
            impossible = impossible[:11] + (95 * 60 * 30000).to_bytes(4, "big") + impossible[15:]
            impossible = impossible[:-4] + gt06.crc16_x25(impossible[2:-4]).to_bytes(2, "big") + b"\r\n"
            future = gt06_device.encode_location(datetime.now(UTC) + timedelta(days=3), 51.0, 71.0, 0, 0, 5, True, 5)
            truncated = gt06_device.encode_location(t0(), 51.0, 71.0, 0, 0, 5, True, 6)[:12] + b"\r\n"
            w1.write(b"\x00\xffGARBAGE" + bad_crc + unknown + impossible + future + truncated)
            await w1.drain()
            # meanwhile another device is served at once
            client = Gt06Client("359339075005247", HOST, listener.port, ack_timeout=2.0)
            start = asyncio.get_running_loop().time()
            await client.send_frame(gt06_device.encode_location(t0(), 43.2, 76.9, 0, 0, 5, True, 7))
            assert asyncio.get_running_loop().time() - start < 2.0
            await client.close()
            await asyncio.sleep(0.2)
            await closed(w1)
        finally:
            await service.stop()
        errors = listener.totals.errors
        assert errors["garbage"] >= 1
        assert errors["bad_crc"] + errors["truncated"] == 2  # the cut frame fails its CRC
        assert errors["unknown_type"] == 1
        assert errors["bad_coordinates"] == 1
        assert errors["bad_time"] == 1

    run(main)
    assert rows(db, imei, EventKind.POS) == []  # nothing from the bad client became a position
    assert len(rows(db, "359339075005247", EventKind.POS)) == 1


def test_gt06_flood_and_huge_unframed_input_closed(db: Database) -> None:
    async def main() -> None:
        listener = Gt06Listener(0, HOST, max_buffer=4096)
        service = await started(db, listener)
        try:
            reader, writer = await asyncio.open_connection(HOST, listener.port)
            writer.write(b"\x78\x78" + b"\x41" * 20000)  # a header, then never a frame end
            await writer.drain()
            data = await asyncio.wait_for(reader.read(100), 5)
            assert data == b""
            await closed(writer)
        finally:
            await service.stop()
        assert listener.totals.errors["too_large"] >= 1 or listener.totals.errors["garbage"] >= 1

    run(main)


def test_watch_listener_acks_and_maps_alarms(db: Database) -> None:
    dev = "6907919734"

    async def main() -> None:
        listener = WatchListener(0, HOST)
        service = await started(db, listener)
        try:
            reader, writer = await asyncio.open_connection(HOST, listener.port)
            writer.write(watch_device.build_frame("3G", dev, "LK,0,0,88"))
            assert await asyncio.wait_for(reader.readuntil(b"]"), 5) == b"[3G*6907919734*0002*LK]"
            writer.write(watch_device.encode_position(dev, t0(), 51.1, 71.4, 3.0, 10, 7, 80))
            # SOS (bit 16) and strap removed (bit 20) alarms, each acknowledged with AL
            writer.write(watch_device.encode_position(dev, t0() + timedelta(seconds=5), 51.1, 71.4, 0, 0, 7, 79,
                                               status=0x10000, msg_type="AL"))
            assert await asyncio.wait_for(reader.readuntil(b"]"), 5) == b"[3G*6907919734*0002*AL]"
            writer.write(watch_device.encode_position(dev, t0() + timedelta(seconds=9), None, None, 0, 0, 0, 78,
                                               status=0x100000, msg_type="AL"))
            assert await asyncio.wait_for(reader.readuntil(b"]"), 5) == b"[3G*6907919734*0002*AL]"
            writer.write(b"[3G*6907919734*0004*\xff\xfe\xfd\xfc]")  # non-UTF-8
            writer.write(b"[3G*6907919734*0005*HELLO]")  # unknown type
            writer.write(b"[3G*6907919734*0002*LK]")
            assert await asyncio.wait_for(reader.readuntil(b"]"), 5) == b"[3G*6907919734*0002*LK]"
            await closed(writer)
        finally:
            await service.stop()
        assert listener.totals.errors["not_utf8"] == 1
        assert listener.totals.errors["unknown_type"] == 1

    run(main)
    kinds = [r.kind for r in rows(db, dev)]
    assert kinds.count(EventKind.POS) == 3  # the no-fix report is a POS with fix 0
    alarms = rows(db, dev, EventKind.ALARM)
    assert [a.fields["alarm"] for a in alarms] == ["sos"]
    tamper = rows(db, dev, EventKind.TAMPER)
    assert tamper and tamper[0].fields == {"part": "STRAP", "state": "OPEN"}
    stat = rows(db, dev, EventKind.STAT)
    assert {s.fields["battery"] for s in stat} >= {80, 79}


def test_osmand_http(db: Database) -> None:
    phone = "48241179"

    async def main() -> None:
        listener = OsmAndListener(0, HOST)
        service = await started(db, listener)
        try:
            client = OsmAndClient(phone, HOST, listener.port)
            q = osmand_device.encode_query(phone, t0(), 43.25, 76.95, 4.0, 90, 8.0, 77)
            assert (await client.request("GET", f"/?{q}")).status == 200
            body = json.dumps({"device_id": phone, "location": {
                "timestamp": (t0() + timedelta(seconds=30)).isoformat().replace("+00:00", "Z"),
                "coords": {"latitude": 43.251, "longitude": 76.951, "accuracy": 12, "speed": 1.5,
                           "heading": 10, "altitude": 700},
                "battery": {"level": 0.5, "is_charging": True}}}).encode()
            assert (await client.request("POST", "/", body, {"Content-Type": "application/json"})).status == 200
            form = osmand_device.encode_query(phone, t0() + timedelta(seconds=60), 43.252, 76.952).encode()
            res = await client.request("POST", "/", form, {"Content-Type": "application/x-www-form-urlencoded"})
            assert res.status == 200
            assert (await client.request("GET", "/?lat=1&lon=2")).status == 400  # no id
            assert (await client.request("POST", "/", b"\xff\xfe", {"Content-Type": "application/json"})).status == 400
            assert (await client.request("GET", f"/?id={phone}&lat=95&lon=10&timestamp=1700000000")).status == 200
            # the 2026 client SDK with uploadJson=true: an array of flat objects
            batch = json.dumps([
                {"id": phone, "lat": 43.253, "lon": 76.953, "timestamp": int((t0() + timedelta(seconds=90)).timestamp()),
                 "speed": 1.2, "batt": 64, "charge": False},
                {"id": phone, "lat": 43.254, "lon": 76.954, "timestamp": int((t0() + timedelta(seconds=95)).timestamp()),
                 "alarm": "sos"}]).encode()
            assert (await client.request("POST", "/", batch, {"Content-Type": "application/json"})).status == 200
            assert (await client.request("POST", "/", b"x" * 70000)).status == 413
            await client.close()
        finally:
            await service.stop()
        errors = listener.totals.errors
        assert errors["not_utf8"] == 1 and errors["too_large"] == 1 and errors["bad_coordinates"] == 1

    run(main)
    pos = rows(db, phone, EventKind.POS)
    assert len(pos) == 5
    assert {r.source for r in pos} == {"osmand"}
    assert [s.fields["battery"] for s in rows(db, phone, EventKind.STAT)] == [77, 50, 64]
    assert [a.fields["alarm"] for a in rows(db, phone, EventKind.ALARM)] == ["sos"]


def test_silent_connection_closed_after_idle_timeout_others_served(db: Database) -> None:
    async def main() -> None:
        listener = Gt06Listener(0, HOST, idle_timeout=0.3)
        watch_listener = WatchListener(0, HOST, idle_timeout=0.3)
        service = await started(db, listener, watch_listener)
        try:
            r1, w1 = await asyncio.open_connection(HOST, listener.port)  # connects, says nothing
            r2, w2 = await asyncio.open_connection(HOST, watch_listener.port)
            w2.write(b"[3G*1234567*00")  # half a frame, then silence
            await w2.drain()
            assert await asyncio.wait_for(r1.read(10), 3) == b""
            assert await asyncio.wait_for(r2.read(10), 3) == b""
            client = Gt06Client("359339075005248", HOST, listener.port)
            await client.send_frame(gt06_device.encode_location(t0(), 43.2, 76.9, 0, 0, 5, True, 3))
            await client.close()
            await closed(w1)
            await closed(w2)
        finally:
            await service.stop()
        assert listener.totals.errors["idle_timeout"] == 1
        assert watch_listener.totals.errors["idle_timeout"] == 1

    run(main)


def test_store_batcher_bounds_submissions_and_answers_everyone(db: Database) -> None:
    """One loop turn of thousands of connections -> bounded ingest submissions, every waiter answered."""
    from arm.events import DeviceEvent
    from arm.protocols.servers import MAX_SUBMISSION, StoreBatcher

    async def main() -> None:
        service = MonitoringService(db)
        await service.start()
        sizes: list[int] = []
        real_submit = service.ingest.submit

        def spy(events: Any) -> Any:
            events = list(events)
            sizes.append(len(events))
            return real_submit(events)

        service.ingest.submit = spy  # type: ignore[method-assign]
        try:
            batcher = StoreBatcher(service)
            base = t0()
            waiters = [batcher.store([DeviceEvent(f"35{k:013d}", None, base, EventKind.POS,
                                                  {"lat": 43.0, "lon": 76.0, "fix": 1}, "gt06", "GT06"),
                                      DeviceEvent(f"35{k:013d}", None, base, EventKind.POS,
                                                  {"lat": 95.0, "lon": 76.0, "fix": 1}, "gt06", "GT06")])
                       for k in range(2500)]
            results = await asyncio.gather(*waiters)
        finally:
            await service.stop()
        assert sum(sizes) == 5000 and max(sizes) <= MAX_SUBMISSION and len(sizes) >= 3
        # each connection learns exactly its own rejected event (the impossible latitude)
        assert all(len(r) == 1 and r[0][0].fields["lat"] == 95.0 for r in results)

    run(main)
