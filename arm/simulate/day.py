"""``arm simulate day``: one realistic day of events for N supervised persons, and its ground truth.

What a monitoring centre sees in the field is mostly the devices' and the
cellular network's trouble, not violations: about 1.25 alarm conditions per
person per day, 70-80 % of them technical. This generator scripts a day for
each person from ordinary behaviour, and the trouble comes from that
behaviour, not from dice thrown per alarm:

* home at night (curfew 22:00-06:00), work or errands by day, travel between
  them at walking/driving speed; a fix every minute while moving, every five
  minutes while still (the ICD heartbeat is 300 s);
* indoors at work the satellite fix is often lost (GNSS LOST ... RESTORED, cell
  positions meanwhile); near tall buildings at night a few fixes drift 80-150 m;
* the battery runs down about 3.5 %/h and is charged in the evening at home;
  some forget (yesterday or today) and hit the low-battery threshold; most
  then charge within the hour, a few run flat (shutdown, silence);
* cellular dead zones (basements, lifts, the metro): 15-45 minutes without
  coverage, the device keeps its reports and sends them late (``received``);
* strap knocks: the strap sensor opens for a few seconds and closes again.

And rarely, scripted **true violations**, written to the ground-truth file:
curfew breaches (out at night for 40-90 minutes), entries into a person's
exclusion zone, strap cuts (opened and never closed) and leaving the city.

Output: the events as JSON lines (``arm.replay.sources`` reads them) sorted by
arrival, a caseload exchange document (``../shared/exchange/caseload-format.md``)
with the persons, zones, restrictions and devices, and the ground truth.
"""

from __future__ import annotations

import math
import random
import tempfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any, BinaryIO
from zoneinfo import ZoneInfo

import orjson

from db.validation import make_iin

ALMATY = ZoneInfo("Asia/Almaty")
CITY_CENTRE = (43.2450, 76.9150)
CITY_RADIUS_M = 14_000.0
HOME_RADIUS_M = 50.0
CURFEW = [{"days": [0, 1, 2, 3, 4, 5, 6], "start": "22:00", "end": "06:00"}]
DISTRICTS = ("Алмалинский район", "Ауэзовский район", "Бостандыкский район", "Медеуский район",
             "Наурызбайский район", "Алатауский район", "Жетысуский район", "Турксибский район")
LAST_NAMES = ("Ахметов", "Иванов", "Сейткали", "Ким", "Омаров", "Петров", "Нурланов", "Жумабаев", "Смагулов", "Ли")
FIRST_NAMES = ("Ерлан", "Сергей", "Данияр", "Алексей", "Нурлан", "Марат", "Арман", "Дмитрий", "Асхат", "Руслан")
WARMUP_S = 2 * 3600  # events from 22:00 of the day before: the replay's warm-up learns where everyone is


@dataclass(frozen=True, slots=True)
class DayRates:
    """Probabilities per person and day; the defaults give the field rates (docs/replay.md)."""

    indoor_fix_loss: float = 0.36
    night_drift: float = 0.13
    dead_zone: float = 0.23
    forgot_charging_yesterday: float = 0.12
    forget_charging_today: float = 0.15
    charge_after_low: float = 0.85
    strap_knock: float = 0.18
    exclusion_zone_share: float = 0.30
    curfew_breach: float = 0.006
    zone_entry: float = 0.012  # of persons with an exclusion zone
    strap_cut: float = 0.002
    left_city: float = 0.003


# ---------------------------------------------------------------- geometry
def offset(lat: float, lon: float, north_m: float, east_m: float) -> tuple[float, float]:
    return lat + north_m / 110_574.0, lon + east_m / (111_320.0 * math.cos(math.radians(lat)))


def distance_m(a: tuple[float, float], b: tuple[float, float]) -> float:
    dn = (a[0] - b[0]) * 110_574.0
    de = (a[1] - b[1]) * 111_320.0 * math.cos(math.radians(a[0]))
    return math.hypot(dn, de)


