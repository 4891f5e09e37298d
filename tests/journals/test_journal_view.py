"""The journal review widget on a real database, with the real worker thread."""

from __future__ import annotations

import threading
from datetime import UTC, datetime

from PySide6.QtCore import Qt

from arm.reports.fill import DISTRICTS, fill
from tests.journals.conftest import KAZAKH_NAME, settle, user
from widgets.journal_view import JournalReview


def _all_time(view: JournalReview) -> None:
    view.filters.preset.setCurrentIndex(view.filters.preset.findData("all"))


def test_pages_load_lazily_and_sort_in_the_database(qtbot, db, make_ctx, supervisor):
    with db.begin() as s:
        fill(s, persons=30, violations=450, start=datetime(2026, 1, 1, tzinfo=UTC))
    ctx = make_ctx(db, supervisor)
    ctx.user = user("supervisor", "sup", tuple(DISTRICTS))
    view = JournalReview(ctx)
    qtbot.addWidget(view)
    _all_time(view)
    view.reload()
    settle(qtbot, ctx)
    assert view.model.rowCount() == 200 and view.model.has_more
    assert "450" in view.count_label.text()
    view.model.fetchMore(view.model.index(0, 0).parent())
    settle(qtbot, ctx)
    assert view.model.rowCount() == 400
    ids = [view.model.row_id(r) for r in range(400)]
    assert ids == sorted(ids, reverse=True)  # newest first
    view._header_clicked(0)  # "No." again: same key? no - first click sorts by id descending
    settle(qtbot, ctx)
    view._header_clicked(0)  # second click: ascending
    settle(qtbot, ctx)
    assert [view.model.row_id(r) for r in range(3)] == [1, 2, 3]


def test_filter_detail_and_journal_switch(qtbot, journal_db, make_ctx, supervisor):
    ctx = make_ctx(journal_db.db, supervisor)
    view = JournalReview(ctx)
    qtbot.addWidget(view)
    assert [view.journal_box.itemData(i) for i in range(view.journal_box.count())] == \
        ["violations", "alarms", "assignments", "audit"]
    _all_time(view)
    view.filters.person.setText("Әбіл")
    view.reload()
    settle(qtbot, ctx)
    assert view.model.rowCount() == 3
    assert {view.model.data(view.model.index(r, 2)) for r in range(3)} == {KAZAKH_NAME}
    view.table.selectRow(0)
    settle(qtbot, ctx)
    assert "Өмірұлы" in view.detail.toPlainText() and "900101300000" in view.detail.toPlainText()
    view.journal_box.setCurrentIndex(1)  # alarm log
    settle(qtbot, ctx)
    assert view.model.journal == "alarms" and view.model.rowCount() == 3
    assert view.model.headerData(5, Qt.Orientation.Horizontal) == "Kind"


def test_bad_period_is_shown_beside_the_filter(qtbot, journal_db, make_ctx, supervisor):
    ctx = make_ctx(journal_db.db, supervisor)
    view = JournalReview(ctx)
    qtbot.addWidget(view)
    view.filters.preset.setCurrentIndex(view.filters.preset.findData("custom"))
    view.filters.date_to.setDate(view.filters.date_from.date().addDays(-3))
    view.reload()
    assert not view.filter_error.isHidden() and "after" in view.filter_error.text()


def test_technician_gets_only_the_device_journal_without_iin(qtbot, journal_db, make_ctx):
    ctx = make_ctx(journal_db.db, user("technician", "tech1"))
    view = JournalReview(ctx)
    qtbot.addWidget(view)
    _all_time(view)
    view.reload()
    settle(qtbot, ctx)
    assert view.journals == ["assignments"]
    assert view.model.rowCount() == 4 and "iin" not in [c.key for c in view.model.columns]
    assert view.verify_button.isHidden() and view.reports_button.isHidden()


def test_verify_button_reports_the_first_broken_link(qtbot, journal_db, make_ctx, supervisor):
    ctx = make_ctx(journal_db.db, supervisor)
    view = JournalReview(ctx)
    qtbot.addWidget(view)
    view.verify()
    settle(qtbot, ctx)
    assert "intact" in view.integrity_label.text()
    with journal_db.db.engine.begin() as conn:
        conn.exec_driver_sql("DROP TRIGGER trg_violation_journal_no_update")
        conn.exec_driver_sql(f"UPDATE violation_journal SET operator = 'x' WHERE id = {journal_db.violation_ids[7]}")
    view.verify()
    settle(qtbot, ctx)
    text = view.integrity_label.text()
    assert "Integrity broken" in text and f"entry {journal_db.violation_ids[7]}" in text


def test_export_from_the_view(qtbot, journal_db, make_ctx, supervisor, tmp_path):
    ctx = make_ctx(journal_db.db, supervisor)
    view = JournalReview(ctx)
    qtbot.addWidget(view)
    _all_time(view)
    view.export("xlsx", tmp_path / "out.xlsx")
    settle(qtbot, ctx)
    assert (tmp_path / "out.xlsx").stat().st_size > 0 and "12 entries exported" in view.status.text()


