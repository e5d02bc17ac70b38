#!/usr/bin/env bash
# Create .venv (if missing) and install the project with the pinned versions.
# Usage: scripts/setup.sh [EXTRAS]   e.g. scripts/setup.sh dev,browser
set -euo pipefail
cd "$(dirname "$0")/.."
extras="${1:-}"
python3 -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed")'
if [ ! -x .venv/bin/python ]; then
  if ! python3 -m venv .venv >/dev/null 2>&1; then
    # Debian splits venv/ensurepip into python3-venv; install it when we can.
    rm -rf .venv
    if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
      apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv >/dev/null
      python3 -m venv .venv
    else
      echo "setup: python3 -m venv failed; install Debian's python3-venv package" >&2
      exit 1
    fi
  fi
fi
spec="."
if [ -n "$extras" ]; then spec=".[$extras]"; fi
.venv/bin/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e "$spec"
