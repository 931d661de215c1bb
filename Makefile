# Repère — the two commands of the README: `make run` and `make test`. Both are idempotent.
PY ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: install run test test-fast eval bench browser screenshots clean

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

## Ingest the shipped corpus (incremental: a no-op when nothing changed) and serve the UI on 127.0.0.1:7860.
## Exit status 3 means "ingested, but some files or rows were skipped" (listed above it): serve anyway.
run: install
	$(BIN)/repere ingest || [ $$? -eq 3 ]
	$(BIN)/repere serve

## The whole test suite, browser tests and the evaluation gate included.
test: install browser
	$(BIN)/python -m pytest

test-fast: install
	$(BIN)/python -m pytest -m "not slow"

eval: install
	$(BIN)/repere ingest || [ $$? -eq 3 ]
	$(BIN)/repere eval --baseline --gate

## Every figure of docs/benchmarks.md, measured by this code on this machine (the 100k directory is built once and
## reused while the code that builds it is unchanged; see bench/run.py). Not run by CI: it takes hours.
bench: install
	$(BIN)/python -m bench.run --synthetic 100000 --write

## Refresh the README's images on purpose (tests otherwise write screenshots to a temporary folder).
screenshots: install browser
	REPERE_SCREENSHOTS=$(CURDIR)/docs/screenshots $(BIN)/python -m pytest tests/ui/test_app.py

## Debian's Chromium drives the browser tests (Playwright never downloads a browser).
browser:
	@command -v chromium >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

clean:
	rm -rf $(VENV) data *.egg-info
