"""The probation registry's tabular export (CSV in UTF-8 or cp1251, or XLSX): persons, row by row.

Columns (header row; English keys or the Russian headings, any order, see
docs/caseload-import.md): ``iin``/ИИН, ``last_name``/Фамилия,
``first_name``/Имя, ``middle_name``/Отчество, ``birth_date``/Дата рождения,
``category``/Категория, ``court_decision_no``/Номер решения суда,
``court_decision_date``/Дата решения суда, ``court_name``/Суд,
``supervision_start``/Начало надзора, ``supervision_end``/Окончание надзора,
``registered_on``/Дата постановки на учёт, ``region``/Область,
``district``/Район, ``officer``/Инспектор, ``address``/Адрес,
``home_lat``/Широта, ``home_lon``/Долгота, ``phone``/Телефон.

Each row becomes a person of a caseload exchange document and goes through
the same checks and the same all-or-nothing import
(:mod:`arm.caseload.exchange`): a problem is reported as ``row 7, Район:
Unknown district ...`` (the row number as a spreadsheet shows it), every
problem of every row at once, and nothing is written unless all rows pass.
A CSV is read as UTF-8 (with or without BOM) or, when that fails, as cp1251
(Windows Cyrillic, what Excel writes in Kazakhstan); ``;``, ``,`` and tab
separators are recognised. An XLSX whose header row has merged cells is
refused (which column is which cannot be known).
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

COLUMNS: dict[str, tuple[str, ...]] = {
    "iin": ("ИИН", "ЖСН"),
    "last_name": ("Фамилия", "Тегі"),
    "first_name": ("Имя", "Аты"),
    "middle_name": ("Отчество", "Әкесінің аты"),
    "birth_date": ("Дата рождения", "Туған күні"),
    "category": ("Категория", "Санат"),
    "court_decision_no": ("Номер решения суда",),
    "court_decision_date": ("Дата решения суда",),
    "court_name": ("Суд",),
    "supervision_start": ("Начало надзора",),
    "supervision_end": ("Окончание надзора",),
    "registered_on": ("Дата постановки на учёт", "Дата постановки на учет"),
    "region": ("Область", "Облыс"),
    "district": ("Район", "Аудан"),
    "officer": ("Инспектор",),
    "address": ("Адрес", "Мекенжай"),
    "home_lat": ("Широта",),
    "home_lon": ("Долгота",),
    "phone": ("Телефон",),
}
REQUIRED = ("iin", "last_name", "first_name", "birth_date", "category", "supervision_start", "district")
CATEGORY_WORDS = {
    "условно осужденный": "conditional", "условно осуждённый": "conditional", "условное осуждение": "conditional",
    "ограничение свободы": "restricted_freedom", "удо": "parole", "условно-досрочно освобожденный": "parole",
    "условно-досрочно освобождённый": "parole", "административный надзор": "admin_supervision",
}
DATE_FIELDS = ("birth_date", "court_decision_date", "supervision_start", "supervision_end", "registered_on")


class TableInvalid(ValueError):
    """The file was refused; ``problems`` lists every one (``row N, Column: message``)."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass
class Table:
    headers: list[str]
    #: (spreadsheet row number, cell texts)
    rows: list[tuple[int, list[Any]]]
    encoding: str


def read_table(path: Path) -> Table:
    """The header and rows of a CSV or XLSX file, or ``TableInvalid`` saying why it cannot be read."""
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return _read_xlsx(path)
    if suffix in (".csv", ".txt"):
        return _read_csv(path)
    raise TableInvalid([f"{path.name}: not a .csv or .xlsx file"])


