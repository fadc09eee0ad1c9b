# LegLog. On a fresh machine: `make run` (start the app) and `make test` (what CI runs).
SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
# The PostgreSQL pass of `make test`; pytest-django creates and drops test_<name>.
PG_URL ?= postgres://postgres@127.0.0.1:5432/leglog
PYTEST_WORKERS ?= 2
PYTEST_ARGS ?=
RESULTS := var/test-results

export PIP_DISABLE_PIP_VERSION_CHECK := 1
export PIP_NO_INPUT := 1
# pip warns about configured package locations that this machine lacks; the noise hides real errors.
PIP_QUIET := 2>&1 | { grep -v -E "^WARNING: Location .* is ignored" || true; }

.PHONY: help run test lint fmt typecheck migrations-check bench deps dev-deps translations \
	node-deps var-dirs services test-sqlite test-postgres superuser clean figures load

help:
	@echo "make run               install, migrate and start web + Celery worker + beat on http://127.0.0.1:$(PORT)/"
	@echo "make test              install what tests need, lint, check migrations, run the suite on SQLite and PostgreSQL"
	@echo "make lint | fmt        ruff check + format check + import contract | apply ruff's fixes and formatting"
	@echo "make typecheck         mypy with django-stubs"
	@echo "make migrations-check  fail when a model change has no migration"
	@echo "make bench             benchmarks as ratios against a floor measured in the same run"
	@echo "make load              2 minutes of locust traffic on 127.0.0.1 with a worker killed and Redis paused"
	@echo "make figures           the trust figures (security, canary, broker down, worker kill, duplicates, SMTP)"

# --- Installation ---------------------------------------------------------------------------

$(PY):
	$(PYTHON) -m venv $(VENV)

$(VENV)/.deps: requirements.txt | $(PY)
	$(PY) -m pip install -q -r requirements.txt $(PIP_QUIET)
	@touch $@

$(VENV)/.dev-deps: requirements.txt requirements-dev.txt | $(PY)
	$(PY) -m pip install -q -r requirements-dev.txt $(PIP_QUIET)
	@touch $@ $(VENV)/.deps

deps: $(VENV)/.deps

# axe-core for the browser tests' accessibility checks (package.json pins it; the app never
# serves it). Installed when node is present; without it those checks are skipped.
node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error

node-deps:
	@if command -v npm >/dev/null; then $(MAKE) --no-print-directory node_modules/.package-lock.json; \
	else echo "npm not found: the axe-core checks of the browser tests will be skipped"; fi

dev-deps: $(VENV)/.dev-deps

translations: deps
	$(PY) manage.py compiletranslations

# kombu's filesystem broker (the default without REDIS_URL) needs its folders to exist.
var-dirs:
	@mkdir -p var/broker/queue var/broker/processed var/mail var/media var/static $(RESULTS)

# --- Running --------------------------------------------------------------------------------

# SITE_URL (the address in email links) follows PORT unless set: honcho gives each process
# its own PORT (the worker's is not the web's), so it is fixed here for all three.
run: deps translations var-dirs
	$(PY) manage.py migrate --noinput
	$(PY) manage.py collectstatic --noinput -v 0
	@echo
	@echo "  LegLog:  http://127.0.0.1:$(PORT)/   (API docs: http://127.0.0.1:$(PORT)/api/v1/docs/, admin: /admin/)"
	@if [ -n "$${EMAIL_URL:-}" ]; then echo "  Emails:  sent through EMAIL_URL"; \
	else echo "  Emails:  written as files to $(CURDIR)/var/mail/"; fi
	@echo "  Database: $${DATABASE_URL:-SQLite, var/leglog.sqlite3}   Broker: $${REDIS_URL:-files under var/broker/}" \
		| sed -E 's#//[^/@ ]*@#//***@#g'  # no passwords on the screen
	@echo "  An admin account: $(PY) manage.py createsuperuser.  Stop with Ctrl-C."
	@echo
	SITE_URL="$${SITE_URL:-http://127.0.0.1:$(PORT)}" PATH="$(CURDIR)/$(VENV)/bin:$$PATH" \
		$(VENV)/bin/honcho --procfile Procfile start --port $(PORT)

superuser: deps
	$(PY) manage.py createsuperuser

# --- Checks ---------------------------------------------------------------------------------

