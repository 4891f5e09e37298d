"""Paged, filtered, scoped journal queries on a real SQLite file."""

from __future__ import annotations

from datetime import timedelta

from db.queries import journals
from db.queries.filters import JournalFilter
from db.queries.scope import Scope
from tests.journals.conftest import KAZAKH_NAME, T0


def test_keyset_pages_cover_every_row_once_in_time_order(journal_db):
    with journal_db.db.session() as s:
        seen, cursor = [], None
        while True:
            p = journals.page(s, "violations", JournalFilter(), Scope(), cursor=cursor, limit=5)
            seen += [r[0] for r in p.rows]
            if p.cursor is None:
                break
            cursor = p.cursor
    assert sorted(seen) == sorted(journal_db.violation_ids)
    assert len(seen) == len(set(seen)) == 12
    assert seen == sorted(seen, reverse=True)  # detected_at grows with the id in the fixture


def test_filters_period_district_person_kind_resolution_operator(journal_db):
    with journal_db.db.session() as s:
        def ids(**kw):
            return [r[0] for r in journals.page(s, "violations", JournalFilter(**kw), Scope(), limit=100).rows]

        assert len(ids(date_from=T0, date_to=T0 + timedelta(hours=3))) == 3
        assert len(ids(district="Алмалинский")) == 6
        rows = journals.page(s, "violations", JournalFilter(person="Әбіл"), Scope()).rows
        assert {r[2] for r in rows} == {KAZAKH_NAME}
        assert len(ids(person="900101300002")) == 3  # IIN prefix
        assert len(ids(kind="strap_open")) == 6
        assert len(ids(resolution="false_alarm")) == 3
        assert len(ids(operator="oper2")) == 6
        assert len(ids(category="parole", operator="oper1")) == 2


def test_offset_paging_when_sorted_by_another_column(journal_db):
    with journal_db.db.session() as s:
        p1 = journals.page(s, "alarms", JournalFilter(), Scope(), sort="kind", descending=False, limit=7)
        p2 = journals.page(s, "alarms", JournalFilter(), Scope(), sort="kind", descending=False, cursor=p1.cursor)
    kinds = [r[5] for r in p1.rows + p2.rows]
    assert kinds == sorted(kinds) and len(kinds) == 12 and p2.cursor is None


def test_scope_without_personal_data_drops_iin_and_category(journal_db):
    with journal_db.db.session() as s:
        p = journals.page(s, "assignments", JournalFilter(), Scope(personal_data=False))
        full = journals.page(s, "violations", JournalFilter(), Scope())
    assert "iin" not in [c.key for c in p.columns] and "person" in [c.key for c in p.columns]
    assert {"iin", "category"} <= {c.key for c in full.columns}


def test_count_and_distinct_values(journal_db):
    with journal_db.db.session() as s:
        assert journals.count(s, "alarms", JournalFilter(district="Бостандыкский"), Scope()) == 6
        assert journals.distinct_values(s, "alarms", "acknowledged_by", Scope()) == ["oper1", "oper2"]
        scoped = Scope(districts=frozenset({"Алмалинский"}))
        assert journals.distinct_values(s, "violations", "district", scoped) == ["Алмалинский"]