def _read_csv(path: Path) -> Table:
    data = path.read_bytes()
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in data[:4096]:
        raise TableInvalid([f"{path.name}, row 1: the file is in UTF-16 (or is not text); save it as CSV in "
                            "UTF-8 or Windows-1251 (cp1251)"])
    for encoding in ("utf-8-sig", "cp1251"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - cp1251 decodes almost any byte; 0x98 alone does not
        raise TableInvalid([f"{path.name}: neither UTF-8 nor cp1251 text"])
    first = text.splitlines()[0] if text else ""
    delimiter = max((";", ",", "\t"), key=first.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    lines = list(reader)
    if not lines:
        raise TableInvalid([f"{path.name}: empty file"])
    rows = [(n, line) for n, line in enumerate(lines[1:], start=2) if any(c.strip() for c in line)]
    return Table([h.strip() for h in lines[0]], rows, "utf-8" if encoding == "utf-8-sig" else encoding)


def _read_xlsx(path: Path) -> Table:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = load_workbook(path, read_only=False, data_only=True)
    except (InvalidFileException, OSError, KeyError, ValueError) as exc:
        raise TableInvalid([f"{path.name}: not a readable XLSX workbook ({exc})"]) from exc
    sheet = book.worksheets[0]
    merged = [str(r) for r in sheet.merged_cells.ranges if r.min_row <= 1 <= r.max_row]
    if merged:
        raise TableInvalid([f"{path.name}, sheet {sheet.title!r}, row 1: merged header cells {', '.join(merged)}; "
                            "unmerge them so that each column has its own heading"])
    lines = [list(row) for row in sheet.iter_rows(values_only=True)]
    if not lines:
        raise TableInvalid([f"{path.name}: the first sheet is empty"])
    headers = [str(h).strip() if h is not None else "" for h in lines[0]]
    rows = [(n, line) for n, line in enumerate(lines[1:], start=2)
            if any(c is not None and str(c).strip() for c in line)]
    return Table(headers, rows, "xlsx")


def _header_map(headers: list[str]) -> tuple[dict[int, str], list[str]]:
    known = {k.casefold(): k for k in COLUMNS} | {
        alias.casefold(): key for key, aliases in COLUMNS.items() for alias in aliases}
    mapping: dict[int, str] = {}
    problems: list[str] = []
    for i, header in enumerate(headers):
        if not header:
            continue
        key = known.get(header.casefold().replace("ё", "е")) or known.get(header.casefold())
        if key is None:
            problems.append(f"row 1, column {i + 1} {header!r}: unknown column")
        elif key in mapping.values():
            problems.append(f"row 1, column {i + 1} {header!r}: the column appears twice")
        else:
            mapping[i] = key
    for key in REQUIRED:
        if key not in mapping.values():
            problems.append(f"row 1: the column {key} ({COLUMNS[key][0]}) is missing")
    return mapping, problems


def _date(value: Any) -> str | Any:
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    text = str(value).strip()
    if m := re.fullmatch(r"(\d{1,2})\.(\d{1,2})\.(\d{4})", text):
        return f"{m.group(3)}-{int(m.group(2)):02d}-{int(m.group(1)):02d}"
    return text


def _number(value: Any) -> Any:
    if isinstance(value, (int, float)):
        return value
    text = str(value).strip().replace(",", ".")
    try:
        return float(text)
    except ValueError:
        return text


def to_document(table: Table) -> tuple[dict[str, Any], dict[str, str], list[int]]:
    """(exchange document, header of each field, spreadsheet row of each person) or ``TableInvalid``."""
    mapping, problems = _header_map(table.headers)
    if problems:
        raise TableInvalid(problems)
    header_of = {key: table.headers[i] for i, key in mapping.items()}
    persons: list[dict[str, Any]] = []
    row_numbers: list[int] = []
    for number, cells in table.rows:
        raw: dict[str, Any] = {}
        for i, key in mapping.items():
            value = cells[i] if i < len(cells) else None
            if value is None or (isinstance(value, str) and not value.strip()):
                continue
            raw[key] = value.strip() if isinstance(value, str) else value
        for key in DATE_FIELDS:
            if key in raw:
                raw[key] = _date(raw[key])
        for key in ("home_lat", "home_lon"):
            if key in raw:
                raw[key] = _number(raw[key])
        if "iin" in raw:
            raw["iin"] = str(raw["iin"]).split(".")[0].zfill(12) if isinstance(raw["iin"], (int, float)) \
                else str(raw["iin"])
        category = str(raw.get("category", "")).strip()
        raw["category"] = CATEGORY_WORDS.get(category.casefold(), category) or None
        person: dict[str, Any] = {k: raw[k] for k in ("iin", "last_name", "first_name", "middle_name", "birth_date",
                                                      "category", "region", "district", "officer", "phone")
                                  if raw.get(k) is not None}
        for k in ("last_name", "first_name", "middle_name", "region", "district", "officer", "phone"):
            if k in person:
                person[k] = str(person[k])
        court = {out: raw[k] for k, out in (("court_decision_no", "decision_no"), ("court_decision_date",
                                            "decision_date"), ("court_name", "name")) if k in raw}
        if court:
            court = {k: str(v) for k, v in court.items()}
            person["court"] = court
        person["supervision"] = {"start": raw.get("supervision_start"), "end": raw.get("supervision_end")}
        person["registered_on"] = raw.get("registered_on") or raw.get("supervision_start")
        home = {out: raw[k] for k, out in (("address", "address"), ("home_lat", "lat"), ("home_lon", "lon"))
                if k in raw}
        if home:
            if "address" in home:
                home["address"] = str(home["address"])
            person["home"] = home
        persons.append(person)
        row_numbers.append(number)
    if not persons:
        raise TableInvalid(["the file has a header but no rows"])
    return {"format": "arm-caseload", "version": 1, "persons": persons}, header_of, row_numbers


_FIELD_OF = {"court.decision_no": "court_decision_no", "court.decision_date": "court_decision_date",
             "court.name": "court_name", "supervision.start": "supervision_start",
             "supervision.end": "supervision_end", "home.address": "address", "home.lat": "home_lat",
             "home.lon": "home_lon"}


def row_problems(problems: list[str], header_of: dict[str, str], rows: list[int]) -> list[str]:
    """The exchange check's ``persons[i].field: message`` as ``row N, Heading: message``."""
    out: list[str] = []
    for problem in problems:
        m = re.match(r"persons\[(\d+)\](?:\.([\w.\[\]]+))?: (.*)$", problem, re.S)
        if not m:
            out.append(problem)
            continue
        row = rows[int(m.group(1))]
        field = _FIELD_OF.get(m.group(2) or "", (m.group(2) or "").split(".")[0])
        heading = header_of.get(field, field or "")
        if field == "registered_on" and field not in header_of:
            heading = header_of.get("supervision_start", "supervision_start")
        out.append(f"row {row}, {heading}: {m.group(3)}" if heading else f"row {row}: {m.group(3)}")
    return out
