"""Property-based fuzzing of every decoder, seeded from the conformance vectors (issue 14).

A short, derandomised run per decoder in the suite (the same cases every run,
so a failure is reproducible); ``bench/fuzz.py`` runs the same targets for as
long as asked and prints cases per second and findings. What must hold is in
``tests/hostile/fuzz_targets.py``: only the decoder's documented refusal, and
every event ingest would accept is storable.
"""

from __future__ import annotations

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.hostile.fuzz_targets import TARGETS, mutate, seeds

SUITE = settings(max_examples=250, deadline=None, derandomize=True, database=None,
                 suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@pytest.mark.parametrize("name", sorted(TARGETS))
def test_every_conformance_seed_passes(name: str) -> None:
    corpus = seeds(name)
    assert len(corpus) >= 10, f"too few seeds for {name}"
    for data in corpus:
        TARGETS[name](data)


def _fuzz(name: str) -> None:
    @SUITE
    @given(seed=st.sampled_from(seeds(name)), rnd=st.randoms(use_true_random=False))
    def run(seed: bytes, rnd: random.Random) -> None:
        TARGETS[name](mutate(seed, rnd))

    run()


def test_fuzz_gt06() -> None:
    _fuzz("gt06")


def test_fuzz_watch() -> None:
    _fuzz("watch")


def test_fuzz_osmand() -> None:
    _fuzz("osmand")


def test_fuzz_serial_icd() -> None:
    _fuzz("icd")


def test_fuzz_nmea() -> None:
    _fuzz("nmea")


@pytest.mark.parametrize("data", [
    b"[3G*0*000A*LK,0,0," + b"9" * 300 + b"]",  # a battery of 300 digits (was OverflowError in mapping)
    b'{"device_id":"x","location":{"odometer":1e400,"coords":{"latitude":1,"longitude":2}}}',
    b'{"device_id":"x","location":{"odometer":' + b"9" * 400 + b',"coords":{"latitude":1,"longitude":2}}}',
    b'{"device_id":"x","location":{"battery":{"level":1.7e308},"coords":{"latitude":1,"longitude":2}}}',
    b'{"device_id":"x","location":{"coords":{"latitude":' + b"9" * 400 + b',"longitude":2}}}',
    b"id=1&lat=1&lon=2&wifi=00-14-22-01-23-45,--1",
    b"$GPZDA,150134.000,09,0399999999999999999999,2022,,*5C\r\n",
])
def test_findings_stay_fixed(data: bytes) -> None:
    """Inputs the fuzzer found (each once raised past its decoder)."""
    for target in TARGETS.values():
        target(data)