def _somewhere(rng: random.Random, centre: tuple[float, float], r_min: float, r_max: float) -> tuple[float, float]:
    r = math.sqrt(rng.uniform(r_min ** 2, r_max ** 2))
    a = rng.uniform(0, 2 * math.pi)
    return offset(*centre, r * math.cos(a), r * math.sin(a))


def iin_for(birth: date, serial: int) -> str:
    """A valid IIN for ``birth`` (:func:`db.validation.make_iin`: the century digit follows the year)."""
    return make_iin(birth, serial)


# ---------------------------------------------------------------- one person's day
@dataclass(slots=True)
class Leg:
    """From ``t0`` to ``t1`` (seconds from local midnight): still at ``a``, or moving from ``a`` to ``b``."""

    t0: float
    t1: float
    a: tuple[float, float]
    b: tuple[float, float] | None = None
    place: str = "home"

    def where(self, t: float) -> tuple[float, float]:
        if self.b is None or self.t1 <= self.t0:
            return self.a
        f = min(1.0, max(0.0, (t - self.t0) / (self.t1 - self.t0)))
        return self.a[0] + (self.b[0] - self.a[0]) * f, self.a[1] + (self.b[1] - self.a[1]) * f


@dataclass(slots=True)
class PersonDay:
    index: int
    serial: str
    iin: str
    home: tuple[float, float]
    zone: tuple[float, float] | None
    zone_radius_m: float = 150.0
    zone_buffer_m: float = 30.0
    legs: list[Leg] = field(default_factory=list)
    truth: list[dict[str, Any]] = field(default_factory=list)


def _trip(legs: list[Leg], t: float, a: tuple[float, float], b: tuple[float, float], speed_ms: float,
          place: str) -> float:
    duration = max(120.0, distance_m(a, b) / speed_ms)
    legs.append(Leg(t, t + duration, a, b, "travel"))
    return t + duration


