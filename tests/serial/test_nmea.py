"""NMEA captures (gpsd's, copied into vectors/nmea) decode to the fixes gpsd reports."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest

from serial_drivers.nmea import NmeaDecoder, NmeaStream, is_nmea_body

CORPUS = Path(__file__).resolve().parent / "vectors" / "nmea"
#: named, not globbed: a missing capture must fail its test, not vanish from the list
LOG_NAMES = ("beidou-bd.log", "bu353-glonass.log", "bu353s4.log", "garmin15x.log", "holux-gm-210.log",
             "mtk-3329.log", "quectel-L70.log", "ublox-lea-4s.log")
LOGS = [CORPUS / name for name in LOG_NAMES]


def expected_fixes(chk: Path) -> dict[datetime, tuple[float, float]]:
    """gpsd's TPV reports with time and position; the last one of each time wins."""
    out: dict[datetime, tuple[float, float]] = {}
    for line in chk.read_text().splitlines():
        if line.startswith('{"class":"TPV"'):
            tpv = json.loads(line)
            if "lat" in tpv and "time" in tpv:
                out[datetime.fromisoformat(tpv["time"].replace("Z", "+00:00"))] = (tpv["lat"], tpv["lon"])
    return out


@pytest.mark.parametrize("log", LOGS, ids=[p.name for p in LOGS])
def test_capture_decodes_to_gpsd_fixes(log: Path) -> None:
    stream = NmeaStream("NMEA-TEST")
    events = stream.feed(log.read_bytes()) + stream.decoder.flush()
    fixes = {e.time: (e.fields["lat"], e.fields["lon"]) for e in events if e.kind == "POS"}
    expected = expected_fixes(log.with_suffix(".log.chk"))
    for when, (lat, lon) in expected.items():
        assert when in fixes, f"{log.name}: no fix at {when}"
        assert fixes[when][0] == pytest.approx(lat, abs=1e-6)
        assert fixes[when][1] == pytest.approx(lon, abs=1e-6)
    # nothing invented: every fix we report, gpsd reported too (where gpsd had a date)
    assert set(fixes) - set(expected) <= _fixes_gpsd_reports_without_time(log)
    assert all(e.source == "nmea" and e.evseq is None and e.time.tzinfo for e in events)


def _fixes_gpsd_reports_without_time(log: Path) -> set[datetime]:
    # the last epoch of these captures is complete in the data, but gpsd's report of it is
    # not in the .chk (the capture ends); we emit it on flush
    return {datetime.fromisoformat(t) for t in _EXTRA.get(log.name, ())}


_EXTRA = {
    "ublox-lea-4s.log": ("2006-12-11T17:55:06+00:00",),
    "beidou-bd.log": ("2015-02-25T07:41:55.799000+00:00",),
}


def test_holux_without_fix_and_truncated_last_line() -> None:
    stream = NmeaStream("NMEA-TEST")
    events = stream.feed((CORPUS / "holux-gm-210.log").read_bytes()) + stream.decoder.flush()
    assert not [e for e in events if e.kind == "POS"]
    assert stream.counters["no_checksum"] == 1  # the capture's last sentence is cut at '50.'


def test_multi_constellation_talkers_are_used() -> None:
    talkers = set()
    for log in LOGS:
        for line in log.read_bytes().splitlines():
            if line.startswith(b"$") and is_nmea_body(line[1:]):
                talkers.add(line[1:3].decode())
    assert {"GP", "GN", "BD", "GL"} <= talkers
    # GN (combined) RMC/GGA give fixes in the GLONASS capture
    stream = NmeaStream("NMEA-TEST")
    events = stream.feed((CORPUS / "bu353-glonass.log").read_bytes()) + stream.decoder.flush()
    assert len([e for e in events if e.kind == "POS"]) == 9


