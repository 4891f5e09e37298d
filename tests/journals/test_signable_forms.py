"""Printed forms a supervisor can sign: read back with pdftotext and openpyxl.

No English phrase in a Russian or Kazakh form (journal entries stored as codes
and old English entries alike), every IIN whole on one line, no word split,
the period's end printed as the last day it includes, typed date cells.
"""

from __future__ import annotations

import re
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from openpyxl import load_workbook

from arm import messages
from arm.reports import exporter, forms, xlsx
from arm.reports.plugin import _resolve
from db.integrity import append_chained
from db.models import Person, ViolationEntry
from db.queries.filters import JournalFilter
from tests.journals.conftest import T0

ALMATY = ZoneInfo("Asia/Almaty")
#: Latin words a Russian or Kazakh form may carry: device serials, the time zone name, operators' logins
ALLOWED_LATIN = {"Asia", "Almaty", "BRC", "INV", "SOS", "GPS", "oper"}
ENGLISH_PHRASES = ["Low battery", "Bracelet strap opened", "electronic monitoring", "chief of the public",
                   "called_person", "patrol_sent", "confirmed_violation", "district =", "kind ="]


def pdf_lines(path: Path) -> list[str]:
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return [line.strip() for line in out.splitlines() if line.strip()]


def latin_words(lines: list[str]) -> set[str]:
    return {w for line in lines for w in re.findall(r"[A-Za-z][A-Za-z_]{2,}", line)} - ALLOWED_LATIN


@pytest.fixture
def coded_entries(journal_db):
    """Entries as the alarm code writes them now (codes), and one old English entry as before codes."""
    with journal_db.db.begin() as s:
        person = s.get(Person, journal_db.person_ids[0])
        person.iin = "770221345556"
        for i, (violation, detected_by, measures, reported_to) in enumerate([
            (messages.coded("kind.low_battery"), messages.coded("detected.device", type="BRC", serial="BRC-100115"),
             messages.measures([("called_person", "не ответил"), ("patrol_sent", "экипаж 12")], "зарядное отключено"),
             messages.coded("report_to.public_security_chief")),
            ("Bracelet strap opened", "electronic monitoring: BRC BRC-100115",
             "called_person: не ответил; patrol_sent: экипаж 12; браслет разрезан", "chief of the public security unit"),
        ]):
            append_chained(s, ViolationEntry(
                detected_at=T0 + timedelta(days=30, hours=i), person_id=person.id, device_id=None, alarm_id=None,
                violation=violation, detected_by=detected_by, measures=measures, reported_to=reported_to,
                reported_at=T0 + timedelta(days=30, hours=i, minutes=20), operator="oper1",
                recorded_at=T0 + timedelta(days=30, hours=i)))
    return journal_db


@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_violation_journal_pdf_has_no_english_and_keeps_iins_and_words_whole(coded_entries, supervisor,
                                                                           tmp_path, lang):
    out = tmp_path / f"v_{lang}.pdf"
    f = JournalFilter(district="Алмалинский", kind="tamper_strap")
    with coded_entries.db.begin() as s:
        exporter.export_journal(s, supervisor, "violations", JournalFilter(), "pdf", out, lang=lang)
        exporter.export_journal(s, supervisor, "violations", f, "pdf", tmp_path / "filtered.pdf", lang=lang)
        iins = [p.iin for p in s.query(Person).all()]
        heads = exporter.build_doc(s, supervisor, "violations", JournalFilter(), lang=lang).headers
    lines = pdf_lines(out)
    text = " ".join(lines)
    for phrase in ENGLISH_PHRASES:
        assert phrase not in text
    assert latin_words(lines) == set(), latin_words(lines)
    assert latin_words(pdf_lines(tmp_path / "filtered.pdf")) == set()
    words = set(text.split())  # pdftotext interleaves neighbouring cells: look for the words
    for code in ("kind.low_battery", "kind.tamper_strap", "report_to.public_security_chief"):  # coded, old English
        assert set(messages.text(code, lang).split()) <= words, code
    for iin in iins:
        assert any(iin in line for line in lines), iin  # whole on one line
        for cut in range(5, 12):  # never its head at a line end and its tail on the next
            assert not any(line.endswith(iin[:cut]) for line in lines), (iin, cut)
    for word in {w for h in heads for w in h.split()}:  # every head word whole ("Категория", not "Категор" + "ия")
        assert any(re.search(rf"(^|\s){re.escape(word)}(\s|$)", line) for line in lines), word


def test_a_period_ending_07_12_prints_07_12(journal_db, supervisor, tmp_path):
    f = JournalFilter(date_from=_resolve("2026-12-01", ALMATY, end=False),
                      date_to=_resolve("2026-12-07", ALMATY, end=True))
    with journal_db.db.begin() as s:
        exporter.export_journal(s, supervisor, "alarms", f, "pdf", tmp_path / "a.pdf", lang="ru")
    text = " ".join(pdf_lines(tmp_path / "a.pdf"))
    assert "Окончен: 07.12.2026" in text and "Начат: 01.12.2026" in text and "Окончен: 08.12" not in text


