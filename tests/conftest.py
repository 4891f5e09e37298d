"""Shared fixtures: every directory the app writes goes to tmp_path.

Qt runs offscreen; QtWebEngine needs --no-sandbox when tests run as root.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--no-sandbox --disable-gpu")
os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")

from arm.bus import Bus
from arm.ingest import Ingest
from db.session import Database


@pytest.fixture
def tmp_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    data = tmp_path / "data"
    data.mkdir()
    monkeypatch.setenv("ARM_DATA_DIR", str(data))
    monkeypatch.setenv("ARM_CONFIG_DIR", str(data / "config"))
    return data


@pytest.fixture
def db_url(tmp_data_dir: Path) -> str:
    return f"sqlite:///{tmp_data_dir / 'test.sqlite3'}"


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    database = Database(db_url)
    database.upgrade()
    yield database
    database.dispose()


@pytest.fixture
def bus() -> Bus:
    return Bus()


@pytest.fixture
def ingest(db: Database, bus: Bus) -> Iterator[Ingest]:
    core = Ingest(db, bus)
    core.start()
    yield core
    core.stop()


@pytest.fixture(scope="session", autouse=True)
def _garbage_collected_on_the_gui_thread(qapp: object) -> Iterator[None]:
    """As in the application: no cycle collection on a worker thread (it would free widgets there)."""
    from widgets.gui_gc import collect_on_gui_thread, restore_automatic

    collect_on_gui_thread(0.5)
    yield
    restore_automatic()


@pytest.fixture(autouse=True)
def _collect_between_tests() -> Iterator[None]:
    """The cycles a test leaves (its closed widgets) are collected here, on the GUI thread."""
    yield
    from widgets.gui_gc import collect_now

    collect_now()


@pytest.fixture(autouse=True)
def _no_dangling_threads() -> Iterator[None]:
    """A test must not leave its own non-daemon threads running (napari's habit)."""
    before = set(threading.enumerate())
    yield
    leftover = [t for t in threading.enumerate() if t not in before and t.is_alive() and not t.daemon]
    for t in leftover:
        t.join(timeout=5)
    still = [t.name for t in leftover if t.is_alive()]
    assert not still, f"threads left running: {still}"
