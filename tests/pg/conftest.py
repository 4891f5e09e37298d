"""A real PostgreSQL server per test module, started with initdb/pg_ctl.

As root, PostgreSQL refuses to run, so the cluster is created and started as
the ``postgres`` system user (``runuser``) in a directory it owns. Skipped
only when initdb is not installed (CI installs it).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest


@dataclass(frozen=True)
class PgServer:
    host: str
    port: int
    user: str

    def url(self, database: str) -> str:
        return f"postgresql+psycopg://{self.user}@{self.host}:{self.port}/{database}"

    def create_database(self, name: str) -> str:
        import psycopg

        with psycopg.connect(host=self.host, port=self.port, user=self.user, dbname="postgres",
                             autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _find(tool: str) -> str | None:
    found = shutil.which(tool)
    if found:
        return found
    for base in sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True):
        if (base / tool).exists():
            return str(base / tool)
    return None


@pytest.fixture(scope="module")
def pg_server() -> Iterator[PgServer]:
    initdb, pg_ctl = _find("initdb"), _find("pg_ctl")
    if initdb is None or pg_ctl is None:
        pytest.skip("PostgreSQL initdb/pg_ctl not found on PATH or in /usr/lib/postgresql/*/bin")
    as_root = os.geteuid() == 0
    base = Path(tempfile.mkdtemp(prefix="arm-pg-"))
    data, sock = base / "data", base / "sock"
    sock.mkdir()
    prefix: list[str] = []
    if as_root:
        shutil.chown(base, "postgres")
        shutil.chown(sock, "postgres")
        prefix = ["runuser", "-u", "postgres", "--"]
    port = free_port()
    log = base / "server.log"
    env = {**os.environ, "LC_ALL": "C"}
    subprocess.run([*prefix, initdb, "-D", str(data), "-U", "arm", "--auth=trust", "-E", "UTF8", "--no-sync"],
                   check=True, capture_output=True, env=env)
    opts = f"-p {port} -k {sock} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=100"
    subprocess.run([*prefix, pg_ctl, "-D", str(data), "-l", str(log), "-o", opts, "-w", "-t", "60", "start"],
                   check=True, capture_output=True, env=env)
    try:
        yield PgServer("127.0.0.1", port, "arm")
    finally:
        subprocess.run([*prefix, pg_ctl, "-D", str(data), "-m", "fast", "-w", "stop"], capture_output=True, env=env)
        shutil.rmtree(base, ignore_errors=True)
