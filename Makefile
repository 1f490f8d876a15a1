# CCEM — developer commands. `make run` and `make test` work on a fresh clone.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
PYENV_ROOT ?= $(HOME)/.pyenv
# Django 6.1 needs Python >= 3.12: take the first suitable interpreter.
PYTHON ?= $(shell for p in python3.13 python3.12 python3 $(PYENV_ROOT)/versions/3.13*/bin/python3 $(PYENV_ROOT)/versions/3.12*/bin/python3; do \
	command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null && { command -v $$p; break; }; done)
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install lock run test test-fast lint format messages compilemessages demo worker bench clean

# Development: runtime + test and lint tools (requirements-dev.lock). The Docker image installs
# requirements.lock only.
$(VENV)/.installed: pyproject.toml requirements-dev.lock
	@if [ -z "$(PYTHON)" ]; then echo "Python >= 3.12 is required (Django 6.1). Install python3.12 or python3.13." >&2; exit 1; fi
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.lock
	touch $@

install: $(VENV)/.installed

# Re-pin the whole tree after changing pyproject.toml (pins already in the lock files are kept;
# add --upgrade-package NAME to move one).
PIP_COMPILE := CUSTOM_COMPILE_COMMAND="make lock" $(VENV)/bin/pip-compile --quiet --strip-extras --no-emit-index-url --no-emit-find-links
lock: install
	$(PIP_COMPILE) --output-file=requirements.lock pyproject.toml
	$(PIP_COMPILE) --extra=dev --output-file=requirements-dev.lock pyproject.toml

compilemessages: install
	$(PY) manage.py compilemessages --ignore=.venv --verbosity 0

messages: install
	$(PY) manage.py makemessages -l fr --ignore=.venv --ignore=staticfiles --no-obsolete --no-location
	$(PY) manage.py makemessages -l fr -d djangojs --ignore=.venv --ignore=staticfiles --ignore=static/vendor --no-obsolete --no-location

demo: install compilemessages
	$(PY) manage.py migrate --noinput
	$(PY) manage.py creer_comptes_demo
	$(PY) manage.py generer_donnees_demo --annees 2015- --echelle 1 --si-vide

# Embedded mode: SQLite, Celery tasks inline, 2FA code 000000 accepted for the local demo only.
run: demo
	DEMO_TOTP_CODE=000000 $(PY) manage.py runserver $(HOST):$(PORT)

test: install compilemessages
	$(PY) -m pytest $(PYTEST_ARGS)

test-fast: install compilemessages
	$(PY) -m pytest -m "not browser and not worker" $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/djlint --lint .
	$(PY) manage.py makemigrations --check --dry-run

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

worker: install
	$(VENV)/bin/celery -A ccem worker --loglevel=INFO

bench: install compilemessages
	$(PY) manage.py bench $(BENCH_ARGS)

clean:
	rm -rf $(VENV) staticfiles db.sqlite3 media