lint: dev-deps
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports --no-cache

fmt: dev-deps
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

typecheck: dev-deps
	$(VENV)/bin/mypy .

migrations-check: deps
	DJANGO_SETTINGS_MODULE=config.settings.test $(PY) manage.py makemigrations --check --dry-run

services:
	.ci/services

# Integration tests run a real worker on Redis and browser tests a real Chromium: on PostgreSQL
# only, like production. The PostgreSQL pass also runs the long API contract (schemathesis with
# its coverage phase: about 3,000 cases; the SQLite pass keeps the short one). Integration tests run serially so that two workers never share a queue.
test-sqlite: dev-deps var-dirs
	DATABASE_URL="sqlite:///$(CURDIR)/var/test.sqlite3" $(PY) -m pytest -q -n $(PYTEST_WORKERS) \
		-m "not integration and not browser" -o junit_family=xunit1 --junitxml=$(RESULTS)/sqlite.xml $(PYTEST_ARGS)

test-postgres: dev-deps var-dirs
	status=0; \
	DATABASE_URL="$(PG_URL)" SCHEMATHESIS_COVERAGE=1 SCHEMATHESIS_MAX_EXAMPLES=25 \
		$(PY) -m pytest -q -n $(PYTEST_WORKERS) \
		-m "not integration" -o junit_family=xunit1 --junitxml=$(RESULTS)/postgresql.xml $(PYTEST_ARGS) || status=$$?; \
	DATABASE_URL="$(PG_URL)" $(PY) -m pytest -q -p no:xdist -m integration \
		-o junit_family=xunit1 --junitxml=$(RESULTS)/postgresql-integration.xml $(PYTEST_ARGS) || [ $$? -eq 5 ] || status=1; \
	exit $$status

test: var-dirs
	@rm -f $(RESULTS)/*.xml $(RESULTS)/phases.txt
	@.ci/timed "python packages" $(MAKE) --no-print-directory dev-deps
	@.ci/timed "system packages and services" .ci/services
	@.ci/timed "node packages" $(MAKE) --no-print-directory node-deps
	@.ci/timed "translations" $(MAKE) --no-print-directory translations
	@.ci/timed "lint" $(MAKE) --no-print-directory lint
	@.ci/timed "typecheck" $(MAKE) --no-print-directory typecheck
	@.ci/timed "migrations check" $(MAKE) --no-print-directory migrations-check
	@status=0; \
	.ci/timed "pytest on SQLite" $(MAKE) --no-print-directory test-sqlite || status=1; \
	.ci/timed "pytest on PostgreSQL" $(MAKE) --no-print-directory test-postgres || status=1; \
	echo; echo "== Phases"; cat $(RESULTS)/phases.txt; \
	echo "== Results"; \
	$(PY) .ci/summary.py SQLite $(RESULTS)/sqlite.xml; \
	$(PY) .ci/summary.py PostgreSQL $(RESULTS)/postgresql.xml $(RESULTS)/postgresql-integration.xml; \
	exit $$status

# The trust figures: part of `make test` too; here alone, each printed as a FIGURE line.
figures: dev-deps var-dirs translations
	$(PY) -m pytest tests/security -q -p no:cacheprovider
	DATABASE_URL="$(PG_URL)" $(PY) -m pytest -q -p no:cacheprovider -p no:xdist \
		tests/integration/test_canary_redis.py tests/integration/test_broker_down_figure.py \
		tests/integration/test_worker_killed.py tests/integration/test_duplicates.py \
		tests/integration/test_smtp_retries.py

# --- Benchmarks -----------------------------------------------------------------------------

# The HTTP rows drive gunicorn with wrk and the Celery rows run a private redis-server:
# Debian's packages, installed here when missing (as root).
bench: deps translations var-dirs
	@command -v wrk >/dev/null && command -v redis-server >/dev/null || \
		{ [ "$$(id -u)" -eq 0 ] && apt-get update -qq && apt-get install -y -qq wrk redis-server >/dev/null; } || \
		echo "wrk or redis-server missing: those rows will say so"
	$(PY) -m bench

# Not part of `make test`: a bounded load run with faults (bench/load.py), loopback only.
load: dev-deps translations var-dirs
	$(PY) -m bench.load

clean:
	rm -rf var/static var/test-results var/bench* .pytest_cache .mypy_cache
