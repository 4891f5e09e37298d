"""Reading voice messages back: who may, which clips, and the access journal.

A voice message from a supervised person is recorded material (seed rules:
access journal, no edits, three years). Listening to a clip and exporting it
are views of personal data, so only the roles that handle persons may do it
(operators and supervisors, ``arm.access.PERSONAL_DATA_ROLES``), limited to the
persons of their districts like the journals, and every list, listen and
export is appended to the audit journal in the caller's transaction. The
clip's SHA-256 is checked on every read: an altered clip is refused, never
played.

No Qt here: the GUI (``widgets/voice_messages.py``) and ``arm media`` both call
these functions on a worker/CLI session.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from arm import access, audit
from arm.access import PERSONAL_DATA_ROLES, AccessDenied, User
from arm.safe_write import check_target, write_atomic
from db.models import Alarm, Assignment, Device, Person
from db.models_media import DeviceMedia

#: AMR-NB frame sizes in bytes (header included) by frame type 0..15; None: invalid
_AMR_NB_SIZES: tuple[int | None, ...] = (13, 14, 16, 18, 20, 21, 27, 32, 6, None, None, None, None, None, None, 1)
AMR_NB_MAGIC = b"#!AMR\n"


class ClipNotFound(LookupError):
    """No clip with this id (code ``media.not_found``)."""

    code = "media.not_found"


class ClipCorrupt(ValueError):
    """The stored bytes no longer match their SHA-256 (code ``media.corrupt``)."""

    code = "media.corrupt"


@dataclass(frozen=True, slots=True)
class ClipInfo:
    id: int
    serial: str
    time: datetime
    received: datetime
    kind: str
    format: str
    name: str
    size: int
    sha256: str
    parts: int
    parts_missing: int
    duration_s: float | None
    person_id: int | None = None
    person_name: str = ""
    district: str = ""
    event_id: int = 0


@dataclass(frozen=True, slots=True)
class Clip:
    info: ClipInfo
    data: bytes


def may_listen(user: object) -> bool:
    """Operators and supervisors (the roles that see personal data)."""
    return str(getattr(user, "role", "") or "") in PERSONAL_DATA_ROLES


def require_listen(user: object) -> None:
    if not may_listen(user):
        role = str(getattr(user, "role", "") or "none")
        raise AccessDenied("denied.media", f"The role {role!r} may not listen to or export voice messages.")


def amr_duration(data: bytes) -> float | None:
    """Seconds of an AMR-NB file (20 ms per frame), or None if it is not one."""
    if not data.startswith(AMR_NB_MAGIC):
        return None
    i, frames = len(AMR_NB_MAGIC), 0
    while i < len(data):
        size = _AMR_NB_SIZES[(data[i] >> 3) & 0x0F]
        if size is None:
            return None
        i += size
        frames += 1
    return round(frames * 0.02, 2)


def suggested_filename(info: ClipInfo) -> str:
    """``<serial>_<UTC time>_<clip id>.<format>``: unique, sortable, no personal data in it."""
    return f"{info.serial}_{info.time:%Y%m%d-%H%M%S}Z_{info.id}.{info.format or 'bin'}"


def _query() -> Any:
    # the person who held the device when it sent the clip
    held = and_(
        Assignment.device_id == DeviceMedia.device_id,
        Assignment.issued_at <= DeviceMedia.time,
        or_(Assignment.returned_at.is_(None), Assignment.returned_at > DeviceMedia.time),
    )
    cols = [DeviceMedia.id, Device.serial, DeviceMedia.time, DeviceMedia.received, DeviceMedia.kind,
            DeviceMedia.format, DeviceMedia.name, DeviceMedia.size, DeviceMedia.sha256, DeviceMedia.parts,
            DeviceMedia.parts_missing, Person.id, Person.last_name, Person.first_name, Person.middle_name,
            Person.district, DeviceMedia.event_id]
    return (
        select(*cols)
        .join(Device, Device.id == DeviceMedia.device_id)
        .outerjoin(Assignment, held)
        .outerjoin(Person, Person.id == Assignment.person_id)
    )


def _info(row: Any, duration: float | None) -> ClipInfo:
    (cid, serial, time, received, kind, fmt, name, size, sha, parts, missing,
     pid, last, first, middle, district, event_id) = row
    person = " ".join(x for x in (last, first, middle) if x)
    return ClipInfo(cid, serial, time, received, kind, fmt, name, size, sha, parts, missing, duration,
                    pid, person, district or "", event_id)


def _listener(session: Session, user: User, object_type: str, object_id: int | str) -> access.Account:
    """The user's current account (it must exist and be active) if it may listen; refusals audited."""
    account = access.checked_account(session, user, object_type, object_id, operation="media")
    try:
        require_listen(account)
    except AccessDenied as error:
        access.refuse(session, user, error, object_type, object_id, operation="media")
    return account


def _district_allowed(user: User | access.Account, district: str, person_id: int | None) -> bool:
    districts = getattr(user, "districts", None)
    if not districts or person_id is None:
        return True  # central desk / shell user, or a clip from a device nobody held
    return district in districts


