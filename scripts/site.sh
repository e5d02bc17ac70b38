#!/usr/bin/env bash
# Set up, validate the bundled State files, build the site into site/, then serve it.
# Usage: scripts/site.sh [build|serve]   (default: build, then serve on http://127.0.0.1:8000/)
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
.venv/bin/pfp validate --quiet
.venv/bin/mkdocs build --strict --quiet
echo "site: built into site/"
if [ "${1:-serve}" = "serve" ]; then
  exec .venv/bin/mkdocs serve --dev-addr 127.0.0.1:8000
fi
