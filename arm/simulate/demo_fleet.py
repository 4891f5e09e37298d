"""The GUI demo's whole fleet: every device of every demo person reports.

``FleetSimulator`` moves one person per tracker; the demo persons also wear a
bracelet (BRC) paired with a home unit (SKU), carry a mobile unit (MKU) or a
body tracker (TRK), and some blow into a breathalyser (BAC). ``DemoFleet``
keeps one *household* per person: the person's position model (the network
tracker's ``SimDevice``, or one of its own for ICD-only persons) drives what
each of their devices says at every report:

- SKU: ``PRESENCE IN/OUT`` of its paired bracelet when the person comes home or
  leaves (judged against the person's home radius), ``STAT`` (mains, charging)
  and ``HB``;
- BRC: ``STAT`` (a slowly draining battery) and ``HB``;
- TRK/MKU: ``POS`` from the position model (none indoors when GNSS is lost),
  ``STAT``; the MKU says once that its bracelet is with it;
- BAC: a breath test soon after start and then at set intervals (``PASS``).

Within the first two minutes a scripted handful of situations happen, each to
a different person picked reproducibly from the seed, so the rules engine has
something to show: a curfew break (the home unit reports the bracelet OUT
while a curfew is active), an exclusion-zone entry (a tracker drives into the
person's own exclusion zone and stays there), a cut strap, a bracelet battery
running low, a failed breath test, and a short voice message from a watch
(``TK``, stored with its ``voiceMessage`` alarm; more come at ``voice_per_hour``). Everyone else behaves (with the
random rates of :class:`SimRates` on top).

Transport (measured, see docs/demo.md): one pseudo-terminal per ICD device
costs an emulator thread plus a port-reader thread each; 45 of them cost
~11 % of a core and 90 extra threads in the GUI process. So a few units go
through the real serial stack (``serial_drivers.emulator`` on ptys, read by
the service's ``SerialManager`` exactly as ``arm serve --serial``), and the
rest through :class:`IngestSink`, which builds the same ``DeviceEvent`` with
source ``"sim"`` and hands it to ``service.ingest.store`` (never the DB).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
import shutil
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol

from arm.events import (
    BacResult,
    EventFields,
    PowerFields,
    PowerState,
    PresenceState,
    StatFields,
    TamperFields,
    TamperPart,
    TamperState,
)
from arm.simulate.fleet import (
    LOCAL_TZ,
    M_PER_DEG,
    FleetSimulator,
    Report,
    SimDevice,
    SimRates,
    _geometry_center,
    distance_m,
    in_curfew,
)

log = logging.getLogger("arm.simulate.demo")

#: The demo's behaviour: a report every 10 s, an hour of life per real minute,
#: curfew judged on the real clock. ``zone_visit`` is 0.05, not the 0.2 first
#: suggested: at this time scale a person makes a trip every minute or two, and
#: 0.2 gave three or four random exclusion-zone alarms in the first minutes.
#: ``voice_per_hour`` 0.01 per simulated hour is 0.6 an hour per watch on the real clock: with the
#: demo's ten or so watches, a voice message every few minutes besides the scripted one.
#: ``day_plans``: outside the curfew everyone lives the day ``arm simulate day`` plans (home, work, travel,
#: indoor fix loss, evening charging): the same behaviour model as the replay's realistic day (issue 17).
DEMO_RATES = SimRates(interval_s=10.0, time_scale=60.0, tamper_per_day=0.5, sos_per_day=0.3,
                      curfew_break=0.3, zone_visit=0.05, curfew_on_real_clock=True, voice_per_hour=0.01,
                      day_plans=True)

#: (situation, real seconds after start): what goes wrong, and when.
SCRIPT: tuple[tuple[str, float], ...] = (
    ("low_battery", 20.0),
    ("curfew", 30.0),
    ("alcohol_positive", 45.0),
    ("exclusion_zone", 60.0),
    ("tamper_strap", 90.0),
    ("voice_message", 50.0),
)
#: how long (real s) the curfew breaker stays out and the zone visitor stays in
CURFEW_OUT_S = 240.0
ZONE_STAY_S = 150.0
#: first breath test of each BAC unit, then one every this many simulated hours
BAC_FIRST_S = 15.0
BAC_EVERY_SIM_H = 4.0
#: ICD devices that go through real pseudo-terminals by default (the rest: IngestSink)
DEFAULT_PTY_DEVICES = 6
NETWORK_PROTOCOL = {"GT06": "gt06", "WATCH": "watch", "PHONE": "osmand"}
ICD_TYPES = ("BRC", "SKU", "MKU", "TRK", "BAC")
Event = tuple[str, str, str, EventFields, datetime]  # serial, device type, kind, fields, time


class IcdSink(Protocol):
    """Where the households' ICD events go."""

    async def deliver(self, events: list[Event]) -> None: ...

    def close(self) -> None: ...


