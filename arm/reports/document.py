"""A printable table: title block, numbered column heads, rows, total, signatures.

The seed journal forms share one layout (title, "name of the authority"
line, started/finished dates, a head row, a row of column numbers 1..N, the
entries); every journal export and list is described as a ``TableDoc`` and
the XLSX, PDF and CSV writers lay it out the same way.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

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
    #: filled by the writers while they stream the rows
    counted: list[int] = field(default_factory=list)


def local_text(value: datetime | None, tz: ZoneInfo) -> str:
    return "" if value is None else value.astimezone(tz).strftime("%d.%m.%Y %H:%M:%S")


def cell_value(col: Column, value: Any, lang: str, tz: ZoneInfo) -> Any:
    """A stored value as the form shows it (local time, enum words, JSON detail)."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return local_text(value, tz)
    if isinstance(value, date):
        return value.strftime("%d.%m.%Y")
    if col.key in ENUM_KINDS:
        return enum_text(ENUM_KINDS[col.key], value, lang)
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return value


def journal_rows(
    columns: list[Column], rows: Iterable[tuple[Any, ...]], lang: str, tz: ZoneInfo
) -> Iterator[list[Any]]:
    for row in rows:
        yield [cell_value(c, v, lang, tz) for c, v in zip(columns, row, strict=True)]

