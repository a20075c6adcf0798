# Two commands set everything up on a fresh machine with Python 3.11+:
#   make run    start the bot (creates .venv, copies .env.example to .env, imports ESCO on first run)
#   make test   run the test suite
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: run test lint install bench clean

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

install: $(BIN)/.installed

.env:
	cp .env.example .env

run: install .env
	$(BIN)/willai run

test: install
	$(BIN)/python -m pytest

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

bench: install
	$(BIN)/python benchmarks/import.py
	$(BIN)/python -m benchmarks.score_speed
	$(BIN)/python -m benchmarks.validate_scores
	$(BIN)/python -m benchmarks.match_quality
	$(BIN)/python -m benchmarks.match_speed
	$(BIN)/python -m benchmarks.bot_latency
	$(BIN)/python -m benchmarks.api_import

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .bench-cache
