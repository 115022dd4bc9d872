# familienbuero – everything a newcomer needs: `make demo` and `make test`.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
PG_URL ?= postgres:///familienbuero
PROD_ENV := SECRET_KEY=check-deploy-$$(head -c 48 /dev/urandom | base64 | tr -d '/+=\n') \
	ALLOWED_HOSTS=familienbuero.example.de DJANGO_SETTINGS_MODULE=familienbuero.settings_production

.PHONY: help install demo serve test lint check-deploy messages chromium gettext postgres clean

help:
	@echo "make demo   – install, migrate, load the Voerde demo data and serve on http://127.0.0.1:8000"
	@echo "make test   – lint, checks and the whole test suite on SQLite and on PostgreSQL"

$(VENV)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(VENV)/bin/pip install -q --upgrade pip
	$(VENV)/bin/pip install -q -e ".[dev]"
	touch $@

install: $(VENV)/.installed

gettext:
	@command -v msgfmt >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gettext >/dev/null)

chromium:
	@command -v chromium >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null)

postgres:
	@scripts/ensure-postgres.sh

# The compiled catalogues (.mo) are committed, so `make demo` works without gettext.
messages: install gettext
	cd src/familienbuero && DEBUG=1 PYTHONPATH=$(CURDIR)/src DJANGO_SETTINGS_MODULE=familienbuero.settings \
		$(CURDIR)/$(VENV)/bin/django-admin makemessages -l de -l en -l tr -l ar -l uk --no-obsolete -i "migrations/*"
	DEBUG=1 $(MANAGE) compilemessages -v0

demo: install
	DEBUG=1 $(MANAGE) migrate --noinput -v0
	DEBUG=1 $(MANAGE) load_demo
	@echo ""
	@echo "Serving on http://127.0.0.1:8000/voerde/de/  (staff login: http://127.0.0.1:8000/konto/anmelden/)"
	DEBUG=1 $(MANAGE) runserver 127.0.0.1:8000

serve: install
	DEBUG=1 $(MANAGE) runserver 127.0.0.1:8000

lint: install
	$(VENV)/bin/ruff check src tests bench
	$(VENV)/bin/ruff format --check src tests bench

check-deploy: install
	DJANGO_ALLOW_INSECURE_KEY=1 $(MANAGE) makemigrations --check --dry-run
	$(PROD_ENV) $(MANAGE) check --deploy --fail-level WARNING

test: install gettext chromium postgres lint check-deploy
	scripts/run-pytest.sh SQLite
	DATABASE_URL=$(PG_URL) scripts/run-pytest.sh PostgreSQL

clean:
	rm -rf $(VENV) var
