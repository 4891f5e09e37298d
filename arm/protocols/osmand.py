"""OsmAnd / Traccar Client over HTTP: query strings, form bodies and JSON bodies.

This is how a phone reports (the "telecommunication means" of the seed device
list). The legacy client sends ``?id=..&lat=..&lon=..&timestamp=..`` (GET or POST
with the query in the URL), the 2026 SDK posts the same fields form-encoded, and
the 2025 Flutter client posts a JSON ``{"location": {...}, "device_id": ...}``.
The phone treats HTTP 200 as "stored" and retries anything else, so the server
answers 200 only after the commit (``arm.protocols.servers``). Field meanings
follow Traccar's ``OsmAndProtocolDecoder``.
"""

from __future__ import annotations

import json
import math
from datetime import UTC, datetime
from urllib.parse import parse_qsl, urlsplit

from arm.protocols.position import KNOTS_PER_MPS, Position, ProtocolError

PROTOCOL = "osmand"
MPS_TO_KNOTS = KNOTS_PER_MPS
_LOCAL_TIME_FORMAT = "%Y-%m-%d %H:%M:%S"


def _parse_time(value: str) -> datetime:
    try:
        n = int(value)
    except ValueError:
        n = None
    try:
        if n is not None:
            return datetime.fromtimestamp(n / 1000 if n >= 2**31 - 1 else n, UTC)
        if "T" in value:
            t = datetime.fromisoformat(value.replace("Z", "+00:00"))
            return t if t.tzinfo else t.replace(tzinfo=UTC)
        return datetime.strptime(value, _LOCAL_TIME_FORMAT).replace(tzinfo=UTC)
    except (ValueError, OverflowError, OSError) as exc:
        raise ProtocolError("bad_value", f"timestamp {value!r}") from exc


def _float(name: str, value: str) -> float:
    try:
        v = float(value)
    except ValueError as exc:
        raise ProtocolError("bad_value", f"{name}={value!r}") from exc
    if not math.isfinite(v):
        raise ProtocolError("bad_value", f"{name}={value!r}")
    return v


def _int_or_none(text: str) -> int | None:
    """An optional integer field: anything that is not one (``--1``, 5,000 digits) is absent."""
    try:
        return int(text) if len(text) <= 20 else None
    except ValueError:
        return None


def _attribute(value: str) -> object:
    try:
        return float(value)
    except ValueError:
        pass
    if value.lower() in ("true", "false"):
        return value.lower() == "true"
    return value


def decode_query(params: list[tuple[str, str]], received: datetime) -> Position | None:
    """Decode query/form parameters; None when no device id was given (HTTP 400)."""
    p = Position(PROTOCOL)
    p.valid = True
    p.time = received
    for key, value in params:
        if key in ("id", "deviceid"):
            p.unique_id = value
        elif key == "valid":
            p.valid = value.lower() in ("true", "1")
        elif key == "timestamp":
            p.time = _parse_time(value)
        elif key == "lat":
            p.latitude = _float(key, value)
        elif key == "lon":
            p.longitude = _float(key, value)
        elif key == "location":
            parts = value.split(",")
            if len(parts) != 2:
                raise ProtocolError("bad_value", f"location={value!r}")
            p.latitude, p.longitude = _float(key, parts[0]), _float(key, parts[1])
        elif key == "cell":
            parts = value.split(",")
            try:
                cell = {"mcc": int(parts[0]), "mnc": int(parts[1]), "lac": int(parts[2]), "cid": int(parts[3])}
                if len(parts) > 4:
                    cell["rssi"] = int(parts[4])
            except (ValueError, IndexError) as exc:
                raise ProtocolError("bad_value", f"cell={value!r}") from exc
            p.cell_towers.append(cell)
        elif key == "wifi":
            parts = value.split(",")
            p.wifi.append({"mac": parts[0].replace("-", ":").lower(),
                           "rssi": _int_or_none(parts[1]) if len(parts) > 1 else None})
        elif key == "speed":
            p.speed = _float(key, value)
        elif key in ("bearing", "heading"):
            p.course = _float(key, value)
        elif key == "altitude":
            p.altitude = _float(key, value)
        elif key == "accuracy":
            p.accuracy = _float(key, value)
        elif key == "hdop":
            p.set("hdop", _float(key, value))
        elif key == "batt":
            p.set("batteryLevel", _float(key, value))
        elif key == "driverUniqueId":
            p.set("driverUniqueId", value)
        elif key == "charge":
            p.set("charge", value.lower() == "true")
        elif key == "notificationToken":
            continue
        else:
            p.set(key, _attribute(value))
    if p.unique_id is None:
        return None
    if p.latitude is None or p.longitude is None:
        p.outdated = True  # Traccar: last known location
    return p


#: JSON nesting a Traccar Client body never comes near (its deepest object is 3 levels)
MAX_JSON_DEPTH = 32


def _load_json(body: bytes) -> object:
    """The JSON of a body, or ProtocolError: never a RecursionError or a 60,000-digit integer.

    Nesting is checked on the bytes before parsing (``json`` recurses per level,
    so a deeply nested body would exhaust the stack); an integer beyond Python's
    4,300-digit conversion limit raises ValueError, which is answered as a bad value.
    """
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ProtocolError("not_utf8", "JSON body is not UTF-8") from exc
    if _depth(text) > MAX_JSON_DEPTH:
        raise ProtocolError("bad_value", f"JSON nested deeper than {MAX_JSON_DEPTH}")
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ProtocolError("bad_value", f"JSON: {exc.msg}") from exc
    except (ValueError, RecursionError) as exc:
        raise ProtocolError("bad_value", f"JSON: {type(exc).__name__}") from exc


