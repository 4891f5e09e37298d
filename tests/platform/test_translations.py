"""Russian and Kazakh translations are complete, current and keep placeholders."""

from __future__ import annotations

import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TS_DIR = ROOT / "resources" / "translations"
PLACEHOLDER = re.compile(r"\{[a-zA-Z_][a-zA-Z0-9_]*(?::[^}]*)?\}|%\d|%n")


def messages(lang: str) -> list[tuple[str, str, str | None, str | None]]:
    root = ET.parse(TS_DIR / f"arm_{lang}.ts").getroot()
    out = []
    for ctx in root.iter("context"):
        name = ctx.findtext("name") or ""
        for msg in ctx.iter("message"):
            tr = msg.find("translation")
            text = None if tr is None else ("".join(tr.itertext()) or None)
            out.append((name, msg.findtext("source") or "", text, None if tr is None else tr.get("type")))
    return out


@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_every_message_is_translated(lang: str) -> None:
    missing = [src for _, src, text, kind in messages(lang) if not text or kind in ("unfinished", "vanished")]
    assert not missing, f"{len(missing)} untranslated in {lang}, e.g. {missing[:5]}"


@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_placeholders_survive_translation(lang: str) -> None:
    wrong = [
        (src, text)
        for _, src, text, _ in messages(lang)
        if text and sorted(PLACEHOLDER.findall(src)) != sorted(PLACEHOLDER.findall(text))
    ]
    assert not wrong, wrong[:5]


def test_translation_files_are_current_with_the_sources(tmp_path: Path) -> None:
    """Every tr() string in the code is in the .ts files (run scripts/update-translations.sh)."""
    lupdate = shutil.which("pyside6-lupdate") or str(Path(__import__("sys").executable).with_name("pyside6-lupdate"))
    files = sorted(str(p) for d in ("widgets", "maps") for p in (ROOT / d).rglob("*.py"))
    files = [f for f in files if Path(f).exists()]
    out = tmp_path / "fresh.ts"
    subprocess.run([lupdate, "-silent", "-locations", "none", *files, "-ts", str(out)], check=True, timeout=300)
    fresh = {(ctx.findtext("name") or "", m.findtext("source") or "")
             for ctx in ET.parse(out).getroot().iter("context") for m in ctx.iter("message")}
    have = {(ctx, src) for ctx, src, _, _ in messages("ru")}
    new = sorted(fresh - have)
    assert not new, f"{len(new)} strings not extracted yet, e.g. {new[:5]}"


def test_fstring_texts_are_current() -> None:
    """tr() calls inside f-strings are listed for lupdate (scripts/extract_fstring_tr.py)."""
    import sys

    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "extract_fstring_tr.py"), "--check"], timeout=60)
    assert proc.returncode == 0, "run scripts/update-translations.sh"
