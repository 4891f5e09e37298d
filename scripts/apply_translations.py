"""Fill the .ts files from the translation dictionaries.

``resources/translations/dict_<lang>.json`` maps an English source string to
its translation (one entry serves every context using that string). Run
``scripts/update-translations.sh`` first to extract the sources, then this;
``--missing`` prints the sources that still have no translation.
"""

from __future__ import annotations

import argparse
import json
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TRANSLATIONS = ROOT / "resources" / "translations"


def load_dict(lang: str) -> dict[str, str]:
    path = TRANSLATIONS / f"dict_{lang}.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def apply(lang: str) -> list[str]:
    """Write translations into arm_<lang>.ts; return sources still missing."""
    path = TRANSLATIONS / f"arm_{lang}.ts"
    tree = ET.parse(path)
    words = load_dict(lang)
    missing: list[str] = []
    for message in tree.getroot().iter("message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        if translation is None:
            translation = ET.SubElement(message, "translation")
        text = words.get(source)
        if not text:
            missing.append(source)
            translation.set("type", "unfinished")
            continue
        translation.attrib.pop("type", None)
        forms = translation.findall("numerusform")
        if message.get("numerus") == "yes":
            for form in forms or [ET.SubElement(translation, "numerusform")]:
                form.text = text
        else:
            translation.text = text
    tree.write(path, encoding="utf-8", xml_declaration=True)
    return sorted(set(missing))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--missing", action="store_true", help="print untranslated sources as JSON")
    args = parser.parse_args()
    report = {lang: apply(lang) for lang in ("ru", "kk")}
    if args.missing:
        json.dump(report, sys.stdout, ensure_ascii=False, indent=1)
        print()
    else:
        for lang, missing in report.items():
            print(f"{lang}: {len(missing)} untranslated")
    return 0


if __name__ == "__main__":
    sys.exit(main())
