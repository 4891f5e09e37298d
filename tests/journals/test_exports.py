"""Every export is read back: rows, totals, and Kazakh letters that survive the round trip."""

from __future__ import annotations

import csv
import subprocess
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from sqlalchemy import select

from arm.cli import main as cli_main
from arm.reports import exporter, forms
from db.models import AuditEntry
from db.queries.filters import JournalFilter
from tests.journals.conftest import KAZAKH_NAME, T0

KAZAKH = "әғқңөұүһі"


def _pdf_text(path: Path) -> str:
    return " ".join(subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                                   check=True).stdout.split())


def _sheet_values(path: Path) -> list[list[object]]:
    wb = load_workbook(path, read_only=True)
    try:
        return [list(r) or [None] for r in wb.active.iter_rows(values_only=True)]
    finally:
        wb.close()


def test_violation_journal_xlsx_is_laid_out_as_the_form(journal_db, supervisor, tmp_path):
    out = tmp_path / "v.xlsx"
    f = JournalFilter(district="Алмалинский")
    with journal_db.db.begin() as s:
        res = exporter.export_journal(s, supervisor, "violations", f, "xlsx", out, lang="kk", organ="Алматы ҚАЖД")
    rows = _sheet_values(out)
    assert rows[0][0].startswith("Электрондық бақылау құралдары арқылы анықталған бұзушылықтарды")
    head = next(i for i, r in enumerate(rows) if r[0] == "р/с №")
    assert rows[head + 1][:3] == [1, 2, 3]  # the numbered row under the heads, as on the form
    data = [r for r in rows[head + 2:] if isinstance(r[0], int)]
    assert res.rows == len(data) == 6
    assert any(r[2] == KAZAKH_NAME for r in data)
    assert ["Барлық жазба", 6] in [r[:2] for r in rows]
    assert "шартты түрде мерзімінен бұрын босатылған" in {r[4] for r in data}  # category in words
    assert isinstance(data[0][1], datetime) and data[0][1].minute == 0  # a typed cell, local time


def test_violation_journal_pdf_embeds_a_font_with_kazakh_letters(journal_db, supervisor, tmp_path):
    out = tmp_path / "v.pdf"
    with journal_db.db.begin() as s:
        res = exporter.export_journal(s, supervisor, "violations", JournalFilter(), "pdf", out, lang="kk")
    text = _pdf_text(out)
    assert res.rows == 12 and "Барлық жазба: 12" in text
    assert "Әбілқасымов" in text and "Шәріпов Һадис Іңкәрұлы" in text
    assert all(ch in text.lower() for ch in KAZAKH)
    fonts = {str(f["/BaseFont"]) for page in PdfReader(out).pages for f in page["/Resources"]["/Font"].values()}
    assert any("ArmSans" in f or "DejaVu" in f for f in fonts), fonts


def test_csv_export_of_a_period_and_audit_of_the_export(journal_db, supervisor, tmp_path):
    out = tmp_path / "a.csv"
    f = JournalFilter(date_from=T0, date_to=T0 + timedelta(hours=4))
    with journal_db.db.begin() as s:
        exporter.export_journal(s, supervisor, "alarms", f, "csv", out, lang="ru")
    with out.open(encoding="utf-8-sig") as fh:
        rows = list(csv.reader(fh))
    assert rows[0][:3] == ["№ п/п", "Время тревоги", "Ф.И.О. лица"] and len(rows) == 5
    with journal_db.db.session() as s:
        entry = s.execute(select(AuditEntry).where(AuditEntry.action == "export_journal")).scalar_one()
    assert entry.detail["rows"] == 4 and entry.detail["format"] == "csv" and entry.user == supervisor.login


def test_reconciliation_act_counts_and_signature_lines(journal_db, supervisor, tmp_path):
    with journal_db.db.begin() as s:
        rec = forms.export_reconciliation(s, supervisor, 2026, 4, "xlsx", tmp_path / "act.xlsx", lang="ru")
        forms.export_reconciliation(s, supervisor, 2026, 2, "pdf", tmp_path / "act.pdf", lang="kk")
    # Q4 2026: registered since 1 Jan: Әбілқасымов (Jan), Қайыржанова (Nov), Шәріпов (Apr) = 3;
    # deregistered since 1 Jan: Иванов (Nov), Шәріпов (May) = 2; on the register on 31 Dec: 2.
    assert (rec.total.registered, rec.total.deregistered, rec.total.at_end) == (3, 2, 2)
    assert rec.by_district["Алмалинский"].at_end == 2
    rows = _sheet_values(tmp_path / "act.xlsx")
    assert ["Служба пробации", 3, 2, 2] in [r[:4] for r in rows]
    assert sum(1 for r in rows if r[0] and str(r[0]).startswith("Начальник")) == 3
    text = _pdf_text(tmp_path / "act.pdf")
    assert "АКТІСІ" in text and "2026 жылғы 2 тоқсан" in text
    assert "Жыл басынан бастап есептен шығарылған адамдардың саны" in text
    assert "Пробация қызметінің бастығы" in text and "(қолы)" in text


