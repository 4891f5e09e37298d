"""End to end: `arm emulate` and `arm serve --serial` as real processes on real ptys."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from db.session import Database
from tests.serial.conftest import stored_evseqs, wait_for

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.slow


def _spawn(args: list[str], env: dict[str, str]) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "arm", *args], cwd=ROOT, env=env, stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT, text=True,
    )


class _Output:
    """Every line a child prints, read by a thread (select() + readline() loses buffered lines)."""

    def __init__(self, proc: subprocess.Popen[str]) -> None:
        import queue
        import threading

        self.lines: list[str] = []
        self._queue: queue.Queue[str | None] = queue.Queue()
        self._thread = threading.Thread(target=self._read, args=(proc,), daemon=True)
        self._thread.start()

    def _read(self, proc: subprocess.Popen[str]) -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            self.lines.append(line)
            self._queue.put(line)
        self._queue.put(None)

    def wait_for(self, needle: str, timeout: float = 30) -> str:
        import queue
        import time

        end = time.monotonic() + timeout
        while (left := end - time.monotonic()) > 0:
            try:
                line = self._queue.get(timeout=left)
            except queue.Empty:
                break
            if line is None:
                break
            if needle in line:
                return line
        raise AssertionError(f"{needle!r} not seen; output: {''.join(self.lines)[-2000:]}")

    def text_after_exit(self) -> str:
        self._thread.join(timeout=10)
        return "".join(self.lines)


def _stop(proc: subprocess.Popen[str]) -> int:
    proc.send_signal(signal.SIGINT if "emulate" in proc.args else signal.SIGTERM)
    try:
        return proc.wait(timeout=20)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def test_emulate_and_serve_store_every_event(tmp_path: Path, tmp_data_dir: Path) -> None:
    env = {**os.environ, "ARM_DATA_DIR": str(tmp_data_dir), "PYTHONPATH": str(ROOT)}
    link = tmp_path / "ttyEM0"
    url = f"sqlite:///{tmp_path / 'serve.sqlite3'}"
    emu = _spawn(["emulate", "--type", "TRK", "--serial", "TRK-004242", "--link", str(link), "--rate", "20",
                  "--garbage", "0.02", "--bad-checksum", "0.02", "--retransmit", "1"], env)
    serve = None
    try:
        emu_lines = _Output(emu)
        line = emu_lines.wait_for("arm emulate:")
        assert "TRK TRK-004242 on " + str(link) in line
        serve = _spawn(["--log-level", "INFO", "serve", "--db", url, "--serial", str(link)], env)
        serve_lines = _Output(serve)
        serve_lines.wait_for("arm serve: ready")
        db = Database(url)
        try:
            assert wait_for(lambda: len(stored_evseqs(db, "TRK-004242")) >= 40, timeout=20)
        finally:
            db.dispose()
        assert _stop(emu) == 0
        emu_out = emu_lines.text_after_exit()
        acked = int(re.search(r"acknowledged up to (\d+)", emu_out).group(1))  # type: ignore[union-attr]
        assert "arm emulate: stopped" in emu_out, emu_out + "".join(serve_lines.lines)
        assert _stop(serve) == 0
        db = Database(url)
        try:
            evseqs = stored_evseqs(db, "TRK-004242")
        finally:
            db.dispose()
        assert len(evseqs) == len(set(evseqs))  # stored once each
        assert sorted(e for e in evseqs if e <= acked) == list(range(1, acked + 1))  # all acknowledged are stored
    finally:
        for proc in (emu, serve):
            if proc is not None:
                if proc.poll() is None:
                    proc.kill()
                    proc.wait()
                if proc.stdout is not None:
                    proc.stdout.close()


def test_emulate_rejects_a_bad_serial(tmp_data_dir: Path) -> None:
    env: dict[str, Any] = {**os.environ, "ARM_DATA_DIR": str(tmp_data_dir), "PYTHONPATH": str(ROOT)}
    out = subprocess.run([sys.executable, "-m", "arm", "emulate", "--type", "SKU", "--serial", "bad serial"],
                         cwd=ROOT, env=env, capture_output=True, text=True, timeout=30)
    assert out.returncode == 2 and "bad serial" in out.stdout
