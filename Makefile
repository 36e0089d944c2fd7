# Two commands: `make demo` serves the Tân Kỳ demo, `make test` runs every test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: install demo test lint format check messages bench clean

$(STAMP): pyproject.toml requirements.lock
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "dangbo needs Python >= 3.11")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $(STAMP)

# axe-core for the browser tests' accessibility checks, pinned by tests/browser/package-lock.json
# (`npm ci` again when the lock changes; Playwright's browsers are never downloaded: we use
# Debian's Chromium). Without npm the step says so and the axe tests fail/skip like Chromium's.
AXE := tests/browser/node_modules/axe-core/axe.min.js

$(AXE): tests/browser/package.json tests/browser/package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
		npm ci --prefix tests/browser --no-audit --no-fund --loglevel=error && touch $(AXE); \
	else echo "npm not found: the axe-core checks of tests/browser cannot run"; fi

install: $(STAMP) $(AXE)

demo: install
	$(BIN)/dangbo demo

test: install
	$(BIN)/python -m pytest

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

check: install
	$(BIN)/dangbo check
	$(BIN)/dangbo makemigrations --check --dry-run

messages: install
	cd dangbo && DANGBO_DATA_DIR=../data ../$(BIN)/dangbo makemessages -l vi --no-obsolete && DANGBO_DATA_DIR=../data ../$(BIN)/dangbo compilemessages -l vi

bench: install
	$(BIN)/python -m bench.run

clean:
	rm -rf $(VENV)