def plan(rng: random.Random, p: PersonDay, rates: DayRates, centre: tuple[float, float] = CITY_CENTRE,
         work_radius_m: float = 8000.0) -> set[str]:
    """The person's legs for the day (and its true violations); returns the violations scripted.

    Work is within ``work_radius_m`` of ``centre`` (the city's centre; the live demo passes the
    person's home, so each demo city keeps its persons). The demo fleet plays the same plans
    (:func:`day_plan`).
    """
    legs = p.legs
    home = p.home
    scripted: set[str] = set()
    if rng.random() < rates.curfew_breach:
        scripted.add("curfew_breach")
    if p.zone is not None and rng.random() < rates.zone_entry:
        scripted.add("zone_entry")
    if rng.random() < rates.strap_cut:
        scripted.add("strap_cut")
    if rng.random() < rates.left_city:
        scripted.add("left_city")
    t = float(-WARMUP_S)
    leave = rng.gauss(8 * 3600, 40 * 60)
    late_breach = "curfew_breach" in scripted and rng.random() < 0.5
    if "curfew_breach" in scripted and not late_breach:  # after midnight, 00:30-03:00
        out = rng.uniform(0.5 * 3600, 3 * 3600)
        legs.append(Leg(t, out, home))
        target = _somewhere(rng, home, 1000, 3000)
        p.truth.append({"kind": "curfew_breach", "at": out})
        t = _trip(legs, out, home, target, 1.4, "out")
        stay = rng.uniform(20 * 60, 50 * 60)
        legs.append(Leg(t, t + stay, target, None, "out"))
        t = _trip(legs, t + stay, target, home, 1.4, "home")
    legs.append(Leg(t, leave, home))
    t = leave
    worker = rng.random() < 0.7
    work = _somewhere(rng, centre, 0, work_radius_m) if worker else _somewhere(rng, home, 500, 3000)
    t = _trip(legs, t, home, work, 8.0 if distance_m(home, work) > 2500 else 1.4, "work")
    end_work = rng.gauss(18 * 3600, 50 * 60) if worker else rng.uniform(12 * 3600, 16 * 3600)
    if "zone_entry" in scripted and p.zone is not None:
        visit = max(t + 1800, rng.uniform(11 * 3600, 15 * 3600))
        legs.append(Leg(t, visit, work, None, "work"))
        t = _trip(legs, visit, work, p.zone, 8.0, "zone")
        stay = rng.uniform(15 * 60, 30 * 60)
        legs.append(Leg(t, t + stay, p.zone, None, "zone"))
        t = _trip(legs, t + stay, p.zone, work, 8.0, "work")
    if "left_city" in scripted:
        go = max(t + 1800, rng.uniform(10 * 3600, 13 * 3600))
        legs.append(Leg(t, go, work, None, "work"))
        away = _somewhere(rng, CITY_CENTRE, CITY_RADIUS_M + 6000, CITY_RADIUS_M + 12000)
        t = _trip(legs, go, work, away, 15.0, "away")
        stay = rng.uniform(60 * 60, 120 * 60)
        legs.append(Leg(t, t + stay, away, None, "away"))
        t = _trip(legs, t + stay, away, work, 15.0, "work")
    end_work = max(end_work, t + 1800)
    legs.append(Leg(t, end_work, work, None, "work"))
    t = end_work
    if rng.random() < 0.3 and t < 19.5 * 3600:
        errand = _somewhere(rng, home, 300, 2500)
        t = _trip(legs, t, work, errand, 1.4 if distance_m(work, errand) < 2500 else 8.0, "errand")
        stay = rng.uniform(20 * 60, 60 * 60)
        legs.append(Leg(t, t + stay, errand, None, "errand"))
        t = _trip(legs, t + stay, errand, home, 1.4, "home")
    else:
        t = _trip(legs, t, work, home, 8.0 if distance_m(home, work) > 2500 else 1.4, "home")
    shift = t - 21.75 * 3600
    if shift > 0:  # everyone not scripted otherwise is home before the curfew: shorten the day's stays
        stays = [i for i, leg in enumerate(legs) if leg.b is None and leg.t0 >= leave]
        for i in reversed(stays):
            if shift <= 0:
                break
            cut = min(shift, max(0.0, legs[i].t1 - legs[i].t0 - 300))
            legs[i].t1 -= cut
            for leg in legs[i + 1:]:
                leg.t0 -= cut
                leg.t1 -= cut
            shift -= cut
            t -= cut
    if late_breach:
        out = rng.uniform(22.5 * 3600, 23.2 * 3600)
        legs.append(Leg(t, out, home))
        target = _somewhere(rng, home, 1000, 3000)
        p.truth.append({"kind": "curfew_breach", "at": out})
        t = _trip(legs, out, home, target, 1.4, "out")
        stay = rng.uniform(15 * 60, 30 * 60)
        legs.append(Leg(t, t + stay, target, None, "out"))
        t = _trip(legs, t + stay, target, home, 1.4, "home")
    legs.append(Leg(t, 24 * 3600 + 1, home))
    return scripted


def _leg_at(legs: list[Leg], t: float, hint: int) -> int:
    while hint + 1 < len(legs) and legs[hint].t1 <= t:
        hint += 1
    return hint


def indoor_window(rng: random.Random, legs: list[Leg], rates: DayRates) -> tuple[float, float] | None:
    """The hours indoors at work without a satellite fix (the longest stay at work), or None."""
    work = [leg for leg in legs if leg.place == "work" and leg.b is None and leg.t1 - leg.t0 > 3600]
    if work and rng.random() < rates.indoor_fix_loss:
        w = max(work, key=lambda leg: leg.t1 - leg.t0)
        return w.t0 + rng.uniform(60, 600), w.t1 - rng.uniform(60, 300)
    return None


def evening_charge(rng: random.Random, legs: list[Leg], rates: DayRates, careful: bool) -> float | None:
    """When the wearer plugs the device in at home in the evening (for 3 h); None: forgotten today."""
    evening_home = next((leg.t0 for leg in legs if leg.place == "home" and leg.b is None and leg.t0 > 12 * 3600),
                        20 * 3600)
    forget = rng.random() < rates.forget_charging_today and not careful
    return None if forget else evening_home + rng.uniform(0, 90 * 60)


