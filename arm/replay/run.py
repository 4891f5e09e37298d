"""One replay from start to figures: the function ``arm replay``, the bench and the what-if check call."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import orjson
from sqlalchemy import select

from arm.events import StoredEvent
from arm.replay.engine import Replayer, ReplayOptions, ReplayResult
from arm.replay.load import LoadLimits, load_figures
from arm.replay.scratch import copy_supervision, load_caseload, scratch_database
from arm.replay.sources import events_from_db, events_from_file
from db.models import Device, Person
from db.session import Database


@dataclass(slots=True)
class ReplayReport:
    result: ReplayResult
    figures: dict[str, Any]
    persons: dict[str, int] = field(default_factory=dict)
    skipped_serials: dict[str, int] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        r = self.result
        return {
            "figures": self.figures,
            "alarms": r.alarms,
            "incidents": r.incidents,
            "skipped_events_of_unknown_serials": sum(self.skipped_serials.values()),
        }


def read_truth(path: Path) -> list[dict[str, Any]]:
    """The ground-truth file of ``arm simulate day``: ``{"violations": [{"iin", "kind", "at", ...}]}``."""
    try:
        doc = orjson.loads(path.read_bytes())
    except (OSError, orjson.JSONDecodeError) as exc:
        raise ValueError(f"{path}: {exc}") from exc
    violations = doc.get("violations") if isinstance(doc, dict) else None
    if not isinstance(violations, list):
        raise ValueError(f"{path}: a ground-truth file needs a list 'violations'")
    return violations


def run_replay(start: datetime, end: datetime, *, source: Database | None = None, caseload: Path | None = None,
               events_file: Path | None = None, options: ReplayOptions | None = None,
               limits: LoadLimits | None = None, truth: list[dict[str, Any]] | None = None,
               scratch_path: Path | None = None, prepare: Any = None,
               device_ids: set[int] | None = None) -> ReplayReport:
    """Replay [start, end) and compute the load figures.

    Supervision data comes from ``caseload`` (an exchange document) or is
    copied from ``source``; events from ``events_file`` or from ``source``.
    ``prepare(scratch)`` may change the scratch database before the run (the
    what-if check adds its draft restriction there); ``device_ids`` limits the
    events read from ``source``. Nothing is written to ``source``.
    """
    options = options or ReplayOptions()
    if caseload is None and source is None:
        raise ValueError("a replay needs a caseload file or a source database")
    if events_file is None and source is None:
        raise ValueError("a replay needs an event file or a source database")
    with scratch_database(scratch_path) as scratch:
        if caseload is not None:
            persons = load_caseload(caseload, scratch)
        else:
            assert source is not None
            copy_supervision(source, scratch)
            with scratch.session() as s:
                persons = {iin: pid for iin, pid in s.execute(select(Person.iin, Person.id))}
        if prepare is not None:
            prepare(scratch)
        with scratch.session() as s:
            devices = {serial: did for serial, did in s.execute(select(Device.serial, Device.id))}
        skipped: dict[str, int] = {}
        since = start - options.warmup
        events: Iterator[StoredEvent]
        if events_file is not None:
            events = events_from_file(events_file, devices, skipped, since, end)
        else:
            assert source is not None
            events = (e for e in events_from_db(source, since, end, device_ids=device_ids)
                      if e.event.serial in devices)
        result = Replayer(scratch, start, end, options).run(events)
    figures = load_figures(result, limits, persons_supervised=len(persons) or None, violations=truth, persons=persons)
    return ReplayReport(result, figures, persons, skipped)


def default_window(day: datetime) -> tuple[datetime, datetime]:
    return day, day + timedelta(days=1)


def load_report(db: Database, actor: Any, start: datetime, end: datetime, *, desks: int = 4,
                tuned: bool = False) -> ReplayReport:
    """The operator load of [start, end) of the live history, for the supervisor's chart.

    A core operation: the user must be allowed alarm figures (a refusal is
    audited and raised as ``AccessDenied``); the run is audited as ``replay_run``.
    """
    from arm import audit
    from arm.access import AccessDenied, Action, record_denied, require
    from arm.alarms.api import AlarmConfig
    from arm.alarms.holds import HoldPolicy, tuned_alarm_config

    refused: AccessDenied | None = None
    with db.begin() as s:
        try:
            require(actor, Action.ALARM_FIGURES)
        except AccessDenied as error:
            record_denied(s, actor, error, "alarms", "", operation="replay_run")
            refused = error
        else:
            audit.record(s, actor, "replay_run", "alarms", "", start=start.isoformat(), end=end.isoformat(),
                         desks=desks, tuned=tuned)
    if refused is not None:
        raise refused
    options = ReplayOptions(holds=HoldPolicy.tuned() if tuned else None,
                            alarms=tuned_alarm_config() if tuned else AlarmConfig())
    return run_replay(start, end, source=db, options=options, limits=LoadLimits(desks=desks))