class IngestSink:
    """In-process ICD source ``"sim"``: the same DeviceEvents, through the ingest core."""

    def __init__(self, ingest: Any) -> None:
        self.ingest = ingest

    async def deliver(self, events: list[Event]) -> None:
        from arm.events import DeviceEvent

        if events:
            batch = [DeviceEvent(serial, None, at.replace(microsecond=0), kind, fields, source="sim",
                                 device_type=dtype) for serial, dtype, kind, fields, at in events]
            # Shielded: stopping the demo mid-store must not cancel the ingest core's
            # future under its writer thread (set_result on a cancelled future raises there).
            await asyncio.shield(self.ingest.store(batch))

    def close(self) -> None:
        pass


def evseq_base() -> int:
    """A starting evseq that grows with wall time, so a restarted demo's emulators
    never reuse an evseq already stored (the host keeps each (device, evseq) once)."""
    return max(0, int(time.time()) - 1_700_000_000) * 4


class PtySink:
    """ICD devices as emulated pseudo-terminals linked in ``directory`` (``arm.simulate.pty_devices``).

    The service's serial manager reads them (``--serial auto --serial-glob
    'DIR/ttyEM-*'``); an event counts once the host stored and acknowledged it.
    """

    def __init__(self, directory: Path, seed: int = 1) -> None:
        self.directory = directory
        self.seed = seed
        self.emulators: dict[str, Any] = {}

    def add(self, serial: str, dtype: str, paired: list[str] | None = None) -> None:
        from arm.simulate.pty_devices import emulated_device

        self.directory.mkdir(parents=True, exist_ok=True)
        self.emulators[serial] = emulated_device(dtype, serial, str(self.directory / f"ttyEM-{serial}"),
                                                 list(paired or []), seed=self.seed, evseq_start=evseq_base(),
                                                 firmware="2.4.1")

    def link(self, serial: str) -> str:
        return str(self.directory / f"ttyEM-{serial}")

    async def deliver(self, events: list[Event]) -> None:
        for serial, _dtype, kind, fields, at in events:
            emu = self.emulators.get(serial)
            if emu is not None:
                emu.emit(kind, fields, at.replace(microsecond=0))

    def close(self) -> None:
        for emu in self.emulators.values():
            with contextlib.suppress(Exception):
                emu.stop()
        self.emulators.clear()


class RoutingSink:
    """Pty devices to their emulator, the others to the in-process source."""

    def __init__(self, pty: PtySink | None, sim: IngestSink | None) -> None:
        self.pty = pty
        self.sim = sim
        self.dropped = 0

    async def deliver(self, events: list[Event]) -> None:
        via_pty = [e for e in events if self.pty is not None and e[0] in self.pty.emulators]
        rest = [e for e in events if not (self.pty is not None and e[0] in self.pty.emulators)]
        if via_pty and self.pty is not None:
            await self.pty.deliver(via_pty)
        if rest and self.sim is not None:
            await self.sim.deliver(rest)
        elif rest:
            self.dropped += len(rest)

    def close(self) -> None:
        if self.pty is not None:
            self.pty.close()


