#!/usr/bin/env bash
# Set up a fresh machine for ringscope: a virtual environment in .venv with the
# package and its development tools installed. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/system-deps.sh
PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e '.[dev]'
