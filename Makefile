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

install: $(STAMP)

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
