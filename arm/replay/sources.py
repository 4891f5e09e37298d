"""Where replayed events come from: the events table of a database, or an event file.

An event file is JSON lines, one device event each, in the order of time::

    {"serial": "TRK-17", "evseq": 4, "time": "2026-11-20T07:00:00+00:00", "kind": "POS",
     "source": "gt06", "fields": {"lat": 43.25, "lon": 76.93, "fix": 1, ...}, "received": "..."}

``received`` (when the centre got it) is optional and defaults to ``time``;
``arm simulate day`` writes these files. Events of serials the caseload does
not know are counted and skipped, as the live engine skips unknown devices.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson
from sqlalchemy import select

from arm.events import DeviceEvent, StoredEvent, stored_fields
from db.models import Device, DeviceEventRow
from db.session import Database


class EventFileError(ValueError):
    """A line of an event file that cannot be read; the message names the line."""


def _aware(at: datetime) -> datetime:
    return at.replace(tzinfo=UTC) if at.tzinfo is None else at.astimezone(UTC)


def events_from_db(source: Database, start: datetime, end: datetime, chunk: int = 20_000,
                   device_ids: set[int] | None = None) -> Iterator[StoredEvent]:
    """Stored events received in [start, end), in arrival order (the order live saw them), read in chunks.

    For events delivered at once the arrival order is the event-time order; a
    store-and-forward batch delivered late is evaluated when it arrived, as live.
    """
    with source.session() as s:
        serials = {i: serial for i, serial in s.execute(select(Device.id, Device.serial))}
        query = select(DeviceEventRow).where(DeviceEventRow.received >= start, DeviceEventRow.received < end)
        if device_ids is not None:  # only these devices' events (a what-if check of a few persons)
            query = query.where(DeviceEventRow.device_id.in_(sorted(device_ids)))
        query = query.order_by(DeviceEventRow.received, DeviceEventRow.id).execution_options(yield_per=chunk)
        for r in s.scalars(query):
            ev = DeviceEvent(serials.get(r.device_id, ""), r.evseq, _aware(r.time), r.kind, stored_fields(r.fields),
                             r.source)
            yield StoredEvent(r.id, r.device_id, int(r.evseq or 0), ev, _aware(r.received))


def events_from_file(path: Path, devices: Mapping[str, int], skipped: dict[str, int] | None = None,
                     start: datetime | None = None, end: datetime | None = None) -> Iterator[StoredEvent]:
    """The file's events of known serials (``devices``: serial -> device id), within [start, end) if given."""
    with path.open("rb") as fh:
        for number, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                raw: dict[str, Any] = orjson.loads(line)
                at = _aware(datetime.fromisoformat(raw["time"]))
                received = _aware(datetime.fromisoformat(raw["received"])) if raw.get("received") else at
                serial = str(raw["serial"])
                ev = DeviceEvent(serial, int(raw["evseq"]), at, str(raw["kind"]), stored_fields(raw.get("fields") or {}),
                                 str(raw.get("source", "serial")))
            except (orjson.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
                raise EventFileError(f"{path}:{number}: {exc}") from exc
            if (start is not None and at < start) or (end is not None and at >= end):
                continue
            device_id = devices.get(serial)
            if device_id is None:
                if skipped is not None:
                    skipped[serial] = skipped.get(serial, 0) + 1
                continue
            yield StoredEvent(number, device_id, int(raw["evseq"]), ev, received)
