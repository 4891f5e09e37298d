"""Migrations from empty give exactly the declared schema, and go back down."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, inspect

from db import migrate
from db.history import is_history_table
from db.models import Base
from db.models_all import models  # noqa: F401
from db.session import Database


def test_upgrade_from_empty_matches_models(db: Database) -> None:
    with db.engine.connect() as conn:
        # the R*Tree of positions (db/history.py) is a virtual table the ORM does not declare
        ctx = MigrationContext.configure(conn, opts={"include_name": lambda name, kind, _p: not is_history_table(name)})
        diff = compare_metadata(ctx, Base.metadata)
    assert diff == []
    assert db.is_current()


def test_every_model_table_is_created(db: Database) -> None:
    tables = set(inspect(db.engine).get_table_names())
    assert set(Base.metadata.tables) <= tables


def test_downgrade_to_base_and_up_again(tmp_path) -> None:
    engine = create_engine(f"sqlite:///{tmp_path / 'm.sqlite3'}")
    migrate.upgrade(engine)
    migrate.downgrade(engine, "base")
    assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    migrate.upgrade(engine)
    assert "device_events" in inspect(engine).get_table_names()
    engine.dispose()


def test_sqlite_pragmas(db: Database) -> None:
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 10_000
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
