# Two commands for a newcomer: `make demo` and `make test`. Both create .venv when it is missing.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STORY := claims/apec-trilateral-2023

POLNEAR ?= ../data/polnear
CACHE ?= ../data/cache
SSA ?= ../data/ssa
ABP ?= ../data/abp/data/jsons

.PHONY: demo test install install-test check-python bench eval train crossval attribution screenshot clean

# Python 3.11+ first, with a clear message; a venv made by an older Python is replaced, not reused.
check-python:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { \
	  echo "claimcheck needs Python 3.11 or newer; '$(PYTHON)' is $$($(PYTHON) --version 2>&1)." \
	       "Run make with PYTHON=python3.11 (or newer)." >&2; exit 2; }
	@if [ -x $(BIN)/python ] && ! $(BIN)/python -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then \
	  echo "replacing $(VENV): it was made by an older or broken Python" >&2; rm -rf $(VENV); fi

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Stamp files: reinstall when pyproject.toml changes (or an install failed half way), not on every make.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $@ $(VENV)/.installed

install: check-python
	@$(MAKE) --no-print-directory $(VENV)/.installed

install-test: check-python
	@$(MAKE) --no-print-directory $(VENV)/.installed-test

demo: install
	$(BIN)/claimcheck check $(STORY)
	@echo
	@echo "Reports written to:"
	@ls -1 $(STORY)/report.yaml $(STORY)/report.md $(STORY)/report.json $(STORY)/report.html
	@echo
	@echo "claimcheck is installed in $(VENV), not on your PATH: run it as $(BIN)/claimcheck"
	@echo "(or 'source $(BIN)/activate' first, then just 'claimcheck'), e.g. $(BIN)/claimcheck check $(STORY)"

test: install-test
	$(BIN)/python -m pytest

eval: install-test
	$(BIN)/python -m tests.eval_quotes

# The shipped models (claimcheck/models/*.json) from PolNeAR's training split; see README "Who said it".
# The speaker ranker reads the tagger and name models, so it is trained after them.
# The given-name genders come from the SSA's national baby-name files (yob*.txt) in $(SSA), the nouns that name
# speakers from AllSides' Article-Bias-Prediction pages (data/jsons) in $(ABP).
train: install
	$(BIN)/python -m bench.first_names $(SSA)
	$(BIN)/python -m bench.speaker_heads $(ABP)
	$(BIN)/python -m bench.train $(POLNEAR) --cache $(CACHE)
	$(BIN)/python -m bench.train_speakers $(POLNEAR) --cache $(CACHE)

# Five-fold cross-validation of the speaker ranker on train (writes nothing): the figure to tune by.
crossval: install
	$(BIN)/python -m bench.train_speakers $(POLNEAR) --cache $(CACHE) --cv 5

# Speaker attribution measured on PolNeAR's dev split (use SPLIT=test once, for the held-out figure).
SPLIT ?= dev
attribution: install
	$(BIN)/python -m bench.attribution $(POLNEAR) --split $(SPLIT) --cache $(CACHE)

# The README's picture of report.html (needs chromium and chromium-driver from Debian).
screenshot: install-test
	$(BIN)/python -m tests.screenshot docs/report-html.png

bench: install
	$(BIN)/python -m bench.run

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache
