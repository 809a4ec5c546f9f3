# Two commands do all the set-up on a fresh machine:
#   make build   creates .venv, installs the project, builds content/ into site/
#   make test    installs the test tools too, then runs the whole test suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: build test serve check clean chromium weight bench bytecode

build: $(VENV)/.installed bytecode
	$(BIN)/offre build

check: $(VENV)/.installed bytecode
	$(BIN)/offre check

serve: $(VENV)/.installed bytecode
	$(BIN)/offre serve

test: $(VENV)/.installed-test chromium bytecode
	$(BIN)/python -m pytest

# The generator is installed in editable mode, so pip does not compile it as it does
# every other package; compiled once here, `offre` starts a third of a second sooner
# (more where PYTHONDONTWRITEBYTECODE is set). Up-to-date files are skipped.
bytecode: $(VENV)/.installed
	@$(BIN)/python -m compileall -q generator bench

# The browser tests drive Debian's Chromium (no browser download): installed here when
# missing and allowed (root, as in CI), otherwise say how.
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else \
	    echo "The browser tests need Chromium: sudo apt-get install chromium"; exit 1; \
	  fi; }

# Build speed and size, side by side with MkDocs alone (several runs, medians).
bench: $(VENV)/.installed-test chromium bytecode
	$(BIN)/python bench/run.py --runs 3 --scales 1,10,100

# Home page weight (and Lighthouse scores where npx can fetch Lighthouse).
weight: build $(VENV)/.installed-test chromium
	$(BIN)/python bench/page_weight.py --site site --lighthouse

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $@

clean:
	rm -rf site .offre
