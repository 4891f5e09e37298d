"""Writing an export without harming what is already there.

Every file ARM writes on a user's request (journal exports, printed forms,
voice messages, the shift handover) goes through ``write_atomic``:

- the content is written to a new temporary file in the target's folder
  (created with O_EXCL, mode 0600: exports hold personal data), flushed to
  disk, and only then put in place, so a crash or a failed writer leaves the
  old file, or nothing, never half a file;
- an existing file is replaced only with ``force=True`` (the CLI's
  ``--force``; the GUI after its save dialog asked); without it the file is
  put in place with ``os.link``, which refuses atomically if the name was
  taken in the meantime;
- a symbolic link (or anything that is not a regular file) at the target is
  refused, with or without ``force``: the rename replaces the name itself and
  never writes through a link.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")


class UnsafeTarget(Exception):
    """The target may not be written; ``code`` is stable, the message says what to do."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


def check_target(path: Path, *, force: bool = False) -> None:
    """Refuse a symbolic link, a non-regular file, or an existing file without ``force``."""
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return
    if stat.S_ISLNK(st.st_mode):
        raise UnsafeTarget("file.symlink", f"{path} is a symbolic link; ARM does not write through links.")
    if not stat.S_ISREG(st.st_mode):
        raise UnsafeTarget("file.not_regular", f"{path} exists and is not a regular file.")
    if not force:
        raise UnsafeTarget("file.exists", f"{path} already exists; use --force to overwrite it.")


def write_atomic(path: Path | str, writer: Callable[[Path], T], *, force: bool = False) -> T:
    """Run ``writer(temporary_path)`` and put the result at ``path``; returns what the writer returned.

    The writer writes a whole file to the path it is given (by name, as
    openpyxl and reportlab do, or by opening it). On any exception the
    temporary file is removed and ``path`` is left as it was.
    """
    target = Path(path)
    check_target(target, force=force)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        result = writer(tmp)
        _fsync(tmp)
        _install(tmp, target, force=force)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    _fsync_dir(target.parent)
    return result


def _install(tmp: Path, target: Path, *, force: bool) -> None:
    check_target(target, force=force)  # again: the name may have changed while the writer ran
    if force:
        os.replace(tmp, target)
        return
    try:
        os.link(tmp, target, follow_symlinks=False)
    except FileExistsError:
        raise UnsafeTarget("file.exists", f"{target} already exists; use --force to overwrite it.") from None
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV, errno.EMLINK):
            raise
        os.replace(tmp, target)  # a file system without hard links: the check above is all we have
        return
    tmp.unlink()


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):  # not every platform can open a folder
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


__all__ = ["UnsafeTarget", "check_target", "write_atomic"]
