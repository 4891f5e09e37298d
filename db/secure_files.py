"""Owner-only files and folders: the database, its WAL and shared-memory files, key and token files.

Anyone who can read the SQLite file or a key file can read every person's data
or act as the workstation, so ARM creates them readable by their owner only
(files 0600, the folders ARM creates 0700). Lives in ``db`` because the
database needs it and ``db`` imports nothing of ``arm``; the rest of ARM
imports it from here.
"""

from __future__ import annotations

import logging
import os
import stat
from pathlib import Path

log = logging.getLogger("arm.db")

PRIVATE_FILE = 0o600
PRIVATE_DIR = 0o700


def private_dir(path: Path | str) -> Path:
    """Create ``path`` (and missing parents) as 0700; a folder that exists keeps its mode."""
    folder = Path(path)
    if not folder.is_dir():
        folder.mkdir(mode=PRIVATE_DIR, parents=True, exist_ok=True)
        # mkdir's mode is filtered by the umask; say it again for the folder we made
        os.chmod(folder, PRIVATE_DIR)
    return folder


def create_private(path: Path | str, data: bytes | str = b"", *, exist_ok: bool = False) -> Path:
    """Create a new file readable and writable by its owner only, holding ``data``.

    Opened with O_EXCL and O_NOFOLLOW: never an existing file, never through a
    symbolic link. ``exist_ok`` leaves an existing regular file's content as it
    is and only tightens its mode (``ensure_private``).
    """
    target = Path(path)
    raw = data.encode() if isinstance(data, str) else data
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(target, flags, PRIVATE_FILE)
    except FileExistsError:
        if not exist_ok:
            raise
        ensure_private(target)
        return target
    try:
        os.fchmod(fd, PRIVATE_FILE)  # the umask may have taken bits away, never added: be exact
        view = memoryview(raw)
        while view:
            view = view[os.write(fd, view):]
        os.fsync(fd)
    finally:
        os.close(fd)
    return target


def ensure_private(path: Path | str) -> bool:
    """Take group and other permissions away from an existing file we own.

    Returns False when there is no such file or it is not ours to change (a
    warning is logged: the folder's owner must fix it); a symbolic link is
    refused, never followed.
    """
    target = Path(path)
    try:
        st = os.lstat(target)
    except FileNotFoundError:
        return False
    if stat.S_ISLNK(st.st_mode):
        raise OSError(f"{target} is a symbolic link; ARM does not follow links to its private files")
    if stat.S_IMODE(st.st_mode) & 0o077 == 0:
        return True
    try:
        os.chmod(target, stat.S_IMODE(st.st_mode) & ~0o077)
    except OSError as exc:
        log.warning("cannot make %s owner-only: %s", target, exc)
        return False
    return True


__all__ = ["PRIVATE_DIR", "PRIVATE_FILE", "create_private", "ensure_private", "private_dir"]
