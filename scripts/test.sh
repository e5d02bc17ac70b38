#!/usr/bin/env bash
# Set up and run the whole test suite: lint, generated-file drift, unit, rules,
# golden and browser tests. Browser tests use Debian's /usr/bin/chromium; with
# CI=true a missing Chromium is a failure, not a skip.
set -euo pipefail
cd "$(dirname "$0")/.."
export NO_MKDOCS_2_WARNING=1  # Material's notice about MkDocs 2; we pin mkdocs<2
scripts/setup.sh dev,browser,bench
.venv/bin/ruff check build_hooks tests scripts bench
.venv/bin/ruff format --check build_hooks tests scripts bench
.venv/bin/mypy
.venv/bin/pfp generate --check
# Benchmark smoke test (not a pass/fail on speed): small synthetic data, one run.
.venv/bin/python bench/run.py --quick | tail -n 1
.venv/bin/python -m pytest -n 2 "$@"
