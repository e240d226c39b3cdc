# The two commands a user needs: `make demo` and `make test`. Both bootstrap .venv on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HASH := $(shell cat pyproject.toml | cksum | cut -d' ' -f1)
STAMP := $(VENV)/.installed-$(HASH)
RUNTIME_STAMP := $(VENV)/.runtime-$(HASH)

.PHONY: demo test lint typecheck layers pytest web-tools bench clean fuzz messages

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# The test toolchain (and the runtime): what `make test` needs.
$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	rm -f $(VENV)/.installed-* $(VENV)/.runtime-*
	touch $(STAMP) $(RUNTIME_STAMP)

# Only the runtime dependencies: what `make demo` needs (nothing more when the toolchain is in).
$(RUNTIME_STAMP): pyproject.toml | $(BIN)/python
	test -f $(STAMP) || $(BIN)/python -m pip install --quiet -e .
	rm -f $(VENV)/.runtime-*
	touch $(RUNTIME_STAMP)

demo: $(RUNTIME_STAMP)
	$(BIN)/nmt-content build .

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)
	$(BIN)/mypy

# The layering contracts in pyproject.toml ([tool.importlinter]).
layers: $(STAMP)
	$(BIN)/lint-imports --no-cache

# The HTML checker, Lighthouse and chromium for the validator and browser tests. Where they cannot
# be installed (no npm, not root), those tests skip and say why; CI requires them.
web-tools:
	@bash scripts/install-web-tools.sh || echo "warning: web tools not installed; their tests will skip"

pytest: $(STAMP) web-tools
	$(BIN)/python -m pytest -q

test: lint typecheck layers pytest

# The theme's words: extract them from the templates and render/ into the .pot (babel.cfg says
# where), then add new messages to every language's .po. Translate the new (empty) entries;
# `make test` fails while one is missing (tests/render/test_i18n_catalogs.py).
LOCALE := src/nmt_content/locale
messages: $(STAMP)
	$(BIN)/pybabel extract -F babel.cfg --no-location --sort-output -w 100 -c TRANSLATORS: \
		--project=nmt-content --copyright-holder="nmt-content contributors" -o $(LOCALE)/messages.pot .
	$(BIN)/pybabel update -i $(LOCALE)/messages.pot -d $(LOCALE) -w 100 --no-fuzzy-matching --ignore-obsolete

# Only the property tests, 10,000 examples each (the `fuzz` profile in tests/conftest.py); minutes.
fuzz: $(STAMP)
	HYPOTHESIS_PROFILE=fuzz $(BIN)/python -m pytest -q -m property --durations=10

# Speed and memory against Hugo, side by side (not part of `make test`; takes minutes).
BENCH := benchmarks/.venv
bench:
	test -x $(BENCH)/bin/python || $(PYTHON) -m venv $(BENCH)
	$(BENCH)/bin/python -m pip install --quiet -e . -r benchmarks/requirements.txt
	cd benchmarks && ../$(BENCH)/bin/python run.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) _site .pytest_cache .mypy_cache .ruff_cache