#: the demo's persons: ordinary days (the demo scripts its own violations, docs/demo.md)
ORDINARY = DayRates(curfew_breach=0.0, zone_entry=0.0, strap_cut=0.0, left_city=0.0)
#: how long an evening charge lasts (seconds)
CHARGE_S = 3 * 3600.0


@dataclass(frozen=True, slots=True)
class DayPlan:
    """One person's ordinary day as the day generator plans it: legs, indoor fix loss, evening charge."""

    day: date
    legs: list[Leg]
    indoor: tuple[float, float] | None
    charge_from: float | None

    def leg_at(self, t: float) -> Leg:
        return self.legs[_leg_at(self.legs, t, 0)]

    def indoors(self, t: float) -> bool:
        return self.indoor is not None and self.indoor[0] <= t < self.indoor[1]

    def charging(self, t: float) -> bool:
        return self.charge_from is not None and self.charge_from <= t < self.charge_from + CHARGE_S


def day_plan(key: str, day: date, home: tuple[float, float], rates: DayRates = ORDINARY,
             work_radius_m: float = 3000.0) -> DayPlan:
    """The plan of ``day`` for the person ``key`` (reproducible: the same key and day give the same plan).

    The live demo's fleet (:class:`arm.simulate.fleet.FleetSimulator` with ``SimRates.day_plans``) moves,
    loses the fix and charges by these plans: the same behaviour model as ``arm simulate day``.
    """
    rng = random.Random(zlib.crc32(f"{key}:{day.isoformat()}".encode()))
    person = PersonDay(0, key, "", home, None)
    plan(rng, person, rates, centre=home, work_radius_m=work_radius_m)
    return DayPlan(day, person.legs, indoor_window(rng, person.legs, rates),
                   evening_charge(rng, person.legs, rates, careful=False))


