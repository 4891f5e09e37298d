"""Opening the database: where it lives, how SQLite is tuned, migrations.

SQLite serves one desk; PostgreSQL serves several. Both are reached through
the same ``Database`` object so nothing above this module cares which it is.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import orjson
import platformdirs
from sqlalchemy import create_engine, event, inspect
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import ArgumentError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from db.secure_files import create_private, ensure_private, private_dir

log = logging.getLogger("arm.db")

APP_NAME = "arm"
SQLITE_BUSY_TIMEOUT_MS = 10_000
#: page cache per connection (KiB). SQLite's default is 2 MiB; the ingest writer keeps the
#: event and position indexes of 10,000 devices hot in 64 MiB instead of re-reading pages
SQLITE_CACHE_KIB = 65_536
#: WAL pages before a commit checkpoints them into the database (default 1,000 = 4 MiB). The
#: ingest writer rewrites the same index pages in every batch; checkpointing every 40 MiB instead
#: copies each hot page once instead of many times (less kernel time, fewer fsyncs at full load)
SQLITE_WAL_CHECKPOINT_PAGES = 10_000


class DatabaseUnavailable(RuntimeError):
    """The database cannot be opened or used; the message is for the user."""


def data_dir() -> Path:
    """The user data directory (``ARM_DATA_DIR`` overrides it, as tests do)."""
    override = os.environ.get("ARM_DATA_DIR")
    path = Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    return private_dir(path)


def default_db_url() -> str:
    return f"sqlite:///{data_dir() / 'arm.sqlite3'}"


def _sqlite_tuner(busy_timeout_ms: int, database: Path | None) -> Any:
    def tune(dbapi_conn: Any, _record: Any) -> None:
        """Durable and concurrent enough: WAL, fsync on commit, FKs, busy timeout."""
        _tune_sqlite(dbapi_conn, busy_timeout_ms)
        if database is not None:
            _keep_private(database)

    return tune


def _keep_private(database: Path) -> None:
    """The database and its -wal/-shm files are owner-only (SQLite gives the latter the file's mode)."""
    for suffix in ("", "-wal", "-shm"):
        try:
            ensure_private(database.with_name(database.name + suffix))
        except OSError as exc:
            log.warning("%s", exc)


def _create_private_sqlite(database: Path) -> None:
    """Create a new SQLite file as 0600 before SQLite does (it would use the umask, often 0644)."""
    if not database.exists() and not database.is_symlink():
        create_private(database, exist_ok=True)


def _tune_sqlite(dbapi_conn: Any, busy_timeout_ms: int) -> None:
    cur = dbapi_conn.cursor()
    cur.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
    cur.execute("PRAGMA journal_mode = WAL")
    cur.execute("PRAGMA synchronous = FULL")
    cur.execute("PRAGMA foreign_keys = ON")
    cur.execute(f"PRAGMA cache_size = -{SQLITE_CACHE_KIB}")
    cur.execute(f"PRAGMA wal_autocheckpoint = {SQLITE_WAL_CHECKPOINT_PAGES}")
    cur.close()


def make_engine(url: str, busy_timeout_ms: int = SQLITE_BUSY_TIMEOUT_MS) -> Engine:
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise DatabaseUnavailable(f"Not a database URL: {url!r}") from exc
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database or ""
        file: Path | None = None
        if database and database != ":memory:" and not database.startswith("file:"):
            file = Path(database).expanduser().absolute()
            folder = file.resolve().parent
            if not folder.is_dir():
                raise DatabaseUnavailable(f"The folder of the database file does not exist: {folder}")
            try:
                _create_private_sqlite(file)
            except OSError as exc:
                raise DatabaseUnavailable(f"The database file {file} cannot be created: {exc.strerror or exc}") from exc
        engine = create_engine(
            url, connect_args={"timeout": busy_timeout_ms / 1000, "check_same_thread": False},
            json_serializer=json_dumps, json_deserializer=orjson.loads,
        )
        event.listen(engine, "connect", _sqlite_tuner(busy_timeout_ms, file))
        return engine
    if parsed.get_backend_name() == "postgresql" and parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    return create_engine(parsed, pool_pre_ping=True, json_serializer=json_dumps, json_deserializer=orjson.loads)


def json_dumps(value: Any) -> str:
    """JSON columns through orjson: every stored event has a JSON ``fields``, and
    json.dumps was a tenth of the ingest writer's time. Like json.dumps it refuses
    what JSON cannot hold (bytes, sets), but writes NaN as null, which PostgreSQL
    accepts and json.dumps' NaN it would not."""
    return orjson.dumps(value, option=orjson.OPT_NON_STR_KEYS).decode()


class Database:
    """One engine and its session factory; the unit every part of ARM is given."""

    def __init__(self, url: str | None = None, *, busy_timeout_ms: int = SQLITE_BUSY_TIMEOUT_MS) -> None:
        self.url = url or default_db_url()
        self.engine = make_engine(self.url, busy_timeout_ms)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def session(self) -> Session:
        return self._sessions()

    @contextmanager
    def begin(self) -> Iterator[Session]:
        """A transaction: committed on success, rolled back on error."""
        with self._sessions() as session, session.begin():
            yield session

    def check(self) -> None:
        """Open a connection now, so a locked or missing database is reported early."""
        try:
            with self.engine.connect() as conn:
                conn.exec_driver_sql("SELECT 1")
        except OperationalError as exc:
            raise DatabaseUnavailable(describe_operational_error(self.url, exc)) from exc

    def upgrade(self) -> None:
        """Bring the schema to the newest revision of every branch."""
        from db.migrate import upgrade

        try:
            upgrade(self.engine)
            self._start_chains()
        except OperationalError as exc:
            raise DatabaseUnavailable(describe_operational_error(self.url, exc)) from exc

    def _start_chains(self) -> None:
        """Empty journals get their chain record now (keyed with the registered key, if any)."""
        from db.integrity import start_chains

        with self.begin() as session:
            start_chains(session)

    def is_current(self) -> bool:
        from db.migrate import is_current

        return is_current(self.engine)

    def has_table(self, name: str) -> bool:
        return inspect(self.engine).has_table(name)

    def dispose(self) -> None:
        self.engine.dispose()


def describe_operational_error(url: str, exc: OperationalError) -> str:
    """Turn a driver error into one sentence an operator can act on."""
    text = str(exc.orig) if exc.orig is not None else str(exc)
    safe_url = make_url(url).render_as_string(hide_password=True)
    if "locked" in text:
        return f"The database {safe_url} is locked by another program; close it and try again."
    if "unable to open" in text:
        return f"The database file {safe_url} cannot be opened (missing folder or no permission)."
    if "readonly" in text or "read-only" in text:
        return f"The database {safe_url} is read-only; ARM needs to write to it."
    return f"The database {safe_url} is not available: {text.strip()}"
