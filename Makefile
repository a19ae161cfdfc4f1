# Cổng Trường. Two commands: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.13 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
# Login slips, e-mails and canonical links print SITE_URL: follow PORT unless set.
SITE_URL ?= http://127.0.0.1:$(PORT)
export SITE_URL
STAMP := $(VENV)/.installed

.PHONY: run test install serve worker lint format messages check-messages browser-test clean typecheck bench

$(STAMP): requirements.txt requirements-dev.txt package.json package-lock.json
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else "Python >= 3.12 is required")'
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	npm ci --no-audit --no-fund --loglevel=error
	touch $(STAMP)

install: $(STAMP)

# Set up from nothing, seed the demo school on an empty database, start the
# e-mail worker in the background and serve on 127.0.0.1:$(PORT). The worker runs
# without its autoreloader (on by default with DEBUG): a reloading parent and its
# child both wrote every task's log line, so each task appeared twice.
# The demo runs with DEMO=1 (portal/settings.py): DEBUG off, so visitors see the
# portal's own error pages, plain HTTP on the loopback address.
run: export DEMO := 1
run: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo --if-empty
	$(PY) manage.py send_digests --schedule
	$(PY) manage.py collectstatic --noinput --verbosity 0
	@echo "Starting the background worker (e-mail, imports): logs in var/worker.log"
	@$(PY) manage.py db_worker --no-reload > var/worker.log 2>&1 & echo $$! > var/worker.pid
	@trap 'kill $$(cat var/worker.pid) 2>/dev/null' EXIT INT TERM; \
	  $(PY) manage.py runserver 127.0.0.1:$(PORT)

worker: install
	$(PY) manage.py db_worker --no-reload

# The whole suite but the browser journeys and the production leg (.ci/run), on one
# worker per core (pytest-xdist).
test: install
	$(PY) -m pytest -m "not browser and not production" -n auto

browser-test: install
	$(PY) -m pytest -m browser

lint: install
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

format: install
	$(PY) -m ruff check --fix .
	$(PY) -m ruff format .

# Regenerate the vi and en catalogues from the code (needs GNU gettext), fill vi
# from the msgids and compile both (.mo files are committed: `make run` needs no gettext).
messages: install
	$(PY) manage.py makemessages --locale vi --locale en --ignore '.venv/*' --ignore 'node_modules/*' --ignore 'var/*' --ignore 'tests/*' --no-location
	$(PY) manage.py complete_catalogues

# The key pages over HTTP (gunicorn on PostgreSQL, wrk) against a trivial page in the
# same run; writes docs/performance.md. Not part of `make test`. BENCH_POSTS and
# BENCH_ARTICLES set the data size (default 20,000 posts, 2,000 articles).
bench: install
	@command -v wrk >/dev/null || { [ "$$(id -u)" = 0 ] && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; } || echo "wrk missing: using the Python load generator"
	$(PY) bench/run.py --label $${BENCH_LABEL:-after}

clean:
	rm -rf $(VENV) node_modules var/staticfiles

# Types: strict on lib/ and the services modules, lenient elsewhere (pyproject.toml).
typecheck: install
	$(PY) -m mypy .
