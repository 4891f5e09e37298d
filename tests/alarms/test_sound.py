"""Alarm sounds through the real Qt Multimedia backend, and the beep when there is no audio output.

Qt Multimedia plays through PulseAudio on Linux. The first test starts a
private PulseAudio daemon with a null sink (a real audio output that writes
nowhere), like the PostgreSQL tests start their own server. Each case runs
``scripts/probes/alarm_sound.py`` in a fresh process, because Qt connects to the
sound server once per process.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _probe(pulse_server: str) -> dict[str, Any]:
    env = {**os.environ, "PULSE_SERVER": pulse_server, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-m", "scripts.probes.alarm_sound"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.fixture
def pulse_server() -> Iterator[str]:
    """A private PulseAudio daemon with one null sink; yields its ``PULSE_SERVER`` address."""
    binary = shutil.which("pulseaudio")
    if binary is None:
        pytest.skip("no PulseAudio server binary (Debian package 'pulseaudio') to give Qt an audio output")
    runtime = Path(tempfile.mkdtemp(prefix="arm-pa-"))  # short: a unix socket path has at most 107 bytes
    socket = runtime / "native"
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(runtime), "XDG_RUNTIME_DIR": str(runtime)}
    log = (runtime / "pulse.log").open("w")
    proc = subprocess.Popen(
        [binary, "-n", "--daemonize=no", "--exit-idle-time=-1", "--use-pid-file=no", "--log-target=stderr",
         "-L", "module-null-sink sink_name=arm_test",
         "-L", f"module-native-protocol-unix auth-anonymous=1 socket={socket}"],
        env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 10
        while not socket.exists() and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert socket.exists(), f"PulseAudio did not start: {(runtime / 'pulse.log').read_text()[-2000:]}"
        yield f"unix:{socket}"
    finally:
        proc.terminate()
        try:
            proc.wait(5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(5)
        log.close()
        shutil.rmtree(runtime, ignore_errors=True)


def test_each_priority_sound_is_ready_and_plays(pulse_server: str) -> None:
    result = _probe(pulse_server)
    if result["multimedia_problem"]:
        pytest.skip(f"Qt Multimedia cannot load here: {result['multimedia_problem']}")
    assert result["outputs"], "the null sink should be an audio output"
    assert result["status"] == {p: "Ready" for p in result["order"]}
    assert result["backend"] == "multimedia"
    low_and_critical, low_only, none = result["steps"]
    assert low_and_critical == {"sounding": "critical", "beeping": False, "playing": ["critical"]}
    assert low_only == {"sounding": "low", "beeping": False, "playing": ["low"]}
    assert none == {"sounding": "", "beeping": False, "playing": []}


def test_without_an_audio_output_the_beep_sounds(tmp_path: Path) -> None:
    result = _probe(f"unix:{tmp_path / 'no-server'}")
    if not result["multimedia_problem"]:
        assert result["outputs"] == []
        assert set(result["status"].values()) == {"Error"}
    assert result["backend"] == "beep"
    low_and_critical, low_only, none = result["steps"]
    assert low_and_critical == {"sounding": "critical", "beeping": True, "playing": []}
    assert low_only == {"sounding": "low", "beeping": True, "playing": []}
    assert none == {"sounding": "", "beeping": False, "playing": []}