# ---------------------------------------------------------------- the generator
class DayGenerator:
    """Generates the persons' days; ``write`` streams the events sorted by arrival."""

    def __init__(self, persons: int, seed: int, day: date, rates: DayRates | None = None) -> None:
        if persons < 1:
            raise ValueError("--persons: at least 1")
        self.rates = rates or DayRates()
        self.seed = seed
        self.day = day
        self.midnight = datetime.combine(day, time(0), ALMATY).astimezone(UTC)
        rng = random.Random(seed)
        self.persons: list[PersonDay] = []
        for i in range(persons):
            birth = date(1960 + rng.randrange(45), 1 + rng.randrange(12), 1 + rng.randrange(28))
            home = _somewhere(rng, CITY_CENTRE, 300, 8000)
            zone = _somewhere(rng, home, 1500, 4000) if rng.random() < self.rates.exclusion_zone_share else None
            if zone is not None and distance_m(zone, CITY_CENTRE) > CITY_RADIUS_M - 1000:
                zone = None
            self.persons.append(PersonDay(i, f"TRK-{710000 + i}", iin_for(birth, 1000 + i), home, zone))
            self.persons[-1].truth.append({"birth": birth.isoformat()})

    def _at(self, seconds: float) -> str:
        return (self.midnight + timedelta(seconds=seconds)).isoformat()

    def person_events(self, p: PersonDay) -> Iterator[tuple[float, bytes]]:
        """(arrival seconds, JSON line) of one person's day, in event order."""
        rng = random.Random(self.seed * 1_000_003 + p.index)
        rates = self.rates
        scripted = plan(rng, p, rates)
        legs = p.legs
        seq = 0
        indoor = indoor_window(rng, legs, rates)  # indoor fix loss at work
        # a dead zone, 15-45 minutes, mostly while out
        dead: tuple[float, float] | None = None
        if rng.random() < rates.dead_zone:
            start = rng.uniform(7 * 3600, 21 * 3600)
            dead = (start, start + rng.uniform(15 * 60, 45 * 60))
        # GNSS drift near home at night (multipath): 2-4 fixes 80-150 m off
        drift: tuple[float, float] | None = None
        if rng.random() < rates.night_drift:
            start = rng.choice((rng.uniform(-1.5 * 3600, 0), rng.uniform(0.5 * 3600, 5 * 3600)))
            drift = (start, start + rng.uniform(7, 17) * 60)
        knock = rng.uniform(6 * 3600, 23 * 3600) if rng.random() < rates.strap_knock else None
        cut = rng.uniform(9 * 3600, 20 * 3600) if "strap_cut" in scripted else None
        # battery: level at the warm-up's start, evening charge unless forgotten; a person scripted to violate
        # keeps the device charged (a violation no device could report is not a test of the rules)
        careful = bool(scripted)
        if rng.random() < rates.forgot_charging_yesterday and not careful:
            battery = rng.uniform(30, 55)
        else:
            battery = rng.uniform(80, 100)
        drain = 3.5 * rng.uniform(0.8, 1.2) / 3600
        charge_from = evening_charge(rng, legs, rates, careful)
        charge_window: list[tuple[float, float]] = [(-WARMUP_S, -WARMUP_S + rng.uniform(0, 3600))] if battery > 75 else []
        if charge_from is not None:
            charge_window.append((charge_from, charge_from + CHARGE_S))
        low_reminded: float | None = None
        dead_battery = False
        hint = 0
        t = float(-WARMUP_S) + rng.uniform(0, 300)
        next_stat = t
        jitter = rng.uniform(0, 1)
        truth_marks = {"zone_entry": False, "left_city": False}
        while t < 24 * 3600 and not dead_battery:
            hint = _leg_at(legs, t, hint)
            leg = legs[hint]
            moving = leg.b is not None
            step = 60.0 if moving else 300.0
            charging = any(a <= t < b for a, b in charge_window) and not moving
            received = t if dead is None or not dead[0] <= t < dead[1] else dead[1] + rng.uniform(5, 60)
            lat, lon = leg.where(t)
            if drift is not None and drift[0] <= t < drift[1] and leg.place == "home":
                lat, lon = offset(lat, lon, rng.uniform(80, 150), rng.uniform(-40, 40))
            else:
                lat, lon = offset(lat, lon, rng.gauss(0, 4), rng.gauss(0, 4))
            seq += 1
            if indoor is not None and indoor[0] <= t < indoor[1]:
                fields: dict[str, Any] = {"lat": lat, "lon": lon, "fix": 3, "sats": 0, "hdop": None,
                                          "speed_kmh": 0.0, "course": None, "accuracy_m": 800.0}
            else:
                fields = {"lat": round(lat, 6), "lon": round(lon, 6), "fix": 1, "sats": rng.randint(6, 11),
                          "hdop": round(rng.uniform(0.8, 1.6), 1),
                          "speed_kmh": round(distance_m(leg.a, leg.b) / max(1.0, leg.t1 - leg.t0) * 3.6, 1)
                          if leg.b is not None else 0.0, "course": None}
                self._mark_truth(p, t, (lat, lon), truth_marks, scripted, leg)
            yield self._line(p, seq, t, received, "POS", fields)
            if indoor is not None and indoor[0] <= t < indoor[0] + step:
                seq += 1
                yield self._line(p, seq, t + 1, received + 1, "GNSS", {"state": "LOST"})
            if indoor is not None and indoor[1] <= t < indoor[1] + step:
                seq += 1
                yield self._line(p, seq, t + 1, received + 1, "GNSS", {"state": "RESTORED"})
            if knock is not None and t <= knock < t + step:  # opens for a few seconds and closes
                back = knock + rng.uniform(3, 25)
                late = dead is not None and dead[0] <= knock < dead[1]
                r1, r2 = (dead[1] + 30, dead[1] + 31) if late and dead is not None else (knock, back)
                seq += 1
                yield self._line(p, seq, knock, r1, "TAMPER", {"part": "STRAP", "state": "OPEN"})
                seq += 1
                yield self._line(p, seq, back, r2, "TAMPER", {"part": "STRAP", "state": "RESTORED"})
            if cut is not None and t <= cut < t + step:  # cut: opened and never closed again
                r = dead[1] + 30 if dead is not None and dead[0] <= cut < dead[1] else cut
                seq += 1
                yield self._line(p, seq, cut, r, "TAMPER", {"part": "STRAP", "state": "OPEN"})
                p.truth.append({"kind": "strap_cut", "at": cut})
            if t >= next_stat:
                seq += 1
                yield self._line(p, seq, t + 2, received + 2, "STAT",
                                               {"battery": int(battery), "charging": charging,
                                                "rssi": rng.randint(-95, -60), "temperature": 31.0})
                next_stat = t + 1800
            # the battery over the next step
            if charging:
                battery = min(100.0, battery + 40 / 3600 * step)
            else:
                battery -= drain * step
            if battery <= 15 and low_reminded is None:
                low_reminded = t
                if careful or rng.random() < rates.charge_after_low:  # the wearer plugs in within the hour
                    start = t + rng.uniform(15 * 60, 60 * 60)
                    charge_window.append((start, start + 2.5 * 3600))
                    next_stat = min(next_stat, t + step)  # the device reports the low level at once
            if battery <= 0:
                seq += 1
                yield self._line(p, seq, t + 3, received + 3, "POWER", {"state": "SHUTDOWN"})
                dead_battery = True
            t += step + jitter
            jitter = 0.0

    def _mark_truth(self, p: PersonDay, t: float, where: tuple[float, float], marks: dict[str, bool],
                    scripted: set[str], leg: Leg) -> None:
        """The scripted violations begin at the first fix past the line on the scripted trip.

        A commute that happens to cross the zone for one fix is not the scripted entry (and no
        two-fix rule could see it); only the trip to the zone and the stay in it count.
        """
        to_zone = p.zone is not None and (leg.b == p.zone or (leg.b is None and leg.a == p.zone))
        if "zone_entry" in scripted and not marks["zone_entry"] and p.zone is not None and to_zone:
            if distance_m(where, p.zone) <= p.zone_radius_m + p.zone_buffer_m:
                marks["zone_entry"] = True
                p.truth.append({"kind": "zone_entry", "at": t})
        if "left_city" in scripted and not marks["left_city"]:
            if distance_m(where, CITY_CENTRE) > CITY_RADIUS_M + 100:
                marks["left_city"] = True
                p.truth.append({"kind": "left_city", "at": t})

    def _line(self, p: PersonDay, seq: int, t: float, received: float, kind: str,
              fields: dict[str, Any]) -> tuple[float, bytes]:
        doc = {"serial": p.serial, "evseq": seq, "time": self._at(t), "kind": kind, "source": "serial",
               "fields": fields}
        if received != t:
            doc["received"] = self._at(received)
        return received, orjson.dumps(doc) + b"\n"

    # ---------------------------------------------------------------- files
    def write(self, out: Path) -> dict[str, int]:
        """Events sorted by arrival into ``out`` (buckets of one hour on disk keep the memory small)."""
        counts = {"events": 0}
        with tempfile.TemporaryDirectory(prefix="arm-day-") as tmp:
            buckets: dict[int, BinaryIO] = {}
            try:
                for p in self.persons:
                    for received, line in self.person_events(p):
                        hour = int(received // 3600)
                        fh = buckets.get(hour)
                        if fh is None:
                            fh = buckets[hour] = open(Path(tmp) / f"{hour + 10:03d}", "wb")
                        fh.write(b"%.6f\t" % received + line)
                        counts["events"] += 1
            finally:
                for fh in buckets.values():
                    fh.close()
            with out.open("wb") as dst:
                for hour in sorted(buckets):
                    rows = (Path(tmp) / f"{hour + 10:03d}").read_bytes().splitlines(keepends=True)
                    keyed = [(float(r.split(b"\t", 1)[0]), i, r.split(b"\t", 1)[1]) for i, r in enumerate(rows)]
                    keyed.sort()
                    dst.writelines(line for _, _, line in keyed)
        return counts

    def truth(self) -> dict[str, Any]:
        violations = []
        for p in self.persons:
            for v in p.truth:
                if "kind" in v:
                    violations.append({"iin": p.iin, "serial": p.serial, "kind": v["kind"], "at": self._at(v["at"])})
        violations.sort(key=lambda v: v["at"])
        return {"format": "arm-ground-truth", "version": 1, "day": self.day.isoformat(), "seed": self.seed,
                "persons": len(self.persons), "violations": violations}

    def caseload(self) -> dict[str, Any]:
        """The persons as a caseload exchange document (format version 1)."""
        since = datetime.combine(date(2026, 1, 1), time(0), ALMATY)
        zones: list[dict[str, Any]] = [{"ref": "city", "name": "г. Алматы", "kind": "inclusion",
                                        "geometry": {"type": "Point", "coordinates": [CITY_CENTRE[1], CITY_CENTRE[0]]},
                                        "radius_m": CITY_RADIUS_M, "buffer_m": 100}]
        persons, devices = [], []
        rng = random.Random(self.seed + 7)
        for p in self.persons:
            birth = next(v["birth"] for v in p.truth if "birth" in v)
            restrictions: list[dict[str, Any]] = [
                {"kind": "curfew", "schedule": CURFEW, "valid_from": since.isoformat(), "valid_until": None},
                {"kind": "inclusion_zone", "zone": "city", "valid_from": since.isoformat(), "valid_until": None},
            ]
            if p.zone is not None:
                ref = f"x{p.index}"
                zones.append({"ref": ref, "name": f"Запретная зона {p.index + 1}", "kind": "exclusion",
                              "geometry": {"type": "Point", "coordinates": [p.zone[1], p.zone[0]]},
                              "radius_m": p.zone_radius_m, "buffer_m": p.zone_buffer_m})
                restrictions.append({"kind": "exclusion_zone", "zone": ref, "valid_from": since.isoformat(),
                                     "valid_until": None})
            devices.append({"serial": p.serial, "type": "TRK"})
            persons.append({
                "iin": p.iin, "last_name": rng.choice(LAST_NAMES), "first_name": rng.choice(FIRST_NAMES),
                "birth_date": birth, "category": "restricted_freedom",
                "supervision": {"start": "2026-01-01", "end": None}, "registered_on": "2026-01-01",
                "region": "г. Алматы", "district": DISTRICTS[p.index % len(DISTRICTS)],
                "home": {"address": f"г. Алматы, дом {p.index + 1}", "lat": round(p.home[0], 6),
                         "lon": round(p.home[1], 6), "radius_m": HOME_RADIUS_M},
                "restrictions": restrictions,
                "devices": [{"serial": p.serial, "issued_at": since.isoformat(), "issued_by": "simulate"}],
            })
        return {"format": "arm-caseload", "version": 1, "exported_at": datetime.now(UTC).isoformat(),
                "zones": zones, "devices": devices, "persons": persons}


def outputs(out: Path) -> tuple[Path, Path]:
    """The caseload and ground-truth files written next to the event file."""
    stem = out.name[: -len(".jsonl")] if out.name.endswith(".jsonl") else out.name
    return out.with_name(stem + ".caseload.json"), out.with_name(stem + ".truth.json")


def simulate_day(persons: int, seed: int, out: Path, day: date, rates: DayRates | None = None) -> dict[str, Any]:
    """Write the events, the caseload and the ground truth; returns counts and the files' paths."""
    gen = DayGenerator(persons, seed, day, rates)
    counts = gen.write(out)
    caseload_path, truth_path = outputs(out)
    truth = gen.truth()
    caseload_path.write_bytes(orjson.dumps(gen.caseload(), option=orjson.OPT_INDENT_2))
    truth_path.write_bytes(orjson.dumps(truth, option=orjson.OPT_INDENT_2))
    return {"events": counts["events"], "persons": persons, "violations": len(truth["violations"]),
            "events_file": str(out), "caseload": str(caseload_path), "truth": str(truth_path),
            "from": gen.midnight.isoformat(), "to": (gen.midnight + timedelta(days=1)).isoformat()}
