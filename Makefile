# LienThong: `make demo` runs the platform with the demo province; `make test` runs the whole suite.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell sha1sum pyproject.toml | cut -c1-12)
HOST ?= 127.0.0.1
PORT ?= 8000
# Debian packages the tests need: the browser for end-to-end tests and fonts with full Vietnamese coverage.
TEST_SYSTEM_PACKAGES := chromium fonts-noto-core fonts-liberation2 gettext libpango-1.0-0 libpangoft2-1.0-0
DEMO_SYSTEM_PACKAGES := fonts-noto-core fonts-liberation2 libpango-1.0-0 libpangoft2-1.0-0

.PHONY: install demo serve test test-fast lint migrate clean messages

$(STAMP): pyproject.toml
	@scripts/ensure-venv.sh $(PYTHON) $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[dev]'
	@rm -f $(VENV)/.installed-* && touch $(STAMP)

install: $(STAMP)

migrate: install
	$(BIN)/python manage.py migrate --noinput

demo: install
	@scripts/ensure-system-packages.sh $(DEMO_SYSTEM_PACKAGES)
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0
	$(BIN)/python manage.py load_units
	$(BIN)/python manage.py load_demo --no-accounts-table
	$(BIN)/python manage.py load_catalog
	@# Second, idempotent run: prints the demo accounts last, just above the server's address.
	$(BIN)/python manage.py load_demo
	@HOST=$(HOST) PORT=$(PORT) scripts/serve.sh

serve: install
	@HOST=$(HOST) PORT=$(PORT) scripts/serve.sh

test: install
	@scripts/ensure-system-packages.sh $(TEST_SYSTEM_PACKAGES)
	$(BIN)/pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check lienthong tests bench
	$(BIN)/ruff format --check lienthong tests bench

messages: install
	@scripts/ensure-system-packages.sh gettext
	cd lienthong && ../$(BIN)/django-admin makemessages -l en --no-obsolete && ../$(BIN)/django-admin compilemessages -l en

clean:
	rm -rf $(VENV) var test-artifacts
