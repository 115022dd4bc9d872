# familienbuero – everything a newcomer needs: `make demo` and `make test`.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
PG_URL ?= postgres:///familienbuero
PROD_ENV := SECRET_KEY=check-deploy-$$(head -c 48 /dev/urandom | base64 | tr -d '/+=\n') \
	ALLOWED_HOSTS=familienbuero.example.de DJANGO_SETTINGS_MODULE=familienbuero.settings_production

.PHONY: help install demo serve test lint check-deploy audit messages chromium gettext pdf-libraries postgres clean

help:
	@echo "make demo   – install, migrate, load the Voerde demo data and serve on http://127.0.0.1:8000"
	@echo "make test   – lint, checks and the whole test suite on SQLite and on PostgreSQL"

# Dependencies come from the hashed lock file (`make lock` regenerates it from pyproject.toml); the
# project itself is installed editable on top. `pip check` fails when the lock lacks a new dependency.
$(VENV)/.installed: pyproject.toml requirements-dev.lock
	python3 -m venv $(VENV)
	$(VENV)/bin/pip install -q --upgrade pip
	$(VENV)/bin/pip install -q --require-hashes -r requirements-dev.lock
	$(VENV)/bin/pip install -q --no-deps -e .
	@$(VENV)/bin/pip check >/dev/null || { $(VENV)/bin/pip check; \
		echo "requirements-dev.lock does not satisfy pyproject.toml: run 'make lock'" >&2; exit 1; }
	touch $@

install: $(VENV)/.installed

gettext:
	@command -v msgfmt >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gettext >/dev/null)

chromium:
	@command -v chromium >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null)

# WeasyPrint (PDF notices) warns without HarfBuzz's subsetting library, and the tests turn warnings into
# errors; Pango it needs anyway.
pdf-libraries:
	@ldconfig -p | grep -q libharfbuzz-subset.so && ldconfig -p | grep -q libpangoft2-1.0.so || \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
		libharfbuzz-subset0 libpango-1.0-0 libpangoft2-1.0-0 >/dev/null)

postgres:
	@scripts/ensure-postgres.sh

