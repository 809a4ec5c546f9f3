# Two commands do all the set-up on a fresh machine:
#   make build   creates .venv, installs the project, builds content/ into site/
#   make test    installs the test tools too, then runs the whole test suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: build test serve check clean

build: $(VENV)/.installed
	$(BIN)/offre build

check: $(VENV)/.installed
	$(BIN)/offre check

serve: $(VENV)/.installed
	$(BIN)/offre serve

test: $(VENV)/.installed-test
	$(BIN)/python -m pytest

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $@

clean:
	rm -rf site .offre