def test_monthly_list_for_district_inspectors(journal_db, supervisor, tmp_path):
    with journal_db.db.begin() as s:
        n = forms.export_monthly(s, supervisor, 2026, 11, "xlsx", tmp_path / "m.xlsx", lang="ru")
        forms.export_monthly(s, supervisor, 2026, 11, "pdf", tmp_path / "m.pdf", lang="kk")
    assert n == 2  # Қайыржанова registered, Иванов deregistered in November
    rows = _sheet_values(tmp_path / "m.xlsx")
    flat = [str(c) for r in rows for c in r if c is not None]
    assert "Поставлены на учёт — Район: Алмалинский" in flat and "Сняты с учёта — Район: Бостандыкский" in flat
    assert "Қайыржанова Ғалия Үмітқызы" in flat and "Иванов Пётр Сергеевич" in flat
    text = _pdf_text(tmp_path / "m.pdf")
    assert "қараша" in text and "Қайыржанова Ғалия Үмітқызы" in text


@pytest.mark.parametrize("fmt", ["xlsx", "pdf", "csv"])
def test_cli_export(journal_db, db_url, tmp_path, capsys, fmt):
    out = tmp_path / f"j.{fmt}"
    code = cli_main(["export", "violations", "--from", "2026-11-02", "--to", "2026-11-02", "--format", fmt,
                     "--out", str(out), "--db", db_url, "--district", "Бостандыкский"])
    assert code == 0 and out.stat().st_size > 0
    assert "6 rows written" in capsys.readouterr().out


def test_cli_export_as_a_technician_is_refused(journal_db, db_url, tmp_path, capsys, monkeypatch):
    from arm.auth import create_user

    monkeypatch.setenv("ARM_PASSWORD", "secret-pass-1")  # --as asks for the user's password (issue 13)
    with journal_db.db.begin() as s:
        create_user(s, "tech7", "secret-pass-1", "technician")
    code = cli_main(["export", "violations", "--format", "csv", "--out", str(tmp_path / "x.csv"),
                     "--db", db_url, "--as", "tech7"])
    assert code == 1 and "may not open the violations journal" in capsys.readouterr().err
    assert not (tmp_path / "x.csv").exists()


def test_cli_reports_and_retention(journal_db, db_url, tmp_path, capsys, monkeypatch):
    from sqlalchemy import delete

    from arm.auth import create_user
    from db.models import User

    monkeypatch.setenv("ARM_PASSWORD", "secret-pass-1")  # --as asks for the user's password (issue 13)
    with journal_db.db.begin() as s:
        s.execute(delete(User).where(User.login == "nachalnik"))  # the fixture's account: this one has a password
        create_user(s, "nachalnik", "secret-pass-1", "supervisor", districts=("Алмалинский", "Бостандыкский"))
        create_user(s, "zamestitel", "secret-pass-1", "supervisor", districts=("Алмалинский",))
    assert cli_main(["report", "reconciliation", "--year", "2026", "--quarter", "4", "--format", "xlsx",
                     "--out", str(tmp_path / "act.xlsx"), "--db", db_url, "--as", "nachalnik"]) == 0
    assert "registered 3, deregistered 2, at end 2" in capsys.readouterr().out
    assert cli_main(["report", "monthly", "--year", "2026", "--month", "11", "--format", "pdf",
                     "--out", str(tmp_path / "m.pdf"), "--db", db_url, "--lang", "kk"]) == 0
    assert "2 persons listed" in capsys.readouterr().out
    assert cli_main(["retention", "propose", "--kind", "positions", "--db", db_url]) == 1  # nor propose
    assert "named supervisor" in capsys.readouterr().err
    assert cli_main(["retention", "propose", "--kind", "positions", "--db", db_url, "--as", "zamestitel"]) == 0
    assert "deletion act 1 proposed" in capsys.readouterr().out
    assert cli_main(["retention", "confirm", "1", "--db", db_url, "--as", "zamestitel"]) == 1  # not the proposer
    assert "different supervisor" in capsys.readouterr().err
    assert cli_main(["retention", "confirm", "1", "--db", db_url]) == 1  # the shell user may not confirm
    assert "named supervisor" in capsys.readouterr().err
    assert cli_main(["retention", "confirm", "1", "--db", db_url, "--as", "nachalnik"]) == 0
    assert "executed" in capsys.readouterr().out
