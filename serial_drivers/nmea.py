"""NMEA 0183 GNSS receivers on a serial port (the mobile console has one), via pynmea2.

A receiver reports each fix in several sentences (RMC, GGA, GSA, GSV, VTG, and
GNS/ZDA on newer chips) that share the fix's time of day. The decoder merges
the sentences of one epoch and emits one ``POS`` :class:`DeviceEvent` when the
next epoch begins (or on :meth:`NmeaDecoder.flush`). The date comes from RMC
or ZDA, since GGA has none; an epoch without a known date is not emitted, as
gpsd does. Talkers GP, GL, GA, GB, BD, GN (and any other) are accepted.
Transitions between fix and no fix become ``GNSS LOST/RESTORED`` events.
"""

from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import pynmea2

from arm.events import DeviceEvent, EventFields, EventKind, GnssFields, GnssState, PosFields
from serial_drivers.icd.framing import LineFramer

log = logging.getLogger("serial_drivers.nmea")

#: NMEA says 82 characters; some receivers' proprietary sentences are longer.
NMEA_MAX_LINE = 200
KNOTS_TO_KMH = 1.852
TALKERS = ("GP", "GL", "GA", "GB", "BD", "GN", "GQ", "GI")
POSITION_TYPES = ("RMC", "GGA", "GNS", "GLL")
#: The console's receiver is part of the mobile monitoring console (ICD type RCV).
NMEA_DEVICE_TYPE = "RCV"


@dataclass
class _Epoch:
    tod: time
    lat: float | None = None
    lon: float | None = None
    valid: bool | None = None
    sats: int | None = None
    hdop: float | None = None
    altitude_m: float | None = None
    speed_kmh: float | None = None
    course: float | None = None
    day: date | None = None
    sentences: list[str] = field(default_factory=list)


def _f(value: Any) -> float | None:
    try:
        return None if value in (None, "") else float(value)
    except (TypeError, ValueError):
        return None


def _i(value: Any) -> int | None:
    try:
        return None if value in (None, "") else int(value)
    except (TypeError, ValueError):
        return None


