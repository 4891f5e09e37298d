"""The two periodic forms of the probation/police interaction rules.

- The quarterly reconciliation act (appendix 2 of the rules): persons
  registered since the start of the year, deregistered since the start of the
  year and registered at the end of the period, one row per party (probation
  service, public safety unit, information and analysis department) and three
  signature blocks. ARM fills the probation row and the breakdown by
  district; the other rows are reconciled and filled in by hand.
- The monthly list of persons registered and deregistered during the month,
  sent to the district police inspectors by the 5th of the next month,
  grouped by district.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from reportlab.lib import colors
from reportlab.platypus import Spacer, Table, TableStyle
from sqlalchemy import and_, case, func, or_, select
from sqlalchemy.orm import Session

from arm import access, audit, messages
from arm.caseload import reference
from arm.reports import pdf
from arm.reports.demo_mark import demo_only, marker
from arm.reports.document import DEFAULT_TZ, Section, TableDoc
from arm.reports.exporter import Format, write
from arm.reports.labels import enum_text, month_name, t
from arm.safe_write import write_atomic
from db.models import Person

QUARTER_END = {1: (3, 31), 2: (6, 30), 3: (9, 30), 4: (12, 31)}


@dataclass(frozen=True)
class Counts:
    registered: int
    deregistered: int
    at_end: int


@dataclass(frozen=True)
class Reconciliation:
    year: int
    quarter: int
    total: Counts
    by_district: dict[str, Counts]
    #: the newest signed checkpoint of each journal chain, printed at the bottom of the act
    checkpoints: tuple[Any, ...] = ()
    #: counted from demo persons (a demonstration database): the act is marked as demo
    demo: bool = False


def checkpoint_lines(checkpoints: tuple[Any, ...] | list[Any], lang: str, tz: ZoneInfo) -> list[str]:
    """One line per journal: "Journal checkpoint: N records, head <16 hex>, <time in the desk zone>"."""
    if not checkpoints:
        return [t("checkpoint.none", lang)]
    return [
        t("checkpoint.line", lang, journal=t(f"checkpoint.{cp.journal}", lang), count=cp.count,
          head=cp.head[:16], time=cp.time.astimezone(tz).strftime("%d.%m.%Y %H:%M ") + tz.key)
        for cp in checkpoints
    ]


def _scoped_persons(user: Any, demo: bool = False) -> Any:
    """The persons a form counts: real ones, or the demo ones in a demonstration database (``demo``)."""
    scope = access.scope_for(user, access.Journal.VIOLATIONS)
    cond: Any = Person.is_demo.is_(demo)
    if scope.districts is not None:
        cond = and_(cond, Person.district.in_(sorted(scope.districts)))
    return cond


def reconciliation(session: Session, user: Any, year: int, quarter: int) -> Reconciliation:
    """The three counts of the act, in total and per district (scoped to the user)."""
    access.require(user, access.Action.REPORTS)
    if quarter not in QUARTER_END:
        raise ValueError("The quarter is 1, 2, 3 or 4.")
    start, end = date(year, 1, 1), date(year, *QUARTER_END[quarter])
    def count_if(cond: Any) -> Any:
        return func.sum(case((cond, 1), else_=0))

    registered = count_if(and_(Person.registered_on >= start, Person.registered_on <= end))
    deregistered = count_if(and_(Person.deregistered_on >= start, Person.deregistered_on <= end))
    at_end = count_if(
        and_(Person.registered_on <= end, or_(Person.deregistered_on.is_(None), Person.deregistered_on > end))
    )
    stmt = (
        select(Person.district, registered, deregistered, at_end)
        .where(_scoped_persons(user, demo_only(session)))
        .group_by(Person.district)
        .order_by(Person.district)
    )
    by_district = {d or "—": Counts(int(r or 0), int(x or 0), int(e or 0)) for d, r, x, e in session.execute(stmt)}
    total = Counts(*(sum(getattr(c, k) for c in by_district.values()) for k in ("registered", "deregistered", "at_end")))
    return Reconciliation(year, quarter, total, by_district, demo=demo_only(session))


# ---------------------------------------------------------------- reconciliation act: XLSX
_THIN = Side(style="thin", color="808080")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)


def _act_rows(rec: Reconciliation, lang: str) -> list[list[Any]]:
    c = rec.total
    return [
        [t("act.probation", lang), c.registered, c.deregistered, c.at_end],
        [t("act.public_safety", lang), "", "", ""],
        [t("act.iao", lang), "", "", ""],
    ]


def _act_signatures(lang: str) -> list[list[str]]:
    return [
        [t(f"act.sign.{who}", lang), t("organ", lang),
         f"_____________________ {t('sign.rank_name', lang)}    __________ {t('sign.signature', lang)}",
         t("sign.date", lang)]
        for who in ("probation", "public_safety", "iao")
    ]


def write_act_xlsx(rec: Reconciliation, out: Path, lang: str, organ: str, tz: ZoneInfo = DEFAULT_TZ) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "Act"
    for col, width in zip("ABCD", (42, 26, 26, 30), strict=True):
        ws.column_dimensions[col].width = width
    if rec.demo:
        ws.append([messages.text("demo.marker", lang)])
    ws.append([t("act.title", lang)])
    ws.append([t("act.heading", lang, year=rec.year, quarter=rec.quarter)])
    ws.append([organ or "_" * 50])
    ws.append([])
    ws.append(["", t("act.registered", lang), t("act.deregistered", lang), t("act.at_end", lang)])
    head_row = ws.max_row
    for values in _act_rows(rec, lang):
        ws.append(values)
    for r in ws.iter_rows(min_row=head_row, max_row=ws.max_row, max_col=4):
        for cell in r:
            cell.border = _BOX
            cell.alignment = Alignment(wrap_text=True, vertical="center")
    for cell in ws[head_row]:
        cell.font = Font(bold=True)
    first = 1 + rec.demo  # the demo marker, when there is one, is above the title
    for row in range(1, first + 2):
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=4)
        ws.cell(row, 1).alignment = Alignment(horizontal="center", wrap_text=True)
        ws.cell(row, 1).font = Font(bold=True, size=11 if row == first + 1 else 13,
                                    color="B71C1C" if row < first else None)
    ws.row_dimensions[first + 1].height = 48
    ws.append([])
    ws.append([t("act.by_district", lang)])
    ws.cell(ws.max_row, 1).font = Font(bold=True)
    for district, c in rec.by_district.items():
        ws.append([district_label(district, lang), c.registered, c.deregistered, c.at_end])
    ws.append([])
    ws.append([t("act.done_by", lang)])
    for line in _act_signatures(lang):
        ws.append(line)
    ws.append([])
    for text in checkpoint_lines(rec.checkpoints, lang, tz):
        ws.append([text])
    out.parent.mkdir(parents=True, exist_ok=True)
    wb.save(out)


def district_label(code: str, lang: str) -> str:
    """A stored district code (arm.caseload.reference) as its name in ``lang``; other text unchanged."""
    return reference.name(code, lang) if code != "—" else code


def write_act_pdf(rec: Reconciliation, out: Path, lang: str, organ: str, tz: ZoneInfo) -> None:
    st = pdf.styles()
    doc = pdf.new_document(out, t("act.title", lang), wide=False)
    p = pdf.para
    head = [p("", st["head"])] + [p(t(k, lang), st["head"]) for k in ("act.registered", "act.deregistered", "act.at_end")]
    body = [[p(v, st["cell"] if i else st["left"]) for i, v in enumerate(row)] for row in _act_rows(rec, lang)]
    widths = pdf.col_widths([40, 20, 20, 24], doc.width)
    table = Table([head, *body], colWidths=widths)
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))
    districts = [[p(district_label(d, lang), st["cell"]), p(c.registered, st["cell"]), p(c.deregistered, st["cell"]), p(c.at_end, st["cell"])]
                 for d, c in rec.by_district.items()]
    dtable = Table([head, *districts] if districts else [head], colWidths=widths, repeatRows=1)
    dtable.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.3, colors.grey)]))
    story: list[Any] = [p(messages.text("demo.marker", lang), st["demo"])] if rec.demo else []
    story += [
        p(t("act.title", lang), st["title"]),
        p(t("act.heading", lang, year=rec.year, quarter=rec.quarter), st["line"]),
        p(organ or "_" * 60, st["line"]),
        Spacer(1, 6),
        table,
        Spacer(1, 8),
        p(t("act.by_district", lang), st["section"]),
        dtable,
        p(t("act.done_by", lang), st["section"]),
    ]
    for who, organ_line, sign, when in _act_signatures(lang):
        story += [p(who, st["sign"]), p(f"_____________________ {organ_line}", st["left"]), p(sign, st["left"]),
                  p(when, st["left"])]
    story.append(Spacer(1, 8))
    story += [p(text, st["left"]) for text in checkpoint_lines(rec.checkpoints, lang, tz)]
    produced = pdf.produced_line(t("printed", lang), datetime.now(tz), tz.key)
    doc.build(story, onFirstPage=pdf.footer(produced, t("page", lang)),
              onLaterPages=pdf.footer(produced, t("page", lang)))


def export_reconciliation(
    session: Session, user: Any, year: int, quarter: int, fmt: Format | str, out: Path, *,
    lang: str = "ru", organ: str = "", tz: ZoneInfo = DEFAULT_TZ, force: bool = False,
) -> Reconciliation:
    """The act to ``out`` (replaced only with ``force``; ``arm.safe_write``), with the latest journal checkpoints; audited."""
    from arm.journal_anchor.checkpoints import current

    rec = replace(reconciliation(session, user, year, quarter), checkpoints=tuple(current(session)))
    fmt = Format(str(fmt))
    if fmt is Format.XLSX:
        write_atomic(out, lambda tmp: write_act_xlsx(rec, tmp, lang, organ, tz), force=force)
    elif fmt is Format.PDF:
        write_atomic(out, lambda tmp: write_act_pdf(rec, tmp, lang, organ, tz), force=force)
    else:
        raise ValueError("The reconciliation act is produced as xlsx or pdf.")
    audit.record(session, user, "export_report", "report", "reconciliation", year=year, quarter=quarter,
                 format=str(fmt), at=datetime.now(UTC))
    return rec


# ---------------------------------------------------------------- monthly list for district inspectors
def _month_bounds(year: int, month: int) -> tuple[date, date]:
    if not 1 <= month <= 12:
        raise ValueError("The month is 1 to 12.")
    start = date(year, month, 1)
    end = date(year + (month == 12), month % 12 + 1, 1)
    return start, end


def monthly_doc(session: Session, user: Any, year: int, month: int, lang: str = "ru", organ: str = "") -> TableDoc:
    """Registered and deregistered persons of a month, grouped by district."""
    access.require(user, access.Action.REPORTS)
    reference.load_names(session)  # officers and renamed districts by their names
    start, end = _month_bounds(year, month)
    sections: list[Section] = []
    for label, col in (("monthly.registered", Person.registered_on), ("monthly.deregistered", Person.deregistered_on)):
        persons = session.execute(
            select(Person).where(_scoped_persons(user, demo_only(session)), col >= start, col < end)
            .order_by(Person.district, Person.last_name, Person.first_name)
        ).scalars().all()
        audit.record(session, user, "view_personal_list", "report", "monthly", month=f"{year}-{month:02d}",
                     part=label.split(".")[1], persons=[p.id for p in persons])
        by_district: dict[str, list[list[Any]]] = {}
        for p in persons:
            by_district.setdefault(p.district or "—", []).append(_monthly_row(p, col.key, lang))
        if not by_district:
            sections.append(Section(f"{t(label, lang)}: {t('monthly.none', lang)}", []))
        for district, rows in by_district.items():
            numbered = [[i, *r] for i, r in enumerate(rows, start=1)]
            sections.append(Section(f"{t(label, lang)} — {t('col.district', lang)}: {district_label(district, lang)}",
                                    numbered))
    headers = [t("col.id", lang), t("col.person", lang), t("monthly.col.birth", lang), t("col.iin", lang),
               t("monthly.col.address", lang), t("col.category", lang), t("monthly.col.date", lang),
               t("monthly.col.court", lang), t("monthly.col.end", lang), t("col.officer", lang)]
    return TableDoc(
        title=t("monthly.title", lang, month=month_name(month, lang), year=year),
        headers=headers,
        widths=[5, 26, 10, 13, 30, 16, 10, 20, 10, 18],
        sections=sections,
        header_lines=[organ or "_" * 60, t("organ", lang)],
        signatures=[f"{t('monthly.sent_by', lang)}: ____________________ {t('sign.rank_name', lang)}"
                    f"   ____________ {t('sign.signature', lang)}   {t('sign.date', lang)}"],
        total_label=t("total", lang),
        marker=marker(session, lang),
    )


def _monthly_row(p: Person, date_key: str, lang: str) -> list[Any]:
    court = " ".join(x for x in (p.court_name or "", p.court_decision_no or "",
                                 p.court_decision_date.strftime("%d.%m.%Y") if p.court_decision_date else "") if x)
    when = getattr(p, date_key)
    return [  # dates as dates: typed cells in XLSX, dd.mm.yyyy in PDF
        p.full_name, p.birth_date, p.iin, p.address,
        enum_text("category", p.category, lang), when or "", court, p.supervision_end or "",
        reference.name(p.officer, lang),
    ]


def export_monthly(
    session: Session, user: Any, year: int, month: int, fmt: Format | str, out: Path, *,
    lang: str = "ru", organ: str = "", tz: ZoneInfo = DEFAULT_TZ, force: bool = False,
) -> int:
    """The list to ``out`` (replaced only with ``force``; ``arm.safe_write``); audited."""
    doc = monthly_doc(session, user, year, month, lang, organ)
    rows = write_atomic(out, lambda tmp: write(doc, fmt, tmp, lang, tz), force=force)
    audit.record(session, user, "export_report", "report", "monthly", month=f"{year}-{month:02d}",
                 format=str(fmt), rows=rows, at=datetime.now(UTC))
    return rows


__all__ = ["Counts", "Reconciliation", "export_monthly", "export_reconciliation", "monthly_doc", "reconciliation"]
