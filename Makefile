# The two commands of the README: `make run` (set up, demo data, serve) and `make test`.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 5000
export DATA_DIR ?= $(CURDIR)/instance

.PHONY: run test lint setup

$(VENV)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install -q --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.dev-installed: requirements-dev.txt $(VENV)/.installed
	$(VENV)/bin/pip install -q --disable-pip-version-check -r requirements-dev.txt
	touch $@

setup: $(VENV)/.installed

# Real regulations the demo loads into its library: ../shared/corpus when it exists beside the checkout.
CORPUS ?= $(wildcard $(CURDIR)/../shared/corpus)
# make run RESET=1: give the demo accounts new passwords (otherwise a second start keeps them).
RESET ?=

## make run: create the virtualenv, initialise DATA_DIR with the demo mine, and serve the app.
## A second start keeps the passwords and data (nothing is added twice).
# demo sets up or upgrades the database as init does, then prints the logins last (the admin's on the first run).
run: $(VENV)/.installed
	$(PY) run.py demo $(if $(CORPUS),--corpus "$(CORPUS)") $(if $(RESET),--reset)
	$(PY) run.py --host $(HOST) --port $(PORT)

## make lint: style rules and the architecture contracts (kb and quiz stay independent).
lint: $(VENV)/.dev-installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports

## make test: install what the tests need (packages, Chromium, CJK fonts) and run the whole suite.
test: $(VENV)/.dev-installed lint
	bash .ci/system-deps.sh
	$(PY) -m pytest