@dataclass
class Household:
    """One demo person: where they live, what they wear, what is scripted for them."""

    person_id: int
    home: tuple[float, float]
    home_radius_m: float
    #: device type -> serial, for the person's current assignments
    devices: dict[str, str]
    mover: SimDevice
    exclusion: tuple[float, float] | None = None
    curfew_active_at_start: bool = False
    #: the person's curfews: (schedule, valid from, valid until)
    curfews: list[tuple[Any, datetime, datetime | None]] = field(default_factory=list)
    scenario: str = ""
    scenario_at: float = 0.0
    brc_battery: float = 80.0
    presence: str = ""
    mku_presence_sent: bool = False
    cycle: int = 0
    #: real seconds after start of the next breath test (None: the first, BAC_FIRST_S)
    next_bac_at: float | None = None
    done: set[str] = field(default_factory=set)


class DemoFleet(FleetSimulator):
    """Every demo device reporting, with the scripted situations; ``await fleet.run(host, ports)``."""

    def __init__(self, households: list[Household], rates: SimRates | None = None, seed: int = 2026,
                 zones: list[tuple[float, float]] | None = None, sink: IcdSink | None = None,
                 timeline_scale: float = 1.0, clock: Any = None) -> None:
        super().__init__([h.mover for h in households], rates or DEMO_RATES, seed, zones=zones, clock=clock)
        self.households = {h.mover.ident: h for h in households}
        self.sink: IcdSink = sink or RoutingSink(None, None)
        #: multiplies every scripted time (tests run the two minutes in a few seconds)
        self.timeline_scale = timeline_scale
        self._assign_scenarios()

    # ------------------------------------------------------------ building
    @classmethod
    def from_database(cls, db: Any, rates: SimRates | None = None, seed: int = 2026,
                      demo_only: bool = True, *, sink: IcdSink | None = None, timeline_scale: float = 1.0,
                      now: datetime | None = None, **kw: Any) -> DemoFleet:
        """One household per (demo) person with a home address and issued devices."""
        from sqlalchemy import select

        from db.models import Assignment, Device, Person, Restriction, RestrictionKind, Zone

        now = now or datetime.now(UTC)
        rng = random.Random(seed)
        households: list[Household] = []
        with db.session() as s:
            q = select(Person).where(Person.home_lat.is_not(None), Person.deregistered_on.is_(None))
            if demo_only:
                q = q.where(Person.is_demo.is_(True))
            persons = list(s.scalars(q.order_by(Person.id)))
            devices: dict[int, dict[str, str]] = {}
            dq = (select(Assignment.person_id, Device.serial, Device.type).join(Device, Device.id == Assignment.device_id)
                  .where(Assignment.returned_at.is_(None)).order_by(Device.serial))
            for pid, serial, dtype in s.execute(dq):
                devices.setdefault(pid, {}).setdefault(str(dtype), serial)
            centres = {z.id: _geometry_center(z.geometry) for z in s.scalars(select(Zone))}
            zone_centres = [c for z in s.scalars(select(Zone)) if str(z.kind) == "exclusion"
                            if (c := centres.get(z.id))]
            restrictions: dict[int, list[Restriction]] = {}
            for r in s.scalars(select(Restriction)):
                restrictions.setdefault(r.person_id, []).append(r)
            for p in persons:
                devs = devices.get(p.id, {})
                if not devs or p.home_lat is None or p.home_lon is None:
                    continue
                home = (p.home_lat, p.home_lon)
                city = "astana" if p.home_lat > 47 else "almaty"
                net = next((t for t in ("GT06", "WATCH", "PHONE") if t in devs), None)
                pos_icd = next((t for t in ("TRK", "MKU") if t in devs), None)
                ident = devs[net] if net else devs.get(pos_icd or "", f"P{p.id}")
                mover = SimDevice(ident, NETWORK_PROTOCOL[net] if net else "icd", home, city,
                                  icd_type=pos_icd or "", battery=rng.uniform(55, 100))
                excl = next((centres.get(r.zone_id) for r in restrictions.get(p.id, [])
                             if r.kind == RestrictionKind.EXCLUSION_ZONE and r.zone_id is not None), None)
                curfews = [(r.schedule, _aware(r.valid_from), _aware(r.valid_until) if r.valid_until else None)
                           for r in restrictions.get(p.id, []) if r.kind == RestrictionKind.CURFEW]
                households.append(Household(p.id, home, float(p.home_radius_m or 50.0), devs, mover, excl,
                                            _curfew_active(curfews, now), curfews, brc_battery=rng.uniform(60, 95)))
        return cls(households, rates, seed, zones=zone_centres, sink=sink, timeline_scale=timeline_scale, **kw)

    def _assign_scenarios(self) -> None:
        """Give each scripted situation to a different household, reproducibly."""
        rng = random.Random(self.seed * 7919)
        free = list(self.households.values())
        rng.shuffle(free)
        fits = {
            "curfew": lambda h: h.curfew_active_at_start and "SKU" in h.devices and "BRC" in h.devices,
            "exclusion_zone": lambda h: h.exclusion is not None and ("TRK" in h.devices or "MKU" in h.devices),
            "alcohol_positive": lambda h: "BAC" in h.devices,
            "tamper_strap": lambda h: "BRC" in h.devices,
            "low_battery": lambda h: "BRC" in h.devices,
            "voice_message": lambda h: h.mover.protocol == "watch",
        }
        for kind, at in sorted(SCRIPT, key=lambda k: k[0] != "curfew"):  # the rarest fit first
            h = next((h for h in free if fits[kind](h)), None)
            if h is None:
                log.info("demo: no person fits the %s situation; skipped", kind)
                continue
            free.remove(h)
            h.scenario, h.scenario_at = kind, at * self.timeline_scale
            if kind == "low_battery":
                h.brc_battery = 22.0
            log.info("demo: %s for person %d at +%.0f s", kind, h.person_id, h.scenario_at)

    @property
    def scenarios(self) -> dict[str, int]:
        """Situation -> person id (for tests and the log)."""
        return {h.scenario: h.person_id for h in self.households.values() if h.scenario}

    # ------------------------------------------------------------ behaviour
    def elapsed_s(self) -> float:
        return (self.clock() - self._start_real).total_seconds()

    def step(self, d: SimDevice, real_now: datetime, dt_sim_s: float) -> Report:
        h = self.households.get(d.ident)
        if h is not None and h.scenario == "voice_message" and self.elapsed_s() >= h.scenario_at:
            d.voice_due = True  # the watch sends a short voice message with this report
            h.scenario = "voice_message:done"
        if h is not None and h.scenario in ("curfew", "exclusion_zone"):
            self._script_movement(h, d)
        if h is not None and h.scenario not in ("curfew", "exclusion_zone"):  # also the step a script ends in:
            self._keep_curfew(h, d, real_now)  # back home under house arrest, the day's plan must not take over
        return super().step(d, real_now, dt_sim_s)

    @staticmethod
    def _keep_curfew(h: Household, d: SimDevice, real_now: datetime) -> None:
        """A curfew in force outside the night (house arrest) keeps the person home.

        At night the simulator's own curfew model decides (kept, or broken with
        ``curfew_break``)."""
        if _curfew_active(h.curfews, real_now) and not in_curfew(real_now.astimezone(LOCAL_TZ)):
            d.script_target = h.home
        elif d.script_target == h.home:
            d.script_target = None

    def _script_movement(self, h: Household, d: SimDevice) -> None:
        t = self.elapsed_s()
        stay = CURFEW_OUT_S if h.scenario == "curfew" else ZONE_STAY_S
        if t < h.scenario_at:
            d.script_target = h.home  # keeps home until the moment comes
        elif t < h.scenario_at + stay * self.timeline_scale:
            if h.scenario == "curfew":
                r = 900.0  # a walk to the shop round the corner, during curfew
                target = (h.home[0] + r * 0.6 / M_PER_DEG, h.home[1] + r * 0.8 / (M_PER_DEG * _cos(h.home[0])))
            else:
                target = h.exclusion or h.home
            if d.script_target != target:
                d.script_target = target
                d.driving = distance_m((d.lat, d.lon), target) > 1500
        elif d.script_target is not None:
            d.script_target = h.home
            if d.at_home:
                d.script_target = None
                h.scenario = f"{h.scenario}:done"

    async def _send(self, d: SimDevice, client: Any, r: Report) -> None:
        if d.protocol == "icd":
            d.sent["icd"] += 1
        else:
            await super()._send(d, client, r)
        h = self.households.get(d.ident)
        if h is not None:
            await self.sink.deliver(self.household_events(h, d, r))

    def household_events(self, h: Household, d: SimDevice, r: Report) -> list[Event]:
        """What every device of the household says at this report."""
        t = self.elapsed_s()
        at = r.time
        rng = self.rng
        h.cycle += 1
        stat_now = h.cycle % 3 == 1
        out: list[Event] = []
        devs = h.devices
        hours = self.rates.interval_s * self.rates.time_scale / 3600
        # bracelet
        if "BRC" in devs:
            brc = devs["BRC"]
            floor = 5.0 if h.scenario == "low_battery" else 20.0
            h.brc_battery = max(floor, h.brc_battery - self.rates.battery_drain_pct_per_h / 4 * hours)
            if h.scenario == "low_battery" and t >= h.scenario_at and "low_battery" not in h.done:
                h.done.add("low_battery")
                h.brc_battery = 14.0
                out.append((brc, "BRC", "STAT", _stat(14, False, rng), at))
                out.append((brc, "BRC", "POWER", PowerFields(state=PowerState.LOW_BATTERY), at))
            elif stat_now:
                out.append((brc, "BRC", "STAT", _stat(round(h.brc_battery), False, rng), at))
            else:
                out.append((brc, "BRC", "HB", {}, at))
            cut = "tampering" in r.alarms and d.protocol == "icd"
            if (h.scenario == "tamper_strap" and t >= h.scenario_at and "tamper" not in h.done) or cut:
                h.done.add("tamper")
                out.append((brc, "BRC", "TAMPER", TamperFields(part=TamperPart.STRAP, state=TamperState.OPEN), at))
        # home unit: is the bracelet within reach?
        if "SKU" in devs:
            sku = devs["SKU"]
            state = PresenceState.IN if distance_m((d.lat, d.lon), h.home) <= h.home_radius_m else PresenceState.OUT
            if state != h.presence and "BRC" in devs:
                h.presence = state
                out.append((sku, "SKU", "PRESENCE", {"bracelet": devs["BRC"], "state": state,
                                                     "rssi": -rng.randint(45, 70) if state == PresenceState.IN else None}, at))
            elif stat_now:
                out.append((sku, "SKU", "STAT", {"battery": 100, "charging": True, "rssi": -rng.randint(60, 80),
                                                 "temperature": 22.5}, at))
            else:
                out.append((sku, "SKU", "HB", {}, at))
        # body tracker / mobile unit: the person's position
        for dtype in ("TRK", "MKU"):
            if dtype not in devs:
                continue
            serial = devs[dtype]
            if r.lat is not None and r.lon is not None:
                out.append((serial, dtype, "POS", {
                    "lat": round(r.lat, 6), "lon": round(r.lon, 6), "fix": 1, "sats": rng.randint(7, 12),
                    "hdop": round(rng.uniform(0.7, 1.4), 1), "speed_kmh": round(r.speed_kmh, 1),
                    "course": round(r.course, 1)}, at))
            if stat_now or r.lat is None:
                out.append((serial, dtype, "STAT", _stat(r.battery, r.charging, rng), at))
            if dtype == "MKU" and not h.mku_presence_sent and "BRC" in devs:
                h.mku_presence_sent = True
                out.append((serial, dtype, "PRESENCE", {"bracelet": devs["BRC"], "state": PresenceState.IN,
                                                        "rssi": -rng.randint(40, 60)}, at))
            if "lowBattery" in r.alarms and d.protocol == "icd":
                out.append((serial, dtype, "POWER", PowerFields(state=PowerState.LOW_BATTERY), at))
        # breathalyser: tests at set times
        if "BAC" in devs:
            bac = devs["BAC"]
            if h.scenario == "alcohol_positive" and t >= h.scenario_at and "bac_fail" not in h.done:
                h.done.add("bac_fail")
                out.append((bac, "BAC", "BAC", {"test_id": f"T{int(at.timestamp())}", "mg_l": 0.42,
                                                "face_match": 96, "result": BacResult.FAIL}, at))
            elif t >= (BAC_FIRST_S * self.timeline_scale if h.next_bac_at is None else h.next_bac_at):
                h.next_bac_at = t + BAC_EVERY_SIM_H * 3600 / self.rates.time_scale
                out.append((bac, "BAC", "BAC", {"test_id": f"T{int(at.timestamp())}",
                                                "mg_l": round(rng.uniform(0.0, 0.04), 2),
                                                "face_match": rng.randint(88, 99), "result": BacResult.PASS}, at))
            elif stat_now:
                out.append((bac, "BAC", "STAT", {"battery": 100, "charging": True, "rssi": -rng.randint(60, 80),
                                                 "temperature": 23.0}, at))
            else:
                out.append((bac, "BAC", "HB", {}, at))
        return out

    # ------------------------------------------------------------ running
    def icd_serials(self) -> list[tuple[str, str, str]]:
        """(serial, type, paired bracelet) of every ICD device of the fleet, sorted."""
        out = []
        for h in self.households.values():
            for dtype, serial in h.devices.items():
                if dtype in ICD_TYPES:
                    out.append((serial, dtype, h.devices.get("BRC", "") if dtype in ("SKU", "MKU") else ""))
        return sorted(out)

    def attach_ptys(self, directory: Path, count: int = DEFAULT_PTY_DEVICES) -> PtySink:
        """Put the first ``count`` ICD devices (whole households first) on pseudo-terminals."""
        pty = PtySink(directory, self.seed)
        chosen: list[tuple[str, str, str]] = []
        for h in sorted(self.households.values(), key=lambda h: h.person_id):
            icd = [(s, t, h.devices.get("BRC", "") if t in ("SKU", "MKU") else "")
                   for t, s in h.devices.items() if t in ICD_TYPES]
            if len(chosen) + len(icd) > count:
                break
            chosen += icd
        for serial, dtype, paired in chosen:
            pty.add(serial, dtype, [paired] if paired else [])
        sim = self.sink.sim if isinstance(self.sink, RoutingSink) else None
        self.sink = RoutingSink(pty, sim)
        return pty

    async def run(self, host: str, ports: dict[str, int], duration_s: float | None = None,
                  max_reports: int | None = None) -> Any:
        try:
            return await super().run(host, ports, duration_s, max_reports)
        finally:
            self.sink.close()


def _aware(t: datetime) -> datetime:
    return t if t.tzinfo else t.replace(tzinfo=UTC)


def _curfew_active(curfews: list[tuple[Any, datetime, datetime | None]], at: datetime) -> bool:
    from arm.rules.schedule import schedule_active, valid_at

    return any(valid_at(start, until, at) and schedule_active(schedule, at, LOCAL_TZ)
               for schedule, start, until in curfews)


def _stat(battery: int, charging: bool, rng: random.Random) -> StatFields:
    return {"battery": int(battery), "charging": charging, "rssi": -rng.randint(55, 90),
            "temperature": round(rng.uniform(30.0, 34.0), 1)}


def _cos(lat: float) -> float:
    import math

    return math.cos(math.radians(lat))


def remove_dir(path: Path | None) -> None:
    """Remove the demo's pty link directory (the links are gone once the emulators stop)."""
    if path is not None:
        shutil.rmtree(path, ignore_errors=True)


__all__ = ["DEMO_RATES", "SCRIPT", "DemoFleet", "Household", "IngestSink", "PtySink", "RoutingSink", "remove_dir"]