def test_fix_fields_merge_rmc_gga_gsa() -> None:
    dec = NmeaDecoder("NMEA-TEST")
    for s in (
        "$GPRMC,150119.000,A,5104.0859,N,11405.7387,W,0.09,194.17,090322,,,D*73",
        "$GPGGA,150119.000,5104.0859,N,11405.7387,W,2,8,0.94,1102.4,M,-17.5,M,,*53",
        "$GPGSA,A,3,04,09,16,26,07,03,27,02,,,,,1.21,0.94,0.76*01",
    ):
        assert dec.feed_sentence(s) == []
    (ev,) = dec.flush()
    assert ev.kind == "POS"
    assert ev.fields["sats"] == 8 and ev.fields["hdop"] == 0.94 and ev.fields["altitude_m"] == 1102.4
    assert ev.fields["speed_kmh"] == pytest.approx(0.09 * 1.852, abs=0.01)
    assert ev.fields["course"] == 194.17 and ev.fields["fix"] == 1


def test_loss_and_return_of_fix_are_events() -> None:
    dec = NmeaDecoder("NMEA-TEST")
    out = []
    for s in (
        "$GPRMC,123519.00,A,4807.038,N,01131.000,E,,,230394,,*33",
        "$GPRMC,123520.00,V,4807.038,N,01131.000,E,,,230394,,*2E",
        "$GPRMC,123521.00,A,4807.038,N,01131.000,E,,,230394,,*38",
    ):
        out += dec.feed_sentence(s)
    out += dec.flush()
    assert [(e.kind, e.fields.get("state")) for e in out] == [
        ("POS", None), ("GNSS", "LOST"), ("GNSS", "RESTORED"), ("POS", None),
    ]


def _pynmea2_records() -> list[dict]:
    return [json.loads(line) for line in (CORPUS / "pynmea2_tests.jsonl").read_text().splitlines()]


@pytest.mark.parametrize("rec", _pynmea2_records(), ids=lambda r: r["source"].rsplit("#", 1)[-1])
def test_pynmea2_sentences(rec: dict) -> None:
    """Valid RMC/GGA give a fix at the asserted position; everything else never crashes."""
    sentence, expect = rec["sentence"], rec["expect"]
    dec = NmeaDecoder("NMEA-TEST")
    dec.feed_sentence("$GPZDA,000000.00,01,01,2020,00,00*66")  # a date for GGA-only epochs
    events = dec.feed_sentence(sentence) + dec.flush()
    fixes = [e for e in events if e.kind == "POS"]
    if "raises" in expect:
        assert fixes == [] and (dec.counters["bad_checksum"] + dec.counters["unparsed"]) == 1
        return
    kind = sentence[3:6]
    if kind == "RMC" and "is_valid" in expect:
        assert bool(fixes) == expect["is_valid"]
    if kind in ("RMC", "GGA") and "longitude" in expect and fixes:
        assert fixes[0].fields["lat"] == pytest.approx(expect["latitude"], abs=1e-9)
        assert fixes[0].fields["lon"] == pytest.approx(expect["longitude"], abs=1e-9)
    if kind == "GGA" and expect.get("latitude") == 0.0:
        assert fixes == []  # no position: not a fix at 0,0


@pytest.mark.parametrize("talker", ["GP", "GL", "GA", "GB", "BD", "GN"])
def test_every_constellation_talker_gives_a_fix(talker: str) -> None:
    from serial_drivers.icd.framing import checksum

    def sentence(body: str) -> str:
        return f"${body}*{checksum(body.encode())}"

    dec = NmeaDecoder("NMEA-TEST")
    out = dec.feed_sentence(sentence(f"{talker}RMC,081836.00,A,4314.3369,N,07653.3825,E,1.2,90.0,231126,,,A"))
    out += dec.feed_sentence(sentence(f"{talker}GGA,081836.00,4314.3369,N,07653.3825,E,1,09,0.9,850.0,M,-40.0,M,,"))
    out += dec.feed_sentence(sentence(f"{talker}VTG,90.0,T,,M,1.2,N,2.2,K,A"))
    out += dec.flush()
    (fix,) = [e for e in out if e.kind == "POS"]
    assert fix.time.isoformat() == "2026-11-23T08:18:36+00:00"
    assert fix.fields["lat"] == pytest.approx(43.238948, abs=1e-6)
    assert fix.fields["lon"] == pytest.approx(76.889708, abs=1e-6)
    assert fix.fields["sats"] == 9 and fix.fields["speed_kmh"] == 2.2 and fix.fields["altitude_m"] == 850.0
