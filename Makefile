PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin

.PHONY: run test lint bench clean

$(BIN)/python:
	$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11 or newer is needed"'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

## run: install, migrate, load the demo catalogue if empty, start web server and worker
run: $(VENV)/.installed
	$(BIN)/autokauf run

## test: the whole suite on the embedded default (SQLite, local-memory cache)
test: $(VENV)/.installed
	$(BIN)/pytest -n 2

lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports
	$(BIN)/python -m autokauf.manage makemigrations --check --dry-run

bench: $(VENV)/.installed
	$(BIN)/python bench/configurator.py

clean:
	rm -rf $(VENV) var
