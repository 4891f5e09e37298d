"""Alembic environment: uses the engine handed over by db.migrate."""

from __future__ import annotations

from alembic import context

from db.models import Base
from db.models_all import models  # noqa: F401  (registers every table)

config = context.config
target_metadata = Base.metadata


def run_migrations_online() -> None:
    engine = config.attributes["engine"]
    with engine.begin() as connection:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            render_as_batch=connection.dialect.name == "sqlite",
            compare_type=True,
        )
        context.run_migrations()


run_migrations_online()
