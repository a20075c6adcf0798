# Two commands set everything up on a fresh machine with Python 3.11+:
#   make run    willai in the terminal, or the Discord bot once DISCORD_TOKEN is set (creates
#               .venv and .env, imports ESCO on the first run)
#   make test   run the test suite
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: run test lint install bench clean catalogues

$(BIN)/.installed: pyproject.toml
	@echo "installing willai and its dependencies into $(VENV) (first run only, about a minute)..."
	@start=$$(date +%s); \
	$(PYTHON) -m venv $(VENV) && \
	$(BIN)/python -m pip install --quiet --upgrade pip && \
	$(BIN)/python -m pip install --quiet -e '.[dev]' && \
	touch $@ && \
	echo "installed in $$(( $$(date +%s) - start )) s"

install: $(BIN)/.installed

# The bot token goes in here: readable by its owner only.
.env:
	@install -m 600 .env.example .env
	@echo "created .env from .env.example"

run: install .env
	@$(BIN)/willai run

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
	$(BIN)/python -m benchmarks.bot_burst
	$(BIN)/python -m benchmarks.card_speed
	$(BIN)/python -m benchmarks.api_import

# Translators edit languages/locale/XX/LC_MESSAGES/willai.po; this pulls new messages from the
# code into the template and every catalogue, then compiles the .mo files the bot reads.
LOCALE := languages/locale
catalogues: install
	$(BIN)/pybabel extract --no-location --sort-output -F babel.cfg -k say -k N_ \
		--project willai -o $(LOCALE)/willai.pot scoring languages willai bot
	$(BIN)/pybabel update --no-fuzzy-matching --ignore-obsolete --width 100 -D willai \
		-i $(LOCALE)/willai.pot -d $(LOCALE)
	$(BIN)/pybabel compile --statistics -D willai -d $(LOCALE)

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .bench-cache
