# Two commands do all the set-up on a fresh machine:
#   make build   creates .venv, installs the project, builds content/ into site/
#   make test    installs the test tools too, then runs the whole test suite
# Every package comes at the version (and with the hash) written in requirements.lock
# (requirements-test.lock for the tests): a build next year installs the same tree.
# `make lock` resolves pyproject.toml's ranges again, to the newest versions, and
# rewrites both files: review the change, run `make test`, commit.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

LOCK := requirements.lock
TEST_LOCK := requirements-test.lock
PIP := $(BIN)/python -m pip install --quiet --disable-pip-version-check
PIP_TOOLS := pip-tools==7.6.2
COMPILE := $(BIN)/pip-compile --quiet --upgrade --generate-hashes --allow-unsafe --strip-extras \
	--all-build-deps --no-emit-index-url --no-emit-find-links

VNU := tools/vnu/node_modules/vnu-jar/build/dist/vnu.jar  # the Nu Html Checker (see $(VNU) below)

.PHONY: build test lint serve check venv clean chromium java weight bench bench-history bytecode lock brochures editor editor-images npm

# Any content folder: make build CONTENT=my-offer (and check, serve). Default: content/.
# FORMAT=gitlab or FORMAT=github: offre check's messages for a pipeline (see `offre pipelines`).
CONTENT ?= content
OUTPUT ?= site
PORT ?= 8000
FORMAT ?=

build: $(VENV)/.installed bytecode
	$(BIN)/offre build --content $(CONTENT) --output $(OUTPUT)

check: $(VENV)/.installed bytecode
	$(BIN)/offre check --content $(CONTENT)$(if $(FORMAT), --format $(FORMAT))

# Only the installation (.venv from the lock file): the pipelines' first step, so that the
# next one prints nothing but what offre says.
venv: $(VENV)/.installed bytecode

# make serve PORT=8080: another port when 8000 is taken.
serve: $(VENV)/.installed bytecode
	$(BIN)/offre serve --content $(CONTENT) --port $(PORT)

# The suite over every core, with one worker more than cores (pytest-xdist, WORKERS=n to
# choose): many tests wait (for a browser, a preview, a build they started), and with one
# worker per core the cores stood idle a fifth of the time; the extra worker runs meanwhile
# (measured on 2 cores: 5 min 3 s to 5 min 52 s with 3 workers; with 2, 6 min 34 s to 7 min 36 s before
# the print process's late import of WeasyPrint). With 4, 5 min 25 s to 5 min 32 s: no
# faster. The shared sites are
# built once for all workers, side by side (tests/conftest.py), a module's cases stay on one
# worker (their module fixtures are made once). (--dist loadgroup was tried: with this
# pytest and xdist its groups are not kept together, and module fixtures were made on both
# workers.) Modules are handed out in the collection's order, which puts the longest first
# (LONGEST_FIRST in tests/conftest.py), not by their number of tests (xdist's default: the
# editor's six browser tests, a minute and a half, came last, and the other worker waited
# for them).
# The fast part alone: $(BIN)/python -m pytest -m "not slow and not browser".
WORKERS ?= $(shell echo $$(( $$(nproc 2>/dev/null || echo 1) + 1 )))

test: lint $(VENV)/.installed-test chromium java $(VNU) bytecode
	$(BIN)/python -m pytest -n $(WORKERS) --dist loadscope --no-loadscope-reorder

# What ships, checked before the tests: ruff and mypy (pyproject's [tool.ruff], [tool.mypy]).
lint: $(VENV)/.installed-test
	$(BIN)/ruff check generator
	$(BIN)/mypy

# The Nu Html Checker (the W3C validator's engine) checks every built page in the tests
# (tests/test_conformance.py). It comes from the npm registry, at the version in
# tools/vnu/package-lock.json, into tools/vnu/node_modules (never global); it is a Java
# program: Debian's Java, installed when missing and allowed (root, as in CI).
$(VNU): tools/vnu/package.json tools/vnu/package-lock.json
	@$(MAKE) --no-print-directory npm
	cd tools/vnu && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	touch $@

