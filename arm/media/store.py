"""Storing the clips devices send, so a device is acknowledged only for what is durable.

Why a side channel and not ingest: the clip must be committed before the
device hears ``TK,1``, and ``arm.ingest`` writes only JSON event fields. The
Watch listener therefore carries the clip on a :class:`MediaEvent` (a
``DeviceEvent`` subclass with the bytes in its own attribute, never in the
JSON ``fields``) and runs three steps per frame, in this order, the device's
connection paused meanwhile:

1. :func:`prepare` (worker thread, own transaction): a part of a multi-frame
   clip is staged in ``device_media_parts``; a complete clip (one TK frame,
   or the last JXTK part with the staged ones) becomes the announcing event
   with a stable evseq derived from the clip's SHA-256.
2. the event goes through ``service.ingest`` like any other (dedupe, commit,
   rules, alarms).
3. :func:`store_clips` (worker thread, own transaction) inserts the clip
   bound to the stored event (``event_id``), idempotently, and drops the
   staged parts.

Only then is the device acknowledged. A crash between 2 and 3 leaves the
event without its clip and the device unacknowledged: it resends, step 2 finds
the event (same evseq: same content), step 3 stores the clip once. A crash
after 3 makes the resend a no-op. The event exists a few milliseconds before
its clip, so readers of a voice-message alarm may briefly see "clip not yet
stored"; in exchange every clip row references a real event (foreign key)
and the device row ingest created, which the opposite order could not.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from arm.events import DERIVED_EVSEQ_BASE, AlarmFields, DeviceEvent, EventKind
from arm.ingest import Ingest
from arm.media.amr import amr_problem
from arm.ratelog import RateLimitedLog, one_line
from db.models import Device, DeviceEventRow
from db.models_media import DeviceMedia, DeviceMediaPart
from db.session import Database

log = logging.getLogger(__name__)

#: the alarm name of a voice-message event (``ALARM`` kind, rules raise ``device_alarm``)
VOICE_ALARM = "voiceMessage"


@dataclass(frozen=True, slots=True)
class MediaPart:
    """The clip (or one part of it) a frame carried."""

    data: bytes
    name: str
    fmt: str = "amr"
    kind: str = "voice"
    part: int = 1
    total: int = 1

    @property
    def complete(self) -> bool:
        return self.total <= 1


@dataclass(frozen=True, slots=True)
class MediaEvent(DeviceEvent):
    """A DeviceEvent that carries media bytes beside its JSON fields.

    Ingest treats it as the DeviceEvent it is; only the Watch listener's media
    steps read ``media``. A part of a multi-frame clip (``media.part <
    media.total``) never reaches ingest.
    """

    media: MediaPart | None = None
    #: parts of a multi-frame clip that never arrived (filled by ``prepare``)
    missing: tuple[int, ...] = field(default=())


def media_evseq(sha256_hex: str) -> int:
    """A stable evseq for the event announcing a clip: the same clip resent is the same event."""
    digest = hashlib.blake2b(b"media:" + sha256_hex.encode("ascii"), digest_size=8).digest()
    return DERIVED_EVSEQ_BASE + (int.from_bytes(digest, "big") >> 2)


def voice_event(serial: str, time: datetime, media: MediaPart, *, source: str = "watch",
                device_type: str | None = "WATCH", missing: Sequence[int] = ()) -> MediaEvent:
    """The ``ALARM voiceMessage`` event of a complete clip (fields are JSON; bytes ride on ``media``)."""
    sha = hashlib.sha256(media.data).hexdigest()
    fields: AlarmFields = {"alarm": VOICE_ALARM, "audio": media.name, "size": len(media.data),
                                 "sha256": sha, "format": media.fmt}
    if media.total > 1:
        fields["parts"] = media.total
    if missing:
        fields["parts_missing"] = list(missing)
    return MediaEvent(serial, media_evseq(sha), time, EventKind.ALARM, fields, source, device_type,
                      media=media, missing=tuple(missing))


def _insert(db: Database) -> type:
    return postgresql.insert if db.dialect == "postgresql" else sqlite.insert  # type: ignore[return-value]


def prepare(db: Database, carriers: Iterable[MediaEvent], now: datetime | None = None) -> list[MediaEvent]:
    """Stage parts; return the announcing events of the clips that are complete now.

    Runs in a worker thread. A part is staged idempotently (a resent part is
    stored once), so its ``JXTKR,1`` may be sent as soon as this returns.
    """
    now = now or datetime.now(UTC)
    ready: list[MediaEvent] = []
    parts = [ev for ev in carriers if ev.media is not None and ev.media.total > 1]
    if parts:
        ins = _insert(db)
        with db.begin() as session:
            for ev in parts:
                m = ev.media
                assert m is not None
                session.execute(
                    ins(DeviceMediaPart).values(serial=ev.serial, name=m.name, part=m.part, total=m.total,
                                                received=now, data=m.data)
                    .on_conflict_do_nothing(index_elements=["serial", "name", "total", "part"])
                )
    for ev in carriers:
        m = ev.media
        if m is None:
            continue
        if m.total <= 1:
            if keepable(ev.serial, m.name, m.data, complete=True):
                ready.append(voice_event(ev.serial, ev.time, m, source=ev.source, device_type=ev.device_type))
        elif m.part >= m.total:
            data, missing = assemble(db, ev.serial, m.name, m.total)
            if not keepable(ev.serial, m.name, data, complete=not missing):
                with db.begin() as session:
                    _drop_parts(session, ev.serial, m.name, m.total)
                continue
            whole = MediaPart(data, m.name, m.fmt, m.kind, m.total, m.total)
            ready.append(voice_event(ev.serial, ev.time, whole, source=ev.source, device_type=ev.device_type,
                                     missing=missing))
    return ready


#: clips refused as not AMR (see :func:`keepable`), for the service status and tests
refused_clips = 0
_refusal_log = RateLimitedLog(log)


def keepable(serial: str, name: str, data: bytes, *, complete: bool) -> bool:
    """Whether a clip may be kept as evidence: an AMR stream (``arm.media.amr``); a refusal is counted and logged.

    A refused clip is not stored and raises no alarm; the device is still
    answered (``TK,1``), or it would resend the same bytes for ever.
    """
    problem = amr_problem(data, complete=complete)
    if problem is None:
        return True
    global refused_clips
    refused_clips += 1
    _refusal_log.warning(serial, "voice clip %s of %s (%d bytes) not kept: %s", one_line(name, 60),
                         one_line(serial, 40), len(data), problem)
    return False


def assemble(db: Database, serial: str, name: str, total: int) -> tuple[bytes, list[int]]:
    """The staged parts 1..total in order, and the numbers of those that never arrived."""
    with db.session() as session:
        rows: dict[int, bytes] = {
            int(part): bytes(data) for part, data in session.execute(
                select(DeviceMediaPart.part, DeviceMediaPart.data).where(
                    DeviceMediaPart.serial == serial, DeviceMediaPart.name == name, DeviceMediaPart.total == total))
        }
    missing = [n for n in range(1, total + 1) if n not in rows]
    return b"".join(rows[n] for n in range(1, total + 1) if n in rows), missing


def store_clips(db: Database, events: Sequence[MediaEvent], now: datetime | None = None) -> list[int]:
    """Insert each complete clip bound to its stored event; returns the new clip ids.

    Idempotent: a clip whose event already has one is skipped. Raises
    ``LookupError`` if an event is not stored (ingest rejected it), so the
    caller does not acknowledge the device.
    """
    now = now or datetime.now(UTC)
    new_ids: list[int] = []
    if not events:
        return new_ids
    ins = _insert(db)
    with db.begin() as session:
        for ev in events:
            m = ev.media
            assert m is not None and ev.evseq is not None
            row = session.execute(
                select(DeviceEventRow.id, DeviceEventRow.device_id, DeviceEventRow.time, DeviceEventRow.fields)
                .join(Device, Device.id == DeviceEventRow.device_id)
                .where(Device.serial == ev.serial, DeviceEventRow.evseq == ev.evseq)
            ).one_or_none()
            if row is None:
                raise LookupError(f"the event announcing clip {m.name!r} of {ev.serial} is not stored")
            event_id, device_id, time, fields = row
            name = str((fields or {}).get("audio") or m.name)[:200]
            result = session.execute(
                ins(DeviceMedia).values(
                    device_id=device_id, event_id=event_id, time=time, received=now, kind=m.kind,
                    format=m.fmt, name=name, size=len(m.data), sha256=hashlib.sha256(m.data).hexdigest(),
                    parts=m.total, parts_missing=len(ev.missing), data=m.data,
                ).on_conflict_do_nothing(index_elements=["event_id"]).returning(DeviceMedia.id)
            ).scalar_one_or_none()
            if result is not None:
                new_ids.append(int(result))
            if m.total > 1:
                _drop_parts(session, ev.serial, m.name, m.total)
    return new_ids


def _drop_parts(session: Session, serial: str, name: str, total: int) -> None:
    session.execute(delete(DeviceMediaPart).where(
        DeviceMediaPart.serial == serial, DeviceMediaPart.name == name, DeviceMediaPart.total == total))


#: how long the parts of a multi-frame clip wait for the missing ones (see :func:`expire_parts`)
PARTS_LIFETIME_S = 24 * 3600.0


@dataclass(frozen=True, slots=True)
class StaleClip:
    """A multi-frame clip whose last part arrived longer ago than the lifetime."""

    serial: str
    name: str
    total: int
    #: when the newest part present was received (UTC): the time of the clip's event
    last_received: datetime


def stale_clips(db: Database, now: datetime, lifetime_s: float = PARTS_LIFETIME_S) -> list[StaleClip]:
    """The staged clips no part of which arrived for ``lifetime_s``, oldest first."""
    cutoff = now - timedelta(seconds=lifetime_s)
    newest = func.max(DeviceMediaPart.received)
    stmt = (select(DeviceMediaPart.serial, DeviceMediaPart.name, DeviceMediaPart.total, newest)
            .group_by(DeviceMediaPart.serial, DeviceMediaPart.name, DeviceMediaPart.total)
            .having(newest < cutoff).order_by(newest))
    with db.session() as session:
        return [StaleClip(str(s), str(n), int(t), r if r.tzinfo else r.replace(tzinfo=UTC))
                for s, n, t, r in session.execute(stmt)]


def expire_parts(db: Database, ingest: Ingest, now: datetime | None = None,
                 lifetime_s: float = PARTS_LIFETIME_S) -> list[int]:
    """Store every clip whose missing parts are past hope as an incomplete clip; returns the new clip ids.

    Why keep rather than drop: a voice message from a supervised person is
    recorded material (three years, access journal), and the parts that did
    arrive are what the person said; dropping them would silently destroy
    evidence because the mobile network lost a frame. The clip is stored
    exactly like a clip whose last part arrived with gaps (the ``prepare``
    path): an ``ALARM voiceMessage`` event (time: the newest part's receipt,
    ``parts_missing`` listed) goes through ingest, so the rules raise the
    usual alarm and the operator can listen; the clip row says how many parts
    are missing, and the GUI and ``arm media list`` show it as incomplete.
    If the first part (the ``#!AMR`` header) is among the missing, the bytes
    are not an AMR stream and are dropped (:func:`keepable`, issue 14).

    Runs in a worker thread (blocking database work). Idempotent across
    crashes: the event's evseq derives from the assembled bytes, and the
    parts are dropped in the transaction that stores the clip, so a run that
    died between ingest and ``store_clips`` redoes the same event and clip.
    """
    now = now or datetime.now(UTC)
    new_ids: list[int] = []
    for stale in stale_clips(db, now, lifetime_s):
        data, missing = assemble(db, stale.serial, stale.name, stale.total)
        if not keepable(stale.serial, stale.name, data, complete=not missing):
            with db.begin() as session:
                _drop_parts(session, stale.serial, stale.name, stale.total)
            continue
        media = MediaPart(data, stale.name, part=stale.total, total=stale.total)
        event = voice_event(stale.serial, stale.last_received, media, missing=missing)
        result = ingest.store_sync([event])
        if result.accepted != 1:
            # never storable (ingest refuses the event for good): drop the parts, say so
            reason = result.rejected[0][1] if result.rejected else "not stored"
            log.warning("dropping the %d staged parts of clip %r of %s: its event was refused (%s)",
                        stale.total - len(missing), stale.name, stale.serial, reason)
            with db.begin() as session:
                _drop_parts(session, stale.serial, stale.name, stale.total)
            continue
        stored = store_clips(db, [event], now)
        log.info("clip %r of %s stored incomplete after %.0f h: parts %s of %d never arrived",
                 stale.name, stale.serial, lifetime_s / 3600, missing, stale.total)
        new_ids += stored
    return new_ids
