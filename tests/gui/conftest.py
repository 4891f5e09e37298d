"""GUI fixtures: a real migrated SQLite file, real users, a real service and bus.

Every directory the app writes goes to tmp_path (root conftest). Widgets run
offscreen; the database worker of each context is stopped at teardown so no
thread outlives its test.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from arm import auth, demo
from arm.bus import Bus
from arm.config import Settings
from arm.service import MonitoringService
from db.session import Database
from widgets import i18n
from widgets.context import AppContext
from widgets.qt_bridge import QtBridge

PASSWORD = "correct horse 42"


@pytest.fixture(autouse=True)
def _cheap_argon2(monkeypatch: pytest.MonkeyPatch) -> None:
    """Real argon2id, with small cost parameters so the GUI tests stay fast."""
    from argon2 import PasswordHasher

    monkeypatch.setattr(auth, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))


@pytest.fixture
def users(db: Database) -> dict[str, auth.CurrentUser]:
    """One user per role, created through arm.auth (argon2id)."""
    out = {}
    with db.begin() as s:
        for role in ("operator", "supervisor", "technician", "administrator"):
            user = auth.create_user(s, f"{role}1", PASSWORD, role, f"Test {role.title()}")
            out[role] = auth.snapshot(user)
    auth.reset_failures()
    return out


@pytest.fixture
def demo_db(db: Database) -> Database:
    with db.begin() as s:
        demo.seed(s, persons_per_city=4)
    return db


@pytest.fixture
def make_ctx(qapp: Any, bus: Bus) -> Iterator[Callable[..., AppContext]]:
    """Build AppContexts on the real core; each is closed after the test."""
    made: list[AppContext] = []

    def make(db: Database, user: Any, settings: Settings | None = None) -> AppContext:
        settings = settings or Settings()
        service = MonitoringService(db, bus, settings)
        ctx = AppContext(db=db, service=service, bus=bus, bridge=QtBridge(bus), user=user, settings=settings)
        made.append(ctx)
        return ctx

    yield make
    for ctx in made:
        ctx.close()


@pytest.fixture(autouse=True)
def _english(qapp: Any) -> Iterator[None]:
    i18n.set_language("en")
    yield
    i18n.set_language("en")


def wait_worker(qtbot: Any, ctx: AppContext) -> None:
    """Let queued database work finish and its callbacks run on the GUI thread."""
    ctx.worker.submit(lambda: None).result(timeout=10)
    qtbot.wait(20)
