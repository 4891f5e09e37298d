"""Who may hear a voice message, the access journal, exports, the CLI and retention.

Real SQLite file, the listener's own storing steps, the real audit journal.
"""

from __future__ import annotations

import hashlib
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import DBAPIError

from arm.access import AccessDenied
from arm.auth import create_user
from arm.cli import main as cli_main
from arm.ingest import Ingest
from arm.media import library
from db import retention
from db.models import AuditEntry
from db.models_media import DeviceMedia
from db.session import Database
from tests.network.media_fixtures import DISTRICTS, T0, MediaSet, media_set, user


@pytest.fixture
def media(db: Database, ingest: Ingest) -> MediaSet:
    return media_set(db, ingest)


def audit_rows(db: Database, action: str) -> list[AuditEntry]:
    with db.session() as s:
        return list(s.scalars(select(AuditEntry).where(AuditEntry.action == action).order_by(AuditEntry.id)))


def test_operator_lists_and_listens_and_every_access_is_journalled(media: MediaSet) -> None:
    oper = user("operator", "oper1")
    with media.db.begin() as s:
        listed = library.list_clips(s, oper, person_id=media.person_ids[0])
    assert [c.time for c in listed] == [T0 + timedelta(minutes=10), T0]  # newest first, this person only
    assert {c.person_name for c in listed} == {"Әбілқасымов Нұрлан"}
    assert [c.duration_s for c in listed] == [pytest.approx(2.0), pytest.approx(1.0)]
    with media.db.begin() as s:
        clip = library.fetch_clip(s, oper, listed[0].id)
    assert clip.data == media.clips[listed[0].id]
    [listing] = audit_rows(media.db, "media_list")
    assert (listing.user, listing.object_type, listing.object_id, listing.detail["count"]) == \
        ("oper1", "person", str(media.person_ids[0]), 2)
    [heard] = audit_rows(media.db, "media_listen")
    assert (heard.user, heard.role, heard.object_type, heard.object_id) == \
        ("oper1", "operator", "device_media", str(listed[0].id))
    assert heard.detail["sha256"] == hashlib.sha256(clip.data).hexdigest()


@pytest.mark.parametrize("role", ["technician", "administrator"])
def test_roles_without_personal_data_are_refused_and_nothing_is_read(media: MediaSet, role: str) -> None:
    who = user(role)
    clip_id = next(iter(media.clips))
    with media.db.begin() as s:
        with pytest.raises(AccessDenied) as denied:
            library.list_clips(s, who, serial=media.serials[0])
        assert denied.value.code == "denied.media"
        with pytest.raises(AccessDenied):
            library.fetch_clip(s, who, clip_id)
    assert not audit_rows(media.db, "media_listen") and not library.may_listen(who)


def test_an_operator_hears_only_the_persons_of_their_districts(media: MediaSet) -> None:
    local = user("operator", "oper2", (DISTRICTS[0],))
    with media.db.begin() as s:
        assert {c.serial for c in library.list_clips(s, local, serial=media.serials[1])} == set()
        other = [cid for cid, data in media.clips.items() if data == list(media.clips.values())[2]][0]
        with pytest.raises(AccessDenied) as denied:
            library.fetch_clip(s, local, other)
        assert denied.value.code == "denied.media.district"


def test_export_writes_the_exact_bytes_and_journals_the_path(media: MediaSet, tmp_path: Path) -> None:
    clip_id, data = next(iter(media.clips.items()))
    with media.db.begin() as s:
        clip, target = library.export_clip(s, user("supervisor", "boss"), clip_id, tmp_path)
    assert target.parent == tmp_path and target.name.endswith(f"_{clip_id}.amr")
    assert target.read_bytes() == data == clip.data
    [row] = audit_rows(media.db, "media_export")
    assert row.detail["path"] == str(target.resolve()) and row.user == "boss"


def test_a_clip_altered_behind_the_application_is_refused(media: MediaSet) -> None:
    clip_id = next(iter(media.clips))
    with media.db.begin() as s:  # someone with the database file drops the guard and edits
        s.execute(text("DROP TRIGGER trg_device_media_no_update"))
        s.execute(text("UPDATE device_media SET data = x'2321414d520a00' WHERE id = :i"), {"i": clip_id})
    with media.db.begin() as s, pytest.raises(library.ClipCorrupt):
        library.fetch_clip(s, user("supervisor"), clip_id)


