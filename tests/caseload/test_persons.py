"""arm.caseload.persons: create and update a person, audited; wrong role or district refused, nothing written."""

from __future__ import annotations

import pytest

from arm.access import AccessDenied
from arm.caseload.persons import IIN_TAKEN, PersonInvalid, save_person
from db.models import Person
from tests.caseload.conftest import EAST, WEST, audit_rows, count, draft, user, written_audit


def test_create_writes_the_person_and_its_audit_row(db) -> None:
    with db.begin() as s:
        saved = save_person(s, user("operator"), draft())
    assert saved.created and "iin" in saved.fields
    with db.session() as s:
        person = s.get(Person, saved.person_id)
        assert person is not None and person.district == EAST and person.created_at is not None
    (row,) = audit_rows(db, "person_create")
    assert row.user == "operator1" and row.role == "operator" and row.object_id == str(saved.person_id)
    assert row.detail["fields"] == sorted(draft().values())


def test_update_audits_only_the_changed_fields(db) -> None:
    with db.begin() as s:
        pid = save_person(s, user("supervisor", EAST), draft()).person_id
    with db.begin() as s:
        saved = save_person(s, user("supervisor", EAST), draft(phone="+7 700 111 22 33"), pid)
    assert not saved.created and saved.fields == ("phone",)
    (row,) = audit_rows(db, "person_update")
    assert row.detail["fields"] == ["phone"]


@pytest.mark.parametrize("role", ["technician", "administrator", ""])
def test_a_role_that_does_not_handle_persons_is_refused(db, role) -> None:
    with pytest.raises(AccessDenied) as caught, db.begin() as s:
        save_person(s, user(role), draft())
    assert caught.value.code == "denied.persons"
    assert count(db, Person) == 0 and written_audit(db) == 0
    assert audit_rows(db, "denied") and all(r.detail["code"].startswith("denied.") for r in audit_rows(db, "denied"))


def test_another_district_is_refused_on_create_and_on_update(db) -> None:
    with pytest.raises(AccessDenied) as caught, db.begin() as s:
        save_person(s, user("operator", EAST), draft(district=WEST))
    assert caught.value.code == "denied.district"
    assert count(db, Person) == 0
    with db.begin() as s:
        pid = save_person(s, user("supervisor"), draft(district=WEST)).person_id
    # moving a person of another district into one's own is refused too
    with pytest.raises(AccessDenied), db.begin() as s:
        save_person(s, user("operator", EAST), draft(district=EAST), pid)
    with db.session() as s:
        assert s.get(Person, pid).district == WEST
    assert audit_rows(db, "person_update") == []


def test_invalid_fields_and_a_taken_iin_write_nothing(db) -> None:
    with db.begin() as s:
        save_person(s, user("operator"), draft())
    with pytest.raises(PersonInvalid) as caught, db.begin() as s:
        save_person(s, user("operator"), draft(2, last_name="", iin=draft().iin))
    assert caught.value.errors["iin"] == IIN_TAKEN and "last_name" in caught.value.errors
    assert count(db, Person) == 1 and len(audit_rows(db, "person_create")) == 1
