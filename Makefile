# Klusteri: the one entry point. `make run` serves the demo; `make test` runs every test.
SHELL := /bin/bash
UV_VERSION := 0.13.8
UV := python3 -m uv
VENV := .venv
KLUSTERI := $(VENV)/bin/klusteri
HOST ?= 127.0.0.1
PORT ?= 8000
LANGS := fi sv en
EN_PO := klusteri/locale/en/LC_MESSAGES/django.po

.PHONY: help run serve install install-test test lint fmt messages compilemessages clean

help:
	@echo "make run       serve the demo on http://$(HOST):$(PORT) (SQLite under var/)"
	@echo "make test      run the whole test suite (KLUSTERI_DATABASE_URL picks the database)"
	@echo "make lint      ruff check and format check"
	@echo "make fmt       ruff format and fix"
	@echo "make messages  update the fi, sv and en translation catalogues"

uv:
	@$(UV) --version >/dev/null 2>&1 || python3 -m pip install --quiet "uv==$(UV_VERSION)"

install: uv
	@$(UV) sync --frozen --inexact --quiet

install-test: uv
	@$(UV) sync --frozen --inexact --quiet --group dev

compilemessages:
	@cd klusteri && ../$(KLUSTERI) compilemessages --ignore=.venv -v 0

var:
	@mkdir -p var

run: install compilemessages var
	@$(KLUSTERI) migrate --no-input -v 0
	@$(KLUSTERI) seed_demo
	@echo "Serving Klusteri on http://$(HOST):$(PORT)/ with the task worker and the reminders beside it; Ctrl-C stops them all."
	@trap 'kill 0' INT TERM; \
	  $(KLUSTERI) db_worker --no-startup-delay & \
	  $(KLUSTERI) send_reminders --every 300 & \
	  $(KLUSTERI) runserver $(HOST):$(PORT) & \
	  wait

# In parallel: pytest-xdist workers, each with a test database of its own; the fault
# tests that start processes share one worker (--dist loadgroup). Serially:
# PYTEST_ARGS="-n 0" or PYTEST_ARGS="-p no:xdist".
PYTEST_WORKERS ?= 2
test: install-test compilemessages
	$(VENV)/bin/pytest $(if $(findstring no:xdist,$(PYTEST_ARGS)),,-n $(PYTEST_WORKERS) --dist loadgroup) $(PYTEST_ARGS)

lint: install-test
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

fmt: install-test
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

messages: install
	cd klusteri && ../$(KLUSTERI) makemessages --no-obsolete --no-location $(addprefix -l ,$(LANGS)) --ignore=.venv
	@# English is the source language: its catalogue copies each message as it is.
	msgattrib --clear-fuzzy --empty --clear-previous --no-location -o $(EN_PO) $(EN_PO)
	msgen --no-location -o $(EN_PO) $(EN_PO)

clean:
	rm -rf $(VENV) var
