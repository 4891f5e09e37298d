"""Simulated watches send voice messages: TK for short clips, JXTK parts for long ones, stored byte for byte."""

from __future__ import annotations

import argparse
import hashlib
from datetime import UTC, datetime

from sqlalchemy import select

from arm.media.library import amr_duration
from arm.protocols.servers import WatchListener
from arm.service import MonitoringService
from arm.simulate.fleet import VOICE_TK_MAX, FleetSimulator, SimRates
from arm.simulate.plugin import register_cli
from db.models import Device, DeviceEventRow
from db.models_media import DeviceMedia, DeviceMediaPart
from db.session import Database

from .test_servers import run

HOST = "127.0.0.1"


def voices(seed: int, steps: int = 40) -> list[bytes]:
    """The clips a watch-only fleet decides to send, without any network."""
    sim = FleetSimulator.synthetic(4, {"watch": 1}, SimRates(voice_per_hour=2.0), seed=seed)
    now = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)
    out: list[bytes] = []
    for _ in range(steps):
        for d in sim.devices:
            r = sim.step(d, now, 600.0)
            if r.voice is not None:
                out.append(r.voice)
    return out


def test_voice_messages_are_reproducible_with_the_seed_and_off_at_rate_zero() -> None:
    a, b, other = voices(3), voices(3), voices(4)
    assert a == b and a != other
    assert len(a) > 5
    for clip in a:
        length = amr_duration(clip)
        assert length is not None and 1.5 <= length <= 12.0
    assert any(len(c) <= VOICE_TK_MAX for c in a) and any(len(c) > VOICE_TK_MAX for c in a)
    sim = FleetSimulator.synthetic(4, {"watch": 1}, SimRates(), seed=3)
    now = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)
    assert all(sim.step(d, now, 3600.0).voice is None for _ in range(20) for d in sim.devices)


def test_simulated_watches_deliver_tk_and_jxtk_clips_to_the_listener(db: Database) -> None:
    rates = SimRates(interval_s=0.05, tamper_per_day=0.0, sos_per_day=0.0, indoor_gnss_loss=0.0,
                     time_scale=3600.0, voice_per_hour=2.0)  # enough clips of both sizes whatever the pace
    sim = FleetSimulator.synthetic(3, {"watch": 1}, rates, seed=8)
    sent: list[bytes] = []
    step = sim.step

    def recording(d, real_now, dt):  # type: ignore[no-untyped-def]
        r = step(d, real_now, dt)
        if r.voice is not None:
            sent.append(r.voice)
        return r

    sim.step = recording  # type: ignore[method-assign]

    async def main() -> dict[str, int]:
        listener = WatchListener(0, HOST)
        service = MonitoringService(db)
        service.add_component(listener)
        await service.start()
        try:
            stats = await sim.run(HOST, {"watch": listener.port}, duration_s=30, max_reports=16)
        finally:
            await service.stop()
        assert not listener.totals.errors, listener.totals.errors
        return dict(stats)

    stats = run(main)
    assert stats.get("gave_up", 0) == 0
    assert stats["voice_tk"] >= 1 and stats["voice_jxtk"] >= 1, stats
    assert stats["voice_messages"] == len(sent)
    with db.session() as s:
        rows = list(s.execute(select(DeviceMedia.sha256, DeviceMedia.parts, DeviceMedia.parts_missing,
                                     DeviceEventRow.fields, Device.type)
                              .join(DeviceEventRow, DeviceEventRow.id == DeviceMedia.event_id)
                              .join(Device, Device.id == DeviceMedia.device_id)))
        staged = s.scalars(select(DeviceMediaPart)).all()
    assert sorted(r[0] for r in rows) == sorted(hashlib.sha256(c).hexdigest() for c in sent)
    assert {r[1] > 1 for r in rows} == {True, False} and all(r[2] == 0 for r in rows)
    assert all(r[3]["alarm"] == "voiceMessage" and r[4] == "WATCH" for r in rows)
    assert not staged


def test_cli_takes_the_voice_rate() -> None:
    parser = argparse.ArgumentParser()
    register_cli(parser.add_subparsers())
    assert parser.parse_args(["simulate", "--watch", "5093"]).voice_per_hour == 0.02
    assert parser.parse_args(["simulate", "--voice-per-hour", "3"]).voice_per_hour == 3.0
    for bad in ("-1", "x"):
        try:
            parser.parse_args(["simulate", "--voice-per-hour", bad])
        except SystemExit:
            continue
        raise AssertionError(f"--voice-per-hour {bad} accepted")
