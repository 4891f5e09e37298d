"""The journal key: 32 random bytes in ``journal.key`` in the configuration directory.

The chains of the journals are HMAC-SHA-256 with this key (``db.integrity``),
and the checkpoint lines are signed with a key derived from it. It lives
outside the database so that someone who can write the database but not read
this file cannot rewrite a journal and recompute its chain. It is created on
first use, owner-only (0600, folder 0700), and refused when anyone but its
owner can read it: a key others can read anchors nothing.

:func:`install` registers :func:`journal_key` as ``db.integrity``'s key
provider; ``arm/__init__.py`` calls it, so every writer of chained rows and
every verification in a process that uses the core gets the key without
passing it.
"""

from __future__ import annotations

import binascii
import hashlib
import hmac
import os
import secrets
import stat
import threading
from pathlib import Path

from arm.journal_anchor.files import create_exclusive, owner_only_dir

KEY_FILE = "journal.key"
KEY_BYTES = 32


class KeyFileError(RuntimeError):
    """The key file cannot be used; ``code`` is stable, the message says what to do."""

    def __init__(self, code: str, message: str) -> None:
        self.code = code
        super().__init__(message)


def key_path() -> Path:
    from arm.config import config_dir

    return config_dir() / KEY_FILE


def _check(path: Path, info: os.stat_result) -> None:
    if not stat.S_ISREG(info.st_mode):
        raise KeyFileError("key.not_a_file", f"The journal key {path} is not a regular file.")
    if info.st_uid != os.getuid():
        raise KeyFileError("key.not_owner", f"The journal key {path} belongs to another user; refusing to use it.")
    mode = stat.S_IMODE(info.st_mode)
    if mode & 0o077:
        raise KeyFileError(
            "key.readable_by_others",
            f"The journal key {path} can be read by others (mode {mode:04o}); it is refused. "
            f"Make it owner-only (chmod 600 {path}) and, as it may have been copied, rotate it "
            "(arm journal rekey --new-key).",
        )


def _parse(path: Path, data: bytes) -> bytes:
    try:
        key = binascii.unhexlify(data.strip())
    except (binascii.Error, ValueError):
        key = b""
    if len(key) != KEY_BYTES:
        raise KeyFileError("key.malformed", f"The journal key {path} is not {KEY_BYTES} bytes in hex; refusing it.")
    return key


def encode(key: bytes) -> bytes:
    return binascii.hexlify(key) + b"\n"


def new_key() -> bytes:
    return secrets.token_bytes(KEY_BYTES)


def read_key(path: Path) -> bytes:
    """The key in ``path`` (refused if others can read it, not ours, or malformed)."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise KeyFileError("key.unreadable", f"The journal key {path} cannot be read: {exc.strerror}.") from exc
    with os.fdopen(fd, "rb") as f:
        _check(path, os.fstat(f.fileno()))
        return _parse(path, f.read())


def load_key(path: Path | None = None, *, create: bool = True) -> bytes:
    """The journal key, created owner-only on first use."""
    path = path or key_path()
    owner_only_dir(path.parent)
    if not path.exists() and not path.is_symlink():
        if not create:
            raise KeyFileError("key.missing", f"There is no journal key at {path}.")
        create_exclusive(path, encode(new_key()))  # a concurrent first start may win: read theirs
    return read_key(path)


_cache: dict[Path, tuple[tuple[int, int, int, int], bytes]] = {}
_lock = threading.Lock()


def journal_key() -> bytes:
    """The provider ``db.integrity`` calls on every chained append: cached while the file is unchanged."""
    path = key_path()
    try:
        info = path.stat()
    except FileNotFoundError:
        return load_key(path)
    signature = (info.st_ino, info.st_mtime_ns, info.st_mode, info.st_size)
    with _lock:
        cached = _cache.get(path)
        if cached is not None and cached[0] == signature:
            return cached[1]
    key = load_key(path)
    with _lock:
        _cache[path] = (signature, key)
    return key


def derived(key: bytes, purpose: str) -> bytes:
    """A separate key for one purpose (signing checkpoints), so the chain key is used for one thing."""
    return hmac.new(key, f"arm journal {purpose}".encode(), hashlib.sha256).digest()


def install() -> None:
    from db import integrity

    integrity.set_key_provider(journal_key)


__all__ = ["KEY_FILE", "KeyFileError", "derived", "install", "journal_key", "key_path", "load_key", "read_key"]
