# Two commands for a newcomer: `make run` serves the portal with demo data, `make test` runs everything;
# `make start` serves an empty portal for a municipality's own data.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
PORT   ?= 8000

.DEFAULT_GOAL := help
.PHONY: help install install-test run start demo test test-clock lint format migrate messages clean-db

help: ## List the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-z-]+:.*## / {printf "  make %-13s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

$(PY):
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { echo "Python 3.11 or newer is needed (found: $$($(PYTHON) --version))."; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e .
	@touch $@

$(VENV)/.installed-test: pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e ".[test]"
	@touch $@ $(VENV)/.installed

install: $(VENV)/.installed ## Create .venv and install the portal

install-test: $(VENV)/.installed-test ## Install the portal with the test tools

migrate: install ## Create or update the database tables
	$(PY) manage.py migrate --no-input

demo: migrate ## Load the Enschede demo data (when the database is empty) and the demo users
	$(PY) manage.py load_demo --if-empty
	$(PY) manage.py extend_agenda_dates

run: demo ## Set up and serve the portal with demo data on http://127.0.0.1:$(PORT)/
	@echo ""
	@echo "  Ontmoeting runs at http://127.0.0.1:$(PORT)/  (beheer: http://127.0.0.1:$(PORT)/beheer/)"
	@$(PY) manage.py demo_logins
	@echo ""
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

start: migrate ## Set up and serve an empty portal for your own data (no demo) on http://127.0.0.1:$(PORT)/
	@$(PY) manage.py demo_logins --warn-demo
	$(PY) manage.py extend_agenda_dates
	@$(PY) manage.py create_administrator --if-none
	@echo ""
	@echo "  Ontmoeting runs at http://127.0.0.1:$(PORT)/  (beheer: http://127.0.0.1:$(PORT)/beheer/)"
	@echo "  Next steps: README.md, section 'Met uw eigen gegevens beginnen'."
	@echo ""
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

lint: install-test ## ruff lint and format check
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install-test ## Format the code with ruff
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

test: lint ## Set up and run the whole test suite (lint, migrations check, pytest incl. browser tests)
	$(PY) manage.py makemigrations --check --dry-run
	$(VENV)/bin/pytest --ds=ontmoeting.settings.test -n auto --dist loadfile

test-clock: install-test ## Run the suite (but the browser tests) at six other moments, under libfaketime
	$(PY) scripts/test_clock.py

messages: install ## Update locale/nl (makemessages; needs GNU gettext) and compile it
	$(PY) manage.py makemessages -l nl --no-obsolete --ignore=.venv --ignore=var --ignore=staticfiles --ignore=tests
	$(PY) manage.py compilemessages -l nl --ignore=.venv

clean-db: ## Stop using and delete the embedded database under var/postgres
	rm -rf var/postgres
