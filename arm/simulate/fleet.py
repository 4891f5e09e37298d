"""A fleet of simulated supervised persons and their devices, over real sockets.

Each simulated person lives at a home address in Astana or Almaty, goes out
and comes back, keeps the night curfew or (with the probability the user sets)
breaks it, sometimes walks into an exclusion zone, loses GNSS indoors, drains
and recharges the battery, and now and then cuts the strap, presses SOS or
loses mains power. Their tracker reports what happened in its own protocol
(GT06, Watch or OsmAnd) to a running service, exactly as a real device would,
resending until acknowledged (``arm.simulate.clients``); with ``serial_dir``
ICD devices are simulated on pseudo-terminals by the serial area's emulator
(``arm.simulate.pty_devices``, a plugin hook).

With ``SimRates.day_plans`` (the GUI demo's rates) each person lives the day
``arm simulate day`` plans (:func:`arm.simulate.day.day_plan`): home, work or
errands near home, travel between them, the satellite fix lost indoors at work,
the device charged in the evening (or forgotten) and, after a low battery, most
wearers charging within the hour. Outside the curfew the plan decides where a
person goes; the curfew (kept or broken) and a demo's script still override it.

Everything random comes from one ``random.Random(seed)`` (a day's plan from the
seed, the device and the date), so a run with the
same seed, rates and device list makes the same decisions (network timing can
still reorder concurrent devices). Usable in-process (``FleetSimulator.run``
as an asyncio task, as the GUI demo does) and from ``arm simulate``.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import math
import random
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from arm.events import PowerFields, PowerState, TamperFields, TamperPart, TamperState
from arm.simulate import gt06_device, osmand_device, watch_device
from arm.simulate.amr import amr_clip
from arm.simulate.clients import Gt06Client, OsmAndClient, WatchClient
from arm.simulate.day import DayPlan, day_plan

log = logging.getLogger("arm.simulate")

CITIES = {"astana": (51.1282, 71.4307), "almaty": (43.2380, 76.9452)}
LOCAL_TZ = ZoneInfo("Asia/Almaty")
WALK_MPS, DRIVE_MPS = 1.4, 9.0
M_PER_DEG = 111_320.0
#: voice clips up to this size go in one TK frame (~5 s of AMR-NB 12.2), larger ones in JXTK parts
VOICE_TK_MAX = 8 * 1024
VOICE_PART_BYTES = 4 * 1024


@dataclass(frozen=True)
class SimRates:
    """How the fleet behaves; every rate is per simulated time."""

    #: seconds between two reports of one device (real time)
    interval_s: float = 30.0
    #: simulated seconds per real second (movement, curfew clock, rates)
    time_scale: float = 1.0
    #: probability that a person stays out during a given night's curfew
    curfew_break: float = 0.1
    #: probability that a trip goes into an exclusion zone (when zones are known)
    zone_visit: float = 0.05
    #: probability that a report from indoors has no GNSS fix
    indoor_gnss_loss: float = 0.6
    battery_drain_pct_per_h: float = 4.0
    tamper_per_day: float = 0.02
    sos_per_day: float = 0.01
    power_cut_per_day: float = 0.02
    #: judge the night curfew on the real clock instead of the scaled one: the
    #: rules engine sees real time, so a fast demo must not send people out at night
    curfew_on_real_clock: bool = False
    #: voice messages per Watch device per simulated hour (0: none)
    voice_per_hour: float = 0.0
    #: live the day generator's plans (arm.simulate.day.day_plan) instead of random trips
    day_plans: bool = False
    #: with day_plans: the share of wearers who charge within the hour after a low battery
    charge_after_low: float = 0.85


@dataclass
class SimDevice:
    """One device and the person wearing it."""

    ident: str
    protocol: str  # gt06 | watch | osmand | icd
    home: tuple[float, float]
    city: str = "astana"
    icd_type: str = "TRK"
    lat: float = 0.0
    lon: float = 0.0
    target: tuple[float, float] | None = None
    dwell_until: datetime | None = None
    driving: bool = False
    battery: float = 100.0
    charging: bool = False
    breaks_curfew_on: str = ""
    strap_cut: bool = False
    low_battery_sent: bool = False
    #: a scripted destination (the demo's situations): overrides trips and the curfew
    script_target: tuple[float, float] | None = None
    #: a scripted voice message (the demo's situation): sent with the next report
    voice_due: bool = False
    #: with SimRates.day_plans: today's plan (arm.simulate.day.DayPlan) and a charge after a low battery
    plan: DayPlan | None = None
    charge_after_low_from: datetime | None = None
    sent: Counter[str] = field(default_factory=Counter)

    def __post_init__(self) -> None:
        if not self.lat and not self.lon:
            self.lat, self.lon = self.home

    @property
    def at_home(self) -> bool:
        return distance_m((self.lat, self.lon), self.home) < 60


@dataclass
class Report:
    """What one device says at one step (protocol-neutral)."""

    time: datetime
    lat: float | None
    lon: float | None
    speed_kmh: float
    course: float
    battery: int
    charging: bool
    alarms: list[str] = field(default_factory=list)
    #: a voice message (AMR-NB file) the device sends with this report (Watch only)
    voice: bytes | None = None


def distance_m(a: tuple[float, float], b: tuple[float, float]) -> float:
    dlat = (a[0] - b[0]) * M_PER_DEG
    dlon = (a[1] - b[1]) * M_PER_DEG * math.cos(math.radians((a[0] + b[0]) / 2))
    return math.hypot(dlat, dlon)


def bearing_deg(a: tuple[float, float], b: tuple[float, float]) -> float:
    dlat = b[0] - a[0]
    dlon = (b[1] - a[1]) * math.cos(math.radians(a[0]))
    return (math.degrees(math.atan2(dlon, dlat)) + 360) % 360


def in_curfew(local: datetime) -> bool:
    return local.hour >= 22 or local.hour < 6


class FleetSimulator:
    """Drives devices against a service; ``await sim.run(host, ports)``."""

    def __init__(self, devices: list[SimDevice], rates: SimRates | None = None, seed: int = 1,
                 zones: list[tuple[float, float]] | None = None, serial_dir: Path | None = None,
                 clock: Callable[[], datetime] | None = None) -> None:
        self.devices = devices
        #: real-time clock (tests inject a fake one to replay a day in milliseconds)
        self.clock = clock or (lambda: datetime.now(UTC))
        self.rates = rates or SimRates()
        self.seed = seed
        self.rng = random.Random(seed)
        self.zones = list(zones or [])
        self.serial_dir = serial_dir
        self.stats: Counter[str] = Counter()
        self._start_real = self.clock()
        self._emulators: list[Any] = []

    # ------------------------------------------------------------ building a fleet
    @classmethod
    def synthetic(cls, n: int, mix: dict[str, float] | None = None, rates: SimRates | None = None,
                  seed: int = 1, **kw: Any) -> FleetSimulator:
        """``n`` devices with generated identifiers, homes around Astana and Almaty."""
        rng = random.Random(seed)
        mix = mix or {"gt06": 0.5, "watch": 0.3, "osmand": 0.2}
        names, weights = zip(*mix.items(), strict=True)
        devices = []
        for i in range(n):
            proto = rng.choices(names, weights)[0]
            city = "astana" if i % 2 == 0 else "almaty"
            clat, clon = CITIES[city]
            home = (clat + rng.uniform(-0.05, 0.05), clon + rng.uniform(-0.07, 0.07))
            ident = {"gt06": f"35{seed % 1000:03d}{i:010d}", "watch": f"{7000000000 + seed % 1000 * 100000 + i}",
                     "osmand": f"phone-{seed}-{i:05d}", "icd": f"TRK-{seed % 100:02d}{i:05d}"}[proto]
            devices.append(SimDevice(ident, proto, home, city, battery=rng.uniform(40, 100)))
        return cls(devices, rates, seed, **kw)

    @classmethod
    def from_database(cls, db: Any, rates: SimRates | None = None, seed: int = 1, demo_only: bool = True,
                      **kw: Any) -> FleetSimulator:
        """The issued network trackers of the (demo) persons, at their home addresses."""
        from sqlalchemy import select

        from db.models import Assignment, Device, DeviceType, Person, Zone

        protocol_of = {DeviceType.GT06: "gt06", DeviceType.WATCH: "watch", DeviceType.PHONE: "osmand"}
        if kw.get("serial_dir") is not None:
            # GNSS trackers of the ICD family, through the serial emulator's pseudo-terminals
            protocol_of[DeviceType.TRK] = "icd"
        rng = random.Random(seed)
        devices: list[SimDevice] = []
        zones: list[tuple[float, float]] = []
        with db.session() as s:
            q = (select(Device.serial, Device.type, Person.home_lat, Person.home_lon)
                 .join(Assignment, Assignment.device_id == Device.id)
                 .join(Person, Person.id == Assignment.person_id)
                 .where(Assignment.returned_at.is_(None)))
            if demo_only:
                q = q.where(Device.is_demo.is_(True))
            seen = set()
            for serial, dtype, hlat, hlon in s.execute(q.order_by(Device.serial)):
                if serial in seen or hlat is None or hlon is None:
                    continue
                seen.add(serial)
                proto = protocol_of.get(dtype)
                if proto is None:
                    continue
                city = "astana" if hlat > 47 else "almaty"
                devices.append(SimDevice(serial, proto, (hlat, hlon), city, icd_type=str(dtype),
                                         battery=rng.uniform(50, 100)))
            for zone in s.scalars(select(Zone)):
                if str(getattr(zone, "kind", "")).lower().startswith("excl"):
                    center = _geometry_center(zone.geometry)
                    if center:
                        zones.append(center)
        return cls(devices, rates, seed, zones=zones, **kw)

    # ------------------------------------------------------------ behaviour
    def sim_now(self) -> datetime:
        real = self.clock()
        return self._start_real + (real - self._start_real) * self.rates.time_scale

    def step(self, d: SimDevice, real_now: datetime, dt_sim_s: float) -> Report:
        """Advance one device by ``dt_sim_s`` simulated seconds and say what it reports."""
        rng = self.rng
        rates = self.rates
        local = (self.clock() if rates.curfew_on_real_clock else self.sim_now()).astimezone(LOCAL_TZ)
        night = local.date().isoformat() if local.hour >= 12 else (local.date() - timedelta(days=1)).isoformat()
        curfew = in_curfew(local)
        if curfew and d.breaks_curfew_on != night and d.breaks_curfew_on != f"keep:{night}":
            d.breaks_curfew_on = night if rng.random() < rates.curfew_break else f"keep:{night}"
        breaking = curfew and d.breaks_curfew_on == night

        sim_now = self.sim_now()
        planned = self._plan_now(d, sim_now) if rates.day_plans else None
        if planned is not None and d.script_target is None and not curfew:
            plan, t = planned
            leg = plan.leg_at(t)
            d.target = leg.where(t)  # where today's plan has the person now
            d.driving = distance_m((d.lat, d.lon), d.target) > 1500 or (
                leg.b is not None and distance_m(leg.a, leg.b) / max(1.0, leg.t1 - leg.t0) > 3.0)
            d.dwell_until = None
        if d.script_target is not None:
            breaking = True  # where the script sends the person, curfew or not
            if distance_m((d.lat, d.lon), d.script_target) > 5:
                d.target = d.script_target
            else:
                d.target, d.dwell_until = None, sim_now + timedelta(hours=1)
        if d.target is None and (d.dwell_until is None or sim_now >= d.dwell_until):
            d.target = self._choose_target(d, curfew, breaking)
            d.driving = distance_m((d.lat, d.lon), d.target) > 1500 and rng.random() < 0.6
        if curfew and not breaking and not d.at_home and (d.target is None or d.target != d.home):
            d.target, d.driving = d.home, distance_m((d.lat, d.lon), d.home) > 1500
        speed = 0.0
        course = 0.0
        if d.target is not None:
            dist = distance_m((d.lat, d.lon), d.target)
            step = (DRIVE_MPS if d.driving else WALK_MPS) * dt_sim_s
            course = bearing_deg((d.lat, d.lon), d.target)
            if step >= dist:
                d.lat, d.lon = d.target
                d.target = None
                stay = rng.uniform(1800, 4 * 3600) if d.at_home else rng.uniform(600, 2 * 3600)
                d.dwell_until = sim_now + timedelta(seconds=stay)
            else:
                f = step / dist
                d.lat += (d.target[0] - d.lat) * f
                d.lon += (d.target[1] - d.lon) * f
                speed = (DRIVE_MPS if d.driving else WALK_MPS) * 3.6
        # battery: drain, charge at home at night
        hours = dt_sim_s / 3600
        d.charging = d.at_home and (d.charging or (curfew and d.battery < 40)) and d.battery < 99
        if planned is not None and not speed and d.battery < 99:  # the plan's evening charge, or after a low battery
            after_low = d.charge_after_low_from is not None and \
                d.charge_after_low_from <= sim_now < d.charge_after_low_from + timedelta(hours=2.5)
            d.charging = d.charging or planned[0].charging(planned[1]) or after_low
        d.battery = min(100.0, d.battery + 20 * hours) if d.charging else max(
            0.0, d.battery - rates.battery_drain_pct_per_h * hours * (1.5 if speed else 1.0))
        alarms: list[str] = []
        if d.battery < 15 and not d.low_battery_sent and not d.charging:
            alarms.append("lowBattery")
            d.low_battery_sent = True
            if planned is not None and rng.random() < rates.charge_after_low:  # plugged in within the hour
                d.charge_after_low_from = sim_now + timedelta(seconds=rng.uniform(15 * 60, 60 * 60))
        if d.battery > 30:
            d.low_battery_sent = False
        days = dt_sim_s / 86400
        if not d.strap_cut and rng.random() < rates.tamper_per_day * days:
            alarms.append("tampering")
            d.strap_cut = True
        if rng.random() < rates.sos_per_day * days:
            alarms.append("sos")
        if d.protocol == "gt06" and rng.random() < rates.power_cut_per_day * days:
            alarms.append("powerCut")
        voice = self._voice(d, hours)
        indoor = d.at_home and d.target is None
        lat: float | None = d.lat + rng.gauss(0, 4) / M_PER_DEG
        lon: float | None = d.lon + rng.gauss(0, 4) / (M_PER_DEG * math.cos(math.radians(d.lat)))
        if indoor and rng.random() < rates.indoor_gnss_loss:
            lat = lon = None
        elif planned is not None and not speed and planned[0].indoors(planned[1]) and not d.at_home:
            lat = lon = None  # indoors at work: no satellite fix all those hours
        return Report(real_now.replace(microsecond=0), lat, lon, speed, course, round(d.battery), d.charging, alarms,
                      voice)

    def _plan_now(self, d: SimDevice, sim_now: datetime) -> tuple[DayPlan, float]:
        """Today's plan of ``d`` (made when the simulated day changes) and the seconds since local midnight."""
        local = sim_now.astimezone(LOCAL_TZ)
        if d.plan is None or d.plan.day != local.date():
            d.plan = day_plan(f"{self.seed}:{d.ident}", local.date(), d.home)
        midnight = local.replace(hour=0, minute=0, second=0, microsecond=0)
        return d.plan, (local - midnight).total_seconds()

    def _voice(self, d: SimDevice, hours: float) -> bytes | None:
        """Now and then a Watch wearer records a voice message (1.5 to 12 s of AMR-NB).

        The random draws happen only for Watch devices and only when the rate
        is set, so runs without voice keep the decisions of earlier versions
        for the same seed. Clip content is seeded from the same generator.
        """
        if d.protocol != "watch":
            return None
        scripted, d.voice_due = d.voice_due, False
        if not scripted and not (self.rates.voice_per_hour > 0
                                 and self.rng.random() < self.rates.voice_per_hour * hours):
            return None
        # the scripted message is a short one (one TK frame); random ones are up to 12 s (JXTK beyond ~5 s)
        seconds = 3.0 if scripted else self.rng.uniform(1.5, 12.0)
        return amr_clip(seconds, seed=self.rng.getrandbits(32))

    def _choose_target(self, d: SimDevice, curfew: bool, breaking: bool) -> tuple[float, float]:
        rng = self.rng
        if curfew and not breaking:
            return d.home
        if self.zones and rng.random() < self.rates.zone_visit:
            near = [z for z in self.zones if distance_m(z, d.home) < 30_000] or self.zones
            return rng.choice(near)
        if not d.at_home and rng.random() < 0.5:
            return d.home
        r = rng.uniform(300, 3000 if not breaking else 6000)
        a = rng.uniform(0, 2 * math.pi)
        return (d.home[0] + r * math.cos(a) / M_PER_DEG,
                d.home[1] + r * math.sin(a) / (M_PER_DEG * math.cos(math.radians(d.home[0]))))

    # ------------------------------------------------------------ encoding
    @staticmethod
    def gt06_frames(client: Gt06Client, r: Report) -> list[bytes]:
        frames = []
        if r.lat is not None and r.lon is not None:
            frames.append(gt06_device.encode_location(r.time, r.lat, r.lon, r.speed_kmh, r.course, 9, True,
                                               client.next_serial()))
        level = max(0, min(6, round(r.battery / 100 * 6)))
        frames.append(gt06_device.encode_status(level, 4, client.next_serial(), charging=r.charging))
        codes = {"sos": 0x01, "powerCut": 0x02, "tampering": 0x13, "lowBattery": 0x0F}
        for alarm in r.alarms:
            lat = r.lat if r.lat is not None else 0.0
            lon = r.lon if r.lon is not None else 0.0
            frames.append(gt06_device.encode_alarm(r.time, lat, lon, codes[alarm], client.next_serial(), level))
        return frames

    @staticmethod
    def watch_frames(ident: str, r: Report) -> list[bytes]:
        bits = {"sos": 0x10000, "tampering": 0x100000, "lowBattery": 0x1}
        frames = [watch_device.encode_position(ident, r.time, r.lat, r.lon, r.speed_kmh, r.course,
                                        8 if r.lat is not None else 0, r.battery)]
        for alarm in r.alarms:
            if alarm in bits:
                frames.append(watch_device.encode_position(ident, r.time, r.lat, r.lon, r.speed_kmh, r.course, 8,
                                                    r.battery, status=bits[alarm], msg_type="AL"))
        return frames

    @staticmethod
    def voice_frames(ident: str, r: Report) -> list[bytes]:
        """A clip up to ``VOICE_TK_MAX`` bytes as one ``TK`` frame, a longer one as ``JXTK`` parts.

        Watches send short messages in one frame and split long ones (Traccar's
        ``JXTK,<flag>,<name>,<part>,<parts>,`` layout) into parts of at most
        ``VOICE_PART_BYTES``.
        """
        if r.voice is None:
            return []
        if len(r.voice) <= VOICE_TK_MAX:
            return [watch_device.encode_voice(ident, r.voice)]
        parts = -(-len(r.voice) // VOICE_PART_BYTES)
        return watch_device.encode_voice_parts(ident, f"{ident}_{r.time:%Y%m%d%H%M%S}", r.voice, parts)

    @staticmethod
    def osmand_queries(ident: str, r: Report) -> list[str]:
        queries = [osmand_device.encode_query(ident, r.time, r.lat, r.lon, r.speed_kmh, r.course,
                                       8.0 if r.lat is not None else None, r.battery, r.charging)]
        for alarm in r.alarms:
            if alarm == "sos":
                queries.append(osmand_device.encode_query(ident, r.time + timedelta(seconds=1), r.lat, r.lon,
                                                   batt=r.battery, alarm="sos"))
        return queries

    # ------------------------------------------------------------ running
    async def run(self, host: str, ports: dict[str, int], duration_s: float | None = None,
                  max_reports: int | None = None) -> Counter[str]:
        """Run every device until cancelled, ``duration_s`` passes or each sent ``max_reports``."""
        self._start_real = self.clock()
        tasks = []
        for i, d in enumerate(self.devices):
            if d.protocol != "icd" and d.protocol not in ports:
                continue
            offset = (i / max(1, len(self.devices))) * self.rates.interval_s
            tasks.append(asyncio.create_task(self._device_loop(d, host, ports, offset, max_reports)))
        if self.serial_dir is not None and not self._emulators:
            self.start_emulators()
        try:
            if duration_s is not None:
                _done, pending = await asyncio.wait(tasks, timeout=duration_s)
                for t in pending:
                    t.cancel()
                await asyncio.gather(*pending, return_exceptions=True)
            else:
                await asyncio.gather(*tasks)
        finally:
            for t in tasks:
                t.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
            self._stop_emulators()
        return self.stats

    async def _device_loop(self, d: SimDevice, host: str, ports: dict[str, int], offset: float,
                           max_reports: int | None) -> None:
        client: Any = None
        if d.protocol == "gt06":
            client = Gt06Client(d.ident, host, ports["gt06"], ack_timeout=10.0)
        elif d.protocol == "watch":
            client = WatchClient(d.ident, host, ports["watch"], ack_timeout=10.0)
        elif d.protocol == "osmand":
            client = OsmAndClient(d.ident, host, ports["osmand"])
        await asyncio.sleep(offset)
        loop = asyncio.get_running_loop()
        last = loop.time()
        n = 0
        try:
            while max_reports is None or n < max_reports:
                now = loop.time()
                dt = max(1.0, (now - last)) * self.rates.time_scale if n else self.rates.interval_s
                last = now
                report = self.step(d, self.clock(), dt)
                await self._send(d, client, report)
                n += 1
                self.stats[f"{d.protocol}_reports"] += 1
                for alarm in report.alarms:
                    self.stats[f"alarm_{alarm}"] += 1
                if max_reports is not None and n >= max_reports:
                    break
                await asyncio.sleep(self.rates.interval_s * self.rng.uniform(0.9, 1.1))
        except asyncio.CancelledError:
            pass
        except (OSError, TimeoutError) as exc:
            log.warning("simulated device %s gave up: %s", d.ident, exc)
            self.stats["gave_up"] += 1
        finally:
            if client is not None:
                with contextlib.suppress(Exception):
                    await client.close()

    async def _send(self, d: SimDevice, client: Any, r: Report) -> None:
        if d.protocol == "gt06":
            for frame in self.gt06_frames(client, r):
                await client.send_frame(frame)
        elif d.protocol == "watch":
            for frame in self.watch_frames(d.ident, r):
                await client.send_report(frame)
            voice = self.voice_frames(d.ident, r)
            for frame in voice:
                await client.send_voice(frame)
            if voice:
                self.stats["voice_messages"] += 1
                self.stats["voice_jxtk" if len(voice) > 1 else "voice_tk"] += 1
        elif d.protocol == "osmand":
            for q in self.osmand_queries(d.ident, r):
                await client.post_point(q)
        elif d.protocol == "icd":
            self._emit_icd(d, r)
        d.sent[d.protocol] += 1

    # ------------------------------------------------------------ serial ICD (emulator)
    def serial_ports(self) -> list[str]:
        """The pty links of the simulated ICD devices (give them to the service's --serial)."""
        assert self.serial_dir is not None
        return [str(self.serial_dir / f"ttyEM-{d.ident}") for d in self.devices if d.protocol == "icd"]

    def start_emulators(self) -> None:
        """Create the ICD devices' pseudo-terminals (``run`` does it if not done before)."""
        from arm.simulate.pty_devices import emulated_device

        assert self.serial_dir is not None
        self.serial_dir.mkdir(parents=True, exist_ok=True)
        for d in self.devices:
            if d.protocol == "icd":
                emu = emulated_device(d.icd_type, d.ident, str(self.serial_dir / f"ttyEM-{d.ident}"), seed=self.seed)
                self._emulators.append((d.ident, emu))

    def _stop_emulators(self) -> None:
        for _ident, emu in self._emulators:
            with contextlib.suppress(Exception):
                emu.stop()
        self._emulators.clear()

    def _emit_icd(self, d: SimDevice, r: Report) -> None:
        emu = next((e for ident, e in self._emulators if ident == d.ident), None)
        if emu is None:
            return
        if r.lat is not None and r.lon is not None:
            emu.emit("POS", {"lat": round(r.lat, 6), "lon": round(r.lon, 6), "fix": 1, "sats": 9, "hdop": 0.9,
                             "speed_kmh": round(r.speed_kmh, 1), "course": round(r.course, 1)}, r.time)
        emu.emit("STAT", {"battery": r.battery, "charging": r.charging, "rssi": -70, "temperature": 22.0}, r.time)
        for alarm in r.alarms:
            if alarm == "tampering":
                emu.emit("TAMPER", TamperFields(part=TamperPart.STRAP, state=TamperState.OPEN), r.time)
            elif alarm == "lowBattery":
                emu.emit("POWER", PowerFields(state=PowerState.LOW_BATTERY), r.time)


def _geometry_center(geometry: Any) -> tuple[float, float] | None:
    """Centre of a GeoJSON-like polygon (lon, lat rings), as (lat, lon)."""
    try:
        ring = geometry["coordinates"][0]
        lon = sum(p[0] for p in ring) / len(ring)
        lat = sum(p[1] for p in ring) / len(ring)
        return (lat, lon)
    except (KeyError, IndexError, TypeError, ZeroDivisionError):
        return None
