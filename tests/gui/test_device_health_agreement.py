"""The map, the device table, the status bar and the rules engine agree on device health.

One person per device, each device last heard at an age just before, at or just
after its allowed silence (``heartbeat_s × 2 + 60 s``), one never heard; half of
them at the low-battery threshold and half one percent above it. At one frozen
"now", the real device table and status bar (offscreen), the map's live rows
(:class:`maps.live.LiveModel`, what the map page is sent) and the rules engine
must tell the same story: online ⇔ no ``no_communication`` ⇔ normal marker ⇔
counted online; ▼ in the battery column ⇔ ``low_battery`` raised.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from arm.events import DeviceEvent, StoredEvent
from arm.rules.conditions import Kind
from arm.rules.engine import RulesEngine
from arm.rules.seed import Seeder
from arm.rules.snapshot import load_snapshot as load_rules_snapshot
from db.models import Device, DeviceEventRow, Position
from maps.live import STATE_CODES, LiveModel
from maps.live import load_snapshot as load_map_snapshot
from widgets import status_bar
from widgets.device_status import DeviceStatusModel, DeviceStatusPanel
from widgets.status_bar import DeskStatusBar

#: (heartbeat_s, age of the last contact in seconds or None = never heard)
CASES = [
    (300, None), (300, 10), (300, 659), (300, 660), (300, 661), (300, 700),
    (180, 419), (180, 420), (180, 421), (600, 1259), (600, 1261),
]


def _expected_online(heartbeat_s: int, age: int | None) -> bool:
    return age is not None and age <= heartbeat_s * 2 + 60


def _seed(db: Any, now: datetime) -> list[tuple[str, int, int, int | None, int]]:
    """(serial, device id, person id, age, battery) per case."""
    seed = Seeder(db)
    out = []
    for n, (heartbeat_s, age) in enumerate(CASES):
        serial = f"TRK-77{n:04d}"
        last = None if age is None else now - timedelta(seconds=age)
        battery = 15 if n % 2 else 16
        device_id = seed.device(serial, "TRK", heartbeat_s=heartbeat_s, last_contact=last)
        person_id = seed.person(f"Agreement{n}")
        seed.assign(device_id, person_id)
        with db.begin() as s:
            device = s.get(Device, device_id)
            assert device is not None
            device.battery = battery
            fixed = last or now - timedelta(days=1)
            row = DeviceEventRow(device_id=device_id, evseq=1, time=fixed, received=fixed, kind="POS",
                                 source="serial", fields={"lat": 43.25, "lon": 76.93, "fix": 1})
            s.add(row)
            s.flush()
            s.add(Position(device_id=device_id, event_id=row.id, time=fixed, lat=43.25, lon=76.93,
                           fix=1, sats=9, hdop=0.9, accuracy_m=10.0))
        out.append((serial, device_id, person_id, age, battery))
    return out


class _Frozen(datetime):
    """``datetime`` whose ``now`` is the test's instant (the status bar reads the wall clock)."""

    frozen: datetime

    @classmethod
    def now(cls, tz: Any = None) -> Any:  # type: ignore[override]
        return cls.frozen if tz is None else cls.frozen.astimezone(tz)


def test_every_display_agrees_with_the_rules_engine(
    qtbot: Any, db: Any, users: dict, make_ctx: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    now = datetime.now(UTC).replace(microsecond=0)
    cases = _seed(db, now)
    pairs = zip(CASES, cases, strict=True)
    expected = {device_id: _expected_online(hb, age) for (hb, age), (_s, device_id, *_r) in pairs}
    assert sum(expected.values()) == 6  # the cases straddle every threshold

    # the rules engine: no_communication per device, low_battery from the last STAT report
    engine = RulesEngine(clock=lambda: now)
    with db.session() as s:
        engine.load(load_rules_snapshot(s))
    changes = []
    for n, (serial, device_id, _pid, age, battery) in enumerate(cases):
        if age is None:
            continue
        heard = now - timedelta(seconds=age)
        event = DeviceEvent(serial, 1, heard, "STAT", {"battery": battery, "charging": False}, "serial", "TRK")
        changes += engine.process([StoredEvent(n + 1, device_id, 1, event, heard)])
    changes += engine.tick(now)
    silent = {c.device_id for c in changes if c.kind == Kind.NO_COMMUNICATION and c.active}
    low = {c.device_id for c in changes if c.kind == Kind.LOW_BATTERY and c.active}
    never = {c.person_id for c in changes if c.kind == Kind.NOT_MONITORED and c.active}

    # the map: the rows the page is sent
    live = LiveModel()
    with db.session() as s:
        live.load(load_map_snapshot(s, personal_data=True))
    map_state = {row[0]: row[4] for row in live.rows(now=now)}

    # the device table, offscreen, on the same clock
    ctx = make_ctx(db, users["operator"])
    panel = DeviceStatusPanel(ctx)
    qtbot.addWidget(panel)
    panel.model.now = lambda: now
    qtbot.waitUntil(lambda: panel.model.rowCount() == len(cases), timeout=5000)
    table = {r.id: i for i, r in enumerate(panel.model.rows())}

    # the status bar, offscreen, its database read on the same clock
    _Frozen.frozen = now
    monkeypatch.setattr(status_bar, "datetime", _Frozen)
    bar = DeskStatusBar(ctx)
    qtbot.addWidget(bar)
    qtbot.waitUntil(lambda: "of 11" in bar.devices_label.text(), timeout=5000)
    bar.stop()
    shown = re.search(r"Devices online: (\d+) of (\d+)", bar.devices_label.text())
    assert shown is not None

    for (heartbeat_s, age), (serial, device_id, person_id, _age, battery) in zip(CASES, cases, strict=True):
        online = expected[device_id]
        where = f"{serial} heartbeat {heartbeat_s} s, heard {age} s ago"
        row = table[device_id]
        state = panel.model.row_state(row)
        assert (state == "online") is online, where
        assert state == ("online" if online else "never" if age is None else "stale"), where
        assert (device_id not in silent and person_id not in never) is online, where
        assert map_state[person_id] == STATE_CODES["normal" if online else "nocomm"], where
        if age is not None:
            battery_cell = panel.model.index(row, DeviceStatusModel.BATTERY).data()
            assert battery_cell.endswith("▼") is (device_id in low) is (battery == 15), where
    assert int(shown.group(1)) == sum(expected.values())
    assert int(shown.group(2)) == len(cases)
    assert f"{sum(expected.values())} online" in panel.summary.text()
