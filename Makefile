# RunCoach: `make run` starts everything, `make test` runs the suite. See README.md.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.DEFAULT_GOAL := help
.PHONY: help venv run test check format migrate migration client client-deps client-check e2e bench bench-ws bench-notify bench-cache bench-login bench-soak bench-client clean

# make test runs the client's checks after the Python suite; CLIENT_CHECK=0 leaves them out
CLIENT_CHECK ?= 1

help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-13s %s\n", $$1, $$2}'

$(STAMP): setup.cfg pyproject.toml
	@$(PYTHON) -c 'import sys; assert sys.version_info[:2] == (3, 11), "RunCoach needs Python 3.11 (set PYTHON=...)"'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip wheel setuptools
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	@touch $(STAMP)

venv: $(STAMP)  ## create .venv and install the project with its dev tools

run: $(STAMP)  ## build the web app if client/ changed (Node 20; none: a warning), start web, worker, clock
	$(BIN)/python -m runcoach.clientbuild --optional
	$(BIN)/python -m runcoach.run

test: $(STAMP)  ## the Python suite (embedded servers, or DATABASE_URL/REDIS_URL), then make client-check
	$(BIN)/python -m pytest $(PYTEST_ARGS)
	@if [ "$(CLIENT_CHECK)" != 0 ]; then $(MAKE) --no-print-directory client-check; fi

client: $(STAMP)  ## build the web export of client/ into client/dist if it changed (needs Node 20)
	$(BIN)/python -m runcoach.clientbuild

client-deps: $(STAMP)  ## npm ci in client/ if its lockfile changed (needs Node 20)
	$(BIN)/python -m runcoach.clientbuild --deps

client-check: $(STAMP)  ## the client's checks (npm run check: tsc, eslint, jest; npm run api:check)
	$(BIN)/python -m runcoach.clientbuild --check

e2e: client  ## browser tests: a real make run driven by headless chromium (Debian's; screenshots in client/e2e/screenshots)
	$(BIN)/python -m pytest -m e2e tests/e2e $(PYTEST_ARGS)

check: $(STAMP)  ## ruff (lint + format) and mypy
	$(BIN)/ruff check runcoach actors tests bench
	$(BIN)/ruff format --check runcoach actors tests bench
	$(BIN)/mypy

format: $(STAMP)  ## apply ruff's fixes and formatting
	$(BIN)/ruff check --fix runcoach actors tests bench
	$(BIN)/ruff format runcoach actors tests bench

migrate: $(STAMP)  ## apply migrations to DATABASE_URL (or the running embedded server)
	$(BIN)/python -m runcoach.migrate

migration: $(STAMP)  ## write a new migration from the models: make migration NAME=add_x
	$(BIN)/aerich migrate --name $(NAME)

bench: $(STAMP)  ## HTTP benchmark: /healthz vs an authenticated workouts page
	$(BIN)/python bench/http_bench.py $(BENCH_ARGS)

bench-ws: $(STAMP)  ## websocket benchmark: /ws/coach sessions vs a bare Sanic handler
	$(BIN)/python bench/ws_bench.py $(BENCH_ARGS)

bench-notify: $(STAMP)  ## notification benchmark: digest fan-out through one worker, digest tick
	$(BIN)/python bench/notify_bench.py $(BENCH_ARGS)

bench-cache: $(STAMP)  ## cache benchmark: cached vs uncached dashboard, workouts, load; healthz
	$(BIN)/python bench/cache_bench.py $(BENCH_ARGS)

bench-login: $(STAMP)  ## login burst: /healthz p50/p99 idle and during 50 concurrent logins
	$(BIN)/python bench/login_burst.py $(BENCH_ARGS)

bench-soak: $(STAMP)  ## soak: 10 min of mixed HTTP and websocket load; RSS, fds and connections flat
	$(BIN)/python bench/soak.py $(BENCH_ARGS)

bench-client: client  ## web app: bundle sizes, dashboard first render with data, coach first word vs server
	$(BIN)/python bench/client_bench.py $(BENCH_ARGS)

clean:  ## remove test leftovers (keeps var/pg and var/redis, your data)
	rm -rf var/test var/bench-* var/ws-bench-* var/e2e-* .pytest_cache .mypy_cache .ruff_cache
