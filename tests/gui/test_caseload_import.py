"""The caseload import dialog (issue 12): every problem listed with its path before anything is written."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from db.models import AuditEntry, Person
from tests.gui.conftest import wait_worker
from widgets.person_list import PersonListPanel

EXAMPLE = Path(__file__).resolve().parents[1] / "caseload" / "data" / "format_example.json"


def _persons(db: Any) -> int:
    with db.session() as s:
        return int(s.scalar(select(func.count(Person.id))) or 0)


def test_bad_file_is_previewed_then_the_good_one_imported_once(
    qtbot: Any, db: Any, users: dict, make_ctx: Any, tmp_path: Path
) -> None:
    ctx = make_ctx(db, users["supervisor"])
    panel = PersonListPanel(ctx)
    qtbot.addWidget(panel)
    assert panel.import_button.isVisibleTo(panel)
    dialog = panel.open_import()
    doc = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    doc["persons"][0]["iin"] = "850312300458"  # a wrong check digit
    doc["persons"][0]["restrictions"][0]["schedule"][0]["end"] = "25:00"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    dialog.path.setText(str(bad))
    dialog.check()
    assert dialog.progress.maximum() == 0  # busy while the worker checks
    wait_worker(qtbot, ctx)
    qtbot.waitUntil(lambda: dialog.problems.rowCount() >= 2, timeout=5000)
    wheres = [dialog.problems.item(i, 0).text() for i in range(dialog.problems.rowCount())]
    assert any(w.startswith("persons[0].iin") for w in wheres), wheres
    assert any("schedule[0].end" in w for w in wheres), wheres
    assert not dialog.import_button.isEnabled() and _persons(db) == 0

    broken = tmp_path / "broken.json"
    broken.write_text('{"format": "arm-caseload", ', encoding="utf-8")
    dialog.path.setText(str(broken))
    dialog.check()
    wait_worker(qtbot, ctx)
    qtbot.waitUntil(lambda: "line 1" in dialog.summary.text(), timeout=5000)

    good = tmp_path / "good.json"
    shutil.copy(EXAMPLE, good)
    dialog.path.setText(str(good))
    dialog.check()
    wait_worker(qtbot, ctx)
    qtbot.waitUntil(dialog.import_button.isEnabled, timeout=5000)
    assert "1 persons" in dialog.summary.text() and _persons(db) == 0  # the preview writes nothing
    with qtbot.waitSignal(dialog.imported, timeout=10_000):
        dialog.import_button.click()
    assert _persons(db) == 1 and dialog.progress.value() == dialog.progress.maximum()
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1, timeout=5000)
    dialog.check()
    wait_worker(qtbot, ctx)
    qtbot.waitUntil(dialog.import_button.isEnabled, timeout=5000)
    with qtbot.waitSignal(dialog.imported, timeout=10_000):
        dialog.import_button.click()
    assert "nothing changed" in dialog.summary.text() and _persons(db) == 1
    with db.session() as s:
        assert s.scalar(select(func.count()).where(AuditEntry.action == "caseload.import")) == 1


def test_registry_table_in_cp1251_is_checked_by_row_then_imported(
    qtbot: Any, db: Any, users: dict, make_ctx: Any, tmp_path: Path
) -> None:
    """The registry's CSV (Windows Cyrillic): a bad row is named by its number and heading; fixed, it imports."""
    from datetime import date

    from db.validation import make_iin

    head = "ИИН;Фамилия;Имя;Дата рождения;Категория;Номер решения суда;Дата решения суда;Начало надзора;Район;Адрес"
    good = make_iin(date(1980, 5, 4), 11)
    rows = [f"{good};Ахметов;Ерлан;04.05.1980;ограничение свободы;1-11/2026;01.11.2026;05.11.2026;"
            "Медеуский район;ул. Абая, 1",
            f"{good[:11]}{(int(good[11]) + 1) % 10};Сейткали;Асель;30.11.1992;parole;1-12/2026;02.11.2026;06.11.2026;"
            "Нет такого района;ул. Сейфуллина, 2"]
    table = tmp_path / "registry.csv"
    table.write_bytes(("\r\n".join([head, *rows]) + "\r\n").encode("cp1251"))
    ctx = make_ctx(db, users["supervisor"])
    panel = PersonListPanel(ctx)
    qtbot.addWidget(panel)
    dialog = panel.open_import()
    dialog.path.setText(str(table))
    dialog.check()
    wait_worker(qtbot, ctx)
    qtbot.waitUntil(lambda: dialog.problems.rowCount() >= 2, timeout=5000)
    wheres = [dialog.problems.item(i, 0).text() for i in range(dialog.problems.rowCount())]
    assert "row 3, ИИН" in wheres and "row 3, Район" in wheres, wheres
    assert not dialog.import_button.isEnabled() and _persons(db) == 0
    table.write_bytes(("\r\n".join([head, rows[0]]) + "\r\n").encode("cp1251"))
    dialog.path.setText(str(table))
    dialog.check()
    wait_worker(qtbot, ctx)
    qtbot.waitUntil(dialog.import_button.isEnabled, timeout=5000)
    with qtbot.waitSignal(dialog.imported, timeout=10_000):
        dialog.import_button.click()
    with db.session() as s:
        assert s.scalars(select(Person.last_name)).all() == ["Ахметов"]
