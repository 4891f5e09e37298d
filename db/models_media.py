"""Media clips that devices send (Watch voice messages): recorded material.

A clip is stored once, next to the device event that announced it
(``device_media.event_id``), and never changed: the ``network_media`` revision
installs triggers that refuse UPDATE always and DELETE unless a confirmed
deletion act (``db/retention.py``, kind ``device_media``, three years) covers
the row, the same rule as the chained journals. The SHA-256 of the content is
kept so an export can be checked against what the device sent.

``device_media_parts`` is a staging area for clips a device sends in several
frames (Watch ``JXTK``): each part is made durable before the device is
acknowledged for it, and the parts are removed in the transaction that stores
the assembled clip.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, ForeignKey, Index, Integer, LargeBinary, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from db.models import Base, UtcDateTime, bigpk, utc


class DeviceMedia(Base):
    """One media clip (audio) a device sent, bound to the event that announced it."""

    __tablename__ = "device_media"

    id: Mapped[bigpk]
    device_id: Mapped[int] = mapped_column(ForeignKey("devices.id"))
    event_id: Mapped[int] = mapped_column(
        BigInteger().with_variant(Integer, "sqlite"), ForeignKey("device_events.id")
    )
    #: when the device sent it (the event's time), UTC
    time: Mapped[utc]
    #: when this row was committed, UTC
    received: Mapped[utc]
    #: "voice" (the only kind today; images would be "image")
    kind: Mapped[str] = mapped_column(String(16))
    #: container/codec: "amr" (AMR-NB with the "#!AMR\n" header)
    format: Mapped[str] = mapped_column(String(16))
    #: the name the protocol gave the clip (Watch: ``<id>-<time>-<hash>.amr`` or the JXTK file name)
    name: Mapped[str] = mapped_column(String(200))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    #: frames it arrived in (1 for TK); parts_missing > 0 when a multi-part clip came incomplete
    parts: Mapped[int] = mapped_column(Integer, default=1)
    parts_missing: Mapped[int] = mapped_column(Integer, default=0)
    data: Mapped[bytes] = mapped_column(LargeBinary)

    __table_args__ = (
        UniqueConstraint("event_id", name="uq_device_media_event"),
        Index("ix_device_media_device_time", "device_id", "time"),
        Index("ix_device_media_time", "time"),
    )


class DeviceMediaPart(Base):
    """One received part of a multi-frame clip, until the clip is assembled."""

    __tablename__ = "device_media_parts"

    id: Mapped[bigpk]
    #: device serial as heard (the device row may not exist yet: ingest creates it with the clip's event)
    serial: Mapped[str] = mapped_column(String(32))
    name: Mapped[str] = mapped_column(String(200))
    part: Mapped[int] = mapped_column(Integer)
    total: Mapped[int] = mapped_column(Integer)
    received: Mapped[datetime] = mapped_column(UtcDateTime())
    data: Mapped[bytes] = mapped_column(LargeBinary)

    __table_args__ = (
        UniqueConstraint("serial", "name", "total", "part", name="uq_device_media_part"),
    )