# The compiled catalogues (.mo) are committed, so `make demo` works without gettext.
# Apps that own a catalogue (src/familienbuero/<app>/locale) keep their strings there, so that
# work on one app never rewrites another's translations; the project catalogue holds the rest.
APP_CATALOGUES := $(patsubst %/locale,%,$(wildcard src/familienbuero/*/locale))
MAKEMESSAGES := DEBUG=1 PYTHONPATH=$(CURDIR)/src DJANGO_SETTINGS_MODULE=familienbuero.settings \
	$(CURDIR)/$(VENV)/bin/django-admin makemessages -l de -l en -l tr -l ar -l uk --no-obsolete -i "migrations/*"

messages: install gettext
	cd src/familienbuero && $(MAKEMESSAGES) $(foreach app,$(APP_CATALOGUES),-i "$(notdir $(app))/*")
	for app in $(APP_CATALOGUES); do (cd $$app && $(MAKEMESSAGES)) || exit 1; done
	DEBUG=1 $(MANAGE) compilemessages -v0

demo: install
	DEBUG=1 $(MANAGE) migrate --noinput -v0
	DEBUG=1 $(MANAGE) load_demo
	@echo ""
	@echo "Serving on http://127.0.0.1:8000/voerde/de/  (staff login: http://127.0.0.1:8000/konto/anmelden/)"
	DEBUG=1 TASKS_BACKEND=django_tasks.backends.immediate.ImmediateBackend $(MANAGE) runserver 127.0.0.1:8000

serve: install
	DEBUG=1 TASKS_BACKEND=django_tasks.backends.immediate.ImmediateBackend $(MANAGE) runserver 127.0.0.1:8000

# bandit: static security analysis, zero findings; justified exceptions in pyproject.toml [tool.bandit].
lint: install
	$(VENV)/bin/ruff check src tests bench scripts
	$(VENV)/bin/ruff format --check src tests bench scripts
	$(VENV)/bin/bandit -c pyproject.toml -q -r src scripts
	$(REUSE_LINT)
	$(HADOLINT)

check-deploy: install
	DJANGO_ALLOW_INSECURE_KEY=1 $(MANAGE) makemigrations --check --dry-run
	$(PROD_ENV) $(MANAGE) check --deploy --fail-level WARNING

# audit: known vulnerabilities in the locked runtime dependencies (pip-audit). Exit 1 (vulnerable) fails.
# Without a reachable vulnerability database the result is "NOT CHECKED" (exit 2): printed in capitals,
# and fatal with AUDIT_REQUIRED=1 (release and CI machines with network); never reported as clean.
audit: install
	@$(PY) scripts/deps_check.py --audit-only requirements.lock; status=$$?; \
	if [ $$status -eq 2 ] && [ "$(AUDIT_REQUIRED)" != "1" ]; then \
		echo "*** DEPENDENCY AUDIT NOT CHECKED (no vulnerability database); AUDIT_REQUIRED=1 makes this fatal ***" >&2; \
		exit 0; fi; exit $$status

# The SQLite and the PostgreSQL pass run side by side (one core each); the SQLite pass's output is
# printed when both are done. TEST_SERIAL=1 runs them one after the other.
test: install gettext chromium pdf-libraries postgres lint check-deploy audit
	@mkdir -p var
	@if [ "$(TEST_SERIAL)" = "1" ]; then \
		scripts/run-pytest.sh SQLite && DATABASE_URL=$(PG_URL) scripts/run-pytest.sh PostgreSQL; \
	else \
		scripts/run-pytest.sh SQLite > var/test-sqlite.log 2>&1 & sqlite=$$!; \
		DATABASE_URL=$(PG_URL) scripts/run-pytest.sh PostgreSQL; pg=$$?; \
		wait $$sqlite; lite=$$?; cat var/test-sqlite.log; \
		echo "SQLite pass: exit $$lite, PostgreSQL pass: exit $$pg"; \
		[ $$lite -eq 0 ] && [ $$pg -eq 0 ]; \
	fi

clean:
	rm -rf $(VENV) var

# --- publishing (licence, SBOM, dependencies) ---
# lock:           requirements.lock (runtime) and requirements-dev.lock (runtime + dev), with hashes, from
#                 pyproject.toml; keeps the current pins. Upgrades: make lock LOCK_ARGS=--upgrade, or
#                 LOCK_ARGS="--upgrade-package django". uv runs from a throwaway venv, not from .venv.
# sbom:           CycloneDX SBOM of the locked runtime dependencies in $(SBOM) (generated, not committed).
# deps-check:     lists locked runtime packages with a newer patch release (exit 1), 2 if PyPI can't be
#                 asked; DEPS_AUDIT=1 adds pip-audit --strict.
# lint-container: hadolint on the Containerfile, failing on every finding.
# reuse:          REUSE compliance (REUSE.toml, LICENSES/).
.PHONY: lock sbom deps-check lint-container reuse
UV_VERSION ?= 0.13.9
LOCK_ARGS ?=
SBOM ?= sbom.cdx.json
UV_COMPILE = "$$tools/bin/uv" pip compile pyproject.toml --universal --python-version 3.11 --generate-hashes \
	--custom-compile-command "make lock" --quiet $(LOCK_ARGS)
REUSE_LINT = $(VENV)/bin/reuse lint
HADOLINT = $(VENV)/bin/hadolint --no-color --failure-threshold style Containerfile

lock:
	@tools=$$(mktemp -d) && trap 'rm -rf "$$tools"' EXIT && \
		python3 -m venv "$$tools" && "$$tools/bin/pip" install -q "uv==$(UV_VERSION)" && \
		$(UV_COMPILE) -o requirements.lock && \
		$(UV_COMPILE) --extra dev --constraint requirements.lock -o requirements-dev.lock
	@echo "requirements.lock and requirements-dev.lock written"

# (The warning about the root component's incomplete dependency graph is expected: a lock file has none.)
sbom: install
	PYTHONWARNINGS=ignore::UserWarning $(VENV)/bin/cyclonedx-py requirements requirements.lock \
		--pyproject pyproject.toml --mc-type application --output-reproducible --of JSON -o $(SBOM)
	@echo "$(SBOM) written"

deps-check: install
	$(PY) scripts/deps_check.py requirements.lock

lint-container: install
	$(HADOLINT)

reuse: install
	$(REUSE_LINT)

# bench-search: 50,000 generated services; p50/p95 of the search view and of the raw full-text query, and
#               their ratio, on SQLite and (when a server answers) PostgreSQL. Not part of `make test`.
.PHONY: bench-search
bench-search: install postgres
	$(PY) bench/search.py
