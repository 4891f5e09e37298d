"""Replays the Traccar conformance vectors against ARM's decoders.

The records come from Traccar's own decoder tests, copied into ``vectors/`` beside
this file (Apache-2.0; see ``vectors/README.md``). A missing vector file is an
error, never an empty list: a test must fail, not pass or skip, without its data.
Decoders are stateful, so records are replayed in ``seq`` order per
(source file, test_method) with a fresh decoder per group, as the README says;
``check`` says what the Java test asserted and is mirrored here.
"""

from __future__ import annotations

import json
import math
from collections import defaultdict
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from arm.protocols.position import Position

CONFORMANCE = Path(__file__).resolve().parent / "vectors"


def load(protocol: str, frames: bool = False) -> list[dict[str, Any]]:
    """The records of one protocol; FileNotFoundError when its vector file is missing."""
    name = f"traccar_{protocol}{'_frames' if frames else ''}.jsonl"
    path = CONFORMANCE / name
    if not path.is_file():
        raise FileNotFoundError(f"conformance vector file missing: {path} (see {CONFORMANCE / 'README.md'})")
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def groups(records: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in records:
        out[f"{r['source'].split('@')[0].rsplit('/', 1)[-1]}::{r['test_method']}"].append(r)
    for v in out.values():
        v.sort(key=lambda r: r["seq"])
    return dict(out)


def message_bytes(r: dict[str, Any]) -> bytes:
    if r["encoding"] == "hex":
        return bytes.fromhex(r["message"])
    return r["message"].encode("latin-1")


def _type_ok(value: Any, java_type: str) -> bool:
    if java_type in ("Integer", "Long", "Short", "Byte"):
        return isinstance(value, int) and not isinstance(value, bool)
    if java_type in ("Double", "Float"):
        return isinstance(value, float)
    if java_type == "Boolean":
        return isinstance(value, bool)
    if java_type == "String":
        return isinstance(value, str)
    return True


def check_generic(p: Position, check_location: bool = True) -> list[str]:
    """Traccar's verifyDecodedPosition, as far as ARM's Position carries it."""
    errors = []
    if check_location:
        if p.time is None or not (datetime(1999, 1, 1, tzinfo=UTC) < p.time < datetime.now(UTC) + timedelta(hours=25)):
            errors.append(f"fix time {p.time}")
        if p.latitude is None or not -90 <= p.latitude <= 90:
            errors.append(f"latitude {p.latitude}")
        if p.longitude is None or not -180 <= p.longitude <= 180:
            errors.append(f"longitude {p.longitude}")
        if p.altitude is not None and not -12262 <= p.altitude <= 18000:
            errors.append(f"altitude {p.altitude}")
        if p.speed is not None and not 0 <= p.speed <= 869:
            errors.append(f"speed {p.speed}")
        if p.course is not None and not 0 <= p.course <= 360:
            errors.append(f"course {p.course}")
    level = p.attributes.get("batteryLevel")
    if level is not None and not 0 <= level <= 100:
        errors.append(f"batteryLevel {level}")
    for key in ("ignition", "charge", "motion", "archive", "roaming"):
        if key in p.attributes and not isinstance(p.attributes[key], bool):
            errors.append(f"{key} not boolean")
    for key in ("sat", "rssi", "odometer", "power", "battery"):
        v = p.attributes.get(key)
        if v is not None and (isinstance(v, bool) or not isinstance(v, int | float)):
            errors.append(f"{key} not a number")
    for cell in p.cell_towers:
        if not 0 <= cell.get("mcc", 0) <= 999 or not 0 <= cell.get("mnc", 0) <= 999:
            errors.append(f"cell {cell}")
    return errors


def _field(p: Position, key: str) -> Any:
    return {"speed": p.speed, "course": p.course, "altitude": p.altitude}.get(key)


def verify(r: dict[str, Any], result: Any) -> list[str]:
    """Compare a decode result (Position, list of Positions or None) with the record."""
    check, expect = r["check"], r["expect"]
    positions = result if isinstance(result, list) else ([result] if result is not None else [])
    if check == "null":
        return [] if not positions else [f"expected null, got {positions[0]}"]
    if not positions:
        return ["expected a result, got null"]
    if check == "not_null":
        return []
    p = positions[0]
    if check == "attributes":
        return [] if p.attributes else ["empty attributes"]
    if check == "attribute":
        key, value = expect["key"], expect["value"]
        actual = _field(p, key) if expect.get("target") == "field" else p.attributes.get(key)
        if value is None:
            return [] if actual is None else [f"{key} should be absent, is {actual!r}"]
        if actual is None:
            return [f"{key} missing (attributes {p.attributes})"]
        if isinstance(value, float) or isinstance(actual, float):
            ok = isinstance(actual, int | float) and math.isclose(actual, value, rel_tol=1e-9, abs_tol=1e-9)
        else:
            ok = actual == value
        if not ok:
            return [f"{key} = {actual!r}, expected {value!r}"]
        if expect.get("target") != "field" and not _type_ok(actual, expect.get("java_type", "")):
            return [f"{key} = {actual!r} has wrong type for Java {expect['java_type']}"]
        return []
    if check in ("position", "positions"):
        errors: list[str] = []
        check_location = expect.get("check_location", True)
        for q in positions:
            errors += check_generic(q, check_location)
        if "latitude" in expect:
            tol = expect.get("tolerance", 1e-5)
            if abs((p.latitude or 0) - expect["latitude"]) > tol:
                errors.append(f"latitude {p.latitude} != {expect['latitude']}")
            if abs((p.longitude or 0) - expect["longitude"]) > tol:
                errors.append(f"longitude {p.longitude} != {expect['longitude']}")
            if "valid" in expect and p.valid != expect["valid"]:
                errors.append(f"valid {p.valid} != {expect['valid']}")
            if "fixTime" in expect:
                want = datetime.fromisoformat(expect["fixTime"].replace("Z", "+00:00"))
                if p.time != want:
                    errors.append(f"fixTime {p.time} != {want}")
        return errors
    return [f"unknown check {check}"]