class NmeaDecoder:
    """Sentences in, POS / GNSS events out; counts what it could not use."""

    def __init__(self, serial: str, *, device_type: str = NMEA_DEVICE_TYPE) -> None:
        self.serial = serial
        self.device_type = device_type
        self.counters: Counter[str] = Counter()
        self._epoch: _Epoch | None = None
        self._date: date | None = None
        self._last_tod: time | None = None
        self._had_fix: bool | None = None

    # ------------------------------------------------------------ input
    def feed_sentence(self, sentence: str) -> list[DeviceEvent]:
        """One sentence with `$` and checksum; wrong ones are counted, never raised."""
        try:
            msg = pynmea2.parse(sentence.strip(), check=True)
        except pynmea2.ChecksumError:
            self.counters["bad_checksum"] += 1
            return []
        except (pynmea2.ParseError, ValueError, TypeError, AttributeError):
            self.counters["unparsed"] += 1
            return []
        return self.feed_message(msg)

    def feed_message(self, msg: pynmea2.NMEASentence) -> list[DeviceEvent]:
        kind = getattr(msg, "sentence_type", "")
        handler = getattr(self, f"_on_{kind.lower()}", None) if kind else None
        if handler is None:
            self.counters["ignored"] += 1
            return []
        self.counters["sentences"] += 1
        try:
            return handler(msg)
        except (ValueError, TypeError, AttributeError, IndexError, OverflowError) as exc:  # OverflowError: ZDA day of 20 digits
            self.counters["unparsed"] += 1
            log.debug("cannot use %s: %s", msg, exc)
            return []

    def flush(self) -> list[DeviceEvent]:
        """Emit the epoch in progress (end of input, or the receiver went quiet)."""
        epoch, self._epoch = self._epoch, None
        return self._emit(epoch) if epoch else []

    # ------------------------------------------------------------ epochs
    def _epoch_for(self, tod: time | None) -> tuple[_Epoch | None, list[DeviceEvent]]:
        if tod is None:
            return self._epoch, []
        tod = tod.replace(tzinfo=None)
        out: list[DeviceEvent] = []
        if self._epoch is not None and self._epoch.tod != tod:
            out = self.flush()
        if self._epoch is None:
            if self._date is not None and self._last_tod is not None and tod < self._last_tod:
                if _seconds(self._last_tod) - _seconds(tod) > 12 * 3600:
                    self._date += timedelta(days=1)  # passed midnight without an RMC yet
            self._epoch = _Epoch(tod)
            self._last_tod = tod
        return self._epoch, out

    def _emit(self, epoch: _Epoch) -> list[DeviceEvent]:
        day = epoch.day or self._date
        if day is None:
            self.counters["no_date"] += 1
            return []
        when = datetime.combine(day, epoch.tod, tzinfo=UTC)
        has_fix = bool(epoch.valid) and epoch.lat is not None and epoch.lon is not None
        out: list[DeviceEvent] = []
        if self._had_fix is not None and has_fix != self._had_fix:
            out.append(self._event(when, EventKind.GNSS, GnssFields(state=GnssState.RESTORED if has_fix else GnssState.LOST)))
        self._had_fix = has_fix
        lat, lon = epoch.lat, epoch.lon
        if has_fix and lat is not None and lon is not None:
            fields: PosFields = {
                "lat": round(lat, 9),
                "lon": round(lon, 9),
                "fix": 1,
                "sats": epoch.sats,
                "hdop": epoch.hdop,
                "speed_kmh": epoch.speed_kmh,
                "course": epoch.course,
                "altitude_m": epoch.altitude_m,
            }
            out.append(self._event(when, EventKind.POS, fields))
            self.counters["fixes"] += 1
        return out

    def _event(self, when: datetime, kind: str, fields: EventFields) -> DeviceEvent:
        return DeviceEvent(
            serial=self.serial,
            evseq=None,
            time=when,
            kind=str(kind),
            fields=fields,
            source="nmea",
            device_type=self.device_type,
        )

    # ------------------------------------------------------------ sentences
    def _on_rmc(self, msg: Any) -> list[DeviceEvent]:
        if msg.datestamp:
            self._date = msg.datestamp
        epoch, out = self._epoch_for(msg.timestamp)
        if epoch is None:
            return out
        epoch.day = msg.datestamp or epoch.day
        epoch.valid = bool(msg.is_valid)
        if msg.is_valid and msg.lat and msg.lon:
            epoch.lat, epoch.lon = msg.latitude, msg.longitude
        speed = _f(msg.spd_over_grnd)
        if speed is not None:
            epoch.speed_kmh = round(speed * KNOTS_TO_KMH, 2)
        epoch.course = _f(msg.true_course) if _f(msg.true_course) is not None else epoch.course
        return out

    def _gga_like(self, msg: Any, fixed: bool) -> list[DeviceEvent]:
        epoch, out = self._epoch_for(msg.timestamp)
        if epoch is None:
            return out
        if fixed and msg.lat and msg.lon:
            epoch.lat, epoch.lon = msg.latitude, msg.longitude
            if epoch.valid is None:
                epoch.valid = True
        elif epoch.valid is None:
            epoch.valid = False
        epoch.sats = _i(msg.num_sats) if _i(msg.num_sats) is not None else epoch.sats
        hdop = _f(getattr(msg, "horizontal_dil", None) or getattr(msg, "hdop", None))
        epoch.hdop = hdop if hdop is not None else epoch.hdop
        epoch.altitude_m = _f(msg.altitude) if _f(msg.altitude) is not None else epoch.altitude_m
        return out

    def _on_gga(self, msg: Any) -> list[DeviceEvent]:
        return self._gga_like(msg, (_i(msg.gps_qual) or 0) > 0)

    def _on_gns(self, msg: Any) -> list[DeviceEvent]:
        mode = str(msg.mode_indicator or "")
        return self._gga_like(msg, any(ch not in "N" for ch in mode) and bool(mode))

    def _on_gll(self, msg: Any) -> list[DeviceEvent]:
        epoch, out = self._epoch_for(msg.timestamp)
        if epoch is not None and msg.status == "A" and msg.lat and msg.lon:
            if epoch.lat is None:
                epoch.lat, epoch.lon = msg.latitude, msg.longitude
            if epoch.valid is None:
                epoch.valid = True
        return out

    def _on_zda(self, msg: Any) -> list[DeviceEvent]:
        year, month, day = _i(msg.year), _i(msg.month), _i(msg.day)
        if year and month and day:
            self._date = date(year, month, day)
        epoch, out = self._epoch_for(msg.timestamp)
        if epoch is not None and self._date is not None:
            epoch.day = self._date
        return out

    def _on_gsa(self, msg: Any) -> list[DeviceEvent]:
        if self._epoch is not None:
            hdop = _f(msg.hdop)
            if hdop is not None:
                self._epoch.hdop = hdop
        return []

    def _on_gsv(self, msg: Any) -> list[DeviceEvent]:
        return []  # satellites in view: no field of POS needs them; counted as sentences

    def _on_vtg(self, msg: Any) -> list[DeviceEvent]:
        if self._epoch is not None:
            kmh = _f(msg.spd_over_grnd_kmph)
            if kmh is None and _f(msg.spd_over_grnd_kts) is not None:
                kmh = round(float(msg.spd_over_grnd_kts) * KNOTS_TO_KMH, 2)
            if kmh is not None:
                self._epoch.speed_kmh = kmh
            if _f(msg.true_track) is not None:
                self._epoch.course = _f(msg.true_track)
        return []


def _seconds(t: time) -> float:
    return t.hour * 3600 + t.minute * 60 + t.second + t.microsecond / 1e6


def is_nmea_body(body: bytes) -> bool:
    """A framed, checked line body that looks like an NMEA sentence (`GPRMC,...`)."""
    head = body.split(b",", 1)[0]
    return len(head) == 5 and head[:2].decode("ascii", "replace") in TALKERS and head[2:].isalpha()


class NmeaStream:
    """Bytes in (from a port), events out: the framer plus the decoder."""

    def __init__(self, serial: str, *, device_type: str = NMEA_DEVICE_TYPE) -> None:
        self.framer = LineFramer(max_line=NMEA_MAX_LINE)
        self.decoder = NmeaDecoder(serial, device_type=device_type)

    def feed(self, data: bytes) -> list[DeviceEvent]:
        out: list[DeviceEvent] = []
        for body in self.framer.feed(data):
            text = body.decode("ascii")
            from serial_drivers.icd.framing import checksum

            out += self.decoder.feed_sentence(f"${text}*{checksum(body)}")
        return out

    @property
    def counters(self) -> Counter[str]:
        c: Counter[str] = Counter(self.framer.counters)
        c.update(self.decoder.counters)
        return c
