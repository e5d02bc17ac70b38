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
.venv/bin/python -m pytest -q -p no:cacheprovider tests/test_layering.py
# No new duplicated code: the workplace's `duplicates` tool, where it is installed, against a ceiling.
if command -v duplicates >/dev/null 2>&1; then
  pairs=$(duplicates --most 200 --seconds 60 | head -n 1 | grep -oE '^[0-9]+' || echo 0)
  ceiling=$(cat scripts/duplicates-ceiling.txt)
  if [ "$pairs" -gt "$ceiling" ]; then
    echo "duplicates: $pairs pairs of repeated code, more than the ceiling of $ceiling; run 'duplicates --change'" >&2
    exit 1
  fi
  echo "duplicates: $pairs pairs (ceiling $ceiling)"
fi
.venv/bin/pfp generate --check
# Examples are ours: strict. States' files: advisory, so a State's pull request is never refused for its layout.
.venv/bin/pfp format --check examples
.venv/bin/pfp format --check --advisory states
# Benchmark smoke test (not a pass/fail on speed): small synthetic data, one run.
.venv/bin/python bench/run.py --quick | tail -n 1
.venv/bin/python -m pytest -n 2 "$@"
# The built site and the workflows, checked offline: Nu HTML checker, lychee, zizmor.
scripts/check_site.sh
