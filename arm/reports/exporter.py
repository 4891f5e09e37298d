"""Any filtered journal to XLSX, PDF or CSV, laid out as the seed journal forms.

The rows come through the same scoped query as the review table
(``access.scope_for``), page by page, so an export holds one page in memory
and never shows a row the user could not open on screen. The export itself is
recorded in the audit journal with its filter, format and row count.
"""

from __future__ import annotations

import csv
import enum
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from arm import access, audit, messages
from arm.caseload import reference
from arm.reports import pdf, xlsx
from arm.reports.demo_mark import marker
from arm.reports.document import DEFAULT_TZ, Section, TableDoc, display, journal_rows, period_end_text
from arm.reports.labels import audit_action_text, column_title, enum_text, t
from arm.safe_write import write_atomic
from db.models import User
from db.queries import journals
from db.queries.filters import JournalFilter


class Format(enum.StrEnum):
    XLSX = "xlsx"
    PDF = "pdf"
    CSV = "csv"


class ExportCancelled(Exception):
    """The user stopped the export; the partial file was removed."""


def _watched(rows: Iterator[list[Any]], progress: Callable[[int], None] | None,
             cancelled: Callable[[], bool] | None, every: int = 1_000) -> Iterator[list[Any]]:
    """Report progress every ``every`` rows and stop when asked to."""
    for n, row in enumerate(rows, start=1):
        yield row
        if n % every == 0:
            if cancelled is not None and cancelled():
                raise ExportCancelled(f"stopped after {n} rows")
            if progress is not None:
                progress(n)


@dataclass(frozen=True)
class ExportResult:
    path: Path
    rows: int
    format: Format


def user_names(session: Session) -> dict[str, str]:
    """Login -> full name of every account: the forms name who acted, the filters keep the login."""
    return {login: name for login, name in session.execute(select(User.login, User.full_name)) if name}


def _header_lines(f: JournalFilter, lang: str, tz: ZoneInfo, organ: str,
                  names: Mapping[str, str] | None = None) -> list[str]:
    lines = [organ or "_" * 60, t("organ", lang)]
    start = f.date_from.astimezone(tz).strftime("%d.%m.%Y") if f.date_from else "«___» ________ 20__"
    end = period_end_text(f.date_to, tz) if f.date_to else "«___» ________ 20__"
    lines.append(f"{t('started', lang)}: {start}    {t('finished', lang)}: {end}    ({t('time_zone', lang)}: {tz.key})")
    extra = {k: v for k, v in f.describe().items() if k not in ("date_from", "date_to")}
    if extra:
        lines.append(f"{t('filter', lang)}: " + "; ".join(
            f"{t(f'filter.{k}', lang)}: {filter_value(k, v, lang, names)}" for k, v in extra.items()))
    return lines


def filter_value(key: str, value: Any, lang: str, names: Mapping[str, str] | None = None) -> str:
    """A filter's value in words (kinds, resolutions, categories, an operator's name); numbers as given."""
    if key == "operator" and names and names.get(str(value)):
        return names[str(value)]
    if key == "kind":
        return messages.text(f"kind.{value}", lang) or audit_action_text(str(value), lang)
    if key in ("resolution", "category"):
        return enum_text(key, value, lang)
    if key in ("district", "officer"):  # reference codes: named (a typed officer's name comes back as typed)
        return reference.name(str(value), lang)
    return str(value)


def build_doc(
    session: Session, user: Any, journal: str, f: JournalFilter, *, lang: str = "ru",
    tz: ZoneInfo = DEFAULT_TZ, organ: str = "", max_rows: int | None = None,
) -> TableDoc:
    scope = access.scope_for(user, journal)
    reference.load_names(session)  # district and officer codes print as names (renames, officers of the database)
    spec = journals.spec(journal)
    cols = spec.visible_columns(scope)
    rows = journals.iter_rows(session, journal, f, scope, max_rows=max_rows)
    names = user_names(session)
    return TableDoc(
        title=t(f"title.{journal}", lang),
        headers=[column_title(c.key, lang, c.title) for c in cols],
        widths=[c.width for c in cols],
        sections=[Section("", journal_rows(cols, rows, lang, tz, names))],
        header_lines=_header_lines(f, lang, tz, organ, names),
        total_label=t("total", lang),
        marker=marker(session, lang),
    )


def write_csv(doc: TableDoc, path: Path) -> int:
    """Plain CSV for scripts: one head row, then the rows (UTF-8 with BOM for Excel)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    total = 0
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(doc.headers)
        for section in doc.sections:
            for row in section.rows:
                out.writerow([display(v) for v in row])
                total += 1
    doc.counted.append(total)
    return total


def write(doc: TableDoc, fmt: Format | str, out: Path, lang: str, tz: ZoneInfo) -> int:
    fmt = Format(str(fmt))
    if fmt is Format.XLSX:
        return xlsx.write_xlsx(doc, out)
    if fmt is Format.PDF:
        produced = pdf.produced_line(t("printed", lang), datetime.now(tz), tz.key)
        return pdf.write_pdf(doc, out, produced, t("page", lang))
    return write_csv(doc, out)


def export_journal(
    session: Session, user: Any, journal: str, f: JournalFilter, fmt: Format | str, out: Path, *,
    lang: str = "ru", tz: ZoneInfo = DEFAULT_TZ, organ: str = "", max_rows: int | None = None,
    progress: Callable[[int], None] | None = None, cancelled: Callable[[], bool] | None = None,
    force: bool = False,
) -> ExportResult:
    """Export what ``user`` may see of ``journal`` under ``f``; audited.

    ``progress(rows)`` is called every thousand rows (from the calling thread);
    when ``cancelled()`` turns true the export stops, the partial file is
    removed and ``ExportCancelled`` is raised (nothing is audited). The file is
    written through ``arm.safe_write.write_atomic``: an existing ``out`` is
    replaced only with ``force``, a symbolic link never.
    """
    access.require(user, access.Action.EXPORT)
    fmt = Format(str(fmt))
    doc = build_doc(session, user, journal, f, lang=lang, tz=tz, organ=organ, max_rows=max_rows)
    if progress is not None or cancelled is not None:
        for section in doc.sections:
            section.rows = _watched(iter(section.rows), progress, cancelled)
    rows = write_atomic(out, lambda tmp: write(doc, fmt, tmp, lang, tz), force=force)
    audit.record(
        session, user, "export_journal", "journal", journal,
        filter=f.describe(), format=str(fmt), rows=rows, file=out.name, at=datetime.now(UTC),
    )
    return ExportResult(out, rows, fmt)
