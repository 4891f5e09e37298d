"""The pinned PySide6 is the one installed, and it survives the known crash case."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from pathlib import Path

import PySide6

ROOT = Path(__file__).resolve().parents[2]


def pinned(name: str) -> str:
    deps = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    return next(d.split("==")[1] for d in deps if d.lower().startswith(name.lower() + "=="))


def test_installed_pyside6_is_the_pinned_one() -> None:
    assert PySide6.__version__ == pinned("PySide6")


def test_table_model_datachanged_loop_runs_clean() -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    proc = subprocess.run(
        [sys.executable, str(Path(__file__).resolve().parents[2] / "scripts" / "probes" / "qt_datachanged.py"), "50000"],
        capture_output=True, text=True, env=env, timeout=180,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert proc.stdout.startswith("ok 250")
