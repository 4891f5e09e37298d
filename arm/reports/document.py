"""A printable table: title block, numbered column heads, rows, total, signatures.

The seed journal forms share one layout (title, "name of the authority"
line, started/finished dates, a head row, a row of column numbers 1..N, the
entries); every journal export and list is described as a ``TableDoc`` and
the XLSX, PDF and CSV writers lay it out the same way.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from arm import geo, messages
from arm.caseload import reference
from arm.reports import audit_text
from arm.reports.labels import enum_text
from db.queries.journals import Column

DEFAULT_TZ = ZoneInfo("Asia/Almaty")
ENUM_KINDS = {"category": "category", "resolution": "resolution", "priority": "priority", "state": "state"}


@dataclass
class Section:
    """A titled block of rows (a journal has one; the monthly list has several)."""

    heading: str
    rows: Iterable[list[Any]]


@dataclass
class TableDoc:
    title: str
    headers: list[str]
    widths: list[int]
    sections: list[Section]
    header_lines: list[str] = field(default_factory=list)  # authority, period, filter
    signatures: list[str] = field(default_factory=list)
    total_label: str = ""
    numbered_heads: bool = True
    #: a line above the title in red ("DEMO DATA") when the form shows demonstration data
    marker: str = ""
    #: filled by the writers while they stream the rows
    counted: list[int] = field(default_factory=list)


def local_text(value: datetime | None, tz: ZoneInfo) -> str:
    return "" if value is None else value.astimezone(tz).strftime("%d.%m.%Y %H:%M:%S")


def period_end_text(date_to: datetime, tz: ZoneInfo) -> str:
    """The last moment a period includes, as printed: the filter's end is exclusive.

    An end at local midnight (a period "to 07.12" is stored as 08.12 00:00)
    prints the day before, 07.12; any other end prints its date and time.
    """
    local = date_to.astimezone(tz)
    if local.time() == time(0):
        return (local - timedelta(days=1)).strftime("%d.%m.%Y")
    return local.strftime("%d.%m.%Y %H:%M")


def display(value: Any) -> Any:
    """A cell value as text for PDF and CSV: naive local times and dates as the forms print them."""
    if isinstance(value, datetime):
        return value.strftime("%d.%m.%Y %H:%M:%S")
    if isinstance(value, date):
        return value.strftime("%d.%m.%Y")
    return value


#: the audit journal's coded columns in words (``arm.reports.audit_text``)
AUDIT_COLUMNS: dict[str, Any] = {
    "action": lambda v, lang, tz: audit_text.action_text(str(v), lang),
    "role": lambda v, lang, tz: audit_text.role_text(str(v), lang),
    "object_type": lambda v, lang, tz: audit_text.object_text(str(v), lang),
    "object_id": lambda v, lang, tz: audit_text.object_id_text(str(v), lang),
    "detail": audit_text.detail_text,
}

#: journal columns that store a user's login: a signable form names the person (``user_names``)
USER_COLUMNS = frozenset({"operator", "acknowledged_by", "closed_by", "issued_by", "returned_by", "user"})

#: journal columns whose stored text may be a message code (``arm.messages``), rendered in the form's language
CODED_COLUMNS = frozenset({"violation", "detected_by", "measures", "reported_to", "message"})


#: journal columns holding reference-list codes (``arm.caseload.reference``), rendered as names in the form's language
REFERENCE_COLUMNS = frozenset({"region", "district", "officer"})


def cell_value(col: Column, value: Any, lang: str, tz: ZoneInfo, names: Mapping[str, str] | None = None) -> Any:
    """A stored value as the form shows it (local time, enum words, codes in words, JSON detail).

    Times come out as naive datetimes on the desk zone's wall clock and dates
    as dates: the XLSX writer stores them as typed cells, PDF and CSV print
    them through :func:`display`. ``names`` maps logins to full names for
    :data:`USER_COLUMNS` (a value that is no login, "cli:admin", stays as stored).
    """
    if value is None:
        return ""
    if names and col.key in USER_COLUMNS and isinstance(value, str):
        return names.get(value) or value
    if isinstance(value, datetime):
        return value.astimezone(tz).replace(tzinfo=None, microsecond=0)
    if isinstance(value, date):
        return value
    if col.kind == "place":
        lat, lon = value
        return geo.place_line(lat, lon, lang)
    if col.key in ENUM_KINDS:
        return enum_text(ENUM_KINDS[col.key], value, lang)
    if col.key in AUDIT_COLUMNS:
        return AUDIT_COLUMNS[col.key](value, lang, tz)
    if col.key == "kind":
        return messages.text(f"kind.{value}", lang) or value
    if col.key == "device_type":
        return messages.text(f"device_type.{value}", lang) or value
    if col.key in CODED_COLUMNS and isinstance(value, str):
        return messages.render(value, lang)
    if col.key in REFERENCE_COLUMNS and isinstance(value, str):
        return reference.name(value, lang)
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return value


def journal_rows(
    columns: list[Column], rows: Iterable[tuple[Any, ...]], lang: str, tz: ZoneInfo,
    names: Mapping[str, str] | None = None,
) -> Iterator[list[Any]]:
    for row in rows:
        yield [cell_value(c, v, lang, tz, names) for c, v in zip(columns, row, strict=True)]