def test_cli_list_and_export(media: MediaSet, db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli_main(["media", "list", "--device", media.serials[0], "--db", db_url]) == 0
    out = capsys.readouterr().out
    assert out.count("Әбілқасымов Нұрлан") == 2 and "2.0 s" in out and "20.11.2026 11:10:00" in out  # Almaty, UTC+5
    clip_id, data = next(iter(media.clips.items()))
    target = tmp_path / "clip.amr"
    assert cli_main(["media", "export", str(clip_id), "--out", str(target), "--db", db_url]) == 0
    assert target.read_bytes() == data
    assert audit_rows(media.db, "media_export")[0].user.startswith("cli")


def test_cli_bad_arguments_exit_2_and_refusal_exits_1(media: MediaSet, db_url: str, tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str],
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(SystemExit) as bad:
        cli_main(["media", "list", "--db", db_url])
    assert bad.value.code == 2
    with pytest.raises(SystemExit) as missing:
        cli_main(["media", "export", "999", "--out", str(tmp_path / "x.amr"), "--db", db_url])
    assert missing.value.code == 2 and "no voice message number 999" in capsys.readouterr().err
    with pytest.raises(SystemExit) as zero:
        cli_main(["media", "export", "0", "--out", str(tmp_path / "x.amr"), "--db", db_url])
    assert zero.value.code == 2
    with media.db.begin() as s:
        create_user(s, "tech1", "correct horse battery", "technician")
    monkeypatch.setenv("ARM_PASSWORD", "correct horse battery")  # --as asks for the user's password (issue 13)
    code = cli_main(["media", "export", str(next(iter(media.clips))), "--out", str(tmp_path / "y.amr"),
                     "--db", db_url, "--as", "tech1"])
    assert code == 1 and "may not listen" in capsys.readouterr().err
    assert not (tmp_path / "y.amr").exists()


def test_retention_keeps_clips_three_years_and_only_an_act_deletes_them(media: MediaSet) -> None:
    with media.db.begin() as s:
        assert retention.retention_days(s)[retention.RecordKind.MEDIA] == 3 * 365
        early = retention.propose_act(s, "device_media", "boss", now=T0 + timedelta(days=365))
        assert early.row_count == 0
        # the events the clips belong to outlive their own 90 days while the clips are kept
        events = retention.propose_act(s, "device_events", "boss", now=T0 + timedelta(days=365))
        assert events.row_count == 0
    with pytest.raises(DBAPIError, match="recorded material"), media.db.begin() as s:
        s.execute(text("DELETE FROM device_media"))
    with media.db.begin() as s:
        act = retention.propose_act(s, "device_media", "boss", now=T0 + timedelta(days=3 * 365 + 1))
        assert act.row_count == 3
        retention.execute_act(s, act.id, "chief")
    with media.db.session() as s:
        assert s.scalar(select(func.count()).select_from(DeviceMedia)) == 0


def test_the_clips_behind_an_alarm_respect_its_window_role_and_district(media: MediaSet) -> None:
    from db.models import Alarm, AlarmPriority, AlarmState

    with media.db.session() as s:
        rows = s.execute(select(DeviceMedia.id, DeviceMedia.event_id, DeviceMedia.device_id, DeviceMedia.time)
                         .order_by(DeviceMedia.time)).all()
    first, second = rows[0], rows[1]  # both from person 0's watch, 10 minutes apart
    with media.db.begin() as s:
        open_alarm = Alarm(person_id=media.person_ids[0], device_id=first.device_id, event_id=first.event_id,
                           kind="device_alarm", priority=AlarmPriority.MEDIUM, state=AlarmState.RETURNED,
                           details={}, raised_at=first.time)
        closed_alarm = Alarm(person_id=media.person_ids[0], device_id=first.device_id, event_id=first.event_id,
                             kind="device_alarm", priority=AlarmPriority.MEDIUM, state=AlarmState.CLOSED,
                             details={}, raised_at=first.time, closed_at=first.time + timedelta(minutes=5))
        s.add_all([open_alarm, closed_alarm])
        s.flush()
        ids = open_alarm.id, closed_alarm.id
    oper = user("operator", "oper1", (DISTRICTS[0],))
    with media.db.begin() as s:
        # open: the clip that raised it and the one the watch sent while it was open, newest first
        assert [c.id for c in library.alarm_clips(s, oper, ids[0])] == [second.id, first.id]
        # closed 5 minutes later: the later clip belongs to another alarm
        assert [c.id for c in library.alarm_clips(s, oper, ids[1])] == [first.id]
    with media.db.begin() as s:
        assert library.alarm_clips(s, user("supervisor", "sup2", (DISTRICTS[1],)), ids[0]) == []
    with pytest.raises(AccessDenied), media.db.begin() as s:
        library.alarm_clips(s, user("technician"), ids[0])
    with pytest.raises(library.ClipNotFound), media.db.begin() as s:
        library.alarm_clips(s, oper, 9999)
    listings = [(r.user, r.object_type, r.object_id, r.detail["count"]) for r in audit_rows(media.db, "media_list")]
    assert listings == [("oper1", "alarm", str(ids[0]), 2), ("oper1", "alarm", str(ids[1]), 1),
                        ("sup2", "alarm", str(ids[0]), 0)]
