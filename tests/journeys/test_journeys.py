"""Journeys: each role, in Russian and Kazakh, drives the real workstation with the keyboard.

The real start-up path (demo seed, the monitoring service with its plugins
started, device events through the real ingest core, the window every role
gets), each journey in a process of its own (``tests/journeys/journey.py``,
which says what is checked). Screenshots go to ``$ARM_JOURNEY_DIR`` (``make
journeys`` sets docs/screenshots/journeys, under Xvfb), else to a temporary folder.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.journeys.journey import ROLES

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.gui

#: every role and language at 1366x768; the Russian ones at 1920x1080 too
#: (tests/gui/test_window_fits.py checks both sizes for every role)
CASES = [(role, lang, "1366x768") for role in ROLES for lang in ("ru", "kk")] + \
    [(role, "ru", "1920x1080") for role in ROLES]


@pytest.fixture(scope="module")
def catalogues(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's .ts files compiled now (the shipped .qm are the lead's to regenerate)."""
    out = tmp_path_factory.mktemp("qm")
    lrelease = shutil.which("pyside6-lrelease", path=str(Path(sys.executable).parent))
    assert lrelease
    for ts in (ROOT / "resources" / "translations").glob("*.ts"):
        subprocess.run([lrelease, "-silent", str(ts), "-qm", str(out / f"{ts.stem}.qm")], check=True)
    return out


@pytest.mark.parametrize(("role", "lang", "size"), CASES)
def test_journey(tmp_path: Path, catalogues: Path, role: str, lang: str, size: str) -> None:
    shots = Path(os.environ.get("ARM_JOURNEY_DIR") or tmp_path / "journeys")
    env = dict(os.environ, ARM_TRANSLATIONS_DIR=str(catalogues), ARM_DATA_DIR=str(tmp_path / "data"),
               ARM_CONFIG_DIR=str(tmp_path / "config"), PYTHONPATH=str(ROOT))
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--no-sandbox --disable-gpu")
    (tmp_path / "data").mkdir()
    run = subprocess.run([sys.executable, "-m", "tests.journeys.journey", role, lang, size, str(shots)],
                         cwd=ROOT, env=env, capture_output=True, text=True, timeout=240)
    assert run.returncode == 0, run.stderr[-6000:]
    saved = [Path(line) for line in run.stdout.splitlines() if line.endswith(".png")]
    assert len(saved) >= 3 and all(p.stat().st_size > 10_000 for p in saved)