def test_retention_dialog_proposes_and_a_supervisor_confirms(qtbot, journal_db, make_ctx, supervisor,
                                                              second_supervisor):
    ctx = make_ctx(journal_db.db, supervisor)
    view = JournalReview(ctx)
    qtbot.addWidget(view)
    dialog = view.open_retention()
    settle(qtbot, ctx)
    from db.retention import RecordKind

    assert dialog.spins[RecordKind.POSITIONS].value() == 90
    dialog._propose(RecordKind.POSITIONS)
    settle(qtbot, ctx)
    assert dialog.acts.rowCount() == 1 and dialog.acts.item(0, 4).text() == "Proposed, awaiting confirmation"
    assert dialog.acts.item(0, 1).text() == "Positions (tracks)"  # words, not the stored codes
    act_id = int(dialog.acts.item(0, 0).text())
    dialog.confirm(act_id)  # the proposer may not confirm their own act (two-person rule, issue 13)
    settle(qtbot, ctx)
    assert dialog.acts.item(0, 4).text() == "Proposed, awaiting confirmation" and "different supervisor" in dialog.message.text()
    dialog.close()
    ctx2 = make_ctx(journal_db.db, second_supervisor)  # the second supervisor, logged in at the desk
    view2 = JournalReview(ctx2)
    qtbot.addWidget(view2)
    dialog = view2.open_retention()
    settle(qtbot, ctx2)
    dialog.confirm(act_id)
    settle(qtbot, ctx2)
    assert dialog.acts.item(0, 4).text() == "Executed" and dialog.acts.item(0, 6).text() == second_supervisor.login
    dialog.close()


def test_operator_has_no_retention_or_export(qtbot, journal_db, make_ctx):
    ctx = make_ctx(journal_db.db, user("operator", "oper1"))
    view = JournalReview(ctx)
    qtbot.addWidget(view)
    assert view.journals == ["violations", "alarms"]
    assert view.retention_button.isHidden() and view.export_button.isHidden()


def test_reports_from_the_view(qtbot, journal_db, make_ctx, supervisor, tmp_path):
    import subprocess

    ctx = make_ctx(journal_db.db, supervisor)
    view = JournalReview(ctx)
    qtbot.addWidget(view)
    view._reconciliation(tmp_path / "act.pdf", period=(2026, 4))
    view._monthly(tmp_path / "list.pdf", period=(2026, 11))
    settle(qtbot, ctx)
    text = subprocess.run(["pdftotext", str(tmp_path / "act.pdf"), "-"], capture_output=True, text=True).stdout
    assert "АКТ" in text and (tmp_path / "list.pdf").stat().st_size > 0
    assert "Monthly list saved" in view.status.text()


def test_a_long_export_reports_progress_and_can_be_stopped(qtbot, db, make_ctx, tmp_path):
    with db.begin() as s:
        fill(s, persons=20, violations=2500, start=datetime(2026, 1, 1, tzinfo=UTC))
    ctx = make_ctx(db, user("supervisor", "sup", tuple(DISTRICTS)))
    view = JournalReview(ctx)
    qtbot.addWidget(view)
    _all_time(view)
    seen: list[int] = []
    view._export_progress.connect(seen.append)
    view.export("csv", tmp_path / "all.csv")
    settle(qtbot, ctx)
    assert seen[:2] == [1000, 2000] and "entries exported" in view.status.text()
    gate = threading.Event()
    ctx.worker.submit(gate.wait, 10)  # hold the worker so the click lands before the export runs
    view.export("csv", tmp_path / "stopped.csv")
    assert not view.cancel_export_button.isHidden()
    view.cancel_export_button.click()
    gate.set()
    settle(qtbot, ctx)
    assert "stopped" in view.status.text() and not (tmp_path / "stopped.csv").exists()
    assert view.cancel_export_button.isHidden()


def test_operators_are_shown_by_name_and_filtered_by_login(qtbot, journal_db, make_ctx, supervisor):
    from sqlalchemy import update

    from db.models import User

    with journal_db.db.begin() as s:
        s.execute(update(User).where(User.login == "oper1").values(full_name="Жұмабаев Ерлан Серікұлы"))
    ctx = make_ctx(journal_db.db, supervisor)
    view = JournalReview(ctx)
    qtbot.addWidget(view)
    _all_time(view)
    view.reload()
    settle(qtbot, ctx)
    column = [c.key for c in view.model.columns].index("operator")
    shown = {view.model.data(view.model.index(r, column)) for r in range(view.model.rowCount())}
    assert "Жұмабаев Ерлан Серікұлы" in shown and "oper1" not in shown
    box = view.filters.operator
    texts = [box.itemText(i) for i in range(box.count())]
    assert "Жұмабаев Ерлан Серікұлы" in texts and "oper1" not in texts
    box.setCurrentIndex(texts.index("Жұмабаев Ерлан Серікұлы"))
    view.reload()
    settle(qtbot, ctx)
    assert view.model.filter.operator == "oper1"  # the filter keeps the login
    assert view.model.rowCount() > 0
    assert {view.model.data(view.model.index(r, column)) for r in range(view.model.rowCount())} == \
        {"Жұмабаев Ерлан Серікұлы"}


def test_retention_states_read_as_words_in_russian_and_kazakh(qapp):
    """Every act state (``executing`` too) and record kind has a ru and kk word in the dictionaries."""
    import json
    from pathlib import Path

    from db.retention import ActState, RecordKind
    from widgets.journal_retention import KIND_TITLES, STATE_TITLES

    assert set(STATE_TITLES) == set(ActState) and set(KIND_TITLES) == set(RecordKind)
    root = Path(__file__).resolve().parents[2] / "resources" / "translations"
    for lang in ("ru", "kk"):
        words = json.loads((root / f"dict_{lang}.json").read_text(encoding="utf-8"))
        for source in (*STATE_TITLES.values(), *KIND_TITLES.values()):
            assert words.get(source), f"{lang}: no word for {source!r}"
