"""The copied test vectors are all there and unchanged (their SHA256SUMS beside them)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent.parent
VECTOR_DIRS = [TESTS / "protocols" / "vectors", TESTS / "serial" / "vectors" / "nmea"]


@pytest.mark.parametrize("folder", VECTOR_DIRS, ids=lambda p: str(p.relative_to(TESTS)))
def test_vector_files_match_their_checksums(folder: Path) -> None:
    sums = (folder / "SHA256SUMS").read_text(encoding="utf-8").split("\n")
    listed = [line.split(maxsplit=1) for line in sums if line.strip()]
    assert listed, folder
    for digest, name in listed:
        path = folder / name.strip()
        assert path.is_file(), f"missing vector file {path}"
        assert hashlib.sha256(path.read_bytes()).hexdigest() == digest, f"vector file changed: {path}"
    assert (folder / "README.md").is_file()
