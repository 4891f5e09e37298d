"""Map fixtures: a real QWebEngineView on the arm:// scheme, a real migrated database.

The ``arm`` URL scheme must be registered before the QApplication exists, so it
happens here at import time (pytest imports conftests before any fixture makes
the QApplication), exactly as widgets/app.py does before creating its own.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from maps.scheme import register_schemes

register_schemes()

from arm.auth import CurrentUser  # noqa: E402
from arm.bus import Bus  # noqa: E402
from arm.config import Settings  # noqa: E402
from db.models import Assignment, Device, DeviceType, Person, Position, Role, User  # noqa: E402
from db.session import Database  # noqa: E402
from widgets.context import AppContext  # noqa: E402
from widgets.qt_bridge import QtBridge  # noqa: E402

PAGE_TIMEOUT_MS = 30_000


@pytest.fixture
def make_ctx(qapp: Any, bus: Bus) -> Iterator[Callable[..., AppContext]]:
    made: list[AppContext] = []

    def make(db: Database, role: str = "operator", settings: Settings | None = None) -> AppContext:
        with db.begin() as s:  # the account behind the user: the core re-reads it before a write
            row = s.query(User).filter_by(login=f"{role}1").one_or_none()
            if row is None:
                s.add(User(login=f"{role}1", full_name=f"Test {role}", role=Role(role), password_hash="!"))
        user = CurrentUser(id=1, login=f"{role}1", full_name=f"Test {role}", role=role)
        ctx = AppContext(db=db, service=None, bus=bus, bridge=QtBridge(bus), user=user,
                         settings=settings or Settings())
        made.append(ctx)
        return ctx

    yield make
    for ctx in made:
        ctx.close()


def seed_persons(db: Database, positions: list[tuple[float, float]], *, fix_age_s: float = 5,
                 contact_age_s: float = 5) -> list[int]:
    """One person per position, each with an issued tracker and that last fix."""
    now = datetime.now(UTC)
    ids = []
    with db.begin() as s:
        for i, (lat, lon) in enumerate(positions):
            p = Person(last_name=f"Testov{i}", first_name="Ivan", middle_name="Petrovich", iin=f"{900101300000 + i}",
                       birth_date=date(1990, 1, 1), category="parole", supervision_start=date(2026, 1, 1),
                       registered_on=date(2026, 1, 1), home_lat=lat + 0.001, home_lon=lon + 0.001,
                       home_radius_m=60, created_at=now)
            d = Device(serial=f"TRK{i:06d}", type=DeviceType.TRK, created_at=now,
                       last_contact=now - timedelta(seconds=contact_age_s))
            s.add_all([p, d])
            s.flush()
            s.add(Assignment(device_id=d.id, person_id=p.id, issued_at=now - timedelta(days=30), issued_by="tech"))
            from db.models import DeviceEventRow

            ev = DeviceEventRow(device_id=d.id, evseq=1, time=now - timedelta(seconds=fix_age_s), received=now,
                                kind="POS", source="serial", fields={"lat": lat, "lon": lon, "fix": 1})
            s.add(ev)
            s.flush()
            s.add(Position(device_id=d.id, event_id=ev.id, time=now - timedelta(seconds=fix_age_s), lat=lat,
                           lon=lon, fix=1, sats=9, hdop=0.9, accuracy_m=12.0))
            ids.append(p.id)
    return ids


def js(qtbot: Any, view: Any, expression: str, timeout: int = 10_000) -> Any:
    """Evaluate ``expression`` in the page and return its JSON-decoded value."""
    box: list[Any] = []
    view.bridge.evaluate(f"JSON.stringify({expression})", box.append)
    qtbot.waitUntil(lambda: bool(box), timeout=timeout)
    return json.loads(box[0]) if box[0] else None


@pytest.fixture
def open_map(qtbot: Any) -> Iterator[Callable[..., Any]]:
    """Create a shown MapView and wait until its page is ready and its data loaded."""
    views: list[Any] = []

    def make(ctx: AppContext, size: tuple[int, int] = (900, 650)) -> Any:
        from maps.map_view import MapView

        view = MapView(ctx)
        qtbot.addWidget(view)
        view.resize(*size)
        with qtbot.waitSignal(view.ready, timeout=PAGE_TIMEOUT_MS):
            view.show()
        qtbot.waitUntil(lambda: view._loaded, timeout=10_000)
        views.append(view)
        return view

    yield make
    for view in views:
        view.release()
