"""Offline geography from an imported OpenStreetMap extract: addresses and search.

The one function the rest of ARM calls is :func:`describe`: the address of a
position as a sentence in the reader's language, or None when no extract has
been imported (callers then show the coordinates only). ``where``/``find``
give the structured answers (``arm map where|find``). No Qt here.
"""

from __future__ import annotations

import math
from functools import lru_cache

from arm.geo.index import Address, AddressIndex

# "N m from street" in the reader's language (the street name carries its own type word)
_FAR = {
    "ru": "{dist} от: {street}",
    "kk": "{street} маңы, {dist}",
    "en": "{dist} from {street}",
}
_UNITS = {"ru": ("м", "км"), "kk": ("м", "км"), "en": ("m", "km")}


def distance_text(metres: float, lang: str = "ru") -> str:
    """``"90 m"``, ``"2.4 km"`` (``"2,4 км"`` in ru/kk)."""
    m, km = _UNITS.get(lang, _UNITS["en"])
    if metres < 1000:
        return f"{int(round(metres / 10.0) * 10) if metres >= 100 else int(round(metres))} {m}"
    value = f"{metres / 1000:.1f}"
    return f"{value.replace('.', ',') if lang in ('ru', 'kk') else value} {km}"


def format_address(addr: Address, lang: str = "ru") -> str | None:
    """``"улица Кенесары 40, Астана"`` or ``"90 м от: улица Кенесары, Астана"``; None if nothing is known."""
    parts: list[str] = []
    if addr.street and addr.house:
        parts.append(f"{addr.street} {addr.house}")
    elif addr.street:
        dist = addr.distance_m or 0.0
        if dist < 25:
            parts.append(addr.street)
        else:
            parts.append(_FAR.get(lang, _FAR["en"]).format(dist=distance_text(dist, lang), street=addr.street))
    if addr.settlement:
        parts.append(addr.settlement)
    return ", ".join(parts) or None


def distance_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in metres (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371008.8 * math.asin(min(1.0, math.sqrt(a)))


_FROM_HOME = {"ru": "{dist} от дома", "kk": "үйден {dist}", "en": "{dist} from home"}
_NEAR = {"ru": "рядом: {address}", "kk": "маңы: {address}", "en": "near {address}"}


def place_text(lat: float | None, lon: float | None, home_m: float | None = None, lang: str = "ru") -> str:
    """Where a violation happened, for an alarm's explanation: ``"2.4 km from home, near улица Абая 45, Астана"``.

    Either part may be missing (no home set, no extract imported); "" when both are.
    """
    parts: list[str] = []
    if home_m is not None:
        parts.append(_FROM_HOME.get(lang, _FROM_HOME["en"]).format(dist=distance_text(float(home_m), lang)))
    address = describe(lat, lon, lang)
    if address:
        parts.append(_NEAR.get(lang, _NEAR["en"]).format(address=address))
    return ", ".join(parts)


def where(lat: float, lon: float, lang: str = "ru") -> Address | None:
    """The structured address of a point from the imported extract, or None without an import."""
    from arm.geo.store import open_index

    global _last_index
    index = open_index()
    if index is not _last_index:
        _where_cached.cache_clear()  # drop the old import's answers (and its open file)
        _last_index = index
    return _where_cached(index, lat, lon, lang) if index is not None else None


_last_index: AddressIndex | None = None


@lru_cache(maxsize=8192)
def _where_cached(index: AddressIndex, lat: float, lon: float, lang: str) -> Address:
    # tables and panes repaint the same rows often; a new import is a new index object (new key)
    return index.where(lat, lon, lang)


def describe(lat: float | None, lon: float | None, lang: str = "ru") -> str | None:
    """The address of a position as one line, or None (no import, no position, nothing near)."""
    if lat is None or lon is None:
        return None
    addr = where(lat, lon, lang)
    return format_address(addr, lang) if addr is not None else None


def coordinates_text(lat: float, lon: float) -> str:
    """``"51.12820, 71.43220"``: five decimals (about a metre), the form a map or a phone accepts."""
    return f"{lat:.5f}, {lon:.5f}"


def place_line(lat: float | None, lon: float | None, lang: str = "ru") -> str:
    """Where something happened for a journal or a report: the address and the coordinates beside it.

    ``"улица Кенесары 40, Астана (51.12820, 71.43220)"``; the coordinates alone
    without an imported extract or with nothing near; "" without a position.
    """
    if lat is None or lon is None:
        return ""
    address = describe(lat, lon, lang)
    coords = coordinates_text(lat, lon)
    return f"{address} ({coords})" if address else coords


def find(text: str, lang: str = "ru", limit: int = 10) -> list[Address]:
    """Addresses matching a typed text; empty without an import."""
    from arm.geo.store import open_index

    index = open_index()
    return index.find(text, lang, limit) if index is not None else []


__all__ = ["Address", "coordinates_text", "describe", "distance_m", "distance_text", "find", "format_address", "place_line", "place_text",
           "where"]
