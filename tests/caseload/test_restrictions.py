"""arm.caseload.restrictions: add and end a person's restriction; rights by the person's district; audited."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from arm.access import AccessDenied
from arm.caseload.restrictions import RestrictionDraft, RestrictionInvalid, add_restriction, end_restriction
from db.models import Restriction
from tests.caseload.conftest import EAST, WEST, add_person, add_zone, audit_rows, count, user, written_audit

START = datetime(2026, 1, 10, tzinfo=UTC)
CURFEW = [{"days": [0, 1, 2, 3, 4, 5, 6], "start": "22:00", "end": "06:00"}]


def test_add_and_end_are_written_and_audited(db) -> None:
    pid = add_person(db, EAST)
    zid = add_zone(db)
    with db.begin() as s:
        curfew = add_restriction(s, user("operator", EAST), RestrictionDraft(pid, "curfew", START, schedule=CURFEW))
        add_restriction(s, user("operator", EAST), RestrictionDraft(pid, "exclusion_zone", START, zone_id=zid))
    end = START + timedelta(days=30)
    with db.begin() as s:
        end_restriction(s, user("supervisor"), curfew, end)
    with db.session() as s:
        row = s.get(Restriction, curfew)
        assert row.schedule == CURFEW and row.valid_until == end
    created = audit_rows(db, "restriction.create")
    assert [r.detail["kind"] for r in created] == ["curfew", "exclusion_zone"]
    assert created[0].user == "operator1" and created[0].detail["person_id"] == pid
    (ended,) = audit_rows(db, "restriction.end")
    assert ended.object_id == str(curfew) and ended.user == "supervisor1"


@pytest.mark.parametrize("who", [user("technician"), user("administrator"), user("operator", WEST)])
def test_wrong_role_or_district_is_refused_and_nothing_written(db, who) -> None:
    pid = add_person(db, EAST)
    with pytest.raises(AccessDenied) as caught, db.begin() as s:
        add_restriction(s, who, RestrictionDraft(pid, "alcohol_ban", START))
    assert caught.value.code in {"denied.restrictions", "denied.district"}
    assert count(db, Restriction) == 0 and written_audit(db) == 0
    assert audit_rows(db, "denied") and all(r.detail["code"].startswith("denied.") for r in audit_rows(db, "denied"))


def test_bad_restrictions_are_refused_with_a_code(db) -> None:
    pid = add_person(db)
    cases = [
        (RestrictionDraft(pid, "house_party", START), "bad_kind"),
        (RestrictionDraft(pid, "inclusion_zone", START), "no_zone"),
        (RestrictionDraft(pid, "curfew", START, valid_until=START), "bad_validity"),
        (RestrictionDraft(pid, "curfew", START, schedule=[{"days": [0], "start": "25:00", "end": "06:00"}]),
         "bad_schedule"),
        (RestrictionDraft(pid + 1, "curfew", START), "no_person"),
    ]
    for draft, code in cases:
        with pytest.raises(RestrictionInvalid) as caught, db.begin() as s:
            add_restriction(s, user("supervisor"), draft)
        assert caught.value.code == code
    assert count(db, Restriction) == 0
