# Two commands for a fresh machine (see README):
#   make run    install everything and start the workstation with demo data
#   make test   install everything and run every test headless
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
TS     := $(wildcard resources/translations/*.ts)
QM     := $(TS:.ts=.qm)

.PHONY: run test install system-deps translations lint bench serve clean dist dist-smoke journeys rivers

run: install
	QTWEBENGINE_CHROMIUM_FLAGS="$${QTWEBENGINE_CHROMIUM_FLAGS:---no-sandbox}" $(VENV)/bin/arm --demo

# Desk API on 127.0.0.1:8765. Desk tokens come from $$ARM_DESK_TOKENS (name=token,...) or
# desk-tokens.json in the config directory (created owner-only on first start), never from the
# command line; for desks on the LAN add DESK_API_FLAGS="--desk-api-host 0.0.0.0
# --desk-api-cert cert.pem --desk-api-key key.pem" (docs/desk-api.md).
DESK_API_FLAGS ?=
serve: install
	$(VENV)/bin/arm serve --gt06 5023 --watch 5093 --osmand 5055 --desk-api 8765 $(DESK_API_FLAGS)

test: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports
	$(VENV)/bin/mypy
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -p no:cacheprovider -q

install: system-deps $(STAMP) translations

system-deps:
	@bash scripts/system-deps.sh

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test]'
	touch $(STAMP)

translations: $(STAMP) $(QM)

resources/translations/%.qm: resources/translations/%.ts $(STAMP)
	$(VENV)/bin/pyside6-lrelease -silent $< -qm $@

# Every role in Russian and Kazakh driving the real window with the keyboard, at 1366x768 and
# 1920x1080, under Xvfb; the screenshots land in docs/screenshots/journeys/ (tests/journeys).
journeys: install
	ARM_JOURNEY_DIR=$(CURDIR)/docs/screenshots/journeys QT_QPA_PLATFORM=xcb \
	  xvfb-run -a -s "-screen 0 1920x1080x24" $(PY) -m pytest -q tests/journeys

# Developers only (the result is committed; neither the application nor CI runs this): the main rivers
# of the country map from GSHHG (Debian gmt-gshhg-high), exported with GMT's own `gmt coast`.
rivers:
	@dpkg-query -W -f='$${Status}\n' gmt gmt-gshhg-high 2>/dev/null | grep -c "install ok installed" | grep -q 2 || \
	  { if [ "$$(id -u)" -ne 0 ]; then SUDO=sudo; fi; $$SUDO apt-get install -y --no-install-recommends gmt gmt-gshhg-high; }
	$(PY) -m maps.tools.rivers

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports

bench: install
	for b in bench/*.py; do echo "== $$b"; QT_QPA_PLATFORM=offscreen $(PY) $$b || exit 1; done

dist: install
	$(PY) -m pip install -q '.[build]'
	$(VENV)/bin/pyinstaller --noconfirm pyinstaller.spec

dist-smoke: dist
	bash scripts/smoke-frozen.sh dist/arm/arm

clean:
	rm -rf $(VENV) build dist .pytest_cache
