# peerqa: `make run` sets everything up and serves http://127.0.0.1:8000; `make test` runs every test.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export PEERQA_DATA_DIR ?= $(CURDIR)/peerqa-data

.PHONY: help install frontend run migrate demo test e2e screenshots lint schema migrations bench bench-scoring fairness reliability clean

help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]' --config-settings editable_mode=strict
	touch $(STAMP)

install: $(STAMP)  ## create .venv and install peerqa with its dev tools
	@# strict editable installs link each module: relink so new modules are seen
	@if [ -n "$$(find core schema plugins -name '*.py' -newer $(STAMP) 2>/dev/null | head -1)" ] || [ -n "$$(find core schema plugins -name '*.json' -newer $(STAMP) 2>/dev/null | head -1)" ]; then \
		$(BIN)/pip install --quiet -e '.[dev]' --config-settings editable_mode=strict && touch $(STAMP); fi

frontend/node_modules/.package-lock.json: frontend/package-lock.json
	cd frontend && npm ci --no-audit --no-fund
	touch $@

frontend: frontend/node_modules/.package-lock.json  ## install and build the web UI
	cd frontend && npm run build

migrate: install  ## apply database migrations
	$(BIN)/peerqa migrate

demo: migrate  ## seed the demo data if the database is empty
	PEERQA_ENV=$${PEERQA_ENV:-development} $(BIN)/peerqa demo --if-empty

run: install frontend demo  ## set up everything and serve on http://127.0.0.1:8000
	PEERQA_ENV=$${PEERQA_ENV:-development} $(BIN)/peerqa serve

test: install frontend  ## set up and run every test (Python on SQLite, and PostgreSQL when configured)
	$(MAKE) --no-print-directory lint
	cd frontend && npm test
	$(MAKE) --no-print-directory e2e
	$(BIN)/python -m peerqa.schema check
	$(BIN)/pytest

CHROMIUM ?= /usr/bin/chromium
e2e: install frontend  ## browser journeys + axe (needs Chromium; PEERQA_REQUIRE_E2E=1 makes a missing one an error)
	@if [ -x "$(CHROMIUM)" ]; then \
		cd frontend && PEERQA_CHROMIUM="$(CHROMIUM)" npm run e2e; \
	elif [ "$${PEERQA_REQUIRE_E2E:-0}" = 1 ]; then \
		echo "e2e: no Chromium at $(CHROMIUM) and PEERQA_REQUIRE_E2E=1: apt-get install -y chromium" >&2; exit 1; \
	else \
		echo "e2e: skipped, no Chromium at $(CHROMIUM). Install it with: sudo apt-get install -y chromium"; \
	fi

GUIDE_SHOTS := host-review-overview host-personal-data-warning host-self-evaluation-complete host-version-conflict \
	reviewer-home reviewer-evidence-added reviewer-evidence-personal-data reviewer-evidence-offline \
	reviewer-evidence-768 session-expired-sign-in reviewer-independent-judgement lead-colleagues-judgements \
	lead-consensus-side-by-side lead-report-letter reviewer-raise-concern reviewer-concern-recorded moderator-home \
	school-page admin-plugins \
	moderator-queue moderator-moderation-screen moderator-adjust-error moderator-adjusted host-moderation-outcome \
	host-factual-accuracy lead-answers-factual-accuracy host-publish-blocked moderator-concern-inbox \
	moderator-concern-actions host-published governor-report moderator-statistics \
	host-appeal-lodged moderator-appeal-refused moderator-appeal-decided \
	lead-asks-duty-moderator moderator-answers-consultation admin-users
screenshots: e2e  ## run the e2e suite and copy its screenshots used by docs/guide into docs/guide/images/
	mkdir -p docs/guide/images
	@for name in $(GUIDE_SHOTS); do \
		src=$$(ls frontend/test-artifacts/screenshots/*-$$name.png 2>/dev/null | head -1); \
		if [ -n "$$src" ]; then cp "$$src" "docs/guide/images/$$name.png"; else echo "missing screenshot: $$name" >&2; exit 1; fi; \
	done

lint: install  ## ruff and mypy
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy -p peerqa

schema: install  ## export schema/schema.graphql
	$(BIN)/python -m peerqa.schema export

migrations: install  ## write a migration for model changes (developers)
	$(BIN)/peerqa makemigrations

bench: install  ## import benchmark: census on SQLite and PostgreSQL (rows/s, peak memory)
	$(BIN)/python benchmarks/import_bench.py --postgres $${PEERQA_BENCH_POSTGRES_URL:-postgresql://postgres@127.0.0.1:5432/postgres}

bench-scoring: install  ## score every school in the real 2018/19 data twice (schools/s, re-run writes nothing)
	$(BIN)/python benchmarks/score_bench.py

fairness: install  ## flag rates by FSM-ever quintile: raw Attainment 8, Progress 8, the curriculum band
	$(BIN)/python benchmarks/fairness.py

reliability: install  ## simulate 200 reviews into a scratch database and check the statistics recover them
	$(BIN)/python benchmarks/reliability_db.py --reviews 200 --seed 1

clean:  ## remove the virtualenv, builds and local data
	rm -rf $(VENV) build *.egg-info frontend/node_modules frontend/dist frontend/src/gql frontend/test-artifacts peerqa-data
