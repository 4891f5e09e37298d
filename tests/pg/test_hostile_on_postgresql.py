"""Issue 14 on a real PostgreSQL: a row the database refuses is isolated, bounds keep huge numbers out."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import text

from arm.bus import Bus
from arm.events import DeviceEvent
from arm.ingest import Ingest
from db.models_all import models  # noqa: F401
from db.session import Database

T0 = datetime.now(UTC).replace(microsecond=0) - timedelta(hours=1)


@pytest.fixture(scope="module")
def pg_db(pg_server, tmp_path_factory) -> Iterator[Database]:
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("ARM_CONFIG_DIR", str(Path(tmp_path_factory.mktemp("config"))))
        db = Database(pg_server.create_database("hostile"))
        db.upgrade()
    yield db
    db.dispose()


def pos(serial: str, lat: float, i: int, **extra: object) -> DeviceEvent:
    fields = {"lat": lat, "lon": 76.9, "fix": 1, "sats": 7, "hdop": 1.0, "speed_kmh": 1.0, "course": 0.0, **extra}
    return DeviceEvent(serial, i, T0 + timedelta(seconds=i), "POS", fields, "serial", "TRK")  # type: ignore[arg-type]


def test_poisoned_row_isolated_on_postgresql(pg_db: Database) -> None:
    with pg_db.begin() as s:
        s.execute(text(
            "CREATE FUNCTION poison() RETURNS trigger AS $$ BEGIN "
            "IF abs(NEW.lat - 12.345) < 0.0001 THEN RAISE EXCEPTION 'poisoned row' USING ERRCODE = 'check_violation'; "
            "END IF; RETURN NEW; END $$ LANGUAGE plpgsql"))
        s.execute(text("CREATE TRIGGER poison BEFORE INSERT ON positions FOR EACH ROW EXECUTE FUNCTION poison()"))
    core = Ingest(pg_db, Bus())
    core.start()
    try:
        events = [pos(f"TRK-9{k:05d}", 43.0, i) for k in range(8) for i in range(1, 21)]
        events.insert(77, pos("TRK-POISON", 12.345, 1))
        events.append(pos("TRK-HUGE", 43.1, 1, sats=2**70, cell={"cid": 10**30}, extra=10**40))
        result = core.store_sync(events)
        assert len(result.stored) == 161
        assert [(e.serial, r) for e, r in result.rejected] == [("TRK-POISON", "refused by the database: CheckViolation")]
        huge = next(s for s in result.stored if s.event.serial == "TRK-HUGE").event.fields
        assert huge["sats"] is None and "cell" not in huge and "extra" not in huge
        assert core.refusals_by_device["TRK-HUGE"]["dropped sats,cell,extra"] == 1
        # the poisoned device's later sound report is stored (no dangling cached id)
        assert len(core.store_sync([pos("TRK-POISON", 43.2, 2)]).stored) == 1
    finally:
        core.stop()
        with pg_db.begin() as s:
            s.execute(text("DROP TRIGGER poison ON positions"))
