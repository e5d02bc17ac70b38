#!/usr/bin/env bash
# Set up, validate the bundled State files, build the site in English, French and
# Spanish into site/, then serve it at http://127.0.0.1:8000/ (Ctrl+C to stop).
# Usage: scripts/site.sh [build|serve]   (default: build, then serve)
# For a live preview while editing: .venv/bin/mkdocs serve  (or -f mkdocs.fr.yml)
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export NO_MKDOCS_2_WARNING=1
# Every problem when there is an error; otherwise just the count (warnings do not stop the build).
if ! report=$(.venv/bin/pfp validate 2>&1); then
  echo "$report"
  exit 1
fi
echo "$report" | tail -n 1
.venv/bin/pfp build --site-dir site
if [ "${1:-serve}" = "serve" ]; then
  echo "site: serving site/ at http://127.0.0.1:8000/ (fr: /fr/, es: /es/)"
  exec .venv/bin/python -m http.server --directory site --bind 127.0.0.1 8000
fi
