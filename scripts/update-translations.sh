#!/usr/bin/env bash
# Extract every tr()/translate() string of the GUI into the .ts files
# (English source; Russian and Kazakh translations), keeping what is translated.
set -euo pipefail
cd "$(dirname "$0")/.."
.venv/bin/python scripts/extract_fstring_tr.py  # tr() inside f-strings, which lupdate cannot see
files=$(git ls-files -co --exclude-standard 'widgets/*.py' 'maps/*.py' | sort)
for lang in ru kk; do
  .venv/bin/pyside6-lupdate -silent -no-obsolete -locations none -source-language en -target-language "$lang" \
    $files -ts "resources/translations/arm_${lang}.ts"
done
