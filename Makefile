# IOP Guide. The two commands a newcomer needs:
#   make serve   build and preview on http://127.0.0.1:8000 (live reload)
#   make test    install what the tests need and run them all
# The data flow: content/ -> pelican (+ iopguide/, the site's one package) -> theme/ -> output/ -> pagefind index.

PYTHON   ?= python3
VENV     := .venv
BIN      := $(VENV)/bin
PELICAN  := $(BIN)/pelican
OUTPUT   := output
CONF     := pelicanconf.py
PUBCONF  := publishconf.py
HOST     ?= 127.0.0.1
PORT     ?= 8000
CMS_PORT ?= 8100
# Builds see the preview's port: pelicanconf.py's SITE_ORIGIN follows it.
export PORT
# Python keeps compiled modules in __pycache__/ (ignored by git) even where the
# environment says not to: the tests start about a hundred Python processes, and
# each one compiled the site's code and pytest rewrote every test module again
# (test collection 3.9 s -> 1.8 s per process).
unexport PYTHONDONTWRITEBYTECODE
# Every build fails on a warning: a broken {filename} link only warns otherwise.
PELICAN_FLAGS := --fatal warnings

.DEFAULT_GOAL := help
.PHONY: help html publish serve clean test test-fast test-personas search-index lock chromium node-deps bench check newpage docs lint cms cms-build cms-deps

help:
	@echo "make serve    build and preview the site on http://$(HOST):$(PORT) with live reload"
	@echo "make test     install test tools and run every test"
	@echo "make test-fast  the quick tier: lint, units, the site built once, make check once, JS (no browser)"
	@echo "make html     build the site into $(OUTPUT)/"
	@echo "make publish  build for the live site (absolute URLs; set SITEURL=https://...)"
	@echo "make clean    remove $(OUTPUT)/ and caches"
	@echo "make bench    page weight, Lighthouse and build times into bench/results.md (slow)"
	@echo "make check    check every page and data file; a report of what to fix (docs/editing.md)"
	@echo "make newpage TITLE=\"How long does IOP last?\"   start a new page"
	@echo "make docs     regenerate docs/data-reference.md, docs/spanish-terms.md and cms/config.json"
	@echo "make cms      the page editor in the browser, on this clone: http://$(HOST):$(CMS_PORT) (docs/editing.md)"

# ---- set-up (re-runs only when a requirements file changes) -------------
$(VENV)/.build-installed: requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.test-installed: requirements-test.txt $(VENV)/.build-installed
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-test.txt
	touch $@

chromium: $(VENV)/.test-installed
	@bash scripts/ensure-chromium.sh $(BIN)/python

# Node tools for the tests (the Nu HTML Checker, and axe-core for the browser
# tests), pinned in package-lock.json.
# --ignore-scripts: vnu-jar's install script would download a Java; Java 17 is
# already needed and present.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts
	touch $@

node-deps: node_modules/.installed

# ---- building -------------------------------------------------------------
# iopguide/build.py builds into a new folder and swaps it in only when the build
# (and the search index) succeed, so a failed build leaves $(OUTPUT)/ as it was.
# Every warning stops it (like pelican --fatal warnings), with a plain message
# naming the file and line; DEBUG=1 adds Python's traceback.
html: $(VENV)/.build-installed
	@$(BIN)/python -m iopguide.build --output $(OUTPUT) --settings $(CONF)

publish: $(VENV)/.build-installed
	@$(BIN)/python -m iopguide.build --publish --output $(OUTPUT) --settings $(PUBCONF)

search-index:
	$(BIN)/python -m pagefind --site $(OUTPUT) --quiet

# Live preview: rebuilds (with --fatal warnings) on every save to content/, theme/,
# iopguide/ or the settings; open pages reload by themselves; a failed rebuild is shown
# on every page (and in the terminal) over the last good version. PORT=8001 for
# another port. See iopguide/preview.py for why not pelican --autoreload.
serve: $(VENV)/.build-installed
	$(BIN)/python -m iopguide.preview --output $(OUTPUT) --settings $(CONF) --host $(HOST) --port $(PORT)

# ---- editing ----------------------------------------------------------------
# Content checks before committing: one report, exit 1 on errors (warnings are fine).
# CHECK_TODAY=YYYY-MM-DD pins the date review dates are compared with.
check: $(VENV)/.test-installed
	$(BIN)/python -m checks

