"""Owner-only files and folders for the journal key and the checkpoint file.

The general owner-only helpers are ``db.secure_files`` (the database, token
files); these two files need more: the key is written to a temporary name and
*linked* into place, so two processes starting at once never both create a key
and a reader never sees half of one, and the checkpoint file is only ever
appended to, one line in one write, flushed to disk. A folder is made 0700
(and tightened if it is ours and wider), a file is created 0600 with
``O_EXCL``/``O_NOFOLLOW``.
"""

from __future__ import annotations

import os
import secrets
import stat
from pathlib import Path

OWNER_ONLY_DIR = 0o700
OWNER_ONLY_FILE = 0o600


def owner_only_dir(path: Path) -> Path:
    """Create ``path`` 0700 if missing; tighten it to 0700 if it is ours and wider."""
    path.mkdir(mode=OWNER_ONLY_DIR, parents=True, exist_ok=True)
    info = path.stat()
    if info.st_uid == os.getuid() and stat.S_IMODE(info.st_mode) & 0o077:
        path.chmod(OWNER_ONLY_DIR)
    return path


def create_exclusive(path: Path, data: bytes) -> bool:
    """Write ``data`` to a new owner-only file at ``path``; False when it already exists."""
    owner_only_dir(path.parent)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), OWNER_ONLY_FILE)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        try:
            os.link(tmp, path)  # atomic, and fails if another process created it first
        except FileExistsError:
            return False
        return True
    finally:
        tmp.unlink(missing_ok=True)


def append_line(path: Path, line: str) -> None:
    """Append one line to an owner-only file (created 0600), in one write, flushed to disk."""
    owner_only_dir(path.parent)
    flags = os.O_WRONLY | os.O_CREAT | os.O_APPEND | getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(path, flags, OWNER_ONLY_FILE)
    try:
        os.write(fd, (line.rstrip("\n") + "\n").encode("utf-8"))
        os.fsync(fd)
    finally:
        os.close(fd)
