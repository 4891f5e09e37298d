"""A wrong entry is corrected by a new chained entry; the original never changes."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from arm import access
from arm.reports.corrections import Correction, CorrectionError, correct_entry
from db.integrity import verify_all
from db.models import AuditEntry, ViolationEntry
from tests.journals.conftest import settle, user
from widgets.journal_view import JournalReview


def test_correction_appends_and_keeps_the_original(journal_db, supervisor):
    vid = journal_db.violation_ids[0]
    with journal_db.db.begin() as s:
        before = s.get(ViolationEntry, vid).measures
        new = correct_entry(s, supervisor, vid, Correction({"measures": "Выезд наряда ОП"}, "ошибка оператора"))
        new_id = new.id
    with journal_db.db.session() as s:
        assert s.get(ViolationEntry, vid).measures == before
        fixed = s.get(ViolationEntry, new_id)
        assert fixed.corrects_id == vid and fixed.measures == "Выезд наряда ОП" and fixed.operator == "nachalnik"
        assert s.scalar(select(AuditEntry.detail).where(AuditEntry.action == "correct_violation_entry"))[
            "corrects"] == vid
        assert verify_all(s) == []


def test_bad_corrections_are_refused_with_the_field(journal_db, supervisor):
    vid = journal_db.violation_ids[0]
    with journal_db.db.begin() as s:
        with pytest.raises(CorrectionError) as err:
            correct_entry(s, supervisor, vid, Correction({"measures": "x"}, ""))
        assert err.value.field == "reason"
        with pytest.raises(CorrectionError, match="Nothing differs"):
            correct_entry(s, supervisor, vid, Correction({}, "без изменений"))
        with pytest.raises(access.AccessDenied):
            correct_entry(s, user("technician"), vid, Correction({"measures": "x"}, "причина"))
        other_district = user("supervisor", "s", ("Алмалинский",))
        with pytest.raises(access.AccessDenied):
            correct_entry(s, other_district, journal_db.violation_ids[2], Correction({"measures": "x"}, "причина"))


def test_correction_dialog_from_the_view(qtbot, journal_db, make_ctx, supervisor):
    ctx = make_ctx(journal_db.db, supervisor)
    view = JournalReview(ctx)
    qtbot.addWidget(view)
    view.filters.preset.setCurrentIndex(view.filters.preset.findData("all"))
    view.reload()
    settle(qtbot, ctx)
    view.table.selectRow(0)
    settle(qtbot, ctx)
    dialog = view.open_correction()
    dialog.measures.setPlainText("Доставлен в ОП")
    dialog.save()
    settle(qtbot, ctx)
    assert not dialog.errors["reason"].isHidden()  # no reason given: shown beside the field
    dialog.reason.setText("уточнение мер")
    dialog.save()
    settle(qtbot, ctx, rounds=5)
    assert dialog.result_entry is not None and dialog.result_entry.corrects_id == view.model.rows[1][0]
    assert view.model.rows[0][-1] == dialog.result_entry.corrects_id  # the new entry is listed with "Corrects No."


def test_correction_dialog_shows_words_and_keeps_untouched_codes(qtbot, journal_db, make_ctx, supervisor):
    from arm import messages
    from widgets import i18n
    from widgets.journal_correction import CorrectionDialog

    ctx = make_ctx(journal_db.db, supervisor)
    entry = {"id": journal_db.violation_ids[0], "violation": messages.coded("kind.low_battery"),
             "detected_by": messages.coded("detected.device", type="BRC", serial="BRC-7"),
             "measures": messages.measures([("called_person", "не ответил")], ""),
             "reported_to": messages.coded("report_to.duty_unit")}
    try:
        assert i18n.set_language("ru")
        dialog = CorrectionDialog(ctx, entry)
        qtbot.addWidget(dialog)
        assert dialog.violation.text() == "Низкий заряд батареи" and "{" not in dialog.measures.toPlainText()
        assert dialog.reported_to.text() == "Дежурная часть полиции"
        dialog.reported_to.setText("Майор Джаксыбеков")
        dialog.reason.setText("доложено лично начальнику")
        assert dialog.correction().changes == {"reported_to": "Майор Джаксыбеков"}  # the rest keeps its codes
    finally:
        i18n.set_language("en")