def test_cli_to_the_last_day_of_the_year_prints_31_12(journal_db, db_url, tmp_path):
    out = tmp_path / "y.pdf"
    done = subprocess.run([sys.executable, "-m", "arm", "export", "violations", "--from", "2026-01-01", "--to",
                           "2026-12-31", "--format", "pdf", "--out", str(out), "--db", db_url, "--lang", "kk"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    text = " ".join(pdf_lines(out))
    assert "Аяқталды: 31.12.2026" in text and "01.01.2027" not in text


def test_xlsx_dates_are_typed_cells(coded_entries, supervisor, tmp_path):
    out = tmp_path / "v.xlsx"
    with coded_entries.db.begin() as s:
        exporter.export_journal(s, supervisor, "violations", JournalFilter(), "xlsx", out, lang="ru")
        forms.export_monthly(s, supervisor, 2026, 11, "xlsx", tmp_path / "m.xlsx", lang="kk")
    ws = load_workbook(out).active
    cells = [c for row in ws.iter_rows() for c in row if isinstance(c.value, datetime)]
    assert len(cells) >= 2 * 14  # detected at and reported at of every entry
    assert {c.number_format for c in cells} == {xlsx.DATETIME_FORMAT}
    first = min(c.value for c in cells)
    assert first == T0.astimezone(ZoneInfo("Asia/Almaty")).replace(tzinfo=None)  # desk-zone wall clock
    texts = [str(c.value) for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert "Низкий заряд батареи" in texts and not any("Low battery" in t for t in texts)
    monthly = load_workbook(tmp_path / "m.xlsx").active
    dates = [c for row in monthly.iter_rows() for c in row if isinstance(c.value, datetime)]
    assert dates and {c.number_format for c in dates} == {xlsx.DATE_FORMAT}


def test_pdf_pages_render(coded_entries, supervisor, tmp_path):
    """The PDF opens and renders (pdftoppm); the PNGs are looked at by the developer."""
    out = tmp_path / "v.pdf"
    with coded_entries.db.begin() as s:
        exporter.export_journal(s, supervisor, "violations", JournalFilter(), "pdf", out, lang="ru")
    subprocess.run(["pdftoppm", "-r", "60", "-png", str(out), str(tmp_path / "page")], check=True)
    assert list(tmp_path.glob("page*.png"))
    assert datetime.now(UTC)  # keeps the import used


def test_audit_journal_reads_as_words_with_desk_zone_times(journal_db, supervisor, tmp_path):
    from arm import audit
    from arm.reports import audit_text

    with journal_db.db.begin() as s:
        audit.record(s, supervisor, "journal_verify", "journal", "violations", problems=0)
        audit.record(s, supervisor, "map.person_focus", "person", 1)
        audit.record(s, supervisor, "view_journal", "journal", "alarms",
                     filter={"date_from": "2026-12-01T19:00:00+00:00", "kind": "low_battery"}, rows=3)
    admin = user_of("admin")
    out = tmp_path / "audit.pdf"
    with journal_db.db.begin() as s:
        exporter.export_journal(s, admin, "audit", JournalFilter(), "pdf", out, lang="ru")
    text = " ".join(pdf_lines(out))
    for raw in ("journal_verify", "map.person_focus", "view_journal", "date_from", "T19:00", "low_battery"):
        assert raw not in text, raw
    words = set(text.split())
    assert {"проверка", "целостности", "журналов"} <= words and {"показано", "карте"} <= words
    assert audit_text.detail_text({"filter": {"date_from": "2026-12-01T19:00:00+00:00"}}, "ru", ALMATY) == \
        "отбор: с 02.12.2026"
    assert audit_text.detail_text({"filter": {"date_to": "2026-12-07T19:00:00+00:00"}}, "kk", ALMATY) == \
        "іріктеу: дейін 07.12.2026"  # the exclusive end at midnight: the last day included


def user_of(role: str):
    from tests.journals.conftest import user

    return user("administrator", role)


@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_forms_name_the_operator_and_filter_by_login(coded_entries, supervisor, tmp_path, lang):
    """The "Operator" column prints the account's full name; a filter by login still selects its entries."""
    from sqlalchemy import update

    from db.models import User

    with coded_entries.db.begin() as s:
        s.execute(update(User).where(User.login == "oper1").values(full_name="Жұмабаев Ерлан Серікұлы"))
        exporter.export_journal(s, supervisor, "violations", JournalFilter(), "xlsx", tmp_path / "v.xlsx", lang=lang)
        exporter.export_journal(s, supervisor, "violations", JournalFilter(operator="oper1"), "pdf",
                                tmp_path / "v.pdf", lang=lang)
        exporter.export_journal(s, supervisor, "violations", JournalFilter(operator="oper2"), "xlsx",
                                tmp_path / "none.xlsx", lang=lang)
        heads = exporter.build_doc(s, supervisor, "violations", JournalFilter(), lang=lang).headers
    column = heads.index("Оператор")
    ws = load_workbook(tmp_path / "v.xlsx").active
    rows = [[c.value for c in row] for row in ws.iter_rows()]
    head_row = next(i for i, row in enumerate(rows) if "Оператор" in row)
    entries = [row for row in rows[head_row + 2:] if isinstance(row[0], int)]  # below the column numbers
    assert len(entries) >= 2
    assert "Жұмабаев Ерлан Серікұлы" in {row[column] for row in entries}  # oper1's entries
    assert not any(v == "oper1" for row in rows for v in row)
    text = " ".join(pdf_lines(tmp_path / "v.pdf"))
    assert "Жұмабаев" in text and "Серікұлы" in text and "oper1" not in text  # the column and the filter line
    assert "oper2" not in text  # filtered by oper1's login: the other operator's entries are not there
    filtered_out = load_workbook(tmp_path / "none.xlsx").active
    assert not [row for row in filtered_out.iter_rows(values_only=True) if "Жұмабаев Ерлан Серікұлы" in row]
