"""arm.caseload.zones: create, update and delete a zone with its schedule; rights and audit."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from arm.access import AccessDenied
from arm.caseload.zone_shapes import ZoneShapeError
from arm.caseload.zones import ZoneDraft, ZoneInUse, delete_zone, save_zone
from db.models import AuditEntry, Restriction, RestrictionKind, Zone, ZoneSchedule
from tests.caseload.conftest import EAST, WEST, add_person, audit_rows, count, user, written_audit

NIGHTS = [{"days": [0, 1, 2, 3, 4], "start": "22:00", "end": "06:00"}]


def zone_draft(square, district: str = EAST, **changes) -> ZoneDraft:
    values = dict(name="Школа №1", kind="exclusion", geometry=square, buffer_m=30.0, district=district,
                  schedule=NIGHTS)
    values.update(changes)
    return ZoneDraft(**values)


def test_create_and_update_write_zone_schedule_and_audit(db, square) -> None:
    with db.begin() as s:
        zid = save_zone(s, user("supervisor", EAST), None, zone_draft(square))
    with db.begin() as s:
        save_zone(s, user("administrator"), zid, zone_draft(square, name="Школа №2", schedule=[]))
    with db.session() as s:
        zone = s.get(Zone, zid)
        assert zone.name == "Школа №2" and zone.updated_at is not None
        assert s.get(ZoneSchedule, zid).schedule == []
    (created,) = audit_rows(db, "zone.create")
    assert created.user == "supervisor1" and created.detail["schedule"] == NIGHTS
    assert created.detail["area_m2"] > 700_000 and created.detail["circle"] is False
    (updated,) = audit_rows(db, "zone.update")
    assert updated.user == "administrator1" and updated.object_id == str(zid)


@pytest.mark.parametrize("role", ["operator", "technician"])
def test_a_role_without_the_zone_editor_is_refused(db, square, role) -> None:
    with pytest.raises(AccessDenied) as caught, db.begin() as s:
        save_zone(s, user(role), None, zone_draft(square))
    assert caught.value.code == "denied.zones"
    assert count(db, Zone) == 0 and count(db, ZoneSchedule) == 0 and written_audit(db) == 0
    assert audit_rows(db, "denied") and all(r.detail["code"].startswith("denied.") for r in audit_rows(db, "denied"))


def test_another_district_is_refused_a_city_wide_zone_is_not(db, square) -> None:
    with pytest.raises(AccessDenied) as caught, db.begin() as s:
        save_zone(s, user("supervisor", EAST), None, zone_draft(square, district=WEST))
    assert caught.value.code == "denied.district" and count(db, Zone) == 0
    with db.begin() as s:
        save_zone(s, user("supervisor", EAST), None, zone_draft(square, district=""))
    assert count(db, Zone) == 1


def test_a_bad_shape_is_refused_server_side(db) -> None:
    line = {"geometry": {"type": "Polygon", "coordinates": [[[71.43, 51.12], [71.44, 51.12], [71.43, 51.12]]]}}
    with pytest.raises(ZoneShapeError), db.begin() as s:
        save_zone(s, user("supervisor"), None, ZoneDraft("x", "exclusion", line, 0.0, ""))
    assert count(db, Zone) == 0 and count(db, AuditEntry) == 0


def test_delete_removes_zone_and_schedule_unless_in_use(db, square) -> None:
    with db.begin() as s:
        used = save_zone(s, user("supervisor"), None, zone_draft(square))
        free = save_zone(s, user("supervisor"), None, zone_draft(square, name="Парк"))
    pid = add_person(db)
    with db.begin() as s:
        s.add(Restriction(person_id=pid, kind=RestrictionKind.EXCLUSION_ZONE, zone_id=used,
                          valid_from=datetime(2026, 1, 10, tzinfo=UTC)))
    with pytest.raises(ZoneInUse), db.begin() as s:
        delete_zone(s, user("supervisor"), used)
    with pytest.raises(AccessDenied), db.begin() as s:
        delete_zone(s, user("operator"), free)
    with db.begin() as s:
        delete_zone(s, user("administrator"), free)
    with db.session() as s:
        assert s.get(Zone, free) is None and s.get(ZoneSchedule, free) is None and s.get(Zone, used) is not None
    (row,) = audit_rows(db, "zone.delete")
    assert row.object_id == str(free) and row.detail == {"name": "Парк"}