def list_clips(
    session: Session, user: User, *, person_id: int | None = None, serial: str | None = None,
    since: datetime | None = None, until: datetime | None = None, limit: int = 500,
) -> list[ClipInfo]:
    """The clips of a person (via the devices they held) or of a device, newest first; audited."""
    account = _listener(session, user, "person" if person_id is not None else "device", person_id or serial or "")
    stmt = _query()
    if person_id is not None:
        stmt = stmt.where(Person.id == person_id)
    if serial is not None:
        stmt = stmt.where(Device.serial == serial)
    if since is not None:
        stmt = stmt.where(DeviceMedia.time >= since)
    if until is not None:
        stmt = stmt.where(DeviceMedia.time < until)
    stmt = stmt.order_by(DeviceMedia.time.desc(), DeviceMedia.id.desc()).limit(limit)
    rows = [r for r in session.execute(stmt) if _district_allowed(account, r[15] or "", r[11])]
    durations = _durations(session, [r[0] for r in rows])
    clips = [_info(r, durations.get(r[0])) for r in rows]
    target = ("person", person_id) if person_id is not None else ("device", serial or "")
    audit.record(session, user, "media_list", target[0], target[1] or "", count=len(clips))
    return clips


def alarm_clips(session: Session, user: User, alarm_id: int) -> list[ClipInfo]:
    """The voice messages behind an alarm, newest first; audited (``media_list`` of the alarm).

    That is the clip of the event that raised the alarm, and the clips the same
    device sent while the alarm was open: the rules raise one ``device_alarm``
    per device, so a second voice message before the operator closes the first
    reactivates the same alarm (``occurrences``) instead of raising a new one,
    and the operator must hear both. Same role and district rules as
    :func:`list_clips`; an alarm whose clip is not stored yet (the event is
    committed a few milliseconds before its clip) gives an empty list.
    """
    account = _listener(session, user, "alarm", alarm_id)
    alarm = session.get(Alarm, alarm_id)
    if alarm is None:
        raise ClipNotFound(f"There is no alarm number {alarm_id}.")
    same = DeviceMedia.event_id == alarm.event_id if alarm.event_id is not None else None
    window = None
    if alarm.device_id is not None:
        window = and_(DeviceMedia.device_id == alarm.device_id, DeviceMedia.time >= alarm.raised_at)
        if alarm.closed_at is not None:
            window = and_(window, DeviceMedia.time <= alarm.closed_at)
    conditions = [c for c in (same, window) if c is not None]
    clips: list[ClipInfo] = []
    if conditions:
        stmt = _query().where(or_(*conditions)).order_by(DeviceMedia.time.desc(), DeviceMedia.id.desc()).limit(200)
        rows = [r for r in session.execute(stmt) if _district_allowed(account, r[15] or "", r[11])]
        durations = _durations(session, [r[0] for r in rows])
        clips = [_info(r, durations.get(r[0])) for r in rows]
    audit.record(session, user, "media_list", "alarm", alarm_id, count=len(clips))
    return clips


def _durations(session: Session, ids: list[int]) -> dict[int, float | None]:
    # AMR headers are tiny but the data column is not: read it only for the listed clips
    out: dict[int, float | None] = {}
    for start in range(0, len(ids), 200):
        chunk = ids[start:start + 200]
        for cid, data in session.execute(select(DeviceMedia.id, DeviceMedia.data).where(DeviceMedia.id.in_(chunk))):
            out[int(cid)] = amr_duration(bytes(data))
    return out


def _read(session: Session, user: User, clip_id: int) -> Clip:
    account = _listener(session, user, "device_media", clip_id)
    row = session.execute(_query().where(DeviceMedia.id == clip_id)).first()
    if row is None:
        raise ClipNotFound(f"There is no voice message number {clip_id}.")
    if not _district_allowed(account, row[15] or "", row[11]):
        access.refuse(session, user, AccessDenied(
            "denied.media.district", "This voice message belongs to a person outside your districts."),
            "device_media", clip_id, operation="media")
    data = bytes(session.execute(select(DeviceMedia.data).where(DeviceMedia.id == clip_id)).scalar_one())
    if hashlib.sha256(data).hexdigest() != row[8]:
        raise ClipCorrupt(f"Voice message {clip_id} does not match its checksum; it is not played.")
    return Clip(_info(row, amr_duration(data)), data)


def _audit(session: Session, user: User, clip: Clip, purpose: str, **detail: Any) -> None:
    info = clip.info
    audit.record(session, user, f"media_{purpose}", "device_media", info.id, serial=info.serial,
                 person_id=info.person_id, sha256=info.sha256, **detail)


def fetch_clip(session: Session, user: User, clip_id: int) -> Clip:
    """One clip's bytes to listen to, checked against its SHA-256; audited (``media_listen``)."""
    clip = _read(session, user, clip_id)
    _audit(session, user, clip, "listen")
    return clip


def export_clip(
    session: Session, user: User, clip_id: int, path: Path | str, *, force: bool = False
) -> tuple[Clip, Path]:
    """Write the clip to ``path`` (or into that directory) byte for byte; audited with the path.

    Through ``arm.safe_write.write_atomic``: written to a temporary name and
    renamed, so a failed export never leaves a truncated clip under the final
    name; an existing file is replaced only with ``force``, a link never.
    """
    clip = _read(session, user, clip_id)
    target = Path(path)
    if target.is_dir() and not target.is_symlink():
        target = target / suggested_filename(clip.info)
    check_target(target, force=force)
    _audit(session, user, clip, "export", path=str(target.parent.resolve() / target.name))
    write_atomic(target, lambda tmp: tmp.write_bytes(clip.data), force=force)
    return clip, target
