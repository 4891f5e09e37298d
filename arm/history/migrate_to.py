"""``arm db migrate-to URL``: move a desk's SQLite history into an empty PostgreSQL database.

A desk that outgrows the embedded SQLite (``docs/history.md``) moves to
PostgreSQL without losing anything: every table is copied with its ids, in
foreign-key order, in one transaction on the target (a failure leaves it
empty), then the sequences continue after the copied ids. Tables a trigger
keeps (``journal_heads``, ``last_positions``) are rebuilt by those triggers as
the rows arrive. The copy is checked before it commits: the same number of
rows in every table, and the journals' hash chains verified on the target
(the journal key stays in the desk's configuration folder, so the keyed chains
verify as before). The move itself is appended to the target's audit journal.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC

from sqlalchemy import Integer, func, insert, select, text
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from arm import audit
from db import migrate, partitions
from db.integrity import verify_all
from db.models import Base
from db.models_all import models  # noqa: F401  (every table declared)
from db.session import Database

log = logging.getLogger("arm.history.migrate_to")

#: rows per read and per insert
CHUNK = 5_000
#: kept by triggers on the target, from the rows copied into the tables they follow
TRIGGER_KEPT = frozenset({"journal_heads", "last_positions"})


def _seeded_tables() -> frozenset[str]:
    """The tables the migrations themselves fill (reference lists, offices, a counter's row), found
    by migrating a scratch SQLite database: on the target they are emptied and take the desk's copy."""
    import tempfile

    from sqlalchemy import create_engine

    with tempfile.TemporaryDirectory(prefix="arm-migrate-to-") as folder:
        engine = create_engine(f"sqlite:///{folder}/scratch.sqlite3")
        try:
            migrate.upgrade(engine)
            with engine.connect() as conn:
                return frozenset(t.name for t in _tables()
                                 if conn.execute(select(func.count()).select_from(t)).scalar())
        finally:
            engine.dispose()


class MigrationError(RuntimeError):
    """The copy cannot be made (the message names the table or the problem); nothing was written."""


@dataclass
class MigrationReport:
    rows: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.rows.values())


def _tables() -> list:
    return [t for t in Base.metadata.sorted_tables if t.name not in TRIGGER_KEPT]


def migrate_to(source: Database, target: Database, actor: str,
               progress: Callable[[str, int], None] | None = None) -> MigrationReport:
    """Copy everything from ``source`` (SQLite) into ``target`` (PostgreSQL, empty)."""
    if target.dialect != "postgresql":
        raise MigrationError("The target must be a PostgreSQL database (postgresql+psycopg://...).")
    if source.dialect != "sqlite":
        raise MigrationError("The source must be the desk's SQLite database.")
    if not source.is_current():
        raise MigrationError("The source database is not at the newest schema: run `arm db upgrade` first.")
    migrate.upgrade(target.engine)
    seeded = _seeded_tables()
    report = MigrationReport()
    with source.engine.connect() as src, target.engine.begin() as dst:
        busy = [t.name for t in _tables() + [Base.metadata.tables[n] for n in TRIGGER_KEPT]
                if t.name not in seeded and dst.execute(select(func.count()).select_from(t)).scalar()]
        if busy:
            raise MigrationError(f"The target database is not empty (table {busy[0]}); give an empty database.")
        for table in reversed(_tables()):  # dependents first
            if table.name in seeded:
                dst.execute(table.delete())
        for table in _tables():
            report.rows[table.name] = _copy(src, dst, table)
            if progress:
                progress(table.name, report.rows[table.name])
        _continue_sequences(dst)
        span = dst.execute(text("SELECT min(time), max(time) FROM positions")).one()
        if span[0] is not None:  # the copied days get their own partitions (rows leave the default one)
            partitions.ensure_partitions(dst, span[0].astimezone(UTC).date(), span[1].astimezone(UTC).date())
        for table in _tables():
            copied = dst.execute(select(func.count()).select_from(table)).scalar()
            if copied != report.rows[table.name]:
                raise MigrationError(f"{table.name}: {report.rows[table.name]} rows read, {copied} in the target.")
        with Session(bind=dst) as s:
            problems = verify_all(s)
            if problems:
                raise MigrationError(f"The journals do not verify on the target: {problems[0]}")
            audit.record(s, actor, "db_migrated", "database", "", source=source.engine.url.render_as_string(
                hide_password=True), rows=report.total)
            s.flush()
    return report


def _copy(src: Connection, dst: Connection, table) -> int:
    order = list(table.primary_key.columns) or list(table.columns)[:1]
    count = 0
    result = src.execution_options(stream_results=True, yield_per=CHUNK).execute(select(table).order_by(*order))
    for chunk in result.mappings().partitions(CHUNK):
        dst.execute(insert(table), [dict(row) for row in chunk])
        count += len(chunk)
    return count


def _continue_sequences(dst: Connection) -> None:
    """New rows on PostgreSQL get ids after the copied ones."""
    for table in _tables():
        pk = list(table.primary_key.columns)
        if len(pk) != 1 or not isinstance(pk[0].type, Integer) or pk[0].autoincrement is False:
            continue
        seq = dst.execute(text("SELECT pg_get_serial_sequence(:t, :c)"), {"t": table.name, "c": pk[0].name}).scalar()
        if seq:
            dst.execute(text(f"SELECT setval('{seq}', greatest(coalesce((SELECT max({pk[0].name}) FROM "
                             f"{table.name}), 0), 1), (SELECT count(*) > 0 FROM {table.name}))"))
