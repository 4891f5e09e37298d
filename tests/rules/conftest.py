"""Fixtures of the rules scenarios: a world on the root ``db``/``bus``/``ingest`` fixtures."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from arm.alarms.scenario import World


@pytest.fixture
def world(db, bus, ingest) -> Iterator[World]:
    w = World(db, bus, ingest)
    yield w
    w.close()
