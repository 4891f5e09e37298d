"""Reference lists: seeded on upgrade, names resolved to codes, admin-only audited writes, free text migrated."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import select, text

from arm.access import AccessDenied
from arm.caseload import reference as ref
from arm.caseload.persons import PersonInvalid, save_person
from db.migrate import upgrade
from db.models import Person, User, UserDistrict, Zone
from db.models_caseload import ProbationOfficer
from db.session import Database
from db.validation import make_iin
from tests.caseload.conftest import audit_rows, draft, user

ADMIN = user("administrator")


def test_seeded_on_upgrade_17_regions_and_3_cities_each_with_districts_and_an_office(db: Database) -> None:
    with db.session() as s:
        regions = ref.regions(s)
        assert sorted(r.kind for r in regions).count("region") == 17
        assert {r.code for r in regions if r.kind == "city"} == {"KZ-71", "KZ-75", "KZ-79"}
        for region in regions:
            assert ref.districts(s, region.code), region.code
        assert len(ref.offices(s)) == len(ref.districts(s))
        medeu = ref.district(s, "KZ-75-medeu")
        assert medeu is not None and medeu.names.get("kk") == "Медеу ауданы"
        assert medeu.names.get("en") == "Medeu District"
        assert ref.label("KZ-75-medeu", "kk") == "Медеу ауданы" and ref.label("KZ-75", "en") == "Almaty"


@pytest.mark.parametrize("written", ["Медеуский район", "Медеу ауданы", "medeu district", "KZ-75-medeu"])
def test_a_district_is_found_by_its_code_or_name_in_any_language(db: Database, written: str) -> None:
    with db.session() as s:
        assert ref.resolve_district(s, written) == "KZ-75-medeu"


def test_a_name_of_several_districts_needs_the_region(db: Database) -> None:
    with db.session() as s:
        with pytest.raises(ref.UnknownReference) as caught:
            ref.resolve_district(s, "Абайский район")
        assert caught.value.code == "reference.ambiguous" and caught.value.field == "district"
        assert ref.resolve_district(s, "Абайский район", "KZ-79") == "KZ-79-abai"
        with pytest.raises(ref.UnknownReference) as unknown:
            ref.resolve_district(s, "Медеусский район")
        assert unknown.value.code == "reference.unknown" and "Медеусский" in str(unknown.value)


def test_only_an_administrator_writes_and_each_write_is_audited(db: Database) -> None:
    names = ref.Names("Новый район", "Жаңа аудан", "New District")
    with pytest.raises(AccessDenied) as denied, db.begin() as s:
        ref.add_district(s, user("supervisor"), "KZ-75-new", "KZ-75", "district", names)
    assert denied.value.code == "denied.reference"
    with db.session() as s:
        assert ref.district(s, "KZ-75-new") is None
    with db.begin() as s:
        ref.add_district(s, ADMIN, "KZ-75-new", "KZ-75", "district", names)
        officer = ref.add_officer(s, ADMIN, "Инспектор Тест Т.", "PO-KZ-75-new")
    assert officer.code.startswith("OF-") and officer.district_code == "KZ-75-new"
    with db.begin() as s:
        ref.rename(s, ADMIN, "district", "KZ-75-new", ref.Names("Жаңа район", "Жаңа аудан", "Zhana District"))
        ref.deactivate(s, ADMIN, "district", "KZ-75-new")
    with db.session() as s:
        assert "KZ-75-new" not in {d.code for d in ref.districts(s)}
        assert ref.label("KZ-75-new", "ru", s) == "Жаңа район"  # still rendered where it is used
        with pytest.raises(ref.UnknownReference):
            ref.resolve_district(s, "KZ-75-new")
    assert [r.object_id for r in audit_rows(db, "reference.add")] == ["KZ-75-new", officer.code]
    assert audit_rows(db, "reference.rename")[0].detail["before"][0] == "Новый район"
    assert len(audit_rows(db, "reference.deactivate")) == 1
    with pytest.raises(ref.ReferenceInvalid) as taken, db.begin() as s:
        ref.add_district(s, ADMIN, "KZ-75-medeu", "KZ-75", "district", names)
    assert taken.value.code == "reference.code_taken"


def test_a_person_stores_codes_and_an_unknown_district_is_refused_by_field(db: Database) -> None:
    with db.begin() as s:
        saved = save_person(s, user("supervisor"), draft(1, district="Медеу ауданы", region=""))
    with db.session() as s:
        person = s.get(Person, saved.person_id)
        assert person is not None and (person.district, person.region) == ("KZ-75-medeu", "KZ-75")
    with pytest.raises(PersonInvalid) as caught, db.begin() as s:
        save_person(s, user("supervisor"), draft(2, district="Нет такого района"))
    assert set(caught.value.errors) == {"district"}
    with pytest.raises(PersonInvalid) as region, db.begin() as s:
        save_person(s, user("supervisor"), draft(3, district="KZ-75-medeu", region="KZ-71"))
    assert set(region.value.errors) == {"region"}
    with pytest.raises(PersonInvalid) as officer, db.begin() as s:
        save_person(s, user("supervisor"), draft(4, district="KZ-75-medeu", region="", officer="Неизвестный И.И."))
    assert set(officer.value.errors) == {"officer"}


def test_the_migration_turns_free_text_into_codes(tmp_path: Path) -> None:
    database = Database(f"sqlite:///{tmp_path / 'before-reference-lists.db'}")  # not the migrated ``db``
    upgrade(database.engine, "0001")
    now = datetime.now(UTC)
    with database.begin() as s:
        for n, (region, district) in enumerate((("г. Астана", "Есильский район"), ("г. Алматы", "Медеуский район"),
                                                ("", "Опечатка района"))):
            s.execute(text(
                "INSERT INTO persons (last_name, first_name, iin, birth_date, category, supervision_start, address,"
                " home_radius_m, region, district, officer, registered_on, notes, is_demo, created_at) VALUES"
                " ('Т', 'И', :iin, '1990-01-01', 'parole', '2026-01-01', '', 50, :r, :d, :o, '2026-01-01', '', 0,"
                " :t)"), {"iin": make_iin(date(1990, 1, 1), 10 + n * 7), "r": region, "d": district,
                          "o": "инспектор Демо Б.С.", "t": now.replace(tzinfo=None)})
        s.execute(text("INSERT INTO users (login, full_name, role, password_hash, active, locale, created_at)"
                       " VALUES ('sv', 'S', 'supervisor', '!', 1, 'ru', :t)"), {"t": now.replace(tzinfo=None)})
        s.execute(text("INSERT INTO user_districts (user_id, district) VALUES (1, 'Медеу ауданы')"))
        s.execute(text("INSERT INTO zones (name, kind, geometry, buffer_m, district, is_demo, created_at) VALUES"
                       " ('z', 'exclusion', '{}', 0, 'Бостандыкский район', 0, :t)"), {"t": now.replace(tzinfo=None)})
    database.upgrade()
    with database.session() as s:
        people = {p.district: (p.region, p.officer) for p in s.scalars(select(Person))}
        assert set(people) == {"KZ-71-esil", "KZ-75-medeu", "Опечатка района"}
        assert people["KZ-75-medeu"][0] == "KZ-75" and people["KZ-71-esil"][0] == "KZ-71"
        officer = s.get(ProbationOfficer, people["KZ-75-medeu"][1])
        assert officer is not None and officer.full_name == "инспектор Демо Б.С."
        assert people["Опечатка района"] == ("", "инспектор Демо Б.С.")  # left for a person to correct
        assert s.scalars(select(UserDistrict.district)).all() == ["KZ-75-medeu"]
        assert s.scalars(select(Zone.district)).all() == ["KZ-75-bostandyk"]
    database.dispose()


def test_the_demo_uses_codes_its_supervisor_covers(db: Database) -> None:
    from arm.demo import seed

    with db.begin() as s:
        seed(s, persons_per_city=4)
    with db.session() as s:
        districts = set(s.scalars(select(Person.district)))
        officers = {(p.officer, p.district) for p in s.scalars(select(Person))}
        supervisor = s.scalars(select(User).where(User.login == "supervisor")).one()
        assert districts <= {d.district for d in supervisor.districts}
        known = {d.code for d in ref.districts(s)}
        assert districts <= known and set(s.scalars(select(Zone.district))) <= known | {""}
        for code, district in officers:
            row = ref.officer(s, code)
            assert row is not None and row.district_code == district


def test_a_zone_takes_its_district_from_the_reference_list(db: Database) -> None:
    from arm.caseload.zones import ZoneDraft, save_zone

    ring = [[76.95, 43.25], [76.96, 43.25], [76.96, 43.26], [76.95, 43.26], [76.95, 43.25]]
    drawn = {"geometry": {"type": "Polygon", "coordinates": [ring]}}
    with db.begin() as s:
        zid = save_zone(s, user("supervisor"), None, ZoneDraft("Школа", "exclusion", drawn, 0.0, "Медеу ауданы"))
    with db.session() as s:
        zone = s.get(Zone, zid)
        assert zone is not None and zone.district == "KZ-75-medeu"
    with pytest.raises(ref.UnknownReference) as caught, db.begin() as s:
        save_zone(s, user("supervisor"), None, ZoneDraft("Школа", "exclusion", drawn, 0.0, "Медеусский"))
    assert caught.value.field == "district"


def test_the_reconciliation_act_shows_district_names_not_codes() -> None:
    from arm.reports.forms import district_label

    assert district_label("KZ-75-medeu", "ru") == "Медеуский район"
    assert district_label("KZ-75-medeu", "kk") == "Медеу ауданы"
    assert district_label("Старый текст", "ru") == "Старый текст" and district_label("—", "ru") == "—"
