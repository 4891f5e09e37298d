"""Journals, their filters and their exports show districts and officers by name, never by reference code.

Persons store ``KZ-75-medeu``-like codes (issue 12); a reader sees "Медеуский
район" / "Медеу ауданы" and the officer's full name, in the reader's language.
"""

from __future__ import annotations

import csv
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from arm.caseload import reference
from arm.reports import exporter, forms
from db.integrity import append_chained
from db.models import Category, Person, ViolationEntry
from db.models_caseload import ProbationOfficer
from db.queries.filters import JournalFilter
from db.reference import office_code
from tests.journals.conftest import settle, user
from widgets import i18n
from widgets.journal_view import JournalReview

T0 = datetime(2026, 11, 2, 6, 0, tzinfo=UTC)
MEDEU, AUEZOV = "KZ-75-medeu", "KZ-75-auezov"
OFFICER = "TEST-OF-1"
OFFICER_NAME = "Серікбаев Әлібек Нұрланұлы"


@pytest.fixture
def coded_db(db):
    """Two persons of two districts, stored as reference codes, with an officer of the reference list."""
    with db.begin() as s:
        s.add(ProbationOfficer(code=OFFICER, full_name=OFFICER_NAME, office_code=office_code(MEDEU),
                               district_code=MEDEU, position="", login="", active=True))
        for i, (last, district) in enumerate((("Ахметов", MEDEU), ("Бекова", AUEZOV))):
            p = Person(last_name=last, first_name="Ержан", middle_name="", iin=f"90010130{i:04d}",
                       birth_date=date(1990, 1, 1 + i), category=Category.PAROLE, supervision_start=date(2026, 11, 1),
                       registered_on=date(2026, 11, 3), supervision_end=date(2027, 12, 31), address="г. Алматы",
                       region="KZ-75", district=district, officer=OFFICER, created_at=T0)
            s.add(p)
            s.flush()
            append_chained(s, ViolationEntry(detected_at=T0, person_id=p.id, violation="curfew", detected_by="",
                                             measures="", reported_to="", operator="", recorded_at=T0))
    reference.forget_names()
    return db


@pytest.fixture
def lang():
    before = i18n.current_language()
    yield i18n.set_language
    i18n.set_language(before)


@pytest.mark.parametrize(("code", "medeu", "auezov"), [("ru", "Медеуский район", "Ауэзовский район"),
                                                         ("kk", "Медеу ауданы", "Әуезов ауданы")])
def test_journal_view_columns_filter_and_detail_show_names(qtbot, coded_db, make_ctx, lang, code, medeu, auezov):
    lang(code)
    ctx = make_ctx(coded_db, user("supervisor", "nachalnik", (MEDEU, AUEZOV)))
    view = JournalReview(ctx)
    qtbot.addWidget(view)
    view.filters.preset.setCurrentIndex(view.filters.preset.findData("all"))
    view.reload()
    settle(qtbot, ctx, 5)
    keys = [c.key for c in view.model.columns]
    assert view.model.rowCount() == 2
    cells = {(view.model.data(view.model.index(r, keys.index("district"))),
              view.model.data(view.model.index(r, keys.index("officer")))) for r in range(2)}
    assert cells == {(medeu, OFFICER_NAME), (auezov, OFFICER_NAME)}
    items = [view.filters.district.itemText(i) for i in range(1, view.filters.district.count())]
    assert sorted(items) == sorted([medeu, auezov]) and not any("KZ-" in t for t in items)
    view.filters.district.setCurrentIndex(view.filters.district.findText(auezov))
    assert view.filters.value().district == AUEZOV  # named in the list, filtered by the code
    view.filters.district.setCurrentText(auezov.split()[0])  # typed without "район"/"ауданы"
    assert view.filters.value().district == AUEZOV
    view.reload()
    settle(qtbot, ctx, 5)
    assert view.model.rowCount() == 1
    view.table.selectRow(0)
    settle(qtbot, ctx)
    detail = view.detail.toPlainText()
    assert auezov in detail and OFFICER_NAME in detail and "KZ-" not in detail and OFFICER not in detail


def test_officer_filter_takes_the_typed_name(coded_db):
    from arm.reports import data

    who = user("supervisor", "nachalnik", (MEDEU, AUEZOV))
    with coded_db.session() as s:
        assert data.count(s, who, "violations", JournalFilter(officer="Серікбаев")) == 2
        assert data.count(s, who, "violations", JournalFilter(officer="Петров")) == 0


@pytest.mark.parametrize(("code", "medeu"), [("ru", "Медеуский район"), ("kk", "Медеу ауданы")])
def test_exports_and_monthly_list_print_names(coded_db, tmp_path: Path, code, medeu):
    who = user("supervisor", "nachalnik", (MEDEU, AUEZOV))
    out = tmp_path / "v.csv"
    with coded_db.begin() as s:
        exporter.export_journal(s, who, "violations", JournalFilter(district=MEDEU), "csv", out, lang=code)
        doc = forms.monthly_doc(s, who, 2026, 11, lang=code)
    text = out.read_text(encoding="utf-8-sig")
    rows = list(csv.reader(text.splitlines()))
    assert len(rows) == 2 and medeu in rows[1] and OFFICER_NAME in rows[1]
    assert "KZ-" not in text and OFFICER not in text
    titles = [sec.heading for sec in doc.sections]
    assert any(medeu in t for t in titles) and not any("KZ-" in t for t in titles)
    cells = [str(c) for sec in doc.sections for row in sec.rows for c in row]
    assert OFFICER_NAME in cells and OFFICER not in cells


def test_export_header_names_the_district_filter(coded_db, tmp_path: Path):
    who = user("supervisor", "nachalnik", (MEDEU, AUEZOV))
    with coded_db.begin() as s:
        doc = exporter.build_doc(s, who, "violations", JournalFilter(district=MEDEU, officer=OFFICER), lang="kk")
    header = "\n".join(doc.header_lines)
    assert "Медеу ауданы" in header and OFFICER_NAME in header and "KZ-" not in header


@pytest.mark.parametrize(("code", "medeu", "auezov"), [("ru", "Медеуский район", "Ауэзовский район"),
                                                         ("kk", "Медеу ауданы", "Әуезов ауданы")])
def test_audit_rows_about_districts_name_them(coded_db, code, medeu, auezov):
    """A transfer, a user's districts and a reference row's audit entries, as the audit journal prints them."""
    from zoneinfo import ZoneInfo

    from arm.reports.audit_text import detail_text, object_id_text

    tz = ZoneInfo("Asia/Almaty")
    with coded_db.session() as s:
        reference.load_names(s)
    transfer = detail_text({"district_before": MEDEU, "officer_before": OFFICER, "district": AUEZOV,
                            "officer": OFFICER, "note": ""}, code, tz)
    assert medeu in transfer and auezov in transfer and OFFICER_NAME in transfer
    districts = detail_text({"role": "supervisor", "districts": [MEDEU, AUEZOV], "before": [MEDEU]}, code, tz)
    assert medeu in districts and auezov in districts
    for text in (transfer, districts):
        assert "KZ-" not in text and OFFICER not in text
        assert "district" not in text and "officer" not in text and "supervisor" not in text  # no English key
    assert object_id_text(MEDEU, code) == medeu and object_id_text("17", code) == "17"