java:
	@command -v java >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless >/dev/null; \
	  else \
	    echo "The HTML check needs Java: sudo apt-get install default-jre-headless"; exit 1; \
	  fi; }

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

# What a cold `offre check` costs on a heavy Git history, and with a git that hangs.
bench-history: $(VENV)/.installed-test bytecode
	$(BIN)/python bench/history.py --runs 3

# How the brochures were typeset (body size, spacing, each panel's fill, the plan), and
# the README's renderings of their pages (guide/images/).
brochures: $(VENV)/.installed-test bytecode
	$(BIN)/python bench/brochures.py --images guide/images --dpi 60 \
	  --only laurentides-fr-print,laurentides-fr-office-1,outaouais-en-office-2

# What a phone downloads for the home page (budget 120 KB), and Lighthouse's four
# scores (mobile) for the home, a service, the contact and the request forms' pages in both languages, for
# both shipped content sets. Lighthouse comes from the npm registry, at the version in
# tools/lighthouse/package-lock.json, into tools/lighthouse/node_modules (never global).
LIGHTHOUSE := tools/lighthouse/node_modules/.bin/lighthouse
WEIGHT_EXAMPLE := .offre/weight/outaouais

weight: build $(VENV)/.installed-test chromium $(LIGHTHOUSE)
	$(BIN)/offre build --content examples/outaouais/content --output $(WEIGHT_EXAMPLE)
	$(BIN)/python bench/page_weight.py --site $(OUTPUT) --site $(WEIGHT_EXAMPLE) --lighthouse --runs $(RUNS)

RUNS ?= 1

$(LIGHTHOUSE): tools/lighthouse/package.json tools/lighthouse/package-lock.json
	@$(MAKE) --no-print-directory npm
	cd tools/lighthouse && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	touch $@

# The guide's pictures of the browser editor (guide/images/editor-*.png), in both languages.
editor-images: $(VENV)/.installed-test chromium bytecode
	$(BIN)/python -m bench.editor_images --images guide/images

# The browser editor (Sveltia CMS and the fonts it shows) is shipped in
# generator/editor/vendor/, so that the team needs Python only. To move to another
# version: change tools/cms/package.json, then `make editor` (npm, at the versions of
# tools/cms/package-lock.json; never global), run `make test` and commit both folders.
editor:
	@$(MAKE) --no-print-directory npm
	cd tools/cms && npm install --no-audit --no-fund --ignore-scripts --loglevel=error
	$(PYTHON) tools/cms/vendor.py

# Node.js and npm, for Lighthouse and the editor's files (Debian's, as root).
npm:
	@command -v npm >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null; \
	  else \
	    echo "This needs Node.js and npm: sudo apt-get install nodejs npm"; exit 1; \
	  fi; }

# The locked tree first (hashes checked), then the project itself, built with the
# locked setuptools (no isolated build environment, which would fetch the newest).
$(VENV)/.installed: pyproject.toml $(LOCK)
	$(PYTHON) -m venv $(VENV)
	$(PIP) --require-hashes --no-deps -r $(LOCK)
	$(PIP) --no-deps --no-build-isolation -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed $(TEST_LOCK)
	$(PIP) --require-hashes --no-deps -r $(TEST_LOCK)
	touch $@

# Refresh the lock files: the newest versions pyproject.toml allows. The test lock is
# resolved first, and the build's lock within it, so both agree on every version.
lock: $(VENV)/.installed
	$(PIP) $(PIP_TOOLS)
	$(COMPILE) --extra test -o $(TEST_LOCK) pyproject.toml
	$(COMPILE) --constraint $(TEST_LOCK) -o $(LOCK) pyproject.toml

clean:
	rm -rf site .offre
