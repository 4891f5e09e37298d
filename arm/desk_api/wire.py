"""JSON form of the bus messages that cross the desk API (both directions).

Only these dataclasses travel: the desk sees the same typed messages on its
local bus whether the service runs inside it or in a remote ``arm serve``.
Datetimes travel as ISO 8601 with offset; everything else is plain JSON.
"""

from __future__ import annotations

import dataclasses
import json
from datetime import datetime
from typing import Any

from arm.events import (
    AlarmChanged,
    ConnectionLimits,
    DeviceEvent,
    DeviceStateChanged,
    EventsStored,
    IngestRejected,
    ServiceStatus,
    StoredEvent,
    stored_fields,
)

PROTOCOL_VERSION = 1

#: ``AlarmChanged.view``: not part of the change's ``data``; the desk API sends it as the envelope's ``view``
ALARM_VIEW = "view"


@dataclasses.dataclass(frozen=True, slots=True)
class RemoteEventsStored:
    """Events another service (same PostgreSQL) committed, relayed by ``pg_relay``.

    A distinct type on purpose: the rules engine subscribes to ``EventsStored``
    and must only judge the events its own service ingested, or every alarm
    would be raised twice. Desks receive both as the ``events`` topic.
    """

    events: tuple[StoredEvent, ...]

#: topic name <-> message type
TOPICS: dict[str, type] = {
    "events": EventsStored,
    "device_state": DeviceStateChanged,
    "alarm": AlarmChanged,
    "service_status": ServiceStatus,
    "ingest_rejected": IngestRejected,
    "connection_limits": ConnectionLimits,
}
TOPIC_OF: dict[type, str] = {**{v: k for k, v in TOPICS.items()}, RemoteEventsStored: "events"}


def _default(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return to_json(value)
    if isinstance(value, tuple | set | frozenset):
        return list(value)
    return str(value)


def to_json(message: Any) -> Any:
    """A dataclass (recursively) as JSON-ready data."""
    if isinstance(message, EventsStored | RemoteEventsStored):
        return {"events": [stored_to_json(s) for s in message.events]}
    if isinstance(message, AlarmChanged):
        # the row travels beside the change (the envelope's "view", docs/desk-api.md), not in it
        return {f.name: _plain(getattr(message, f.name)) for f in dataclasses.fields(message)
                if f.name != ALARM_VIEW}
    if dataclasses.is_dataclass(message) and not isinstance(message, type):
        return {f.name: _plain(getattr(message, f.name)) for f in dataclasses.fields(message)}
    return _plain(message)


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return to_json(value)
    return value


def stored_to_json(s: StoredEvent) -> dict[str, Any]:
    ev = s.event
    return {
        "id": s.id, "device_id": s.device_id, "evseq": s.evseq, "received": s.received.isoformat(),
        "event": {"serial": ev.serial, "evseq": ev.evseq, "time": ev.time.isoformat(), "kind": str(ev.kind),
                  "fields": _plain(dict(ev.fields)), "source": ev.source, "device_type": ev.device_type},
    }


def from_json(topic: str, data: dict[str, Any]) -> Any:
    """Rebuild the typed bus message of ``topic``; raises KeyError/TypeError on bad data."""
    cls = TOPICS[topic]
    if cls is EventsStored:
        return EventsStored(tuple(_stored(e) for e in data["events"]))
    if cls is DeviceStateChanged:
        return DeviceStateChanged(int(data["device_id"]), str(data["serial"]), _time(data.get("last_contact")),
                                  data.get("battery"), str(data.get("status", "")))
    if cls is ConnectionLimits:
        return ConnectionLimits(tuple((str(p), str(c), int(n)) for p, c, n in data.get("hits", ())))
    if cls is ServiceStatus:
        return ServiceStatus(bool(data["running"]), tuple(data.get("sources", ())), str(data.get("detail", "")))
    names = {f.name for f in dataclasses.fields(cls)}
    if cls is AlarmChanged:
        names.discard(ALARM_VIEW)  # the row is the envelope's, not the change's
    return cls(**{k: v for k, v in data.items() if k in names})


def _time(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


def _stored(e: dict[str, Any]) -> StoredEvent:
    ev = e["event"]
    event = DeviceEvent(ev["serial"], ev.get("evseq"), datetime.fromisoformat(ev["time"]), ev["kind"],
                        stored_fields(ev.get("fields")), ev.get("source", "serial"), ev.get("device_type"))
    return StoredEvent(int(e["id"]), int(e["device_id"]), int(e["evseq"]), event, datetime.fromisoformat(e["received"]))


def dumps(obj: Any) -> str:
    return json.dumps(obj, default=_default, ensure_ascii=False, separators=(",", ":"))


def build(cls: Any, data: Any) -> Any:
    """Rebuild a (frozen) dataclass from ``to_json`` output, following its type hints.

    Used by desks to turn the alarm manager's AlarmView / AlarmDetail /
    HandoverReport back into the objects the widgets already know.
    """
    import typing

    hints = typing.get_type_hints(cls)
    kwargs = {}
    for f in dataclasses.fields(cls):
        if f.name in data:
            kwargs[f.name] = _coerce(hints.get(f.name, Any), data[f.name])
    return cls(**kwargs)


def _coerce(tp: Any, value: Any) -> Any:
    import types
    import typing

    if value is None or tp is Any:
        return value
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin in (typing.Union, types.UnionType):
        for arg in args:
            if arg is type(None):
                continue
            try:
                return _coerce(arg, value)
            except (TypeError, ValueError, KeyError):
                continue
        return value
    if tp is datetime:
        return datetime.fromisoformat(value) if isinstance(value, str) else value
    if dataclasses.is_dataclass(tp) and isinstance(value, dict):
        return build(tp, value)
    if origin in (list, set, frozenset) and args:
        return origin(_coerce(args[0], v) for v in value)
    if origin is tuple and args:
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_coerce(args[0], v) for v in value)
        return tuple(_coerce(a, v) for a, v in zip(args, value, strict=False))
    if origin is dict:
        return dict(value)
    if tp in (int, float, str, bool):
        return tp(value)
    return value