newpage: $(VENV)/.build-installed
	@$(BIN)/python scripts/newpage.py "$(TITLE)"

docs: $(VENV)/.build-installed
	$(BIN)/python -m iopguide.continuum.reference --write docs/data-reference.md
	$(BIN)/python scripts/spanish_terms_doc.py --write docs/spanish-terms.md
	$(BIN)/python -m iopguide.cms.config --write cms/config.json

# ---- the page editor (cms/; never part of output/) -----------------------------
# Sveltia CMS and its fonts, pinned in cms/package-lock.json, self-hosted.
cms/node_modules/.installed: cms/package.json cms/package-lock.json
	cd cms && npm ci --no-audit --no-fund --ignore-scripts
	touch $@

cms-deps: cms/node_modules/.installed

# CMS_REPO=owner/name CMS_AUTH_URL=https://... for the deployed editor (docs/editing.md).
cms-build: $(VENV)/.build-installed cms/node_modules/.installed
	@$(BIN)/python -m iopguide.cms.build --out cms/build $(if $(CMS_REPO),--repo $(CMS_REPO)) $(if $(CMS_AUTH_URL),--auth-url $(CMS_AUTH_URL))

# The editor on this clone: open the address in Chrome or Edge, choose "Work with
# Local Repository" and pick this folder. Saved pages are written here.
cms: cms-build
	@echo "Page editor: open http://$(HOST):$(CMS_PORT)/ in Chrome or Edge, choose 'Work with Local Repository'"
	@echo "and pick this folder: $(CURDIR). Press Ctrl-C to stop."
	@$(BIN)/python -m iopguide.serve cms/build --host $(HOST) --port $(CMS_PORT)

clean:
	rm -rf $(OUTPUT) __pycache__ .pytest_cache cache test-artifacts cms/build

# ---- testing --------------------------------------------------------------
# ruff first (rules in ruff.toml): a lint error stops before the slow tests.
# make test: everything (what CI runs). make test-fast: the quick tier, for
# every edit: units, every bad-input rule in process, the site built once,
# make check once and the JavaScript tests; no browser, no end-to-end copies
# (the tests marked slow or browser; see pytest.ini).
test: $(VENV)/.test-installed chromium node_modules/.installed cms/node_modules/.installed
	$(BIN)/ruff check .
	$(BIN)/python -m pytest

# The browser folder is not even collected, and Playwright's pytest plugins are
# not loaded: every test there is a browser test (about 0.4 s less per process).
test-fast: $(VENV)/.test-installed
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -m "not slow and not browser" --ignore=tests/browser -p no:playwright -p no:base_url
# Every persona in tests/personas.yaml through the live self-check by keyboard,
# in English and Spanish (make test walks a handful; the engines check them all).
test-personas: $(VENV)/.test-installed chromium node_modules/.installed
	PERSONAS=all $(BIN)/python -m pytest -n 2 tests/browser/test_personas.py

lint: $(VENV)/.test-installed
	$(BIN)/ruff check .

# ---- benchmark (not part of the tests; writes bench/results.md) ----------
# Page weight, Lighthouse 12 (bench/package-lock.json, installed here only, so
# `make test` stays lean) and build times. Scratch files go to bench/work/.
bench/node_modules/.installed: bench/package.json bench/package-lock.json
	cd bench && npm ci --no-audit --no-fund --ignore-scripts
	touch $@

bench: $(VENV)/.test-installed chromium bench/node_modules/.installed
	$(BIN)/python -m bench.bench

# Regenerate the pinned requirements from the .in files (needs the network).
lock:
	rm -rf /tmp/iopguide-lock && $(PYTHON) -m venv /tmp/iopguide-lock
	/tmp/iopguide-lock/bin/pip install --quiet -r requirements.in
	{ echo "# Pinned build dependencies (generated from requirements.in by 'make lock')."; /tmp/iopguide-lock/bin/pip freeze; } > requirements.txt
	/tmp/iopguide-lock/bin/pip install --quiet -r requirements-test.in
	/tmp/iopguide-lock/bin/pip freeze > /tmp/iopguide-lock/all.txt
	{ echo "# Pinned test dependencies (generated from requirements-test.in by 'make lock')."; echo "-r requirements.txt"; \
	  grep -vxFf requirements.txt /tmp/iopguide-lock/all.txt; } > requirements-test.txt
