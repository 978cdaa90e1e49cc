# IOP Guide. The two commands a newcomer needs:
#   make serve   build and preview on http://127.0.0.1:8000 (live reload)
#   make test    install what the tests need and run them all
# The data flow: content/ -> pelican (+ plugins/) -> theme/ -> output/ -> pagefind index.

PYTHON   ?= python3
VENV     := .venv
BIN      := $(VENV)/bin
PELICAN  := $(BIN)/pelican
OUTPUT   := output
CONF     := pelicanconf.py
PUBCONF  := publishconf.py
HOST     ?= 127.0.0.1
PORT     ?= 8000
# Every build fails on a warning: a broken {filename} link only warns otherwise.
PELICAN_FLAGS := --fatal warnings

.DEFAULT_GOAL := help
.PHONY: help html publish serve clean test test-fast search-index lock chromium node-deps

help:
	@echo "make serve    build and preview the site on http://$(HOST):$(PORT) with live reload"
	@echo "make test     install test tools and run every test"
	@echo "make html     build the site into $(OUTPUT)/"
	@echo "make publish  build for the live site (absolute URLs; set SITEURL=https://...)"
	@echo "make clean    remove $(OUTPUT)/ and caches"

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

# ---- building -------------------------------------------------------------
html: $(VENV)/.build-installed
	$(PELICAN) content -o $(OUTPUT) -s $(CONF) $(PELICAN_FLAGS)
	$(MAKE) --no-print-directory search-index

publish: $(VENV)/.build-installed
	$(PELICAN) content -o $(OUTPUT) -s $(PUBCONF) $(PELICAN_FLAGS)
	$(MAKE) --no-print-directory search-index

search-index:
	$(BIN)/python -m pagefind --site $(OUTPUT) --quiet

serve: html
	@echo "Serving on http://$(HOST):$(PORT) - edits to content/, theme/ and plugins/ rebuild; Ctrl-C stops."
	$(PELICAN) content -o $(OUTPUT) -s $(CONF) --autoreload --listen --bind $(HOST) --port $(PORT)

clean:
	rm -rf $(OUTPUT) __pycache__ .pytest_cache cache test-artifacts

# ---- testing --------------------------------------------------------------
test: $(VENV)/.test-installed chromium
	$(BIN)/python -m pytest

# Regenerate the pinned requirements from the .in files (needs the network).
lock:
	rm -rf /tmp/iopguide-lock && $(PYTHON) -m venv /tmp/iopguide-lock
	/tmp/iopguide-lock/bin/pip install --quiet -r requirements.in
	{ echo "# Pinned build dependencies (generated from requirements.in by 'make lock')."; /tmp/iopguide-lock/bin/pip freeze; } > requirements.txt
	/tmp/iopguide-lock/bin/pip install --quiet -r requirements-test.in
	/tmp/iopguide-lock/bin/pip freeze > /tmp/iopguide-lock/all.txt
	{ echo "# Pinned test dependencies (generated from requirements-test.in by 'make lock')."; echo "-r requirements.txt"; \
	  grep -vxFf requirements.txt /tmp/iopguide-lock/all.txt; } > requirements-test.txt
