"""``arm person import``: the registry's CSV (UTF-8 or cp1251) and XLSX, row by row, all or nothing."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path

from openpyxl import Workbook
from sqlalchemy import func, select

from db.models import Person
from db.session import Database
from db.validation import make_iin

ROOT = Path(__file__).resolve().parents[2]
RU_HEAD = "ИИН;Фамилия;Имя;Дата рождения;Категория;Номер решения суда;Дата решения суда;Начало надзора;Район;Адрес"
IIN1, IIN2 = make_iin(date(1980, 5, 4), 11), make_iin(date(1992, 11, 30), 12)
RU_ROWS = [
    f"{IIN1};Ахметов;Ерлан;04.05.1980;ограничение свободы;1-11/2026;01.11.2026;05.11.2026;Медеуский район;ул. Абая, 1",
    f"{IIN2};Сейткали;Асель;30.11.1992;parole;1-12/2026;02.11.2026;06.11.2026;Турксибский район;ул. Сейфуллина, 2",
]


def arm(*args: str, db: Database) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "ARM_PASSWORD"}
    env["PYTHONPATH"] = str(ROOT)
    return subprocess.run([sys.executable, "-m", "arm", *args, "--db", db.url], capture_output=True, text=True,
                          env=env, timeout=120)


def persons(db: Database) -> int:
    with db.session() as s:
        return int(s.scalar(select(func.count()).select_from(Person)) or 0)


def test_a_cp1251_csv_with_russian_headings_imports_and_a_dry_run_writes_nothing(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "registry.csv"
    path.write_bytes(("\r\n".join([RU_HEAD, *RU_ROWS]) + "\r\n").encode("cp1251"))
    dry = arm("person", "import", str(path), "--dry-run", "--json", db=db)
    assert dry.returncode == 0, dry.stderr
    assert json.loads(dry.stdout)["encoding"] == "cp1251" and json.loads(dry.stdout)["persons_created"] == 2
    assert persons(db) == 0
    done = arm("person", "import", str(path), db=db)
    assert done.returncode == 0, done.stderr
    with db.session() as s:
        stored = {p.iin: (p.district, p.category, p.supervision_start) for p in s.scalars(select(Person))}
    assert stored == {IIN1: ("KZ-75-medeu", "restricted_freedom", date(2026, 11, 5)),
                      IIN2: ("KZ-75-turksib", "parole", date(2026, 11, 6))}
    assert "nothing changed" in arm("person", "import", str(path), db=db).stdout


def test_every_bad_row_is_named_and_nothing_is_written(db: Database, tmp_path: Path) -> None:
    wrong = IIN1[:11] + str((int(IIN1[11]) + 1) % 10)
    rows = [RU_ROWS[1], RU_ROWS[0].replace(IIN1, wrong), RU_ROWS[0].replace("Медеуский район", "Медеусский район"),
            RU_ROWS[0].replace("04.05.1980", "05.05.1980")]
    path = tmp_path / "bad.csv"
    path.write_text("\n".join([RU_HEAD, *rows]) + "\n", encoding="utf-8")
    refused = arm("person", "import", str(path), db=db)
    assert refused.returncode == 2
    assert "row 3, ИИН: The IIN check digit is wrong" in refused.stderr
    assert "row 4, Район: Unknown district 'Медеусский район'" in refused.stderr
    assert "row 5, ИИН: The IIN does not match the birth date" in refused.stderr
    assert "nothing written" in refused.stderr and persons(db) == 0


def test_a_utf8_csv_with_english_keys_and_commas(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "en.csv"
    path.write_text("iin,last_name,first_name,birth_date,category,supervision_start,district,home_lat,home_lon\n"
                    f"{IIN1},Ахметов,Ерлан,1980-05-04,conditional,2026-11-05,KZ-71-esil,\"51,12\",71.43\n",
                    encoding="utf-8-sig")
    done = arm("person", "import", str(path), db=db)
    assert done.returncode == 0, done.stderr
    with db.session() as s:
        assert s.scalars(select(Person.home_lat)).one() == 51.12


def test_xlsx_with_merged_header_cells_is_refused_and_a_plain_one_imports(db: Database, tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(["ИИН", "ФИО", None, "Дата рождения", "Категория", "Начало надзора", "Район"])
    sheet.merge_cells("B1:C1")
    sheet.append([IIN1, "Ахметов", "Ерлан", datetime(1980, 5, 4), "parole", datetime(2026, 11, 5), "Медеу ауданы"])
    merged = tmp_path / "merged.xlsx"
    book.save(merged)
    refused = arm("person", "import", str(merged), db=db)
    assert refused.returncode == 2 and "merged header cells B1:C1" in refused.stderr and persons(db) == 0
    book = Workbook()
    sheet = book.active
    sheet.append(["ИИН", "Фамилия", "Имя", "Дата рождения", "Категория", "Начало надзора", "Район"])
    sheet.append([IIN1, "Ахметов", "Ерлан", datetime(1980, 5, 4), "parole", datetime(2026, 11, 5), "Медеу ауданы"])
    plain = tmp_path / "plain.xlsx"
    book.save(plain)
    done = arm("person", "import", str(plain), db=db)
    assert done.returncode == 0, done.stderr
    assert persons(db) == 1


def test_a_csv_in_another_encoding_is_refused_naming_row_1(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "utf16.csv"
    path.write_text("\n".join([RU_HEAD, *RU_ROWS]) + "\n", encoding="utf-16")
    refused = arm("person", "import", str(path), db=db)
    assert refused.returncode == 2 and "row 1: the file is in UTF-16" in refused.stderr and persons(db) == 0
    koi8 = tmp_path / "koi8.csv"  # decodes as cp1251 into nonsense headings: each one is named
    koi8.write_bytes(("\n".join([RU_HEAD, *RU_ROWS]) + "\n").encode("koi8-r"))
    garbled = arm("person", "import", str(koi8), db=db)
    assert garbled.returncode == 2 and "row 1, column 1" in garbled.stderr and "unknown column" in garbled.stderr
    assert persons(db) == 0
