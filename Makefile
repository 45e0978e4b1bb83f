# Two commands for a newcomer: `make demo` and `make test`. Both create .venv when it is missing.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STORY := claims/apec-trilateral-2023

POLNEAR ?= ../data/polnear
CACHE ?= ../data/cache

.PHONY: demo test install install-test bench eval train attribution clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

install: $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .

install-test: $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[test]"

demo: install
	$(BIN)/claimcheck check $(STORY)
	@echo
	@echo "Reports written to:"
	@ls -1 $(STORY)/report.yaml $(STORY)/report.md $(STORY)/report.json

test: install-test
	$(BIN)/python -m pytest

eval: install-test
	$(BIN)/python -m tests.eval_quotes

# The shipped models (claimcheck/models/*.json) from PolNeAR's training split; see README "Who said it".
train: install
	$(BIN)/python -m bench.train $(POLNEAR) --cache $(CACHE)

# Speaker attribution measured on PolNeAR's dev split (use SPLIT=test once, for the held-out figure).
SPLIT ?= dev
attribution: install
	$(BIN)/python -m bench.attribution $(POLNEAR) --split $(SPLIT) --cache $(CACHE)

bench: install
	$(BIN)/python -m bench.run

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache
