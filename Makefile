# Jixiao: `make run` serves the demo on http://127.0.0.1:8000, `make test` runs the tests.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1:8000

.PHONY: run test install install-dev system-deps system-deps-test messages lint clean

# DEBUG stays off (no traceback pages) unless a developer runs `DEBUG=1 make run`; WhiteNoise
# serves static/ itself (config/settings/local.py), so no collectstatic step is needed.
run: install messages
	$(MANAGE) migrate --noinput
	$(MANAGE) load_demo
	$(MANAGE) runserver $(HOST)

test: install-dev messages
	$(PY) -m pytest $(PYTEST_ARGS)

system-deps:
	PYTHON=$(PYTHON) scripts/system-deps.sh run

system-deps-test:
	PYTHON=$(PYTHON) scripts/system-deps.sh test

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@ $(VENV)/.installed

install: system-deps $(VENV)/.installed

install-dev: system-deps-test $(VENV)/.installed-dev

CATALOG := locale/zh_Hans/LC_MESSAGES/django

messages: $(CATALOG).mo

$(CATALOG).mo: $(CATALOG).po
	msgfmt --check -o $@ $<

lint: install-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy apps config
	DJANGO_SETTINGS_MODULE=config.settings.test $(MANAGE) makemigrations --check --dry-run

clean:
	rm -rf $(VENV) var/staticfiles
