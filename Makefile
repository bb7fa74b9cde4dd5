# Community safety platform. `make run` to start, `make test` to test. `make help` lists targets.
SHELL := /bin/bash
.DEFAULT_GOAL := help
VENV ?= .venv
PY := $(VENV)/bin/python
PYENV_312 := $(firstword $(wildcard $(HOME)/.pyenv/versions/3.12*/bin/python3))
PYTHON_312 ?= $(or $(PYENV_312),$(shell command -v python3.12 || command -v python3))
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-14s %s\n", $$1, $$2}'

$(VENV)/.installed: requirements.txt requirements-dev.txt .python-version
	@$(PYTHON_312) -c 'import sys; assert sys.version_info >= (3, 12), "Python 3.12+ is needed"' \
	  || { echo "Python 3.12 or newer is required (see .python-version)"; exit 1; }
	$(PYTHON_312) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet --require-hashes -r requirements.txt -r requirements-dev.txt
	touch $@

venv: $(VENV)/.installed ## Create the virtual environment with pinned requirements

chromium: ## Install Debian's Chromium for browser tests when it is missing
	@command -v chromium >/dev/null || (apt-get update -qq && apt-get install -y -qq chromium >/dev/null)

migrate: venv ## Apply database migrations
	$(MANAGE) migrate --no-input

demo: migrate ## Load the demo data (idempotent)
	$(MANAGE) load_demo_data

run: demo ## Set up everything, load demo data and serve on http://127.0.0.1:8000/ with a task worker
	@echo "Starting the task worker and the site on http://$(HOST):$(PORT)/ (admin at /admin/)"
	@trap 'kill 0' EXIT INT TERM; \
	  $(MANAGE) db_worker --queue-name '*' & \
	  $(MANAGE) runserver $(HOST):$(PORT)

SERVE_DB ?= community_safety_prod
SERVE_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/$(SERVE_DB)
SERVE_REDIS_URL ?= redis://127.0.0.1:6379/1

serve: venv ## Production settings locally (PostgreSQL + Redis): migrate, demo data, collectstatic, gunicorn + worker + scheduler
	@export DJANGO_SETTINGS_MODULE=communitysafety.settings.production \
	  DATABASE_URL='$(SERVE_DATABASE_URL)' REDIS_URL='$(SERVE_REDIS_URL)' \
	  SECRET_KEY="$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(50))')" \
	  ALLOWED_HOSTS=127.0.0.1,localhost WAGTAILADMIN_BASE_URL=http://$(HOST):$(PORT) \
	  SECURE_SSL_REDIRECT=false DEMO_DATA_ALLOWED=true PORT=$(PORT); \
	  createdb -h 127.0.0.1 -U postgres $(SERVE_DB) 2>/dev/null || true; \
	  $(MANAGE) migrate --no-input && $(MANAGE) load_demo_data && \
	  $(MANAGE) collectstatic --no-input -v 0 || exit 1; \
	  echo "Serving production settings on http://$(HOST):$(PORT)/ (gunicorn + db_worker + run_scheduler)"; \
	  trap 'kill 0' EXIT INT TERM; \
	  $(MANAGE) db_worker --queue-name '*' & \
	  $(MANAGE) run_scheduler & \
	  $(VENV)/bin/gunicorn --config gunicorn.conf.py --bind $(HOST):$(PORT) communitysafety.wsgi

smoke-production: venv ## Smoke-test the production profile (fresh PostgreSQL database, gunicorn, pages, static, admin)
	$(PY) bin/smoke-production

check-html: venv ## The W3C Nu HTML checker over the demo site's public pages and form error states (needs Java)
	@test -d node_modules/vnu-jar || npm ci --no-audit --no-fund
	$(PY) bin/check-html

lint: venv ## Ruff lint and format check, dead code (vulture), and the import contracts (.importlinter)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/vulture
	$(VENV)/bin/lint-imports --no-cache

checks: venv ## Django system checks, migrations check, the production deploy check and collectstatic
	$(MANAGE) check --fail-level WARNING
	$(MANAGE) makemigrations --check --dry-run
	SECRET_KEY=check-deploy-$$(date +%s)-a-long-random-enough-value-for-the-check-only \
	ALLOWED_HOSTS=safety.example.org WAGTAILADMIN_BASE_URL=https://safety.example.org \
	DATABASE_URL=postgres://postgres@127.0.0.1:5432/test REDIS_URL=redis://127.0.0.1:6379/1 \
	DJANGO_SETTINGS_MODULE=communitysafety.settings.production \
	  $(PY) manage.py check --deploy --fail-level WARNING
	@echo "collectstatic under production settings (the manifest must build, or every page is a 500)"
	SECRET_KEY=check-static-$$(date +%s)-a-long-random-enough-value-for-the-check-only \
	ALLOWED_HOSTS=safety.example.org WAGTAILADMIN_BASE_URL=https://safety.example.org \
	DATABASE_URL=postgres://postgres@127.0.0.1:5432/test REDIS_URL=redis://127.0.0.1:6379/1 \
	DJANGO_SETTINGS_MODULE=communitysafety.settings.production \
	  $(PY) manage.py collectstatic --no-input --clear -v0

# Two xdist workers (the CI machine has 2 cores), scheduled by tests/conftest.py: collection
# order on each worker (transactional tests after the rest), and a module that binds a fixed
# port, or all the browser tests, on one worker. PYTEST_WORKERS=0 runs in one process.
PYTEST_WORKERS ?= 2
PYTEST_XDIST := $(if $(filter 0,$(PYTEST_WORKERS)),-p no:xdist,-n $(PYTEST_WORKERS))

pytest: venv chromium ## Run the pytest suite (PYTEST_ARGS to pass options, PYTEST_WORKERS=0 for one process)
	@$(VENV)/bin/pytest $(PYTEST_XDIST) $(PYTEST_ARGS); rc=$$?; \
	  if [ $$rc -eq 5 ]; then echo "pytest collected no tests: failing"; exit 1; fi; exit $$rc

check-api: venv ## Schemathesis over the whole API on the demo data: anonymous, staff session, partner token (bin/check-api)
	$(PY) bin/check-api

test: lint checks pytest ## Run everything CI runs: lint, checks and the whole test suite

assets: ## Rebuild vendored front-end assets from npm (output is committed)
	bin/build-assets

requirements: venv ## Re-pin requirements.txt (runtime) and requirements-dev.txt (tests, tools) with hashes
	$(VENV)/bin/pip install --quiet pip-tools
	$(VENV)/bin/pip-compile --quiet --generate-hashes --strip-extras --allow-unsafe -o requirements.txt requirements.in
	$(VENV)/bin/pip-compile --quiet --generate-hashes --strip-extras --allow-unsafe -o requirements-dev.txt requirements-dev.in

.PHONY: help venv chromium migrate demo run serve smoke-production check-api check-html lint checks pytest test assets requirements