def _depth(text: str) -> int:
    """The deepest nesting of ``[``/``{`` outside strings (an upper bound is enough: escapes are honoured)."""
    if text.count("[") + text.count("{") <= MAX_JSON_DEPTH:
        return 0  # the common case: too few brackets to nest that deep
    depth = deepest = 0
    in_string = escaped = False
    for ch in text:
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            if depth > deepest:
                deepest = depth
        elif ch in "]}":
            depth -= 1
    return deepest


def _json_value(value: object) -> object:
    """Extras keep their JSON type (integers stay int, like Traccar's Long)."""
    if value is None or isinstance(value, bool | str | int | float):
        return value
    return json.dumps(value)


def decode_json(body: bytes, received: datetime) -> Position | None:
    """The flutter_background_geolocation body of the 2025 Traccar Client."""
    root = _load_json(body)
    if isinstance(root, list):
        raise ProtocolError("unknown_type", "a JSON array: use decode_request_all")
    if not isinstance(root, dict):
        raise ProtocolError("bad_value", "JSON body is not an object")
    device_id = root.get("device_id")
    if device_id is None:
        return None
    location = root.get("location")
    if not isinstance(location, dict):
        raise ProtocolError("bad_value", "JSON body has no location object")
    p = Position(PROTOCOL, str(device_id))
    p.time = received
    try:
        if "timestamp" in location:
            p.time = _parse_time(str(location["timestamp"]))
        coords = location.get("coords")
        if isinstance(coords, dict):
            p.valid = True
            p.latitude = float(coords["latitude"])
            p.longitude = float(coords["longitude"])
            speed = coords.get("speed")
            if isinstance(speed, int | float) and speed >= 0:
                p.speed = speed * MPS_TO_KNOTS
            heading = coords.get("heading")
            if isinstance(heading, int | float) and heading >= 0:
                p.course = float(heading)
            accuracy = coords.get("accuracy")
            if isinstance(accuracy, int | float) and accuracy >= 10.0:
                p.accuracy = float(accuracy)
            altitude = coords.get("altitude")
            if isinstance(altitude, int | float):
                p.altitude = float(altitude)
        else:
            p.outdated = True
    except (KeyError, TypeError, ValueError, OverflowError) as exc:  # OverflowError: an integer of 400 digits
        raise ProtocolError("bad_value", f"coords: {type(exc).__name__}") from exc
    if "event" in location:
        p.set("event", location["event"])
    if "is_moving" in location:
        p.set("motion", bool(location["is_moving"]))
    odometer = location.get("odometer")
    # an int is always finite (math.isfinite fails on one beyond a float's range)
    if isinstance(odometer, int) or isinstance(odometer, float) and math.isfinite(odometer):
        p.set("odometer", int(odometer))
    if "mock" in location:
        p.set("mock", location["mock"])
    activity = location.get("activity")
    if isinstance(activity, dict) and "type" in activity:
        p.set("activity", activity["type"])
    battery = location.get("battery")
    if isinstance(battery, dict):
        level = battery.get("level")
        if isinstance(level, int | float) and 0 <= level <= 100:  # a fraction 0..1; NaN and 1e400 fail
            p.set("batteryLevel", round(level * 100))
        if battery.get("is_charging") is True:
            p.set("charge", True)
    if "alarm" in location:
        p.set("alarm", location["alarm"])
    extras = location.get("extras")
    if isinstance(extras, dict):
        for key, value in extras.items():
            p.set(str(key), _json_value(value))
    return p


def decode_request(
    method: str, target: str, headers: dict[str, str], body: bytes, received: datetime,
) -> Position | None:
    """One HTTP request -> Position, None (no device id) or ProtocolError."""
    content_type = headers.get("content-type", "")
    if content_type.startswith("application/json"):
        return decode_json(body, received)
    query = urlsplit(target).query
    if not query and body:
        try:
            query = body.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise ProtocolError("not_utf8", "form body is not UTF-8") from exc
    try:
        params = parse_qsl(query, keep_blank_values=True, strict_parsing=False, errors="strict")
    except UnicodeDecodeError as exc:
        raise ProtocolError("not_utf8", "query is not UTF-8") from exc
    return decode_query(params, received)


MAX_ARRAY = 500


def decode_request_all(
    method: str, target: str, headers: dict[str, str], body: bytes, received: datetime,
) -> list[Position | None]:
    """Like ``decode_request``, but also accepts the JSON array upload of the 2026 client SDK.

    ``uploadJson = true`` in traccar-client-sdk POSTs an array of flat objects
    with the form fields (id, lat, lon, timestamp, speed in knots...); each is
    decoded as a query. Traccar's own decoder has no array branch yet.
    """
    if headers.get("content-type", "").startswith("application/json") and body.lstrip()[:1] == b"[":
        items = _load_json(body)
        if not isinstance(items, list) or len(items) > MAX_ARRAY:
            raise ProtocolError("too_large" if isinstance(items, list) else "bad_value", "JSON array upload")
        out: list[Position | None] = []
        for item in items:
            if not isinstance(item, dict):
                raise ProtocolError("bad_value", "JSON array element is not an object")
            params = [(str(k), str(v).lower() if isinstance(v, bool) else str(v))
                      for k, v in item.items() if v is not None and not isinstance(v, dict | list)]
            out.append(decode_query(params, received))
        return out
    return [decode_request(method, target, headers, body, received)]
