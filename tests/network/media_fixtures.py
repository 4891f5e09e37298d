"""Voice-message fixtures: real AMR-NB clips and stored clips of supervised persons.

The clips come from the simulator's builder (``arm.simulate.amr``: valid
AMR-NB 12.2 kbit/s frames that FFmpeg decodes); the default seed is chosen so
a clip contains every byte the Watch protocol must escape (``} [ ] , *``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from arm.auth import CurrentUser
from arm.events import EventKind
from arm.ingest import Ingest
from arm.media import store
from arm.simulate import amr
from db.models import Assignment, Category, Device, DeviceStatus, DeviceType, Person, Role, User
from db.session import Database

AMR_HEADER = amr.AMR_HEADER
ESCAPED = b"}[],*"


def amr_clip(seconds: float = 2.0, seed: int = 7) -> bytes:
    """``arm.simulate.amr.amr_clip``, checked to contain every byte the Watch framing escapes."""
    clip = amr.amr_clip(seconds, seed)
    assert all(bytes((b,)) in clip for b in ESCAPED)
    return clip


# --------------------------------------------------------------- stored clips
T0 = datetime(2026, 11, 20, 6, 0, tzinfo=UTC)
DISTRICTS = ("Алмалинский", "Бостандыкский")


@dataclass
class MediaSet:
    db: Database
    person_ids: list[int]
    serials: list[str]
    #: clip id -> its bytes
    clips: dict[int, bytes]


#: the accounts behind ``user()`` in these tests
ACCOUNTS = {"operator": "operator", "oper1": "operator", "oper2": "operator", "supervisor": "supervisor",
            "boss": "supervisor", "sup2": "supervisor", "technician": "technician", "administrator": "administrator"}


def user(role: str, login: str | None = None, districts: tuple[str, ...] = ()) -> CurrentUser:
    return CurrentUser(id=1, login=login or role, full_name=f"{role} user", role=role, districts=districts)


def store_clip(db: Database, ingest: Ingest, serial: str, clip: bytes, when: datetime, name: str = "") -> int:
    """The listener's own three steps (prepare, ingest, store_clips), without a socket."""
    carrier = store.MediaEvent(serial, None, when, EventKind.ALARM, {}, "watch", "WATCH",
                               media=store.MediaPart(clip, name or f"{serial}-{when:%H%M%S}.amr"))
    ready = store.prepare(db, [carrier])
    assert ingest.store_sync(ready).accepted == 1
    [clip_id] = store.store_clips(db, ready)
    return clip_id


def media_set(db: Database, ingest: Ingest) -> MediaSet:
    """Two supervised persons in two districts, each wearing a watch that sent voice messages."""
    persons, serials = media_persons(db)
    clips: dict[int, bytes] = {}
    for k in range(3):
        clip = amr_clip(1.0 + k, seed=20 + k)
        serial = serials[0] if k < 2 else serials[1]
        clips[store_clip(db, ingest, serial, clip, T0 + timedelta(minutes=10 * k))] = clip
    return MediaSet(db, persons, serials, clips)


def media_persons(db: Database) -> tuple[list[int], list[str]]:
    """Two supervised persons in two districts, each wearing a watch (no clips yet), and the accounts of ``user()``."""
    with db.begin() as s:
        for login, role in ACCOUNTS.items():  # the library re-reads the account (it must exist and be active)
            s.add(User(login=login, full_name=login, role=Role(role), password_hash="!"))
        persons, serials = [], []
        for i, (last, first, district) in enumerate((("Әбілқасымов", "Нұрлан", DISTRICTS[0]),
                                                     ("Иванов", "Пётр", DISTRICTS[1]))):
            p = Person(last_name=last, first_name=first, middle_name=None, iin=f"90010130{i:04d}",
                       birth_date=date(1990, 1, 1), category=Category.PAROLE, supervision_start=date(2026, 1, 1),
                       registered_on=date(2026, 1, 1), district=district, created_at=T0 - timedelta(days=30))
            d = Device(serial=f"88000000{i:02d}", type=DeviceType.WATCH, status=DeviceStatus.ISSUED,
                       created_at=T0 - timedelta(days=30))
            s.add_all([p, d])
            s.flush()
            s.add(Assignment(device_id=d.id, person_id=p.id, issued_at=T0 - timedelta(days=10), issued_by="tech"))
            persons.append(p.id)
            serials.append(d.serial)
    return persons, serials


def screenshot_setup(prefix: str) -> tuple[Any, Database, Any, Ingest]:
    """For the screenshot scripts: an offscreen QApplication and a started ingest on a throw-away database."""
    import os
    import sys
    import tempfile
    from pathlib import Path

    from arm.bus import Bus

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    data = tempfile.mkdtemp(prefix=prefix)
    os.environ["ARM_DATA_DIR"] = data
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv)
    db = Database(f"sqlite:///{Path(data) / 'arm.sqlite3'}")
    db.upgrade()
    bus = Bus()
    ingest = Ingest(db, bus)
    ingest.start()
    return app, db, bus, ingest


def settle_player(qtbot: Any, ms: int = 500) -> None:
    """Let QtMultimedia's FFmpeg thread tear the stopped playback down inside the event loop.

    The teardown destroys objects connected to the Python-made QMediaPlayer and
    QAudioOutput; their destructor asks for the GIL while holding Qt's
    connection lock. If the test's thread meanwhile holds the GIL and connects
    a signal whose lock is the same (``qtbot.waitSignal``), both wait forever
    and no timeout can end it. In the event loop the GIL is released, so the
    teardown finishes; the window's own thread spends its time there anyway.
    """
    qtbot.wait(ms)
