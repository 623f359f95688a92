# The two commands: `make run` (the product on SQLite with demo data) and `make test`.
SHELL := /bin/bash
PORT ?= 8000
UV := python3 -m uv

.PHONY: run test install assets .uv-installed

.uv-installed:
	@python3 -m uv --version >/dev/null 2>&1 || python3 -m pip install --quiet uv

install: .uv-installed
	$(UV) sync --frozen --quiet
	@$(MAKE) --no-print-directory assets

assets: static/vendor/.built

static/vendor/.built: package.json package-lock.json scripts/build_assets.py
	npm ci --no-audit --no-fund --loglevel=error
	$(UV) run --frozen python scripts/build_assets.py
	@touch $@

run: install
	@mkdir -p var
	$(UV) run --frozen python manage.py migrate --no-input -v 0
	$(UV) run --frozen python manage.py policy validate
	$(UV) run --frozen python manage.py demo
	@echo
	@echo "macehub is running at http://127.0.0.1:$(PORT)/  (sign in with a demo account above)"
	@echo "Get a demo account's current code with: $(UV) run python manage.py demo_code USERNAME"
	PORT=$(PORT) ./scripts/run.sh

test: install
	./scripts/test.sh
